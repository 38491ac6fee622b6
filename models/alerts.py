"""The figures behind the alerts: content spreading far beyond a Page's usual reach, whether today's
enrolment sheet arrived, people's questions still unanswered, each source's recent runs, and the
alerts already sent.

An alert occurrence is remembered in ``source_state`` under the alerts source's name, one row per
occurrence (key ``alert:<kind>:<occurrence>``), so that each is sent once, however often it is seen.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import Connection, func, select

from models.tables import (
    Channel,
    CollectionRun,
    Comment,
    Content,
    ContentDay,
    ImportedFile,
    SourceState,
)
from models.write import upsert

ALERT_PREFIX = "alert:"
BASELINE_DAYS = 90
MIN_BASELINE_ITEMS = 5  # a median of fewer items says little about a Page's usual reach


@dataclass(frozen=True)
class Spreading:
    """An item whose views passed ``times`` the median of its Page's items of the same kind."""

    content_id: int
    channel: str
    kind: str
    title: str
    published_day: date
    views: int
    median: float

    @property
    def ratio(self) -> float:
        return self.views / self.median


def spreading_content(
    connection: Connection, today: date, times: float, recent_days: int = 7
) -> list[Spreading]:
    """Items published in the last ``recent_days`` whose views are at least ``times`` the median
    views of the same Page's items of the same kind published in the 90 days before them."""
    first = today - timedelta(days=recent_days + BASELINE_DAYS)
    latest = (
        select(ContentDay.content_id, func.max(ContentDay.views).label("views"))
        .group_by(ContentDay.content_id)
        .subquery()
    )
    query = (
        select(
            Content.id,
            Content.channel_id,
            Channel.name.label("channel"),
            Content.kind,
            func.coalesce(Content.title, Content.message, Content.external_id).label("title"),
            Content.published_day,
            latest.c.views,
        )
        .join(Channel, Channel.id == Content.channel_id)
        .join(latest, latest.c.content_id == Content.id)
        .where(Content.published_day >= first, Content.published_day <= today, latest.c.views.is_not(None))
    )
    import pandas as pd  # loaded when this alert runs, not by every command that reads the sources

    items = pd.DataFrame(connection.execute(query).all(), columns=list(query.selected_columns.keys()))
    found = []
    recent = items[items.published_day > today - timedelta(days=recent_days)]
    for item in recent.itertuples():
        earlier = items[
            (items.channel_id == item.channel_id)
            & (items.kind == item.kind)
            & (items.published_day < item.published_day)
            & (items.published_day >= item.published_day - timedelta(days=BASELINE_DAYS))
        ]
        if len(earlier) < MIN_BASELINE_ITEMS:
            continue
        median = float(earlier.views.median())
        if median > 0 and item.views >= times * median:
            title = " ".join(str(item.title).split())[:80]
            found.append(
                Spreading(
                    item.id, item.channel, item.kind, title, item.published_day, int(item.views), median
                )
            )
    return found


def enrolment_received_since(connection: Connection, since: datetime) -> bool:
    """Whether an enrolment sheet was imported at or after ``since`` (an aware moment)."""
    query = (
        select(func.count())
        .select_from(ImportedFile)
        .where(ImportedFile.kind == "enrolment", ImportedFile.imported_at >= since)
    )
    return bool(connection.execute(query).scalar_one())


@dataclass(frozen=True)
class WaitingQuestion:
    """A person's question nobody from the office has answered (no name: the text, if kept, only)."""

    comment_id: int
    title: str
    topic: str
    asked_at: datetime
    text: str | None  # None when the office keeps counts only (``comment_text = false``)
    link: str | None  # where to reply: the comment, else its item


def unanswered_questions(connection: Connection, asked_before: datetime) -> list[WaitingQuestion]:
    """Kept questions without a reply from the Page, asked before ``asked_before``, oldest first."""
    query = (
        select(
            Comment.id,
            func.coalesce(Content.title, Content.message, Content.external_id),
            Comment.topic,
            Comment.created_at,
            Comment.text,
            func.coalesce(Comment.link, Content.permalink),
        )
        .join(Content, Content.id == Comment.content_id)
        .where(
            Comment.is_question.is_(True),
            Comment.from_page.is_(False),
            Comment.reply_at.is_(None),
            Comment.created_at < asked_before,
        )
        .order_by(Comment.created_at, Comment.id)
    )
    return [WaitingQuestion(*row) for row in connection.execute(query)]


@dataclass(frozen=True)
class RunRecord:
    id: int
    started_at: datetime
    status: str
    message: str | None


def recent_runs(connection: Connection, source: str, limit: int) -> list[RunRecord]:
    """The last ``limit`` finished runs of ``source``, newest first."""
    rows = connection.execute(
        select(CollectionRun.id, CollectionRun.started_at, CollectionRun.status, CollectionRun.message)
        .where(CollectionRun.source == source, CollectionRun.status != "running")
        .order_by(CollectionRun.started_at.desc(), CollectionRun.id.desc())
        .limit(limit)
    ).all()
    return [RunRecord(*row) for row in rows]


def last_run_started(connection: Connection, source: str) -> datetime | None:
    return connection.execute(
        select(func.max(CollectionRun.started_at)).where(CollectionRun.source == source)
    ).scalar()


def source_states(connection: Connection, key: str) -> dict[str, object]:
    """Every source's remembered value under ``key``."""
    rows = connection.execute(select(SourceState.source, SourceState.value).where(SourceState.key == key))
    return {source: value for source, value in rows if value is not None}


@dataclass(frozen=True)
class Occurrence:
    """One thing an alert is about (a failing source, an item spreading), as remembered."""

    kind: str
    key: str
    message: str
    seen_at: datetime
    sent_at: datetime | None = None


def remembered(connection: Connection, alerts_source: str) -> dict[tuple[str, str], Occurrence]:
    """Every occurrence the alerts source ``alerts_source`` has seen, by (kind, key)."""
    rows = connection.execute(
        select(SourceState.key, SourceState.value).where(
            SourceState.source == alerts_source, SourceState.key.startswith(ALERT_PREFIX)
        )
    )
    found = {}
    for key, value in rows:
        kind, _, occurrence = key.removeprefix(ALERT_PREFIX).partition(":")
        sent = value.get("sent_at")
        found[(kind, occurrence)] = Occurrence(
            kind,
            occurrence,
            value.get("message", ""),
            datetime.fromisoformat(value["seen_at"]),
            datetime.fromisoformat(sent) if sent else None,
        )
    return found


def remember(
    connection: Connection, alerts_source: str, occurrences: list[Occurrence], now: datetime
) -> None:
    """Store or update ``occurrences`` (their message and when they were sent)."""
    rows = [
        {
            "source": alerts_source,
            "key": f"{ALERT_PREFIX}{o.kind}:{o.key}"[:255],
            "value": {
                "message": o.message,
                "seen_at": o.seen_at.isoformat(),
                "sent_at": o.sent_at.isoformat() if o.sent_at else None,
            },
            "updated_at": now,
        }
        for o in occurrences
    ]
    if rows:
        upsert(connection, SourceState, rows, conflict=("source", "key"), update=("value", "updated_at"))


def last_fired(connection: Connection, alerts_source: str) -> dict[str, datetime]:
    """When each kind of alert was last sent by ``alerts_source``."""
    fired: dict[str, datetime] = {}
    for occurrence in remembered(connection, alerts_source).values():
        if occurrence.sent_at and (
            occurrence.kind not in fired or occurrence.sent_at > fired[occurrence.kind]
        ):
            fired[occurrence.kind] = occurrence.sent_at
    return fired
