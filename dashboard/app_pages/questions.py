"""Audience questions: what people ask in comments, by topic over time and by minute of a livestream,
the top questions, those still unanswered (oldest first, with a link to reply), and staff corrections."""

import pandas as pd
import streamlit as st

from dashboard import actions, auth_ui, data, question_charts, show
from dashboard.exports.tables import Format
from dashboard.filters import current_view
from dashboard.i18n import t
from models import comments
from models.i18n import fmt_decimal, fmt_int, fmt_percent
from models.messages import topic_name
from models.questions import shorten
from models.tables import COMMENT_TOPICS

view = current_view()
scope, lang = view.scope, view.lang
st.title(t("page_questions", lang))
st.caption(t("questions_sources_note", lang))

figures = data.query(comments.answer_figures, scope)
if not figures.questions:
    st.info(t("no_questions", lang))
    st.stop()

median = figures.median_minutes
waited = "–" if median is None else t("minutes_value", lang, minutes=fmt_decimal(median, lang))
cards = {
    "questions_count": fmt_int(figures.questions, lang),
    "questions_answered": fmt_percent(figures.share_answered, lang),
    "questions_median": "–"
    if median is None
    else t("minutes_value", lang, minutes=fmt_decimal(median, lang)),
    "questions_people": fmt_int(figures.people, lang),
}
for column, (label, value) in zip(st.columns(len(cards)), cards.items(), strict=True):
    column.metric(t(label, lang), value, help=t(f"{label}_help", lang), border=True)

by_day = data.query(comments.questions_by_topic_day, scope)
show.chart(question_charts.questions_by_topic, by_day, lang, filename="questions-by-topic")

broadcasts = data.query(comments.livestreams_with_questions, scope)
if not broadcasts.empty:
    st.subheader(t("questions_livestream", lang))
    names = {int(row.id): str(row.title or row.id) for row in broadcasts.itertuples()}
    chosen = st.selectbox(t("broadcast", lang), list(names), key="questions_broadcast", format_func=names.get)
    by_minute = data.query(comments.questions_by_minute, chosen)
    show.chart(
        question_charts.questions_by_minute, by_minute, names[chosen], lang, filename="questions-minute"
    )

st.subheader(t("questions_top", lang), help=t("questions_top_help", lang))
top = data.query(comments.top_questions, scope)
top["topic_name"] = [topic_name(topic, lang) for topic in top["topic"]]
show.table(
    top,
    {
        "example": (t("question_example", lang), Format.TEXT),
        "questions": (t("times_asked", lang), Format.COUNT),
        "topic_name": (t("topic", lang), Format.TEXT),
        "answered": (t("questions_answered", lang), Format.COUNT),
    },
    lang,
)

st.subheader(t("questions_unanswered", lang))
waiting = data.query(comments.unanswered, scope)
if waiting.empty:
    st.success(t("all_answered", lang))
else:
    waiting["question"] = [
        shorten(text, 120) if isinstance(text, str) else t("text_not_kept", lang) for text in waiting["text"]
    ]
    waiting["topic_name"] = [topic_name(topic, lang) for topic in waiting["topic"]]
    waiting["asked"] = [pd.Timestamp(moment).to_pydatetime() for moment in waiting["created_at"]]
    show.table(
        waiting,
        {
            "asked": (t("asked_at", lang), Format.DATETIME),
            "question": (t("question_example", lang), Format.TEXT),
            "topic_name": (t("topic", lang), Format.TEXT),
            "title": (t("content_item", lang), Format.TEXT),
            "link": (t("reply_link", lang), Format.URL),
        },
        lang,
        column_config={"link": st.column_config.LinkColumn(display_text=t("reply", lang))},
    )

if auth_ui.allowed("editor"):
    asked = data.query(comments.questions, scope)
    asked = asked[asked["text"].notna()].tail(300)
    if not asked.empty:
        with st.expander(t("relabel", lang)), st.form("relabel_question"):
            st.caption(t("relabel_help", lang))
            labels = {
                int(row.id): f"{shorten(row.text, 90)} · {topic_name(row.topic, lang)}"
                for row in asked.itertuples()
            }
            question = st.selectbox(
                t("relabel_question", lang), list(labels), key="relabel_question", format_func=labels.get
            )
            topic = st.selectbox(
                t("relabel_topic", lang),
                COMMENT_TOPICS,
                key="relabel_topic",
                format_func=lambda name: topic_name(name, lang),
            )
            if st.form_submit_button(t("relabel_save", lang)):
                try:
                    actions.relabel_question(data.engine(), int(question), str(topic))
                    st.success(t("relabel_saved", lang))
                except Exception as error:
                    show.failure(error, lang)
