"""Alerts by e-mail, so that nobody has to open the dashboard to learn that something needs them.

An ``alerts`` source in ``sources.toml`` lists, per alert, who gets it (``email_to``) and its
threshold; the SMTP settings are the scheduled summaries' (``EM_SMTP_*``). Five alerts:

- ``source_failing``: a source failing ``runs`` runs in a row, or not run for twice its schedule;
- ``credentials_expiring``: a token or refresh token expiring within 7 days, or refused/withdrawn;
- ``content_spreading``: an item passing ``times`` the median views of its Page's items of the same
  kind in the 90 days before it (something is spreading: good or bad news to answer);
- ``enrolment_missing``: today's enrolment sheet not received ``by`` a time on a working day;
- ``questions_unanswered``: people's questions nobody from the office answered for ``hours``
  (each question once; listed oldest first with their item, topic, age, shortened text and a link
  to reply on the platform; never a name).

Each occurrence is sent once (remembered in ``source_state``); during ``quiet_hours`` nothing is
sent (it waits); an alert with ``digest = true`` is sent once a day at ``digest_at``.
"""

from __future__ import annotations

import os
import re
import smtplib
from collections.abc import Mapping
from datetime import UTC, datetime, time, timedelta
from email.message import EmailMessage
from typing import TYPE_CHECKING, Any, Literal
from zoneinfo import ZoneInfo

from apscheduler.triggers.cron import CronTrigger
from pydantic import BaseModel, ConfigDict, Field, field_validator
from sqlalchemy import Connection, Engine

from collector.messages import printable, say
from collector.plumbing.runs import RUN_FAILED, RUN_OK, RunContext, RunResult, record_run
from collector.plumbing.source_base import SourceBase
from models import alerts as figures
from models.i18n import fmt_date, fmt_datetime, fmt_int, language
from models.write import now_utc, utc

if TYPE_CHECKING:
    from collector.config import CollectorConfig
    from collector.report_source import SmtpSettings

KINDS = (
    "source_failing",
    "credentials_expiring",
    "content_spreading",
    "enrolment_missing",
    "questions_unanswered",
)
EXPIRY_WARNING = timedelta(days=7)
STATE_REFRESH_EXPIRES = "refresh_token_expires_at"  # written when an account is connected
MAX_QUESTIONS_LISTED = 30  # one e-mail; the rest are counted and wait on the questions page
QUESTION_TEXT_LENGTH = 100
_CLOCK = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
_EMAIL = re.compile(r"^[^@\s,;]+@[^@\s,;]+$")


def _clock(text: str) -> time:
    match = _CLOCK.match(text.strip())
    if not match:
        raise ValueError(say("alert_clock_invalid", language(), value=text))
    return time(int(match[1]), int(match[2]))


class AlertRule(BaseModel):
    """Who gets one alert, and whether it waits for the daily digest."""

    model_config = ConfigDict(extra="forbid")

    email_to: list[str] = Field(min_length=1)
    digest: bool = False
    enabled: bool = True  # ``enabled = false`` keeps the settings in the file but sends nothing

    @field_validator("email_to", mode="before")
    @classmethod
    def _check_email_to(cls, value: Any) -> Any:
        addresses = [value] if isinstance(value, str) else value
        for address in addresses if isinstance(addresses, list) else []:
            if not _EMAIL.match(str(address)):
                raise ValueError(say("config_email", language(), value=address))
        return addresses


class SourceFailingRule(AlertRule):
    runs: int = Field(default=3, ge=1, le=100)


class SpreadingRule(AlertRule):
    times: float = Field(default=5.0, gt=1)
    recent_days: int = Field(default=7, ge=1, le=90)


class EnrolmentRule(AlertRule):
    by: str = "10:00"  # local time on a working day (Monday to Friday)

    @field_validator("by")
    @classmethod
    def _check_by(cls, value: str) -> str:
        _clock(value)
        return value


class QuestionsRule(AlertRule):
    hours: int = Field(default=24, ge=1, le=24 * 30)  # a question unanswered this long is reported


class AlertsSource(SourceBase):
    """The ``alerts`` source: which alerts to send, to whom, and when not to."""

    type: Literal["alerts"]
    language: Literal["vi", "en"] = "vi"
    quiet_hours: str | None = None  # "22:00-06:00": nothing is sent in between (local time)
    digest_at: str = "07:30"  # when alerts marked ``digest = true`` go out, once a day
    source_failing: SourceFailingRule | None = None
    credentials_expiring: AlertRule | None = None
    content_spreading: SpreadingRule | None = None
    enrolment_missing: EnrolmentRule | None = None
    questions_unanswered: QuestionsRule | None = None

    @field_validator("quiet_hours")
    @classmethod
    def _check_quiet(cls, value: str | None) -> str | None:
        if value is not None:
            start, dash, end = value.partition("-")
            if not dash:
                raise ValueError(say("alert_clock_invalid", language(), value=value))
            _clock(start), _clock(end)
        return value

    @field_validator("digest_at")
    @classmethod
    def _check_digest(cls, value: str) -> str:
        _clock(value)
        return value

    def rules(self) -> dict[str, AlertRule]:
        """The alerts to check: configured and not turned off."""
        return {kind: rule for kind, rule in self.configured().items() if rule.enabled}

    def configured(self) -> dict[str, AlertRule]:
        """Every alert written in the file, turned off or not."""
        return {kind: rule for kind in KINDS if (rule := getattr(self, kind)) is not None}

    def quiet_at(self, local: time) -> bool:
        if not self.quiet_hours:
            return False
        start, end = (_clock(part) for part in self.quiet_hours.split("-"))
        return start <= local < end if start <= end else local >= start or local < end


def schedule_period(source: SourceBase, now: datetime) -> timedelta:
    """How long ``source`` waits between runs (for a crontab, the gap between its next two runs)."""
    schedule = source.schedule
    if schedule.interval is not None:
        return schedule.interval
    trigger = CronTrigger.from_crontab(schedule.cron, timezone=UTC)
    first = trigger.get_next_fire_time(None, now)
    second = trigger.get_next_fire_time(first, first + timedelta(seconds=1))
    return second - first


def failing_sources(
    connection: Connection, config: CollectorConfig, rule: SourceFailingRule, now: datetime, lang: str
) -> dict[str, str]:
    """Sources failing ``rule.runs`` runs in a row, or not run for twice their schedule."""
    found = {}
    for source in config.sources:
        if source.type == "alerts":
            continue
        runs = figures.recent_runs(connection, source.name, 200)
        streak = []
        for run in runs:
            if run.status != RUN_FAILED:
                break
            streak.append(run)
        if len(streak) >= rule.runs:
            found[f"{source.name}:failing:{streak[-1].id}"] = say(
                "alert_failing",
                lang,
                source=source.name,
                runs=fmt_int(len(streak), lang),
                message=streak[0].message or "-",
            )
        last = figures.last_run_started(connection, source.name)
        if last is not None and now - utc(last) > 2 * schedule_period(source, now):
            found[f"{source.name}:stale:{utc(last).isoformat()}"] = say(
                "alert_stale", lang, source=source.name, when=fmt_datetime(utc(last), lang, config.timezone)
            )
    return found


def expiring_credentials(
    connection: Connection, config: CollectorConfig, now: datetime, lang: str
) -> dict[str, str]:
    """Tokens refused, lacking a permission, or expiring within 7 days, from what runs and checks saw."""
    from collector.platforms.facebook.source import STATE_TOKEN_CHECK, TokenStatus
    from collector.plumbing.tokens import STATE_TOKEN

    names = {source.name for source in config.sources}
    found = {}
    for source, state in figures.source_states(connection, STATE_TOKEN_CHECK).items():
        if source in names:
            status = TokenStatus.from_state(source, state)
            check = status.check(now, lang)
            if check.status != "ok":
                moment = status.expires_at.isoformat() if status.expires_at else ""
                found[f"{source}:check:{check.status}:{moment}:{','.join(status.missing)}"] = (
                    f"{check.subject}: {check.message}"
                )
    for source, problem in figures.source_states(connection, STATE_TOKEN).items():
        if source in names and isinstance(problem, dict) and problem.get("message"):
            found[f"{source}:problem:{problem.get('at', '')}"] = say(
                "alert_token_problem", lang, source=source, message=problem["message"]
            )
    for source, moment in figures.source_states(connection, STATE_REFRESH_EXPIRES).items():
        expires = utc(datetime.fromisoformat(str(moment)))
        if source in names and expires - now <= EXPIRY_WARNING:
            found[f"{source}:refresh:{expires.isoformat()}"] = say(
                "alert_refresh_expiring",
                lang,
                source=source,
                when=fmt_datetime(expires, lang, config.timezone),
            )
    return found


def spreading(
    connection: Connection, rule: SpreadingRule, now: datetime, timezone: str, lang: str
) -> dict[str, str]:
    today = now.astimezone(ZoneInfo(timezone)).date()
    return {
        f"content:{item.content_id}": say(
            "alert_spreading",
            lang,
            title=item.title,
            channel=item.channel,
            kind=item.kind,
            day=fmt_date(item.published_day, lang),
            views=fmt_int(item.views, lang),
            times=fmt_int(item.ratio, lang),
            median=fmt_int(item.median, lang),
        )
        for item in figures.spreading_content(connection, today, rule.times, rule.recent_days)
    }


def enrolment_missing(
    connection: Connection, rule: EnrolmentRule, now: datetime, timezone: str, lang: str
) -> dict[str, str]:
    local = now.astimezone(ZoneInfo(timezone))
    deadline = _clock(rule.by)
    if local.weekday() >= 5 or local.time() < deadline:
        return {}
    midnight = datetime.combine(local.date(), time(0), ZoneInfo(timezone))
    if figures.enrolment_received_since(connection, midnight.astimezone(UTC)):
        return {}
    return {
        local.date().isoformat(): say("alert_enrolment", lang, day=fmt_date(local.date(), lang), by=rule.by)
    }


def _waited(asked_at: datetime, now: datetime, lang: str) -> str:
    hours = int((now - asked_at).total_seconds() // 3600)
    if hours < 48:
        return say("alert_waited_hours", lang, count=hours)
    return say("alert_waited_days", lang, count=hours // 24)


def unanswered_questions(
    connection: Connection, rule: QuestionsRule, now: datetime, lang: str
) -> dict[str, str]:
    """Questions unanswered for ``rule.hours``, keyed by when they were asked (oldest first) and id."""
    from models.messages import topic_name
    from models.questions import shorten

    found = {}
    for question in figures.unanswered_questions(connection, now - timedelta(hours=rule.hours)):
        asked = utc(question.asked_at)
        text = shorten(question.text, QUESTION_TEXT_LENGTH) if question.text else None
        found[f"{asked.strftime('%Y%m%dT%H%M%S')}:{question.comment_id}"] = say(
            "alert_question",
            lang,
            waited=_waited(asked, now, lang),
            title=shorten(question.title, 60),
            topic=topic_name(question.topic, lang),
            text=printable(text) if text else say("alert_question_no_text", lang),
            link=question.link or "-",
        )
    return found


def seen_now(
    connection: Connection, config: CollectorConfig, source: AlertsSource, now: datetime
) -> dict[str, dict[str, str]]:
    """What each configured alert is about at ``now``: per kind, occurrence key → message."""
    lang = source.language
    seen: dict[str, dict[str, str]] = {}
    for kind, rule in source.rules().items():
        if kind == "source_failing":
            seen[kind] = failing_sources(connection, config, rule, now, lang)
        elif kind == "credentials_expiring":
            seen[kind] = expiring_credentials(connection, config, now, lang)
        elif kind == "content_spreading":
            seen[kind] = spreading(connection, rule, now, config.timezone, lang)
        elif kind == "enrolment_missing":
            seen[kind] = enrolment_missing(connection, rule, now, config.timezone, lang)
        else:
            seen[kind] = unanswered_questions(connection, rule, now, lang)
    return seen


def _due(
    source: AlertsSource, kind: str, rule: AlertRule, known: list[figures.Occurrence], local: datetime
) -> bool:
    """Whether the waiting occurrences of ``kind`` go out now (quiet hours, the daily digest)."""
    if source.quiet_at(local.time()):
        return False
    if not rule.digest:
        return True
    digest_time = datetime.combine(local.date(), _clock(source.digest_at), local.tzinfo)
    if local < digest_time:
        return False
    sent = [utc(o.sent_at) for o in known if o.sent_at is not None]
    return not sent or max(sent) < digest_time.astimezone(UTC)


def send_alert(settings: SmtpSettings, to: list[str], subject: str, body: str) -> None:
    from collector.report_source import deliver  # the summaries' module: loaded when mail goes

    message = EmailMessage()
    message["From"] = settings.sender
    message["To"] = ", ".join(to)
    message["Subject"] = subject
    message.set_content(body)
    deliver(settings, message)


def check_alerts(
    engine: Engine,
    config: CollectorConfig,
    source: AlertsSource,
    now: datetime | None = None,
    environ: Mapping[str, str] = os.environ,
) -> RunResult:
    """Look at everything the alerts watch, remember what is new, and e-mail what is due."""
    now = utc(now or now_utc())
    lang = source.language
    local = now.astimezone(ZoneInfo(config.timezone))
    with engine.begin() as connection:
        seen = seen_now(connection, config, source, now)
        known = figures.remembered(connection, source.name)
        new = [
            figures.Occurrence(kind, key, message, now)
            for kind, found in seen.items()
            for key, message in found.items()
            if (kind, key) not in known
        ]
        figures.remember(connection, source.name, new, now)
    known.update({(o.kind, o.key): o for o in new})
    sent, failures = 0, []
    for kind, rule in source.rules().items():
        of_kind = [o for (k, _), o in known.items() if k == kind]
        # What is no longer the case (the sheet arrived during quiet hours) is not news any more.
        current = seen.get(kind, {})
        waiting = sorted(
            (o for o in of_kind if o.sent_at is None and o.key in current), key=lambda o: (o.seen_at, o.key)
        )
        if not waiting or not _due(source, kind, rule, of_kind, local):
            continue
        title = say(f"alert_{kind}_title", lang)
        subject = say("alert_subject", lang, title=title, count=fmt_int(len(waiting), lang))
        if isinstance(rule, QuestionsRule):
            body = _questions_body(rule, waiting, current, lang)
        else:
            body = "\n".join(f"- {o.message}" for o in waiting)
        body += "\n\n" + say("alert_footer", lang)
        try:
            from collector.report_source import SmtpSettings

            send_alert(SmtpSettings.from_environment(lang, environ), rule.email_to, subject, body)
        except (OSError, smtplib.SMTPException, ValueError) as error:
            failures.append(
                say("alert_not_sent", lang, title=title, error=str(error) or type(error).__name__)
            )
            continue
        with engine.begin() as connection:
            figures.remember(
                connection,
                source.name,
                [figures.Occurrence(o.kind, o.key, o.message, o.seen_at, now) for o in waiting],
                now,
            )
        sent += len(waiting)
    if failures:
        return RunResult(RUN_FAILED, message=" ".join(failures))
    return RunResult(RUN_OK, message=say("alerts_sent", lang, count=fmt_int(sent, lang)))


def _questions_body(
    rule: QuestionsRule, waiting: list[figures.Occurrence], current: dict[str, str], lang: str
) -> str:
    """How many questions wait, then the oldest first, each with its age as of now."""
    waiting = sorted(waiting, key=lambda o: o.key)  # keys start with when the question was asked
    lines = [
        say(
            "alert_questions_intro",
            lang,
            count=len(waiting),
            shown=fmt_int(len(waiting), lang),
            hours=fmt_int(rule.hours, lang),
            total=fmt_int(len(current), lang),
        )
    ]
    lines += [f"- {current.get(o.key, o.message)}" for o in waiting[:MAX_QUESTIONS_LISTED]]
    if len(waiting) > MAX_QUESTIONS_LISTED:
        rest = len(waiting) - MAX_QUESTIONS_LISTED
        lines.append(say("alert_questions_more", lang, count=rest, more=fmt_int(rest, lang)))
    return "\n".join(lines)


def run_alerts_source(context: RunContext, source: AlertsSource) -> RunResult:
    """The registry's runner of an ``alerts`` source."""
    return record_run(
        context.engine, source.name, lambda: check_alerts(context.engine, context.config, source)
    )


def check_all(
    engine: Engine, config: CollectorConfig, now: datetime | None = None
) -> list[tuple[str, RunResult]]:
    """Each ``alerts`` source of the file, run once (``engagement-monitor alerts check``, the timer)."""
    return [
        (source.name, record_run(engine, source.name, lambda s=source: check_alerts(engine, config, s, now)))
        for source in config.sources
        if source.type == "alerts"
    ]
