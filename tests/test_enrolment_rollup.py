"""The daily enrolment rollup (enrolment_day, migration 0009): kept equal to the sums of the results
as they are saved, corrected and saved out of order, and the enrolment figures read from it are the
ones read from the results themselves, on SQLite and PostgreSQL (generated provinces and the demo)."""

import random
from datetime import date

import pandas as pd
from sqlalchemy import func, select

from bench.generate import enrolment_rows
from models import metrics, rollup
from models.metrics import Scope
from models.store import EnrolmentRecord, save_enrolments
from models.tables import EnrolmentDay, EnrolmentResult

MAY = Scope(date(2024, 5, 1), date(2024, 5, 31))
SCOPES = [MAY, Scope(date(2024, 1, 1), date(2024, 12, 31)), Scope(date(2024, 2, 29), date(2024, 2, 29))]


def _rollup(connection) -> list[tuple]:
    table = EnrolmentDay.__table__
    return [tuple(row) for row in connection.execute(select(table).order_by(table.c.day, table.c.category))]


def _sums(connection) -> list[tuple]:
    result = EnrolmentResult.__table__
    query = (
        select(result.c.day, result.c.category, func.sum(result.c.count))
        .group_by(result.c.day, result.c.category)
        .order_by(result.c.day, result.c.category)
    )
    return [tuple(row) for row in connection.execute(query)]


def _reference_totals(connection, scope: Scope) -> dict[str, int]:
    """What enrolment_totals gave before the rollup: a GROUP BY over every unit's results."""
    query = (
        select(EnrolmentResult.category, func.sum(EnrolmentResult.count))
        .where(EnrolmentResult.day.between(scope.start, scope.end))
        .group_by(EnrolmentResult.category)
    )
    return {category: int(total or 0) for category, total in connection.execute(query)}


def _reference_daily(connection, scope: Scope) -> pd.DataFrame:
    query = (
        select(EnrolmentResult.day, EnrolmentResult.category, func.sum(EnrolmentResult.count).label("count"))
        .where(EnrolmentResult.day.between(scope.start, scope.end))
        .group_by(EnrolmentResult.day, EnrolmentResult.category)
        .order_by(EnrolmentResult.day, EnrolmentResult.category)
    )
    return pd.DataFrame(
        [tuple(row) for row in connection.execute(query)], columns=["day", "category", "count"]
    )


def _assert_figures_unchanged(connection) -> None:
    for scope in SCOPES:
        assert metrics.enrolment_totals(connection, scope) == _reference_totals(connection, scope)
        pd.testing.assert_frame_equal(
            metrics.enrolment_daily(connection, scope), _reference_daily(connection, scope), check_dtype=False
        )


def test_the_rollup_follows_saved_corrected_and_out_of_order_results(engine):
    rng = random.Random(15)
    rows = enrolment_rows(0, rng) + enrolment_rows(1, rng)
    records = [EnrolmentRecord(*row) for row in rows]
    rng.shuffle(records)
    with engine.begin() as connection:
        for start in range(0, len(records), 5_000):  # batches of mixed days, newest and oldest
            save_enrolments(connection, records[start : start + 5_000])
        assert _rollup(connection) == _sums(connection)
        corrected = [
            EnrolmentRecord(r.day, r.unit, r.category, None if n % 7 == 0 else r.count + n)
            for n, r in enumerate(records[:: len(records) // 300])
        ]
        save_enrolments(connection, corrected)
        save_enrolments(connection, [EnrolmentRecord(date(2024, 5, 14), "Xã mới", "voluntary_si", 3)])
        assert _rollup(connection) == _sums(connection)
        _assert_figures_unchanged(connection)
        assert metrics.enrolment_totals(connection, MAY, ("Xã mới",)) == {"voluntary_si": 3}
        incremental = _rollup(connection)
        rollup.rebuild_enrolment_day(connection)
        assert _rollup(connection) == incremental


def test_the_demo_enrolment_figures_are_unchanged(demo_engine):
    with demo_engine.connect() as connection:
        _assert_figures_unchanged(connection)
        units = tuple(metrics.enrolment_units(connection)[:2])
        by_units = metrics.enrolment_totals(connection, MAY, units)
        assert 0 < sum(by_units.values()) < sum(metrics.enrolment_totals(connection, MAY).values())


def test_the_coverage_chart_reads_the_daily_figures_it_shows(demo_engine):
    with demo_engine.connect() as connection:
        first, last = metrics.date_range(connection)
        whole = Scope(first, last)
        coverage = metrics.coverage(connection, whole)
        daily = metrics.daily(connection, whole)[coverage.columns]
    pd.testing.assert_frame_equal(coverage, daily, check_dtype=False)
    assert coverage.enrolments.sum() > 0 and coverage.page_views.notna().any()
