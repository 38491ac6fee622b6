"""bench/commands.py runs end to end (one run of each command, the Word report left out): it builds
the demo database, times the commands against ``python -c pass`` and prints their ratios."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow  # builds the demo and starts each command in its own process
def test_commands_benchmark_runs_and_prints_each_command_against_the_floor():
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "commands.py"), "--repeats", "1", "--skip-word"],
        capture_output=True,
        text=True,
        check=True,
    )
    lines = done.stdout.splitlines()
    assert lines[0].startswith("median of 1 runs; load average ")
    names = [line.split()[0] for line in lines[2:]]
    assert names == ["python", "--help", "status", "export"]
    assert all(("met" in line) for line in lines[3:])
