"""How the collection runs went, as plain rows: what ``status`` and YouTube's quota need, without
pandas (``models.metrics`` gives the dashboard the same figures as data frames)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, func, or_, select
from sqlalchemy.sql import ColumnElement, Select

from models.tables import CollectionRun


def distinct_values_query(column: ColumnElement) -> Select:
    """The distinct non-null values of an indexed column, in order, by one index lookup per value
    (a recursive "loose index scan") instead of reading every row of the table."""
    first = select(func.min(column).label("value"))
    found = first.cte("found", recursive=True)
    following = select(func.min(column)).where(column > found.c.value).scalar_subquery()
    found = found.union_all(select(following).where(found.c.value.is_not(None)))
    return select(found.c.value.label(column.name)).where(found.c.value.is_not(None)).order_by(found.c.value)


def api_units_used(connection: Connection, sources: Sequence[str], since: datetime) -> int:
    """Quota units the runs of ``sources`` started since ``since`` spent (YouTube's daily quota)."""
    if not sources:
        return 0
    query = select(func.coalesce(func.sum(CollectionRun.api_units), 0)).where(
        CollectionRun.source.in_(list(sources)), CollectionRun.started_at >= since
    )
    return int(connection.execute(query).scalar_one())


def source_health_query() -> Select:
    """Per source: last run and its status, last success, and since when it has been failing.

    Each figure is a lookup per source in ``ix_run_source_started`` (source, started_at): the last
    run and the last success read backwards from the newest run, the first failure since that
    success forwards from it, so the cost follows the runs since the last success, not the history."""
    run = CollectionRun.__table__
    sources = distinct_values_query(run.c.source).subquery("sources")
    newest = run.alias("newest")
    last_id = (
        select(newest.c.id)
        .where(newest.c.source == sources.c.source)
        .order_by(newest.c.started_at.desc(), newest.c.id.desc())
        .limit(1)
        .scalar_subquery()
    )
    succeeded = run.alias("succeeded")
    last_success = (
        select(succeeded.c.started_at)
        .where(succeeded.c.source == sources.c.source, succeeded.c.status == "ok")
        .order_by(succeeded.c.started_at.desc())
        .limit(1)
        .scalar_subquery()
    )
    per_source = select(
        sources.c.source, last_id.label("last_id"), last_success.label("last_success")
    ).subquery("per_source")
    failed = run.alias("failed")
    failing_since = (
        select(failed.c.started_at)
        .where(
            failed.c.source == per_source.c.source,
            failed.c.status == "failed",
            or_(per_source.c.last_success.is_(None), failed.c.started_at > per_source.c.last_success),
        )
        .order_by(failed.c.started_at)
        .limit(1)
        .scalar_subquery()
    )
    return (
        select(
            per_source.c.source,
            run.c.status,
            run.c.started_at.label("last_run"),
            run.c.message,
            per_source.c.last_success,
            failing_since.label("failing_since"),
        )
        .join(run, run.c.id == per_source.c.last_id)
        .order_by(per_source.c.source)
    )


def source_health_rows(connection: Connection) -> list[dict[str, Any]]:
    """``source_health_query`` as one dict per source."""
    return [dict(row) for row in connection.execute(source_health_query()).mappings()]
