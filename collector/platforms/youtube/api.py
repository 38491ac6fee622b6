"""YouTube, pure: Data API v3 answers (JSON) in, our records out (Studio exports: ``export.py``).

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
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from models.store import ChannelRecord, ContentRecord, SnapshotRecord

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
UNIT_COSTS = {"channels": 1, "playlistItems": 1, "videos": 1}
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
