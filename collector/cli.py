"""The ``engagement-monitor`` command: a thin shell whose commands each call one library function."""

import logging
import sys
from typing import Annotated

import typer
from sqlalchemy import select

from collector.demo import is_demo_database, load_demo
from models.auth import add_user, check_role, cli_user, list_users, remove_user, set_password, set_role
from models.db import database_url, open_database, redact_url
from models.errors import UserError
from models.store import row_counts
from models.tables import CollectionRun
from models.write import now_utc

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


user_app = typer.Typer(help="Dashboard users and their roles (viewer, editor, admin).", no_args_is_help=True)
app.add_typer(user_app, name="user")


def _new_password(password_stdin: bool) -> str:
    """The password from one line of stdin, or typed twice at a hidden prompt."""
    if password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return typer.prompt("Password", hide_input=True, confirmation_prompt=True)


PasswordStdin = Annotated[
    bool, typer.Option("--password-stdin", help="Read the password from the first line of stdin.")
]


@user_app.command("add")
def user_add(
    name: str,
    role: Annotated[
        str, typer.Option(help="viewer (see, export), editor (+ import, campaigns), admin (+ users).")
    ],
    password_stdin: PasswordStdin = False,
) -> None:
    """Create a dashboard user; the password is prompted twice (or read with --password-stdin)."""
    check_role(role)
    password = _new_password(password_stdin)
    with engine().begin() as connection:
        add_user(connection, name, role, password, by=cli_user())
    typer.echo(f"User {name} added with the {role} role.")


@user_app.command("passwd")
def user_passwd(name: str, password_stdin: PasswordStdin = False) -> None:
    """Set a new password (lifts a lockout and signs the user out everywhere)."""
    password = _new_password(password_stdin)
    with engine().begin() as connection:
        set_password(connection, name, password, by=cli_user())
    typer.echo(f"Password of {name} changed.")


@user_app.command("role")
def user_role(name: str, role: str) -> None:
    """Give a user another role."""
    with engine().begin() as connection:
        set_role(connection, name, role, by=cli_user())
    typer.echo(f"{name} now has the {role} role.")


@user_app.command("remove")
def user_remove(name: str) -> None:
    """Delete a user (the audit trail keeps what they did)."""
    with engine().begin() as connection:
        remove_user(connection, name, by=cli_user())
    typer.echo(f"User {name} removed.")


@user_app.command("list")
def user_list() -> None:
    """Users, their roles, and who is locked out for now."""
    with engine().connect() as connection:
        users = list_users(connection)
    if not users:
        typer.echo("No users yet: add one with `engagement-monitor user add NAME --role admin`.")
    for user in users:
        locked = user.locked_until and user.locked_until > now_utc()
        note = f"  locked until {user.locked_until.isoformat(timespec='minutes')}" if locked else ""
        typer.echo(f"  {user.name:<24} {user.role:<8} since {user.created_at.date().isoformat()}{note}")


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
