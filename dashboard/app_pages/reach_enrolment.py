"""Reach vs enrolment: the core question, per day or week, per campaign, and across lags."""

import streamlit as st

from dashboard import charts, data, show
from dashboard.filters import current_view
from dashboard.i18n import category_label, t
from models import metrics
from models.i18n import fmt_decimal, fmt_int

view = current_view()
scope, lang = view.scope, view.lang
st.title(t("page_reach_enrolment", lang))

MEASURES = ("page_views", "page_viewers", "views_gain")
controls = st.columns([2, 2, 3, 3])
weekly = (
    controls[0].segmented_control(
        t("granularity", lang),
        ("daily", "weekly"),
        default="daily",
        key="reach_granularity",
        format_func=lambda code: t(code, lang),
        required=True,
    )
    == "weekly"
)
measure = controls[1].selectbox(
    t("reach_measure", lang), MEASURES, key="reach_measure", format_func=lambda code: t(code, lang)
)
categories = controls[2].multiselect(
    t("categories", lang),
    data.query(metrics.enrolment_categories),
    key="reach_categories",
    format_func=lambda code: category_label(code, lang),
    placeholder=t("all", lang),
)
units = controls[3].multiselect(
    t("units", lang), data.query(metrics.enrolment_units), key="reach_units", placeholder=t("all", lang)
)

daily = data.query(metrics.daily, scope)
enrolment = data.query(metrics.enrolment_daily, scope, tuple(categories), tuple(units))
campaigns = data.query(metrics.campaigns)
show.chart(
    charts.reach_vs_enrolment,
    daily,
    lang,
    enrolment=enrolment,
    campaigns=campaigns[["name", "start_date", "end_date"]],  # what the shading needs, hashable
    measure=measure,
    weekly=weekly,
    filename="reach-vs-enrolment",
)

st.subheader(t("campaign_table", lang))
table = data.query(metrics.campaign_table, scope)
if table.empty:
    st.info(t("no_campaigns", lang))
else:
    columns = {
        "name": (t("campaign", lang), "text"),
        "start_date": (t("start_date", lang), "date"),
        "end_date": (t("end_date", lang), "date"),
        "items": (t("items", lang), "int"),
        "views": (t("views", lang), "int"),
        "interactions": (t("interactions", lang), "int"),
    }
    for column in table.columns:
        category = column.removeprefix("enrolment_").removeprefix("target_").removeprefix("progress_")
        label = category_label(category, lang)
        if column.startswith("enrolment_"):
            columns[column] = (label, "int")
        elif column.startswith("target_"):
            columns[column] = (t("target_of", lang, category=label), "int")
        elif column.startswith("progress_"):
            columns[column] = (t("progress_of", lang, category=label), "percent")
    columns |= {
        "enrolments_per_10k_views": (t("enrolments_per_10k_views", lang), "decimal"),
        "views_change": (t("views_change", lang), "signed_percent"),
        "enrolments_change": (t("enrolments_change", lang), "signed_percent"),
    }
    show.table(table, columns, lang)

st.subheader(t("lag_heading", lang))
st.warning(t("lag_caution", lang), icon=":material/info:")
series = charts.lag_series(daily, enrolment, measure)
lags = metrics.lag_correlation(series, "reach", "enrolments")
if not lags.enough_data:
    st.info(t("lag_too_little", lang, pairs=fmt_int(metrics.MIN_LAG_PAIRS, lang)))
else:
    lag = st.slider(t("lag_days", lang), 0, 14, 0, key="reach_lag")
    usable = lags.correlations.dropna(subset=["correlation"])
    best = usable.loc[usable.correlation.abs().idxmax()]
    st.caption(
        t(
            "lag_best",
            lang,
            lag=fmt_int(best.lag, lang),
            r=fmt_decimal(best.correlation, lang, digits=2),
            pairs=fmt_int(best.pairs, lang),
        )
    )
    left, right = st.columns(2)
    with left:
        show.chart(charts.lag_bars, lags.correlations, lag, lang, filename="lag-correlation")
    with right:
        show.chart(charts.lag_scatter, series, lag, measure, lang, filename="lag-scatter")
