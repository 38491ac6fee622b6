"""Page speed in a real browser: every dashboard page on the demo, against an empty Streamlit page.

Serves the dashboard (``engagement-monitor dashboard`` on a free 127.0.0.1 port, a fresh demo
database, a sources file so the Administration page lists a source) and, in the same run, the
floor: a two-page Streamlit script with nothing but a title, served the same way. Drives Debian's
Chromium through Playwright, warms every page, then measures for each page in the sidebar (pages
added later are found there too) the p50 of ``--repeats`` runs of
- in-app navigation: click in the sidebar → title shown, script done, every chart and table shown
  drawn (those in a closed expander are not waited for);
- full reload: load the page's address afresh → the same.
Prints each page's time and its ratio to the floor (targets: < 1 s in-app, < 2 s reload).

    python bench/navigation.py [--repeats N] [--json PATH]
"""

import argparse
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import httpx

from bench.convention import Figure, figure, write_json
from bench.pgserver import free_port
from dashboard.server import streamlit_command

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
CLI = Path(sys.executable).parent / "engagement-monitor"
NAVIGATION_TARGET_S = 1.0
RELOAD_TARGET_S = 2.0
FLOOR_SCRIPT = '''"""The floor: the least a Streamlit page costs (two pages, a title each)."""
import streamlit as st


def first():
    st.title("First")


def second():
    st.title("Second")


st.navigation([st.Page(first, title="First", url_path="first"), st.Page(second, title="Second")]).run()
'''
# Done: the title is the page's, the script has finished, no "running" indicator, every Plotly
# chart has drawn its SVG and every table its canvas.
DONE = """title => {
    const shown = element => !element.closest('details:not([open])');  // not in a closed expander
    const app = document.querySelector('[data-testid="stApp"]');
    const heading = document.querySelector('h1');
    return app && app.dataset.testScriptState === 'notRunning'
        && !document.querySelector('[data-testid="stStatusWidget"]')
        && heading && heading.innerText === title
        && [...document.querySelectorAll('.js-plotly-plot')].filter(shown)
            .every(chart => chart.querySelector('.main-svg'))
        && [...document.querySelectorAll('[data-testid="stDataFrame"]')].filter(shown)
            .every(table => table.querySelector('canvas'));
}"""
SOURCES = """timezone = "Asia/Ho_Chi_Minh"

[[sources]]
name = "demo-page"
type = "facebook_page"
page_id = "100000000000001"
token_env = "FB_TOKEN_DEMO"
every = "1h"
"""


@contextmanager
def served(command: list[str], log: Path, environment: dict[str, str]) -> Iterator[None]:
    """Run a Streamlit server in its own process group until the block ends."""
    with log.open("w") as output:
        server = subprocess.Popen(
            command, env=environment, stdout=output, stderr=subprocess.STDOUT, start_new_session=True
        )
        try:
            yield
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)


def wait_until_up(address: str, log: Path) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{address}/_stcore/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise SystemExit(f"the server at {address} did not answer within 90 s:\n{log.read_text()}")


STATE = """() => [document.querySelector('[data-testid="stApp"]')?.dataset.testScriptState,
    !!document.querySelector('[data-testid="stStatusWidget"]'), document.querySelector('h1')?.innerText,
    document.querySelectorAll('.js-plotly-plot').length, document.querySelectorAll('.main-svg').length,
    document.querySelectorAll('[data-testid="stDataFrame"]').length,
    document.querySelectorAll('[data-testid="stDataFrame"] canvas').length]"""


def wait_done(page, title: str) -> None:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_function(DONE, arg=title, timeout=60_000, polling=20)
    except PlaywrightTimeout:
        raise SystemExit(f"{title!r} not done after 60 s: {page.evaluate(STATE)} at {page.url}") from None


def sidebar_pages(page) -> list[tuple[str, str]]:
    """(title, address path) of every page in the sidebar navigation, in its order."""
    links = page.locator('[data-testid="stSidebarNav"] a')
    found = []
    for number in range(links.count()):
        link = links.nth(number)
        path = urlparse(link.get_attribute("href") or "").path.strip("/")
        found.append((link.inner_text().strip().splitlines()[-1].strip(), path))  # after the icon
    return found


def measure(
    page, address: str, repeats: int, only: tuple[str, ...] = ()
) -> dict[str, tuple[list[float], list[float]]]:
    """Per page title: (in-app navigation seconds, reload seconds), ``repeats`` of each after a
    warm-up; with ``only``, the pages with those titles (and the first, to navigate from)."""
    page.goto(address)
    page.wait_for_selector('[data-testid="stSidebarNav"] a', timeout=120_000)
    pages = sidebar_pages(page)
    wait_done(page, pages[0][0])
    if only:
        pages = [pages[0], *(found for found in pages[1:] if found[0] in only)]
    times: dict[str, tuple[list[float], list[float]]] = {title: ([], []) for title, _ in pages}
    nav = page.locator('[data-testid="stSidebarNav"]')
    for round_ in range(repeats + 1):  # round 0 warms the server's caches and the browser
        for title, _ in pages:
            started = time.perf_counter()
            nav.get_by_text(title, exact=True).click()
            wait_done(page, title)
            if round_:
                times[title][0].append(time.perf_counter() - started)
        for title, path in pages:
            started = time.perf_counter()
            page.goto(f"{address}/{path}")
            wait_done(page, title)
            if round_:
                times[title][1].append(time.perf_counter() - started)
    return times


def run(repeats: int, only: tuple[str, ...] = ()) -> list[Figure]:
    from playwright.sync_api import sync_playwright

    from collector.demo import load_demo
    from models.db import make_engine, migrate

    figures: list[Figure] = []
    with tempfile.TemporaryDirectory(prefix="em-bench-navigation-") as temp:
        folder = Path(temp)
        url = f"sqlite:///{folder / 'demo.db'}"
        engine = make_engine(url)
        migrate(engine)
        load_demo(engine)
        engine.dispose()
        (folder / "floor.py").write_text(FLOOR_SCRIPT, encoding="utf-8")
        (folder / "sources.toml").write_text(SOURCES, encoding="utf-8")
        environment = {key: value for key, value in os.environ.items() if key != "ENGAGEMENT_MONITOR_LANG"}
        environment["ENGAGEMENT_MONITOR_CONFIG"] = str(folder / "sources.toml")
        floor_port, app_port = free_port(), free_port()
        floor_command = streamlit_command("127.0.0.1", floor_port)
        floor_command[floor_command.index("run") + 1] = str(folder / "floor.py")  # instead of app.py
        app_command = [str(CLI), "--db", url, "dashboard", "--port", str(app_port)]
        with (
            served(floor_command, folder / "floor.log", environment),
            served(app_command, folder / "dashboard.log", environment),
            sync_playwright() as playwright,
        ):
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                results = {}
                for name, port, log in (
                    ("floor", floor_port, folder / "floor.log"),
                    ("dashboard", app_port, folder / "dashboard.log"),
                ):
                    address = f"http://127.0.0.1:{port}"
                    wait_until_up(address, log)
                    page = browser.new_page(viewport={"width": 1440, "height": 900})
                    results[name] = measure(page, address, repeats, only if name == "dashboard" else ())
                    page.close()
            finally:
                browser.close()
    floor = [
        statistics.median(s for samples in results["floor"].values() for s in samples[kind])
        for kind in (0, 1)
    ]
    print(f"p50 of {repeats}, seconds; floor = an empty Streamlit page served the same way")
    print(f"{'page':<34} {'in-app':>7} {'× floor':>8} {'reload':>7} {'× floor':>8}")
    print(f"{'(floor: empty page)':<34} {floor[0]:7.2f} {1:8.1f} {floor[1]:7.2f} {1:8.1f}")
    for title, (navigation, reload) in results["dashboard"].items():
        nav_p50, reload_p50 = statistics.median(navigation), statistics.median(reload)
        missed = [
            what
            for what, value, target in (
                ("in-app", nav_p50, NAVIGATION_TARGET_S),
                ("reload", reload_p50, RELOAD_TARGET_S),
            )
            if value >= target
        ]
        ratios = f"{nav_p50:7.2f} {nav_p50 / floor[0]:8.1f} {reload_p50:7.2f} {reload_p50 / floor[1]:8.1f}"
        print(f"{title:<34} {ratios}" + (f"  MISSED ({', '.join(missed)})" if missed else ""))
        figures.append(
            figure(f"navigation/{title}", nav_p50, "s", floor[0], floor[0] / nav_p50, NAVIGATION_TARGET_S)
        )
        figures.append(
            figure(f"reload/{title}", reload_p50, "s", floor[1], floor[1] / reload_p50, RELOAD_TARGET_S)
        )
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7, help="Measured runs per page (p50 of them).")
    parser.add_argument("--pages", help="Comma-separated page titles to measure (default: all).")
    parser.add_argument("--json", type=Path, help="Write the figures to this file.")
    args = parser.parse_args()
    figures = run(max(1, args.repeats), tuple(args.pages.split(",")) if args.pages else ())
    if args.json:
        write_json(args.json, figures)


if __name__ == "__main__":
    main()
