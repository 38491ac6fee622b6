"""``engagement-monitor export``: one command gives the summary leadership reads."""

import subprocess
import sys
import zipfile

import openpyxl
import pytest
from docx import Document
from typer.testing import CliRunner

from collector.cli import app
from models.i18n import fmt_document_date
from models.write import local_day, now_utc

PEAK_CAMPAIGN = "7 ngày cao điểm tuyên truyền nhóm nhỏ"


def export(db_url: str, *args: str):
    return CliRunner().invoke(app, ["--db", db_url, "export", *args])


@pytest.mark.parametrize("fmt,suffix", [("csv", ".zip"), ("xlsx", ".xlsx"), ("html", ".html")])
def test_a_month_is_exported_into_a_folder_named_after_the_period(demo_url, tmp_path, fmt, suffix):
    result = export(
        demo_url, "--from", "2024-05-01", "--to", "31/05/2024", "--format", fmt, "--output", str(tmp_path)
    )
    assert result.exit_code == 0, result.output
    written = tmp_path / f"tong-hop-tuong-tac_2024-05-01_2024-05-31{suffix}"
    assert result.output.strip() == str(written) and written.stat().st_size > 1000
    if fmt == "csv":
        assert "summary.csv" in zipfile.ZipFile(written).namelist()


def test_a_campaign_alone_sets_the_period_and_english_is_asked_for(demo_url, tmp_path):
    target = tmp_path / "reports" / "peak.xlsx"
    result = export(
        demo_url, "--campaign", PEAK_CAMPAIGN, "--lang", "en", "--format", "xlsx", "--output", str(target)
    )
    assert result.exit_code == 0, result.output
    summary = openpyxl.load_workbook(target)["Summary"]
    values = {row[0].value: row[1].value for row in summary.iter_rows() if row[0].value}
    assert values["Period start"].date().isoformat() == "2024-05-13"
    assert values["Period end"].date().isoformat() == "2024-05-19"
    assert values["Health insurance"] == 1837 and values["Campaign"] == PEAK_CAMPAIGN


@pytest.mark.parametrize(
    "args,message",
    [
        (["--campaign", "Chiến dịch không có"], "No campaign named Chiến dịch không có"),
        (["--from", "2024-05-01", "--to", "2024-05-31", "--channel", "Zalo"], "No channel named Zalo"),
        (["--from", "2024-05-32", "--to", "2024-05-31"], "Not a date or time: 2024-05-32"),
        (["--from", "2024-05-31", "--to", "2024-05-01"], "The period ends (2024-05-01) before it starts"),
        (["--to", "2024-05-31"], "Give the period with --from and --to"),
    ],
)
def test_mistakes_get_one_clear_line_and_exit_code_1(sqlite_url, tmp_path, args, message):
    output = tmp_path / "out"
    command = [sys.executable, "-c", "from collector.cli import main; main()", "--db", sqlite_url, "export"]
    command += [*args, "--lang", "en", "--format", "xlsx", "--output", str(output)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert result.stderr.startswith("Error: ") and message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and not output.exists()


def test_an_unknown_format_is_refused(sqlite_url, tmp_path):
    result = export(
        sqlite_url,
        "--from",
        "2024-05-01",
        "--to",
        "2024-05-31",
        "--format",
        "pdf",
        "--lang",
        "en",
        "--output",
        str(tmp_path),
    )
    assert result.exit_code != 0 and "csv, xlsx, html or docx" in str(result.exception)


@pytest.mark.parametrize("fmt,suffix", [("csv", ".zip"), ("xlsx", ".xlsx"), ("html", ".html")])
def test_an_output_name_without_extension_gets_the_formats_own(demo_url, tmp_path, fmt, suffix):
    name = tmp_path / "bao-cao-thang-5.2024"  # a dot, but no file type
    result = export(
        demo_url, "--from", "2024-05-01", "--to", "2024-05-31", "--format", fmt, "--output", str(name)
    )
    assert result.exit_code == 0, result.output
    written = tmp_path / f"bao-cao-thang-5.2024{suffix}"
    assert result.output.strip() == str(written) and written.stat().st_size > 1000
    assert [path.name for path in tmp_path.iterdir()] == [written.name]
    upper = tmp_path / f"REPORT{suffix.upper()}"
    again = export(
        demo_url, "--from", "2024-05-01", "--to", "2024-05-31", "--format", fmt, "--output", str(upper)
    )
    assert again.exit_code == 0 and upper.exists()


@pytest.mark.parametrize(
    "fmt,name,message",
    [
        ("csv", "report.csv", "report.csv: the csv format writes a .zip file; name it report.zip or choose"),
        ("xlsx", "report.html", "report.html: the xlsx format writes a .xlsx file; name it report.xlsx"),
        ("html", "report.pdf", "report.pdf: the html format writes a .html file; name it report.html"),
    ],
)
def test_an_output_name_with_another_formats_extension_is_refused(sqlite_url, tmp_path, fmt, name, message):
    result = export(
        sqlite_url,
        "--from",
        "2024-05-01",
        "--to",
        "2024-05-31",
        "--format",
        fmt,
        "--lang",
        "en",
        "--output",
        str(tmp_path / "out" / name),
    )
    assert result.exit_code != 0 and message in str(result.exception)
    assert not (tmp_path / "out").exists()


def test_the_word_report_takes_its_letterhead_from_the_sources_file_and_the_options(
    demo_url, tmp_path, monkeypatch
):
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "no-chromium"))  # charts: tests/test_report_docx.py
    config = tmp_path / "sources.toml"
    config.write_text(
        '[report]\nagency = "BẢO HIỂM XÃ HỘI TỈNH HÀ GIANG"\nplace = "Hà Giang"\nsigner = "Lê Thị C"\n',
        encoding="utf-8",
    )
    result = export(
        demo_url,
        *("--from", "2024-05-01", "--to", "2024-05-31", "--format", "docx", "--output", str(tmp_path)),
        *("--config", str(config), "--signer-title", "PHÓ GIÁM ĐỐC"),
        *("--recipient", "Như trên", "--recipient", "Lưu: VT, TT"),
        *("--number", "27", "--signed-on", "03/06/2024"),
    )
    assert result.exit_code == 0, result.output
    written = tmp_path / "tong-hop-tuong-tac_2024-05-01_2024-05-31.docx"
    document = Document(written)
    agency, _ = document.tables[0].rows[0].cells
    assert "BẢO HIỂM XÃ HỘI TỈNH HÀ GIANG" in agency.text
    number, dated = document.tables[0].rows[1].cells
    assert number.text == "Số: 27/BC-BHXH" and "Hà Giang, ngày 03 tháng 6 năm 2024" in dated.text
    recipients, signature = document.tables[-1].rows[0].cells
    assert [p.text for p in recipients.paragraphs] == ["Nơi nhận:", "- Như trên;", "- Lưu: VT, TT."]
    assert signature.paragraphs[0].text == "PHÓ GIÁM ĐỐC" and signature.paragraphs[-1].text == "Lê Thị C"
    assert any("262" in p.text and "1.837" in p.text for p in document.paragraphs)


def test_the_demo_database_gives_the_demos_letterhead(demo_url, tmp_path, monkeypatch):
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "no-chromium"))
    monkeypatch.chdir(tmp_path)  # no ./sources.toml here
    target = tmp_path / "peak.docx"
    result = export(demo_url, "--campaign", PEAK_CAMPAIGN, "--format", "docx", "--output", str(target))
    assert result.exit_code == 0, result.output
    document = Document(target)
    assert "BẢO HIỂM XÃ HỘI TỈNH LÀO CAI" in document.tables[0].rows[0].cells[0].text
    today = fmt_document_date("Lào Cai", local_day(now_utc()), "vi")  # signed today, not on the last day
    assert today in document.tables[0].rows[1].cells[1].text
    days = "từ ngày 13/5/2024 đến ngày 19/5/2024"
    title = f"Kết quả công tác truyền thông chiến dịch “{PEAK_CAMPAIGN}” ({days})"
    assert title in [p.text for p in document.paragraphs]
