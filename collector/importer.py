"""The one importer behind ``engagement-monitor import``, the dashboard's upload and the scheduled sources.

One file is one transaction: it lands whole or not at all, and the same bytes (sha256) land once.
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

from collector import activities, enrolment, meta_export, units, youtube, zalo
from collector.messages import say
from collector.reading import (
    FIRST_YEAR,
    LAST_YEAR,
    FileProblem,
    Findings,
    Problem,
    Sheet,
    normalise_header,
    read_sheet,
    slug,
)
from collector.upload_limits import check_file, read_path
from models.activities import campaign_ids, save_activities
from models.auth import cli_user, enrolment_changes, record_audit
from models.categories import mark_categories
from models.errors import UserError
from models.i18n import fmt_datetime, fmt_int, language
from models.store import (
    ChannelRecord,
    ContentRecord,
    SnapshotRecord,
    channel_timezone,
    save_campaign,
    save_channel,
    save_contents,
    save_enrolments,
    save_page_metrics,
    save_snapshots,
    save_units,
)
from models.tables import DEFAULT_TIMEZONE, Campaign, Channel, Content, ImportedFile, PageMetric
from models.write import local_day, now_utc, upsert

KINDS = (
    "posts",
    "youtube_videos",
    "zalo_articles",
    "page_metrics",
    "enrolment",
    "campaigns",
    "activities",
    "units",
)
# Files whose rows are content items with counts at one moment (a snapshot each).
SNAPSHOT_KINDS = ("posts", "youtube_videos", "zalo_articles")
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
        if self.kind in SNAPSHOT_KINDS:
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
        where = "recognised_channel" if self.kind == "youtube_videos" else "recognised_page"
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


@dataclass
class _Parsed:
    """A file understood: its kind, records ready to save and the problems found."""

    kind: str
    detail: str | None
    language: str | None
    findings: Findings
    good_rows: int
    content: (
        meta_export.PostsExport
        | youtube.StudioExport
        | zalo.ArticleSheet
        | meta_export.PageSeries
        | enrolment.EnrolmentSheet
        | enrolment.CampaignSheet
        | activities.ActivitySheet
        | units.UnitSheet
    )


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
            "file_unknown_kind", file=name, columns=", ".join(h for h in sheet.header if h)[:200]
        )
    _check_required(name, kind, sheet, lang)
    if not sheet.rows:
        raise FileProblem("file_no_rows", file=name)
    report = ImportReport(
        file=name, status="imported", kind=kind, encoding=sheet.encoding, rows=len(sheet.rows)
    )
    report.timezone = options.timezone
    if kind in SNAPSHOT_KINDS:
        captured_at, report.captured_origin = meta_export.choose_captured_at(
            name, options.as_of, modified_at, options.timezone
        )
        if report.captured_origin == "modified":
            report.captured_origin = origin
        report.captured_at = captured_at
    parsed = _parse(kind, sheet, name, report.captured_at, options.timezone)
    if isinstance(parsed.content, activities.ActivitySheet):
        _check_campaigns(engine, parsed)
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
            _save(connection, parsed, options, report)
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


def detect_kind(sheet: Sheet) -> str | None:
    """The kind of file, by the columns it has (never by their order or the exact set)."""
    if not meta_export.post_columns(sheet).missing(meta_export.POST_REQUIRED, meta_export.POST_COLUMNS):
        return "posts"
    if youtube.is_studio_export(sheet):
        return "youtube_videos"
    if zalo.is_article_sheet(sheet):
        return "zalo_articles"
    if not meta_export.series_columns(sheet).missing(meta_export.SERIES_REQUIRED, meta_export.SERIES_COLUMNS):
        return "page_metrics"
    # Before enrolment and campaigns: an activities sheet also has a day, a unit, result categories
    # and maybe campaign dates, but only it names activities.
    if activities.is_activity_sheet(sheet):
        return "activities"
    columns = enrolment.enrolment_columns(sheet)
    if enrolment.is_long_form(columns) or (
        not columns.missing(enrolment.WIDE_REQUIRED, enrolment.ENROLMENT_COLUMNS)
        and enrolment.category_columns(sheet, columns)
    ):
        return "enrolment"
    if units.is_unit_list(units.unit_columns(sheet)):
        return "units"
    if not enrolment.campaign_columns(sheet).missing(enrolment.CAMPAIGN_REQUIRED, enrolment.CAMPAIGN_COLUMNS):
        return "campaigns"
    return None


def _check_required(name: str, kind: str, sheet: Sheet, lang: str) -> None:
    """With a forced kind, the file must still have that kind's required columns."""
    if kind == "activities":
        if missing := activities.missing_columns(activities.activity_columns(sheet)):
            label = kind_label(kind, None, lang)
            raise FileProblem("file_missing_columns", file=name, kind=label, columns=", ".join(missing))
        return
    find, fields, aliases = {
        "posts": (meta_export.post_columns, meta_export.POST_REQUIRED, meta_export.POST_COLUMNS),
        "youtube_videos": (youtube.studio_columns, youtube.STUDIO_REQUIRED, youtube.STUDIO_COLUMNS),
        "zalo_articles": (zalo.sheet_columns, zalo.ZALO_SHEET_REQUIRED, zalo.ZALO_SHEET_COLUMNS),
        "page_metrics": (meta_export.series_columns, meta_export.SERIES_REQUIRED, meta_export.SERIES_COLUMNS),
        "enrolment": (enrolment.enrolment_columns, enrolment.WIDE_REQUIRED, enrolment.ENROLMENT_COLUMNS),
        "campaigns": (enrolment.campaign_columns, enrolment.CAMPAIGN_REQUIRED, enrolment.CAMPAIGN_COLUMNS),
        "units": (units.unit_columns, units.UNIT_REQUIRED, units.UNIT_COLUMNS),
    }[kind]
    columns = find(sheet)
    missing = columns.missing(fields, aliases)
    if kind == "enrolment" and not missing and not enrolment.is_long_form(columns):
        missing = [] if enrolment.category_columns(sheet, columns) else ["category"]
    if missing:
        raise FileProblem(
            "file_missing_columns", file=name, kind=kind_label(kind, None, lang), columns=", ".join(missing)
        )


def kind_label(kind: str, detail: str | None, lang: str) -> str:
    """How a kind of file is named to users (``Meta Business Suite posts export``)."""
    if kind == "page_metrics":
        return say("kind_page_metrics", lang, metric=detail) if detail else say("kind_page_metrics_any", lang)
    if kind == "enrolment":
        form = say(f"form_{detail}", lang) if detail else "date, unit, …"
        return say("kind_enrolment", lang, form=form)
    return say(f"kind_{kind}", lang)


def _parse(kind: str, sheet: Sheet, name: str, captured_at: datetime | None, timezone: str) -> _Parsed:
    now = now_utc()
    today = now.astimezone(ZoneInfo(timezone)).date()  # no result or page figure is dated after it
    if kind == "posts":
        export = meta_export.parse_posts(sheet, captured_at, timezone, published_by=min(captured_at, now))
        return _Parsed(kind, None, export.language, export.findings, len(export.contents), export)
    if kind == "youtube_videos":
        studio = youtube.parse_studio_export(sheet, captured_at, timezone)
        return _Parsed(kind, None, studio.language, studio.findings, len(studio.contents), studio)
    if kind == "zalo_articles":
        articles = zalo.parse_article_sheet(sheet, captured_at, timezone)
        return _Parsed(kind, None, articles.language, articles.findings, len(articles.contents), articles)
    if kind == "page_metrics":
        series = meta_export.parse_page_series(sheet, name, today)
        return _Parsed(kind, series.metric, series.language, series.findings, len(series.records), series)
    if kind == "enrolment":
        results = enrolment.parse_enrolment(sheet, today)
        good = len(sheet.rows) - len(results.findings.rejected_rows)
        return _Parsed(kind, results.form, results.language, results.findings, good, results)
    if kind == "activities":
        found = activities.parse_activities(sheet)
        return _Parsed(kind, None, found.language, found.findings, len(found.records), found)
    if kind == "units":
        unit_list = units.parse_units(sheet)
        return _Parsed(kind, None, unit_list.language, unit_list.findings, len(unit_list.records), unit_list)
    campaigns = enrolment.parse_campaigns(sheet)
    return _Parsed(kind, None, campaigns.language, campaigns.findings, len(campaigns.records), campaigns)


def _check_campaigns(engine: Engine, parsed: _Parsed) -> None:
    """Rows of an activities sheet naming a campaign the database does not hold are bad rows."""
    sheet = parsed.content
    with engine.connect() as connection:
        ids = campaign_ids(connection, (record.campaign for record in sheet.records))
    unknown = {name for name, campaign_id in ids.items() if campaign_id is None}
    if unknown:
        sheet.refuse_campaigns(unknown)
        parsed.good_rows = len(sheet.records)


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


def _save(connection: Connection, parsed: _Parsed, options: ImportOptions, report: ImportReport) -> None:
    content = parsed.content
    if isinstance(content, meta_export.PostsExport):
        if content.channel is not None:
            channel_id, report.page = save_channel(connection, content.channel), content.channel.name
        else:
            channel_id, report.page = _channel(connection, options, report.file)
        saved = save_contents(connection, channel_id, content.contents)
        report.new, report.updated, report.unchanged = saved.new, saved.updated, saved.unchanged
        report.new_snapshots = save_snapshots(connection, channel_id, saved.ids, content.snapshots)
    elif isinstance(content, youtube.StudioExport):
        channel_id, report.page = _youtube_channel(connection, options)
        saved = save_contents(connection, channel_id, content.contents)
        report.new, report.updated, report.unchanged = saved.new, saved.updated, saved.unchanged
        report.new_snapshots = save_snapshots(connection, channel_id, saved.ids, content.snapshots)
    elif isinstance(content, zalo.ArticleSheet):
        channel_id, report.page = _zalo_channel(connection, options, report.file)
        records, snapshots = _match_collected(connection, channel_id, content)
        saved = save_contents(connection, channel_id, records)
        report.new, report.updated, report.unchanged = saved.new, saved.updated, saved.unchanged
        report.new_snapshots = save_snapshots(connection, channel_id, saved.ids, snapshots)
    elif isinstance(content, meta_export.PageSeries):
        channel_id, report.page = _channel(connection, options, report.file)
        _save_page_series(connection, channel_id, content, report)
    elif isinstance(content, enrolment.EnrolmentSheet):
        changes = enrolment_changes(connection, content.records)
        if changes:
            detail = {"count": len(changes), "changes": changes[:500]}
            record_audit(connection, options.user or cli_user(), "enrolment_change", report.file, detail)
        saved_results = save_enrolments(connection, content.records)
        mark_categories(connection, content.classes)
        report.new, report.updated = saved_results.new, saved_results.changed
        report.unchanged = saved_results.unchanged
    elif isinstance(content, activities.ActivitySheet):
        saved = save_activities(connection, content.records, "import", options.user or cli_user())
        report.new, report.updated, report.unchanged = saved.new, saved.updated, saved.unchanged
    elif isinstance(content, units.UnitSheet):
        saved_units = save_units(connection, content.records)
        report.new, report.updated, report.unchanged = (
            saved_units.new,
            saved_units.changed,
            saved_units.unchanged,
        )
    else:
        _save_campaigns(connection, content, report)


def _audit_detail(sha256: str, report: ImportReport) -> dict:
    counts = ("rows", "new", "updated", "unchanged", "rejected", "new_snapshots")
    return {
        "sha256": sha256,
        "kind": report.kind,
        "page": report.page,
        **{n: getattr(report, n) for n in counts},
    }


def _channel(connection: Connection, options: ImportOptions, file: str) -> tuple[int, str]:
    """The channel named by ``--channel`` (name or Page ID), else the only channel there is."""
    channels = connection.execute(select(Channel.id, Channel.name, Channel.external_id)).all()
    if options.channel:
        wanted = normalise_header(options.channel)
        for channel_id, name, external_id in channels:
            if options.channel.strip() == external_id or normalise_header(name) == wanted:
                return channel_id, name
        known = ", ".join(name for _, name, _ in channels) or "-"
        raise FileProblem("channel_unknown", channel=options.channel, known=known)
    if len(channels) == 1:
        return channels[0][0], channels[0][1]
    raise FileProblem("no_channel", file=file)


def _youtube_channel(connection: Connection, options: ImportOptions) -> tuple[int, str]:
    """The YouTube channel a Studio export belongs to (the file does not say): the one named by
    ``--channel`` (name or channel id), else the only YouTube channel; with none yet, a new YouTube
    channel named by ``--channel`` (or "YouTube"), so an office without an API key can start here."""
    query = select(Channel.id, Channel.name, Channel.external_id).where(Channel.platform == "youtube")
    channels = connection.execute(query).all()
    if options.channel:
        wanted = normalise_header(options.channel)
        for channel_id, name, external_id in channels:
            if options.channel.strip() == external_id or normalise_header(name) == wanted:
                return channel_id, name
    elif len(channels) == 1:
        return channels[0][0], channels[0][1]
    elif channels:
        raise FileProblem("youtube_channel_ambiguous", known=", ".join(name for _, name, _ in channels))
    name = (options.channel or "YouTube").strip()
    record = ChannelRecord(external_id=f"studio:{slug(name)}"[:64], name=name, platform="youtube")
    return save_channel(connection, record), name


def _zalo_channel(connection: Connection, options: ImportOptions, file: str) -> tuple[int, str]:
    """The Zalo channel named by ``--channel`` (name or OA ID; created when there is none of that name),
    else the only Zalo channel there is. The sheet itself does not say which OA it is."""
    channels = connection.execute(
        select(Channel.id, Channel.name, Channel.external_id).where(Channel.platform == zalo.PLATFORM)
    ).all()
    if options.channel:
        wanted = normalise_header(options.channel)
        for channel_id, name, external_id in channels:
            if options.channel.strip() == external_id or normalise_header(name) == wanted:
                return channel_id, name
        name = options.channel.strip()
        external_id = f"sheet-{wanted.replace(' ', '-')}"[:64]
        record = ChannelRecord(external_id, name, platform=zalo.PLATFORM, timezone=options.timezone)
        return save_channel(connection, record), name
    if len(channels) == 1:
        return channels[0][0], channels[0][1]
    raise FileProblem("zalo_no_channel", file=file)


def _match_collected(
    connection: Connection, channel_id: int, sheet: zalo.ArticleSheet
) -> tuple[list[ContentRecord], list[SnapshotRecord]]:
    """Articles the sheet gives no id for take the id of the one already collected with the same title
    and publication day (from the API), so the sheet adds counts to it instead of a duplicate."""
    stored = connection.execute(
        select(Content.external_id, Content.title, Content.published_day).where(
            Content.channel_id == channel_id
        )
    ).all()
    by_title_day = {(normalise_header(title or ""), day): external_id for external_id, title, day in stored}
    timezone = channel_timezone(connection, channel_id)
    renamed: dict[str, str] = {}
    records = []
    for record in sheet.contents:
        day = local_day(record.published_at, timezone) if record.published_at else None
        match = by_title_day.get((normalise_header(record.title or ""), day))
        if record.external_id.startswith("sheet-") and match and match != record.external_id:
            renamed[record.external_id] = match
            record = replace(record, external_id=match)
        records.append(record)
    snapshots = [
        replace(
            snapshot,
            content_external_id=renamed.get(snapshot.content_external_id, snapshot.content_external_id),
        )
        for snapshot in sheet.snapshots
    ]
    return records, snapshots


def _save_page_series(
    connection: Connection, channel_id: int, series: meta_export.PageSeries, report: ImportReport
) -> None:
    days = [record.day for record in series.records]
    existing = (
        dict(
            connection.execute(
                select(PageMetric.day, PageMetric.value).where(
                    PageMetric.channel_id == channel_id,
                    PageMetric.metric == series.metric,
                    PageMetric.day.between(min(days), max(days)),
                )
            ).all()
        )
        if days
        else {}
    )
    latest = {record.day: record for record in series.records}
    changed = [
        record for day, record in latest.items() if day not in existing or existing[day] != record.value
    ]
    report.new = sum(1 for record in changed if record.day not in existing)
    report.updated = len(changed) - report.new
    report.unchanged = len(latest) - len(changed)
    save_page_metrics(connection, channel_id, changed)


def _save_campaigns(connection: Connection, campaigns: enrolment.CampaignSheet, report: ImportReport) -> None:
    columns = (Campaign.name, Campaign.start_date, Campaign.end_date, Campaign.description, Campaign.targets)
    existing = {row[0]: tuple(row[1:]) for row in connection.execute(select(*columns)).all()}
    for record in {record.name: record for record in campaigns.records}.values():
        values = (record.start_date, record.end_date, record.description, record.targets)
        if record.name not in existing:
            report.new += 1
        elif existing[record.name] != values:
            report.updated += 1
        else:
            report.unchanged += 1
            continue
        save_campaign(connection, record)


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
