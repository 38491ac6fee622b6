"""Leases that let several ``engagement-monitor collect`` processes share the sources of one
PostgreSQL database: each source runs in one process at a time, once per schedule slot.

A lease is a PostgreSQL session advisory lock on a hash of the source name, taken with
``pg_try_advisory_lock`` on a connection of its own and held for the whole run. Under the lease a
process runs a scheduled source only if no run of it has started in the current slot (the
``collection_run`` rows are the ledger), so workers whose timers fire at different moments still
run each slot once. When a worker dies, PostgreSQL closes its session and frees its leases at once:
the next slot of its sources is run by whichever worker fires first, within one schedule interval.

SQLite has no advisory locks and allows one writer at a time: a SQLite database is served by a
single collector process, so there every lease is granted and runs keep their plain schedule.
"""

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

from apscheduler.triggers.cron import CronTrigger
from sqlalchemy import Engine, func, select, text

from collector.plumbing.source_base import Schedule
from models.tables import CollectionRun

_NAMESPACE = "engagement-monitor source:"
# How far back to look for the last fire time of a crontab expression, shortest first.
_CRON_LOOKBACK = (timedelta(minutes=2), timedelta(hours=2), timedelta(days=2), timedelta(days=62))


def lease_key(source_name: str) -> int:
    """The advisory-lock key of a source: a stable signed 64-bit hash of its name."""
    digest = hashlib.sha256((_NAMESPACE + source_name).encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


def shares_sources(engine: Engine) -> bool:
    """True when several collector processes may share this database (PostgreSQL)."""
    return engine.dialect.name == "postgresql"


def slot_start(schedule: Schedule, timezone: str, now: datetime) -> datetime:
    """The start of the schedule slot ``now`` falls in: the last crontab fire time, or ``now``
    rounded down to a whole number of intervals since the Unix epoch (the same for every worker)."""
    if schedule.cron:
        trigger = CronTrigger.from_crontab(schedule.cron, timezone=timezone)
        for lookback in _CRON_LOOKBACK:
            last, fire = None, trigger.get_next_fire_time(None, now - lookback)
            while fire is not None and fire <= now:
                last, fire = fire, trigger.get_next_fire_time(fire, fire + timedelta(seconds=1))
            if last is not None:
                return last.astimezone(UTC)
        return now - _CRON_LOOKBACK[-1]
    assert schedule.interval is not None
    epoch = datetime(1970, 1, 1, tzinfo=UTC)
    return now - (now - epoch) % schedule.interval


@contextmanager
def source_lease(engine: Engine, source_name: str) -> Iterator[bool]:
    """Hold the lease of a source for the duration of the block; yields False when another
    process holds it (then do nothing). Always granted on SQLite."""
    if not shares_sources(engine):
        yield True
        return
    key = lease_key(source_name)
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        granted = connection.execute(text("SELECT pg_try_advisory_lock(:key)"), {"key": key}).scalar_one()
        try:
            yield bool(granted)
        finally:
            if granted:
                connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": key})


def ran_in_slot(engine: Engine, source_name: str, slot: datetime) -> bool:
    """True when a run of the source has started since ``slot`` began."""
    with engine.connect() as connection:
        started = connection.execute(
            select(func.count())
            .select_from(CollectionRun)
            .where(CollectionRun.source == source_name, CollectionRun.started_at >= slot)
        ).scalar_one()
    return started > 0
