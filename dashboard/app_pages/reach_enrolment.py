"""Reach vs enrolment: the core question, per day or week, per campaign, and across lags."""

import streamlit as st

from dashboard import charts, data, show
from dashboard.exports.tables import Format
from dashboard.filters import current_view
from dashboard.i18n import category_label, t
from models import activities, impact, metrics
from models.i18n import fmt_decimal, fmt_int

view = current_view()
scope, lang = view.scope, view.lang
st.title(t("page_reach_enrolment", lang))

MEASURES = ("page_views", "page_viewers", "views_gain")
IMPACT_FOR = "_impact_for_campaign"
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
held = data.query(activities.activities, scope, tuple(units))
show.chart(
    charts.reach_vs_enrolment,
    daily,
    lang,
    enrolment=enrolment,
    campaigns=campaigns[["name", "start_date", "end_date"]],  # what the shading needs, hashable
    measure=measure,
    weekly=weekly,
    activities=held,
    filename="reach-vs-enrolment",
)
if not held.empty:
    st.caption(t("activities_markers_help", lang) + " " + t("activities_arithmetic", lang))

st.subheader(t("campaign_table", lang))
table = data.query(metrics.campaign_table, scope)
if table.empty:
    st.info(t("no_campaigns", lang))
else:
    columns = {
        "name": (t("campaign", lang), Format.TEXT),
        "start_date": (t("start_date", lang), Format.DATE),
        "end_date": (t("end_date", lang), Format.DATE),
        "items": (t("items", lang), Format.COUNT),
        "views": (t("views", lang), Format.COUNT),
        "interactions": (t("interactions", lang), Format.COUNT),
    }
    for column in table.columns:
        category = column.removeprefix("enrolment_").removeprefix("target_").removeprefix("progress_")
        label = category_label(category, lang)
        if column.startswith("enrolment_"):
            columns[column] = (label, Format.COUNT)
        elif column.startswith("target_"):
            columns[column] = (t("target_of", lang, category=label), Format.COUNT)
        elif column.startswith("progress_"):
            columns[column] = (t("progress_of", lang, category=label), Format.PERCENT)
    columns |= {
        "activities": (t("activities", lang), Format.COUNT),
        "attendance": (t("attendance", lang), Format.COUNT),
        "on_spot": (t("on_spot", lang), Format.COUNT),
        "enrolments_per_10k_views": (t("enrolments_per_10k_views", lang), Format.DECIMAL),
        "views_change": (t("views_change", lang), Format.CHANGE),
        "enrolments_change": (t("enrolments_change", lang), Format.CHANGE),
    }
    show.table(
        table, columns, lang, phone=["name", *[c for c in table.columns if c.startswith("progress_")][:2]]
    )

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

st.subheader(t("impact_heading", lang))
st.markdown(t("impact_intro", lang))
st.warning(t("impact_reading", lang, caution=show.plain(impact.caution(lang))), icon=":material/info:")
in_scope = campaigns[(campaigns.end_date >= scope.start) & (campaigns.start_date <= scope.end)]
choices = list((in_scope if not in_scope.empty else campaigns).name)
if not choices or not data.query(metrics.enrolment_categories):
    st.info(t("impact_none", lang))
else:
    picked = campaigns[campaigns.id == scope.campaign_id].name
    if not picked.empty and st.session_state.get(IMPACT_FOR) != scope.campaign_id:
        # The campaign chosen in the sidebar is the one estimated here (until another is chosen below).
        st.session_state["impact_campaign"] = picked.iloc[0]
        st.session_state[IMPACT_FOR] = scope.campaign_id
    chosen = st.selectbox(t("impact_campaign", lang), choices, key="impact_campaign")
    estimates = data.query(impact.campaign_impact, chosen)
    figures = impact.estimates_frame(estimates)
    if (figures.status == "ok").any():
        show.chart(charts.impact_estimates, figures, lang, filename="campaign-impact")
        show.table(
            figures.assign(category=[category_label(c, lang) for c in figures.category]),
            {
                "category": (t("placebo_category", lang), Format.TEXT),
                "observed": (t("impact_observed", lang), Format.COUNT),
                "expected": (t("impact_expected", lang), Format.COUNT),
                "expected_low": (t("impact_expected_low", lang), Format.COUNT),
                "expected_high": (t("impact_expected_high", lang), Format.COUNT),
                "difference": (t("impact_difference", lang), Format.COUNT),
                "difference_low": (t("impact_difference_low", lang), Format.COUNT),
                "difference_high": (t("impact_difference_high", lang), Format.COUNT),
                "ratio": (t("impact_ratio", lang), lambda value: fmt_decimal(value, lang, digits=2)),
                "baseline_days": (t("impact_baseline_days", lang), Format.COUNT),
                "placebo_as_high": (t("impact_placebo_as_high", lang), Format.COUNT),
                "placebo_windows": (t("impact_placebo_windows", lang), Format.COUNT),
            },
            lang,
            key="impact_table",
        )
    st.markdown(f"**{t('impact_in_words', lang)}**")
    for estimate in estimates:
        st.markdown("- " + show.plain(impact.describe(estimate, lang, caution=False)))
    with_placebo = [e for e in estimates if e.placebo is not None and e.placebo.windows]
    if with_placebo:
        with st.expander(t("placebo_heading", lang)):
            category = st.selectbox(
                t("placebo_category", lang),
                [e.category for e in with_placebo],
                key="impact_placebo_category",
                format_func=lambda code: category_label(code, lang),
            )
            picked = next(e for e in with_placebo if e.category == category)
            show.chart(
                charts.placebo_distribution,
                picked.placebo.ratios,
                picked.ratio,
                category,
                lang,
                filename="placebo-check",
            )
            st.caption(show.plain(impact.describe_placebo(picked.placebo, lang)))

    with st.expander(t("units_heading", lang)):
        units_available = data.query(impact.comparable_units)
        if len(units_available) < 2:
            st.info(t("units_none", lang))
        else:
            held = [u for u in data.query(impact.activity_units, chosen) if u in units_available]
            left, right = st.columns([3, 2])
            focus = left.multiselect(
                t("units_focus", lang),
                units_available,
                default=held,
                key=f"impact_focus_{chosen}",
                help=t("units_focus_help", lang),
            )
            unit_category = right.selectbox(
                t("units_category", lang),
                [e.category for e in estimates],
                key="impact_unit_category",
                format_func=lambda code: category_label(code, lang),
            )
            comparison = data.query(impact.unit_impact, chosen, unit_category, tuple(focus))
            st.caption(show.plain(impact.describe_units(comparison, focus, lang)))
            if comparison.status == "ok":
                show.table(
                    comparison.table.assign(
                        focus=[
                            t("units_yes", lang) if f else t("units_no", lang) for f in comparison.table.focus
                        ]
                    ),
                    {
                        "unit": (t("units", lang), Format.TEXT),
                        "focus": (t("units_is_focus", lang), Format.TEXT),
                        "before_per_day": (t("units_before", lang), Format.DECIMAL),
                        "during_per_day": (t("units_during", lang), Format.DECIMAL),
                        "ratio": (t("units_ratio", lang), lambda value: fmt_decimal(value, lang, digits=2)),
                    },
                    lang,
                    key="impact_units_table",
                )
