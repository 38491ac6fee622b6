"""Bad input: each case says what is wrong in one clear message and leaves the database unchanged."""

import csv
import io
import os
import threading
import unicodedata
from pathlib import Path

import pytest
from conftest import FIXTURES
from db_state import database_state
from openpyxl import Workbook

from collector.importer import ImportOptions, ImportRejected, import_bytes, import_file
from collector.plumbing.reading import FileProblem, read_sheet
from models.errors import UserError

EN = FIXTURES / "meta_business_suite" / "May-01-2024_May-31-2024_posts_en.csv"
VI = FIXTURES / "meta_business_suite" / "May-01-2024_May-20-2024_posts_vi.csv"
WIDE = FIXTURES / "enrolment" / "ket_qua_phat_trien_2024-05.csv"


@pytest.fixture
def loaded(engine):
    """A database that already holds the English export and the enrolment results."""
    import_file(engine, EN)
    import_file(engine, WIDE)
    return engine


def refused(engine, name: str, data: bytes, lang: str = "en", **options) -> str:
    """The one message importing ``data`` fails with, checking that the database did not change."""
    before = database_state(engine)
    with pytest.raises(UserError) as caught:
        import_bytes(engine, name, data, ImportOptions(lang=lang, **options))
    assert database_state(engine) == before
    return str(caught.value)


def damaged_by_excel(text: str) -> str:
    """The Vietnamese export after Excel turned the long Post IDs of rows 4 and 6 into 1.22158E+17."""
    rows = list(csv.reader(io.StringIO(text, newline="")))
    rows[3][0] = rows[5][0] = "1.22158E+17"
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue()


def test_a_file_of_unknown_kind(loaded):
    message = refused(loaded, "notes.csv", b"Name,Phone\nAn,0912\n")
    assert message == (
        "notes.csv: unknown kind of file (columns: Name, Phone); expected one of: Meta Business Suite posts "
        "export; YouTube Studio videos export (Table data); Zalo OA article statistics sheet; page daily "
        "series; communication activities; enrolment results (date, unit, …); unit list; campaigns; "
        "or name it with --kind."
    )


def test_an_empty_file_in_both_languages(loaded):
    assert refused(loaded, "empty.csv", b"") == "empty.csv: the file is empty."
    assert refused(loaded, "empty.csv", b"\xef\xbb\xbf\r\n \n", lang="vi") == "empty.csv: tệp rỗng."


def test_a_binary_file(loaded):
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
    assert refused(loaded, "photo.csv", png) == "photo.csv: not a CSV or XLSX file (binary content)."


def test_a_truncated_xlsx(loaded):
    workbook = Workbook()
    workbook.active.append(["Post ID", "Publish time"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    data = buffer.getvalue()
    message = refused(loaded, "posts.xlsx", data[: len(data) // 2])
    assert message == "posts.xlsx: the XLSX workbook is truncated or damaged; download or save it again."


def test_an_old_xls_workbook(loaded):
    message = refused(loaded, "posts.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500)
    assert message == "posts.xls: old Excel .xls format; save it as .xlsx or .csv and import it again."


def test_a_header_without_rows(loaded):
    header = EN.read_text(encoding="utf-8-sig").split("\n", 1)[0]
    assert refused(loaded, "posts.csv", header.encode()) == "posts.csv: no data rows."


def test_ids_damaged_into_scientific_notation_reject_the_file_naming_row_and_column(loaded):
    data = damaged_by_excel(VI.read_text(encoding="utf-8-sig")).encode("utf-8-sig")
    message = refused(loaded, VI.name, data)
    lines = message.splitlines()
    assert lines[1].startswith(f"{VI.name}: 2 bad rows, nothing imported (use --skip-bad-rows")
    assert lines[2] == (
        f"  {VI.name}:4: ID bài viết: ID damaged by Excel into scientific notation (1.22158E+17); "
        "download the export again and do not re-save it in Excel"
    )
    assert lines[3].startswith(f"  {VI.name}:6: ID bài viết: ID damaged")
    vi_message = refused(loaded, VI.name, data, lang="vi")
    assert f"{VI.name}:4: ID bài viết: ID đã bị Excel đổi sang dạng số mũ (1.22158E+17)" in vi_message


def test_ids_stored_as_numbers_in_an_xlsx_copy_are_rejected(loaded):
    workbook = Workbook()
    sheet = workbook.active
    with EN.open(encoding="utf-8-sig", newline="") as handle:
        for number, row in enumerate(csv.reader(handle)):
            sheet.append([float(row[0].replace("_", "")) if number else row[0], *row[1:]])
    buffer = io.BytesIO()
    workbook.save(buffer)
    with pytest.raises(ImportRejected) as caught:
        import_bytes(loaded, "posts.xlsx", buffer.getvalue())
    problem = caught.value.report.problems[0]
    assert (problem.row, problem.column, problem.key) == (2, "Post ID", "id_scientific")
    assert problem.values["value"].endswith("E+32")


def test_counts_that_are_not_numbers_or_negative(loaded):
    text = EN.read_text(encoding="utf-8-sig")
    text = text.replace(",Lifetime,5507,3254,", ",Lifetime,lots,3254,").replace(
        ",Lifetime,8394,", ",Lifetime,-8394,"
    )
    message = refused(loaded, EN.name, text.encode())
    assert f"{EN.name}:2: Views: not a whole number (lots)" in message
    assert f"{EN.name}:3: Views: negative count (-8394)" in message


def test_an_enrolment_row_with_a_bad_date_and_a_duplicate(loaded):
    text = "Ngày,Đơn vị,BHYT\n32/05/2024,Bát Xát,4\n01/06/2024,Sa Pa,2\n01/06/2024,Sa Pa,3\n"
    message = refused(loaded, "kq.csv", text.encode(), lang="vi")
    assert "kq.csv:2: Ngày: không phải ngày (32/05/2024); dùng YYYY-MM-DD hoặc dd/mm/yyyy" in message
    assert "kq.csv:4: BHYT: trùng ngày, đơn vị và loại với dòng 3" in message


def test_a_forced_kind_the_file_does_not_match(loaded):
    message = refused(
        loaded, "Views.csv", (FIXTURES / "meta_business_suite" / "Views.csv").read_bytes(), kind="posts"
    )
    assert (
        message == "Views.csv: not Meta Business Suite posts export: missing columns Post ID, Publish time."
    )


def test_a_page_series_for_an_unknown_channel(loaded):
    data = (FIXTURES / "meta_business_suite" / "Views.csv").read_bytes()
    message = refused(loaded, "Views.csv", data, channel="Không có")
    assert message.startswith("No channel named Không có; known channels: Bảo hiểm xã hội tỉnh Lào Cai")


def test_a_page_series_before_any_page_is_known(engine):
    data = (FIXTURES / "meta_business_suite" / "Views.csv").read_bytes()
    assert refused(engine, "Views.csv", data).startswith(
        "Views.csv: cannot tell which Page this file belongs to"
    )


def test_an_unknown_time_zone(loaded):
    assert refused(loaded, EN.name, VI.read_bytes(), timezone="Mars/Olympus") == (
        "Unknown time zone: Mars/Olympus (for example Asia/Ho_Chi_Minh)."
    )


def test_skip_bad_rows_imports_the_good_ones_and_writes_the_rejected_ones_beside_the_database(
    engine, tmp_path
):
    data = damaged_by_excel(VI.read_text(encoding="utf-8-sig")).encode("utf-8-sig")
    report = import_bytes(engine, VI.name, data, ImportOptions(skip_bad_rows=True, lang="en"))
    assert (report.new, report.rejected, report.new_snapshots) == (22, 2, 22)
    assert report.rejects_path is not None and report.rejects_path.name.startswith(
        "May-01-2024_May-20-2024_posts_vi.rejected-"
    )
    if engine.dialect.name == "sqlite":
        assert report.rejects_path.parent == tmp_path
    with report.rejects_path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][:3] == ["row", "problems", "ID bài viết"]
    assert [row[0] for row in rows[1:]] == ["4", "6"]
    assert rows[1][1].startswith("ID bài viết: ID damaged by Excel") and rows[1][2] == "1.22158E+17"
    assert f"rejected rows and reasons written to {report.rejects_path}" in "\n".join(report.lines("en"))


def cp1258(text: str) -> bytes:
    """``text`` as a Vietnamese Windows (cp1258) file: base letters precomposed, tones combining."""
    tones = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
    out = b""
    for char in unicodedata.normalize("NFC", text):
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
            out += (base + "".join(c for c in parts if c in tones)).encode("cp1258")
    return out


def test_windows_code_pages_and_utf16_are_detected_and_said():
    text = WIDE.read_text(encoding="utf-8-sig")
    sheet = read_sheet("kq.csv", cp1258(text))
    assert sheet.encoding == "cp1258" and sheet.header[1] == "Đơn vị" and len(sheet.rows) == 279
    assert read_sheet("c.csv", "Date,Unit,Café Société\n".encode("cp1252")).encoding == "cp1252"
    assert read_sheet("kq.csv", text.encode("utf-16-le")).encoding == "utf-16-le"
    assert read_sheet("kq.csv", ("sep=;\n" + text.replace(",", ";")).encode("utf-16")).header[1] == "Đơn vị"


def test_file_problems_can_be_shown_in_either_language():
    with pytest.raises(FileProblem) as caught:
        read_sheet("x.csv", b"")
    assert (caught.value.render("vi"), caught.value.render("en")) == (
        "x.csv: tệp rỗng.",
        "x.csv: the file is empty.",
    )


# --- Bad input that broke a promise (issue 15): each case refused in one line, nothing changed. ---


def en_rows() -> list[list[str]]:
    with EN.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def csv_text(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue()


def test_a_posts_export_cut_off_inside_a_caption_is_refused_and_no_caption_changes(loaded):
    # The third post's two-line description moved to the last column, the file cut inside it.
    rows = [[*row[:4], *row[5:], row[4]] for row in en_rows()[:4]]
    text = csv_text(rows)
    cut = text[: text.index("Nhận lương hưu qua tài khoản: an toàn, nhanh chóng, liên hệ") + 20]
    for lang, expected in (
        ("en", "posts.csv: the file ends in the middle of a row: download it again."),
        ("vi", "posts.csv: tệp kết thúc giữa chừng một dòng (tệp bị cắt cụt): hãy tải lại tệp."),
    ):
        assert refused(loaded, "posts.csv", cut.encode(), lang=lang) == expected


def test_a_file_whose_last_row_has_fewer_fields_than_the_header_is_refused(loaded):
    text = EN.read_text(encoding="utf-8-sig")
    cut = text[: text.index(",Videos,", text.index("122100000000031676")) + 1]
    message = refused(loaded, EN.name, cut.encode(), skip_bad_rows=True)
    assert message == f"{EN.name}: the file ends in the middle of a row: download it again."
    enrolment = "date,unit,category,count\n2024-05-01,Sa Pa,health_insurance,5\n2024-05-02,Sa Pa"
    assert "ends in the middle of a row" in refused(loaded, "kq.csv", enrolment.encode())


def test_a_complete_file_with_short_rows_throughout_is_not_taken_for_a_cut_one(engine):
    text = "date,unit,category,count,note\n2024-05-01,Sa Pa,BHYT,5\n2024-05-02,Sa Pa,BHYT,3\n"
    report = import_bytes(engine, "kq.csv", text.encode())
    assert (report.status, report.new) == ("imported", 2)


def test_dates_in_year_1_or_9999_are_bad_rows_not_a_crash(loaded):
    text = EN.read_text(encoding="utf-8-sig")
    text = text.replace("05/01/2024 20:30", "01/01/0001 00:00").replace(
        "05/02/2024 09:30", "12/31/9999 23:59"
    )
    message = refused(loaded, EN.name, text.encode())
    assert (
        f"{EN.name}:2: Publish time: date out of range (01/01/0001 00:00); the year must be between 1970 "
        "and 2100"
    ) in message
    assert f"{EN.name}:3: Publish time: date out of range (12/31/9999 23:59)" in message
    enrolment = "Ngày,Đơn vị,BHYT\n01/01/0001,Bát Xát,4\n31/12/9999,Sa Pa,2\n"
    message = refused(loaded, "kq.csv", enrolment.encode(), lang="vi")
    assert "kq.csv:2: Ngày: ngày ngoài khoảng cho phép (01/01/0001); năm phải từ 1970 đến 2100" in message


def test_a_count_beyond_a_64_bit_integer_is_a_bad_row_even_with_skip_bad_rows(loaded):
    text = EN.read_text(encoding="utf-8-sig").replace(",Lifetime,5507,", ",Lifetime,99999999999999999999,")
    message = refused(loaded, EN.name, text.encode())
    assert f"{EN.name}:2: Views: number too large (99999999999999999999); at most 2147483647" in message
    report = import_bytes(loaded, EN.name, text.encode(), ImportOptions(skip_bad_rows=True, lang="en"))
    assert (report.rejected, report.unchanged + report.updated) == (1, 39)
    assert report.problems[0].render(EN.name, "en").startswith(f"{EN.name}:2: Views: number too large")


def test_sums_too_large_for_the_database_refuse_the_file_whole(loaded):
    """Each count fits, their sum (interactions in the daily rollup) may not on PostgreSQL."""
    big = "2000000000"
    text = EN.read_text(encoding="utf-8-sig").replace(
        ",Lifetime,5507,3254,121,89,17,15,", f",Lifetime,5507,3254,{big},{big},{big},{big},"
    )
    name = "May-01-2024_Jun-01-2024_posts.csv"  # a later snapshot, so the rollup is refreshed
    before = database_state(loaded)
    try:
        report = import_bytes(loaded, name, text.encode(), ImportOptions(lang="en"))
    except UserError as error:
        assert str(error) == f"{name}: a number is too large for the database, nothing imported; " + (
            "check the file's numbers."
        )
        assert database_state(loaded) == before
    else:  # SQLite holds 64-bit sums
        assert loaded.dialect.name == "sqlite" and report.status == "imported"


def test_days_in_the_future_are_bad_rows_naming_the_row(loaded):
    enrolment = "date,unit,category,count\n2024-05-01,Sa Pa,BHYT,5\n2030-05-01,Sa Pa,BHYT,3\n"
    message = refused(loaded, "kq.csv", enrolment.encode())
    assert "kq.csv:3: date: a day after today (2030-05-01); results cannot come from the future" in message
    text = EN.read_text(encoding="utf-8-sig").replace("05/02/2024 09:30", "06/15/2024 09:30")
    message = refused(loaded, EN.name, text.encode())
    assert (
        f"{EN.name}:3: Publish time: published after the counts were taken (2024-05-31 23:59); check "
        "the date or --as-of"
    ) in message
    views = "Date,Primary\n2024-05-01,16209\n2030-01-01,5\n"
    assert "Views.csv:3: Date: a day after today (2030-01-01)" in refused(loaded, "Views.csv", views.encode())


def import_in_thread(engine, path) -> str:
    """The message importing ``path`` fails with, within 10 s (a FIFO once blocked forever)."""
    outcome: list[str] = []

    def attempt() -> None:
        try:
            import_file(engine, path, ImportOptions(lang="en"))
        except UserError as error:
            outcome.append(str(error))

    worker = threading.Thread(target=attempt, daemon=True)
    worker.start()
    worker.join(10)
    assert not worker.is_alive(), f"importing {path} blocked"
    return outcome[0]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs and /dev/zero are POSIX")
def test_devices_and_fifos_are_refused_without_reading_or_waiting(loaded, tmp_path):
    before = database_state(loaded)
    assert import_in_thread(loaded, Path("/dev/zero")) == (
        "zero: not a regular file (a device, pipe or socket); give the path of a CSV or XLSX file."
    )
    fifo = tmp_path / "export.csv"
    os.mkfifo(fifo)
    assert import_in_thread(loaded, fifo).startswith("export.csv: not a regular file")
    assert database_state(loaded) == before


def test_a_sparse_multi_gigabyte_file_is_refused_by_its_size_before_reading(loaded, tmp_path):
    huge = tmp_path / "posts.csv"
    with huge.open("wb") as handle:
        handle.write(EN.read_bytes())
        handle.truncate(3 * 1024**3)  # sparse: 3 GB on paper, a few KB on disk
    assert import_in_thread(loaded, huge) == (
        "posts.csv: the file is 3072.0 MB, over the 20 MB limit; export a shorter period."
    )
