"""Campaigns: progress against targets; create, edit and delete campaigns; assign or unassign content."""

from dataclasses import replace

import pandas as pd
import streamlit as st

from dashboard import actions, auth_ui, charts, data, show
from dashboard.exports.tables import PER_CATEGORY, Format
from dashboard.filters import current_view
from dashboard.i18n import category_label, kind_label, t
from models import metrics
from models.errors import UserError
from models.i18n import fmt_datetime, fmt_int
from models.metrics import Scope
from models.store import CampaignRecord
from models.tables import ENROLMENT_CATEGORIES

view = current_view()
scope, lang = view.scope, view.lang
st.title(t("page_campaigns", lang))
engine = data.engine()
can_edit = auth_ui.allowed("editor")  # a courtesy: every action checks the role itself
if not can_edit:
    st.info(auth_ui.read_only_note(lang))
if done := st.session_state.pop("campaign_done", None):
    st.success(show.plain(done))

campaigns = data.query(metrics.campaigns)
progress = data.query(metrics.campaign_table)
rows = {int(row.id): row for row in campaigns.itertuples()}
target_categories = [category for targets in campaigns.targets for category in (targets or {})]
categories = list(
    dict.fromkeys([*ENROLMENT_CATEGORIES, *data.query(metrics.enrolment_categories), *target_categories])
)

st.subheader(t("campaign_list", lang))
if progress.empty:
    st.info(t("no_campaigns", lang))
else:
    show.table(
        progress,
        {
            "name": (t("name", lang), Format.TEXT),
            "start_date": (t("start_date", lang), Format.DATE),
            "end_date": (t("end_date", lang), Format.DATE),
            "items": (t("items", lang), Format.COUNT),
            "views": (t("views", lang), Format.COUNT),
            "enrolments": (t("enrolments", lang), Format.COUNT),
            "other_results": (t("other_results", lang), Format.COUNT),
            "activities": (t("activities", lang), Format.COUNT),
            "attendance": (t("attendance", lang), Format.COUNT),
            "reached": (t("reached", lang), Format.COUNT),
            "on_spot": (t("on_spot", lang), Format.COUNT),
        }
        | {
            column: (
                t("progress_of", lang, category=category_label(column.removeprefix("progress_"), lang)),
                PER_CATEGORY["progress_"],
            )
            for column in progress.columns
            if column.startswith("progress_")
        },
        lang,
    )

NEW = 0
if "campaign_next" in st.session_state:  # set by a save or delete before the rerun
    st.session_state["campaign_chosen"] = st.session_state.pop("campaign_next")
if "campaign_chosen" not in st.session_state or st.session_state["campaign_chosen"] not in (NEW, *rows):
    with_targets = [cid for cid, row in rows.items() if row.targets]
    st.session_state["campaign_chosen"] = scope.campaign_id or max(with_targets or rows or [NEW])
chosen = st.selectbox(
    t("edit_campaign", lang),
    [NEW, *rows],
    key="campaign_chosen",
    format_func=lambda cid: t("new_campaign", lang) if cid == NEW else rows[cid].name,
)
current = rows.get(chosen)

if current is not None:
    st.subheader(t("progress_heading", lang))
    row = progress.set_index("campaign_id").loc[chosen]
    show.chart(charts.campaign_progress, row, categories, lang, filename="campaign-progress")
    if not current.targets:
        st.caption(t("no_targets", lang))

st.subheader(t("new_campaign", lang) if current is None else t("edit_campaign", lang))
with st.form(f"campaign_form_{chosen}"):
    name = st.text_input(t("name", lang), value=current.name if current is not None else "")
    left, right = st.columns(2)
    start = left.date_input(
        t("start_date", lang),
        value=current.start_date if current is not None else view.scope.start,
        format="DD/MM/YYYY",
    )
    end = right.date_input(
        t("end_date", lang),
        value=current.end_date if current is not None else view.scope.end,
        format="DD/MM/YYYY",
    )
    description = st.text_area(
        t("description", lang), value=(current.description or "") if current is not None else ""
    )
    st.caption(t("targets", lang))
    targets_now = (current.targets or {}) if current is not None else {}
    columns = st.columns(len(categories))
    targets = {
        category: column.number_input(
            category_label(category, lang), min_value=0, step=1, value=int(targets_now.get(category, 0))
        )
        for column, category in zip(columns, categories, strict=True)
    }
    submitted = st.form_submit_button(
        t("save", lang) if current is not None else t("create", lang), type="primary", disabled=not can_edit
    )
if submitted:
    record = CampaignRecord(
        name.strip(),
        start,
        end,
        description.strip() or None,
        {category: int(value) for category, value in targets.items() if value} or None,
    )
    try:
        saved_id = actions.save_campaign(engine, record, lang, None if current is None else chosen)
    except UserError as error:
        st.error(show.plain(str(error)))
    else:
        st.session_state["campaign_next"] = saved_id
        st.session_state["campaign_done"] = t("saved", lang, name=record.name)
        st.rerun()

if current is not None:
    confirm = st.checkbox(t("confirm_delete", lang), key=f"campaign_confirm_{chosen}")
    if st.button(t("delete", lang), disabled=not (confirm and can_edit), key=f"campaign_delete_{chosen}"):
        actions.delete_campaign(engine, chosen)
        st.session_state["campaign_next"] = None
        st.session_state["campaign_done"] = t("deleted", lang, name=current.name)
        st.rerun()

    st.subheader(t("membership", lang))
    st.caption(t("membership_help", lang))
    window = Scope(current.start_date, current.end_date, campaign_id=chosen)
    members = data.query(metrics.content_metrics, window)
    candidates = data.query(metrics.content_metrics, replace(scope, campaign_id=None))
    listed = pd.concat([members, candidates]).drop_duplicates("content_id").sort_values("published_at")
    in_window = listed.published_day.between(current.start_date, current.end_date)
    editor = pd.DataFrame(
        {
            "in_campaign": listed.content_id.isin(members.content_id),
            "title": listed.title.fillna(""),
            "kind": [kind_label(kind, lang) for kind in listed.kind],
            "published": [
                fmt_datetime(when, lang, zone)
                for when, zone in zip(listed.published_at, listed.timezone, strict=True)
            ],
            "views": [fmt_int(views, lang) for views in listed.views],
        },
    ).reset_index(drop=True)
    edited = st.data_editor(
        editor,
        hide_index=True,
        disabled=["title", "kind", "published", "views"],
        column_config={
            "in_campaign": st.column_config.CheckboxColumn(t("in_campaign", lang)),
            "title": t("title", lang),
            "kind": t("kind", lang),
            "published": t("published", lang),
            "views": t("views", lang),
        },
        key=f"campaign_members_{chosen}",
    )
    if st.button(t("save_membership", lang), key=f"campaign_members_save_{chosen}", disabled=not can_edit):
        changed = edited.in_campaign != editor.in_campaign
        decisions = {
            int(content_id): (None if wanted == default else bool(wanted))
            for content_id, wanted, default in zip(
                listed.content_id[changed.values],
                edited.in_campaign[changed],
                in_window[changed.values],
                strict=True,
            )
        }
        count = actions.set_campaign_content(engine, chosen, decisions)
        st.session_state["campaign_done"] = t("membership_saved", lang, count=fmt_int(count, lang))
        st.rerun()
