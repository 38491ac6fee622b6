"""Which periods a period is compared with, as offices count them.

A calendar month is compared with the previous calendar month (May 1–31 against April 1–30) and
with the same month of the previous year (cùng kỳ năm trước); a quarter with the previous quarter
and the same quarter of the previous year; a calendar year with the previous year; a week (Monday
to Sunday) with the previous week; any other range (a campaign) with the same number of days just
before it. ``comparison_periods`` is the one place that decides; ``Scope`` and the report use it.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

PERIOD_KINDS = ("month", "quarter", "year", "week", "days")


@dataclass(frozen=True)
class Comparison:
    """The periods a period is compared with: the one before, and the same one a year earlier
    (None where offices make no such comparison: weeks and arbitrary ranges)."""

    kind: str
    previous: tuple[date, date]
    year_ago: tuple[date, date] | None


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _shift_months(day: date, months: int) -> date:
    """The first day of the month ``months`` away from ``day``'s month."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def period_kind(start: date, end: date) -> str:
    """ "month", "quarter", "year", "week" (Monday to Sunday) or "days" (any other range)."""
    if start.day == 1 and end.day == calendar.monthrange(end.year, end.month)[1] and start.year == end.year:
        months = end.month - start.month + 1
        if months == 1:
            return "month"
        if months == 3 and start.month % 3 == 1:
            return "quarter"
        if months == 12:
            return "year"
    if start.weekday() == 0 and (end - start).days == 6:
        return "week"
    return "days"


def comparison_periods(start: date, end: date, calendar_periods: bool = True) -> Comparison:
    """The periods ``start``…``end`` is compared with. ``calendar_periods=False`` (a campaign's
    window) compares with the same number of days just before, whatever the dates."""
    kind = period_kind(start, end) if calendar_periods else "days"
    if kind in ("month", "quarter", "year"):
        months = {"month": 1, "quarter": 3, "year": 12}[kind]
        first = _shift_months(start, -months)
        previous = (first, _month_end(*_last_month(first, months)))
        year_first = _shift_months(start, -12)
        year_ago = None if kind == "year" else (year_first, _month_end(*_last_month(year_first, months)))
        return Comparison(kind, previous, year_ago)
    length = timedelta(days=(end - start).days + 1)
    return Comparison(kind, (start - length, start - timedelta(days=1)), None)


def _last_month(first: date, months: int) -> tuple[int, int]:
    last = _shift_months(first, months - 1)
    return last.year, last.month
