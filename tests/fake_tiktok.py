"""A fake TikTok Display API v2 and OAuth v2 server on 127.0.0.1, scriptable per test.

As TikTok for Developers documents it (docs/tiktok.md): ``GET /v2/user/info/?fields=…`` and
``POST /v2/video/list/?fields=…`` (JSON ``max_count`` 1-20 and ``cursor``; answers ``videos``,
``cursor``, ``has_more``) with ``Authorization: Bearer``; errors as ``{"error": {"code", "message",
"log_id"}}`` (``access_token_invalid`` 401, ``scope_not_authorized`` 401, ``rate_limit_exceeded`` 429);
``POST /v2/oauth/token/`` whose refresh tokens rotate (the one sent stops working).
"""

import copy
import itertools
import json
import re
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import parse_qs, urlsplit

from fake_server import Consent, FakeServer, Html, JsonHandler, hex_sha256

CLIENT_KEY = "awfake" + "clientkey01"
CLIENT_SECRET = "tiktok" + "FakeClientSecret" + "0123"
ACCESS_TOKEN = "act." + "FakeTikTokAccessToken" + "0123456789SECRET"
REFRESH_TOKEN = "rft." + "FakeTikTokRefreshToken" + "0123456789SECRET"
OPEN_ID = "_000" + "FakeOpenIdOfTheOffice"


@dataclass
class Fault:
    match: str
    status: int = 500
    body: Any = None
    delay: float = 0.0
    times: int = 1


@dataclass
class FakeAccount:
    open_id: str = OPEN_ID
    name: str = "BHXH Lào Cai"
    followers: int = 3400
    videos: list[dict] = field(default_factory=list)  # newest first

    def add_videos(self, count: int, newest: datetime, every: timedelta = timedelta(hours=8)) -> None:
        for number in range(count):
            created = newest - number * every
            self.videos.append(
                {
                    "id": f"73{len(self.videos) + 1:017d}",
                    "create_time": int(created.timestamp()),
                    "title": f"Video TikTok số {number + 1}",
                    "video_description": f"Video TikTok số {number + 1} #bhxh",
                    "duration": 30 + number,
                    "share_url": f"https://www.tiktok.com/@bhxhlaocai/video/{len(self.videos) + 1}",
                    "view_count": 5000 + 101 * number,
                    "like_count": 300 + number,
                    "comment_count": 20 + number,
                    "share_count": 7 + number,
                }
            )


class FakeTikTok(FakeServer):
    def __init__(self) -> None:
        self.account = FakeAccount()
        self.access_tokens = {ACCESS_TOKEN}
        self.refresh_token = REFRESH_TOKEN
        self.refresh_expired = False
        self.stats_scope = True  # user.info.stats granted (follower_count)
        self.faults: list[Fault] = []
        self.paths: list[str] = []
        self.issued: list[tuple[str, str]] = []
        self._serial = itertools.count(1)
        self._lock = threading.Lock()
        # Login Kit v2: a desktop app (redirect to localhost/127.0.0.1) must send a PKCE challenge,
        # the hex SHA-256 of its verifier; a web app (https redirect) sends none (docs/tiktok.md).
        self.consent = Consent()
        self.granted_scope = "user.info.basic,user.info.stats,video.list"

    def handler_class(self) -> type[BaseHTTPRequestHandler]:
        return _Handler

    def expire_access(self) -> None:
        with self._lock:
            self.access_tokens.clear()

    def fail(self, match: str, status: int = 500, body: Any = None, **options: Any) -> None:
        with self._lock:
            self.faults.append(Fault(match, status, body, **options))

    def count(self, match: str) -> int:
        with self._lock:
            return sum(1 for path in self.paths if match in path)

    @classmethod
    def sample(cls, now: datetime | None = None) -> "FakeTikTok":
        """An account with 25 recent videos (two pages), the newest two hours old."""
        fake = cls()
        fake.account.add_videos(25, (now or datetime.now(UTC)) - timedelta(hours=2))
        return fake

    def answer(self, method: str, path: str, params: dict, headers: dict, body: bytes) -> tuple[int, Any]:
        with self._lock:
            self.paths.append(path)
            fault = next((f for f in self.faults if f.match in path and f.times > 0), None)
            if fault is not None:
                fault.times -= 1
        if fault is not None:
            time.sleep(fault.delay)
            return fault.status, fault.body
        if method == "GET" and path == "/v2/auth/authorize/":
            problem = _authorize_problem(params)
            if problem is not None:
                return 400, Html(
                    "<!doctype html><title>TikTok</title><p>We couldn't log in with TikTok. If you're a "
                    f"developer, correct the following and try again:</p><p id='problem'>{problem}</p>"
                )
            desktop = _desktop(params["redirect_uri"])
            page = self.consent.page(
                f"TikTok: {params.get('client_key')} asks for {params.get('scope')}",
                params["redirect_uri"],
                params.get("state", ""),
                params["code_challenge"] if desktop else None,
                {"scopes": self.granted_scope},
                {"error": "access_denied", "error_description": "The user denied the request"},
            )
            return 200, page
        if method == "POST" and path == "/v2/oauth/token/":
            form = {k: v[-1] for k, v in parse_qs(body.decode()).items()}
            if form.get("grant_type") == "authorization_code":
                return self._authorise(form)
            return self._token(form)
        if headers.get("authorization", "").removeprefix("Bearer ") not in self.access_tokens:
            return 401, _error(
                "access_token_invalid", "The access token is invalid or not found in the request."
            )
        fields = params.get("fields", "").split(",")
        if method == "GET" and path == "/v2/user/info/":
            if "follower_count" in fields and not self.stats_scope:
                return 401, _error("scope_not_authorized", "The user did not authorize the scope required.")
            user = {"open_id": self.account.open_id, "display_name": self.account.name}
            if "follower_count" in fields:
                user["follower_count"] = self.account.followers
            return 200, _ok({"user": user})
        if method == "POST" and path == "/v2/video/list/":
            request = json.loads(body or b"{}")
            limit = int(request.get("max_count", 10))
            if not 1 <= limit <= 20:
                return 400, _error("invalid_params", "max_count must be between 1 and 20")
            cursor = request.get("cursor")
            videos = [v for v in self.account.videos if cursor is None or v["create_time"] * 1000 < cursor]
            page = copy.deepcopy(videos[:limit])
            more = len(videos) > limit
            next_cursor = page[-1]["create_time"] * 1000 if page else 0
            return 200, _ok({"videos": page, "cursor": next_cursor, "has_more": more})
        return 404, _error("invalid_params", "unknown path")

    def _authorise(self, form: dict[str, str]) -> tuple[int, Any]:
        if form.get("client_key") != CLIENT_KEY or form.get("client_secret") != CLIENT_SECRET:
            return 400, {"error": "invalid_client", "error_description": "Client key or secret is invalid."}
        problem = self.consent.trade(
            form.get("code", ""), form.get("redirect_uri") or "", form.get("code_verifier"), hex_sha256
        )
        if problem is not None:
            return 400, {"error": "invalid_grant", "error_description": problem, "log_id": "fake"}
        with self._lock:
            self.access_tokens.add(ACCESS_TOKEN)
            self.refresh_token = REFRESH_TOKEN
        return 200, {
            "access_token": ACCESS_TOKEN,
            "expires_in": 86400,
            "open_id": self.account.open_id,
            "refresh_expires_in": 31536000,
            "refresh_token": REFRESH_TOKEN,
            "scope": self.granted_scope,
            "token_type": "Bearer",
        }

    def _token(self, form: dict[str, str]) -> tuple[int, Any]:
        if form.get("client_key") != CLIENT_KEY or form.get("client_secret") != CLIENT_SECRET:
            return 400, {"error": "invalid_client", "error_description": "Client key or secret is invalid."}
        with self._lock:
            if self.refresh_expired or form.get("refresh_token") != self.refresh_token:
                return 400, {
                    "error": "invalid_grant",
                    "error_description": "Refresh token is invalid or expired.",
                    "log_id": "fake",
                }
            serial = next(self._serial)
            access, refresh = f"{ACCESS_TOKEN}-{serial}", f"{REFRESH_TOKEN}-{serial}"
            self.access_tokens.add(access)
            self.refresh_token = refresh
            self.issued.append((access, refresh))
        return 200, {
            "access_token": access,
            "expires_in": 7200,
            "open_id": self.account.open_id,
            "refresh_expires_in": 15552000,
            "refresh_token": refresh,
            "scope": "user.info.basic,user.info.stats,video.list",
            "token_type": "Bearer",
        }


def _desktop(redirect_uri: str) -> bool:
    return urlsplit(redirect_uri).hostname in ("localhost", "127.0.0.1")


def _authorize_problem(params: dict[str, str]) -> str | None:
    """What Login Kit refuses before showing the consent page: a desktop app (redirect to localhost
    or 127.0.0.1, with a port) without ``code_challenge`` = 64 lower-case hex characters and
    ``code_challenge_method=S256``; a web app whose redirect is not https; no ``response_type=code``."""
    redirect = params.get("redirect_uri", "")
    if params.get("client_key") != CLIENT_KEY:
        return "client_key"
    if params.get("response_type") != "code":
        return "response_type"
    if _desktop(redirect):
        if urlsplit(redirect).port is None:
            return "redirect_uri"
        if not re.fullmatch(r"[0-9a-f]{64}", params.get("code_challenge", "")):
            return "code_challenge"
        if params.get("code_challenge_method") != "S256":
            return "code_challenge_method"
    elif urlsplit(redirect).scheme != "https":
        return "redirect_uri"
    return None


def _ok(data: dict) -> dict:
    return {"data": data, "error": {"code": "ok", "message": "", "log_id": "fake"}}


def _error(code: str, message: str) -> dict:
    return {"data": {}, "error": {"code": code, "message": message, "log_id": "fake"}}


class _Handler(JsonHandler):
    fake: FakeTikTok
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True

    def do_GET(self) -> None:  # noqa: N802
        self._serve("GET", b"")

    def do_POST(self) -> None:  # noqa: N802
        length = int(self.headers.get("Content-Length") or 0)
        self._serve("POST", self.rfile.read(length) if length else b"")

    def _serve(self, method: str, body: bytes) -> None:
        split = urlsplit(self.path)
        params = {k: v[-1] for k, v in parse_qs(split.query).items()}
        headers = {k.lower(): v for k, v in self.headers.items()}
        try:
            status, answer = self.fake.answer(method, split.path, params, headers, body)
        except Exception as error:  # a bug in the fake must show in the test
            status, answer = 500, _error("internal_error", f"fake crashed: {error!r}")
        self.send_json(status, answer if answer is not None else _error("internal_error", "unavailable"))
