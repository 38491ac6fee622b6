"""The registry of source types: one entry per ``type`` a ``[[sources]]`` table may have.

The sources file (``collector/config.py``), the scheduler, ``status`` and ``doctor`` read this table
and nothing else about a source: none of them imports a source by name. A new platform brings a
pure parsing module (JSON or rows in, records out), a collecting module (its settings model, a
``SourceBase`` subclass, and a runner) and one entry here. See docs/adding-a-source.md.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from importlib import import_module
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine

from collector.alerts import AlertsSource, run_alerts_source
from collector.platforms.facebook.source import (
    FacebookPageSource,
    follow_up_delay,
    page_token_check,
    run_facebook_page,
)
from collector.platforms.tiktok.source import TikTokSource, run_tiktok_account, tiktok_check
from collector.platforms.youtube.source import (
    YouTubeChannelSource,
    run_youtube_channel,
    youtube_follow_up,
    youtube_key_check,
    youtube_quota_status,
)
from collector.platforms.zalo.source import ZaloOASource, run_zalo_oa, zalo_check, zalo_status
from collector.plumbing.runs import RunContext, RunResult
from collector.plumbing.source_base import ExportFolderSource, ExportUrlSource, ReportSource, SourceBase

if TYPE_CHECKING:
    from collector.plumbing.checks import Check, CheckContext


@dataclass(frozen=True)
class SourceType:
    """What the collector needs to know about one type of source.

    ``run`` does one run and records it (``collector.plumbing.runs.record_run``); it never raises for the
    outside world's errors, which become the run's status and one-line message. ``platform`` is the
    channel platform the source fills (None: files or reports, any platform). ``check`` is its
    ``doctor`` line (a token, a key); ``follow_up`` says how soon it wants to run again before its
    schedule (a live broadcast on air, a young item due), None when its schedule is soon enough;
    ``status`` adds a few words to its line in ``status`` (the API quota spent today).
    """

    type: str
    settings: type[SourceBase]
    run: Callable[[RunContext, Any], RunResult]
    platform: str | None = None
    check: Callable[[CheckContext, Any], Check] | None = None
    follow_up: Callable[[Engine, Any], timedelta | None] | None = None
    status: Callable[[Connection, Any, str], str | None] | None = None
    run_at_start: bool = True  # collectors catch up at once when they start; reports wait for their time


def _later(module: str, name: str) -> Callable[..., Any]:
    """``module.name``, imported when first called: the file and report runners bring the importer,
    the summary and pandas, which ``status``, ``doctor`` and reading the sources file do not need."""

    def call(*args: Any, **kwargs: Any) -> Any:
        return getattr(import_module(module), name)(*args, **kwargs)

    call.__module__, call.__qualname__, call.__name__ = module, name, name  # where the runner lives
    return call


REGISTRY: dict[str, SourceType] = {
    entry.type: entry
    for entry in (
        SourceType(
            "facebook_page",
            FacebookPageSource,
            run_facebook_page,
            platform="facebook",
            check=page_token_check,
            follow_up=follow_up_delay,
        ),
        SourceType(
            "youtube_channel",
            YouTubeChannelSource,
            run_youtube_channel,
            platform="youtube",
            check=youtube_key_check,
            follow_up=youtube_follow_up,
            status=youtube_quota_status,
        ),
        SourceType(
            "zalo_oa", ZaloOASource, run_zalo_oa, platform="zalo", check=zalo_check, status=zalo_status
        ),
        SourceType("tiktok_account", TikTokSource, run_tiktok_account, platform="tiktok", check=tiktok_check),
        SourceType(
            "export_folder", ExportFolderSource, _later("collector.export_sources", "run_folder_source")
        ),
        SourceType("export_url", ExportUrlSource, _later("collector.export_sources", "run_url_source")),
        SourceType(
            "report", ReportSource, _later("collector.report_source", "run_report_source"), run_at_start=False
        ),
        SourceType("alerts", AlertsSource, run_alerts_source),
    )
}


def source_type(source: SourceBase) -> SourceType:
    """The registry entry of a configured source."""
    return REGISTRY[source.type]  # type: ignore[attr-defined]  (every settings model has ``type``)
