"""Where the demo's activities show up outside the dashboard: the metric figures, the summary and its
three files, and the arithmetic rules (attendance apart from views, on-the-spot results inside enrolments)."""

import io
import zipfile
from datetime import date

import pandas as pd
from openpyxl import load_workbook
from sqlalchemy import func, select

from collector.demo import ACTIVITIES
from dashboard.charts import reach_vs_enrolment
from dashboard.exports import write_summary
from models import metrics
from models.activities import activities, is_face_to_face
from models.metrics import Scope
from models.summary import build_summary
from models.tables import Activity, EnrolmentResult

MAY = Scope(date(2024, 5, 1), date(2024, 5, 31))
PEAK_WEEK = "7 ngày cao điểm tuyên truyền nhóm nhỏ"
GOLDEN_WEEK = "Tuần lễ vàng cùng Bưu điện"


def test_each_campaign_counts_its_activities_attendance_and_on_the_spot_results(demo_engine):
    with demo_engine.connect() as connection:
        table = metrics.campaign_table(connection).set_index("name")
    peak = table.loc[PEAK_WEEK]
    # The small groups (given to it), the radio piece and the Bắc Hà performance (inside its days).
    assert (peak.activities, peak.attendance, peak.on_spot) == (3, 3860 + 650, 1070 + 30)
    assert (peak.enrolment_voluntary_si, peak.enrolment_health_insurance) == (262, 1837)  # unchanged
    golden = table.loc[GOLDEN_WEEK]
    assert (golden.activities, golden.attendance, golden.on_spot) == (2, 300 + 80, 136 + 3)
    month = table.loc["Tháng vận động triển khai BHXH toàn dân"]
    assert month.activities == len(ACTIVITIES)
    assert month.views > 0 and month.views != month.views + month.attendance  # never summed


def test_on_the_spot_results_are_inside_the_enrolment_results_of_their_days(demo_engine):
    with demo_engine.connect() as connection:
        frame = activities(connection, MAY)
        for activity in frame.to_dict("records"):
            for column in (c for c in frame.columns if c.startswith("on_spot_")):
                if pd.isna(activity[column]):
                    continue
                query = select(func.sum(EnrolmentResult.count)).where(
                    EnrolmentResult.day.between(activity["start_day"], activity["end_day"]),
                    EnrolmentResult.category == column.removeprefix("on_spot_"),
                )
                if activity["unit"]:
                    query = query.where(EnrolmentResult.unit == activity["unit"])
                assert activity[column] <= connection.execute(query).scalar_one(), activity["name"]
        figures = metrics.totals(connection, MAY)
        assert figures["on_spot"] <= figures["enrolments"]
        first_day = metrics.totals(connection, Scope(date(2024, 5, 25), date(2024, 5, 25)))
    assert first_day["enrolment_voluntary_si"] + first_day["enrolment_health_insurance"] == 136
    assert (first_day["activities"], first_day["on_spot"]) == (2, 136)  # the launch, and the banners


def test_the_summary_holds_the_activities_and_every_file_shows_them(demo_engine):
    with demo_engine.connect() as connection:
        summary = build_summary(connection, MAY)
        stored = connection.execute(select(func.count()).select_from(Activity)).scalar_one()
    assert len(summary.activities) == stored == len(ACTIVITIES)
    booth = summary.activities.set_index("kind").loc["booth"]
    assert (booth["name"], booth["attendance"], booth["unit"]) == (
        "Gian hàng tư vấn BHXH tại Phiên giao dịch việc làm",
        68,
        "Thành phố Lào Cai",
    )
    assert summary.kpis["activities"]["value"] == len(ACTIVITIES)
    # Face-to-face attendance apart from the people reached by messages, press and banners.
    in_person = sum(a.attendance or 0 for a in ACTIVITIES if is_face_to_face(a.kind))
    assert summary.kpis["attendance"]["value"] == in_person
    assert summary.kpis["reached"]["value"] == sum(a.attendance or 0 for a in ACTIVITIES) - in_person

    _, content, _ = write_summary(summary, "xlsx", "en")
    sheet = load_workbook(io.BytesIO(content))["Activities"]
    rows = list(sheet.iter_rows(values_only=True))
    header = list(rows[0])
    assert header[:9] == [
        "Start date",
        "End date",
        "Activity",
        "Kind",
        "Unit",
        "Venue / channel",
        "Face-to-face attendance",
        "Reached by messages, press, radio, banners (estimated)",
        "On-the-spot results (inside new enrolments)",
    ]
    booth_row = next(row for row in rows if row[3] == "Booth or consultation point")
    assert booth_row[4:9] == ("Thành phố Lào Cai", "Trung tâm Dịch vụ việc làm tỉnh Lào Cai", 68, None, 9)
    launch_row = next(row for row in rows if row[3] == "Launch ceremony")
    assert launch_row[4] == "Province-wide" and launch_row[8] == 136
    zalo_row = next(row for row in rows if row[3] == "Zalo or messaging")
    assert zalo_row[6:8] == (None, 12400)  # reached, not attending

    _, content, _ = write_summary(summary, "csv", "vi")
    text = zipfile.ZipFile(io.BytesIO(content)).read("activities.csv").decode("utf-8-sig")
    assert "Gian hàng tư vấn BHXH tại Phiên giao dịch việc làm" in text and "Gian hàng tư vấn" in text
    assert text.splitlines()[0].startswith("Ngày bắt đầu,Ngày kết thúc,Hoạt động,Hình thức,Đơn vị")
    campaigns = zipfile.ZipFile(io.BytesIO(content)).read("campaigns.csv").decode("utf-8-sig")
    assert "Hoạt động ngoài fanpage" in campaigns.splitlines()[0]

    _, content, _ = write_summary(summary, "html", "en")
    page = content.decode("utf-8")
    assert "<h2>Activities</h2>" in page
    assert "Attendance is people reached offline and is never added to online views or reach." in page
    assert "Lễ phát động Tuần lễ vàng cùng Bưu điện tỉnh" in page


def test_the_timeline_marks_each_activity_by_kind_with_its_details_on_hover(demo_engine):
    with demo_engine.connect() as connection:
        daily = metrics.daily(connection, MAY)
        found = activities(connection, MAY)
    figure = reach_vs_enrolment(daily, "en", activities=found)
    marked = {trace.name: trace for trace in figure.data if trace.yaxis == "y3"}
    assert set(marked) >= {"Booth or consultation point", "Launch ceremony", "Small-group session"}
    booth = [text for text in marked["Booth or consultation point"].text if text]
    assert booth == [
        "<b>Gian hàng tư vấn BHXH tại Phiên giao dịch việc làm</b><br>21/05/2024 · Booth or consultation "
        "point<br>Thành phố Lào Cai · Trung tâm Dịch vụ việc làm tỉnh Lào Cai<br>"
        "Face-to-face attendance: 68<br>On-the-spot results (inside new enrolments): Voluntary social "
        "insurance 2, VssID installs 7"
    ]
    small_group = marked["Small-group session"]
    assert [x for x in small_group.x if x is not None] == [
        pd.Timestamp(2024, 5, 13),
        pd.Timestamp(2024, 5, 19),
    ]
    assert "Face-to-face attendance: 3,860" in small_group.text[0]
    assert len(reach_vs_enrolment(daily, "en").data) == len(figure.data) - len(marked)  # without: as before
