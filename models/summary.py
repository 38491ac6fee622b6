"""The engagement summary: one builder, data only, read through the metric queries.

Every export (CSV, Excel, the printable report) and every scheduled summary is written from a
``Summary``; the dashboard shows the same metric queries for the same scope, so the numbers agree.
Texts (labels, definitions) are not here: the writers take them from the translations catalog.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, timedelta

import pandas as pd
from sqlalchemy import Connection, select

from models import activities, categories, comments, impact, metrics
from models.comments import QuestionsSummary
from models.errors import UserError
from models.messages import say
from models.metrics import Scope
from models.report_notes import report_notes
from models.tables import (
    DEFAULT_TIMEZONE,
    Campaign,
    Channel,
    Content,
    EnrolmentResult,
    MetricSnapshot,
    PageMetric,
)

# Keys of the definitions printed with every summary; their texts live in the translations catalog.
DEFINITIONS = (
    "views",
    "interactions",
    "rate_per_reach",
    "rate_per_view",
    "avg_reach",
    "page_views",
    "page_viewers_daily_avg",
    "views_gain",
    "enrolments_per_10k_views",
    "attendance",
    "reached",
    "on_spot",
    "local_days",
)
GAP_KINDS = ("no_page_data", "no_enrolment", "no_collection")


@dataclass(frozen=True)
class CampaignInfo:
    """The campaign a summary is about: its window and targets per enrolment category."""

    id: int
    name: str
    start: date
    end: date
    targets: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Summary:
    """Everything a summary shows, as plain values and DataFrames (no text, no formatting)."""

    scope: Scope
    channels: tuple[str, ...]
    campaign: CampaignInfo | None
    timezone: str
    kpis: dict[str, dict[str, float | int | None]]
    enrolments: pd.DataFrame  # category, actual, target, progress
    definitions: tuple[str, ...]
    gaps: dict[str, list[date]]
    content: pd.DataFrame
    daily: pd.DataFrame
    enrolment_daily: pd.DataFrame  # day, category, count
    kinds: pd.DataFrame
    platforms: pd.DataFrame  # platform, kind (None: all kinds), items, views, interactions, rate_per_view
    campaigns: pd.DataFrame
    livestreams: pd.DataFrame
    enrolment_by_unit: pd.DataFrame
    # The activities beyond the fanpage (``models.activities.activities``): one row each with its
    # kind, days, unit, venue, attendance, campaign, ``on_spot`` and ``on_spot_<category>`` results.
    activities: pd.DataFrame
    # The campaign-impact estimates of the summary's campaign, or of every campaign in the period.
    impact: tuple[impact.Estimate, ...] = ()
    # Items published per kind in this period and in the one before it (the Word report compares them).
    items_per_kind: dict[str, int] = field(default_factory=dict)
    items_per_kind_before: dict[str, int] = field(default_factory=dict)
    # The categories whose results are new participants (``models.categories``); the rest are other results.
    participants: frozenset[str] = frozenset()
    # What editors wrote for the period's report (``models.report_notes``: section → text).
    notes: dict[str, str] = field(default_factory=dict)
    # What people asked in comments (``models.comments.questions_summary``); None: no questions.
    questions: QuestionsSummary | None = None

    @property
    def start(self) -> date:
        return self.scope.start

    @property
    def end(self) -> date:
        return self.scope.end

    @property
    def has_year_ago_data(self) -> bool:
        """True when any key figure has a value for the same period of the previous year."""
        return any(figure.get("year_ago") is not None for figure in self.kpis.values())

    @property
    def has_data(self) -> bool:
        """False when the period holds no content, no page figures, no enrolment results and no activities."""
        page_days = self.daily["page_views"].notna().any() if "page_views" in self.daily else False
        return bool(
            len(self.content) or page_days or self.kpis["enrolments"]["value"] or len(self.activities)
        )


def find_campaign(connection: Connection, name: str) -> CampaignInfo | None:
    """The campaign called ``name``, if there is one."""
    row = connection.execute(select(Campaign).where(Campaign.name == name)).first()
    return _campaign_info(row) if row is not None else None


def find_channel(connection: Connection, name: str) -> int | None:
    """The id of the channel called ``name`` (or with that page id), if there is one."""
    return connection.execute(
        select(Channel.id).where((Channel.name == name) | (Channel.external_id == name))
    ).scalar()


def build_summary(connection: Connection, scope: Scope, campaign: str | None = None) -> Summary:
    """The summary of ``scope`` (restricted to the campaign named ``campaign``, if given)."""
    campaign_info = find_campaign(connection, campaign) if campaign else None
    if campaign and campaign_info is None:
        raise UserError(say("campaign_unknown", name=campaign))
    if campaign_info is not None:
        scope = replace(scope, campaign_id=campaign_info.id)
    elif scope.campaign_id is not None:
        campaign_info = _campaign_info(
            connection.execute(select(Campaign).where(Campaign.id == scope.campaign_id)).one()
        )
    channels = metrics.channels(connection)
    if scope.channel_ids:
        channels = channels[channels.id.isin(scope.channel_ids)]
    if scope.platforms:
        channels = channels[channels.platform.isin(scope.platforms)]
    zones = list(dict.fromkeys(channels.timezone))
    return Summary(
        scope=scope,
        channels=tuple(channels.name),
        campaign=campaign_info,
        timezone=zones[0] if len(zones) == 1 else DEFAULT_TIMEZONE,
        kpis=metrics.kpis(connection, scope),
        enrolments=_enrolments_against_targets(connection, scope, campaign_info),
        definitions=DEFINITIONS,
        gaps=data_gaps(connection, scope),
        content=metrics.content_metrics(connection, scope),
        daily=metrics.daily(connection, scope),
        enrolment_daily=metrics.enrolment_daily(connection, scope),
        kinds=metrics.kind_comparison(connection, scope),
        platforms=metrics.platform_comparison(connection, scope),
        campaigns=metrics.campaign_table(connection, scope),
        livestreams=metrics.livestreams(connection, scope),
        enrolment_by_unit=metrics.enrolment_by_unit(connection, scope),
        activities=activities.activities(connection, scope),
        impact=_impact(connection, scope, campaign_info),
        items_per_kind=metrics.items_per_kind(connection, scope),
        items_per_kind_before=metrics.items_per_kind(connection, scope.previous()),
        participants=categories.participant_categories(connection),
        notes=report_notes(connection, scope.start, scope.end),
        questions=_questions(connection, scope),
    )


def _questions(connection: Connection, scope: Scope) -> QuestionsSummary | None:
    asked = comments.questions_summary(connection, scope)
    return asked if asked.figures.questions else None


def _impact(
    connection: Connection, scope: Scope, campaign: CampaignInfo | None
) -> tuple[impact.Estimate, ...]:
    """The impact estimates (every category) of ``campaign``, else of each campaign overlapping ``scope``."""
    windows = [
        window
        for window in impact.campaign_windows(connection)
        if (window.id == campaign.id if campaign else window.end >= scope.start and window.start <= scope.end)
    ]
    return tuple(estimate for window in windows for estimate in impact.campaign_impact(connection, window))


def _campaign_info(row) -> CampaignInfo:
    return CampaignInfo(row.id, row.name, row.start_date, row.end_date, dict(row.targets or {}))


def _enrolments_against_targets(
    connection: Connection, scope: Scope, campaign: CampaignInfo | None
) -> pd.DataFrame:
    actual = metrics.enrolment_totals(connection, scope)
    targets = campaign.targets if campaign else {}
    categories = list(actual) + [c for c in targets if c not in actual]
    return pd.DataFrame(
        {
            "category": categories,
            "actual": [actual.get(c, 0) for c in categories],
            "target": [targets.get(c) for c in categories],
            "progress": [metrics.ratio(actual.get(c, 0), targets.get(c)) for c in categories],
        },
        columns=["category", "actual", "target", "progress"],
    )


def data_gaps(connection: Connection, scope: Scope) -> dict[str, list[date]]:
    """Local days of the period without page figures, without enrolment results, and without any
    collection (neither page figures nor a snapshot of any item of the channels in scope)."""
    every_day = [scope.start + timedelta(days=n) for n in range(scope.days)]
    page = select(PageMetric.day).distinct().where(PageMetric.day.between(scope.start, scope.end))
    collected = (
        select(MetricSnapshot.captured_day)
        .distinct()
        .where(MetricSnapshot.captured_day.between(scope.start, scope.end))
    )
    if scope.channel_ids:
        page = page.where(PageMetric.channel_id.in_(scope.channel_ids))
        collected = collected.where(
            MetricSnapshot.content_id.in_(select(Content.id).where(Content.channel_id.in_(scope.channel_ids)))
        )
    enrolment = (
        select(EnrolmentResult.day).distinct().where(EnrolmentResult.day.between(scope.start, scope.end))
    )
    page_days = set(connection.execute(page).scalars())
    found = {
        "no_page_data": page_days,
        "no_enrolment": set(connection.execute(enrolment).scalars()),
        "no_collection": page_days | set(connection.execute(collected).scalars()),
    }
    return {kind: [day for day in every_day if day not in found[kind]] for kind in GAP_KINDS}
