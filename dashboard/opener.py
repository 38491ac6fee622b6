"""Opening the dashboard in the user's browser once its server accepts connections.

Standard library only: on Linux and macOS it runs as its own small process beside the server
(``python -m dashboard.opener HOST PORT PID``), which has taken the place of the command that
started it, so it must not cost that command's memory again.
"""

import os
import socket
import sys
import time
import webbrowser
from collections.abc import Callable


def open_when_ready(host: str, port: int, alive: Callable[[], bool], wait_s: float = 60) -> bool:
    """Open ``http://host:port`` once the server accepts connections, while ``alive()``; whether it did."""
    address = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline and alive():
        try:
            with socket.create_connection((address, port), timeout=1):
                webbrowser.open(f"http://{address}:{port}")
                return True
        except OSError:
            time.sleep(0.3)
    return False


def process_alive(pid: int) -> bool:
    """Whether process ``pid`` still runs (the server, which kept the starting command's pid)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def main(arguments: list[str]) -> None:
    """``HOST PORT PID``: returns at once, the waiting goes on in a process of its own that nobody
    has to wait for (the server never reaps children it did not start)."""
    host, port, pid = arguments[0], int(arguments[1]), int(arguments[2])
    if os.fork():
        return
    os.setsid()
    open_when_ready(host, port, alive=lambda: process_alive(pid))
    os._exit(0)


if __name__ == "__main__":
    main(sys.argv[1:])
