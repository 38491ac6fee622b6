"""Livestreams: one row per broadcast, the live-viewer curve of one, and broadcasts compared."""

import pandas as pd
import streamlit as st

from dashboard import charts, data, show
from dashboard.filters import current_view
from dashboard.i18n import t
from models import metrics
from models.i18n import fmt_datetime

view = current_view()
scope, lang = view.scope, view.lang
st.title(t("page_livestreams", lang))

broadcasts = data.query(metrics.livestreams, scope)
if broadcasts.empty:
    st.info(t("no_livestreams", lang))
    st.stop()

broadcasts["duration_min"] = broadcasts.duration_s / 60
show.table(
    broadcasts,
    {
        "title": (t("title", lang), "text"),
        "started_at": (t("started", lang), "datetime"),
        "duration_min": (t("duration", lang), "decimal"),
        "peak_live_viewers": (t("peak_live_viewers", lang), "int"),
        "peak_at": (t("peak_at", lang), "datetime"),
        "avg_live_viewers": (t("avg_live_viewers", lang), "int"),
        "views": (t("plays", lang), "int"),
        "interactions": (t("interactions", lang), "int"),
        "avg_watch_s": (t("avg_watch", lang), "decimal"),
        "permalink": (t("link", lang), "link"),
    },
    lang,
    column_config={"permalink": st.column_config.LinkColumn(display_text=t("open", lang))},
)

names = {
    int(row.content_id): f"{row.title} ({fmt_datetime(row.started_at, lang, row.timezone)})"
    for row in broadcasts.itertuples()
}


def curves(content_ids: list[int]) -> pd.DataFrame:
    """The live-viewer snapshots of these broadcasts, labelled for the chart."""
    frames = []
    for content_id in content_ids:
        row = broadcasts.set_index("content_id").loc[content_id]
        curve = data.query(metrics.live_curve, content_id)
        frames.append(
            curve.assign(broadcast=names[content_id], started_at=row.started_at, timezone=row.timezone)
        )
    return pd.concat(frames, ignore_index=True)


chosen = st.selectbox(t("broadcast", lang), list(names), key="live_broadcast", format_func=names.__getitem__)
show.figure(charts.live_viewers(curves([chosen]), lang, title=names[chosen]), "live-viewers")

if len(names) > 1:
    st.subheader(t("compare_broadcasts", lang))
    compared = st.multiselect(
        t("compare_broadcasts", lang),
        list(names),
        default=list(names)[:3],
        key="live_compare",
        format_func=names.__getitem__,
    )
    if compared:
        show.figure(charts.live_viewers(curves(compared), lang), "live-compare")
