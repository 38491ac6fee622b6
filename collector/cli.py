"""The ``engagement-monitor`` command: a thin shell whose commands each call one library function."""

import logging
import sys
from pathlib import Path
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


LangOption = Annotated[
    str | None,
    typer.Option("--lang", help="Language of messages: vi or en (default $ENGAGEMENT_MONITOR_LANG, vi)."),
]


@app.command("import")
def import_command(
    paths: Annotated[list[Path], typer.Argument(help="Files (CSV, XLSX) or folders of files to import.")],
    kind: Annotated[
        str | None, typer.Option(help="Force the kind: posts, page_metrics, enrolment, campaigns.")
    ] = None,
    channel: Annotated[
        str | None, typer.Option(help="Channel (name or Page ID) for files that do not name their Page.")
    ] = None,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="When the export's counts were true: YYYY-MM-DD [HH:MM].")
    ] = None,
    timezone: Annotated[str, typer.Option(help="Time zone of the Page and the files.")] = "Asia/Ho_Chi_Minh",
    skip_bad_rows: Annotated[
        bool, typer.Option("--skip-bad-rows", help="Import the good rows; write the bad ones to a CSV.")
    ] = False,
    lang: LangOption = None,
) -> None:
    """Import Meta Business Suite exports, page series, enrolment results and campaigns files."""
    from rich.console import Console
    from rich.progress import Progress

    from collector.importer import ImportOptions, files_in, import_file, parse_as_of
    from collector.messages import say
    from models.i18n import language

    lang = language(lang)
    moment = parse_as_of(as_of, timezone, lang) if as_of else None
    options = ImportOptions(kind, channel, moment, timezone, skip_bad_rows, lang)
    files = files_in(paths)
    database = engine()
    failed = 0
    console = Console()
    with Progress(console=console, transient=True, disable=not console.is_terminal) as progress:
        task = progress.add_task("import", total=len(files))
        for path in files:
            progress.update(task, description=path.name)
            try:
                lines = import_file(database, path, options).lines(lang)
            except UserError as error:
                failed += 1
                lines = str(error).splitlines()
            for line in lines:
                progress.console.print(line, markup=False, highlight=False, soft_wrap=True)
            progress.advance(task)
    typer.echo(say("import_summary", lang, ok=len(files) - failed, failed=failed))
    if failed:
        raise typer.Exit(1)


campaign_app = typer.Typer(
    help="Campaigns: named date ranges with targets per category.", no_args_is_help=True
)
app.add_typer(campaign_app, name="campaign")


@campaign_app.command("add")
def campaign_add(
    name: str,
    start: Annotated[str, typer.Option(help="First day, YYYY-MM-DD or dd/mm/yyyy.")],
    end: Annotated[str, typer.Option(help="Last day (inclusive).")],
    target: Annotated[list[str] | None, typer.Option(help="A target, category=N (repeatable).")] = None,
    description: Annotated[str | None, typer.Option(help="What the campaign is.")] = None,
    lang: LangOption = None,
) -> None:
    """Add a campaign, or update the one with this name."""
    from collector.campaigns import add_campaign, targets_from_options
    from collector.messages import say
    from collector.reading import CellError, parse_date
    from models.i18n import fmt_date, language
    from models.store import CampaignRecord

    lang = language(lang)
    try:
        start_day, end_day = parse_date(start), parse_date(end)
    except CellError as error:
        raise UserError(say("date_option_invalid", lang, value=error.values.get("value", ""))) from error
    targets = targets_from_options(target or [], lang)
    add_campaign(engine(), CampaignRecord(name, start_day, end_day, description, targets), lang)
    typer.echo(
        say("campaign_saved", lang, name=name, start=fmt_date(start_day, lang), end=fmt_date(end_day, lang))
    )


@campaign_app.command("list")
def campaign_list(lang: LangOption = None) -> None:
    """Campaigns with their windows, targets and assignments."""
    from collector.campaigns import list_campaigns
    from collector.messages import say
    from models.i18n import fmt_date, fmt_int, language

    lang = language(lang)
    campaigns = list_campaigns(engine())
    if not campaigns:
        typer.echo(say("campaign_none", lang))
    for campaign in campaigns:
        targets = ", ".join(f"{k}={fmt_int(v, lang)}" for k, v in (campaign.targets or {}).items())
        typer.echo(
            say(
                "campaign_line",
                lang,
                name=campaign.name,
                start=fmt_date(campaign.start_date, lang),
                end=fmt_date(campaign.end_date, lang),
                targets=say("campaign_targets", lang, targets=targets) if targets else "",
                assigned=fmt_int(campaign.assigned, lang),
                unassigned=fmt_int(campaign.unassigned, lang),
            )
        )


def _assign(name: str, content_ids: list[str], assigned: bool, lang: str | None) -> None:
    from collector.campaigns import assign_contents
    from collector.messages import say
    from models.i18n import fmt_int, language

    lang = language(lang)
    count = assign_contents(engine(), name, content_ids, assigned, lang)
    key = "campaign_assigned" if assigned else "campaign_unassigned"
    typer.echo(say(key, lang, count=fmt_int(count, lang), name=name))


ContentIds = Annotated[list[str], typer.Argument(help="Content IDs as in the export (Post ID).")]


@campaign_app.command("assign")
def campaign_assign(name: str, content_ids: ContentIds, lang: LangOption = None) -> None:
    """Count content items in a campaign even if published outside its window."""
    _assign(name, content_ids, True, lang)


@campaign_app.command("unassign")
def campaign_unassign(name: str, content_ids: ContentIds, lang: LangOption = None) -> None:
    """Take content items out of a campaign (even if published inside its window)."""
    _assign(name, content_ids, False, lang)


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
