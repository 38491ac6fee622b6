"""Zalo Official Account, pure: the OA Open API's answers (JSON) in, records of ``models.store`` out
(the OA manager's article sheet: ``export.py``).

What each field means, and which of them could be checked against public sources, is in
``docs/zalo-oa.md``; a field Zalo does not send stays unknown (None), never zero.
"""

import re
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from collector.plumbing.reading import (
    CellError,
)
from collector.plumbing.tokens import GrantRefused, TokenGrant, count_field
from models.store import ChannelRecord, ContentRecord, PageMetricRecord, SnapshotRecord
from models.write import utc

PLATFORM = "zalo"
SOURCE = "zalo_api"  # snapshots and page metrics read from the Open API
SHEET_SOURCE = "export"  # those read from the OA manager's statistics sheet
ARTICLE = "article"
PAGE_LIMIT = 10  # getslice refuses more than 10 a page (-201 "maximum limit is 10")
ARTICLE_TYPES = ("normal", "video")
FOLLOWERS_METRIC = "follows"  # the same page metric the Facebook Page's followers go to
# Access token expired or invalid (not verified in Zalo's own pages: see docs/zalo-oa.md).
TOKEN_ERRORS = frozenset({-216, -124})
DEFAULT_TOKEN_LIFETIME_S = 25 * 3600

_MILLISECONDS_FROM = 10**11  # an epoch above this is in milliseconds (10**11 s is in the year 5138)
_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T,]+(\d{1,2})[:h](\d{2})(?::(\d{2}))?)?$")
_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$")


# ---------------------------------------------------------------------------------------------
# The Open API.


def answer_error(payload: Any) -> tuple[int, str] | None:
    """``(code, message)`` when an Open API answer is a refusal (``error`` not 0); None when it is data."""
    if not isinstance(payload, dict):
        return (0, "not a JSON object")
    code = payload.get("error", 0)
    try:
        code = int(code)
    except (TypeError, ValueError):
        return (0, f"unreadable error code {code!r}")
    if code == 0:
        return None
    return code, str(payload.get("message") or payload.get("error_description") or "")


def answer_data(payload: dict) -> dict:
    """The ``data`` of a successful answer (an empty dict when Zalo sent none)."""
    data = payload.get("data")
    return data if isinstance(data, dict) else {}


def parse_moment(value: Any, timezone: str) -> datetime | None:
    """A Zalo time as aware UTC: epoch milliseconds or seconds (number or digits), ``dd/mm/yyyy [HH:MM]``
    or ISO text in the office's ``timezone``; None when absent or unreadable."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float) or (isinstance(value, str) and value.strip().isdigit()):
        number = float(value)
        if number <= 0:
            return None
        seconds = number / 1000 if number >= _MILLISECONDS_FROM else number
        try:
            return datetime.fromtimestamp(seconds, UTC)
        except (OverflowError, OSError, ValueError):
            return None
    if isinstance(value, str):
        try:
            local = parse_local_text(value)
        except CellError:
            return None
        if local is None:
            return None
        return utc(local if local.tzinfo else local.replace(tzinfo=ZoneInfo(timezone)))
    return None


def parse_local_text(text: str) -> datetime | None:
    """``dd/mm/yyyy[ HH:MM[:SS]]`` (Vietnamese order) or ``yyyy-mm-dd[ HH:MM[:SS]]``; naive local time,
    or aware when the text carries an offset (ISO). CellError when it is not a time."""
    value = text.strip()
    if not value:
        return None
    match = _DMY.match(value)
    try:
        if match:
            day, month, year, hour, minute, second = (int(part or 0) for part in match.groups())
            return datetime(year, month, day, hour, minute, second)
        match = _YMD.match(value)
        if match:
            year, month, day, hour, minute, second = (int(part or 0) for part in match.groups())
            return datetime(year, month, day, hour, minute, second)
        return datetime.fromisoformat(value)
    except ValueError:
        raise CellError("zalo_time_invalid", value=value) from None


def map_oa(data: dict, timezone: str) -> ChannelRecord:
    """The OA (``getoa``'s data) as a channel on platform ``zalo``."""
    oa_id = str(data.get("oa_id") or data.get("id") or "")
    if not oa_id:
        raise ValueError("getoa answered without an oa_id")
    return ChannelRecord(
        external_id=oa_id,
        name=str(data.get("name") or oa_id),
        platform=PLATFORM,
        timezone=timezone,
        followers=count_field(data, "num_follower"),
    )


def follower_metric(data: dict, day: date) -> PageMetricRecord | None:
    """The follower count of ``getoa`` as the day's ``follows`` page metric (None when not given)."""
    followers = count_field(data, "num_follower")
    if followers is None:
        return None
    return PageMetricRecord(day=day, metric=FOLLOWERS_METRIC, value=followers, source=SOURCE)


def article_kind(article_type: str) -> str:
    """Our content kind: Zalo's ``video`` articles are videos, ``normal`` ones are articles."""
    return "video" if article_type == "video" else ARTICLE


def published_at(item: dict, timezone: str) -> datetime | None:
    """When the article was published (``create_date``, ``created_date`` or ``publish_date``)."""
    for name in ("publish_date", "create_date", "created_date", "created_time"):
        moment = parse_moment(item.get(name), timezone)
        if moment is not None:
            return moment
    return None


def map_article(item: dict, article_type: str, timezone: str, detail: dict | None = None) -> ContentRecord:
    """A ``getslice`` media item (completed by its ``getdetail`` when we have it) as a content item."""
    detail = detail or {}
    merged = {**detail, **{k: v for k, v in item.items() if v not in (None, "")}}
    title = merged.get("title")
    description = merged.get("description")
    link = merged.get("link") or merged.get("url")
    return ContentRecord(
        external_id=str(item["id"]),
        kind=article_kind(article_type),
        title=str(title)[:500] if title else None,
        message=str(description) if description else None,
        permalink=str(link) if link else None,
        published_at=published_at(merged, timezone),
        raw={"media": item, "detail": detail or None, "type": article_type},
    )


def article_counts(item: dict) -> dict[str, int | None]:
    """Views and shares of a media item (``total_view``, ``total_share``); likes and comments when sent."""
    return {
        "views": count_field(item, "total_view", "view"),
        "shares": count_field(item, "total_share", "share"),
        "reactions": count_field(item, "total_like", "like"),
        "comments": count_field(item, "total_comment", "comment"),
    }


def article_snapshot(item: dict, captured_at: datetime) -> SnapshotRecord:
    """The lifetime counts of one article at ``captured_at``."""
    return SnapshotRecord(
        content_external_id=str(item["id"]), captured_at=captured_at, source=SOURCE, **article_counts(item)
    )


def slice_items(data: dict) -> list[dict]:
    """The media items of a ``getslice`` answer (those without an id are skipped)."""
    medias = data.get("medias")
    if not isinstance(medias, list):
        medias = data.get("articles") if isinstance(data.get("articles"), list) else []
    return [m for m in medias if isinstance(m, dict) and m.get("id") not in (None, "")]


def slice_has_more(data: dict, offset: int, received: int, limit: int = PAGE_LIMIT) -> bool:
    """Whether another page follows: a full page, and ``total`` (when Zalo gives it) not reached."""
    if received < limit:
        return False
    total = count_field(data, "total")
    return total is None or offset + received < total


def parse_grant(payload: Any) -> TokenGrant | GrantRefused:
    """The answer of ``/v4/oa/access_token``: new tokens, or why there are none."""
    if not isinstance(payload, dict):
        return GrantRefused(None, "not a JSON object")
    access, refresh = payload.get("access_token"), payload.get("refresh_token")
    if isinstance(access, str) and access and isinstance(refresh, str) and refresh:
        expires = count_field(payload, "expires_in") or DEFAULT_TOKEN_LIFETIME_S
        return TokenGrant(access, refresh, expires)
    code = payload.get("error")
    reason = payload.get("error_name") or payload.get("error_description") or payload.get("message")
    return GrantRefused(int(code) if isinstance(code, int) else None, str(reason or "no access_token"))
