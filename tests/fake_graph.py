"""A fake Meta Graph API: a real HTTP server on 127.0.0.1, scriptable per test.

It serves Pages (``/{page}``), ``published_posts`` with cursor pagination (``paging.next`` carries
``access_token=`` like Meta's does), ``live_videos``, post, video and page ``insights``, and
``/{object-id}/comments`` (oldest first, cursor paging; refused without ``pages_read_user_content``) and
``/debug_token``. Tests script faults (status, body, headers, delay) for matching paths, retire
metrics, expire the token or add latency. Used by the collector tests, the benchmark and ``doctor``.
"""

import base64
import copy
import json
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit
from zoneinfo import ZoneInfo

from fake_server import Consent, FakeServer, Html, JsonHandler

FIXTURES = Path(__file__).parent / "fixtures" / "graph_api"
TOKEN = "EAA" + "FakePageToken0123456789abcdefSECRETzz"  # built so no scanner takes it for a real token
SAMPLE_PAGE = "100064523817765"
SAMPLE_LIVE_POST = "100064523817765_122100000000316760"
SAMPLE_VIDEO = "122100000000316760"
APP_ID = "1234567890"
APP_SECRET = "meta" + "FakeAppSecret" + "0123456789"
USER_TOKEN = "EAA" + "FakeShortUserToken0123456789SECRETzz"
LONG_USER_TOKEN = "EAA" + "FakeLongUserToken0123456789SECRETzzz"
LOW_USAGE = {"call_count": 5, "total_time": 4, "total_cputime": 3}


def load_fixture(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def graph_time(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S+0000")


@dataclass
class FakePage:
    """One Page's content as the fake serves it (posts newest first)."""

    id: str
    name: str
    followers: int = 1000
    timezone: str = "Asia/Ho_Chi_Minh"
    posts: list[dict] = field(default_factory=list)
    live_videos: list[dict] = field(default_factory=list)
    post_insights: dict[str, dict[str, int]] = field(default_factory=dict)
    video_insights: dict[str, dict[str, int]] = field(default_factory=dict)

    def page_value(self, metric: str, day: date) -> int:
        """A deterministic daily page value."""
        return 1000 + (day.toordinal() % 97) * 10 + len(metric)

    def add_posts(self, count: int, newest: datetime, every: timedelta = timedelta(hours=3)) -> None:
        """``count`` photo posts, one per ``every`` back from ``newest``, each with insights."""
        for number in range(count):
            post_id = f"{self.id}_{9000 + len(self.posts)}"
            self.posts.append(
                {
                    "id": post_id,
                    "created_time": graph_time(newest - number * every),
                    "message": f"Bài viết số {number + 1}",
                    "permalink_url": f"https://www.facebook.com/{post_id}",
                    "status_type": "added_photos",
                    "reactions": {"data": [], "summary": {"total_count": 10 + number}},
                    "comments": {"data": [], "summary": {"total_count": number}},
                }
            )
            self.post_insights[post_id] = {
                "post_media_view": 500 + number,
                "post_total_media_view_unique": 300 + number,
                "post_clicks": number,
            }

    def end_live(self, length_s: float = 3725.4) -> None:
        """The broadcast ends: status VOD, nobody watching live, the recording has a length."""
        for live in self.live_videos:
            if live["status"] == "LIVE":
                live.update(status="VOD", live_views=0)
                live["video"]["length"] = length_s


@dataclass
class Fault:
    """A scripted answer for requests whose path contains ``match`` (``times`` of them)."""

    match: str
    status: int | None = 500
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    times: int = 1


@dataclass
class Seen:
    path: str
    params: dict[str, str]
    authorization: str | None


class FakeGraph(FakeServer):
    """The fake server; use as a context manager or call ``start``/``stop``."""

    def __init__(self, token: str = TOKEN, latency: float = 0.0) -> None:
        self.token = token
        self.latency = latency
        self.pages: dict[str, FakePage] = {}
        self.faults: list[Fault] = []
        self.retired_metrics: set[str] = set()
        self.expired = False
        self.usage: dict[str, Any] = dict(LOW_USAGE)
        self.requests: list[Seen] = []
        # Comments by object id (a post or a live video), oldest first as ``order=chronological`` gives.
        self.comments: dict[str, list[dict]] = {}
        self.scopes = ["pages_read_engagement", "read_insights", "pages_show_list", "pages_read_user_content"]
        self._lock = threading.Lock()
        # Facebook Login: the consent page, its codes, and what the person granted.
        self.consent = Consent()
        self.granted = {"pages_show_list", "pages_read_engagement", "read_insights"}

    def handler_class(self) -> type[BaseHTTPRequestHandler]:
        return _Handler

    def _configure(self, server: ThreadingHTTPServer) -> None:
        server.request_queue_size = 128  # kept as before; only listen() reads it, and that has run already

    # --- scripting ------------------------------------------------------------------------
    def add_page(self, page_id: str, name: str, followers: int = 1000) -> FakePage:
        page = FakePage(page_id, name, followers)
        self.pages[page_id] = page
        return page

    def fail(self, match: str, status: int | None = 500, body: Any = None, **options: Any) -> Fault:
        """Answer the next matching request(s) with ``status``/``body`` (``status=None``: only delay)."""
        fault = Fault(match, status, body, **options)
        with self._lock:
            self.faults.append(fault)
        return fault

    def rate_limit(self, match: str, regain_minutes: int = 0, times: int = 1) -> Fault:
        """Meta's code 32 with usage headers saying when access returns."""
        headers = {
            "X-Business-Use-Case-Usage": json.dumps(
                {
                    "any": [
                        {
                            "type": "pages",
                            "call_count": 100,
                            "total_cputime": 12,
                            "total_time": 30,
                            "estimated_time_to_regain_access": regain_minutes,
                        }
                    ]
                }
            )
        }
        return self.fail(match, 400, load_fixture("error_rate_limit.json"), headers=headers, times=times)

    def count(self, match: str) -> int:
        with self._lock:
            return sum(1 for seen in self.requests if match in seen.path)

    @classmethod
    def sample(cls, now: datetime | None = None, **options: Any) -> "FakeGraph":
        """The Lao Cai page of the sample payloads, shifted so its newest post is an hour old."""
        now = now or datetime.now(UTC)
        fake = cls(**options)
        info = load_fixture("page.json")
        page = fake.add_page(info["id"], info["name"], info["followers_count"])
        shift = now - timedelta(hours=1) - datetime(2024, 5, 22, 13, 0, tzinfo=UTC)
        posts = load_fixture("posts_page1.json")["data"] + load_fixture("posts_page2.json")["data"]
        page.posts = [_shifted(post, shift) for post in posts]
        page.live_videos = [_shifted(live, shift) for live in load_fixture("live_videos_live.json")["data"]]
        base = {e["name"]: e["values"][0]["value"] for e in load_fixture("post_insights.json")["data"]}
        for number, post in enumerate(page.posts):
            page.post_insights[post["id"]] = {name: value // (number + 1) for name, value in base.items()}
        videos = load_fixture("video_insights.json")["data"]
        page.video_insights[SAMPLE_VIDEO] = {e["name"]: e["values"][0]["value"] for e in videos}
        return fake

    # --- serving --------------------------------------------------------------------------
    def answer(self, path: str, params: dict[str, str], authorization: str | None) -> tuple[int, Any, dict]:
        """Status, JSON body and extra headers for one GET."""
        with self._lock:
            self.requests.append(Seen(path, params, authorization))
            fault = next((f for f in self.faults if f.match in path and f.times > 0), None)
            if fault is not None:
                fault.times -= 1
        time.sleep(self.latency + (fault.delay if fault else 0))
        if fault is not None and fault.status is not None:
            return fault.status, fault.body, fault.headers
        parts = [p for p in path.split("/") if p]
        if parts and parts[0].startswith("v") and "." in parts[0]:
            parts = parts[1:]
        if parts == ["debug_token"]:
            return self._debug_token(params.get("input_token", ""))
        if parts == ["dialog", "oauth"]:
            return 200, self._consent_page(params), {}
        if parts == ["oauth", "access_token"]:
            return self._oauth(params)
        given = params.get("access_token") or (authorization or "").removeprefix("Bearer ").strip()
        if parts and parts[0] == "me":
            return self._me(parts, given)
        if self.expired:
            return 400, load_fixture("error_token_expired.json"), {}
        if given != self.token:
            return 400, _error(190, "Invalid OAuth access token - Cannot parse access token"), {}
        return self._route(parts, params)

    def _route(self, parts: list[str], params: dict[str, str]) -> tuple[int, Any, dict]:
        if len(parts) == 1 and parts[0] in self.pages:
            page = self.pages[parts[0]]
            return 200, {"id": page.id, "name": page.name, "followers_count": page.followers}, {}
        if len(parts) == 2:
            owner, edge = parts
            page = self.pages.get(owner)
            if page is not None and edge == "published_posts":
                since = int(params.get("since", 0))
                posts = [p for p in page.posts if _epoch(p["created_time"]) >= since]
                return 200, self._listing(f"{owner}/{edge}", posts, params), {}
            if page is not None and edge == "live_videos":
                return 200, self._listing(f"{owner}/{edge}", page.live_videos, params), {}
            if edge in ("insights", "video_insights"):
                return self._insights(owner, edge, params)
            if edge == "comments":
                if "pages_read_user_content" not in self.scopes:
                    return (
                        403,
                        _error(10, "(#10) This endpoint requires the 'pages_read_user_content' permission"),
                        {},
                    )
                return 200, self._listing(f"{owner}/{edge}", self.comments.get(owner, []), params), {}
        return 400, _error(100, "Unsupported get request. Object does not exist or missing permissions"), {}

    def _listing(self, path: str, items: list[dict], params: dict[str, str]) -> dict:
        limit = int(params.get("limit", 25))
        start = int(base64.b64decode(params["after"]).decode()) if params.get("after") else 0
        page = items[start : start + limit]
        body: dict[str, Any] = {"data": copy.deepcopy(page)}
        # Like Meta, cursors come with every non-empty page; ``next`` only when more follow.
        cursor = base64.b64encode(str(start + len(page)).encode()).decode()
        if page:
            body["paging"] = {"cursors": {"after": cursor}}
        if start + limit < len(items):
            query = {k: v for k, v in params.items() if k != "after"}
            query = {"access_token": self.token, **query, "after": cursor}
            body["paging"]["next"] = f"{self.url}/v25.0/{path}?{urlencode(query)}"
        return body

    def _insights(self, owner: str, edge: str, params: dict[str, str]) -> tuple[int, Any, dict]:
        metrics = [m for m in params.get("metric", "").split(",") if m]
        if any(m in self.retired_metrics for m in metrics):
            return 400, load_fixture("error_invalid_metric.json"), {}
        page = self.pages.get(owner)
        if page is not None and edge == "insights":
            return 200, {"data": [self._page_series(page, m, params) for m in metrics]}, {}
        for page in self.pages.values():
            values = (page.video_insights if edge == "video_insights" else page.post_insights).get(owner)
            if values is not None:
                data = [
                    {"name": m, "period": "lifetime", "values": [{"value": values[m]}], "id": f"{owner}/{m}"}
                    for m in metrics
                    if m in values
                ]
                return 200, {"data": data}, {}
        return 400, _error(100, "Unsupported get request. Object does not exist"), {}

    def _page_series(self, page: FakePage, metric: str, params: dict[str, str]) -> dict:
        zone = ZoneInfo(page.timezone)
        day, until = date.fromisoformat(params["since"]), date.fromisoformat(params["until"])
        values = []
        while day < until:
            end = datetime.combine(day + timedelta(days=1), datetime.min.time(), zone)
            values.append({"value": page.page_value(metric, day), "end_time": graph_time(end)})
            day += timedelta(days=1)
        return {"name": metric, "period": "day", "values": values, "id": f"{page.id}/insights/{metric}/day"}

    # --- Facebook Login (the manual flow) ---------------------------------------------------
    def _consent_page(self, params: dict[str, str]) -> Html:
        deny = {
            "error": "access_denied",
            "error_code": "200",
            "error_description": "Permissions error",
            "error_reason": "user_denied",
        }
        title = f"Facebook: {params.get('client_id')} asks for {params.get('scope')}"
        return self.consent.page(
            title, params.get("redirect_uri", ""), params.get("state", ""), None, {}, deny
        )

    def _oauth(self, params: dict[str, str]) -> tuple[int, Any, dict]:
        if params.get("client_id") != APP_ID or params.get("client_secret") != APP_SECRET:
            return 400, _error(101, "Error validating application. Invalid application ID."), {}
        if params.get("grant_type") == "fb_exchange_token":
            if params.get("fb_exchange_token") != USER_TOKEN:
                return 400, _error(190, "Invalid OAuth access token."), {}
            return 200, {"access_token": LONG_USER_TOKEN, "token_type": "bearer", "expires_in": 5183944}, {}
        problem = self.consent.trade(params.get("code", ""), params.get("redirect_uri"), None)
        if problem is not None:
            return 400, _error(100, f"Invalid verification code ({problem})"), {}
        return 200, {"access_token": USER_TOKEN, "token_type": "bearer", "expires_in": 5400}, {}

    def _me(self, parts: list[str], given: str) -> tuple[int, Any, dict]:
        if given != LONG_USER_TOKEN:
            return 400, _error(190, "Invalid OAuth access token - Cannot parse access token"), {}
        if parts == ["me", "permissions"]:
            every = ("pages_show_list", "pages_read_engagement", "read_insights")
            data = [
                {"permission": name, "status": "granted" if name in self.granted else "declined"}
                for name in every
            ]
            return 200, {"data": data}, {}
        if parts == ["me", "accounts"]:
            pages = [
                {
                    "id": page.id,
                    "name": page.name,
                    "access_token": self.token,
                    "tasks": ["ANALYZE", "CREATE_CONTENT"],
                }
                for page in self.pages.values()
            ]
            return 200, {"data": pages}, {}
        return 400, _error(100, "Unsupported get request."), {}

    def _debug_token(self, token: str) -> tuple[int, Any, dict]:
        valid = token == self.token and not self.expired
        data: dict[str, Any] = {
            "app_id": "1234567890",
            "type": "PAGE",
            "application": "engagement-monitor",
            "is_valid": valid,
            "scopes": list(self.scopes),
            "profile_id": next(iter(self.pages), None),
            "expires_at": 0,
        }
        if not valid:
            data["error"] = {"code": 190, "subcode": 463 if self.expired else 467, "message": "Token invalid"}
        return 200, {"data": data}, {}


class _Handler(JsonHandler):
    fake: FakeGraph
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out in two writes: no 40 ms delayed-ACK stall

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        split = urlsplit(self.path)
        params = {k: v[-1] for k, v in parse_qs(split.query).items()}
        try:
            status, body, headers = self.fake.answer(split.path, params, self.headers.get("Authorization"))
        except Exception as error:  # a bug in the fake must show in the test, not hang it
            status, body, headers = 500, _error(1, f"fake crashed: {error!r}"), {}
        body = body if body is not None else _error(2, "Service temporarily unavailable")
        self.send_json(status, body, {"X-App-Usage": json.dumps(self.fake.usage), **headers})


def _error(code: int, message: str) -> dict:
    return {"error": {"message": message, "type": "OAuthException", "code": code, "fbtrace_id": "Fake"}}


def _epoch(value: str) -> int:
    return int(datetime.fromisoformat(value).timestamp())


def _shifted(item: dict, shift: timedelta) -> dict:
    item = copy.deepcopy(item)
    for key in ("created_time", "creation_time", "broadcast_start_time"):
        if key in item:
            item[key] = graph_time(datetime.fromisoformat(item[key]) + shift)
    return item


def main() -> None:
    """Serve a fake in its own process (benchmarks, manual tries): prints its URL, stops at end of stdin.

    ``python tests/fake_graph.py [--pages N --posts K --latency S]``: N Pages with K posts each
    (none: the sample Page); on exit it prints the number of requests it answered.
    """
    import argparse
    import sys

    parser = argparse.ArgumentParser(description=main.__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=0)
    parser.add_argument("--posts", type=int, default=12)
    parser.add_argument("--latency", type=float, default=0.0)
    args = parser.parse_args()
    fake = FakeGraph(latency=args.latency) if args.pages else FakeGraph.sample(latency=args.latency)
    newest = datetime.now(UTC) - timedelta(minutes=30)
    for number in range(args.pages):
        page = fake.add_page(str(300000000000000 + number), f"BHXH huyện {number + 1}", 1000 + number)
        page.add_posts(args.posts, newest, every=timedelta(hours=4))
    with fake:
        print(fake.url, flush=True)
        sys.stdin.read()
    print(len(fake.requests), flush=True)


if __name__ == "__main__":
    main()
