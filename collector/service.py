"""Keeping the collector and the dashboard running without a technician: what starts them at boot
and restarts them when they stop.

On Linux two systemd units (system-wide in /etc/systemd/system, or the user's own with ``--user``)
with ``Restart=on-failure``; on Windows two Task Scheduler tasks (started at boot, restarted on
failure) written as Task Scheduler XML and registered with ``schtasks``. The database address may
hold a password, so it goes into an owner-only environment file beside the sources, never into a
unit file or a task that others can read.
"""

import os
import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from collector.messages import say
from models.errors import UserError
from models.i18n import language

SERVICES = ("collector", "dashboard")
# The alerts look from outside the collector (a stopped collector is one of the things they report):
# a timer runs ``alerts check`` every quarter of an hour.
ALERTS_EVERY_MIN = 15
UNIT_PREFIX = "engagement-monitor"
ENV_FILE = "engagement-monitor.env"
TASK_FOLDER = "EngagementMonitor"

Runner = Callable[[list[str]], subprocess.CompletedProcess]


def _run(command: list[str]) -> subprocess.CompletedProcess:
    return subprocess.run(command, capture_output=True, text=True)


@dataclass(frozen=True)
class ServicePlan:
    """What to run, where, and as which kind of service; everything the unit files or tasks need."""

    executable: Path  # the engagement-monitor program
    folder: Path  # the office folder: sources.toml, secrets.toml, data/
    user: bool = False  # the user's own services rather than the system's
    database_url: str | None = None
    host: str = "127.0.0.1"
    port: int = 8501
    config: str = "sources.toml"
    run_as: str | None = None  # system services: the account they run as (not root)

    def arguments(self, service: str) -> list[str]:
        if service == "collector":
            return ["collect", "--config", self.config]
        if service == "alerts":
            return ["alerts", "check", "--config", self.config]
        return ["dashboard", "--host", self.host, "--port", str(self.port)]


def unit_name(service: str, suffix: str = "service") -> str:
    return f"{UNIT_PREFIX}-{service}.{suffix}"


def unit_names() -> list[str]:
    """Every unit ``install`` writes: the two services, and the alerts' service and timer."""
    return [*(unit_name(s) for s in SERVICES), unit_name("alerts"), unit_name("alerts", "timer")]


def unit_folder(user: bool, home: Path | None = None) -> Path:
    """Where systemd looks for units: the user's ~/.config/systemd/user, or /etc/systemd/system."""
    if user:
        return (home or Path.home()) / ".config" / "systemd" / "user"
    return Path("/etc/systemd/system")


def systemd_unit(plan: ServicePlan, service: str) -> str:
    """The text of the systemd unit running ``service`` (collector or dashboard) for ``plan``."""
    command = shlex.join([str(plan.executable), *plan.arguments(service)])
    what = {"collector": "collection on schedule", "dashboard": "dashboard", "alerts": "alerts by e-mail"}[
        service
    ]
    if service == "alerts":
        return "\n".join(
            [
                "[Unit]",
                f"Description=Engagement monitor: {what}",
                "",
                "[Service]",
                "Type=oneshot",
                *([f"User={plan.run_as}"] if plan.run_as and not plan.user else []),
                f"WorkingDirectory={plan.folder}",
                f"EnvironmentFile=-{plan.folder / ENV_FILE}",
                f"ExecStart={command}",
                "",
            ]
        )
    lines = [
        "[Unit]",
        f"Description=Engagement monitor: {what}",
        "Wants=network-online.target",
        "After=network-online.target",
        "StartLimitIntervalSec=600",
        "StartLimitBurst=10",
        "",
        "[Service]",
        "Type=simple",
        *([f"User={plan.run_as}"] if plan.run_as and not plan.user else []),
        f"WorkingDirectory={plan.folder}",
        # The leading "-": no environment file (no --db given) is fine.
        f"EnvironmentFile=-{plan.folder / ENV_FILE}",
        "Environment=PYTHONUNBUFFERED=1",
        f"ExecStart={command}",
        "Restart=on-failure",
        "RestartSec=30",
        "",
        "[Install]",
        f"WantedBy={'default.target' if plan.user else 'multi-user.target'}",
        "",
    ]
    return "\n".join(lines)


def systemd_timer() -> str:
    """The timer running the alerts' check every quarter of an hour (and once soon after boot)."""
    return "\n".join(
        [
            "[Unit]",
            "Description=Engagement monitor: alerts by e-mail, every quarter of an hour",
            "",
            "[Timer]",
            "OnBootSec=5min",
            f"OnUnitActiveSec={ALERTS_EVERY_MIN}min",
            "Persistent=true",
            "",
            "[Install]",
            "WantedBy=timers.target",
            "",
        ]
    )


def windows_task(plan: ServicePlan, service: str) -> str:
    """Task Scheduler XML (schema 1.2) starting ``service`` at boot and restarting it on failure."""
    kind = "LogonTrigger" if plan.user else "BootTrigger"
    repeat = (
        f"<Repetition><Interval>PT{ALERTS_EVERY_MIN}M</Interval><StopAtDurationEnd>false</StopAtDurationEnd></Repetition>"
        if service == "alerts"
        else ""
    )
    trigger = f"<{kind}><Enabled>true</Enabled>{repeat}</{kind}>"  # the schema's order
    principal = (
        '<Principal id="Author"><LogonType>InteractiveToken</LogonType>'
        "<RunLevel>LeastPrivilege</RunLevel></Principal>"
        if plan.user
        else '<Principal id="Author"><UserId>S-1-5-18</UserId>'  # the SYSTEM account
        "<RunLevel>HighestAvailable</RunLevel></Principal>"
    )
    arguments = subprocess.list2cmdline(plan.arguments(service))
    return f"""<?xml version="1.0" encoding="UTF-16"?>
<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">
  <RegistrationInfo><Description>Engagement monitor: {service}</Description></RegistrationInfo>
  <Triggers>{trigger}</Triggers>
  <Principals>{principal}</Principals>
  <Settings>
    <RestartOnFailure><Interval>PT1M</Interval><Count>999</Count></RestartOnFailure>
    <MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>
    <DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>
    <StopIfGoingOnBatteries>false</StopIfGoingOnBatteries>
    <StartWhenAvailable>true</StartWhenAvailable>
    <Enabled>true</Enabled>
    <ExecutionTimeLimit>{"PT10M" if service == "alerts" else "PT0S"}</ExecutionTimeLimit>
  </Settings>
  <Actions Context="Author">
    <Exec>
      <Command>{escape(str(plan.executable))}</Command>
      <Arguments>{escape(arguments)}</Arguments>
      <WorkingDirectory>{escape(str(plan.folder))}</WorkingDirectory>
    </Exec>
  </Actions>
</Task>
"""


def task_name(service: str) -> str:
    return f"\\{TASK_FOLDER}\\{service}"


def _write_private(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.chmod(path, 0o600)


def _check(done: subprocess.CompletedProcess, lang: str) -> None:
    if done.returncode != 0:
        detail = ((done.stderr or done.stdout or "").strip().splitlines() or [""])[-1]
        raise UserError(say("service_command_failed", lang, command=shlex.join(done.args), detail=detail))


def install(
    plan: ServicePlan,
    lang: str,
    *,
    platform: str = sys.platform,
    units: Path | None = None,
    run: Runner = _run,
) -> list[Path]:
    """Write and start the collector's and the dashboard's services; returns the files written."""
    if plan.database_url:
        _write_private(plan.folder / ENV_FILE, f"ENGAGEMENT_MONITOR_DB={plan.database_url}\n")
    if platform == "win32":
        written = []
        for service in (*SERVICES, "alerts"):
            path = plan.folder / f"{UNIT_PREFIX}-{service}.xml"
            path.write_text(windows_task(plan, service), encoding="utf-16")
            _check(run(["schtasks", "/Create", "/F", "/TN", task_name(service), "/XML", str(path)]), lang)
            _check(run(["schtasks", "/Run", "/TN", task_name(service)]), lang)
            written.append(path)
        return written
    folder = units or unit_folder(plan.user)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        written = []
        for service in (*SERVICES, "alerts"):
            path = folder / unit_name(service)
            path.write_text(systemd_unit(plan, service), encoding="utf-8")
            written.append(path)
        timer = folder / unit_name("alerts", "timer")
        timer.write_text(systemd_timer(), encoding="utf-8")
        written.append(timer)
    except PermissionError as error:
        raise UserError(say("service_no_permission", lang, folder=folder)) from error
    systemctl = ["systemctl", *(["--user"] if plan.user else [])]
    _check(run([*systemctl, "daemon-reload"]), lang)
    started = [*(unit_name(s) for s in SERVICES), unit_name("alerts", "timer")]
    _check(run([*systemctl, "enable", "--now", *started]), lang)
    return written


@dataclass(frozen=True)
class ServiceState:
    service: str
    installed: bool
    state: str  # what systemd or Task Scheduler says: active, failed, Ready, Running…
    restarts: int | None = None


def status(
    user: bool,
    *,
    platform: str = sys.platform,
    units: Path | None = None,
    run: Runner = _run,
) -> list[ServiceState]:
    """Whether each service is installed and what the system says of it."""
    states = []
    for service in (*SERVICES, "alerts"):
        if platform == "win32":
            done = run(["schtasks", "/Query", "/TN", task_name(service), "/FO", "LIST"])
            found = done.returncode == 0
            line = next((ln for ln in done.stdout.splitlines() if ln.strip().startswith("Status:")), "")
            states.append(ServiceState(service, found, line.partition(":")[2].strip() or "-"))
            continue
        name = unit_name(service, "timer" if service == "alerts" else "service")
        installed = ((units or unit_folder(user)) / name).exists()
        systemctl = ["systemctl", *(["--user"] if user else [])]
        done = run([*systemctl, "show", name, "--property=ActiveState,SubState,NRestarts"])
        values = dict(line.partition("=")[::2] for line in done.stdout.splitlines() if "=" in line)
        state = "/".join(v for v in (values.get("ActiveState"), values.get("SubState")) if v) or "-"
        restarts = int(values["NRestarts"]) if values.get("NRestarts", "").isdigit() else None
        states.append(ServiceState(service, installed, state, restarts))
    return states


def remove(
    user: bool,
    lang: str,
    *,
    folder: Path | None = None,
    platform: str = sys.platform,
    units: Path | None = None,
    run: Runner = _run,
) -> list[Path]:
    """Stop the services and remove what ``install`` wrote; returns the files removed."""
    removed = []
    if platform == "win32":
        for service in (*SERVICES, "alerts"):
            run(["schtasks", "/End", "/TN", task_name(service)])
            run(["schtasks", "/Delete", "/F", "/TN", task_name(service)])
            path = (folder or Path.cwd()) / f"{UNIT_PREFIX}-{service}.xml"
            if path.exists():
                path.unlink()
                removed.append(path)
        return removed
    systemctl = ["systemctl", *(["--user"] if user else [])]
    run([*systemctl, "disable", "--now", *unit_names()])
    for name in unit_names():
        path = (units or unit_folder(user)) / name
        if path.exists():
            try:
                path.unlink()
            except PermissionError as error:
                raise UserError(say("service_no_permission", lang, folder=path.parent)) from error
            removed.append(path)
    run([*systemctl, "daemon-reload"])
    return removed


def installing_account() -> str | None:
    """Who runs ``service install``: under sudo, the person behind it, so the services do not run as root."""
    account = os.environ.get("SUDO_USER") or os.environ.get("USER")
    return account if account and account != "root" else None


def program() -> Path:
    """The engagement-monitor program this very command was started as (the venv's script)."""
    found = shutil.which("engagement-monitor")
    beside = Path(sys.executable).parent / (
        "engagement-monitor.exe" if sys.platform == "win32" else "engagement-monitor"
    )
    if beside.exists():
        return beside
    if found:
        return Path(found)
    raise UserError(say("service_no_program", language()))
