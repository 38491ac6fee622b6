"""The dashboard's words, Vietnamese first and English: the one translations module of the interface.

Labels of rates name their denominator; numbers and dates are never formatted here but by
``models.i18n`` (babel).
"""

from babel.numbers import get_decimal_symbol, get_group_symbol

from models.activities import kind_name
from models.catalogs import Catalog
from models.i18n import LANGUAGES, translate

LANGUAGE_NAMES = {"vi": "Tiếng Việt", "en": "English"}

TEXTS = Catalog("dashboard", "dashboard")


def t(key: str, lang: str, **values) -> str:
    """The interface text ``key`` in ``lang``."""
    return translate(TEXTS, key, lang, **values)


def kind_label(kind: str, lang: str) -> str:
    """A content kind in the user's words (unknown kinds as they are)."""
    return t(f"kind_{kind}", lang) if f"kind_{kind}" in TEXTS else kind


def platform_label(platform: str, lang: str) -> str:
    """A platform's name (unknown platforms as they are)."""
    return t(f"platform_{platform}", lang) if f"platform_{platform}" in TEXTS else platform


def category_label(category: str, lang: str) -> str:
    """An enrolment category in the user's words (categories the office defined as they are)."""
    return t(f"category_{category}", lang) if f"category_{category}" in TEXTS else category


def kpi_category_label(category: str, lang: str) -> str:
    """An enrolment category as a key figure card's label: a short name when the full one is long."""
    key = f"kpi_category_{category}"
    return t(key, lang) if key in TEXTS else category_label(category, lang)


def activity_kind_label(kind: str, lang: str) -> str:
    """A kind of activity in the user's words (``Gian hàng tư vấn`` / ``Booth or consultation point``)."""
    return kind_name(kind, lang)


def status_label(status: str, lang: str) -> str:
    return t(f"status_{status}", lang) if f"status_{status}" in TEXTS else status


def number_separators(lang: str) -> str:
    """Plotly's ``layout.separators`` for ``lang``: the decimal then the thousands symbol (babel's)."""
    return get_decimal_symbol(lang) + get_group_symbol(lang)


def other_language(lang: str) -> str:
    return next(code for code in LANGUAGES if code != lang)


# Exports (CSV, Excel, the printable report): their own words only; the labels of metrics, content
# kinds and enrolment categories are the interface's above. ``col_*`` name a column the interface
# has no word for.
EXPORT_TEXTS = Catalog("dashboard", "export")


def export_text(key: str, lang: str, **values) -> str:
    """An export's text ``key`` in ``lang``: its own catalog first, then the interface's."""
    return translate(EXPORT_TEXTS if key in EXPORT_TEXTS else TEXTS, key, lang, **values)


# The Word report (dashboard/exports/docx.py, dashboard/report_narrative.py): the letterhead of a
# Vietnamese administrative document and the sentences written from the data.
REPORT_TEXTS = Catalog("dashboard", "report")


def report_text(key: str, lang: str, **values) -> str:
    """A text of the Word report: its own catalog first, then the exports' and the interface's."""
    if key in REPORT_TEXTS:
        return translate(REPORT_TEXTS, key, lang, **values)
    return export_text(key, lang, **values)


# Sign-in, roles and the audit trail (dashboard/auth_ui.py).
AUTH_TEXTS = Catalog("dashboard", "auth")
