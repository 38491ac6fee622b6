"""Engagement summaries as files: the ``export`` command and the scheduled ``report`` source.

A report run writes the summary of last week, last month or a campaign into ``output_dir`` and,
when ``email_to`` is set, e-mails it as an attachment through the SMTP server named by the
``EM_SMTP_*`` environment variables. A delivery that fails makes the run fail, with a clear
message, but the file stays written.
"""

from __future__ import annotations

import os
import smtplib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from email.message import EmailMessage
from pathlib import Path, PurePath
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, Engine

from collector.demo import default_report_settings
from collector.messages import say
from collector.plumbing.runs import RUN_FAILED, RUN_OK, RunContext, RunResult, SummaryWriter, record_run
from collector.plumbing.source_base import ReportSource
from models import metrics
from models.catalogs import Catalog
from models.errors import UserError
from models.i18n import fmt_date, translate
from models.metrics import Scope
from models.report_settings import ReportSettings
from models.summary import build_summary, find_campaign, find_channel
from models.tables import DEFAULT_TIMEZONE
from models.write import now_utc

SMTP_TIMEOUT_S = 30
# Extensions of other file types: an --output ending in one for another format is a mistake.
_FILE_TYPE_SUFFIXES = {".zip", ".xlsx", ".html", ".docx", ".pdf", ".csv", ".xls", ".htm", ".odt", ".txt"}
_YES = ("1", "true", "yes", "on")

REPORT_MESSAGES = Catalog("collector", "report_source")


def report_text(key: str, lang: str, **values) -> str:
    return translate(REPORT_MESSAGES, key, lang, **values)


def summary_scope(
    connection: Connection,
    start: date | None,
    end: date | None,
    lang: str,
    campaign: str | None = None,
    channel: str | None = None,
) -> Scope:
    """The scope of a summary asked for by name; a campaign alone sets the period to its window."""
    campaign_info = find_campaign(connection, campaign) if campaign else None
    if campaign and campaign_info is None:
        raise UserError(say("campaign_unknown", lang, name=campaign))
    channel_id = find_channel(connection, channel) if channel else None
    if channel and channel_id is None:
        known = ", ".join(metrics.channels(connection).name) or "-"
        raise UserError(say("channel_unknown", lang, channel=channel, known=known))
    if campaign_info is not None:
        start, end = start or campaign_info.start, end or campaign_info.end
    if start is None or end is None:
        raise UserError(report_text("period_missing", lang))
    if end < start:
        raise UserError(report_text("period_reversed", lang, start=start, end=end))
    return Scope(
        start,
        end,
        channel_ids=(channel_id,) if channel_id is not None else (),
        campaign_id=campaign_info.id if campaign_info else None,
    )


def relative_period(period: str, today: date) -> tuple[date, date] | None:
    """``last_week`` (Monday–Sunday before this week) or ``last_month`` (the calendar month before
    this one) as dates; None for anything else (a campaign's name)."""
    if period == "last_week":
        monday = today - timedelta(days=today.weekday() + 7)
        return monday, monday + timedelta(days=6)
    if period == "last_month":
        last_day = today.replace(day=1) - timedelta(days=1)
        return last_day.replace(day=1), last_day
    return None


def save_export(target: Path, content: bytes, lang: str) -> Path:
    """Write ``content`` to the file ``target`` (creating its folder), atomically."""
    partial = target.with_name(target.name + ".partial")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        partial.write_bytes(content)
        partial.replace(target)
    except OSError as error:
        raise UserError(report_text("output_unwritable", lang, file=target, error=error.strerror)) from None
    return target


def export_to_file(
    engine: Engine,
    output: Path,
    fmt: str,
    lang: str,
    write_summary: SummaryWriter,
    start: date | None = None,
    end: date | None = None,
    campaign: str | None = None,
    channel: str | None = None,
    settings: ReportSettings | None = None,
) -> Path:
    """The ``export`` command: the summary of the period (or campaign) written to ``output`` by
    ``write_summary`` (the dashboard's writers, wired in by the CLI); ``settings`` are the Word
    report's letterhead."""
    if fmt not in ("csv", "xlsx", "html", "docx"):
        raise UserError(report_text("format_unknown", lang, fmt=fmt))
    with engine.connect() as connection:
        scope = summary_scope(connection, start, end, lang, campaign, channel)
        filename, content, _ = write_summary(build_summary(connection, scope), fmt, lang, settings)
    # The writer's file name carries the format's extension (dashboard.exports.FORMATS, one row each).
    extension = PurePath(filename).suffix
    target = output / filename if output.is_dir() else export_path(output, extension, fmt, lang)
    return save_export(target, content, lang)


def export_path(output: Path, extension: str, fmt: str, lang: str) -> Path:
    """``output`` ending in ``extension``, the one of format ``fmt``: added when missing; another file
    type's extension is refused, so a ZIP is never written under a name Windows cannot open."""
    suffix = output.suffix.lower()
    if suffix == extension:
        return output
    if suffix in _FILE_TYPE_SUFFIXES:
        name = output.stem + extension
        raise UserError(
            report_text("output_extension", lang, file=output.name, fmt=fmt, suffix=extension, name=name)
        )
    return output.with_name(output.name + extension)


@dataclass(frozen=True)
class SmtpSettings:
    """Where and how to send mail; read from the environment, never from the sources file."""

    host: str
    port: int
    user: str | None
    password: str | None
    sender: str
    starttls: bool

    @classmethod
    def from_environment(cls, lang: str, environ: Mapping[str, str] = os.environ) -> SmtpSettings:
        host = environ.get("EM_SMTP_HOST", "").strip()
        if not host:
            raise ValueError(report_text("smtp_host_missing", lang))
        starttls_text = environ.get("EM_SMTP_STARTTLS", "").strip().lower()
        port_text = environ.get("EM_SMTP_PORT", "").strip() or ("587" if starttls_text in _YES else "25")
        if not port_text.isdigit():
            raise ValueError(report_text("smtp_port_invalid", lang, port=port_text))
        port = int(port_text)
        user = environ.get("EM_SMTP_USER") or None
        return cls(
            host=host,
            port=port,
            user=user,
            password=environ.get("EM_SMTP_PASSWORD") or None,
            sender=environ.get("EM_SMTP_FROM")
            or (user if user and "@" in user else "engagement-monitor@localhost"),
            # Port 587 (submission) expects STARTTLS; say EM_SMTP_STARTTLS=0 or 1 to decide otherwise.
            starttls=starttls_text in _YES if starttls_text else port == 587,
        )


def send_report(
    settings: SmtpSettings, path: Path, mime: str, to: list[str], subject: str, body: str
) -> None:
    """E-mail ``path`` as an attachment to ``to`` (raises on any failure to deliver)."""
    message = EmailMessage()
    message["From"] = settings.sender
    message["To"] = ", ".join(to)
    message["Subject"] = subject
    message.set_content(body)
    maintype, subtype = mime.split(";")[0].split("/")
    message.add_attachment(path.read_bytes(), maintype=maintype, subtype=subtype, filename=path.name)
    deliver(settings, message)


def deliver(settings: SmtpSettings, message: EmailMessage) -> None:
    """Send ``message`` through the office's SMTP server (raises on any failure to deliver)."""
    with smtplib.SMTP(settings.host, settings.port, timeout=SMTP_TIMEOUT_S) as smtp:
        if settings.starttls:
            smtp.starttls()
        if settings.user and settings.password:
            smtp.login(settings.user, settings.password)
        smtp.send_message(message)


def run_report_source(context: RunContext, source: ReportSource) -> RunResult:
    """The registry's runner of a ``report`` source (the summary writer comes from the entry point)."""
    return run_report(context.engine, source, context.write_summary, timezone=context.config.timezone)


def run_report(
    engine: Engine,
    source: ReportSource,
    write_summary: SummaryWriter | None,
    now: datetime | None = None,
    timezone: str = DEFAULT_TIMEZONE,
    environ: Mapping[str, str] = os.environ,
) -> RunResult:
    """One scheduled summary, recorded as a ``collection_run`` of the source; ``write_summary`` turns
    the summary into a file (None: the entry point wired no writer, and the run fails saying so)."""
    return record_run(
        engine,
        source.name,
        lambda: _report(engine, source, write_summary, now or now_utc(), timezone, environ),
    )


def _report(
    engine: Engine,
    source: ReportSource,
    write_summary: SummaryWriter | None,
    now: datetime,
    timezone: str,
    environ: Mapping[str, str],
) -> RunResult:
    lang = source.language
    if write_summary is None:
        raise UserError(report_text("writer_missing", lang))
    today = now.astimezone(ZoneInfo(timezone)).date()
    period = relative_period(source.period, today)
    with engine.connect() as connection:
        if period is None:
            scope = summary_scope(connection, None, None, lang, source.period, source.channel)
        else:
            scope = summary_scope(connection, *period, lang, channel=source.channel)
        settings = default_report_settings(engine).merged(source.letterhead())
        filename, content, mime = write_summary(
            build_summary(connection, scope), source.format, lang, settings
        )
    path = save_export(source.output_dir / filename, content, lang)
    if not source.email_to:
        return RunResult(RUN_OK, message=report_text("written", lang, file=path.name))
    to = ", ".join(source.email_to)
    start, end = fmt_date(scope.start, lang), fmt_date(scope.end, lang)
    try:
        send_report(
            SmtpSettings.from_environment(lang, environ),
            path,
            mime,
            source.email_to,
            report_text("mail_subject", lang, start=start, end=end),
            report_text("mail_body", lang, start=start, end=end, file=path.name),
        )
    except (OSError, smtplib.SMTPException, ValueError) as error:
        reason = str(error) or type(error).__name__
        return RunResult(
            RUN_FAILED, message=report_text("delivery_failed", lang, file=path.name, to=to, error=reason)
        )
    return RunResult(RUN_OK, message=report_text("sent", lang, file=path.name, to=to))
