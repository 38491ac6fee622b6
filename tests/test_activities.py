"""The office's activity sheets: Vietnamese and English, corrected and re-imported, and bad ones refused."""

import csv
import io
import shutil
from datetime import date, timedelta

import pytest
from conftest import FIXTURES
from db_state import database_state
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from collector.demo import ACTIVITIES, CAMPAIGNS
from collector.export_sources import run_export_folder
from collector.importer import ImportOptions, ImportRejected, detect_kind, import_bytes, import_file
from collector.plumbing.reading import read_sheet
from collector.sheets.activities import kind_code, parse_activities
from models.activities import KIND_NAMES, ActivityRecord, activities
from models.metrics import Scope
from models.store import save_campaign
from models.tables import ACTIVITY_KINDS, Activity, ActivityResult

VI_SHEET = FIXTURES / "activities" / "hoat_dong_thang5.xlsx"
EN_SHEET = FIXTURES / "activities" / "activities_2024-05_en.csv"
MAY = Scope(date(2024, 5, 1), date(2024, 5, 31))


@pytest.fixture
def with_campaigns(engine):
    with engine.begin() as connection:
        for campaign in CAMPAIGNS:
            save_campaign(connection, campaign)
    return engine


def stored(engine) -> list[ActivityRecord]:
    """The activities in the database, as records (to compare with what the sheet said)."""
    with engine.connect() as connection:
        frame = activities(connection, MAY)
    records = []
    for row in frame.astype(object).where(frame.notna(), None).to_dict("records"):
        results = {
            column.removeprefix("on_spot_"): row[column]
            for column in frame.columns
            if column.startswith("on_spot_") and row[column] is not None
        }
        records.append(
            ActivityRecord(
                row["name"],
                row["kind"],
                row["start_day"],
                row["end_day"],
                row["unit"],
                row["venue"],
                row["attendance"],
                results,
                row["campaign"],
                row["note"],
            )
        )
    return records


def by_key(records) -> dict:
    return {record.key: record for record in records}


def test_every_kind_has_a_vietnamese_and_an_english_name():
    assert set(KIND_NAMES) == set(ACTIVITY_KINDS)
    assert kind_code("Biểu diễn văn nghệ") == "art_performance"
    assert kind_code("GIAN HANG TU VAN") == "booth"
    assert kind_code("Tuyên truyền nhóm nhỏ tại thôn Nậm Cang") == "small_group"
    assert kind_code("Lễ phát động kết hợp văn nghệ") == "launch"
    assert kind_code("Radio") == "press" and kind_code("Zalo") == "messaging"
    assert kind_code("múa lân") is None


def test_the_vietnamese_sheet_imports_every_activity_with_its_values(with_campaigns):
    engine = with_campaigns
    report = import_file(engine, VI_SHEET, ImportOptions(lang="vi"))
    assert (report.kind, report.language, report.encoding, report.new) == ("activities", "vi", "xlsx", 11)
    assert "danh sách hoạt động truyền thông, tiêu đề tiếng Việt" in report.lines("vi")[0]
    assert by_key(stored(engine)) == by_key(ACTIVITIES)
    booth = next(r for r in stored(engine) if r.kind == "booth")
    assert (booth.start_day, booth.unit, booth.attendance) == (date(2024, 5, 21), "Thành phố Lào Cai", 68)
    launch = next(r for r in stored(engine) if r.kind == "launch")
    assert (launch.unit, sum(launch.results.values())) == ("", 136)  # province-wide, 136 on day one
    with engine.connect() as connection:
        sources = set(connection.execute(select(Activity.source)).scalars())
    assert sources == {"import"}


def test_the_english_sheet_gives_the_same_activities(with_campaigns):
    engine = with_campaigns
    report = import_file(engine, EN_SHEET, ImportOptions(lang="en"))
    assert (report.kind, report.language, report.new) == ("activities", "en", 11)
    assert by_key(stored(engine)) == by_key(ACTIVITIES)
    again = import_file(engine, VI_SHEET)
    assert (again.new, again.updated, again.unchanged) == (0, 0, 11)


def test_a_corrected_sheet_updates_its_activities_without_duplicating_them(with_campaigns):
    engine = with_campaigns
    import_file(engine, EN_SHEET)
    text = EN_SHEET.read_text(encoding="utf-8")
    corrected = text.replace(
        "Trung tâm Dịch vụ việc làm tỉnh Lào Cai,68,,2,7", "Trung tâm Dịch vụ việc làm,72,4,2,"
    )
    assert corrected != text
    report = import_bytes(
        engine, "activities_corrected.csv", corrected.encode("utf-8"), ImportOptions(lang="en")
    )
    assert (report.new, report.updated, report.unchanged) == (0, 1, 10)
    booth = next(r for r in stored(engine) if r.kind == "booth")
    assert (booth.venue, booth.attendance, booth.results) == (
        "Trung tâm Dịch vụ việc làm",
        72,
        {"health_insurance": 4, "voluntary_si": 2},
    )
    with engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(Activity)).scalar_one() == 11
        booth_results = connection.execute(
            select(func.count()).select_from(ActivityResult).join(Activity).where(Activity.kind == "booth")
        ).scalar_one()
    assert booth_results == 2  # the VssID result the correction emptied is gone
    assert import_bytes(engine, "again.csv", corrected.encode("utf-8")).status == "already_imported"


BAD_SHEET = (
    "Hoạt động,Hình thức,Ngày,Đơn vị,Số người tham dự,BHYT,Chiến dịch\n"
    "Hội nghị tại xã Y Tý,Hội nghị,23/05/2024,Bát Xát,95,5,\n"
    "Múa lân,Múa lân,24/05/2024,Bát Xát,10,,\n"
    "Gian hàng,Gian hàng,31/02/2024,Bảo Yên,20,,\n"
    "Văn nghệ,Văn nghệ,25/05/2024,Bắc Hà,-3,x,\n"
    "Hội nghị tại xã Y Tý,Hội nghị,23/05/2024,Bát Xát,95,5,\n"
    "Đối thoại,Đối thoại,28/05/2024,Si Ma Cai,80,3,Chiến dịch không có\n"
    ",Khác,28/05/2024,,,,\n"
)


def test_the_watched_folder_imports_the_activity_sheet_like_any_file(with_campaigns, tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(VI_SHEET, inbox / VI_SHEET.name)
    result = run_export_folder(with_campaigns, "exports", inbox)
    assert result.status == "ok"
    assert (inbox / "processed" / VI_SHEET.name).exists()
    assert by_key(stored(with_campaigns)) == by_key(ACTIVITIES)


def test_a_sheet_with_bad_rows_is_refused_naming_each_cell_and_changes_nothing(with_campaigns):
    engine = with_campaigns
    before = database_state(engine)
    with pytest.raises(ImportRejected) as refused:
        import_bytes(engine, "hoat_dong.csv", BAD_SHEET.encode("utf-8"), ImportOptions(lang="en"))
    text = str(refused.value)
    assert "hoat_dong.csv: 6 bad rows, nothing imported" in text
    for line in (
        "hoat_dong.csv:3: Hình thức: unknown kind of activity (Múa lân); use one of: Biểu diễn văn nghệ,",
        "hoat_dong.csv:4: Ngày: not a date (31/02/2024)",
        "hoat_dong.csv:5: Số người tham dự: negative count (-3)",
        "hoat_dong.csv:5: BHYT: not a whole number (x)",
        "hoat_dong.csv:6: Hoạt động: same name, first day and unit as row 2",
        "hoat_dong.csv:7: Chiến dịch: no campaign named Chiến dịch không có; create it first",
        "hoat_dong.csv:8: Hoạt động: empty, a value is required",
    ):
        assert line in text, text
    assert database_state(engine) == before
    vietnamese = refused.value.report.lines("vi")
    assert any(
        "hoat_dong.csv:3: Hình thức: không rõ hình thức hoạt động (Múa lân)" in line for line in vietnamese
    )


def test_skip_bad_rows_imports_the_good_ones(with_campaigns, tmp_path):
    engine = with_campaigns
    options = ImportOptions(lang="en", skip_bad_rows=True, rejects_dir=tmp_path)
    report = import_bytes(engine, "hoat_dong.csv", BAD_SHEET.encode("utf-8"), options)
    assert (report.new, report.rejected) == (1, 6)
    assert [record.name for record in stored(engine)] == ["Hội nghị tại xã Y Tý"]
    assert report.rejects_path is not None and report.rejects_path.exists()


def test_a_sheet_without_a_name_column_is_not_an_activities_sheet(engine):
    enrolment = read_sheet("x.csv", "Ngày,Đơn vị,BHYT\n13/05/2024,Bát Xát,12\n".encode())
    assert detect_kind(enrolment) == "enrolment"
    forced = "Ngày,Đơn vị,BHYT\n13/05/2024,Bát Xát,12\n".encode()
    with pytest.raises(Exception, match="Hoạt động / Activity"):
        import_bytes(engine, "x.csv", forced, ImportOptions(kind="activities", lang="en"))


# --- the parser, for any sheet a person could write ----------------------------------------------

RESULT_CATEGORIES = ("voluntary_si", "health_insurance", "vssid_install")
VI_HEADERS = {
    "name": "Hoạt động",
    "kind": "Hình thức",
    "start": "Từ ngày",
    "end": "Đến ngày",
    "unit": "Đơn vị",
    "venue": "Địa điểm",
    "attendance": "Số người tham dự",
    "voluntary_si": "BHXH tự nguyện",
    "health_insurance": "BHYT",
    "vssid_install": "Cài đặt VssID",
    "note": "Ghi chú",
}
EN_HEADERS = {
    "name": "Activity",
    "kind": "Kind",
    "start": "Start",
    "end": "End",
    "unit": "Unit",
    "venue": "Venue",
    "attendance": "Attendance",
    "voluntary_si": "Voluntary social insurance",
    "health_insurance": "Health insurance",
    "vssid_install": "VssID installs",
    "note": "Note",
}
words = st.text(alphabet="abcdeđăâơưôêáàảãạéèẻẽẹ ABCĐ,;\"'0123456789", min_size=1, max_size=30).filter(
    lambda text: text.strip() != "" and not text.strip().startswith(("=", "+", "-", "@"))
)
days = st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31))


@st.composite
def activity_records(draw) -> ActivityRecord:
    start = draw(days)
    end = start + timedelta(days=draw(st.integers(0, 10)))
    counts = st.none() | st.integers(0, 100_000)
    results = {c: draw(counts) for c in ("voluntary_si", "health_insurance", "vssid_install")}
    return ActivityRecord(
        name=" ".join(draw(words).split()),
        kind=draw(st.sampled_from(ACTIVITY_KINDS)),
        start_day=start,
        end_day=end,
        unit=" ".join(draw(words).split()) if draw(st.booleans()) else "",
        venue=" ".join(draw(words).split()) if draw(st.booleans()) else None,
        attendance=draw(counts),
        results={c: n for c, n in results.items() if n is not None},
        note=" ".join(draw(words).split()) if draw(st.booleans()) else None,
    )


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    records=st.lists(activity_records(), max_size=8, unique_by=lambda record: record.key),
    lang=st.sampled_from(["vi", "en"]),
    order=st.randoms(use_true_random=False),
    case=st.sampled_from([str, str.upper, str.lower]),
    day_first=st.booleans(),
)
def test_any_sheet_written_in_either_language_and_any_column_order_reads_back(
    records, lang, order, case, day_first
):
    headers = VI_HEADERS if lang == "vi" else EN_HEADERS
    fields = list(headers)
    order.shuffle(fields)
    shown_day = (lambda day: day.strftime("%d/%m/%Y")) if day_first else date.isoformat
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([case(headers[name]) for name in fields])
    for record in records:
        values = {
            "name": record.name,
            "kind": KIND_NAMES[record.kind][0 if lang == "vi" else 1],
            "start": shown_day(record.start_day),
            "end": shown_day(record.end_day),
            "unit": record.unit,
            "venue": record.venue or "",
            "attendance": "" if record.attendance is None else f"{record.attendance:,}",
            "note": record.note or "",
            **{
                c: str(record.results.get(c, ""))
                for c in ("voluntary_si", "health_insurance", "vssid_install")
            },
        }
        writer.writerow([values[name] for name in fields])
    if not records:
        writer.writerow([""] * len(fields))
    sheet = read_sheet("hoat_dong.csv", buffer.getvalue().encode("utf-8"))
    parsed = parse_activities(sheet)
    assert parsed.findings.problems == []
    assert parsed.records == records
    assert parsed.language == lang
