"""The HTTP client every API source uses: one factory (``api_client``), one ``send`` that turns a
timeout or a lost connection into the API's retryable error, the shared errors and the retry policy."""

import logging
import ssl
from collections.abc import Callable
from functools import cache
from typing import Any

import certifi
import httpx
from pydantic import BaseModel, ConfigDict
from tenacity import Retrying, retry_if_exception_type, stop_after_attempt, wait_random_exponential

from collector.plumbing.redaction import redact

log = logging.getLogger("engagement_monitor.http")


class GraphSettings(BaseModel):
    """Timeouts, retries and waits; ``[graph]`` in sources.toml may tune them (tests make them tiny)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    timeout_s: float = 30.0
    connect_timeout_s: float = 10.0
    attempts: int = 5
    backoff_s: float = 1.0
    backoff_cap_s: float = 60.0
    slow_from_percent: float = 75.0
    slow_pause_s: float = 10.0
    rate_wait_max_s: float = 300.0
    rate_wait_default_s: float = 60.0
    rate_waits: int = 2
    page_size: int = 100


DEFAULT_SETTINGS = GraphSettings()


@cache
def _tls_context() -> ssl.SSLContext:
    """One TLS context for all clients: loading the CA bundle costs tens of milliseconds each time."""
    return ssl.create_default_context(cafile=certifi.where())


def api_client(
    settings: GraphSettings = DEFAULT_SETTINGS, transport: httpx.BaseTransport | None = None, **options: Any
) -> httpx.Client:
    """The one way an httpx client for an API is built, for every source: our User-Agent, explicit
    timeouts, certifi's TLS roots, no redirects (a token must never follow one); ``options`` add a
    base URL, query parameters or headers. Tests pass ``transport=``."""
    headers = {"User-Agent": "engagement-monitor", **options.pop("headers", {})}
    return httpx.Client(
        headers=headers,
        timeout=httpx.Timeout(settings.timeout_s, connect=settings.connect_timeout_s),
        transport=transport,
        verify=_tls_context(),
        follow_redirects=False,
        **options,
    )


def send(
    http: httpx.Client, method: str, url: str, transient: Callable[..., Exception], **options: Any
) -> httpx.Response:
    """``http.request(method, url, **options)``; a timeout or a lost connection is raised as
    ``transient`` (an API's retryable error) with its ``cause`` in our words, for every source."""
    try:
        return http.request(method, url, **options)
    except httpx.TimeoutException as error:
        raise transient(f"no answer in time ({type(error).__name__})", cause="timeout") from None
    except httpx.TransportError as error:
        raise transient(f"connection problem ({type(error).__name__})", cause="connection") from None


class ApiError(Exception):
    """A refusal or failure of an API (Zalo, TikTok); the message redacted, ``code`` the API's own
    error code, ``status`` the HTTP status (0 when no answer came)."""

    def __init__(self, message: str, code: int | str | None = None, status: int = 0) -> None:
        super().__init__(redact(message))
        self.code = code
        self.status = status


class Transient(ApiError):
    """Worth retrying: a timeout, a lost connection, a 5xx or a rate limit; ``cause`` (``timeout``,
    ``connection``, ``unreadable``) says it in our words, told to the user in their language."""

    def __init__(self, message: str, status: int = 0, cause: str | None = None) -> None:
        super().__init__(message, status=status)
        self.cause = cause


def transient_retrying(
    settings: GraphSettings, sleep: Callable[[float], Any], retry_on: type[Exception], api: str
) -> Retrying:
    """The bounded retry policy of every API client: ``retry_on`` errors are retried up to
    ``settings.attempts`` times with capped, jittered exponential backoff, each retry logged."""
    return Retrying(
        retry=retry_if_exception_type(retry_on),
        wait=wait_random_exponential(multiplier=settings.backoff_s, max=settings.backoff_cap_s),
        stop=stop_after_attempt(settings.attempts),
        sleep=sleep,
        before_sleep=lambda state: log.warning(
            "%s request failed (%s), retry %d", api, state.outcome.exception(), state.attempt_number
        ),
        reraise=True,
    )
