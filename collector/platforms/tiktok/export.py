"""TikTok Studio's content export (``Video title,Video link,Post time,Video views,Likes,Comments,
Shares,Add to Favorites``): one row per video with its lifetime counts. Pure: a
:class:`~collector.plumbing.reading.Sheet` in, records out. A video's id is the number at the end
of its link, as the Display API names it, so both land on the same content item."""

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time
from zoneinfo import ZoneInfo

from collector.kinds import FileContext, Parsed
from collector.plumbing.reading import (
    CellError,
    Columns,
    Item,
    ItemsRead,
    RowReader,
    Sheet,
    find_columns,
    flag_published_after,
    parse_date,
    parse_local_time,
    read_counts,
    read_items,
)
from models.store import ContentRecord
from models.write import utc

SOURCE = "export"
STUDIO_COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "title": (("Video title", "en"), ("Tiêu đề video", "vi")),
    "link": (("Video link", "en"), ("Liên kết video", "vi")),
    "post_time": (("Post time", "en"), ("Thời gian đăng", "vi")),
    "views": (("Video views", "en"), ("Lượt xem video", "vi")),
    "likes": (("Likes", "en"), ("Lượt thích", "vi")),
    "comments": (("Comments", "en"), ("Bình luận", "vi")),
    "shares": (("Shares", "en"), ("Lượt chia sẻ", "vi")),
    "favorites": (("Add to Favorites", "en"), ("Thêm vào Yêu thích", "vi")),
}
STUDIO_REQUIRED = ("link", "post_time", "views")
_VIDEO_LINK = re.compile(r"tiktok\.com/@([^/?#]+)/(?:video|photo)/(\d+)")
# Column → snapshot field, in the order they are read (likes are our reactions).
_COUNTS = {"views": "views", "likes": "reactions", "comments": "comments", "shares": "shares"}


@dataclass
class TikTokStudioExport(ItemsRead):
    """A TikTok Studio content export: the account's name (from the links), videos and snapshots."""

    account: str | None = None


def studio_columns(sheet: Sheet) -> Columns:
    return find_columns(sheet, STUDIO_COLUMNS)


def missing_studio_columns(sheet: Sheet) -> list[str]:
    return studio_columns(sheet).missing(STUDIO_REQUIRED, STUDIO_COLUMNS)


def video_id(link: str) -> str:
    """``https://www.tiktok.com/@name/video/7512345678901234567`` → ``7512345678901234567``."""
    match = _VIDEO_LINK.search(link.strip())
    if not match:
        raise CellError("tiktok_link_invalid", value=link.strip()[:60])
    return match[2]


def parse_post_time(text: str) -> datetime | None:
    """A post time as TikTok Studio writes it: ``2025-06-14 10:00``, ``06/14/2025 10:00`` or a day."""
    value = text.strip()
    try:
        return parse_local_time(value)
    except CellError:
        return datetime.combine(parse_date(value), time(0, 0)) if value else None


def parse_studio_export(
    sheet: Sheet, captured_at: datetime, timezone: str, published_by: datetime | None = None
) -> TikTokStudioExport:
    """Videos and their lifetime counts at ``captured_at``; post times are local to ``timezone``."""
    columns = studio_columns(sheet)
    zone = ZoneInfo(timezone)
    latest = published_by or captured_at
    export = TikTokStudioExport(language=columns.language)

    def read_row(reader: RowReader) -> Callable[[], Item]:
        external_id = reader.value("link", video_id)
        posted = reader.value("post_time", parse_post_time)
        published_at = utc(posted.replace(tzinfo=zone)) if posted else None
        flag_published_after(reader, "post_time", published_at, latest, zone)
        counts = read_counts(reader, _COUNTS)

        def item() -> Item:
            link = reader.text("link") or ""
            export.account = export.account or _VIDEO_LINK.search(link)[1]
            content = ContentRecord(
                external_id=external_id,
                kind="video",
                title=(reader.text("title") or "")[:200] or None,
                permalink=link,
                published_at=published_at,
            )
            return Item(content, counts)

        return item

    read_items(sheet, columns, export, captured_at, SOURCE, read_row)
    return export


def read_studio_export(sheet: Sheet, context: FileContext) -> Parsed:
    captured_at = context.captured_at
    export = parse_studio_export(
        sheet, captured_at, context.timezone, published_by=min(captured_at, context.now)
    )
    return Parsed(None, export.language, export.findings, len(export.contents), export)
