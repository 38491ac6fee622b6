"""Sign-in in a real browser: ``engagement-monitor dashboard --auth required`` on a copy of the demo
database, one Chromium session per role (viewer, editor, admin), through Playwright.

Reuses the server and browser helpers of ``tests/test_dashboard_browser.py``; skips without Chromium
unless ``ENGAGEMENT_MONITOR_REQUIRE_BROWSER=1``.
"""

import os
import signal
import sqlite3
import subprocess
from collections.abc import Iterator

import pytest

from bench.pgserver import free_port
from models.auth import add_user
from models.db import make_engine
from tests.test_dashboard_browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    CLI,
    DONE,
    SCREENSHOTS,
    _require_chromium,
    _wait_until_up,
)

pytestmark = pytest.mark.slow  # Chromium against a served dashboard

PASSWORD = "mật khẩu đủ dài 2024"
USERS = {"vy": "viewer", "em": "editor", "an": "admin"}


@pytest.fixture
def served_team(demo_url, tmp_path) -> Iterator[str]:
    """The dashboard's address, served with sign-in required on a demo copy that has one user per role."""
    _require_chromium()
    path = tmp_path / "team.db"
    with sqlite3.connect(demo_url.removeprefix("sqlite:///")) as source, sqlite3.connect(path) as target:
        source.backup(target)
    url, port = f"sqlite:///{path}", free_port()
    engine = make_engine(url)
    with engine.begin() as connection:
        for name, role in USERS.items():
            add_user(connection, name, role, PASSWORD, by="test")
    engine.dispose()
    environment = {
        k: v for k, v in os.environ.items() if k not in ("ENGAGEMENT_MONITOR_LANG", "ENGAGEMENT_MONITOR_AUTH")
    }
    log = (tmp_path / "dashboard.log").open("w")
    server = subprocess.Popen(
        [str(CLI), "--db", url, "dashboard", "--port", str(port), "--auth", "required"],
        env=environment,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    address = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(address, server, tmp_path / "dashboard.log")
        yield address
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
        log.close()


def _heading(page, text: str) -> None:
    page.wait_for_function(f"() => document.querySelector('h1')?.innerText === {text!r}", timeout=60_000)
    page.wait_for_selector(DONE, timeout=60_000)


def _sign_in(page, address: str, name: str, password: str) -> None:
    page.goto(f"{address}/?lang=en")
    _heading(page, "Sign in")
    page.get_by_label("User name").fill(name)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()


@pytest.mark.parametrize("demo_url", ["sqlite"], indirect=True)
def test_each_role_signs_in_and_sees_what_it_may_do(served_team):
    from playwright.sync_api import sync_playwright

    address = served_team
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1440, "height": 1600})
            _sign_in(page, address, "em", "not the password")
            page.locator('[data-testid="stAlertContentError"]').wait_for(timeout=60_000)
            assert "Wrong name or password" in page.inner_text("body")
            assert page.locator(".js-plotly-plot").count() == 0  # nothing of the data before signing in
            page.screenshot(path=str(SCREENSHOTS / "sign-in-refused-en.png"))
            page.close()

            for name, role in USERS.items():
                page = browser.new_page(viewport={"width": 1440, "height": 1600})
                _sign_in(page, address, name, PASSWORD)
                _heading(page, "Overview")
                sidebar = page.locator('[data-testid="stSidebar"]')
                assert f"Signed in as {name} ({role})" in sidebar.inner_text()
                sidebar.locator('[data-testid="stSidebarNav"]').get_by_text("Data", exact=True).click()
                _heading(page, "Data")
                page.get_by_role("button", name="Import").wait_for(timeout=60_000)
                body = page.inner_text("body")
                assert page.get_by_role("button", name="Import").is_disabled() == (role == "viewer")
                assert ("needs the editor role" in body) == (role == "viewer")
                assert ("Audit trail" in body) == (role == "admin")
                if role == "admin":
                    assert page.get_by_text("Download the trail").count() == 1
                assert "Traceback" not in body
                page.screenshot(path=str(SCREENSHOTS / f"data-as-{role}-en.png"))
                sidebar.get_by_role("button", name="Sign out").click()
                _heading(page, "Sign in")
                page.close()
        finally:
            browser.close()
