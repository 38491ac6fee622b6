"""The figures the director signs: one definition each, the same on every page, export and report."""

import io
from dataclasses import replace
from datetime import date

import pytest
from docx import Document

from collector.demo import DEMO_REPORT_SETTINGS
from collector.demo import PEAK_WEEK as PEAK_WEEK_NAME
from collector.importer import ImportOptions, ImportRejected, import_bytes
from dashboard import exports, report_narrative
from dashboard.exports.docx import to_docx
from dashboard.exports.xlsx import EXCEL_FORMATS
from models import impact, metrics
from models.auth import audit_events
from models.categories import new_participants, other_results, participant_categories
from models.i18n import fmt_int, fmt_p_value, significant
from models.metrics import Scope
from models.periods import calendar_name, comparison_periods, period_label
from models.report_notes import report_notes, save_report_notes, starting_notes
from models.summary import build_summary

PEAK_WEEK = Scope(date(2024, 5, 13), date(2024, 5, 19))
PARTICIPANTS = 262 + 1837  # voluntary social insurance + health insurance
OTHERS = 519 + 101  # VssID installs + non-cash payment: never added to the participants


def column(table: exports.Table, key: str) -> list:
    index = [c.key for c in table.columns].index(key)
    return [row[index] for row in table.rows]


def test_new_participants_of_the_seven_peak_days_are_262_plus_1837_everywhere(demo_engine):
    with demo_engine.connect() as connection:
        kpis = metrics.kpis(connection, PEAK_WEEK)
        daily = metrics.daily(connection, PEAK_WEEK)
        coverage = metrics.coverage(connection, PEAK_WEEK)
        campaigns = metrics.campaign_table(connection, PEAK_WEEK)
        summary = build_summary(connection, PEAK_WEEK, campaign=PEAK_WEEK_NAME)
    peak = campaigns[campaigns.name == PEAK_WEEK_NAME].iloc[0]
    assert (kpis["enrolments"]["value"], kpis["other_results"]["value"]) == (PARTICIPANTS, OTHERS)
    assert (daily.enrolments.sum(), daily.other_results.sum()) == (PARTICIPANTS, OTHERS)
    assert coverage.enrolments.sum() == PARTICIPANTS
    assert (peak.enrolments, peak.other_results) == (PARTICIPANTS, OTHERS)
    # The exports: units table, campaign table, daily sheet, key figures.
    units = exports.enrolment_table(summary, "vi")
    assert (sum(column(units, "enrolments")), sum(column(units, "other_results"))) == (PARTICIPANTS, OTHERS)
    campaign_rows = exports.campaigns_table(summary, "vi")
    by_name = dict(zip(column(campaign_rows, "name"), column(campaign_rows, "enrolments"), strict=True))
    assert by_name[PEAK_WEEK_NAME] == PARTICIPANTS
    assert sum(column(exports.daily_table(summary, "vi"), "enrolments")) == PARTICIPANTS
    assert summary.kpis["enrolments"]["value"] == PARTICIPANTS
    # The Word report's sentences: the total of participants, the others beside it.
    overall = report_narrative.overall_paragraph(summary, "vi")
    assert "có 2.099 người tham gia mới (phát triển mới 262 người tham gia BHXH tự nguyện" in overall
    assert "kết quả khác, không cộng vào số người tham gia: hướng dẫn 519 người cài đặt" in overall
    assert "2.719" not in overall and "2.719" not in " ".join(
        report_narrative.campaign_paragraphs(summary, "vi")
    )


def test_the_definitions_are_one_function_each():
    per_category = {"voluntary_si": 262, "health_insurance": 1837, "vssid_install": 519, "non_cash": 101}
    participants = {"voluntary_si", "health_insurance"}
    assert new_participants(per_category, participants) == PARTICIPANTS
    assert other_results(per_category, participants) == OTHERS


LONG_SHEET = """date,unit,category,count,class
2024-05-02,Bảo Thắng,BHXH bắt buộc,5,người tham gia
2024-05-02,Bảo Thắng,BHYT,10,
2024-05-02,Bảo Thắng,Tờ rơi phát ra,300,
"""


def test_an_office_marks_a_new_category_as_participants_in_its_enrolment_sheet(engine):
    report = import_bytes(engine, "ket_qua.csv", LONG_SHEET.encode("utf-8"))
    assert report.new == 3
    with engine.connect() as connection:
        figures = metrics.totals(connection, Scope(date(2024, 5, 2), date(2024, 5, 2)))
        assert "bhxh_bat_buoc" in participant_categories(connection)
    # BHXH bắt buộc joins BHYT among participants; the unmarked leaflets are another result.
    assert (figures["enrolments"], figures["other_results"]) == (15, 300)


def test_a_wide_sheet_marks_a_category_in_its_header(engine):
    sheet = "Ngày,Đơn vị,BHYT,BHXH bắt buộc (người tham gia),Cài VssID\n02/05/2024,Bắc Hà,4,2,7\n"
    import_bytes(engine, "rong.csv", sheet.encode("utf-8"))
    with engine.connect() as connection:
        figures = metrics.totals(connection, Scope(date(2024, 5, 2), date(2024, 5, 2)))
    assert (figures["enrolments"], figures["other_results"], figures["enrolment_bhxh_bat_buoc"]) == (6, 7, 2)


@pytest.mark.parametrize(
    ("lang", "words"), [("vi", "phân loại không rõ (có lẽ)"), ("en", "unknown class (có lẽ)")]
)
def test_an_unknown_class_is_refused_in_the_users_language(engine, lang, words):
    sheet = LONG_SHEET.replace("người tham gia", "có lẽ").encode("utf-8")
    with pytest.raises(ImportRejected) as refused:
        import_bytes(engine, "ket_qua.csv", sheet, ImportOptions(lang=lang))
    assert words in str(refused.value)
    with engine.connect() as connection:
        assert metrics.totals(connection, Scope(date(2024, 5, 2), date(2024, 5, 2)))["enrolments"] == 0


MAY = Scope(date(2024, 5, 1), date(2024, 5, 31))


@pytest.mark.parametrize(
    ("start", "end", "previous", "year_ago"),
    [
        ((2024, 5, 1), (2024, 5, 31), ((2024, 4, 1), (2024, 4, 30)), ((2023, 5, 1), (2023, 5, 31))),
        ((2024, 3, 1), (2024, 3, 31), ((2024, 2, 1), (2024, 2, 29)), ((2023, 3, 1), (2023, 3, 31))),
        ((2024, 1, 1), (2024, 3, 31), ((2023, 10, 1), (2023, 12, 31)), ((2023, 1, 1), (2023, 3, 31))),
        ((2024, 5, 13), (2024, 5, 19), ((2024, 5, 6), (2024, 5, 12)), None),  # a week, Monday to Sunday
        ((2024, 5, 25), (2024, 5, 31), ((2024, 5, 18), (2024, 5, 24)), None),  # any range: the days before
    ],
)
def test_a_period_compares_as_offices_count(start, end, previous, year_ago):
    found = comparison_periods(date(*start), date(*end))
    assert found.previous == (date(*previous[0]), date(*previous[1]))
    assert found.year_ago == (None if year_ago is None else (date(*year_ago[0]), date(*year_ago[1])))


def test_a_campaign_of_a_whole_month_compares_with_the_same_number_of_days_before():
    found = comparison_periods(date(2024, 5, 1), date(2024, 5, 31), calendar_periods=False)
    assert found.previous == (date(2024, 3, 31), date(2024, 4, 30)) and found.year_ago is None


def test_may_compares_with_april_and_with_may_of_the_year_before(demo_engine):
    with demo_engine.connect() as connection:
        kpis = metrics.kpis(connection, MAY)
        april = metrics.totals(connection, Scope(date(2024, 4, 1), date(2024, 4, 30)))
        may_2023 = metrics.totals(connection, Scope(date(2023, 5, 1), date(2023, 5, 31)))
        summary = build_summary(connection, MAY)
    participants = kpis["enrolments"]
    assert participants["previous"] == april["enrolments"]
    assert participants["year_ago"] == may_2023["enrolments"] > 0
    # The demo's fanpage starts in April 2024: no views a year before, said so, never a 0.
    assert kpis["views"]["year_ago"] is None and kpis["views"]["change_year"] is None
    text = report_narrative.comparison_paragraph(summary, "vi")
    assert text.startswith(f"So với tháng 4/2024 ({fmt_int(april['enrolments'], 'vi')} người tham gia mới)")
    assert f"So với cùng kỳ năm trước (tháng 5/2023: {fmt_int(may_2023['enrolments'], 'vi')} người)" in text
    rows = dict(exports.comparison_rows(summary, "en"))
    assert rows == {
        "Previous period": "April 2024 (01/04/2024 – 30/04/2024)",
        "Same period last year": "May 2023 (01/05/2023 – 31/05/2023)",
    }


@pytest.mark.parametrize(
    ("start", "end", "vi", "vi_in_text", "en"),
    [
        ((2024, 4, 1), (2024, 6, 30), "Quý II/2024", "quý II năm 2024", "Q2 2024"),
        ((2023, 10, 1), (2023, 12, 31), "Quý IV/2023", "quý IV năm 2023", "Q4 2023"),
        ((2024, 5, 1), (2024, 5, 31), "Tháng 5/2024", "tháng 5/2024", "May 2024"),
        ((2023, 1, 1), (2023, 12, 31), "Năm 2023", "năm 2023", "2023"),
        ((2024, 5, 13), (2024, 5, 19), None, None, None),
    ],
)
def test_a_calendar_period_is_named_as_offices_write_it(start, end, vi, vi_in_text, en):
    start, end = date(*start), date(*end)
    assert calendar_name(start, end, "vi") == vi
    assert calendar_name(start, end, "vi", in_text=True) == vi_in_text
    assert calendar_name(start, end, "en") == en == calendar_name(start, end, "en", in_text=True)


def test_a_quarter_is_named_the_same_way_in_the_report_the_exports_and_the_dashboard(demo_engine):
    """The second quarter of 2024 against the first: "quý I năm 2024" in the report's sentences,
    "Quý I/2024" with its days in the export and the Overview's caption; "Q1 2024" in English."""
    quarter = Scope(date(2024, 4, 1), date(2024, 6, 30))
    with demo_engine.connect() as connection:
        summary = build_summary(connection, quarter)
    assert report_narrative.period_text(summary, "vi") == "quý II năm 2024"
    assert report_narrative.period_text(summary, "en") == "Q2 2024"
    text = report_narrative.comparison_paragraph(summary, "vi")
    assert text.startswith("So với quý I năm 2024 (")
    assert "quý II năm 2023" in text
    assert report_narrative.comparison_paragraph(summary, "en").startswith("Against Q1 2024 (")
    rows = dict(exports.comparison_rows(summary, "vi"))
    assert rows["Kỳ trước"] == "Quý I/2024 (01/01/2024 – 31/03/2024)"
    assert period_label(quarter.start, quarter.end, "en") == "Q2 2024 (01/04/2024 – 30/06/2024)"
    assert "kỳ trước (quý I năm 2024)" in report_narrative.items_paragraph(summary, "vi")
    assert "QI" not in report_narrative.comparison_paragraph(summary, "en")  # "Q1 2024", never "QI 2024"


def test_a_month_without_last_years_data_says_so(demo_engine):
    april = Scope(date(2024, 4, 1), date(2024, 4, 30))
    with demo_engine.connect() as connection:
        summary = build_summary(connection, april)
    assert summary.kpis["enrolments"]["year_ago"] is None
    assert "Không có số liệu cùng kỳ năm trước (tháng 4/2023)" in report_narrative.comparison_paragraph(
        summary, "vi"
    )
    assert dict(exports.comparison_rows(summary, "vi"))["Cùng kỳ năm trước"] == "Không có số liệu cùng kỳ."


def test_face_to_face_attendance_leaves_out_the_12400_sent_a_zalo_message(demo_engine):
    with demo_engine.connect() as connection:
        figures = metrics.totals(connection, MAY)
        summary = build_summary(connection, MAY)
    # 420 + 120 + 3.860 + 650 + 68 + 95 + 300 + 80 people met in person; 12.400 messaged, apart.
    assert (figures["attendance"], figures["reached"]) == (5593, 12400)
    in_person = " ".join(report_narrative.activities_paragraphs(summary, "vi"))
    assert "5.593 người" in in_person and "12.400" not in in_person and "17.993" not in in_person
    assert "Zalo" not in " ".join(report_narrative.face_to_face_activities(summary).name)
    assert "ước tính là 12.400 người" in report_narrative.reached_paragraph(summary, "vi")
    table = exports.activities_table(summary, "vi")
    assert (sum(filter(None, column(table, "attendance"))), sum(filter(None, column(table, "reached")))) == (
        5593,
        12400,
    )


def test_the_impact_section_says_its_caution_once_and_never_calls_a_missing_check_common(demo_engine):
    with demo_engine.connect() as connection:
        summary = build_summary(connection, MAY)
    texts = report_narrative.impact_paragraphs(summary, "vi")
    whole = " ".join(texts)
    assert whole.count("chưa phải bằng chứng chiến dịch là nguyên nhân") == 1
    assert "khoảng tin cậy 95%" in whole and "(khoảng 95%" not in whole
    # The month-long drive has 2 quiet months of history to compare with: too few, and said so.
    assert "Chưa kiểm tra đối chứng được: chỉ có 2 giai đoạn" in whole and "không hiếm gặp" not in whole
    # Golden Week: fewer than the 7 days before (themselves a campaign), far above the ordinary weeks.
    golden = next(p for p in report_narrative.campaign_paragraphs(summary, "vi") if "Tuần lễ vàng" in p)
    assert "những ngày đó cũng thuộc chiến dịch" in golden and "nên tin vào ước tính" in golden
    assert "đây là sự đi cùng nhau" not in golden  # one sentence about the comparison, not two


def test_the_impact_caution_is_one_text_said_once_in_every_export(demo_engine):
    """The Word report, the printable HTML, the workbook and the CSV files print models.impact's
    caution once each, not once per campaign and category."""
    import zipfile

    import openpyxl

    with demo_engine.connect() as connection:
        summary = build_summary(connection, MAY)
    said = impact.caution("vi")
    assert len(summary.impact) > 1
    assert " ".join(report_narrative.impact_paragraphs(summary, "vi")).count(said) == 1
    printable = exports.write_summary(summary, "html", "vi")[1].decode()
    assert printable.count(said) == 1
    assert "không chứng minh nhân quả" not in printable  # not a second caution in other words
    book = openpyxl.load_workbook(io.BytesIO(exports.write_summary(summary, "xlsx", "vi")[1]))
    cells = [str(c) for sheet in book for row in sheet.iter_rows(values_only=True) for c in row if c]
    assert sum(said in cell for cell in cells) == 1
    with zipfile.ZipFile(io.BytesIO(exports.write_summary(summary, "csv", "vi")[1])) as archive:
        csv_text = "".join(archive.read(name).decode("utf-8-sig") for name in archive.namelist())
    assert csv_text.count(said) == 1


def test_p_values_keep_two_significant_digits(demo_engine):
    assert [fmt_p_value(p, "vi") for p in (0.04, 0.0435, 0.333, 0.0099)] == [
        "0,04",
        "0,043",
        "0,33",
        "0,0099",
    ]
    with demo_engine.connect() as connection:
        summary = build_summary(connection, PEAK_WEEK, campaign=PEAK_WEEK_NAME)
    table = exports.impact_table(summary, "vi")
    assert [c.format for c in table.columns if c.key == "placebo_p"] == ["p_value"]
    assert EXCEL_FORMATS["p_value"] == "0.00##"
    assert all(p == significant(p) for p in column(table, "placebo_p") if p is not None)


def test_editors_notes_are_kept_per_period_audited_and_offered_to_the_next_month(engine):
    may, june = (date(2024, 5, 1), date(2024, 5, 31)), (date(2024, 6, 1), date(2024, 6, 30))
    with engine.begin() as connection:
        changed = save_report_notes(
            connection,
            *may,
            {"shortcomings": "Vùng cao còn ít người biết VssID.", "next_tasks": ""},
            "bien_tap",
        )
        assert changed == ["shortcomings"]
        assert (
            save_report_notes(connection, *may, {"shortcomings": "Vùng cao còn ít người biết VssID."}, "x")
            == []
        )
    with engine.connect() as connection:
        assert report_notes(connection, *may) == {"shortcomings": "Vùng cao còn ít người biết VssID."}
        # June starts from May's text, marked as the previous period's; May's own is its own.
        assert starting_notes(connection, *june) == (
            {"shortcomings": "Vùng cao còn ít người biết VssID."},
            True,
        )
        assert starting_notes(connection, *may)[1] is False
        (event,) = audit_events(connection, action="report_note_edit")
    assert event.user == "bien_tap" and event.detail["sections"] == ["shortcomings"]
    with engine.begin() as connection:  # emptied, the section is gone
        save_report_notes(connection, *may, {"shortcomings": "  "}, "bien_tap")
        assert report_notes(connection, *may) == {}


def test_the_word_report_prints_the_editors_sections_and_marks_the_missing_ones(
    demo_engine, monkeypatch, tmp_path
):
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "no-chromium-here"))
    with demo_engine.connect() as connection:
        summary = build_summary(connection, MAY)
    notes = {"next_tasks": "Tổ chức hội nghị đối thoại tại Bắc Hà.\nTăng bài viết về BHYT học sinh."}
    document = Document(io.BytesIO(to_docx(replace(summary, notes=notes), "vi", DEMO_REPORT_SETTINGS)))
    text = [p.text for p in document.paragraphs]
    tasks = text.index("VIII. PHƯƠNG HƯỚNG, NHIỆM VỤ THÁNG TỚI")
    assert text[tasks + 1 : tasks + 3] == [
        "Tổ chức hội nghị đối thoại tại Bắc Hà.",
        "Tăng bài viết về BHYT học sinh.",
    ]
    assert sum(t.startswith("[CHƯA CÓ NỘI DUNG") for t in text) == 2  # shortcomings, recommendations
    assessment = text[text.index("VI. ĐÁNH GIÁ CHUNG") + 1]
    assert assessment.startswith(  # the campaign named once, its targets after it
        "Đạt chỉ tiêu: “7 ngày cao điểm tuyên truyền nhóm nhỏ”: BHXH tự nguyện 262/250 (104,8%), "
        "BHYT 1.837/1.800 (102,1%)."
    )
    # Page numbers from page 2 (a PAGE field in a header the first page does not show), Vietnamese.
    section = document.sections[0]
    assert section.different_first_page_header_footer
    assert (
        'w:instr="PAGE"' in section.header._element.xml and not section.first_page_header.paragraphs[0].text
    )
    assert 'w:val="vi-VN"' in document.styles["Normal"].element.xml
