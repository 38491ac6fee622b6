"""The office's own spreadsheets: enrolment results (long or wide form) and the campaigns file.

Pure parsers: a :class:`~collector.plumbing.reading.Sheet` in, ``EnrolmentRecord`` / ``CampaignRecord`` out.
"""

import re
from dataclasses import dataclass, field
from datetime import date

from collector.kinds import FileContext, Parsed
from collector.plumbing.reading import (
    CellError,
    Columns,
    Findings,
    RowReader,
    Sheet,
    find_columns,
    normalise_header,
    parse_count,
    parse_date,
    slug,
)
from models.store import CampaignRecord, EnrolmentRecord

ENROLMENT_COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "date": (("date", "en"), ("day", "en"), ("Ngày", "vi")),
    "unit": (("unit", "en"), ("district", "en"), ("Đơn vị", "vi"), ("Huyện", "vi")),
    "category": (("category", "en"), ("Loại", "vi"), ("Nhóm", "vi"), ("Đối tượng", "vi")),
    "count": (("count", "en"), ("Số lượng", "vi"), ("Số người", "vi")),
}
LONG_REQUIRED = ("date", "unit", "category", "count")
WIDE_REQUIRED = ("date", "unit")

# Category names as staff write them → the category codes of models.tables.ENROLMENT_CATEGORIES.
CATEGORY_NAMES: dict[str, tuple[str, ...]] = {
    "voluntary_si": (
        "voluntary_si",
        "BHXH tự nguyện",
        "BHXH TN",
        "Bảo hiểm xã hội tự nguyện",
        "Voluntary social insurance",
    ),
    "health_insurance": ("health_insurance", "BHYT", "Bảo hiểm y tế", "Health insurance"),
    "vssid_install": ("vssid_install", "Cài đặt VssID", "Cài VssID", "VssID", "VssID installs"),
    "non_cash": (
        "non_cash",
        "Nhận lương hưu, trợ cấp không dùng tiền mặt",
        "Không dùng tiền mặt",
        "Non-cash payment",
        "Non-cash",
    ),
}
_CATEGORY_BY_NAME = {normalise_header(name): code for code, names in CATEGORY_NAMES.items() for name in names}
# Wide-form columns that are not categories: row numbers, notes, totals.
_NOT_CATEGORIES = {"stt", "no", "ghi chu", "note", "notes", "tong", "tong cong", "total"}

CAMPAIGN_COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "name": (("name", "en"), ("Tên chiến dịch", "vi"), ("Tên", "vi"), ("Chiến dịch", "vi")),
    "start": (("start", "en"), ("Bắt đầu", "vi"), ("Từ ngày", "vi"), ("Ngày bắt đầu", "vi")),
    "end": (("end", "en"), ("Kết thúc", "vi"), ("Đến ngày", "vi"), ("Ngày kết thúc", "vi")),
    "targets": (("targets", "en"), ("Chỉ tiêu", "vi")),
    "description": (("description", "en"), ("Mô tả", "vi")),
}
CAMPAIGN_REQUIRED = ("name", "start", "end")
_TARGET = re.compile(r"^\s*([^=;]+?)\s*=\s*([^=;]+?)\s*$")


@dataclass
class EnrolmentSheet:
    """Enrolment results read from one file, in ``long`` or ``wide`` form."""

    form: str
    language: str | None
    records: list[EnrolmentRecord] = field(default_factory=list)
    findings: Findings = field(default_factory=Findings)


@dataclass
class CampaignSheet:
    """Campaigns read from one file."""

    language: str | None
    records: list[CampaignRecord] = field(default_factory=list)
    findings: Findings = field(default_factory=Findings)


def enrolment_columns(sheet: Sheet) -> Columns:
    return find_columns(sheet, ENROLMENT_COLUMNS)


def campaign_columns(sheet: Sheet) -> Columns:
    return find_columns(sheet, CAMPAIGN_COLUMNS)


def category_code(name: str) -> str:
    """The category code for a name staff use (``BHYT`` → ``health_insurance``); others get a slug."""
    return _CATEGORY_BY_NAME.get(normalise_header(name)) or slug(name)[:64]


def known_category(name: str) -> str | None:
    """The category code for a name staff use (``BHYT``), None for a header that names no category."""
    return _CATEGORY_BY_NAME.get(normalise_header(name))


def category_columns(sheet: Sheet, columns: Columns) -> dict[int, str]:
    """Wide form: column index → category code, for every column that is not date, unit or a note."""
    taken = set(columns.index.values())
    return {
        index: category_code(header)
        for index, header in enumerate(sheet.header)
        if index not in taken and slug(header) and normalise_header(header) not in _NOT_CATEGORIES
    }


def is_long_form(columns: Columns) -> bool:
    return all(name in columns.index for name in LONG_REQUIRED)


def parse_enrolment(sheet: Sheet, today: date | None = None) -> EnrolmentSheet:
    """Enrolment results from a long (``date, unit, category, count``) or wide sheet; empty cells skipped.

    A day after ``today`` is a bad row: results are counted once they happen."""
    columns = enrolment_columns(sheet)
    long_form = is_long_form(columns)
    result = EnrolmentSheet(form="long" if long_form else "wide", language=columns.language)
    categories = {} if long_form else category_columns(sheet, columns)
    seen: dict[tuple, int] = {}
    for reader in sheet.readers(columns):
        day = reader.value("date", parse_date)
        if day is not None and today is not None and day > today:
            reader.flag("date", "date_future", value=day.isoformat())
        unit = " ".join((reader.text("unit") or "").split())
        if not unit:
            reader.flag("unit", "value_missing")
        if long_form:
            category = category_code(reader.text("category") or "")
            if not category:
                reader.flag("category", "value_missing")
            cells = [("count", category, reader.value("count", parse_count))]
        else:
            cells = [(sheet.header[index], code, _count(reader, index)) for index, code in categories.items()]
        found = []
        for column, category, count in cells:
            if count is None or not category:
                continue
            if count < 0:
                reader.flag(column, "count_negative", value=count)
            key = (day, unit, category)
            if key in seen:
                reader.flag(column, "duplicate_row", other=seen[key])
            seen.setdefault(key, reader.number)
            found.append(EnrolmentRecord(day=day, unit=unit, category=category, count=count))
        if reader.problems:
            result.findings.problems.extend(reader.problems)
            result.findings.rejected_rows.append(reader.number)
        else:
            result.records.extend(found)
    return result


def _count(reader: RowReader, index: int) -> int | None:
    """The count in column ``index`` of a wide row, its problem recorded under that column's header."""
    header = reader.sheet.header[index]
    try:
        return parse_count(reader.row[index] if index < len(reader.row) else "")
    except CellError as error:
        reader.flag(header, error.key, **error.values)
        return None


def parse_targets(text: str) -> dict[str, int] | None:
    """Targets written ``category=number;…`` (``BHYT=1800`` works too); empty means no targets."""
    if not text.strip():
        return None
    targets: dict[str, int] = {}
    for part in filter(str.strip, text.split(";")):
        match = _TARGET.match(part)
        try:
            count = parse_count(match[2]) if match else None
        except CellError:
            count = None
        if not match or count is None or count < 0 or not category_code(match[1]):
            raise CellError("targets_invalid", value=text.strip())
        targets[category_code(match[1])] = count
    return targets


def parse_campaigns(sheet: Sheet) -> CampaignSheet:
    """Campaign windows (``name, start, end, targets``), dates ``YYYY-MM-DD`` or ``dd/mm/yyyy``."""
    columns = campaign_columns(sheet)
    result = CampaignSheet(language=columns.language)
    for reader in sheet.readers(columns):
        name = reader.text("name")
        if not name:
            reader.flag("name", "value_missing")
        start = reader.value("start", parse_date)
        end = reader.value("end", parse_date)
        targets = reader.value("targets", parse_targets)
        if start and end and end < start:
            reader.flag("end", "campaign_dates", start=start.isoformat(), end=end.isoformat())
        if reader.problems:
            result.findings.problems.extend(reader.problems)
            result.findings.rejected_rows.append(reader.number)
            continue
        result.records.append(
            CampaignRecord(
                name=name,
                start_date=start,
                end_date=end,
                description=reader.text("description"),
                targets=targets,
            )
        )
    return result


# ---------------------------------------------------------------------------------------------
# The two kinds of file in the registry (collector/kinds.py): what identifies them, how they are read.


def is_enrolment_sheet(sheet: Sheet) -> bool:
    """Enrolment results: long form, or the wide form's columns with at least one category column."""
    columns = enrolment_columns(sheet)
    return is_long_form(columns) or (
        not columns.missing(WIDE_REQUIRED, ENROLMENT_COLUMNS) and bool(category_columns(sheet, columns))
    )


def missing_enrolment_columns(sheet: Sheet) -> list[str]:
    """The columns enrolment results need that ``sheet`` lacks (``category``: no category column)."""
    columns = enrolment_columns(sheet)
    missing = columns.missing(WIDE_REQUIRED, ENROLMENT_COLUMNS)
    if not missing and not is_long_form(columns):
        missing = [] if category_columns(sheet, columns) else ["category"]
    return missing


def read_enrolment(sheet: Sheet, context: FileContext) -> Parsed:
    results = parse_enrolment(sheet, context.today)
    good = len(sheet.rows) - len(results.findings.rejected_rows)
    return Parsed(results.form, results.language, results.findings, good, results)


def missing_campaign_columns(sheet: Sheet) -> list[str]:
    """The columns a campaign list needs that ``sheet`` lacks."""
    return campaign_columns(sheet).missing(CAMPAIGN_REQUIRED, CAMPAIGN_COLUMNS)


def read_campaigns(sheet: Sheet, context: FileContext) -> Parsed:
    campaigns = parse_campaigns(sheet)
    return Parsed(None, campaigns.language, campaigns.findings, len(campaigns.records), campaigns)
