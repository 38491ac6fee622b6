"""The start page of a database without data: how to get data in."""

import streamlit as st

from dashboard.filters import current_lang
from dashboard.i18n import t

lang = current_lang()
st.title(t("start_title", lang))
st.markdown(t("start_body", lang))
st.page_link("app_pages/data.py", label=t("go_to_data", lang), icon=":material/upload_file:")
