"""Turning a file's bytes into a header and rows of text, and reading the cells users' files hold.

Knows the encodings a Vietnamese office's files come in (UTF-8 with or without BOM, UTF-16 with a
``sep=,`` line, Windows code pages), CSV and XLSX, and how counts, IDs and dates are written.
Never opens a database.
"""

from __future__ import annotations

import csv
import io
import itertools
import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from functools import cached_property
from operator import itemgetter
from pathlib import PurePath
from typing import TYPE_CHECKING, Generic, TypeVar
from xml.etree import ElementTree
from zoneinfo import ZoneInfo

import charset_normalizer

from collector.messages import printable, say
from models.errors import UserError
from models.i18n import language
from models.write import utc

if TYPE_CHECKING:  # the callers have loaded models.store (and its database layer) already
    from models.store import ContentRecord, SnapshotRecord

# A Vietnamese Excel saves "CSV" in the Windows code page of the machine: cp1258, or cp1252.
WINDOWS_CODE_PAGES = ["cp1258", "cp1252"]
DELIMITERS = (",", ";", "\t")
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # Excel 97-2003 .xls
_SCIENTIFIC = re.compile(r"^[+-]?\d+(?:[.,]\d+)?[eE][+-]?\d+$")
_ID = re.compile(r"^[0-9A-Za-z_.:-]+$")
_INTEGER = re.compile(r"^[+-]?\d+$")
_GROUPED = re.compile(r"^[+-]?\d{1,3}([.,' \u00a0\u202f])\d{3}(?:\1\d{3})*$")
_WHOLE_DECIMAL = re.compile(r"^([+-]?\d+)[.,]0+$")
# 32.4 or 32.4567: surely a decimal point (a lone separator before exactly 3 digits groups thousands).
_POINT_DECIMAL = re.compile(r"[0-9]+\.(?:[0-9]{1,2}|[0-9]{4,})")
_DECIMAL = re.compile(r"^[+-]?(?:\d+|\d{1,3}(?:[.,' \u00a0\u202f]\d{3})+)(?:[.,]\d+)?$")
_NON_WORD = re.compile(r"[^0-9a-z]+")
_PERIOD_NAME = re.compile(r"(\d{4})-(\d{2})-(\d{2})_(\d{4})-(\d{2})-(\d{2})")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][0-9:.]+)?$")
_DMY_DATE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?: [0-9:.]+)?$")
_MDY_TIME = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$")
_ISO_TIME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$")
T = TypeVar("T")
D = TypeVar("D", date, datetime)
# Read after a CSV's last line: a row of its own unless the file ends inside a quoted field (cut
# off); the line break keeps it apart from a quoted field opened just before the end (``…\n"``).
_END_OF_FILE = ("\n", "\ue000")
# XLSX cells whose numbers could not be held exactly by Excel (more than 15 significant digits).
_EXACT_FLOAT_LIMIT = 10**15
# The largest count the database holds everywhere: PostgreSQL's INTEGER (SQLite's is 2**63 - 1).
MAX_COUNT = 2**31 - 1
MAX_DECIMAL = 1e15
# Years a day in a user's file may have: beyond them a date is a typo, and would overflow time zones.
FIRST_YEAR, LAST_YEAR = 1970, 2100
_SHOWN_VALUE = 40  # characters of an oversized cell quoted back in a message


class FileProblem(UserError):
    """A whole file cannot be imported: one line, kept as a message key so any language can show it."""

    def __init__(self, key: str, **values) -> None:
        super().__init__(key)
        self.key = key
        self.values = values
        self.lang = language()

    def __str__(self) -> str:
        return self.render(self.lang)

    def render(self, lang: str) -> str:
        return say(self.key, lang, **self.values)


class CellError(ValueError):
    """A cell that cannot be read; ``key`` names the message, ``values`` fill it in."""

    def __init__(self, key: str, **values) -> None:
        super().__init__(key)
        self.key = key
        self.values = values


@dataclass(frozen=True)
class Problem:
    """Something wrong with one cell of a file, rendered as ``file:row: column: what is wrong``."""

    row: int
    column: str
    key: str
    values: dict = field(default_factory=dict, compare=False)

    def render(self, file: str, lang: str) -> str:
        return f"{printable(file)}:{self.row}: {printable(self.column)}: {say(self.key, lang, **self.values)}"


@dataclass
class Sheet:
    """A file read as text: rows before the header (``preamble``), the header, then the data rows."""

    header: list[str]
    rows: list[list[str]]
    row_numbers: list[int]
    encoding: str
    preamble: list[list[str]] = field(default_factory=list)

    def readers(self, columns: Columns) -> Iterator[RowReader]:
        """A :class:`RowReader` for each data row."""
        for number, row in zip(self.row_numbers, self.rows, strict=True):
            yield RowReader(self, columns, number, row)

    def texts(self, columns: Columns, name: str) -> list[str]:
        """The text of field ``name`` in every data row ("" where the column is absent or a row short)."""
        index = columns.index.get(name)
        if index is None:
            return [""] * len(self.rows)
        if index < self.shortest_row:  # every row has the column: taken without a test per row
            return list(map(itemgetter(index), self.rows))
        return [row[index] if index < len(row) else "" for row in self.rows]

    @cached_property
    def shortest_row(self) -> int:
        return min(map(len, self.rows), default=0)

    def parsed(self, columns: Columns, name: str, parse: Callable[[str], T]) -> ParsedColumn[T]:
        """Field ``name`` of every data row read by ``parse``, column by column (a large export's
        cells are read far faster so than row by row); unreadable cells are None, with their problem."""
        texts = self.texts(columns, name)
        try:
            return ParsedColumn([parse(text) for text in texts], {})
        except CellError:
            pass
        index = columns.index.get(name)
        header = self.header[index] if index is not None else name
        values: list[T | None] = []
        problems: dict[int, Problem] = {}
        for position, text in enumerate(texts):
            try:
                values.append(parse(text))
            except CellError as error:
                values.append(None)
                problems[position] = Problem(self.row_numbers[position], header, error.key, error.values)
        return ParsedColumn(values, problems)

    def decimals(self, columns: Columns, name: str, grouping: str | None = None) -> ParsedColumn[float]:
        """Field ``name`` of every data row read as decimals written one way for the whole column
        (:func:`decimal_style`; ``grouping``: the thousands separator of the file's counts)."""
        point, grouped = decimal_style(self.texts(columns, name), grouping)
        return self.parsed(columns, name, lambda text: parse_decimal(text, point, grouped))

    def repeated_headers(self) -> list[str]:
        """The headers that name one column twice (accents, case and spacing ignored), as written
        first: which of the two a field comes from would be a guess, and adding them a wrong number."""
        seen: dict[str, str] = {}
        repeated: dict[str, str] = {}
        for name in self.header:
            normal = normalise_header(name)
            if normal and normal in seen:
                repeated.setdefault(normal, seen[normal])
            seen.setdefault(normal, name)
        return list(repeated.values())

    def columns(self) -> dict[str, int]:
        """Normalised header name → column index (the first of duplicate names wins)."""
        found: dict[str, int] = {}
        for index, name in enumerate(self.header):
            found.setdefault(normalise_header(name), index)
        return found


@dataclass
class ParsedColumn(Generic[T]):
    """One field of every data row: the values read (None where unreadable) and, by row position
    (0 for the first data row), the problem of each cell that could not be read."""

    values: list[T | None]
    problems: dict[int, Problem]


@dataclass(frozen=True)
class Columns:
    """Which column holds each field of a format, and the language of the headers that matched."""

    index: dict[str, int]
    language: str | None
    # Further columns whose header names a field already found (``Số người tham dự`` and
    # ``Attendance``): which one holds it would be a guess.
    repeated: tuple[str, ...] = ()

    def missing(self, required: Sequence[str], aliases: Mapping[str, Sequence[tuple[str, str]]]) -> list[str]:
        """The required fields not found, named by their first header (``Post ID``)."""
        return [aliases[name][0][0] for name in required if name not in self.index]


@dataclass
class Findings:
    """What was wrong in a file's rows: problems reject a row, warnings are reported only."""

    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    rejected_rows: list[int] = field(default_factory=list)


def find_columns(sheet: Sheet, aliases: Mapping[str, Sequence[tuple[str, str]]]) -> Columns:
    """Match a sheet's header against ``field → ((header, language), …)``, case- and accent-insensitively."""
    present = sheet.columns()
    index: dict[str, int] = {}
    votes: dict[str, int] = {}
    repeated: list[str] = []
    for name, names in aliases.items():
        for header, lang in names:
            position = present.get(normalise_header(header))
            if position is not None:
                if name in index and position != index[name]:
                    repeated.append(sheet.header[position])
                    continue
                if name not in index:
                    votes[lang] = votes.get(lang, 0) + 1
                index.setdefault(name, position)
    language = max(votes, key=votes.__getitem__) if votes else None
    return Columns(index=index, language=language, repeated=tuple(repeated))


class RowReader:
    """Reads the fields of one row, collecting every problem instead of stopping at the first."""

    def __init__(self, sheet: Sheet, columns: Columns, number: int, row: Sequence[str]) -> None:
        self.sheet, self.columns, self.number, self.row = sheet, columns, number, row
        self.problems: list[Problem] = []

    def text(self, name: str, max_length: int | None = None) -> str | None:
        """The stripped text of field ``name``; None when empty or absent. Longer than ``max_length``
        (its column in the database), a problem is recorded and None returned: SQLite would keep any
        length and PostgreSQL refuse it, so both refuse it here, naming the row."""
        text = cell(self.row, self.columns.index.get(name)).strip() or None
        if max_length is not None and text is not None and len(text) > max_length:
            self.flag(name, "text_too_long", length=len(text), limit=max_length, value=text[:40] + "…")
            return None
        return text

    def value(self, name: str, parse: Callable[[str], T]) -> T | None:
        """Field ``name`` read by ``parse``; a problem is recorded (and None returned) if it cannot be."""
        # cell() inlined: this runs for every cell of a large export.
        index, row = self.columns.index.get(name), self.row
        try:
            return parse(row[index] if index is not None and index < len(row) else "")
        except CellError as error:
            self.flag(name, error.key, **error.values)
            return None

    def flag(self, name: str, key: str, **values) -> None:
        """Record a problem with field ``name``."""
        self.problems.append(Problem(self.number, self._header(name), key, values))

    def missing(self, name: str) -> None:
        """Record field ``name`` as empty, unless a problem with it is recorded already (too long)."""
        if not any(problem.column == self._header(name) for problem in self.problems):
            self.flag(name, "value_missing")

    def _header(self, name: str) -> str:
        index = self.columns.index.get(name)
        return self.sheet.header[index] if index is not None else name


def cell(row: Sequence[str], index: int | None) -> str:
    """The text of column ``index`` in ``row`` ("" when the column is absent or the row is short)."""
    return row[index] if index is not None and index < len(row) else ""


def read_sheet(name: str, data: bytes) -> Sheet:
    """Read CSV or XLSX bytes into a :class:`Sheet`; an unreadable file raises :class:`FileProblem`."""
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise FileProblem("file_empty", file=name)
    if data.startswith(_OLE_MAGIC):
        raise FileProblem("file_xls", file=name)
    if data.startswith(_ZIP_MAGIC):
        records, merged = _xlsx_records(name, data)
        sheet = _split_header(name, records, "xlsx")
        _fill_merged(sheet, merged)
        return sheet
    text, encoding = decode(name, data)
    sheet = _split_header(name, _csv_records(name, text), encoding)
    _check_last_row(name, sheet)
    return sheet


def decode(name: str, data: bytes) -> tuple[str, str]:
    """The text of ``data`` and the encoding it was in (detected, never guessed silently)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return _decoded(name, data, "utf-8-sig"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _decoded(name, data, "utf-16"), "utf-16"
    bom_less_utf16 = _utf16_without_bom(data)
    if bom_less_utf16:
        return _decoded(name, data, bom_less_utf16), bom_less_utf16
    if b"\x00" in data:
        raise FileProblem("file_binary", file=name)
    try:
        return _text(name, data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    match = charset_normalizer.from_bytes(data, cp_isolation=WINDOWS_CODE_PAGES).best()
    if match is None:
        raise FileProblem("file_encoding", file=name)
    return _decoded(name, data, match.encoding), match.encoding


def _utf16_without_bom(data: bytes) -> str | None:
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even_nuls = sample[0::2].count(0) / len(sample[0::2])
    odd_nuls = sample[1::2].count(0) / len(sample[1::2])
    if odd_nuls > 0.6 and even_nuls < 0.1:
        return "utf-16-le"
    if even_nuls > 0.6 and odd_nuls < 0.1:
        return "utf-16-be"
    return None


def _decoded(name: str, data: bytes, encoding: str) -> str:
    try:
        return _text(name, data.decode(encoding))
    except UnicodeDecodeError as error:
        raise FileProblem("file_encoding", file=name) from error


def _text(name: str, text: str) -> str:
    """NFC text (cp1258 writes tones as combining marks), refusing what is plainly not text."""
    controls = sum(1 for char in text[:20000] if char < " " and char not in "\t\r\n")
    if "\x00" in text or controls > 0.01 * min(len(text), 20000) + 2:
        raise FileProblem("file_binary", file=name)
    return unicodedata.normalize("NFC", text.lstrip("\ufeff"))


_SNIFF_CHARS = 1 << 16


def _csv_records(name: str, text: str) -> list[list[str]]:
    # The delimiter is told by the first lines: split those, not a whole large file's text.
    lines = text[:_SNIFF_CHARS].splitlines(keepends=True)
    delimiter = None
    if lines and lines[0].strip().lower().startswith("sep=") and len(lines[0].strip()) == 5:
        # The text after the sep= line, cut rather than joined again from lines (a large file's copy).
        delimiter, text = lines[0].strip()[4], text[len(lines[0]) :]
    if delimiter is None:
        first = next((line for line in lines if line.strip()), "")
        delimiter = max(DELIMITERS, key=first.count) if any(d in first for d in DELIMITERS) else ","
    try:
        lines = itertools.chain(io.StringIO(text, newline=""), _END_OF_FILE)
        records = list(csv.reader(lines, delimiter=delimiter))
    except csv.Error as error:
        raise FileProblem("file_unreadable", file=name, reason=str(error)) from error
    if records.pop() != [_END_OF_FILE[-1]]:  # swallowed by a quoted field still open at the end
        raise FileProblem("file_truncated", file=name)
    if records and not records[-1]:
        records.pop()  # the blank line the added line break made
    return records


def _check_last_row(name: str, sheet: Sheet) -> None:
    """A CSV whose last row is shorter than the header (and than the row before it) was cut off."""
    if not sheet.rows:
        return
    width = max((index + 1 for index, header in enumerate(sheet.header) if header), default=0)
    last = len(sheet.rows[-1])
    if last < width and (len(sheet.rows) == 1 or len(sheet.rows[-2]) > last):
        raise FileProblem("file_truncated", file=name)


def _xlsx_records(name: str, data: bytes) -> tuple[list[list[str]], list[tuple[int, int, int, int]]]:
    """The first worksheet's cells as text (formulas give their stored results and are never
    evaluated), and its merged ranges as (first column, first row, last column, last row)."""
    from openpyxl import load_workbook  # with numpy: loaded when a workbook is read, not by every command

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            sheet = workbook.worksheets[0]
            records = [[_cell_text(value) for value in row] for row in sheet.iter_rows(values_only=True)]
            return records, _merged_ranges(sheet)
        finally:
            workbook.close()
    except Exception as error:  # openpyxl raises many kinds (zip, XML, KeyError) for a damaged file
        raise FileProblem("file_xlsx_broken", file=name) from error


def _merged_ranges(sheet) -> list[tuple[int, int, int, int]]:
    """The ``<mergeCell ref="B2:B3">`` ranges of a worksheet read with ``read_only`` (which leaves
    them out), by a second pass over its XML that keeps nothing else."""
    from openpyxl.utils.cell import range_boundaries

    ranges = []
    with sheet._get_source() as source:  # openpyxl's own handle on the sheet's part of the archive
        for _, element in ElementTree.iterparse(source):
            if element.tag.endswith("}mergeCell") and element.get("ref"):
                ranges.append(range_boundaries(element.get("ref")))
            element.clear()
    return ranges


def _fill_merged(sheet: Sheet, merged: list[tuple[int, int, int, int]]) -> None:
    """Give every cell a merged range covers below the header the value of its first cell: Excel
    shows it on each of those rows (a unit, a kind, a campaign for several activities), so it is
    theirs. Ranges touching the header or the rows above it (titles) are left as they are; a range
    never reaches beyond the rows and columns the sheet has."""
    position = {number: index for index, number in enumerate(sheet.row_numbers)}
    for first_column, first_row, last_column, last_row in merged:
        if first_row not in position:  # starts on the header or above it
            continue
        top = sheet.rows[position[first_row]]
        for column in range(first_column - 1, last_column):
            value = top[column] if column < len(top) else ""
            for number in range(first_row + 1, last_row + 1):
                if number not in position:
                    continue
                row = sheet.rows[position[number]]
                if column < len(row):
                    row[column] = value
                elif column < len(sheet.header):
                    row.extend([""] * (column - len(row)) + [value])


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < _EXACT_FLOAT_LIMIT:
            return str(int(value))
        return f"{value:.15G}"
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _split_header(name: str, records: list[list[str]], encoding: str) -> Sheet:
    """The header is the first row with two or more filled cells; rows before it are the preamble."""
    # A row is blank when all its cells are: joined, one strip per row instead of one per cell.
    numbered = [(number, row) for number, row in enumerate(records, start=1) if "".join(row).strip()]
    for position, (_, row) in enumerate(numbered):
        if sum(1 for cell in row if cell.strip()) >= 2:
            header = [cell.strip() for cell in row]
            body = numbered[position + 1 :]
            return Sheet(
                header=header,
                rows=[row for _, row in body],
                row_numbers=[number for number, _ in body],
                encoding=encoding,
                preamble=[row for _, row in numbered[:position]],
            )
    raise FileProblem("file_no_header", file=name)


def normalise_header(text: str) -> str:
    """A header as compared: accents, case, punctuation and spacing ignored (``Đơn vị`` → ``don vi``)."""
    text = text.replace("đ", "d").replace("Đ", "D")
    stripped = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return _NON_WORD.sub(" ", stripped.casefold()).strip()


def slug(text: str) -> str:
    """A name as an identifier: ``BHXH bắt buộc`` → ``bhxh_bat_buoc``."""
    return normalise_header(text).replace(" ", "_")


def parse_id(text: str) -> str:
    """An ID, always as text; one damaged by Excel into scientific notation is an error, never a wrong ID."""
    value = text.strip()
    if value.isascii() and value.isdecimal():  # the common case (and never scientific notation)
        return value
    if not value:
        raise CellError("value_missing")
    if _SCIENTIFIC.match(value):
        raise CellError("id_scientific", value=value)
    if not _ID.match(value):
        raise CellError("id_invalid", value=value)
    return value


def parse_count(text: str) -> int | None:
    """A count written ``18600``, ``18,600``, ``18.600`` or ``18 600``; an empty cell is unknown (None)."""
    value = text.strip()
    if value.isdecimal() and len(value) < 10:  # the common case: what _INTEGER matches without a sign
        return int(value)
    if not value:
        return None
    if len(value) > 30:  # longer than any count with its separators (and than int() reads at all)
        raise CellError("number_too_large", value=_shown(value), limit=MAX_COUNT)
    if _INTEGER.match(value):
        return _bounded(int(value), value)
    if _GROUPED.match(value):
        return _bounded(int(re.sub(r"[^0-9+-]", "", value)), value)
    whole = _WHOLE_DECIMAL.match(value)
    if whole:
        return _bounded(int(whole[1]), value)
    if _SCIENTIFIC.match(value):
        raise CellError("number_scientific", value=value)
    raise CellError("count_invalid", value=value)


def _bounded(count: int, text: str) -> int:
    if abs(count) > MAX_COUNT:
        raise CellError("number_too_large", value=_shown(text), limit=MAX_COUNT)
    return count


def _shown(text: str) -> str:
    return text if len(text) <= _SHOWN_VALUE else text[:_SHOWN_VALUE] + "…"


def parse_decimal(text: str, point: str | None = None, grouped: bool = False) -> float | None:
    """A decimal like ``32.4`` or ``32,4``; one beyond :data:`MAX_DECIMAL` is an error, never infinity.

    ``point``: the decimal separator of the cell's column (:func:`decimal_style`), and whether the
    other mark is known to group thousands there (``grouped``). Without them a lone mark is the
    decimal point (``6,616`` is six and a bit): a decimal is never read 1000 times too large.
    """
    number = _parse_decimal(text, point, grouped)
    if number is not None and not (math.isfinite(number) and abs(number) <= MAX_DECIMAL):
        raise CellError("number_too_large", value=_shown(text.strip()), limit=f"{MAX_DECIMAL:.0f}")
    return number


def _parse_decimal(text: str, point: str | None, grouped: bool) -> float | None:
    value = text.strip()
    if not value:
        return None
    if value.isdecimal():  # a whole number without separators, the most common case
        return float(value)
    if point != "," and _POINT_DECIMAL.fullmatch(value):  # the next most common
        return float(value)
    if not _DECIMAL.match(value):
        raise CellError("number_invalid", value=value)
    written = cell_decimal_point(value)
    marks = [c for c in value if c in ".,"]
    if point is None:
        point = written or (marks[-1] if len(marks) == 1 else ".")
    elif written not in (None, point) or (written is None and marks and marks[-1] != point and not grouped):
        # 6,616 in a column of 4.98: six thousand or six and a bit? Refused, never guessed.
        raise CellError("decimal_mixed", value=value, point=point)
    whole, _, fraction = value.rpartition(point) if point in value else (value, "", "")
    if not _GROUPS.fullmatch(whole.lstrip("+-")):
        raise CellError("decimal_mixed", value=value, point=point)
    return float(re.sub(r"[^0-9+-]", "", whole) + "." + (fraction or "0"))


# A whole part: plain digits, or digits grouped by threes with one separator.
_GROUPS = re.compile(r"\d+|\d{1,3}(?:([.,' \u00a0\u202f])\d{3})(?:\1\d{3})*")


def cell_decimal_point(value: str) -> str | None:
    """The decimal separator a cell shows by itself: ``4.98``, ``11526.332``, ``0.616``, ``1,234.5``
    (a point), ``4,98``, ``1.234,5``, ``1.234.567`` (a comma); None when it could be either
    (``6.616``, ``18.600``) or shows no mark (``1 234``)."""
    digits = value.lstrip("+-")
    marks = [c for c in digits if c in ".,"]
    if not marks:
        return None
    last = marks[-1]
    if len(set(marks)) == 2:
        return last
    if len(marks) > 1:  # the same mark twice groups thousands: the other one is the point
        return "," if last == "." else "."
    before, after = digits.split(last)
    if len(after) != 3 or len(re.sub(r"[' \u00a0\u202f]", "", before)) > 3 or before in ("0", ""):
        return last
    return None


def decimal_style(texts: Sequence[str], grouping: str | None = None) -> tuple[str, bool]:
    """How a column of decimals is written: its decimal separator and whether the other mark groups
    thousands in it. The separator is the one its cells show by themselves (``11526.332``, ``4.98``),
    else the one that is not the file's thousands separator (``grouping``, from its counts:
    ``18.600``), else a point (Meta's way). The other mark groups thousands only where the column
    or the file's counts show it doing so (``1.234,5``; counts written ``18.600``)."""
    shown: dict[str, int] = {}
    lone: set[str] = set()  # the marks of cells that could be either (6.616, 18,600)
    grouped_here = False
    for text in texts:
        value = text.strip()
        if value and not value.isdecimal():
            point = cell_decimal_point(value)
            if point is not None:
                shown[point] = shown.get(point, 0) + 1
                grouped_here = grouped_here or sum(c in ".," for c in value) > 1
            else:
                lone.update(c for c in value if c in ".,")
    if shown:
        point = max(shown, key=shown.__getitem__)
    elif grouping in (".", ","):
        point = "," if grouping == "." else "."
    else:
        point = lone.pop() if len(lone) == 1 else "."
    return point, grouped_here or grouping == ("." if point == "," else ",")


def thousands_separator(texts: Iterable[str]) -> str | None:
    """The separator counts are grouped with (``18.600``, ``18,600``), when every grouped count of a
    file agrees; None when none is grouped or they disagree."""
    found = set()
    for text in texts:
        value = text.strip()
        if value and not value.isdecimal():
            match = _GROUPED.match(value)
            if match:
                found.add(match[1])
    return found.pop() if len(found) == 1 else None


def parse_date(text: str) -> date:
    """A day written ``YYYY-MM-DD`` or ``dd/mm/yyyy`` (a time after it is ignored)."""
    value = text.strip()
    day = None
    try:
        iso = _ISO_DATE.match(value)
        if iso:
            day = date(int(iso[1]), int(iso[2]), int(iso[3]))
        dmy = _DMY_DATE.match(value)
        if dmy:
            day = date(int(dmy[3]), int(dmy[2]), int(dmy[1]))
    except ValueError:
        pass
    if day is not None:
        return _in_range(day, value)
    raise CellError("value_missing") if not value else CellError("date_invalid", value=_shown(value))


def in_year_range(moment: D, text: str) -> D:
    """``moment`` if its year is one a user's file can mean (1970–2100), else a CellError naming it."""
    return _in_range(moment, text)


def _in_range(moment: D, text: str) -> D:
    """``moment`` if its year is one a user's file can mean (year 1 or 9999 is a typo)."""
    if not FIRST_YEAR <= moment.year <= LAST_YEAR:
        raise CellError("date_out_of_range", value=text, first=FIRST_YEAR, last=LAST_YEAR)
    return moment


def parse_local_time(text: str) -> datetime | None:
    """A naive local time written ``MM/DD/YYYY HH:MM`` (Meta's way) or ISO (an Excel date cell)."""
    value = text.strip()
    if not value:
        return None
    moment = None
    try:
        mdy = _MDY_TIME.match(value)
        if mdy:
            month, day, year, hour, minute, second = mdy.groups(0)
            moment = datetime(int(year), int(month), int(day), int(hour), int(minute), int(second))
        iso = _ISO_TIME.match(value)
        if iso:
            year, month, day, hour, minute, second = iso.groups(0)
            moment = datetime(int(year), int(month), int(day), int(hour), int(minute), int(second))
    except ValueError:
        pass
    if moment is not None:
        return _in_range(moment, value)
    raise CellError("datetime_invalid", value=_shown(value))


# ---------------------------------------------------------------------------------------------
# When the counts of a snapshot file were true (every kind with ``snapshots`` in collector/kinds.py).

_MONTHS = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1
    )
}
_META_NAME = re.compile(r"([A-Za-z]{3})-(\d{1,2})-(\d{4})_([A-Za-z]{3})-(\d{1,2})-(\d{4})")


def captured_at_from_name(name: str, timezone: str) -> datetime | None:
    """End of the last day named in a Meta file name (``May-01-2024_May-31-2024_…``), in UTC."""
    match = _META_NAME.search(PurePath(name).name)
    if not match or match[4].lower() not in _MONTHS:
        return None
    try:
        day = date(int(match[6]), _MONTHS[match[4].lower()], int(match[5]))
    except ValueError:
        return None
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        return None
    return utc(datetime.combine(day, time(23, 59, 59), tzinfo=ZoneInfo(timezone)))


def choose_captured_at(
    name: str, as_of: datetime | None, modified_at: datetime, timezone: str
) -> tuple[datetime, str]:
    """When the counts were true: ``as_of``, else the file name's end date, else ``modified_at``."""
    if as_of is not None:
        return utc(as_of), "as_of"
    from_name = captured_at_from_name(name, timezone)
    if from_name is not None:
        return from_name, "file_name"
    return utc(modified_at), "modified"


def period_from_name(name: str) -> tuple[date, date] | None:
    """The days an export covers, from its file's, zip's or folder's name (YouTube Studio's
    ``Content 2025-06-13_2025-07-10 Channel``); None when the name does not say."""
    match = _PERIOD_NAME.search(name)
    if not match:
        return None
    try:
        start = date(int(match[1]), int(match[2]), int(match[3]))
        end = date(int(match[4]), int(match[5]), int(match[6]))
    except ValueError:
        return None
    return (start, end) if start <= end else None


# --- rows into content items and their counts ---------------------------------------------------


@dataclass
class ItemsRead:
    """Where a content export's rows land: the language of its headers, its items, their counts,
    and what was wrong (a platform's export adds what else it learns, such as its account)."""

    language: str | None
    contents: list[ContentRecord] = field(default_factory=list)
    snapshots: list[SnapshotRecord] = field(default_factory=list)
    findings: Findings = field(default_factory=Findings)


@dataclass(frozen=True)
class Item:
    """One accepted row: its content item (the row itself is added as ``raw``) and its lifetime
    counts by snapshot field (``views``, ``reach``, ``reactions``, ``comments``, ``shares``)."""

    content: ContentRecord
    counts: Mapping[str, int | None]


def read_counts(reader: RowReader, fields: Mapping[str, str]) -> dict[str, int | None]:
    """The row's counts, ``column → snapshot field`` (read in that order); a negative one is a problem."""
    counts = {column: reader.value(column, parse_count) for column in fields}
    for column, value in counts.items():
        if value is not None and value < 0:
            reader.flag(column, "count_negative", value=value)
    return {fields[column]: value for column, value in counts.items()}


def flag_published_after(
    reader: RowReader, column: str, published_at: datetime | None, latest: datetime, zone: ZoneInfo
) -> None:
    """A problem when the row says it was published after ``latest`` (its counts' moment, or now)."""
    if published_at is not None and published_at > latest:
        reader.flag(column, "published_after_export", when=latest.astimezone(zone).strftime("%Y-%m-%d %H:%M"))


def read_items(
    sheet: Sheet,
    columns: Columns,
    into: ItemsRead,
    captured_at: datetime,
    source: str,
    read_row: Callable[[RowReader], Callable[[], Item]],
) -> None:
    """Each row of ``sheet`` into ``into``: ``read_row`` reads and checks it (flagging what is
    wrong) and returns how to build its item; a row with problems is rejected whole, naming them,
    and an accepted one adds its content item (with the row as ``raw``) and its counts at
    ``captured_at``."""
    from models.store import SnapshotRecord  # here: reading a sheet alone loads no database layer

    for reader in sheet.readers(columns):
        build = read_row(reader)
        if reader.problems:
            into.findings.problems.extend(reader.problems)
            into.findings.rejected_rows.append(reader.number)
            continue
        item = build()
        raw = {h: v for h, v in zip(sheet.header, reader.row, strict=False) if h and v}
        into.contents.append(replace(item.content, raw=raw))
        into.snapshots.append(
            SnapshotRecord(
                content_external_id=item.content.external_id,
                captured_at=captured_at,
                source=source,
                **item.counts,
            )
        )
