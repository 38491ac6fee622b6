"""Which periods a period is compared with, as offices count them.

A calendar month is compared with the previous calendar month (May 1–31 against April 1–30) and
with the same month of the previous year (cùng kỳ năm trước); a quarter with the previous quarter
and the same quarter of the previous year; a calendar year with the previous year; a week (Monday
to Sunday) with the previous week; any other range (a campaign) with the same number of days just
before it. ``comparison_periods`` is the one place that decides; ``Scope`` and the report use it.

``calendar_name`` is the one place that names a month, a quarter or a year as offices write them
("Quý II/2024" alone, "quý II năm 2024" in running text; "Q2 2024" in English), and ``period_label``
a period with its days; the report, the dashboard and the exports use them.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from models.i18n import fmt_date, fmt_month, language
from models.messages import say

PERIOD_KINDS = ("month", "quarter", "year", "week", "days")


def quarter_name(day: date, lang: str | None = None, in_text: bool = False) -> str:
    """The quarter ``day`` falls in: "Quý II/2024" ("quý II năm 2024" ``in_text``), "Q2 2024"."""
    numeral = say(f"quarter_numeral_{(day.month - 1) // 3 + 1}", lang)
    return say(
        "period_quarter_in_text" if in_text else "period_quarter", lang, quarter=numeral, year=day.year
    )


def calendar_name(start: date, end: date, lang: str | None = None, in_text: bool = False) -> str | None:
    """The name of a calendar month, quarter or year ("Tháng 5/2024", "Quý II/2024", "Năm 2023";
    lower case ``in_text``), None for any other range (a week, a campaign, some days)."""
    kind = period_kind(start, end)
    suffix = "_in_text" if in_text else ""
    if kind == "month":
        return say(f"period_month{suffix}", lang, month=fmt_month(start, language(lang)))
    if kind == "quarter":
        return quarter_name(start, lang, in_text)
    if kind == "year":
        return say(f"period_year{suffix}", lang, year=start.year)
    return None


def period_label(start: date, end: date, lang: str | None = None) -> str:
    """A period with its days, for a caption or a table cell: "Quý II/2024 (01/04/2024 – 30/06/2024)",
    or "13/05/2024 – 19/05/2024" when it is no calendar month, quarter or year."""
    lang = language(lang)
    days = {"start": fmt_date(start, lang), "end": fmt_date(end, lang)}
    name = calendar_name(start, end, lang)
    return (
        say("period_dates", lang, **days)
        if name is None
        else say("period_named_dates", lang, name=name, **days)
    )


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
