"""Figures of the page "Audience questions": pure functions DataFrame → Plotly figure, one colour per
topic wherever questions are drawn."""

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts import _date_axis, _finish, _hover, _short
from dashboard.i18n import t
from models.messages import topic_name
from models.tables import COMMENT_TOPICS

TOPIC_COLOURS = {
    "voluntary_si": "#2a9d8f",
    "health_insurance": "#e76f51",
    "vssid": "#264653",
    "pension": "#6d597a",
    "sickness_maternity": "#e9c46a",
    "payment": "#1f77b4",
    "other": "#8d99ae",
}


def _stacked(frame: pd.DataFrame, x: str, lang: str, hover_x: str) -> go.Figure:
    figure = go.Figure()
    for topic in COMMENT_TOPICS:
        rows = frame[frame["topic"] == topic]
        if rows.empty:
            continue
        name = topic_name(topic, lang)
        figure.add_trace(
            go.Bar(
                x=rows[x],
                y=rows["questions"],
                name=name,
                marker={"color": TOPIC_COLOURS[topic]},
                hovertemplate=_hover(f"<b>{name}</b>", hover_x, t("axis_questions", lang) + ": %{y:,.0f}"),
            )
        )
    figure.update_layout(barmode="stack")
    figure.update_yaxes(title_text=t("axis_questions", lang), rangemode="tozero")
    return figure


def questions_by_topic(by_day: pd.DataFrame, lang: str) -> go.Figure:
    """Questions per local day, stacked by topic. ``by_day``: ``day``, ``topic``, ``questions``."""
    figure = _stacked(by_day, "day", lang, "%{x|%d/%m/%Y}")
    _date_axis(figure, t("axis_day", lang))
    return _finish(figure, t("chart_questions_topics", lang), lang)


def questions_by_minute(by_minute: pd.DataFrame, title: str, lang: str) -> go.Figure:
    """A livestream's questions per minute of the broadcast, stacked by topic."""
    minute = t("axis_broadcast_minute", lang)
    figure = _stacked(by_minute, "minute", lang, minute + ": %{x}")
    figure.update_xaxes(title_text=minute + " (min)", rangemode="tozero")
    return _finish(figure, t("chart_questions_minute", lang, title=_short(title, 60)), lang)
