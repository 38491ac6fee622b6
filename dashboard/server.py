"""Starting the Streamlit dashboard as its own process, bound to 127.0.0.1 unless told otherwise."""

import os
import subprocess
import sys
from pathlib import Path

from models.db import DB_ENV

APP = Path(__file__).parent / "app.py"


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
    ]


def serve(db_url: str, host: str = "127.0.0.1", port: int = 8501, open_browser: bool = False) -> int:
    """Serve the dashboard on ``host:port`` against ``db_url`` until interrupted; the exit code."""
    environment = {**os.environ, DB_ENV: db_url}
    process = subprocess.Popen(streamlit_command(host, port, open_browser), env=environment)
    try:
        return process.wait()
    except KeyboardInterrupt:
        process.terminate()
        return process.wait()
