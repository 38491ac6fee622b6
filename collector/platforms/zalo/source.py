"""Collecting one Zalo Official Account through the OA Open API: the OA (followers), its articles
with their views and shares, tapered like Facebook posts; the access token renewed before it expires.

Requests go through one httpx client built by :func:`make_zalo_http` (explicit timeouts, ``transport=``
for tests), with bounded retries on timeouts, lost connections and 5xx. The OA access token travels
in the ``access_token`` header; it and the refresh token are registered for redaction, kept only in
the secrets file (the refresh token rotates on every renewal and is written back atomically), and
never reach the database, the logs or a message. Field meanings and what is verified: docs/zalo-oa.md.
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
from pydantic import Field, field_validator, model_validator
from sqlalchemy import Connection, Engine, select

from collector.messages import say
from collector.platforms.zalo import api as zalo
from collector.platforms.zalo.client import (
    AccessTokenRefused,
    ZaloClient,
    ZaloError,
    ZaloTransient,
    make_zalo_http,
)
from collector.plumbing.checks import FAIL, OK, WARN, Check, CheckContext
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
from models.store import (
    ContentRecord,
    SnapshotRecord,
    save_channel,
    save_page_metrics,
)
from models.tables import DEFAULT_TIMEZONE, Content
from models.write import now_utc, utc

log = logging.getLogger("engagement_monitor.zalo")

DEFAULT_ZALO_URL = "https://openapi.zalo.me"
DEFAULT_ZALO_OAUTH_URL = "https://oauth.zaloapp.com"


class ZaloOASource(SourceBase):
    """A Zalo Official Account read through the OA Open API; its access token (25 hours) is renewed
    with the refresh token, which rotates and is kept in the secrets file (docs/zalo-oa.md)."""

    type: Literal["zalo_oa"]
    app_id: str = Field(pattern=r"^[0-9]+$")
    access_token_env: str = Field(default="ZALO_OA_ACCESS_TOKEN", pattern=ENV_NAME)
    refresh_token_env: str = Field(default="ZALO_OA_REFRESH_TOKEN", pattern=ENV_NAME)
    secret_key_env: str = Field(default="ZALO_APP_SECRET_KEY", pattern=ENV_NAME)
    base_url: str = DEFAULT_ZALO_URL
    oauth_url: str = DEFAULT_ZALO_OAUTH_URL
    backfill_days: int = Field(default=30, ge=1, le=3650)
    max_articles: int = Field(default=300, ge=10, le=100000)

    @field_validator("base_url", "oauth_url")
    @classmethod
    def _check_urls(cls, value: str) -> str:
        return check_base_url(value)

    @model_validator(mode="before")
    @classmethod
    def _no_comments(cls, values: Any) -> Any:
        """Zalo's OA Open API gives no comments on OA articles (docs/zalo-oa.md): say so, rather than
        "extra input not permitted", when a file asks for them."""
        if isinstance(values, dict) and COMMENT_KEYS & set(values):
            raise ValueError(say("zalo_no_comments", language()))
        return values


COMMENT_KEYS = {"comments", "comment_days", "comment_text"}  # the Facebook and YouTube settings


def zalo_status(connection: Connection, source: ZaloOASource, lang: str) -> str:
    """For ``status``: the OA's comments are not read, because Zalo's API does not give them."""
    return say("zalo_comments_status", lang)


RENEW_BEFORE = timedelta(hours=1)  # renew an access token that has less than this left
# Keys this source keeps in ``source_state`` (never a token; STATE_EXPIRES, STATE_TOKEN: collector/tokens.py).
STATE_BACKFILL_FROM = "backfill_from"
STATE_RENEWED_AT = "refresh_token_renewed_at"
REFRESH_LIFETIME = timedelta(days=90)  # a refresh token lapses three months after it was issued
REFRESH_WARNING = timedelta(days=14)


def run_zalo_oa(context: RunContext, source: ZaloOASource) -> RunResult:
    """The registry's runner: one recorded run of the Official Account."""
    return record_collection(context, source, collect_zalo_oa)


def collect_zalo_oa(
    engine: Engine,
    source: ZaloOASource,
    *,
    timezone: str = DEFAULT_TIMEZONE,
    settings: GraphSettings = DEFAULT_SETTINGS,
    stop: threading.Event | None = None,
    now: datetime | None = None,
    transport: httpx.BaseTransport | None = None,
    environ: Mapping[str, str] = os.environ,
) -> RunResult:
    """One run for one OA; Zalo's refusals and faults become the run's status and one-line message."""
    lang = language()
    moment = utc(now or now_utc())
    with engine.connect() as connection:
        state = read_state(connection, source.name)
    tokens = tokens_from_state(source.name, source.access_token_env, source.refresh_token_env, state, environ)
    client = ZaloClient(
        make_zalo_http(settings, transport),
        source,
        tokens,
        settings=settings,
        sleep=stop.wait if stop else time.sleep,
        now=lambda: moment if now is not None else now_utc(),
    )
    run = _OARun(engine, source, timezone, client, state, stop, moment)
    token_problem = True
    try:
        client.ensure_token()
        run.collect()
        status, message, token_problem = RUN_OK, None, False
    except CredentialMissing as error:
        status = RUN_FAILED
        message = say(error.key, lang, source=source.name, refresh_env=error.env, env=error.env)
    except RefreshRefused as error:
        status = RUN_FAILED
        reason = f"{error.code}: {error}" if error.code is not None else str(error)
        message = say(
            "zalo_refresh_refused",
            lang,
            source=source.name,
            reason=reason,
            refresh_env=source.refresh_token_env,
        )
    except AccessTokenRefused as error:
        status = RUN_FAILED
        message = say("zalo_token_refused", lang, source=source.name, code=error.code or error.status)
    except (SecretsFileError, OSError) as error:
        status = RUN_FAILED
        reason = secrets_write_reason(error)
        path = writable_secrets_path(environ)
        message = say("zalo_secrets_unwritable", lang, source=source.name, path=path, reason=reason)
    except ZaloTransient as error:
        status = run.progress.cut_short()
        reason = say(f"graph_{error.cause}", lang, status=error.status) if error.cause else str(error)
        message, token_problem = say("zalo_unavailable", lang, source=source.name, reason=reason), False
    except Stopped:
        status, message, token_problem = RUN_PARTIAL, say("zalo_stopped", lang, source=source.name), False
    except ZaloError as error:
        status, token_problem = RUN_FAILED, False
        message = say("zalo_refused", lang, source=source.name, code=error.code, reason=error)
    finally:
        client.close()
    message = redact(message) if message else None
    remember = token_state(tokens, message, moment, token_problem)
    if tokens.renewed:
        remember[STATE_RENEWED_AT] = moment.isoformat()
    remember.update(run.state_changes)
    with engine.begin() as connection:
        write_state(connection, source.name, remember)
    notes = run.progress.notes + ([message] if message else [])
    return RunResult(status, run.progress.new_items, run.progress.new_snapshots, " ".join(notes) or None)


class _OARun:
    """The steps of one run; each page of articles is written in its own transaction."""

    def __init__(
        self,
        engine: Engine,
        source: ZaloOASource,
        timezone: str,
        client: ZaloClient,
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
        self.known: set[str] = set()

    def collect(self) -> None:
        since = self._window_start()
        self._oa()
        for article_type in zalo.ARTICLE_TYPES:
            seen = 0
            for items in self.client.articles(article_type):
                self._check_stop()
                self._articles(article_type, items)
                seen += len(items)
                dates = [zalo.published_at(item, self.timezone) for item in items]
                if seen >= self.source.max_articles or (
                    dates and all(d is not None and d < since for d in dates)
                ):
                    break

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

    def _oa(self) -> None:
        data = self.client.oa()
        channel = zalo.map_oa(data, self.timezone)
        today = self.now.astimezone(ZoneInfo(self.timezone)).date()
        followers = zalo.follower_metric(data, today)
        with self.engine.begin() as connection:
            self.channel_id = save_channel(connection, channel)
            if followers is not None:
                save_page_metrics(connection, self.channel_id, [followers])
            self.last_captures = last_captures(connection, self.channel_id, zalo.SOURCE)
            self.known = set(
                connection.execute(select(Content.external_id).where(Content.channel_id == self.channel_id))
                .scalars()
                .all()
            )

    def _articles(self, article_type: str, items: list[dict]) -> None:
        contents: list[ContentRecord] = []
        snapshots: list[SnapshotRecord] = []
        for item in items:
            external_id = str(item["id"])
            # The detail (link, description) once, when the article is new to us.
            detail = self.client.detail(external_id) if external_id not in self.known else None
            record = zalo.map_article(item, article_type, self.timezone, detail)
            contents.append(record)
            last = self.last_captures.get(external_id)
            age = self.now - (record.published_at or self.now)
            if due(age, self.now - last if last else None):
                snapshots.append(zalo.article_snapshot(item, self.now))
        if not contents:
            return
        saved = store_page(
            self.engine, self.channel_id, contents, snapshots, self.progress, self.last_captures, self.now
        )
        self.known.update(saved.ids)


def zalo_check(context: CheckContext, source: ZaloOASource) -> Check:
    """The registry's doctor check of an OA, without calling Zalo (a renewal would spend the refresh
    token): the refresh token and the app key are there, the last token problem, when the tokens lapse."""
    lang = context.lang
    subject = say("doctor_zalo", lang, source=source.name)
    try:
        for env in (source.refresh_token_env, source.secret_key_env):
            if not secret(env, context.environ, file_first=True):
                return Check(FAIL, subject, say("doctor_zalo_missing", lang, env=env))
    except SecretsFileError as error:
        return Check(FAIL, subject, str(error))
    state: dict[str, Any] = {}
    if context.engine is not None:
        with context.engine.connect() as connection:
            state = read_state(connection, source.name)
    problem = state.get(STATE_TOKEN)
    if problem:
        return Check(FAIL, subject, problem["message"].split(": ", 1)[-1])
    renewed = state.get(STATE_RENEWED_AT)
    if renewed:
        lapses = datetime.fromisoformat(renewed) + REFRESH_LIFETIME
        if lapses - context.now <= REFRESH_WARNING:
            when, last = (
                fmt_datetime(moment, lang, context.config.timezone)
                for moment in (lapses, datetime.fromisoformat(renewed))
            )
            return Check(WARN, subject, say("doctor_zalo_idle", lang, renewed=last, when=when))
    expires = state.get(STATE_EXPIRES)
    if expires and datetime.fromisoformat(expires) > context.now:
        when = fmt_datetime(datetime.fromisoformat(expires), lang, context.config.timezone)
        return Check(OK, subject, say("doctor_tokens_ok", lang, when=when))
    return Check(OK, subject, say("doctor_tokens_ok_unknown", lang))
