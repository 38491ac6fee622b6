"""Campaigns by hand: add one, list them, assign content items to one or take them out."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine, case, func, select

from collector.enrolment import parse_targets
from collector.messages import say
from collector.reading import CellError
from models.errors import UserError
from models.store import CampaignRecord, save_campaign, save_campaign_assignments
from models.tables import Campaign, CampaignContent, Content


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
