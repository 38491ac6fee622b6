"""Hostile input, round three: nothing an attacker wrote in a file or its name forges a line of
output, survives as a formula, or gets past a limit that holds on one database but not the other."""

from datetime import date

import pytest
from conftest import FIXTURES
from db_state import database_state
from typer.testing import CliRunner

from collector.cli import app
from collector.importer import ImportOptions, import_bytes
from models.errors import UserError

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
