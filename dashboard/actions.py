"""What the dashboard changes: imports and campaign edits, each a small function of the engine and its
arguments, each checking the signed-in user's role on the server first (editor or above), recording
who did what in the audit trail, and clearing the cached query results."""

from collections.abc import Mapping
from dataclasses import asdict

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import IntegrityError

from collector.importer import ImportOptions, import_bytes
from dashboard import data
from dashboard.auth_ui import authorize
from dashboard.i18n import t
from models import metrics, store
from models.auth import record_audit
from models.errors import UserError
from models.store import CampaignRecord


def import_upload(
    engine: Engine, name: str, content: bytes, lang: str, skip_bad_rows: bool = False
) -> list[str]:
    """Import an uploaded file with the CLI's importer; the report's lines in ``lang``.

    A refused file raises :class:`UserError` whose message is the importer's own report."""
    user = authorize("editor")
    options = ImportOptions(lang=lang, skip_bad_rows=skip_bad_rows, user=user.name)
    report = import_bytes(engine, name, content, options)
    data.clear()
    return report.lines(lang)


def save_campaign(engine: Engine, record: CampaignRecord, lang: str, campaign_id: int | None = None) -> int:
    """Create a campaign (``campaign_id`` None) or change one; its id. Checks name and dates first."""
    user = authorize("editor")
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
            action = "campaign_create" if campaign_id is None else "campaign_edit"
            if campaign_id is None:
                campaign_id = store.save_campaign(connection, record)
            else:
                store.update_campaign(connection, campaign_id, record)
            record_audit(connection, user.name, action, record.name, asdict(record))
    except IntegrityError as error:  # the same name saved at the same moment elsewhere
        raise UserError(t("name_taken", lang, name=record.name)) from error
    data.clear()
    return campaign_id


def delete_campaign(engine: Engine, campaign_id: int) -> None:
    user = authorize("editor")
    with engine.begin() as connection:
        record_audit(connection, user.name, "campaign_delete", _campaign_name(connection, campaign_id))
        store.delete_campaign(connection, campaign_id)
    data.clear()


def set_campaign_content(engine: Engine, campaign_id: int, decisions: Mapping[int, bool | None]) -> int:
    """Record per item: ``True`` assigned, ``False`` taken out, ``None`` by publishing date only.

    Returns how many items were touched."""
    user = authorize("editor")
    with engine.begin() as connection:
        detail = {"content_ids": {str(item): decision for item, decision in decisions.items()}}
        name = _campaign_name(connection, campaign_id)
        record_audit(connection, user.name, "campaign_assign", name, detail)
        for value in (True, False):
            chosen = [item for item, decision in decisions.items() if decision is value]
            if chosen:
                store.save_campaign_assignments(connection, campaign_id, chosen, assigned=value)
        reset = [item for item, decision in decisions.items() if decision is None]
        if reset:
            store.clear_campaign_assignments(connection, campaign_id, reset)
    data.clear()
    return len(decisions)


def _campaign_name(connection: Connection, campaign_id: int) -> str:
    """The campaign's name for the audit trail (its number if it is already gone)."""
    existing = metrics.campaigns(connection)
    names = existing.name[existing.id == campaign_id]
    return str(names.iloc[0]) if len(names) else f"#{campaign_id}"
