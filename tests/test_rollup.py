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


def test_long_key_lists_split_across_statements_give_the_same_ids_report_and_rollup(engine, monkeypatch):
    # Three items per IN list (the real limit is tens of thousands), so every lookup takes several.
    monkeypatch.setattr(engine.dialect, "insertmanyvalues_max_parameters", 53)
    first = [ContentRecord(f"p{i}", "photo", title=f"Post {i}", published_at=START) for i in range(8)]
    later = [
        *first[:4],  # unchanged
        *(ContentRecord(r.external_id, "photo", title="Edited", published_at=START) for r in first[4:]),
        *(ContentRecord(f"n{i}", "video", published_at=START) for i in range(5)),  # new
    ]
    with engine.begin() as connection:
        channel_id = save_channel(connection, ChannelRecord("1", "Page"))
        saved = save_contents(connection, channel_id, first)
        assert (saved.new, saved.updated, saved.unchanged) == (8, 0, 0)
        again = save_contents(connection, channel_id, later)
        assert (again.new, again.updated, again.unchanged) == (5, 4, 4)
        assert again.ids == {**saved.ids, **{k: v for k, v in again.ids.items() if k.startswith("n")}}
        assert len(set(again.ids.values())) == 13
        for day, records in enumerate((first, later)):
            snapshots = [
                SnapshotRecord(r.external_id, START + timedelta(days=day), "export", views=10 * (day + 1) + i)
                for i, r in enumerate(records)
            ]
            assert save_snapshots(connection, channel_id, again.ids, snapshots) == len(records)
        incremental = _rollup_rows(connection)
        rollup.rebuild(connection)
        pd.testing.assert_frame_equal(incremental, _rollup_rows(connection))
    assert len(incremental) == 8 + 13
