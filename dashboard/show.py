"""Small drawing helpers shared by the pages: charts with their PNG download, tables formatted by
babel in the chosen language (sortable on the underlying numbers), and errors as one readable line."""

import importlib
import logging
import re
from collections.abc import Callable, Mapping
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard.charts import chart_config
from dashboard.i18n import t
from models.errors import UserError
from models.i18n import fmt_date, fmt_datetime, fmt_decimal, fmt_int, fmt_percent
from models.tables import DEFAULT_TIMEZONE

log = logging.getLogger("engagement_monitor.dashboard")

Format = str | Callable[[Any], str]
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


def figure(chart: go.Figure, filename: str, key: str | None = None) -> None:
    """A Plotly chart across the page, with Plotly's toolbar and its PNG download."""
    st.plotly_chart(chart, config=chart_config(filename), key=key)


@st.cache_resource(show_spinner=False, max_entries=256)
def _built(module: str, name: str, args: tuple, options: tuple) -> go.Figure:
    return getattr(importlib.import_module(module), name)(*args, **dict(options))


def chart(
    build: Callable[..., go.Figure], *args: Any, filename: str, key: str | None = None, **options: Any
) -> None:
    """``figure(build(*args, **options), filename)``, the figure kept for the same arguments: a
    page's charts are rebuilt only when their data or settings change (building a Plotly figure
    validates every property and cost most of a warm page's run). Figures shown this way are
    never changed afterwards, so one object can serve every session."""
    figure(_built(build.__module__, build.__name__, args, tuple(sorted(options.items()))), filename, key)


def formatter(kind: Format, lang: str) -> Callable[[Any], str]:
    """The babel formatter of a column kind: int, decimal, percent, date, datetime or text."""
    if callable(kind):
        return kind
    functions: dict[str, Callable[[Any], str]] = {
        "int": lambda value: fmt_int(None if pd.isna(value) else value, lang),
        "decimal": lambda value: fmt_decimal(None if pd.isna(value) else value, lang),
        "percent": lambda value: fmt_percent(None if pd.isna(value) else value, lang),
        "signed_percent": lambda value: _signed(value, lang),
        "date": lambda value: fmt_date(None if pd.isna(value) else value, lang),
        "datetime": lambda value: fmt_datetime(
            None if pd.isna(value) else pd.Timestamp(value).to_pydatetime(), lang, DEFAULT_TIMEZONE
        ),
        "text": lambda value: (
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
    columns: Mapping[str, tuple[str, Format]],
    lang: str,
    column_config: Mapping[str, Any] | None = None,
    key: str | None = None,
    height: int | str = "auto",
) -> None:
    """``frame``'s ``columns`` (name → (header, format)) as a sortable table whose cells read in the
    chosen language; a ``"link"`` column is left to its ``column_config``."""
    shown = frame[list(columns)].rename(columns={name: header for name, (header, _) in columns.items()})
    formats = {header: formatter(kind, lang) for header, kind in columns.values() if kind != "link"}
    if shown.size > MAX_STYLED_CELLS:  # Streamlit refuses to style more: the cells as text instead
        shown = shown.assign(
            **{header: [_formatted(fmt, value) for value in shown[header]] for header, fmt in formats.items()}
        )
    st.dataframe(
        shown if shown.size > MAX_STYLED_CELLS else shown.style.format(formats, na_rep=MISSING),
        hide_index=True,
        column_config={columns[name][0]: config for name, config in (column_config or {}).items()},
        key=key,
        height=height,
    )


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
