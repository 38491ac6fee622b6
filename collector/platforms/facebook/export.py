"""Meta Business Suite exports: the posts (content) export and the page-level daily series.

Pure parsers: a :class:`~collector.plumbing.reading.Sheet` in, typed records of ``models.store`` out.
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from pathlib import PurePath
from zoneinfo import ZoneInfo

from collector.kinds import FileContext, Parsed
from collector.plumbing.reading import (
    Columns,
    Findings,
    ParsedColumn,
    Problem,
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


def parse_posts(
    sheet: Sheet, captured_at: datetime, timezone: str, published_by: datetime | None = None
) -> PostsExport:
    """Content items and their lifetime counts at ``captured_at``; publish times are local to ``timezone``.

    A post published after ``published_by`` (default ``captured_at``: no count can predate its post)
    is a bad row. Read column by column (an export may hold a page's whole history: 100,000 rows),
    then row by row for the records of the rows without problems.
    """
    columns = post_columns(sheet)
    zone = ZoneInfo(timezone)
    latest = published_by or captured_at
    export = PostsExport(language=columns.language, channel=None)
    post_ids = sheet.parsed(columns, "post_id", parse_id)
    published = sheet.parsed(columns, "publish_time", parse_local_time)
    published_at = [utc(moment.replace(tzinfo=zone)) if moment else None for moment in published.values]
    counts = {name: sheet.parsed(columns, name, parse_count) for name in _POST_COUNTS}
    decimals = {name: sheet.parsed(columns, name, parse_decimal) for name in _POST_DECIMALS}
    page_ids = sheet.parsed(columns, "page_id", parse_id) if "page_id" in columns.index else None
    # Each row's problems in the order a reader of the row meets them: its cells, then the checks.
    checks = [
        post_ids.problems,
        published.problems,
        _published_after(sheet, columns, published_at, latest, zone),
        *(column.problems for column in counts.values()),
        *(column.problems for column in decimals.values()),
        *(_negative(sheet, columns, name, column) for name, column in counts.items()),
    ]
    if page_ids is not None:
        checks.append(page_ids.problems)
        checks.append(_other_page(sheet, columns, page_ids, checks))
    bad = set().union(*checks)
    for position in sorted(bad):
        export.findings.problems.extend(check[position] for check in checks if position in check)
        export.findings.rejected_rows.append(sheet.row_numbers[position])
    good = [position for position in range(len(sheet.rows)) if position not in bad]
    if page_ids is not None and good:
        page_id = page_ids.values[good[0]]
        name = sheet.texts(columns, "page_name")[good[0]].strip() or page_id
        export.channel = ChannelRecord(external_id=page_id, name=name, timezone=timezone)
    export.findings.warnings.extend(_interactions_mismatches(sheet, columns, counts, good))
    texts = {
        name: sheet.texts(columns, name)
        for name in ("post_type", "title", "description", "permalink", "labels")
    }
    count_values = {name: column.values for name, column in counts.items()}
    decimal_values = {name: column.values for name, column in decimals.items()}
    for position in good:
        post_id, row = post_ids.values[position], sheet.rows[position]
        export.contents.append(
            ContentRecord(
                external_id=post_id,
                kind=content_kind(texts["post_type"][position].strip()),
                title=texts["title"][position].strip() or None,
                message=texts["description"][position].strip() or None,
                permalink=texts["permalink"][position].strip() or None,
                published_at=published_at[position],
                duration_s=decimal_values["duration_s"][position],
                labels=texts["labels"][position].strip() or None,
                raw={
                    header: text for header, text in zip(sheet.header, row, strict=False) if header and text
                },
            )
        )
        export.snapshots.append(
            SnapshotRecord(
                content_external_id=post_id,
                captured_at=captured_at,
                source=SOURCE,
                views=count_values["views"][position],
                reach=count_values["reach"][position],
                reactions=count_values["reactions"][position],
                comments=count_values["comments"][position],
                shares=count_values["shares"][position],
                clicks=count_values["clicks"][position],
                watch_time_s=decimal_values["watch_time_s"][position],
                avg_watch_s=decimal_values["avg_watch_s"][position],
            )
        )
    return export


def _published_after(
    sheet: Sheet, columns: Columns, published_at: list[datetime | None], latest: datetime, zone: ZoneInfo
) -> dict[int, Problem]:
    """Rows published after ``latest`` (no count can predate its post), as problems by row position."""
    header, shown = (
        _header(sheet, columns, "publish_time"),
        latest.astimezone(zone).strftime("%Y-%m-%d %H:%M"),
    )
    return {
        position: Problem(sheet.row_numbers[position], header, "published_after_export", {"when": shown})
        for position, moment in enumerate(published_at)
        if moment is not None and moment > latest
    }


def _negative(sheet: Sheet, columns: Columns, name: str, column: ParsedColumn[int]) -> dict[int, Problem]:
    """The cells of a count column that hold a negative number, as problems by row position."""
    header = _header(sheet, columns, name)
    return {
        position: Problem(sheet.row_numbers[position], header, "count_negative", {"value": value})
        for position, value in enumerate(column.values)
        if value is not None and value < 0
    }


def _other_page(
    sheet: Sheet, columns: Columns, page_ids: ParsedColumn[str], checks: list[dict[int, Problem]]
) -> dict[int, Problem]:
    """Rows of another Page than the first row without problems (the export's Page)."""
    first = next((p for p in range(len(sheet.rows)) if not any(p in check for check in checks)), None)
    if first is None:
        return {}
    page, header = page_ids.values[first], _header(sheet, columns, "page_id")
    return {
        position: Problem(sheet.row_numbers[position], header, "other_page", {"value": value})
        for position, value in enumerate(page_ids.values[first + 1 :], start=first + 1)
        if value and value != page
    }


def _interactions_mismatches(
    sheet: Sheet, columns: Columns, counts: dict[str, ParsedColumn[int]], good: list[int]
) -> list[Problem]:
    """Warnings for rows whose combined column is far from reactions + comments + shares."""
    if "interactions" not in columns.index:
        return []
    header = _header(sheet, columns, "interactions")
    totals, reactions, comments, shares = (
        counts[name].values for name in ("interactions", "reactions", "comments", "shares")
    )
    warnings = []
    for position in good:
        total, parts = totals[position], (reactions[position], comments[position], shares[position])
        if total is None or None in parts:
            continue
        parts_sum = sum(parts)  # type: ignore[arg-type]
        if abs(total - parts_sum) > max(_INTERACTIONS_MIN_GAP, _INTERACTIONS_SLACK * max(total, parts_sum)):
            values = {"total": total, "parts": parts_sum}
            warnings.append(Problem(sheet.row_numbers[position], header, "interactions_mismatch", values))
    return warnings


def _header(sheet: Sheet, columns: Columns, name: str) -> str:
    index = columns.index.get(name)
    return sheet.header[index] if index is not None else name


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


# ---------------------------------------------------------------------------------------------
# The two kinds of file in the registry (collector/kinds.py): what identifies them, how they are read.


def missing_post_columns(sheet: Sheet) -> list[str]:
    """The columns a posts export needs that ``sheet`` lacks."""
    return post_columns(sheet).missing(POST_REQUIRED, POST_COLUMNS)


def read_posts(sheet: Sheet, context: FileContext) -> Parsed:
    """A posts export; no post is published after the counts were true (nor after now)."""
    captured_at = context.captured_at
    export = parse_posts(sheet, captured_at, context.timezone, published_by=min(captured_at, context.now))
    return Parsed(None, export.language, export.findings, len(export.contents), export)


def missing_series_columns(sheet: Sheet) -> list[str]:
    """The columns a page series needs that ``sheet`` lacks."""
    return series_columns(sheet).missing(SERIES_REQUIRED, SERIES_COLUMNS)


def read_page_series(sheet: Sheet, context: FileContext) -> Parsed:
    series = parse_page_series(sheet, context.name, context.today)
    return Parsed(series.metric, series.language, series.findings, len(series.records), series)
