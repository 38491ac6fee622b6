"""Typed records that sources produce, and the functions that write them (idempotently).

Parsers in ``collector/`` turn files and API payloads into these records without touching the
database; the functions here write them inside the caller's transaction, so that one file or one
API page lands whole or not at all.
"""

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, delete, func, select, update

from models import rollup
from models.errors import UserError
from models.messages import say
from models.tables import (
    DEFAULT_TIMEZONE,
    Activity,
    Campaign,
    CampaignContent,
    Channel,
    CollectionRun,
    Content,
    ContentDayFigure,
    ContentPeriodFigure,
    EnrolmentResult,
    MetricSnapshot,
    PageMetric,
    Unit,
    UnitAlias,
)
from models.write import ids_by_key, in_list_size, local_day, now_utc, upsert, utc

COUNT_FIELDS = (
    "views",
    "reach",
    "reactions",
    "comments",
    "shares",
    "clicks",
    "watch_time_s",
    "avg_watch_s",
    "live_viewers",
)


@dataclass(frozen=True)
class ChannelRecord:
    external_id: str
    name: str
    platform: str = "facebook"
    timezone: str = DEFAULT_TIMEZONE
    followers: int | None = None
    link: str | None = None


@dataclass(frozen=True)
class ContentRecord:
    external_id: str
    kind: str
    title: str | None = None
    message: str | None = None
    permalink: str | None = None
    published_at: datetime | None = None
    duration_s: float | None = None
    labels: str | None = None
    live_status: str | None = None
    raw: dict | None = field(default=None, compare=False)


@dataclass(frozen=True)
class SnapshotRecord:
    """Lifetime counts of the content item ``content_external_id`` at ``captured_at``."""

    content_external_id: str
    captured_at: datetime
    source: str
    views: int | None = None
    reach: int | None = None
    reactions: int | None = None
    comments: int | None = None
    shares: int | None = None
    clicks: int | None = None
    watch_time_s: float | None = None
    avg_watch_s: float | None = None
    live_viewers: int | None = None


@dataclass(frozen=True)
class PageMetricRecord:
    day: date
    metric: str
    value: int | None
    source: str


@dataclass(frozen=True)
class DayFigureRecord:
    """What the item ``content_external_id`` did on ``day`` (its views that day, not a lifetime count)."""

    content_external_id: str
    day: date
    source: str
    views: int | None = None


@dataclass(frozen=True)
class PeriodFigureRecord:
    """What the item ``content_external_id`` did from ``start_day`` to ``end_day`` (both included), as a
    period export gives it; net figures may be negative."""

    content_external_id: str
    start_day: date
    end_day: date
    source: str
    views: int | None = None
    likes: int | None = None
    comments: int | None = None
    shares: int | None = None
    impressions: int | None = None
    watch_time_s: float | None = None
    avg_watch_s: float | None = None


@dataclass(frozen=True)
class EnrolmentRecord:
    day: date
    unit: str
    category: str
    count: int | None


@dataclass(frozen=True)
class CampaignRecord:
    name: str
    start_date: date
    end_date: date
    description: str | None = None
    targets: dict[str, int] | None = None


@dataclass(frozen=True)
class UnitRecord:
    """A unit of the unit list: its name, level, parent's name and the other names its results carried."""

    name: str
    level: str | None = None
    parent: str | None = None
    aliases: tuple[str, ...] = ()
    channel: str | None = None  # the channel (fanpage) that speaks for it, by name


@dataclass
class ContentSaved:
    """What saving content did: its database ids by external id, and how many were new."""

    ids: dict[str, int]
    new: int
    updated: int
    unchanged: int


def save_channel(connection: Connection, record: ChannelRecord) -> int:
    """Create or update a channel; returns its id. Unknown values (None) keep what we had."""
    values = {k: v for k, v in asdict(record).items() if v is not None}
    upsert(
        connection,
        Channel,
        [values],
        conflict=("platform", "external_id"),
        update=[k for k in values if k not in ("platform", "external_id")],
    )
    key = (record.platform, record.external_id)
    return ids_by_key(connection, Channel, ("platform", "external_id"), [key])[key]


def channel_timezone(connection: Connection, channel_id: int) -> str:
    return connection.execute(select(Channel.timezone).where(Channel.id == channel_id)).scalar_one()


_CONTENT_COLUMNS = (
    "kind",
    "title",
    "message",
    "permalink",
    "published_at",
    "published_day",
    "duration_s",
    "labels",
    "live_status",
)


def save_contents(connection: Connection, channel_id: int, records: Sequence[ContentRecord]) -> ContentSaved:
    """Create or update content items of one channel (title, permalink, kind may change)."""
    timezone = channel_timezone(connection, channel_id)
    rows = []
    for record in {r.external_id: r for r in records}.values():
        # A shallow copy: asdict() deep-copies ``raw`` and was most of the time of a large import.
        row = {"channel_id": channel_id, **vars(record)}
        if record.published_at is not None:
            row["published_at"] = utc(record.published_at)
            row["published_day"] = local_day(record.published_at, timezone)
        else:
            row["published_day"] = None
        rows.append(row)
    stored_before = select(Content.id).where(Content.channel_id == channel_id).limit(1)
    had_content = connection.execute(stored_before).first() is not None
    # A channel's first import (often its largest, a whole history) has nothing to compare with.
    external_ids = [row["external_id"] for row in rows]
    existing = _existing_content(connection, channel_id, external_ids) if had_content else {}
    changed = [
        row
        for row in rows
        if row["external_id"] not in existing or existing[row["external_id"]][1] != _comparable(row)
    ]
    new = [row["external_id"] for row in changed if row["external_id"] not in existing]
    upsert(
        connection,
        Content,
        changed,
        conflict=("channel_id", "external_id"),
        update=[*_CONTENT_COLUMNS, "raw"],
    )
    # Items in no period's window (no published day) change no period's figures until their snapshots do.
    rollup.mark_changed(connection, [row["published_day"] for row in changed if row["published_day"]])
    ids = {external_id: content_id for external_id, (content_id, _) in existing.items()}
    if not had_content:
        # All the channel holds now came from these rows: read it whole rather than key by key.
        query = select(Content.external_id, Content.id).where(Content.channel_id == channel_id)
        ids.update((external_id, content_id) for external_id, content_id in connection.execute(query))
    elif new:
        keys = ids_by_key(connection, Content, ("channel_id", "external_id"), [(channel_id, n) for n in new])
        ids.update((external_id, content_id) for (_, external_id), content_id in keys.items())
    return ContentSaved(
        ids={external_id: ids[external_id] for external_id in external_ids},
        new=len(new),
        updated=len(changed) - len(new),
        unchanged=len(rows) - len(changed),
    )


def _comparable(row: dict[str, Any]) -> tuple:
    values = []
    for column in _CONTENT_COLUMNS:
        value = row.get(column)
        values.append(utc(value) if isinstance(value, datetime) else value)
    return tuple(values)


def _existing_content(
    connection: Connection, channel_id: int, external_ids: list[str]
) -> dict[str, tuple[int, tuple]]:
    """Stored content of the channel among ``external_ids``: external id → (id, comparable values)."""
    found: dict[str, tuple[int, tuple]] = {}
    columns = [Content.__table__.c[name] for name in _CONTENT_COLUMNS]
    query = select(Content.external_id, Content.id, *columns).where(
        Content.channel_id == channel_id, Content.external_id.in_(bindparam("external_ids", expanding=True))
    )
    size = in_list_size(connection)
    for start in range(0, len(external_ids), size):
        for row in connection.execute(query, {"external_ids": external_ids[start : start + size]}):
            found[row[0]] = (row[1], _comparable(dict(zip(_CONTENT_COLUMNS, row[2:], strict=True))))
    return found


_SNAPSHOT_FIELDS = ("source", *COUNT_FIELDS)


def save_snapshots(
    connection: Connection,
    channel_id: int,
    content_ids: dict[str, int],
    records: Sequence[SnapshotRecord],
) -> int:
    """Append snapshots (a snapshot already stored for the same moment and source is kept)."""
    timezone = channel_timezone(connection, channel_id)
    days: dict[datetime, date] = {}  # a file's or a run's snapshots share one moment
    rows = []
    for record in records:
        captured_at = utc(record.captured_at)
        if captured_at not in days:
            days[captured_at] = local_day(captured_at, timezone)
        row = {name: getattr(record, name) for name in _SNAPSHOT_FIELDS}
        row["content_id"] = content_ids[record.content_external_id]
        row["captured_at"], row["captured_day"] = captured_at, days[captured_at]
        rows.append(row)
    added = upsert(connection, MetricSnapshot, rows, conflict=("content_id", "captured_at", "source"))
    if added < len(rows):
        _refuse_other_counts(connection, rows, {v: k for k, v in content_ids.items()})
    if added:
        since = min(row["captured_day"] for row in rows)
        rollup.refresh(connection, {row["content_id"] for row in rows}, since, channel_id)
    return added


class CountsDiffer(UserError):
    """A file gives other counts for a moment already stored: which are right is for a person to say."""


def _refuse_other_counts(connection: Connection, rows: list[dict], external_ids: dict[int, str]) -> None:
    """Refuse snapshots that clash with stored ones for the same item, moment and source but carry
    other counts (the same export again with 10× the views): keeping the old ones silently would
    hide the new, taking the new would rewrite history unasked."""
    moments = sorted({row["captured_at"] for row in rows})
    wanted = {(row["content_id"], row["captured_at"], row["source"]): row for row in rows}
    query = select(
        MetricSnapshot.content_id, MetricSnapshot.captured_at, *map(_snapshot_column, _SNAPSHOT_FIELDS)
    )
    stored = connection.execute(
        query.where(
            MetricSnapshot.captured_at.in_(moments),
            MetricSnapshot.content_id.in_({r["content_id"] for r in rows}),
        )
    )
    differing = []
    for content_id, captured_at, source, *counts in stored:
        row = wanted.get((content_id, utc(captured_at), source))
        if row is not None and any(
            new is not None and new != old
            for new, old in zip((row[f] for f in COUNT_FIELDS), counts, strict=True)
        ):
            differing.append(external_ids.get(content_id, str(content_id)))
    if differing:
        raise CountsDiffer(
            say(
                "snapshot_counts_differ",
                count=len(differing),
                example=differing[0],
                when=moments[0].isoformat(),
            )
        )


def _snapshot_column(name: str):
    return getattr(MetricSnapshot, name)


def save_page_metrics(connection: Connection, channel_id: int, records: Sequence[PageMetricRecord]) -> int:
    """Store page-level daily values; a later value for the same day and metric replaces it."""
    rows = [{"channel_id": channel_id, **asdict(record)} for record in records]
    rollup.mark_changed(connection, [row["day"] for row in rows])
    return upsert(
        connection,
        PageMetric,
        rows,
        conflict=("channel_id", "day", "metric"),
        update=("value", "source"),
    )


def save_day_figures(
    connection: Connection, channel_id: int, content_ids: dict[str, int], records: Sequence[DayFigureRecord]
) -> int:
    """Store per-item daily figures; a later file's figure for the same item and day replaces it.
    Returns how many rows were written."""
    rows = [
        {
            "content_id": content_ids[record.content_external_id],
            "day": record.day,
            "channel_id": channel_id,
            "views": record.views,
            "source": record.source,
        }
        for record in records
    ]
    rollup.mark_changed(connection, [row["day"] for row in rows])
    return upsert(
        connection, ContentDayFigure, rows, conflict=("content_id", "day"), update=("views", "source")
    )


_PERIOD_FIGURES = ("views", "likes", "comments", "shares", "impressions", "watch_time_s", "avg_watch_s")


def save_period_figures(
    connection: Connection,
    channel_id: int,
    content_ids: dict[str, int],
    records: Sequence[PeriodFigureRecord],
) -> int:
    """Store per-item figures of a period; a later export of the same item and period replaces them.
    Returns how many rows were written."""
    rows = [
        {
            "content_id": content_ids[record.content_external_id],
            "channel_id": channel_id,
            "start_day": record.start_day,
            "end_day": record.end_day,
            "source": record.source,
            **{name: getattr(record, name) for name in _PERIOD_FIGURES},
        }
        for record in records
    ]
    rollup.mark_changed(connection, [row["start_day"] for row in rows])
    return upsert(
        connection,
        ContentPeriodFigure,
        rows,
        conflict=("content_id", "start_day", "end_day"),
        update=(*_PERIOD_FIGURES, "source"),
    )


@dataclass
class EnrolmentSaved:
    new: int
    changed: int
    unchanged: int


def save_enrolments(connection: Connection, records: Sequence[EnrolmentRecord]) -> EnrolmentSaved:
    """Store enrolment results; a corrected value replaces the old one for its day, unit, category."""
    latest = {(r.day, r.unit, r.category): r.count for r in records}
    existing = {}
    days = sorted({key[0] for key in latest})
    if days:
        query = select(
            EnrolmentResult.day,
            EnrolmentResult.unit,
            EnrolmentResult.category,
            EnrolmentResult.count,
        ).where(EnrolmentResult.day.between(days[0], days[-1]))
        existing = {(d, u, c): n for d, u, c, n in connection.execute(query)}
    new = sum(1 for key in latest if key not in existing)
    changed = sum(1 for key, count in latest.items() if key in existing and existing[key] != count)
    rows = [
        {"day": d, "unit": u, "category": c, "count": n}
        for (d, u, c), n in latest.items()
        if existing.get((d, u, c), object()) != n
    ]
    upsert(connection, EnrolmentResult, rows, conflict=("day", "unit", "category"), update=("count",))
    rollup.refresh_enrolment_days(connection, {row["day"] for row in rows})
    return EnrolmentSaved(new=new, changed=changed, unchanged=len(latest) - new - changed)


def save_campaign(connection: Connection, record: CampaignRecord) -> int:
    """Create or update a campaign by name; returns its id."""
    if record.end_date < record.start_date:
        raise ValueError(f"Campaign {record.name!r} ends before it starts")
    upsert(
        connection,
        Campaign,
        [asdict(record)],
        conflict=("name",),
        update=("start_date", "end_date", "description", "targets"),
    )
    return connection.execute(select(Campaign.id).where(Campaign.name == record.name)).scalar_one()


@dataclass
class UnitsSaved:
    new: int
    changed: int
    unchanged: int


def save_units(connection: Connection, records: Sequence[UnitRecord]) -> UnitsSaved:
    """Store the unit list: each unit by name with its level and parent (a parent not listed anywhere
    is added by name), and exactly the aliases the list gives it."""
    latest = {record.name: record for record in records}
    before = _units(connection)
    parents = {r.parent for r in latest.values() if r.parent} - set(latest) - set(before)
    rows = [{"name": name, "level": r.level, "channel": r.channel} for name, r in latest.items()]
    rows += [{"name": name, "level": None, "channel": None} for name in sorted(parents)]
    upsert(connection, Unit, rows, conflict=("name",), update=("level", "channel"))
    ids = dict(connection.execute(select(Unit.name, Unit.id)).all())
    for name, record in latest.items():
        connection.execute(
            update(Unit)
            .where(Unit.id == ids[name])
            .values(parent_id=ids.get(record.parent) if record.parent else None)
        )
    connection.execute(delete(UnitAlias).where(UnitAlias.unit_id.in_([ids[name] for name in latest])))
    aliases = [
        {"unit_id": ids[name], "alias": alias}
        for name, record in latest.items()
        for alias in dict.fromkeys(record.aliases)
        if alias != name
    ]
    upsert(connection, UnitAlias, aliases, conflict=("unit_id", "alias"))
    after = _units(connection)
    loops = parent_cycles({name: parent for name, (_, parent, _, _) in after.items()})
    if loops:  # with units stored before: this list's parents and theirs go round in a circle
        raise UserError(say("unit_parent_cycle_stored", cycle=" → ".join(min(loops.values()))))
    new = sum(1 for name in latest if name not in before)
    changed = sum(1 for name in latest if name in before and before[name] != after[name])
    return UnitsSaved(new=new, changed=changed, unchanged=len(latest) - new - changed)


def parent_cycles(parents: Mapping[str, str | None]) -> dict[str, list[str]]:
    """Each unit on a loop of parents (A under B, B under C, C under A), with its loop from itself
    back to itself: ``{"A": ["A", "B", "C", "A"], …}``. A unit under itself is a loop of one."""
    cycles: dict[str, list[str]] = {}
    for start in parents:
        path: list[str] = []
        position: dict[str, int] = {}
        current: str | None = start
        while current in parents and current not in position and current not in cycles:
            position[current] = len(path)
            path.append(current)
            current = parents[current]
        if current in position:
            loop = path[position[current] :]
            for i, name in enumerate(loop):
                cycles[name] = [*loop[i:], *loop[:i], name]
    return cycles


def _units(connection: Connection) -> dict[str, tuple]:
    """Each unit's level, parent, sorted aliases and channel, by name (to tell what an import changed)."""
    parent = Unit.__table__.alias("parent")
    rows = connection.execute(
        select(Unit.id, Unit.name, Unit.level, parent.c.name, Unit.channel).outerjoin(
            parent, parent.c.id == Unit.parent_id
        )
    ).all()
    aliases: dict[int, list[str]] = {}
    for unit_id, alias in connection.execute(select(UnitAlias.unit_id, UnitAlias.alias)):
        aliases.setdefault(unit_id, []).append(alias)
    return {
        name: (level, parent_name, tuple(sorted(aliases.get(i, []))), channel)
        for i, name, level, parent_name, channel in rows
    }


def save_campaign_assignments(
    connection: Connection, campaign_id: int, content_ids: Sequence[int], assigned: bool = True
) -> int:
    """Assign content items to a campaign (``assigned=False`` takes them out of its window)."""
    rows = [{"campaign_id": campaign_id, "content_id": item, "assigned": assigned} for item in content_ids]
    return upsert(
        connection, CampaignContent, rows, conflict=("campaign_id", "content_id"), update=("assigned",)
    )


def update_campaign(connection: Connection, campaign_id: int, record: CampaignRecord) -> None:
    """Change a campaign's name, dates, description or targets (it keeps its id and its content)."""
    if record.end_date < record.start_date:
        raise ValueError(f"Campaign {record.name!r} ends before it starts")
    connection.execute(update(Campaign).where(Campaign.id == campaign_id).values(**asdict(record)))


def delete_campaign(connection: Connection, campaign_id: int) -> None:
    """Delete a campaign and its assignment decisions (the content itself stays)."""
    connection.execute(delete(CampaignContent).where(CampaignContent.campaign_id == campaign_id))
    connection.execute(delete(Campaign).where(Campaign.id == campaign_id))


def clear_campaign_assignments(connection: Connection, campaign_id: int, content_ids: Sequence[int]) -> int:
    """Forget explicit decisions about these items: they belong to the campaign by publishing date again."""
    result = connection.execute(
        delete(CampaignContent).where(
            CampaignContent.campaign_id == campaign_id, CampaignContent.content_id.in_(list(content_ids))
        )
    )
    return result.rowcount


def start_run(engine: Engine, source: str) -> int:
    """Record that a source run has begun (committed at once, so a crash leaves a trace)."""
    with engine.begin() as connection:
        result = connection.execute(
            CollectionRun.__table__.insert().values(
                source=source,
                started_at=now_utc(),
                status="running",
                new_items=0,
                new_snapshots=0,
            )
        )
        return result.inserted_primary_key[0]


def finish_run(
    engine: Engine,
    run_id: int,
    status: str,
    new_items: int = 0,
    new_snapshots: int = 0,
    message: str | None = None,
    api_units: int | None = None,
) -> None:
    """Close a run with its outcome (and the API quota units it spent, where an API counts them).
    ``message`` must already be free of secrets."""
    with engine.begin() as connection:
        connection.execute(
            update(CollectionRun)
            .where(CollectionRun.id == run_id)
            .values(
                finished_at=now_utc(),
                status=status,
                new_items=new_items,
                new_snapshots=new_snapshots,
                message=message,
                api_units=api_units,
            )
        )


def row_counts(connection: Connection) -> dict[str, int]:
    """How many rows each main table holds."""
    tables = (
        Channel,
        Content,
        MetricSnapshot,
        PageMetric,
        Campaign,
        EnrolmentResult,
        Activity,
        CollectionRun,
    )
    return {
        model.__tablename__: connection.execute(select(func.count()).select_from(model)).scalar_one()
        for model in tables
    }
