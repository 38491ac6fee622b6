"""The daily rollup: per item and local day, the last lifetime counts of the day and the day's gains.

Queries over a window read ``content_day`` (one row per item and day) instead of scanning every
snapshot ever taken, so their cost follows the window, not the history; ``channel_day`` holds its
sums per channel and day, for the daily trend of many channels. Both are refreshed in the same
transaction as the snapshots that change them; ``enrolment_day`` (the results of every unit per day
and category) likewise with the results. ``rebuild`` recomputes them all from scratch.
"""

from collections.abc import Iterable
from datetime import date

from sqlalchemy import BindParameter, Connection, bindparam, delete, distinct, func, insert, select
from sqlalchemy.sql import Select

from models.interactions import interactions_of
from models.tables import (
    ChannelDay,
    Content,
    ContentDay,
    DataChange,
    EnrolmentDay,
    EnrolmentResult,
    MetricSnapshot,
)
from models.write import in_list_size, now_utc, upsert

_COUNTS = ("views", "reach", "reactions", "comments", "shares", "clicks", "watch_time_s", "avg_watch_s")


def rollup_query(content_ids: Select | BindParameter | list[int] | None = None) -> Select:
    """content_day rows computed from snapshots (for some items, or all)."""
    snapshot = MetricSnapshot.__table__
    ranked = select(
        snapshot.c.content_id,
        snapshot.c.captured_day,
        snapshot.c.captured_at,
        *(snapshot.c[name] for name in _COUNTS),
        func.row_number()
        .over(
            partition_by=(snapshot.c.content_id, snapshot.c.captured_day),
            order_by=(snapshot.c.captured_at.desc(), snapshot.c.views.desc().nulls_last()),
        )
        .label("position"),
    )
    if content_ids is not None:
        ranked = ranked.where(snapshot.c.content_id.in_(content_ids))
    ranked = ranked.subquery("ranked")
    last = select(ranked, interactions_of(ranked.c).label("interactions")).where(ranked.c.position == 1)
    last = last.subquery("last_of_day")
    by_day = {"partition_by": last.c.content_id, "order_by": last.c.captured_day}
    return select(
        last.c.content_id,
        last.c.captured_day.label("day"),
        Content.channel_id,
        *(last.c[name] for name in _COUNTS),
        last.c.interactions,
        (last.c.views - func.coalesce(func.lag(last.c.views).over(**by_day), 0)).label("views_gain"),
        (last.c.interactions - func.coalesce(func.lag(last.c.interactions).over(**by_day), 0)).label(
            "interactions_gain"
        ),
        last.c.captured_at,
    ).join(Content, Content.id == last.c.content_id)


def first_rollup_query(content_ids: Select | BindParameter) -> Select:
    """content_day rows of items that have one snapshot each (a first import of their history, or
    items first seen): the rows :func:`rollup_query` gives them, the snapshot itself with its counts
    as the day's gains, read without its two window functions (a third of the time on 100,000 items).
    """
    snapshot = MetricSnapshot.__table__
    interactions = interactions_of(snapshot.c)
    return (
        select(
            snapshot.c.content_id,
            snapshot.c.captured_day.label("day"),
            Content.channel_id,
            *(snapshot.c[name] for name in _COUNTS),
            interactions.label("interactions"),
            snapshot.c.views.label("views_gain"),
            interactions.label("interactions_gain"),
            snapshot.c.captured_at,
        )
        .join(Content, Content.id == snapshot.c.content_id)
        .where(snapshot.c.content_id.in_(content_ids))
    )


def _one_snapshot_each(connection: Connection, content_ids: Select | BindParameter, values: dict) -> bool:
    """Whether each of these items has exactly one snapshot (so :func:`first_rollup_query` applies)."""
    snapshot = MetricSnapshot.__table__
    counted = select(func.count(), func.count(distinct(snapshot.c.content_id))).where(
        snapshot.c.content_id.in_(content_ids)
    )
    snapshots, items = connection.execute(counted, values).one()
    return snapshots == items


_COLUMNS = [
    "content_id",
    "day",
    "channel_id",
    *_COUNTS,
    "interactions",
    "views_gain",
    "interactions_gain",
    "captured_at",
]


def channel_day_query() -> Select:
    """channel_day rows computed from content_day: the gains of each channel's items per day."""
    rollup = ContentDay.__table__
    return select(
        rollup.c.day,
        rollup.c.channel_id,
        func.sum(rollup.c.views_gain).label("views_gain"),
        func.sum(rollup.c.interactions_gain).label("interactions_gain"),
    ).group_by(rollup.c.day, rollup.c.channel_id)


_CHANNEL_COLUMNS = ["day", "channel_id", "views_gain", "interactions_gain"]


def refresh(
    connection: Connection,
    content_ids: Iterable[int],
    since: date | None = None,
    channel_id: int | None = None,
) -> None:
    """Recompute the rollup rows of these items (each item's history is short: one row a day), then
    the channel rows of the days whose item rows may have changed: every day of these items, or only
    from ``since`` on (new snapshots of a day change that day's row and the next one's gain only).

    When the items are every item of ``channel_id`` (a whole history imported), they are named by one
    subquery instead of long lists of ids: half the time of refreshing 100,000 new items on SQLite.
    """
    ids = sorted(set(content_ids))
    size = in_list_size(connection)
    if channel_id is not None and _every_item_of(connection, channel_id, ids):
        items: Select | BindParameter = select(Content.id).where(Content.channel_id == channel_id)
        batches = [{}]
    else:
        # Built once, run with as many items per statement as the database takes (the query holds the
        # list once): refreshing 20,000 new items in batches of 500 took twice as long.
        items = bindparam("content_ids", expanding=True)
        batches = [{"content_ids": ids[start : start + size]} for start in range(0, len(ids), size)]
    table = ContentDay.__table__
    remove = delete(table).where(table.c.content_id.in_(items))
    recompute = insert(table).from_select(_COLUMNS, rollup_query(items))
    first = insert(table).from_select(_COLUMNS, first_rollup_query(items))
    days = select(table.c.channel_id, table.c.day).distinct().where(table.c.content_id.in_(items))
    if since is not None:
        days = days.where(table.c.day >= since)
    touched: set[tuple[int, date]] = set()
    for values in batches:
        # The days before and after: a day may lose its last item row (never with our retention).
        touched.update(tuple(row) for row in connection.execute(days, values))
        connection.execute(remove, values)
        connection.execute(first if _one_snapshot_each(connection, items, values) else recompute, values)
        touched.update(tuple(row) for row in connection.execute(days, values))
    _refresh_channel_days(connection, touched)
    if ids:
        mark_changed(connection, [since])


def _every_item_of(connection: Connection, channel_id: int, ids: list[int]) -> bool:
    """Whether ``ids`` (sorted) are exactly the items of the channel (counted first: usually not)."""
    items = select(Content.id).where(Content.channel_id == channel_id)
    count = connection.execute(select(func.count()).select_from(items.subquery())).scalar_one()
    if not ids or count != len(ids):
        return False
    return connection.execute(items.order_by(Content.id)).scalars().all() == ids


def _refresh_channel_days(connection: Connection, touched: set[tuple[int, date]]) -> None:
    """Recompute the channel_day rows of these (channel, day) pairs from content_day."""
    table = ChannelDay.__table__
    by_channel: dict[int, list[date]] = {}
    for channel_id, day in touched:
        by_channel.setdefault(channel_id, []).append(day)
    channel, batch = bindparam("channel_id"), bindparam("days", expanding=True)
    remove = delete(table).where(table.c.channel_id == channel, table.c.day.in_(batch))
    rollup = ContentDay.__table__
    sums = channel_day_query().where(rollup.c.channel_id == channel, rollup.c.day.in_(batch))
    recompute = insert(table).from_select(_CHANNEL_COLUMNS, sums)
    size = in_list_size(connection)
    for channel_id, days in sorted(by_channel.items()):
        days.sort()
        for start in range(0, len(days), size):
            values = {"channel_id": channel_id, "days": days[start : start + size]}
            connection.execute(remove, values)
            connection.execute(recompute, values)


def rebuild_content_day(connection: Connection) -> int:
    """Recompute the per-item rollup from the snapshots; returns its number of rows."""
    table = ContentDay.__table__
    connection.execute(delete(table))
    connection.execute(insert(table).from_select(_COLUMNS, rollup_query()))
    return connection.execute(select(func.count()).select_from(table)).scalar_one()


def rebuild_channel_day(connection: Connection) -> int:
    """Recompute the per-channel rollup from the per-item one; returns its number of rows."""
    table = ChannelDay.__table__
    connection.execute(delete(table))
    connection.execute(insert(table).from_select(_CHANNEL_COLUMNS, channel_day_query()))
    return connection.execute(select(func.count()).select_from(table)).scalar_one()


def mark_changed(connection: Connection, days: Iterable[date | None]) -> None:
    """Note that figures from the earliest of ``days`` on changed now (``None``: every day), in the
    caller's transaction, so kept figures of finished periods that include it are computed again."""
    found = list(days)
    if not found:
        return
    earliest = (
        min((day for day in found if day is not None), default=date.min) if None not in found else date.min
    )
    upsert(connection, DataChange, [{"day": earliest, "changed_at": now_utc()}], ("day",), ("changed_at",))


def enrolment_day_query() -> Select:
    """enrolment_day rows computed from enrolment_result: the results of every unit per day and category."""
    result = EnrolmentResult.__table__
    return select(result.c.day, result.c.category, func.sum(result.c.count).label("count")).group_by(
        result.c.day, result.c.category
    )


def refresh_enrolment_days(connection: Connection, days: Iterable[date]) -> None:
    """Recompute the enrolment_day rows of these days from enrolment_result (after results for them
    were saved, in the same transaction)."""
    table, result = EnrolmentDay.__table__, EnrolmentResult.__table__
    ordered = sorted(set(days))
    mark_changed(connection, ordered[:1])
    size = in_list_size(connection)
    for start in range(0, len(ordered), size):
        batch = ordered[start : start + size]
        connection.execute(delete(table).where(table.c.day.in_(batch)))
        connection.execute(
            insert(table).from_select(
                ["day", "category", "count"], enrolment_day_query().where(result.c.day.in_(batch))
            )
        )


def rebuild_enrolment_day(connection: Connection) -> int:
    """Recompute the enrolment rollup from the results; returns its number of rows."""
    table = EnrolmentDay.__table__
    connection.execute(delete(table))
    connection.execute(insert(table).from_select(["day", "category", "count"], enrolment_day_query()))
    return connection.execute(select(func.count()).select_from(table)).scalar_one()


def rebuild(connection: Connection) -> int:
    """Recompute the whole rollup (items, then channels, and the enrolment days) from the snapshots
    and results; returns the number of item rows."""
    rows = rebuild_content_day(connection)
    rebuild_channel_day(connection)
    rebuild_enrolment_day(connection)
    mark_changed(connection, [None])
    return rows
