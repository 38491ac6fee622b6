"""bench/navigation.py runs end to end (one measured run, two pages): it serves the floor and the
dashboard, drives Chromium and prints each page's time against the floor. No timing is asserted."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # the navigation benchmark drives Chromium

ROOT = Path(__file__).resolve().parent.parent


def test_navigation_benchmark_runs_and_prints_ratios_to_the_floor(tmp_path):
    if not Path("/usr/bin/chromium").exists():
        if os.environ.get("ENGAGEMENT_MONITOR_REQUIRE_BROWSER") == "1":
            pytest.fail("/usr/bin/chromium not found, and CI requires the browser tests")
        pytest.skip("/usr/bin/chromium not found (apt-get install chromium)")
    output = tmp_path / "navigation.json"
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "navigation.py"), "--repeats", "1", "--pages", "Dữ liệu"]
        + ["--json", str(output)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "(floor: empty page)" in done.stdout and "Dữ liệu" in done.stdout
    names = {item["name"] for item in json.loads(output.read_text())}
    assert {"navigation/Dữ liệu", "reload/Dữ liệu", "navigation/Tổng quan"} <= names
    assert all(item["baseline"] > 0 for item in json.loads(output.read_text()))
