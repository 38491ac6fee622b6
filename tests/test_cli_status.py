"""``engagement-monitor status``: the configured sources with their last run, row counts, last runs."""

from pathlib import Path

from fake_graph import TOKEN, FakeGraph
from graph_helpers import TOKEN_ENV, collect, write_config
from typer.testing import CliRunner

from collector.cli import app
from models.i18n import LANG_ENV


def status(db_url: str, config: Path) -> str:
    result = CliRunner().invoke(app, ["--db", db_url, "status", "--config", str(config)])
    assert result.exit_code == 0, result.output
    return result.output


def test_status_shows_each_source_with_its_schedule_and_last_run(sqlite_url, tmp_path, monkeypatch):
    monkeypatch.setenv(LANG_ENV, "en")
    monkeypatch.setenv(TOKEN_ENV, TOKEN)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    extra = (
        f'\n[[sources]]\nname = "inbox"\ntype = "export_folder"\npath = "{inbox.as_posix()}"\n'
        'cron = "0 7 * * *"\n'
        '\n[[sources]]\nname = "weekly"\ntype = "report"\n'
        f'output_dir = "{(tmp_path / "reports").as_posix()}"\nevery = "mon 07:00"\n'
    )
    with FakeGraph.sample() as fake:
        config = write_config(tmp_path, fake, extra)
        fake.expired = True
        collect(sqlite_url, config, "--source", "lao-cai")
        collect(sqlite_url, config, "--source", "inbox")
    lines = status(sqlite_url, config).splitlines()
    assert lines[1] == f"Sources in {config}:"
    page, folder, report = lines[2:5]
    assert page.split()[:4] == ["lao-cai", "facebook_page", "every", "1h"]
    assert " last run " in page and ": failed, failing since " in page
    assert folder.split()[:5] == ["inbox", "export_folder", "cron", "0", "7"]
    assert folder.rstrip().endswith(": ok")
    assert report.split()[:5] == ["weekly", "report", "mon", "07:00", "never"]
    assert lines[lines.index("Row counts:") + 1 :].count("  collection_run              2") == 1
    assert "Last collection runs:" in lines
    assert any(line.split()[:2] == ["lao-cai", "failed"] and "has expired" in line for line in lines)
    assert TOKEN not in "\n".join(lines)


def test_without_a_sources_file_status_says_so_and_shows_the_rest(sqlite_url, tmp_path, monkeypatch):
    monkeypatch.delenv(LANG_ENV, raising=False)
    lines = status(sqlite_url, tmp_path / "sources.toml").splitlines()
    assert lines[1] == f"Không có tệp cấu hình nguồn {tmp_path / 'sources.toml'} (chỉ rõ bằng --config)."
    assert "  collection_run              0" in lines
    assert lines[-1] == "Chưa có lần thu thập nào."
