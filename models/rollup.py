"""The daily rollup: per item and local day, the last lifetime counts of the day and the day's gains.

Queries over a window read ``content_day`` (one row per item and day) instead of scanning every
snapshot ever taken, so their cost follows the window, not the history. The rollup is refreshed in
the same transaction as the snapshots that change it; ``rebuild`` recomputes it from scratch.
"""

from collections.abc import Iterable

from sqlalchemy import BindParameter, Connection, bindparam, delete, func, insert, select
from sqlalchemy.sql import Select

from models.metrics import interactions_of
from models.tables import Content, ContentDay, MetricSnapshot
from models.write import in_list_size

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


def refresh(connection: Connection, content_ids: Iterable[int]) -> None:
    """Recompute the rollup rows of these items (each item's history is short: one row a day)."""
    ids = sorted(set(content_ids))
    table = ContentDay.__table__
    # Built once, run with as many items per statement as the database takes (the query holds the
    # list once): refreshing 20,000 new items in batches of 500 took twice as long.
    batch = bindparam("content_ids", expanding=True)
    remove = delete(table).where(table.c.content_id.in_(batch))
    recompute = insert(table).from_select(_COLUMNS, rollup_query(batch))
    size = in_list_size(connection)
    for start in range(0, len(ids), size):
        values = {"content_ids": ids[start : start + size]}
        connection.execute(remove, values)
        connection.execute(recompute, values)


def rebuild(connection: Connection) -> int:
    """Recompute the whole rollup from the snapshots; returns the number of rows."""
    table = ContentDay.__table__
    connection.execute(delete(table))
    connection.execute(insert(table).from_select(_COLUMNS, rollup_query()))
    return connection.execute(select(func.count()).select_from(table)).scalar_one()
