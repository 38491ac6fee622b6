"""One line of ``doctor``: a check's verdict, and what a source type's own check may use.

Kept apart from ``collector/doctor.py`` so that a source module can offer its check to the registry
(``collector/sources.py``) without importing the doctor, which reads the registry.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine

from collector.messages import say

if TYPE_CHECKING:
    from collector.config import CollectorConfig

OK, WARN, FAIL = "ok", "warn", "fail"


@dataclass(frozen=True)
class Check:
    """The outcome of one check: ``ok``, ``warn`` or ``fail``, about what, and a one-line message
    (subject and message already in the user's language)."""

    status: str
    subject: str
    message: str

    def line(self, lang: str) -> str:
        """``STATUS  subject: message``, the status word padded to the longest one in ``lang``."""
        width = max(len(say(f"doctor_{status}", lang)) for status in (OK, WARN, FAIL))
        return f"{say(f'doctor_{self.status}', lang):<{width}}  {self.subject}: {self.message}"


@dataclass(frozen=True)
class CheckContext:
    """What a source's doctor check may use: the whole file, the database (None when it failed its own
    check; results worth keeping go to ``source_state``), where secrets come from, the HTTP transport
    (tests pass a fake), the moment and the language."""

    config: CollectorConfig
    engine: Engine | None
    environ: Mapping[str, str]
    transport: Any
    now: datetime
    lang: str
