"""Retention: keep every snapshot of an item's first hours and of live broadcasts, thin the rest
to the last one of each day, so the history stays small without losing any day's final value; remove
comments past their keeping time, keeping their counts."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Connection, and_, case, delete, func, select

from models.comments import add_day_counts
from models.tables import Comment, Content, MetricSnapshot
from models.write import now_utc

DEFAULT_KEEP_HOURS = 72
BATCH = 1000


@dataclass(frozen=True)
class ThinningResult:
    examined: int
    removed: int


def thin_snapshots(
    connection: Connection, keep_hours: float = DEFAULT_KEEP_HOURS, dry_run: bool = False
) -> ThinningResult:
    """Delete snapshots older than ``keep_hours`` after publishing that are not the last of their
    local day (per source) and carry no live-viewer count. The daily rollup is unaffected: it is
    built from the last snapshot of each day, which is always kept."""
    snapshot = MetricSnapshot.__table__
    ranked = (
        select(
            snapshot.c.id,
            snapshot.c.captured_at,
            snapshot.c.live_viewers,
            Content.published_at,
            func.row_number()
            .over(
                partition_by=(snapshot.c.content_id, snapshot.c.captured_day, snapshot.c.source),
                order_by=snapshot.c.captured_at.desc(),
            )
            .label("position"),
        )
        .join(Content, Content.id == snapshot.c.content_id)
        .subquery("ranked")
    )
    candidates = connection.execute(
        select(ranked.c.id, ranked.c.captured_at, ranked.c.published_at).where(
            ranked.c.position > 1, ranked.c.live_viewers.is_(None)
        )
    ).all()
    keep = timedelta(hours=keep_hours)
    doomed = [
        row.id for row in candidates if row.published_at is None or row.captured_at - row.published_at > keep
    ]
    if not dry_run:
        for start in range(0, len(doomed), BATCH):
            connection.execute(delete(snapshot).where(snapshot.c.id.in_(doomed[start : start + BATCH])))
    total = connection.execute(select(func.count()).select_from(snapshot)).scalar_one()
    return ThinningResult(examined=total, removed=len(doomed))


@dataclass(frozen=True)
class ForgettingResult:
    removed: int  # comments removed, their counts kept in comment_day


def forget_comments(connection: Connection, keep_days: int, now: datetime | None = None) -> ForgettingResult:
    """Remove comments older than ``keep_days`` (text, commenter hash and all), keeping their counts
    per content item, local day and topic in ``comment_day``: the privacy promise of the README."""
    horizon = (now or now_utc()) - timedelta(days=keep_days)
    comment = Comment.__table__
    old = comment.c.created_at < horizon
    people = and_(old, comment.c.from_page.is_(False))
    asked = comment.c.is_question.is_(True)
    answered = and_(asked, comment.c.reply_at.is_not(None))
    groups = connection.execute(
        select(
            comment.c.content_id,
            comment.c.created_day,
            comment.c.topic,
            func.count(),
            func.sum(case((asked, 1), else_=0)),
            func.sum(case((answered, 1), else_=0)),
        )
        .where(people)
        .group_by(comment.c.content_id, comment.c.created_day, comment.c.topic)
    ).all()
    counts = {(row[0], row[1], row[2]): [int(row[3]), int(row[4]), int(row[5])] for row in groups}
    add_day_counts(connection, counts)
    removed = connection.execute(delete(comment).where(old)).rowcount
    return ForgettingResult(removed=removed)
