"""Overview: the period's key figures against the previous period, the daily trend, top content."""

import streamlit as st

from dashboard import charts, data, show
from dashboard.exports.tables import Format
from dashboard.filters import current_view
from dashboard.i18n import category_label, kind_label, kpi_category_label, platform_label, t
from models import metrics
from models.i18n import fmt_int, fmt_percent
from models.periods import period_label
from models.tables import ENROLMENT_CATEGORIES

view = current_view()
scope, lang = view.scope, view.lang
st.title(t("page_overview", lang))

figures = data.query(metrics.kpis, scope)
before, year = scope.previous(), scope.year_ago()
st.subheader(t("kpi_heading", lang))
if year is None:
    year_text = t("no_year_comparison", lang)
elif any(figure["year_ago"] is not None for figure in figures.values()):
    year_text = t("year_ago_dates", lang, period=period_label(year.start, year.end, lang))
else:
    year_text = t("no_year_data", lang)
st.caption(
    t("change_vs_previous", lang, period=period_label(before.start, before.end, lang))
    + " "
    + year_text
    + " "
    + t("interactions_help", lang)
)
# Figure, then its card's label key (the definition is the key + "_help"), then its formatter.
SEEN = (
    ("page_views", "seen_page_views", fmt_int),
    ("page_viewers_daily_avg", "seen_page_viewers", fmt_int),
    ("views_gain", "seen_views_gain", fmt_int),
    ("interactions_gain", "seen_interactions_gain", fmt_int),
)
CARDS = (
    ("views", "kpi_views", fmt_int),
    ("interactions", "kpi_interactions", fmt_int),
    ("items", "kpi_items", fmt_int),
    ("avg_reach", "kpi_avg_reach", fmt_int),
    ("rate_per_reach", "kpi_rate_per_reach", fmt_percent),
    ("rate_per_view", "kpi_rate_per_view", fmt_percent),
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


def cards(group: tuple, values: dict) -> None:
    """Cards four to a row (Streamlit stacks them on a phone)."""
    for first in range(0, len(group), 4):
        columns = st.columns(4)
        for column, (key, label, formatter) in zip(columns, group[first : first + 4], strict=False):
            card(column, t(label, lang), t(f"{label}_help", lang), values[key], formatter)


if scope.campaign_id is not None:  # chosen in the sidebar: its targets and progress come first
    campaign = data.query(metrics.campaign_table).set_index("campaign_id").loc[scope.campaign_id]
    st.subheader(t("campaign_chosen_heading", lang, name=campaign["name"]))
    st.caption(t("campaign_chosen_help", lang))
    show.chart(
        charts.campaign_progress,
        campaign,
        tuple(dict.fromkeys([*ENROLMENT_CATEGORIES, *data.query(metrics.enrolment_categories)])),
        lang,
        filename="campaign-progress",
    )
    st.page_link(
        "app_pages/reach_enrolment.py", label=t("campaign_impact_link", lang), icon=":material/insights:"
    )

st.markdown(f"**{t('seen_heading', lang)}**")
st.caption(t("seen_explained", lang))
cards(SEEN, data.query(metrics.seen_kpis, scope))
st.markdown(f"**{t('published_heading', lang)}**")
st.caption(t("published_explained", lang))
cards(CARDS, figures)
if enrolment_keys:
    st.caption(t("kpi_enrolments_by_category", lang))
results = [  # new participants per category, then the other results beside them, never added in
    (
        kpi_category_label(key.removeprefix("enrolment_"), lang),
        t("kpi_enrolment_help", lang, category=category_label(key.removeprefix("enrolment_"), lang)),
        figures[key],
    )
    for key in enrolment_keys
]
if enrolment_keys:
    results.append(
        (t("kpi_other_results", lang), t("kpi_other_results_help", lang), figures["other_results"])
    )
for first in range(0, len(results), 4):  # four to a row, as the other cards: a fifth would cut its label
    for column, (label, help_text, figure) in zip(st.columns(4), results[first : first + 4], strict=False):
        card(column, label, help_text, figure, fmt_int)
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
            "items": (t("items", lang), Format.COUNT),
            "views": (t("views", lang), Format.COUNT),
            "interactions": (t("interactions", lang), Format.COUNT),
            "rate_per_view": (t("rate_per_view", lang), Format.PERCENT),
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
            "title": (t("title", lang), Format.TEXT),
            "kind": (t("kind", lang), lambda kind: kind_label(kind, lang)),
            "published_at": (t("published", lang), Format.DATETIME),
            "views": (t("views", lang), Format.COUNT),
            "interactions": (t("interactions", lang), Format.COUNT),
            "rate_per_reach": (t("rate_per_reach", lang), Format.PERCENT),
        },
        lang,
    )
