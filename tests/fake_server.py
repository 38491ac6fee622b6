"""What every fake platform server in tests/ shares: a ThreadingHTTPServer on 127.0.0.1 (a free
port) served from a daemon thread, started and stopped by hand or as a context manager.

A fake subclasses :class:`FakeServer` and names its request handler in ``handler_class`` (a
:class:`JsonHandler`); the handler reaches the fake as ``self.fake``.
"""

import json
import threading
from collections.abc import Mapping
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Self


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


class JsonHandler(BaseHTTPRequestHandler):
    """A fake's request handler: JSON answers, and nothing written to stderr."""

    def send_json(self, status: int, body: object, headers: Mapping[str, str] | None = None) -> None:
        data = json.dumps(body).encode()
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=UTF-8")
            self.send_header("Content-Length", str(len(data)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a timeout test)

    def log_message(self, *_: object) -> None:
        pass
