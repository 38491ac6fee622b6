"""The fast SQLite write path of ``upsert`` stores exactly what SQLAlchemy's own insert stores, and
keeps its idempotence; rows it cannot take (a default to fill) go SQLAlchemy's way."""

from datetime import UTC, date, datetime, timedelta, timezone

from sqlalchemy import select

from models.db import make_engine, migrate
from models.tables import Channel, Content, ImportedFile, MetricSnapshot
from models.write import upsert

HANOI = timezone(timedelta(hours=7))


def _fresh(sqlite_url: str, name: str):
    engine = make_engine(sqlite_url.replace(".db", f"-{name}.db"))
    migrate(engine)
    return engine


def _content_rows() -> list[dict]:
    published = [
        datetime(2024, 5, 22, 20, 0, tzinfo=HANOI),
        datetime(2024, 5, 22, 13, 0, 0, 123456, tzinfo=UTC),
        None,
    ]
    return [
        {
            "channel_id": 1,
            "external_id": f"100064523817765_{number}",
            "kind": "livestream" if number == 0 else "photo",
            "title": 'Tháng vận động "BHXH toàn dân" 🎭' if number != 2 else None,
            "message": None,
            "permalink": f"https://www.facebook.com/p/{number}",
            "published_at": moment,
            "published_day": moment.astimezone(HANOI).date() if moment else None,
            "duration_s": 3600.5 if number == 0 else None,
            "labels": None,
            "live_status": None,
            "raw": {"Tiêu đề": "Bảo hiểm xã hội", "Lượt xem": "18.600"} if number != 1 else None,
        }
        for number, moment in enumerate(published)
    ]


def _snapshot_rows() -> list[dict]:
    captured = datetime(2024, 5, 31, 23, 59, 59, tzinfo=HANOI)
    return [
        {
            "content_id": content_id,
            "captured_at": captured,
            "captured_day": date(2024, 5, 31),
            "source": "export",
            "views": 18600 if content_id == 1 else None,
            "reach": 9000,
            "reactions": 1500,
            "comments": 300,
            "shares": 150,
            "clicks": 0,
            "watch_time_s": 123456.5,
            "avg_watch_s": None,
            "live_viewers": None,
        }
        for content_id in (1, 2, 3)
    ]


def _stored(engine, table: str) -> list[tuple]:
    with engine.connect() as connection:
        return connection.exec_driver_sql(f"SELECT * FROM {table} ORDER BY id").all()


def test_the_fast_sqlite_path_stores_the_same_text_as_sqlalchemys_insert(sqlite_url):
    ours, theirs = _fresh(sqlite_url, "ours"), _fresh(sqlite_url, "theirs")
    channel = {"platform": "facebook", "external_id": "100064523817765", "name": "BHXH Lào Cai"}
    with ours.begin() as connection:
        upsert(connection, Channel, [channel], conflict=("platform", "external_id"))
        assert upsert(connection, Content, _content_rows(), conflict=("channel_id", "external_id")) == 3
        written = upsert(
            connection, MetricSnapshot, _snapshot_rows(), conflict=("content_id", "captured_at", "source")
        )
        assert written == 3
    with theirs.begin() as connection:
        connection.execute(Channel.__table__.insert(), [channel])
        connection.execute(Content.__table__.insert(), _content_rows())
        connection.execute(MetricSnapshot.__table__.insert(), _snapshot_rows())
    for table in ("channel", "content", "metric_snapshot"):
        assert _stored(ours, table) == _stored(theirs, table)
    with ours.connect() as connection:  # and it reads back as the aware UTC moment it was given
        first = connection.execute(select(Content.published_at).where(Content.id == 1)).scalar_one()
    assert first == datetime(2024, 5, 22, 13, 0, tzinfo=UTC)
    ours.dispose()
    theirs.dispose()


def test_writing_the_same_rows_again_adds_nothing_and_updates_what_changed(sqlite_url):
    engine = _fresh(sqlite_url, "again")
    with engine.begin() as connection:
        upsert(
            connection,
            Channel,
            [{"external_id": "1", "name": "BHXH", "platform": "facebook"}],
            ("platform", "external_id"),
        )
        upsert(connection, Content, _content_rows(), conflict=("channel_id", "external_id"))
        upsert(connection, MetricSnapshot, _snapshot_rows(), conflict=("content_id", "captured_at", "source"))
        assert (
            upsert(connection, MetricSnapshot, _snapshot_rows(), ("content_id", "captured_at", "source")) == 0
        )
        renamed = [{**row, "title": "Livestream 22/5"} for row in _content_rows()]
        assert upsert(connection, Content, renamed, ("channel_id", "external_id"), update=["title"]) == 3
        titles = connection.execute(select(Content.title)).scalars().all()
    assert titles == ["Livestream 22/5"] * 3
    engine.dispose()


def test_rows_that_leave_a_default_to_fill_are_written_by_sqlalchemy(sqlite_url):
    engine = _fresh(sqlite_url, "default")
    row = {
        "sha256": "ab" * 32,
        "original_name": "posts.csv",
        "kind": "posts",
        "imported_at": datetime.now(UTC),
    }
    with engine.begin() as connection:
        assert upsert(connection, ImportedFile, [row], conflict=("sha256",)) == 1
        assert upsert(connection, ImportedFile, [row], conflict=("sha256",)) == 0
        assert connection.execute(select(ImportedFile.rows)).scalar_one() == 0  # the column's default
    engine.dispose()
