"""Small drawing helpers shared by the pages: charts with their PNG download, tables formatted by
babel in the chosen language (sortable on the underlying numbers; a short list on a phone), and
errors as one readable line."""

import hashlib
import importlib
import logging
import re
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard import chart_images, charts
from dashboard.charts import chart_config
from dashboard.exports.tables import Format
from dashboard.i18n import t
from models.errors import UserError
from models.i18n import fmt_date, fmt_datetime, fmt_decimal, fmt_int, fmt_percent
from models.periods import period_label
from models.tables import DEFAULT_TIMEZONE

log = logging.getLogger("engagement_monitor.dashboard")

# A column is shown by its declared format (the exports' ``Format``) or by a function of its own.
Shown = Format | Callable[[Any], str]
MISSING = fmt_int(None, "vi")  # babel's functions show a missing value as this dash, in every language
# Streamlit styles at most this many cells (pandas' styler.render.max_elements) and fails beyond.
MAX_STYLED_CELLS = 262_144
# Every character Markdown (and Streamlit's additions: $LaTeX$, :colour[...]) gives a meaning to.
_MARKDOWN_SIGN = re.compile(r"([\\`*_{}\[\]()#+\-.!|~<>$:&=\"'])")


def plain(text: str) -> str:
    """``text`` for st.error, st.success, st.caption and the like, which read Markdown: every sign
    escaped so that a cell value quoted in a message (``![x](http://…)``, ``[sign in](…)``) shows as
    the characters it is, never as an image fetched or a link; line breaks stay line breaks."""
    return "  \n".join(_MARKDOWN_SIGN.sub(r"\\\1", line) for line in str(text).splitlines())


PHONE_ROWS = 10  # a table on a phone: this many rows as a list, the rest said in one line
# Wide tables and their phone lists: each drawn in a keyed container, one of the two hidden by width.
# Streamlit's own controls that speak English only (no option translates them) are hidden: the
# tables' hover toolbar ("Download as CSV", "Search", "Fullscreen"; the sidebar's Excel and CSV
# downloads carry the same tables), their column menu ("Sort ascending", "Pin column"…; tables come
# in their useful order) and the date fields' calendar ("May", "S M T W…"; the day, month and year
# are typed or stepped with the arrow keys in the field itself).
PHONE_CSS = """<style>
@media (max-width: 640px) { [class*="st-key-wide_"] { display: none; } }
@media (min-width: 641px) { [class*="st-key-phone_"] { display: none; } }
[data-testid="stElementToolbar"], [data-testid="stDateInputCalendarButton"],
[data-testid="stDateInputCalendar"], [data-testid="stDataFrameColumnMenu"] { display: none !important; }
</style>"""


def figure(
    chart: go.Figure, filename: str, key: str | None = None, full: Callable[[], go.Figure] | None = None
) -> None:
    """A Plotly chart across the page: its title above it as text (which wraps on a phone, where
    Plotly's would be cut), and a button that downloads it as a PNG to share (:func:`png_button`).
    ``full`` gives the figure with its title when ``chart`` has none (a kept, untitled copy)."""
    title = chart.layout.title.text
    if title:
        full = full or (lambda: chart)
        chart = go.Figure(chart).update_layout(title_text=None, margin_t=24)
    _title_and_chart(chart, title or "", filename, key, full)


def _title_and_chart(
    chart: go.Figure, title: str, filename: str, key: str | None, full: Callable[[], go.Figure] | None
) -> None:
    if title:
        st.markdown(f"**{plain(title)}**")
    st.plotly_chart(chart, config=chart_config(filename), key=key)
    if full is not None:
        png_button(full, filename, key)


def png_button(full: Callable[[], go.Figure], filename: str, key: str | None = None) -> None:
    """ "Download as PNG": the chart with its title, the period, the office and the source line, drawn
    when clicked (a browser draws it, a second or two)."""
    lang = st.session_state.get("lang", "vi")
    st.download_button(
        t("download_png", lang),
        data=lambda: chart_png(full(), lang),
        file_name=f"{filename}.png",
        mime="image/png",
        key=f"png_{key or filename}",
        on_click="ignore",
        icon=":material/download:",
        type="tertiary",
    )


def chart_png(chart: go.Figure, lang: str) -> bytes:
    """The PNG of ``chart`` to paste into Zalo or Word: titled, with the period shown, the office
    (the Word report's letterhead) and the source line."""
    from dashboard import data
    from dashboard.downloads import report_settings  # the sources file is read only for a download
    from dashboard.filters import VIEW

    view = st.session_state.get(VIEW)
    period = (
        t("chart_period", lang, period=period_label(view.scope.start, view.scope.end, lang))
        if view is not None
        else ""
    )
    settings = report_settings(data.engine())
    office = settings.agency if lang == "vi" else (settings.agency_en or settings.agency)
    source = t("chart_source", lang, made=fmt_date(date.today(), lang))
    shared = charts.shareable(chart, lang, period, office, source)
    return chart_images.render_pngs([shared], charts.SHARE_WIDTH_PX, scale=2)[0]


@st.cache_resource(show_spinner=False, max_entries=256)
def _built(module: str, name: str, args: tuple, options: tuple) -> go.Figure:
    return getattr(importlib.import_module(module), name)(*args, **dict(options))


@st.cache_resource(show_spinner=False, max_entries=256)
def _on_screen(module: str, name: str, args: tuple, options: tuple) -> go.Figure:
    """The kept figure without its title (the page writes it above the chart)."""
    return go.Figure(_built(module, name, args, options)).update_layout(title_text=None, margin_t=24)


def chart(
    build: Callable[..., go.Figure], *args: Any, filename: str, key: str | None = None, **options: Any
) -> None:
    """``figure(build(*args, **options), filename)``, the figure kept for the same arguments: a
    page's charts are rebuilt only when their data or settings change (building a Plotly figure
    validates every property and cost most of a warm page's run). Figures shown this way are
    never changed afterwards, so one object can serve every session."""
    where = (build.__module__, build.__name__, args, tuple(sorted(options.items())))
    titled = _built(*where)
    _title_and_chart(_on_screen(*where), titled.layout.title.text or "", filename, key, lambda: titled)


def formatter(kind: Shown, lang: str) -> Callable[[Any], str]:
    """The babel formatter of a column's format: count, decimal, percent, change, date, datetime or text."""
    if callable(kind):
        return kind
    functions: dict[str, Callable[[Any], str]] = {
        Format.COUNT: lambda value: fmt_int(None if pd.isna(value) else value, lang),
        Format.DECIMAL: lambda value: fmt_decimal(None if pd.isna(value) else value, lang),
        Format.PERCENT: lambda value: fmt_percent(None if pd.isna(value) else value, lang),
        Format.CHANGE: lambda value: _signed(value, lang),
        Format.DATE: lambda value: fmt_date(None if pd.isna(value) else value, lang),
        Format.DATETIME: lambda value: fmt_datetime(
            None if pd.isna(value) else pd.Timestamp(value).to_pydatetime(), lang, DEFAULT_TIMEZONE
        ),
        Format.TEXT: lambda value: (
            "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)
        ),
    }
    return functions[kind]


def _signed(value: Any, lang: str) -> str:
    if value is None or pd.isna(value):
        return fmt_percent(None, lang)
    return ("+" if value > 0 else "") + fmt_percent(value, lang)


def table(
    frame: pd.DataFrame,
    columns: Mapping[str, tuple[str, Shown]],
    lang: str,
    column_config: Mapping[str, Any] | None = None,
    key: str | None = None,
    height: int | str = "auto",
    phone: Sequence[str] | None = None,
) -> None:
    """``frame``'s ``columns`` (name → (header, format)) as a sortable table whose cells read in the
    chosen language; a ``Format.URL`` column is left to its ``column_config``. On a phone the table is a
    short list of the ``phone`` columns (the first three unless told) of its first rows instead."""
    shown = frame[list(columns)].rename(columns={name: header for name, (header, _) in columns.items()})
    formats = {header: formatter(kind, lang) for header, kind in columns.values() if kind != Format.URL}
    # The table shows an empty cell as "None" whatever the formatter says: a column with empty cells
    # holds its formatted text instead (it then sorts as text).
    for header, format_value in list(formats.items()):
        if shown[header].isna().any():
            shown[header] = [MISSING if _missing(value) else format_value(value) for value in shown[header]]
            del formats[header]
    if shown.size > MAX_STYLED_CELLS:  # Streamlit refuses to style more: the cells as text instead
        shown = shown.assign(
            **{header: [_formatted(fmt, value) for value in shown[header]] for header, fmt in formats.items()}
        )
        formats = {}
    name = key or "t" + hashlib.sha1(repr(list(shown.columns)).encode()).hexdigest()[:10]
    with st.container(key=f"wide_{name}"):
        st.dataframe(
            shown.style.format(formats, na_rep=MISSING),
            hide_index=True,
            column_config={columns[name][0]: config for name, config in (column_config or {}).items()},
            key=key,
            height=height,
        )
    with st.container(key=f"phone_{name}"):
        st.markdown(
            phone_list(frame, columns, lang, phone or [c for c in columns if columns[c][1] != Format.URL][:3])
        )


def _missing(value: Any) -> bool:
    return value is None or (not isinstance(value, (list, tuple, dict)) and bool(pd.isna(value)))


def phone_list(
    frame: pd.DataFrame, columns: Mapping[str, tuple[str, Shown]], lang: str, phone: Sequence[str]
) -> str:
    """The first rows of a table as a Markdown list: the first column in bold, then "header: value"."""
    lines = []
    for _, row in frame.head(PHONE_ROWS).iterrows():
        values = [(columns[name][0], formatter(columns[name][1], lang)(row[name])) for name in phone]
        first, rest = values[0][1] or MISSING, values[1:]
        lines.append(f"- **{plain(first)}**: " + " · ".join(f"{plain(h)}: {plain(v)}" for h, v in rest))
    if len(frame) > PHONE_ROWS:
        lines.append(t("phone_more_rows", lang, count=fmt_int(len(frame) - PHONE_ROWS, lang)))
    return "\n".join(lines) if lines else t("no_rows", lang)


def _formatted(fmt: Callable[[Any], str], value: Any) -> str:
    return MISSING if value is None or (not isinstance(value, str) and pd.isna(value)) else fmt(value)


def failure(error: Exception, lang: str) -> None:
    """An error as one readable message: a user error's own words, otherwise a generic line (the
    traceback goes to the server log, never to the screen)."""
    if isinstance(error, UserError):
        st.error(plain(str(error)))
        return
    log.error("Dashboard page failed", exc_info=error)
    st.error(t("error_generic", lang))
