"""The dashboard as staff use it, in Chromium: each of their four jobs in at most two clicks from the
Overview, Vietnamese throughout, and charts that neither overlap nor get cut on a laptop (1400 px)
or a phone (390 px). The demo database is served by the CLI (``tests/test_dashboard_browser.py``).

Without Chromium the tests skip, unless ``ENGAGEMENT_MONITOR_REQUIRE_BROWSER=1``.
"""

import re
import struct
from datetime import date

import pytest

from models import metrics
from models.db import make_engine
from models.i18n import fmt_int, fmt_percent
from models.metrics import Scope
from tests.browser_checks import CHART_TEXT_PROBLEMS, PAGE_TOO_WIDE, VISIBLE_WORDS, english_words
from tests.test_dashboard_browser import (
    CHARTS_DRAWN,
    CHROMIUM,
    CHROMIUM_ARGS,
    DONE,
    SCREENSHOTS,
    served_demo,  # noqa: F401 (the fixture: the CLI serving the demo)
)

PAGES = {
    "": "Tổng quan",
    "reach_enrolment": "Tiếp cận và kết quả phát triển",
    "content": "Nội dung",
    "livestreams": "Phát trực tiếp",
    "campaigns": "Chiến dịch",
    "activities": "Hoạt động",
    "questions": "Câu hỏi của người dân",
    "data": "Dữ liệu",
}
PEAK_WEEK = "7 ngày cao điểm tuyên truyền nhóm nhỏ"
# Tick labels of every chart axis: each axis's labels, in order.
AXIS_TICKS = """() => [...document.querySelectorAll('.js-plotly-plot')].flatMap(chart =>
  [...chart.querySelectorAll('.xaxislayer-above, .yaxislayer-above')].map(axis =>
    [...axis.querySelectorAll('text')].map(text => text.textContent)))"""
ENGLISH_THOUSANDS = re.compile(r"^\d{1,3}(,\d{3})+$")


class Clicks:
    """The page, counting the clicks a user makes."""

    def __init__(self, page) -> None:
        self.page, self.count = page, 0

    def click(self, locator) -> None:
        locator.click()
        self.count += 1


def _settled(page) -> None:
    """Wait for the script to finish its run and every chart to be drawn."""
    page.wait_for_timeout(300)
    page.wait_for_selector(DONE, timeout=60_000)
    page.wait_for_function(CHARTS_DRAWN, timeout=60_000)


def _open(page, address: str, path: str = "", lang: str = "vi") -> None:
    page.goto(f"{address}/{path}?lang={lang}")
    page.wait_for_selector(f"{DONE} h1", timeout=60_000)
    _settled(page)


def _sidebar_select(page, label: str):
    return page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').filter(has_text=label)


def _card(page, label: str) -> str:
    """The value of the key figure card labelled ``label``."""
    card = page.locator('[data-testid="stMetric"]').filter(
        has=page.locator('[data-testid="stMetricLabel"]').get_by_text(label, exact=True)
    )
    return card.first.locator('[data-testid="stMetricValue"]').inner_text()


def _browser(playwright):
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


@pytest.mark.slow  # Chromium against a served dashboard
@pytest.mark.parametrize("demo_url", ["sqlite"], indirect=True)
def test_the_four_jobs_each_take_at_most_two_clicks_from_the_overview(served_demo, tmp_path):  # noqa: F811
    from playwright.sync_api import sync_playwright

    address, url = served_demo
    engine = make_engine(url)
    with engine.connect() as connection:
        may = metrics.posts_vs_livestreams(connection, Scope(date(2024, 5, 1), date(2024, 5, 31)))
    engine.dispose()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = _browser(playwright)
        page = browser.new_page(viewport={"width": 1400, "height": 900}, accept_downloads=True)
        try:
            # 1. Watch reach this week: the period "Tuần này" (two clicks) shows what was seen in it,
            # not only what was published (nothing was, 3–7 June).
            _open(page, address)
            user = Clicks(page)
            user.click(_sidebar_select(page, "Khoảng thời gian"))
            user.click(page.get_by_role("option", name="Tuần này", exact=True))
            page.locator('[data-testid="stSidebar"]').get_by_text("03/06/2024 – 07/06/2024").wait_for()
            _settled(page)
            assert user.count == 2
            body = page.inner_text("body")
            assert "Được xem trong kỳ" in body and "Nội dung đăng trong kỳ" in body
            for label in ("Lượt xem Trang", "Lượt xem mới nội dung", "Tương tác mới"):
                assert re.fullmatch(r"\d{1,3}(\.\d{3})*", _card(page, label)), label  # a number, not "–"
            assert _card(page, "Số nội dung") == "0"
            for ticks in page.evaluate(AXIS_TICKS):  # one label per day, never the same date twice
                assert len(ticks) == len(set(ticks)), ticks
            assert "03/06" in [tick for ticks in page.evaluate(AXIS_TICKS) for tick in ticks]
            page.screenshot(path=str(SCREENSHOTS / "job-this-week.png"))

            # 2. Posts against livestreams: one click to the Content page, the plain comparison first.
            _open(page, address)
            user = Clicks(page)
            user.click(page.locator('[data-testid="stSidebarNav"]').get_by_text("Nội dung", exact=True))
            page.wait_for_function("() => document.querySelector('h1')?.innerText === 'Nội dung'")
            _settled(page)
            first_table = page.locator('[data-testid="stMain"] table').first
            rows = [row.split("\t") for row in first_table.inner_text().splitlines()]
            assert rows[0][1:] == ["Bài đăng", "Phát trực tiếp"]
            figures = may.set_index("format")
            assert rows[1] == ["Số nội dung", *(fmt_int(figures.at[f, "items"], "vi") for f in figures.index)]
            assert rows[2][1:] == [fmt_int(figures.at[f, "views"], "vi") for f in figures.index]
            assert rows[3][1:] == [fmt_int(figures.at[f, "interactions"], "vi") for f in figures.index]
            assert rows[4][1:] == [fmt_percent(figures.at[f, "rate_per_view"], "vi") for f in figures.index]
            headings = page.locator('[data-testid="stMain"] h3').all_inner_texts()
            assert headings.index("Bài đăng và phát trực tiếp") < headings.index("Tất cả nội dung")
            assert user.count == 1

            # 3. A campaign: choosing it (two clicks) sets the period to its dates, shows its targets and
            # progress whole on the screen, and the impact section estimates the same campaign.
            _open(page, address)
            user = Clicks(page)
            user.click(_sidebar_select(page, "Chiến dịch"))
            user.click(page.get_by_role("option", name=PEAK_WEEK, exact=True))
            page.locator('[data-testid="stSidebar"]').get_by_text("13/05/2024 – 19/05/2024").wait_for()
            _settled(page)
            assert user.count == 2
            assert f"Chiến dịch: {PEAK_WEEK}" in page.inner_text("body")
            progress = page.locator(".js-plotly-plot").first
            for shown in ("262 / 250 (104,8%)", "1.837 / 1.800 (102,1%)"):
                box = progress.locator("text", has_text=shown).bounding_box()
                assert box and box["x"] >= 0 and box["x"] + box["width"] <= 1400, shown
            assert page.evaluate(PAGE_TOO_WIDE) == []
            page.screenshot(path=str(SCREENSHOTS / "job-campaign.png"))
            # (a look at the Reach page, not a click the job needs)
            page.locator('[data-testid="stSidebarNav"]').get_by_text(PAGES["reach_enrolment"]).click()
            page.wait_for_function(
                f"() => document.querySelector('h1')?.innerText === {PAGES['reach_enrolment']!r}"
            )
            _settled(page)
            impact = page.locator('[data-testid="stSelectbox"]').filter(has_text="Chiến dịch cần đánh giá")
            assert impact.locator("input").input_value() == PEAK_WEEK
            reach = page.locator(".js-plotly-plot").first
            assert PEAK_WEEK in reach.locator(".legendtext").all_text_contents()  # named in the legend,
            assert reach.locator(".annotation-text", has_text=PEAK_WEEK).count() == 0  # not on the line

            # 4. Export for the director: one click.
            _open(page, address)
            user = Clicks(page)
            with page.expect_download(timeout=60_000) as download:
                user.click(
                    page.locator('[data-testid="stSidebar"]').get_by_role("button", name="Excel (.xlsx)")
                )
            saved = tmp_path / download.value.suggested_filename
            download.value.save_as(saved)
            assert saved.suffix == ".xlsx" and saved.read_bytes()[:2] == b"PK" and user.count == 1

            # A chart to paste into Zalo: its PNG, drawn for sharing at twice 720 px wide.
            with page.expect_download(timeout=90_000) as download:
                page.get_by_role("button", name="Tải ảnh biểu đồ (PNG)").first.click()
            png = tmp_path / download.value.suggested_filename
            download.value.save_as(png)
            header = png.read_bytes()[:24]
            assert header[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">I", header[16:20])[0] == 1440
        finally:
            browser.close()


def _streamlit_menus(page) -> list[dict]:
    """The words a user sees over the page's first table: hovering it (its toolbar), hovering each
    toolbar button that shows (its tooltip), and a column's menu, opened by clicking along the header
    until one opens (it opens even when hidden; the first column's menu is enough)."""
    tables = page.locator('[data-testid="stDataFrame"]:visible')
    if not tables.count():
        return []
    table = tables.first
    table.scroll_into_view_if_needed()
    box = table.bounding_box()
    seen = []
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_timeout(500)
    seen.append(page.evaluate(VISIBLE_WORDS))
    for button in page.locator('[data-testid="stElementToolbar"] button:visible').all():
        button.hover()
        page.wait_for_timeout(500)
        seen.append(page.evaluate(VISIBLE_WORDS))
    menu = page.locator('[data-testid="stDataFrameColumnMenu"]')
    for x in range(20, int(min(box["width"], 800)), 30):
        page.mouse.click(box["x"] + x, box["y"] + 15)
        page.wait_for_timeout(300)
        if menu.count():
            seen.append(page.evaluate(VISIBLE_WORDS))
            page.keyboard.press("Escape")
            break
    else:
        raise AssertionError("no column menu opened")
    return seen


@pytest.mark.slow  # Chromium against a served dashboard
@pytest.mark.parametrize("demo_url", ["sqlite"], indirect=True)
def test_every_page_reads_in_vietnamese_with_vietnamese_numbers(served_demo):  # noqa: F811
    from playwright.sync_api import sync_playwright

    address, _ = served_demo
    with sync_playwright() as playwright:
        browser = _browser(playwright)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        try:
            for path, title in PAGES.items():
                _open(page, address, path)
                assert page.locator("h1").first.inner_text() == title
                seen = page.evaluate(VISIBLE_WORDS)
                assert english_words(seen["text"], seen["icons"]) == set(), path
                # What Streamlit shows on a table: its toolbar on hover, a tooltip over each button,
                # the column menu on a header's click.
                for hovered in _streamlit_menus(page):
                    assert english_words(hovered["text"], hovered["icons"]) == set(), (path, hovered["text"])
                assert page.title() == "Theo dõi tương tác"
                ticks = [tick for axis in page.evaluate(AXIS_TICKS) for tick in axis]
                assert not [tick for tick in ticks if ENGLISH_THOUSANDS.match(tick)], (
                    path
                )  # 10.000, not 10,000
            # A period of one's own: two single-day pickers (no English quick ranges), starting from
            # the days shown until then, not jumping to another week.
            _open(page, address)
            _sidebar_select(page, "Khoảng thời gian").click()
            page.get_by_role("option", name="Tự chọn", exact=True).click()
            _settled(page)
            fields = page.locator('[data-testid="stSidebar"] [data-testid="stDateInput"] input')
            assert [fields.nth(0).input_value(), fields.nth(1).input_value()] == ["2024-05-01", "2024-05-31"]
            assert page.locator('[data-testid="stSidebar"]').get_by_text("Past Week").count() == 0
            # The field's calendar (English month and weekday names) does not open, by button or keys.
            calendar = page.locator('[data-testid="stSidebar"] [data-testid="stDateInputCalendarButton"]')
            assert not calendar.first.is_visible()
            page.locator(
                '[data-testid="stSidebar"] [data-testid="stDateInputField"] [role="spinbutton"]'
            ).first.press("Alt+ArrowDown")
            page.wait_for_timeout(500)
            seen = page.evaluate(VISIBLE_WORDS)
            assert english_words(seen["text"], seen["icons"]) == set()
        finally:
            browser.close()


@pytest.mark.slow  # Chromium against a served dashboard
@pytest.mark.parametrize("demo_url", ["sqlite"], indirect=True)
def test_no_chart_text_overlaps_or_is_cut_on_a_laptop_or_a_phone(served_demo):  # noqa: F811
    from playwright.sync_api import sync_playwright

    address, _ = served_demo
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = _browser(playwright)
        try:
            for width in (1400, 390):
                page = browser.new_page(viewport={"width": width, "height": 900})
                for path in PAGES:
                    _open(page, address, path)
                    problems = page.evaluate(CHART_TEXT_PROBLEMS) + page.evaluate(PAGE_TOO_WIDE)
                    assert problems == [], (width, path, problems)
                    page.screenshot(path=str(SCREENSHOTS / f"{path or 'overview'}-{width}-staff.png"))
                # A wide table is a short list of its key columns on a phone, the table on a laptop.
                _open(page, address, "content")
                wide = page.locator('[class*="st-key-wide_"]').first
                short = page.locator('[class*="st-key-phone_"]').first
                assert (wide.is_visible(), short.is_visible()) == (
                    (True, False) if width > 640 else (False, True)
                )
                page.close()
        finally:
            browser.close()


@pytest.mark.slow  # Chromium lays out the printable report
@pytest.mark.parametrize("demo_url", ["sqlite"], indirect=True)
def test_the_printable_report_fits_a_phone(demo_engine):
    from playwright.sync_api import sync_playwright

    from dashboard.exports import export_bytes

    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} not found")
    with demo_engine.connect() as connection:
        report = export_bytes(connection, Scope(date(2024, 5, 1), date(2024, 5, 31)), "html", "vi")[1]
    with sync_playwright() as playwright:
        browser = _browser(playwright)
        try:
            page = browser.new_page(viewport={"width": 390, "height": 844})
            page.set_content(report.decode("utf-8"))
            page.wait_for_function(CHARTS_DRAWN)
            # Wide tables and charts scroll within themselves; the page itself never sideways.
            assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
            assert page.locator(".modebar").count() == 0  # no English toolbar over the charts
        finally:
            browser.close()
