"""Meta Business Suite's daily series, named by what they measure on each platform.

Three layouts: the one-metric series (a name line such as ``Follows`` or ``Instagram profile
visits``, then ``"Date","Primary"``), the newer ``Viewers.csv`` (``"Date","Total Viewers","New
Viewers","Returning Viewers"``, days written ``"August 19"`` without a year) and
``FollowerHistory.csv`` (``"Date","Followers","Difference in followers from previous day"``).
Pure: a :class:`Sheet` in, ``PageMetricRecord`` out.
"""

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import PurePath

from collector.reading import (
    CellError,
    Columns,
    Findings,
    Sheet,
    find_columns,
    normalise_header,
    parse_count,
    parse_date,
    slug,
)
from models.store import PageMetricRecord

SOURCE = "export"
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
