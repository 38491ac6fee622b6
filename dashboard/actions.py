"""What the dashboard changes: imports and campaign edits, each a small function of the engine and its
arguments (so a role check can wrap it on the server), each clearing the cached query results."""

from collections.abc import Mapping

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError

from collector.importer import ImportOptions, import_bytes
from dashboard import data
from dashboard.i18n import t
from models import metrics, store
from models.errors import UserError
from models.store import CampaignRecord


def import_upload(
    engine: Engine, name: str, content: bytes, lang: str, skip_bad_rows: bool = False
) -> list[str]:
    """Import an uploaded file with the CLI's importer; the report's lines in ``lang``.

    A refused file raises :class:`UserError` whose message is the importer's own report."""
    report = import_bytes(engine, name, content, ImportOptions(lang=lang, skip_bad_rows=skip_bad_rows))
    data.clear()
    return report.lines(lang)


def save_campaign(engine: Engine, record: CampaignRecord, lang: str, campaign_id: int | None = None) -> int:
    """Create a campaign (``campaign_id`` None) or change one; its id. Checks name and dates first."""
    if not record.name.strip():
        raise UserError(t("name_required", lang))
    if record.end_date < record.start_date:
        raise UserError(t("dates_reversed", lang))
    try:
        with engine.begin() as connection:
            existing = metrics.campaigns(connection)
            taken = existing.id[existing.name == record.name]
            if len(taken) and int(taken.iloc[0]) != campaign_id:
                raise UserError(t("name_taken", lang, name=record.name))
            if campaign_id is None:
                campaign_id = store.save_campaign(connection, record)
            else:
                store.update_campaign(connection, campaign_id, record)
    except IntegrityError as error:  # the same name saved at the same moment elsewhere
        raise UserError(t("name_taken", lang, name=record.name)) from error
    data.clear()
    return campaign_id


def delete_campaign(engine: Engine, campaign_id: int) -> None:
    with engine.begin() as connection:
        store.delete_campaign(connection, campaign_id)
    data.clear()


def set_campaign_content(engine: Engine, campaign_id: int, decisions: Mapping[int, bool | None]) -> int:
    """Record per item: ``True`` assigned, ``False`` taken out, ``None`` by publishing date only.

    Returns how many items were touched."""
    with engine.begin() as connection:
        for value in (True, False):
            chosen = [item for item, decision in decisions.items() if decision is value]
            if chosen:
                store.save_campaign_assignments(connection, campaign_id, chosen, assigned=value)
        reset = [item for item, decision in decisions.items() if decision is None]
        if reset:
            store.clear_campaign_assignments(connection, campaign_id, reset)
    data.clear()
    return len(decisions)
