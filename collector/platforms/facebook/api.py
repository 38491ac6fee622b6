"""The Meta Graph API answers as our records: pure mapping, JSON in, records out, and the registry of
the insights metrics we ask Meta for (what each means and which replaced which)."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from models.store import ChannelRecord, ContentRecord, PageMetricRecord, SnapshotRecord
from models.write import local_day

SOURCE = "graph_api"
FACEBOOK = "https://www.facebook.com"
MAX_INSIGHTS_DAYS = 90

# ---------------------------------------------------------------------------------------------
# The metric registry: one table of what we ask Meta for, what it means, and what replaced what.


@dataclass(frozen=True)
class Metric:
    """An insights metric: where its value goes, in which unit, and which metric replaced it."""

    name: str
    level: str  # "post", "video" or "page"
    target: str  # a snapshot field, or a page_metric name
    meaning: tuple[str, str]  # (Vietnamese, English), for messages to the user
    scale: float = 1.0
    replaced_by: str | None = None
    retired: str | None = None


METRICS: dict[str, Metric] = {
    m.name: m
    for m in (
        Metric(
            "post_media_view",
            "post",
            "views",
            ("số lần bài viết hiện trên màn hình", "times the post was on screen"),
        ),
        Metric(
            "post_total_media_view_unique",
            "post",
            "reach",
            ("số người đã xem bài viết", "people who saw the post"),
        ),
        Metric("post_clicks", "post", "clicks", ("lượt nhấp vào bài viết", "clicks anywhere in the post")),
        Metric(
            "post_impressions",
            "post",
            "views",
            ("số lần bài viết được xem", "times the post was seen"),
            1,
            "post_media_view",
            "2025-11-15",
        ),
        Metric(
            "post_impressions_unique",
            "post",
            "reach",
            ("số người đã xem bài viết", "people who saw the post"),
            1,
            "post_total_media_view_unique",
            "2026-06-15",
        ),
        Metric(
            "total_video_views",
            "video",
            "views",
            ("lượt phát từ 3 giây trở lên (hoặc đến hết)", "plays of 3 s or more (or to the end)"),
        ),
        Metric(
            "total_video_views_unique",
            "video",
            "reach",
            ("số người đã phát video", "people who played the video"),
        ),
        Metric(
            "total_video_avg_time_watched",
            "video",
            "avg_watch_s",
            ("thời gian xem trung bình", "average watch time"),
            0.001,
        ),
        Metric(
            "total_video_view_total_time",
            "video",
            "watch_time_s",
            ("tổng thời gian xem", "total watch time"),
            0.001,
        ),
        Metric(
            "page_media_view",
            "page",
            "views",
            ("số lần nội dung của Trang hiện trên màn hình", "times the Page's content was on screen"),
        ),
        Metric(
            "page_total_media_view_unique",
            "page",
            "viewers",
            ("số người đã xem nội dung của Trang", "people who saw the Page's content"),
        ),
        Metric(
            "page_post_engagements",
            "page",
            "engagements",
            ("cảm xúc, bình luận, chia sẻ và lượt nhấp", "reactions, comments, shares and clicks"),
        ),
        Metric("page_follows", "page", "follows", ("số người theo dõi Trang", "people following the Page")),
        Metric(
            "page_impressions",
            "page",
            "views",
            ("số lần Trang được xem", "times the Page was seen"),
            1,
            "page_media_view",
            "2025-11-15",
        ),
        Metric(
            "page_impressions_unique",
            "page",
            "viewers",
            ("số người đã xem Trang", "people who saw the Page"),
            1,
            "page_total_media_view_unique",
            "2026-06-15",
        ),
    )
}


def current_metrics(level: str, dropped: Iterable[str] = ()) -> list[str]:
    """The metrics of ``level`` we ask for: not retired in the registry, not dropped by Meta for us."""
    dropped = set(dropped)
    return [
        m.name for m in METRICS.values() if m.level == level and not m.replaced_by and m.name not in dropped
    ]


def describe_metric(name: str, lang: str) -> str:
    """``name (meaning)`` for messages to the user, the meaning in ``lang`` (``vi`` or ``en``)."""
    metric = METRICS.get(name)
    return f"{name} ({metric.meaning[0 if lang == 'vi' else 1]})" if metric else name


# ---------------------------------------------------------------------------------------------
# Pure mapping: JSON in, records out.


def parse_time(value: str | None) -> datetime | None:
    """A Graph API time (``2024-05-22T13:00:00+0000``) as an aware UTC datetime."""
    if not value:
        return None
    return datetime.fromisoformat(value).astimezone(UTC)


def absolute_link(link: str | None) -> str | None:
    """Meta gives some permalinks relative to facebook.com."""
    if link and link.startswith("/"):
        return FACEBOOK + link
    return link


def map_page(payload: dict, timezone: str) -> ChannelRecord:
    """The Page as a channel (followers: ``followers_count``, else the older ``fan_count``)."""
    followers = payload.get("followers_count", payload.get("fan_count"))
    return ChannelRecord(
        external_id=str(payload["id"]),
        name=payload.get("name") or str(payload["id"]),
        platform="facebook",
        timezone=timezone,
        followers=int(followers) if followers is not None else None,
        link=payload.get("link"),
    )


STATUS_KINDS = {
    "added_video": "video",
    "added_photos": "photo",
    "shared_story": "link",
    "mobile_status_update": "post",
    "wall_post": "post",
    "created_note": "post",
    "published_story": "post",
}


def post_kind(status_type: str | None) -> str:
    """Our content kind for a post's ``status_type`` (unknown types are plain posts)."""
    return STATUS_KINDS.get(status_type or "", "post")


def map_post(item: dict) -> ContentRecord:
    """A published post as content (livestream posts are merged with their live video elsewhere)."""
    message = item.get("message")
    return ContentRecord(
        external_id=str(item["id"]),
        kind=post_kind(item.get("status_type")),
        title=message.splitlines()[0][:200] if message else None,
        message=message,
        permalink=absolute_link(item.get("permalink_url")),
        published_at=parse_time(item.get("created_time")),
        raw=item,
    )


def post_counts(item: dict) -> dict[str, int]:
    """Reactions, comments and shares of a post from its listing (a missing ``shares`` is 0)."""
    return {
        "reactions": int((item.get("reactions") or {}).get("summary", {}).get("total_count", 0)),
        "comments": int((item.get("comments") or {}).get("summary", {}).get("total_count", 0)),
        "shares": int((item.get("shares") or {}).get("count", 0)),
    }


def live_post_id(page_id: str, item: dict) -> str:
    """The post id of a live video's post (``{page}_{video}``), so both are one content item."""
    video = item.get("video") or {}
    return f"{page_id}_{video['id']}" if video.get("id") else str(item["id"])


def live_ended_at(item: dict) -> datetime | None:
    """When a broadcast ended: its start plus the recorded length (None while it is on air)."""
    start = parse_time(item.get("broadcast_start_time") or item.get("creation_time"))
    length = (item.get("video") or {}).get("length")
    if item.get("status") == "LIVE" or start is None or not length:
        return None
    return start + timedelta(seconds=float(length))


def map_live_video(page_id: str, item: dict, post: ContentRecord | None = None) -> ContentRecord:
    """A live video as a livestream content item, merged with its post when we have it."""
    length = (item.get("video") or {}).get("length")
    return ContentRecord(
        external_id=live_post_id(page_id, item),
        kind="livestream",
        title=item.get("title") or (post.title if post else None),
        message=post.message if post else None,
        permalink=(post.permalink if post else None) or absolute_link(item.get("permalink_url")),
        published_at=parse_time(item.get("broadcast_start_time") or item.get("creation_time")),
        duration_s=float(length) if length else None,
        live_status=item.get("status"),
        raw={"post": post.raw if post else None, "live_video": item},
    )


def live_counts(item: dict) -> dict[str, int]:
    """People watching now, only while the broadcast is on air."""
    if item.get("status") == "LIVE" and item.get("live_views") is not None:
        return {"live_viewers": int(item["live_views"])}
    return {}


def insight_series(payload: dict) -> dict[str, list[dict]]:
    """``{metric name: values}`` from an insights answer."""
    return {entry["name"]: entry.get("values") or [] for entry in payload.get("data", []) if "name" in entry}


def insight_fields(series: dict[str, list[dict]]) -> dict[str, float | int]:
    """Snapshot fields from lifetime insights (ms become seconds; later metrics win over retired ones)."""
    fields: dict[str, float | int] = {}
    for name in sorted(series, key=lambda n: n in METRICS and METRICS[n].replaced_by is None):
        metric, values = METRICS.get(name), series[name]
        if metric is None or not values or not isinstance(values[-1].get("value"), int | float):
            continue
        value = values[-1]["value"] * metric.scale
        fields[metric.target] = value if metric.scale != 1 else int(value)
    return fields


def make_snapshot(external_id: str, captured_at: datetime, *parts: dict[str, Any]) -> SnapshotRecord:
    """One snapshot from several sources of fields (later parts win: video insights over post ones)."""
    fields: dict[str, Any] = {}
    for part in parts:
        fields.update(part)
    return SnapshotRecord(content_external_id=external_id, captured_at=captured_at, source=SOURCE, **fields)


def map_page_insights(series: dict[str, list[dict]], timezone: str) -> list[PageMetricRecord]:
    """Daily page values on the local day they belong to.

    ``end_time`` is the *end* of the day, given in UTC: one second earlier is inside the day.
    """
    records = []
    for name, values in series.items():
        metric = METRICS.get(name)
        if metric is None or metric.level != "page":
            continue
        for entry in values:
            end = parse_time(entry.get("end_time"))
            value = entry.get("value")
            if end is None or not isinstance(value, int | float):
                continue
            day = local_day(end - timedelta(seconds=1), timezone)
            records.append(PageMetricRecord(day=day, metric=metric.target, value=int(value), source=SOURCE))
    return records


def insight_windows(start: date, end: date, max_days: int = MAX_INSIGHTS_DAYS) -> list[tuple[date, date]]:
    """``(since, until)`` windows covering ``start`` to ``end`` exclusive, at most ``max_days`` each."""
    windows = []
    while start < end:
        until = min(end, start + timedelta(days=max_days))
        windows.append((start, until))
        start = until
    return windows
