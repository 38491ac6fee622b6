"""Access tokens that expire and refresh tokens that rotate (Zalo OA, TikTok): kept only in the
secrets file, renewed before they expire, the new pair written back before anything else.

A platform supplies the exchange (refresh token in, :class:`TokenGrant` or :class:`GrantRefused`
out); :class:`RotatingTokens` does the rest the same way for every platform. See
docs/adding-a-source.md, "tokens that renew themselves".
"""

import logging
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from collector.plumbing.redaction import redact, register_secret
from collector.plumbing.secrets import SecretsFileError, secret, store_secrets

log = logging.getLogger("engagement_monitor.tokens")

RENEW_BEFORE = timedelta(hours=1)  # renew an access token that has less than this left
STATE_EXPIRES = "access_token_expires_at"  # the source's state keys a run of Zalo OA or TikTok remembers
STATE_TOKEN = "token_problem"


def count_field(item: dict, *names: str) -> int | None:
    """The first of ``names`` holding a non-negative whole number (as a number or digits); else None."""
    for name in names:
        value = item.get(name)
        if isinstance(value, bool):
            continue
        if isinstance(value, int) and value >= 0:
            return value
        if isinstance(value, float) and value >= 0 and value.is_integer():
            return int(value)
        if isinstance(value, str) and value.strip().isdigit():
            return int(value.strip())
    return None


@dataclass(frozen=True)
class TokenGrant:
    """A renewed access token, the refresh token that replaces the spent one, and its lifetime."""

    access_token: str
    refresh_token: str
    expires_in_s: int

    def __repr__(self) -> str:  # never print the tokens, even in a traceback's locals
        return f"TokenGrant(expires_in_s={self.expires_in_s})"


@dataclass(frozen=True)
class GrantRefused:
    """The platform would not renew: the refresh token expired, was used already, or the app is wrong."""

    code: int | None
    reason: str


class TokenError(Exception):
    """A token problem the user must act on; the message is already redacted."""

    def __init__(self, message: str, code: int | None = None) -> None:
        super().__init__(redact(message))
        self.code = code


class CredentialMissing(TokenError):
    """No refresh token, or no app secret, in the secrets file or the environment (``env`` names it)."""

    def __init__(self, key: str, env: str) -> None:
        super().__init__(env)
        self.key, self.env = key, env


class RefreshRefused(TokenError):
    """The refresh token was refused: a person must authorise the app again."""


@dataclass
class RotatingTokens:
    """One account's tokens for one run: the access token and when it expires, renewed when due.

    Values are read from the secrets file first (it holds the newest, rotated ones), then the environment.
    """

    source: str
    access_env: str
    refresh_env: str
    expires_at: datetime | None
    environ: Mapping[str, str] = field(default_factory=lambda: os.environ)
    access_token: str | None = field(default=None, init=False)
    renewed: bool = field(default=False, init=False)

    def __post_init__(self) -> None:
        self.access_token = secret(self.access_env, self.environ, file_first=True)

    def __repr__(self) -> str:  # never show a token, even in a traceback's locals
        return f"RotatingTokens(source={self.source!r}, expires_at={self.expires_at})"

    def due(self, now: datetime) -> bool:
        """Renew now? When there is no access token, or it expires within the hour."""
        if not self.access_token:
            return True
        return self.expires_at is not None and self.expires_at - now <= RENEW_BEFORE

    def credential(self, env: str, key: str) -> str:
        """A secret the exchange needs (the app's key), or CredentialMissing naming it."""
        value = secret(env, self.environ, file_first=True)
        if not value:
            raise CredentialMissing(key, env)
        return value

    def renew(
        self, exchange: Callable[[str], TokenGrant | GrantRefused], now: datetime, missing_key: str
    ) -> None:
        """Trade the refresh token for new tokens and write both to the secrets file at once."""
        refresh = self.credential(self.refresh_env, missing_key)
        grant = exchange(refresh)
        if isinstance(grant, GrantRefused):
            raise RefreshRefused(grant.reason, grant.code)
        register_secret(grant.access_token)
        register_secret(grant.refresh_token)
        # The old refresh token is spent now: the new one must reach the disk before anything else.
        store_secrets(
            {self.access_env: grant.access_token, self.refresh_env: grant.refresh_token}, self.environ
        )
        self.access_token = grant.access_token
        self.expires_at = now + timedelta(seconds=grant.expires_in_s)
        self.renewed = True
        log.info("%s: access token renewed, valid until %s", self.source, self.expires_at)


def tokens_from_state(
    source: str, access_env: str, refresh_env: str, state: Mapping[str, Any], environ: Mapping[str, str]
) -> RotatingTokens:
    """One run's tokens, starting from the access token's expiry the last run remembered in ``state``."""
    expires = state.get(STATE_EXPIRES)
    return RotatingTokens(
        source,
        access_env,
        refresh_env,
        datetime.fromisoformat(expires) if expires else None,
        environ,
    )


def secrets_write_reason(error: SecretsFileError | OSError) -> str:
    """Why the renewed pair could not be written to the secrets file, for the run's one-line message."""
    return str(error) if isinstance(error, SecretsFileError) else error.strerror or type(error).__name__


def token_state(
    tokens: RotatingTokens, message: str | None, at: datetime, token_problem: bool
) -> dict[str, Any]:
    """What a run remembers about its tokens: the problem to show (None when there is none) and the expiry."""
    remember: dict[str, Any] = {
        STATE_TOKEN: {"message": message, "at": at.isoformat()} if token_problem else None
    }
    if tokens.expires_at is not None:
        remember[STATE_EXPIRES] = tokens.expires_at.isoformat()
    return remember
