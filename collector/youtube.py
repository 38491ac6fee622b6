"""YouTube, pure: Data API v3 answers (JSON) and YouTube Studio exports (rows) in, our records out.

What each answer holds (https://developers.google.com/youtube/v3/docs):
``channels.list`` (``part=snippet,contentDetails,statistics``) gives the channel's title, its
``subscriberCount`` and ``contentDetails.relatedPlaylists.uploads``, the playlist of every upload;
``playlistItems.list`` (``part=contentDetails``) gives ``videoId`` and ``videoPublishedAt`` per
item, newest first, and ``nextPageToken`` while there are more; ``videos.list``
(``part=snippet,statistics,contentDetails,liveStreamingDetails``, up to 50 ids) gives
``viewCount``, ``likeCount``, ``commentCount`` (strings; absent when the owner hides them), the
ISO 8601 ``duration`` and, for broadcasts, ``actualStartTime``, ``actualEndTime`` and
``concurrentViewers`` (only while on air). Errors come as ``{"error": {"code", "message",
"errors": [{"reason", "domain"}], "details": [{"reason"}]}}`` (docs/v3/docs/errors).
"""

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from collector.reading import (
    CellError,
    Columns,
    Findings,
    Sheet,
    find_columns,
    normalise_header,
    parse_count,
    parse_date,
    parse_decimal,
)
from models.store import ChannelRecord, ContentRecord, SnapshotRecord
from models.write import utc

SOURCE = "youtube_api"  # snapshots read from the Data API
EXPORT_SOURCE = "export"  # those read from a YouTube Studio export
WATCH_URL = "https://www.youtube.com/watch?v="
CHANNEL_URL = "https://www.youtube.com/channel/"
VIDEO_PARTS = "snippet,statistics,contentDetails,liveStreamingDetails"
CHANNEL_PARTS = "snippet,contentDetails,statistics"
MAX_IDS = 50  # videos.list takes at most 50 ids per call

# Quota units per call (developers.google.com/youtube/v3/determine_quota_cost): every list method
# we use costs 1 unit per page, even when it fails; a project has 10,000 units a day by default,
# reset at midnight Pacific Time.
UNIT_COSTS = {"channels": 1, "playlistItems": 1, "videos": 1, "commentThreads": 1}
DEFAULT_DAILY_QUOTA = 10_000
QUOTA_TIMEZONE = "America/Los_Angeles"

_ISO_DURATION = re.compile(
    r"^P(?:(?P<weeks>\d+)W)?(?:(?P<days>\d+)D)?"
    r"(?:T(?:(?P<hours>\d+)H)?(?:(?P<minutes>\d+)M)?(?:(?P<seconds>\d+(?:\.\d+)?)S)?)?$"
)


def parse_time(value: str | None) -> datetime | None:
    """An API time (``2024-05-22T13:00:00Z``, with or without fractions) as an aware UTC datetime."""
    if not value:
        return None
    moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)


def duration_seconds(value: str | None) -> float | None:
    """An ISO 8601 duration (``PT1H2M3S``, ``P1DT2H``) in seconds; None for ``P0D`` (a broadcast
    on air or upcoming has no length yet) or anything unreadable."""
    match = _ISO_DURATION.match(value or "")
    if not match or not any(match.groups()):
        return None
    parts = {name: float(number) for name, number in match.groupdict().items() if number}
    seconds = (
        parts.get("weeks", 0) * 604800
        + parts.get("days", 0) * 86400
        + parts.get("hours", 0) * 3600
        + parts.get("minutes", 0) * 60
        + parts.get("seconds", 0)
    )
    return seconds or None


def _count(value: Any) -> int | None:
    """The API's counts are decimal strings; a hidden or absent count is unknown (None), not 0."""
    if value is None:
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def first_item(payload: dict) -> dict | None:
    items = payload.get("items") or []
    return items[0] if items else None


def uploads_playlist(channel: dict) -> str | None:
    """The id of the playlist holding every upload of a ``channels.list`` item."""
    return ((channel.get("contentDetails") or {}).get("relatedPlaylists") or {}).get("uploads")


def map_channel(channel: dict, timezone: str) -> ChannelRecord:
    """A ``channels.list`` item as our channel (followers: ``subscriberCount``, unless hidden)."""
    snippet = channel.get("snippet") or {}
    statistics = channel.get("statistics") or {}
    hidden = statistics.get("hiddenSubscriberCount") is True
    return ChannelRecord(
        external_id=str(channel["id"]),
        name=snippet.get("title") or str(channel["id"]),
        platform="youtube",
        timezone=timezone,
        followers=None if hidden else _count(statistics.get("subscriberCount")),
        link=f"{CHANNEL_URL}{channel['id']}",
    )


@dataclass(frozen=True)
class Upload:
    """One entry of the uploads playlist: which video, published (or scheduled) when."""

    video_id: str
    published_at: datetime | None


def playlist_uploads(payload: dict) -> list[Upload]:
    """The uploads on one ``playlistItems.list`` page, in the API's order (newest first)."""
    uploads = []
    for item in payload.get("items") or []:
        details = item.get("contentDetails") or {}
        resource = (item.get("snippet") or {}).get("resourceId") or {}
        video_id = details.get("videoId") or resource.get("videoId")
        if video_id:
            uploads.append(Upload(str(video_id), parse_time(details.get("videoPublishedAt"))))
    return uploads


def next_page(payload: dict) -> str | None:
    """The ``pageToken`` of the next page, None on the last one."""
    return payload.get("nextPageToken") or None


def live_state(video: dict) -> str | None:
    """``LIVE`` while on air, ``UPCOMING`` before, ``VOD`` after a broadcast; None for an upload."""
    details = video.get("liveStreamingDetails")
    if details is None:
        return None
    broadcast = (video.get("snippet") or {}).get("liveBroadcastContent")
    if details.get("actualEndTime"):
        return "VOD"
    if details.get("actualStartTime") or broadcast == "live":
        return "LIVE"
    return "UPCOMING"


def map_video(video: dict) -> ContentRecord:
    """A ``videos.list`` item as content: a broadcast is a ``livestream`` dated from its actual start."""
    snippet = video.get("snippet") or {}
    live = video.get("liveStreamingDetails") or {}
    state = live_state(video)
    started = parse_time(live.get("actualStartTime") or live.get("scheduledStartTime"))
    duration = duration_seconds((video.get("contentDetails") or {}).get("duration"))
    if state == "VOD" and duration is None and started and live.get("actualEndTime"):
        duration = (parse_time(live["actualEndTime"]) - started).total_seconds()
    description = snippet.get("description") or None
    return ContentRecord(
        external_id=str(video["id"]),
        kind="livestream" if state else "video",
        title=(snippet.get("title") or "")[:200] or None,
        message=description,
        permalink=f"{WATCH_URL}{video['id']}",
        published_at=(started if state in ("LIVE", "VOD") else None)
        or parse_time(snippet.get("publishedAt")),
        duration_s=None if state == "LIVE" else duration,
        live_status=state,
        raw=video,
    )


def video_counts(video: dict) -> dict[str, int | None]:
    """Lifetime counts of a video: views, likes (our ``reactions``), comments; people watching now
    while a broadcast is on air (``concurrentViewers``, absent when the owner hides it)."""
    statistics = video.get("statistics") or {}
    counts: dict[str, int | None] = {
        "views": _count(statistics.get("viewCount")),
        "reactions": _count(statistics.get("likeCount")),
        "comments": _count(statistics.get("commentCount")),
    }
    if live_state(video) == "LIVE":
        counts["live_viewers"] = _count((video.get("liveStreamingDetails") or {}).get("concurrentViewers"))
    return counts


def make_snapshot(video: dict, captured_at: datetime) -> SnapshotRecord:
    return SnapshotRecord(
        content_external_id=str(video["id"]), captured_at=captured_at, source=SOURCE, **video_counts(video)
    )


# ---------------------------------------------------------------------------------------------
# Errors: what went wrong, in our words (the caller says it in the user's language).

KEY_REASONS = frozenset(
    {
        "keyInvalid",
        "API_KEY_INVALID",
        "keyExpired",
        "API_KEY_EXPIRED",
        "accessNotConfigured",
        "SERVICE_DISABLED",
        "ipRefererBlocked",
        "API_KEY_SERVICE_BLOCKED",
        "API_KEY_HTTP_REFERRER_BLOCKED",
        "API_KEY_IP_ADDRESS_BLOCKED",
        "forbidden",
    }
)
QUOTA_REASONS = frozenset({"quotaExceeded", "dailyLimitExceeded", "dailyLimitExceededUnreg"})
RATE_REASONS = frozenset({"rateLimitExceeded", "userRateLimitExceeded", "RATE_LIMIT_EXCEEDED"})
NOT_FOUND_REASONS = frozenset({"channelNotFound", "playlistNotFound", "videoNotFound", "notFound"})


@dataclass(frozen=True)
class ApiProblem:
    """An error answer classified: ``key``, ``quota``, ``rate``, ``not_found``, ``server`` or ``other``;
    ``reason`` is Google's word for it (``keyInvalid``, ``quotaExceeded``, …)."""

    kind: str
    status: int
    reason: str | None


def error_reasons(body: Any) -> list[str]:
    """Every ``reason`` in an error answer, from ``errors`` and ``details`` (Google uses both)."""
    error = body.get("error") if isinstance(body, dict) else None
    if not isinstance(error, dict):
        return []
    reasons = [e.get("reason") for e in error.get("errors") or [] if isinstance(e, dict)]
    reasons += [d.get("reason") for d in error.get("details") or [] if isinstance(d, dict)]
    return [reason for reason in reasons if isinstance(reason, str)]


def classify_error(status: int, body: Any) -> ApiProblem:
    """What an error answer means for us (a bad key, the day's quota, a retryable fault, …)."""
    reasons = error_reasons(body)
    message = str(((body or {}).get("error") or {}).get("message") or "") if isinstance(body, dict) else ""
    reason = next((r for r in reasons if r != "badRequest"), reasons[0] if reasons else None)
    found = set(reasons)
    if found & QUOTA_REASONS:
        return ApiProblem("quota", status, next(iter(found & QUOTA_REASONS)))
    if found & RATE_REASONS or status == 429:
        return ApiProblem("rate", status, reason)
    if found & KEY_REASONS or "API key" in message:
        return ApiProblem("key", status, next(iter(found & KEY_REASONS), reason))
    if found & NOT_FOUND_REASONS or status == 404:
        return ApiProblem("not_found", status, reason)
    if status >= 500:
        return ApiProblem("server", status, reason)
    return ApiProblem("other", status, reason)


# ---------------------------------------------------------------------------------------------
# YouTube Studio's advanced-mode export (``Table data.csv``), for offices without an API key: one
# row per video with its lifetime counts over the chosen period, a ``Total`` row first.

STUDIO_COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "video_id": (("Content", "en"), ("Nội dung", "vi")),
    "title": (("Video title", "en"), ("Tiêu đề video", "vi")),
    "publish_time": (("Video publish time", "en"), ("Thời gian xuất bản video", "vi")),
    "duration_s": (("Duration", "en"), ("Thời lượng", "vi")),
    "views": (("Views", "en"), ("Lượt xem", "vi")),
    "watch_time_h": (("Watch time (hours)", "en"), ("Thời gian xem (giờ)", "vi")),
    "impressions": (("Impressions", "en"), ("Số lượt hiển thị", "vi")),
    "likes": (("Likes", "en"), ("Lượt thích", "vi")),
    "comments": (("Comments added", "en"), ("Số bình luận đã thêm", "vi"), ("Comments", "en")),
    "shares": (("Shares", "en"), ("Lượt chia sẻ", "vi")),
    "avg_view_duration": (("Average view duration", "en"), ("Thời lượng xem trung bình", "vi")),
}
STUDIO_REQUIRED = ("video_id", "title", "publish_time")
_STUDIO_TOTAL = frozenset({"total", "tong", "tong cong"})
_MONTH_NAMES = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_EN_DATE = re.compile(r"^([A-Za-z]{3,9})\.?\s+(\d{1,2}),\s*(\d{4})$")  # May 22, 2024 or Sept 3, 2024
_VI_DATE = re.compile(r"^(\d{1,2})\s+(?:thg|tháng)\s+(\d{1,2}),?\s*(\d{4})$", re.I)  # 22 thg 5, 2024
_CLOCK = re.compile(r"^(?:(\d+):)?(\d{1,2}):(\d{2})$")  # 0:01:23 or 1:23
_PLAIN_DECIMAL = re.compile(r"^\d+(?:\.\d+)?$")


def studio_columns(sheet: Sheet) -> Columns:
    return find_columns(sheet, STUDIO_COLUMNS)


def parse_studio_date(text: str) -> date:
    """A publish day as Studio writes it: ``May 22, 2024`` (English), ``22 thg 5, 2024`` (Vietnamese),
    or ``2024-05-22`` / ``22/05/2024``."""
    value = text.strip()
    try:
        if match := _EN_DATE.match(value):
            word = match[1].lower()
            months = [n for n, name in enumerate(_MONTH_NAMES, start=1) if name.startswith(word)]
            if len(months) == 1:
                return date(int(match[3]), months[0], int(match[2]))
        if match := _VI_DATE.match(value):
            return date(int(match[3]), int(match[2]), int(match[1]))
    except ValueError:
        raise CellError("studio_date_invalid", value=value) from None
    try:
        return parse_date(value)
    except CellError as error:
        raise CellError("studio_date_invalid", value=value) if value else error from None


def parse_studio_decimal(text: str) -> float | None:
    """Studio's decimals use a point and no grouping (``12.345`` hours is twelve, not 12,345)."""
    value = text.strip()
    return float(value) if _PLAIN_DECIMAL.match(value) else parse_decimal(value)


def parse_clock(text: str) -> float | None:
    """A duration written ``0:01:23`` or ``1:23`` in seconds; a plain number is seconds already."""
    value = text.strip()
    if match := _CLOCK.match(value):
        return int(match[1] or 0) * 3600 + int(match[2]) * 60 + int(match[3])
    return parse_studio_decimal(value)


@dataclass
class StudioExport:
    """A Studio table: its videos and one snapshot each (counts at ``captured_at``)."""

    language: str | None
    contents: list[ContentRecord] = field(default_factory=list)
    snapshots: list[SnapshotRecord] = field(default_factory=list)
    findings: Findings = field(default_factory=Findings)


def is_studio_export(sheet: Sheet) -> bool:
    return not studio_columns(sheet).missing(STUDIO_REQUIRED, STUDIO_COLUMNS)


def parse_studio_export(sheet: Sheet, captured_at: datetime, timezone: str) -> StudioExport:
    """Videos and their counts from ``Table data.csv``; the ``Total`` row is skipped; publish days
    are local to ``timezone`` (the video is dated at the start of its day)."""
    columns = studio_columns(sheet)
    zone = ZoneInfo(timezone)
    export = StudioExport(language=columns.language)
    for reader in sheet.readers(columns):
        video_id = (reader.text("video_id") or "").strip()
        if normalise_header(video_id) in _STUDIO_TOTAL:
            continue
        if not video_id:
            reader.flag("video_id", "value_missing")
        day = reader.value("publish_time", parse_studio_date)
        counts = {name: reader.value(name, parse_count) for name in ("views", "likes", "comments", "shares")}
        for name, value in counts.items():
            if value is not None and value < 0:
                reader.flag(name, "count_negative", value=value)
        duration = reader.value("duration_s", parse_clock)
        hours = reader.value("watch_time_h", parse_studio_decimal)
        average = reader.value("avg_view_duration", parse_clock)
        if reader.problems:
            export.findings.problems.extend(reader.problems)
            export.findings.rejected_rows.append(reader.number)
            continue
        export.contents.append(
            ContentRecord(
                external_id=video_id,
                kind="video",
                title=reader.text("title"),
                permalink=f"{WATCH_URL}{video_id}",
                published_at=utc(datetime.combine(day, time(0, 0), tzinfo=zone)) if day else None,
                duration_s=duration,
                raw={h: v for h, v in zip(sheet.header, reader.row, strict=False) if h and v},
            )
        )
        export.snapshots.append(
            SnapshotRecord(
                content_external_id=video_id,
                captured_at=captured_at,
                source=EXPORT_SOURCE,
                views=counts["views"],
                reactions=counts["likes"],
                comments=counts["comments"],
                shares=counts["shares"],
                watch_time_s=hours * 3600 if hours is not None else None,
                avg_watch_s=average,
            )
        )
    return export
