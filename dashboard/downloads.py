"""Download buttons in the sidebar: the engagement summary of what the user is looking at.

The files come from ``dashboard.exports`` (the same builder as the ``export`` command), for the
current filters and language; each is made only when its button is clicked.
"""

import contextlib
from collections.abc import Callable

import streamlit as st
from sqlalchemy import Engine

from collector.config import config_path, load_config
from collector.demo import default_report_settings
from dashboard import data
from dashboard.exports import FORMATS, export_bytes, file_name
from dashboard.i18n import export_text
from models.errors import UserError
from models.metrics import Scope
from models.report_settings import ReportSettings


def report_settings(engine: Engine) -> ReportSettings:
    """The Word report's letterhead: the ``[report]`` section of the sources file the dashboard
    manages (``$ENGAGEMENT_MONITOR_CONFIG`` or ./sources.toml) over the defaults. A missing or
    broken file leaves the defaults: the Administration page is where that file gets mended."""
    path = config_path()
    letterhead = {}
    if path.exists():
        with contextlib.suppress(UserError):
            letterhead = load_config(path).report.letterhead()
    return default_report_settings(engine).merged(letterhead)


def _maker(scope: Scope, fmt: str, lang: str) -> Callable[[], bytes]:
    engine = data.engine()

    def make() -> bytes:
        settings = report_settings(engine) if fmt == "docx" else None
        with engine.connect() as connection:
            return export_bytes(connection, scope, fmt, lang, settings=settings)[1]

    return make


def render_downloads(scope: Scope, lang: str) -> None:
    """CSV, Excel, printable-report and Word-report buttons for ``scope`` in ``lang``."""
    side = st.sidebar
    side.subheader(export_text("downloads", lang))
    for fmt in ("xlsx", "csv", "html", "docx"):
        side.download_button(
            export_text(f"download_{fmt}", lang),
            data=_maker(scope, fmt, lang),
            file_name=file_name(scope, fmt, lang),
            mime=FORMATS[fmt][1],
            key=f"download_{fmt}",
            on_click="ignore",
            width="stretch",
        )
    side.caption(export_text("downloads_help", lang))
