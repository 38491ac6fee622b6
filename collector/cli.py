"""The ``engagement-monitor`` command: a thin shell whose commands each call one library function."""

import logging
import sys
from typing import Annotated

import typer
from sqlalchemy import select

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
