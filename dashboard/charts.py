"""Figures: pure functions from DataFrames (as the metric queries return them) to Plotly figures.

Every figure has a title, axis labels with units and hover text in the chosen language; numbers in
hover text and on axes use the locale's separators (babel's, handed to Plotly), never a hand format.
Colours are fixed per content kind, per platform and per enrolment category, so a reel is the same
red everywhere and YouTube the same red as its logo wherever platforms are compared.
"""

import html
import textwrap
from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
from plotly.subplots import make_subplots

from dashboard.i18n import (
    activity_kind_label,
    category_label,
    kind_label,
    number_separators,
    platform_label,
    t,
)
from models.activities import is_face_to_face
from models.i18n import fmt_date, fmt_datetime, fmt_int, fmt_percent

KIND_COLOURS = {
    "post": "#6c757d",
    "photo": "#1f77b4",
    "link": "#17becf",
    "video": "#ff7f0e",
    "reel": "#d62728",
    "livestream": "#9467bd",
}
PLATFORM_COLOURS = {
    "facebook": "#1877f2",
    "youtube": "#e62117",
    "zalo": "#00a3e0",
    "tiktok": "#25292e",
    "instagram": "#c13584",
}
CATEGORY_COLOURS = {
    "voluntary_si": "#2a9d8f",
    "health_insurance": "#e76f51",
    "vssid_install": "#264653",
    "non_cash": "#e9c46a",
}
MEASURE_COLOURS = {"page_views": "#1f4e79", "page_viewers": "#4a90d9", "views_gain": "#5e60ce"}
OTHER_COLOURS = ("#8d99ae", "#b5838d", "#6d597a", "#a3b18a", "#588157", "#bc6c25")
CAMPAIGN_FILLS = ("#f4a261", "#8ecae6", "#b5e48c", "#cdb4db", "#ffd166", "#adb5bd")
ACTIVITY_COLOURS = {
    "art_performance": "#c2185b",
    "booth": "#00897b",
    "conference": "#5e35b1",
    "small_group": "#f57c00",
    "visual": "#7cb342",
    "press": "#1e88e5",
    "messaging": "#0097a7",
    "launch": "#d32f2f",
    "other": "#757575",
}
# Measures that add up over days; page viewers are people per day and are averaged instead.
ADDITIVE = {"page_views": True, "views_gain": True, "page_viewers": False}
HOVER_INT = ",.0f"
# Every figure starts from this template: a new figure takes the default without validating it
# (about 2 ms), while setting it per figure with update_layout validates it again (about 40 ms).
pio.templates.default = "plotly_white"
PLAIN_TICKS = ",~f"


def _other_colour(name: str) -> str:
    """A stable colour for a kind or category we have no fixed colour for (same name, same colour)."""
    return OTHER_COLOURS[sum(map(ord, name)) % len(OTHER_COLOURS)]


def kind_colour(kind: str) -> str:
    return KIND_COLOURS.get(kind) or _other_colour(kind)


def platform_colour(platform: str) -> str:
    return PLATFORM_COLOURS.get(platform) or _other_colour(platform)


def category_colour(category: str) -> str:
    return CATEGORY_COLOURS.get(category) or _other_colour(category)


def chart_config(filename: str) -> dict:
    """No Plotly toolbar: its buttons speak English only, and the PNG it makes has no period, office
    or source. Hover, drag to zoom and double-click to reset stay; the dashboard adds its own PNG
    download (:func:`shareable`). ``filename`` names the PNG a browser would save."""
    return {
        "displayModeBar": False,
        "displaylogo": False,
        "toImageButtonOptions": {"format": "png", "filename": filename, "scale": 2},
    }


SHARE_WIDTH_PX = 720  # drawn at twice this: a phone shows the PNG about 390 px wide, text still reads
SHARE_FONT_PX = 16


def shareable(figure: go.Figure, lang: str, period: str, office: str, source: str) -> go.Figure:
    """``figure`` ready to paste into Zalo or Word: its title wrapped to the image, then the period and
    the office, then the source, in type that reads on a phone; the legend below the chart."""
    title = figure.layout.title.text or ""
    lines = textwrap.wrap(title, 52) or [""]
    heading = "<br>".join(f"<b>{line}</b>" for line in lines)
    small = f"<span style='font-size:{SHARE_FONT_PX - 2}px;color:#444'>"
    header = f"{heading}<br>{small}{' · '.join(part for part in (period, office) if part)}</span>"
    header += f"<br>{small}{source}</span>"
    top = 40 + 26 * len(lines) + 44
    shared = go.Figure(figure)
    shared.update_layout(
        title={
            "text": header,
            "x": 0.02,
            "xanchor": "left",
            "y": 1,
            "yref": "container",
            "yanchor": "top",
            "pad": {"t": 16},
        },
        font={"size": SHARE_FONT_PX},
        width=SHARE_WIDTH_PX,
        height=(figure.layout.height or 420) + top,
        margin={"t": top + 10, "l": 70, "r": 30, "b": 60},
        separators=number_separators(lang),
    )
    return shared


def _finish(figure: go.Figure, title: str, lang: str, height: int = 420) -> go.Figure:
    figure.update_layout(
        title={"text": title, "x": 0, "xanchor": "left"},
        separators=number_separators(lang),
        height=height,
        margin={"l": 60, "r": 30, "t": 70, "b": 50},
        # Below the chart, left-aligned: a horizontal legend wraps onto more lines on a phone instead
        # of covering the title or a subplot's; the margin grows to hold it.
        legend={
            "orientation": "h",
            "yref": "container",
            "yanchor": "bottom",
            "y": 0,
            "xanchor": "left",
            "x": 0,
            "traceorder": "normal",
        },
        hoverlabel={"namelength": -1},
    )
    # Whole numbers with the locale's separators on every numeric axis (30.000, not 30k; 0,5).
    plain = {"tickformat": PLAIN_TICKS}
    figure.for_each_xaxis(lambda axis: axis.update(plain) if axis.tickformat is None else None)
    figure.for_each_yaxis(lambda axis: axis.update(plain) if axis.tickformat is None else None)
    return figure


def _hover(*lines: str) -> str:
    """A hover template of ``lines``, without Plotly's secondary box."""
    return "<br>".join(lines) + "<extra></extra>"


DAY_MS = 86_400_000
MAX_DAY_TICKS = 8  # what fits under a phone-wide chart without labels running together


def day_ticks(days: pd.Series, step_days: int = 1) -> dict:
    """Tick settings of a date axis over ``days``: one label per whole day (or week), never the same
    date twice (Plotly's automatic ticks fall every 12 hours on a short range), at most about 8."""
    known = pd.to_datetime(pd.Series(days)).dropna()
    ticks: dict = {"tickformat": "%d/%m", "hoverformat": "%d/%m/%Y"}
    if known.empty:
        return ticks
    span = (known.max() - known.min()).days // step_days + 1
    every = max(1, -(-span // MAX_DAY_TICKS)) * step_days
    return ticks | {"tick0": known.min(), "dtick": every * DAY_MS}


def _date_axis(
    figure: go.Figure, title: str, days: pd.Series | None = None, step_days: int = 1, **where
) -> None:
    ticks = day_ticks(days if days is not None else pd.Series([], dtype="object"), step_days)
    figure.update_xaxes(title_text=title, **ticks, **where)


def measure_label(measure: str, lang: str, weekly: bool = False) -> str:
    """The name of a reach measure, saying when a weekly value is an average of days."""
    if measure == "page_viewers" and weekly:
        return t("page_viewers", lang) + " (" + t("weekly", lang).lower() + ")"
    return t(measure, lang)


def enrolment_long(daily: pd.DataFrame) -> pd.DataFrame:
    """The ``enrolment_<category>`` columns of :func:`models.metrics.daily` as (day, category, count)."""
    columns = [c for c in daily.columns if c.startswith("enrolment_")]
    long = daily.melt(id_vars="day", value_vars=columns, var_name="category", value_name="count")
    long["category"] = long["category"].str.removeprefix("enrolment_")
    return long


def reach_and_enrolment(
    daily: pd.DataFrame, enrolment: pd.DataFrame | None, measure: str, weekly: bool = False
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The reach series (``period``, ``value``) and enrolments per category (``period``, ``category``,
    ``count``), by day or by week (Monday first); page viewers are averaged over a week, not added.

    Without ``enrolment`` (long form, as ``metrics.enrolment_daily``) the daily frame's columns are used."""
    if enrolment is None:
        enrolment = enrolment_long(daily)
    reach = pd.DataFrame(
        {"period": pd.to_datetime(daily["day"]), "value": pd.to_numeric(daily[measure], errors="coerce")}
    )
    people = pd.DataFrame(
        {
            "period": pd.to_datetime(pd.Series(enrolment["day"], dtype="object")),
            "category": pd.Series(enrolment["category"], dtype="object"),
            "count": pd.to_numeric(pd.Series(enrolment["count"], dtype="float")),
        }
    )
    if weekly:
        reach["period"] = reach.period.dt.to_period("W-SUN").dt.start_time
        people["period"] = people.period.dt.to_period("W-SUN").dt.start_time
        reach = reach.groupby("period", as_index=False).agg(
            value=("value", lambda v: v.sum(min_count=1) if ADDITIVE[measure] else v.mean())
        )
    people = people.groupby(["period", "category"], as_index=False)["count"].sum()
    order = {category: number for number, category in enumerate(CATEGORY_COLOURS)}
    people = people.sort_values(
        ["category", "period"],
        key=lambda column: column.map(order).fillna(len(order)) if column.name == "category" else column,
        kind="stable",
    )
    return reach, people.reset_index(drop=True)


def reach_vs_enrolment(
    daily: pd.DataFrame,
    lang: str,
    *,
    enrolment: pd.DataFrame | None = None,
    campaigns: pd.DataFrame | None = None,
    measure: str = "page_views",
    weekly: bool = False,
    activities: pd.DataFrame | None = None,
) -> go.Figure:
    """Reach on top, new enrolments per category below, on one shared time axis; campaign windows
    shaded and labelled across both. With ``activities`` (as ``models.activities.activities``), a
    third row marks each activity beyond the fanpage by kind: a point for a day, a line for a range."""
    reach, people = reach_and_enrolment(daily, enrolment, measure, weekly)
    period_word = t("weekly" if weekly else "daily", lang).lower()
    marked = activities is not None and not activities.empty
    subplots = 3 if marked else 2
    # The activity row gets room for every kind's label (Plotly hides labels that do not fit).
    kinds_px = 30 * activities["kind"].nunique() + 20 if marked else 0
    height = 520 + kinds_px
    figure = make_subplots(
        rows=subplots,
        cols=1,
        shared_xaxes=True,
        vertical_spacing=0.06 if marked else 0.08,
        row_heights=[0.55 * (height - kinds_px), 0.45 * (height - kinds_px), kinds_px] if marked else None,
    )
    label = measure_label(measure, lang, weekly)
    when = "%{x|%d/%m/%Y}"
    figure.add_trace(
        go.Scatter(
            x=reach.period,
            y=reach.value,
            name=label,
            mode="lines+markers",
            line={"color": MEASURE_COLOURS.get(measure, "#1f4e79"), "width": 2},
            marker={"size": 4},
            hovertemplate=f"{when}<br>{label}: %{{y:{HOVER_INT}}}<extra></extra>",
        ),
        row=1,
        col=1,
    )
    for category, rows in people.groupby("category", sort=False):
        name = category_label(str(category), lang)
        figure.add_trace(
            go.Bar(
                x=rows.period,
                y=rows["count"],
                name=name,
                marker_color=category_colour(str(category)),
                hovertemplate=f"{when}<br>{name}: %{{y:{HOVER_INT}}}<extra></extra>",
            ),
            row=2,
            col=1,
        )
    figure.update_layout(barmode="stack")
    if len(reach):
        _shade_campaigns(figure, campaigns, reach.period.min(), reach.period.max(), weekly)
    people_unit = t("axis_people", lang).lower()
    figure.update_yaxes(title_text=label, rangemode="tozero", row=1, col=1)
    figure.update_yaxes(title_text=f"{t('enrolments', lang)} ({people_unit})", row=2, col=1)
    if marked:
        _mark_activities(figure, activities, lang, row=3)
    step = 7 if weekly else 1
    _date_axis(
        figure, t("axis_week" if weekly else "axis_day", lang), reach.period, step, row=subplots, col=1
    )
    for row in range(1, subplots):
        figure.update_xaxes(**day_ticks(reach.period, step), row=row, col=1)
    title = t("chart_reach_enrolment", lang, period=period_word)
    return _finish(figure, title, lang, height=height)


def text(value: object) -> str:
    """A name or title from a file or an API, for Plotly text (titles, labels, hover, legend): Plotly
    reads ``<a href>``, ``<b>`` and ``%{…}`` in them, so they are escaped to show as written."""
    return html.escape(str(value), quote=False).replace("%{", "%&#123;")


def activity_hover(activity: dict, lang: str) -> str:
    """What hovering an activity shows: name, days, kind, unit and venue, attendance, on-the-spot results."""
    days = fmt_date(activity["start_day"], lang)
    if activity["end_day"] != activity["start_day"]:
        days += " – " + fmt_date(activity["end_day"], lang)
    where = text(activity["unit"]) if activity["unit"] else t("province_wide", lang)
    if activity.get("venue"):
        where += f" · {text(activity['venue'])}"
    attendance = activity.get("attendance")
    known = attendance is not None and not pd.isna(attendance)
    results = [
        f"{category_label(key.removeprefix('on_spot_'), lang)} {fmt_int(value, lang)}"
        for key, value in activity.items()
        if key.startswith("on_spot_") and value is not None and not pd.isna(value)
    ]
    lines = [
        f"<b>{text(activity['name'])}</b>",
        f"{days} · {activity_kind_label(activity['kind'], lang)}",
        where,
        # Met in person, or reached at a distance (estimated): never the same figure.
        f"{t('attendance' if is_face_to_face(activity['kind']) else 'reached', lang)}: "
        f"{fmt_int(attendance if known else None, lang)}",
    ]
    if results:
        lines.append(f"{t('on_spot', lang)}: {', '.join(results)}")
    return "<br>".join(lines)


def _mark_activities(figure: go.Figure, activities: pd.DataFrame, lang: str, row: int) -> None:
    """One row per kind of activity: a marker on its day, or a line over its days, hover for details."""
    records = activities.astype(object).where(activities.notna(), None).to_dict("records")
    by_kind: dict[str, list[dict]] = {}
    for activity in records:
        by_kind.setdefault(str(activity["kind"]), []).append(activity)
    for kind, rows in by_kind.items():
        label = activity_kind_label(kind, lang)
        colour = ACTIVITY_COLOURS.get(kind) or _other_colour(kind)
        x: list = []
        texts: list = []
        for activity in rows:
            hover = activity_hover(activity, lang)
            start, end = pd.Timestamp(activity["start_day"]), pd.Timestamp(activity["end_day"])
            x += [start, end, None] if end > start else [start, None]
            texts += [hover, hover, None] if end > start else [hover, None]
        figure.add_trace(
            go.Scatter(
                x=x,
                y=[None if value is None else label for value in x],
                mode="lines+markers",
                name=label,
                legendgroup="activities",
                showlegend=False,
                line={"color": colour, "width": 6},
                marker={
                    "size": 11,
                    "symbol": "diamond",
                    "color": colour,
                },
                text=texts,
                hovertemplate="%{text}<extra></extra>",
                connectgaps=False,
            ),
            row=row,
            col=1,
        )
    figure.update_yaxes(title_text=t("activities", lang), type="category", row=row, col=1)


def _shade_campaigns(
    figure: go.Figure, campaigns: pd.DataFrame | None, first: pd.Timestamp, last: pd.Timestamp, weekly: bool
) -> None:
    """Each campaign's window as a shaded range across the rows, in its own tint, named in the legend:
    a name written on the chart sits on the line and is cut at a phone's edge."""
    if campaigns is None or campaigns.empty:
        return
    half = pd.Timedelta(days=3.5 if weekly else 0.5)  # bars are centred on their day (or week start)
    low, high = first - half, last + half
    shown = 0
    for campaign in campaigns.sort_values("start_date").itertuples():
        x0 = max(pd.Timestamp(campaign.start_date) - pd.Timedelta(hours=12), low)
        x1 = min(pd.Timestamp(campaign.end_date) + pd.Timedelta(hours=12), high)
        if x1 <= x0:
            continue
        colour = CAMPAIGN_FILLS[shown % len(CAMPAIGN_FILLS)]
        figure.add_vrect(
            x0=x0, x1=x1, fillcolor=colour, opacity=0.2, line_width=0, layer="below", row="all", col=1
        )
        figure.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                marker={"symbol": "square", "size": 14, "color": colour, "opacity": 0.5},
                name=text(str(campaign.name)),
                legendgroup="campaigns",
                hoverinfo="skip",
            ),
            row=1,
            col=1,
        )
        shown += 1


def daily_trend(daily: pd.DataFrame, lang: str) -> go.Figure:
    """Page views and new content views per day (top), new interactions per day (bottom)."""
    figure = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.1, row_heights=[0.6, 0.4])
    when = "%{x|%d/%m/%Y}"
    for measure in ("page_views", "views_gain"):
        if measure not in daily or daily[measure].isna().all():
            continue
        label = t(measure, lang)
        figure.add_trace(
            go.Scatter(
                x=pd.to_datetime(daily["day"]),
                y=pd.to_numeric(daily[measure], errors="coerce"),
                name=label,
                mode="lines",
                line={"color": MEASURE_COLOURS[measure], "width": 2},
                hovertemplate=f"{when}<br>{label}: %{{y:{HOVER_INT}}}<extra></extra>",
            ),
            row=1,
            col=1,
        )
    label = t("interactions_gain", lang)
    figure.add_trace(
        go.Bar(
            x=pd.to_datetime(daily["day"]),
            y=pd.to_numeric(daily["interactions_gain"], errors="coerce"),
            name=label,
            marker_color="#2a9d8f",
            hovertemplate=f"{when}<br>{label}: %{{y:{HOVER_INT}}}<extra></extra>",
        ),
        row=2,
        col=1,
    )
    figure.update_yaxes(title_text=t("views", lang) + " / " + t("axis_day", lang).lower(), row=1, col=1)
    figure.update_yaxes(
        title_text=t("interactions", lang) + " / " + t("axis_day", lang).lower(), row=2, col=1
    )
    _date_axis(figure, t("axis_day", lang), daily["day"], row=2, col=1)
    figure.update_xaxes(**day_ticks(daily["day"]), row=1, col=1)
    return _finish(figure, t("chart_trend", lang), lang, height=460)


def kind_comparison(kinds: pd.DataFrame, lang: str) -> go.Figure:
    """Median views and median interactions per item, one horizontal bar per content kind, the two
    panels one above the other (side by side, their titles ran together; kinds named beside the bars
    read on a phone, under them they collide)."""
    views_title, interactions_title = t("median_views", lang), t("median_interactions", lang)
    figure = make_subplots(
        rows=2, cols=1, vertical_spacing=0.18, subplot_titles=(views_title, interactions_title)
    )
    labels = [kind_label(kind, lang) for kind in kinds["kind"]]
    colours = [kind_colour(kind) for kind in kinds["kind"]]
    for row, (measure, title) in enumerate(
        (("median_views", views_title), ("median_interactions", interactions_title)), start=1
    ):
        figure.add_trace(
            go.Bar(
                y=labels,
                x=kinds[measure],
                orientation="h",
                marker_color=colours,
                name=title,
                showlegend=False,
                customdata=kinds[["items"]],
                hovertemplate=_hover(
                    "%{y}",
                    f"{title}: %{{x:{HOVER_INT}}}",
                    f"{t('items', lang)}: %{{customdata[0]:{HOVER_INT}}}",
                ),
            ),
            row=row,
            col=1,
        )
    figure.update_yaxes(autorange="reversed")
    return _finish(figure, t("chart_kinds", lang), lang, height=200 + 2 * 26 * max(len(labels), 2))


def platform_comparison(platforms: pd.DataFrame, lang: str) -> go.Figure:
    """Views and engagement per view of each content kind, one bar per platform in its colour
    (``metrics.platform_comparison``: the all-kinds rows are the first group)."""
    views_title, rate_title = t("views", lang), t("rate_per_view", lang)
    # Kinds beside horizontal bars, the two measures one above the other: kinds named under vertical
    # bars collide on a phone.
    kinds = platforms["kind"].fillna("").nunique()
    figure = make_subplots(rows=2, cols=1, vertical_spacing=0.16, subplot_titles=(views_title, rate_title))
    frame = platforms.assign(
        kind_name=[
            t("all_kinds", lang) if pd.isna(k) else kind_label(str(k), lang) for k in platforms["kind"]
        ]
    )
    for platform, rows in frame.groupby("platform", sort=True):
        name = platform_label(str(platform), lang)
        for column, (measure, title, number_format) in enumerate(
            (("views", views_title, HOVER_INT), ("rate_per_view", rate_title, ".1%")), start=1
        ):
            figure.add_trace(
                go.Bar(
                    y=rows["kind_name"],
                    x=rows[measure],
                    orientation="h",
                    name=name,
                    legendgroup=name,
                    showlegend=column == 1,
                    marker_color=platform_colour(str(platform)),
                    customdata=rows[["items"]],
                    hovertemplate=_hover(
                        f"{name} · %{{y}}",
                        f"{title}: %{{x:{number_format}}}",
                        f"{t('items', lang)}: %{{customdata[0]:{HOVER_INT}}}",
                    ),
                ),
                row=column,
                col=1,
            )
    figure.update_layout(barmode="group", legend_title_text=t("platform", lang))
    figure.update_yaxes(autorange="reversed")
    figure.update_xaxes(tickformat=PLAIN_TICKS, row=1, col=1)
    figure.update_xaxes(tickformat=".1%", row=2, col=1)
    bars = kinds * frame["platform"].nunique()
    return _finish(figure, t("chart_platforms", lang), lang, height=220 + 2 * 16 * max(bars, 4))


def content_comparison(content: pd.DataFrame, lang: str) -> go.Figure:
    """Views of every item, one box per content kind with each item as a dot: posts against
    livestreams at a glance, medians and spread included."""
    figure = go.Figure()
    views = t("views", lang)
    for kind, rows in content.dropna(subset=["views"]).groupby("kind", sort=True):
        name = kind_label(str(kind), lang)
        figure.add_trace(
            go.Box(
                y=[name] * len(rows),
                x=rows["views"],
                orientation="h",
                name=name,
                marker_color=kind_colour(str(kind)),
                boxpoints="all",
                jitter=0.4,
                pointpos=0,
                customdata=rows[["title"]].fillna("").map(text),
                hovertemplate=_hover("%{customdata[0]}", f"{views}: %{{x:{HOVER_INT}}}"),
            )
        )
    # Kinds beside their boxes, one above the other: under the boxes their names collide on a phone.
    figure.update_xaxes(title_text=f"{views} / {t('items', lang).lower()}", rangemode="tozero")
    figure.update_yaxes(autorange="reversed")
    figure.update_layout(showlegend=False)
    return _finish(
        figure, t("chart_views_by_kind", lang), lang, height=160 + 44 * max(content["kind"].nunique(), 2)
    )


def top_content(content: pd.DataFrame, metric: str, n: int, lang: str) -> go.Figure:
    """The ``n`` items with the highest ``metric``, as horizontal bars coloured by kind, each named
    above its bar (title, day, and platform when several): a phone has no room for names beside bars."""
    # Items without any count (a period export adds videos and no snapshot) leave an object column.
    known = content.dropna(subset=[metric])
    top = known.astype({metric: float}).nlargest(n, metric).iloc[::-1]
    top = top.assign(label=_item_labels(top, lang))
    metric_name = t(metric, lang)
    figure = go.Figure()
    for kind, rows in top.groupby("kind", sort=False):
        name = kind_label(str(kind), lang)
        figure.add_trace(
            go.Bar(
                x=rows[metric],
                y=rows["label"],
                orientation="h",
                name=name,
                width=0.4,
                marker_color=kind_colour(str(kind)),
                customdata=rows[["label"]],
                hovertemplate=f"%{{customdata[0]}}<br>{name}<br>{metric_name}: %{{x:{_hover_format(metric)}}}"
                "<extra></extra>",
            )
        )
    for label in top["label"]:
        figure.add_annotation(
            x=0,
            xref="paper",
            y=label,
            yref="y",
            yshift=19,
            text=label,
            showarrow=False,
            xanchor="left",
            font={"size": 12},
        )
    figure.update_yaxes(categoryorder="array", categoryarray=list(top["label"]), showticklabels=False)
    figure.update_xaxes(
        title_text=metric_name, tickformat=".1%" if metric.startswith("rate") else PLAIN_TICKS
    )
    figure = _finish(
        figure,
        t("chart_top", lang, n=fmt_int(len(top), lang), metric=metric_name.lower()),
        lang,
        140 + 50 * max(len(top), 3),
    )
    figure.update_layout(margin={"l": 10})
    return figure


def _hover_format(metric: str) -> str:
    return ".1%" if metric.startswith("rate") else HOVER_INT


def _item_labels(items: pd.DataFrame, lang: str) -> list[str]:
    """One label per item: its short title and publishing day, and its platform when the list holds
    several (two livestreams of one title on Facebook and YouTube); numbered if still the same."""
    titles = [text(_short(title, 40)) for title in items["title"].fillna("")]
    days = items["published_day"] if "published_day" in items else [None] * len(items)
    platforms = items["platform"] if "platform" in items else [None] * len(items)
    several = len({platform for platform in platforms if platform is not None}) > 1
    labels = []
    for title, day, platform in zip(titles, days, platforms, strict=True):
        parts = [title]
        if day is not None and not pd.isna(day):
            parts.append(fmt_date(day, lang))
        if several and platform is not None:
            parts.append(platform_label(str(platform), lang))
        labels.append(" · ".join(parts))
    seen: dict[str, int] = {}
    unique = []
    for label in labels:  # the same title on the same day and platform: number them
        seen[label] = seen.get(label, 0) + 1
        unique.append(label if seen[label] == 1 else f"{label} ({seen[label]})")
    return unique


def _short(title: str, length: int = 48) -> str:
    return title if len(title) <= length else title[: length - 1] + "…"


def growth_curves(curves: pd.DataFrame, lang: str) -> go.Figure:
    """Views against hours since publishing, one line per item (coloured by its kind)."""
    figure = go.Figure()
    dashes = ("solid", "dash", "dot", "dashdot", "longdash")
    seen: dict[str, int] = {}
    views = t("views", lang)
    for content_id, rows in curves.groupby("content_id", sort=False):
        kind = str(rows["kind"].iloc[0])
        number = seen.get(kind, 0)
        seen[kind] = number + 1
        title = str(rows["title"].iloc[0] or content_id)
        figure.add_trace(
            go.Scatter(
                x=rows["hours"],
                y=rows["views"],
                name=f"{kind_label(kind, lang)}: {text(_short(title, 40))}",
                mode="lines+markers",
                line={"color": kind_colour(kind), "dash": dashes[number % len(dashes)]},
                hovertemplate=_hover(
                    text(_short(title, 60)),
                    f"%{{x:,.0f}} {t('unit_hours', lang)}",
                    f"{views}: %{{y:{HOVER_INT}}}",
                ),
            )
        )
    figure.update_xaxes(title_text=t("axis_hours", lang), rangemode="tozero")
    figure.update_yaxes(title_text=views + " (" + t("axis_count", lang).lower() + ")", rangemode="tozero")
    return _finish(figure, t("chart_growth", lang), lang)


def live_viewers(curves: pd.DataFrame, lang: str, title: str | None = None) -> go.Figure:
    """Live viewers against minutes since the broadcast began, one line per broadcast, peaks marked.

    ``curves``: ``broadcast`` (name), ``started_at``, ``captured_at``, ``live_viewers``, ``timezone``."""
    figure = go.Figure()
    viewers = t("live_viewers", lang)
    palette = (KIND_COLOURS["livestream"], *OTHER_COLOURS)
    for number, (broadcast, rows) in enumerate(curves.groupby("broadcast", sort=False)):
        minutes = (
            pd.to_datetime(rows["captured_at"], utc=True) - pd.to_datetime(rows["started_at"], utc=True)
        ).dt.total_seconds() / 60
        colour = palette[number % len(palette)]
        name = text(_short(str(broadcast), 50))
        figure.add_trace(
            go.Scatter(
                x=minutes,
                y=rows["live_viewers"],
                name=name,
                mode="lines+markers",
                line={"color": colour, "width": 2},
                marker={"size": 4},
                hovertemplate=f"%{{x:,.0f}} {t('unit_minutes', lang)}<br>{viewers}: %{{y:{HOVER_INT}}}"
                f"<extra>{name}</extra>",
            )
        )
        peak = rows["live_viewers"].astype(float).idxmax()
        peak_text = t(
            "peak",
            lang,
            viewers=fmt_int(rows["live_viewers"][peak], lang),
            time=fmt_datetime(
                pd.Timestamp(rows["captured_at"][peak]).to_pydatetime(), lang, str(rows["timezone"][peak])
            ),
        )
        figure.add_trace(
            go.Scatter(
                x=[minutes[peak]],
                y=[rows["live_viewers"][peak]],
                mode="markers+text",
                marker={"color": colour, "size": 12, "symbol": "star"},
                text=[peak_text],
                textposition="top center",
                name=peak_text,
                showlegend=False,
                hovertemplate=f"{peak_text}<extra></extra>",
            )
        )
    figure.update_xaxes(title_text=t("axis_minutes", lang), rangemode="tozero")
    figure.update_yaxes(title_text=viewers + " (" + t("axis_people", lang).lower() + ")", rangemode="tozero")
    chart_title = t("chart_live", lang, title=_short(title, 60)) if title else t("chart_live_compare", lang)
    return _finish(figure, chart_title, lang)


def data_coverage(daily: pd.DataFrame, lang: str) -> go.Figure:
    """Which days hold page figures, content growth and enrolment results: gaps show at a glance."""
    figure = go.Figure()
    rows = (("page_views", MEASURE_COLOURS["page_views"]), ("views_gain", MEASURE_COLOURS["views_gain"]))
    rows += (("enrolments", CATEGORY_COLOURS["voluntary_si"]),)
    for measure, colour in rows:
        values = pd.to_numeric(daily[measure], errors="coerce")
        present = daily[values.fillna(0) > 0]
        label = t(measure, lang)
        figure.add_trace(
            go.Scatter(
                x=pd.to_datetime(present["day"]),
                y=[label] * len(present),
                mode="markers",
                marker={"symbol": "square", "size": 9, "color": colour},
                name=label,
                customdata=values[present.index],
                hovertemplate=_hover("%{x|%d/%m/%Y}", f"{label}: %{{customdata:{HOVER_INT}}}"),
            )
        )
    _date_axis(figure, t("axis_day", lang), daily["day"])
    figure.update_layout(showlegend=False)
    return _finish(figure, t("chart_coverage", lang), lang, height=260)


def lag_series(daily: pd.DataFrame, enrolment: pd.DataFrame, measure: str) -> pd.DataFrame:
    """Per day: the reach measure and the new enrolments of the chosen categories and units."""
    reach, people = reach_and_enrolment(daily, enrolment, measure)
    totals = people.groupby("period", as_index=False)["count"].sum()
    series = reach.merge(totals, on="period", how="left").rename(
        columns={"value": "reach", "count": "enrolments"}
    )
    series["enrolments"] = series["enrolments"].fillna(0)
    return series


def lag_bars(correlations: pd.DataFrame, chosen: int, lang: str) -> go.Figure:
    """Correlation at each lag (days); the chosen lag highlighted."""
    colours = ["#1f4e79" if lag == chosen else "#9db4cc" for lag in correlations["lag"]]
    figure = go.Figure(
        go.Bar(
            x=correlations["lag"],
            y=correlations["correlation"],
            marker_color=colours,
            customdata=correlations[["pairs"]],
            hovertemplate=_hover(
                f"{t('lag_days', lang)}: %{{x}}",
                "r = %{y:.2f}",
                f"{t('hover_pairs', lang)}: %{{customdata[0]}}",
            ),
            name="r",
        )
    )
    figure.update_xaxes(title_text=t("lag_days", lang), dtick=1)
    figure.update_yaxes(title_text=t("axis_correlation", lang), range=[-1, 1], zeroline=True)
    return _finish(figure, t("chart_lag", lang), lang, height=360)


def lag_scatter(series: pd.DataFrame, lag: int, measure: str, lang: str) -> go.Figure:
    """Each day's change in reach against the change in enrolments ``lag`` days later."""
    pairs = pd.DataFrame(
        {
            "day": series["period"],
            "x": series["reach"].diff(),
            "y": series["enrolments"].diff().shift(-lag),
        }
    ).dropna()
    x_title = t("axis_reach_change", lang, measure=t(measure, lang).lower())
    y_title = t("axis_enrolment_change", lang, lag=fmt_int(lag, lang))
    figure = go.Figure(
        go.Scatter(
            x=pairs["x"],
            y=pairs["y"],
            mode="markers",
            marker={"color": "#1f4e79", "size": 8, "opacity": 0.7},
            customdata=pairs[["day"]],
            hovertemplate=_hover(
                "%{customdata[0]|%d/%m/%Y}",
                f"{x_title}: %{{x:{HOVER_INT}}}",
                f"{y_title}: %{{y:{HOVER_INT}}}",
            ),
            name="",
        )
    )
    figure.update_xaxes(title_text=x_title)
    figure.update_yaxes(title_text=y_title)
    return _finish(figure, t("chart_lag_scatter", lang, lag=fmt_int(lag, lang)), lang, height=360)


def impact_estimates(estimates: pd.DataFrame, lang: str) -> go.Figure:
    """Per category (one panel each, scales differ): the expected count with its interval and the
    observed count, as ``models.impact.estimates_frame`` gives them; categories without an estimate
    are left out."""
    shown = estimates[estimates["status"] == "ok"].reset_index(drop=True)
    labels = [category_label(category, lang) for category in shown["category"]]
    # One panel per row: side by side, four categories leave a phone 80 px each and titles collide.
    panels = max(len(shown), 1)
    figure = make_subplots(rows=panels, cols=1, subplot_titles=labels or None, vertical_spacing=0.5 / panels)
    for position, row in shown.iterrows():
        column = position + 1
        figure.add_trace(
            go.Bar(
                y=[t("impact_expected", lang)],
                x=[row["expected"]],
                orientation="h",
                marker_color="#adb5bd",
                error_x={
                    "type": "data",
                    "array": [row["expected_high"] - row["expected"]],
                    "arrayminus": [row["expected"] - row["expected_low"]],
                    "color": "#495057",
                    "thickness": 2,
                    "width": 10,
                },
                customdata=[[row["expected_low"], row["expected_high"]]],
                hovertemplate=_hover(
                    f"{t('impact_expected', lang)}: %{{x:{HOVER_INT}}}",
                    f"{t('impact_interval', lang)}: "
                    f"%{{customdata[0]:{HOVER_INT}}}–%{{customdata[1]:{HOVER_INT}}}",
                ),
                name=t("impact_expected", lang),
                legendgroup="expected",
                showlegend=position == 0,
            ),
            row=column,
            col=1,
        )
        figure.add_trace(
            go.Bar(
                y=[t("impact_observed", lang)],
                x=[row["observed"]],
                orientation="h",
                marker_color=category_colour(row["category"]),
                hovertemplate=_hover(f"{t('impact_observed', lang)}: %{{x:{HOVER_INT}}}"),
                name=t("impact_observed", lang),
                legendgroup="observed",
                showlegend=position == 0,
            ),
            row=column,
            col=1,
        )
    figure.update_xaxes(rangemode="tozero")
    figure.update_yaxes(autorange="reversed")
    return _finish(figure, t("chart_impact", lang), lang, height=160 + 150 * panels)


def placebo_distribution(
    ratios: Sequence[float], campaign_ratio: float, category: str, lang: str
) -> go.Figure:
    """How large observed ÷ expected was in each quiet window, with the campaign's ratio marked."""
    figure = go.Figure(
        go.Histogram(
            x=list(ratios),
            marker_color="#9db4cc",
            name=t("placebo_windows", lang),
            hovertemplate=_hover(
                f"{t('placebo_axis', lang)}: %{{x}}", f"{t('placebo_windows', lang)}: %{{y:{HOVER_INT}}}"
            ),
        )
    )
    figure.add_vline(
        x=campaign_ratio,
        line_color=category_colour(category),
        line_width=3,
        annotation_text=t("placebo_campaign", lang),
        annotation_position="top",
    )
    figure.update_xaxes(title_text=t("placebo_axis", lang), tickformat=".2~f")
    figure.update_yaxes(title_text=t("placebo_windows", lang))
    title = t("chart_placebo", lang, category=category_label(category, lang))
    figure = _finish(figure, title, lang, height=300)
    figure.update_layout(showlegend=False)
    return figure


def campaign_progress(campaign: pd.Series, categories: Sequence[str], lang: str) -> go.Figure:
    """A campaign's new enrolments per category as bars, each target as a marker on its bar."""
    shown = [c for c in categories if f"enrolment_{c}" in campaign.index or f"target_{c}" in campaign.index]
    labels = [category_label(category, lang) for category in shown]
    actuals = [_value(campaign.get(f"enrolment_{category}")) or 0 for category in shown]
    targets = [_value(campaign.get(f"target_{category}")) for category in shown]
    texts = [
        fmt_int(actual, lang)
        + ("" if target is None else f" / {fmt_int(target, lang)} ({fmt_percent(actual / target, lang)})")
        for actual, target in zip(actuals, targets, strict=True)
    ]
    actual_name, target_name = t("actual", lang), t("target", lang)
    figure = go.Figure(
        go.Bar(
            x=actuals,
            y=labels,
            orientation="h",
            width=0.4,
            marker_color=[category_colour(category) for category in shown],
            text=texts,
            textposition="none",
            name=actual_name,
            hovertemplate=_hover("%{y}", f"{actual_name}: %{{x:{HOVER_INT}}}"),
        )
    )
    with_target = [
        (label, target) for label, target in zip(labels, targets, strict=True) if target is not None
    ]
    if with_target:
        figure.add_trace(
            go.Scatter(
                x=[target for _, target in with_target],
                y=[label for label, _ in with_target],
                mode="markers",
                marker={"symbol": "line-ns", "size": 22, "line": {"width": 3, "color": "#222"}},
                name=target_name,
                hovertemplate=_hover("%{y}", f"{target_name}: %{{x:{HOVER_INT}}}"),
            )
        )
    # Each category and its "262 / 250 (104,8%)" above its bar, from the left edge: beside the bar
    # they were cut on a phone and at the end of a long bar on a laptop.
    for label, progress in zip(labels, texts, strict=True):
        figure.add_annotation(
            x=0,
            xref="paper",
            y=label,
            yref="y",
            yshift=22,
            text=f"{label}: <b>{progress}</b>",
            showarrow=False,
            xanchor="left",
            font={"size": 12},
        )
    figure.update_xaxes(
        title_text=f"{t('enrolments', lang)} ({t('axis_people', lang).lower()})", rangemode="tozero"
    )
    figure.update_yaxes(autorange="reversed", showticklabels=False)
    title = t("chart_progress", lang, name=text(str(campaign["name"])))
    figure = _finish(figure, title, lang, height=170 + 62 * max(len(labels), 2))
    figure.update_layout(margin={"l": 10})
    return figure


def _value(number) -> float | None:
    return None if number is None or pd.isna(number) else float(number)
