"""The scale benchmark suite: one province, 10 and 100 on SQLite and PostgreSQL.

For each workload (bench/generate.py) and database: p50/p95 of each dashboard page's metric
queries (bench/pages.py, every channel, one month) and of a month's Excel export; the same
aggregations run by DuckDB on the same rows loaded in memory (the analytics-engine baseline);
the x100/province ratio for one page's month (cost follows the window, not the history). Then
import rows/s against raw executemany (bench/import_speed.py), collector requests/s against its
concurrency bound (bench/collector_speed.py) and the peak memory of a dashboard process at x10
with every page loaded in headless Chromium. ``--quick``: the province workload only;
``--workloads x10,x100``: those workloads only (the ratio needs province and x100).

    python bench/suite.py [--quick | --workloads LIST] [--json PATH]
"""

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import duckdb
import pandas as pd
from sqlalchemy import Connection, Engine, select

from bench.convention import Figure, figure, write_json
from bench.generate import MONTH, generate
from bench.import_speed import baseline as import_baseline
from bench.import_speed import ours as import_ours
from bench.import_speed import posts_export
from bench.pages import PAGES
from bench.pgserver import PostgresServer, free_port, pg_bin
from dashboard.exports import export_bytes
from models import metrics
from models.db import make_engine, migrate
from models.metrics import Scope
from models.tables import Channel

PAGE_TARGET_MS = 300.0
RATIO_TARGET = 3.0
RSS_TARGET_MB = 500.0
# Where the page target applies (issue 7): province and x10 on SQLite, x100 on PostgreSQL.
PAGE_TARGETS = {("sqlite", "province"), ("sqlite", "x10"), ("postgresql", "x100")}
ROOT = Path(__file__).resolve().parent.parent


def timed(call: Callable[[], object]) -> float:
    started = time.perf_counter()
    call()
    return time.perf_counter() - started


def percentiles(samples: list[float]) -> tuple[float, float]:
    """p50 and p95 in milliseconds."""
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered) * 1000, p95 * 1000


def page_times(connection: Connection, scope: Scope, repeats: int) -> dict[str, list[float]]:
    """Seconds each page's metric queries take together, ``repeats`` times."""
    return {
        page: [
            sum(timed(lambda call=call: call(connection, scope)) for call in calls.values())
            for _ in range(repeats)
        ]
        for page, calls in PAGES.items()
    }


OUR_AGGREGATIONS: dict[str, Callable[[Connection, Scope], object]] = {
    "totals": metrics.totals,
    "content_daily_gains": metrics.content_daily_gains,
    "page_daily": metrics.page_daily,
    "enrolment_daily": metrics.enrolment_daily,
}
DUCKDB_AGGREGATIONS = {
    "totals": """
        WITH items AS (SELECT id FROM content WHERE published_day BETWEEN $s AND $e),
        latest AS (
            SELECT d.* FROM content_day d JOIN items ON d.content_id = items.id WHERE d.day <= $e
            QUALIFY row_number() OVER (PARTITION BY d.content_id ORDER BY d.day DESC) = 1)
        SELECT count(items.id), sum(views), sum(interactions), avg(reach),
               (SELECT sum(value) FROM page_metric WHERE day BETWEEN $s AND $e AND metric = 'views'),
               (SELECT avg(value) FROM page_metric WHERE day BETWEEN $s AND $e AND metric = 'viewers'),
               (SELECT sum(count) FROM enrolment_result WHERE day BETWEEN $s AND $e)
        FROM items LEFT JOIN latest ON latest.content_id = items.id""",
    "content_daily_gains": """SELECT day, sum(views_gain), sum(interactions_gain) FROM content_day
        WHERE day BETWEEN $s AND $e GROUP BY day""",
    "page_daily": """SELECT day, metric, sum(value) FROM page_metric WHERE day BETWEEN $s AND $e
        GROUP BY day, metric""",
    "enrolment_daily": """SELECT day, category, sum(count) FROM enrolment_result
        WHERE day BETWEEN $s AND $e GROUP BY day, category ORDER BY day""",
}
DUCKDB_TABLES = {
    "content": "SELECT id, channel_id, kind, published_day FROM content",
    "content_day": "SELECT content_id, day, channel_id, views, reach, interactions, views_gain, "
    "interactions_gain FROM content_day",
    "page_metric": "SELECT channel_id, day, metric, value FROM page_metric",
    "enrolment_result": "SELECT day, unit, category, count FROM enrolment_result",
}


def duckdb_comparison(engine: Engine, scope: Scope, repeats: int) -> tuple[float, float]:
    """p50 seconds of our aggregations and of DuckDB's on the same rows loaded in memory."""
    database = duckdb.connect()
    with engine.connect() as connection:
        for name, query in DUCKDB_TABLES.items():
            frame = pd.read_sql_query(query, connection)
            if "day" in frame or "published_day" in frame:
                for column in ("day", "published_day"):
                    if column in frame:
                        frame[column] = pd.to_datetime(frame[column]).dt.date
            database.register(f"{name}_frame", frame)
            database.execute(f"CREATE TABLE {name} AS SELECT * FROM {name}_frame")
        parameters = {"s": scope.start, "e": scope.end}
        theirs = [
            sum(
                timed(lambda q=q: database.execute(q, parameters).fetchall())
                for q in DUCKDB_AGGREGATIONS.values()
            )
            for _ in range(repeats)
        ]
        ours = [
            sum(timed(lambda call=call: call(connection, scope)) for call in OUR_AGGREGATIONS.values())
            for _ in range(repeats)
        ]
    database.close()
    return statistics.median(ours), statistics.median(theirs)


def export_times(engine: Engine, scope: Scope, repeats: int) -> list[float]:
    """Seconds to build a month's summary and write it as an Excel workbook."""
    with engine.connect() as connection:
        return [timed(lambda: export_bytes(connection, scope, "xlsx", "vi")) for _ in range(repeats)]


def first_channel(engine: Engine) -> int:
    with engine.connect() as connection:
        return connection.execute(select(Channel.id).order_by(Channel.id).limit(1)).scalar_one()


def measure_workload(
    database: str, workload: str, url: str, repeats: int, rows: list[list[str]], figures: list[Figure]
) -> float:
    """Generate the workload into ``url`` and measure it; returns the one-page month p50 (s)."""
    engine = make_engine(url)
    migrate(engine)
    generation_s = timed(lambda: generate(engine, workload, echo=lambda line: None))
    label = f"{database}/{workload}"
    rows.append([label, "generate workload", f"{generation_s:.1f} s", "", "", ""])
    figures.append(figure(f"{label}/generate", generation_s, "s"))
    scope = Scope(*MONTH)
    with engine.connect() as connection:
        times = page_times(connection, scope, repeats)
        one_page = page_times(connection, replace(scope, channel_ids=(first_channel(engine),)), repeats)
    for page, samples in times.items():
        p50, p95 = percentiles(samples)
        target = PAGE_TARGET_MS if (database, workload) in PAGE_TARGETS else None
        verdict = "" if target is None else ("ok" if p50 <= target else "MISSED")
        rows.append(
            [
                label,
                f"page {page}",
                f"{p50:.0f} ms",
                f"{p95:.0f} ms",
                f"≤ {target:.0f} ms" if target else "",
                verdict,
            ]
        )
        figures.append(figure(f"{label}/page/{page}/p50", p50, "ms", target=target))
        figures.append(figure(f"{label}/page/{page}/p95", p95, "ms"))
    with engine.connect() as connection:
        # Finished periods' totals are kept (campaign windows, the period before a view, the
        # benchmark's month): what a first look costs, with nothing kept.
        for name, call in (
            ("campaign_table", lambda c, s: metrics.campaign_table(c)),
            ("kpis", metrics.kpis),
        ):
            cold = [
                timed(lambda call=call: (metrics._KEPT.clear(), call(connection, scope))) for _ in range(3)
            ]
            p50, p95 = percentiles(cold)
            rows.append([label, f"{name}, nothing kept", f"{p50:.0f} ms", f"{p95:.0f} ms", "", ""])
            figures.append(figure(f"{label}/{name}_cold/p50", p50, "ms"))
    p50, p95 = percentiles(export_times(engine, scope, max(3, repeats // 2)))
    rows.append([label, "month export (xlsx)", f"{p50:.0f} ms", f"{p95:.0f} ms", "", ""])
    figures.append(figure(f"{label}/export_xlsx/p50", p50, "ms"))
    ours, theirs = duckdb_comparison(engine, scope, repeats)
    rows.append(
        [
            label,
            "aggregations vs DuckDB",
            f"{ours * 1000:.0f} ms",
            f"DuckDB {theirs * 1000:.0f} ms",
            f"ratio {theirs / ours:.2f}",
            "",
        ]
    )
    figures.append(figure(f"{label}/aggregations_vs_duckdb", ours * 1000, "ms", theirs * 1000, theirs / ours))
    engine.dispose()
    return sum(statistics.median(samples) for samples in one_page.values())


def import_figure(rows: list[list[str]], figures: list[Figure]) -> None:
    """Import rows/s of a 20,000-row posts export against raw ``executemany`` (bench/import_speed.py)."""
    count = 20_000
    with tempfile.TemporaryDirectory(prefix="em-bench-import-") as temp:
        folder = Path(temp)
        path = folder / "Jan-01-2022_May-31-2024_posts_bench.csv"
        path.write_bytes(posts_export(count))
        ours_s, baseline_s = import_ours(folder / "ours", path), import_baseline(folder / "base", path)
    ours, baseline = count / ours_s, count / baseline_s
    rows.append(
        [
            "sqlite",
            "import rows/s",
            f"{ours:,.0f}",
            f"executemany {baseline:,.0f}",
            f"ratio {ours / baseline:.2f}",
            "",
        ]
    )
    figures.append(figure("import_rows_per_s", ours, "rows/s", round(baseline, 1), ours / baseline))


def collector_figure(rows: list[list[str]], figures: list[Figure]) -> None:
    """Collector requests/s against its concurrency bound (runs bench/collector_speed.py --quick)."""
    with tempfile.TemporaryDirectory(prefix="em-bench-collector-") as temp:
        output = Path(temp) / "collector.json"
        done = subprocess.run(
            [sys.executable, str(ROOT / "bench" / "collector_speed.py"), "--quick", "--json", str(output)],
            capture_output=True,
            text=True,
        )
        if done.returncode != 0:  # say so in the table rather than lose the whole run
            reason = (done.stderr.strip().splitlines() or ["no output"])[-1]
            rows.append(["fake Graph API", "collector requests/s", "failed", reason[:60], "", "MISSED"])
            return
        found = json.loads(output.read_text())
    for item in found:
        rows.append(
            [
                "fake Graph API",
                "collector requests/s",
                f"{item['value']:,.1f}",
                f"bound {item['baseline']:,.1f}",
                f"ratio {item['ratio']:.2f}",
                "ok" if item["ratio"] >= item["target"] else "MISSED",
            ]
        )
    figures.extend(found)


def process_tree_peak_mb(pid: int) -> float:
    """Peak resident memory (VmHWM) of a process and its children, in MB."""
    total = 0
    pids = [pid]
    while pids:
        current = pids.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except FileNotFoundError:
            continue
        total += next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM:"))
        pids += [int(child) for child in children]
    return total / 1024


def dashboard_memory(url: str) -> tuple[float, float]:
    """Serve the dashboard on ``url``, open every page in headless Chromium; peak RSS (MB), seconds."""
    from playwright.sync_api import sync_playwright

    port = free_port()
    command = [
        str(Path(sys.executable).parent / "engagement-monitor"),
        "--db",
        url,
        "dashboard",
        "--port",
        str(port),
    ]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    started = time.perf_counter()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
            page = browser.new_page()
            deadline = time.monotonic() + 60
            while True:
                try:
                    page.goto(f"http://127.0.0.1:{port}/", timeout=5000)
                    break
                except Exception:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.5)
            for name in PAGES:
                page.goto(f"http://127.0.0.1:{port}/{name}", timeout=120_000)
                page.wait_for_selector("[data-testid='stSidebar']", timeout=120_000)
                page.wait_for_timeout(1000)  # let the script start before waiting for it to finish
                page.wait_for_function(
                    "!document.querySelector(\"[data-testid='stStatusWidget']\")", timeout=120_000
                )
            browser.close()
        elapsed = time.perf_counter() - started
        return process_tree_peak_mb(server.pid), elapsed
    finally:
        server.terminate()
        server.wait(timeout=30)


def print_table(rows: list[list[str]]) -> None:
    header = ["where", "what", "p50 / value", "p95 / baseline", "target / ratio", ""]
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    for row in [header, ["-" * w for w in widths], *rows]:
        print("  ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="The province workload only.")
    parser.add_argument("--workloads", help="Comma-separated subset of province,x10,x100 (default: all).")
    parser.add_argument("--json", type=Path, help="Write the figures to this file.")
    args = parser.parse_args()
    workloads = ["province", "x10", "x100"]
    if args.workloads:
        chosen = args.workloads.split(",")
        if unknown := set(chosen) - set(workloads):
            parser.error(f"unknown workloads: {', '.join(sorted(unknown))}")
        workloads = [workload for workload in workloads if workload in chosen]
    elif args.quick:
        workloads = ["province"]
    repeats = 5 if args.quick else 7
    rows: list[list[str]] = []
    figures: list[Figure] = []
    one_page: dict[tuple[str, str], float] = {}
    bin_dir = pg_bin()
    server = PostgresServer(bin_dir, {"shared_buffers": "512MB", "work_mem": "32MB"}) if bin_dir else None
    with tempfile.TemporaryDirectory(prefix="em-bench-suite-") as temp:
        try:
            if server:
                server.start()
            for workload in workloads:
                urls = {"sqlite": f"sqlite:///{Path(temp) / f'{workload}.db'}"}
                if server:
                    urls["postgresql"] = server.fresh_database(f"bench_{workload}")
                for database, url in urls.items():
                    print(f"… {database}/{workload}", file=sys.stderr, flush=True)
                    one_page[database, workload] = measure_workload(
                        database, workload, url, repeats, rows, figures
                    )
                if workload == "x10":
                    peak, seconds = dashboard_memory(urls["sqlite"])
                    rows.append(
                        [
                            "sqlite/x10",
                            f"dashboard peak RSS ({seconds:.0f} s, 6 pages)",
                            f"{peak:.0f} MB",
                            "",
                            f"≤ {RSS_TARGET_MB:.0f} MB",
                            "ok" if peak <= RSS_TARGET_MB else "MISSED",
                        ]
                    )
                    figures.append(figure("sqlite/x10/dashboard_peak_rss", peak, "MB", target=RSS_TARGET_MB))
        finally:
            if server:
                server.stop()
    for database in ("sqlite", "postgresql"):
        # The ratio needs both workloads of the run; `--workloads x100` alone still prints its figures.
        if (database, "x100") in one_page and (database, "province") in one_page:
            ratio = one_page[database, "x100"] / one_page[database, "province"]
            rows.append(
                [
                    database,
                    "x100/province, one page's month (all pages summed)",
                    f"{ratio:.2f}",
                    "",
                    f"≤ {RATIO_TARGET:.0f}",
                    "ok" if ratio <= RATIO_TARGET else "MISSED",
                ]
            )
            figures.append(
                figure(f"{database}/x100_over_province", ratio, "x", ratio=1 / ratio, target=RATIO_TARGET)
            )
    import_figure(rows, figures)
    collector_figure(rows, figures)
    print_table(rows)
    if args.json:
        write_json(args.json, figures)


if __name__ == "__main__":
    main()
