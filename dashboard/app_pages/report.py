"""The monthly report's own words: what editors write for the period (shortcomings, next month's
tasks, recommendations, additions to the assessment); the Word report prints them."""

import streamlit as st

from dashboard import actions, auth_ui, data
from dashboard.filters import current_view
from dashboard.i18n import report_text, t
from models.errors import UserError
from models.i18n import fmt_date
from models.report_notes import SECTIONS, starting_notes

view = current_view()
scope, lang = view.scope, view.lang
st.title(t("page_report", lang))
st.caption(t("report_notes_help", lang, start=fmt_date(scope.start, lang), end=fmt_date(scope.end, lang)))
engine = data.engine()
can_edit = auth_ui.allowed("editor")  # a courtesy: the action checks the role itself
if not can_edit:
    st.info(auth_ui.read_only_note(lang))
if done := st.session_state.pop("report_notes_done", None):
    st.success(done)
texts, from_before = data.query(starting_notes, scope.start, scope.end)  # cleared when saved
if from_before and texts:
    st.warning(t("report_notes_from_previous", lang))
with st.form(f"report_notes_{scope.start}_{scope.end}"):
    written = {
        section: st.text_area(
            report_text(f"section_{section}", lang), value=texts.get(section, ""), height=140
        )
        for section in SECTIONS
    }
    submitted = st.form_submit_button(t("save", lang), type="primary", disabled=not can_edit)
if submitted:
    try:
        changed = actions.save_report_notes(engine, scope.start, scope.end, written)
    except UserError as error:
        st.error(str(error))
    else:
        st.session_state["report_notes_done"] = t("report_notes_saved", lang, count=len(changed))
        st.rerun()
