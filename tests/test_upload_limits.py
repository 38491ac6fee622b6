"""Upload limits: too large, archives and non-workbook ZIPs are refused before reading, and a formula
in a workbook gives its stored result, never a computed one."""

import gzip
import io
import zipfile

import pytest
import xlsxwriter
from sqlalchemy import select

from collector.importer import ImportOptions, import_bytes
from collector.plumbing.reading import FileProblem
from collector.upload_limits import MAX_UPLOAD_ENV, check_file, max_upload_mb
from models.errors import UserError
from models.tables import EnrolmentResult, ImportedFile

CSV = "date,unit,category,count\n2024-05-13,Bát Xát,voluntary_si,30\n".encode()


def refused(engine, name: str, data: bytes) -> str:
    with pytest.raises(UserError) as caught:
        import_bytes(engine, name, data, ImportOptions(lang="en"))
    with engine.connect() as connection:
        assert connection.execute(select(ImportedFile.id)).first() is None
    return str(caught.value)


def zipped(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def test_a_file_over_the_size_limit_is_refused(engine, monkeypatch):
    monkeypatch.setenv(MAX_UPLOAD_ENV, "1")
    assert max_upload_mb() == 1
    padded = CSV + "2024-05-14,Bát Xát,voluntary_si,1\n".encode() * 40_000
    message = refused(engine, "big.csv", padded)
    assert message.startswith("big.csv: the file is 1.") and "over the 1 MB limit" in message


def test_the_limit_defaults_to_20_mb():
    assert max_upload_mb({}) == 20 and max_upload_mb({MAX_UPLOAD_ENV: "nonsense"}) == 20
    assert max_upload_mb({MAX_UPLOAD_ENV: "50"}) == 50


def test_archives_other_than_a_workbook_are_refused(engine):
    for name, data in [
        ("results.zip", zipped({"results.csv": CSV})),
        ("report.docx", zipped({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w/>"})),
        ("results.csv.gz", gzip.compress(CSV)),
    ]:
        assert "an archive, not an XLSX workbook" in refused(engine, name, data)


def test_a_workbook_that_unpacks_to_a_bomb_is_refused():
    bomb = zipped(
        {"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<w/>", "xl/big.xml": b"0" * 60_000_000}
    )
    with pytest.raises(FileProblem) as caught:
        check_file("bomb.xlsx", bomb)
    assert caught.value.key == "file_archive"


def test_a_formula_gives_its_stored_result_and_is_never_computed(engine):
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer)
    sheet = workbook.add_worksheet()
    sheet.write_row(0, 0, ["date", "unit", "category", "count"])
    sheet.write_row(1, 0, ["2024-05-13", "Bát Xát", "voluntary_si"])
    sheet.write_formula(1, 3, "=1+1", None, 7)  # the workbook says 7; computing it would give 2
    workbook.close()
    report = import_bytes(engine, "results.xlsx", buffer.getvalue(), ImportOptions(lang="en"))
    assert report.status == "imported"
    with engine.connect() as connection:
        assert connection.execute(select(EnrolmentResult.count)).scalar_one() == 7


def test_the_dashboard_upload_box_has_the_same_limit(monkeypatch):
    from dashboard.server import streamlit_command

    monkeypatch.setenv(MAX_UPLOAD_ENV, "5")
    command = streamlit_command("127.0.0.1", 8501)
    assert command[command.index("--server.maxUploadSize") + 1] == "5"
