"""Content: every post and livestream, kinds side by side, the top items, and growth at equal age."""

import streamlit as st

from dashboard import charts, data, show
from dashboard.filters import current_view
from dashboard.i18n import kind_label, t
from models import metrics
from models.i18n import fmt_date

view = current_view()
scope, lang = view.scope, view.lang
st.title(t("page_content", lang))

content = data.query(metrics.content_metrics, scope)
if content.empty:
    st.info(t("no_data_in_period", lang))
    st.stop()

st.subheader(t("all_content", lang))
search = st.text_input(t("search", lang), key="content_search", icon=":material/search:")
shown = content[content.title.fillna("").str.contains(search, case=False, regex=False)] if search else content
show.table(
    shown,
    {
        "kind": (t("kind", lang), lambda kind: kind_label(kind, lang)),
        "title": (t("title", lang), "text"),
        "published_at": (t("published", lang), "datetime"),
        "campaigns": (t("campaign", lang), "text"),
        "views": (t("views", lang), "int"),
        "reach": (t("reach", lang), "int"),
        "interactions": (t("interactions", lang), "int"),
        "rate_per_reach": (t("rate_per_reach", lang), "percent"),
        "permalink": (t("link", lang), "link"),
    },
    lang,
    column_config={"permalink": st.column_config.LinkColumn(display_text=t("open", lang))},
    key="content_table",
)

st.subheader(t("kind_comparison", lang))
kinds = data.query(metrics.kind_comparison, scope)
show.table(
    kinds,
    {
        "kind": (t("kind", lang), lambda kind: kind_label(kind, lang)),
        "items": (t("items", lang), "int"),
        "views": (t("views", lang), "int"),
        "median_views": (t("median_views", lang), "int"),
        "interactions": (t("interactions", lang), "int"),
        "median_interactions": (t("median_interactions", lang), "int"),
        "rate_per_view": (t("rate_per_view", lang), "percent"),
    },
    lang,
)
left, right = st.columns(2)
with left:
    show.figure(charts.kind_comparison(kinds, lang), "kinds-median")
with right:
    show.figure(charts.content_comparison(content, lang), "kinds-views")

st.subheader(t("top_content", lang))
RANKINGS = ("views", "interactions", "reach", "rate_per_reach")
controls = st.columns([1, 2])
top_n = controls[0].number_input(t("top_n", lang), min_value=3, max_value=50, value=10, key="content_top_n")
ranking = controls[1].selectbox(
    t("top_metric", lang), RANKINGS, key="content_ranking", format_func=lambda code: t(code, lang)
)
show.figure(charts.top_content(content, ranking, int(top_n), lang), "top-content")

st.subheader(t("growth_heading", lang))
titles = {
    row.content_id: f"{row.title or ''} ({fmt_date(row.published_day, lang)})" for row in content.itertuples()
}
chosen = st.multiselect(
    t("growth_items", lang),
    list(titles),
    default=list(content.nlargest(3, "views").content_id),
    key="content_growth",
    format_func=lambda content_id: titles[content_id],
)
curves = data.query(metrics.growth_curves, [int(content_id) for content_id in chosen])
show.figure(charts.growth_curves(curves, lang), "growth-curves")
