"""The README's run command: `engagement-monitor demo` loads the demo and serves the dashboard,
without ever stopping to ask a question (staff start it from a shortcut, CI with no terminal)."""

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select

from bench.pgserver import free_port
from models.db import make_engine
from models.tables import Content

pytestmark = pytest.mark.slow  # the demo command loads the demo and serves the dashboard

CLI = str(Path(sys.executable).parent / "engagement-monitor")


def test_demo_serves_the_dashboard_without_prompting(tmp_path):
    port = free_port()
    environment = {**os.environ, "BROWSER": "true", "ENGAGEMENT_MONITOR_LANG": "en"}
    demo = subprocess.Popen(
        [CLI, "demo", "--port", str(port)],  # opens a browser, as `make demo` does
        cwd=tmp_path,
        env=environment,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 90
        health = None
        while time.monotonic() < deadline and demo.poll() is None:
            try:
                health = httpx.get(f"http://127.0.0.1:{port}/_stcore/health", timeout=2)
                if health.status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.5)
        assert demo.poll() is None, demo.stdout.read()
        assert health is not None and health.status_code == 200
        assert httpx.get(f"http://127.0.0.1:{port}/", timeout=5).status_code == 200
    finally:
        demo.terminate()
        output = demo.communicate(timeout=30)[0]
    assert "Email" not in output  # Streamlit's first-run question never appears
    assert "Demo data loaded" in output
    engine = make_engine(f"sqlite:///{tmp_path / 'data' / 'demo.db'}")
    with engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(Content)).scalar_one() > 50
    engine.dispose()
