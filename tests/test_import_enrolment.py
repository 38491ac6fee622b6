"""Importing enrolment results (long and wide, English and Vietnamese) and the campaigns file."""

import io
from datetime import date

from conftest import FIXTURES
from openpyxl import Workbook
from sqlalchemy import func, select

from collector.importer import ImportOptions, import_bytes, import_file
from collector.sheets.enrolment import category_code, parse_targets
from models.tables import Campaign, EnrolmentResult

LONG = FIXTURES / "enrolment" / "enrolment_2024-05_long.csv"
WIDE = FIXTURES / "enrolment" / "ket_qua_phat_trien_2024-05.csv"
CAMPAIGNS = FIXTURES / "campaigns_2024-05.csv"


def enrolment_rows(engine) -> list[tuple]:
    columns = (EnrolmentResult.day, EnrolmentResult.unit, EnrolmentResult.category, EnrolmentResult.count)
    with engine.connect() as connection:
        return connection.execute(select(*columns).order_by(*columns[:3])).all()


def peak_week_sums(engine) -> dict[str, int]:
    query = (
        select(EnrolmentResult.category, func.sum(EnrolmentResult.count))
        .where(EnrolmentResult.day.between(date(2024, 5, 13), date(2024, 5, 19)))
        .group_by(EnrolmentResult.category)
    )
    with engine.connect() as connection:
        return {category: int(total) for category, total in connection.execute(query)}


def test_the_long_and_the_wide_file_give_identical_rows(engine):
    long = import_file(engine, LONG)
    assert (long.kind, long.detail, long.language, long.new) == ("enrolment", "long", "en", 1116)
    from_long = enrolment_rows(engine)
    wide = import_file(engine, WIDE)
    assert (wide.detail, wide.language, wide.new, wide.updated, wide.unchanged) == ("wide", "vi", 0, 0, 1116)
    assert enrolment_rows(engine) == from_long


def test_the_seven_peak_days_sum_to_262_1837_519_101(engine):
    import_file(engine, WIDE)
    assert peak_week_sums(engine) == {
        "voluntary_si": 262,
        "health_insurance": 1837,
        "vssid_install": 519,
        "non_cash": 101,
    }


def test_a_corrected_sheet_replaces_values_and_says_how_many_changed(engine):
    import_file(engine, LONG)
    text = LONG.read_text(encoding="utf-8").replace(
        "2024-05-01,Thành phố Lào Cai,health_insurance,5", "2024-05-01,Thành phố Lào Cai,health_insurance,7"
    )
    report = import_bytes(engine, "corrected.csv", text.encode("utf-8"))
    assert (report.new, report.updated, report.unchanged) == (0, 1, 1115)
    assert "1 updated" in report.lines("en")[1]


def test_an_xlsx_wide_sheet_with_dates_as_excel_dates_and_an_extra_category(engine):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["STT", "Ngày", "Đơn vị", "BHYT", "BHXH bắt buộc", "Ghi chú"])
    sheet.append([1, date(2024, 5, 13), "Bát Xát", 12, 3, "đợt 1"])
    sheet.append([2, date(2024, 5, 13), "Sa Pa", None, 1, None])
    buffer = io.BytesIO()
    workbook.save(buffer)
    report = import_bytes(engine, "ket_qua.xlsx", buffer.getvalue())
    assert (report.encoding, report.kind, report.new) == ("xlsx", "enrolment", 3)
    assert enrolment_rows(engine) == [
        (date(2024, 5, 13), "Bát Xát", "bhxh_bat_buoc", 3),
        (date(2024, 5, 13), "Bát Xát", "health_insurance", 12),
        (date(2024, 5, 13), "Sa Pa", "bhxh_bat_buoc", 1),
    ]


def test_vietnamese_category_names_and_targets():
    assert category_code("Cài đặt VssID") == "vssid_install"
    assert category_code("Nhận lương hưu, trợ cấp không dùng tiền mặt") == "non_cash"
    assert parse_targets("BHYT=1.800; voluntary_si=250") == {"health_insurance": 1800, "voluntary_si": 250}
    assert parse_targets("") is None


def test_the_campaigns_file_creates_campaigns_with_targets(engine):
    report = import_file(engine, CAMPAIGNS, ImportOptions(lang="en"))
    assert (report.kind, report.new) == ("campaigns", 3)
    with engine.connect() as connection:
        peak = connection.execute(
            select(Campaign.start_date, Campaign.end_date, Campaign.targets).where(
                Campaign.name == "7 ngày cao điểm tuyên truyền nhóm nhỏ"
            )
        ).one()
    assert peak == (date(2024, 5, 13), date(2024, 5, 19), {"voluntary_si": 250, "health_insurance": 1800})
    changed = CAMPAIGNS.read_text(encoding="utf-8").replace("2024-05-31,\n", "2024-06-01,\n", 1)
    again = import_bytes(engine, "campaigns.csv", changed.encode("utf-8"))
    assert (again.new, again.updated, again.unchanged) == (0, 1, 2)


def test_a_vietnamese_campaigns_file_with_day_first_dates(engine):
    text = "Tên chiến dịch,Từ ngày,Đến ngày,Chỉ tiêu\nTuần lễ vàng,25/05/2024,31/05/2024,BHYT=500\n"
    report = import_bytes(engine, "chien_dich.csv", text.encode("utf-8"))
    assert (report.kind, report.language, report.new) == ("campaigns", "vi", 1)
