"""Starting the Streamlit dashboard as its own process, bound to 127.0.0.1 unless told otherwise."""

import os
import signal
import socket
import subprocess
import sys
import threading
import time
import webbrowser
from pathlib import Path

from collector.messages import say
from collector.upload_limits import max_upload_mb
from models.db import DB_ENV
from models.errors import UserError
from models.i18n import language

APP = Path(__file__).parent / "app.py"
AUTH_ENV = "ENGAGEMENT_MONITOR_AUTH"
AUTH_MODES = ("off", "required", "oidc")
LOOPBACK = ("127.0.0.1", "localhost", "::1")


def auth_mode_for(host: str, requested: str | None = None) -> str:
    """The sign-in mode for a dashboard on ``host``: ``off`` only when it listens on this computer alone."""
    if requested in (None, "auto"):
        return "off" if host in LOOPBACK else "required"
    if requested not in AUTH_MODES:
        raise UserError(say("auth_mode_unknown", language(), mode=requested))
    if requested == "off" and host not in LOOPBACK:
        raise UserError(say("auth_off_refused", language(), host=host))
    return requested


def streamlit_command(host: str, port: int) -> list[str]:
    """The command line that serves the dashboard: headless (Streamlit never prompts, never opens a
    browser itself), no usage statistics."""
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(APP),
        "--server.address",
        host,
        "--server.port",
        str(port),
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        "--browser.serverAddress",
        host,
        "--server.fileWatcherType",
        "none",
        "--client.toolbarMode",
        "minimal",
        "--server.maxUploadSize",
        str(max_upload_mb()),
    ]


def serve(
    db_url: str,
    host: str = "127.0.0.1",
    port: int = 8501,
    open_browser: bool = False,
    auth: str | None = None,
) -> int:
    """Serve the dashboard on ``host:port`` against ``db_url`` until interrupted; the exit code.

    Sign-in (``auth``) is off on 127.0.0.1 and required elsewhere unless asked for otherwise."""
    environment = {**os.environ, DB_ENV: db_url, AUTH_ENV: auth_mode_for(host, auth)}
    process = subprocess.Popen(streamlit_command(host, port), env=environment, stdin=subprocess.DEVNULL)
    if open_browser:
        threading.Thread(target=_open_when_ready, args=(host, port, process), daemon=True).start()
    # Stopping the command (Ctrl+C, or SIGTERM from a service manager) stops the server with it.
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        return process.wait()
    except KeyboardInterrupt:
        process.terminate()
        return process.wait()
    finally:
        signal.signal(signal.SIGTERM, previous)


def _interrupt(*_: object) -> None:
    raise KeyboardInterrupt


def _open_when_ready(host: str, port: int, process: subprocess.Popen, wait_s: float = 60) -> None:
    """Open the dashboard in the user's browser once the server accepts connections."""
    address = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with socket.create_connection((address, port), timeout=1):
                webbrowser.open(f"http://{address}:{port}")
                return
        except OSError:
            time.sleep(0.3)
