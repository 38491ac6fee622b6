"""Finished campaigns keep their figures (issue 15): a second look costs one check, the figures are
those computed afresh, and data landing for a day up to a campaign's end makes them computed again,
while today's collection leaves them kept. SQLite and PostgreSQL, on the demo."""

from datetime import UTC, datetime

import pandas as pd
import pytest
from sqlalchemy import select

from collector.demo import load_demo
from models import metrics
from models.store import (
    ContentRecord,
    EnrolmentRecord,
    SnapshotRecord,
    save_contents,
    save_enrolments,
    save_snapshots,
)
from models.tables import Channel

PEAK_WEEK = "7 ngày cao điểm tuyên truyền nhóm nhỏ"


@pytest.fixture
def demo(engine, monkeypatch):
    load_demo(engine)
    calls = []
    real = metrics.totals
    monkeypatch.setattr(
        metrics, "totals", lambda connection, scope: calls.append(scope) or real(connection, scope)
    )
    return engine, calls


def _table(engine) -> pd.DataFrame:
    with engine.connect() as connection:
        return metrics.campaign_table(connection).set_index("name")


def _fresh(engine) -> pd.DataFrame:
    metrics._KEPT.clear()
    return _table(engine)


def _add_item(engine, published: datetime, views: int) -> None:
    with engine.begin() as connection:
        channel_id = connection.execute(select(Channel.id)).scalars().first()
        external_id = f"kept-{published:%Y%m%d%H}"
        saved = save_contents(
            connection, channel_id, [ContentRecord(external_id, "photo", "Thêm", published_at=published)]
        )
        save_snapshots(
            connection, channel_id, saved.ids, [SnapshotRecord(external_id, published, "test", views=views)]
        )


def test_a_second_look_reads_kept_figures_equal_to_fresh_ones(demo):
    engine, calls = demo
    first = _fresh(engine)
    computed = len(calls)
    assert computed == 2 * len(first)  # each campaign's window and the period before it
    again = _table(engine)
    assert len(calls) == computed  # nothing computed again
    pd.testing.assert_frame_equal(again, first)
    pd.testing.assert_frame_equal(_fresh(engine), first)


def test_data_landing_in_a_finished_window_shows_and_todays_collection_keeps_them(demo):
    engine, calls = demo
    before = _fresh(engine)
    _add_item(engine, datetime(2024, 5, 15, 3, tzinfo=UTC), 1_000)  # inside the peak week
    after = _table(engine)
    assert after.loc[PEAK_WEEK, "items"] == before.loc[PEAK_WEEK, "items"] + 1
    assert after.loc[PEAK_WEEK, "views"] == before.loc[PEAK_WEEK, "views"] + 1_000
    with engine.begin() as connection:
        save_enrolments(
            connection, [EnrolmentRecord(datetime(2024, 5, 16).date(), "Xã kiểm thử", "voluntary_si", 5)]
        )
    assert (
        _table(engine).loc[PEAK_WEEK, "enrolment_voluntary_si"]
        == after.loc[PEAK_WEEK, "enrolment_voluntary_si"] + 5
    )
    pd.testing.assert_frame_equal(_table(engine), _fresh(engine))
    # A collection run today: new figures of today, none of the campaigns' days.
    _table(engine)
    computed = len(calls)
    _add_item(engine, datetime.now(UTC), 50)
    kept = _table(engine)
    assert len(calls) == computed
    pd.testing.assert_frame_equal(kept, _fresh(engine))


def test_the_overview_keeps_a_finished_periods_figures_until_its_data_or_activities_change(demo):
    from models.activities import ActivityRecord, save_activities
    from models.store import PageMetricRecord, save_page_metrics

    engine, calls = demo
    may = metrics.Scope(datetime(2024, 5, 1).date(), datetime(2024, 5, 31).date())
    with engine.connect() as connection:
        metrics._KEPT.clear()
        first = metrics.kpis(connection, may)
        computed = len(calls)
        assert metrics.kpis(connection, may) == first and len(calls) == computed
    with engine.begin() as connection:
        channel_id = connection.execute(select(Channel.id)).scalars().first()
        save_page_metrics(
            connection, channel_id, [PageMetricRecord(datetime(2024, 4, 30).date(), "views", 10**6, "test")]
        )
    with engine.connect() as connection:
        changed = metrics.kpis(connection, may)
    assert changed["page_views"]["previous"] > first["page_views"]["previous"] + 900_000  # April's, corrected
    assert changed["page_views"]["value"] == first["page_views"]["value"]
    with engine.connect() as connection:
        metrics._KEPT.clear()
        assert metrics.kpis(connection, may) == changed
    with engine.begin() as connection:
        save_activities(
            connection,
            [ActivityRecord("Hội nghị kiểm thử", "conference", may.start, may.start, attendance=40)],
            "test",
            "test",
        )
    with engine.connect() as connection:
        computed = len(calls)
        with_activity = metrics.kpis(connection, may)
        assert len(calls) > computed
        metrics._KEPT.clear()
        assert metrics.kpis(connection, may) == with_activity
