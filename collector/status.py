"""What ``engagement-monitor status`` says: the configured sources and how their last run went,
row counts, and the last collection runs, in the user's language."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, select

from collector.messages import say
from models.errors import UserError
from models.health import source_health_rows
from models.i18n import fmt_datetime, fmt_int
from models.store import row_counts
from models.tables import DEFAULT_TIMEZONE, CollectionRun

if TYPE_CHECKING:
    from collector.config import CollectorConfig, Source

LAST_RUNS = 10


def status_lines(connection: Connection, database: str, config_path: Path, lang: str) -> list[str]:
    """The lines of the status report for the database labelled ``database`` and the sources file."""
    lines = [say("status_database", lang, url=database)]
    timezone = DEFAULT_TIMEZONE
    if not config_path.is_file():
        lines.append(say("status_no_config", lang, path=config_path))
    else:
        from collector.config import load_config  # the source registry: every platform's module

        try:
            config = load_config(config_path)
        except UserError as error:
            lines.append(str(error))
        else:
            timezone = config.timezone
            lines += source_lines(connection, config, config_path, lang)
    lines.append(say("status_rows", lang))
    for table, count in row_counts(connection).items():
        lines.append(f"  {table:<18} {fmt_int(count, lang):>10}")
    runs = connection.execute(
        select(CollectionRun).order_by(CollectionRun.started_at.desc()).limit(LAST_RUNS)
    ).all()
    lines.append(say("status_runs" if runs else "status_no_runs", lang))
    for run in runs:
        lines.append(
            say(
                "status_run",
                lang,
                source=run.source,
                status=say(f"run_{run.status}", lang),
                finished=fmt_datetime(run.finished_at, lang, timezone),
                items=fmt_int(run.new_items, lang),
                snapshots=fmt_int(run.new_snapshots, lang),
                message=" ".join((run.message or "").split()),
            ).rstrip()
        )
    return lines


def source_lines(connection: Connection, config: CollectorConfig, config_path: Path, lang: str) -> list[str]:
    """One line per configured source: name, type, schedule, and its last run (``source_health_rows``)."""
    from collector.sources import source_type

    health = {row["source"]: row for row in source_health_rows(connection)}
    lines = [say("status_sources", lang, path=config_path)]
    if not config.sources:
        lines.append(say("status_no_sources", lang))
    for source in config.sources:
        row = health.get(source.name)
        if row is None:
            last = say("status_never_run", lang)
        else:
            when = fmt_datetime(row["last_run"], lang, config.timezone)
            last = say("status_last_run", lang, when=when, status=say(f"run_{row['status']}", lang))
            failing_since = row["failing_since"]
            if failing_since is not None:
                since = fmt_datetime(failing_since, lang, config.timezone)
                last += say("status_failing_since", lang, when=since)
        schedule = schedule_text(source, lang)
        describe = source_type(source).status
        extra = describe(connection, source, lang) if describe else None
        if extra:
            last += f"; {extra}"
        if source.paused:
            last += f"; {say('status_paused', lang)}"
        lines.append(
            say("status_source", lang, name=source.name, type=source.type, schedule=schedule, last=last)
        )
    return lines


def schedule_text(source: Source, lang: str) -> str:
    """The schedule as written in the sources file: ``every 1h``, ``cron 0 7 * * *``, ``mon 07:00``."""
    from collector.plumbing.source_base import day_time_cron, looks_like_cron

    every = source.every or "1h"
    if source.cron or looks_like_cron(every):
        return say("status_cron", lang, cron=source.cron or every)
    if day_time_cron(every):
        return every
    return say("status_every", lang, every=every)
