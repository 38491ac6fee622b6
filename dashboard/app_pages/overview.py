"""Overview: the period's key figures against the previous period, the daily trend, top content."""

import streamlit as st

from dashboard import charts, data, show
from dashboard.filters import current_view
from dashboard.i18n import category_label, kind_label, kpi_category_label, platform_label, t
from models import metrics
from models.i18n import fmt_date, fmt_int, fmt_percent

view = current_view()
scope, lang = view.scope, view.lang
st.title(t("page_overview", lang))

figures = data.query(metrics.kpis, scope)
before, year = scope.previous(), scope.year_ago()
st.subheader(t("kpi_heading", lang))
if year is None:
    year_text = t("no_year_comparison", lang)
elif any(figure["year_ago"] is not None for figure in figures.values()):
    year_text = t("year_ago_dates", lang, start=fmt_date(year.start, lang), end=fmt_date(year.end, lang))
else:
    year_text = t("no_year_data", lang)
st.caption(
    t("change_vs_previous", lang, start=fmt_date(before.start, lang), end=fmt_date(before.end, lang))
    + " "
    + year_text
    + " "
    + t("interactions_help", lang)
)
# Figure, then its card's label key (the definition is the key + "_help"), then its formatter.
CARDS = (
    ("views", "kpi_views", fmt_int),
    ("avg_reach", "kpi_avg_reach", fmt_int),
    ("page_viewers_daily_avg", "kpi_page_viewers", fmt_int),
    ("interactions", "kpi_interactions", fmt_int),
    ("rate_per_reach", "kpi_rate_per_reach", fmt_percent),
    ("rate_per_view", "kpi_rate_per_view", fmt_percent),
    ("items", "kpi_items", fmt_int),
    ("enrolments", "kpi_enrolments", fmt_int),
)
enrolment_keys = [key for key in figures if key.startswith("enrolment_")]


def card(column, label: str, help_text: str, figure: dict, formatter) -> None:
    change = figure["change"]
    if figure["year_ago"] is not None:  # the same period of last year, beside the previous one
        year_change = "–" if figure["change_year"] is None else fmt_percent(figure["change_year"], lang)
        help_text += " " + t(
            "card_year_ago", lang, value=formatter(figure["year_ago"], lang), change=year_change
        )
    column.metric(
        label,
        formatter(figure["value"], lang),
        delta=None if change is None else fmt_percent(change, lang),
        help=help_text,
        border=True,
    )


columns = st.columns(4)
for number, (key, label, formatter) in enumerate(CARDS):
    card(columns[number % 4], t(label, lang), t(f"{label}_help", lang), figures[key], formatter)
if enrolment_keys:
    st.caption(t("kpi_enrolments_by_category", lang))
columns = st.columns(max(len(enrolment_keys) + 1, 1))
for column, key in zip(columns, enrolment_keys, strict=False):
    category = key.removeprefix("enrolment_")
    help_text = t("kpi_enrolment_help", lang, category=category_label(category, lang))
    card(column, kpi_category_label(category, lang), help_text, figures[key], fmt_int)
if enrolment_keys:  # other results beside the new participants, never added to them
    label = "kpi_other_results"
    card(columns[-1], t(label, lang), t(f"{label}_help", lang), figures["other_results"], fmt_int)
st.caption(t("activities_heading", lang))
columns = st.columns(4)
for column, key in zip(columns, ("activities", "attendance", "reached", "on_spot"), strict=True):
    card(column, t(f"kpi_{key}", lang), t(f"kpi_{key}_help", lang), figures[key], fmt_int)
st.caption(t("activities_arithmetic", lang))

platforms = data.query(metrics.platform_comparison, scope)
if platforms.platform.nunique() > 1:  # one platform: the key figures above already say it all
    st.subheader(t("platform_comparison", lang))
    st.caption(t("platform_comparison_help", lang))
    show.table(
        platforms[platforms.kind.isna()],
        {
            "platform": (t("platform", lang), lambda platform: platform_label(platform, lang)),
            "items": (t("items", lang), "int"),
            "views": (t("views", lang), "int"),
            "interactions": (t("interactions", lang), "int"),
            "rate_per_view": (t("rate_per_view", lang), "percent"),
        },
        lang,
        key="overview_platforms",
    )

st.subheader(t("daily_trend", lang))
show.chart(charts.daily_trend, data.query(metrics.daily, scope), lang, filename="daily-trend")

st.subheader(t("top_content", lang))
top = data.query(metrics.top_content, scope, "views", 10)
if top.empty:
    st.info(t("no_data_in_period", lang))
else:
    show.chart(charts.top_content, top, "views", 10, lang, filename="top-content")
    show.table(
        top,
        {
            "title": (t("title", lang), "text"),
            "kind": (t("kind", lang), lambda kind: kind_label(kind, lang)),
            "published_at": (t("published", lang), "datetime"),
            "views": (t("views", lang), "int"),
            "interactions": (t("interactions", lang), "int"),
            "rate_per_reach": (t("rate_per_reach", lang), "percent"),
        },
        lang,
    )
