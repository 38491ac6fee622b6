"""The daily rollup stays equal to a recomputation from the snapshots, however data lands."""

import random
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pandas as pd
from sqlalchemy import func, select

from models import metrics, rollup
from models.store import (
    ChannelRecord,
    ContentRecord,
    SnapshotRecord,
    save_channel,
    save_contents,
    save_snapshots,
)
from models.tables import ChannelDay, ContentDay

START = datetime(2024, 5, 1, 1, 0, tzinfo=UTC)


def _rollup_rows(connection) -> pd.DataFrame:
    rows = connection.execute(select(ContentDay).order_by(ContentDay.content_id, ContentDay.day)).all()
    frame = pd.DataFrame([row._asdict() for row in rows])
    return frame.drop(columns=["ContentDay"], errors="ignore")


def _channel_rows(connection) -> pd.DataFrame:
    rows = connection.execute(select(ChannelDay).order_by(ChannelDay.channel_id, ChannelDay.day)).all()
    frame = pd.DataFrame([row._asdict() for row in rows])
    return frame.drop(columns=["ChannelDay"], errors="ignore")[
        ["channel_id", "day", "views_gain", "interactions_gain"]
    ]


def _channel_sums_of_items(connection) -> pd.DataFrame:
    """channel_day as a GROUP BY over content_day, written out here rather than taken from the code."""
    item = ContentDay.__table__
    query = (
        select(
            item.c.channel_id,
            item.c.day,
            func.sum(item.c.views_gain).label("views_gain"),
            func.sum(item.c.interactions_gain).label("interactions_gain"),
        )
        .group_by(item.c.channel_id, item.c.day)
        .order_by(item.c.channel_id, item.c.day)
    )
    return pd.DataFrame([tuple(row) for row in connection.execute(query)], columns=_CHANNEL_COLUMNS)


_CHANNEL_COLUMNS = ["channel_id", "day", "views_gain", "interactions_gain"]


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


def test_a_first_import_of_items_with_one_snapshot_each_gives_the_rollup_of_a_rebuild(engine, monkeypatch):
    # Items first seen, one snapshot each (a page's history in one export): the rollup is read without
    # window functions; with unknown counts among them it must still equal the general recomputation.
    taken = []
    one_each = rollup._one_snapshot_each
    monkeypatch.setattr(
        rollup, "_one_snapshot_each", lambda *args: taken.append(one_each(*args)) or taken[-1]
    )
    items = [ContentRecord(f"p{i}", "video", published_at=START + timedelta(hours=i)) for i in range(9)]
    moment = START + timedelta(days=20)
    snapshots = [
        SnapshotRecord(
            f"p{i}",
            moment,
            "export",
            views=None if i == 3 else 100 * i,
            reactions=None if i % 3 == 0 else i,
            comments=None if i % 2 else 2 * i,
            shares=None if i < 4 else 1,
            watch_time_s=12.5 * i if i % 2 else None,
        )
        for i in range(9)
    ]
    with engine.begin() as connection:
        channel_id = save_channel(connection, ChannelRecord("1", "Page"))
        ids = save_contents(connection, channel_id, items).ids
        save_snapshots(connection, channel_id, ids, snapshots)
        first = _rollup_rows(connection)
        first_channel = _channel_rows(connection)
        rollup.rebuild(connection)
        pd.testing.assert_frame_equal(first, _rollup_rows(connection))
        pd.testing.assert_frame_equal(first_channel, _channel_rows(connection))
        assert taken == [True]
        # The next export of the same items: two snapshots each now, so the general recomputation.
        later = [
            replace(s, captured_at=moment + timedelta(days=1), views=(s.views or 0) + 5) for s in snapshots
        ]
        save_snapshots(connection, channel_id, ids, later)
        incremental = _rollup_rows(connection)
        rollup.rebuild(connection)
        pd.testing.assert_frame_equal(incremental, _rollup_rows(connection))
    assert taken == [True, False]
    unknown = [i == 3 for i in range(9)]  # p3: views, reactions, comments and shares all unknown
    assert list(first.views_gain.isna()) == unknown and list(first.interactions.isna()) == unknown


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


def test_channel_rollup_kept_by_late_snapshots_equals_a_rebuild_and_the_sums_of_the_items(engine):
    rng = random.Random(11)
    kinds = ("photo", "video")
    with engine.begin() as connection:
        channels = [save_channel(connection, ChannelRecord(str(n), f"Page {n}")) for n in (1, 2)]
        ids = {
            channel_id: save_contents(
                connection,
                channel_id,
                [
                    ContentRecord(
                        f"c{channel_id}p{i}", kinds[i % 2], published_at=START + timedelta(hours=9 * i)
                    )
                    for i in range(5)
                ],
            ).ids
            for channel_id in channels
        }
    batches = []
    for channel_id, items in ids.items():
        snapshots = []
        for external_id in items:
            views = 0
            # The first item of each page never has interaction counts, and alone has counts on day 16.
            silent = external_id.endswith("p0")
            for hours in sorted(rng.sample(range(1, 24 * 10), 12)) + ([24 * 15 + 3] if silent else []):
                views += rng.randint(0, 300)
                known = not silent and rng.random() > 0.2
                snapshots.append(
                    SnapshotRecord(
                        external_id,
                        START + timedelta(hours=hours),
                        "export",
                        views=views,
                        reactions=views // 10 if known else None,
                        comments=None,
                        shares=views // 50 if known else None,
                    )
                )
        rng.shuffle(snapshots)  # earlier days arrive after later ones
        batches += [(channel_id, snapshots[start : start + 5]) for start in range(0, len(snapshots), 5)]
    rng.shuffle(batches)  # the two pages' data interleaved
    for channel_id, snapshots in batches:
        with engine.begin() as connection:
            save_snapshots(connection, channel_id, ids[channel_id], snapshots)
            pd.testing.assert_frame_equal(_channel_rows(connection), _channel_sums_of_items(connection))
    with engine.begin() as connection:
        incremental = _channel_rows(connection)
        assert rollup.rebuild_channel_day(connection) == len(incremental)
        pd.testing.assert_frame_equal(incremental, _channel_rows(connection))
        rollup.rebuild(connection)
        pd.testing.assert_frame_equal(incremental, _channel_rows(connection))
        assert set(incremental.channel_id) == set(channels)
        # A day where no item had interaction counts sums to unknown, not to 0.
        day_16 = incremental[incremental.day == date(2024, 5, 16)]
        assert len(day_16) == 2 and day_16.interactions_gain.isna().all() and day_16.views_gain.notna().all()

        # The daily trend reads channel_day unless a kind filter needs the item rows: same figures.
        scope = metrics.Scope(date(2024, 4, 30), date(2024, 5, 20))
        by_channel = metrics.content_daily_gains(connection, scope).sort_values("day", ignore_index=True)
        by_item = metrics.content_daily_gains(connection, metrics.Scope(scope.start, scope.end, kinds=kinds))
        pd.testing.assert_frame_equal(by_channel, by_item.sort_values("day", ignore_index=True))
        one = metrics.Scope(scope.start, scope.end, channel_ids=(channels[1],))
        pd.testing.assert_frame_equal(
            metrics.content_daily_gains(connection, one).sort_values("day", ignore_index=True),
            metrics.content_daily_gains(
                connection, metrics.Scope(**{**one.__dict__, "kinds": kinds})
            ).sort_values("day", ignore_index=True),
        )
