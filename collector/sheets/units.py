"""The unit list sheet: units (province, district, commune/ward), their parent and their old names.

Pure parser: a :class:`~collector.plumbing.reading.Sheet` in, ``UnitRecord`` out. Old names (aliases) are
separated by ``;``; an old district written on each of its communes makes them one unit for history.
"""

from dataclasses import dataclass, field

from collector.kinds import FileContext, Parsed
from collector.plumbing.reading import CellError, Columns, Findings, Sheet, find_columns, normalise_header
from models.store import UnitRecord

UNIT_COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "name": (("unit", "en"), ("name", "en"), ("Đơn vị", "vi"), ("Tên đơn vị", "vi")),
    "level": (("level", "en"), ("Cấp", "vi")),
    "parent": (("parent", "en"), ("Đơn vị cha", "vi"), ("Trực thuộc", "vi")),
    "aliases": (
        ("aliases", "en"),
        ("old names", "en"),
        ("Tên cũ", "vi"),
        ("Bí danh", "vi"),
        ("Tên gọi khác", "vi"),
    ),
    "channel": (("channel", "en"), ("page", "en"), ("Trang", "vi"), ("Kênh", "vi"), ("Fanpage", "vi")),
}
UNIT_REQUIRED = ("name",)
UNIT_DESCRIBING = ("level", "parent", "aliases")  # at least one of them tells a unit list apart

# Level words as staff write them → the level codes of models.tables.UNIT_LEVELS. "Thành phố" is
# left out on purpose: it names a province-level city and a district-level one alike.
LEVEL_NAMES: dict[str, tuple[str, ...]] = {
    "province": ("province", "Tỉnh", "Cấp tỉnh", "Thành phố trực thuộc trung ương"),
    "district": ("district", "Huyện", "Quận", "Thị xã", "Cấp huyện"),
    "commune": ("commune", "ward", "Xã", "Phường", "Thị trấn", "Đặc khu", "Cấp xã"),
    "other": ("other", "Khác"),
}
_LEVEL_BY_NAME = {normalise_header(name): code for code, names in LEVEL_NAMES.items() for name in names}


@dataclass
class UnitSheet:
    """Units read from one file."""

    language: str | None
    records: list[UnitRecord] = field(default_factory=list)
    findings: Findings = field(default_factory=Findings)


def unit_columns(sheet: Sheet) -> Columns:
    return find_columns(sheet, UNIT_COLUMNS)


def is_unit_list(columns: Columns) -> bool:
    """A unit column and at least one of level, parent or old names."""
    return "name" in columns.index and any(name in columns.index for name in UNIT_DESCRIBING)


def parse_level(text: str) -> str | None:
    """``Xã`` → ``commune``; empty → None; an unknown word is a problem for the row."""
    if not text.strip():
        return None
    code = _LEVEL_BY_NAME.get(normalise_header(text))
    if code is None:
        raise CellError("unit_level_invalid", value=text.strip())
    return code


def parse_aliases(text: str) -> tuple[str, ...]:
    """Old names separated by ``;`` (or line breaks), spaces tidied, empty ones and repeats dropped."""
    parts = (" ".join(part.split()) for part in text.replace("\n", ";").split(";"))
    return tuple(dict.fromkeys(part for part in parts if part))


def parse_units(sheet: Sheet) -> UnitSheet:
    """The units of a unit list sheet; a unit named twice, or its own parent, rejects the row."""
    columns = unit_columns(sheet)
    result = UnitSheet(language=columns.language)
    seen: dict[str, int] = {}
    for reader in sheet.readers(columns):
        name = " ".join((reader.text("name") or "").split())
        if not name:
            reader.flag("name", "value_missing")
        level = reader.value("level", parse_level)
        parent = " ".join((reader.text("parent") or "").split()) or None
        aliases = parse_aliases(reader.text("aliases") or "")
        channel = " ".join((reader.text("channel") or "").split()) or None
        if name and parent == name:
            reader.flag("parent", "unit_own_parent", value=name)
        if name in seen:
            reader.flag("name", "unit_duplicate", other=seen[name])
        seen.setdefault(name, reader.number)
        if reader.problems:
            result.findings.problems.extend(reader.problems)
            result.findings.rejected_rows.append(reader.number)
            continue
        result.records.append(
            UnitRecord(name, level, parent, tuple(a for a in aliases if a != name), channel)
        )
    return result


def is_units(sheet: Sheet) -> bool:
    """Whether ``sheet`` is a unit list (the registry's test, collector/kinds.py)."""
    return is_unit_list(unit_columns(sheet))


def missing_unit_columns(sheet: Sheet) -> list[str]:
    """The columns a unit list needs that ``sheet`` lacks."""
    return unit_columns(sheet).missing(UNIT_REQUIRED, UNIT_COLUMNS)


def read_units(sheet: Sheet, context: FileContext) -> Parsed:
    unit_list = parse_units(sheet)
    return Parsed(None, unit_list.language, unit_list.findings, len(unit_list.records), unit_list)
