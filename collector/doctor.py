"""``engagement-monitor doctor``: is everything in place? One line per check, never a token.

Checks the secrets file, the sources file, the database (reachable, schema at the latest
migration) and each source whose type offers a check in the registry: for a Facebook Page, its
token through the Graph API's ``debug_token``: valid, with the permissions we need, and how long
before it expires (a warning a week ahead).
The token results are kept in ``source_state`` so the dashboard can warn without calling Meta.
"""

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, select

from collector.config import DEFAULT_CONFIG, CollectorConfig, load_config
from collector.messages import say
from collector.platforms.facebook.client import GraphError, TokenProblem
from collector.platforms.facebook.source import FacebookPageSource, page_client
from collector.plumbing.checks import FAIL, OK, WARN, Check, CheckContext
from collector.plumbing.collecting import write_state
from collector.plumbing.redaction import redact
from collector.plumbing.secrets import load_secrets, secret, secrets_path
from collector.sources import source_type
from models.db import current_revision, head_revision, make_engine, redact_url
from models.errors import UserError
from models.i18n import fmt_datetime, fmt_int, language
from models.tables import DEFAULT_TIMEZONE, SourceState
from models.write import now_utc, utc

TOKEN_WARNING = timedelta(days=7)
REQUIRED_SCOPES = ("pages_read_engagement", "read_insights")
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
        missing=tuple(scope for scope in REQUIRED_SCOPES if scope not in scopes),
        problem="expired" if error.get("subcode") == 463 else redact(str(error.get("message") or "")) or None,
    )


def read_token_status(
    source: FacebookPageSource, token: str, config: CollectorConfig, transport: Any = None
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


def _check_secrets(environ: Mapping[str, str], lang: str) -> tuple[Check, None]:
    subject = say("doctor_secrets", lang)
    path = secrets_path(environ)
    if path is None:
        return Check(OK, subject, say("doctor_no_secrets", lang)), None
    count = fmt_int(len(load_secrets(path)), lang)
    return Check(OK, subject, say("doctor_secrets_private", lang, path=path, count=count)), None


def _check_config(config_path: Path | None, lang: str) -> tuple[Check, CollectorConfig | None]:
    subject = say("doctor_configuration", lang)
    path = config_path or DEFAULT_CONFIG
    if config_path is None and not path.exists():
        return Check(WARN, subject, say("doctor_no_config", lang, path=path)), None
    config = load_config(path)
    kinds = ", ".join(sorted({source.type for source in config.sources})) or say("config_none", lang)
    count = fmt_int(len(config.sources), lang)
    return Check(OK, subject, say("doctor_config", lang, path=path, count=count, kinds=kinds)), config


def _check_database(db_url: str, lang: str) -> tuple[Check, Engine | None]:
    subject = say("doctor_database", lang)
    engine = make_engine(db_url)
    current, head = current_revision(engine), head_revision()
    where = redact_url(db_url)
    if current != head:
        engine.dispose()
        current = current or say("config_none", lang)
        return Check(
            FAIL, subject, say("doctor_schema_behind", lang, url=where, current=current, head=head)
        ), None
    return Check(OK, subject, say("doctor_database_ok", lang, url=where, head=head)), engine


def _check_token(
    source: FacebookPageSource,
    config: CollectorConfig,
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
    """Run one check; any error becomes a failed line (and no result) instead of stopping the rest."""
    try:
        return check()
    except (UserError, GraphError) as error:
        return Check(FAIL, subject, redact(str(error))), None
    except Exception as error:  # a server down, a driver error: say which, go on with the other checks
        first_line = str(error).splitlines()[0] if str(error) else ""
        message = say("doctor_unexpected", lang, error=type(error).__name__, detail=first_line)
        return Check(FAIL, subject, redact(message)), None


def check_page_token(
    source: FacebookPageSource,
    config: CollectorConfig,
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


def run_doctor(
    config_path: Path | None,
    db_url: str,
    *,
    environ: Mapping[str, str] = os.environ,
    transport: Any = None,
    now: datetime | None = None,
    lang: str | None = None,
) -> list[Check]:
    """Every check, in order, in ``lang``; the caller prints one line each and fails if any is ``fail``."""
    now = utc(now or now_utc())
    lang = language(lang)
    secrets_check, _ = _guarded(say("doctor_secrets", lang), lang, lambda: _check_secrets(environ, lang))
    config_check, config = _guarded(
        say("doctor_configuration", lang), lang, lambda: _check_config(config_path, lang)
    )
    database_check, engine = _guarded(
        say("doctor_database", lang), lang, lambda: _check_database(db_url, lang)
    )
    checks = [secrets_check, config_check, database_check]
    if config is not None:
        context = CheckContext(config, engine, environ, transport, now, lang)
        for source in config.sources:
            check = source_type(source).check
            if check is not None:
                checks.append(check(context, source))
    if engine is not None:
        engine.dispose()
    return checks
