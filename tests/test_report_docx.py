"""The monthly communication report in Word: what the office files, signs and sends upward."""

import io
import logging
import os
import re
import shutil
import subprocess
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from fontTools.ttLib import TTFont
from test_exports import INJECTION, _post_with_caption

from collector.demo import DEMO_REPORT_SETTINGS
from dashboard.exports import FORMATS, write_summary
from dashboard.exports import docx as report_docx
from dashboard.exports.docx import ROMAN, signing_day
from dashboard.report_fonts import is_metric_compatible, obfuscate
from models.i18n import fmt_day, fmt_document_date
from models.metrics import Scope
from models.report_settings import ReportSettings
from models.summary import build_summary

MAY = Scope(date(2024, 5, 1), date(2024, 5, 31))
APRIL = Scope(date(2024, 4, 1), date(2024, 4, 30))
PNG = (Path(__file__).parent / "fixtures" / "one-pixel.png").read_bytes()  # stands for a chart
NOTHING = Scope(date(2030, 1, 1), date(2030, 1, 31))
BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "chrome")


@pytest.fixture
def no_browser(monkeypatch, tmp_path):
    """kaleido (choreographer) looks for Chrome at $BROWSER_PATH first: point it at nothing."""
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "no-chromium-here"))


def word_report(engine, scope: Scope, lang: str, settings: ReportSettings | None = DEMO_REPORT_SETTINGS):
    with engine.connect() as connection:
        summary = build_summary(connection, scope)
    name, content, mime = write_summary(summary, "docx", lang, settings)
    assert name.endswith(".docx") and mime == FORMATS["docx"][1]
    return Document(io.BytesIO(content)), content


def lines(document) -> list[str]:
    """Every paragraph's text, in the header tables, body, tables and signature alike."""
    return [
        "".join(node.text or "" for node in paragraph.iter(qn("w:t")))
        for paragraph in document.element.body.iter(qn("w:p"))
    ]


def body_text(document) -> str:
    return "\n".join(paragraph.text for paragraph in document.paragraphs)


def runs_of(document, text: str):
    return [run for paragraph in _all_paragraphs(document) for run in paragraph.runs if run.text == text]


def _all_paragraphs(document):
    yield from document.paragraphs
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                yield from cell.paragraphs


def test_the_vietnamese_may_report_reads_like_the_offices_own(demo_engine, no_browser):
    signed = replace(DEMO_REPORT_SETTINGS, signed_on=date(2024, 6, 3), document_number="12")
    document, _ = word_report(demo_engine, MAY, "vi", signed)
    header = document.tables[0]
    agency, motto = header.rows[0].cells
    assert [p.text for p in agency.paragraphs if p.text] == [
        "BẢO HIỂM XÃ HỘI VIỆT NAM",
        "BẢO HIỂM XÃ HỘI TỈNH LÀO CAI",
    ]
    assert [p.text for p in motto.paragraphs] == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
    ]
    (words,) = runs_of(document, "Độc lập - Tự do - Hạnh phúc")
    assert words.bold and words.underline
    number, dated = header.rows[1].cells
    assert number.text == "Số: 12/BC-BHXH"
    (date_line,) = runs_of(document, "Lào Cai, ngày 03 tháng 6 năm 2024")  # signed, not the period's end
    assert date_line.italic
    paragraphs = [p.text for p in document.paragraphs]
    title = paragraphs.index("BÁO CÁO")
    assert paragraphs[title + 1] == "Kết quả công tác truyền thông tháng 5/2024"
    assert all(run.bold for run in runs_of(document, "BÁO CÁO"))

    text = body_text(document)
    assert "18.600 lượt xem và gần 2.000 lượt tương tác" in text
    assert "1.236 người xem cùng lúc" in text
    peak = next(p for p in paragraphs if "7 ngày cao điểm" in p)
    for figure in ("262", "1.837", "519", "101"):
        assert re.search(rf"\b{re.escape(figure)} người", peak), figure
    assert "đạt 104,8% chỉ tiêu 250" in peak
    golden = next(p for p in paragraphs if p.startswith("Chiến dịch “Tuần lễ vàng"))
    assert "Ngày đầu tiên của chiến dịch (25/5/2024) có 136 người tham gia BHXH tự nguyện và BHYT" in golden
    # Fewer than the 7 days before, which were themselves a campaign: the report says which to trust.
    assert "những ngày đó cũng thuộc chiến dịch" in golden and "nên tin vào ước tính" in golden
    assert "vì chiến dịch" not in text and "nhờ chiến dịch" not in text  # never claims cause
    assert "Số liệu có đủ cho cả 31 ngày" in text
    assert [p.text for p in paragraphs_starting(document, *(f"{n}." for n in ROMAN))] == [
        "I. KẾT QUẢ TRUYỀN THÔNG TRÊN MẠNG XÃ HỘI",
        "II. KẾT QUẢ PHÁT TRIỂN NGƯỜI THAM GIA",
        "III. HOẠT ĐỘNG TRUYỀN THÔNG TRỰC TIẾP",
        "IV. TUYÊN TRUYỀN QUA TIN NHẮN, BÁO ĐÀI, PANO",
        "V. SỐ LIỆU VÀ GHI CHÚ",
        "VI. ĐÁNH GIÁ CHUNG",
        "VII. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN",
        "VIII. PHƯƠNG HƯỚNG, NHIỆM VỤ THÁNG TỚI",
        "IX. KIẾN NGHỊ, ĐỀ XUẤT",
    ]
    # The campaign impact estimate of issue 14, in its own words (association, not cause).
    impact = next(p for p in paragraphs if p.startswith("BHXH tự nguyện từ 13/5/2024 đến 19/5/2024"))
    assert "ghi nhận 262 người" in impact and "khoảng tin cậy 95%" in impact
    assert sum("chưa phải bằng chứng chiến dịch là nguyên nhân" in p for p in paragraphs) == 1  # said once
    # ... and no other paragraph repeats it in other words (after the chart, in each campaign's).
    cautions = [p.text for p in document.paragraphs if re.search("nguyên nhân|nhân quả", p.text)]
    headings = [p.text for p in paragraphs_starting(document, "3. Ước tính tác động")]
    assert len([text for text in cautions if text not in headings]) == 1, cautions
    # The offline activities: count, attendance, on-the-spot results, and the arithmetic rule.
    activities = next(p for p in paragraphs if p.startswith("Trong kỳ, đơn vị tổ chức"))
    assert re.search(r"tổ chức \d+ hoạt động truyền thông trực tiếp", activities)
    assert "người tham dự" in activities and "Kết quả ngay tại chỗ" in activities
    assert any(p.startswith("Kết quả tại chỗ đã nằm trong kết quả phát triển") for p in paragraphs)
    # Dates are written one way, d/M/yyyy (no "01/05/2024", no "8/5" without its year), in the
    # running text and the tables alike; the date line alone follows the decree's "ngày 03 tháng 6".
    everything = "\n".join(lines(document))
    assert not re.search(r"\b0\d/\d{1,2}/\d{4}|\b\d{1,2}/0\d/\d{4}", everything)
    assert not re.search(r"\b\d{1,2}/\d{1,2}\b(?!/)", everything), re.findall(
        r".{20}\b\d{1,2}/\d{1,2}\b(?!/).{5}", everything
    )
    recipients, signature = document.tables[-1].rows[0].cells
    assert recipients.paragraphs[0].text == "Nơi nhận:"
    assert recipients.paragraphs[0].runs[0].bold and recipients.paragraphs[0].runs[0].italic
    assert recipients.paragraphs[-1].text == "- Lưu: VT, TT."
    assert signature.paragraphs[0].text == "GIÁM ĐỐC" and signature.paragraphs[-1].text == "Nguyễn Văn A"


def paragraphs_starting(document, *prefixes: str):
    return [p for p in document.paragraphs if p.text.startswith(prefixes) and p.runs[0].bold]


def test_the_page_is_a4_in_times_new_roman_with_the_decrees_margins(demo_engine, no_browser):
    document, _ = word_report(demo_engine, MAY, "vi")
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert 20 <= round(section.top_margin.mm) <= 25 and 20 <= round(section.bottom_margin.mm) <= 25
    assert 30 <= round(section.left_margin.mm) <= 35 and 15 <= round(section.right_margin.mm) <= 20
    normal = document.styles["Normal"].font
    assert normal.name == "Times New Roman" and 13 <= normal.size.pt <= 14


@pytest.mark.parametrize(("lang", "tag"), [("vi", "vi-VN"), ("en", "en-GB")])
def test_every_style_checks_the_spelling_in_the_reports_language(demo_engine, no_browser, lang, tag):
    """Normal and the document defaults the table and header styles start from: no en-US left."""
    _, content = word_report(demo_engine, MAY, lang)
    import zipfile

    styles = zipfile.ZipFile(io.BytesIO(content)).read("word/styles.xml").decode()
    languages = re.findall(r'<w:lang w:val="([^"]+)"', styles)
    assert languages and set(languages) == {tag}


def test_the_exact_figures_are_in_real_word_tables(demo_engine, no_browser):
    document, _ = word_report(demo_engine, MAY, "vi")
    cells = {cell.text for table in document.tables[1:-1] for row in table.rows for cell in row.cells}
    assert {"18.600", "1.977", "262", "1.837", "519", "101", "250", "1.800", "104,8%"} <= cells
    captions = [p.text for p in document.paragraphs if p.text.startswith("Bảng ")]
    assert captions == [
        "Bảng 1. Chỉ số chính",
        "Bảng 2. 10 nội dung nhiều lượt xem nhất",
        "Bảng 3. Kết quả các chiến dịch so với chỉ tiêu",
        "Bảng 4. Kết quả phát triển theo đơn vị",
        "Bảng 5. Các hoạt động truyền thông trực tiếp",
    ]
    units = document.tables[-3]
    assert [cell.text for cell in units.rows[0].cells][:2] == ["TT", "Đơn vị"]
    assert "Thành phố Lào Cai" in {row.cells[1].text for row in units.rows}


def test_the_english_report_has_the_same_content_in_a_plain_layout(demo_engine, no_browser):
    document, _ = word_report(demo_engine, MAY, "en")
    text = "\n".join(lines(document))
    assert "CỘNG HÒA" not in text and "Độc lập" not in text
    assert (
        "Lao Cai Provincial Social Insurance" in text
        and f"Lao Cai, {fmt_day(signing_day(DEMO_REPORT_SETTINGS), 'en')}" in text
    )
    assert "REPORT\nCommunication results, May 2024" in text
    assert "18,600 plays and nearly 2,000 interactions" in text
    peak = next(line for line in lines(document) if "7 ngày cao điểm" in line and line.startswith("Campaign"))
    for figure in ("262 new voluntary", "1,837 people joined health insurance", "519 people", "101 moved"):
        assert figure in peak
    assert "On the first day of the campaign (25 May 2024), 136 people joined" in text
    assert "trust the estimate" in text and "not proof that the campaign caused it" not in text
    assert "Distribution:" in text and "Director" in text
    assert "This is an association with the campaign, not proven cause" in text
    assert "offline activities" in text


def test_a_month_without_campaign_estimates_still_says_the_caution_once(demo_engine, no_browser):
    document, _ = word_report(demo_engine, APRIL, "vi")
    cautions = [p.text for p in document.paragraphs if re.search("nguyên nhân|nhân quả", p.text)]
    assert cautions == [
        "Tiếp cận và người tham gia mới tăng cùng lúc là đi cùng nhau, không chứng minh nhân quả."
    ]


def test_an_empty_period_gives_a_valid_document_that_says_there_is_no_data(engine, no_browser):
    document, _ = word_report(engine, NOTHING, "vi", settings=None)
    text = "\n".join(lines(document))
    assert "Không có dữ liệu trong khoảng thời gian này." in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    # Without settings the letterhead leaves blanks for the clerk instead of inventing an agency.
    assert "BẢO HIỂM XÃ HỘI TỈNH ……" in text
    assert fmt_document_date("……", signing_day(ReportSettings()), "vi") in text  # signed today
    assert "31 ngày không có số liệu Trang (1/1/2030–31/1/2030)" in text
    english, _ = word_report(engine, NOTHING, "en", settings=None)
    assert "There is no data for this period." in "\n".join(lines(english))


def test_a_caption_that_looks_like_a_formula_stays_plain_text(engine, no_browser):
    captions = [INJECTION, "+84 912 345 678", "@mention"]
    _post_with_caption(engine, captions)
    document, content = word_report(engine, MAY, "en")
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert set(captions) <= set(cells)
    assert "'" + INJECTION not in cells  # shown as written, not escaped
    xml = _document_xml(content)
    # Nothing Word evaluates: no fields (formulas, hyperlinks) and the caption is a plain text run.
    assert b"fldSimple" not in xml and b"instrText" not in xml and b"w:hyperlink" not in xml
    assert b'<w:t>=HYPERLINK("http://x","click")</w:t>' in xml


def _document_xml(content: bytes) -> bytes:
    import zipfile

    return zipfile.ZipFile(io.BytesIO(content)).read("word/document.xml")


def test_without_a_browser_the_report_is_written_without_charts_and_says_so(demo_engine, no_browser, caplog):
    with caplog.at_level(logging.WARNING, logger="dashboard.exports.docx"):
        document, _ = word_report(demo_engine, MAY, "en")
    assert len(document.inline_shapes) == 0
    assert "The charts were left out: there is no Chrome/Chromium browser" in body_text(document)
    (warning,) = [r for r in caplog.records if r.name == "dashboard.exports.docx"]
    assert "charts were left out" in warning.getMessage() and "\n" not in warning.getMessage()


@pytest.mark.parametrize("demo_url", ["sqlite"], indirect=True)
def test_a_browser_that_fails_once_is_tried_again_and_one_that_keeps_failing_leaves_a_line(
    demo_engine, monkeypatch
):
    from dashboard import chart_images

    failures = {"left": 1}

    def unsteady_browser(figures, width, scale) -> list[bytes]:  # kaleido's answer when Chromium stumbles
        if failures["left"]:
            failures["left"] -= 1
            raise RuntimeError("Kaleido: the browser closed unexpectedly\nat line 1")
        return [PNG] * len(figures)

    monkeypatch.setattr(chart_images, "render_pngs", unsteady_browser)
    document, _ = word_report(demo_engine, MAY, "en")
    assert len(document.inline_shapes) == 2 and failures["left"] == 0

    failures["left"] = 100
    document, _ = word_report(demo_engine, MAY, "en")
    assert len(document.inline_shapes) == 0
    assert (
        "The charts were left out (the Chrome/Chromium browser failed: Kaleido: the browser closed "
        "unexpectedly)"
    ) in body_text(document)
    assert failures["left"] == 98  # tried twice, not on and on


def _browser() -> str | None:
    return os.environ.get("BROWSER_PATH") or next(filter(None, map(shutil.which, BROWSER_NAMES)), None)


@pytest.mark.slow  # Chromium draws the charts
@pytest.mark.parametrize("demo_url", ["sqlite"], indirect=True)
def test_with_chromium_the_two_charts_are_images_drawn_from_the_dashboards_figures(demo_engine):
    if _browser() is None:
        if os.environ.get("ENGAGEMENT_MONITOR_REQUIRE_BROWSER") == "1":
            pytest.fail("no Chrome/Chromium found, and ENGAGEMENT_MONITOR_REQUIRE_BROWSER=1 requires one")
        pytest.skip("no Chrome/Chromium: install chromium to draw the report's charts")
    document, content = word_report(demo_engine, MAY, "vi")
    assert len(document.inline_shapes) == 2, "charts missing although a browser is installed"
    captions = [p.text for p in document.paragraphs if p.text.startswith("Biểu đồ ")]
    assert captions == [
        "Biểu đồ 1. So sánh nội dung theo loại",
        "Biểu đồ 2. Lượt xem, người xem Trang và người tham gia mới theo ngày",
    ]
    assert "Không vẽ được biểu đồ" not in body_text(document)
    images = [name for name in _names(content) if name.startswith("word/media/")]
    assert len(images) == 2 and all(name.endswith(".png") for name in images)


def _names(content: bytes) -> list[str]:
    import zipfile

    return zipfile.ZipFile(io.BytesIO(content)).namelist()


# A fontconfig that hides every Liberation font: what a bare Debian (DejaVu alone) shows LibreOffice.
DEJAVU_ONLY = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="no">/etc/fonts/fonts.conf</include>
  <cachedir>{cache}</cachedir>
  <selectfont><rejectfont><glob>/usr/share/fonts/truetype/liberation*</glob></rejectfont></selectfont>
</fontconfig>
"""


def _office_pdf(soffice: str, source: Path, out: Path, environment: dict | None = None) -> Path:
    out.mkdir()
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{out / 'profile'}", "--headless", "--convert-to", "pdf",
         "--outdir", str(out), str(source)],
        check=True, capture_output=True, timeout=180, env=environment,
    )  # fmt: skip
    pdf = out / (source.stem + ".pdf")
    assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF")
    return pdf


def _pdf_fonts(pdf: Path) -> list[str]:
    """The fonts the PDF's text is set in, as pdffonts lists them (first column)."""
    listing = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    return [line.split()[0] for line in listing.splitlines()[2:] if line.strip()]


@pytest.mark.slow  # LibreOffice converts the report to PDF
@pytest.mark.parametrize("demo_url", ["sqlite"], indirect=True)
def test_libreoffice_opens_the_report_and_prints_its_first_page(demo_engine, no_browser, tmp_path):
    """In LibreOffice, with the machine's fonts and with DejaVu alone (no Times New Roman and no
    Liberation installed), the report is set in Times New Roman's metrics and the motto and the
    agency name keep one line each."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None or shutil.which("pdftotext") is None:
        if os.environ.get("ENGAGEMENT_MONITOR_REQUIRE_OFFICE") == "1":
            pytest.fail("LibreOffice (soffice) or poppler (pdftotext) not found, and CI requires them")
        pytest.skip("LibreOffice (soffice) or poppler (pdftotext) is not installed")
    _, content = word_report(demo_engine, MAY, "vi")
    source = tmp_path / "bao-cao.docx"
    source.write_bytes(content)
    config = tmp_path / "dejavu-only.conf"
    config.write_text(DEJAVU_ONLY.format(cache=tmp_path / "fontconfig-cache"))
    dejavu_only = {**os.environ, "FONTCONFIG_FILE": str(config)}
    assert (
        "DejaVu"
        in subprocess.run(
            ["fc-match", "Liberation Serif"], env=dejavu_only, capture_output=True, text=True, check=True
        ).stdout
    ), "the DejaVu-only fontconfig still shows Liberation"
    for name, environment in (("machine-fonts", None), ("dejavu-only", dejavu_only)):
        pdf = _office_pdf(soffice, source, tmp_path / name, environment)
        fonts = _pdf_fonts(pdf)
        print(f"{name}: LibreOffice set the report in {', '.join(fonts)}")
        assert fonts and all(is_metric_compatible(font) for font in fonts), (name, fonts)
        first_page = subprocess.run(
            ["pdftotext", "-l", "1", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in first_page, name
        assert "BẢO HIỂM XÃ HỘI TỈNH LÀO CAI" in first_page, name
        assert "Kết quả công tác truyền thông tháng 5/2024" in first_page, name


@pytest.mark.slow  # LibreOffice converts the report to PDF
@pytest.mark.parametrize("demo_url", ["sqlite"], indirect=True)
def test_the_printed_report_has_page_numbers_whole_dates_and_its_sections_in_order(
    demo_engine, no_browser, tmp_path
):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None or not shutil.which("pdftotext"):
        if os.environ.get("ENGAGEMENT_MONITOR_REQUIRE_OFFICE") == "1":
            pytest.fail("LibreOffice (soffice) or pdftotext not found, and CI requires them")
        pytest.skip("LibreOffice (soffice) or pdftotext is not installed")
    _, content = word_report(demo_engine, MAY, "vi")
    source = tmp_path / "bao-cao.docx"
    source.write_bytes(content)
    pdf = _office_pdf(soffice, source, tmp_path / "pdf")

    def pages(first: int, last: int | None = None) -> str:
        span = ["-f", str(first)] + (["-l", str(last)] if last else [])
        command = ["pdftotext", *span, str(pdf), "-"]
        return subprocess.run(command, capture_output=True, text=True, check=True).stdout

    first_page = pages(1, 1)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in first_page
    assert "Kết quả công tác truyền thông tháng 5/2024" in first_page
    # Page numbers: none on the first page, then the number at the top of every other page.
    assert first_page.split()[0] != "1"
    whole = pages(1)
    count = whole.count("\f")
    assert count >= 3
    for number in range(2, count + 1):
        assert pages(number, number).split()[0] == str(number), number
    # No date broken over two lines in a table ("27/05/202" | "4").
    assert not re.search(r"\b\d{1,2}/\d{1,2}/\d{1,3}\s*\n", whole)
    # The sections, in the order offices file them, the last three with their obvious placeholder.
    headings = [
        "I. KẾT QUẢ TRUYỀN THÔNG",
        "II. KẾT QUẢ PHÁT TRIỂN",
        "III. HOẠT ĐỘNG TRUYỀN THÔNG TRỰC TIẾP",
    ]
    headings += [
        "VI. ĐÁNH GIÁ CHUNG",
        "VII. TỒN TẠI, HẠN CHẾ",
        "VIII. PHƯƠNG HƯỚNG, NHIỆM VỤ",
        "IX. KIẾN NGHỊ",
    ]
    flat = " ".join(whole.split())
    places = [flat.find(heading) for heading in headings]
    assert -1 not in places and places == sorted(places), places
    assert flat.count("[CHƯA CÓ NỘI DUNG") == 3


def test_the_report_carries_times_new_romans_metric_twin_for_machines_without_it(demo_engine, no_browser):
    document, content = word_report(demo_engine, MAY, "vi")
    font_table = next(p for p in document.part.package.iter_parts() if p.partname == "/word/fontTable.xml")
    embedded = [
        part for part in document.part.package.iter_parts() if str(part.partname).startswith("/word/fonts/")
    ]
    assert len(embedded) == 4  # regular, bold, italic, bold italic
    xml = font_table.blob.decode()
    times = xml[xml.index('<w:font w:name="Times New Roman">') :]
    times = times[: times.index("</w:font>")]
    keys = re.findall(r'w:fontKey="(\{[0-9A-F-]+\})"', times)
    assert len(keys) == 4
    relationships = {rel.rId: rel.target_part for rel in font_table.rels.values()}
    for rid, key in re.findall(r'r:id="(rId\d+)" w:fontKey="(\{[0-9A-F-]+\})"', times):
        font = TTFont(io.BytesIO(obfuscate(relationships[rid].blob, key)))  # the same XOR undoes it
        assert font["name"].getDebugName(1) == "Liberation Serif"
        assert all(ord(letter) in font.getBestCmap() for letter in "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    assert len(content) < 600_000  # subsets, not the whole fonts (about 1.5 MB)


def test_the_example_sources_file_names_the_demo_office():
    from pathlib import Path

    from collector.config import load_config

    example = load_config(Path(__file__).parent.parent / "sources.example.toml")
    settings = ReportSettings().merged(example.report.letterhead())
    assert settings.agency == "BẢO HIỂM XÃ HỘI TỈNH LÀO CAI" and settings.place == "Lào Cai"
    assert settings.recipients[-1] == "Lưu: VT, TT"


@pytest.mark.slow  # Chromium draws the charts
@pytest.mark.parametrize("demo_url", ["sqlite"], indirect=True)
def test_the_browser_started_while_the_summary_is_computed_draws_the_charts(demo_engine):
    """``export --format docx`` starts the charts' browser before the summary: that browser draws the
    report's two charts and is closed after; one started and never drawn with is closed at exit."""
    from dashboard import chart_images

    if _browser() is None:
        pytest.skip("no Chrome/Chromium: install chromium to draw the report's charts")
    chart_images.start_browser()
    early = chart_images._early
    document, _ = word_report(demo_engine, MAY, "vi")
    assert len(document.inline_shapes) == 2
    assert chart_images._early is None and not early.thread.is_alive()
    chart_images.start_browser()
    unused = chart_images._early
    chart_images._close_unused()
    assert chart_images._early is None and not unused.thread.is_alive()


def _picture(width: int, height: int) -> bytes:
    """A PNG standing for a chart drawn by the browser: ``width`` × ``height`` pixels."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (width, height), "white")
    ImageDraw.Draw(image).rectangle((40, 40, width - 40, height - 40), outline="navy", width=12)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _page_words(pdf: Path) -> list[tuple[float, list[tuple[float, str]]]]:
    """Each page's height and its words with the bottom of each (points from the top), by pdftotext."""
    html = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = []
    for page in html.split("<page ")[1:]:
        height = float(re.search(r'height="([\d.]+)"', page).group(1))
        words = re.findall(r'yMax="([\d.]+)">([^<]*)</word>', page)
        pages.append((height, [(float(bottom), word) for bottom, word in words]))
    return pages


def _image_pages(pdf: Path) -> list[int]:
    listing = subprocess.run(
        ["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    return [int(line.split()[0]) for line in listing.splitlines()[2:] if line.split()[2] == "image"]


@pytest.mark.slow  # LibreOffice converts the report to PDF
@pytest.mark.parametrize("demo_url", ["sqlite"], indirect=True)
@pytest.mark.parametrize(
    ("scope", "shape"),
    [(MAY, (1520, 1040)), (MAY, (1520, 2000)), (APRIL, (1520, 2000))],
    ids=["may-wide", "may-taller-than-wide", "april-taller-than-wide"],
)
def test_a_chart_keeps_its_caption_and_leaves_no_page_mostly_blank_before_it(
    demo_engine, tmp_path, monkeypatch, scope, shape
):
    """The director turns the printed pages: each chart has its caption under it on the same page,
    and a chart that did not fit at the foot of a page leaves less than half of that page blank,
    whatever the shape the browser drew it in."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None or not shutil.which("pdfimages"):
        if os.environ.get("ENGAGEMENT_MONITOR_REQUIRE_OFFICE") == "1":
            pytest.fail("LibreOffice (soffice) or poppler (pdfimages) not found, and CI requires them")
        pytest.skip("LibreOffice (soffice) or poppler (pdfimages) is not installed")
    monkeypatch.setattr(report_docx, "render_pngs", lambda figures: [_picture(*shape) for _ in figures])
    document, content = word_report(demo_engine, scope, "vi")
    assert len(document.inline_shapes) == 2
    for shape_in_word in document.inline_shapes:
        assert shape_in_word.height.mm <= report_docx.CHART_MAX_HEIGHT_MM + 0.1
        assert shape_in_word.width.mm <= report_docx.TEXT_WIDTH_MM + 0.1
    source = tmp_path / "bao-cao.docx"
    source.write_bytes(content)
    pdf = _office_pdf(soffice, source, tmp_path / "pdf")
    pages = _page_words(pdf)
    charts = _image_pages(pdf)
    assert len(charts) == 2
    for number, page in enumerate(charts, start=1):
        height, words = pages[page - 1]
        text = " ".join(word for _, word in words)
        assert f"Biểu đồ {number}." in text, (number, page)  # the caption on the chart's page
        before_height, before = pages[page - 2]
        used = max(bottom for bottom, _ in before) / before_height
        # A chart with its caption fits wherever a page is less than about 60% full (it moved
        # with 74% of April's page 4 blank when a tall chart was printed at the full text width).
        assert used > 0.55, f"page {page - 1} is {used:.0%} used before chart {number}"
