"""The Administration page's office sections: the alerts, when each last fired, and the forms that
change them in sources.toml (admins only; the actions in dashboard/alert_actions.py check the role
again and audit each change). Thin: widgets and layout; the figures come from models/alerts.py."""

import pandas as pd
import streamlit as st
from sqlalchemy import Engine

from collector.alerts import KINDS
from collector.alerts_file import THRESHOLDS, AlertChange
from collector.messages import say
from dashboard import alert_actions, show
from dashboard.exports.tables import Format
from dashboard.i18n import t
from models.alerts import last_fired
from models.errors import UserError

DONE = "alerts_done"
DEFAULT_THRESHOLDS = {"source_failing": "3", "content_spreading": "5", "enrolment_missing": "10:00"}
DEFAULT_THRESHOLDS["questions_unanswered"] = "24"


def alerts_section(engine: Engine, config, lang: str) -> None:
    """Each alert of each ``alerts`` source: on or off, whom it goes to, at once or in the digest,
    last sent; then a form per alert kind and one for the quiet hours and the digest's time."""
    st.subheader(t("alerts_heading", lang))
    if DONE in st.session_state:
        st.success(st.session_state.pop(DONE))
    sources = [source for source in config.sources if source.type == "alerts"]
    if not sources:
        st.caption(t("alerts_none", lang))
    for source in sources:
        quiet = source.quiet_hours or t("alerts_no_quiet", lang)
        st.caption(t("alerts_quiet", lang, name=source.name, quiet=quiet, digest=source.digest_at))
        with engine.connect() as connection:
            fired = last_fired(connection, source.name)
        rules = source.configured()
        frame = pd.DataFrame(
            [
                {
                    "kind": say(f"alert_{kind}_title", lang),
                    "on": t("alert_on" if rules[kind].enabled else "alert_off", lang),
                    "to": ", ".join(rules[kind].email_to),
                    "when": t("alert_digest" if rules[kind].digest else "alert_at_once", lang),
                    "last_fired": fired.get(kind),
                }
                for kind in KINDS
                if kind in rules
            ],
            columns=["kind", "on", "to", "when", "last_fired"],
        )
        show.table(
            frame,
            {
                "kind": (t("alert_kind", lang), Format.TEXT),
                "on": (t("alert_state", lang), Format.TEXT),
                "to": (t("alert_to", lang), Format.TEXT),
                "when": (t("alert_when", lang), Format.TEXT),
                "last_fired": (t("alert_last_fired", lang), Format.DATETIME),
            },
            lang,
            key=f"alerts_{source.name}",
        )
    _edit_forms(engine, sources[0] if sources else None, lang)


def _edit_forms(engine: Engine, source, lang: str) -> None:
    st.markdown(f"**{t('alerts_edit_heading', lang)}**")
    st.caption(t("alerts_edit_note", lang, name=source.name if source else "alerts"))
    rules = source.configured() if source else {}
    for kind in KINDS:
        rule = rules.get(kind)
        title = say(f"alert_{kind}_title", lang)
        state = t("alert_on" if rule and rule.enabled else "alert_off", lang)
        with st.expander(f"{title} · {state}"), st.form(f"alert_form_{kind}"):
            enabled = st.checkbox(
                t("alert_enabled", lang), value=bool(rule and rule.enabled), key=f"alert_on_{kind}"
            )
            email_to = st.text_area(
                t("alert_recipients", lang),
                value=", ".join(rule.email_to) if rule else "",
                help=t("alert_recipients_help", lang),
                key=f"alert_to_{kind}",
            )
            threshold = ""
            if kind in THRESHOLDS:
                key = THRESHOLDS[kind].key
                current = getattr(rule, key) if rule else DEFAULT_THRESHOLDS[kind]
                threshold = st.text_input(
                    say(f"alert_threshold_{kind}", lang).capitalize(),
                    value=_shown(current),
                    key=f"alert_threshold_{kind}",
                )
            digest = st.checkbox(
                t("alert_in_digest", lang), value=bool(rule and rule.digest), key=f"alert_dg_{kind}"
            )
            if st.form_submit_button(t("admin_save", lang)):
                change = AlertChange(kind, enabled, email_to, threshold, digest)
                _attempt(lambda c=change: alert_actions.change_alert(engine, c, lang), lang)
    with st.form("alert_timing"):
        quiet, digest_at = st.columns(2)
        quiet_hours = quiet.text_input(
            t("alert_quiet_hours", lang),
            value=(source.quiet_hours or "") if source else "",
            help=t("alert_quiet_help", lang),
            key="alert_quiet_hours",
        )
        digest_time = digest_at.text_input(
            t("alert_digest_at", lang), value=source.digest_at if source else "07:30", key="alert_digest_at"
        )
        if st.form_submit_button(t("admin_save", lang)):
            _attempt(lambda: alert_actions.change_timing(engine, quiet_hours, digest_time, lang), lang)


def _shown(value) -> str:
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


def _attempt(change, lang: str) -> None:
    try:
        change()
    except UserError as error:
        st.error(show.plain(str(error)))
    else:
        st.session_state[DONE] = t("alerts_saved", lang)
        st.rerun()
