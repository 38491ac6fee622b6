"""The Meta Graph API: an httpx client that survives Meta's quirks, and pure mapping to our records.

The client retries transient faults (timeouts, connection errors, 5xx) with capped exponential
backoff and jitter, slows down as the usage headers near the limit, drops metrics Meta has retired
(remembering them), and never lets the Page token out: it travels in the ``Authorization`` header,
``paging.next`` URLs are stripped of ``access_token`` before use, and every message is redacted.
The mapping functions take JSON payloads and return records from ``models.store``.
"""

import json
import logging
import re
import ssl
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import cache
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import certifi
import httpx
from pydantic import BaseModel, ConfigDict
from tenacity import Retrying, retry_if_exception_type, stop_after_attempt, wait_random_exponential

from models.store import ChannelRecord, ContentRecord, PageMetricRecord, SnapshotRecord
from models.write import local_day

log = logging.getLogger("engagement_monitor.graph_api")

SOURCE = "graph_api"
FACEBOOK = "https://www.facebook.com"
PAGE_FIELDS = "id,name,followers_count,fan_count,link"
POST_FIELDS = (
    "id,created_time,message,permalink_url,status_type,"
    "reactions.summary(total_count).limit(0),comments.summary(total_count).limit(0),shares"
)
LIVE_FIELDS = "id,title,status,creation_time,broadcast_start_time,permalink_url,live_views,video{id,length}"
MAX_INSIGHTS_DAYS = 90

# ---------------------------------------------------------------------------------------------
# Secrets: the token never leaves this process in clear.

# ``key=`` is how Google APIs (YouTube) take an API key, in the query string.
_SECRET_PARAMS = re.compile(
    r"((?:access_token|input_token|client_secret|appsecret_proof|fb_exchange_token|(?<![A-Za-z0-9_])key)=)"
    r"[^&\s\"'#]+",
    re.I,
)
_AUTH_HEADER = re.compile(r"\b(Bearer|OAuth)\s+[A-Za-z0-9._~+/=-]{8,}")
_secrets: set[str] = set()
_secrets_lock = threading.Lock()
REDACTED = "[redacted]"


def register_secret(value: str) -> None:
    """Remember a secret so that ``redact`` hides it wherever it appears, not only in URLs."""
    if value and len(value) >= 8:
        with _secrets_lock:
            _secrets.add(value)


def redact(text: str) -> str:
    """``text`` without tokens: ``access_token=…`` values, bearer headers and registered secrets."""
    text = _SECRET_PARAMS.sub(lambda m: m[1] + REDACTED, text)
    text = _AUTH_HEADER.sub(lambda m: f"{m[1]} {REDACTED}", text)
    with _secrets_lock:
        secrets = sorted(_secrets, key=len, reverse=True)
    for secret in secrets:
        text = text.replace(secret, REDACTED)
    return text


class RedactingFilter(logging.Filter):
    """A logging filter (put it on handlers) that redacts messages and tracebacks."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact(record.getMessage())
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True


def install_redaction(logger: logging.Logger | None = None) -> None:
    """Add the redacting filter to every handler of ``logger`` (default: the root logger)."""
    for handler in (logger or logging.getLogger()).handlers:
        if not any(isinstance(f, RedactingFilter) for f in handler.filters):
            handler.addFilter(RedactingFilter())


def strip_token(url: str) -> str:
    """``url`` without its ``access_token`` parameter (Meta puts the token in ``paging.next``)."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "access_token"]
    return urlunsplit(parts._replace(query=urlencode(query)))


# ---------------------------------------------------------------------------------------------
# The metric registry: one table of what we ask Meta for, what it means, and what replaced what.


@dataclass(frozen=True)
class Metric:
    """An insights metric: where its value goes, in which unit, and which metric replaced it."""

    name: str
    level: str  # "post", "video" or "page"
    target: str  # a snapshot field, or a page_metric name
    meaning: tuple[str, str]  # (Vietnamese, English), for messages to the user
    scale: float = 1.0
    replaced_by: str | None = None
    retired: str | None = None


METRICS: dict[str, Metric] = {
    m.name: m
    for m in (
        Metric(
            "post_media_view",
            "post",
            "views",
            ("số lần bài viết hiện trên màn hình", "times the post was on screen"),
        ),
        Metric(
            "post_total_media_view_unique",
            "post",
            "reach",
            ("số người đã xem bài viết", "people who saw the post"),
        ),
        Metric("post_clicks", "post", "clicks", ("lượt nhấp vào bài viết", "clicks anywhere in the post")),
        Metric(
            "post_impressions",
            "post",
            "views",
            ("số lần bài viết được xem", "times the post was seen"),
            1,
            "post_media_view",
            "2025-11-15",
        ),
        Metric(
            "post_impressions_unique",
            "post",
            "reach",
            ("số người đã xem bài viết", "people who saw the post"),
            1,
            "post_total_media_view_unique",
            "2026-06-15",
        ),
        Metric(
            "total_video_views",
            "video",
            "views",
            ("lượt phát từ 3 giây trở lên (hoặc đến hết)", "plays of 3 s or more (or to the end)"),
        ),
        Metric(
            "total_video_views_unique",
            "video",
            "reach",
            ("số người đã phát video", "people who played the video"),
        ),
        Metric(
            "total_video_avg_time_watched",
            "video",
            "avg_watch_s",
            ("thời gian xem trung bình", "average watch time"),
            0.001,
        ),
        Metric(
            "total_video_view_total_time",
            "video",
            "watch_time_s",
            ("tổng thời gian xem", "total watch time"),
            0.001,
        ),
        Metric(
            "page_media_view",
            "page",
            "views",
            ("số lần nội dung của Trang hiện trên màn hình", "times the Page's content was on screen"),
        ),
        Metric(
            "page_total_media_view_unique",
            "page",
            "viewers",
            ("số người đã xem nội dung của Trang", "people who saw the Page's content"),
        ),
        Metric(
            "page_post_engagements",
            "page",
            "engagements",
            ("cảm xúc, bình luận, chia sẻ và lượt nhấp", "reactions, comments, shares and clicks"),
        ),
        Metric("page_follows", "page", "follows", ("số người theo dõi Trang", "people following the Page")),
        Metric(
            "page_impressions",
            "page",
            "views",
            ("số lần Trang được xem", "times the Page was seen"),
            1,
            "page_media_view",
            "2025-11-15",
        ),
        Metric(
            "page_impressions_unique",
            "page",
            "viewers",
            ("số người đã xem Trang", "people who saw the Page"),
            1,
            "page_total_media_view_unique",
            "2026-06-15",
        ),
    )
}


def current_metrics(level: str, dropped: Iterable[str] = ()) -> list[str]:
    """The metrics of ``level`` we ask for: not retired in the registry, not dropped by Meta for us."""
    dropped = set(dropped)
    return [
        m.name for m in METRICS.values() if m.level == level and not m.replaced_by and m.name not in dropped
    ]


def describe_metric(name: str, lang: str) -> str:
    """``name (meaning)`` for messages to the user, the meaning in ``lang`` (``vi`` or ``en``)."""
    metric = METRICS.get(name)
    return f"{name} ({metric.meaning[0 if lang == 'vi' else 1]})" if metric else name


# ---------------------------------------------------------------------------------------------
# Errors and usage headers.


class GraphError(Exception):
    """An error answer from the Graph API; the message is already redacted."""

    def __init__(self, message: str, code: int | None = None, subcode: int | None = None, status: int = 0):
        super().__init__(redact(message))
        self.code = code
        self.subcode = subcode
        self.status = status


class TransientError(GraphError):
    """Worth retrying: a timeout, a lost connection, a 5xx, or an error Meta marks transient.

    ``cause`` (``timeout``, ``connection``, ``unreadable``) says it in our words, which the user is told
    in their language; without one the message is Meta's (or ``HTTP 5xx: …``).
    """

    def __init__(
        self,
        message: str,
        code: int | None = None,
        subcode: int | None = None,
        status: int = 0,
        cause: str | None = None,
    ):
        super().__init__(message, code, subcode, status)
        self.cause = cause


class TokenProblem(GraphError):
    """Code 190: the token expired, was revoked, or is not valid."""


class PermissionProblem(GraphError):
    """Codes 10 and 200–299: the token lacks a permission."""


class RetiredMetric(GraphError):
    """Code 100 about an insights metric: one of the metrics asked for no longer exists."""


class RateLimited(GraphError):
    """Codes 4, 17, 32, 613, 80000–80014; ``wait_s`` is Meta's estimate of when access returns."""

    def __init__(self, message: str, code: int | None, wait_s: float | None, status: int = 0):
        super().__init__(message, code, status=status)
        self.wait_s = wait_s


RATE_LIMIT_CODES = frozenset({4, 17, 32, 613, *range(80000, 80015)})


def _json_header(value: str | None) -> Any:
    try:
        return json.loads(value) if value else None
    except ValueError:
        return None


@dataclass(frozen=True)
class Usage:
    """Percent of Meta's limits used, from ``X-App-Usage`` and ``X-Business-Use-Case-Usage``."""

    app: float = 0
    business: float = 0
    regain_minutes: float | None = None

    @property
    def highest(self) -> float:
        return max(self.app, self.business)


def parse_usage(headers: httpx.Headers | dict[str, str]) -> Usage:
    """The usage a response reports (0 when the headers are absent or malformed)."""
    app_usage = _json_header(headers.get("x-app-usage"))
    numbers = [float(v) for v in app_usage.values() if isinstance(v, int | float)] if app_usage else []
    app = max(numbers, default=0.0)
    business, regain = 0.0, None
    buc = _json_header(headers.get("x-business-use-case-usage"))
    if isinstance(buc, dict):
        for entries in buc.values():
            for entry in entries if isinstance(entries, list) else []:
                for key in ("call_count", "total_cputime", "total_time"):
                    if isinstance(entry.get(key), int | float):
                        business = max(business, float(entry[key]))
                minutes = entry.get("estimated_time_to_regain_access")
                if isinstance(minutes, int | float) and minutes > 0:
                    regain = max(regain or 0, float(minutes))
    return Usage(app=app, business=business, regain_minutes=regain)


def graph_error(response: httpx.Response, usage: Usage) -> GraphError:
    """The typed error for an error response."""
    body = _json_header(response.text) if response.content else None
    error = body.get("error", {}) if isinstance(body, dict) else {}
    code, subcode = error.get("code"), error.get("error_subcode")
    message = str(error.get("message") or f"HTTP {response.status_code}")
    status = response.status_code
    if code == 190:
        return TokenProblem(message, code, subcode, status)
    if code == 10 or (isinstance(code, int) and 200 <= code <= 299):
        return PermissionProblem(message, code, subcode, status)
    if code in RATE_LIMIT_CODES:
        wait = usage.regain_minutes * 60 if usage.regain_minutes is not None else None
        return RateLimited(message, code, wait, status)
    if code == 100 and "metric" in message.lower():
        return RetiredMetric(message, code, subcode, status)
    if status >= 500:
        return TransientError(f"HTTP {status}: {message}", code, subcode, status)
    if code in (1, 2) or error.get("is_transient"):
        return TransientError(message, code, subcode, status)
    return GraphError(message, code, subcode, status)


# ---------------------------------------------------------------------------------------------
# The client.


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


def make_http_client(
    base_url: str,
    token: str,
    *,
    settings: GraphSettings = DEFAULT_SETTINGS,
    transport: httpx.BaseTransport | None = None,
) -> httpx.Client:
    """The client for the Graph API: the token as a bearer header, known to the redactor first."""
    register_secret(token)
    return api_client(settings, transport, base_url=base_url, headers={"Authorization": f"Bearer {token}"})


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


class Paginator:
    """Where a listing is: the next URL (token stripped) and whether there is one."""

    def __init__(self, path: str, params: dict[str, Any]) -> None:
        self.next_url: str | None = path
        self.params: dict[str, Any] | None = params
        self.has_next = True

    def advance(self, payload: dict) -> None:
        """Move on with the ``paging.next`` of ``payload``; stop when there is none."""
        following = (payload.get("paging") or {}).get("next")
        self.next_url = strip_token(following) if following else None
        self.params = None
        self.has_next = bool(following and payload.get("data"))


@dataclass
class InsightsAnswer:
    """Values by metric name, and the metrics Meta rejected during this request."""

    values: dict[str, Any]
    retired: list[str] = field(default_factory=list)


class GraphClient:
    """Graph API requests for one Page, with retries, slow-down, rate-limit waits and metric dropping."""

    def __init__(
        self,
        http: httpx.Client,
        *,
        settings: GraphSettings = DEFAULT_SETTINGS,
        dropped_metrics: Iterable[str] = (),
        sleep: Callable[[float], Any] = time.sleep,
    ) -> None:
        self.http = http
        self.settings = settings
        self.dropped = set(dropped_metrics)
        self.sleep = sleep
        self.usage = Usage()
        self.requests = 0

    def close(self) -> None:
        self.http.close()

    def get(self, path: str, params: dict[str, Any] | None = None) -> dict:
        """One GET (relative path or absolute next URL), with every fault policy applied."""
        waits = 0
        while True:
            try:
                return self._get_retrying(path, params)
            except RateLimited as error:
                wait = error.wait_s if error.wait_s is not None else self.settings.rate_wait_default_s
                if waits >= self.settings.rate_waits or wait > self.settings.rate_wait_max_s:
                    raise
                waits += 1
                log.warning("Meta rate limit (code %s): waiting %.0f s", error.code, wait)
                self.sleep(wait)

    def _get_retrying(self, path: str, params: dict[str, Any] | None) -> dict:
        retrying = transient_retrying(self.settings, self.sleep, TransientError, "Graph API")
        return retrying(self._get_once, path, params)

    def _get_once(self, path: str, params: dict[str, Any] | None) -> dict:
        self._slow_down()
        self._check_host(path)
        self.requests += 1
        response = send(self.http, "GET", path, TransientError, params=params)
        self.usage = parse_usage(response.headers)
        if response.is_success:
            try:
                return response.json()
            except ValueError:
                raise TransientError(
                    f"unreadable answer (HTTP {response.status_code})",
                    status=response.status_code,
                    cause="unreadable",
                ) from None
        raise graph_error(response, self.usage)

    def _check_host(self, path: str) -> None:
        """Never send the token to a host other than the configured one (a forged ``next`` URL)."""
        host = urlsplit(path).netloc
        if path.startswith(("http://", "https://")) and host != self.http.base_url.netloc.decode():
            raise GraphError(f"refusing to follow a link to another host ({host})")

    def _slow_down(self) -> None:
        used = self.usage.highest
        start = self.settings.slow_from_percent
        if used >= start:
            pause = self.settings.slow_pause_s * min(1.0, (used - start) / max(1.0, 100 - start) + 0.1)
            log.info("Meta usage at %.0f%%: pausing %.2f s", used, pause)
            self.sleep(pause)

    def pages(self, path: str, params: dict[str, Any]) -> Iterator[list[dict]]:
        """The ``data`` of each page of a listing, in order, following ``paging.next``."""
        paginator = Paginator(path, params)
        while paginator.has_next and paginator.next_url:
            payload = self.get(paginator.next_url, paginator.params)
            paginator.advance(payload)
            yield payload.get("data") or []

    def insights(self, path: str, level: str, params: dict[str, Any] | None = None) -> InsightsAnswer:
        """Insights of ``level`` for one object; a metric Meta rejects is found, dropped and reported."""
        metrics = current_metrics(level, self.dropped)
        retired: list[str] = []
        while metrics:
            try:
                payload = self.get(path, {**(params or {}), "metric": ",".join(metrics)})
                period = (params or {}).get("period")
                return InsightsAnswer(values=insight_series(payload, period), retired=retired)
            except RetiredMetric:
                rejected = self._find_rejected(path, metrics, params)
                if not rejected:
                    raise
                retired += rejected
                self.dropped.update(rejected)
                metrics = [m for m in metrics if m not in rejected]
        return InsightsAnswer(values={}, retired=retired)

    def _find_rejected(self, path: str, metrics: list[str], params: dict[str, Any] | None) -> list[str]:
        """Ask for each metric alone to learn which ones Meta no longer accepts (it does not say)."""
        rejected = []
        for metric in metrics:
            try:
                self.get(path, {**(params or {}), "metric": metric})
            except RetiredMetric:
                rejected.append(metric)
        return rejected

    def page(self, page_id: str) -> dict:
        return self.get(page_id, {"fields": PAGE_FIELDS})

    def posts(self, page_id: str, since: datetime) -> Iterator[list[dict]]:
        params = {"fields": POST_FIELDS, "since": int(since.timestamp()), "limit": self.settings.page_size}
        return self.pages(f"{page_id}/published_posts", params)

    def live_videos(self, page_id: str) -> Iterator[list[dict]]:
        return self.pages(f"{page_id}/live_videos", {"fields": LIVE_FIELDS, "limit": 25})

    def post_insights(self, post_id: str) -> InsightsAnswer:
        return self.insights(f"{post_id}/insights", "post", {"period": "lifetime"})

    def video_insights(self, video_id: str) -> InsightsAnswer:
        return self.insights(f"{video_id}/video_insights", "video", {"period": "lifetime"})

    def page_insights(self, page_id: str, since: date, until: date) -> InsightsAnswer:
        params = {"period": "day", "since": since.isoformat(), "until": until.isoformat()}
        return self.insights(f"{page_id}/insights", "page", params)


# ---------------------------------------------------------------------------------------------
# Pure mapping: JSON in, records out.


def parse_time(value: str | None) -> datetime | None:
    """A Graph API time (``2024-05-22T13:00:00+0000``) as an aware UTC datetime."""
    if not value:
        return None
    return datetime.fromisoformat(value).astimezone(UTC)


def absolute_link(link: str | None) -> str | None:
    """Meta gives some permalinks relative to facebook.com."""
    if link and link.startswith("/"):
        return FACEBOOK + link
    return link


def map_page(payload: dict, timezone: str) -> ChannelRecord:
    """The Page as a channel (followers: ``followers_count``, else the older ``fan_count``)."""
    followers = payload.get("followers_count", payload.get("fan_count"))
    return ChannelRecord(
        external_id=str(payload["id"]),
        name=payload.get("name") or str(payload["id"]),
        platform="facebook",
        timezone=timezone,
        followers=int(followers) if followers is not None else None,
        link=payload.get("link"),
    )


STATUS_KINDS = {
    "added_video": "video",
    "added_photos": "photo",
    "shared_story": "link",
    "mobile_status_update": "post",
    "wall_post": "post",
    "created_note": "post",
    "published_story": "post",
}


def post_kind(status_type: str | None) -> str:
    """Our content kind for a post's ``status_type`` (unknown types are plain posts)."""
    return STATUS_KINDS.get(status_type or "", "post")


def map_post(item: dict) -> ContentRecord:
    """A published post as content (livestream posts are merged with their live video elsewhere)."""
    message = item.get("message")
    return ContentRecord(
        external_id=str(item["id"]),
        kind=post_kind(item.get("status_type")),
        title=message.splitlines()[0][:200] if message else None,
        message=message,
        permalink=absolute_link(item.get("permalink_url")),
        published_at=parse_time(item.get("created_time")),
        raw=item,
    )


def post_counts(item: dict) -> dict[str, int]:
    """Reactions, comments and shares of a post from its listing (a missing ``shares`` is 0)."""
    return {
        "reactions": int((item.get("reactions") or {}).get("summary", {}).get("total_count", 0)),
        "comments": int((item.get("comments") or {}).get("summary", {}).get("total_count", 0)),
        "shares": int((item.get("shares") or {}).get("count", 0)),
    }


def live_post_id(page_id: str, item: dict) -> str:
    """The post id of a live video's post (``{page}_{video}``), so both are one content item."""
    video = item.get("video") or {}
    return f"{page_id}_{video['id']}" if video.get("id") else str(item["id"])


def live_ended_at(item: dict) -> datetime | None:
    """When a broadcast ended: its start plus the recorded length (None while it is on air)."""
    start = parse_time(item.get("broadcast_start_time") or item.get("creation_time"))
    length = (item.get("video") or {}).get("length")
    if item.get("status") == "LIVE" or start is None or not length:
        return None
    return start + timedelta(seconds=float(length))


def map_live_video(page_id: str, item: dict, post: ContentRecord | None = None) -> ContentRecord:
    """A live video as a livestream content item, merged with its post when we have it."""
    length = (item.get("video") or {}).get("length")
    return ContentRecord(
        external_id=live_post_id(page_id, item),
        kind="livestream",
        title=item.get("title") or (post.title if post else None),
        message=post.message if post else None,
        permalink=(post.permalink if post else None) or absolute_link(item.get("permalink_url")),
        published_at=parse_time(item.get("broadcast_start_time") or item.get("creation_time")),
        duration_s=float(length) if length else None,
        live_status=item.get("status"),
        raw={"post": post.raw if post else None, "live_video": item},
    )


def live_counts(item: dict) -> dict[str, int]:
    """People watching now, only while the broadcast is on air."""
    if item.get("status") == "LIVE" and item.get("live_views") is not None:
        return {"live_viewers": int(item["live_views"])}
    return {}


def insight_series(payload: dict, period: str | None = None) -> dict[str, list[dict]]:
    """``{metric name: values}`` from an insights answer, for the ``period`` asked for.

    Meta may answer one metric twice with different periods (``lifetime``, then ``day`` with 0):
    only the entry of the period asked for counts (one that names no period, when none does).
    """
    series: dict[str, list[dict]] = {}
    exact: set[str] = set()
    for entry in payload.get("data", []):
        name = entry.get("name")
        if name is None or name in exact:
            continue
        given = entry.get("period")
        if period is not None and given is not None and given != period:
            continue
        if period is not None and given == period:
            exact.add(name)
        series[name] = entry.get("values") or []
    return series


def insight_fields(series: dict[str, list[dict]]) -> dict[str, float | int]:
    """Snapshot fields from lifetime insights (ms become seconds; later metrics win over retired ones)."""
    fields: dict[str, float | int] = {}
    for name in sorted(series, key=lambda n: n in METRICS and METRICS[n].replaced_by is None):
        metric, values = METRICS.get(name), series[name]
        if metric is None or not values or not isinstance(values[-1].get("value"), int | float):
            continue
        value = values[-1]["value"] * metric.scale
        fields[metric.target] = value if metric.scale != 1 else int(value)
    return fields


def make_snapshot(external_id: str, captured_at: datetime, *parts: dict[str, Any]) -> SnapshotRecord:
    """One snapshot from several sources of fields (later parts win: video insights over post ones)."""
    fields: dict[str, Any] = {}
    for part in parts:
        fields.update(part)
    return SnapshotRecord(content_external_id=external_id, captured_at=captured_at, source=SOURCE, **fields)


def map_page_insights(series: dict[str, list[dict]], timezone: str) -> list[PageMetricRecord]:
    """Daily page values on the local day they belong to.

    ``end_time`` is the *end* of the day, given in UTC: one second earlier is inside the day.
    """
    records = []
    for name, values in series.items():
        metric = METRICS.get(name)
        if metric is None or metric.level != "page":
            continue
        for entry in values:
            end = parse_time(entry.get("end_time"))
            value = entry.get("value")
            if end is None or not isinstance(value, int | float):
                continue
            day = local_day(end - timedelta(seconds=1), timezone)
            records.append(PageMetricRecord(day=day, metric=metric.target, value=int(value), source=SOURCE))
    return records


def insight_windows(start: date, end: date, max_days: int = MAX_INSIGHTS_DAYS) -> list[tuple[date, date]]:
    """``(since, until)`` windows covering ``start`` to ``end`` exclusive, at most ``max_days`` each."""
    windows = []
    while start < end:
        until = min(end, start + timedelta(days=max_days))
        windows.append((start, until))
        start = until
    return windows
