"""Thinning old snapshots keeps the first 72 hours, live broadcasts and every day's final value."""

from datetime import UTC, date, datetime, timedelta

import pandas as pd
from sqlalchemy import func, select

from models import metrics
from models.metrics import Scope
from models.retention import thin_snapshots
from models.store import (
    ChannelRecord,
    ContentRecord,
    SnapshotRecord,
    save_channel,
    save_contents,
    save_snapshots,
)
from models.tables import Content, ContentDay, MetricSnapshot

PUBLISHED = datetime(2024, 5, 22, 13, 0, tzinfo=UTC)


def _busy_history(engine) -> None:
    """A post polled every two hours for six days, and a livestream watched every two minutes."""
    with engine.begin() as connection:
        channel_id = save_channel(connection, ChannelRecord("1", "Page"))
        ids = save_contents(
            connection,
            channel_id,
            [
                ContentRecord("post", "photo", published_at=PUBLISHED),
                ContentRecord("live", "livestream", published_at=PUBLISHED),
            ],
        ).ids
        post = [
            SnapshotRecord("post", PUBLISHED + timedelta(hours=h), "graph_api", views=100 * h, reactions=h)
            for h in range(1, 24 * 6, 2)
        ]
        live = [
            SnapshotRecord(
                "live", PUBLISHED + timedelta(minutes=m), "graph_api", views=50 * m, live_viewers=300 + m
            )
            for m in range(0, 60, 2)
        ]
        late_live = [
            SnapshotRecord("live", PUBLISHED + timedelta(hours=h), "graph_api", views=9000 + h)
            for h in range(80, 24 * 6, 3)
        ]
        save_snapshots(connection, channel_id, ids, post + live + late_live)


def _snapshots(connection) -> pd.DataFrame:
    query = select(
        MetricSnapshot.content_id,
        MetricSnapshot.captured_at,
        MetricSnapshot.captured_day,
        MetricSnapshot.views,
        MetricSnapshot.live_viewers,
        Content.published_at,
    )
    rows = connection.execute(query.join(Content, Content.id == MetricSnapshot.content_id)).all()
    return pd.DataFrame(
        rows, columns=["content_id", "captured_at", "captured_day", "views", "live_viewers", "published_at"]
    )


def test_thinning_loses_no_days_final_value_nor_early_or_live_snapshots(engine):
    _busy_history(engine)
    may = Scope(date(2024, 5, 1), date(2024, 5, 31))
    with engine.connect() as connection:
        before = _snapshots(connection)
        rollup_before = connection.execute(
            select(ContentDay).order_by(ContentDay.content_id, ContentDay.day)
        ).all()
        totals_before = metrics.totals(connection, may)
    with engine.begin() as connection:
        result = thin_snapshots(connection, keep_hours=72)
    with engine.connect() as connection:
        after = _snapshots(connection)
        rollup_after = connection.execute(
            select(ContentDay).order_by(ContentDay.content_id, ContentDay.day)
        ).all()
        totals_after = metrics.totals(connection, may)

    assert result.removed > 0 and len(after) == len(before) - result.removed
    age = (after.captured_at - after.published_at).dt.total_seconds() / 3600
    early_before = before[(before.captured_at - before.published_at).dt.total_seconds() / 3600 <= 72]
    assert len(after[age <= 72]) == len(early_before)  # every snapshot of the first 72 hours kept
    assert after[after.live_viewers.notna()].shape[0] == before[before.live_viewers.notna()].shape[0]
    assert (after[age > 72].groupby(["content_id", "captured_day"]).size() == 1).all()
    last_of_day = before.sort_values("captured_at").groupby(["content_id", "captured_day"]).views.last()
    kept = after.sort_values("captured_at").groupby(["content_id", "captured_day"]).views.last()
    pd.testing.assert_series_equal(last_of_day, kept)
    assert rollup_after == rollup_before
    assert totals_after == totals_before


def test_thinning_twice_removes_nothing_more(engine):
    _busy_history(engine)
    with engine.begin() as connection:
        assert thin_snapshots(connection).removed > 0
    with engine.begin() as connection:
        again = thin_snapshots(connection)
        count = connection.execute(select(func.count()).select_from(MetricSnapshot)).scalar_one()
    assert again.removed == 0 and again.examined == count


def test_dry_run_changes_nothing(engine):
    _busy_history(engine)
    with engine.begin() as connection:
        planned = thin_snapshots(connection, dry_run=True)
        count = connection.execute(select(func.count()).select_from(MetricSnapshot)).scalar_one()
    assert planned.removed > 0 and count == planned.examined
