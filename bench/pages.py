"""The metric queries each dashboard page runs (read from dashboard/app.py, filters.py and
app_pages/*), as plain calls, so the benchmarks and the query plans time exactly that work."""

from collections.abc import Callable
from datetime import date

from sqlalchemy import Connection, select

from models import metrics
from models.metrics import Scope
from models.tables import Content, ContentDay

Call = Callable[[Connection, Scope], object]


def scope_for(connection: Connection, start: date, end: date) -> Scope:
    """What a national office sees by default: every channel and kind over the window."""
    return Scope(start, end)


def _top_items(connection: Connection, scope: Scope, kind: str | None = None, limit: int = 5) -> list[int]:
    """The most viewed items of the window (what a user opens to compare growth curves)."""
    query = (
        select(Content.id)
        .join(ContentDay, ContentDay.content_id == Content.id)
        .where(Content.published_day.between(scope.start, scope.end), ContentDay.day == scope.end)
        .order_by(ContentDay.views.desc())
        .limit(limit)
    )
    if kind:
        query = query.where(Content.kind == kind)
    return list(connection.execute(query).scalars())


def _coverage(connection: Connection, scope: Scope) -> object:
    """The data page's coverage chart: every day from the first to the last day with data."""
    first_day, last_day = metrics.date_range(connection)
    return metrics.coverage(connection, Scope(first_day, last_day)) if first_day and last_day else None


SIDEBAR: dict[str, Call] = {
    "data_version": lambda c, s: metrics.data_version(c),
    "date_range": lambda c, s: metrics.date_range(c),
    "channels": lambda c, s: metrics.channels(c),
    "campaigns": lambda c, s: metrics.campaigns(c),
}
PAGES: dict[str, dict[str, Call]] = {
    "overview": {
        **SIDEBAR,
        "kpis": metrics.kpis,
        "daily": metrics.daily,
        "top_content": lambda c, s: metrics.top_content(c, s, "views", 10),
    },
    "reach_enrolment": {
        **SIDEBAR,
        "enrolment_categories": lambda c, s: metrics.enrolment_categories(c),
        "enrolment_units": lambda c, s: metrics.enrolment_units(c),
        "daily": metrics.daily,
        "enrolment_daily": lambda c, s: metrics.enrolment_daily(c, s, (), ()),
        "campaign_table": metrics.campaign_table,
    },
    "content": {
        **SIDEBAR,
        "content_count": metrics.content_count,
        "content_metrics": lambda c, s: metrics.content_metrics(c, s, "", 0, 50),  # the list's first page
        "kind_comparison": metrics.kind_comparison,
        "views_by_kind": metrics.views_by_kind,
        "top_content": lambda c, s: metrics.top_content(c, s, "views", 50),  # top chart, growth choices
        "growth_curves": lambda c, s: metrics.growth_curves(c, _top_items(c, s, limit=3)),
    },
    "livestreams": {
        **SIDEBAR,
        "livestreams": metrics.livestreams,
        "live_curve": lambda c, s: [metrics.live_curve(c, i) for i in _top_items(c, s, "livestream", 1)],
    },
    "campaigns": {
        **SIDEBAR,
        "campaign_table": lambda c, s: metrics.campaign_table(c),
        "enrolment_categories": lambda c, s: metrics.enrolment_categories(c),
    },
    "data": {
        **SIDEBAR,
        "coverage": _coverage,
        "source_health": lambda c, s: metrics.source_health(c),
        "collection_runs": lambda c, s: metrics.collection_runs(c),
    },
}
