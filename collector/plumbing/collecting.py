"""What every collecting source shares: the tapering capture schedule (when an item is due), the
state a source keeps between runs, when each item last got a snapshot, and how soon a source reading
one channel wants another run."""

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, func, select

from models.tables import Channel, Content, MetricSnapshot, SourceState
from models.write import now_utc, upsert, utc

# (age below which, capture every): the tapering schedule shared by posts and ended livestreams.
TAPER = (
    (timedelta(hours=2), timedelta(minutes=15)),
    (timedelta(hours=48), timedelta(hours=1)),
    (timedelta(days=30), timedelta(days=1)),
)
TAPER_END = TAPER[-1][0]
# A capture slightly early still counts: runs drift by a few seconds or minutes.
EARLY = 0.9

STATE_LIVE = "live_now"  # the broadcasts a source saw on air at its last run


def capture_interval(age: timedelta) -> timedelta | None:
    """How often an item of this age is captured; None once it is older than 30 days."""
    for limit, every in TAPER:
        if age < limit:
            return every
    return None


def due(age: timedelta, last_captured: timedelta | None) -> bool:
    """Whether an item of ``age``, last captured ``last_captured`` ago (None: never), needs a snapshot."""
    if last_captured is None:
        return True
    interval = capture_interval(age)
    return interval is not None and last_captured >= interval * EARLY


def next_due_in(age: timedelta, last_captured: timedelta | None) -> timedelta | None:
    """How long until the item is due (zero: now); None when it will never be captured again."""
    if last_captured is None:
        return timedelta(0)
    interval = capture_interval(age)
    if interval is None:
        return None
    return max(timedelta(0), interval * EARLY - last_captured)


def read_state(connection: Connection, source: str) -> dict[str, Any]:
    """What ``source`` remembered from its earlier runs."""
    query = select(SourceState.key, SourceState.value).where(SourceState.source == source)
    return dict(connection.execute(query).all())


def write_state(connection: Connection, source: str, values: dict[str, Any]) -> None:
    """Remember ``values`` for ``source`` (one row per key; None is stored as null)."""
    rows = [{"source": source, "key": k, "value": v, "updated_at": now_utc()} for k, v in values.items()]
    upsert(connection, SourceState, rows, conflict=("source", "key"), update=("value", "updated_at"))


class Stopped(Exception):
    """The collector was asked to stop; the run ends after its last complete batch."""


def last_captures(connection: Connection, channel_id: int, source: str = "graph_api") -> dict[str, datetime]:
    """When each content item of the channel last got a snapshot from ``source`` (an API, not an export)."""
    query = (
        select(Content.external_id, func.max(MetricSnapshot.captured_at))
        .join(MetricSnapshot, MetricSnapshot.content_id == Content.id)
        .where(Content.channel_id == channel_id, MetricSnapshot.source == source)
        .group_by(Content.external_id)
    )
    return {external_id: _aware(moment) for external_id, moment in connection.execute(query)}


def _aware(moment: datetime | str) -> datetime:
    """``max()`` over a UTC column comes back naive (or as text on SQLite)."""
    return utc(datetime.fromisoformat(moment) if isinstance(moment, str) else moment)


def channel_follow_up(
    engine: Engine,
    source_name: str,
    platform: str,
    external_id: str,
    live_interval: timedelta,
    snapshot_source: str = "graph_api",
    now: datetime | None = None,
) -> timedelta | None:
    """How soon a source reading one channel wants another run: ``live_interval`` while it remembers
    a broadcast on air (``live_now`` in its state), else when the channel's next young item is due."""
    now = utc(now or now_utc())
    with engine.connect() as connection:
        state = read_state(connection, source_name)
        if state.get(STATE_LIVE):
            return live_interval
        channel_id = connection.execute(
            select(Channel.id).where(Channel.platform == platform, Channel.external_id == external_id)
        ).scalar_one_or_none()
        if channel_id is None:
            return None
        captures = last_captures(connection, channel_id, snapshot_source)
        items = connection.execute(
            select(Content.external_id, Content.published_at, Content.duration_s).where(
                Content.channel_id == channel_id, Content.published_at >= now - TAPER_END
            )
        ).all()
    delays = []
    for item_id, published_at, duration_s in items:
        born = utc(published_at) + timedelta(seconds=duration_s or 0)
        last = captures.get(item_id)
        delay = next_due_in(now - born, now - last if last else None)
        if delay is not None:
            delays.append(delay)
    return min(delays, default=None)
