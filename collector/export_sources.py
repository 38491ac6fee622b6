"""Sources the scheduler calls: a watched folder of exports, and an export file at a URL.

Each call is one recorded ``collection_run``; both import through :mod:`collector.importer`.
"""

import hashlib
import logging
import re
import shutil
from datetime import datetime
from email.utils import parsedate_to_datetime
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

import httpx
from sqlalchemy import Engine, select
from tenacity import Retrying, retry_if_exception, stop_after_attempt, wait_exponential

from collector.importer import ImportOptions, ImportReport, import_bytes, import_file
from collector.messages import say
from collector.plumbing.runs import (
    RUN_FAILED,
    RUN_OK,
    RUN_PARTIAL,
    RunContext,
    RunResult,
    record_run,
    redact_urls,
)
from collector.plumbing.source_base import ExportFolderSource, ExportUrlSource
from collector.upload_limits import max_upload_mb
from models.errors import UserError
from models.i18n import language
from models.tables import DEFAULT_TIMEZONE, SourceState
from models.write import now_utc, upsert

log = logging.getLogger("engagement_monitor.export_sources")

PROCESSED = "processed"
ERROR_SUFFIX = ".error.txt"
# Files still being written or not exports: browser downloads in progress, Office lock files.
_IGNORED = re.compile(r"(^[.~]|\.(tmp|part|crdownload|download)$|\.error\.txt$)", re.IGNORECASE)

TIMEOUT = httpx.Timeout(60.0, connect=10.0)
RETRY_ATTEMPTS = 4
RETRY_BACKOFF_S = 1.0
RETRY_BACKOFF_MAX_S = 30.0
MAX_DOWNLOAD_BYTES = 200 * 1024 * 1024
_STATE_KEY = "http_validators"


def run_folder_source(context: RunContext, source: ExportFolderSource) -> RunResult:
    """The registry's runner of an ``export_folder`` source."""
    return run_export_folder(context.engine, source.name, source.path, timezone=context.config.timezone)


def run_url_source(context: RunContext, source: ExportUrlSource) -> RunResult:
    """The registry's runner of an ``export_url`` source."""
    return run_export_url(context.engine, source.name, source.url, timezone=context.config.timezone)


def run_export_folder(
    engine: Engine, source_name: str, folder: Path, *, timezone: str = DEFAULT_TIMEZONE
) -> RunResult:
    """Import every new or changed file in ``folder``; processed files move to ``processed/``."""
    return record_run(engine, source_name, lambda: _import_folder(engine, Path(folder), timezone))


def _import_folder(engine: Engine, folder: Path, timezone: str) -> RunResult:
    lang = language()
    if not folder.is_dir():
        raise UserError(say("folder_missing", lang, folder=folder))
    options = ImportOptions(timezone=timezone, lang=lang)
    reports: list[ImportReport] = []
    failed = waiting = 0
    for path in sorted(p for p in folder.iterdir() if p.is_file() and not _IGNORED.search(p.name)):
        error_file = path.with_name(path.name + ERROR_SUFFIX)
        digest = _fingerprint(path)
        if error_file.exists() and digest in error_file.read_text(encoding="utf-8", errors="replace"):
            waiting += 1  # failed before and unchanged since: importing it again would fail the same way
            continue
        try:
            reports.append(import_file(engine, path, options))
        except Exception as error:  # one bad file must not stop the others
            failed += 1
            if not isinstance(error, UserError):
                log.exception("Importing %s failed", path.name)
            message = str(error) if isinstance(error, UserError) else f"{type(error).__name__}: {error}"
            error_file.write_text(f"{redact_urls(message)}\n\n{digest}\n", encoding="utf-8")
            continue
        error_file.unlink(missing_ok=True)
        _move_to_processed(path)
    status = RUN_OK if not failed else RUN_PARTIAL if reports else RUN_FAILED
    return RunResult(
        status=status,
        new_items=sum(report.new for report in reports),
        new_snapshots=sum(report.new_snapshots for report in reports),
        message=say("folder_result", lang, ok=len(reports), failed=failed, waiting=waiting),
    )


def _fingerprint(path: Path) -> str:
    """What tells a failed file from its next version: its sha256, read in blocks; for a file over the
    size limit (refused unread, perhaps a sparse multi-GB one) its size and modification time."""
    status = path.stat()
    if status.st_size > max_upload_mb() * 1024 * 1024:
        return f"size: {status.st_size}, modified: {status.st_mtime_ns}"
    with path.open("rb") as handle:
        return f"sha256: {hashlib.file_digest(handle, 'sha256').hexdigest()}"


def _move_to_processed(path: Path) -> None:
    """Move an imported file into ``processed/``, never over an earlier file of the same name."""
    target_dir = path.parent / PROCESSED
    target_dir.mkdir(exist_ok=True)
    target = target_dir / path.name
    if target.exists():
        target = target_dir / f"{path.stem}.{now_utc().strftime('%Y%m%d-%H%M%S-%f')}{path.suffix}"
    shutil.move(path, target)


def make_client(
    transport: httpx.BaseTransport | None = None, timeout: httpx.Timeout = TIMEOUT
) -> httpx.Client:
    """The HTTP client for export downloads: explicit timeouts, redirects followed."""
    return httpx.Client(transport=transport, timeout=timeout, follow_redirects=True)


def run_export_url(
    engine: Engine,
    source_name: str,
    url: str,
    *,
    timezone: str = DEFAULT_TIMEZONE,
    client: httpx.Client | None = None,
) -> RunResult:
    """Download an export from ``url`` and import it, unless the server says it has not changed."""

    def run() -> RunResult:
        if client is not None:
            return _fetch_and_import(engine, source_name, url, timezone, client)
        with make_client() as own_client:
            return _fetch_and_import(engine, source_name, url, timezone, own_client)

    return record_run(engine, source_name, run)


class _Retryable(Exception):
    """A 5xx or 429 answer, worth asking again after a pause."""

    def __init__(self, response: httpx.Response) -> None:
        super().__init__(f"{response.status_code} {response.reason_phrase}")
        self.response = response


def _fetch_and_import(
    engine: Engine, source_name: str, url: str, timezone: str, client: httpx.Client
) -> RunResult:
    lang = language()
    shown = redact_urls(url)
    url_key = hashlib.sha256(url.encode()).hexdigest()  # the URL itself may hold a token: keep only its hash
    state = _load_state(engine, source_name)
    headers = {}
    if state.get("url") == url_key:
        if state.get("etag"):
            headers["If-None-Match"] = state["etag"]
        if state.get("last_modified"):
            headers["If-Modified-Since"] = state["last_modified"]
    try:
        status, response_headers, data = _download(client, url, headers)
    except _Retryable as error:
        raise UserError(say("url_http_error", lang, url=shown, status=str(error))) from error
    except httpx.HTTPError as error:
        reason = redact_urls(str(error)) or type(error).__name__
        raise UserError(
            say("url_unreachable", lang, url=shown, reason=reason, attempts=RETRY_ATTEMPTS)
        ) from error
    if status == 304:
        return RunResult(status=RUN_OK, message=say("url_not_modified", lang, url=shown))
    if status >= 400:
        raise UserError(say("url_http_error", lang, url=shown, status=status))
    modified_at = _http_date(response_headers.get("last-modified"))
    name = _file_name(url, response_headers)
    report = import_bytes(engine, name, data, ImportOptions(timezone=timezone, lang=lang), modified_at)
    validators = {
        "url": url_key,
        "etag": response_headers.get("etag"),
        "last_modified": response_headers.get("last-modified"),
    }
    _save_state(engine, source_name, validators)
    return RunResult(
        status=RUN_OK,
        new_items=report.new,
        new_snapshots=report.new_snapshots,
        message=redact_urls(" ".join(line.strip() for line in report.lines(lang))),
    )


def _download(client: httpx.Client, url: str, headers: dict[str, str]) -> tuple[int, httpx.Headers, bytes]:
    """GET ``url``, retrying timeouts, connection errors and 5xx/429 with a capped exponential backoff."""
    retrying = Retrying(
        stop=stop_after_attempt(RETRY_ATTEMPTS),
        wait=wait_exponential(multiplier=RETRY_BACKOFF_S, max=RETRY_BACKOFF_MAX_S),
        retry=retry_if_exception(
            lambda e: isinstance(e, _Retryable | httpx.TimeoutException | httpx.TransportError)
        ),
        reraise=True,
    )
    for attempt in retrying:
        with attempt, client.stream("GET", url, headers=headers) as response:
            if response.status_code >= 500 or response.status_code == 429:
                raise _Retryable(response)
            if response.status_code != 200:
                return response.status_code, response.headers, b""
            return 200, response.headers, _read_capped(response, url)
    raise AssertionError("unreachable: tenacity re-raises the last error")


def _read_capped(response: httpx.Response, url: str) -> bytes:
    chunks, size = [], 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > MAX_DOWNLOAD_BYTES:
            raise UserError(
                say("url_too_large", language(), url=redact_urls(url), limit=MAX_DOWNLOAD_BYTES // 2**20)
            )
        chunks.append(chunk)
    return b"".join(chunks)


def _file_name(url: str, headers: httpx.Headers) -> str:
    """The file's name: from Content-Disposition, else the last part of the URL's path (never its query)."""
    disposition = headers.get("content-disposition", "")
    match = re.search(r"filename\*?=(?:UTF-8'')?\"?([^\";]+)\"?", disposition, re.IGNORECASE)
    if match:
        return PurePosixPath(unquote(match[1])).name
    return PurePosixPath(unquote(urlsplit(url).path)).name or "download"


def _http_date(value: str | None) -> datetime | None:
    try:
        return parsedate_to_datetime(value) if value else None
    except (TypeError, ValueError):
        return None


def _load_state(engine: Engine, source_name: str) -> dict:
    with engine.connect() as connection:
        value = connection.execute(
            select(SourceState.value).where(SourceState.source == source_name, SourceState.key == _STATE_KEY)
        ).scalar()
    return value if isinstance(value, dict) else {}


def _save_state(engine: Engine, source_name: str, value: dict) -> None:
    row = {"source": source_name, "key": _STATE_KEY, "value": value, "updated_at": now_utc()}
    with engine.begin() as connection:
        upsert(connection, SourceState, [row], conflict=("source", "key"), update=("value", "updated_at"))
