"""The daily rollup stays equal to a recomputation from the snapshots, however data lands."""

import random
from datetime import UTC, datetime, timedelta

import pandas as pd
from sqlalchemy import select

from models import rollup
from models.store import (
    ChannelRecord,
    ContentRecord,
    SnapshotRecord,
    save_channel,
    save_contents,
    save_snapshots,
)
from models.tables import ContentDay

START = datetime(2024, 5, 1, 1, 0, tzinfo=UTC)


def _rollup_rows(connection) -> pd.DataFrame:
    rows = connection.execute(select(ContentDay).order_by(ContentDay.content_id, ContentDay.day)).all()
    frame = pd.DataFrame([row._asdict() for row in rows])
    return frame.drop(columns=["ContentDay"], errors="ignore")


def test_rollup_built_snapshot_by_snapshot_equals_a_rebuild(engine):
    rng = random.Random(7)
    items = [ContentRecord(f"p{i}", "photo", published_at=START + timedelta(hours=i)) for i in range(6)]
    snapshots = []
    for i in range(6):
        views = 0
        for hours in sorted(rng.sample(range(1, 24 * 12), 15)):
            views += rng.randint(0, 500)
            snapshots.append(
                SnapshotRecord(
                    f"p{i}",
                    START + timedelta(hours=i + hours),
                    "graph_api",
                    views=views,
                    reactions=views // 20,
                    comments=None,
                    shares=views // 100,
                )
            )
    rng.shuffle(snapshots)  # late and out-of-order arrivals, as from exports taken at other times
    with engine.begin() as connection:
        channel_id = save_channel(connection, ChannelRecord("1", "Page"))
        ids = save_contents(connection, channel_id, items).ids
    for start in range(0, len(snapshots), 7):
        with engine.begin() as connection:
            save_snapshots(connection, channel_id, ids, snapshots[start : start + 7])
    with engine.begin() as connection:
        incremental = _rollup_rows(connection)
        rebuilt_count = rollup.rebuild(connection)
        rebuilt = _rollup_rows(connection)
    assert rebuilt_count == len(incremental) > 6
    pd.testing.assert_frame_equal(incremental, rebuilt)
    last_of_day = incremental.groupby("content_id").views_gain.sum()
    final = incremental.sort_values("day").groupby("content_id").views.last()
    assert (last_of_day == final).all()  # the gains of an item add up to its last lifetime count
    assert (incremental.interactions == incremental.reactions + incremental.shares).all()
