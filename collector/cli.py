"""The ``engagement-monitor`` command: a thin shell whose commands each call one library function.

Each command imports what it uses inside its function, so ``--help``, ``status``, ``user`` and
``init`` never load pandas, the demo, statsmodels or the dashboard (``tests/test_cli_imports.py``).
"""

import logging
import sys
from pathlib import Path
from typing import Annotated

import typer

from collector.kinds import KINDS
from collector.messages import say
from models.errors import UserError
from models.i18n import fmt_date, fmt_int, language

app = typer.Typer(
    help="Engagement monitor: reach of fanpage posts and livestreams against enrolment results.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)

log = logging.getLogger("engagement_monitor")
DEFAULT_SOURCES = Path("sources.toml")  # collector.config.DEFAULT_CONFIG, without importing the registry


class State:
    db: str | None = None
    lang: str | None = None  # the command's --lang, so that main()'s error line speaks it too


def engine():
    """The migrated engine for the database chosen with ``--db`` (or the default)."""
    from models.db import open_database

    return open_database(State.db)


def shown_url() -> str:
    """The chosen database's URL with its password hidden."""
    from models.db import database_url, redact_url

    return redact_url(database_url(State.db))


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
    typer.echo(say("db_ready", language(), url=shown_url()))


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
    from collector.demo import is_demo_database, load_demo
    from dashboard.server import serve
    from models.db import open_database, redact_url

    lang = language()
    url = State.db or DEMO_DB
    demo_engine = open_database(url)
    if is_demo_database(demo_engine):
        typer.echo(say("demo_already_loaded", lang, url=redact_url(url)))
    else:
        summary = load_demo(demo_engine)
        counts = {
            name: fmt_int(getattr(summary, name), lang)
            for name in ("items", "snapshots", "page_metrics", "enrolments", "campaigns")
        }
        typer.echo(say("demo_loaded", lang, url=redact_url(url), **counts))
    demo_engine.dispose()  # the server is another program: nothing of ours stays open in it
    if load_only:
        return
    typer.echo(say("dashboard_serving_demo", lang, url=f"http://127.0.0.1:{port}"))
    raise typer.Exit(serve(url, "127.0.0.1", port, open_browser=not no_browser))


@app.command()
def dashboard(
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8501,
    host: Annotated[
        str, typer.Option(help="Address to listen on; 127.0.0.1 keeps it on this computer.")
    ] = "127.0.0.1",
    open_browser: Annotated[bool, typer.Option("--open", help="Open it in a browser.")] = False,
    auth: Annotated[
        str,
        typer.Option(
            help="Sign-in: auto (off on 127.0.0.1, required on any other address), required, or oidc "
            "(Streamlit's st.login, see the README)."
        ),
    ] = "auto",
) -> None:
    """Serve the dashboard (Streamlit) on http://HOST:PORT."""
    from dashboard.server import auth_mode_for, serve
    from models.db import database_url

    mode = auth_mode_for(host, auth)
    engine().dispose()  # create or migrate the database first, so errors come as one line here
    lang = language()
    typer.echo(say("dashboard_serving", lang, url=f"http://{host}:{port}", mode=say(f"auth_{mode}", lang)))
    raise typer.Exit(serve(database_url(State.db), host, port, open_browser=open_browser, auth=mode))


@app.command()
def status(
    config: Annotated[
        Path, typer.Option("--config", help="The sources file.", envvar="ENGAGEMENT_MONITOR_CONFIG")
    ] = Path("sources.toml"),
) -> None:
    """The configured sources and their last run, row counts, and the last collection runs."""
    from collector.status import status_lines

    with engine().connect() as connection:
        lines = status_lines(connection, shown_url(), config, language())
    for line in lines:
        typer.echo(line)


@app.command()
def collect(
    config: Annotated[
        Path, typer.Option("--config", help="The sources file.", envvar="ENGAGEMENT_MONITOR_CONFIG")
    ] = Path("sources.toml"),
    once: Annotated[bool, typer.Option("--once", help="Run each source once, then exit.")] = False,
    source: Annotated[str | None, typer.Option("--source", help="Only this source (by name).")] = None,
) -> None:
    """Collect from the sources in sources.toml on their schedules until stopped, or each once (--once)."""
    from collector.config import load_config
    from collector.plumbing.redaction import install_redaction
    from collector.scheduler import collect as run_collect
    from dashboard.exports import write_summary  # the entry point wires the upper floor in

    install_redaction()
    raise typer.Exit(
        run_collect(
            engine(),
            load_config(config),
            once=once,
            source=source,
            echo=typer.echo,
            write_summary=write_summary,
        )
    )


user_app = typer.Typer(help="Dashboard users and their roles (viewer, editor, admin).", no_args_is_help=True)
app.add_typer(user_app, name="user")


def _new_password(password_stdin: bool) -> str:
    """The password from one line of stdin, or typed twice at a hidden prompt."""
    if password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    lang = language()
    while True:
        password = typer.prompt(say("password_prompt", lang), hide_input=True)
        if typer.prompt(say("password_again", lang), hide_input=True) == password:
            return password
        typer.echo(say("password_mismatch", lang), err=True)


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
    from models.auth import add_user, check_role, cli_user

    check_role(role)
    password = _new_password(password_stdin)
    with engine().begin() as connection:
        add_user(connection, name, role, password, by=cli_user())
    typer.echo(say("user_added", language(), name=name, role=role))


@user_app.command("passwd")
def user_passwd(name: str, password_stdin: PasswordStdin = False) -> None:
    """Set a new password (lifts a lockout and signs the user out everywhere)."""
    from models.auth import cli_user, set_password

    password = _new_password(password_stdin)
    with engine().begin() as connection:
        set_password(connection, name, password, by=cli_user())
    typer.echo(say("user_password_changed", language(), name=name))


@user_app.command("role")
def user_role(name: str, role: str) -> None:
    """Give a user another role."""
    from models.auth import cli_user, set_role

    with engine().begin() as connection:
        set_role(connection, name, role, by=cli_user())
    typer.echo(say("user_role_changed", language(), name=name, role=role))


@user_app.command("remove")
def user_remove(name: str) -> None:
    """Delete a user (the audit trail keeps what they did)."""
    from models.auth import cli_user, remove_user

    with engine().begin() as connection:
        remove_user(connection, name, by=cli_user())
    typer.echo(say("user_removed", language(), name=name))


@user_app.command("list")
def user_list() -> None:
    """Users, their roles, and who is locked out for now."""
    from models.auth import list_users
    from models.i18n import fmt_datetime
    from models.write import local_day, now_utc

    with engine().connect() as connection:
        users = list_users(connection)
    lang = language()
    if not users:
        typer.echo(say("user_none", lang))
    for user in users:
        locked = user.locked_until and user.locked_until > now_utc()
        note = say("user_locked", lang, until=fmt_datetime(user.locked_until, lang)) if locked else ""
        since = fmt_date(local_day(user.created_at), lang)
        typer.echo(say("user_line", lang, name=user.name, role=user.role, since=since, locked=note))


def _remember_lang(lang: str | None) -> str | None:
    State.lang = lang
    return lang


LangOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        help="Language of messages: vi or en (default $ENGAGEMENT_MONITOR_LANG, vi).",
        callback=_remember_lang,
    ),
]


@app.command("import")
def import_command(
    paths: Annotated[list[Path], typer.Argument(help="Files (CSV, XLSX) or folders of files to import.")],
    kind: Annotated[
        str | None,
        typer.Option(help=f"Force the kind: {', '.join(KINDS)}."),
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
    period_from: Annotated[
        str | None,
        typer.Option("--from", help="First day an export covers (YYYY-MM-DD): a period's figures, a year."),
    ] = None,
    period_to: Annotated[
        str | None, typer.Option("--to", help="Last day an export covers (YYYY-MM-DD).")
    ] = None,
    lang: LangOption = None,
) -> None:
    """Import Meta Business Suite exports (Facebook and Instagram), YouTube Studio exports (the zip as
    downloaded, or its files), page series, enrolment results and campaigns files."""
    from rich.console import Console
    from rich.progress import Progress

    from collector.importer import ImportOptions, files_in, import_file, parse_as_of, parse_period
    from collector.messages import say
    from models.i18n import language

    lang = language(lang)
    moment = parse_as_of(as_of, timezone, lang) if as_of else None
    period = parse_period(period_from, period_to, lang)
    options = ImportOptions(kind, channel, moment, timezone, skip_bad_rows, lang, period=period)
    files, empty = [], []
    for given in paths:
        found = files_in([given])
        files += found
        if not found:
            empty.append(given)
            typer.echo(say("nothing_found", lang, path=given))
    if not files:
        raise typer.Exit(1)
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
            except Exception as error:  # one file's unforeseen failure must not stop the others
                failed += 1
                log.debug("Importing %s failed", path, exc_info=True)
                lines = [say("file_unexpected", lang, file=path.name, error=type(error).__name__)]
            for line in lines:
                progress.console.print(line, markup=False, highlight=False, soft_wrap=True)
            progress.advance(task)
    typer.echo(say("import_summary", lang, ok=len(files) - failed, failed=failed))
    if failed or empty:
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
    from collector.plumbing.reading import CellError, parse_date
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


activity_app = typer.Typer(
    help="Communication activities beyond the fanpage: performances, booths, conferences, banners, "
    "radio, Zalo… with their attendance and on-the-spot results.",
    no_args_is_help=True,
)
app.add_typer(activity_app, name="activity")


def _day_option(text: str, lang: str):
    from collector.plumbing.reading import CellError, parse_date

    try:
        return parse_date(text)
    except CellError as error:
        raise UserError(say("date_option_invalid", lang, value=text)) from error


@activity_app.command("add")
def activity_add(
    name: str,
    kind: Annotated[
        str,
        typer.Option(
            help="art_performance, booth, conference, small_group, visual, press, messaging, launch or "
            "other (a Vietnamese or English name works too)."
        ),
    ],
    start: Annotated[str, typer.Option(help="First day, YYYY-MM-DD or dd/mm/yyyy.")],
    end: Annotated[str | None, typer.Option(help="Last day (inclusive; default: the first day).")] = None,
    unit: Annotated[str, typer.Option(help="Commune, district or ward; empty for province-wide.")] = "",
    venue: Annotated[str | None, typer.Option(help="Venue or channel, as free text.")] = None,
    attendance: Annotated[
        int | None, typer.Option(help="People reached offline (never added to online views).")
    ] = None,
    result: Annotated[
        list[str] | None,
        typer.Option(help="An on-the-spot result, category=N (repeatable); part of the enrolment results."),
    ] = None,
    campaign: Annotated[str | None, typer.Option(help="The campaign it belongs to (its name).")] = None,
    note: Annotated[str | None, typer.Option(help="A note.")] = None,
    lang: LangOption = None,
) -> None:
    """Add an activity, or update the one with the same name, first day and unit."""
    from collector.campaigns import add_activity, kind_from_option, results_from_options
    from models.activities import ActivityRecord
    from models.auth import cli_user

    lang = language(lang)
    first = _day_option(start, lang)
    last = _day_option(end, lang) if end else first
    record = ActivityRecord(
        name,
        kind_from_option(kind, lang),
        first,
        last,
        unit,
        venue,
        attendance,
        results_from_options(result or [], lang),
        campaign,
        note,
    )
    add_activity(engine(), record, cli_user(), lang)
    where = " ".join(unit.split()) or say("activity_province", lang)
    typer.echo(
        say(
            "activity_saved",
            lang,
            name=" ".join(name.split()),
            start=fmt_date(first, lang),
            end=fmt_date(last, lang),
            unit=where,
        )
    )


@activity_app.command("list")
def activity_list(
    start: Annotated[str | None, typer.Option("--from", help="First day (default: the earliest).")] = None,
    end: Annotated[str | None, typer.Option("--to", help="Last day (default: the latest).")] = None,
    lang: LangOption = None,
) -> None:
    """Activities with their days, unit, attendance and on-the-spot results."""
    from datetime import date

    from collector.campaigns import list_activities
    from models.activities import kind_name
    from models.messages import category_name
    from models.metrics import Scope

    lang = language(lang)
    first = _day_option(start, lang) if start else date.min
    last = _day_option(end, lang) if end else date.max
    found = list_activities(engine(), Scope(first, last))
    if found.empty:
        typer.echo(say("activity_none", lang))
    for row in found.astype(object).where(found.notna(), None).to_dict("records"):
        results = ", ".join(
            f"{category_name(column.removeprefix('on_spot_'), lang)}: {fmt_int(row[column], lang)}"
            for column in found.columns
            if column.startswith("on_spot_") and row[column] is not None
        )
        typer.echo(
            say(
                "activity_line",
                lang,
                start=fmt_date(row["start_day"], lang),
                end=fmt_date(row["end_day"], lang),
                name=row["name"],
                kind=kind_name(row["kind"], lang),
                unit=row["unit"] or say("activity_province", lang),
                venue=f" ({row['venue']})" if row["venue"] else "",
                attendance=fmt_int(row["attendance"], lang),
                results=say("activity_results", lang, results=results) if results else "",
                campaign=say("activity_in_campaign", lang, name=row["campaign"]) if row["campaign"] else "",
            )
        )


@activity_app.command("remove")
def activity_remove(
    name: str,
    start: Annotated[str, typer.Option(help="Its first day, YYYY-MM-DD or dd/mm/yyyy.")],
    unit: Annotated[str, typer.Option(help="Its unit; empty for a province-wide activity.")] = "",
    lang: LangOption = None,
) -> None:
    """Delete an activity (named by its name, first day and unit) and its on-the-spot results."""
    from collector.campaigns import remove_activity
    from models.auth import cli_user

    lang = language(lang)
    first = _day_option(start, lang)
    remove_activity(engine(), name, first, unit, cli_user(), lang)
    where = " ".join(unit.split()) or say("activity_province", lang)
    shown = " ".join(name.split())
    typer.echo(say("activity_removed", lang, name=shown, start=fmt_date(first, lang), unit=where))


maintenance_app = typer.Typer(
    help="Keeping a large history fast: rollup and retention.", no_args_is_help=True
)
app.add_typer(maintenance_app, name="maintenance")


@maintenance_app.command("rebuild-rollup")
def maintenance_rebuild_rollup() -> None:
    """Recompute the daily rollup from every snapshot (it is otherwise kept up to date as data lands)."""
    from models.rollup import rebuild

    with engine().begin() as connection:
        rows = rebuild(connection)
    lang = language()
    typer.echo(say("rollup_rebuilt", lang, rows=fmt_int(rows, lang)))


@maintenance_app.command("thin-snapshots")
def maintenance_thin_snapshots(
    keep_hours: Annotated[
        float, typer.Option(help="Keep every snapshot taken this many hours after publishing.")
    ] = 72,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Only count what would be removed.")] = False,
) -> None:
    """Thin older snapshots to the last one of each day; live broadcasts and each day's final value stay."""
    from models.retention import thin_snapshots

    with engine().begin() as connection:
        result = thin_snapshots(connection, keep_hours=keep_hours, dry_run=dry_run)
    lang = language()
    key = "snapshots_thin_dry_run" if dry_run else "snapshots_thinned"
    typer.echo(say(key, lang, examined=fmt_int(result.examined, lang), removed=fmt_int(result.removed, lang)))


@maintenance_app.command("forget-comments")
def maintenance_forget_comments(
    days: Annotated[
        int, typer.Option(min=1, help="Remove comments older than this many days, keeping their counts.")
    ] = 90,
) -> None:
    """Remove comments past their days (text and commenter hash too), keeping counts per item, day, topic."""
    from models.retention import forget_comments

    with engine().begin() as connection:
        result = forget_comments(connection, keep_days=days)
    lang = language()
    typer.echo(
        say("comments_forgotten", lang, removed=fmt_int(result.removed, lang), days=fmt_int(days, lang))
    )


@app.command()
def doctor(
    config: Annotated[
        Path | None,
        typer.Option(
            "--config",
            help="The sources file (default: ./sources.toml if present).",
            envvar="ENGAGEMENT_MONITOR_CONFIG",
        ),
    ] = None,
) -> None:
    """Check the secrets file, the sources file, the database and each Page token (validity,
    permissions, time left before it expires); one line per check, exit code 1 on any failure."""
    from collector.doctor import FAIL, run_doctor
    from models.db import database_url

    lang = language()
    checks = run_doctor(config, database_url(State.db), lang=lang)
    for check in checks:
        typer.echo(check.line(lang))
    if any(check.status == FAIL for check in checks):
        raise typer.Exit(1)


@app.command()
def export(
    output: Annotated[
        Path,
        typer.Option("--output", help="File to write, or a folder (the file is named after the period)."),
    ],
    fmt: Annotated[
        str, typer.Option("--format", help="csv (a zip of CSV files), xlsx, html or docx (the Word report).")
    ],
    start: Annotated[str | None, typer.Option("--from", help="First day, YYYY-MM-DD or dd/mm/yyyy.")] = None,
    end: Annotated[str | None, typer.Option("--to", help="Last day (inclusive).")] = None,
    campaign: Annotated[
        str | None, typer.Option(help="Only this campaign's content; alone, it also sets the period.")
    ] = None,
    channel: Annotated[str | None, typer.Option(help="Only this channel (name or Page ID).")] = None,
    lang: LangOption = None,
    config: Annotated[
        Path | None,
        typer.Option(
            "--config",
            help="The sources file whose [report] section names the agency, place and signer "
            "(default: ./sources.toml if present).",
            envvar="ENGAGEMENT_MONITOR_CONFIG",
        ),
    ] = None,
    agency: Annotated[str | None, typer.Option(help="Word report: the agency's name (top left).")] = None,
    parent_agency: Annotated[
        str | None, typer.Option(help="Word report: the agency it belongs to (the line above).")
    ] = None,
    place: Annotated[str | None, typer.Option(help="Word report: the place of the date line.")] = None,
    signer_title: Annotated[
        str | None, typer.Option(help="Word report: the signer's title, e.g. GIÁM ĐỐC.")
    ] = None,
    signer: Annotated[str | None, typer.Option(help="Word report: the signer's name.")] = None,
    recipient: Annotated[
        list[str] | None,
        typer.Option(help="Word report: one recipient (repeat the option; end with the filing line)."),
    ] = None,
    number: Annotated[
        str | None, typer.Option(help="Word report: its number (Số: 12/BC-BHXH); blank when not given.")
    ] = None,
    signed_on: Annotated[
        str | None,
        typer.Option("--signed-on", help="Word report: the signing date of the date line (default: today)."),
    ] = None,
) -> None:
    """Write an engagement summary (Excel, CSV, a printable report or the Word report to sign) for
    a period or a campaign."""
    if fmt == "docx":  # the charts' browser starts while the summary is computed
        from dashboard.chart_images import start_browser

        start_browser()
    from collector.demo import default_report_settings
    from collector.messages import say
    from collector.plumbing.reading import CellError, parse_date
    from collector.report_source import export_to_file
    from dashboard.exports import write_summary
    from models.i18n import language

    lang = language(lang)
    try:
        first, last, signing = (parse_date(day) if day else None for day in (start, end, signed_on))
    except CellError as error:
        raise UserError(say("date_option_invalid", lang, value=error.values.get("value", ""))) from error
    sources = config or (DEFAULT_SOURCES if DEFAULT_SOURCES.exists() else None)
    letterhead = {}
    if sources is not None:  # the sources file brings the registry of every platform: read only when there
        from collector.config import load_config

        letterhead = load_config(sources).report.letterhead()
    options = {
        "agency": agency,
        "parent_agency": parent_agency,
        "place": place,
        "signer_title": signer_title,
        "signer": signer,
        "recipients": recipient or None,
        "document_number": number,
        "signed_on": signing,
    }
    database = engine()
    settings = default_report_settings(database).merged(letterhead).merged(options)
    path = export_to_file(
        database, output, fmt, lang, write_summary, first, last, campaign, channel, settings
    )
    typer.echo(str(path))


@app.command("impact")
def impact_command(
    campaign: Annotated[str, typer.Argument(help="The campaign's name, as `campaign list` shows it.")],
    focus: Annotated[
        list[str] | None,
        typer.Option(
            "--focus",
            help="A focus unit of the per-unit comparison (repeat it); default: where the campaign's "
            "activities were held.",
        ),
    ] = None,
    category: Annotated[
        str, typer.Option(help="Enrolment category of the per-unit comparison (BHYT works too).")
    ] = "health_insurance",
    seed: Annotated[int, typer.Option(help="Seed of the simulated interval (same seed, same figures).")] = 0,
    lang: LangOption = None,
) -> None:
    """Campaign impact against a baseline: observed vs expected per category, placebo check, per unit."""
    from collector.sheets.enrolment import category_code
    from models import impact
    from models.i18n import language

    lang = language(lang)
    with engine().connect() as connection:
        estimates = impact.campaign_impact(connection, campaign, seed=seed)
        units = list(focus) if focus else impact.activity_units(connection, campaign)
        comparison = impact.unit_impact(connection, campaign, category_code(category), units)
    for estimate in estimates:
        typer.echo(impact.describe(estimate, lang, caution=False))
    typer.echo(impact.caution(lang))
    typer.echo(impact.describe_units(comparison, units, lang))


@app.command()
def backup(
    path: Annotated[Path, typer.Argument(help="The backup file to write.")],
) -> None:
    """Copy the database to one file (SQLite: online backup API; PostgreSQL: pg_dump, custom format)."""
    from collector.backup import backup as write_backup
    from models.db import database_url, redact_url

    lang = language()
    url = database_url(State.db)
    engine().dispose()
    result = write_backup(url, path, lang)
    typer.echo(
        say("backup_written", lang, url=redact_url(url), path=result.path, size=fmt_int(result.size, lang))
    )


@app.command()
def restore(
    path: Annotated[Path, typer.Argument(help="A file written by `engagement-monitor backup`.")],
    replace: Annotated[
        bool, typer.Option("--replace", help="Write over a database that already holds data.")
    ] = False,
) -> None:
    """Put a backup in place of the database (refuses to write over data without --replace)."""
    from collector.backup import restore as read_backup
    from models.db import database_url, redact_url

    lang = language()
    url = database_url(State.db)
    read_backup(path, url, lang, replace=replace)
    typer.echo(say("restore_done", lang, url=redact_url(url), path=path))


service_app = typer.Typer(
    help="Start the collector and the dashboard at boot, restarted on failure (systemd; Task Scheduler).",
    no_args_is_help=True,
)
app.add_typer(service_app, name="service")
UserOption = Annotated[
    bool, typer.Option("--user", help="This account's own services (no sudo), started when it logs in.")
]


@service_app.command("install")
def service_install(
    user: UserOption = False,
    host: Annotated[str, typer.Option(help="Address the dashboard listens on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port of the dashboard.")] = 8501,
    config: Annotated[
        Path, typer.Option("--config", help="The sources file.", envvar="ENGAGEMENT_MONITOR_CONFIG")
    ] = Path("sources.toml"),
) -> None:
    """Write and start the collector's and the dashboard's services, run from this folder."""
    from collector.service import ServicePlan, install, installing_account, program

    lang = language()
    plan = ServicePlan(
        program(), Path.cwd(), user, State.db, host, port, str(config), run_as=installing_account()
    )
    for path in install(plan, lang):
        typer.echo(say("service_installed", lang, path=path))


@service_app.command("status")
def service_status(user: UserOption = False) -> None:
    """Whether each service is installed, running, and how often it was restarted."""
    from collector.service import status as service_states

    lang = language()
    for state in service_states(user):
        installed = say("service_is_installed" if state.installed else "service_not_installed", lang)
        restarts = fmt_int(state.restarts, lang)
        typer.echo(
            say(
                "service_line",
                lang,
                service=state.service,
                installed=installed,
                state=state.state,
                restarts=restarts,
            )
        )


@service_app.command("remove")
def service_remove(user: UserOption = False) -> None:
    """Stop the services and remove what `service install` wrote."""
    from collector.service import remove

    lang = language()
    removed = remove(user, lang)
    for path in removed:
        typer.echo(say("service_removed", lang, path=path))
    if not removed:
        typer.echo(say("service_nothing_removed", lang))


alerts_app = typer.Typer(help="Alerts by e-mail (the alerts source in sources.toml).", no_args_is_help=True)
app.add_typer(alerts_app, name="alerts")


@alerts_app.command("check")
def alerts_check(
    config: Annotated[
        Path, typer.Option("--config", help="The sources file.", envvar="ENGAGEMENT_MONITOR_CONFIG")
    ] = Path("sources.toml"),
) -> None:
    """Look at what the alerts watch once and e-mail what is due (the service's timer runs this)."""
    from collector.alerts import check_all
    from collector.config import load_config

    lang = language()
    results = check_all(engine(), load_config(config))
    if not results:
        typer.echo(say("alerts_none", lang))
    for name, result in results:
        typer.echo(say("alerts_result", lang, source=name, message=result.message or result.status))
    if any(result.status == "failed" for _, result in results):
        raise typer.Exit(1)


def main() -> None:
    """Entry point: user errors become one line on stderr and exit code 1, never a traceback."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        app()
    except UserError as error:
        typer.echo(say("cli_error", language(State.lang), message=error), err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        typer.echo(say("cli_interrupted", language(State.lang)), err=True)
        sys.exit(130)
