"""Instagram's exports from Meta Business Suite: the posts export and the account's daily series.

They land in an Instagram account channel (platform ``instagram``), never in a Facebook Page: the
posts export names its account (``Account ID``, ``Account username``) where Facebook's names a Page.
Pure: a :class:`Sheet` in, records out.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from collector.kinds import FileContext, Parsed
from collector.plumbing.reading import (
    Columns,
    Item,
    ItemsRead,
    RowReader,
    Sheet,
    find_columns,
    flag_published_after,
    normalise_header,
    parse_id,
    parse_local_time,
    read_counts,
    read_items,
)
from models.store import ChannelRecord, ContentRecord
from models.write import utc

PLATFORM = "instagram"
SOURCE = "export"

POST_COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "post_id": (("Post ID", "en"), ("ID bài viết", "vi")),
    "account_id": (("Account ID", "en"), ("ID tài khoản", "vi")),
    "username": (("Account username", "en"), ("Tên người dùng của tài khoản", "vi")),
    "account_name": (("Account name", "en"), ("Tên tài khoản", "vi")),
    "description": (("Description", "en"), ("Mô tả", "vi")),
    "duration_s": (("Duration (sec)", "en"), ("Thời lượng (giây)", "vi")),
    "publish_time": (("Publish time", "en"), ("Thời gian đăng", "vi")),
    "permalink": (("Permalink", "en"), ("Liên kết vĩnh viễn", "vi")),
    "post_type": (("Post type", "en"), ("Loại bài viết", "vi")),
    "views": (("Views", "en"), ("Lượt xem", "vi")),
    "reach": (("Reach", "en"), ("Số người tiếp cận", "vi")),
    "likes": (("Likes", "en"), ("Lượt thích", "vi")),
    "shares": (("Shares", "en"), ("Lượt chia sẻ", "vi")),
    "comments": (("Comments", "en"), ("Bình luận", "vi")),
    "saves": (("Saves", "en"), ("Lượt lưu", "vi")),
    "follows": (("Follows", "en"), ("Lượt theo dõi", "vi")),
}
# What tells an Instagram export from Facebook's: the account it names.
POST_REQUIRED = ("post_id", "account_id", "publish_time")
# Column → snapshot field, in the order they are read (likes are our reactions).
_COUNTS = {
    "views": "views",
    "reach": "reach",
    "likes": "reactions",
    "shares": "shares",
    "comments": "comments",
}
# Instagram's post types (``IG reel``, ``IG carousel``, …) → our content kinds.
_KINDS = {
    "reel": "reel",
    "reels": "reel",
    "video": "video",
    "image": "photo",
    "carousel": "photo",
    "photo": "photo",
}


@dataclass
class InstagramPosts(ItemsRead):
    """An Instagram posts export: the account, its posts and one snapshot per post."""

    channel: ChannelRecord | None = None


def post_columns(sheet: Sheet) -> Columns:
    return find_columns(sheet, POST_COLUMNS)


def missing_post_columns(sheet: Sheet) -> list[str]:
    return post_columns(sheet).missing(POST_REQUIRED, POST_COLUMNS)


def content_kind(post_type: str) -> str:
    """``IG reel`` → ``reel``, ``IG carousel`` → ``photo``; anything else is a ``post``."""
    words = normalise_header(post_type).split()
    return next((_KINDS[word] for word in reversed(words) if word in _KINDS), "post")


def parse_posts(
    sheet: Sheet, captured_at: datetime, timezone: str, published_by: datetime | None = None
) -> InstagramPosts:
    """Posts and their lifetime counts at ``captured_at`` (likes are our ``reactions``); saves and
    follows stay in each post's raw row. Rows of another account than the first, or published after
    ``published_by`` (default ``captured_at``), are bad rows."""
    columns = post_columns(sheet)
    latest = published_by or captured_at
    zone = ZoneInfo(timezone)
    export = InstagramPosts(language=columns.language, channel=None)

    def read_row(reader: RowReader) -> Callable[[], Item]:
        post_id = reader.value("post_id", parse_id)
        account_id = reader.value("account_id", parse_id)
        published = reader.value("publish_time", parse_local_time)
        published_at = utc(published.replace(tzinfo=zone)) if published else None
        flag_published_after(reader, "publish_time", published_at, latest, zone)
        counts = read_counts(reader, _COUNTS)
        account = export.channel.external_id if export.channel else None
        if account is not None and account_id and account_id != account:
            reader.flag("account_id", "other_page", value=account_id)

        def item() -> Item:
            if export.channel is None:
                name = reader.text("account_name") or reader.text("username") or account_id
                export.channel = ChannelRecord(
                    external_id=account_id, name=name, platform=PLATFORM, timezone=timezone
                )
            content = ContentRecord(
                external_id=post_id,
                kind=content_kind(reader.text("post_type") or ""),
                message=reader.text("description"),
                permalink=reader.text("permalink"),
                published_at=published_at,
            )
            return Item(content, counts)

        return item

    read_items(sheet, columns, export, captured_at, SOURCE, read_row)
    return export


def read_posts(sheet: Sheet, context: FileContext) -> Parsed:
    """An Instagram posts export; no post is published after the counts were true (nor after now)."""
    captured_at = context.captured_at
    export = parse_posts(sheet, captured_at, context.timezone, published_by=min(captured_at, context.now))
    return Parsed(None, export.language, export.findings, len(export.contents), export)
