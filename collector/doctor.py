"""``engagement-monitor doctor``: is everything in place? One line per check, never a token.

Checks the secrets file, the sources file, the database (reachable, schema at the latest
migration) and each source whose type offers a check in the registry (``collector/sources.py``): a
token or a key, each platform's check living in its own folder. This module names no platform.
"""

import os
from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from collector.config import DEFAULT_CONFIG, CollectorConfig, load_config
from collector.messages import say
from collector.plumbing.checks import FAIL, OK, WARN, Check, CheckContext
from collector.plumbing.redaction import redact
from collector.plumbing.secrets import load_secrets, secrets_path
from collector.sources import source_type
from models.db import current_revision, head_revision, make_engine, redact_url
from models.errors import UserError
from models.i18n import fmt_int, language
from models.write import now_utc, utc


def _check_secrets(environ: Mapping[str, str], lang: str) -> tuple[Check, None]:
    subject = say("doctor_secrets", lang)
    path = secrets_path(environ)
    if path is None:
        return Check(OK, subject, say("doctor_no_secrets", lang)), None
    count = fmt_int(len(load_secrets(path)), lang)
    return Check(OK, subject, say("doctor_secrets_private", lang, path=path, count=count)), None


def _check_config(config_path: Path | None, lang: str) -> tuple[Check, CollectorConfig | None]:
    subject = say("doctor_configuration", lang)
    path = config_path or DEFAULT_CONFIG
    if config_path is None and not path.exists():
        return Check(WARN, subject, say("doctor_no_config", lang, path=path)), None
    config = load_config(path)
    kinds = ", ".join(sorted({source.type for source in config.sources})) or say("config_none", lang)
    count = fmt_int(len(config.sources), lang)
    return Check(OK, subject, say("doctor_config", lang, path=path, count=count, kinds=kinds)), config


def _check_database(db_url: str, lang: str) -> tuple[Check, Engine | None]:
    subject = say("doctor_database", lang)
    engine = make_engine(db_url)
    current, head = current_revision(engine), head_revision()
    where = redact_url(db_url)
    if current != head:
        engine.dispose()
        current = current or say("config_none", lang)
        return Check(
            FAIL, subject, say("doctor_schema_behind", lang, url=where, current=current, head=head)
        ), None
    return Check(OK, subject, say("doctor_database_ok", lang, url=where, head=head)), engine


def _guarded(subject: str, lang: str, check: Callable[[], tuple[Check, Any]]) -> tuple[Check, Any]:
    """Run one check; any error becomes a failed line (and no result) instead of stopping the rest."""
    try:
        return check()
    except UserError as error:
        return Check(FAIL, subject, redact(str(error))), None
    except Exception as error:  # a server down, a driver error: say which, go on with the other checks
        first_line = str(error).splitlines()[0] if str(error) else ""
        message = say("doctor_unexpected", lang, error=type(error).__name__, detail=first_line)
        return Check(FAIL, subject, redact(message)), None


def run_doctor(
    config_path: Path | None,
    db_url: str,
    *,
    environ: Mapping[str, str] = os.environ,
    transport: Any = None,
    now: datetime | None = None,
    lang: str | None = None,
) -> list[Check]:
    """Every check, in order, in ``lang``; the caller prints one line each and fails if any is ``fail``."""
    now = utc(now or now_utc())
    lang = language(lang)
    secrets_check, _ = _guarded(say("doctor_secrets", lang), lang, lambda: _check_secrets(environ, lang))
    config_check, config = _guarded(
        say("doctor_configuration", lang), lang, lambda: _check_config(config_path, lang)
    )
    database_check, engine = _guarded(
        say("doctor_database", lang), lang, lambda: _check_database(db_url, lang)
    )
    checks = [secrets_check, config_check, database_check]
    if config is not None:
        context = CheckContext(config, engine, environ, transport, now, lang)
        for source in config.sources:
            check = source_type(source).check
            if check is not None:
                checks.append(check(context, source))
    if engine is not None:
        engine.dispose()
    return checks
