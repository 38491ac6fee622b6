"""Activities beyond the fanpage: the period's table; add, edit and delete them (editors)."""

import streamlit as st

from dashboard import actions, auth_ui, data, show
from dashboard.exports.tables import PER_CATEGORY, Format
from dashboard.filters import current_view
from dashboard.i18n import activity_kind_label, category_label, t
from models import activities, metrics
from models.activities import ActivityRecord
from models.errors import UserError
from models.i18n import fmt_date, fmt_int
from models.tables import ACTIVITY_KINDS, ENROLMENT_CATEGORIES

view = current_view()
scope, lang = view.scope, view.lang
st.title(t("page_activities", lang))
st.caption(t("activities_heading", lang) + ". " + t("activities_arithmetic", lang))
engine = data.engine()
can_edit = auth_ui.allowed("editor")  # a courtesy: every action checks the role itself
if not can_edit:
    st.info(auth_ui.read_only_note(lang))
if done := st.session_state.pop("activity_done", None):
    st.success(show.plain(done))

PAGE_ROWS = 50  # the list is read a page at a time: a sheet may hold a million activities
total = data.query(activities.activity_count, scope)
pages = max(1, -(-total // PAGE_ROWS))
if st.session_state.get("activities_list_page", 1) > pages:
    st.session_state["activities_list_page"] = 1  # fewer activities now (other filters)
st.subheader(t("activities_list", lang))
if total > PAGE_ROWS:
    number = st.number_input(
        t("content_page", lang), min_value=1, max_value=pages, key="activities_list_page"
    )
else:
    number = 1
offset = (int(number) - 1) * PAGE_ROWS
held = data.query(activities.activities, scope, (), offset, PAGE_ROWS)
results = [column for column in held.columns if column.startswith("on_spot_")]
if held.empty:
    st.info(t("no_activities", lang))
else:
    if total > PAGE_ROWS:
        first, last = fmt_int(offset + 1, lang), fmt_int(offset + len(held), lang)
        st.caption(t("activities_rows", lang, first=first, last=last, total=fmt_int(total, lang)))
    show.table(
        activities.with_reached(held),  # face to face and reached in their own columns
        {
            "start_day": (t("start_date", lang), Format.DATE),
            "end_day": (t("end_date", lang), Format.DATE),
            "name": (t("activity", lang), Format.TEXT),
            "kind": (t("activity_kind", lang), lambda kind: activity_kind_label(kind, lang)),
            "unit": (t("units", lang), lambda unit: unit or t("province_wide", lang)),
            "venue": (t("venue", lang), Format.TEXT),
            "attendance": (t("attendance", lang), Format.COUNT),
            "reached": (t("reached", lang), Format.COUNT),
            "on_spot": (t("on_spot", lang), Format.COUNT),
        }
        | {
            column: (
                t("on_spot_of", lang, category=category_label(column.removeprefix("on_spot_"), lang)),
                PER_CATEGORY["on_spot_"],
            )
            for column in results
        }
        | {"campaign": (t("campaign", lang), Format.TEXT), "note": (t("note", lang), Format.TEXT)},
        lang,
        key="activities_table",
    )

NEW = 0
rows = {
    int(row["activity_id"]): row for row in held.astype(object).where(held.notna(), None).to_dict("records")
}
if "activity_next" in st.session_state:  # set by a save or delete before the rerun
    st.session_state["activity_chosen"] = st.session_state.pop("activity_next")
if st.session_state.get("activity_chosen") not in (NEW, *rows):
    st.session_state["activity_chosen"] = NEW


def describe(activity_id: int) -> str:
    """An activity as the chooser names it: its name, first day and unit."""
    if activity_id == NEW:
        return t("new_activity", lang)
    row = rows[activity_id]
    return f"{row['name']} ({fmt_date(row['start_day'], lang)}, {row['unit'] or t('province_wide', lang)})"


chosen = st.selectbox(t("edit_activity", lang), [NEW, *rows], key="activity_chosen", format_func=describe)
current = rows.get(chosen)
campaign_names = list(data.query(metrics.campaigns).name)
categories = list(
    dict.fromkeys(
        [
            *ENROLMENT_CATEGORIES,
            *data.query(metrics.enrolment_categories),
            *(c.removeprefix("on_spot_") for c in results),
        ]
    )
)

st.subheader(t("new_activity", lang) if current is None else t("edit_activity", lang))
with st.form(f"activity_form_{chosen}"):
    name = st.text_input(t("activity", lang), value=current["name"] if current else "")
    left, right = st.columns(2)
    kind = left.selectbox(
        t("activity_kind", lang),
        ACTIVITY_KINDS,
        index=ACTIVITY_KINDS.index(current["kind"]) if current and current["kind"] in ACTIVITY_KINDS else 0,
        format_func=lambda code: activity_kind_label(code, lang),
    )
    campaign_choices = [None, *campaign_names]
    campaign = right.selectbox(
        t("campaign", lang),
        campaign_choices,
        index=campaign_choices.index(current["campaign"])
        if current and current["campaign"] in campaign_names
        else 0,
        format_func=lambda name: t("no_campaign", lang) if name is None else name,
    )
    start = left.date_input(
        t("start_date", lang), value=current["start_day"] if current else scope.start, format="DD/MM/YYYY"
    )
    end = right.date_input(
        t("end_date", lang), value=current["end_day"] if current else scope.start, format="DD/MM/YYYY"
    )
    unit = left.text_input(
        t("units", lang), value=current["unit"] if current else "", help=t("activity_unit_help", lang)
    )
    venue = right.text_input(t("venue", lang), value=(current["venue"] or "") if current else "")
    attendance = st.number_input(
        t("reached" if current and not activities.is_face_to_face(current["kind"]) else "attendance", lang),
        min_value=0,
        step=1,
        value=int(current["attendance"]) if current and current["attendance"] is not None else None,
    )
    st.caption(t("activity_results_help", lang))
    columns = st.columns(len(categories))
    counts = {
        category: column.number_input(
            category_label(category, lang),
            min_value=0,
            step=1,
            value=int(current[f"on_spot_{category}"])
            if current and current.get(f"on_spot_{category}") is not None
            else None,
        )
        for column, category in zip(columns, categories, strict=True)
    }
    note = st.text_area(t("note", lang), value=(current["note"] or "") if current else "")
    submitted = st.form_submit_button(
        t("save", lang) if current else t("create", lang), type="primary", disabled=not can_edit
    )
if submitted:
    record = ActivityRecord(
        name,
        kind,
        start,
        end,
        unit,
        venue.strip() or None,
        None if attendance is None else int(attendance),
        {category: int(count) for category, count in counts.items() if count is not None},
        campaign,
        note.strip() or None,
    )
    try:
        saved_id = actions.save_activity(engine, record, lang, None if current is None else chosen)
    except UserError as error:
        st.error(show.plain(str(error)))
    else:
        st.session_state["activity_next"] = saved_id
        st.session_state["activity_done"] = t("activity_saved", lang, name=" ".join(name.split()))
        st.rerun()

if current is not None:
    confirm = st.checkbox(t("confirm_delete", lang), key=f"activity_confirm_{chosen}")
    if st.button(
        t("delete_activity", lang), disabled=not (confirm and can_edit), key=f"activity_delete_{chosen}"
    ):
        actions.delete_activity(engine, chosen)
        st.session_state["activity_next"] = NEW
        st.session_state["activity_done"] = t("activity_deleted", lang, name=current["name"])
        st.rerun()
