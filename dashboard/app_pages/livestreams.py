"""Livestreams: one broadcast's key figures and viewer curve, one row per broadcast, broadcasts compared."""

import pandas as pd
import streamlit as st

from dashboard import charts, data, show
from dashboard.exports.tables import Format
from dashboard.filters import current_view
from dashboard.i18n import t
from models import metrics
from models.i18n import fmt_datetime, fmt_decimal, fmt_int, fmt_time

view = current_view()
scope, lang = view.scope, view.lang
st.title(t("page_livestreams", lang))

broadcasts = data.query(metrics.livestreams, scope)
if broadcasts.empty:
    st.info(t("no_livestreams", lang))
    st.stop()

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


def key_figures(broadcast: pd.Series) -> None:
    """The figures the office reports of one broadcast, as cards whole on a laptop screen."""
    known = {name: None if pd.isna(value) else value for name, value in broadcast.items()}
    peak_at, zone = known["peak_at"], broadcast.timezone
    seconds = known["avg_watch_s"]
    watch = "–" if seconds is None else t("seconds_value", lang, seconds=fmt_decimal(seconds, lang))
    cards = {  # label key (its definition: key + "_help") → value
        "live_plays": fmt_int(known["views"], lang),
        "live_interactions": fmt_int(known["interactions"], lang),
        "live_peak": fmt_int(known["peak_live_viewers"], lang),
        "live_peak_at": fmt_time(peak_at, lang, zone),
        "live_avg_watch": watch,
    }
    when = {"live_peak_at": {"when": fmt_datetime(peak_at, lang, zone)}}
    for column, (label, value) in zip(st.columns(len(cards)), cards.items(), strict=True):
        help_text = t(f"{label}_help", lang, **when.get(label, {}))
        column.metric(t(label, lang), value, help=help_text, border=True)


chosen = st.selectbox(t("broadcast", lang), list(names), key="live_broadcast", format_func=names.__getitem__)
key_figures(broadcasts.set_index("content_id").loc[chosen])
show.figure(charts.live_viewers(curves([chosen]), lang, title=names[chosen]), "live-viewers")

st.subheader(t("all_broadcasts", lang))
broadcasts["duration_min"] = broadcasts.duration_s / 60
show.table(
    broadcasts,
    {
        "title": (t("title", lang), Format.TEXT),
        "started_at": (t("started", lang), Format.DATETIME),
        "duration_min": (t("duration", lang), Format.DECIMAL),
        "peak_live_viewers": (t("peak_live_viewers", lang), Format.COUNT),
        "peak_at": (t("peak_at", lang), Format.DATETIME),
        "avg_live_viewers": (t("avg_live_viewers", lang), Format.COUNT),
        "views": (t("plays", lang), Format.COUNT),
        "interactions": (t("interactions", lang), Format.COUNT),
        "avg_watch_s": (t("avg_watch", lang), Format.DECIMAL),
        "permalink": (t("link", lang), Format.URL),
    },
    lang,
    column_config={"permalink": st.column_config.LinkColumn(display_text=t("open", lang))},
)

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
