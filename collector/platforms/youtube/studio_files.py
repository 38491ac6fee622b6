"""The other files of a YouTube Studio export, and the export as it is downloaded.

Studio's advanced-mode export is a zip (``Content 2025-06-13_2025-07-10 Channel name.zip``) of
``Table data.csv`` (one row per video, figures of the chosen period), ``Chart data.csv``
(``Date,Content,Video title,Video publish time,Duration,Views``: one row per video per day) and
``Totals.csv`` (``Date,Views``: the channel's views per day, days written ``13-06-2025``). Pure:
a :class:`Sheet` or the zip's bytes in, records out.
"""

import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import PurePosixPath
from zoneinfo import ZoneInfo

from collector.reading import (
    CellError,
    Columns,
    FileProblem,
    Findings,
    Sheet,
    find_columns,
    normalise_header,
    parse_count,
)
from collector.youtube import parse_studio_date
from models.store import ContentRecord, PageMetricRecord
from models.write import utc

EXPORT_SOURCE = "export"
WATCH_URL = "https://www.youtube.com/watch?v="

CHART_COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "date": (("Date", "en"), ("Ngày", "vi")),
    "video_id": (("Content", "en"), ("Nội dung", "vi")),
    "title": (("Video title", "en"), ("Tiêu đề video", "vi")),
    "publish_time": (("Video publish time", "en"), ("Thời gian xuất bản video", "vi")),
    "duration_s": (("Duration", "en"), ("Thời lượng", "vi")),
    "views": (("Views", "en"), ("Lượt xem", "vi")),
}
CHART_REQUIRED = ("date", "video_id", "views")
TOTALS_COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "date": (("Date", "en"), ("Ngày", "vi")),
    "views": (("Views", "en"), ("Lượt xem", "vi")),
}
TOTALS_REQUIRED = ("date", "views")
# The channel's daily views, named by what they measure on this platform.
CHANNEL_VIEWS = "views"
_PERIOD = re.compile(r"(\d{4})-(\d{2})-(\d{2})_(\d{4})-(\d{2})-(\d{2})")
_STUDIO_DAY = re.compile(r"^(\d{1,2})-(\d{1,2})-(\d{4})$")  # 13-06-2025
_MEMBER_SUFFIXES = (".csv",)
# Limits on the zip Studio gives (three small CSV files): the same spirit as the workbook limits.
MAX_MEMBERS = 10
MAX_UNPACKED_RATIO = 50
_MIN_PACKED = 1024 * 1024


def chart_columns(sheet: Sheet) -> Columns:
    return find_columns(sheet, CHART_COLUMNS)


def totals_columns(sheet: Sheet) -> Columns:
    return find_columns(sheet, TOTALS_COLUMNS)


def is_chart_data(sheet: Sheet) -> bool:
    """``Chart data.csv``: a day and a video on each row (``Table data.csv`` has no day)."""
    return not chart_columns(sheet).missing(CHART_REQUIRED, CHART_COLUMNS)


def is_totals(sheet: Sheet) -> bool:
    """``Totals.csv``: a day and views, and nothing naming a video."""
    columns = totals_columns(sheet)
    return (
        not columns.missing(TOTALS_REQUIRED, TOTALS_COLUMNS) and "video_id" not in chart_columns(sheet).index
    )


def parse_studio_day(text: str) -> date:
    """A day as Studio's chart files write it: ``13-06-2025``, ``2025-06-13`` or ``Jun 13, 2025``."""
    value = text.strip()
    if match := _STUDIO_DAY.match(value):
        try:
            return date(int(match[3]), int(match[2]), int(match[1]))
        except ValueError:
            raise CellError("studio_date_invalid", value=value) from None
    return parse_studio_date(value)


def period_from_name(name: str) -> tuple[date, date] | None:
    """The period a Studio export covers, from its zip's or folder's name
    (``Content 2025-06-13_2025-07-10 Channel``); None when the name does not say."""
    match = _PERIOD.search(name)
    if not match:
        return None
    try:
        start = date(int(match[1]), int(match[2]), int(match[3]))
        end = date(int(match[4]), int(match[5]), int(match[6]))
    except ValueError:
        return None
    return (start, end) if start <= end else None


@dataclass(frozen=True)
class VideoDay:
    """One video's views on one day."""

    video_id: str
    day: date
    views: int


@dataclass
class ChartData:
    """``Chart data.csv``: each video once, and its views day by day."""

    language: str | None
    contents: list[ContentRecord] = field(default_factory=list)
    days: list[VideoDay] = field(default_factory=list)
    findings: Findings = field(default_factory=Findings)

    def views_by_video(self) -> dict[str, int]:
        """The views of each video over the whole chart (what ``Table data.csv`` shows for it)."""
        totals: dict[str, int] = {}
        for entry in self.days:
            totals[entry.video_id] = totals.get(entry.video_id, 0) + entry.views
        return totals

    def views_by_day(self) -> dict[date, int]:
        totals: dict[date, int] = {}
        for entry in self.days:
            totals[entry.day] = totals.get(entry.day, 0) + entry.views
        return totals


@dataclass
class ChannelDays:
    """``Totals.csv``: the channel's views per day."""

    language: str | None
    records: list[PageMetricRecord] = field(default_factory=list)
    findings: Findings = field(default_factory=Findings)


def parse_chart_data(sheet: Sheet, timezone: str, today: date | None = None) -> ChartData:
    """Daily views per video; a day after ``today`` or a negative count is a bad row; publish days
    are local to ``timezone``."""
    columns = chart_columns(sheet)
    zone = ZoneInfo(timezone)
    chart = ChartData(language=columns.language)
    seen: set[str] = set()
    for reader in sheet.readers(columns):
        video_id = reader.text("video_id")
        if not video_id:
            reader.flag("video_id", "value_missing")
        day = reader.value("date", parse_studio_day)
        if day is not None and today is not None and day > today:
            reader.flag("date", "date_future", value=day.isoformat())
        views = reader.value("views", parse_count)
        if views is not None and views < 0:
            reader.flag("views", "count_negative", value=views)
        published = reader.value("publish_time", parse_studio_date) if reader.text("publish_time") else None
        if reader.problems:
            chart.findings.problems.extend(reader.problems)
            chart.findings.rejected_rows.append(reader.number)
            continue
        if views is None:
            continue
        chart.days.append(VideoDay(video_id, day, views))
        if video_id not in seen:
            seen.add(video_id)
            chart.contents.append(
                ContentRecord(
                    external_id=video_id,
                    kind="video",
                    title=reader.text("title"),
                    permalink=f"{WATCH_URL}{video_id}",
                    published_at=utc(datetime.combine(published, time(0, 0), tzinfo=zone))
                    if published
                    else None,
                )
            )
    return chart


def parse_totals(sheet: Sheet, today: date | None = None) -> ChannelDays:
    """The channel's views per day from ``Totals.csv``."""
    columns = totals_columns(sheet)
    totals = ChannelDays(language=columns.language)
    for reader in sheet.readers(columns):
        day = reader.value("date", parse_studio_day)
        if day is not None and today is not None and day > today:
            reader.flag("date", "date_future", value=day.isoformat())
        views = reader.value("views", parse_count)
        if views is not None and views < 0:
            reader.flag("views", "count_negative", value=views)
        if reader.problems:
            totals.findings.problems.extend(reader.problems)
            totals.findings.rejected_rows.append(reader.number)
        elif views is not None:
            totals.records.append(
                PageMetricRecord(day=day, metric=CHANNEL_VIEWS, value=views, source=EXPORT_SOURCE)
            )
    return totals


def is_studio_archive(data: bytes) -> bool:
    """A zip that is not an Excel workbook (Studio's download is one)."""
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "[Content_Types].xml" not in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


# The order the files of one export are read in: the videos first, then their days, then the channel's.
_ORDER = ("table data", "chart data", "totals")


def archive_files(name: str, data: bytes) -> list[tuple[str, bytes]]:
    """The CSV files of a Studio zip, as ``(name, bytes)`` in the order they are imported.

    Refused with one line (FileProblem): a broken or encrypted zip, more than :data:`MAX_MEMBERS`
    entries, one that unpacks to more than :data:`MAX_UNPACKED_RATIO` times its size, a member
    whose name leaves the archive (``../``, ``/``) or none of Studio's files.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = [entry for entry in archive.infolist() if not entry.is_dir()]
            if len(entries) > MAX_MEMBERS:
                raise FileProblem("archive_too_many", file=name, limit=MAX_MEMBERS)
            if any(entry.flag_bits & 0x1 for entry in entries):
                raise FileProblem("file_xlsx_broken", file=name)
            if sum(entry.file_size for entry in entries) > MAX_UNPACKED_RATIO * max(len(data), _MIN_PACKED):
                raise FileProblem("file_archive", file=name)
            files = []
            for entry in entries:
                path = PurePosixPath(entry.filename.replace("\\", "/"))
                if path.is_absolute() or ".." in path.parts:
                    raise FileProblem("archive_bad_name", file=name, member=entry.filename[:80])
                if path.suffix.lower() in _MEMBER_SUFFIXES and not path.name.startswith((".", "~$")):
                    files.append((path.name, archive.read(entry)))
    except (zipfile.BadZipFile, OSError, ValueError, RuntimeError) as error:
        raise FileProblem("file_xlsx_broken", file=name) from error
    if not files:
        raise FileProblem("archive_no_files", file=name)

    def order(item: tuple[str, bytes]) -> tuple[int, str]:
        stem = normalise_header(PurePosixPath(item[0]).stem)
        return (_ORDER.index(stem) if stem in _ORDER else len(_ORDER), item[0])

    return sorted(files, key=order)
