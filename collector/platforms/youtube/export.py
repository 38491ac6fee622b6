"""YouTube Studio's advanced-mode export, for offices without an API key: ``Table data.csv`` (one row
per video with its figures over the chosen period, a ``Total`` row first), ``Chart data.csv`` (daily
views per video) and ``Totals.csv`` (the channel's daily views). Pure: a
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
    in_year_range,
    normalise_header,
    parse_count,
    parse_date,
    parse_decimal,
)
from models.store import ContentRecord, DayFigureRecord, PageMetricRecord, PeriodFigureRecord, SnapshotRecord
from models.tables import ID_LIMIT
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
    day = None
    try:
        if match := _EN_DATE.match(value):
            word = match[1].lower()
            months = [n for n, name in enumerate(_MONTH_NAMES, start=1) if name.startswith(word)]
            if len(months) == 1:
                day = date(int(match[3]), months[0], int(match[2]))
        elif match := _VI_DATE.match(value):
            day = date(int(match[3]), int(match[2]), int(match[1]))
    except ValueError:
        raise CellError("studio_date_invalid", value=value) from None
    if day is not None:
        return in_year_range(day, value)
    try:
        return parse_date(value)
    except CellError as error:
        if value and error.key == "date_invalid":
            raise CellError("studio_date_invalid", value=value) from None
        raise


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
    """A Studio table: its videos and one snapshot each (counts at ``captured_at``), or, for a period
    export, one record of the period's figures each."""

    language: str | None
    contents: list[ContentRecord] = field(default_factory=list)
    snapshots: list[SnapshotRecord] = field(default_factory=list)
    periods: list[PeriodFigureRecord] = field(default_factory=list)
    findings: Findings = field(default_factory=Findings)
    # A period export (its dates known): its figures are the period's, never lifetime snapshots.
    period: tuple[date, date] | None = None
    days_unknown: int = 0  # videos without a publish time (deleted or private)
    views_total: int = 0  # the views of its videos together (what Chart data and Totals add up to)


def is_studio_export(sheet: Sheet) -> bool:
    return not studio_columns(sheet).missing(STUDIO_REQUIRED, STUDIO_COLUMNS)


def parse_studio_export(
    sheet: Sheet, captured_at: datetime, timezone: str, period: tuple[date, date] | None = None
) -> StudioExport:
    """Videos and their counts from ``Table data.csv``; the ``Total`` row is skipped; publish days
    are local to ``timezone`` (the video is dated at the start of its day; a video without one, deleted
    or private, has its day unknown). Figures of a ``period`` are that period's and may be net
    (likes minus dislikes removed: negative); only a lifetime export's are snapshots."""
    columns = studio_columns(sheet)
    zone = ZoneInfo(timezone)
    export = StudioExport(language=columns.language, period=period)
    taken = captured_at.astimezone(zone).date()
    rows_of: dict[str, int] = {}
    for reader in sheet.readers(columns):
        video_id = (reader.text("video_id", ID_LIMIT) or "").strip()
        if normalise_header(video_id) in _STUDIO_TOTAL:
            continue
        if not video_id:
            reader.flag("video_id", "value_missing")
        elif video_id in rows_of:  # which row's counts are the video's? neither is taken
            reader.flag("video_id", "video_duplicate", value=video_id, other=rows_of[video_id])
        rows_of.setdefault(video_id, reader.number)
        day = reader.value("publish_time", parse_studio_date) if reader.text("publish_time") else None
        if day is not None and day > taken:
            reader.flag(
                "publish_time",
                "published_after_export",
                when=captured_at.astimezone(zone).strftime("%Y-%m-%d %H:%M"),
            )
        counts = {
            name: reader.value(name, parse_count)
            for name in ("views", "likes", "comments", "shares", "impressions")
        }
        for name, value in counts.items():
            if value is None or value >= 0:
                continue
            if period is None:
                reader.flag(name, "count_negative_lifetime", value=value)
            elif name in ("views", "impressions"):  # only likes, comments and shares may be net
                reader.flag(name, "count_negative", value=value)
        duration = reader.value("duration_s", parse_clock)
        hours = reader.value("watch_time_h", parse_studio_decimal)
        average = reader.value("avg_view_duration", parse_clock)
        if reader.problems:
            export.findings.problems.extend(reader.problems)
            export.findings.rejected_rows.append(reader.number)
            continue
        export.days_unknown += day is None
        export.views_total += counts["views"] or 0
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
        if period is not None:
            export.periods.append(
                PeriodFigureRecord(
                    content_external_id=video_id,
                    start_day=period[0],
                    end_day=period[1],
                    source=EXPORT_SOURCE,
                    views=counts["views"],
                    likes=counts["likes"],
                    comments=counts["comments"],
                    shares=counts["shares"],
                    impressions=counts["impressions"],
                    watch_time_s=hours * 3600 if hours is not None else None,
                    avg_watch_s=average,
                )
            )
            continue
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
    studio = parse_studio_export(sheet, context.captured_at, context.timezone, context.period)
    return Parsed(None, studio.language, studio.findings, len(studio.contents), studio)


# ---------------------------------------------------------------------------------------------
# The other files of a Studio export (a zip, ``Content 2025-06-13_2025-07-10 Channel name.zip``):
# ``Chart data.csv`` (``Date,Content,Video title,Video publish time,Duration,Views``: one row per
# video per day) and ``Totals.csv`` (``Date,Views``: the channel's views per day, ``13-06-2025``).

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
_STUDIO_DAY = re.compile(r"^(\d{1,2})-(\d{1,2})-(\d{4})$")  # 13-06-2025


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

    def figures(self) -> list[DayFigureRecord]:
        """The daily views per video as records to store (figures of each day, not lifetime counts)."""
        return [DayFigureRecord(entry.video_id, entry.day, EXPORT_SOURCE, entry.views) for entry in self.days]

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
    rows: dict[tuple[str, date], int] = {}  # a video's day given twice: which figure is right?
    for reader in sheet.readers(columns):
        video_id = reader.text("video_id")
        if not video_id:
            reader.flag("video_id", "value_missing")
        day = reader.value("date", parse_studio_day)
        if day is not None and today is not None and day > today:
            reader.flag("date", "date_future", value=day.isoformat())
        if video_id and day is not None:
            if (video_id, day) in rows:
                reader.flag("date", "chart_duplicate_day", other=rows[(video_id, day)])
            else:
                rows[(video_id, day)] = reader.number
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


def missing_chart_columns(sheet: Sheet) -> list[str]:
    return chart_columns(sheet).missing(CHART_REQUIRED, CHART_COLUMNS)


def read_chart_data(sheet: Sheet, context: FileContext) -> Parsed:
    chart = parse_chart_data(sheet, context.timezone, context.today)
    return Parsed(None, chart.language, chart.findings, len(chart.days), chart)


def missing_totals_columns(sheet: Sheet) -> list[str]:
    return totals_columns(sheet).missing(TOTALS_REQUIRED, TOTALS_COLUMNS)


def read_totals(sheet: Sheet, context: FileContext) -> Parsed:
    totals = parse_totals(sheet, context.today)
    return Parsed(None, totals.language, totals.findings, len(totals.records), totals)
