"""A fake Zalo OA Open API and OAuth server: a real HTTP server on 127.0.0.1, scriptable per test.

It answers as docs/zalo-oa.md describes Zalo (the "not verified" rows there are what it assumes):
``GET /v2.0/oa/getoa``, ``GET /v2.0/article/getslice`` (offset/limit paging, at most 10 a page,
``type`` normal or video), ``GET /v2.0/article/getdetail`` with the ``access_token`` header, and
``POST /v4/oa/access_token`` (``secret_key`` header; form ``refresh_token``, ``app_id``, ``grant_type``)
whose refresh tokens are single-use and rotate. Tests expire the access token or the refresh token,
and script faults (status, body, delay) for matching paths.
"""

import copy
import itertools
import re
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import parse_qs, urlsplit

from fake_server import Consent, FakeServer, JsonHandler, base64url_sha256

# Built from parts so no secret scanner takes them for real tokens.
APP_ID = "4291763606161179100"
SECRET_KEY = "zalo" + "FakeAppSecretKey" + "0123"
ACCESS_TOKEN = "zalo" + "FakeAccessToken" + "0123456789abcdefSECRET"
REFRESH_TOKEN = "zalo" + "FakeRefreshToken" + "0123456789abcdefSECRET"
OA_ID = "1234567890123456789"
TOKEN_INVALID = -216  # "Access token is invalid" (see docs/zalo-oa.md: not verified in Zalo's pages)
# Zalo's verifier: "chữ hoa, chữ thường, số và dài 43 ký tự" (docs/zalo-oa.md).
ZALO_VERIFIER = re.compile(r"(?=.*[A-Z])(?=.*[a-z])(?=.*[0-9])[A-Za-z0-9]{43}")
REFRESH_INVALID = -14014  # a refused refresh (the real code could not be verified; any non-zero will do)


@dataclass
class Fault:
    """A scripted answer for requests whose path contains ``match`` (``times`` of them)."""

    match: str
    status: int | None = 500
    body: Any = None
    delay: float = 0.0
    times: int = 1


@dataclass
class Seen:
    method: str
    path: str
    params: dict[str, str]
    headers: dict[str, str]


@dataclass
class FakeOA:
    """One OA: its name, followers, articles by type (newest first) and their details."""

    oa_id: str = OA_ID
    name: str = "BHXH tỉnh Lào Cai"
    followers: int = 12500
    articles: dict[str, list[dict]] = field(default_factory=lambda: {"normal": [], "video": []})
    details: dict[str, dict] = field(default_factory=dict)

    def add_articles(
        self,
        count: int,
        newest: datetime,
        every: timedelta = timedelta(hours=6),
        article_type: str = "normal",
    ) -> list[dict]:
        """``count`` articles, one per ``every`` back from ``newest``, with views and shares."""
        added = []
        for number in range(count):
            article_id = (
                f"{'v' if article_type == 'video' else 'a'}{len(self.articles[article_type]) + 1:04d}"
            )
            published = newest - number * every
            item = {
                "id": article_id,
                "type": article_type,
                "title": f"Bài viết Zalo số {number + 1}",
                "status": "show",
                "total_view": 800 + 37 * number,
                "total_share": 12 + number,
                "create_date": int(published.timestamp() * 1000),
                "update_date": int(published.timestamp() * 1000),
            }
            self.articles[article_type].append(item)
            self.details[article_id] = {
                "id": article_id,
                "type": article_type,
                "title": item["title"],
                "author": "BHXH tỉnh Lào Cai",
                "description": f"Tóm tắt bài {number + 1}",
                "link": f"https://zalo.me/oa/article/{article_id}",
                "status": "show",
            }
            added.append(item)
        return added


class FakeZalo(FakeServer):
    """The fake server; use as a context manager or call ``start``/``stop``."""

    def __init__(
        self, access_token: str = ACCESS_TOKEN, refresh_token: str = REFRESH_TOKEN, lifetime_s: int = 90000
    ) -> None:
        self.oa = FakeOA()
        self.access_tokens = {access_token}
        self.refresh_token = refresh_token
        self.lifetime_s = lifetime_s
        self.refresh_expired = False
        self.faults: list[Fault] = []
        self.requests: list[Seen] = []
        self.issued: list[tuple[str, str]] = []  # (access, refresh) pairs handed out, oldest first
        self._serial = itertools.count(1)
        self._lock = threading.Lock()
        self.consent = Consent()  # OAuth v4 with PKCE: the OA admin's consent page and its codes

    def handler_class(self) -> type[BaseHTTPRequestHandler]:
        return _Handler

    # --- scripting ------------------------------------------------------------------------
    def expire_access(self) -> None:
        """Every access token handed out so far stops working (as after 25 hours)."""
        with self._lock:
            self.access_tokens.clear()

    def fail(self, match: str, status: int | None = 500, body: Any = None, **options: Any) -> Fault:
        fault = Fault(match, status, body, **options)
        with self._lock:
            self.faults.append(fault)
        return fault

    def count(self, match: str) -> int:
        with self._lock:
            return sum(1 for seen in self.requests if match in seen.path)

    @classmethod
    def sample(cls, now: datetime | None = None, **options: Any) -> "FakeZalo":
        """An OA with 13 recent articles (two pages and a bit) and 2 videos, the newest an hour old."""
        now = now or datetime.now(UTC)
        fake = cls(**options)
        fake.oa.add_articles(13, now - timedelta(hours=1))
        fake.oa.add_articles(2, now - timedelta(hours=3), timedelta(days=1), "video")
        return fake

    # --- serving --------------------------------------------------------------------------
    def answer(self, seen: Seen, form: dict[str, str]) -> tuple[int, Any]:
        with self._lock:
            self.requests.append(seen)
            fault = next((f for f in self.faults if f.match in seen.path and f.times > 0), None)
            if fault is not None:
                fault.times -= 1
        if fault is not None:
            time.sleep(fault.delay)
            if fault.status is not None:
                return fault.status, fault.body
        if seen.method == "GET" and seen.path == "/v4/oa/permission":
            params = seen.params
            if not re.fullmatch(r"[A-Za-z0-9_-]{43}", params.get("code_challenge", "")):
                # the S256 challenge of Zalo's SDK: base64url of the 32-byte digest, no padding (the
                # error number is the fake's own; Zalo's is not documented where we could read)
                return 200, {"error": -14019, "error_name": "Invalid code challenge"}
            page = self.consent.page(
                f"Zalo OA: app {params.get('app_id')} asks to manage {self.oa.name}",
                params.get("redirect_uri", ""),
                params.get("state", ""),
                params.get("code_challenge"),
                {"oa_id": self.oa.oa_id, "code_challenge": params.get("code_challenge", "")},
                {"error": "-14004", "error_description": "User denied"},
            )
            return 200, page
        if (
            seen.method == "POST"
            and seen.path == "/v4/oa/access_token"
            and form.get("grant_type") == "authorization_code"
        ):
            return self._authorise(seen.headers.get("secret_key", ""), form)
        if seen.method == "POST" and seen.path == "/v4/oa/access_token":
            return self._refresh(seen.headers.get("secret_key", ""), form)
        if seen.method != "GET":
            return 404, {"error": -404, "message": "not found"}
        if seen.headers.get("access_token") not in self.access_tokens:
            return 200, {"error": TOKEN_INVALID, "message": "Access token is invalid"}
        if seen.path == "/v2.0/oa/getoa":
            return 200, _ok(
                {
                    "oa_id": self.oa.oa_id,
                    "name": self.oa.name,
                    "description": "",
                    "num_follower": self.oa.followers,
                }
            )
        if seen.path == "/v2.0/article/getslice":
            return self._slice(seen.params)
        if seen.path == "/v2.0/article/getdetail":
            detail = self.oa.details.get(seen.params.get("id", ""))
            if detail is None:
                return 200, {"error": -201, "message": "article not found"}
            return 200, _ok(copy.deepcopy(detail))
        return 404, {"error": -404, "message": "not found"}

    def _slice(self, params: dict[str, str]) -> tuple[int, Any]:
        article_type = params.get("type", "")
        if article_type not in ("normal", "video"):
            return 200, {"error": -201, "message": "type accept only 2 value normal and video."}
        offset, limit = int(params.get("offset", 0)), int(params.get("limit", 5))
        if limit > 10:
            return 200, {"error": -201, "message": "maximum limit is 10"}
        items = self.oa.articles[article_type]
        return 200, _ok({"medias": copy.deepcopy(items[offset : offset + limit]), "total": len(items)})

    def _authorise(self, secret_key: str, form: dict[str, str]) -> tuple[int, Any]:
        """The first pair of tokens, for a code of the consent page and its PKCE verifier."""
        if secret_key != SECRET_KEY or form.get("app_id") != APP_ID:
            return 200, {
                "error": -14002,
                "error_name": "Invalid app",
                "error_description": "app_id or secret",
            }
        problem = self.consent.trade(
            form.get("code", ""), None, form.get("code_verifier"), base64url_sha256, ZALO_VERIFIER
        )
        if problem is not None:
            return 200, {"error": -14005, "error_name": "Invalid code", "error_description": problem}
        with self._lock:
            self.access_tokens.add(ACCESS_TOKEN)
            self.refresh_token = REFRESH_TOKEN
        return 200, {
            "access_token": ACCESS_TOKEN,
            "refresh_token": REFRESH_TOKEN,
            "expires_in": str(self.lifetime_s),
        }

    def _refresh(self, secret_key: str, form: dict[str, str]) -> tuple[int, Any]:
        if secret_key != SECRET_KEY or form.get("app_id") != APP_ID:
            return 200, {
                "error": -14002,
                "error_name": "Invalid app",
                "error_description": "app_id or secret",
            }
        with self._lock:
            if self.refresh_expired or form.get("refresh_token") != self.refresh_token:
                return 200, {
                    "error": REFRESH_INVALID,
                    "error_name": "Invalid refresh token",
                    "error_description": "Refresh token is invalid or expired",
                }
            serial = next(self._serial)
            access = f"{ACCESS_TOKEN}-renewed-{serial}"
            refresh = f"{REFRESH_TOKEN}-rotated-{serial}"
            self.access_tokens.add(access)
            self.refresh_token = refresh  # the old refresh token is spent
            self.issued.append((access, refresh))
        return 200, {"access_token": access, "refresh_token": refresh, "expires_in": str(self.lifetime_s)}


def _ok(data: dict) -> dict:
    return {"error": 0, "message": "Success", "data": data}


class _Handler(JsonHandler):
    fake: FakeZalo
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        self._serve("GET", {})

    def do_POST(self) -> None:  # noqa: N802
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode() if length else ""
        self._serve("POST", {k: v[-1] for k, v in parse_qs(body).items()})

    def _serve(self, method: str, form: dict[str, str]) -> None:
        split = urlsplit(self.path)
        params = {k: v[-1] for k, v in parse_qs(split.query).items()}
        seen = Seen(method, split.path, params, {k.lower(): v for k, v in self.headers.items()})
        try:
            status, body = self.fake.answer(seen, form)
        except Exception as error:  # a bug in the fake must show in the test, not hang it
            status, body = 500, {"error": -1, "message": f"fake crashed: {error!r}"}
        self.send_json(status, body if body is not None else {"error": -1, "message": "unavailable"})
