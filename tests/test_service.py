"""The office server starts the collector and the dashboard at boot and restarts them on failure,
without a technician: systemd units on Linux (checked by systemd-analyze), Task Scheduler on Windows."""

import os
import shutil
import stat
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from collector.service import (
    ENV_FILE,
    SERVICES,
    ServicePlan,
    install,
    remove,
    status,
    unit_name,
    unit_names,
    windows_task,
)

TASK = "{http://schemas.microsoft.com/windows/2004/02/mit/task}"


class FakeSystem:
    """Records the systemctl / schtasks commands and answers as a running system would."""

    def __init__(self) -> None:
        self.commands: list[list[str]] = []

    def __call__(self, command: list[str]) -> subprocess.CompletedProcess:
        self.commands.append(command)
        out = ""
        if "show" in command:
            out = "ActiveState=active\nSubState=running\nNRestarts=2\n"
        if "/Query" in command:
            out = "TaskName: \\EngagementMonitor\\collector\nStatus:   Running\n"
        return subprocess.CompletedProcess(command, 0, out, "")


def _plan(tmp_path: Path, **changes) -> ServicePlan:
    program = Path(sys.executable)  # an executable that exists, as systemd-analyze wants
    return ServicePlan(program, tmp_path / "office", **changes)


def test_install_writes_two_units_that_restart_on_failure_and_enables_them(tmp_path):
    system = FakeSystem()
    units = tmp_path / "units"
    plan = _plan(tmp_path, database_url="postgresql://monitor:s3cret@db/engagement", run_as="monitor")
    written = install(plan, "en", platform="linux", units=units, run=system)

    assert [path.name for path in written] == unit_names()
    collector, dashboard, alerts, timer = (path.read_text(encoding="utf-8") for path in written)
    assert "Restart=on-failure" in collector and "Restart=on-failure" in dashboard
    assert f"ExecStart={sys.executable} collect --config sources.toml" in collector
    assert "dashboard --host 127.0.0.1 --port 8501" in dashboard
    assert "User=monitor" in collector
    assert "WantedBy=multi-user.target" in collector
    assert "Type=oneshot" in alerts and "alerts check --config sources.toml" in alerts
    assert "OnUnitActiveSec=15min" in timer
    assert system.commands[-1] == [
        "systemctl",
        "enable",
        "--now",
        *map(unit_name, SERVICES),
        unit_name("alerts", "timer"),
    ]
    # The database password is in an owner-only environment file, never in a unit others can read.
    assert "s3cret" not in collector + dashboard
    env_file = plan.folder / ENV_FILE
    assert env_file.read_text(encoding="utf-8").startswith("ENGAGEMENT_MONITOR_DB=postgresql://")
    assert stat.S_IMODE(env_file.stat().st_mode) == 0o600


def test_user_services_start_with_the_session_and_need_no_sudo(tmp_path):
    system = FakeSystem()
    written = install(
        _plan(tmp_path, user=True, run_as="lan"), "en", platform="linux", units=tmp_path, run=system
    )
    text = written[0].read_text(encoding="utf-8")
    assert "WantedBy=default.target" in text and "User=" not in text
    assert all(command[:2] == ["systemctl", "--user"] for command in system.commands)


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed")
@pytest.mark.parametrize("user", [False, True])
def test_systemd_analyze_finds_nothing_wrong_in_the_units(tmp_path, user):
    plan = _plan(tmp_path, user=user, run_as=None if user else "root")
    plan.folder.mkdir(parents=True)
    written = install(plan, "en", platform="linux", units=tmp_path / "units", run=FakeSystem())
    done = subprocess.run(
        ["systemd-analyze", "verify", *map(str, written)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    # systemd-analyze warns (and still exits 0) about settings it ignores: none of ours may be ignored.
    complaints = [line for line in done.stderr.splitlines() if "engagement-monitor-" in line]
    assert complaints == []


def test_status_reports_each_service_and_remove_takes_the_units_away(tmp_path):
    system = FakeSystem()
    units = tmp_path / "units"
    install(_plan(tmp_path), "en", platform="linux", units=units, run=system)
    states = status(False, platform="linux", units=units, run=system)
    assert [(s.service, s.installed, s.state, s.restarts) for s in states] == [
        ("collector", True, "active/running", 2),
        ("dashboard", True, "active/running", 2),
        ("alerts", True, "active/running", 2),
    ]
    removed = remove(False, "en", platform="linux", units=units, run=system)
    assert len(removed) == 4 and not list(units.iterdir())
    assert ["systemctl", "disable", "--now", *unit_names()] in system.commands
    assert [s.installed for s in status(False, platform="linux", units=units, run=system)] == [False] * 3


def test_windows_gets_two_scheduled_tasks_started_at_boot_and_restarted_on_failure(tmp_path):
    system = FakeSystem()
    plan = ServicePlan(Path(r"C:\monitor\.venv\Scripts\engagement-monitor.exe"), tmp_path)
    written = install(plan, "vi", platform="win32", run=system)
    assert len(written) == 3
    task = ElementTree.fromstring(written[0].read_text(encoding="utf-16").split("\n", 1)[1])
    assert task.find(f"{TASK}Triggers/{TASK}BootTrigger") is not None
    assert task.find(f"{TASK}Settings/{TASK}RestartOnFailure/{TASK}Count").text == "999"
    assert task.find(f"{TASK}Settings/{TASK}ExecutionTimeLimit").text == "PT0S"  # runs for ever
    action = task.find(f"{TASK}Actions/{TASK}Exec")
    assert action.find(f"{TASK}Command").text.endswith("engagement-monitor.exe")
    assert action.find(f"{TASK}Arguments").text == "collect --config sources.toml"
    assert [
        "schtasks",
        "/Create",
        "/F",
        "/TN",
        "\\EngagementMonitor\\collector",
        "/XML",
        str(written[0]),
    ] in (system.commands)
    assert [s.state for s in status(False, platform="win32", run=system)] == ["Running"] * 3
    alerts = ElementTree.fromstring(written[2].read_text(encoding="utf-16").split("\n", 1)[1])
    assert alerts.find(f"{TASK}Triggers/{TASK}BootTrigger/{TASK}Repetition/{TASK}Interval").text == "PT15M"


def test_a_user_task_starts_at_log_on(tmp_path):
    xml = windows_task(ServicePlan(Path("C:/em.exe"), tmp_path, user=True), "dashboard")
    task = ElementTree.fromstring(xml.split("\n", 1)[1])
    assert task.find(f"{TASK}Triggers/{TASK}LogonTrigger") is not None
    assert "--port 8501" in task.find(f"{TASK}Actions/{TASK}Exec/{TASK}Arguments").text


def test_installing_system_wide_without_rights_says_to_use_sudo_or_user(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    if os.access(locked, os.W_OK):  # root writes anyway
        pytest.skip("running as root: every folder is writable")
    from models.errors import UserError

    with pytest.raises(UserError, match="--user"):
        install(_plan(tmp_path), "en", platform="linux", units=locked / "units", run=FakeSystem())
