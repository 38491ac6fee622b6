"""Meta Business Suite exports: the posts (content) export and the daily series (Facebook's and
Instagram's, named per platform), the newer ``Viewers.csv`` and ``FollowerHistory.csv``.

Pure parsers: a :class:`~collector.plumbing.reading.Sheet` in, typed records of ``models.store`` out.
"""

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from pathlib import PurePath
from zoneinfo import ZoneInfo

from collector.kinds import FileContext, Parsed
from collector.plumbing.reading import (
    CellError,
    Columns,
    Findings,
    ParsedColumn,
    Problem,
    Sheet,
    find_columns,
    normalise_header,
    parse_count,
    parse_date,
    parse_id,
    parse_local_time,
    slug,
    thousands_separator,
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
    platform: str = "facebook"  # Meta Business Suite exports Instagram's series too


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
    # Meta writes seconds with up to three decimals (11526.332): read per column, never per cell.
    grouping = thousands_separator(text for name in _POST_COUNTS for text in sheet.texts(columns, name))
    decimals = {name: sheet.decimals(columns, name, grouping) for name in _POST_DECIMALS}
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


def series_metric(sheet: Sheet, name: str) -> tuple[str, str]:
    """The platform and metric a series holds, named by what it measures: from the name line above
    its header (``Follows``, ``Instagram profile visits``), else the file name (and its folder)."""
    label = next((c for row in sheet.preamble for c in row if c.strip()), "")
    return series_platform_and_metric(label, name)


def parse_page_series(sheet: Sheet, name: str, today: date | None = None) -> PageSeries:
    """One page metric per day from a ``"Date","Primary"`` series; a day after ``today`` is a bad row."""
    columns = series_columns(sheet)
    platform, metric = series_metric(sheet, name)
    series = PageSeries(metric=metric, language=columns.language, platform=platform)
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
    series = parse_page_series(sheet, f"{context.folder}/{context.name}", context.today)
    return Parsed(series.metric, series.language, series.findings, len(series.records), series)


# ---------------------------------------------------------------------------------------------
# Daily series named by what they measure on each platform (Meta Business Suite exports Instagram's
# too), the newer ``Viewers.csv`` (``"Date","Total Viewers","New Viewers","Returning Viewers"``, days
# written ``"August 19"`` without a year) and ``FollowerHistory.csv`` (``"Date","Followers",
# "Difference in followers from previous day"``).

FACEBOOK, INSTAGRAM = "facebook", "instagram"

# What a series measures, by its name line (or file name), per platform. Names the API also uses
# mean the same thing: ``follows`` is the follower total (page_follows), so Meta's ``Follows.csv``
# (new follows each day) is ``new_follows``.
SERIES_NAMES: dict[str, dict[str, str]] = {
    FACEBOOK: {
        "views": "views",
        "luot xem": "views",
        "viewers": "viewers",
        "nguoi xem": "viewers",
        "follows": "new_follows",
        "luot theo doi": "new_follows",
        "unfollows": "unfollows",
        "interactions": "interactions",
        "tuong tac": "interactions",
        "visits": "page_visits",
        "facebook visits": "page_visits",
        "link clicks": "link_clicks",
        "reach": "reach",
    },
    INSTAGRAM: {
        "views": "views",
        "reach": "reach",
        "interactions": "interactions",
        "follows": "new_follows",
        "profile visits": "profile_visits",
        "link clicks": "link_clicks",
    },
}
_COPY_MARK = re.compile(r"\s*\(\d+\)$")  # Interactions (1).csv: a second download, same series

BREAKDOWN_COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "date": (("Date", "en"), ("Ngày", "vi")),
    "viewers": (("Total Viewers", "en"), ("Tổng số người xem", "vi")),
    "new_viewers": (("New Viewers", "en"), ("Người xem mới", "vi")),
    "returning_viewers": (("Returning Viewers", "en"), ("Người xem cũ", "vi")),
}
BREAKDOWN_REQUIRED = ("date", "viewers", "new_viewers")
FOLLOWER_COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "date": (("Date", "en"), ("Ngày", "vi")),
    "follows": (("Followers", "en"), ("Người theo dõi", "vi")),
    "net_follows": (
        ("Difference in followers from previous day", "en"),
        ("Chênh lệch so với hôm trước", "vi"),
    ),
}
FOLLOWER_REQUIRED = ("date", "follows", "net_follows")

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_YEARLESS = re.compile(r"^([A-Za-z]{3,9})\.?\s+(\d{1,2})$")  # August 19
_DAY_MONTH = re.compile(r"^(\d{1,2})\s+(?:thg|tháng)\s+(\d{1,2})$", re.I)  # 19 thg 8
_NAME_YEAR = re.compile(r"(?<!\d)(20\d{2})(?!\d)")


def series_platform_and_metric(label: str, name: str) -> tuple[str, str]:
    """The platform and metric of a one-metric series, from its name line (else its file name):
    ``Instagram profile visits`` → (instagram, profile_visits), ``Follows`` → (facebook, new_follows)."""
    text = normalise_header(_COPY_MARK.sub("", label or PurePath(name).stem))
    platform = FACEBOOK
    for word, which in (("instagram ", INSTAGRAM), ("ig ", INSTAGRAM), ("facebook ", FACEBOOK)):
        if text.startswith(word) and text != "facebook visits":
            platform, text = which, text[len(word) :]
            break
    if "instagram" in normalise_header(str(PurePath(name).parent)) + " " + normalise_header(
        PurePath(name).stem
    ):
        platform = INSTAGRAM
    metric = SERIES_NAMES[platform].get(text, slug(text)[:40] or "value")
    return platform, metric


@dataclass(frozen=True)
class Period:
    """The days an export covers, when known (``--from/--to``, or its file's or folder's name)."""

    start: date
    end: date


def year_from_name(name: str) -> int | None:
    """The one year a file's or folder's name gives (``Viewers 2025.csv``, ``Page 2025-06``)."""
    years = set(_NAME_YEAR.findall(name))
    return int(years.pop()) if len(years) == 1 else None


def day_resolver(period: Period | None, year: int | None):
    """A cell reader for days written with or without a year: ``August 19`` takes the year that puts
    it inside ``period`` (else ``year``); with neither, such a day is a problem saying how to give it."""

    def parse(text: str) -> date:
        value = text.strip()
        found = _YEARLESS.match(value)
        month = day = None
        if found:
            word = found[1].lower()[:3]
            month, day = (_MONTHS.index(word) + 1 if word in _MONTHS else None), int(found[2])
        elif found := _DAY_MONTH.match(value):
            month, day = int(found[2]), int(found[1])
        if month is None or day is None:
            return parse_date(value)
        candidates = []
        years = range(period.start.year, period.end.year + 1) if period else [year] if year else []
        for candidate_year in years:
            try:
                candidate = date(candidate_year, month, day)
            except ValueError:
                continue
            if period is None or period.start <= candidate <= period.end:
                candidates.append(candidate)
        if len(candidates) == 1:
            return candidates[0]
        if not years:
            raise CellError("day_without_year", value=value)
        raise CellError("day_outside_period", value=value)

    return parse


@dataclass
class DailySeries:
    """Daily values of one or more metrics of one platform's account."""

    platform: str
    metrics: tuple[str, ...]
    language: str | None
    records: list[PageMetricRecord] = field(default_factory=list)
    findings: Findings = field(default_factory=Findings)


def breakdown_columns(sheet: Sheet) -> Columns:
    return find_columns(sheet, BREAKDOWN_COLUMNS)


def follower_columns(sheet: Sheet) -> Columns:
    return find_columns(sheet, FOLLOWER_COLUMNS)


def missing_breakdown_columns(sheet: Sheet) -> list[str]:
    return breakdown_columns(sheet).missing(BREAKDOWN_REQUIRED, BREAKDOWN_COLUMNS)


def missing_follower_columns(sheet: Sheet) -> list[str]:
    return follower_columns(sheet).missing(FOLLOWER_REQUIRED, FOLLOWER_COLUMNS)


def parse_columns_series(
    sheet: Sheet,
    columns: Columns,
    metrics: tuple[str, ...],
    period: Period | None,
    year: int | None,
    today: date | None,
    signed: tuple[str, ...] = (),
    platform: str = FACEBOOK,
) -> DailySeries:
    """One record per day and metric from a sheet with a ``Date`` column and one column per metric;
    metrics in ``signed`` may be negative (a net change), others not."""
    series = DailySeries(platform=platform, metrics=metrics, language=columns.language)
    parse_day = day_resolver(period, year)
    for reader in sheet.readers(columns):
        day = reader.value("date", parse_day)
        if day is not None and today is not None and day > today:
            reader.flag("date", "date_future", value=day.isoformat())
        values = {metric: reader.value(metric, parse_count) for metric in metrics if metric in columns.index}
        for metric, value in values.items():
            if value is not None and value < 0 and metric not in signed:
                reader.flag(metric, "count_negative", value=value)
        if reader.problems:
            series.findings.problems.extend(reader.problems)
            series.findings.rejected_rows.append(reader.number)
            continue
        series.records += [
            PageMetricRecord(day=day, metric=metric, value=value, source=SOURCE)
            for metric, value in values.items()
            if value is not None
        ]
    return series


def parse_viewers_breakdown(
    sheet: Sheet, period: Period | None, year: int | None, today: date | None
) -> DailySeries:
    """``Viewers.csv`` of the newer layout: viewers, new viewers and returning viewers per day."""
    metrics = ("viewers", "new_viewers", "returning_viewers")
    return parse_columns_series(sheet, breakdown_columns(sheet), metrics, period, year, today)


def parse_follower_history(
    sheet: Sheet, period: Period | None, year: int | None, today: date | None
) -> DailySeries:
    """``FollowerHistory.csv``: the follower total (``follows``, as the API names it) and its net
    change from the day before (``net_follows``, which may be negative) per day."""
    metrics = ("follows", "net_follows")
    return parse_columns_series(
        sheet, follower_columns(sheet), metrics, period, year, today, signed=("net_follows",)
    )


def _period_and_year(context: FileContext) -> tuple[Period | None, int | None]:
    period = Period(*context.period) if context.period else None
    return period, year_from_name(f"{context.folder}/{context.name}")


def read_viewers_breakdown(sheet: Sheet, context: FileContext) -> Parsed:
    period, year = _period_and_year(context)
    series = parse_viewers_breakdown(sheet, period, year, context.today)
    good = len(sheet.rows) - len(series.findings.rejected_rows)
    return Parsed(None, series.language, series.findings, good, series)


def read_follower_history(sheet: Sheet, context: FileContext) -> Parsed:
    period, year = _period_and_year(context)
    series = parse_follower_history(sheet, period, year, context.today)
    good = len(sheet.rows) - len(series.findings.rejected_rows)
    return Parsed(None, series.language, series.findings, good, series)


# ---------------------------------------------------------------------------------------------
# Meta Business Suite's video export (``Video asset ID,Universal video ID,Page ID,Page name,Title,
# Duration (sec),Publish time,…,Reach,3-second video views,1-minute video views,Seconds viewed,
# Average Seconds viewed,…``): one row per video with its lifetime figures.

VIDEO_COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "video_id": (("Video asset ID", "en"), ("ID tài sản video", "vi")),
    "page_id": (("Page ID", "en"), ("ID Trang", "vi")),
    "page_name": (("Page name", "en"), ("Tên Trang", "vi")),
    "title": (("Title", "en"), ("Tiêu đề", "vi")),
    "description": (("Description", "en"), ("Mô tả", "vi")),
    "duration_s": (("Duration (sec)", "en"), ("Thời lượng (giây)", "vi")),
    "publish_time": (("Publish time", "en"), ("Thời gian đăng", "vi")),
    "permalink": (("Permalink", "en"), ("Liên kết vĩnh viễn", "vi")),
    "post_type": (("Post type", "en"), ("Loại bài viết", "vi")),
    # Plays of 3 s or more: what the Graph API's total_video_views (our views of a video) counts.
    "views": (("3-second video views", "en"), ("Lượt xem video 3 giây", "vi")),
    "reach": (("Reach", "en"), ("Số người tiếp cận", "vi")),
    "reactions": (("Reactions", "en"), ("Cảm xúc", "vi")),
    "comments": (("Comments", "en"), ("Bình luận", "vi")),
    "shares": (("Shares", "en"), ("Lượt chia sẻ", "vi")),
    "watch_time_s": (("Seconds viewed", "en"), ("Số Giây xem", "vi")),
    "avg_watch_s": (("Average Seconds viewed", "en"), ("Số Giây xem trung bình", "vi")),
}
VIDEO_REQUIRED = ("video_id", "page_id", "publish_time")
_VIDEO_COUNTS = ("views", "reach", "reactions", "comments", "shares")


def video_columns(sheet: Sheet) -> Columns:
    return find_columns(sheet, VIDEO_COLUMNS)


def missing_video_columns(sheet: Sheet) -> list[str]:
    return video_columns(sheet).missing(VIDEO_REQUIRED, VIDEO_COLUMNS)


def video_post_id(page_id: str, video_id: str) -> str:
    """The id a video's post has in the posts export and the Graph API (``PAGEID_VIDEOID``)."""
    return f"{page_id}_{video_id}"


def parse_videos(
    sheet: Sheet, captured_at: datetime, timezone: str, published_by: datetime | None = None
) -> PostsExport:
    """Videos as content items (``PAGEID_VIDEOID``, the id their post has in the posts export) with
    their lifetime figures at ``captured_at``: views are the 3-second plays, seconds are decimals."""
    columns = video_columns(sheet)
    zone = ZoneInfo(timezone)
    latest = published_by or captured_at
    export = PostsExport(language=columns.language, channel=None)
    grouping = thousands_separator(text for name in _VIDEO_COUNTS for text in sheet.texts(columns, name))
    decimals = {
        name: sheet.decimals(columns, name, grouping)
        for name in ("duration_s", "watch_time_s", "avg_watch_s")
    }
    page: str | None = None
    for position, reader in enumerate(sheet.readers(columns)):
        video_id = reader.value("video_id", parse_id)
        page_id = reader.value("page_id", parse_id)
        published = reader.value("publish_time", parse_local_time)
        published_at = utc(published.replace(tzinfo=zone)) if published else None
        if published_at is not None and published_at > latest:
            reader.flag(
                "publish_time",
                "published_after_export",
                when=latest.astimezone(zone).strftime("%Y-%m-%d %H:%M"),
            )
        counts = {name: reader.value(name, parse_count) for name in _VIDEO_COUNTS}
        for name, value in counts.items():
            if value is not None and value < 0:
                reader.flag(name, "count_negative", value=value)
        for column in decimals.values():
            if position in column.problems:
                reader.problems.append(column.problems[position])
        if page is not None and page_id and page_id != page:
            reader.flag("page_id", "other_page", value=page_id)
        if reader.problems:
            export.findings.problems.extend(reader.problems)
            export.findings.rejected_rows.append(reader.number)
            continue
        if page is None:
            page = page_id
            name = reader.text("page_name") or page_id
            export.channel = ChannelRecord(external_id=page_id, name=name, timezone=timezone)
        external_id = video_post_id(page_id, video_id)
        post_type = reader.text("post_type") or ""
        export.contents.append(
            ContentRecord(
                external_id=external_id,
                kind=content_kind(post_type) if post_type else "video",
                title=reader.text("title"),
                message=reader.text("description"),
                permalink=reader.text("permalink"),
                published_at=published_at,
                duration_s=decimals["duration_s"].values[position],
                raw={h: v for h, v in zip(sheet.header, reader.row, strict=False) if h and v},
            )
        )
        export.snapshots.append(
            SnapshotRecord(
                content_external_id=external_id,
                captured_at=captured_at,
                source=SOURCE,
                **counts,
                watch_time_s=decimals["watch_time_s"].values[position],
                avg_watch_s=decimals["avg_watch_s"].values[position],
            )
        )
    return export


def read_videos(sheet: Sheet, context: FileContext) -> Parsed:
    captured_at = context.captured_at
    export = parse_videos(sheet, captured_at, context.timezone, published_by=min(captured_at, context.now))
    return Parsed(None, export.language, export.findings, len(export.contents), export)
