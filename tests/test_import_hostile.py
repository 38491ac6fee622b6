"""Hostile input, round three: nothing an attacker wrote in a file or its name forges a line of
output, survives as a formula, or gets past a limit that holds on one database but not the other."""

import pytest
from conftest import FIXTURES
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
