"""Starting the Streamlit dashboard as its own process, bound to 127.0.0.1 unless told otherwise."""

import logging
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

from collector.messages import say
from collector.upload_limits import max_upload_mb
from dashboard.opener import open_when_ready
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

    Sign-in (``auth``) is off on 127.0.0.1 and required elsewhere unless asked for otherwise.

    On Linux and macOS the server takes this process's place (``exec``): the command that started it
    had imported the whole collector (about 160 of the 520 MB a dashboard took) only to wait for it; signals
    and the exit code now reach Streamlit directly. Windows has no such ``exec``; there the command
    waits for the server as its child and stops it on Ctrl+C.
    """
    environment = {**os.environ, DB_ENV: db_url, AUTH_ENV: auth_mode_for(host, auth)}
    command = streamlit_command(host, port)
    if os.name == "posix":
        if open_browser:
            opener = [sys.executable, "-m", "dashboard.opener", host, str(port), str(os.getpid())]
            # It returns once its waiting part runs alone; that part holds none of our output, which
            # whoever reads it (a service manager, a test) would otherwise wait on for a minute.
            quiet = {"stdin": subprocess.DEVNULL, "stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
            subprocess.run(opener, check=False, **quiet)
        logging.shutdown()  # what this process wrote must not be lost with it
        sys.stdout.flush()
        sys.stderr.flush()
        os.execve(command[0], command, environment)
    process = subprocess.Popen(command, env=environment, stdin=subprocess.DEVNULL)
    if open_browser:
        threading.Thread(target=_open_until_exit, args=(host, port, process), daemon=True).start()
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


def _open_until_exit(host: str, port: int, process: subprocess.Popen) -> None:
    open_when_ready(host, port, alive=lambda: process.poll() is None)
