"""Languages and locale-aware formatting (babel): 18.600 and 22/05/2024 in Vietnamese.

Every number or date shown to a user goes through these functions; nothing formats by hand.
"""

import os
from collections.abc import Mapping
from datetime import date, datetime
from functools import cache
from gettext import c2py
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_datetime
from babel.messages.plurals import get_plural
from babel.numbers import format_decimal, format_percent

from models.catalogs import Catalog

LANGUAGES = ("vi", "en")
DEFAULT_LANGUAGE = "vi"
LANG_ENV = "ENGAGEMENT_MONITOR_LANG"
_LOCALES = {"vi": "vi_VN", "en": "en_GB"}


def language(requested: str | None = None) -> str:
    """The language to speak: the one asked for, else ``$ENGAGEMENT_MONITOR_LANG``, else Vietnamese."""
    lang = (requested or os.environ.get(LANG_ENV) or DEFAULT_LANGUAGE).lower()[:2]
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


Texts = Mapping[str, Mapping[str, str | tuple[str, ...]]]


def translate(catalog: Texts, key: str, lang: str, **values) -> str:
    """The text for ``key`` in ``lang`` (English if missing), with ``{values}`` filled in; of a
    plural entry, the form the language uses for ``values["count"]``."""
    texts = catalog[key]
    text = texts.get(lang)
    if not text or (isinstance(text, tuple) and not all(text)):
        lang, text = "en", texts["en"]
    if isinstance(text, tuple):
        text = text[_plural_form(lang, values["count"])]
    return text.format(**values) if values else text


@cache
def _plural_rule(lang: str):
    """gettext's plural rule of ``lang`` (English: one, other; Vietnamese: one form)."""
    _, expression = get_plural(_LOCALES.get(lang, lang))
    return c2py(expression)


def _plural_form(lang: str, count: int) -> int:
    return _plural_rule(lang)(abs(int(count)))


def _missing(value: object) -> bool:
    """None, NaN or pandas' NA: a number not known (a count an export left empty, say)."""
    try:
        return value is None or bool(value != value)
    except TypeError:  # pandas' NA refuses to be a truth value
        return True


def fmt_int(value: float | int | None, lang: str, missing: str = "–") -> str:
    if _missing(value):
        return missing
    return format_decimal(round(value), locale=_LOCALES[language(lang)])


# Office phrasing of a rounded figure: "hơn 18.600" (more than), "gần 2.000" (nearly).
_ABOUT = Catalog("models", "approximate")
NEARLY_WITHIN = 0.015  # "nearly X" only when the true figure is at most 1.5 % below X


def approximate(value: int) -> tuple[str, int]:
    """The rounded figure an office writes for ``value`` and how it relates to it.

    ``("exact", n)`` below 1,000 or when nothing is lost; ``("nearly", n)`` with n the next round
    number of two significant digits when ``value`` is just below it (within a quarter of its last
    digit and 1.5 %: 1,977 → nearly 2,000); otherwise ``("more_than", n)`` with n ``value`` cut to
    three significant digits (18,643 → more than 18,600). So "more than" is always below the truth
    and "nearly" always above it."""
    value = int(value)
    if value < 1000:
        return "exact", value
    digits = len(str(value))
    coarse = 10 ** (digits - 2)
    ceiling = -(-value // coarse) * coarse
    gap = ceiling - value
    if gap > 0 and 4 * gap <= coarse and gap <= NEARLY_WITHIN * ceiling:
        return "nearly", ceiling
    fine = 10 ** (digits - 3)
    floor = value // fine * fine
    return ("exact", value) if floor == value else ("more_than", floor)


def fmt_about(value: float | int | None, lang: str, missing: str = "–") -> str:
    """``value`` rounded the way reports say it: "hơn 18.600" / "more than 18,600", "gần 2.000"."""
    if _missing(value):
        return missing
    relation, figure = approximate(round(value))
    return translate(_ABOUT, relation, language(lang), figure=fmt_int(figure, lang))


def fmt_decimal(value: float | None, lang: str, digits: int = 1, missing: str = "–") -> str:
    if _missing(value):
        return missing
    pattern = "#,##0." + "0" * digits if digits else "#,##0"
    return format_decimal(value, format=pattern, locale=_LOCALES[language(lang)])


def significant(value: float, digits: int = 2) -> float:
    """``value`` rounded to ``digits`` significant digits (a p-value of 0,0392 → 0,039)."""
    return float(f"{value:.{digits}g}")


def fmt_p_value(value: float | None, lang: str, missing: str = "–") -> str:
    """A p-value with two significant digits: 0,04, 0,33, 0,0099 (never 0,0)."""
    if value is None:
        return missing
    return format_decimal(significant(value), format="0.00##", locale=_LOCALES[language(lang)])


def fmt_percent(value: float | None, lang: str, digits: int = 1, missing: str = "–") -> str:
    if _missing(value):
        return missing
    pattern = "#,##0." + "0" * digits + "%" if digits else "#,##0%"
    return format_percent(value, format=pattern, locale=_LOCALES[language(lang)])


def fmt_date(value: date | None, lang: str, missing: str = "–") -> str:
    if value is None:
        return missing
    return format_date(value, format="dd/MM/yyyy", locale=_LOCALES[language(lang)])


def fmt_day(value: date, lang: str) -> str:
    """A day as running text writes it: "13/5/2024" (no leading zeros) or "13 May 2024"."""
    pattern = "d/M/yyyy" if language(lang) == "vi" else "d MMMM yyyy"
    return format_date(value, format=pattern, locale=_LOCALES[language(lang)])


def fmt_month(value: date, lang: str) -> str:
    """The month of ``value``: "5/2024" or "May 2024"."""
    pattern = "M/yyyy" if language(lang) == "vi" else "MMMM yyyy"
    return format_date(value, format=pattern, locale=_LOCALES[language(lang)])


def fmt_document_date(place: str, value: date, lang: str) -> str:
    """The place and date line of a document: "Lào Cai, ngày 05 tháng 02 năm 2024" (Decree
    30/2020: days below 10 and the months January and February take a leading zero), or
    "Lao Cai, 5 February 2024"."""
    if language(lang) == "vi":
        month = "MM" if value.month < 3 else "M"
        pattern = f"'ngày' dd 'tháng' {month} 'năm' yyyy"
    else:
        pattern = "d MMMM yyyy"
    return f"{place}, {format_date(value, format=pattern, locale=_LOCALES[language(lang)])}"


def fmt_datetime(
    value: datetime | None, lang: str, timezone: str = "Asia/Ho_Chi_Minh", missing: str = "–"
) -> str:
    """A moment shown in the channel's local time."""
    if value is None:
        return missing
    return format_datetime(
        value,
        format="dd/MM/yyyy HH:mm",
        tzinfo=ZoneInfo(timezone),
        locale=_LOCALES[language(lang)],
    )


def fmt_time(
    value: datetime | None, lang: str, timezone: str = "Asia/Ho_Chi_Minh", missing: str = "–"
) -> str:
    """The time of day of a moment (20:36), in the channel's local time."""
    if value is None:
        return missing
    return format_datetime(value, format="HH:mm", tzinfo=ZoneInfo(timezone), locale=_LOCALES[language(lang)])
