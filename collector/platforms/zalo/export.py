"""The Zalo OA manager's article statistics sheet (column names are our guess: docs/zalo-oa.md).
Pure: a :class:`~collector.plumbing.reading.Sheet` in, records out."""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from collector.kinds import FileContext, Parsed
from collector.platforms.zalo.api import SHEET_SOURCE, article_kind, parse_local_text
from collector.plumbing.reading import (
    CellError,
    Columns,
    Item,
    ItemsRead,
    RowReader,
    Sheet,
    find_columns,
    flag_published_after,
    in_year_range,
    normalise_header,
    parse_id,
    read_counts,
    read_items,
)
from models.store import ContentRecord
from models.write import utc

ZALO_SHEET_COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "article_id": (("Article ID", "en"), ("ID bài viết", "vi"), ("Mã bài viết", "vi")),
    "title": (
        ("Article title", "en"),
        ("Tiêu đề bài viết", "vi"),
        ("Tên bài viết", "vi"),
        ("Article", "en"),
        ("Bài viết", "vi"),
    ),
    "published": (
        ("Publish date", "en"),
        ("Ngày đăng", "vi"),
        ("Published", "en"),
        ("Thời gian đăng", "vi"),
        ("Publish time", "en"),
        ("Ngày xuất bản", "vi"),
        ("Ngày gửi", "vi"),
        ("Sent date", "en"),
    ),
    "views": (("Views", "en"), ("Lượt xem", "vi"), ("Lượt đọc", "vi"), ("Reads", "en")),
    "shares": (("Shares", "en"), ("Lượt chia sẻ", "vi"), ("Chia sẻ", "vi")),
    "likes": (("Likes", "en"), ("Lượt thích", "vi"), ("Thích", "vi")),
    "comments": (("Comments", "en"), ("Bình luận", "vi"), ("Lượt bình luận", "vi")),
    "reach": (("Reach", "en"), ("Người tiếp cận", "vi"), ("Lượt tiếp cận", "vi")),
    "link": (("Link", "en"), ("Liên kết", "vi"), ("URL", "en"), ("Đường dẫn", "vi")),
    "type": (("Type", "en"), ("Loại bài viết", "vi"), ("Loại", "vi")),
}
ZALO_SHEET_REQUIRED = ("title", "published", "views")
# Column → snapshot field, in the order they are read (likes are our reactions).
_SHEET_COUNTS = {
    "views": "views",
    "shares": "shares",
    "likes": "reactions",
    "comments": "comments",
    "reach": "reach",
}


@dataclass
class ArticleSheet(ItemsRead):
    """A Zalo OA article statistics sheet: its articles and one snapshot each at ``captured_at``."""


def sheet_columns(sheet: Sheet) -> Columns:
    return find_columns(sheet, ZALO_SHEET_COLUMNS)


def is_article_sheet(sheet: Sheet) -> bool:
    """A Zalo sheet has an article title, a publish date and views (and no Meta ``Post ID``)."""
    columns = sheet_columns(sheet)
    return not columns.missing(ZALO_SHEET_REQUIRED, ZALO_SHEET_COLUMNS)


def sheet_article_id(title: str, published: datetime | date) -> str:
    """A stable id for an article the sheet gives no id for: its title and publication day."""
    day = published.date() if isinstance(published, datetime) else published
    digest = hashlib.sha256(f"{normalise_header(title)}|{day.isoformat()}".encode()).hexdigest()
    return f"sheet-{digest[:24]}"


def _sheet_time(text: str) -> datetime:
    moment = parse_local_text(text)
    if moment is None:
        raise CellError("value_missing")
    return in_year_range(moment, text.strip())


def parse_article_sheet(sheet: Sheet, captured_at: datetime, timezone: str) -> ArticleSheet:
    """Articles and their lifetime counts at ``captured_at``; publish times are local to ``timezone``."""
    columns = sheet_columns(sheet)
    zone = ZoneInfo(timezone)
    parsed = ArticleSheet(language=columns.language)
    rows_of: dict[str, int] = {}

    def read_row(reader: RowReader) -> Callable[[], Item]:
        title = reader.text("title")
        if title is None:
            reader.flag("title", "value_missing")
        published = reader.value("published", _sheet_time)
        moment = (
            None if published is None else published if published.tzinfo else published.replace(tzinfo=zone)
        )
        flag_published_after(reader, "published", moment, captured_at, zone)
        counts = read_counts(reader, _SHEET_COUNTS)
        article_id = reader.value("article_id", parse_id) if reader.text("article_id") else None
        if article_id is None and title is not None and published is not None:
            # Without an id an article is its title and day: two of them here would be merged into
            # one with the counts of the other, so the second is refused naming the first.
            key = sheet_article_id(title, published)
            if key in rows_of:
                reader.flag("title", "article_duplicate", value=title[:60], other=rows_of[key])
            rows_of.setdefault(key, reader.number)
        elif article_id is not None:
            if article_id in rows_of:
                reader.flag("article_id", "article_duplicate", value=article_id, other=rows_of[article_id])
            rows_of.setdefault(article_id, reader.number)

        def item() -> Item:
            assert title is not None and moment is not None and published is not None
            kind = article_kind(
                "video" if normalise_header(reader.text("type") or "") == "video" else "normal"
            )
            content = ContentRecord(
                external_id=article_id or sheet_article_id(title, published),
                kind=kind,
                title=title[:500],
                permalink=reader.text("link"),
                published_at=utc(moment),
            )
            return Item(content, counts)

        return item

    read_items(sheet, columns, parsed, captured_at, SHEET_SOURCE, read_row)
    return parsed


def missing_sheet_columns(sheet: Sheet) -> list[str]:
    """The columns an article sheet needs that ``sheet`` lacks (the registry's test, collector/kinds.py)."""
    return sheet_columns(sheet).missing(ZALO_SHEET_REQUIRED, ZALO_SHEET_COLUMNS)


def read_article_sheet(sheet: Sheet, context: FileContext) -> Parsed:
    articles = parse_article_sheet(sheet, context.captured_at, context.timezone)
    return Parsed(None, articles.language, articles.findings, len(articles.contents), articles)
