"""Changing the alerts in ``sources.toml`` from the dashboard: turn an alert on or off, set who gets
it, its threshold and whether it waits for the digest; the quiet hours and the digest's time.

The ``alerts`` source stays in the file (the first one, or a new ``alerts`` source when there is
none); the edit goes through collector/sources_file.py (tomlkit, comments kept, checked as the
collector reads it, written atomically). What the person typed is checked here first, so a mistake
is refused in one line in *their* language and nothing is written.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tomlkit

from collector.alerts import _CLOCK, _EMAIL, KINDS
from collector.config import CollectorConfig
from collector.messages import say
from collector.sources_file import edit, sources_of
from models.errors import UserError

NEW_SOURCE_NAME = "alerts"  # the alerts source created when the file has none
NEW_SOURCE_EVERY = "15m"


@dataclass(frozen=True)
class Threshold:
    """The one setting that decides when an alert fires, with its bounds (as collector/alerts.py)."""

    key: str
    kind: str  # "int", "float" or "clock"
    low: float = 0
    high: float = 0
    low_inclusive: bool = True


THRESHOLDS: Mapping[str, Threshold] = {
    "source_failing": Threshold("runs", "int", 1, 100),
    "content_spreading": Threshold("times", "float", 1, 1000, low_inclusive=False),
    "enrolment_missing": Threshold("by", "clock"),
    "questions_unanswered": Threshold("hours", "int", 1, 24 * 30),
}


@dataclass(frozen=True)
class AlertChange:
    """What the Administration page's form for one alert says, as typed."""

    kind: str
    enabled: bool
    email_to: str  # addresses separated by commas, semicolons, spaces or lines
    threshold: str = ""  # empty: the alert's default
    digest: bool = False


def recipients(text: str, lang: str) -> list[str]:
    """The addresses in ``text``; a refusal naming the first one that is not an address."""
    addresses = [part for part in re.split(r"[,;\s]+", text.strip()) if part]
    for address in addresses:
        if not _EMAIL.match(address):
            raise UserError(say("config_email", lang, value=address))
    return addresses


def threshold_value(kind: str, text: str, lang: str) -> int | float | str | None:
    """The threshold typed for ``kind`` (None when empty: the default applies), or a refusal."""
    rule = THRESHOLDS.get(kind)
    text = text.strip()
    if rule is None or not text:
        return None
    if rule.kind == "clock":
        if not _CLOCK.match(text):
            raise UserError(say("alert_clock_invalid", lang, value=text))
        return text
    name = say(f"alert_threshold_{kind}", lang)
    try:
        value: int | float = int(text) if rule.kind == "int" else float(text.replace(",", "."))
    except ValueError:
        value = float("nan")
    low_ok = value >= rule.low if rule.low_inclusive else value > rule.low
    if not (low_ok and value <= rule.high):  # NaN fails both
        low, high = _number(rule.low), _number(rule.high)
        key = "alert_threshold_range" if rule.low_inclusive else "alert_threshold_above"
        raise UserError(say(key, lang, name=name, value=text, low=low, high=high))
    return value


def quiet_hours_value(text: str, lang: str) -> str | None:
    """``HH:MM-HH:MM`` or empty (no quiet hours)."""
    text = text.strip().replace(" ", "")
    if not text:
        return None
    start, dash, end = text.partition("-")
    if not dash or not _CLOCK.match(start) or not _CLOCK.match(end):
        raise UserError(say("alert_clock_invalid", lang, value=text))
    return text


def clock_value(text: str, lang: str) -> str:
    text = text.strip()
    if not _CLOCK.match(text):
        raise UserError(say("alert_clock_invalid", lang, value=text))
    return text


def save_alert(path: Path, change: AlertChange, lang: str) -> CollectorConfig:
    """Write one alert's settings into the alerts source (created when the file has none)."""
    if change.kind not in KINDS:
        raise UserError(say("alert_unknown_kind", lang, kind=change.kind, kinds=", ".join(KINDS)))
    addresses = recipients(change.email_to, lang)
    value = threshold_value(change.kind, change.threshold, lang)
    if change.enabled and not addresses:
        raise UserError(say("alert_no_recipients", lang, alert=say(f"alert_{change.kind}_title", lang)))

    def apply(document: tomlkit.TOMLDocument) -> None:
        source = _alerts_source(document, lang, create=change.enabled)
        if source is None:
            return  # turning off an alert of a file without alerts: nothing to write
        rule = source.get(change.kind)
        if rule is None:
            if not change.enabled:
                return
            rule = tomlkit.inline_table()
            source[change.kind] = rule
        if addresses:
            rule["email_to"] = addresses
        _set(rule, "enabled", None if change.enabled else False)
        _set(rule, "digest", True if change.digest else None)
        threshold = THRESHOLDS.get(change.kind)
        if threshold is not None:
            _set(rule, threshold.key, value)

    return edit(path, apply)


def save_timing(path: Path, quiet_hours: str, digest_at: str, lang: str) -> CollectorConfig:
    """Write the quiet hours (empty: none) and the digest's time into the alerts source."""
    quiet = quiet_hours_value(quiet_hours, lang)
    digest = clock_value(digest_at, lang)

    def apply(document: tomlkit.TOMLDocument) -> None:
        source = _alerts_source(document, lang, create=True)
        _set(source, "quiet_hours", quiet)
        source["digest_at"] = digest

    return edit(path, apply)


def _alerts_source(document: tomlkit.TOMLDocument, lang: str, create: bool) -> Any:
    tables = sources_of(document)
    for table in tables:
        if table.get("type") == "alerts":
            return table
    if not create:
        return None
    names = {table.get("name") for table in tables}
    name = NEW_SOURCE_NAME if NEW_SOURCE_NAME not in names else f"{NEW_SOURCE_NAME}-{len(names) + 1}"
    table = tomlkit.table()
    for key, value in {"name": name, "type": "alerts", "every": NEW_SOURCE_EVERY, "language": lang}.items():
        table[key] = value
    tables.append(table)
    return tables[-1]


def _set(table: Any, key: str, value: Any) -> None:
    """Set ``key``, or take it out when ``value`` is None (the collector's default applies)."""
    if value is None:
        table.pop(key, None)
    else:
        table[key] = value


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)
