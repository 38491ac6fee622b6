"""The sentences of the monthly communication report, written from a ``Summary``.

Pure functions (summary and language in, text out) so every sentence can be tested without a
document. Reach figures are rounded the way offices write them ("hơn 18.600", "gần 2.000") by
``models.i18n.fmt_about``; enrolment results are exact. Sentences about campaigns and results say
"together", never "because": association, not cause.
"""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd

from dashboard.i18n import category_label, kind_label, platform_label, report_text, t
from models.activities import is_face_to_face, kind_name
from models.categories import new_participants
from models.i18n import fmt_about, fmt_day, fmt_decimal, fmt_int, fmt_percent
from models.impact import caution, describe
from models.metrics import category_order
from models.periods import calendar_name
from models.summary import Summary

HEADLINE_LIVESTREAMS = 2
TOP_UNITS = 3


def _lower_first(text: str) -> str:
    """ "Bài viết Zalo OA" → "bài viết Zalo OA" (names inside keep their capitals)."""
    return text[:1].lower() + text[1:]


def _number(value) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


def period_text(summary: Summary, lang: str) -> str:
    """The period as the title says it: "tháng 5/2024", "quý II năm 2024", "từ ngày 13/5/2024 đến
    ngày 19/5/2024", or the campaign's name and dates."""
    start, end = summary.start, summary.end
    if summary.campaign is not None:
        return report_text(
            "period_campaign", lang, name=summary.campaign.name, days=days_text(start, end, lang)
        )
    return period_name(start, end, lang)


def days_text(start: date, end: date, lang: str) -> str:
    """ "từ ngày 13/5/2024 đến ngày 19/5/2024", or the one day."""
    if start == end:
        return fmt_day(start, lang)
    return report_text("period_days", lang, start=fmt_day(start, lang), end=fmt_day(end, lang))


def change_text(change: float | None, lang: str) -> str:
    """ "tăng 12,5%", "giảm 3,0%", "không đổi", or that the previous period had no figures."""
    if change is None or pd.isna(change):
        return report_text("no_base", lang)
    if round(change, 3) == 0:
        return report_text("unchanged", lang)
    return report_text("up" if change > 0 else "down", lang, percent=fmt_percent(abs(change), lang))


def day_ranges(days: list[date], lang: str) -> str:
    """Days as ranges, written as the rest of the report writes dates: "1/5/2024–3/5/2024,
    12/5/2024" (a missing week reads as one range, not seven days)."""
    runs: list[tuple[date, date]] = []
    for day in sorted(days):
        if runs and day - runs[-1][1] == timedelta(days=1):
            runs[-1] = (runs[-1][0], day)
        else:
            runs.append((day, day))

    return ", ".join(
        fmt_day(a, lang) if a == b else f"{fmt_day(a, lang)}–{fmt_day(b, lang)}" for a, b in runs
    )


def result_text(category: str, count: int, lang: str, target: int | None = None, progress=None) -> str:
    """One category's result as a phrase ("phát triển mới 262 người tham gia BHXH tự nguyện"),
    with its target when there is one."""
    key = f"result_{category}"
    values = {"count": fmt_int(count, lang), "label": category_label(category, lang)}
    text = report_text(key if key in _RESULT_KEYS else "result_other", lang, **values)
    if target is not None and not pd.isna(target):
        text += report_text(
            "against_target", lang, progress=fmt_percent(progress, lang), target=fmt_int(target, lang)
        )
    return text


_RESULT_KEYS = {f"result_{c}" for c in ("voluntary_si", "health_insurance", "vssid_install", "non_cash")}


def results_text(results: list[tuple[str, int, int | None, float | None]], participants, lang: str) -> str:
    """Results per category (category, count, target, progress): the new participants with their
    total first, then the other results beside them, never added in (``models.categories``)."""
    joined = [r for r in results if r[0] in participants]
    others = [r for r in results if r[0] not in participants]
    text = ""
    if joined:
        parts = "; ".join(result_text(c, n, lang, target, progress) for c, n, target, progress in joined)
        total = new_participants({c: n for c, n, _, _ in joined}, participants)
        text = report_text("participants_total", lang, count=fmt_int(total, lang), parts=parts)
    if others:
        parts = "; ".join(result_text(c, n, lang, target, progress) for c, n, target, progress in others)
        text = text + report_text("other_results_beside", lang, parts=parts) if text else parts
    return text


def channels_paragraph(summary: Summary, lang: str) -> str:
    """The channels with figures and their platforms; with several platforms, each one's items and views."""
    names = ", ".join(f"“{name}”" for name in summary.channels) or report_text("none", lang)
    per_platform = summary.platforms[summary.platforms.kind.isna()] if len(summary.platforms) else None
    if per_platform is None or per_platform.empty:
        return report_text("channels", lang, channels=names, platforms="–")
    labels = [platform_label(p, lang) for p in per_platform.platform]
    text = report_text("channels", lang, channels=names, platforms=", ".join(labels))
    if len(per_platform) > 1:
        parts = [
            report_text(
                "platform_figures",
                lang,
                platform=label,
                items=fmt_int(_number(row.items), lang),
                views=fmt_about(_number(row.views), lang),
            )
            for label, row in zip(labels, per_platform.itertuples(), strict=True)
        ]
        text += " " + report_text("platforms", lang, parts="; ".join(parts))
    return text


def items_paragraph(summary: Summary, lang: str) -> str:
    """Posts and livestreams published, against the period of equal length before."""
    now, before = summary.items_per_kind, summary.items_per_kind_before
    previous = summary.scope.previous()
    previous_name = report_text("previous_period", lang)
    if not sum(now.values()):
        return report_text(
            "no_items", lang, previous=previous_name, before=fmt_int(sum(before.values()), lang)
        )
    posts = {kind: count for kind, count in now.items() if kind != "livestream"}
    breakdown = ", ".join(
        f"{_lower_first(kind_label(kind, lang))}: {fmt_int(count, lang)}"
        for kind, count in sorted(posts.items(), key=lambda item: -item[1])
    )
    text = report_text(
        "items",
        lang,
        posts=fmt_int(sum(posts.values()), lang),
        breakdown=breakdown or "–",
        lives=fmt_int(now.get("livestream", 0), lang),
        previous=previous_name,
        previous_days=period_name(previous.start, previous.end, lang),
        posts_before=fmt_int(sum(c for k, c in before.items() if k != "livestream"), lang),
        lives_before=fmt_int(before.get("livestream", 0), lang),
    )
    return text[0].upper() + text[1:]


def livestream_paragraphs(summary: Summary, lang: str) -> list[str]:
    """The headline livestreams (most plays first): plays, interactions and peak viewers."""
    lives = summary.livestreams
    if lives.empty:
        return [report_text("no_livestreams", lang)]
    ranked = lives.sort_values("views", ascending=False, na_position="last")
    paragraphs = []
    for live in ranked.head(HEADLINE_LIVESTREAMS).itertuples():
        day = pd.Timestamp(live.started_at).tz_convert(live.timezone).date()
        text = report_text(
            "livestream",
            lang,
            title=live.title or "–",
            channel=_channel_text(live.channel, summary, lang),
            day=fmt_day(day, lang),
            views=fmt_about(_number(live.views), lang),
            interactions=fmt_about(_number(live.interactions), lang),
        )
        peak = _number(live.peak_live_viewers)
        if peak:
            text += report_text("livestream_peak", lang, peak=fmt_int(peak, lang))
        paragraphs.append(text + ".")
    if len(lives) > HEADLINE_LIVESTREAMS:
        paragraphs.append(
            report_text(
                "livestreams_count",
                lang,
                count=fmt_int(len(lives), lang),
                views=fmt_about(_number(lives.views.sum(min_count=1)), lang),
            )
        )
    return paragraphs


def _channel_text(channel: str, summary: Summary, lang: str) -> str:
    """A channel as the text names it: "YouTube “BHXH Lào Cai”" when the period has several platforms."""
    platforms = summary.platforms
    if len(platforms) and platforms.platform.nunique() > 1:
        found = summary.content.loc[summary.content.channel == channel, "platform"]
        if len(found):
            return f"{platform_label(str(found.iloc[0]), lang)} “{channel}”"
    return f"“{channel}”"


def reach_paragraph(summary: Summary, lang: str) -> str:
    """Views and interactions of the period's content, and the page's views against the period before."""
    kpis = summary.kpis
    text = report_text(
        "reach",
        lang,
        views=fmt_about(kpis["views"]["value"] or 0, lang),
        interactions=fmt_about(kpis["interactions"]["value"] or 0, lang),
    )
    page = kpis.get("page_views", {})
    if page.get("value") is not None:
        text += " " + report_text(
            "page_views",
            lang,
            page_views=fmt_about(page["value"], lang),
            change=change_text(page.get("change"), lang),
            previous=report_text("previous_period", lang),
        )
    return text


def period_name(start: date, end: date, lang: str) -> str:
    """A period as running text names it: "tháng 4/2024", "quý I năm 2024", "năm 2023"
    (``models.periods.calendar_name``), or its days."""
    return calendar_name(start, end, lang, in_text=True) or days_text(start, end, lang)


def comparison_paragraph(summary: Summary, lang: str) -> str:
    """New participants and page views against the previous period and the same period of the
    previous year (``models.periods``), or that the same period of last year has no data."""
    before, year = summary.scope.previous(), summary.scope.year_ago()
    participants = summary.kpis["enrolments"]
    text = report_text(
        "compare_previous",
        lang,
        period=period_name(before.start, before.end, lang),
        count=fmt_int(participants["previous"] or 0, lang),
        change=change_text(participants["change"], lang),
    )
    if year is None:
        return text
    name = period_name(year.start, year.end, lang)
    if participants.get("year_ago") is None:
        return text + " " + report_text("compare_year_none", lang, period=name)
    return (
        text
        + " "
        + report_text(
            "compare_year",
            lang,
            period=name,
            count=fmt_int(participants["year_ago"], lang),
            change=change_text(participants["change_year"], lang),
        )
    )


def overall_paragraph(summary: Summary, lang: str) -> str:
    """The period's results per category (exact), with targets when the report is a campaign's."""
    rows = [row for row in summary.enrolments.itertuples() if row.actual or not pd.isna(row.target)]
    if not rows or not summary.kpis["enrolments"]["value"]:
        return report_text("no_enrolment", lang)
    results = [(row.category, row.actual, _number(row.target), row.progress) for row in rows]
    return report_text("overall", lang, results=results_text(results, summary.participants, lang))


def campaign_paragraphs(summary: Summary, lang: str) -> list[str]:
    """Each campaign of the period: results per category against targets over its whole window,
    its first day's new participants, and how views and enrolments moved against the days before."""
    paragraphs = []
    for campaign in summary.campaigns.to_dict("records"):
        categories = [key[len("enrolment_") :] for key in campaign if key.startswith("enrolment_")]
        results = [
            (
                category,
                _number(campaign[f"enrolment_{category}"]) or 0,
                _number(campaign.get(f"target_{category}")),
                campaign.get(f"progress_{category}"),
            )
            for category in categories
            if _number(campaign[f"enrolment_{category}"]) or _number(campaign.get(f"target_{category}"))
        ]
        window = days_text(campaign["start_date"], campaign["end_date"], lang)
        text = report_text(
            "campaign_results",
            lang,
            name=campaign["name"],
            days=window,
            results=results_text(results, summary.participants, lang)
            or report_text("campaign_no_results", lang),
        )
        first_day = first_day_text(summary, campaign["start_date"], campaign["end_date"], lang)
        if first_day:
            text += " " + first_day
        views_change, enrolments_change = campaign.get("views_change"), campaign.get("enrolments_change")
        trust = trust_text(summary, campaign, lang)
        if trust:
            text += " " + trust
        elif _known(views_change) and _known(enrolments_change):
            text += " " + report_text(
                "campaign_association",
                lang,
                days=fmt_int(campaign["days"], lang),
                views_change=change_text(views_change, lang),
                enrolments_change=change_text(enrolments_change, lang),
            )
        paragraphs.append(text)
    return paragraphs


def trust_text(summary: Summary, campaign: dict, lang: str) -> str:
    """One sentence when the simple comparison (the same number of days before) and the impact
    estimate (the ordinary weeks before) point opposite ways: which to trust and why; "" otherwise."""
    change = campaign.get("enrolments_change")
    estimates = [
        e
        for e in summary.impact
        if e.campaign == campaign["name"] and e.category in summary.participants and e.ok
    ]
    if not _known(change) or not estimates:
        return ""
    observed = sum(e.observed for e in estimates)
    expected = sum(e.expected for e in estimates)
    up, down = any(e.clear_uplift for e in estimates), any(e.clear_drop for e in estimates)
    if not ((change < 0 and up) or (change > 0 and down)) or not expected:
        return ""
    days = int(campaign["days"])
    before_start = campaign["start_date"] - timedelta(days=days)
    before_end = campaign["start_date"] - timedelta(days=1)
    overlapping = [
        other["name"]
        for other in summary.campaigns.to_dict("records")
        if other["name"] != campaign["name"]
        and other["start_date"] <= before_end
        and other["end_date"] >= before_start
    ]
    reason = (
        report_text("trust_reason_campaign", lang, names=", ".join(f"“{n}”" for n in overlapping))
        if overlapping
        else report_text("trust_reason_short", lang)
    )
    return report_text(
        "trust_estimate",
        lang,
        days=fmt_int(days, lang),
        change=change_text(change, lang),
        reason=reason,
        ratio=fmt_decimal(observed / expected, lang, digits=2),
    )


def _known(value) -> bool:
    return value is not None and not pd.isna(value)


def first_day_text(summary: Summary, start: date, end: date, lang: str) -> str:
    """New participants (voluntary social insurance and health insurance) on a campaign's first day,
    when that day is in the period and has results; "" otherwise."""
    if start == end or not summary.start <= start <= summary.end:
        return ""
    daily = summary.enrolment_daily
    if daily.empty:
        return ""
    participants = summary.participants
    that_day = daily[(pd.to_datetime(daily.day).dt.date == start) & daily.category.isin(participants)]
    count = new_participants(that_day.groupby("category")["count"].sum().to_dict(), participants)
    if not count:
        return ""
    present = sorted({c for c in that_day.category if c in participants}, key=category_order)
    labels = [category_label(c, lang) for c in present]
    names = f" {report_text('and', lang)} ".join(label.lower() if lang == "en" else label for label in labels)
    return report_text(
        "first_day", lang, day=fmt_day(start, lang), count=fmt_int(count, lang), categories=names
    )


def units_paragraph(summary: Summary, lang: str) -> str:
    """The units with the most new participants (participant categories only), "" without results."""
    frame = summary.enrolment_by_unit
    if frame.empty:
        return ""
    per_unit = frame.pivot_table(index="unit", columns="category", values="count", aggfunc="sum").fillna(0)
    totals = pd.Series(
        {unit: new_participants(row, summary.participants) for unit, row in per_unit.to_dict("index").items()}
    ).sort_values(ascending=False)
    top = [f"{unit} ({fmt_int(count, lang)})" for unit, count in totals.head(TOP_UNITS).items() if count]
    return report_text("units", lang, units=", ".join(top)) if top else ""


def gaps_paragraph(summary: Summary, lang: str) -> str:
    """The days without figures, stated plainly (or that the figures are complete)."""
    parts = [
        report_text(f"gap_{kind}", lang, count=fmt_int(len(days), lang), days=day_ranges(days, lang))
        for kind, days in summary.gaps.items()
        if days
    ]
    if not parts:
        return report_text("no_gaps", lang, count=fmt_int(summary.scope.days, lang))
    return report_text("gaps", lang, parts="; ".join(parts))


def impact_paragraphs(summary: Summary, lang: str) -> list[str]:
    """The campaign impact estimates (``models.impact.describe``: observed against what the weeks
    before predict, its interval, the placebo check and the association caution) for the new
    participants' categories, which leadership asks about first; the others are in the dashboard."""
    texts = [
        describe(estimate, lang, caution=False)
        for estimate in summary.impact
        if estimate.category in summary.participants
    ]
    return [*texts, caution(lang)] if texts else []


def face_to_face_activities(summary: Summary) -> pd.DataFrame:
    """The period's activities that met people in person (``models.activities.FACE_TO_FACE_KINDS``)."""
    frame = summary.activities
    return frame[frame.kind.map(is_face_to_face).astype(bool)] if not frame.empty else frame


def activities_paragraphs(summary: Summary, lang: str) -> list[str]:
    """The face-to-face activities: how many, their attendance and on-the-spot results (which are
    already inside the period's enrolment results; attendance is never added to online views, nor
    to the people reached by messages, press and banners)."""
    frame = face_to_face_activities(summary)
    if frame.empty:
        return [report_text("no_activities", lang)]
    attendance = frame.attendance.dropna()
    text = report_text(
        "activities",
        lang,
        count=fmt_int(len(frame), lang),
        kinds=_kinds_counted(frame, lang),
    )
    if len(attendance):
        text += " " + report_text(
            "activities_attendance",
            lang,
            attendance=fmt_int(int(attendance.sum()), lang),
            known=fmt_int(len(attendance), lang),
        )
    on_spot = int(frame.on_spot.sum())
    if on_spot:
        categories = [c for c in frame.columns if c.startswith("on_spot_")]
        parts = [
            result_text(c[len("on_spot_") :], int(frame[c].fillna(0).sum()), lang)
            for c in categories
            if frame[c].fillna(0).sum()
        ]
        text += " " + report_text("activities_on_spot", lang, results="; ".join(parts))
    return [text, report_text("activities_rule", lang)]


def _kinds_counted(frame, lang: str) -> str:
    """ "biểu diễn: 3, gian hàng: 2": the activities' kinds, most frequent first, with their counts."""
    kinds = frame.groupby("kind").size().sort_values(ascending=False)
    return ", ".join(f"{_lower_first(kind_name(k, lang))}: {fmt_int(n, lang)}" for k, n in kinds.items())


def reached_paragraph(summary: Summary, lang: str) -> str:
    """The activities that reached people at a distance (messages, press, radio, banners): how many,
    and the people reached as estimated, a figure apart from face-to-face attendance; "" without any."""
    frame = summary.activities
    if frame.empty:
        return ""
    frame = frame[~frame.kind.map(is_face_to_face).astype(bool)]
    if frame.empty:
        return ""
    reached = frame.attendance.dropna()
    text = report_text(
        "reached_activities",
        lang,
        count=fmt_int(len(frame), lang),
        kinds=_kinds_counted(frame, lang),
    )
    if len(reached):
        text += " " + report_text("reached_people", lang, reached=fmt_int(int(reached.sum()), lang))
    return text


# The key figures the assessment weighs, against the period before (``Scope.previous``).
ASSESSED_FIGURES = ("views", "interactions", "page_views", "enrolments", "other_results", "attendance")


def assessment_paragraphs(summary: Summary, lang: str) -> list[str]:
    """Đánh giá chung, written from the data: campaign targets met and missed, and the key figures
    that rose and fell against the previous period, with their values and changes."""
    met, missed = [], []
    for campaign in summary.campaigns.to_dict("records"):
        reached: dict[bool, list[str]] = {True: [], False: []}
        for key, target in campaign.items():
            if not key.startswith("target_") or not _known(target):
                continue
            category = key[len("target_") :]
            actual = _number(campaign.get(f"enrolment_{category}")) or 0
            reached[actual >= target].append(
                report_text(
                    "assessment_target",
                    lang,
                    category=category_label(category, lang),
                    actual=fmt_int(actual, lang),
                    target=fmt_int(int(target), lang),
                    progress=fmt_percent(actual / target if target else None, lang),
                )
            )
        name = f"“{campaign['name']}”"  # each campaign named once, its targets after it
        for found, items in ((met, reached[True]), (missed, reached[False])):
            if items:
                found.append(
                    report_text("assessment_campaign", lang, campaign=name, targets=", ".join(items))
                )
    paragraphs = []
    if met:
        paragraphs.append(report_text("assessment_targets_met", lang, items="; ".join(met)))
    if missed:
        paragraphs.append(report_text("assessment_targets_missed", lang, items="; ".join(missed)))
    before = summary.scope.previous()
    period = period_name(before.start, before.end, lang)
    moved: dict[bool, list[str]] = {True: [], False: []}
    for key in ASSESSED_FIGURES:
        figure = summary.kpis.get(key, {})
        change = figure.get("change")
        if not _known(change) or round(change, 3) == 0:
            continue
        moved[change > 0].append(
            report_text(
                "assessment_figure",
                lang,
                label=_lower_first(t(key, lang)) if lang == "vi" else t(key, lang),
                value=fmt_int(_number(figure["value"]), lang),
                change=change_text(change, lang),
            )
        )
    if moved[True]:
        paragraphs.append(report_text("assessment_up", lang, period=period, items="; ".join(moved[True])))
    if moved[False]:
        paragraphs.append(report_text("assessment_down", lang, period=period, items="; ".join(moved[False])))
    return paragraphs or [report_text("assessment_none", lang)]
