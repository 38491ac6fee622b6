"""Deterministic benchmark workloads: one provincial fanpage for a year, or 10 or 100 of them.

*province* = 1 page through 2024: ~1,500 items (posts of every kind, two livestreams a month),
snapshots on the collector's tapering schedule (every 15 min for 2 h, hourly to 48 h, daily to
30 days), live-viewer snapshots every minute while a broadcast is on air, daily page metrics, and
enrolment for 9 units × 4 categories × 365 days; *x10* and *x100* are 10 and 100 such pages, each
page's province with its own units. Channels and content go through ``models.store``; the bulk
rows (snapshots, page metrics, enrolment) are written with ``COPY`` on PostgreSQL and
``executemany`` on SQLite, then the daily rollup is rebuilt with ``models.rollup.rebuild``.
Retention thinning would remove nothing here: after 72 h the schedule is already one snapshot a day.

    python bench/generate.py --workload province|x10|x100 --db URL
"""

import argparse
import math
import random
import sys
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import Connection, Engine, func, select

from collector.plumbing.collecting import capture_interval
from models import rollup
from models.db import make_engine, migrate
from models.errors import UserError
from models.store import (
    COUNT_FIELDS,
    CampaignRecord,
    ChannelRecord,
    ContentRecord,
    row_counts,
    save_campaign,
    save_channel,
    save_contents,
)
from models.tables import (
    DEFAULT_TIMEZONE,
    ENROLMENT_CATEGORIES,
    Content,
    ContentDay,
    EnrolmentResult,
    MetricSnapshot,
    PageMetric,
)

WORKLOADS = {"province": 1, "x10": 10, "x100": 100}
FIRST_DAY = date(2024, 1, 1)
DAYS = 366  # 2024 is a leap year: 1 January to 31 December
END = datetime(2024, 12, 31, 17, 0, tzinfo=UTC)  # midnight local after the last day
# Vietnam has kept UTC+7 without daylight saving since 1975: one offset serves the whole year.
OFFSET = ZoneInfo(DEFAULT_TIMEZONE).utcoffset(datetime(2024, 6, 1))
UNITS_PER_PROVINCE = 9
MONTH = (date(2024, 5, 1), date(2024, 5, 31))  # the one-month window the benchmarks query


def _collector_schedule() -> tuple[int, ...]:
    """Minutes after publishing at which the collector takes snapshots (its own tapering schedule:
    every 15 minutes for two hours, hourly to 48 hours, daily to 30 days)."""
    minutes, age = [], timedelta(minutes=15)
    while True:
        minutes.append(int(age.total_seconds() // 60))
        step = capture_interval(age)
        if step is None:
            return tuple(minutes)
        age += step


SCHEDULE_MINUTES = _collector_schedule()
KIND_WEIGHTS = {"photo": 40, "link": 15, "video": 20, "reel": 20, "post": 5}
FINAL_VIEWS = {
    "post": (800, 3000),
    "photo": (2500, 9000),
    "link": (1500, 5000),
    "video": (4000, 12000),
    "reel": (6000, 20000),
    "livestream": (3000, 19000),
}
CAMPAIGNS = (
    CampaignRecord("Tết an sinh 2024", date(2024, 1, 15), date(2024, 2, 15)),
    CampaignRecord(
        "Tháng vận động BHXH toàn dân 2024",
        *MONTH,
        targets={"voluntary_si": 20000, "health_insurance": 150000},
    ),
    CampaignRecord("7 ngày cao điểm 2024", date(2024, 5, 13), date(2024, 5, 19)),
    CampaignRecord("Tuần lễ vàng 2024", date(2024, 5, 25), date(2024, 5, 31)),
    CampaignRecord("BHYT học sinh, sinh viên 2024", date(2024, 8, 15), date(2024, 9, 30)),
)
SNAPSHOT_COLUMNS = ("content_id", "captured_at", "captured_day", "source", *COUNT_FIELDS)


def _growth(hours: float) -> float:
    """Share of an item's final count reached ``hours`` after publishing."""
    return 1 - math.exp(-hours / 20)


def _local_day(moment: datetime) -> date:
    return (moment + OFFSET).date()


def page_contents(page: int, rng: random.Random) -> list[ContentRecord]:
    """A year of one page's items: 3–5 a day, and livestreams on the 10th and 22nd of each month."""
    records = []
    for offset in range(DAYS):
        day = FIRST_DAY + timedelta(days=offset)
        slots = rng.choice((3, 4, 4, 5))
        if day.day in (10, 22):
            slots -= 1
            start = datetime.combine(day, datetime.min.time()) + timedelta(hours=20) - OFFSET
            records.append(
                ContentRecord(
                    f"p{page:03d}_live_{day:%Y%m%d}",
                    "livestream",
                    title=f"Livestream giải đáp chính sách BHXH, BHYT {day:%d/%m}",
                    published_at=start.replace(tzinfo=UTC),
                    duration_s=float(rng.randint(45, 90) * 60),
                    live_status="VOD",
                )
            )
        for slot in range(slots):
            kind = rng.choices(list(KIND_WEIGHTS), weights=list(KIND_WEIGHTS.values()))[0]
            local = datetime.combine(day, datetime.min.time()) + timedelta(
                hours=7 + 3 * slot, minutes=rng.choice((0, 15, 30, 45))
            )
            records.append(
                ContentRecord(
                    f"p{page:03d}_{day:%Y%m%d}_{slot}",
                    kind,
                    title=f"Tin BHXH số {offset * 10 + slot} ({kind})",
                    published_at=(local - OFFSET).replace(tzinfo=UTC),
                    duration_s=float(rng.randint(20, 400)) if kind in ("video", "reel") else None,
                )
            )
    return records


def _counts(final: float, share: float, shape: tuple[float, float], video: bool) -> tuple:
    views = round(final * share)
    interactions = views * shape[1]
    return (
        views,
        round(views * shape[0]),
        round(interactions * 0.76),
        round(interactions * 0.15),
        round(interactions * 0.09),
        round(views * 0.015),
        round(views * 14.0, 1) if video else None,
        14.0 if video else None,
    )


def page_snapshots(items: list[ContentRecord], ids: dict[str, int], rng: random.Random) -> Iterator[tuple]:
    """Snapshot rows (in ``SNAPSHOT_COLUMNS`` order) for one page's items."""
    for item in items:
        content_id = ids[item.external_id]
        final = rng.uniform(*FINAL_VIEWS[item.kind])
        shape = (rng.uniform(0.52, 0.7), rng.uniform(0.018, 0.04))
        video = item.kind in ("video", "reel", "livestream")
        start = item.published_at
        base = 0.0
        if item.kind == "livestream":
            minutes = int(item.duration_s // 60)
            peak, top = rng.uniform(0.3, 0.7) * minutes, rng.randint(150, 1500)
            for minute in range(minutes + 1):
                captured = start + timedelta(minutes=minute)
                viewers = max(5, round(top * math.exp(-(((minute - peak) / (minutes / 3)) ** 2))))
                counts = _counts(final, 0.35 * minute / minutes, shape, video)
                yield (content_id, captured, _local_day(captured), "graph_api", *counts, viewers)
            start += timedelta(minutes=minutes)
            base = 0.35
        for minute in SCHEDULE_MINUTES:
            captured = start + timedelta(minutes=minute)
            if captured > END:
                break
            share = base + (1 - base) * _growth(minute / 60)
            counts = _counts(final, share, shape, video)
            yield (content_id, captured, _local_day(captured), "graph_api", *counts, None)


def page_metric_rows(channel_id: int, rng: random.Random) -> list[tuple]:
    """Daily page views, viewers, engagements and follows (channel_id, day, metric, value, source)."""
    rows = []
    size = rng.uniform(0.5, 2.0)
    follows = round(20000 * size)
    for offset in range(DAYS):
        day = FIRST_DAY + timedelta(days=offset)
        views = round(rng.uniform(9000, 13000) * size * (1.3 if day.month == 5 else 1.0))
        follows += rng.randint(-5, 40)
        for metric, value in (
            ("views", views),
            ("viewers", round(views * rng.uniform(0.45, 0.55))),
            ("engagements", round(views * rng.uniform(0.028, 0.04))),
            ("follows", follows),
        ):
            rows.append((channel_id, day, metric, value, "graph_api"))
    return rows


def enrolment_rows(page: int, rng: random.Random) -> list[tuple]:
    """The province's enrolment results (day, unit, category, count): its own 9 units."""
    base = {"voluntary_si": 9, "health_insurance": 62, "vssid_install": 24, "non_cash": 4}
    units = [f"Tỉnh {page + 1:03d} · Huyện {number + 1}" for number in range(UNITS_PER_PROVINCE)]
    rows = []
    for offset in range(DAYS):
        day = FIRST_DAY + timedelta(days=offset)
        lift = 1.5 if day.month == 5 else 1.0
        for unit in units:
            for category in ENROLMENT_CATEGORIES:
                count = round(base[category] / UNITS_PER_PROVINCE * lift * rng.uniform(0.3, 1.7))
                rows.append((day, unit, category, count))
    return rows


def bulk_insert(connection: Connection, table, columns: tuple[str, ...], rows: list[tuple]) -> int:
    """Append rows fast: ``COPY`` on PostgreSQL, ``executemany`` on SQLite (no conflict handling)."""
    if not rows:
        return 0
    if connection.dialect.name == "postgresql":
        cursor = connection.connection.driver_connection.cursor()
        with cursor.copy(f"COPY {table.name} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
    else:
        connection.execute(table.insert(), [dict(zip(columns, row, strict=True)) for row in rows])
    return len(rows)


def generate_page(connection: Connection, page: int) -> int:
    """Write one page's year (channel, content, snapshots, page metrics, its province's enrolment)."""
    rng = random.Random(20240522 + page)
    channel_id = save_channel(
        connection,
        ChannelRecord(f"bench{page:03d}", f"Bảo hiểm xã hội tỉnh số {page + 1}", followers=20000 + page),
    )
    items = page_contents(page, rng)
    ids = save_contents(connection, channel_id, items).ids
    snapshots = bulk_insert(
        connection, MetricSnapshot.__table__, SNAPSHOT_COLUMNS, list(page_snapshots(items, ids, rng))
    )
    bulk_insert(
        connection,
        PageMetric.__table__,
        ("channel_id", "day", "metric", "value", "source"),
        page_metric_rows(channel_id, rng),
    )
    bulk_insert(
        connection,
        EnrolmentResult.__table__,
        ("day", "unit", "category", "count"),
        enrolment_rows(page, rng),
    )
    return snapshots


def generate(engine: Engine, workload: str, echo=print) -> dict[str, int]:
    """Write a workload into an empty, migrated database; returns the row count of each table."""
    pages = WORKLOADS[workload]
    with engine.connect() as connection:
        if connection.execute(select(func.count()).select_from(Content)).scalar_one():
            raise UserError("This database already holds content; generate a workload into a new one.")
    with engine.begin() as connection:
        for campaign in CAMPAIGNS:
            save_campaign(connection, campaign)
    for page in range(pages):
        with engine.begin() as connection:
            generate_page(connection, page)
        if pages > 1 and (page + 1) % 10 == 0:
            echo(f"  {page + 1}/{pages} pages written")
    with engine.begin() as connection:
        rollup.rebuild(connection)
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.exec_driver_sql("VACUUM ANALYZE")
    else:
        with engine.begin() as connection:
            connection.exec_driver_sql("ANALYZE")
    with engine.connect() as connection:
        counts = row_counts(connection)
        counts["content_day"] = connection.execute(select(func.count()).select_from(ContentDay)).scalar_one()
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workload", choices=list(WORKLOADS), default="province")
    parser.add_argument("--db", required=True, help="database URL (a new, empty database)")
    args = parser.parse_args()
    engine = make_engine(args.db)
    migrate(engine)
    started = time.perf_counter()
    try:
        counts = generate(engine, args.workload)
    except UserError as error:
        sys.exit(str(error))
    elapsed = time.perf_counter() - started
    width = max(map(len, counts))
    print(f"Workload {args.workload} written in {elapsed:.1f} s")
    for table, count in counts.items():
        print(f"  {table:<{width}}  {count:>12,}")


if __name__ == "__main__":
    main()
