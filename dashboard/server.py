"""Starting the Streamlit dashboard as its own process, bound to 127.0.0.1 unless told otherwise."""

import os
import subprocess
import sys
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


def streamlit_command(host: str, port: int, open_browser: bool) -> list[str]:
    """The command line that serves the dashboard: headless, no usage statistics."""
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
        "false" if open_browser else "true",
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
    process = subprocess.Popen(streamlit_command(host, port, open_browser), env=environment)
    try:
        return process.wait()
    except KeyboardInterrupt:
        process.terminate()
        return process.wait()
