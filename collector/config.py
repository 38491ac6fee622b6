"""The sources file (``sources.toml``): which sources to collect, how, and on what schedule.

Parsed with ``tomllib`` into pydantic models; any problem becomes a one-line ``UserError`` naming
the source, the key and what is wrong. Each ``[[sources]]`` table is checked by the settings model
its ``type`` names in the registry (``collector/sources.py``). Tokens and keys never live in this
file, only the name of the environment variable that holds one (``token_env``, ``key_env``).
"""

import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Union
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from collector.messages import say
from collector.plumbing.http import DEFAULT_SETTINGS, GraphSettings
from collector.plumbing.source_base import (
    ReportLetterhead,
    ReportSource,
)
from collector.sources import REGISTRY
from models.errors import UserError
from models.i18n import language
from models.tables import DEFAULT_TIMEZONE

DEFAULT_CONFIG = Path("sources.toml")
CONFIG_ENV = "ENGAGEMENT_MONITOR_CONFIG"

# The ``type`` key picks the settings model, from the registry of source types (collector/sources.py).
Source = Annotated[Union[tuple(entry.settings for entry in REGISTRY.values())], Field(discriminator="type")]  # noqa: UP007
SOURCE_TYPES = tuple(REGISTRY)


class CollectorConfig(BaseModel):
    """The whole file: the office's time zone, how many sources run at once, Graph API tuning, sources."""

    model_config = ConfigDict(extra="forbid")

    timezone: str = DEFAULT_TIMEZONE
    max_concurrent: int = Field(default=4, ge=1, le=64)
    graph: GraphSettings = DEFAULT_SETTINGS
    report: ReportLetterhead = ReportLetterhead()
    sources: list[Source] = Field(default_factory=list)

    @field_validator("timezone")
    @classmethod
    def _check_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as error:
            raise ValueError(say("config_timezone", language(), value=value)) from error
        return value

    @model_validator(mode="after")
    def _unique_names(self) -> "CollectorConfig":
        seen: set[str] = set()
        for source in self.sources:
            if source.name in seen:
                raise ValueError(say("config_name_twice", language(), name=source.name))
            seen.add(source.name)
        return self

    @model_validator(mode="after")
    def _report_letterhead(self) -> "CollectorConfig":
        """Report sources take the ``[report]`` section's letterhead for the keys they leave unset."""
        for source in self.sources:
            if isinstance(source, ReportSource):
                for key, value in self.report.letterhead().items():
                    if getattr(source, key) is None:
                        setattr(source, key, value)
        return self

    def source(self, name: str) -> Source:
        for source in self.sources:
            if source.name == name:
                return source
        lang = language()
        known = ", ".join(s.name for s in self.sources) or say("config_none", lang)
        raise UserError(say("config_source_unknown", lang, name=name, known=known))


def parse_config(text: str, origin: str = "sources.toml") -> CollectorConfig:
    """The configuration in ``text``; a UserError of one line if anything is wrong."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise UserError(say("config_not_toml", language(), path=origin, reason=error)) from None
    try:
        return CollectorConfig.model_validate(data)
    except ValidationError as error:
        raise UserError(f"{origin}: {_describe(error, data)}.") from None


def config_path(environ: Mapping[str, str] = os.environ) -> Path:
    """The sources file the dashboard manages: ``$ENGAGEMENT_MONITOR_CONFIG``, else ``./sources.toml``."""
    return Path(environ.get(CONFIG_ENV) or DEFAULT_CONFIG)


def load_config(path: Path | str | None = None) -> CollectorConfig:
    """Read and check the sources file (default ``./sources.toml``)."""
    path = Path(path or DEFAULT_CONFIG)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UserError(say("config_missing", language(), path=path)) from None
    except (OSError, UnicodeDecodeError) as error:
        raise UserError(say("config_unreadable", language(), path=path, reason=error)) from None
    return parse_config(text, str(path))


def _describe(error: ValidationError, data: dict) -> str:
    """The first problem as ``source 'x': [key] problem``, in the user's language."""
    lang = language()
    first = error.errors()[0]
    location = [part for part in first["loc"] if part not in SOURCE_TYPES]
    message = first["msg"].removeprefix("Value error, ")
    where = ""
    if len(location) >= 2 and location[0] == "sources" and isinstance(location[1], int):
        raw = data.get("sources", [])[location[1]]
        name = raw.get("name") if isinstance(raw, dict) else None
        where = (
            say("config_where_name", lang, name=name)
            if name
            else say("config_where_number", lang, number=location[1] + 1)
        )
        location = location[2:]
    types = ", ".join(SOURCE_TYPES)
    if first["type"] == "extra_forbidden":
        message = say("config_unknown_key", lang)
    elif first["type"] in ("union_tag_invalid", "union_tag_not_found"):
        key = "config_unknown_type" if first["type"] == "union_tag_invalid" else "config_missing_type"
        message, location = say(key, lang, types=types), ["type"]
    elif first["type"] in _PYDANTIC_PROBLEMS:
        message = say(_PYDANTIC_PROBLEMS[first["type"]], lang, **first.get("ctx", {}))
    elif message.startswith("[") or not location:
        return where + message  # our validators name the key themselves
    key = ".".join(str(part) for part in location) or "?"
    return f"{where}[{key}] {message}"


# pydantic's error types we say in the user's language (the rest keep pydantic's English).
_PYDANTIC_PROBLEMS = {
    "missing": "config_missing_key",
    "greater_than_equal": "config_greater_than_equal",
    "less_than_equal": "config_less_than_equal",
    "string_pattern_mismatch": "config_string_pattern_mismatch",
    "string_too_short": "config_string_too_short",
    "int_parsing": "config_int_parsing",
    "int_type": "config_int_parsing",
    "string_type": "config_string_type",
    "literal_error": "config_literal_error",
}
