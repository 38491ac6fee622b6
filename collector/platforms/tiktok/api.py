"""TikTok Display API v2: the account (followers) and its videos with views, likes, comments and shares,
parsed into records of ``models.store``. Pure: JSON in, records out.

Field names and answers as TikTok for Developers documents them (docs/tiktok.md): the video object
(``id``, ``create_time`` in epoch seconds, ``title``, ``video_description``, ``duration``,
``share_url``, ``view_count``, ``like_count``, ``comment_count``, ``share_count``), the error struct
``{"code", "message", "log_id"}`` (``"ok"`` on success) and the OAuth v2 token answer.
"""

from datetime import UTC, date, datetime
from typing import Any

from collector.plumbing.tokens import GrantRefused, TokenGrant, count_field
from models.store import ChannelRecord, ContentRecord, PageMetricRecord, SnapshotRecord

PLATFORM = "tiktok"
SOURCE = "tiktok_api"
PAGE_SIZE = 20  # video/list accepts max_count 1-20
VIDEO_FIELDS = (
    "id,create_time,title,video_description,duration,share_url,"
    "view_count,like_count,comment_count,share_count"
)
USER_FIELDS = "open_id,display_name,profile_deep_link,follower_count"
FOLLOWERS_METRIC = "follows"
TOKEN_ERRORS = frozenset({"access_token_invalid"})
DEFAULT_TOKEN_LIFETIME_S = 2 * 3600  # TikTok now says 2 hours (it used to be 24); expires_in wins


def answer_error(payload: Any) -> tuple[str, str] | None:
    """``(code, message)`` when an answer's ``error.code`` is not ``ok``; None for data."""
    if not isinstance(payload, dict):
        return ("unreadable", "not a JSON object")
    error = payload.get("error")
    if not isinstance(error, dict):
        return None
    code = str(error.get("code") or "ok")
    return None if code == "ok" else (code, str(error.get("message") or ""))


def answer_data(payload: dict) -> dict:
    data = payload.get("data")
    return data if isinstance(data, dict) else {}


def map_user(data: dict, timezone: str) -> ChannelRecord:
    """The account (``user/info``'s ``data.user``) as a channel on platform ``tiktok``."""
    user = data.get("user") if isinstance(data.get("user"), dict) else data
    open_id = str(user.get("open_id") or "")
    if not open_id:
        raise ValueError("user/info answered without an open_id")
    return ChannelRecord(
        external_id=open_id[:64],
        name=str(user.get("display_name") or open_id),
        platform=PLATFORM,
        timezone=timezone,
        followers=count_field(user, "follower_count"),
        link=user.get("profile_deep_link") or None,
    )


def follower_metric(data: dict, day: date) -> PageMetricRecord | None:
    user = data.get("user") if isinstance(data.get("user"), dict) else data
    followers = count_field(user, "follower_count")
    if followers is None:
        return None
    return PageMetricRecord(day=day, metric=FOLLOWERS_METRIC, value=followers, source=SOURCE)


def created_at(video: dict) -> datetime | None:
    seconds = count_field(video, "create_time")
    return datetime.fromtimestamp(seconds, UTC) if seconds else None


def map_video(video: dict) -> ContentRecord:
    """A video of ``video/list`` as a content item of kind ``video``."""
    title = video.get("title") or video.get("video_description")
    duration = video.get("duration")
    return ContentRecord(
        external_id=str(video["id"]),
        kind="video",
        title=str(title)[:500] if title else None,
        message=str(video["video_description"]) if video.get("video_description") else None,
        permalink=video.get("share_url") or None,
        published_at=created_at(video),
        duration_s=float(duration) if isinstance(duration, int | float) and duration > 0 else None,
        raw=video,
    )


def video_snapshot(video: dict, captured_at: datetime) -> SnapshotRecord:
    """Lifetime counts of one video: views, likes (as reactions), comments, shares."""
    return SnapshotRecord(
        content_external_id=str(video["id"]),
        captured_at=captured_at,
        source=SOURCE,
        views=count_field(video, "view_count"),
        reactions=count_field(video, "like_count"),
        comments=count_field(video, "comment_count"),
        shares=count_field(video, "share_count"),
    )


def list_page(data: dict) -> tuple[list[dict], int | None, bool]:
    """The videos of a ``video/list`` answer, the cursor for the next page, and whether there is one."""
    videos = data.get("videos")
    videos = [v for v in videos if isinstance(v, dict) and v.get("id")] if isinstance(videos, list) else []
    cursor = data.get("cursor")
    cursor = cursor if isinstance(cursor, int) and not isinstance(cursor, bool) else None
    return videos, cursor, bool(data.get("has_more")) and cursor is not None and bool(videos)


def parse_grant(payload: Any) -> TokenGrant | GrantRefused:
    """The answer of ``/v2/oauth/token/``: new tokens (the refresh token rotates), or why there are none."""
    if not isinstance(payload, dict):
        return GrantRefused(None, "not a JSON object")
    access, refresh = payload.get("access_token"), payload.get("refresh_token")
    if isinstance(access, str) and access and isinstance(refresh, str) and refresh:
        return TokenGrant(access, refresh, count_field(payload, "expires_in") or DEFAULT_TOKEN_LIFETIME_S)
    error = payload.get("error")
    if isinstance(error, dict):  # the v2 error struct
        return GrantRefused(None, str(error.get("code") or error.get("message") or "refused"))
    reason = payload.get("error_description") or error or payload.get("message")
    return GrantRefused(None, str(reason or "no access_token"))
