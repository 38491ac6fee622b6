"""The metric queries: the one place that knows what interactions, engagement rate and daily gain mean.

Definitions (used alike by the dashboard, the exports and the CLI):
- interactions = reactions + comments + shares (unknown when all three are unknown);
- engagement rate per reach = interactions ÷ reach, per view = interactions ÷ views; a rate over
  several items divides the summed interactions by the summed denominator of the same items;
- an item's counts in a period are its lifetime counts in the last snapshot taken on or before the
  period's last day; a daily gain is the difference between two consecutive days' last snapshots;
- days are local days of the channel (Asia/Ho_Chi_Minh: UTC+7), stored at write time;
- reach is not additive across items or days: we show views (which add up), average reach per item,
  and page-level daily viewers, never a sum of reach as if it were people.
Aggregation runs in SQL; only aggregated rows (one per day, item, campaign…) reach pandas.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from types import SimpleNamespace

import pandas as pd
from sqlalchemy import Connection, Float, and_, case, cast, func, literal, select, true, union
from sqlalchemy.sql import ColumnElement, FromClause, Select

from models.activities import activity_totals
from models.categories import new_participants, other_results, participant_categories
from models.health import distinct_values_query, source_health_query
from models.interactions import interactions_of
from models.periods import Comparison, comparison_periods
from models.tables import (
    ENROLMENT_CATEGORIES,
    Activity,
    Campaign,
    CampaignContent,
    Channel,
    ChannelDay,
    CollectionRun,
    Content,
    ContentDay,
    ContentDayFigure,
    ContentPeriodFigure,
    DataChange,
    EnrolmentDay,
    EnrolmentResult,
    ImportedFile,
    MetricSnapshot,
    PageMetric,
    Unit,
    UnitAlias,
)
from models.write import local_day, now_utc

PAGE_METRICS = ("views", "viewers", "engagements", "follows")


@dataclass(frozen=True)
class Scope:
    """What the user is looking at: local days ``start``…``end`` (inclusive) and optional filters."""

    start: date
    end: date
    channel_ids: tuple[int, ...] = ()
    kinds: tuple[str, ...] = ()
    campaign_id: int | None = None
    platforms: tuple[str, ...] = ()  # facebook, youtube, zalo, tiktok, instagram: these platforms' channels

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def comparison(self) -> Comparison:
        """The periods this one is compared with (``models.periods``): calendar periods as calendars
        do, a campaign's window with the same number of days before it."""
        return comparison_periods(self.start, self.end, calendar_periods=self.campaign_id is None)

    def previous(self) -> Scope:
        """The period this one is compared with (the previous calendar month, quarter or week, else
        the same number of days just before), with the same channel and kind filters.

        A campaign filter is dropped: before a campaign, its content did not exist, so the fair
        comparison is everything published in the same number of days before it."""
        start, end = self.comparison().previous
        return replace(self, start=start, end=end, campaign_id=None)

    def year_ago(self) -> Scope | None:
        """The same month or quarter of the previous year (cùng kỳ năm trước), None for other periods."""
        found = self.comparison().year_ago
        return None if found is None else replace(self, start=found[0], end=found[1], campaign_id=None)


def ratio(numerator: float | None, denominator: float | None) -> float | None:
    """numerator ÷ denominator, or None when it has no meaning."""
    if numerator is None or not denominator or pd.isna(numerator) or pd.isna(denominator):
        return None
    return float(numerator) / float(denominator)


def campaign_member(campaign: Campaign | None = None, campaign_id: int | None = None) -> ColumnElement:
    """Content belonging to a campaign: published in its window unless taken out, or assigned."""
    campaign_table = Campaign.__table__
    link = CampaignContent.__table__
    cid = campaign_id if campaign_id is not None else campaign.id
    # The members as one set (assigned items, plus the window's items not taken out) tested with
    # IN: the window part reads the published_day index for the campaign's dates only, instead of
    # testing every item ever published against the campaign.
    start, end = (
        select(column).where(campaign_table.c.id == cid).scalar_subquery()
        for column in (campaign_table.c.start_date, campaign_table.c.end_date)
    )
    decided = select(link.c.content_id).where(link.c.campaign_id == cid)
    published = Content.__table__.alias("published")
    members = union(
        decided.where(link.c.assigned.is_(True)),
        select(published.c.id).where(
            published.c.published_day.between(start, end),
            published.c.id.not_in(decided.where(link.c.assigned.is_(False))),
        ),
    )
    return Content.id.in_(members)


def channel_filter(channel_id: ColumnElement, scope: Scope) -> list[ColumnElement]:
    """Conditions on a ``channel_id`` column for the scope's channels and platforms (the platform is
    the channel's: content, snapshots and rollups reach it through their channel)."""
    conditions: list[ColumnElement] = []
    if scope.channel_ids:
        conditions.append(channel_id.in_(scope.channel_ids))
    if scope.platforms:
        conditions.append(channel_id.in_(select(Channel.id).where(Channel.platform.in_(scope.platforms))))
    return conditions


def _content_filter(scope: Scope, published_in_period: bool = True) -> list[ColumnElement]:
    conditions: list[ColumnElement] = []
    if published_in_period and scope.campaign_id is None:
        conditions.append(Content.published_day.between(scope.start, scope.end))
    if scope.campaign_id is not None:
        conditions.append(campaign_member(campaign_id=scope.campaign_id))
    conditions += channel_filter(Content.channel_id, scope)
    if scope.kinds:
        conditions.append(Content.kind.in_(scope.kinds))
    return conditions


def _latest_day(as_of: date, content_id: ColumnElement) -> ColumnElement:
    """The item's last day with counts on or before the local day ``as_of``: one backward lookup in
    the rollup's primary key (content_id, day), so the cost follows the items, not their history."""
    earlier = ContentDay.__table__.alias("earlier")
    return (
        select(func.max(earlier.c.day))
        .where(earlier.c.content_id == content_id, earlier.c.day <= as_of)
        .scalar_subquery()
    )


def _latest_rollup(as_of: date, lateral: bool) -> tuple[FromClause, ColumnElement]:
    """Each item's rollup row of its last day on or before ``as_of``, and the join condition.

    With ``lateral`` (PostgreSQL) the row comes from one backward step in the primary key (half
    the index lookups of the portable form, which SQLite needs: it has no LATERAL)."""
    rollup = ContentDay.__table__
    if lateral:
        latest = (
            select(rollup)
            .where(rollup.c.content_id == Content.id, rollup.c.day <= as_of)
            .order_by(rollup.c.day.desc())
            .limit(1)
            .lateral("latest")
        )
        return latest, true()
    latest = rollup.alias("latest")
    return latest, and_(latest.c.content_id == Content.id, latest.c.day == _latest_day(as_of, Content.id))


def uses_lateral(connection: Connection) -> bool:
    """Whether the database reads each item's last rollup row with a LATERAL join (PostgreSQL)."""
    return connection.dialect.name == "postgresql"


def content_metrics_query(scope: Scope, lateral: bool = False) -> Select:
    """One row per item in scope with its counts as of the period's last day.

    The items are filtered once and joined to their rollup row of that day in the same pass
    (filtering them again in a subquery made PostgreSQL rescan the campaign members per item)."""
    latest, on_last_day = _latest_rollup(scope.end, lateral)
    return (
        select(
            Content.id.label("content_id"),
            Content.external_id,
            Channel.name.label("channel"),
            Channel.platform,
            Channel.timezone,
            Content.kind,
            Content.title,
            Content.permalink,
            Content.published_at,
            Content.published_day,
            Content.duration_s,
            latest.c.views,
            latest.c.reach,
            latest.c.reactions,
            latest.c.comments,
            latest.c.shares,
            latest.c.clicks,
            latest.c.watch_time_s,
            latest.c.avg_watch_s,
            latest.c.captured_at.label("as_of"),
            latest.c.interactions,
        )
        .join(Channel, Channel.id == Content.channel_id)
        .outerjoin(latest, on_last_day)
        .where(*_content_filter(scope))
    )


def _with_rates(connection: Connection, frame: pd.DataFrame) -> pd.DataFrame:
    """Both engagement rates and the campaign names of each item row."""
    if frame.empty:
        return frame.assign(rate_per_reach=[], rate_per_view=[], campaigns=[])
    frame["rate_per_reach"] = [ratio(i, r) for i, r in zip(frame.interactions, frame.reach, strict=True)]
    frame["rate_per_view"] = [ratio(i, v) for i, v in zip(frame.interactions, frame.views, strict=True)]
    frame["campaigns"] = campaign_names(connection, frame.content_id, frame.published_day)
    return frame


def _title_search(search: str) -> list[ColumnElement]:
    """Items whose title holds ``search``, ignoring case (no condition for an empty search)."""
    if not search:
        return []
    return [func.lower(func.coalesce(Content.title, "")).contains(search.lower(), autoescape=True)]


def content_metrics(
    connection: Connection, scope: Scope, search: str = "", offset: int = 0, limit: int | None = None
) -> pd.DataFrame:
    """Every item published in scope with views, reach, interactions and both engagement rates,
    oldest first; with ``search``, those whose title holds it (any case); with ``limit``, the page
    of that many items from ``offset`` on, cut in SQL so only they are read (``content_count``)."""
    query = content_metrics_query(scope, uses_lateral(connection)).where(*_title_search(search))
    if limit is not None:
        # The page's items first (from the published_day index), then only their counts: cutting the
        # joined rows would look up every item's counts before the cut.
        page = (
            select(Content.id)
            .where(*_content_filter(scope), *_title_search(search))
            .order_by(Content.published_at, Content.id)
            .offset(offset)
            .limit(limit)
        )
        query = query.where(Content.id.in_(page))
    return _with_rates(connection, _frame(connection, query.order_by(Content.published_at, Content.id)))


def content_count(connection: Connection, scope: Scope, search: str = "") -> int:
    """How many items ``content_metrics`` lists for ``scope`` and ``search`` (without reading them)."""
    query = select(func.count(Content.id)).where(*_content_filter(scope), *_title_search(search))
    return connection.execute(query).scalar_one()


def views_by_kind(connection: Connection, scope: Scope) -> pd.DataFrame:
    """Kind, title and views of every item in scope: the per-item points of the views-by-kind chart,
    without the campaign names and rates of the content list."""
    items = content_metrics_query(scope, uses_lateral(connection)).subquery("items")
    query = select(items.c.kind, items.c.title, items.c.views)
    return _frame(connection, query.order_by(items.c.kind, items.c.published_at, items.c.content_id))


TOP_METRICS = ("views", "interactions", "reach", "rate_per_reach", "rate_per_view")


def top_content(connection: Connection, scope: Scope, metric: str, limit: int) -> pd.DataFrame:
    """The ``limit`` items of ``content_metrics`` with the highest ``metric`` (items without it left
    out), highest first, ranked and cut in SQL so only those rows leave the database."""
    if metric not in TOP_METRICS:
        raise ValueError(f"unknown metric {metric!r}")
    items = content_metrics_query(scope, uses_lateral(connection)).subquery("items")
    if metric.startswith("rate_per_"):
        denominator = items.c.reach if metric == "rate_per_reach" else items.c.views
        # The same float division as ratio(): no rate without interactions or with a zero base.
        value = case(
            (and_(denominator != 0, items.c.interactions.is_not(None)), cast(items.c.interactions, Float)),
        ) / cast(denominator, Float)
    else:
        value = items.c[metric]
    query = (
        select(items)
        .where(value.is_not(None))
        .order_by(value.desc(), items.c.published_at, items.c.content_id)
        .limit(limit)
    )
    return _with_rates(connection, _frame(connection, query))


def campaign_names(connection: Connection, content_ids: pd.Series, published_days: pd.Series) -> list[str]:
    """For each item (ids and published days, side by side): the names of its campaigns, comma
    separated. An item belongs to a campaign published in its window unless taken out, or assigned
    to it (the rule of ``campaign_member``)."""
    # Matched here, one vectorised comparison per campaign, from the campaigns and their (few,
    # hand-made) decisions, instead of reading every member of every campaign from the database.
    decided: dict[int, dict[int, bool]] = {}
    for campaign_id, content_id, assigned in connection.execute(
        select(CampaignContent.campaign_id, CampaignContent.content_id, CampaignContent.assigned)
    ):
        decided.setdefault(campaign_id, {})[content_id] = assigned
    days = pd.to_datetime(published_days)
    names: list[list[str]] = [[] for _ in range(len(content_ids))]
    for campaign in connection.execute(select(Campaign).order_by(Campaign.start_date)).all():
        member = days.between(pd.Timestamp(campaign.start_date), pd.Timestamp(campaign.end_date)).to_numpy()
        decisions = decided.get(campaign.id, {})
        if decisions:
            member = member.copy()
            for position, content_id in enumerate(content_ids):
                if content_id in decisions:
                    member[position] = decisions[content_id]
        for position in member.nonzero()[0]:
            names[position].append(campaign.name)
    return [", ".join(found) for found in names]


def totals(connection: Connection, scope: Scope) -> dict[str, float | int | None]:
    """Key figures of a period: items, views, interactions, rates, page figures, enrolments (per
    category; ``enrolments`` is the new participants, ``other_results`` the rest beside them), and the
    activities beyond the fanpage (their count, attendance and on-the-spot results, which are a part
    of the enrolments and never added to them; attendance is never added to views)."""
    items = content_metrics_query(scope, uses_lateral(connection)).subquery("items")
    row = (
        connection.execute(
            select(
                func.count(items.c.content_id).label("items"),
                func.sum(items.c.views).label("views"),
                func.sum(items.c.interactions).label("interactions"),
                func.avg(items.c.reach).label("avg_reach"),
                func.sum(case((items.c.reach.is_not(None), items.c.interactions))).label("i_reach"),
                func.sum(case((items.c.interactions.is_not(None), items.c.reach))).label("reach_i"),
                func.sum(case((items.c.views.is_not(None), items.c.interactions))).label("i_views"),
                func.sum(case((items.c.interactions.is_not(None), items.c.views))).label("views_i"),
            )
        )
        .mappings()
        .one()
    )
    page = page_totals(connection, scope)
    enrolments = enrolment_totals(connection, scope)
    participants = participant_categories(connection)
    return {
        "items": row["items"],
        "views": _int(row["views"]),
        "interactions": _int(row["interactions"]),
        "avg_reach": float(row["avg_reach"]) if row["avg_reach"] is not None else None,
        "rate_per_reach": ratio(row["i_reach"], row["reach_i"]),
        "rate_per_view": ratio(row["i_views"], row["views_i"]),
        "page_views": page.get("views"),
        "page_viewers_daily_avg": page.get("viewers_avg"),
        "enrolments": new_participants(enrolments, participants),
        "other_results": other_results(enrolments, participants),
        **{f"enrolment_{category}": count for category, count in enrolments.items()},
        **activity_totals(connection, scope),
    }


def _int(value) -> int | None:
    return int(value) if value is not None else None


def page_totals(connection: Connection, scope: Scope) -> dict[str, float | int | None]:
    """Sum of daily page views and engagements, and the average of daily viewers, over the period."""
    query = select(PageMetric.metric, func.sum(PageMetric.value), func.avg(PageMetric.value)).where(
        PageMetric.day.between(scope.start, scope.end), *channel_filter(PageMetric.channel_id, scope)
    )
    result: dict[str, float | int | None] = {}
    for metric, total, average in connection.execute(query.group_by(PageMetric.metric)):
        result[metric] = _int(total)
        result[f"{metric}_avg"] = float(average) if average is not None else None
    return result


def _enrolment_source(units: tuple[str, ...] | None) -> FromClause:
    """Where enrolment sums come from: the daily rollup of all units (None), or the results of some."""
    if units is not None:
        result = EnrolmentResult.__table__
        return select(result).where(result.c.unit.in_(units)).subquery("results")
    return EnrolmentDay.__table__


def channel_units(connection: Connection, channel_ids: tuple[int, ...]) -> tuple[str, ...] | None:
    """The names (and old names) of the units these channels speak for: units whose own or nearest
    higher unit's ``channel`` names one of them. None when no unit names a channel (the unit list
    has no mapping, so every unit counts, as for the whole network)."""
    units = connection.execute(select(Unit.id, Unit.name, Unit.parent_id, Unit.channel)).all()
    if not channel_ids or not any(unit.channel for unit in units):
        return None
    chosen = set(connection.execute(select(Channel.name).where(Channel.id.in_(channel_ids))).scalars())
    by_id = {unit.id: unit for unit in units}

    def speaker(unit) -> str | None:
        seen = set()
        while unit is not None and unit.id not in seen:
            if unit.channel:
                return unit.channel
            seen.add(unit.id)
            unit = by_id.get(unit.parent_id)
        return None

    ids = {unit.id for unit in units if speaker(unit) in chosen}
    names = {unit.name for unit in units if unit.id in ids}
    names.update(connection.execute(select(UnitAlias.alias).where(UnitAlias.unit_id.in_(ids))).scalars())
    return tuple(sorted(names))


def _units_of(connection: Connection, scope: Scope, units: tuple[str, ...]) -> tuple[str, ...] | None:
    """The units a view's enrolments count: those chosen, else those of its channels (None: all)."""
    return units or channel_units(connection, scope.channel_ids)


def enrolment_totals(connection: Connection, scope: Scope, units: tuple[str, ...] = ()) -> dict[str, int]:
    """New enrolments per category over the period (the campaign window when scoped to one), of
    the chosen units, else of the units the scope's channels speak for (``channel_units``)."""
    source = _enrolment_source(_units_of(connection, scope, units))
    query = select(source.c.category, func.sum(source.c.count)).where(
        source.c.day.between(scope.start, scope.end)
    )
    rows = connection.execute(query.group_by(source.c.category)).all()
    found = {category: int(total or 0) for category, total in rows}
    ordered = {c: found.pop(c) for c in ENROLMENT_CATEGORIES if c in found}
    return {**ordered, **dict(sorted(found.items()))}


def daily(connection: Connection, scope: Scope) -> pd.DataFrame:
    """Per local day: page views/viewers/engagements, content view and interaction gains,
    items published, and new enrolments per category (one column each)."""
    days = pd.DataFrame({"day": pd.date_range(scope.start, scope.end, freq="D").date})
    page = page_daily(connection, scope)
    gains = content_daily_gains(connection, scope)
    published = _frame(
        connection,
        select(Content.published_day.label("day"), func.count().label("items_published"))
        .where(*_content_filter(scope))
        .group_by(Content.published_day),
    )
    enrolment = enrolment_daily(connection, scope)
    frame = days
    for part in (page, gains, published):
        if not part.empty:
            frame = frame.merge(part, on="day", how="left")
    if not enrolment.empty:
        wide = enrolment.pivot_table(index="day", columns="category", values="count", aggfunc="sum")
        wide.columns = [f"enrolment_{c}" for c in wide.columns]
        frame = frame.merge(wide.reset_index(), on="day", how="left")
    for column in (
        "page_views",
        "page_viewers",
        "page_engagements",
        "views_gain",
        "interactions_gain",
        "items_published",
    ):
        if column not in frame:
            frame[column] = pd.NA
    enrolment_columns = [c for c in frame.columns if c.startswith("enrolment_")]
    frame[enrolment_columns] = frame[enrolment_columns].fillna(0).astype(int)
    frame["items_published"] = frame["items_published"].fillna(0).astype(int)
    participants = participant_categories(connection)
    joined = [c for c in enrolment_columns if c.removeprefix("enrolment_") in participants]
    others = [c for c in enrolment_columns if c not in joined]
    frame["enrolments"] = frame[joined].sum(axis=1) if joined else 0
    frame["other_results"] = frame[others].sum(axis=1) if others else 0
    return frame


def coverage(connection: Connection, scope: Scope) -> pd.DataFrame:
    """Per local day: page views, content views gained and new participants (the columns of ``daily``
    that the data page's coverage chart shows), each from its daily sums alone: the chart spans the
    whole history, so it reads one row per channel and day, and 4 per day for enrolments, not the
    items published or the other page figures."""
    frame = pd.DataFrame({"day": pd.date_range(scope.start, scope.end, freq="D").date})
    views = _frame(
        connection,
        select(PageMetric.day, func.sum(PageMetric.value).label("page_views"))
        .where(PageMetric.day.between(scope.start, scope.end), PageMetric.metric == "views")
        .group_by(PageMetric.day),
    )
    gains = content_daily_gains(connection, scope)[["day", "views_gain"]]
    enrolment = EnrolmentDay.__table__
    enrolments = _frame(
        connection,
        select(enrolment.c.day, func.sum(enrolment.c.count).label("enrolments"))
        .where(
            enrolment.c.day.between(scope.start, scope.end),
            enrolment.c.category.in_(participant_categories(connection)),
        )
        .group_by(enrolment.c.day),
    )
    for part in (views, gains, enrolments):
        frame = frame.merge(part, on="day", how="left")
    frame["enrolments"] = frame["enrolments"].fillna(0).astype(int)
    return frame


def page_daily(connection: Connection, scope: Scope) -> pd.DataFrame:
    """Page-level daily values summed over the channels in scope, one column per metric."""
    query = (
        select(PageMetric.day, PageMetric.metric, func.sum(PageMetric.value).label("value"))
        .where(PageMetric.day.between(scope.start, scope.end), *channel_filter(PageMetric.channel_id, scope))
        .group_by(PageMetric.day, PageMetric.metric)
    )
    long = _frame(connection, query)
    if long.empty:
        return long
    wide = long.pivot_table(index="day", columns="metric", values="value", aggfunc="sum")
    wide.columns = [f"page_{m}" for m in wide.columns]
    return wide.reset_index()


def content_daily_gains(connection: Connection, scope: Scope) -> pd.DataFrame:
    """Views and interactions gained per local day by the content in scope (any publish date)."""
    return _frame(connection, _content_gains_query(scope))


def _content_gains_query(scope: Scope) -> Select:
    """Per local day in ``scope``: views and interactions gained by the content in scope, whatever its
    publish date. Without a kind or campaign filter the sums per channel and day (``channel_day``) give
    the same figures from one row per channel and day instead of one per item and day."""
    per_item = scope.campaign_id is not None or bool(scope.kinds)
    rollup = ContentDay.__table__ if per_item else ChannelDay.__table__
    query = (
        select(
            rollup.c.day,
            func.sum(rollup.c.views_gain).label("views_gain"),
            func.sum(rollup.c.interactions_gain).label("interactions_gain"),
        )
        .where(rollup.c.day.between(scope.start, scope.end), *channel_filter(rollup.c.channel_id, scope))
        .group_by(rollup.c.day)
    )
    if per_item:
        content_ids = select(Content.id).where(*_content_filter(scope, published_in_period=False))
        query = query.where(rollup.c.content_id.in_(content_ids))
    return query


def seen_totals(connection: Connection, scope: Scope) -> dict[str, float | int | None]:
    """What was seen in the period, whenever it was published: the Page's views and its average daily
    viewers, and the views and interactions gained in the period by all content in scope (from the
    daily rollups of the snapshots). The published-in-period figures are :func:`totals`."""
    gains = _content_gains_query(scope).subquery("gains")
    row = connection.execute(select(func.sum(gains.c.views_gain), func.sum(gains.c.interactions_gain))).one()
    page = page_totals(connection, scope)
    return {
        "page_views": page.get("views"),
        "page_viewers_daily_avg": page.get("viewers_avg"),
        "views_gain": _int(row[0]),
        "interactions_gain": _int(row[1]),
    }


def seen_kpis(connection: Connection, scope: Scope) -> dict[str, dict[str, float | int | None]]:
    """:func:`seen_totals` of the period against the period before it and the same period of the
    previous year (as :func:`kpis` compares them; ``year_ago`` None where there is none or no data)."""
    current, before = seen_totals(connection, scope), seen_totals(connection, scope.previous())
    year_scope = scope.year_ago()
    year = seen_totals(connection, year_scope) if year_scope is not None else {}
    return {
        key: {
            "value": value,
            "previous": before[key],
            "change": _change(value, before[key]),
            "year_ago": year.get(key),
            "change_year": _change(value, year.get(key)),
        }
        for key, value in current.items()
    }


def enrolment_daily(
    connection: Connection,
    scope: Scope,
    categories: tuple[str, ...] = (),
    units: tuple[str, ...] = (),
) -> pd.DataFrame:
    """New enrolments per day and category (long form), optionally for some categories/units (no
    units chosen: those the scope's channels speak for, ``channel_units``)."""
    source = _enrolment_source(_units_of(connection, scope, units))
    query = (
        select(source.c.day, source.c.category, func.sum(source.c.count).label("count"))
        .where(source.c.day.between(scope.start, scope.end))
        .group_by(source.c.day, source.c.category)
        .order_by(source.c.day, source.c.category)
    )
    if categories:
        query = query.where(source.c.category.in_(categories))
    return _frame(connection, query)


def enrolment_reported_days(
    connection: Connection, categories: tuple[str, ...] = (), units: tuple[str, ...] = ()
) -> pd.DataFrame:
    """New enrolments per reported day (index) and category (columns), over the whole history.

    A day appears when any result was reported on it (in ``units``, if given); a category missing on
    such a day counts 0 there, while a day missing altogether is unknown (the impact estimate skips it)."""
    source = _enrolment_source(units or None)  # no units chosen: all of them (the rollup)
    query = (
        select(source.c.day, source.c.category, func.sum(source.c.count).label("count"))
        .group_by(source.c.day, source.c.category)
        .order_by(source.c.day)
    )
    long = _frame(connection, query)
    if long.empty:
        return pd.DataFrame(columns=list(categories), dtype=float)
    wide = long.pivot_table(index="day", columns="category", values="count", aggfunc="sum").fillna(0)
    for category in categories:
        if category not in wide:
            wide[category] = 0.0
    ordered = sorted(wide.columns, key=category_order)
    wide = wide[list(categories) if categories else ordered]
    wide.index = [d if isinstance(d, date) else pd.Timestamp(d).date() for d in wide.index]
    return wide.astype(float)


def enrolment_unit_days(
    connection: Connection, category: str, start: date, end: date, unit_of: dict[str, str] | None = None
) -> pd.DataFrame:
    """New enrolments of one category per unit and reported day (columns unit, day, count).

    ``unit_of`` maps the names found in the results (old districts, aliases) to the unit they count
    for today (``models.units.comparable_units``); the mapping is applied in SQL before summing."""
    unit = EnrolmentResult.unit
    if unit_of:
        unit = case(unit_of, value=EnrolmentResult.unit, else_=EnrolmentResult.unit)
    reported = (
        select(EnrolmentResult.day, unit.label("unit"))
        .where(EnrolmentResult.day.between(start, end))
        .group_by(EnrolmentResult.day, unit)
        .subquery("reported")
    )
    counted = (
        select(EnrolmentResult.day, unit.label("unit"), func.sum(EnrolmentResult.count).label("count"))
        .where(EnrolmentResult.day.between(start, end), EnrolmentResult.category == category)
        .group_by(EnrolmentResult.day, unit)
        .subquery("counted")
    )
    frame = _frame(
        connection,
        select(reported.c.unit, reported.c.day, func.coalesce(counted.c.count, 0).label("count"))
        .outerjoin(counted, and_(counted.c.day == reported.c.day, counted.c.unit == reported.c.unit))
        .order_by(reported.c.unit, reported.c.day),
    )
    frame["count"] = frame["count"].astype(float)
    return frame


def enrolment_by_unit(connection: Connection, scope: Scope) -> pd.DataFrame:
    """New enrolments per unit and category over the period."""
    return _frame(
        connection,
        select(EnrolmentResult.unit, EnrolmentResult.category, func.sum(EnrolmentResult.count).label("count"))
        .where(EnrolmentResult.day.between(scope.start, scope.end))
        .group_by(EnrolmentResult.unit, EnrolmentResult.category)
        .order_by(EnrolmentResult.unit, EnrolmentResult.category),
    )


def distinct_values(connection: Connection, column: ColumnElement) -> list:
    """The distinct non-null values of an indexed column, in order (``distinct_values_query``)."""
    return list(connection.execute(distinct_values_query(column)).scalars())


def enrolment_units(connection: Connection) -> list[str]:
    return distinct_values(connection, EnrolmentResult.__table__.c.unit)


def enrolment_categories(connection: Connection) -> list[str]:
    found = set(distinct_values(connection, EnrolmentResult.__table__.c.category))
    return [c for c in ENROLMENT_CATEGORIES if c in found] + sorted(found - set(ENROLMENT_CATEGORIES))


def campaigns(connection: Connection) -> pd.DataFrame:
    """Every campaign with its window and targets."""
    return _frame(
        connection,
        select(
            Campaign.id,
            Campaign.name,
            Campaign.start_date,
            Campaign.end_date,
            Campaign.description,
            Campaign.targets,
        ).order_by(Campaign.start_date, Campaign.name),
    )


def campaign_table(connection: Connection, scope: Scope | None = None) -> pd.DataFrame:
    """Per campaign: items, views, interactions, enrolments by category against targets,
    enrolments per 10,000 views, and the change against the same-length period before it.

    With a scope, only campaigns overlapping its period (and its channels and kinds) count.
    """
    rows = []
    for campaign in campaigns(connection).itertuples():
        if scope is not None and (campaign.end_date < scope.start or campaign.start_date > scope.end):
            continue
        window = Scope(
            campaign.start_date,
            campaign.end_date,
            channel_ids=scope.channel_ids if scope else (),
            kinds=scope.kinds if scope else (),
            campaign_id=campaign.id,
        )
        current, before = kept_totals(connection, window), kept_totals(connection, window.previous())
        row = {
            "campaign_id": campaign.id,
            "name": campaign.name,
            "start_date": campaign.start_date,
            "end_date": campaign.end_date,
            "days": window.days,
            "items": current["items"],
            "views": current["views"],
            "interactions": current["interactions"],
            "avg_reach": current["avg_reach"],
            "rate_per_reach": current["rate_per_reach"],
            "enrolments": current["enrolments"],
            "other_results": current["other_results"],
            "activities": current["activities"],
            "attendance": current["attendance"],
            "reached": current["reached"],
            "on_spot": current["on_spot"],
            "enrolments_per_10k_views": (
                10_000 * current["enrolments"] / current["views"] if current["views"] else None
            ),
            "views_before": before["views"],
            "enrolments_before": before["enrolments"],
            "views_change": _change(current["views"], before["views"]),
            "enrolments_change": _change(current["enrolments"], before["enrolments"]),
        }
        targets = campaign.targets or {}
        for category in sorted(
            {*(k[len("enrolment_") :] for k in current if k.startswith("enrolment_")), *targets},
            key=category_order,
        ):
            actual = current.get(f"enrolment_{category}", 0)
            row[f"enrolment_{category}"] = actual
            if category in targets:
                row[f"target_{category}"] = targets[category]
                row[f"progress_{category}"] = ratio(actual, targets[category])
        rows.append(row)
    return pd.DataFrame(rows)


# Totals of finished periods (campaign windows, the period before a view), kept per database, scope,
# decisions and activities with the changes of their days seen before computing them.
_KEPT: dict[tuple, tuple[tuple, dict]] = {}
KEPT_MAX = 1000


def _changes(connection: Connection, end: date) -> tuple:
    """When figures of each day up to ``end`` last changed (``data_change``: a row per earliest day
    written, a few hundred a year). The whole state, not its latest moment: a write stamped earlier
    but committed later than another must count too."""
    query = (
        select(DataChange.day, DataChange.changed_at).where(DataChange.day <= end).order_by(DataChange.day)
    )
    return tuple(tuple(row) for row in connection.execute(query))


def kept_totals(connection: Connection, scope: Scope) -> dict:
    """``totals`` of ``scope``; for a period finished before today, kept until data of a day up to
    its end lands (``data_change``), activities change, or (campaign filter) its decisions change:
    collection runs add today's figures and leave a finished period's as they are."""
    if scope.end >= local_day(now_utc()):
        return totals(connection, scope)
    link = CampaignContent.__table__
    decided = select(
        func.count(), func.max(link.c.content_id), func.sum(case((link.c.assigned, 1), else_=0))
    ).where(link.c.campaign_id == scope.campaign_id)
    # Activities are few and hand-made: their count, newest id and last edit tell any change.
    activities = select(func.count(Activity.id), func.max(Activity.id), func.max(Activity.updated_at))
    key = (
        connection.engine.url.render_as_string(),
        scope,
        tuple(connection.execute(decided).one()) if scope.campaign_id is not None else None,
        tuple(connection.execute(activities).one()),
        channel_units(connection, scope.channel_ids),  # the unit list may map units to channels
        participant_categories(connection),  # an office may mark another category as participants
    )
    # Read before computing: data committed while the figures are computed shows as a later change.
    seen = _changes(connection, scope.end)
    kept = _KEPT.get(key)
    if kept is not None and kept[0] == seen:
        return kept[1]
    figures = totals(connection, scope)
    if len(_KEPT) >= KEPT_MAX:
        _KEPT.clear()
    _KEPT[key] = (seen, figures)
    return figures


def category_order(category: str) -> tuple[int, str]:
    if category in ENROLMENT_CATEGORIES:
        return ENROLMENT_CATEGORIES.index(category), category
    return len(ENROLMENT_CATEGORIES), category


def _change(current: float | None, before: float | None) -> float | None:
    """Relative change against the earlier value (0.25 = +25 %), None without a base."""
    if current is None or not before:
        return None
    return (current - before) / before


def figure_family(key: str) -> str:
    """Which data a key figure comes from: ``enrolment`` results, ``activities``, or ``content``
    (items and page figures): a comparison period without that data has no figure to compare."""
    if key.startswith("enrolment") or key == "other_results":
        return "enrolment"
    if key in ("activities", "attendance", "reached", "on_spot") or key.startswith("on_spot"):
        return "activities"
    return "content"


def families_with_data(figures: dict) -> set[str]:
    """The families of ``figure_family`` that a period's ``totals`` hold any data for."""
    found = set()
    if any(key.startswith("enrolment_") for key in figures):
        found.add("enrolment")
    if figures.get("activities"):
        found.add("activities")
    if figures.get("items") or figures.get("page_views") is not None:
        found.add("content")
    return found


def kpis(connection: Connection, scope: Scope) -> dict[str, dict[str, float | int | None]]:
    """Key figures of the period against the period before it (``Scope.previous``) and against the
    same period of the previous year (``Scope.year_ago``; ``year_ago`` None where that period has no
    data of the figure's kind, or a week or range has no such comparison), with the changes."""
    current, before = kept_totals(connection, scope), kept_totals(connection, scope.previous())
    year_scope = scope.year_ago()
    year = kept_totals(connection, year_scope) if year_scope is not None else {}
    year_families = families_with_data(year) if year else set()
    figures = {}
    for key in current:
        year_value = year.get(key, 0) if figure_family(key) in year_families else None
        figures[key] = {
            "value": current[key],
            "previous": before.get(key),
            "change": _change(current[key], before.get(key)),
            "year_ago": year_value,
            "change_year": _change(current[key], year_value),
        }
    return figures


def kind_comparison(connection: Connection, scope: Scope) -> pd.DataFrame:
    """Per content kind: items, total and median views and interactions, engagement per view."""
    items = content_metrics_query(scope, uses_lateral(connection)).subquery("items")
    by_kind = {"partition_by": items.c.kind}
    # One pass over the items: the per-kind totals come as window aggregates beside each item's
    # values (which the medians need), instead of reading the items once more for the medians.
    per_item = _frame(
        connection,
        select(
            items.c.kind,
            func.count().over(**by_kind).label("items"),
            func.sum(items.c.views).over(**by_kind).label("views"),
            func.sum(items.c.interactions).over(**by_kind).label("interactions"),
            func.avg(items.c.reach).over(**by_kind).label("avg_reach"),
            items.c.views.label("item_views"),
            items.c.interactions.label("item_interactions"),
        ),
    )
    if per_item.empty:
        return per_item[["kind", "items", "views", "interactions", "avg_reach"]]
    totals_by_kind = per_item.drop_duplicates("kind")[["kind", "items", "views", "interactions", "avg_reach"]]
    medians = (
        per_item.groupby("kind")[["item_views", "item_interactions"]]
        .median()
        .rename(columns={"item_views": "median_views", "item_interactions": "median_interactions"})
    )
    frame = totals_by_kind.merge(medians.reset_index(), on="kind", how="left")
    frame["rate_per_view"] = [ratio(i, v) for i, v in zip(frame.interactions, frame.views, strict=True)]
    return frame.sort_values("views", ascending=False, na_position="last").reset_index(drop=True)


def platform_comparison(connection: Connection, scope: Scope) -> pd.DataFrame:
    """Per platform, for all kinds (``kind`` None) and per kind: items, views, interactions and the
    engagement rate per view (interactions ÷ views, over the items that have both), in SQL."""
    items = content_metrics_query(scope, uses_lateral(connection)).subquery("items")
    both = and_(items.c.views.is_not(None), items.c.interactions.is_not(None))
    figures = (
        func.count().label("items"),
        func.sum(items.c.views).label("views"),
        func.sum(items.c.interactions).label("interactions"),
        func.sum(case((both, items.c.interactions))).label("rated_interactions"),
        func.sum(case((both, items.c.views))).label("rated_views"),
    )
    per_kind = select(items.c.platform, items.c.kind, *figures).group_by(items.c.platform, items.c.kind)
    per_platform = select(items.c.platform, literal(None).label("kind"), *figures).group_by(items.c.platform)
    frame = _frame(connection, union(per_platform, per_kind))
    if frame.empty:
        return frame.assign(rate_per_view=[])
    frame["rate_per_view"] = [
        ratio(i, v) for i, v in zip(frame.rated_interactions, frame.rated_views, strict=True)
    ]
    frame["all_kinds"] = frame.kind.isna()
    frame = frame.sort_values(["platform", "all_kinds", "views"], ascending=[True, False, False])
    return frame.drop(columns=["rated_interactions", "rated_views", "all_kinds"]).reset_index(drop=True)


def posts_vs_livestreams(connection: Connection, scope: Scope) -> pd.DataFrame:
    """All posts (every kind but livestreams) against all livestreams published in the period: items,
    views, interactions and engagement per view (interactions ÷ views over the items that have both).
    One row per ``format`` (``post``, ``livestream``), both always present, in that order."""
    items = content_metrics_query(scope, uses_lateral(connection)).subquery("items")
    both = and_(items.c.views.is_not(None), items.c.interactions.is_not(None))
    form = case((items.c.kind == "livestream", "livestream"), else_="post").label("format")
    frame = _frame(
        connection,
        select(
            form,
            func.count().label("items"),
            func.sum(items.c.views).label("views"),
            func.sum(items.c.interactions).label("interactions"),
            func.sum(case((both, items.c.interactions))).label("rated_interactions"),
            func.sum(case((both, items.c.views))).label("rated_views"),
        ).group_by(form),
    )
    frame = pd.DataFrame({"format": ["post", "livestream"]}).merge(frame, on="format", how="left")
    frame["items"] = frame["items"].fillna(0).astype(int)
    frame["rate_per_view"] = [
        ratio(i, v) for i, v in zip(frame.rated_interactions, frame.rated_views, strict=True)
    ]
    return frame.drop(columns=["rated_interactions", "rated_views"])


def items_per_kind(connection: Connection, scope: Scope) -> dict[str, int]:
    """How many items of each kind were published in the period (one GROUP BY, no counts read):
    what the report compares with the period before."""
    query = select(Content.kind, func.count()).where(*_content_filter(scope)).group_by(Content.kind)
    return {kind: int(count) for kind, count in connection.execute(query)}


def livestreams(connection: Connection, scope: Scope) -> pd.DataFrame:
    """One row per broadcast: start, duration, peak live viewers and when, average live viewers,
    final plays, interactions and average watch time."""
    live_scope = replace(scope, kinds=("livestream",))
    items = content_metrics_query(live_scope, uses_lateral(connection)).subquery("items")
    snapshot = MetricSnapshot.__table__
    peaks = (
        select(
            snapshot.c.content_id,
            snapshot.c.live_viewers,
            snapshot.c.captured_at,
            func.row_number()
            .over(
                partition_by=snapshot.c.content_id,
                order_by=(snapshot.c.live_viewers.desc(), snapshot.c.captured_at),
            )
            .label("position"),
        )
        .where(snapshot.c.live_viewers.is_not(None), snapshot.c.content_id.in_(select(items.c.content_id)))
        .subquery("peaks")
    )
    averages = (
        select(snapshot.c.content_id, func.avg(snapshot.c.live_viewers).label("avg_live_viewers"))
        .where(snapshot.c.live_viewers.is_not(None), snapshot.c.content_id.in_(select(items.c.content_id)))
        .group_by(snapshot.c.content_id)
        .subquery("averages")
    )
    peak = select(peaks).where(peaks.c.position == 1).subquery("peak")
    return _frame(
        connection,
        select(
            items.c.content_id,
            items.c.channel,
            items.c.timezone,
            items.c.title,
            items.c.permalink,
            items.c.published_at.label("started_at"),
            items.c.duration_s,
            peak.c.live_viewers.label("peak_live_viewers"),
            peak.c.captured_at.label("peak_at"),
            averages.c.avg_live_viewers,
            items.c.views,
            items.c.reach,
            items.c.interactions,
            items.c.avg_watch_s,
        )
        .outerjoin(peak, peak.c.content_id == items.c.content_id)
        .outerjoin(averages, averages.c.content_id == items.c.content_id)
        .order_by(items.c.published_at),
    )


def live_curve(connection: Connection, content_id: int) -> pd.DataFrame:
    """People watching a broadcast over time, from its snapshots."""
    return _frame(
        connection,
        select(MetricSnapshot.captured_at, MetricSnapshot.live_viewers, MetricSnapshot.views)
        .where(MetricSnapshot.content_id == content_id, MetricSnapshot.live_viewers.is_not(None))
        .order_by(MetricSnapshot.captured_at),
    )


def growth_curves(connection: Connection, content_ids: list[int], max_hours: float = 24 * 7) -> pd.DataFrame:
    """Views against hours since publishing, so items are compared at the same age."""
    if not content_ids:
        return pd.DataFrame(columns=["content_id", "title", "kind", "hours", "views", "interactions"])
    frame = _frame(
        connection,
        select(
            Content.id.label("content_id"),
            Content.title,
            Content.kind,
            Content.published_at,
            MetricSnapshot.captured_at,
            MetricSnapshot.views,
            interactions_of(MetricSnapshot).label("interactions"),
        )
        .join(MetricSnapshot, MetricSnapshot.content_id == Content.id)
        .where(Content.id.in_(content_ids), Content.published_at.is_not(None))
        .order_by(Content.id, MetricSnapshot.captured_at),
    )
    if frame.empty:
        return frame
    frame["hours"] = (
        pd.to_datetime(frame.captured_at, utc=True) - pd.to_datetime(frame.published_at, utc=True)
    ).dt.total_seconds() / 3600
    return frame[(frame.hours >= 0) & (frame.hours <= max_hours)].drop(
        columns=["published_at", "captured_at"]
    )


@dataclass(frozen=True)
class LagResult:
    """Correlation of day-to-day changes in reach with enrolments ``lag`` days later."""

    correlations: pd.DataFrame  # columns lag, correlation, pairs
    enough_data: bool


MIN_LAG_PAIRS = 14


def lag_correlation(
    frame: pd.DataFrame, reach_column: str, enrolment_column: str, max_lag: int = 14
) -> LagResult:
    """Pearson correlation of the daily change of ``reach_column`` with the daily change of
    ``enrolment_column`` shifted by 0…``max_lag`` days. Association, not cause."""
    rows = []
    if reach_column in frame and enrolment_column in frame:
        reach = pd.to_numeric(frame[reach_column], errors="coerce").diff()
        enrolment = pd.to_numeric(frame[enrolment_column], errors="coerce").diff()
        for lag in range(max_lag + 1):
            pairs = pd.DataFrame({"x": reach, "y": enrolment.shift(-lag)}).dropna()
            usable = len(pairs) >= MIN_LAG_PAIRS and pairs.x.std() > 0 and pairs.y.std() > 0
            rows.append(
                {
                    "lag": lag,
                    "correlation": float(pairs.x.corr(pairs.y)) if usable else None,
                    "pairs": len(pairs),
                }
            )
    correlations = pd.DataFrame(rows, columns=["lag", "correlation", "pairs"])
    return LagResult(correlations, bool(correlations.correlation.notna().any()) if rows else False)


def collection_runs(connection: Connection, limit: int = 100) -> pd.DataFrame:
    return _frame(
        connection,
        select(CollectionRun).order_by(CollectionRun.started_at.desc(), CollectionRun.id.desc()).limit(limit),
    )


def source_health(connection: Connection) -> pd.DataFrame:
    """Per source: last run and its status, last success, and since when it has been failing
    (``models.health.source_health_query``)."""
    return _frame(connection, source_health_query())


def channels(connection: Connection) -> pd.DataFrame:
    return _frame(
        connection,
        select(Channel.id, Channel.name, Channel.platform, Channel.timezone, Channel.followers).order_by(
            Channel.name
        ),
    )


def date_range(connection: Connection) -> tuple[date | None, date | None]:
    """The first and last local day for which we hold any content, page or enrolment data."""
    # min and max in separate subqueries: each is one index lookup (together they scan the index).
    bounds = [
        connection.execute(
            select(select(func.min(column)).scalar_subquery(), select(func.max(column)).scalar_subquery())
        ).one()
        for column in (Content.published_day, PageMetric.day, EnrolmentResult.day)
    ]
    starts = [b[0] for b in bounds if b[0] is not None]
    ends = [b[1] for b in bounds if b[1] is not None]
    return (min(starts) if starts else None, max(ends) if ends else None)


def data_version(connection: Connection) -> tuple:
    """Changes whenever data lands (imports, collection runs): a cheap cache key.

    Rows only ever get appended to the large tables, so their highest id is enough (one index
    lookup each: counting them would read millions of rows on every page load); the small tables
    that users edit also give their count. Edits made in the dashboard itself clear its cache
    directly. Thinning old snapshots keeps every day's final value, so cached figures stay right."""
    largest = (CollectionRun.id, ImportedFile.id, MetricSnapshot.id, EnrolmentResult.id, Content.id)
    highest = tuple(
        connection.execute(select(*(select(func.max(column)).scalar_subquery() for column in largest))).one()
    )
    edited = tuple(
        tuple(connection.execute(select(func.max(column), func.count(column))).one())
        for column in (Campaign.id, CampaignContent.content_id)
    )
    return (highest, *edited)


def _frame(connection: Connection, query) -> pd.DataFrame:
    result = connection.execute(query)
    # Plain tuples: pandas takes rows that look like named tuples through a path 3 times slower.
    return pd.DataFrame([tuple(row) for row in result], columns=list(result.keys()))


PERIOD_FIGURES = ("views", "likes", "comments", "shares", "impressions", "watch_time_s", "avg_watch_s")


def _period_content_filter(scope: Scope) -> list[ColumnElement]:
    """Items in scope whatever their publish day: a period export's figures are what they did in it."""
    return _content_filter(scope, published_in_period=False)


def period_figures(connection: Connection, scope: Scope) -> pd.DataFrame:
    """Each item's figures over exactly the scope's days, as a period export gave them (YouTube Studio's
    ``Table data.csv`` of ``Content START_END …``), most viewed first: never lifetime counts, and
    likes may be net (negative). Empty when no export of exactly that period was imported.
    Interactions are likes + comments + shares, as for snapshots (likes count as reactions)."""
    figure = ContentPeriodFigure.__table__
    query = (
        select(
            Content.id.label("content_id"),
            Content.external_id,
            Content.title,
            Content.kind,
            Content.published_day,
            Channel.name.label("channel"),
            *(figure.c[name] for name in PERIOD_FIGURES),
            interactions_of(
                SimpleNamespace(reactions=figure.c.likes, comments=figure.c.comments, shares=figure.c.shares)
            ).label("interactions"),
        )
        .join(Content, Content.id == figure.c.content_id)
        .join(Channel, Channel.id == Content.channel_id)
        .where(
            figure.c.start_day == scope.start, figure.c.end_day == scope.end, *_period_content_filter(scope)
        )
        .order_by(figure.c.views.desc().nulls_last(), Content.id)
    )
    return _frame(connection, query)


def period_figure_totals(connection: Connection, scope: Scope) -> dict[str, float | int | None]:
    """The sums of :func:`period_figures` (what Studio's ``Total`` row shows for the same videos):
    ``items`` and each figure; an average view duration is not summed and left out."""
    figure = ContentPeriodFigure.__table__
    summed = [name for name in PERIOD_FIGURES if name != "avg_watch_s"]
    row = (
        connection.execute(
            select(
                func.count(figure.c.content_id).label("items"),
                *(func.sum(figure.c[n]).label(n) for n in summed),
            )
            .join(Content, Content.id == figure.c.content_id)
            .where(
                figure.c.start_day == scope.start,
                figure.c.end_day == scope.end,
                *_period_content_filter(scope),
            )
        )
        .mappings()
        .one()
    )
    return {
        "items": row["items"],
        **{
            name: (float(row[name]) if name == "watch_time_s" and row[name] is not None else _int(row[name]))
            for name in summed
        },
    }


def item_daily_views(connection: Connection, scope: Scope) -> pd.DataFrame:
    """Views per local day of the items in scope (any publish day), from the daily figures per item an
    export gave (YouTube Studio's ``Chart data.csv``): ``day``, ``views``."""
    figure = ContentDayFigure.__table__
    query = (
        select(figure.c.day, func.sum(figure.c.views).label("views"))
        .where(
            figure.c.day.between(scope.start, scope.end),
            figure.c.content_id.in_(select(Content.id).where(*_period_content_filter(scope))),
        )
        .group_by(figure.c.day)
        .order_by(figure.c.day)
    )
    return _frame(connection, query)
