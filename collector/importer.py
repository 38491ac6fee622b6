"""The one importer behind ``engagement-monitor import``, the dashboard's upload and the scheduled sources.

One file is one transaction: it lands whole or not at all, and the same bytes (sha256) land once.
Kinds of file are known only through their registry (``collector/kinds.py``): how each is recognised,
parsed and saved.
"""

import csv
import gc
import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import Connection, Engine, select
from sqlalchemy.exc import DataError, IntegrityError

from collector.kinds import KINDS, FileContext, detect_kind, file_kind, kind_label, kinds_listed
from collector.messages import say
from collector.plumbing.reading import (
    FIRST_YEAR,
    LAST_YEAR,
    FileProblem,
    Findings,
    Problem,
    Sheet,
    choose_captured_at,
    read_sheet,
)
from collector.upload_limits import check_file, read_path
from models.auth import cli_user, record_audit
from models.errors import UserError
from models.i18n import fmt_datetime, fmt_int, language
from models.tables import DEFAULT_TIMEZONE, ImportedFile
from models.write import now_utc, upsert

# What a folder given to ``import`` stands for (.xls too, to be told to save it as .xlsx).
SPREADSHEET_SUFFIXES = (".csv", ".tsv", ".xlsx", ".xls")
PROBLEMS_SHOWN = 10


@dataclass(frozen=True)
class ImportOptions:
    """How to import: a forced kind, the channel for files that do not name their Page, and so on."""

    kind: str | None = None
    channel: str | None = None
    as_of: datetime | None = None
    timezone: str = DEFAULT_TIMEZONE
    skip_bad_rows: bool = False
    lang: str | None = None
    rejects_dir: Path | None = None
    user: str | None = None  # who imports, for the audit trail (default: the system user running us)


@dataclass
class ImportReport:
    """What an import recognised and what it did, as facts; :meth:`lines` says it in either language."""

    file: str
    status: str  # imported, already_imported or rejected
    kind: str | None = None
    detail: str | None = None
    language: str | None = None
    encoding: str | None = None
    rows: int = 0
    page: str | None = None
    timezone: str = DEFAULT_TIMEZONE
    captured_at: datetime | None = None
    captured_origin: str | None = None
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    new_snapshots: int = 0
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    rejects_path: Path | None = None

    def lines(self, lang: str, limit: int = PROBLEMS_SHOWN) -> list[str]:
        """The report as lines for a person: what was recognised, what was done, the first problems."""
        if self.status == "already_imported":
            return [say("already_imported", lang, file=self.file)]
        lines = [self._recognised(lang)]
        if self.status == "rejected":
            lines.append(say("file_rejected", lang, file=self.file, count=fmt_int(self.rejected, lang)))
            lines += self._problem_lines(self.problems, lang, limit)
            return lines
        counts = {
            name: fmt_int(getattr(self, name), lang) for name in ("new", "updated", "unchanged", "rejected")
        }
        lines.append(say("did", lang, **counts))
        if self.kind and file_kind(self.kind).snapshots:
            lines.append(say("did_snapshots", lang, snapshots=fmt_int(self.new_snapshots, lang)))
        if self.problems:
            lines += self._problem_lines(self.problems, lang, limit)
        if self.rejects_path:
            lines.append(say("rejects_written", lang, path=self.rejects_path))
        if self.warnings:
            lines.append(say("warnings", lang, count=fmt_int(len(self.warnings), lang)))
            lines += self._problem_lines(self.warnings, lang, limit)
        return lines

    def _recognised(self, lang: str) -> str:
        kind = kind_label(self.kind, self.detail, lang)
        where = f"recognised_{file_kind(self.kind).channel_word}" if self.kind else "recognised_page"
        page = say(where, lang, page=self.page) if self.page else ""
        captured = ""
        if self.captured_at is not None:
            when = fmt_datetime(self.captured_at, lang, self.timezone)
            origin = say(f"origin_{self.captured_origin}", lang)
            captured = say("recognised_captured", lang, when=when, origin=origin)
        return say(
            "recognised",
            lang,
            file=self.file,
            kind=kind,
            language=say(f"lang_{self.language or 'none'}", lang),
            encoding=self.encoding,
            rows=fmt_int(self.rows, lang),
            page=page,
            captured=captured,
        )

    def _problem_lines(self, problems: list[Problem], lang: str, limit: int) -> list[str]:
        lines = ["  " + problem.render(self.file, lang) for problem in problems[:limit]]
        if len(problems) > limit:
            lines.append(say("more_problems", lang, count=fmt_int(len(problems) - limit, lang)))
        return lines


class ImportRejected(UserError):
    """A file refused because of bad rows; carries the report so any language can show its problems."""

    def __init__(self, report: ImportReport, lang: str) -> None:
        super().__init__(report.file)
        self.report = report
        self.lang = lang

    def __str__(self) -> str:
        return "\n".join(self.report.lines(self.lang))


def import_file(engine: Engine, path: Path, options: ImportOptions = ImportOptions()) -> ImportReport:
    """Import one file from disk (its modification time is the fallback for when counts were true)."""
    path = Path(path)
    try:
        data, status = read_path(path)
    except FileProblem as problem:
        problem.lang = language(options.lang)
        raise
    except OSError as error:
        problem = FileProblem(
            "file_unreadable", file=path.name, reason=error.strerror or type(error).__name__
        )
        problem.lang = language(options.lang)
        raise problem from error
    modified_at = datetime.fromtimestamp(status.st_mtime, UTC)
    if options.rejects_dir is None and engine.dialect.name != "sqlite":
        options = replace(options, rejects_dir=path.parent)
    return _import(engine, path.name, data, options, modified_at, "modified")


def import_bytes(
    engine: Engine,
    name: str,
    data: bytes,
    options: ImportOptions = ImportOptions(),
    modified_at: datetime | None = None,
) -> ImportReport:
    """Import a file received as bytes (an upload, a download) under its original ``name``."""
    if modified_at is None:
        return _import(engine, name, data, options, now_utc(), "received")
    return _import(engine, name, data, options, modified_at, "modified")


def _import(
    engine: Engine, name: str, data: bytes, options: ImportOptions, modified_at: datetime, origin: str
) -> ImportReport:
    lang = language(options.lang)
    try:
        with _cyclic_gc_paused():
            return _import_checked(engine, name, data, options, modified_at, origin, lang)
    except FileProblem as problem:
        problem.lang = lang
        raise


@contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while one file is read, parsed and written.

    A large file becomes millions of small objects that live until its transaction ends (rows,
    records, parameter sets) and form no cycles; the collector walked them again and again as they
    piled up: a fifth of the time of a 100,000-row import. Reference counting still frees memory as
    usual; any cycles (ours or another thread's: the switch is process-wide) wait for the collector's
    next run once the file is done.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _import_checked(
    engine: Engine,
    name: str,
    data: bytes,
    options: ImportOptions,
    modified_at: datetime,
    origin: str,
    lang: str,
) -> ImportReport:
    _check_options(options)
    check_file(name, data)
    sha256 = hashlib.sha256(data).hexdigest()
    with engine.connect() as connection:
        if _already_imported(connection, sha256):
            return ImportReport(file=name, status="already_imported")
    sheet = read_sheet(name, data)
    kind = options.kind or detect_kind(sheet)
    if kind is None:
        raise FileProblem(
            "file_unknown_kind",
            file=name,
            columns=", ".join(h for h in sheet.header if h)[:200],
            kinds=kinds_listed(lang),
        )
    entry = file_kind(kind)
    if missing := entry.missing_columns(sheet):
        label = kind_label(kind, None, lang)
        raise FileProblem("file_missing_columns", file=name, kind=label, columns=", ".join(missing))
    if not sheet.rows:
        raise FileProblem("file_no_rows", file=name)
    report = ImportReport(
        file=name, status="imported", kind=kind, encoding=sheet.encoding, rows=len(sheet.rows)
    )
    report.timezone = options.timezone
    if entry.snapshots:
        captured_at, report.captured_origin = choose_captured_at(
            name, options.as_of, modified_at, options.timezone
        )
        if report.captured_origin == "modified":
            report.captured_origin = origin
        report.captured_at = captured_at
    now = now_utc()
    today = now.astimezone(ZoneInfo(options.timezone)).date()  # no result or page figure is dated after it
    parsed = entry.parse(sheet, FileContext(name, report.captured_at, options.timezone, now, today))
    entry.check_database(engine, parsed)
    report.detail, report.language = parsed.detail, parsed.language
    report.problems, report.warnings = parsed.findings.problems, parsed.findings.warnings
    report.rejected = len(parsed.findings.rejected_rows)
    if parsed.findings.problems and (not options.skip_bad_rows or parsed.good_rows == 0):
        report.status = "rejected"
        raise ImportRejected(report, lang)
    try:
        with engine.begin() as connection:
            if not _claim(connection, sha256, name, kind, parsed.good_rows):
                return ImportReport(file=name, status="already_imported")
            entry.write(connection, parsed, options, report)
            record_audit(
                connection, options.user or cli_user(), "import", name, _audit_detail(sha256, report)
            )
            if parsed.findings.rejected_rows:
                report.rejects_path = _write_rejects(engine, name, sheet, parsed.findings, options, lang)
    except IntegrityError:
        # Another process imported the same bytes at the same moment (the unique sha256 caught it).
        with engine.connect() as connection:
            if _already_imported(connection, sha256):
                return ImportReport(file=name, status="already_imported")
        raise
    except (DataError, OverflowError) as error:
        # Each count fits (reading.MAX_COUNT) but their sums in the rollups may not: rolled back whole.
        raise FileProblem("file_out_of_range", file=name) from error
    return report


def _check_options(options: ImportOptions) -> None:
    if options.kind is not None and options.kind not in KINDS:
        raise FileProblem("kind_unknown", kind=options.kind, kinds=", ".join(KINDS))
    try:
        ZoneInfo(options.timezone)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise FileProblem("timezone_unknown", timezone=options.timezone) from error


def _already_imported(connection: Connection, sha256: str) -> bool:
    return (
        connection.execute(select(ImportedFile.id).where(ImportedFile.sha256 == sha256)).first() is not None
    )


def _claim(connection: Connection, sha256: str, name: str, kind: str, rows: int) -> bool:
    """Record the file as imported; False if its bytes were imported already."""
    row = {
        "sha256": sha256,
        "original_name": name[:255],
        "kind": kind,
        "rows": rows,
        "imported_at": now_utc(),
    }
    return upsert(connection, ImportedFile, [row], conflict=("sha256",)) == 1


def _audit_detail(sha256: str, report: ImportReport) -> dict:
    counts = ("rows", "new", "updated", "unchanged", "rejected", "new_snapshots")
    return {
        "sha256": sha256,
        "kind": report.kind,
        "page": report.page,
        **{n: getattr(report, n) for n in counts},
    }


def _write_rejects(
    engine: Engine, name: str, sheet: Sheet, findings: Findings, options: ImportOptions, lang: str
) -> Path:
    """Rejected rows with their reasons, in a CSV beside the database (Excel-friendly UTF-8 with BOM)."""
    folder = options.rejects_dir or _database_folder(engine)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = now_utc().strftime("%Y%m%d-%H%M%S")
    path = folder / f"{Path(name).stem}.rejected-{stamp}.csv"
    reasons: dict[int, list[str]] = {}
    for problem in findings.problems:
        reasons.setdefault(problem.row, []).append(problem.render(name, lang).split(": ", 1)[1])
    rows = dict(zip(sheet.row_numbers, sheet.rows, strict=True))
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["row", "problems", *sheet.header])
        for number in findings.rejected_rows:
            writer.writerow([number, " | ".join(reasons.get(number, [])), *rows[number]])
    return path


def _database_folder(engine: Engine) -> Path:
    """Where the SQLite database file lives; ``./data`` for other databases."""
    database = engine.url.database if engine.dialect.name == "sqlite" else None
    if database and database != ":memory:":
        return Path(database).resolve().parent
    return Path("data")


def files_in(paths: list[Path]) -> list[Path]:
    """The files to import: each path given, a folder standing for the spreadsheets directly in it
    (:data:`SPREADSHEET_SUFFIXES`), and a pattern such as ``Downloads\\*.csv`` for the files it matches
    (Windows shells do not expand them). A folder or pattern with nothing to import adds nothing."""
    files: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            files += sorted(
                p
                for p in path.iterdir()
                if p.is_file()
                and p.suffix.lower() in SPREADSHEET_SUFFIXES
                and not p.name.startswith((".", "~$"))
            )
        elif not path.exists() and any(char in path.name for char in "*?["):
            files += sorted(p for p in path.parent.glob(path.name) if p.is_file())
        else:
            files.append(path)
    return files


def parse_as_of(text: str, timezone: str, lang: str) -> datetime:
    """``--as-of``: ``YYYY-MM-DD`` (the end of that day), ``YYYY-MM-DD HH:MM`` local, or ISO with offset."""
    value = text.strip()
    try:
        moment = datetime.fromisoformat(value)
    except ValueError as error:
        raise UserError(say("date_option_invalid", lang, value=value)) from error
    if not FIRST_YEAR <= moment.year <= LAST_YEAR:
        raise UserError(say("date_option_invalid", lang, value=value))
    if len(value) == 10:
        moment = moment.replace(hour=23, minute=59, second=59)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=ZoneInfo(timezone))
    return moment
