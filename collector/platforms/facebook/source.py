"""Collecting one Facebook Page through the Graph API into the database, with tapered snapshots.

Each run reads the Page, its live videos and its recent posts, and stores a snapshot for every
item that is *due*: while a broadcast is on air at every run, right after it ends (with its video
insights), then ever less often as items age (every 15 min for 2 h, hourly until 48 h, daily until
30 days), so posts can be compared at the same age. Writes go through ``models.store`` in one
transaction per batch, so an interrupted run never leaves a half-written batch.
"""

import logging
import os
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any, Literal
from zoneinfo import ZoneInfo

import httpx
from pydantic import Field, field_validator
from sqlalchemy import Connection, Engine, select

from collector.comment_settings import CommentSettings
from collector.messages import say
from collector.platforms.facebook.api import (
    describe_metric,
    insight_fields,
    insight_windows,
    live_counts,
    live_ended_at,
    live_post_id,
    make_snapshot,
    map_live_video,
    map_page,
    map_page_insights,
    map_post,
    parse_time,
    post_counts,
)
from collector.platforms.facebook.client import (
    GraphClient,
    GraphError,
    InsightsAnswer,
    PermissionProblem,
    RateLimited,
    TokenProblem,
    TransientError,
    make_http_client,
)
from collector.plumbing.checks import FAIL, OK, WARN, Check, CheckContext
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
from models.errors import UserError
from models.i18n import fmt_datetime, fmt_int, language
from models.store import (
    ContentRecord,
    SnapshotRecord,
    save_channel,
    save_page_metrics,
)
from models.tables import DEFAULT_TIMEZONE, SourceState
from models.write import now_utc, utc

if TYPE_CHECKING:
    from collector.config import CollectorConfig

log = logging.getLogger("engagement_monitor.facebook")

DEFAULT_GRAPH_URL = "https://graph.facebook.com"
DEFAULT_API_VERSION = "v25.0"


class FacebookPageSource(SourceBase, CommentSettings):
    """A Facebook Page read through the Meta Graph API with a Page access token."""

    type: Literal["facebook_page"]
    page_id: str = Field(pattern=r"^[0-9]+$")
    token_env: str = Field(pattern=r"^[A-Za-z_][A-Za-z0-9_]*$")
    base_url: str = DEFAULT_GRAPH_URL
    api_version: str = Field(default=DEFAULT_API_VERSION, pattern=r"^v[0-9]+\.[0-9]+$")
    live_every: str = "2m"
    backfill_days: int = Field(default=30, ge=1, le=3650)

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


PAGE_INSIGHTS_EVERY = timedelta(hours=1)
PAGE_INSIGHTS_REREAD_DAYS = 3  # Meta revises daily page values for a few days

# Keys this source keeps in ``source_state`` (the dashboard reads ``token_problem``).
STATE_RETIRED = "retired_metrics"
STATE_TOKEN = "token_problem"
STATE_BACKFILL_FROM = "backfill_from"
STATE_INSIGHTS_UNTIL = "page_insights_until"
STATE_INSIGHTS_AT = "page_insights_at"
STATE_COMMENTS = "comment_cursors"  # Meta's ``after`` cursor of each item's comments


def page_client(
    source: FacebookPageSource,
    token: str,
    *,
    settings: GraphSettings = DEFAULT_SETTINGS,
    transport: httpx.BaseTransport | None = None,
    sleep: Callable[[float], Any] = time.sleep,
) -> GraphClient:
    """A Graph API client for the Page of ``source``."""
    http = make_http_client(
        f"{source.base_url}/{source.api_version}/", token, settings=settings, transport=transport
    )
    return GraphClient(http, settings=settings, sleep=sleep)


def run_facebook_page(context: RunContext, source: FacebookPageSource) -> RunResult:
    """The registry's runner: one recorded run of the Page."""
    return record_collection(context, source, collect_facebook_page)


def collect_facebook_page(
    engine: Engine,
    source: FacebookPageSource,
    *,
    timezone: str = DEFAULT_TIMEZONE,
    client: GraphClient | None = None,
    settings: GraphSettings = DEFAULT_SETTINGS,
    stop: threading.Event | None = None,
    now: datetime | None = None,
) -> RunResult:
    """One run for one Page; never raises for Meta's errors, which become the run's status and message
    (in the configured language, ``models.i18n.language()``)."""
    lang = language()
    with engine.connect() as connection:
        state = read_state(connection, source.name)
    own_client = client is None
    if client is None:
        token = secret(source.token_env)
        if not token:
            message = say("page_token_missing", lang, page=source.name, env=source.token_env)
            _remember(engine, source.name, {STATE_TOKEN: {"message": message, "at": now_utc().isoformat()}})
            return RunResult(RUN_FAILED, message=message)
        client = page_client(source, token, settings=settings, sleep=stop.wait if stop else time.sleep)
    client.dropped.update(state.get(STATE_RETIRED) or [])
    run = _PageRun(engine, source, timezone, client, state, stop, utc(now or now_utc()), lang)
    remember: dict[str, Any] = {}
    try:
        run.collect()
        status, message = RUN_OK, None
        remember[STATE_TOKEN] = None
    except (TokenProblem, PermissionProblem) as error:
        status, message = RUN_FAILED, token_message(source, error, lang)
        remember[STATE_TOKEN] = {"message": message, "code": error.code, "at": run.now.isoformat()}
    except RateLimited as error:
        wait = say("rate_wait", lang, minutes=fmt_int(error.wait_s / 60, lang)) if error.wait_s else ""
        status, message = RUN_PARTIAL, say("page_rate_limited", lang, page=source.name, wait=wait)
    except TransientError as error:
        status = run.progress.cut_short()
        reason = say(f"graph_{error.cause}", lang, status=error.status) if error.cause else str(error)
        message = say("page_unavailable", lang, page=source.name, reason=reason)
    except Stopped:
        status, message = RUN_PARTIAL, say("page_stopped", lang, page=source.name)
    except GraphError as error:
        status, message = RUN_FAILED, say("page_refused", lang, page=source.name, reason=error)
    finally:
        if own_client:
            client.close()
    remember.update(run.state_changes)
    remember[STATE_RETIRED] = sorted(client.dropped)
    _remember(engine, source.name, remember)
    notes = run.progress.notes + ([message] if message else [])
    return RunResult(status, run.progress.new_items, run.progress.new_snapshots, " ".join(notes) or None)


def token_message(source: FacebookPageSource, error: GraphError, lang: str) -> str:
    """One line in ``lang`` saying which Page needs what, without Meta's wording (or the token)."""
    where = {"page": source.name, "page_id": source.page_id, "env": source.token_env}
    if isinstance(error, TokenProblem):
        return say("page_token_expired" if error.subcode == 463 else "page_token_invalid", lang, **where)
    return say("page_permission", lang, code=error.code, **where)


def _remember(engine: Engine, source: str, values: dict[str, Any]) -> None:
    with engine.begin() as connection:
        write_state(connection, source, values)


class _PageRun:
    """The steps of one run; each batch is written in its own transaction."""

    def __init__(
        self,
        engine: Engine,
        source: FacebookPageSource,
        timezone: str,
        client: GraphClient,
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
        self.lives: dict[str, dict] = {}
        self.lives_with_post: set[str] = set()
        self.was_live = set(state.get(STATE_LIVE) or [])
        own = frozenset({source.page_id})
        cursors = state.get(STATE_COMMENTS)
        from collector.comments import CommentReader  # comment reading, loaded when a run starts

        self.comments = CommentReader(engine, source, own, cursors) if source.comments else None

    def collect(self) -> None:
        since = self._window_start()
        self._page()
        self._live_videos(since)
        for batch in self.client.posts(self.source.page_id, since):
            self._check_stop()
            self._posts(batch)
        self._check_stop()
        self._lives_without_post()
        self.state_changes[STATE_LIVE] = sorted(i for i, v in self.lives.items() if v.get("status") == "LIVE")
        self._page_insights()
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

    def _page(self) -> None:
        channel = map_page(self.client.page(self.source.page_id), self.timezone)
        with self.engine.begin() as connection:
            self.channel_id = save_channel(connection, channel)
            self.last_captures = last_captures(connection, self.channel_id)

    def _live_videos(self, since: datetime) -> None:
        for batch in self.client.live_videos(self.source.page_id):
            for item in batch:
                self.lives[live_post_id(self.source.page_id, item)] = item
            started = [parse_time(item.get("creation_time")) for item in batch]
            if any(moment is not None and moment < since for moment in started):
                break
        for external_id, item in self.lives.items():
            if item.get("status") == "LIVE":
                title = item.get("title") or external_id
                viewers = fmt_int(item.get("live_views"), self.lang)
                self.progress.notes.append(say("on_air", self.lang, title=title, viewers=viewers))

    def _posts(self, batch: list[dict]) -> None:
        contents, snapshots = [], []
        for item in batch:
            post = map_post(item)
            live = self.lives.get(post.external_id)
            if live is not None:
                self.lives_with_post.add(post.external_id)
            record = map_live_video(self.source.page_id, live, post) if live else post
            contents.append(record)
            if self._due(record, live):
                snapshots.append(self._snapshot(record, live, post_counts(item)))
        self._save(contents, snapshots)

    def _lives_without_post(self) -> None:
        """Live videos whose post was not in the listing (yet): stored on their own."""
        contents, snapshots = [], []
        for external_id, item in self.lives.items():
            if external_id in self.lives_with_post:
                continue
            record = map_live_video(self.source.page_id, item)
            contents.append(record)
            if self._due(record, item):
                snapshots.append(self._snapshot(record, item, {}))
        self._save(contents, snapshots)

    def _due(self, record: ContentRecord, live: dict | None) -> bool:
        last = self.last_captures.get(record.external_id)
        since_last = self.now - last if last else None
        if live is not None:
            if live.get("status") == "LIVE" or record.external_id in self.was_live:
                return True
            started = record.published_at or self.now
            return due(self.now - (live_ended_at(live) or started), since_last)
        return due(self.now - (record.published_at or self.now), since_last)

    def _snapshot(self, record: ContentRecord, live: dict | None, counts: dict) -> SnapshotRecord:
        """Counts from the listing, plus insights when the item is not on air (video ones win)."""
        parts: list[dict] = [counts]
        if live is not None and live.get("status") == "LIVE":
            parts.append(live_counts(live))
        else:
            video_id = ((live or {}).get("video") or {}).get("id")
            if live is None or video_id:
                parts.append(insight_fields(self._insights(self.client.post_insights(record.external_id))))
            if video_id:
                parts.append(insight_fields(self._insights(self.client.video_insights(video_id))))
        return make_snapshot(record.external_id, self.now, *parts)

    def _insights(self, answer: InsightsAnswer) -> dict[str, list[dict]]:
        for name in answer.retired:
            metric = describe_metric(name, self.lang)
            self.progress.notes.append(say("metric_dropped", self.lang, metric=metric))
            log.warning("Page %s: metric %s rejected by Meta, dropped", self.source.name, name)
        return answer.values

    def _save(self, contents: list[ContentRecord], snapshots: list[SnapshotRecord]) -> None:
        if not contents:
            return
        saved = store_page(
            self.engine, self.channel_id, contents, snapshots, self.progress, self.last_captures, self.now
        )
        self._comments(contents, saved.ids, {snapshot.content_external_id for snapshot in snapshots})

    def _comments(self, contents: list[ContentRecord], ids: dict[str, int], due: set[str]) -> None:
        """New comments of the items snapshotted now: comments follow the items' tapering schedule."""
        if self.comments is None:
            return
        from collector.comments import fetch_graph_comments, read_due_comments

        read_due_comments(
            self.comments,
            fetch_graph_comments,
            self.client,
            contents,
            ids,
            due,
            self.now,
            self._comment_errors,
        )

    @contextmanager
    def _comment_errors(self, external_id: str) -> Iterator[None]:
        """Without ``pages_read_user_content`` the run goes on and says what to grant."""
        try:
            yield
        except PermissionProblem:
            assert self.comments is not None
            self.comments.refuse(say("comments_permission", self.lang, page=self.source.name))

    def _page_insights(self) -> None:
        """Daily page values, at most hourly, re-reading the last few days (Meta revises them)."""
        fetched = self.state.get(STATE_INSIGHTS_AT)
        if fetched and self.now - datetime.fromisoformat(fetched) < PAGE_INSIGHTS_EVERY:
            return
        today = self.now.astimezone(ZoneInfo(self.timezone)).date()
        until = self.state.get(STATE_INSIGHTS_UNTIL)
        if until:
            start = date.fromisoformat(until) - timedelta(days=PAGE_INSIGHTS_REREAD_DAYS)
        else:
            start = today - timedelta(days=self.source.backfill_days)
        for since, end in insight_windows(start, today + timedelta(days=1)):
            self._check_stop()
            answer = self.client.page_insights(self.source.page_id, since, end)
            records = map_page_insights(self._insights(answer), self.timezone)
            with self.engine.begin() as connection:
                save_page_metrics(connection, self.channel_id, records)
            self.state_changes[STATE_INSIGHTS_UNTIL] = end.isoformat()
        self.state_changes[STATE_INSIGHTS_AT] = self.now.isoformat()


def follow_up_delay(
    engine: Engine, source: FacebookPageSource, now: datetime | None = None
) -> timedelta | None:
    """How soon this Page wants another run: ``live_every`` while on air, else when the next item is due."""
    return channel_follow_up(engine, source.name, "facebook", source.page_id, source.live_interval, now=now)


# The Page token's check, for ``doctor`` (through the registry) and the dashboard's "check tokens now".

TOKEN_WARNING = timedelta(days=7)
REQUIRED_SCOPES = ("pages_read_engagement", "read_insights")
COMMENTS_SCOPE = "pages_read_user_content"  # only for sources with ``comments = true``
STATE_TOKEN_CHECK = "token_check"


@dataclass(frozen=True)
class TokenStatus:
    """What Meta says about one source's token (no part of the token itself)."""

    source: str
    token_env: str
    valid: bool
    expires_at: datetime | None
    missing: tuple[str, ...] = ()
    problem: str | None = None

    def check(self, now: datetime, lang: str) -> Check:
        """The token's verdict at ``now``: invalid or lacking permissions fails, a week left warns."""
        subject = say("doctor_token", lang, source=self.source)
        renew = say("doctor_renew", lang, env=self.token_env)
        when = fmt_datetime(self.expires_at, lang, DEFAULT_TIMEZONE)
        if not self.valid:
            if self.expires_at is not None and self.expires_at <= now:
                return Check(FAIL, subject, say("doctor_token_expired", lang, when=when, renew=renew))
            problem = say("doctor_problem_expired", lang) if self.problem == "expired" else self.problem
            problem = problem or say("doctor_problem_refused", lang)
            return Check(FAIL, subject, say("doctor_token_invalid", lang, problem=problem, renew=renew))
        if self.missing:
            scopes = ", ".join(self.missing)
            return Check(FAIL, subject, say("doctor_token_scopes", lang, scopes=scopes, renew=renew))
        if self.expires_at is None:
            return Check(OK, subject, say("doctor_token_forever", lang))
        left = self.expires_at - now
        if left <= timedelta(0):
            return Check(FAIL, subject, say("doctor_token_expired", lang, when=when, renew=renew))
        if left <= TOKEN_WARNING:
            message = say("doctor_token_soon", lang, left=_duration(left, lang), when=when, renew=renew)
            return Check(WARN, subject, message)
        return Check(OK, subject, say("doctor_token_valid", lang, left=_duration(left, lang), when=when))

    def as_state(self, now: datetime) -> dict[str, Any]:
        return {
            "valid": self.valid,
            "expires_at": self.expires_at.isoformat() if self.expires_at else None,
            "missing": list(self.missing),
            "problem": self.problem,
            "token_env": self.token_env,
            "checked_at": now.isoformat(),
        }

    @classmethod
    def from_state(cls, source: str, state: Mapping[str, Any]) -> "TokenStatus":
        expires = state.get("expires_at")
        return cls(
            source=source,
            token_env=state.get("token_env") or "?",
            valid=bool(state.get("valid")),
            expires_at=datetime.fromisoformat(expires) if expires else None,
            missing=tuple(state.get("missing") or ()),
            problem=state.get("problem"),
        )


def _duration(left: timedelta, lang: str) -> str:
    if left >= timedelta(days=2):
        return say("doctor_days", lang, count=fmt_int(left.days, lang))
    return say("doctor_hours", lang, count=fmt_int(max(1, int(left.total_seconds() // 3600)), lang))


def _moment(epoch: Any) -> datetime | None:
    """Meta's expiry time (seconds since 1970; 0 means never)."""
    return datetime.fromtimestamp(epoch, UTC) if isinstance(epoch, int) and epoch > 0 else None


def required_scopes(source: FacebookPageSource) -> tuple[str, ...]:
    """The permissions the Page token needs: reading comments needs one more."""
    return REQUIRED_SCOPES + ((COMMENTS_SCOPE,) if source.comments else ())


def parse_debug_token(source: FacebookPageSource, payload: Mapping[str, Any]) -> TokenStatus:
    """A TokenStatus from the ``data`` of a ``debug_token`` answer.

    The earlier of ``expires_at`` and ``data_access_expires_at`` counts: after either, runs fail.
    """
    data = payload.get("data") or {}
    deadlines = [
        m for m in (_moment(data.get("expires_at")), _moment(data.get("data_access_expires_at"))) if m
    ]
    scopes = set(data.get("scopes") or [])
    error = data.get("error") or {}
    return TokenStatus(
        source=source.name,
        token_env=source.token_env,
        valid=bool(data.get("is_valid")),
        expires_at=min(deadlines) if deadlines else None,
        missing=tuple(scope for scope in required_scopes(source) if scope not in scopes),
        problem="expired" if error.get("subcode") == 463 else redact(str(error.get("message") or "")) or None,
    )


def read_token_status(
    source: FacebookPageSource, token: str, config: "CollectorConfig", transport: Any = None
) -> TokenStatus:
    """Ask the Graph API about ``token`` (``GET /{version}/debug_token?input_token=…``)."""
    settings = config.graph.model_copy(update={"attempts": min(config.graph.attempts, 2), "rate_waits": 0})
    client = page_client(source, token, settings=settings, transport=transport)
    try:
        return parse_debug_token(source, client.get("debug_token", {"input_token": token}))
    except TokenProblem as error:
        # The token cannot even be used to ask about itself.
        return TokenStatus(source.name, source.token_env, valid=False, expires_at=None, problem=str(error))
    finally:
        client.close()


def remember_token_status(connection: Connection, status: TokenStatus, now: datetime) -> None:
    """Keep the result for the dashboard (``source_state``, key ``token_check``)."""
    write_state(connection, status.source, {STATE_TOKEN_CHECK: status.as_state(now)})


def token_warnings(
    connection: Connection, lang: str | None = None, now: datetime | None = None
) -> list[Check]:
    """Problems and expiry warnings from the last token checks, for the dashboard's Data page."""
    lang = language(lang)
    now = utc(now or now_utc())
    rows = connection.execute(
        select(SourceState.source, SourceState.value).where(SourceState.key == STATE_TOKEN_CHECK)
    )
    checks = [TokenStatus.from_state(source, value).check(now, lang) for source, value in rows if value]
    return [check for check in checks if check.status != OK]


def _check_token(
    source: FacebookPageSource,
    config: "CollectorConfig",
    environ: Mapping[str, str],
    transport: Any,
    now: datetime,
    lang: str,
) -> tuple[Check, TokenStatus | None]:
    token = secret(source.token_env, environ)
    if not token:
        message = say("doctor_no_token", lang, env=source.token_env)
        return Check(FAIL, say("doctor_token", lang, source=source.name), message), None
    status = read_token_status(source, token, config, transport)
    return status.check(now, lang), status


def _guarded(subject: str, lang: str, check: Callable[[], tuple[Check, Any]]) -> tuple[Check, Any]:
    """Run the token check; any error becomes a failed line (and no result) instead of stopping ``doctor``."""
    try:
        return check()
    except (UserError, GraphError) as error:
        return Check(FAIL, subject, redact(str(error))), None
    except Exception as error:  # a server down: say which, the other checks go on
        first_line = str(error).splitlines()[0] if str(error) else ""
        message = say("doctor_unexpected", lang, error=type(error).__name__, detail=first_line)
        return Check(FAIL, subject, redact(message)), None


def check_page_token(
    source: FacebookPageSource,
    config: "CollectorConfig",
    engine: Engine | None,
    *,
    environ: Mapping[str, str] = os.environ,
    transport: Any = None,
    now: datetime | None = None,
    lang: str | None = None,
) -> Check:
    """One Page's token checked as ``doctor`` does; the result is remembered for the dashboard
    (when there is an ``engine``). Also used by the dashboard's "check tokens now"."""
    now = utc(now or now_utc())
    lang = language(lang)
    subject = say("doctor_token", lang, source=source.name)
    check, status = _guarded(
        subject, lang, lambda: _check_token(source, config, environ, transport, now, lang)
    )
    if status is not None and engine is not None:
        with engine.begin() as connection:
            remember_token_status(connection, status, now)
    return check


def page_token_check(context: CheckContext, source: FacebookPageSource) -> Check:
    """The registry's doctor check of a Facebook Page: its token."""
    return check_page_token(
        source,
        context.config,
        context.engine,
        environ=context.environ,
        transport=context.transport,
        now=context.now,
        lang=context.lang,
    )
