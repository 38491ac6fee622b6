"""Meta Business Suite exports: the posts (content) export and the page-level daily series.

Pure parsers: a :class:`~collector.reading.Sheet` in, typed records of ``models.store`` out.
"""

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time
from functools import lru_cache
from pathlib import PurePath
from zoneinfo import ZoneInfo

from collector.reading import (
    FIRST_YEAR,
    LAST_YEAR,
    Columns,
    Findings,
    Problem,
    RowReader,
    Sheet,
    find_columns,
    normalise_header,
    parse_count,
    parse_date,
    parse_decimal,
    parse_id,
    parse_local_time,
    slug,
)
from models.store import ChannelRecord, ContentRecord, PageMetricRecord, SnapshotRecord
from models.write import utc

SOURCE = "export"

# The one header-mapping table: field → (header, language) as Meta writes them in each language.
POST_COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "post_id": (("Post ID", "en"), ("ID bài viết", "vi")),
    "page_id": (("Page ID", "en"), ("ID Trang", "vi")),
    "page_name": (("Page name", "en"), ("Tên Trang", "vi")),
    "title": (("Title", "en"), ("Tiêu đề", "vi")),
    "description": (("Description", "en"), ("Mô tả", "vi")),
    "duration_s": (("Duration (sec)", "en"), ("Thời lượng (giây)", "vi")),
    "publish_time": (("Publish time", "en"), ("Thời gian đăng", "vi")),
    "permalink": (("Permalink", "en"), ("Liên kết vĩnh viễn", "vi")),
    "post_type": (("Post type", "en"), ("Loại bài viết", "vi")),
    "labels": (("Custom labels", "en"), ("Nhãn tùy chỉnh", "vi")),
    "views": (("Views", "en"), ("Lượt xem", "vi")),
    "reach": (("Reach", "en"), ("Số người tiếp cận", "vi")),
    "interactions": (
        ("Reactions, Comments and Shares", "en"),
        ("Cảm xúc, bình luận và lượt chia sẻ", "vi"),
    ),
    "reactions": (("Reactions", "en"), ("Cảm xúc", "vi")),
    "comments": (("Comments", "en"), ("Bình luận", "vi")),
    "shares": (("Shares", "en"), ("Lượt chia sẻ", "vi")),
    "clicks": (("Total clicks", "en"), ("Tổng lượt click", "vi")),
    "watch_time_s": (("Seconds viewed", "en"), ("Số Giây xem", "vi")),
    "avg_watch_s": (("Average Seconds viewed", "en"), ("Số Giây xem trung bình", "vi")),
}
POST_REQUIRED = ("post_id", "publish_time")
_POST_COUNTS = ("views", "reach", "interactions", "reactions", "comments", "shares", "clicks")
_POST_DECIMALS = ("duration_s", "watch_time_s", "avg_watch_s")

SERIES_COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "date": (("Date", "en"), ("Ngày", "vi")),
    "value": (("Primary", "en"), ("Chính", "vi")),
}
SERIES_REQUIRED = ("date", "value")
_SERIES_METRICS = {"views": "views", "viewers": "viewers", "luot xem": "views", "nguoi xem": "viewers"}

# Post type → content kind, by normalised name, English and Vietnamese; anything else is a "post".
_KINDS = {
    "photos": "photo",
    "photo": "photo",
    "anh": "photo",
    "hinh anh": "photo",
    "links": "link",
    "link": "link",
    "lien ket": "link",
    "videos": "video",
    "video": "video",
    "reels": "reel",
    "reel": "reel",
    "thuoc phim": "reel",
    "live": "livestream",
    "lives": "livestream",
    "live video": "livestream",
    "truc tiep": "livestream",
    "video truc tiep": "livestream",
}
_MONTHS = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1
    )
}
_META_NAME = re.compile(r"([A-Za-z]{3})-(\d{1,2})-(\d{4})_([A-Za-z]{3})-(\d{1,2})-(\d{4})")
# Meta's combined column may lag its parts a little; only a wide gap means the row contradicts itself.
_INTERACTIONS_SLACK = 0.10
_INTERACTIONS_MIN_GAP = 5


@dataclass
class PostsExport:
    """A posts export: the Page it belongs to, its content items and one snapshot per item."""

    language: str | None
    channel: ChannelRecord | None
    contents: list[ContentRecord] = field(default_factory=list)
    snapshots: list[SnapshotRecord] = field(default_factory=list)
    findings: Findings = field(default_factory=Findings)


@dataclass
class PageSeries:
    """A page-level daily series such as ``Views.csv``: one metric, one value per day."""

    metric: str
    language: str | None
    records: list[PageMetricRecord] = field(default_factory=list)
    findings: Findings = field(default_factory=Findings)


def post_columns(sheet: Sheet) -> Columns:
    return find_columns(sheet, POST_COLUMNS)


def series_columns(sheet: Sheet) -> Columns:
    return find_columns(sheet, SERIES_COLUMNS)


@lru_cache(maxsize=256)  # an export has a handful of post types, repeated on every row
def content_kind(post_type: str) -> str:
    """The content kind of a Meta ``Post type`` (``Live`` → ``livestream``, unknown → ``post``)."""
    return _KINDS.get(normalise_header(post_type), "post")


def captured_at_from_name(name: str, timezone: str) -> datetime | None:
    """End of the last day named in a Meta file name (``May-01-2024_May-31-2024_…``), in UTC."""
    match = _META_NAME.search(PurePath(name).name)
    if not match or match[4].lower() not in _MONTHS:
        return None
    try:
        day = date(int(match[6]), _MONTHS[match[4].lower()], int(match[5]))
    except ValueError:
        return None
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        return None
    return utc(datetime.combine(day, time(23, 59, 59), tzinfo=ZoneInfo(timezone)))


def choose_captured_at(
    name: str, as_of: datetime | None, modified_at: datetime, timezone: str
) -> tuple[datetime, str]:
    """When the counts were true: ``as_of``, else the file name's end date, else ``modified_at``."""
    if as_of is not None:
        return utc(as_of), "as_of"
    from_name = captured_at_from_name(name, timezone)
    if from_name is not None:
        return from_name, "file_name"
    return utc(modified_at), "modified"


def parse_posts(
    sheet: Sheet, captured_at: datetime, timezone: str, published_by: datetime | None = None
) -> PostsExport:
    """Content items and their lifetime counts at ``captured_at``; publish times are local to ``timezone``.

    A post published after ``published_by`` (default ``captured_at``: no count can predate its post)
    is a bad row."""
    columns = post_columns(sheet)
    zone = ZoneInfo(timezone)
    latest = published_by or captured_at
    export = PostsExport(language=columns.language, channel=None)
    for reader in sheet.readers(columns):
        post_id = reader.value("post_id", parse_id)
        published = reader.value("publish_time", parse_local_time)
        published_at = utc(published.replace(tzinfo=zone)) if published else None
        if published_at is not None and published_at > latest:
            shown = latest.astimezone(zone).strftime("%Y-%m-%d %H:%M")
            reader.flag("publish_time", "published_after_export", when=shown)
        counts = {name: reader.value(name, parse_count) for name in _POST_COUNTS}
        decimals = {name: reader.value(name, parse_decimal) for name in _POST_DECIMALS}
        for name, value in counts.items():
            if value is not None and value < 0:
                reader.flag(name, "count_negative", value=value)
        page_id = reader.value("page_id", parse_id) if "page_id" in columns.index else None
        if page_id and export.channel and page_id != export.channel.external_id:
            reader.flag("page_id", "other_page", value=page_id)
        if reader.problems:
            export.findings.problems.extend(reader.problems)
            export.findings.rejected_rows.append(reader.number)
            continue
        if page_id and export.channel is None:
            name = reader.text("page_name") or page_id
            export.channel = ChannelRecord(external_id=page_id, name=name, timezone=timezone)
        _check_interactions(reader, counts, export.findings)
        export.contents.append(
            ContentRecord(
                external_id=post_id,
                kind=content_kind(reader.text("post_type") or ""),
                title=reader.text("title"),
                message=reader.text("description"),
                permalink=reader.text("permalink"),
                published_at=published_at,
                duration_s=decimals["duration_s"],
                labels=reader.text("labels"),
                raw={
                    header: value
                    for header, value in zip(sheet.header, reader.row, strict=False)
                    if header and value
                },
            )
        )
        export.snapshots.append(
            SnapshotRecord(
                content_external_id=post_id,
                captured_at=captured_at,
                source=SOURCE,
                views=counts["views"],
                reach=counts["reach"],
                reactions=counts["reactions"],
                comments=counts["comments"],
                shares=counts["shares"],
                clicks=counts["clicks"],
                watch_time_s=decimals["watch_time_s"],
                avg_watch_s=decimals["avg_watch_s"],
            )
        )
    return export


def _check_interactions(reader: RowReader, counts: dict[str, int | None], findings: Findings) -> None:
    """Warn when the combined column is far from reactions + comments + shares."""
    total, parts = counts["interactions"], (counts["reactions"], counts["comments"], counts["shares"])
    if total is None or None in parts:
        return
    parts_sum = sum(parts)  # type: ignore[arg-type]
    if abs(total - parts_sum) > max(_INTERACTIONS_MIN_GAP, _INTERACTIONS_SLACK * max(total, parts_sum)):
        index = reader.columns.index["interactions"]
        findings.warnings.append(
            Problem(
                reader.number,
                reader.sheet.header[index],
                "interactions_mismatch",
                {"total": total, "parts": parts_sum},
            )
        )


def series_metric(sheet: Sheet, name: str) -> str:
    """The metric a series holds: the name line above its header (``Views``), else the file name."""
    label = next((c for row in sheet.preamble for c in row if c.strip()), "") or PurePath(name).stem
    return _SERIES_METRICS.get(normalise_header(label), slug(label)[:40] or "value")


def parse_page_series(sheet: Sheet, name: str, today: date | None = None) -> PageSeries:
    """One page metric per day from a ``"Date","Primary"`` series; a day after ``today`` is a bad row."""
    columns = series_columns(sheet)
    series = PageSeries(metric=series_metric(sheet, name), language=columns.language)
    for reader in sheet.readers(columns):
        day = reader.value("date", parse_date)
        if day is not None and today is not None and day > today:
            reader.flag("date", "date_future", value=day.isoformat())
        value = reader.value("value", parse_count)
        if value is not None and value < 0:
            reader.flag("value", "count_negative", value=value)
        if reader.problems:
            series.findings.problems.extend(reader.problems)
            series.findings.rejected_rows.append(reader.number)
        else:
            series.records.append(PageMetricRecord(day=day, metric=series.metric, value=value, source=SOURCE))
    return series
