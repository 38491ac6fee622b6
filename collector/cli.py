"""The ``engagement-monitor`` command: a thin shell whose commands each call one library function."""

import logging
import sys
from typing import Annotated

import typer
from sqlalchemy import select

from collector.demo import is_demo_database, load_demo
from models.db import database_url, open_database, redact_url
from models.errors import UserError
from models.store import row_counts
from models.tables import CollectionRun

app = typer.Typer(
    help="Engagement monitor: reach of fanpage posts and livestreams against enrolment results.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)

log = logging.getLogger("engagement_monitor")


class State:
    db: str | None = None


def engine():
    """The migrated engine for the database chosen with ``--db`` (or the default)."""
    return open_database(State.db)


@app.callback()
def main_options(
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            envvar="ENGAGEMENT_MONITOR_DB",
            help="Database URL: sqlite:///path.db or postgresql+psycopg://user@host/db "
            "(default: ./data/engagement.db).",
        ),
    ] = None,
) -> None:
    State.db = db


@app.command()
def init() -> None:
    """Create the database (or bring it to the current schema). Safe to run again."""
    engine()
    typer.echo(f"Database ready: {redact_url(database_url(State.db))}")


DEMO_DB = "sqlite:///data/demo.db"


@app.command()
def demo(
    port: Annotated[int, typer.Option(help="Port of the dashboard.")] = 8501,
    no_browser: Annotated[bool, typer.Option("--no-browser", help="Do not open a browser.")] = False,
    load_only: Annotated[
        bool, typer.Option("--load-only", help="Load the demo data, print its summary, and stop.")
    ] = False,
) -> None:
    """Load the demo dataset (May 2024, Lao Cai) and open the dashboard on it.

    Without --db the demo gets a SQLite file of its own (data/demo.db); it never writes over data.
    """
    from dashboard.server import serve

    url = State.db or DEMO_DB
    demo_engine = open_database(url)
    if is_demo_database(demo_engine):
        typer.echo(f"Demo data already loaded in {redact_url(url)}")
    else:
        summary = load_demo(demo_engine)
        typer.echo(
            f"Demo data loaded into {redact_url(url)}: {summary.items} posts and livestreams, "
            f"{summary.snapshots} snapshots, {summary.page_metrics} page-level daily values, "
            f"{summary.enrolments} enrolment results, {summary.campaigns} campaigns."
        )
    if load_only:
        return
    typer.echo(f"Dashboard: http://127.0.0.1:{port}  (Ctrl+C to stop)")
    raise typer.Exit(serve(url, "127.0.0.1", port, open_browser=not no_browser))


@app.command()
def dashboard(
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8501,
    host: Annotated[
        str, typer.Option(help="Address to listen on; 127.0.0.1 keeps it on this computer.")
    ] = "127.0.0.1",
    open_browser: Annotated[bool, typer.Option("--open", help="Open it in a browser.")] = False,
) -> None:
    """Serve the dashboard (Streamlit) on http://HOST:PORT."""
    from dashboard.server import serve

    engine()  # create or migrate the database first, so errors come as one line here
    typer.echo(f"Dashboard: http://{host}:{port}  (Ctrl+C to stop)")
    raise typer.Exit(serve(database_url(State.db), host, port, open_browser=open_browser))


@app.command()
def status() -> None:
    """Row counts and the last collection runs."""
    with engine().connect() as connection:
        counts = row_counts(connection)
        runs = connection.execute(
            select(CollectionRun).order_by(CollectionRun.started_at.desc()).limit(10)
        ).all()
    typer.echo(f"Database: {redact_url(database_url(State.db))}")
    for table, count in counts.items():
        typer.echo(f"  {table:<18} {count:>10}")
    typer.echo("Last collection runs:" if runs else "No collection runs yet.")
    for run in runs:
        finished = run.finished_at.isoformat(timespec="seconds") if run.finished_at else "-"
        typer.echo(
            f"  {run.source:<24} {run.status:<8} {finished:<26} "
            f"+{run.new_items} items +{run.new_snapshots} snapshots  {run.message or ''}"
        )


def main() -> None:
    """Entry point: user errors become one line on stderr and exit code 1, never a traceback."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        app()
    except UserError as error:
        typer.echo(f"Error: {error}", err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        typer.echo("Interrupted.", err=True)
        sys.exit(130)
