"""A staff member types ``engagement-monitor --help``, ``status``, ``init`` or ``user …`` and the
answer comes at once: these commands never load pandas, the demo, statsmodels, Plotly, Streamlit or
the dashboard. Each command runs in a fresh interpreter (through typer's CliRunner) that then lists
which of those heavy modules it loaded; the command must still do its job."""

import json
import subprocess
import sys

from fake_graph import TOKEN, FakeGraph
from graph_helpers import TOKEN_ENV, collect, write_config

from models.i18n import LANG_ENV

HEAVY = ("pandas", "plotly", "streamlit", "statsmodels", "collector.demo", "dashboard")
# What ``status`` on an up-to-date database needs neither: migrations, the HTTP client, the source
# registry with every platform's module (read only when a sources file names them).
STATUS_SPARES = (
    "alembic",
    "httpx",
    "collector.sources",
    "collector.platforms",
    "sqlalchemy.dialects.postgresql",
)

RUN = """
import json, sys
from typer.testing import CliRunner
from collector.cli import app
result = CliRunner().invoke(app, json.loads(sys.argv[1]), input=sys.argv[2])
heavy = [name for name in HEAVY if name in sys.modules]
print(json.dumps({"code": result.exit_code, "output": result.output, "heavy": heavy}))
"""


def run(
    *args: str, stdin: str = "", env: dict[str, str] | None = None, heavy: tuple[str, ...] = HEAVY
) -> dict:
    """The command's exit code and output, and the ``heavy`` modules a fresh interpreter loaded for it."""
    script = f"HEAVY = {heavy!r}\n{RUN}"
    done = subprocess.run(
        [sys.executable, "-c", script, json.dumps(list(args)), stdin],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    return json.loads(done.stdout)


def english(monkeypatch) -> None:
    monkeypatch.setenv(LANG_ENV, "en")


def test_help_lists_the_commands_without_loading_pandas_or_the_dashboard(monkeypatch):
    english(monkeypatch)
    result = run("--help")
    assert result["code"] == 0
    for command in ("init", "status", "import", "export", "demo", "dashboard", "user"):
        assert f" {command} " in result["output"]
    assert result["heavy"] == []


def test_init_creates_a_fresh_database_without_loading_pandas(tmp_path, monkeypatch):
    english(monkeypatch)
    url = f"sqlite:///{tmp_path / 'new.db'}"
    result = run("--db", url, "init")
    assert result["code"] == 0, result["output"]
    assert (tmp_path / "new.db").is_file()
    assert url in result["output"]
    assert result["heavy"] == []


def test_status_reports_sources_and_runs_without_loading_pandas(db_url, tmp_path, monkeypatch):
    english(monkeypatch)
    monkeypatch.setenv(TOKEN_ENV, TOKEN)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    extra = (
        f'\n[[sources]]\nname = "inbox"\ntype = "export_folder"\npath = "{inbox.as_posix()}"\n'
        '\n[[sources]]\nname = "weekly"\ntype = "report"\n'
        f'output_dir = "{(tmp_path / "reports").as_posix()}"\nevery = "mon 07:00"\n'
        '\n[[sources]]\nname = "tube"\ntype = "youtube_channel"\nchannel_id = "UCabcdefghijklmnopqrstuv"\n'
        'key_env = "YT_KEY_TEST"\n'
    )
    with FakeGraph.sample() as fake:
        config = write_config(tmp_path, fake, extra)
        fake.expired = True
        collect(db_url, config, "--source", "lao-cai")
        collect(db_url, config, "--source", "inbox")
    result = run("--db", db_url, "status", "--config", str(config), heavy=(*HEAVY, "alembic"))
    assert result["code"] == 0, result["output"]
    lines = result["output"].splitlines()
    lines_of: dict[str, str] = {}  # each source's first line: its line among the sources
    for line in filter(str.strip, lines):
        lines_of.setdefault(line.split()[0], line)
    page = lines_of["lao-cai"]
    assert ": failed, failing since " in page
    assert lines_of["inbox"].rstrip().endswith(": ok")
    assert lines_of["weekly"].split()[:5] == [
        "weekly",
        "report",
        "mon",
        "07:00",
        "never",
    ]
    assert lines_of["tube"].split()[:2] == ["tube", "youtube_channel"]
    assert "  collection_run              2" in lines
    assert result["heavy"] == []


def test_status_without_a_sources_file_loads_neither_migrations_nor_the_platforms(tmp_path, monkeypatch):
    """A database already at the newest migration is opened without Alembic; without a sources file
    no platform's module, HTTP client or PostgreSQL dialect is loaded: the counts still come."""
    english(monkeypatch)
    url = f"sqlite:///{tmp_path / 'new.db'}"
    assert run("--db", url, "init")["code"] == 0
    result = run("--db", url, "status", "--config", str(tmp_path / "none.toml"), heavy=HEAVY + STATUS_SPARES)
    assert result["code"] == 0, result["output"]
    assert "none.toml" in result["output"]
    assert "  collection_run              0" in result["output"].splitlines()
    assert result["heavy"] == []


def test_users_are_added_and_listed_without_loading_pandas(db_url, monkeypatch):
    english(monkeypatch)
    added = run(
        "--db", db_url, "user", "add", "chi", "--role", "admin", "--password-stdin", stdin="a long password\n"
    )
    assert added["code"] == 0, added["output"]
    listed = run("--db", db_url, "user", "list")
    assert listed["code"] == 0, listed["output"]
    assert "chi" in listed["output"] and "admin" in listed["output"]
    assert added["heavy"] == listed["heavy"] == []


def test_the_commands_that_need_them_still_load_their_libraries(tmp_path, monkeypatch):
    """The other side of the coin: ``demo --load-only`` still loads the demo (and pandas with it)."""
    english(monkeypatch)
    result = run("--db", f"sqlite:///{tmp_path / 'demo.db'}", "demo", "--load-only")
    assert result["code"] == 0, result["output"]
    assert "collector.demo" in result["heavy"] and "pandas" in result["heavy"]
