"""The dashboard's entrypoint: page setup, language, navigation, shared filters, and the error guard.

Served by ``engagement-monitor dashboard`` (``python -m streamlit run dashboard/app.py`` with
``ENGAGEMENT_MONITOR_DB`` set). A database without data gets a start page and the Data page only.
"""

from pathlib import Path

import streamlit as st

from dashboard import auth_ui, connect_ui, data, filters, show
from dashboard.i18n import t

PAGES = Path(__file__).parent / "app_pages"
ICONS = {
    "overview": ":material/dashboard:",
    "reach_enrolment": ":material/insights:",
    "content": ":material/article:",
    "livestreams": ":material/live_tv:",
    "questions": ":material/contact_support:",
    "campaigns": ":material/campaign:",
    "activities": ":material/groups:",
    "report": ":material/description:",
    "data": ":material/database:",
    "admin": ":material/admin_panel_settings:",
    "start": ":material/waving_hand:",
}

st.set_page_config(page_icon=":material/monitoring:", layout="wide")
lang = filters.language_choice()
st.set_page_config(page_title=t("app_title", lang))  # the browser tab, in the chosen language
st.html(show.PHONE_CSS)
try:
    empty = data.is_empty()
except Exception as error:  # the database cannot be reached: say so, never a traceback
    show.failure(error, lang)
    st.stop()
connect_ui.capture_return()  # a return from a platform's consent page, before anything rewrites the URL
auth_ui.gate(lang)  # stops here with the sign-in form until someone signs in (when sign-in is on)


def page(name: str, default: bool = False) -> st.Page:
    return st.Page(
        PAGES / f"{name}.py", title=t(f"page_{name}", lang), icon=ICONS[name], url_path=name, default=default
    )


names = (
    ["start", "data"]
    if empty
    else [
        "overview",
        "reach_enrolment",
        "content",
        "livestreams",
        "questions",
        "campaigns",
        "activities",
        "report",
        "data",
    ]
)
if auth_ui.allowed("admin"):
    names.append("admin")
# Back from a platform's consent page (and signed in again): the Administration page finishes it.
first = "admin" if connect_ui.returning() and "admin" in names else names[0]
current = st.navigation([page(name, default=name == first) for name in names])
try:
    if not empty:
        filters.sidebar(lang)
    current.run()
except Exception as error:
    show.failure(error, lang)
