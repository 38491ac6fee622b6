"""Collecting one TikTok account through the Display API v2: the account (followers) and its videos
with views, likes, comments and shares, tapered like Facebook posts; the user access token renewed
with the rotating refresh token, kept only in the secrets file (``collector.plumbing.tokens``).

Requests go through one httpx client built by :func:`make_tiktok_http` (explicit timeouts,
``transport=`` for tests) with bounded retries on timeouts, lost connections, 5xx and 429. The token
travels in the ``Authorization`` header and never reaches the database, the logs or a message.
"""

import logging
import os
import threading
import time
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any, Literal
from zoneinfo import ZoneInfo

import httpx
from pydantic import Field, field_validator
from sqlalchemy import Engine

from collector.messages import say
from collector.platforms.tiktok import api as tiktok
from collector.platforms.tiktok.client import (
    AccessTokenRefused,
    TikTokClient,
    TikTokError,
    TikTokTransient,
    make_tiktok_http,
)
from collector.plumbing.checks import FAIL, OK, Check, CheckContext
from collector.plumbing.collecting import TAPER_END, Stopped, due, last_captures, read_state, write_state
from collector.plumbing.http import (
    DEFAULT_SETTINGS,
    GraphSettings,
)
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
from collector.plumbing.secrets import SecretsFileError, secret, writable_secrets_path
from collector.plumbing.source_base import ENV_NAME, SourceBase, check_base_url
from collector.plumbing.tokens import (
    STATE_EXPIRES,
    STATE_TOKEN,
    CredentialMissing,
    RefreshRefused,
    secrets_write_reason,
    token_state,
    tokens_from_state,
)
from models.i18n import fmt_datetime, language
from models.store import save_channel, save_page_metrics
from models.tables import DEFAULT_TIMEZONE
from models.write import now_utc, utc

log = logging.getLogger("engagement_monitor.tiktok")

DEFAULT_TIKTOK_URL = "https://open.tiktokapis.com"


class TikTokSource(SourceBase):
    """A TikTok account read through the Display API v2 with a user access token, renewed with the
    refresh token, which rotates and is kept in the secrets file (docs/tiktok.md)."""

    type: Literal["tiktok_account"]
    client_key: str = Field(pattern=r"^[A-Za-z0-9_-]+$")
    access_token_env: str = Field(default="TIKTOK_ACCESS_TOKEN", pattern=ENV_NAME)
    refresh_token_env: str = Field(default="TIKTOK_REFRESH_TOKEN", pattern=ENV_NAME)
    client_secret_env: str = Field(default="TIKTOK_CLIENT_SECRET", pattern=ENV_NAME)
    base_url: str = DEFAULT_TIKTOK_URL
    backfill_days: int = Field(default=30, ge=1, le=3650)
    max_videos: int = Field(default=300, ge=20, le=100000)

    @field_validator("base_url")
    @classmethod
    def _check_url(cls, value: str) -> str:
        return check_base_url(value)


STATE_BACKFILL_FROM = "backfill_from"


def run_tiktok_account(context: RunContext, source: TikTokSource) -> RunResult:
    """The registry's runner: one recorded run of the account."""
    return record_collection(context, source, collect_tiktok_account)


def collect_tiktok_account(
    engine: Engine,
    source: TikTokSource,
    *,
    timezone: str = DEFAULT_TIMEZONE,
    settings: GraphSettings = DEFAULT_SETTINGS,
    stop: threading.Event | None = None,
    now: datetime | None = None,
    transport: httpx.BaseTransport | None = None,
    environ: Mapping[str, str] = os.environ,
) -> RunResult:
    """One run for one account; TikTok's refusals and faults become the run's status and one-line message."""
    lang = language()
    moment = utc(now or now_utc())
    with engine.connect() as connection:
        state = read_state(connection, source.name)
    tokens = tokens_from_state(source.name, source.access_token_env, source.refresh_token_env, state, environ)
    client = TikTokClient(
        make_tiktok_http(settings, transport),
        source,
        tokens,
        settings=settings,
        sleep=stop.wait if stop else time.sleep,
        now=(lambda: moment) if now is not None else now_utc,
    )
    run = _AccountRun(engine, source, timezone, client, state, stop, moment)
    where = {"source": source.name, "refresh_env": source.refresh_token_env}
    token_problem = True
    try:
        client.ensure_token()
        run.collect()
        status, message, token_problem = RUN_OK, None, False
    except CredentialMissing as error:
        status, message = RUN_FAILED, say(error.key, lang, env=error.env, **where)
    except RefreshRefused as error:
        status, message = RUN_FAILED, say("tiktok_refresh_refused", lang, reason=error, **where)
    except AccessTokenRefused as error:
        status, message = RUN_FAILED, say("tiktok_token_refused", lang, code=error.code, **where)
    except (SecretsFileError, OSError) as error:
        reason = secrets_write_reason(error)
        path = writable_secrets_path(environ)
        status, message = (
            RUN_FAILED,
            say("tiktok_secrets_unwritable", lang, path=path, reason=reason, **where),
        )
    except TikTokTransient as error:
        status = run.progress.cut_short()
        reason = say(f"graph_{error.cause}", lang, status=error.status) if error.cause else str(error)
        message, token_problem = say("tiktok_unavailable", lang, reason=reason, **where), False
    except Stopped:
        status, message, token_problem = RUN_PARTIAL, say("tiktok_stopped", lang, **where), False
    except TikTokError as error:
        status = RUN_FAILED
        token_problem = error.code in ("scope_not_authorized", "scope_permission_missed")
        message = say("tiktok_refused", lang, code=error.code or error.status, reason=error, **where)
    finally:
        client.close()
    message = redact(message) if message else None
    remember: dict[str, Any] = dict(run.state_changes)
    remember.update(token_state(tokens, message, moment, token_problem))
    with engine.begin() as connection:
        write_state(connection, source.name, remember)
    return RunResult(status, run.progress.new_items, run.progress.new_snapshots, message)


class _AccountRun:
    """The steps of one run; each page of videos is written in its own transaction."""

    def __init__(
        self,
        engine: Engine,
        source: TikTokSource,
        timezone: str,
        client: TikTokClient,
        state: dict[str, Any],
        stop: threading.Event | None,
        now: datetime,
    ) -> None:
        self.engine, self.source, self.timezone, self.client = engine, source, timezone, client
        self.state, self.stop, self.now = state, stop, now
        self.progress = RunProgress()
        self.state_changes: dict[str, Any] = {}
        self.channel_id = 0
        self.last_captures: dict[str, datetime] = {}

    def collect(self) -> None:
        since = self._window_start()
        self._account()
        seen = 0
        for videos in self.client.videos():
            if self.stop is not None and self.stop.is_set():
                raise Stopped
            self._videos(videos)
            seen += len(videos)
            dates = [tiktok.created_at(video) for video in videos]
            if seen >= self.source.max_videos or (dates and all(d is not None and d < since for d in dates)):
                break

    def _window_start(self) -> datetime:
        first = self.state.get(STATE_BACKFILL_FROM)
        if first is None:
            start = self.now - timedelta(days=self.source.backfill_days)
            self.state_changes[STATE_BACKFILL_FROM] = start.isoformat()
            return start
        return max(datetime.fromisoformat(first), self.now - TAPER_END)

    def _account(self) -> None:
        data = self.client.user()
        channel = tiktok.map_user(data, self.timezone)
        followers = tiktok.follower_metric(data, self.now.astimezone(ZoneInfo(self.timezone)).date())
        with self.engine.begin() as connection:
            self.channel_id = save_channel(connection, channel)
            if followers is not None:
                save_page_metrics(connection, self.channel_id, [followers])
            self.last_captures = last_captures(connection, self.channel_id, tiktok.SOURCE)

    def _videos(self, videos: list[dict]) -> None:
        contents, snapshots = [], []
        for video in videos:
            record = tiktok.map_video(video)
            contents.append(record)
            last = self.last_captures.get(record.external_id)
            if due(self.now - (record.published_at or self.now), self.now - last if last else None):
                snapshots.append(tiktok.video_snapshot(video, self.now))
        if not contents:
            return
        store_page(
            self.engine, self.channel_id, contents, snapshots, self.progress, self.last_captures, self.now
        )


def tiktok_check(context: CheckContext, source: TikTokSource) -> Check:
    """The registry's doctor check, without calling TikTok (a renewal would spend the refresh token)."""
    lang = context.lang
    subject = say("doctor_tiktok", lang, source=source.name)
    try:
        for env in (source.refresh_token_env, source.client_secret_env):
            if not secret(env, context.environ, file_first=True):
                return Check(FAIL, subject, say("doctor_tiktok_missing", lang, env=env))
    except SecretsFileError as error:
        return Check(FAIL, subject, str(error))
    state: dict[str, Any] = {}
    if context.engine is not None:
        with context.engine.connect() as connection:
            state = read_state(connection, source.name)
    if state.get(STATE_TOKEN):
        return Check(FAIL, subject, state[STATE_TOKEN]["message"].split(": ", 1)[-1])
    expires = state.get(STATE_EXPIRES)
    if expires and datetime.fromisoformat(expires) > context.now:
        when = fmt_datetime(datetime.fromisoformat(expires), lang, context.config.timezone)
        return Check(OK, subject, say("doctor_tokens_ok", lang, when=when))
    return Check(OK, subject, say("doctor_tokens_ok_unknown", lang))
