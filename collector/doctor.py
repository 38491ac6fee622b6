"""``engagement-monitor doctor``: is everything in place? One line per check, never a token.

Checks the secrets file, the sources file, the database (reachable, schema at the latest
migration) and, for each Facebook Page, its token through the Graph API's ``debug_token``:
valid, with the permissions we need, and how long before it expires (a warning a week ahead).
The token results are kept in ``source_state`` so the dashboard can warn without calling Meta.
"""

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, select

from collector.config import DEFAULT_CONFIG, CollectorConfig, FacebookPageSource, load_config
from collector.facebook import page_client, write_state
from collector.graph_api import GraphError, TokenProblem, redact
from collector.secrets import load_secrets, secret, secrets_path
from models.db import current_revision, head_revision, make_engine, redact_url
from models.errors import UserError
from models.tables import SourceState
from models.write import now_utc, utc

TOKEN_WARNING = timedelta(days=7)
REQUIRED_SCOPES = ("pages_read_engagement", "read_insights")
STATE_TOKEN_CHECK = "token_check"
OK, WARN, FAIL = "ok", "warn", "fail"


@dataclass(frozen=True)
class Check:
    """The outcome of one check: ``ok``, ``warn`` or ``fail``, about what, and a one-line message."""

    status: str
    subject: str
    message: str

    def line(self) -> str:
        return f"{self.status.upper():<4}  {self.subject}: {self.message}"


@dataclass(frozen=True)
class TokenStatus:
    """What Meta says about one source's token (no part of the token itself)."""

    source: str
    token_env: str
    valid: bool
    expires_at: datetime | None
    missing: tuple[str, ...] = ()
    problem: str | None = None

    def check(self, now: datetime) -> Check:
        """The token's verdict at ``now``: invalid or lacking permissions fails, a week left warns."""
        subject = f"source {self.source!r} token"
        renew = f"create a new Page token and put it in {self.token_env}"
        if not self.valid:
            if self.expires_at is not None and self.expires_at <= now:
                return Check(FAIL, subject, f"expired on {self.expires_at:%Y-%m-%d %H:%M} UTC; {renew}.")
            return Check(FAIL, subject, f"not valid ({self.problem or 'Meta refused it'}); {renew}.")
        if self.missing:
            return Check(
                FAIL, subject, f"lacks the permission(s) {', '.join(self.missing)}; grant them and {renew}."
            )
        if self.expires_at is None:
            return Check(OK, subject, "valid, does not expire, permissions complete.")
        left = self.expires_at - now
        when = f"{self.expires_at:%Y-%m-%d %H:%M} UTC"
        if left <= timedelta(0):
            return Check(FAIL, subject, f"expired on {when}; {renew}.")
        if left <= TOKEN_WARNING:
            return Check(WARN, subject, f"expires in {_duration(left)} ({when}); {renew} before then.")
        return Check(
            OK, subject, f"valid for another {_duration(left)} (until {when}), permissions complete."
        )

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


def _duration(left: timedelta) -> str:
    if left >= timedelta(days=2):
        return f"{left.days} days"
    return f"{max(1, int(left.total_seconds() // 3600))} hours"


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


def token_warnings(connection: Connection, now: datetime | None = None) -> list[Check]:
    """Problems and expiry warnings from the last token checks, for the dashboard's Data page."""
    now = utc(now or now_utc())
    rows = connection.execute(
        select(SourceState.source, SourceState.value).where(SourceState.key == STATE_TOKEN_CHECK)
    )
    checks = [TokenStatus.from_state(source, value).check(now) for source, value in rows if value]
    return [check for check in checks if check.status != OK]


def _check_secrets(environ: Mapping[str, str]) -> tuple[Check, None]:
    path = secrets_path(environ)
    if path is None:
        return Check(OK, "secrets", "no secrets file; tokens come from environment variables."), None
    count = len(load_secrets(path))
    return Check(OK, "secrets", f"{path} is readable by its owner only ({count} value(s))."), None


def _check_config(config_path: Path | None) -> tuple[Check, CollectorConfig | None]:
    path = config_path or DEFAULT_CONFIG
    if config_path is None and not path.exists():
        return Check(WARN, "configuration", f"no {path}: only file imports until you add sources."), None
    config = load_config(path)
    kinds = ", ".join(sorted({source.type for source in config.sources})) or "none"
    return Check(OK, "configuration", f"{path}: {len(config.sources)} source(s) ({kinds})."), config


def _check_database(db_url: str) -> tuple[Check, Engine | None]:
    engine = make_engine(db_url)
    current, head = current_revision(engine), head_revision()
    where = redact_url(db_url)
    if current != head:
        engine.dispose()
        return (
            Check(
                FAIL,
                "database",
                f"{where} is at schema {current or 'none'}, not {head}: run engagement-monitor init.",
            ),
            None,
        )
    return Check(OK, "database", f"{where} reachable, schema at the latest migration ({head})."), engine


def _check_token(
    source: FacebookPageSource,
    config: CollectorConfig,
    environ: Mapping[str, str],
    transport: Any,
    now: datetime,
) -> tuple[Check, TokenStatus | None]:
    token = secret(source.token_env, environ)
    if not token:
        message = f"no token: set the environment variable {source.token_env} or put it in the secrets file."
        return Check(FAIL, f"source {source.name!r} token", message), None
    status = read_token_status(source, token, config, transport)
    return status.check(now), status


def _guarded(subject: str, check: Callable[[], tuple[Check, Any]]) -> tuple[Check, Any]:
    """Run one check; any error becomes a failed line (and no result) instead of stopping the rest."""
    try:
        return check()
    except (UserError, GraphError) as error:
        return Check(FAIL, subject, redact(str(error))), None
    except Exception as error:  # a server down, a driver error: say which, go on with the other checks
        first_line = str(error).splitlines()[0] if str(error) else ""
        return Check(FAIL, subject, redact(f"{type(error).__name__}: {first_line}")), None


def run_doctor(
    config_path: Path | None,
    db_url: str,
    *,
    environ: Mapping[str, str] = os.environ,
    transport: Any = None,
    now: datetime | None = None,
) -> list[Check]:
    """Every check, in order; the caller prints one line each and fails if any is ``fail``."""
    now = utc(now or now_utc())
    secrets_check, _ = _guarded("secrets", lambda: _check_secrets(environ))
    config_check, config = _guarded("configuration", lambda: _check_config(config_path))
    database_check, engine = _guarded("database", lambda: _check_database(db_url))
    checks = [secrets_check, config_check, database_check]
    pages = [s for s in config.sources if isinstance(s, FacebookPageSource)] if config else []
    for source in pages:
        subject = f"source {source.name!r} token"
        check, status = _guarded(subject, lambda s=source: _check_token(s, config, environ, transport, now))
        checks.append(check)
        if status is not None and engine is not None:
            with engine.begin() as connection:
                remember_token_status(connection, status, now)
    if engine is not None:
        engine.dispose()
    return checks
