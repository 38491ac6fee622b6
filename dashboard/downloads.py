"""Download buttons in the sidebar: the engagement summary of what the user is looking at.

The files come from ``dashboard.exports`` (the same builder as the ``export`` command), for the
current filters and language; each is made only when its button is clicked.
"""

from collections.abc import Callable

import streamlit as st

from dashboard import data
from dashboard.exports import FORMATS, export_bytes, file_name
from dashboard.i18n import export_text
from models.metrics import Scope


def _maker(scope: Scope, fmt: str, lang: str) -> Callable[[], bytes]:
    engine = data.engine()

    def make() -> bytes:
        with engine.connect() as connection:
            return export_bytes(connection, scope, fmt, lang)[1]

    return make


def render_downloads(scope: Scope, lang: str) -> None:
    """CSV, Excel and printable-report buttons for ``scope`` in ``lang``."""
    side = st.sidebar
    side.subheader(export_text("downloads", lang))
    for fmt in ("xlsx", "csv", "html"):
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
