"""How fast the everyday commands answer, against starting Python itself.

Builds the demo database in a temporary folder, then times, each in a fresh process and
interleaved round by round, ``python -c pass`` (the floor, measured in the same run) and:
``engagement-monitor --help``, ``status``, ``export --format xlsx`` of the demo month (May 2024) and
``export --format docx`` (the Word report, charts included). Prints the median of N runs of each,
its difference from the floor and its ratio to it, the target on the difference, and the median
CPU time (user + system, the command's processes and the browser they start): on a shared machine
the wall time grows with the others' load, the CPU time much less.

The commands run with their bytecode written (``PYTHONDONTWRITEBYTECODE`` removed), as an installed
copy has it: the first run, loading the demo, writes it.

    python bench/commands.py [--repeats N] [--skip-word] [--json PATH]
"""

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.convention import figure, write_json

CLI = "import sys; from collector.cli import main; sys.exit(main())"  # what the console script runs
MONTH = ("--from", "2024-05-01", "--to", "2024-05-31")
TARGETS = {"--help": 0.4, "status": 0.4, "export xlsx": 1.5, "export docx": 5.0}  # seconds over the floor


def commands(url: str, folder: Path, word: bool) -> dict[str, list[str]]:
    """Name → argv of each timed command (the floor first)."""
    cli = [sys.executable, "-c", CLI]
    timed = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "--help": [*cli, "--help"],
        "status": [*cli, "--db", url, "status", "--config", str(folder / "none.toml")],
        "export xlsx": [
            *cli,
            "--db",
            url,
            "export",
            "--format",
            "xlsx",
            *MONTH,
            "--output",
            str(folder / "m.xlsx"),
        ],
    }
    if word:
        timed["export docx"] = [
            *cli,
            "--db",
            url,
            "export",
            "--format",
            "docx",
            *MONTH,
            "--output",
            str(folder / "m.docx"),
        ]
    return timed


ENVIRONMENT = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


def _children_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def run(argv: list[str], folder: Path) -> tuple[float, float]:
    """Seconds from starting the process to its end, and the CPU seconds it (and the processes it
    waited for) used; a failing command stops the benchmark."""
    cpu, start = _children_cpu(), time.perf_counter()
    done = subprocess.run(argv, cwd=folder, capture_output=True, text=True, env=ENVIRONMENT)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"{' '.join(argv[3:])} failed:\n{done.stdout}{done.stderr}")
    return elapsed, _children_cpu() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5, help="Runs of each command (the median is shown).")
    parser.add_argument("--skip-word", action="store_true", help="Do not time the Word report.")
    parser.add_argument("--json", type=Path, help="Also write the figures here (bench/convention.py).")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-commands-") as name:
        folder = Path(name)
        url = f"sqlite:///{folder / 'demo.db'}"
        env_lang = os.environ.get("ENGAGEMENT_MONITOR_LANG")
        run([sys.executable, "-c", CLI, "--db", url, "demo", "--load-only"], folder)
        timed = commands(url, folder, not args.skip_word)
        seconds: dict[str, list[float]] = {name: [] for name in timed}
        cpu: dict[str, list[float]] = {name: [] for name in timed}
        for _ in range(args.repeats):  # interleaved: a burst of load on the machine hits every command
            for label, argv in timed.items():
                elapsed, used = run(argv, folder)
                seconds[label].append(elapsed)
                cpu[label].append(used)
    load = os.getloadavg()
    floor = statistics.median(seconds["python -c pass"])
    print(
        f"median of {args.repeats} runs; load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}"
        f"{'; ENGAGEMENT_MONITOR_LANG=' + env_lang if env_lang else ''}"
    )
    header = f"{'command':<16} {'median s':>9} {'- floor s':>10} {'÷ floor':>8} {'target':>9}"
    print(f"{header} {'':>7} {'CPU s':>6}")
    figures = []
    for label, values in seconds.items():
        median, used = statistics.median(values), statistics.median(cpu[label])
        if label == "python -c pass":
            print(f"{label:<16} {median:>9.3f} {'':>10} {'':>8} {'(floor)':>9} {'':>7} {used:>6.2f}")
            continue
        over, target = median - floor, TARGETS[label]
        verdict = "met" if over <= target else "NOT met"
        goal = f"≤ +{target:g}"
        line = f"{label:<16} {median:>9.3f} {over:>+10.3f} {median / floor:>8.1f} {goal:>9}"
        print(f"{line} {verdict:>7} {used:>6.2f}")
        figures.append(
            figure(label, median, "s", baseline=round(floor, 3), ratio=floor / median, target=target)
        )
    if args.json:
        write_json(args.json, figures)


if __name__ == "__main__":
    main()
