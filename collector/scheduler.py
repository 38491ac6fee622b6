"""When sources run: APScheduler 3 in the collector's own process, or each source once (``--once``).

Jobs have explicit ids (``source:NAME``), ``coalesce``, ``max_instances=1`` and a misfire grace
time, and every job runs once at start so a restart catches up. After a Facebook Page run a
one-off follow-up job (``follow-up:NAME``) is planned when the Page wants to be read sooner than
its schedule: every ``live_every`` while a broadcast is on air, or when a young item is due.
SIGINT/SIGTERM stop cleanly: a run in progress ends after its current batch.
"""

import logging
import signal
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

from apscheduler.executors.pool import ThreadPoolExecutor as JobExecutor
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.date import DateTrigger
from apscheduler.triggers.interval import IntervalTrigger
from sqlalchemy import Engine, select

from collector.config import CollectorConfig, Source
from collector.messages import say
from collector.plumbing.leases import ran_in_slot, shares_sources, slot_start, source_lease
from collector.plumbing.runs import RUN_FAILED, RUN_SKIPPED, RunContext, RunResult, SummaryWriter
from collector.plumbing.source_base import Schedule
from collector.sources import source_type
from models.i18n import fmt_int, language
from models.store import finish_run
from models.tables import CollectionRun
from models.write import now_utc

log = logging.getLogger("engagement_monitor.scheduler")

MISFIRE_GRACE_S = 15 * 60
JOB_DEFAULTS = {"coalesce": True, "max_instances": 1, "misfire_grace_time": MISFIRE_GRACE_S}
MIN_FOLLOW_UP = timedelta(seconds=10)


def job_id(source_name: str) -> str:
    return f"source:{source_name}"


def follow_up_id(source_name: str) -> str:
    return f"follow-up:{source_name}"


def trigger_for(schedule: Schedule, timezone: str) -> BaseTrigger:
    """The APScheduler trigger of a schedule, in the office's time zone."""
    if schedule.cron:
        return CronTrigger.from_crontab(schedule.cron, timezone=timezone)
    assert schedule.interval is not None
    return IntervalTrigger(seconds=int(schedule.interval.total_seconds()), timezone=timezone)


def run_source(
    engine: Engine,
    config: CollectorConfig,
    source: Source,
    stop: threading.Event | None = None,
    write_summary: SummaryWriter | None = None,
) -> RunResult:
    """One run of one source, recorded as a ``collection_run``, by its type's runner in the registry."""
    return source_type(source).run(RunContext(engine, config, stop, write_summary), source)


def close_interrupted_runs(engine: Engine, source_names: Sequence[str]) -> int:
    """Runs left ``running`` by a collector that was killed are closed as failed (on PostgreSQL
    only where the source's lease is free: a leased run belongs to another live collector)."""
    closed = 0
    for name in source_names:
        with source_lease(engine, name) as free:
            if not free:
                continue
            with engine.connect() as connection:
                ids = connection.execute(
                    select(CollectionRun.id).where(
                        CollectionRun.status == "running", CollectionRun.source == name
                    )
                ).scalars()
                ids = list(ids)
            for run_id in ids:
                finish_run(engine, run_id, RUN_FAILED, message=say("run_interrupted", language()))
            closed += len(ids)
    return closed


def run_once(
    engine: Engine,
    config: CollectorConfig,
    names: Sequence[str] | None = None,
    stop: threading.Event | None = None,
    write_summary: SummaryWriter | None = None,
) -> dict[str, RunResult]:
    """Each source (or those named) once, ``max_concurrent`` at a time; results in config order."""
    # A source named explicitly runs even when paused (the dashboard's "collect now", --source).
    sources = (
        [config.source(name) for name in names] if names else [s for s in config.sources if not s.paused]
    )
    close_interrupted_runs(engine, [s.name for s in sources])
    with ThreadPoolExecutor(max_workers=config.max_concurrent, thread_name_prefix="collect") as pool:
        futures = {s.name: pool.submit(_run_leased, engine, config, s, stop, write_summary) for s in sources}
    return {name: future.result() for name, future in futures.items()}


def _run_leased(
    engine: Engine,
    config: CollectorConfig,
    source: Source,
    stop: threading.Event | None,
    write_summary: SummaryWriter | None,
) -> RunResult:
    """Run a source unless another collector holds its lease (then it is skipped, not failed)."""
    with source_lease(engine, source.name) as leased:
        if not leased:
            return RunResult(RUN_SKIPPED, message=say("run_busy_elsewhere", language()))
        return run_source(engine, config, source, stop, write_summary)


def describe_result(name: str, result: RunResult, lang: str) -> str:
    """One line for the user: ``lao-cai: ok, 3 new items, 4 new snapshots — message`` (in ``lang``)."""
    line = say(
        "run_result",
        lang,
        name=name,
        status=say(f"run_{result.status}", lang),
        items=fmt_int(result.new_items, lang),
        snapshots=fmt_int(result.new_snapshots, lang),
    )
    if result.message:
        line += " — " + " ".join(result.message.split())
    return line


class Collector:
    """The long-running collector: one job per source on its schedule, plus follow-ups."""

    def __init__(
        self,
        engine: Engine,
        config: CollectorConfig,
        echo: Callable[[str], None] = print,
        write_summary: SummaryWriter | None = None,
    ) -> None:
        self.engine = engine
        self.config = config
        self.echo = echo
        self.write_summary = write_summary
        self.stop = threading.Event()
        self.scheduler = BackgroundScheduler(
            timezone=config.timezone,
            executors={"default": JobExecutor(max_workers=config.max_concurrent)},
            job_defaults=JOB_DEFAULTS,
        )
        self._running = {source.name: threading.Lock() for source in config.sources}

    def add_jobs(self) -> None:
        """One job per source, first run now (a restart catches up at once); reports only on schedule."""
        for source in self.config.sources:
            if source.paused:
                continue
            first_run = {"next_run_time": now_utc()} if source_type(source).run_at_start else {}
            self.scheduler.add_job(
                self.run,
                trigger_for(source.schedule, self.config.timezone),
                args=[source.name],
                kwargs={"scheduled": True},
                id=job_id(source.name),
                name=f"{source.type} {source.name} ({source.schedule.describe()})",
                replace_existing=True,
                **first_run,
            )

    def run(self, name: str, scheduled: bool = False) -> RunResult | None:
        """A job: run the source unless it is already running (a follow-up and its schedule met),
        here or, on PostgreSQL, in another collector; on PostgreSQL a scheduled run is skipped when
        the source has already run in this schedule slot (collectors' timers fire at different moments)."""
        lock = self._running[name]
        if self.stop.is_set() or not lock.acquire(blocking=False):
            return None
        try:
            with source_lease(self.engine, name) as leased:
                if not leased or (scheduled and self._slot_done(name)):
                    return None
                source = self.config.source(name)
                result = run_source(self.engine, self.config, source, self.stop, self.write_summary)
        finally:
            lock.release()
        self.echo(describe_result(name, result, language()))
        self._plan_follow_up(name)
        return result

    def _slot_done(self, name: str) -> bool:
        """On a shared database: has a run of this source started in the current schedule slot?"""
        if not shares_sources(self.engine):
            return False
        slot = slot_start(self.config.source(name).schedule, self.config.timezone, now_utc())
        return ran_in_slot(self.engine, name, slot)

    def _plan_follow_up(self, name: str) -> None:
        source = self.config.source(name)
        follow_up = source_type(source).follow_up
        if self.stop.is_set() or follow_up is None:
            return
        delay = follow_up(self.engine, source)
        if delay is None:
            return
        at = now_utc() + max(delay, MIN_FOLLOW_UP)
        regular = self.scheduler.get_job(job_id(name))
        if regular is not None and regular.next_run_time is not None and regular.next_run_time <= at:
            return
        self.scheduler.add_job(
            self.run,
            DateTrigger(run_date=at),
            args=[name],
            id=follow_up_id(name),
            name=f"follow-up {name}",
            replace_existing=True,
        )
        log.info("Source %s: next read at %s", name, at.isoformat(timespec="seconds"))

    def request_stop(self, *_: object) -> None:
        """Ask runs to end after their current batch, and the scheduler to stop."""
        self.stop.set()

    def serve(self, install_signals: bool = True) -> None:
        """Run until SIGINT/SIGTERM (or ``request_stop``), then wait for runs in progress."""
        lang = language()
        if install_signals:
            signal.signal(signal.SIGTERM, self.request_stop)
            signal.signal(signal.SIGINT, self.request_stop)
        closed = close_interrupted_runs(self.engine, [s.name for s in self.config.sources])
        if closed:
            self.echo(say("collect_closed", lang, count=fmt_int(closed, lang)))
        self.add_jobs()
        self.scheduler.start()
        self.echo(say("collect_serving", lang, count=fmt_int(len(self.config.sources), lang)))
        while not self.stop.wait(0.5):
            pass
        self.echo(say("collect_stopping", lang))
        self.scheduler.shutdown(wait=True)
        self.echo(say("collect_stopped", lang))


def collect(
    engine: Engine,
    config: CollectorConfig,
    *,
    once: bool = False,
    source: str | None = None,
    echo: Callable[[str], None] = print,
    write_summary: SummaryWriter | None = None,
) -> int:
    """The ``collect`` command: serve on schedules, or each source once; returns the exit code.
    ``write_summary`` writes the report sources' files (the entry point wires the dashboard's)."""
    if not config.sources:
        echo(say("collect_no_sources", language()))
        return 1
    if not once:
        if source is not None:
            config = config.model_copy(update={"sources": [config.source(source)]})
        Collector(engine, config, echo, write_summary).serve()
        return 0
    stop = threading.Event()
    previous = signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        results = run_once(engine, config, [source] if source else None, stop, write_summary)
    finally:
        signal.signal(signal.SIGTERM, previous)
    for name, result in results.items():
        echo(describe_result(name, result, language()))
    return 1 if any(result.status == RUN_FAILED for result in results.values()) else 0
