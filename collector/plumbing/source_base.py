"""What every source in ``sources.toml`` has (a name, a schedule), and the settings of the sources that
read no platform (export folders and addresses, reports); each platform's model is in its ``source.py``.

The models here know nothing of the registry (``collector/sources.py``) or of the whole file
(``collector/config.py``), so a source module can subclass ``SourceBase`` without an import cycle.
Secrets never live in the sources file, only the name of the environment variable that holds one
(``token_env``, ``key_env``, ...): a key that looks like a secret, or a value shaped like a token, is refused.
"""

import re
from datetime import timedelta
from pathlib import Path
from typing import Any, Literal

from apscheduler.triggers.cron import CronTrigger
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from collector.messages import say
from models.i18n import language

ENV_NAME = r"^[A-Za-z_][A-Za-z0-9_]*$"

_DURATION = re.compile(r"^\s*(?:(\d+)\s*d)?\s*(?:(\d+)\s*h)?\s*(?:(\d+)\s*m)?\s*(?:(\d+)\s*s)?\s*$", re.I)
# A key whose name suggests a secret, or a value shaped like a Meta access token (EAA…, long) or a
# Google API key (AIza…, 39 characters); keys ending in ``_env`` only name an environment variable.
_SECRET_KEY = re.compile(r"(token|secret|password|api_?key)", re.I)
_TOKEN_VALUE = re.compile(r"^(EA[A-Za-z0-9]{30,}|AIza[0-9A-Za-z_-]{35})$")


def parse_duration(text: str) -> timedelta:
    """``"10m"``, ``"1h"``, ``"1h30m"``, ``"2d"``, ``"45s"`` as a timedelta (ValueError otherwise)."""
    match = _DURATION.match(text)
    if not match or not any(match.groups()):
        raise ValueError(say("config_duration", language(), value=text))
    days, hours, minutes, seconds = (int(part or 0) for part in match.groups())
    duration = timedelta(days=days, hours=hours, minutes=minutes, seconds=seconds)
    if duration <= timedelta(0):
        raise ValueError(say("config_duration_zero", language(), value=text))
    return duration


_DAYS = r"(?:mon|tue|wed|thu|fri|sat|sun)"
_DAY_TIME = re.compile(rf"^\s*(?:(daily|{_DAYS}(?:\s*,\s*{_DAYS})*)\s+)?([01]?\d|2[0-3]):([0-5]\d)\s*$", re.I)


def day_time_cron(text: str) -> str | None:
    """``"mon 07:00"``, ``"mon,thu 07:00"`` or ``"daily 07:00"`` as a crontab expression (else None)."""
    match = _DAY_TIME.match(text)
    if not match:
        return None
    days = re.sub(r"\s+", "", (match[1] or "daily").lower())
    return f"{int(match[3])} {int(match[2])} * * {'*' if days == 'daily' else days}"


def looks_like_cron(text: str) -> bool:
    """Five space-separated fields: a crontab expression rather than a duration."""
    return len(text.split()) == 5


def validate_cron(expression: str) -> str:
    try:
        CronTrigger.from_crontab(expression)
    except ValueError as error:
        raise ValueError(say("config_cron", language(), value=expression, reason=error)) from error
    return expression


def check_base_url(value: str) -> str:
    """An API address (``https://host/path``) without its trailing slash (ValueError otherwise)."""
    if not re.match(r"^https?://[^\s/?#]+(/[^\s?#]*)?$", value):
        raise ValueError(say("config_base_url", language(), value=value))
    return value.rstrip("/")


class Schedule(BaseModel):
    """When a source runs: every fixed interval, or on a crontab expression."""

    interval: timedelta | None = None
    cron: str | None = None

    def describe(self) -> str:
        return f"cron {self.cron}" if self.cron else f"every {self.interval}"


class SourceBase(BaseModel):
    """Settings every source has: a unique name and a schedule (``every`` or ``cron``)."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=200)
    every: str | None = None
    cron: str | None = None
    paused: bool = False  # kept in the file and in ``status``, but not collected on its schedule

    @model_validator(mode="before")
    @classmethod
    def _refuse_tokens(cls, values: Any) -> Any:
        if isinstance(values, dict):
            for key, value in values.items():
                secret_name = _SECRET_KEY.search(key) and not key.endswith(
                    "_env"
                )  # ``*_env`` names a variable
                if secret_name or (isinstance(value, str) and _TOKEN_VALUE.match(value)):
                    raise ValueError(say("config_token_in_file", language(), field=key))
        return values

    @field_validator("every")
    @classmethod
    def _check_every(cls, value: str | None) -> str | None:
        if value is not None and day_time_cron(value) is None:
            validate_cron(value) if looks_like_cron(value) else parse_duration(value)
        return value

    @field_validator("cron")
    @classmethod
    def _check_cron(cls, value: str | None) -> str | None:
        return validate_cron(value) if value is not None else None

    @model_validator(mode="after")
    def _one_schedule(self) -> "SourceBase":
        if self.every and self.cron:
            raise ValueError(say("config_both_schedules", language()))
        return self

    @property
    def schedule(self) -> Schedule:
        """The parsed schedule; a source without one runs hourly."""
        if self.cron:
            return Schedule(cron=self.cron)
        if self.every and day_time_cron(self.every):
            return Schedule(cron=day_time_cron(self.every))
        if self.every and looks_like_cron(self.every):
            return Schedule(cron=self.every)
        return Schedule(interval=parse_duration(self.every or "1h"))


class ExportFolderSource(SourceBase):
    """A folder where an admin drops Meta Business Suite exports and enrolment spreadsheets."""

    type: Literal["export_folder"]
    path: Path


class ExportUrlSource(SourceBase):
    """An address (e.g. a shared drive link) serving an export file."""

    type: Literal["export_url"]
    url: str = Field(pattern=r"^https?://")


class ReportLetterhead(BaseModel):
    """Who files the Word report (agency, place, signer, recipients): the ``[report]`` section, or
    the same keys in a report source; unset keys keep the defaults of ``ReportSettings``."""

    model_config = ConfigDict(extra="forbid")

    parent_agency: str | None = None
    agency: str | None = None
    place: str | None = None
    document_code: str | None = None
    signer_title: str | None = None
    signer: str | None = None
    recipients: list[str] | None = None
    agency_en: str | None = None
    place_en: str | None = None
    signer_title_en: str | None = None

    def letterhead(self) -> dict[str, Any]:
        """The keys set here (for ``ReportSettings.merged``)."""
        return {
            key: getattr(self, key) for key in ReportLetterhead.model_fields if getattr(self, key) is not None
        }


class ReportSource(SourceBase, ReportLetterhead):
    """A scheduled engagement summary (``every = "mon 07:00"``), written to ``output_dir`` and
    e-mailed to ``email_to`` (SMTP settings from the EM_SMTP_* environment variables); the Word
    report's letterhead keys override the ``[report]`` section's."""

    type: Literal["report"]
    period: str = Field(default="last_week", min_length=1)  # last_week, last_month or a campaign's name
    format: Literal["csv", "xlsx", "html", "docx"] = "xlsx"
    language: Literal["vi", "en"] = "vi"
    output_dir: Path
    channel: str | None = None
    email_to: list[str] = Field(default_factory=list)

    @field_validator("email_to", mode="before")
    @classmethod
    def _check_email_to(cls, value: Any) -> Any:
        addresses = [value] if isinstance(value, str) else value
        for address in addresses if isinstance(addresses, list) else []:
            if not re.match(r"^[^@\s,;]+@[^@\s,;]+$", str(address)):
                raise ValueError(say("config_email", language(), value=address))
        return addresses
