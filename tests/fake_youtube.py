"""A fake YouTube Data API v3: a real HTTP server on 127.0.0.1, scriptable per test.

It answers what the collector calls, shaped as Google documents them:
``GET /channels?part=snippet,contentDetails,statistics&id=UC…`` (developers.google.com/youtube/v3/
docs/channels/list; ``contentDetails.relatedPlaylists.uploads``), ``GET /playlistItems?part=
contentDetails&playlistId=UU…&maxResults=N&pageToken=…`` (docs/playlistItems/list; newest first,
``nextPageToken`` while more), ``GET /videos?part=snippet,statistics,contentDetails,
liveStreamingDetails&id=a,b,…`` (docs/videos/list, at most 50 ids; counts as strings,
``concurrentViewers`` only while a broadcast is on air). The key comes as ``key=`` in the query.
Errors follow docs/v3/docs/errors: a bad key is 400 ``keyInvalid`` (with the newer
``API_KEY_INVALID`` detail), an exhausted day is 403 ``quotaExceeded``; tests script 5xx, delays
and quota. Every call is counted in units as determine_quota_cost says (1 per list call).
"""

import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import parse_qs, urlsplit

from fake_server import FakeServer, JsonHandler

# Built from parts so that no secret scanner takes it for a real Google key (AIza + 35 characters).
KEY = "AIza" + "SyFAKEyoutubeKEY0123456789abcdefghi"
WRONG_KEY = "AIza" + "SyWRONGkeyWRONGkey0123456789abcdefg"
CHANNEL_ID = "UC" + "laocaiBHXHfakeChannel0"  # UC + 22 characters, like a real channel id
UPLOADS = "UU" + CHANNEL_ID[2:]
LIVE_VIDEO = "liveMay22xx"


def api_time(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass
class FakeVideo:
    """One upload; a broadcast has ``live`` details (start, end, viewers now)."""

    id: str
    title: str
    published: datetime
    views: int
    likes: int
    comments: int
    duration: str = "PT2M30S"
    live_start: datetime | None = None
    live_end: datetime | None = None
    concurrent: int | None = None

    def resource(self) -> dict:
        item: dict[str, Any] = {
            "kind": "youtube#video",
            "id": self.id,
            "snippet": {
                "publishedAt": api_time(self.published),
                "channelId": CHANNEL_ID,
                "title": self.title,
                "description": f"{self.title}\nBảo hiểm xã hội tỉnh Lào Cai",
                "liveBroadcastContent": "live" if self.on_air else "none",
            },
            "contentDetails": {"duration": "P0D" if self.on_air else self.duration},
            "statistics": {
                "viewCount": str(self.views),
                "likeCount": str(self.likes),
                "favoriteCount": "0",
                "commentCount": str(self.comments),
            },
        }
        if self.live_start is not None:
            details: dict[str, Any] = {"actualStartTime": api_time(self.live_start)}
            if self.live_end is not None:
                details["actualEndTime"] = api_time(self.live_end)
            elif self.concurrent is not None:
                details["concurrentViewers"] = str(self.concurrent)
            item["liveStreamingDetails"] = details
        return item

    @property
    def on_air(self) -> bool:
        return self.live_start is not None and self.live_end is None


@dataclass
class Fault:
    """A scripted answer for requests whose path contains ``match`` (``times`` of them)."""

    match: str
    status: int | None = 500
    body: Any = None
    delay: float = 0.0
    times: int = 1


def error_body(status: int, reason: str, message: str, detail: str | None = None) -> dict:
    """An error answer as Google sends it: ``errors`` with the legacy reason, ``details`` with the new."""
    error: dict[str, Any] = {
        "code": status,
        "message": message,
        "errors": [
            {
                "message": message,
                "domain": "youtube.quota" if "quota" in reason else "global",
                "reason": reason,
            }
        ],
    }
    if detail:
        error["details"] = [{"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": detail}]
    return {"error": error}


BAD_KEY = error_body(400, "badRequest", "API key not valid. Please pass a valid API key.", "API_KEY_INVALID")
QUOTA_EXCEEDED = error_body(
    403,
    "quotaExceeded",
    "The request cannot be completed because you have exceeded your quota.",
)


class FakeYouTube(FakeServer):
    """The fake server; use as a context manager or call ``start``/``stop``."""

    url_path = "/youtube/v3"

    def __init__(self, key: str = KEY, page_size: int = 2) -> None:
        self.key = key
        self.page_size = page_size  # small, so tests see paging
        self.channel_title = "BHXH tỉnh Lào Cai"
        self.subscribers = 1520
        self.videos: list[FakeVideo] = []  # newest first, like the uploads playlist
        self.faults: list[Fault] = []
        self.quota_exceeded = False
        self.units = 0
        self.requests: list[tuple[str, dict[str, str]]] = []
        # commentThreads resources by video id, newest first as ``order=time`` gives.
        self.comment_threads: dict[str, list[dict]] = {}
        self._lock = threading.Lock()

    def handler_class(self) -> type[BaseHTTPRequestHandler]:
        return _Handler

    # --- scripting ------------------------------------------------------------------------
    @classmethod
    def sample(cls, now: datetime | None = None, **options: Any) -> "FakeYouTube":
        """The office's channel: a broadcast on air for 20 minutes and four clips of the last days."""
        now = now or datetime.now(UTC)
        fake = cls(**options)
        fake.videos.append(
            FakeVideo(
                LIVE_VIDEO,
                "Trực tiếp: Tháng vận động BHXH toàn dân",
                now - timedelta(minutes=25),
                views=410,
                likes=37,
                comments=12,
                duration="PT1H2M5S",
                live_start=now - timedelta(minutes=20),
                concurrent=85,
            )
        )
        for number in range(4):
            fake.videos.append(
                FakeVideo(
                    f"clip{number:02d}xxxxx"[:11],
                    f"Clip {number + 1}: BHXH tự nguyện",
                    now - timedelta(days=number + 1, hours=2),
                    views=900 - 100 * number,
                    likes=40 - number,
                    comments=5 + number,
                )
            )
        return fake

    def fail(self, match: str, status: int | None = 500, body: Any = None, **options: Any) -> Fault:
        fault = Fault(match, status, body, **options)
        with self._lock:
            self.faults.append(fault)
        return fault

    def end_live(self, length: str = "PT1H2M5S") -> None:
        for video in self.videos:
            if video.on_air:
                video.live_end = datetime.now(UTC)
                video.duration = length
                video.concurrent = None

    def count(self, resource: str) -> int:
        with self._lock:
            return sum(1 for path, _ in self.requests if path.endswith("/" + resource))

    # --- serving --------------------------------------------------------------------------
    def answer(self, path: str, params: dict[str, str]) -> tuple[int, Any]:
        with self._lock:
            self.requests.append((path, params))
            self.units += 1  # every request costs at least one unit, even an invalid one
            fault = next((f for f in self.faults if f.match in path and f.times > 0), None)
            if fault is not None:
                fault.times -= 1
        if fault is not None:
            time.sleep(fault.delay)
            if fault.status is not None:
                return fault.status, fault.body
        if params.get("key") != self.key:
            return 400, BAD_KEY
        if self.quota_exceeded:
            return 403, QUOTA_EXCEEDED
        resource = path.rstrip("/").rsplit("/", 1)[-1]
        if resource == "channels":
            return 200, self._channels(params)
        if resource == "playlistItems":
            return self._playlist_items(params)
        if resource == "videos":
            return self._videos(params)
        if resource == "commentThreads":
            return self._comment_threads(params)
        return 404, error_body(404, "notFound", "Not Found")

    def _channels(self, params: dict[str, str]) -> dict:
        items = []
        if params.get("id") == CHANNEL_ID:
            items.append(
                {
                    "kind": "youtube#channel",
                    "id": CHANNEL_ID,
                    "snippet": {"title": self.channel_title, "publishedAt": "2019-03-01T02:00:00Z"},
                    "contentDetails": {"relatedPlaylists": {"likes": "", "uploads": UPLOADS}},
                    "statistics": {
                        "viewCount": "125000",
                        "subscriberCount": str(self.subscribers),
                        "hiddenSubscriberCount": False,
                        "videoCount": str(len(self.videos)),
                    },
                }
            )
        return {
            "kind": "youtube#channelListResponse",
            "pageInfo": {"totalResults": len(items)},
            "items": items,
        }

    def _playlist_items(self, params: dict[str, str]) -> tuple[int, Any]:
        if params.get("playlistId") != UPLOADS:
            return 404, error_body(
                404,
                "playlistNotFound",
                "The playlist identified with the request's playlistId parameter cannot be found.",
            )
        size = min(int(params.get("maxResults", 5)), self.page_size)
        start = int(params["pageToken"].removeprefix("CAI")) if params.get("pageToken") else 0
        page = self.videos[start : start + size]
        body: dict[str, Any] = {
            "kind": "youtube#playlistItemListResponse",
            "pageInfo": {"totalResults": len(self.videos), "resultsPerPage": size},
            "items": [
                {
                    "kind": "youtube#playlistItem",
                    "id": f"item-{video.id}",
                    "contentDetails": {"videoId": video.id, "videoPublishedAt": api_time(video.published)},
                }
                for video in page
            ],
        }
        if start + size < len(self.videos):
            body["nextPageToken"] = f"CAI{start + size}"
        return 200, body

    def _comment_threads(self, params: dict[str, str]) -> tuple[int, Any]:
        video_id = params.get("videoId", "")
        threads = self.comment_threads.get(video_id)
        if threads is None and any(video.id == video_id for video in self.videos):
            threads = []
        if threads is None:
            return 404, error_body(
                404, "videoNotFound", "The video identified by the videoId parameter could not be found."
            )
        size = min(int(params.get("maxResults", 20)), self.page_size)
        start = int(params["pageToken"].removeprefix("CT")) if params.get("pageToken") else 0
        body: dict[str, Any] = {
            "kind": "youtube#commentThreadListResponse",
            "items": threads[start : start + size],
        }
        if start + size < len(threads):
            body["nextPageToken"] = f"CT{start + size}"
        return 200, body

    def _videos(self, params: dict[str, str]) -> tuple[int, Any]:
        ids = [i for i in params.get("id", "").split(",") if i]
        if len(ids) > 50:
            return 400, error_body(400, "badRequest", "Too many ids (max 50).")
        by_id = {video.id: video for video in self.videos}
        return 200, {
            "kind": "youtube#videoListResponse",
            "items": [by_id[i].resource() for i in ids if i in by_id],
        }


class _Handler(JsonHandler):
    fake: FakeYouTube
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        split = urlsplit(self.path)
        params = {k: v[-1] for k, v in parse_qs(split.query).items()}
        try:
            status, body = self.fake.answer(split.path, params)
        except Exception as error:  # a bug in the fake must show in the test, not hang it
            status, body = 500, error_body(500, "backendError", f"fake crashed: {error!r}")
        if body is None:
            body = error_body(status, "backendError", "Backend Error")
        self.send_json(status, body)
