"""How long the Word report of the demo month takes, and what drawing its charts with one browser saved.

Two figures, each against a baseline measured in the same run (interleaved, best of ``--repeats``):

- ``engagement-monitor export --format docx`` of May 2024 on the demo database, end to end as staff
  run it, against ``python -c pass`` (the floor of any command); the target is 5 s in all.
- the report's two charts drawn by one browser (``dashboard.chart_images.render_pngs``, what the
  report does now) against one browser per chart (``plotly.io.to_image``, what it did before).

    python bench/report_speed.py [--repeats 3] [--json PATH]

Needs Chrome/Chromium (kaleido draws the charts); without one the report is written without charts
and the figures say nothing about drawing them.
"""

import argparse
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import plotly.io as pio

from bench.convention import figure, write_json
from collector.demo import load_demo
from dashboard import chart_images
from dashboard.exports import docx as report_docx
from models.db import make_engine, migrate
from models.metrics import Scope
from models.summary import build_summary

CLI = Path(sys.executable).parent / "engagement-monitor"
TARGET_S = 5.0
MAY = Scope(date(2024, 5, 1), date(2024, 5, 31))


def _best(seconds: list[float]) -> float:
    return min(seconds)


def _timed(action) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--json", type=Path)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'demo.db'}"
        engine = make_engine(url)
        migrate(engine)
        load_demo(engine)
        with engine.connect() as connection:
            summary = build_summary(connection, MAY)
        engine.dispose()
        figures = list(report_docx.chart_figures(summary, "vi").values())
        output = Path(folder) / "report.docx"
        export = [
            str(CLI),
            "--db",
            url,
            "export",
            "--format",
            "docx",
            "--from",
            "2024-05-01",
            "--to",
            "2024-05-31",
        ]
        floor, report, per_chart, one_browser = [], [], [], []
        for _ in range(arguments.repeats):
            floor.append(_timed(lambda: subprocess.run([sys.executable, "-c", "pass"], check=True)))
            report.append(
                _timed(
                    lambda: subprocess.run(
                        [*export, "--output", str(output)], check=True, capture_output=True
                    )
                )
            )
            per_chart.append(
                _timed(
                    lambda: [
                        pio.to_image(f, format="png", width=report_docx.CHART_WIDTH_PX, scale=2)
                        for f in figures
                    ]
                )
            )
            one_browser.append(
                _timed(lambda: chart_images.render_pngs(figures, report_docx.CHART_WIDTH_PX, scale=2))
            )
    results = [
        figure(
            "word_report_demo_month",
            _best(report),
            "s",
            baseline=round(_best(floor), 3),
            ratio=_best(floor) / _best(report),
            target=TARGET_S,
        ),
        figure(
            "report_charts_one_browser",
            _best(one_browser),
            "s",
            baseline=round(_best(per_chart), 3),
            ratio=_best(per_chart) / _best(one_browser),
        ),
    ]
    print(f"Word report of the demo month (CLI, end to end): {_best(report):.2f} s (target {TARGET_S:.0f} s)")
    print(
        f"  baseline python -c pass: {_best(floor):.2f} s; "
        f"report / floor = {_best(report) / _best(floor):.1f}×"
    )
    print(f"Its {len(figures)} charts, one browser: {_best(one_browser):.2f} s")
    print(
        f"  baseline one browser per chart (plotly.io.to_image): {_best(per_chart):.2f} s; "
        f"{_best(per_chart) / _best(one_browser):.2f}× faster"
    )
    if arguments.json:
        write_json(arguments.json, results)


if __name__ == "__main__":
    main()
