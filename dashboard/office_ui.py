"""The Administration page's office sections: the alerts with when each last fired (and, further
down, connecting accounts). Thin: widgets and layout; the figures come from models/alerts.py."""

import pandas as pd
import streamlit as st
from sqlalchemy import Engine

from collector.alerts import KINDS
from collector.messages import say
from dashboard import show
from dashboard.exports.tables import Format
from dashboard.i18n import t
from models.alerts import last_fired


def alerts_section(engine: Engine, config, lang: str) -> None:
    """Each alert of each ``alerts`` source: whom it goes to, at once or in the digest, last sent."""
    st.subheader(t("alerts_heading", lang))
    sources = [source for source in config.sources if source.type == "alerts"]
    if not sources:
        st.caption(t("alerts_none", lang))
        return
    for source in sources:
        quiet = source.quiet_hours or t("alerts_no_quiet", lang)
        st.caption(t("alerts_quiet", lang, name=source.name, quiet=quiet, digest=source.digest_at))
        with engine.connect() as connection:
            fired = last_fired(connection, source.name)
        rules = source.rules()
        frame = pd.DataFrame(
            [
                {
                    "kind": say(f"alert_{kind}_title", lang),
                    "to": ", ".join(rules[kind].email_to),
                    "when": t("alert_digest" if rules[kind].digest else "alert_at_once", lang),
                    "last_fired": fired.get(kind),
                }
                for kind in KINDS
                if kind in rules
            ],
            columns=["kind", "to", "when", "last_fired"],
        )
        show.table(
            frame,
            {
                "kind": (t("alert_kind", lang), Format.TEXT),
                "to": (t("alert_to", lang), Format.TEXT),
                "when": (t("alert_when", lang), Format.TEXT),
                "last_fired": (t("alert_last_fired", lang), Format.DATETIME),
            },
            lang,
            key=f"alerts_{source.name}",
        )
