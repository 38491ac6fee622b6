"""Collecting one YouTube channel through the YouTube Data API v3, counting the quota it spends.

Each run reads the channel (``channels.list``: title, subscribers, uploads playlist), walks the
uploads playlist newest first (``playlistItems.list``, paged by ``pageToken``) back to the window
still tapering, and reads the videos 50 at a time (``videos.list``: statistics, duration, live
details). A broadcast on air is captured at every run, with the people watching now, and the
collector comes back every ``live_every`` until it ends; other videos taper like Facebook posts.

The API key travels as ``key=`` in the query string (Google's way for API keys): it is registered
for redaction and every message is redacted, so it never reaches the database, logs or output.
Every call costs quota units (1 for each list call, even a failed one); the units are counted per
run (``collection_run.api_units``) and a run never starts a call that would take the sources
sharing the key past ``daily_quota`` units since midnight Pacific Time, when Google resets quotas.
"""

import logging
import os
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import Any, Literal

import httpx
from pydantic import Field, field_validator
from sqlalchemy import Connection, Engine

from collector.comment_settings import CommentSettings
from collector.messages import say
from collector.platforms.facebook.source import STATE_BACKFILL_FROM, STATE_COMMENTS
from collector.platforms.youtube import api as youtube
from collector.platforms.youtube.client import (
    BudgetSpent,
    YouTubeClient,
    YouTubeError,
    YouTubeTransient,
    make_youtube_http,
    quota_day_start,
)
from collector.plumbing.checks import FAIL, OK, Check, CheckContext
from collector.plumbing.collecting import (
    STATE_LIVE,
    TAPER_END,
    Stopped,
    channel_follow_up,
    due,
    last_captures,
    read_state,
    write_state,
)
from collector.plumbing.http import DEFAULT_SETTINGS, GraphSettings
from collector.plumbing.redaction import redact
from collector.plumbing.runs import (
    RUN_FAILED,
    RUN_OK,
    RUN_PARTIAL,
    RunContext,
    RunProgress,
    RunResult,
    record_collection,
    store_page,
)
from collector.plumbing.secrets import secret
from collector.plumbing.source_base import SourceBase, check_base_url, parse_duration
from models.health import api_units_used
from models.i18n import fmt_datetime, fmt_int, language
from models.store import ContentRecord, SnapshotRecord, save_channel
from models.tables import DEFAULT_TIMEZONE
from models.write import now_utc, utc

log = logging.getLogger("engagement_monitor.youtube")

DEFAULT_YOUTUBE_URL = "https://www.googleapis.com/youtube/v3"


class YouTubeChannelSource(SourceBase, CommentSettings):
    """A YouTube channel read through the YouTube Data API v3 with an API key (``key_env``)."""

    type: Literal["youtube_channel"]
    channel_id: str = Field(pattern=r"^UC[0-9A-Za-z_-]{22}$")
    key_env: str = Field(default="YOUTUBE_API_KEY", pattern=r"^[A-Za-z_][A-Za-z0-9_]*$")
    base_url: str = DEFAULT_YOUTUBE_URL
    live_every: str = "2m"
    backfill_days: int = Field(default=30, ge=1, le=3650)
    daily_quota: int = Field(default=youtube.DEFAULT_DAILY_QUOTA, ge=1, le=10_000_000)

    @field_validator("live_every")
    @classmethod
    def _check_live_every(cls, value: str) -> str:
        parse_duration(value)
        return value

    @field_validator("base_url")
    @classmethod
    def _check_base_url(cls, value: str) -> str:
        return check_base_url(value)

    @property
    def live_interval(self) -> timedelta:
        return parse_duration(self.live_every)


# ---------------------------------------------------------------------------------------------
# One run.


def run_youtube_channel(context: RunContext, source: YouTubeChannelSource) -> RunResult:
    """The registry's runner: one recorded run of the channel, its quota shared with the sources
    that use the same key."""
    sharing = [
        s.name
        for s in context.config.sources
        if isinstance(s, YouTubeChannelSource) and s.key_env == source.key_env
    ]
    return record_collection(context, source, collect_youtube_channel, sharing_key=sharing)


def collect_youtube_channel(
    engine: Engine,
    source: YouTubeChannelSource,
    *,
    timezone: str = DEFAULT_TIMEZONE,
    settings: GraphSettings = DEFAULT_SETTINGS,
    stop: threading.Event | None = None,
    now: datetime | None = None,
    transport: httpx.BaseTransport | None = None,
    environ: Mapping[str, str] = os.environ,
    sharing_key: list[str] | None = None,
) -> RunResult:
    """One run for one channel; Google's errors become the run's status and one-line message (in
    ``models.i18n.language()``), never an exception. ``units`` spent are in ``RunResult.api_units``."""
    lang = language()
    now = utc(now or now_utc())
    key = secret(source.key_env, environ)
    if not key:
        return RunResult(
            RUN_FAILED, message=say("youtube_key_missing", lang, source=source.name, env=source.key_env)
        )
    with engine.connect() as connection:
        state = read_state(connection, source.name)
        used = api_units_used(connection, sharing_key or [source.name], quota_day_start(now))
    reset = _reset_text(now, timezone, lang)
    if used >= source.daily_quota:
        message = say(
            "youtube_budget_spent",
            lang,
            source=source.name,
            used=fmt_int(used, lang),
            quota=fmt_int(source.daily_quota, lang),
            reset=reset,
        )
        return RunResult(RUN_FAILED, message=message, api_units=0)
    http = make_youtube_http(source.base_url, key, settings=settings, transport=transport)
    client = YouTubeClient(
        http, settings=settings, budget=source.daily_quota - used, sleep=stop.wait if stop else time.sleep
    )
    run = _ChannelRun(engine, source, timezone, client, state, stop, now, lang)
    where = {"source": source.name}
    try:
        run.collect()
        status, message = RUN_OK, None
    except BudgetSpent:
        status = run.progress.cut_short()
        total = fmt_int(used + client.units, lang)
        message = say(
            "youtube_budget_spent",
            lang,
            used=total,
            quota=fmt_int(source.daily_quota, lang),
            reset=reset,
            **where,
        )
    except YouTubeTransient as error:
        status = run.progress.cut_short()
        message = say("youtube_unavailable", lang, reason=_reason(error, lang), **where)
    except Stopped:
        status, message = RUN_PARTIAL, say("youtube_stopped", lang, **where)
    except YouTubeError as error:
        status, message = _refusal(error, source, run.progress, reset, lang)
    finally:
        client.close()
    _remember(engine, source.name, run.state_changes)
    notes = run.progress.notes + ([message] if message else [])
    return RunResult(
        status,
        run.progress.new_items,
        run.progress.new_snapshots,
        redact(" ".join(notes)) or None,
        api_units=client.units,
    )


def _refusal(
    error: YouTubeError, source: YouTubeChannelSource, progress: RunProgress, reset: str, lang: str
) -> tuple[str, str]:
    """The status and message of an error answer Google will repeat if asked again."""
    problem = error.problem
    kind = problem.kind if problem else "other"
    where = {"source": source.name}
    if kind == "quota":
        status = progress.cut_short()
        return status, say("youtube_quota_exceeded", lang, reset=reset, **where)
    if kind == "key":
        reason = f"HTTP {problem.status} {problem.reason or ''}".strip()
        return RUN_FAILED, say("youtube_key_invalid", lang, reason=reason, env=source.key_env, **where)
    if kind == "not_found":
        return RUN_FAILED, say("youtube_channel_missing", lang, channel_id=source.channel_id, **where)
    status_code = problem.status if problem else 0
    reason = (problem.reason if problem else None) or str(error)
    return RUN_FAILED, say("youtube_refused", lang, status=status_code, reason=reason, **where)


def _reason(error: YouTubeError, lang: str) -> str:
    if error.cause:
        return say(f"graph_{error.cause}", lang, status="")
    status = error.problem.status if error.problem else 0
    return say("youtube_http", lang, status=status)


def _reset_text(now: datetime, timezone: str, lang: str) -> str:
    """When the quota comes back, in the office's time zone."""
    return fmt_datetime(quota_day_start(now) + timedelta(days=1), lang, timezone)


def _remember(engine: Engine, source: str, values: dict[str, Any]) -> None:
    if values:
        with engine.begin() as connection:
            write_state(connection, source, values)


class _ChannelRun:
    """The steps of one run; each batch of 50 videos is written in its own transaction."""

    def __init__(
        self,
        engine: Engine,
        source: YouTubeChannelSource,
        timezone: str,
        client: YouTubeClient,
        state: dict[str, Any],
        stop: threading.Event | None,
        now: datetime,
        lang: str,
    ) -> None:
        self.engine, self.source, self.timezone, self.client = engine, source, timezone, client
        self.state, self.stop, self.now, self.lang = state, stop, now, lang
        self.progress = RunProgress()
        self.state_changes: dict[str, Any] = {}
        self.channel_id = 0
        self.last_captures: dict[str, datetime] = {}
        self.was_live = set(state.get(STATE_LIVE) or [])
        self.live_now: list[str] = []
        own = frozenset({source.channel_id})
        cursors = state.get(STATE_COMMENTS)
        from collector.comments import CommentReader  # comment reading, loaded when a run starts

        self.comments = CommentReader(engine, source, own, cursors) if source.comments else None

    def collect(self) -> None:
        channel = self.client.channel(self.source.channel_id)
        if channel is None:
            raise YouTubeError("channel not found", youtube.ApiProblem("not_found", 404, "channelNotFound"))
        with self.engine.begin() as connection:
            self.channel_id = save_channel(connection, youtube.map_channel(channel, self.timezone))
            self.last_captures = last_captures(connection, self.channel_id, youtube.SOURCE)
        playlist = youtube.uploads_playlist(channel)
        video_ids = self._recent_uploads(playlist, self._window_start()) if playlist else []
        video_ids += [video_id for video_id in sorted(self.was_live) if video_id not in video_ids]
        for videos in self.client.videos(video_ids):
            self._check_stop()
            self._save(videos)
        self.state_changes[STATE_LIVE] = sorted(self.live_now)
        if self.comments is not None:
            self.comments.finish(self.now)
            self.state_changes[STATE_COMMENTS] = self.comments.cursors
            from collector.comments import comment_notes

            self.progress.notes += comment_notes(self.comments, self.lang)

    def _check_stop(self) -> None:
        if self.stop is not None and self.stop.is_set():
            raise Stopped

    def _window_start(self) -> datetime:
        """The first run reads ``backfill_days`` back; later runs re-read what is still tapering."""
        first = self.state.get(STATE_BACKFILL_FROM)
        if first is None:
            start = self.now - timedelta(days=self.source.backfill_days)
            self.state_changes[STATE_BACKFILL_FROM] = start.isoformat()
            return start
        return max(datetime.fromisoformat(first), self.now - TAPER_END)

    def _recent_uploads(self, playlist: str, since: datetime) -> list[str]:
        """Ids of the uploads published since ``since`` (or not yet: an upcoming broadcast)."""
        video_ids: list[str] = []
        for page in self.client.uploads(playlist):
            self._check_stop()
            recent = [u for u in page if u.published_at is None or u.published_at >= since]
            video_ids += [u.video_id for u in recent if u.video_id not in video_ids]
            if len(recent) < len(page):  # newest first: the rest is older still
                break
        return video_ids

    def _save(self, videos: list[dict]) -> None:
        contents: list[ContentRecord] = []
        snapshots: list[SnapshotRecord] = []
        for video in videos:
            record = youtube.map_video(video)
            contents.append(record)
            if record.live_status == "LIVE":
                self.live_now.append(record.external_id)
                title = record.title or record.external_id
                viewers = fmt_int(youtube.video_counts(video).get("live_viewers"), self.lang)
                self.progress.notes.append(say("on_air", self.lang, title=title, viewers=viewers))
            if record.live_status != "UPCOMING" and self._due(record):
                snapshots.append(youtube.make_snapshot(video, self.now))
        if not contents:
            return
        saved = store_page(
            self.engine, self.channel_id, contents, snapshots, self.progress, self.last_captures, self.now
        )
        self._comments(contents, saved.ids, {snapshot.content_external_id for snapshot in snapshots})

    def _comments(self, contents: list[ContentRecord], ids: dict[str, int], due: set[str]) -> None:
        """New comment threads of the videos snapshotted now (1 quota unit a page)."""
        if self.comments is None:
            return
        from collector.comments import fetch_youtube_comments, read_due_comments

        read_due_comments(
            self.comments,
            fetch_youtube_comments,
            self.client,
            contents,
            ids,
            due,
            self.now,
            self._comment_errors,
        )

    @contextmanager
    def _comment_errors(self, external_id: str) -> Iterator[None]:
        """Comments turned off on a video, or the video gone: skip it; quota and outages end the run."""
        try:
            yield
        except (BudgetSpent, YouTubeTransient):
            raise
        except YouTubeError as error:
            log.info("YouTube %s: no comments read for %s (%s)", self.source.name, external_id, error)

    def _due(self, record: ContentRecord) -> bool:
        """On air, or just ended: every run; otherwise tapering with age like Facebook posts."""
        if record.live_status == "LIVE" or record.external_id in self.was_live:
            return True
        last = self.last_captures.get(record.external_id)
        born = (record.published_at or self.now) + timedelta(seconds=record.duration_s or 0)
        return due(self.now - born, self.now - last if last else None)


# ---------------------------------------------------------------------------------------------
# What the registry offers besides the runner: follow-ups, the doctor's check, status words.


def youtube_follow_up(
    engine: Engine, source: YouTubeChannelSource, now: datetime | None = None
) -> timedelta | None:
    """``live_every`` while a broadcast is on air, else when the next young video is due."""
    return channel_follow_up(
        engine, source.name, "youtube", source.channel_id, source.live_interval, youtube.SOURCE, now
    )


def quota_used_today(
    connection: Connection, source: YouTubeChannelSource, now: datetime | None = None
) -> int:
    """Units the source's runs spent since midnight Pacific Time."""
    return api_units_used(connection, [source.name], quota_day_start(utc(now or now_utc())))


def youtube_quota_status(connection: Connection, source: YouTubeChannelSource, lang: str) -> str:
    """``YouTube quota today: 37 / 10.000 units`` for ``status``."""
    used = fmt_int(quota_used_today(connection, source), lang)
    return say("youtube_quota_status", lang, used=used, quota=fmt_int(source.daily_quota, lang))


def youtube_key_check(context: CheckContext, source: YouTubeChannelSource) -> Check:
    """``doctor``: the key reads the channel (one ``channels.list``, 1 unit)."""
    lang = context.lang
    subject = say("doctor_youtube_key", lang, source=source.name)
    key = secret(source.key_env, context.environ)
    if not key:
        return Check(FAIL, subject, say("youtube_key_missing", lang, source=source.name, env=source.key_env))
    settings = context.config.graph.model_copy(update={"attempts": min(context.config.graph.attempts, 2)})
    http = make_youtube_http(source.base_url, key, settings=settings, transport=context.transport)
    client = YouTubeClient(http, settings=settings)
    try:
        channel = client.channel(source.channel_id)
        if channel is None:
            raise YouTubeError("channel not found", youtube.ApiProblem("not_found", 404, "channelNotFound"))
    except YouTubeTransient as error:
        return Check(
            FAIL, subject, say("youtube_unavailable", lang, source=source.name, reason=_reason(error, lang))
        )
    except YouTubeError as error:
        _, message = _refusal(
            error, source, RunProgress(), _reset_text(context.now, context.config.timezone, lang), lang
        )
        return Check(FAIL, subject, message)
    finally:
        client.close()
    used = 0
    if context.engine is not None:
        with context.engine.connect() as connection:
            used = quota_used_today(connection, source, context.now)
    name = youtube.map_channel(channel, DEFAULT_TIMEZONE).name
    quota = fmt_int(source.daily_quota, lang)
    return Check(
        OK, subject, say("doctor_youtube_ok", lang, channel=name, used=fmt_int(used, lang), quota=quota)
    )
