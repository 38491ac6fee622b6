"""Comments as the platforms give them, into records: Meta Graph API ``/{object-id}/comments`` and
YouTube Data API ``commentThreads.list`` (pure: JSON in, :class:`CommentRecord` out).

No name ever leaves this module: we ask Meta for ``from{id}`` only, YouTube's
``authorDisplayName`` is not read, and the names of people tagged in a comment are cut from its
text. The commenter's id goes on to the write path, which keeps it only as a salted hash.
"""

from datetime import UTC, datetime
from typing import Any

from models.comments import CommentRecord

# Meta: every comment and reply in one flat list (``filter=stream``), oldest first, so that a stored
# ``after`` cursor resumes where the last run stopped.
GRAPH_COMMENT_FIELDS = (
    "id,created_time,message,from{id},parent{id},permalink_url,message_tags,live_broadcast_timestamp"
)
GRAPH_PERMISSION = "pages_read_user_content"
YOUTUBE_THREAD_PARTS = "snippet,replies"
YOUTUBE_WATCH = "https://www.youtube.com/watch?v="
TAGGED = "@…"
# Comments this long after a broadcast began are not "during the livestream" without Meta's own
# timestamp (a replay's comments are not minutes of the broadcast).
LONGEST_BROADCAST_S = 6 * 3600


def graph_comment_params(after: str | None = None, limit: int = 100) -> dict[str, Any]:
    """The query of one page of comments of an object, resuming after ``after`` when given."""
    params: dict[str, Any] = {
        "filter": "stream",
        "order": "chronological",
        "fields": GRAPH_COMMENT_FIELDS,
        "limit": limit,
    }
    if after:
        params["after"] = after
    return params


def _object(value: Any) -> dict:
    """``value`` when it is a JSON object, else an empty one (an answer of another shape reads as empty)."""
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list:
    return value if isinstance(value, list) else []


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _time(value: Any) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    text = value.replace("Z", "+00:00")
    if len(text) > 5 and text[-5] in "+-" and text[-3] != ":":  # Meta's +0000
        text = f"{text[:-2]}:{text[-2:]}"
    try:
        return datetime.fromisoformat(text).astimezone(UTC)
    except ValueError:
        return None


def without_tagged_names(text: str, tags: list[dict] | None) -> str:
    """``text`` with the names of the people tagged in it replaced by "@…"."""
    for tag in _list(tags):
        name = tag.get("name") if isinstance(tag, dict) else None
        if name:
            text = text.replace(name, TAGGED)
    return text


def broadcast_offset(
    created_at: datetime, broadcast_start: datetime | None, given: Any = None
) -> float | None:
    """Seconds into the broadcast: the platform's own figure, else from the broadcast's start."""
    if isinstance(given, int | float) and not isinstance(given, bool) and given >= 0:
        return float(given)
    if broadcast_start is None:
        return None
    seconds = (created_at - broadcast_start).total_seconds()
    return seconds if 0 <= seconds <= LONGEST_BROADCAST_S else None


def map_graph_comment(item: Any, broadcast_start: datetime | None = None) -> CommentRecord | None:
    """One Graph API comment; None when it has no id or time (nothing to keep)."""
    item = _object(item)
    created_at = _time(item.get("created_time"))
    external_id = item.get("id")
    if not isinstance(external_id, str | int) or not external_id or created_at is None:
        return None
    parent = _object(item.get("parent")).get("id")
    author = _object(item.get("from")).get("id")
    return CommentRecord(
        external_id=str(external_id),
        thread_id=str(parent or external_id),
        author_id=str(author) if author else None,
        created_at=created_at,
        text=without_tagged_names(_text(item.get("message")), item.get("message_tags")),
        link=_text(item.get("permalink_url")) or None,
        offset_s=broadcast_offset(created_at, broadcast_start, item.get("live_broadcast_timestamp")),
    )


def map_graph_comments(
    payload: dict, broadcast_start: datetime | None = None
) -> tuple[list[CommentRecord], str | None]:
    """The comments of one page of ``/{object-id}/comments`` and the cursor after it (None: the end
    for now, or Meta gave none)."""
    records = [map_graph_comment(item, broadcast_start) for item in _list(payload.get("data"))]
    after = _object(_object(payload.get("paging")).get("cursors")).get("after")
    return [record for record in records if record is not None], _text(after) or None


def youtube_thread_params(video_id: str, page_token: str | None = None) -> dict[str, Any]:
    """The query of one page of a video's comment threads, newest first (``order=time``)."""
    params: dict[str, Any] = {
        "part": YOUTUBE_THREAD_PARTS,
        "videoId": video_id,
        "order": "time",
        "maxResults": 100,
        "textFormat": "plainText",
    }
    if page_token:
        params["pageToken"] = page_token
    return params


def _youtube_comment(
    comment: Any, video_id: str, thread_id: str, broadcast_start: datetime | None
) -> CommentRecord | None:
    comment = _object(comment)
    snippet = _object(comment.get("snippet"))
    created_at = _time(snippet.get("publishedAt"))
    external_id = comment.get("id")
    if not isinstance(external_id, str) or not external_id or created_at is None:
        return None
    author = _object(snippet.get("authorChannelId")).get("value")
    return CommentRecord(
        external_id=str(external_id),
        thread_id=thread_id,
        author_id=str(author) if author else None,
        created_at=created_at,
        text=_text(snippet.get("textOriginal")) or _text(snippet.get("textDisplay")),
        link=f"{YOUTUBE_WATCH}{video_id}&lc={external_id}",
        offset_s=broadcast_offset(created_at, broadcast_start),
    )


def map_comment_threads(
    payload: dict, video_id: str, broadcast_start: datetime | None = None
) -> tuple[list[CommentRecord], str | None]:
    """The comments and replies of one page of ``commentThreads.list`` and the next page's token.

    A thread lists at most five replies inline; more would take ``comments.list`` (not read here:
    the channel's own reply, the one that answers, is almost always among the first)."""
    records: list[CommentRecord] = []
    for thread in _list(payload.get("items")):
        thread = _object(thread)
        top = _object(_object(thread.get("snippet")).get("topLevelComment"))
        thread_id = _text(thread.get("id")) or _text(top.get("id"))
        if not thread_id:
            continue
        replies = _list(_object(thread.get("replies")).get("comments"))
        for comment in [top, *replies]:
            record = _youtube_comment(comment, video_id, thread_id, broadcast_start)
            if record is not None:
                records.append(record)
    return records, _text(payload.get("nextPageToken")) or None


def newer_than(records: list[CommentRecord], seen_until: datetime | None) -> list[CommentRecord]:
    """The records newer than the newest one a previous run kept (YouTube lists newest first)."""
    if seen_until is None:
        return records
    return [record for record in records if record.created_at > seen_until]
