"""The Zalo OA manager's article statistics sheet (column names are our guess: docs/zalo-oa.md).
Pure: a :class:`~collector.plumbing.reading.Sheet` in, records out."""

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from collector.kinds import FileContext, Parsed
from collector.platforms.zalo.api import SHEET_SOURCE, article_kind, parse_local_text
from collector.plumbing.reading import (
    CellError,
    Columns,
    Findings,
    Sheet,
    find_columns,
    normalise_header,
    parse_count,
    parse_id,
)
from models.store import ContentRecord, SnapshotRecord
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
_SHEET_COUNTS = ("views", "shares", "likes", "comments", "reach")


@dataclass
class ArticleSheet:
    """A Zalo OA article statistics sheet: its articles and one snapshot each at ``captured_at``."""

    language: str | None
    contents: list[ContentRecord] = field(default_factory=list)
    snapshots: list[SnapshotRecord] = field(default_factory=list)
    findings: Findings = field(default_factory=Findings)


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
    return moment


def parse_article_sheet(sheet: Sheet, captured_at: datetime, timezone: str) -> ArticleSheet:
    """Articles and their lifetime counts at ``captured_at``; publish times are local to ``timezone``."""
    columns = sheet_columns(sheet)
    zone = ZoneInfo(timezone)
    parsed = ArticleSheet(language=columns.language)
    for reader in sheet.readers(columns):
        title = reader.text("title")
        if title is None:
            reader.flag("title", "value_missing")
        published = reader.value("published", _sheet_time)
        counts = {name: reader.value(name, parse_count) for name in _SHEET_COUNTS}
        for name, value in counts.items():
            if value is not None and value < 0:
                reader.flag(name, "count_negative", value=value)
        article_id = reader.value("article_id", parse_id) if reader.text("article_id") else None
        if reader.problems:
            parsed.findings.problems.extend(reader.problems)
            parsed.findings.rejected_rows.append(reader.number)
            continue
        assert title is not None and published is not None
        moment = utc(published if published.tzinfo else published.replace(tzinfo=zone))
        external_id = article_id or sheet_article_id(title, published)
        kind = article_kind("video" if normalise_header(reader.text("type") or "") == "video" else "normal")
        parsed.contents.append(
            ContentRecord(
                external_id=external_id,
                kind=kind,
                title=title[:500],
                permalink=reader.text("link"),
                published_at=moment,
                raw={h: v for h, v in zip(sheet.header, reader.row, strict=False) if h and v},
            )
        )
        parsed.snapshots.append(
            SnapshotRecord(
                content_external_id=external_id,
                captured_at=captured_at,
                source=SHEET_SOURCE,
                views=counts["views"],
                reach=counts["reach"],
                reactions=counts["likes"],
                comments=counts["comments"],
                shares=counts["shares"],
            )
        )
    return parsed


def missing_sheet_columns(sheet: Sheet) -> list[str]:
    """The columns an article sheet needs that ``sheet`` lacks (the registry's test, collector/kinds.py)."""
    return sheet_columns(sheet).missing(ZALO_SHEET_REQUIRED, ZALO_SHEET_COLUMNS)


def read_article_sheet(sheet: Sheet, context: FileContext) -> Parsed:
    articles = parse_article_sheet(sheet, context.captured_at, context.timezone)
    return Parsed(None, articles.language, articles.findings, len(articles.contents), articles)
