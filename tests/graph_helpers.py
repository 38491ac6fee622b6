"""What the Graph API collector tests share: a sources file pointing at the fake, and database peeks."""

from pathlib import Path

from fake_graph import SAMPLE_PAGE, FakeGraph
from sqlalchemy import Engine
from typer.testing import CliRunner

from collector.cli import app
from models.db import make_engine
from models.store import row_counts

TOKEN_ENV = "FB_TOKEN_TEST"
# Short timeouts and waits: the fake answers at once unless a test scripts a fault.
FAST_GRAPH = """
[graph]
timeout_s = 0.5
connect_timeout_s = 0.5
attempts = 3
backoff_s = 0.01
backoff_cap_s = 0.02
slow_pause_s = 0.01
rate_wait_max_s = 0.5
rate_wait_default_s = 0.01
page_size = 2
"""


def write_config(tmp_path: Path, fake: FakeGraph, extra: str = "") -> Path:
    """A sources file with the sample Page (``lao-cai``) served by ``fake``, plus ``extra``."""
    path = tmp_path / "sources.toml"
    path.write_text(
        f"""timezone = "Asia/Ho_Chi_Minh"
max_concurrent = 2
{FAST_GRAPH}
[[sources]]
name = "lao-cai"
type = "facebook_page"
page_id = "{SAMPLE_PAGE}"
token_env = "{TOKEN_ENV}"
base_url = "{fake.url}"
every = "1h"
{extra}""",
        encoding="utf-8",
    )
    return path


def collect(db_url: str, config: Path, *args: str):
    """``engagement-monitor collect --once`` in this process; the typer result."""
    return CliRunner().invoke(app, ["--db", db_url, "collect", "--config", str(config), "--once", *args])


def counts(db: str | Engine) -> dict[str, int]:
    """Rows per table (pass an engine when polling, to keep its connections)."""
    engine = make_engine(db) if isinstance(db, str) else db
    with engine.connect() as connection:
        result = row_counts(connection)
    if engine is not db:
        engine.dispose()
    return result


def query(db_url: str, statement) -> list:
    """The rows of ``statement`` on a fresh engine."""
    engine = make_engine(db_url)
    with engine.connect() as connection:
        rows = connection.execute(statement).all()
    engine.dispose()
    return rows
