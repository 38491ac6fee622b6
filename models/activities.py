"""The office's communication beyond the fanpage: activities, their kinds, how they are written and read.

An activity (an art performance, a booth, a conference, banners, a radio piece, Zalo messages…)
has a name, a kind, local days, a unit ("" for province-wide), a venue or channel, its attendance
(people reached offline, None when unknown) and its on-the-spot results per enrolment category.

Two rules of arithmetic hold everywhere: attendance is never added to online views or reach (they
are different things), and on-the-spot results are a part of the enrolment results of those days,
never extra to them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol

import pandas as pd
from sqlalchemy import ColumnElement, Connection, and_, case, delete, func, insert, or_, select, update

from models.tables import ENROLMENT_CATEGORIES, Activity, ActivityResult, Campaign
from models.write import check_lengths, now_utc

# Kinds where people are met in person: their attendance is face-to-face attendance (người tham dự
# trực tiếp). The other kinds (banners, press and radio, messages, other) reach people at a distance
# and their figures are estimates: counted apart, never added to face-to-face attendance.
FACE_TO_FACE_KINDS = ("art_performance", "booth", "conference", "small_group", "launch")

# Each kind's name in Vietnamese and English: the first two are how we show it, all of them are
# accepted in a sheet's kind column (compared without case or accents).
KIND_NAMES: dict[str, tuple[str, ...]] = {
    "art_performance": ("Biểu diễn văn nghệ", "Art performance", "Văn nghệ", "Performance"),
    "booth": (
        "Gian hàng tư vấn",
        "Booth or consultation point",
        "Gian hàng",
        "Điểm tư vấn",
        "Booth",
        "Consultation point",
    ),
    "conference": (
        "Hội nghị, đối thoại",
        "Conference or dialogue",
        "Hội nghị",
        "Đối thoại",
        "Tọa đàm",
        "Conference",
        "Dialogue",
    ),
    "small_group": ("Tuyên truyền nhóm nhỏ", "Small-group session", "Nhóm nhỏ", "Small group"),
    "visual": (
        "Trực quan (pano, băng rôn)",
        "Visual (pano, banners)",
        "Trực quan",
        "Pano",
        "Băng rôn",
        "Visual",
        "Banners",
    ),
    "press": (
        "Báo, đài",
        "Press, radio, TV",
        "Báo",
        "Đài",
        "Báo chí",
        "Phát thanh",
        "Truyền hình",
        "Press",
        "Radio",
        "TV",
    ),
    "messaging": ("Zalo, tin nhắn", "Zalo or messaging", "Zalo", "Tin nhắn", "Messaging"),
    "launch": ("Lễ phát động", "Launch ceremony", "Phát động", "Lễ ra quân", "Launch"),
    "other": ("Khác", "Other"),
}
# Words that name a kind inside a longer description ("Tuyên truyền nhóm nhỏ tại thôn Nậm Cang"),
# tried in this order: a launch with an art programme is a launch.
KIND_KEYWORDS: tuple[tuple[str, str], ...] = (
    ("launch", "phát động"),
    ("launch", "ra quân"),
    ("launch", "launch"),
    ("art_performance", "văn nghệ"),
    ("art_performance", "tiểu phẩm"),
    ("art_performance", "performance"),
    ("booth", "gian hàng"),
    ("booth", "tư vấn"),
    ("booth", "booth"),
    ("conference", "hội nghị"),
    ("conference", "đối thoại"),
    ("conference", "tọa đàm"),
    ("conference", "conference"),
    ("conference", "dialogue"),
    ("small_group", "nhóm nhỏ"),
    ("small_group", "small group"),
    ("press", "phát thanh"),
    ("press", "truyền hình"),
    ("press", "báo chí"),
    ("press", "radio"),
    ("press", "newspaper"),
    ("messaging", "zalo"),
    ("messaging", "tin nhắn"),
    ("messaging", "messaging"),
    ("visual", "pano"),
    ("visual", "băng rôn"),
    ("visual", "banner"),
    ("visual", "poster"),
)


def kind_name(kind: str, lang: str) -> str:
    """How a kind is shown: its Vietnamese or English name (an unknown code as it is)."""
    names = KIND_NAMES.get(kind)
    if names is None:
        return kind
    return names[1] if lang == "en" else names[0]


@dataclass(frozen=True)
class ActivityRecord:
    """One activity as a sheet, the CLI or the dashboard gives it (``campaign`` by name)."""

    name: str
    kind: str
    start_day: date
    end_day: date
    unit: str = ""
    venue: str | None = None
    attendance: int | None = None
    results: dict[str, int] = field(default_factory=dict)
    campaign: str | None = None
    note: str | None = None

    @property
    def key(self) -> tuple[str, date, str]:
        """The natural key: name, first day and unit."""
        return (self.name, self.start_day, self.unit)


@dataclass
class ActivitiesSaved:
    """What saving activities did: their ids by natural key, and how many were new or changed."""

    ids: dict[tuple[str, date, str], int]
    new: int
    updated: int
    unchanged: int


class Period(Protocol):
    """What the activity queries need of a ``models.metrics.Scope``."""

    start: date
    end: date
    campaign_id: int | None


def clean_name(text: str) -> str:
    """A name or unit as stored: inner runs of spaces made one, ends stripped."""
    return " ".join(text.split())


def _campaign_key(name: str) -> str:
    return clean_name(name).casefold()


def campaign_ids(connection: Connection, names: Iterable[str | None]) -> dict[str, int | None]:
    """Campaign name (as written, case and spacing ignored) → its id, None for names not found."""
    wanted = {name for name in names if name}
    if not wanted:
        return {}
    known = {_campaign_key(name): cid for cid, name in connection.execute(select(Campaign.id, Campaign.name))}
    return {name: known.get(_campaign_key(name)) for name in wanted}


def _values(record: ActivityRecord, campaign_id: int | None) -> dict[str, Any]:
    return {
        "name": record.name,
        "kind": record.kind,
        "start_day": record.start_day,
        "end_day": record.end_day,
        "unit": record.unit,
        "venue": record.venue,
        "attendance": record.attendance,
        "campaign_id": campaign_id,
        "note": record.note,
    }


_COMPARED = ("kind", "end_day", "venue", "attendance", "campaign_id", "note")


def save_activities(
    connection: Connection, records: Sequence[ActivityRecord], source: str, user: str
) -> ActivitiesSaved:
    """Create activities, or update the one with the same name, first day and unit (a corrected
    sheet changes its activities instead of adding them again). Campaign names must exist."""
    latest = {record.key: record for record in records}
    saved = ActivitiesSaved(ids={}, new=0, updated=0, unchanged=0)
    if not latest:
        return saved
    campaigns = campaign_ids(connection, (record.campaign for record in latest.values()))
    days = [key[1] for key in latest]
    columns = [Activity.__table__.c[name] for name in _COMPARED]
    existing = {
        (row.name, row.start_day, row.unit): row
        for row in connection.execute(
            select(Activity.id, Activity.name, Activity.start_day, Activity.unit, *columns).where(
                Activity.start_day.between(min(days), max(days))
            )
        )
    }
    results = _results_of(connection, [row.id for row in existing.values()])
    now = now_utc()
    check_lengths(Activity, (_values(record, None) for record in latest.values()))
    for key, record in latest.items():
        values = _values(record, campaigns.get(record.campaign) if record.campaign else None)
        if record.campaign and values["campaign_id"] is None:
            raise ValueError(f"Campaign {record.campaign!r} does not exist")
        row = existing.get(key)
        if row is None:
            inserted = connection.execute(
                insert(Activity).values(
                    **values, source=source, created_by=user, created_at=now, updated_at=now
                )
            )
            activity_id = inserted.inserted_primary_key[0]
            _write_results(connection, activity_id, record.results)
            saved.new += 1
        else:
            activity_id = row.id
            same = all(getattr(row, name) == values[name] for name in _COMPARED)
            if same and results.get(activity_id, {}) == record.results:
                saved.unchanged += 1
            else:
                connection.execute(
                    update(Activity).where(Activity.id == activity_id).values(**values, updated_at=now)
                )
                _write_results(connection, activity_id, record.results, replace=True)
                saved.updated += 1
        saved.ids[key] = activity_id
    return saved


def activity_with_key(connection: Connection, key: tuple[str, date, str]) -> int | None:
    """The id of the activity with this natural key (name, first day, unit), if there is one."""
    name, start_day, unit = key
    query = select(Activity.id).where(
        Activity.name == name, Activity.start_day == start_day, Activity.unit == unit
    )
    return connection.execute(query).scalar()


def activity_key(connection: Connection, activity_id: int) -> tuple[str, date, str] | None:
    """The natural key (name, first day, unit) of one activity; None when it is gone."""
    query = select(Activity.name, Activity.start_day, Activity.unit).where(Activity.id == activity_id)
    row = connection.execute(query).first()
    return None if row is None else tuple(row)


def update_activity(connection: Connection, activity_id: int, record: ActivityRecord) -> None:
    """Change every field of one activity (its name, days and unit too) and its on-the-spot results."""
    campaign_id = None
    if record.campaign:
        campaign_id = campaign_ids(connection, [record.campaign])[record.campaign]
        if campaign_id is None:
            raise ValueError(f"Campaign {record.campaign!r} does not exist")
    connection.execute(
        update(Activity)
        .where(Activity.id == activity_id)
        .values(**_values(record, campaign_id), updated_at=now_utc())
    )
    _write_results(connection, activity_id, record.results, replace=True)


def delete_activities(connection: Connection, activity_ids: Sequence[int]) -> int:
    """Delete activities and their on-the-spot results; how many there were."""
    ids = list(activity_ids)
    connection.execute(delete(ActivityResult).where(ActivityResult.activity_id.in_(ids)))
    return connection.execute(delete(Activity).where(Activity.id.in_(ids))).rowcount


def _write_results(
    connection: Connection, activity_id: int, results: dict[str, int], replace: bool = False
) -> None:
    if replace:
        connection.execute(delete(ActivityResult).where(ActivityResult.activity_id == activity_id))
    if results:
        connection.execute(
            insert(ActivityResult),
            [{"activity_id": activity_id, "category": c, "count": n} for c, n in results.items()],
        )


def _results_of(connection: Connection, activity_ids: list[int]) -> dict[int, dict[str, int]]:
    found: dict[int, dict[str, int]] = {}
    if activity_ids:
        query = select(ActivityResult.activity_id, ActivityResult.category, ActivityResult.count).where(
            ActivityResult.activity_id.in_(activity_ids)
        )
        for activity_id, category, count in connection.execute(query):
            found.setdefault(activity_id, {})[category] = count
    return found


# --- reading -------------------------------------------------------------------------------------


def in_period(period: Period) -> ColumnElement:
    """Activities of a period: those running on any of its days; for a campaign, those explicitly
    given to it and those starting inside its window (as content published in it belongs to it)."""
    if period.campaign_id is None:
        return and_(Activity.start_day <= period.end, Activity.end_day >= period.start)
    start, end = (
        select(column).where(Campaign.id == period.campaign_id).scalar_subquery()
        for column in (Campaign.start_date, Campaign.end_date)
    )
    return or_(Activity.campaign_id == period.campaign_id, Activity.start_day.between(start, end))


def is_face_to_face(kind: str) -> bool:
    """Whether an activity of this kind meets people in person (``FACE_TO_FACE_KINDS``)."""
    return kind in FACE_TO_FACE_KINDS


def with_reached(frame: pd.DataFrame) -> pd.DataFrame:
    """``activities`` with each activity's figure in its own column: ``attendance`` (face to face)
    or ``reached`` (messages, press, radio, banners: estimated), never both, never added."""
    frame = frame.copy()
    in_person = frame.kind.map(is_face_to_face).astype(bool) if not frame.empty else pd.Series(dtype=bool)
    frame["reached"] = frame.attendance.where(~in_person)
    frame["attendance"] = frame.attendance.where(in_person)
    return frame


def activity_totals(connection: Connection, period: Period) -> dict[str, int | None]:
    """How many activities a period holds, their face-to-face attendance (``attendance``), the people
    reached at a distance by messages, press, radio and banners (``reached``, estimated; never added
    to attendance), each None when none is known, and their on-the-spot results (which are already
    inside the period's enrolment results)."""
    condition = in_period(period)
    in_person = Activity.kind.in_(FACE_TO_FACE_KINDS)
    count, attendance, reached = connection.execute(
        select(
            func.count(Activity.id),
            func.sum(case((in_person, Activity.attendance))),
            func.sum(case((~in_person, Activity.attendance))),
        ).where(condition)
    ).one()
    on_spot = connection.execute(
        select(func.coalesce(func.sum(ActivityResult.count), 0)).where(
            ActivityResult.activity_id.in_(select(Activity.id).where(condition))
        )
    ).scalar_one()
    return {
        "activities": int(count),
        "attendance": int(attendance) if attendance is not None else None,
        "reached": int(reached) if reached is not None else None,
        "on_spot": int(on_spot),
    }


ACTIVITY_COLUMNS = (
    "activity_id",
    "name",
    "kind",
    "start_day",
    "end_day",
    "unit",
    "venue",
    "attendance",
    "campaign",
    "note",
    "source",
    "created_by",
    "on_spot",
)


def activities(
    connection: Connection,
    period: Period,
    units: tuple[str, ...] = (),
    offset: int = 0,
    limit: int | None = None,
) -> pd.DataFrame:
    """The activities of a period, earliest first: one row each with its campaign's name, the total
    of its on-the-spot results (``on_spot``) and one ``on_spot_<category>`` column per category.

    With ``units``, only those units' activities and the province-wide ones (unit ""); with
    ``limit``, that many from ``offset`` on (a page of the list)."""
    condition = _activities_condition(period, units)
    query = (
        select(
            Activity.id.label("activity_id"),
            Activity.name,
            Activity.kind,
            Activity.start_day,
            Activity.end_day,
            Activity.unit,
            Activity.venue,
            Activity.attendance,
            Campaign.name.label("campaign"),
            Activity.note,
            Activity.source,
            Activity.created_by,
        )
        .outerjoin(Campaign, Campaign.id == Activity.campaign_id)
        .where(condition)
        .order_by(Activity.start_day, Activity.name, Activity.unit)
        .offset(offset)
        .limit(limit)
    )
    result = connection.execute(query)
    frame = pd.DataFrame([tuple(row) for row in result], columns=list(result.keys()))
    listed = select(Activity.id).where(condition)
    if limit is not None:
        listed = select(query.subquery().c.activity_id)
    results = connection.execute(
        select(ActivityResult.activity_id, ActivityResult.category, ActivityResult.count).where(
            ActivityResult.activity_id.in_(listed)
        )
    ).all()
    categories = sorted({category for _, category, _ in results}, key=category_order)
    by_activity: dict[int, dict[str, int]] = {}
    for activity_id, category, count in results:
        by_activity.setdefault(activity_id, {})[category] = count
    ids = list(frame["activity_id"]) if len(frame) else []
    frame["on_spot"] = pd.Series([sum(by_activity.get(i, {}).values()) for i in ids], dtype="int64")
    for category in categories:
        frame[f"on_spot_{category}"] = pd.Series(
            [by_activity.get(i, {}).get(category) for i in ids], dtype="Int64"
        )
    frame["attendance"] = frame["attendance"].astype("Int64")
    for column in ("venue", "campaign", "note"):
        frame[column] = frame[column].astype(object).where(frame[column].notna(), None)
    return frame


def activity_count(connection: Connection, period: Period, units: tuple[str, ...] = ()) -> int:
    """How many activities :func:`activities` lists for the same period and units."""
    condition = _activities_condition(period, units)
    return connection.execute(select(func.count()).select_from(Activity).where(condition)).scalar_one()


def _activities_condition(period: Period, units: tuple[str, ...]) -> ColumnElement[bool]:
    condition = in_period(period)
    if units:
        condition = and_(condition, Activity.unit.in_([*units, ""]))
    return condition


def category_order(category: str) -> tuple[int, str]:
    """The office's categories in their usual order, others after them by name."""
    if category in ENROLMENT_CATEGORIES:
        return ENROLMENT_CATEGORIES.index(category), category
    return len(ENROLMENT_CATEGORIES), category


def activity_units(connection: Connection) -> list[str]:
    """The units activities were held in (province-wide ones left out)."""
    query = select(Activity.unit).distinct().where(Activity.unit != "").order_by(Activity.unit)
    return list(connection.execute(query).scalars())
