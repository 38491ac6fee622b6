"""The YouTube Data API v3 client: retries, quota counting, errors."""

import logging
import time
from collections.abc import Callable, Iterator
from datetime import datetime
from datetime import time as day_time
from typing import Any
from zoneinfo import ZoneInfo

import httpx

from collector.platforms.youtube import api as youtube
from collector.plumbing.http import DEFAULT_SETTINGS, GraphSettings, api_client, send, transient_retrying
from collector.plumbing.redaction import redact, register_secret
from models.write import utc

log = logging.getLogger("engagement_monitor.youtube")


class YouTubeError(Exception):
    """An error answer (``problem`` says which kind) or a fault; the message is already redacted."""

    def __init__(self, message: str, problem: youtube.ApiProblem | None = None, cause: str | None = None):
        super().__init__(redact(message))
        self.problem = problem
        self.cause = cause  # timeout, connection, unreadable: said in the user's language


class YouTubeTransient(YouTubeError):
    """Worth retrying: a timeout, a lost connection, a 5xx, a per-minute rate limit."""


class BudgetSpent(YouTubeError):
    """The next call would take the day's units past ``daily_quota``: it is not made."""


def quota_day_start(now: datetime) -> datetime:
    """The start of the quota day containing ``now``: midnight Pacific Time, when Google resets quotas."""
    pacific = ZoneInfo(youtube.QUOTA_TIMEZONE)
    return utc(datetime.combine(now.astimezone(pacific).date(), day_time(0), tzinfo=pacific))


def make_youtube_http(
    base_url: str,
    key: str,
    *,
    settings: GraphSettings = DEFAULT_SETTINGS,
    transport: httpx.BaseTransport | None = None,
) -> httpx.Client:
    """The one place an httpx client for the YouTube Data API is built (tests pass ``transport=``)."""
    register_secret(key)
    return api_client(settings, transport, base_url=base_url.rstrip("/") + "/", params={"key": key})


class YouTubeClient:
    """Data API requests for one key: bounded retries, and the units spent (``units``) kept within
    ``budget`` (None: no limit)."""

    def __init__(
        self,
        http: httpx.Client,
        *,
        settings: GraphSettings = DEFAULT_SETTINGS,
        budget: int | None = None,
        sleep: Callable[[float], Any] = time.sleep,
    ) -> None:
        self.http = http
        self.settings = settings
        self.budget = budget
        self.sleep = sleep
        self.units = 0

    def close(self) -> None:
        self.http.close()

    def get(self, resource: str, params: dict[str, Any]) -> dict:
        """One list call (``channels``, ``playlistItems``, ``videos``), retried on transient faults."""
        retrying = transient_retrying(self.settings, self.sleep, YouTubeTransient, "YouTube Data API")
        return retrying(self._get_once, resource, params)

    def _get_once(self, resource: str, params: dict[str, Any]) -> dict:
        cost = youtube.UNIT_COSTS[resource]
        if self.budget is not None and self.units + cost > self.budget:
            raise BudgetSpent(f"quota budget of {self.budget} units spent")
        self.units += cost  # every request costs its units, even one that fails
        response = send(self.http, "GET", resource, YouTubeTransient, params=params)
        try:
            body = response.json() if response.content else None
        except ValueError:
            body = None
        if response.is_success:
            if not isinstance(body, dict):
                raise YouTubeTransient(f"unreadable answer (HTTP {response.status_code})", cause="unreadable")
            return body
        problem = youtube.classify_error(response.status_code, body)
        message = f"HTTP {response.status_code} {problem.reason or ''}".strip()
        if problem.kind in ("server", "rate"):
            raise YouTubeTransient(message, problem)
        raise YouTubeError(message, problem)

    def channel(self, channel_id: str) -> dict | None:
        payload = self.get("channels", {"part": youtube.CHANNEL_PARTS, "id": channel_id})
        return youtube.first_item(payload)

    def uploads(self, playlist_id: str) -> Iterator[list[youtube.Upload]]:
        """The uploads playlist page by page, newest first, following ``nextPageToken``."""
        token: str | None = None
        while True:
            params = {"part": "contentDetails", "playlistId": playlist_id, "maxResults": youtube.MAX_IDS}
            payload = self.get("playlistItems", {**params, **({"pageToken": token} if token else {})})
            yield youtube.playlist_uploads(payload)
            token = youtube.next_page(payload)
            if not token:
                return

    def videos(self, video_ids: list[str]) -> Iterator[list[dict]]:
        """The videos, 50 ids per call."""
        for start in range(0, len(video_ids), youtube.MAX_IDS):
            batch = video_ids[start : start + youtube.MAX_IDS]
            yield self.get("videos", {"part": youtube.VIDEO_PARTS, "id": ",".join(batch)}).get("items") or []
