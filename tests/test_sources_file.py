"""Sources managed from the Administration page: sources.toml keeps its comments and layout, a change
that would break it is refused in one line with nothing written, a paused source stays listed but is
not collected, and every change is in the audit trail. The CLI reads the same file."""

import pytest
from typer.testing import CliRunner

from collector.cli import app
from collector.config import load_config
from collector.scheduler import run_once
from collector.sources_file import add_source, remove_source, set_paused, update_source
from models.errors import UserError
from tests.test_dashboard_admin import open_admin_page, team, trail  # noqa: F401  (the fixture)

SOURCES = """# BHXH tỉnh Lào Cai
timezone = "Asia/Ho_Chi_Minh"

[[sources]]
name = "exports"   # staff drop the Meta exports here
type = "export_folder"
path = "{inbox}"
every = "1h"
"""


@pytest.fixture
def sources(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    path = tmp_path / "sources.toml"
    path.write_text(SOURCES.format(inbox=inbox.as_posix()), encoding="utf-8")
    return path


def test_changes_keep_the_files_comments_and_are_checked_as_the_collector_reads_them(sources, tmp_path):
    add_source(sources, {"name": "enrolment", "type": "export_folder", "path": str(tmp_path), "every": "10m"})
    update_source(sources, "exports", {"every": "30m"})
    text = sources.read_text(encoding="utf-8")
    assert text.startswith("# BHXH tỉnh Lào Cai") and "# staff drop the Meta exports here" in text
    assert [(s.name, s.every) for s in load_config(sources).sources] == [
        ("exports", "30m"),
        ("enrolment", "10m"),
    ]

    with pytest.raises(UserError, match="every"):
        update_source(sources, "exports", {"every": "1x"})
    with pytest.raises(UserError, match="enrolment"):
        add_source(sources, {"name": "enrolment", "type": "export_folder", "path": "x"})
    with pytest.raises(UserError, match="token"):
        add_source(sources, {"name": "fb", "type": "facebook_page", "page_id": "1", "access_token": "EAAB"})
    assert sources.read_text(encoding="utf-8") == text  # nothing written

    remove_source(sources, "enrolment")
    assert [s.name for s in load_config(sources).sources] == ["exports"]


def test_a_paused_source_is_listed_but_not_collected(engine, sources):
    set_paused(sources, "exports", True)
    config = load_config(sources)
    assert config.sources[0].paused
    assert run_once(engine, config) == {}
    assert list(run_once(engine, config, ["exports"])) == ["exports"]  # named explicitly, it runs
    set_paused(sources, "exports", False)
    assert "paused =" not in sources.read_text(encoding="utf-8")


def test_the_cli_sees_what_the_page_changed(db_url, sources, monkeypatch):
    monkeypatch.setenv("ENGAGEMENT_MONITOR_LANG", "en")
    set_paused(sources, "exports", True)
    result = CliRunner().invoke(app, ["--db", db_url, "status", "--config", str(sources)])
    assert result.exit_code == 0
    assert any(
        "exports" in line and "paused (not collected on its schedule)" in line
        for line in result.output.splitlines()
    )


def test_an_admin_pauses_reschedules_and_removes_a_source_from_the_page(team, sources):  # noqa: F811
    page = open_admin_page(team, "an")
    page.button(key="manage_pause_0").click().run()
    assert load_config(sources).sources[0].paused
    page.text_input(key="manage_every_0").input("2h")
    page.button(key="manage_save_0").click().run()
    assert load_config(sources).sources[0].every == "2h"
    page.button(key="manage_test_0").click().run()
    assert any(": ok" in s.value for s in page.success)
    page.checkbox(key="manage_sure_0").check().run()
    page.button(key="manage_remove_0").click().run()
    assert load_config(sources).sources == []
    assert trail(team, "an") == [
        ("source_pause", "exports"),
        ("source_edit", "exports"),
        ("collect_now", "exports"),
        ("source_remove", "exports"),
    ]
