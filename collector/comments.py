"""Collecting the comments of an item: Graph API and YouTube pages fetched, read and written through
``models.comments``; new comments only (Meta's ``after`` cursor, YouTube's newest time seen), then
comments past their days removed with their counts kept.

The salt that hides commenters' ids is the office's own: ``ENGAGEMENT_MONITOR_COMMENT_SALT`` from the
environment or the secrets file, generated there once (changing it would count everyone anew).
"""

import logging
import os
import secrets as random_secrets
from collections.abc import Callable, Collection, Iterable, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy import Engine

from collector.comment_payloads import (
    graph_comment_params,
    map_comment_threads,
    map_graph_comments,
    newer_than,
    youtube_thread_params,
)
from collector.comment_settings import CommentSettings
from collector.messages import say
from collector.plumbing.secrets import secret, store_secrets
from models.comments import CommentPolicy, save_comments, topic_model
from models.i18n import fmt_int
from models.questions import TopicModel
from models.retention import forget_comments
from models.store import ContentRecord
from models.write import now_utc

log = logging.getLogger(__name__)

SALT_NAME = "ENGAGEMENT_MONITOR_COMMENT_SALT"
MAX_PAGES = 50  # per item and run: a busy livestream's backlog is read over a few runs


class ApiGetter(Protocol):
    """The ``get`` of ``GraphClient`` (path, params) and ``YouTubeClient`` (resource, params)."""

    def get(self, path: str, params: dict[str, Any]) -> dict: ...


def comment_salt(environ: Mapping[str, str] = os.environ) -> str:
    """The office's salt: from the environment or the secrets file, else made now and kept there."""
    found = secret(SALT_NAME, environ)
    if found:
        return found
    salt = random_secrets.token_urlsafe(32)
    store_secrets({SALT_NAME: salt}, environ)
    log.info("A new comment salt was written to the secrets file")
    return salt


def comment_policy(
    settings: CommentSettings, own_ids: frozenset[str], environ: Mapping[str, str] = os.environ
) -> CommentPolicy:
    return CommentPolicy(
        salt=comment_salt(environ),
        own_ids=own_ids,
        keep_days=settings.comment_days,
        store_text=settings.comment_text,
    )


@dataclass
class CommentsFetched:
    new: int = 0
    questions: int = 0
    cursor: str | None = None  # Meta's ``after`` cursor, or YouTube's newest time (ISO)


def fetch_graph_comments(
    client: ApiGetter,
    engine: Engine,
    content_id: int,
    object_id: str,
    policy: CommentPolicy,
    model: TopicModel | None,
    after: str | None = None,
    broadcast_start: datetime | None = None,
    now: datetime | None = None,
) -> CommentsFetched:
    """New comments of one Graph object (post or live video), oldest first from the stored cursor."""
    fetched = CommentsFetched(cursor=after)
    for _ in range(MAX_PAGES):
        payload = client.get(f"{object_id}/comments", graph_comment_params(fetched.cursor))
        records, cursor = map_graph_comments(payload, broadcast_start)
        with engine.begin() as connection:
            saved = save_comments(connection, content_id, records, policy, model, now=now)
        fetched.new += saved.new
        fetched.questions += saved.questions
        fetched.cursor = cursor or fetched.cursor
        if not records or not (payload.get("paging") or {}).get("next"):
            break
    return fetched


def fetch_youtube_comments(
    client: ApiGetter,
    engine: Engine,
    content_id: int,
    video_id: str,
    policy: CommentPolicy,
    model: TopicModel | None,
    seen_until: str | None = None,
    broadcast_start: datetime | None = None,
    now: datetime | None = None,
) -> CommentsFetched:
    """New comment threads of one video, newest first, until the threads a run already kept."""
    until = datetime.fromisoformat(seen_until) if seen_until else None
    fetched = CommentsFetched(cursor=seen_until)
    newest = until
    token: str | None = None
    for _ in range(MAX_PAGES):
        payload = client.get("commentThreads", youtube_thread_params(video_id, token))
        records, token = map_comment_threads(payload, video_id, broadcast_start)
        fresh = newer_than(records, until)
        with engine.begin() as connection:
            saved = save_comments(connection, content_id, fresh, policy, model, now=now)
        fetched.new += saved.new
        fetched.questions += saved.questions
        if fresh:
            latest = max(record.created_at for record in fresh)
            newest = latest if newest is None else max(newest, latest)
        reached_old = until is not None and any(
            record.thread_id == record.external_id and record.created_at <= until for record in records
        )
        if not token or reached_old:
            break
    fetched.cursor = newest.isoformat() if newest else None
    return fetched


def forget_old_comments(engine: Engine, keep_days: int, now: datetime | None = None) -> int:
    """Comments past their days removed, their counts kept (after every run that collects them)."""
    with engine.begin() as connection:
        return forget_comments(connection, keep_days, now or now_utc()).removed


Fetch = Callable[[CommentPolicy, TopicModel | None, str | None], CommentsFetched]


class CommentReader:
    """One run's comment reading for one source: its policy, the office's topic model (made on the
    first item that is due), the cursors from earlier runs, and what was read."""

    def __init__(
        self, engine: Engine, settings: CommentSettings, own_ids: frozenset[str], cursors: Any
    ) -> None:
        self.engine, self.settings, self.own_ids = engine, settings, own_ids
        self.cursors: dict[str, str] = dict(cursors) if isinstance(cursors, dict) else {}
        self.refused: str | None = None  # why the platform refused comments for this run
        self.new = 0
        self.questions = 0
        self._policy: CommentPolicy | None = None
        self._model: TopicModel | None = None

    def read(
        self, key: str, fetch: Callable[[CommentPolicy, TopicModel, str | None], CommentsFetched]
    ) -> None:
        """Run ``fetch(policy, model, cursor)`` for the item ``key`` and keep its new cursor."""
        if self.refused is not None:
            return
        if self._policy is None:
            self._policy = comment_policy(self.settings, self.own_ids)
            with self.engine.connect() as connection:
                self._model = topic_model(connection)
        fetched = fetch(self._policy, self._model, self.cursors.get(key))
        if fetched.cursor:
            self.cursors[key] = fetched.cursor
        self.new += fetched.new
        self.questions += fetched.questions

    def refuse(self, reason: str) -> None:
        self.refused = reason

    def finish(self, now: datetime) -> None:
        """Remove comments past their days, keeping counts (the privacy promise)."""
        forget_old_comments(self.engine, self.settings.comment_days, now)


ItemFetcher = Callable[..., CommentsFetched]  # ``fetch_graph_comments`` or ``fetch_youtube_comments``


def read_due_comments(
    reader: CommentReader,
    fetcher: ItemFetcher,
    client: ApiGetter,
    contents: Iterable[ContentRecord],
    ids: Mapping[str, int],
    due: Collection[str],
    now: datetime,
    guard: Callable[[str], AbstractContextManager[Any]],
) -> None:
    """New comments of the items snapshotted now (``due``): comments follow the items' tapering
    schedule; a livestream's comments are timed from its start. ``guard(external_id)`` wraps each
    item's reading so the platform catches its own errors (a refused permission, comments off)."""
    for record in contents:
        if record.external_id not in due:
            continue
        start = record.published_at if record.kind == "livestream" else None

        def fetch(policy, model, cursor, record=record, start=start):
            content_id = ids[record.external_id]
            return fetcher(
                client, reader.engine, content_id, record.external_id, policy, model, cursor, start, now
            )

        with guard(record.external_id):
            reader.read(record.external_id, fetch)


def comment_notes(reader: CommentReader, lang: str) -> list[str]:
    """What a run's message says of comments: a refusal, and how many new comments and questions."""
    notes = [reader.refused] if reader.refused else []
    if reader.new:
        questions = fmt_int(reader.questions, lang)
        notes.append(say("comments_read", lang, comments=fmt_int(reader.new, lang), questions=questions))
    return notes
