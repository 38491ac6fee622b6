"""The registry of file kinds: one entry per kind of file ``import`` understands.

The importer (``collector/importer.py``), ``import --kind`` and the "unknown file" message read this
table and nothing else about a kind: none of them imports a parser by name. A new kind of file brings
a pure parsing module (a :class:`~collector.plumbing.reading.Sheet` in, records out) with a ``read``
function returning :class:`Parsed`, a save function in ``collector/saving.py`` and one entry here.
See docs/adding-a-source.md. Parsers and savers are named, not imported: they load when a file is
read, so the command line's help stays light.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from importlib import import_module
from typing import TYPE_CHECKING, Any

from collector.messages import say

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

    from collector.plumbing.reading import Findings, Sheet

SAVING = "collector.saving"


@dataclass(frozen=True)
class FileContext:
    """What a parser may know besides the sheet: the file's name, when its counts were true (kinds
    with ``snapshots``), the office's time zone, and now (no result is dated after ``today``)."""

    name: str
    captured_at: datetime | None
    timezone: str
    now: datetime
    today: date


@dataclass
class Parsed:
    """A file understood: records ready to save (``content``), how many rows are good, the problems
    found, the language of its headers and a ``detail`` the kind's label may name (a metric, a form)."""

    detail: str | None
    language: str | None
    findings: Findings
    good_rows: int
    content: Any


@cache
def _function(module: str, name: str) -> Callable[..., Any]:
    return getattr(import_module(module), name)


@dataclass(frozen=True)
class FileKind:
    """What the importer needs to know about one kind of file.

    ``parser`` is the pure module; in it, ``missing`` names the function ``Sheet -> list[str]`` giving
    the kind's identifying columns the sheet lacks (none missing: the file is of this kind, unless
    ``recognise`` names a stricter test ``Sheet -> bool``), and ``read`` the function
    ``(Sheet, FileContext) -> Parsed``. ``save`` names the function of ``collector/saving.py`` that
    writes the records inside the import's transaction, ``check`` one that looks at the database
    before (an activity naming an unknown campaign). ``snapshots``: rows are content items with
    counts at one moment, so the import decides when that moment was. ``label`` names the kind to
    users (default: the message ``kind_<name>``); ``channel_word`` says whether the file's channel
    is a Page or a channel.
    """

    name: str
    parser: str
    missing: str
    read: str
    save: str
    recognise: str | None = None
    check: str | None = None
    snapshots: bool = False
    label: Callable[[str | None, str], str] | None = None
    channel_word: str = "page"

    def missing_columns(self, sheet: Sheet) -> list[str]:
        """The identifying columns ``sheet`` lacks to be of this kind."""
        return _function(self.parser, self.missing)(sheet)

    def recognises(self, sheet: Sheet) -> bool:
        """Whether ``sheet`` has this kind's identifying columns (never by their order or the exact set)."""
        if self.recognise:
            return _function(self.parser, self.recognise)(sheet)
        return not self.missing_columns(sheet)

    def parse(self, sheet: Sheet, context: FileContext) -> Parsed:
        return _function(self.parser, self.read)(sheet, context)

    def write(self, connection: Connection, parsed: Parsed, options: Any, report: Any) -> None:
        _function(SAVING, self.save)(connection, parsed.content, options, report)

    def check_database(self, engine: Engine, parsed: Parsed) -> None:
        if self.check:
            _function(SAVING, self.check)(engine, parsed)

    def name_for(self, detail: str | None, lang: str) -> str:
        """How this kind is named to users (``Meta Business Suite posts export``)."""
        return self.label(detail, lang) if self.label else say(f"kind_{self.name}", lang)


def _page_series_label(metric: str | None, lang: str) -> str:
    return say("kind_page_metrics", lang, metric=metric) if metric else say("kind_page_metrics_any", lang)


def _enrolment_label(form: str | None, lang: str) -> str:
    return say("kind_enrolment", lang, form=say(f"form_{form}", lang) if form else "date, unit, …")


FACEBOOK = "collector.platforms.facebook.export"
YOUTUBE = "collector.platforms.youtube.export"
ZALO = "collector.platforms.zalo.export"
ENROLMENT = "collector.sheets.enrolment"

# In the order a file is recognised: the first kind whose columns it has wins. Activities come
# before enrolment and campaigns: an activities sheet also has a day, a unit, result categories and
# maybe campaign dates, but only it names activities.
FILE_KINDS: tuple[FileKind, ...] = (
    FileKind("posts", FACEBOOK, "missing_post_columns", "read_posts", "save_posts", snapshots=True),
    FileKind(
        "youtube_videos",
        YOUTUBE,
        "missing_studio_columns",
        "read_studio_export",
        "save_studio_export",
        recognise="is_studio_export",
        snapshots=True,
        channel_word="channel",
    ),
    FileKind(
        "zalo_articles",
        ZALO,
        "missing_sheet_columns",
        "read_article_sheet",
        "save_article_sheet",
        recognise="is_article_sheet",
        snapshots=True,
    ),
    FileKind(
        "page_metrics",
        FACEBOOK,
        "missing_series_columns",
        "read_page_series",
        "save_page_series",
        label=_page_series_label,
    ),
    FileKind(
        "activities",
        "collector.sheets.activities",
        "missing_activity_columns",
        "read_activities",
        "save_activities",
        recognise="is_activity_sheet",
        check="check_campaigns",
    ),
    FileKind(
        "enrolment",
        ENROLMENT,
        "missing_enrolment_columns",
        "read_enrolment",
        "save_enrolment",
        recognise="is_enrolment_sheet",
        label=_enrolment_label,
    ),
    FileKind(
        "units",
        "collector.sheets.units",
        "missing_unit_columns",
        "read_units",
        "save_units",
        recognise="is_units",
    ),
    FileKind("campaigns", ENROLMENT, "missing_campaign_columns", "read_campaigns", "save_campaigns"),
)
REGISTRY: dict[str, FileKind] = {kind.name: kind for kind in FILE_KINDS}
KINDS = tuple(REGISTRY)


def file_kind(name: str) -> FileKind:
    """The registry entry of a kind of file."""
    return REGISTRY[name]


def detect_kind(sheet: Sheet) -> str | None:
    """The kind of file, by the columns it has (never by their order or the exact set)."""
    return next((kind.name for kind in FILE_KINDS if kind.recognises(sheet)), None)


def kind_label(kind: str, detail: str | None, lang: str) -> str:
    """How a kind of file is named to users (``Meta Business Suite posts export``)."""
    return REGISTRY[kind].name_for(detail, lang)


def kinds_listed(lang: str) -> str:
    """Every kind of file, named for users, for the message about a file of unknown kind."""
    return "; ".join(kind.name_for(None, lang) for kind in FILE_KINDS)
