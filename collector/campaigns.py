"""Campaigns and activities by hand: add a campaign, list them, assign content items to one or take
them out; add, list and remove the office's communication activities."""

from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from datetime import date

import pandas as pd
from sqlalchemy import Engine, case, func, select

from collector.messages import say
from collector.plumbing.reading import CellError
from collector.sheets.activities import kind_code
from collector.sheets.enrolment import parse_targets
from models.activities import (
    KIND_NAMES,
    ActivityRecord,
    Period,
    activities,
    campaign_ids,
    clean_name,
    delete_activities,
    save_activities,
)
from models.auth import record_audit
from models.errors import UserError
from models.i18n import fmt_date
from models.store import CampaignRecord, save_campaign, save_campaign_assignments
from models.tables import Activity, Campaign, CampaignContent, Content


@dataclass(frozen=True)
class CampaignSummary:
    """A campaign as listed: its window, targets and how many items were assigned or taken out."""

    name: str
    start_date: date
    end_date: date
    targets: dict[str, int] | None
    assigned: int
    unassigned: int


def targets_from_options(values: Sequence[str], lang: str) -> dict[str, int] | None:
    """``--target category=N`` options as a targets dict (category names such as ``BHYT`` work too)."""
    targets: dict[str, int] = {}
    for value in values:
        try:
            targets.update(parse_targets(value) or {})
        except CellError as error:
            raise UserError(say("target_invalid", lang, value=value)) from error
    return targets or None


def add_campaign(engine: Engine, record: CampaignRecord, lang: str) -> int:
    """Create or update a campaign by name; returns its id."""
    if record.end_date < record.start_date:
        detail = say(
            "campaign_dates", lang, start=record.start_date.isoformat(), end=record.end_date.isoformat()
        )
        raise UserError(f"{record.name}: {detail}")
    with engine.begin() as connection:
        return save_campaign(connection, record)


def list_campaigns(engine: Engine) -> list[CampaignSummary]:
    """Every campaign, earliest first, with its explicit assignments counted."""
    decisions = (
        select(
            CampaignContent.campaign_id,
            func.sum(case((CampaignContent.assigned, 1), else_=0)).label("assigned"),
            func.count().label("decided"),
        )
        .group_by(CampaignContent.campaign_id)
        .subquery()
    )
    query = (
        select(Campaign, decisions.c.assigned, decisions.c.decided)
        .outerjoin(decisions, decisions.c.campaign_id == Campaign.id)
        .order_by(Campaign.start_date, Campaign.name)
    )
    with engine.connect() as connection:
        rows = connection.execute(query).all()
    return [
        CampaignSummary(
            name=row.name,
            start_date=row.start_date,
            end_date=row.end_date,
            targets=row.targets,
            assigned=int(row.assigned or 0),
            unassigned=int((row.decided or 0) - (row.assigned or 0)),
        )
        for row in rows
    ]


def assign_contents(engine: Engine, name: str, content_ids: Sequence[str], assigned: bool, lang: str) -> int:
    """Assign items (by their Meta ID, or the part after ``PAGE_``) to campaign ``name``, or take them out."""
    with engine.begin() as connection:
        campaign_id = connection.execute(select(Campaign.id).where(Campaign.name == name)).scalar()
        if campaign_id is None:
            raise UserError(say("campaign_unknown", lang, name=name))
        ids = []
        missing = []
        for external_id in dict.fromkeys(content_ids):
            found = connection.execute(
                select(Content.id).where(
                    (Content.external_id == external_id)
                    | Content.external_id.endswith(f"_{external_id}", autoescape=True)
                )
            ).all()
            if len(found) > 1:
                raise UserError(say("content_ambiguous", lang, content_id=external_id))
            if found:
                ids.append(found[0][0])
            else:
                missing.append(external_id)
        if missing:
            raise UserError(say("content_unknown", lang, ids=", ".join(missing)))
        save_campaign_assignments(connection, campaign_id, ids, assigned)
    return len(ids)


def kind_from_option(text: str, lang: str) -> str:
    """``--kind``: a kind's code (``booth``) or any of its names (``Gian hàng tư vấn``)."""
    kind = text.strip() if text.strip() in KIND_NAMES else kind_code(text)
    if kind is None:
        kinds = ", ".join(KIND_NAMES)
        raise UserError(say("activity_kind_option", lang, value=text, kinds=kinds))
    return kind


def results_from_options(values: Sequence[str], lang: str) -> dict[str, int]:
    """``--result category=N`` options (``BHYT=12`` works too) as on-the-spot results."""
    return targets_from_options(values, lang) or {}


def add_activity(engine: Engine, record: ActivityRecord, user: str, lang: str) -> bool:
    """Create an activity, or update the one with the same name, first day and unit; True if new."""
    record = _checked(record, lang)
    with engine.begin() as connection:
        if record.campaign and campaign_ids(connection, [record.campaign])[record.campaign] is None:
            raise UserError(say("activity_campaign_option", lang, name=record.campaign))
        saved = save_activities(connection, [record], "cli", user)
        action = "activity_create" if saved.new else "activity_edit"
        record_audit(connection, user, action, record.name, _audit(record))
    return bool(saved.new)


def _checked(record: ActivityRecord, lang: str) -> ActivityRecord:
    name, unit = clean_name(record.name), clean_name(record.unit)
    if not name:
        raise UserError(say("activity_name_missing", lang))
    if record.end_day < record.start_day:
        start, end = record.start_day.isoformat(), record.end_day.isoformat()
        raise UserError(say("activity_dates", lang, name=name, start=start, end=end))
    counts = [record.attendance, *record.results.values()]
    if any(count is not None and count < 0 for count in counts):
        bad = next(count for count in counts if count is not None and count < 0)
        raise UserError(say("activity_count_invalid", lang, value=bad))
    return replace(record, name=name, unit=unit)


def _audit(record: ActivityRecord) -> dict:
    detail = asdict(record)
    detail["start_day"], detail["end_day"] = record.start_day.isoformat(), record.end_day.isoformat()
    return detail


def list_activities(engine: Engine, period: Period) -> pd.DataFrame:
    """The activities of a period (or a campaign), as ``models.activities.activities`` gives them."""
    with engine.connect() as connection:
        return activities(connection, period)


def remove_activity(engine: Engine, name: str, start: date, unit: str, user: str, lang: str) -> None:
    """Delete the activity with this name, first day and unit ("" for province-wide)."""
    name, unit = clean_name(name), clean_name(unit)
    with engine.begin() as connection:
        key = (Activity.name == name, Activity.start_day == start, Activity.unit == unit)
        found = connection.execute(select(Activity.id).where(*key)).scalar()
        where = unit or say("activity_province", lang)
        if found is None:
            raise UserError(say("activity_unknown", lang, name=name, start=fmt_date(start, lang), unit=where))
        detail = {"start_day": start.isoformat(), "unit": unit}
        record_audit(connection, user, "activity_delete", name, detail)
        delete_activities(connection, [found])
