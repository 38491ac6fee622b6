"""A fresh install connected from the browser, as an office would do it: the first admin signs in,
enters the app credentials, connects one Facebook Page, one Zalo OA and one TikTok account through
the providers' consent pages (fakes on 127.0.0.1), sees the sources listed, collects from the page,
and finds the data on the Overview. No token in the database, the dashboard's log or the page.
"""

import os
import signal
import subprocess
import warnings
from collections.abc import Iterator

import pytest
from fake_graph import APP_ID as META_APP_ID
from fake_graph import APP_SECRET as META_APP_SECRET
from fake_graph import LONG_USER_TOKEN, USER_TOKEN, FakeGraph
from fake_graph import TOKEN as PAGE_TOKEN
from fake_tiktok import ACCESS_TOKEN as TIKTOK_ACCESS
from fake_tiktok import CLIENT_KEY, CLIENT_SECRET, FakeTikTok
from fake_tiktok import REFRESH_TOKEN as TIKTOK_REFRESH
from fake_zalo import ACCESS_TOKEN as ZALO_ACCESS
from fake_zalo import APP_ID as ZALO_APP_ID
from fake_zalo import REFRESH_TOKEN as ZALO_REFRESH
from fake_zalo import SECRET_KEY, FakeZalo
from sqlalchemy import func, select

from bench.pgserver import free_port
from models.db import make_engine, migrate
from models.tables import Channel, Content
from tests.test_connect import everything_stored
from tests.test_dashboard_browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    CLI,
    DONE,
    SCREENSHOTS,
    _require_chromium,
    _wait_until_up,
)

PASSWORD = "mật khẩu đủ dài 2024"
TOKENS = (PAGE_TOKEN, USER_TOKEN, LONG_USER_TOKEN, ZALO_ACCESS, ZALO_REFRESH, TIKTOK_ACCESS, TIKTOK_REFRESH)
APP_SECRETS = (META_APP_SECRET, SECRET_KEY, CLIENT_SECRET)


@pytest.fixture
def fresh_office(tmp_path) -> Iterator[dict]:
    """A new database with its first admin, the three fake providers, and the dashboard serving it
    with sign-in required; the office folder has neither a sources file nor a secrets file yet."""
    _require_chromium()
    url = f"sqlite:///{tmp_path / 'engagement.db'}"
    migrate(make_engine(url))
    subprocess.run(
        [str(CLI), "--db", url, "user", "add", "lan", "--role", "admin", "--password-stdin"],
        input=PASSWORD + "\n",
        text=True,
        check=True,
        capture_output=True,
    )
    graph, zalo, tiktok = FakeGraph.sample().start(), FakeZalo.sample().start(), FakeTikTok.sample().start()
    environment = {
        k: v for k, v in os.environ.items() if k not in ("ENGAGEMENT_MONITOR_LANG", "ENGAGEMENT_MONITOR_AUTH")
    }
    environment |= {
        "ENGAGEMENT_MONITOR_LANG": "en",  # the return from a consent page carries no ?lang=
        "ENGAGEMENT_MONITOR_CONFIG": str(tmp_path / "sources.toml"),
        "ENGAGEMENT_MONITOR_SECRETS": str(tmp_path / "secrets.toml"),
        "EM_CONNECT_FACEBOOK_DIALOG_URL": graph.url,
        "EM_CONNECT_FACEBOOK_GRAPH_URL": graph.url,
        "EM_CONNECT_ZALO_OAUTH_URL": zalo.url,
        "EM_CONNECT_ZALO_API_URL": zalo.url,
        "EM_CONNECT_TIKTOK_AUTHORIZE_URL": tiktok.url,
        "EM_CONNECT_TIKTOK_API_URL": tiktok.url,
    }
    port = free_port()
    log_path = tmp_path / "dashboard.log"
    log = log_path.open("w")
    server = subprocess.Popen(
        [str(CLI), "--db", url, "dashboard", "--port", str(port), "--auth", "required"],
        env=environment,
        cwd=tmp_path,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    address = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(address, server, log_path)
        yield {"address": address, "url": url, "folder": tmp_path, "log": log_path}
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
        log.close()
        for fake in (graph, zalo, tiktok):
            fake.stop()


def _settled(page) -> None:
    page.wait_for_selector(DONE, timeout=60_000)


def _sign_in(page) -> None:
    page.get_by_label("User name").wait_for(timeout=60_000)
    page.get_by_label("User name").fill("lan")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def _admin_page(page) -> None:
    try:
        page.get_by_role("heading", name="Connect accounts").wait_for(timeout=60_000)
    except Exception:
        page.screenshot(path=str(SCREENSHOTS / "connect-failed.png"))
        raise AssertionError(page.inner_text("body")[:3000]) from None
    _settled(page)


def _enter_app(page, platform: str, values: dict[str, str]) -> None:
    """Open the platform's app form, type its credentials and save. Once in a CI run (1 of 4 full
    runs, not reproduced alone) the Save click was lost: the page never said "set on" and showed no
    error. Not yet diagnosed; as a person would, the test then types and saves once more, warns so
    the run's summary shows it, and fails if the second Save is lost too."""
    for attempt in range(2):
        if page.get_by_text(f"{platform}: set on").is_visible():
            break  # the first Save landed late
        expander = page.locator('[data-testid="stExpander"]').filter(has_text=f"{platform}: not set")
        if not expander.get_by_role("button", name="Save").is_visible():
            expander.locator("summary").click()
        for label, value in values.items():
            expander.get_by_label(label, exact=True).fill(value)
        expander.get_by_role("button", name="Save").click()
        try:
            page.get_by_text(f"{platform}: set on").wait_for(timeout=30_000 if attempt == 0 else 60_000)
            break
        except Exception:
            page.screenshot(path=str(SCREENSHOTS / f"save-lost-{platform.lower()}-{attempt}.png"))
            if attempt == 1:
                raise AssertionError(page.inner_text("body")[:3000]) from None
            warnings.warn(f"{platform}: the first Save was lost; saved again", stacklevel=1)
    _settled(page)


def _connect(page, button: str) -> None:
    """Press the connect button, allow on the provider's page (a new tab), sign in there again (a new
    session of the dashboard) and wait for the account to be stored."""
    with page.expect_popup() as opened:
        page.get_by_role("link", name=button).click()
    consent = opened.value
    consent.wait_for_load_state()
    assert "engagement-monitor wants to read your figures" in consent.inner_text("body")
    consent.locator("#allow").click()
    _sign_in(consent)
    consent.get_by_text("Connected:").wait_for(timeout=90_000)
    _settled(consent)
    html = consent.content()
    assert all(token not in html for token in TOKENS + APP_SECRETS)
    assert "code=" not in consent.url and "state=" not in consent.url
    consent.close()


@pytest.mark.slow
def test_a_fresh_install_connects_three_accounts_and_collects_from_the_browser(fresh_office):
    from playwright.sync_api import sync_playwright

    address, folder = fresh_office["address"], fresh_office["folder"]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport={"width": 1440, "height": 2400})
            page = context.new_page()
            page.goto(f"{address}/admin?lang=en")
            _sign_in(page)
            page.locator('[data-testid="stSidebarNav"]').get_by_text("Administration", exact=True).click()
            _admin_page(page)
            _enter_app(page, "Facebook", {"App ID": META_APP_ID, "App secret": META_APP_SECRET})
            _enter_app(page, "Zalo OA", {"App ID": ZALO_APP_ID, "Secret key": SECRET_KEY})
            _enter_app(page, "TikTok", {"Client key": CLIENT_KEY, "Client secret": CLIENT_SECRET})
            page.screenshot(path=str(SCREENSHOTS / "connect-app-credentials-en.png"))

            _connect(page, "Connect a Facebook Page")
            _connect(page, "Connect a Zalo OA")
            _connect(page, "Connect TikTok")

            page.reload()  # a new session: sign in again
            _sign_in(page)
            page.locator('[data-testid="stSidebarNav"]').get_by_text("Administration", exact=True).click()
            _admin_page(page)
            body = page.inner_text("body")
            for name in ("facebook-bao-hiem-xa-hoi-tinh-lao-cai", "zalo-bhxh-tinh-lao-cai", "tiktok-"):
                assert name in body
            for number in range(3):
                page.locator(f".st-key-admin_collect_{number} button").click()
                page.locator('[data-testid="stAlertContentSuccess"]').filter(has_text=": ok,").first.wait_for(
                    timeout=120_000
                )
                _settled(page)
            page.screenshot(path=str(SCREENSHOTS / "connect-sources-en.png"))
            html = page.content()
            assert all(secret not in html for secret in TOKENS + APP_SECRETS)

            nav = page.locator('[data-testid="stSidebarNav"]')
            nav.get_by_text("Administration", exact=True).click()  # a rerun: the data pages appear
            nav.get_by_text("Overview", exact=True).click()
            page.wait_for_function(
                "() => document.querySelector('h1')?.innerText === 'Overview'", timeout=60_000
            )
            page.wait_for_selector(f"{DONE} .js-plotly-plot", timeout=90_000)
            page.screenshot(path=str(SCREENSHOTS / "connect-overview-en.png"))
        finally:
            browser.close()

    engine = make_engine(fresh_office["url"])
    with engine.connect() as connection:
        platforms = dict(
            connection.execute(
                select(Channel.platform, func.count(Content.id)).join(Content).group_by(Channel.platform)
            ).all()
        )
    assert set(platforms) == {"facebook", "zalo", "tiktok"} and all(platforms.values())
    stored = everything_stored(engine)
    engine.dispose()
    assert all(secret not in stored for secret in TOKENS + APP_SECRETS)
    log = fresh_office["log"].read_text(encoding="utf-8")
    assert all(secret not in log for secret in TOKENS + APP_SECRETS)
    sources = (folder / "sources.toml").read_text(encoding="utf-8")
    assert all(secret not in sources for secret in TOKENS + APP_SECRETS)
