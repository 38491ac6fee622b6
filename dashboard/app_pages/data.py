"""Data: upload exports and enrolment files, collection runs, each source's health, row counts."""

import pandas as pd
import streamlit as st

from collector.platforms.facebook.source import STATE_TOKEN, token_warnings
from collector.plumbing.collecting import read_state
from dashboard import actions, auth_ui, charts, data, show
from dashboard.exports.tables import Format
from dashboard.filters import current_lang
from dashboard.i18n import status_label, t
from models import metrics
from models.errors import UserError
from models.metrics import Scope
from models.store import row_counts

lang = current_lang()
st.title(t("page_data", lang))
engine = data.engine()

st.subheader(t("upload_heading", lang))
st.caption(t("upload_help", lang))
can_import = auth_ui.allowed("editor")  # a courtesy: actions.import_upload checks the role itself
if not can_import:
    st.info(auth_ui.read_only_note(lang))
# The upload box's own words ("Drag and drop…", "Limit 200MB per file", "Upload") cannot be translated:
# they are hidden and ours are shown in their place.
DROPZONE = '[data-testid="stFileUploaderDropzone"]'
st.html(
    "<style>"
    f"{DROPZONE} [data-testid='stFileUploaderDropzoneInstructions'] > div > * {{ display: none; }}"
    f"{DROPZONE} [data-testid='stFileUploaderDropzoneInstructions'] > div::after"
    f' {{ content: "{t("upload_drop", lang)}"; font-size: 0.9rem; }}'
    f"{DROPZONE} button {{ visibility: hidden; font-size: 0; }}"
    f"{DROPZONE} button::after"
    f' {{ visibility: visible; content: "{t("upload", lang)}"; font-size: 0.9rem; padding: 0.4rem 0.8rem;'
    " border: 1px solid rgba(49, 51, 63, 0.2); border-radius: 0.5rem; background: white; }"
    "</style>"
)
with st.form("data_upload", clear_on_submit=True):
    uploads = st.file_uploader(
        t("upload", lang),
        type=["csv", "xlsx", "txt", "zip"],  # zip: YouTube Studio's download as it comes
        accept_multiple_files=True,
        key="data_files",
        disabled=not can_import,
    )
    skip_bad_rows = st.checkbox(t("skip_bad_rows", lang), key="data_skip_bad_rows")
    submitted = st.form_submit_button(t("import", lang), type="primary", disabled=not can_import)
if submitted:
    for upload in uploads or []:
        try:
            lines = actions.import_upload(engine, upload.name, upload.getvalue(), lang, skip_bad_rows)
        except UserError as error:
            st.error(show.plain(str(error)))
        else:
            st.success(show.plain("\n".join(lines)))

first_day, last_day = data.query(metrics.date_range)
if last_day is not None:
    coverage = data.query(metrics.coverage, Scope(first_day, last_day))
    show.chart(charts.data_coverage, coverage, lang, filename="data-coverage")

st.subheader(t("health_heading", lang))
for warning in data.query(token_warnings, lang):
    st.warning(show.plain(f"{warning.subject}: {warning.message}"))
health = data.query(metrics.source_health)
if health.empty:
    st.info(t("no_runs", lang))
else:
    problems = {source: (data.query(read_state, source).get(STATE_TOKEN) or {}) for source in health.source}
    health["token_problem"] = [problems[source].get("message") for source in health.source]
    show.table(
        health,
        {
            "source": (t("source", lang), Format.TEXT),
            "status": (t("status", lang), lambda status: status_label(status, lang)),
            "last_run": (t("last_run", lang), Format.DATETIME),
            "last_success": (t("last_success", lang), Format.DATETIME),
            "failing_since": (t("failing_since", lang), Format.DATETIME),
            "token_problem": (t("token_problem", lang), Format.TEXT),
            "message": (t("message", lang), Format.TEXT),
        },
        lang,
    )

st.subheader(t("runs_heading", lang))
runs = data.query(metrics.collection_runs)
if not runs.empty:
    show.table(
        runs,
        {
            "source": (t("source", lang), Format.TEXT),
            "started_at": (t("started", lang), Format.DATETIME),
            "finished_at": (t("finished", lang), Format.DATETIME),
            "status": (t("status", lang), lambda status: status_label(status, lang)),
            "new_items": (t("new_items", lang), Format.COUNT),
            "new_snapshots": (t("new_snapshots", lang), Format.COUNT),
            "message": (t("message", lang), Format.TEXT),
        },
        lang,
    )

st.subheader(t("counts_heading", lang))
counts = pd.DataFrame(
    [(t(f"table_name_{name}", lang), rows) for name, rows in data.query(row_counts).items()],
    columns=["table", "rows"],
)
show.table(counts, {"table": (t("table", lang), Format.TEXT), "rows": (t("rows", lang), Format.COUNT)}, lang)

auth_ui.audit_section(lang)
