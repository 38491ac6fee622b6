"""Connecting an account with one button: what every platform's flow shares.

An admin enters each platform's app credentials once; they go to the secrets file (never the
database) and are never shown again. Then, per account, the dashboard opens the platform's consent
page with a fresh ``state`` (and a PKCE ``code_verifier`` where the platform takes one), kept here in
the dashboard's memory for ten minutes and used once; on return the code is traded for tokens by
the platform's ``connect`` module (``collector/platforms/<name>/connect.py``), and the account is
stored: its tokens in the secrets file, its source in ``sources.toml``.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
import secrets
import string
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import httpx

from collector.messages import say
from collector.plumbing.redaction import register_secret
from collector.plumbing.secrets import secret, store_secrets, writable_secrets_path
from collector.sources_file import add_source, has_source, update_source
from models.errors import UserError

FLOW_LIFETIME = timedelta(minutes=10)
PLATFORMS = ("facebook", "zalo", "tiktok", "youtube")


@dataclass(frozen=True)
class AppField:
    """One app credential: the name it has in the secrets file, and whether it is a secret."""

    name: str
    key: str  # the words of its label (``connect_field_<key>``)
    hidden: bool = True


# The names match what the sources read by default (ZALO_APP_SECRET_KEY, TIKTOK_CLIENT_SECRET,
# YOUTUBE_API_KEY), so a connected account needs nothing else.
APP_FIELDS: dict[str, tuple[AppField, ...]] = {
    "facebook": (AppField("META_APP_ID", "app_id", hidden=False), AppField("META_APP_SECRET", "app_secret")),
    "zalo": (AppField("ZALO_APP_ID", "app_id", hidden=False), AppField("ZALO_APP_SECRET_KEY", "secret_key")),
    "tiktok": (
        AppField("TIKTOK_CLIENT_KEY", "client_key", hidden=False),
        AppField("TIKTOK_CLIENT_SECRET", "client_secret"),
    ),
    "youtube": (AppField("YOUTUBE_API_KEY", "api_key"),),
}


class ConnectRefused(UserError):
    """The flow cannot go on: one line saying what happened and what to do (tick, retry, set up)."""


def endpoint(platform: str, what: str, default: str, environ: Mapping[str, str] = os.environ) -> str:
    """A platform's address, ``$EM_CONNECT_<PLATFORM>_<WHAT>`` for a test server or a mirror."""
    return environ.get(f"EM_CONNECT_{platform.upper()}_{what.upper()}", default).rstrip("/")


def app_credentials(platform: str, environ: Mapping[str, str] = os.environ) -> dict[str, str] | None:
    """The platform's app credentials by key (``app_id``, ``app_secret``…), or None while one is missing."""
    if not writable_secrets_path(environ).exists():
        return None  # no secrets file yet: nothing was entered
    values = {f.key: secret(f.name, environ, file_first=True) for f in APP_FIELDS[platform]}
    if not all(values.values()):
        return None
    return values  # type: ignore[return-value]


def save_app_credentials(
    platform: str, values: Mapping[str, str], lang: str, environ: Mapping[str, str] = os.environ
) -> Path:
    """Write the platform's app credentials to the secrets file (every field is needed)."""
    cleaned = {}
    for item in APP_FIELDS[platform]:
        value = (values.get(item.key) or "").strip()
        if not value or any(c.isspace() for c in value):
            raise ConnectRefused(
                say("connect_field_missing", lang, field=say(f"connect_field_{item.key}", lang))
            )
        cleaned[item.name] = value
    return store_secrets(cleaned, environ)


# --- PKCE (RFC 7636) ---------------------------------------------------------------------------
VERIFIER_ALPHABET = string.ascii_letters + string.digits
VERIFIER_LENGTH = 43


def new_verifier() -> str:
    """A ``code_verifier`` both platforms accept: 43 characters of [A-Za-z0-9] with at least one
    capital, one small letter and one digit (about 256 random bits). Zalo asks for exactly that
    ("chữ hoa, chữ thường, số và dài 43 ký tự"); TikTok for 43 to 128 unreserved characters (the
    pages are cited in docs/zalo-oa.md and docs/tiktok.md)."""
    while True:
        verifier = "".join(secrets.choice(VERIFIER_ALPHABET) for _ in range(VERIFIER_LENGTH))
        kinds = (str.isupper, str.islower, str.isdigit)
        if all(any(kind(c) for c in verifier) for kind in kinds):
            return verifier


def s256_challenge(verifier: str) -> str:
    """``BASE64URL(SHA-256(verifier))`` without padding, the RFC's S256 method: what Zalo's own SDK
    computes for "Base64.encode(SHA-256.hash(ASCII(code_verifier)))" (docs/zalo-oa.md)."""
    return base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).decode().rstrip("=")


def hex_challenge(verifier: str) -> str:
    """``hex(SHA-256(verifier))``, lower case: TikTok's Login Kit for Desktop asks for the hex
    encoding of the SHA-256, unlike the RFC's base64url (docs/tiktok.md)."""
    return hashlib.sha256(verifier.encode()).hexdigest()


# --- flows in progress -------------------------------------------------------------------------
@dataclass(frozen=True)
class Pending:
    """A flow started from the dashboard: who started it, for which platform, where it returns."""

    state: str
    platform: str
    user: str
    redirect_uri: str
    started_at: datetime
    verifier: str = field(repr=False)


class Flows:
    """The flows in progress, in the dashboard's memory: a ``state`` is random, lives ten minutes and
    is good for one return, so a forged or replayed return (login CSRF) is refused."""

    def __init__(self) -> None:
        self._pending: dict[str, Pending] = {}
        self._lock = threading.Lock()

    def start(self, platform: str, user: str, redirect_uri: str, now: datetime) -> Pending:
        pending = Pending(secrets.token_urlsafe(32), platform, user, redirect_uri, now, new_verifier())
        with self._lock:
            self._pending = {s: p for s, p in self._pending.items() if now - p.started_at < FLOW_LIFETIME}
            self._pending[pending.state] = pending
        return pending

    def take(self, state: str, user: str, now: datetime, lang: str) -> Pending:
        """The flow ``state`` names, removed (a second return with it is refused)."""
        with self._lock:
            pending = self._pending.pop(state, None)
        if pending is None or now - pending.started_at >= FLOW_LIFETIME:
            raise ConnectRefused(say("connect_state_unknown", lang))
        if pending.user != user:
            raise ConnectRefused(say("connect_state_other_user", lang))
        return pending


# --- what a flow brings back -------------------------------------------------------------------
@dataclass(frozen=True)
class ConnectedAccount:
    """An account a flow may store: its tokens (for the secrets file, never shown), its source (for
    ``sources.toml``), what permission it lacks, and when its refresh token expires."""

    platform: str
    account_id: str
    name: str
    source: dict[str, Any]
    tokens: dict[str, str] = field(repr=False)
    missing: tuple[str, ...] = ()
    access_expires_at: datetime | None = None
    refresh_expires_at: datetime | None = None

    def __post_init__(self) -> None:
        for value in self.tokens.values():
            register_secret(value)  # redacted from every log line and message from now on


def secret_name(prefix: str, account_id: str, suffix: str) -> str:
    """``FB_PAGE_100064523817765_TOKEN``: a secrets-file name for one account's token."""
    cleaned = re.sub(r"[^A-Za-z0-9]+", "_", account_id).strip("_").upper()
    if len(cleaned) > 40 or not cleaned:
        cleaned = hashlib.sha256(account_id.encode()).hexdigest()[:12].upper()
    return f"{prefix}_{cleaned}_{suffix}"


def source_name(platform: str, name: str, account_id: str) -> str:
    """A readable source name: the platform and the account's name in ASCII words (``facebook-bhxh-…``)."""
    import unicodedata

    ascii_name = unicodedata.normalize("NFKD", name.replace("Đ", "D").replace("đ", "d"))
    words = re.sub(r"[^a-z0-9]+", "-", ascii_name.encode("ascii", "ignore").decode().lower()).strip("-")
    return f"{platform}-{words[:60] or account_id}"


def store_account(config: Path, account: ConnectedAccount, environ: Mapping[str, str] = os.environ) -> str:
    """Tokens to the secrets file, then the source to ``sources.toml`` (added, or updated when a source
    of that name exists: connecting again renews the tokens); returns the source's name."""
    store_secrets(account.tokens, environ)
    name = account.source["name"]
    if has_source(config, name):
        update_source(config, name, {k: v for k, v in account.source.items() if k != "name"})
    else:
        add_source(config, account.source)
    return name


# --- HTTP --------------------------------------------------------------------------------------
def answer(call: Callable[[], httpx.Response], platform: str, lang: str) -> tuple[int, dict[str, Any]]:
    """A platform's JSON answer and its status; a network failure or a non-JSON answer is one line."""
    try:
        response = call()
    except httpx.HTTPError as error:
        raise ConnectRefused(
            say(
                "connect_unreachable",
                lang,
                platform=say(f"connect_{platform}", lang),
                error=type(error).__name__,
            )
        ) from None
    try:
        body = response.json()
    except ValueError:
        raise ConnectRefused(
            say(
                "connect_bad_answer",
                lang,
                platform=say(f"connect_{platform}", lang),
                status=response.status_code,
            )
        ) from None
    return response.status_code, body if isinstance(body, dict) else {}
