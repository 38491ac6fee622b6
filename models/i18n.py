"""Languages and locale-aware formatting (babel): 18.600 and 22/05/2024 in Vietnamese.

Every number or date shown to a user goes through these functions; nothing formats by hand.
"""

import os
from collections.abc import Mapping
from datetime import date, datetime
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_datetime
from babel.numbers import format_decimal, format_percent

LANGUAGES = ("vi", "en")
DEFAULT_LANGUAGE = "vi"
LANG_ENV = "ENGAGEMENT_MONITOR_LANG"
_LOCALES = {"vi": "vi_VN", "en": "en_GB"}


def language(requested: str | None = None) -> str:
    """The language to speak: the one asked for, else ``$ENGAGEMENT_MONITOR_LANG``, else Vietnamese."""
    lang = (requested or os.environ.get(LANG_ENV) or DEFAULT_LANGUAGE).lower()[:2]
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def translate(catalog: Mapping[str, Mapping[str, str]], key: str, lang: str, **values) -> str:
    """The text for ``key`` in ``lang`` (English if missing), with ``{values}`` filled in."""
    texts = catalog[key]
    text = texts.get(lang) or texts["en"]
    return text.format(**values) if values else text


def fmt_int(value: float | int | None, lang: str, missing: str = "–") -> str:
    if value is None:
        return missing
    return format_decimal(round(value), locale=_LOCALES[language(lang)])


def fmt_decimal(value: float | None, lang: str, digits: int = 1, missing: str = "–") -> str:
    if value is None:
        return missing
    pattern = "#,##0." + "0" * digits if digits else "#,##0"
    return format_decimal(value, format=pattern, locale=_LOCALES[language(lang)])


def fmt_percent(value: float | None, lang: str, digits: int = 1, missing: str = "–") -> str:
    if value is None:
        return missing
    pattern = "#,##0." + "0" * digits + "%" if digits else "#,##0%"
    return format_percent(value, format=pattern, locale=_LOCALES[language(lang)])


def fmt_date(value: date | None, lang: str, missing: str = "–") -> str:
    if value is None:
        return missing
    return format_date(value, format="dd/MM/yyyy", locale=_LOCALES[language(lang)])


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
