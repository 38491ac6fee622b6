"""What one run of a source brought, what it may use, and the wrapper that records every run as a
``collection_run``."""

from __future__ import annotations

import logging
import re
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine

from collector.messages import say
from collector.plumbing.redaction import redact
from models.errors import UserError
from models.i18n import language
from models.report_settings import ReportSettings
from models.store import (
    ContentRecord,
    ContentSaved,
    SnapshotRecord,
    finish_run,
    save_contents,
    save_snapshots,
    start_run,
)

if TYPE_CHECKING:
    from collector.config import CollectorConfig
    from models.summary import Summary  # statsmodels and pandas: only the writers load it

log = logging.getLogger("engagement_monitor.runs")

RUN_OK = "ok"
RUN_PARTIAL = "partial"
RUN_FAILED = "failed"
RUN_SKIPPED = "skipped"  # never recorded: another collector was running the source

# Query strings may carry access tokens; user info (user:password@) may carry passwords.
_URL = re.compile(r"(?P<scheme>[a-zA-Z][a-zA-Z0-9+.-]*://)(?:[^/@\s?#]*@)?(?P<rest>[^\s?#]*)(?:[?#]\S*)?")


@dataclass(frozen=True)
class RunResult:
    """The outcome of one source run (``ok``, ``partial``, ``failed``, or ``skipped``) and what it brought."""

    status: str
    new_items: int = 0
    new_snapshots: int = 0
    message: str | None = None
    api_units: int | None = None  # quota units the run spent, for APIs that count them (YouTube)


@dataclass
class RunProgress:
    """What a run of an API source has stored so far, and the notes it will end with."""

    new_items: int = 0
    new_snapshots: int = 0
    notes: list[str] = field(default_factory=list)

    def cut_short(self) -> str:
        """The status of a run stopped by a fault: partial if it stored anything, else failed."""
        return RUN_PARTIAL if self.new_items or self.new_snapshots else RUN_FAILED


def store_page(
    engine: Engine,
    channel_id: int,
    contents: list[ContentRecord],
    snapshots: list[SnapshotRecord],
    progress: RunProgress,
    captures: dict[str, datetime],
    now: datetime,
) -> ContentSaved:
    """One page of an API source's items and the snapshots due, in one transaction: counted on the
    run's ``progress``, each snapshotted item's capture time remembered in ``captures``."""
    with engine.begin() as connection:
        saved = save_contents(connection, channel_id, contents)
        written = save_snapshots(connection, channel_id, saved.ids, snapshots)
    progress.new_items += saved.new
    progress.new_snapshots += written
    for snapshot in snapshots:
        captures[snapshot.content_external_id] = now
    return saved


SummaryWriter = Callable[["Summary", str, str, ReportSettings | None], tuple[str, bytes, str]]
"""``(summary, format, language, letterhead of the Word report) -> (file name, content, MIME type)``:
wired in by the entry point."""


@dataclass(frozen=True)
class RunContext:
    """What a source's runner may use besides its own settings: the database, the whole file's
    settings, the stop signal, and what the entry point (the CLI, the dashboard) wired in from the
    floors above the collector, such as the summary writer."""

    engine: Engine
    config: CollectorConfig
    stop: threading.Event | None = None
    write_summary: SummaryWriter | None = None


def redact_urls(text: str) -> str:
    """``text`` with every URL's query string, fragment and user info removed (they may hold secrets)."""
    return _URL.sub(lambda match: match["scheme"] + match["rest"], text)


def record_collection(
    context: RunContext, source: Any, collect: Callable[..., RunResult], **options: Any
) -> RunResult:
    """One recorded run of an API source: ``collect(engine, source, ...)`` with the file's time zone,
    the shared request settings and the stop signal (the runner every API source would repeat)."""
    return record_run(
        context.engine,
        source.name,
        lambda: collect(
            context.engine,
            source,
            timezone=context.config.timezone,
            settings=context.config.graph,
            stop=context.stop,
            **options,
        ),
    )


def record_run(engine: Engine, source_name: str, fn: Callable[[], RunResult]) -> RunResult:
    """Run ``fn`` as one ``collection_run`` of ``source_name``; a crash is recorded as ``failed``."""
    run_id = start_run(engine, source_name)
    try:
        result = fn()
    except UserError as error:
        result = RunResult(status=RUN_FAILED, message=redact_urls(str(error)))
    except Exception as error:
        trace = "".join(traceback.format_exception(error))
        log.error("Source %s failed:\n%s", source_name, redact(redact_urls(trace)))
        result = RunResult(
            status=RUN_FAILED, message=say("run_unexpected", language(), error=type(error).__name__)
        )
    message = redact_urls(result.message) if result.message else None
    finish_run(
        engine, run_id, result.status, result.new_items, result.new_snapshots, message, result.api_units
    )
    return RunResult(result.status, result.new_items, result.new_snapshots, message, result.api_units)
