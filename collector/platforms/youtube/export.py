"""YouTube Studio's advanced-mode export (``Table data.csv``), for offices without an API key: one
row per video with its lifetime counts over the chosen period, a ``Total`` row first. Pure: a
:class:`~collector.plumbing.reading.Sheet` in, records out."""

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from collector.kinds import FileContext, Parsed
from collector.platforms.youtube.api import EXPORT_SOURCE, WATCH_URL
from collector.plumbing.reading import (
    CellError,
    Columns,
    Findings,
    Sheet,
    find_columns,
    normalise_header,
    parse_count,
    parse_date,
    parse_decimal,
)
from models.store import ContentRecord, SnapshotRecord
from models.write import utc

STUDIO_COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "video_id": (("Content", "en"), ("Nội dung", "vi")),
    "title": (("Video title", "en"), ("Tiêu đề video", "vi")),
    "publish_time": (("Video publish time", "en"), ("Thời gian xuất bản video", "vi")),
    "duration_s": (("Duration", "en"), ("Thời lượng", "vi")),
    "views": (("Views", "en"), ("Lượt xem", "vi")),
    "watch_time_h": (("Watch time (hours)", "en"), ("Thời gian xem (giờ)", "vi")),
    "impressions": (("Impressions", "en"), ("Số lượt hiển thị", "vi")),
    "likes": (("Likes", "en"), ("Lượt thích", "vi")),
    "comments": (("Comments added", "en"), ("Số bình luận đã thêm", "vi"), ("Comments", "en")),
    "shares": (("Shares", "en"), ("Lượt chia sẻ", "vi")),
    "avg_view_duration": (("Average view duration", "en"), ("Thời lượng xem trung bình", "vi")),
}
STUDIO_REQUIRED = ("video_id", "title", "publish_time")
_STUDIO_TOTAL = frozenset({"total", "tong", "tong cong"})
_MONTH_NAMES = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_EN_DATE = re.compile(r"^([A-Za-z]{3,9})\.?\s+(\d{1,2}),\s*(\d{4})$")  # May 22, 2024 or Sept 3, 2024
_VI_DATE = re.compile(r"^(\d{1,2})\s+(?:thg|tháng)\s+(\d{1,2}),?\s*(\d{4})$", re.I)  # 22 thg 5, 2024
_CLOCK = re.compile(r"^(?:(\d+):)?(\d{1,2}):(\d{2})$")  # 0:01:23 or 1:23
_PLAIN_DECIMAL = re.compile(r"^\d+(?:\.\d+)?$")


def studio_columns(sheet: Sheet) -> Columns:
    return find_columns(sheet, STUDIO_COLUMNS)


def parse_studio_date(text: str) -> date:
    """A publish day as Studio writes it: ``May 22, 2024`` (English), ``22 thg 5, 2024`` (Vietnamese),
    or ``2024-05-22`` / ``22/05/2024``."""
    value = text.strip()
    try:
        if match := _EN_DATE.match(value):
            word = match[1].lower()
            months = [n for n, name in enumerate(_MONTH_NAMES, start=1) if name.startswith(word)]
            if len(months) == 1:
                return date(int(match[3]), months[0], int(match[2]))
        if match := _VI_DATE.match(value):
            return date(int(match[3]), int(match[2]), int(match[1]))
    except ValueError:
        raise CellError("studio_date_invalid", value=value) from None
    try:
        return parse_date(value)
    except CellError as error:
        raise CellError("studio_date_invalid", value=value) if value else error from None


def parse_studio_decimal(text: str) -> float | None:
    """Studio's decimals use a point and no grouping (``12.345`` hours is twelve, not 12,345)."""
    value = text.strip()
    return float(value) if _PLAIN_DECIMAL.match(value) else parse_decimal(value)


def parse_clock(text: str) -> float | None:
    """A duration written ``0:01:23`` or ``1:23`` in seconds; a plain number is seconds already."""
    value = text.strip()
    if match := _CLOCK.match(value):
        return int(match[1] or 0) * 3600 + int(match[2]) * 60 + int(match[3])
    return parse_studio_decimal(value)


@dataclass
class StudioExport:
    """A Studio table: its videos and one snapshot each (counts at ``captured_at``)."""

    language: str | None
    contents: list[ContentRecord] = field(default_factory=list)
    snapshots: list[SnapshotRecord] = field(default_factory=list)
    findings: Findings = field(default_factory=Findings)


def is_studio_export(sheet: Sheet) -> bool:
    return not studio_columns(sheet).missing(STUDIO_REQUIRED, STUDIO_COLUMNS)


def parse_studio_export(sheet: Sheet, captured_at: datetime, timezone: str) -> StudioExport:
    """Videos and their counts from ``Table data.csv``; the ``Total`` row is skipped; publish days
    are local to ``timezone`` (the video is dated at the start of its day)."""
    columns = studio_columns(sheet)
    zone = ZoneInfo(timezone)
    export = StudioExport(language=columns.language)
    for reader in sheet.readers(columns):
        video_id = (reader.text("video_id") or "").strip()
        if normalise_header(video_id) in _STUDIO_TOTAL:
            continue
        if not video_id:
            reader.flag("video_id", "value_missing")
        day = reader.value("publish_time", parse_studio_date)
        counts = {name: reader.value(name, parse_count) for name in ("views", "likes", "comments", "shares")}
        for name, value in counts.items():
            if value is not None and value < 0:
                reader.flag(name, "count_negative", value=value)
        duration = reader.value("duration_s", parse_clock)
        hours = reader.value("watch_time_h", parse_studio_decimal)
        average = reader.value("avg_view_duration", parse_clock)
        if reader.problems:
            export.findings.problems.extend(reader.problems)
            export.findings.rejected_rows.append(reader.number)
            continue
        export.contents.append(
            ContentRecord(
                external_id=video_id,
                kind="video",
                title=reader.text("title"),
                permalink=f"{WATCH_URL}{video_id}",
                published_at=utc(datetime.combine(day, time(0, 0), tzinfo=zone)) if day else None,
                duration_s=duration,
                raw={h: v for h, v in zip(sheet.header, reader.row, strict=False) if h and v},
            )
        )
        export.snapshots.append(
            SnapshotRecord(
                content_external_id=video_id,
                captured_at=captured_at,
                source=EXPORT_SOURCE,
                views=counts["views"],
                reactions=counts["likes"],
                comments=counts["comments"],
                shares=counts["shares"],
                watch_time_s=hours * 3600 if hours is not None else None,
                avg_watch_s=average,
            )
        )
    return export


def missing_studio_columns(sheet: Sheet) -> list[str]:
    """The columns a Studio export needs that ``sheet`` lacks (the registry's test, collector/kinds.py)."""
    return studio_columns(sheet).missing(STUDIO_REQUIRED, STUDIO_COLUMNS)


def read_studio_export(sheet: Sheet, context: FileContext) -> Parsed:
    studio = parse_studio_export(sheet, context.captured_at, context.timezone)
    return Parsed(None, studio.language, studio.findings, len(studio.contents), studio)
