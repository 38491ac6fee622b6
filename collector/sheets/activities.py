"""The office's own sheet of communication activities: a pure parser (a Sheet in, ActivityRecords out).

Headers in Vietnamese or English, in any order, case or accents: ``Hoạt động`` (the name),
``Hình thức`` (the kind), ``Ngày`` or ``Từ ngày``/``Đến ngày``, ``Đơn vị``, ``Địa điểm``,
``Số người tham dự``, ``Chiến dịch``, ``Ghi chú``, and one column per on-the-spot result category
named as in enrolment sheets (``BHXH tự nguyện``, ``BHYT``, ``Cài đặt VssID``…).
"""

import re
from dataclasses import dataclass, field
from datetime import date

from collector.kinds import FileContext, Parsed
from collector.plumbing.reading import (
    CellError,
    Columns,
    Findings,
    Problem,
    RowReader,
    Sheet,
    find_columns,
    normalise_header,
)
from collector.plumbing.reading import parse_count as read_count
from collector.plumbing.reading import parse_date as read_date
from collector.sheets.enrolment import category_code, known_category
from models.activities import KIND_KEYWORDS, KIND_NAMES, ActivityRecord, clean_name

ACTIVITY_COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "name": (
        ("activity", "en"),
        ("activity name", "en"),
        ("Hoạt động", "vi"),
        ("Tên hoạt động", "vi"),
        ("Nội dung hoạt động", "vi"),
    ),
    "kind": (
        ("kind", "en"),
        ("type", "en"),
        ("form", "en"),
        ("Hình thức", "vi"),
        ("Loại hình", "vi"),
        ("Loại hoạt động", "vi"),
    ),
    "date": (("date", "en"), ("day", "en"), ("Ngày", "vi")),
    "start": (
        ("start", "en"),
        ("from", "en"),
        ("start date", "en"),
        ("Từ ngày", "vi"),
        ("Ngày bắt đầu", "vi"),
        ("Bắt đầu", "vi"),
    ),
    "end": (
        ("end", "en"),
        ("to", "en"),
        ("end date", "en"),
        ("Đến ngày", "vi"),
        ("Ngày kết thúc", "vi"),
        ("Kết thúc", "vi"),
    ),
    "unit": (
        ("unit", "en"),
        ("district", "en"),
        ("commune", "en"),
        ("Đơn vị", "vi"),
        ("Huyện", "vi"),
        ("Xã", "vi"),
        ("Địa bàn", "vi"),
    ),
    "venue": (
        ("venue", "en"),
        ("channel", "en"),
        ("place", "en"),
        ("location", "en"),
        ("Địa điểm", "vi"),
        ("Kênh", "vi"),
        ("Địa điểm / kênh", "vi"),
    ),
    "attendance": (
        ("attendance", "en"),
        ("attendees", "en"),
        ("audience", "en"),
        ("people reached", "en"),
        ("Số người tham dự", "vi"),
        ("Số người tham gia", "vi"),
        ("Số lượt người", "vi"),
    ),
    "campaign": (("campaign", "en"), ("Chiến dịch", "vi")),
    "note": (("note", "en"), ("notes", "en"), ("Ghi chú", "vi")),
}
# A result column of a category the office defined itself: ``Kết quả: BHXH bắt buộc``.
RESULT_PREFIXES = ("ket qua", "tai cho", "result", "on the spot")
_RANGE = re.compile(r"^\s*(\S+)\s*(?:-|–|—|đến|to)\s*(\S+)\s*$")
_KIND_BY_NAME = {normalise_header(name): kind for kind, names in KIND_NAMES.items() for name in names}
_KEYWORDS = tuple((kind, f" {normalise_header(word)} ") for kind, word in KIND_KEYWORDS)


@dataclass
class ActivitySheet:
    """Activities read from one file."""

    language: str | None
    records: list[ActivityRecord] = field(default_factory=list)
    findings: Findings = field(default_factory=Findings)
    rows: dict[tuple[str, date, str], int] = field(default_factory=dict)  # natural key → row number
    campaign_column: str = "campaign"

    def refuse_campaigns(self, unknown: set[str]) -> None:
        """Reject the rows naming a campaign that does not exist (known only to the database)."""
        kept = []
        for record in self.records:
            if record.campaign in unknown:
                row = self.rows[record.key]
                problem = Problem(
                    row, self.campaign_column, "activity_campaign_unknown", {"value": record.campaign}
                )
                self.findings.problems.append(problem)
                self.findings.rejected_rows.append(row)
            else:
                kept.append(record)
        self.records = kept
        self.findings.rejected_rows.sort()


def activity_columns(sheet: Sheet) -> Columns:
    return find_columns(sheet, ACTIVITY_COLUMNS)


def missing_columns(columns: Columns) -> list[str]:
    """The columns an activities sheet cannot do without: its name and a day (``Ngày`` or ``Từ ngày``)."""
    missing = [] if "name" in columns.index else ["Hoạt động / Activity"]
    if "date" not in columns.index and "start" not in columns.index:
        missing.append("Ngày / Date")
    return missing


def is_activity_sheet(sheet: Sheet) -> bool:
    return not missing_columns(activity_columns(sheet))


def result_columns(sheet: Sheet, columns: Columns) -> dict[int, str]:
    """Column index → enrolment category, for the columns of on-the-spot results."""
    taken = set(columns.index.values())
    found: dict[int, str] = {}
    for index, header in enumerate(sheet.header):
        normal = normalise_header(header)
        if index in taken or not normal:
            continue
        if code := known_category(header):
            found[index] = code
            continue
        prefix = next((p for p in RESULT_PREFIXES if normal.startswith(p + " ")), None)
        if prefix is not None:
            found[index] = category_code(normal[len(prefix) + 1 :])
    return found


def kind_code(text: str) -> str | None:
    """The kind a sheet's cell names: a kind's name (``Hội nghị``, ``Booth``) or a description
    holding one (``Tuyên truyền nhóm nhỏ tại thôn``); None when it names none."""
    normal = normalise_header(text)
    if normal in _KIND_BY_NAME:
        return _KIND_BY_NAME[normal]
    padded = f" {normal} "
    return next((kind for kind, word in _KEYWORDS if word in padded), None)


def parse_day_range(text: str) -> tuple[date, date]:
    """A day, or two days written ``13/05/2024 - 19/05/2024``."""
    match = _RANGE.match(text)
    if match:
        try:
            return read_date(match[1]), read_date(match[2])
        except CellError:
            pass
    day = read_date(text)
    return day, day


def parse_activities(sheet: Sheet) -> ActivitySheet:
    """Activities from an activities sheet; a row with any problem is rejected whole."""
    columns = activity_columns(sheet)
    result = ActivitySheet(language=columns.language)
    if "campaign" in columns.index:
        result.campaign_column = sheet.header[columns.index["campaign"]]
    results = result_columns(sheet, columns)
    kinds = ", ".join(names[0] for names in KIND_NAMES.values())
    for reader in sheet.readers(columns):
        name = clean_name(reader.text("name") or "")
        if not name:
            reader.flag("name", "value_missing")
        start, end = _days(reader)
        kind = "other"
        if written := reader.text("kind"):
            kind = kind_code(written) or ""
            if not kind:
                reader.flag("kind", "activity_kind_unknown", value=written, kinds=kinds)
        attendance = _count(reader, "attendance", reader.value("attendance", read_count))
        counts = {}
        for index, category in results.items():
            header = sheet.header[index]
            try:
                count = read_count(reader.row[index] if index < len(reader.row) else "")
            except CellError as error:
                reader.flag(header, error.key, **error.values)
                continue
            if _count(reader, header, count) is not None:
                counts[category] = counts.get(category, 0) + count
        unit = clean_name(reader.text("unit") or "")
        if name and start:
            key = (name, start, unit)
            if key in result.rows:
                reader.flag("name", "activity_duplicate", other=result.rows[key])
            result.rows.setdefault(key, reader.number)
        if reader.problems:
            result.findings.problems.extend(reader.problems)
            result.findings.rejected_rows.append(reader.number)
            continue
        result.records.append(
            ActivityRecord(
                name=name,
                kind=kind,
                start_day=start,
                end_day=end,
                unit=unit,
                venue=reader.text("venue"),
                attendance=attendance,
                results=counts,
                campaign=clean_name(reader.text("campaign") or "") or None,
                note=reader.text("note"),
            )
        )
    return result


def _days(reader: RowReader) -> tuple[date | None, date | None]:
    """First and last day: ``Từ ngày``/``Đến ngày`` (the end defaults to the start) or ``Ngày``."""
    if "start" in reader.columns.index:
        start = reader.value("start", read_date)
        end = reader.value("end", read_date) if reader.text("end") else start
        field_name = "end"
    else:
        start, end = reader.value("date", parse_day_range) or (None, None)
        field_name = "date"
    if start and end and end < start:
        reader.flag(field_name, "campaign_dates", start=start.isoformat(), end=end.isoformat())
    return start, end


def _count(reader: RowReader, column: str, count: int | None) -> int | None:
    if count is not None and count < 0:
        reader.flag(column, "count_negative", value=count)
        return None
    return count


def missing_activity_columns(sheet: Sheet) -> list[str]:
    """The columns an activities sheet needs that ``sheet`` lacks (the registry's test)."""
    return missing_columns(activity_columns(sheet))


def read_activities(sheet: Sheet, context: FileContext) -> Parsed:
    found = parse_activities(sheet)
    return Parsed(None, found.language, found.findings, len(found.records), found)
