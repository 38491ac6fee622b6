"""What every fake platform server in tests/ shares: a ThreadingHTTPServer on 127.0.0.1 (a free
port) served from a daemon thread, started and stopped by hand or as a context manager.

A fake subclasses :class:`FakeServer` and names its request handler in ``handler_class`` (a
:class:`JsonHandler`); the handler reaches the fake as ``self.fake``.
"""

import base64
import hashlib
import html
import json
import re
import secrets
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Self
from urllib.parse import urlencode


class FakeServer:
    """Life cycle and address of a fake server; subclasses script the platform."""

    url_path = ""  # appended to http://127.0.0.1:PORT in ``url``
    _server: ThreadingHTTPServer | None = None

    def handler_class(self) -> type[BaseHTTPRequestHandler]:
        """The fake's request handler (a method, so it may be defined further down its module)."""
        raise NotImplementedError

    def _configure(self, server: ThreadingHTTPServer) -> None:
        """Called once the server exists, before it serves; nothing to do by default."""

    # --- life cycle -----------------------------------------------------------------------
    def start(self) -> Self:
        handler = type("Handler", (self.handler_class(),), {"fake": self})
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._server.daemon_threads = True
        self._configure(self._server)
        # A short poll interval: ``stop`` waits for the serving loop to notice, 0.5 s by default.
        threading.Thread(target=self._server.serve_forever, args=(0.02,), daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *_: object) -> None:
        self.stop()

    @property
    def url(self) -> str:
        assert self._server is not None, "start the fake first"
        return f"http://127.0.0.1:{self._server.server_address[1]}{self.url_path}"


class Html(str):
    """A fake's answer that is a web page (a provider's consent page), not JSON."""


@dataclass
class Grant:
    """An authorisation code a fake consent page handed out: for which redirect, with which PKCE
    challenge, and whether it was already traded (a code works once)."""

    redirect_uri: str
    challenge: str | None
    used: bool = False


# RFC 7636: 43 to 128 unreserved characters.
RFC_VERIFIER = re.compile(r"[A-Za-z0-9\-._~]{43,128}")


def base64url_sha256(verifier: str) -> str:
    """RFC 7636's S256: BASE64URL(SHA-256(ASCII(verifier))) without padding."""
    return base64.urlsafe_b64encode(hashlib.sha256(verifier.encode("ascii")).digest()).decode().rstrip("=")


def hex_sha256(verifier: str) -> str:
    """TikTok Login Kit for Desktop: the hex encoding of SHA-256(verifier)."""
    return hashlib.sha256(verifier.encode("ascii")).hexdigest()


class Consent:
    """A provider's consent page and its codes, shared by the fakes of Facebook, Zalo and TikTok.

    The page shows the app's request with two links, "Allow" (back to ``redirect_uri`` with a
    fresh ``code`` and the ``state``) and "Deny" (back with ``deny`` parameters and the ``state``).
    """

    def __init__(self) -> None:
        self.grants: dict[str, Grant] = {}
        self.lock = threading.Lock()

    def page(
        self, title: str, redirect_uri: str, state: str, challenge: str | None, allow: dict, deny: dict
    ) -> Html:
        code = "code-" + secrets.token_urlsafe(12)
        with self.lock:
            self.grants[code] = Grant(redirect_uri, challenge)
        joiner = "&" if "?" in redirect_uri else "?"
        allowed = redirect_uri + joiner + urlencode({"code": code, **allow, "state": state})
        denied = redirect_uri + joiner + urlencode({**deny, "state": state})
        return Html(
            f"<!doctype html><html><head><meta charset='utf-8'><title>{html.escape(title)}</title></head>"
            f"<body><h1>{html.escape(title)}</h1><p>engagement-monitor wants to read your figures.</p>"
            f"<a id='allow' href='{html.escape(allowed)}'>Allow</a> "
            f"<a id='deny' href='{html.escape(denied)}'>Deny</a></body></html>"
        )

    def trade(
        self,
        code: str,
        redirect_uri: str | None,
        verifier: str | None,
        challenge_of: Callable[[str], str] | None = None,
        verifier_shape: re.Pattern[str] = RFC_VERIFIER,
    ) -> str | None:
        """None when ``code`` may be traded (and marks it used), else why not. A code handed out with
        a PKCE challenge needs the verifier it was made from, of the provider's shape, hashed and
        encoded the provider's way (``challenge_of``; RFC 7636's base64url by default)."""
        with self.lock:
            grant = self.grants.get(code)
            if grant is None or grant.used:
                return "code unknown or already used"
            grant.used = True
        if redirect_uri is not None and redirect_uri != grant.redirect_uri:
            return "redirect_uri differs from the one authorised"
        if grant.challenge is not None:
            if not verifier or not verifier_shape.fullmatch(verifier):
                return "code_verifier missing or malformed"
            if (challenge_of or base64url_sha256)(verifier) != grant.challenge:
                return "code_verifier does not match code_challenge"
        return None


class JsonHandler(BaseHTTPRequestHandler):
    """A fake's request handler: JSON answers (or a consent page), and nothing written to stderr."""

    def send_json(self, status: int, body: object, headers: Mapping[str, str] | None = None) -> None:
        page = isinstance(body, Html)
        data = body.encode() if page else json.dumps(body).encode()
        try:
            self.send_response(status)
            self.send_header(
                "Content-Type", "text/html; charset=UTF-8" if page else "application/json; charset=UTF-8"
            )
            self.send_header("Content-Length", str(len(data)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a timeout test)

    def log_message(self, *_: object) -> None:
        pass
