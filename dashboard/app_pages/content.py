"""Content: every post and livestream, kinds side by side, the top items, and growth at equal age."""

import pandas as pd
import streamlit as st

from dashboard import charts, data, show
from dashboard.exports.tables import Format
from dashboard.filters import current_view
from dashboard.i18n import kind_label, platform_label, t
from models import metrics
from models.i18n import fmt_date, fmt_int, fmt_percent

view = current_view()
scope, lang = view.scope, view.lang
st.title(t("page_content", lang))

GROWTH_CHOICES = 50
PAGE_ROWS = 50  # the list is read a page at a time: a national month holds ~12,500 items
# A period export (YouTube Studio's Table data of exactly these days): what each item did in the
# period, as the platform gives it (likes may be net, negative), whatever its publish day.
period = data.query(metrics.period_figures, scope)
if not period.empty:
    st.subheader(t("period_figures", lang))
    st.caption(t("period_figures_help", lang, items=fmt_int(len(period), lang)))
    show.table(
        period.assign(watch_time_h=period["watch_time_s"] / 3600),
        {
            "channel": (t("channel", lang), Format.TEXT),
            "title": (t("title", lang), Format.TEXT),
            "views": (t("views", lang), Format.COUNT),
            "likes": (t("likes", lang), Format.COUNT),
            "comments": (t("comments", lang), Format.COUNT),
            "shares": (t("shares", lang), Format.COUNT),
            "watch_time_h": (t("watch_time_h", lang), Format.DECIMAL),
        },
        lang,
        key="period_table",
    )

search = st.session_state.get("content_search", "")
total = data.query(metrics.content_count, scope, search)
if not total and not search:
    st.info(t("no_data_in_period", lang))
    st.stop()

# The plain answer first: all posts against all livestreams; the detail (platforms, kinds) below.
st.subheader(t("posts_vs_livestreams", lang))
st.caption(t("posts_vs_livestreams_help", lang))
formats = data.query(metrics.posts_vs_livestreams, scope).set_index("format")
formats = formats.astype(object).where(formats.notna(), None)
measures = (("items", fmt_int), ("views", fmt_int), ("interactions", fmt_int), ("rate_per_view", fmt_percent))
header = f"| | {t('format_post', lang)} | {t('format_livestream', lang)} |\n|---|---:|---:|\n"
st.markdown(
    header
    + "\n".join(
        f"| {t(name, lang)} | "
        + " | ".join(fmt(formats.at[form, name], lang) for form in ("post", "livestream"))
        + " |"
        for name, fmt in measures
    )
)

st.subheader(t("all_content", lang))
search_box, page_box = st.columns([3, 1], vertical_alignment="bottom")
search_box.text_input(t("search", lang), key="content_search", icon=":material/search:")
pages = max(1, -(-total // PAGE_ROWS))
if st.session_state.get("content_list_page", 1) > pages:
    st.session_state["content_list_page"] = 1  # fewer items now (a search, other filters)
number = page_box.number_input(t("content_page", lang), min_value=1, max_value=pages, key="content_list_page")
offset = (int(number) - 1) * PAGE_ROWS
shown = data.query(metrics.content_metrics, scope, search, offset, PAGE_ROWS)
st.caption(
    t(
        "content_rows",
        lang,
        first=fmt_int(min(offset + 1, total), lang),
        last=fmt_int(offset + len(shown), lang),
        total=fmt_int(total, lang),
    )
)
show.table(
    shown,
    {
        "platform": (t("platform", lang), lambda platform: platform_label(platform, lang)),
        "kind": (t("kind", lang), lambda kind: kind_label(kind, lang)),
        "title": (t("title", lang), Format.TEXT),
        "published_at": (t("published", lang), Format.DATETIME),
        "campaigns": (t("campaign", lang), Format.TEXT),
        "views": (t("views", lang), Format.COUNT),
        "reach": (t("reach", lang), Format.COUNT),
        "interactions": (t("interactions", lang), Format.COUNT),
        "rate_per_reach": (t("rate_per_reach", lang), Format.PERCENT),
        "permalink": (t("link", lang), Format.URL),
    },
    lang,
    column_config={"permalink": st.column_config.LinkColumn(display_text=t("open", lang))},
    key="content_table",
)

st.subheader(t("platform_comparison", lang))
st.caption(t("platform_comparison_help", lang))
platforms = data.query(metrics.platform_comparison, scope)
show.table(
    platforms.fillna({"kind": ""}),  # the all-kinds row of each platform
    {
        "platform": (t("platform", lang), lambda platform: platform_label(platform, lang)),
        "kind": (t("kind", lang), lambda kind: kind_label(kind, lang) if kind else t("all_kinds", lang)),
        "items": (t("items", lang), Format.COUNT),
        "views": (t("views", lang), Format.COUNT),
        "interactions": (t("interactions", lang), Format.COUNT),
        "rate_per_view": (t("rate_per_view", lang), Format.PERCENT),
    },
    lang,
    key="platform_table",
)
show.chart(charts.platform_comparison, platforms, lang, filename="platforms")

st.subheader(t("kind_comparison", lang))
kinds = data.query(metrics.kind_comparison, scope)
show.table(
    kinds,
    {
        "kind": (t("kind", lang), lambda kind: kind_label(kind, lang)),
        "items": (t("items", lang), Format.COUNT),
        "views": (t("views", lang), Format.COUNT),
        "median_views": (t("median_views", lang), Format.COUNT),
        "interactions": (t("interactions", lang), Format.COUNT),
        "median_interactions": (t("median_interactions", lang), Format.COUNT),
        "rate_per_view": (t("rate_per_view", lang), Format.PERCENT),
    },
    lang,
)
left, right = st.columns(2)  # side by side on a screen, one above the other on a phone
with left:
    show.chart(charts.kind_comparison, kinds, lang, filename="kinds-median")
with right:
    show.chart(
        charts.content_comparison, data.query(metrics.views_by_kind, scope), lang, filename="kinds-views"
    )

st.subheader(t("top_content", lang))
RANKINGS = ("views", "interactions", "reach", "rate_per_reach")
controls = st.columns([1, 2])
top_n = controls[0].number_input(t("top_n", lang), min_value=3, max_value=50, value=10, key="content_top_n")
ranking = controls[1].selectbox(
    t("top_metric", lang), RANKINGS, key="content_ranking", format_func=lambda code: t(code, lang)
)
# The most viewed items serve the default ranking and the items offered for growth curves.
most_viewed = data.query(metrics.top_content, scope, "views", GROWTH_CHOICES)
top = most_viewed if ranking == "views" else data.query(metrics.top_content, scope, ranking, int(top_n))
show.chart(charts.top_content, top, ranking, int(top_n), lang, filename="top-content")

st.subheader(t("growth_heading", lang))
# To compare: the most viewed items and those of the list's page (not every item of a national month).
offered = pd.concat([most_viewed, shown]).drop_duplicates("content_id")
titles = {
    row.content_id: f"{row.title or ''} ({fmt_date(row.published_day, lang)})" for row in offered.itertuples()
}
for content_id in st.session_state.get("content_growth", []):
    titles.setdefault(content_id, str(content_id))  # chosen on another page of the list
chosen = st.multiselect(
    t("growth_items", lang),
    list(titles),
    default=list(most_viewed.content_id[:3]),
    key="content_growth",
    format_func=lambda content_id: titles[content_id],
)
curves = data.query(metrics.growth_curves, [int(content_id) for content_id in chosen])
show.chart(charts.growth_curves, curves, lang, filename="growth-curves")
