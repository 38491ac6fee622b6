"""``engagement-monitor dashboard``: the command becomes the Streamlit server (no second Python process
waiting beside it with the whole collector loaded), opens the browser once the server answers, and
stops when it is told to."""

import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from bench.pgserver import free_port

CLI = str(Path(sys.executable).parent / "engagement-monitor")

pytestmark = [
    pytest.mark.skipif(os.name != "posix", reason="the server takes the command's place on POSIX"),
    pytest.mark.slow,  # a dashboard server started and stopped with SIGTERM
]


def _children(pid: int) -> list[int]:
    return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


def _serve_with_browser(tmp_path: Path, browser_script: str) -> tuple[subprocess.Popen, int]:
    """``engagement-monitor dashboard --open`` on a free port, the "browser" a shell script."""
    browser = tmp_path / "browser.sh"
    browser.write_text("#!/bin/sh\n" + browser_script)
    browser.chmod(browser.stat().st_mode | stat.S_IEXEC)
    port = free_port()
    environment = {**os.environ, "BROWSER": str(browser), "ENGAGEMENT_MONITOR_LANG": "en"}
    database = f"sqlite:///{tmp_path / 'monitor.db'}"
    command = [CLI, "--db", database, "dashboard", "--port", str(port), "--open"]
    server = subprocess.Popen(
        command, env=environment, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    return server, port


def test_the_command_becomes_the_server_opens_the_browser_and_stops_on_sigterm(tmp_path):
    opened = tmp_path / "opened.txt"
    server, port = _serve_with_browser(tmp_path, f'echo "$1" >> "{opened}"\n')
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and server.poll() is None:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/_stcore/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.3)
        assert server.poll() is None, server.stdout.read().decode()
        # The pid we started is the server itself, and no Python process waits beside it.
        running = Path(f"/proc/{server.pid}/cmdline").read_bytes().split(b"\0")
        assert b"streamlit" in running and b"run" in running
        assert not [pid for pid in _children(server.pid) if b"engagement-monitor" in _cmdline(pid)]
        while time.monotonic() < deadline and not opened.exists():
            time.sleep(0.2)
        assert opened.read_text().split() == [f"http://127.0.0.1:{port}"]
    finally:
        server.send_signal(signal.SIGTERM)
        output = server.communicate(timeout=30)[0].decode()
    assert "http://127.0.0.1:" in output  # the command said where, before the server took over
    with pytest.raises(httpx.HTTPError):
        httpx.get(f"http://127.0.0.1:{port}/_stcore/health", timeout=2)


def test_the_command_output_ends_with_the_server_even_while_the_browser_is_still_opening(tmp_path):
    # A browser slow to start (here: 20 s) must not keep the command's output open after the server
    # stopped: a service manager or a script reading it would wait for the browser.
    started = tmp_path / "started.txt"
    server, _ = _serve_with_browser(tmp_path, f'echo "$1" > "{started}"\nsleep 20\n')
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and server.poll() is None and not started.exists():
            time.sleep(0.2)
        assert started.exists(), "the browser was never asked to open the dashboard"
    finally:
        server.send_signal(signal.SIGTERM)
        began = time.monotonic()
        output = server.communicate(timeout=15)[0].decode()
    assert time.monotonic() - began < 15 and "Stopping" in output


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except FileNotFoundError:
        return b""
