"""Comments and the questions in them: the write path (privacy first) and the queries of the page
"Audience questions", the summaries and the report.

Privacy (Personal Data Protection Law 91/2025/QH15): no commenter name is ever stored; the
commenter's platform id only as an HMAC-SHA-256 with the office's own salt (to count distinct
people, never to say who); the text for ``keep_days`` (default 90) or not at all; after that the
comment leaves only its counts per content item, day and topic (``models.retention``).
"""

import hashlib
import hmac
import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

import pandas as pd
from sqlalchemy import Connection, func, select, union_all, update
from sqlalchemy.sql import ColumnElement

from models.auth import record_audit
from models.errors import UserError
from models.messages import say
from models.metrics import Scope, channel_filter
from models.questions import Correction, TopicModel, fold, group_similar, is_question, lexicon_topic, shorten
from models.store import channel_timezone
from models.tables import COMMENT_TOPICS, DEFAULT_KEEP_DAYS, Channel, Comment, CommentDay, Content
from models.write import local_day, now_utc, upsert


@dataclass(frozen=True)
class CommentRecord:
    """One comment as a source gives it. ``author_id`` is the platform's id of the commenter: it is
    hashed on saving and never stored; no name is ever part of a record."""

    external_id: str
    thread_id: str
    author_id: str | None
    created_at: datetime
    text: str
    link: str | None = None
    offset_s: float | None = None


@dataclass(frozen=True)
class CommentPolicy:
    """How an office keeps comments: its salt, its own ids (the Page's replies), for how long, and
    whether the text is kept at all (``store_text = False``: counts, topics and reply times only)."""

    salt: str
    own_ids: frozenset[str] = frozenset()
    keep_days: int = DEFAULT_KEEP_DAYS
    store_text: bool = True


@dataclass(frozen=True)
class CommentsSaved:
    new: int  # comments not stored before
    questions: int  # questions among them


def author_hash(author_id: str, salt: str) -> str:
    """The commenter's id as a keyed hash: the same person gives the same value, nobody can go back."""
    return hmac.new(salt.encode("utf-8"), author_id.encode("utf-8"), hashlib.sha256).hexdigest()


def save_comments(
    connection: Connection,
    content_id: int,
    records: Sequence[CommentRecord],
    policy: CommentPolicy,
    model: TopicModel | None = None,
    now: datetime | None = None,
) -> CommentsSaved:
    """Write new comments of one item (known ones are left as they are), read each for a question
    and its topic, and mark questions the Page has since answered in their thread.

    Comments already older than ``policy.keep_days`` (a first collection of an old post) go straight
    to the day counts, once: a day already counted is not counted again."""
    now = now or now_utc()
    timezone = channel_timezone(connection, _channel_of(connection, content_id))
    horizon = now - timedelta(days=policy.keep_days)
    rows: list[dict] = []
    old: list[dict] = []
    for record in records:
        own = record.author_id is not None and record.author_id in policy.own_ids
        asked = not own and is_question(record.text)
        topic = model.topic_of(record.text) if asked and model is not None else lexicon_topic(record.text)
        row = {
            "content_id": content_id,
            "external_id": record.external_id[:128],
            "thread_id": record.thread_id[:128],
            "author_hash": author_hash(record.author_id, policy.salt) if record.author_id else None,
            "from_page": own,
            "created_at": record.created_at,
            "created_day": local_day(record.created_at, timezone),
            "offset_s": record.offset_s,
            "text": record.text if policy.store_text else None,
            "link": record.link,
            "is_question": asked,
            "topic": topic,
            "topic_by": None,
            "reply_at": None,
        }
        (old if record.created_at < horizon else rows).append(row)
    known = _known_ids(connection, content_id, [row["external_id"] for row in rows])
    asked = sum(1 for row in rows if row["is_question"] and row["external_id"] not in known)
    new = upsert(connection, Comment, rows, conflict=("content_id", "external_id"))
    _count_old(connection, content_id, old)
    _mark_replies(connection, content_id)
    return CommentsSaved(new=new, questions=asked)


def _known_ids(connection: Connection, content_id: int, external_ids: list[str]) -> set[str]:
    if not external_ids:
        return set()
    query = select(Comment.external_id).where(
        Comment.content_id == content_id, Comment.external_id.in_(external_ids)
    )
    return set(connection.execute(query).scalars())


def _channel_of(connection: Connection, content_id: int) -> int:
    return connection.execute(select(Content.channel_id).where(Content.id == content_id)).scalar_one()


def _count_old(connection: Connection, content_id: int, rows: list[dict]) -> None:
    if not rows:
        return
    counted = set(
        connection.execute(select(CommentDay.day).where(CommentDay.content_id == content_id)).scalars()
    )
    counts: dict[tuple, list[int]] = {}
    for row in rows:
        if row["from_page"] or row["created_day"] in counted:
            continue
        key = (content_id, row["created_day"], row["topic"])
        counts.setdefault(key, [0, 0, 0])
        counts[key][0] += 1
        counts[key][1] += row["is_question"]
    add_day_counts(connection, counts)


def add_day_counts(connection: Connection, counts: dict[tuple, list[int]]) -> None:
    """Add (comments, questions, answered) per (content_id, day, topic) to ``comment_day``."""
    if not counts:
        return
    keys = list(counts)
    existing = {
        (row.content_id, row.day, row.topic): row
        for row in connection.execute(
            select(CommentDay).where(CommentDay.content_id.in_({key[0] for key in keys}))
        )
    }
    rows = []
    for key, (comments, questions, answered) in counts.items():
        before = existing.get(key)
        rows.append(
            {
                "content_id": key[0],
                "day": key[1],
                "topic": key[2],
                "comments": comments + (before.comments if before else 0),
                "questions": questions + (before.questions if before else 0),
                "answered": answered + (before.answered if before else 0),
            }
        )
    upsert(
        connection,
        CommentDay,
        rows,
        conflict=("content_id", "day", "topic"),
        update=("comments", "questions", "answered"),
    )


def _mark_replies(connection: Connection, content_id: int) -> None:
    """Set ``reply_at`` of unanswered questions: the Page's first comment in the same thread after it."""
    reply = Comment.__table__.alias("reply")
    question = Comment.__table__
    first_reply = (
        select(func.min(reply.c.created_at))
        .where(
            reply.c.content_id == question.c.content_id,
            reply.c.thread_id == question.c.thread_id,
            reply.c.from_page.is_(True),
            reply.c.created_at >= question.c.created_at,
        )
        .scalar_subquery()
    )
    connection.execute(
        update(question)
        .where(
            question.c.content_id == content_id,
            question.c.is_question.is_(True),
            question.c.reply_at.is_(None),
        )
        .values(reply_at=first_reply)
    )


# --- Staff corrections ---------------------------------------------------------------------------


class RelabelRefused(UserError):
    """A topic outside ``COMMENT_TOPICS``, or a comment already removed."""


def relabel(connection: Connection, comment_id: int, topic: str, user: str) -> None:
    """A staff member puts a comment on another topic; the change lands with its audit event.

    The caller checks the role (editors and admins)."""
    if topic not in COMMENT_TOPICS:
        raise RelabelRefused(say("topic_unknown", topic=topic, topics=", ".join(COMMENT_TOPICS)))
    before = connection.execute(select(Comment.topic).where(Comment.id == comment_id)).scalar_one_or_none()
    if before is None:
        raise RelabelRefused(say("comment_gone"))
    changed = update(Comment).where(Comment.id == comment_id)
    connection.execute(changed.values(topic=topic, topic_by=user[:100]))
    record_audit(connection, user, "question_topic", f"comment:{comment_id}", {"from": before, "to": topic})


def corrections(connection: Connection) -> list[Correction]:
    """The topics staff set on comments whose text is still kept: what the classifier learns from."""
    rows = connection.execute(
        select(Comment.text, Comment.topic).where(Comment.topic_by.is_not(None), Comment.text.is_not(None))
    )
    return [Correction(text=row.text, topic=row.topic) for row in rows]


def topic_model(connection: Connection) -> TopicModel:
    """The classifier trained on the lexicon's seed and the office's corrections."""
    return TopicModel(corrections(connection))


# --- Queries -------------------------------------------------------------------------------------


def _scope_filter(scope: Scope, day: ColumnElement) -> list[ColumnElement]:
    conditions = [day.between(scope.start, scope.end)]
    conditions += channel_filter(Content.channel_id, scope)
    if scope.kinds:
        conditions.append(Content.kind.in_(scope.kinds))
    return conditions


def questions(connection: Connection, scope: Scope, content_id: int | None = None) -> pd.DataFrame:
    """The kept questions of the period (people's, not the Page's), oldest first, with their item."""
    conditions = [Comment.is_question.is_(True), *_scope_filter(scope, Comment.created_day)]
    if content_id is not None:
        conditions.append(Comment.content_id == content_id)
    query = (
        select(
            Comment.id,
            Comment.content_id,
            Content.title,
            Content.kind,
            Channel.platform,
            Comment.created_at,
            Comment.created_day,
            Comment.offset_s,
            Comment.text,
            Comment.link,
            Comment.topic,
            Comment.topic_by,
            Comment.reply_at,
        )
        .join(Content, Content.id == Comment.content_id)
        .join(Channel, Channel.id == Content.channel_id)
        .where(*conditions)
        .order_by(Comment.created_at, Comment.id)
    )
    columns = list(query.selected_columns.keys())
    frame = pd.DataFrame(connection.execute(query).mappings().all(), columns=columns)
    if frame.empty:
        frame["minutes_to_reply"] = pd.Series(dtype=float)
        return frame
    waited = pd.to_datetime(frame["reply_at"], utc=True) - pd.to_datetime(frame["created_at"], utc=True)
    frame["minutes_to_reply"] = waited.dt.total_seconds() / 60
    return frame


def questions_by_topic_day(connection: Connection, scope: Scope) -> pd.DataFrame:
    """Questions per local day and topic: kept comments and the counts of removed ones."""
    kept = (
        select(
            Comment.created_day.label("day"),
            Comment.topic.label("topic"),
            func.count().label("questions"),
        )
        .join(Content, Content.id == Comment.content_id)
        .where(Comment.is_question.is_(True), *_scope_filter(scope, Comment.created_day))
        .group_by(Comment.created_day, Comment.topic)
    )
    counted = (
        select(CommentDay.day, CommentDay.topic, func.sum(CommentDay.questions).label("questions"))
        .join(Content, Content.id == CommentDay.content_id)
        .where(CommentDay.questions > 0, *_scope_filter(scope, CommentDay.day))
        .group_by(CommentDay.day, CommentDay.topic)
    )
    both = union_all(kept, counted).subquery()
    query = (
        select(both.c.day, both.c.topic, func.sum(both.c.questions).label("questions"))
        .group_by(both.c.day, both.c.topic)
        .order_by(both.c.day, both.c.topic)
    )
    frame = pd.DataFrame(connection.execute(query).all(), columns=["day", "topic", "questions"])
    frame["questions"] = frame["questions"].astype(int)
    return frame


def questions_by_minute(connection: Connection, content_id: int) -> pd.DataFrame:
    """A livestream's questions per minute of the broadcast and topic."""
    minute = func.floor(Comment.offset_s / 60.0)
    query = (
        select(minute.label("minute"), Comment.topic, func.count().label("questions"))
        .where(
            Comment.content_id == content_id,
            Comment.is_question.is_(True),
            Comment.offset_s.is_not(None),
        )
        .group_by(minute, Comment.topic)
        .order_by(minute, Comment.topic)
    )
    frame = pd.DataFrame(connection.execute(query).all(), columns=["minute", "topic", "questions"])
    frame["minute"] = frame["minute"].astype(int)
    return frame


def livestreams_with_questions(connection: Connection, scope: Scope) -> pd.DataFrame:
    """Livestreams that have questions with a time in the broadcast: id, title, published, questions."""
    query = (
        select(Content.id, Content.title, Content.published_at, func.count().label("questions"))
        .join(Comment, Comment.content_id == Content.id)
        .where(
            Content.kind == "livestream",
            Comment.is_question.is_(True),
            Comment.offset_s.is_not(None),
            *_scope_filter(scope, Comment.created_day),
        )
        .group_by(Content.id, Content.title, Content.published_at)
        .order_by(Content.published_at.desc())
    )
    return pd.DataFrame(connection.execute(query).all(), columns=["id", "title", "published_at", "questions"])


@dataclass(frozen=True)
class AnswerFigures:
    questions: int  # every question of the period, kept or counted
    answered: int
    people: int | None  # distinct commenters among the kept questions
    median_minutes: float | None  # kept questions only: removed ones leave no times

    @property
    def share_answered(self) -> float | None:
        return self.answered / self.questions if self.questions else None


def answer_figures(connection: Connection, scope: Scope) -> AnswerFigures:
    """How many questions, how many the Page answered, and the median minutes to the first reply."""
    kept = questions(connection, scope)
    counted = connection.execute(
        select(
            func.coalesce(func.sum(CommentDay.questions), 0),
            func.coalesce(func.sum(CommentDay.answered), 0),
        )
        .join(Content, Content.id == CommentDay.content_id)
        .where(*_scope_filter(scope, CommentDay.day))
    ).one()
    people = connection.execute(
        select(func.count(func.distinct(Comment.author_hash)))
        .join(Content, Content.id == Comment.content_id)
        .where(Comment.is_question.is_(True), *_scope_filter(scope, Comment.created_day))
    ).scalar_one()
    waits = kept["minutes_to_reply"].dropna().tolist()
    return AnswerFigures(
        questions=len(kept) + int(counted[0]),
        answered=int(kept["reply_at"].notna().sum()) + int(counted[1]),
        people=int(people) if len(kept) else None,
        median_minutes=statistics.median(waits) if waits else None,
    )


def unanswered(connection: Connection, scope: Scope, limit: int = 200) -> pd.DataFrame:
    """Questions nobody from the office has answered yet, oldest first."""
    frame = questions(connection, scope)
    return frame[frame["reply_at"].isna()].head(limit).reset_index(drop=True)


def top_questions(connection: Connection, scope: Scope, limit: int = 10, newest: int = 1500) -> pd.DataFrame:
    """The most asked questions of the period, similar wordings grouped: one example per group
    (its most frequent wording, one with diacritics when tied), how many asked it and its usual topic.
    Reads the ``newest`` kept texts."""
    frame = questions(connection, scope)
    frame = frame[frame["text"].notna()].tail(newest).reset_index(drop=True)
    columns = ["example", "questions", "topic", "answered"]
    if frame.empty:
        return pd.DataFrame(columns=columns)
    frame["group"] = group_similar(frame["text"].tolist())
    rows = []
    for _, members in frame.groupby("group", sort=True):
        wordings = Counter(members["text"])
        example = min(wordings, key=lambda text: (-wordings[text], text.isascii(), len(text)))
        rows.append(
            {
                "example": shorten(example),
                "questions": len(members),
                "topic": Counter(members["topic"]).most_common(1)[0][0],
                "answered": int(members["reply_at"].notna().sum()),
            }
        )
    top = pd.DataFrame(rows, columns=columns).sort_values("questions", ascending=False, kind="stable")
    return top.head(limit).reset_index(drop=True)


@dataclass(frozen=True)
class QuestionsSummary:
    """The few lines a report gives the questions: how many, top topics with short examples, answers."""

    figures: AnswerFigures
    topics: list[tuple[str, int, list[str]]]  # topic, questions, up to 2 shortened examples


def questions_summary(connection: Connection, scope: Scope, topics: int = 3) -> QuestionsSummary:
    """Questions of the period for a report: figures, and the top topics with their two most asked
    wordings (different once diacritics and teen-code are set aside), shortened."""
    by_day = questions_by_topic_day(connection, scope)
    totals = by_day.groupby("topic")["questions"].sum().sort_values(ascending=False, kind="stable")
    kept = questions(connection, scope)
    top: list[tuple[str, int, list[str]]] = []
    for topic, count in totals.head(topics).items():
        wordings = Counter(kept[(kept["topic"] == topic) & kept["text"].notna()]["text"])
        examples: list[str] = []
        said: set[str] = set()
        for text in sorted(wordings, key=lambda text: (-wordings[text], text.isascii(), len(text))):
            if fold(text) not in said and len(examples) < 2:
                said.add(fold(text))
                examples.append(shorten(text, 60))
        top.append((str(topic), int(count), examples))
    return QuestionsSummary(figures=answer_figures(connection, scope), topics=top)
