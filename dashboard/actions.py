"""What the dashboard changes: imports, campaign and activity edits (editor or above), users and source runs
(admin), each a small function of the engine and its arguments, each checking the signed-in user's
role on the server first, recording who did what in the audit trail, and clearing the cached
query results."""

import logging
from collections.abc import Mapping
from dataclasses import asdict, replace
from datetime import date

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import IntegrityError

from collector.config import config_path, load_config
from collector.importer import ImportOptions, import_bytes
from collector.messages import say
from collector.platforms.facebook.source import FacebookPageSource, check_page_token
from collector.scheduler import describe_result, run_once
from dashboard import data
from dashboard.auth_ui import authorize
from dashboard.exports import write_summary
from dashboard.i18n import t
from models import activities, auth, comments, metrics, report_notes, store
from models.activities import ActivityRecord
from models.auth import UserInfo, record_audit
from models.errors import UserError
from models.i18n import fmt_date
from models.store import CampaignRecord

log = logging.getLogger("engagement_monitor.dashboard")


def import_upload(
    engine: Engine, name: str, content: bytes, lang: str, skip_bad_rows: bool = False
) -> list[str]:
    """Import an uploaded file with the CLI's importer; the report's lines in ``lang``.

    A refused file raises :class:`UserError` whose message is the importer's own report; so does an
    unforeseen failure, in one line as the command says it (the details in the log), so that the
    page goes on to the next file instead of stopping on a traceback."""
    user = authorize("editor")
    options = ImportOptions(lang=lang, skip_bad_rows=skip_bad_rows, user=user.name)
    try:
        report = import_bytes(engine, name, content, options)
    except UserError:
        raise
    except Exception as error:  # the file's transaction was rolled back: nothing of it is stored
        log.warning("Importing the upload %s failed", name, exc_info=True)
        raise UserError(say("file_unexpected", lang, file=name, error=type(error).__name__)) from error
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


def save_report_notes(engine: Engine, start: date, end: date, texts: dict[str, str]) -> list[str]:
    """Store what an editor wrote for the period's report (audited); the sections changed."""
    user = authorize("editor")
    with engine.begin() as connection:
        changed = report_notes.save_report_notes(connection, start, end, texts, user.name)
    data.clear()
    return changed


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


def save_activity(engine: Engine, record: ActivityRecord, lang: str, activity_id: int | None = None) -> int:
    """Create an activity (``activity_id`` None) or change one; its id. Checks name, days and counts,
    and that no other activity has the same name, first day and unit."""
    user = authorize("editor")
    record = replace(record, name=activities.clean_name(record.name), unit=activities.clean_name(record.unit))
    if not record.name:
        raise UserError(t("activity_name_required", lang))
    if record.end_day < record.start_day:
        raise UserError(t("dates_reversed", lang))
    taken = UserError(
        t(
            "activity_taken",
            lang,
            name=record.name,
            start=fmt_date(record.start_day, lang),
            unit=record.unit or t("province_wide", lang),
        )
    )
    try:
        with engine.begin() as connection:
            existing = activities.activity_with_key(connection, record.key)
            if existing is not None and existing != activity_id:
                raise taken
            if activity_id is None:
                saved = activities.save_activities(connection, [record], "dashboard", user.name)
                activity_id = saved.ids[record.key]
                action = "activity_create"
            else:
                activities.update_activity(connection, activity_id, record)
                action = "activity_edit"
            detail = {
                **asdict(record),
                "start_day": record.start_day.isoformat(),
                "end_day": record.end_day.isoformat(),
            }
            record_audit(connection, user.name, action, record.name, detail)
    except IntegrityError as error:  # the same activity saved at the same moment elsewhere
        raise taken from error
    data.clear()
    return activity_id


def delete_activity(engine: Engine, activity_id: int) -> None:
    """Delete an activity and its on-the-spot results (audited with its name, day and unit)."""
    user = authorize("editor")
    with engine.begin() as connection:
        key = activities.activity_key(connection, activity_id)
        if key is None:
            return
        name, start_day, unit = key
        detail = {"start_day": start_day.isoformat(), "unit": unit}
        record_audit(connection, user.name, "activity_delete", name, detail)
        activities.delete_activities(connection, [activity_id])
    data.clear()


def _campaign_name(connection: Connection, campaign_id: int) -> str:
    """The campaign's name for the audit trail (its number if it is already gone)."""
    existing = metrics.campaigns(connection)
    names = existing.name[existing.id == campaign_id]
    return str(names.iloc[0]) if len(names) else f"#{campaign_id}"


# ---------------------------------------------------------------------------------------------
# Administration: users and sources (admin only). The models.auth functions record their own audit.


def users(engine: Engine) -> list[UserInfo]:
    """Every dashboard user (never a password hash), for the admin page."""
    authorize("admin")
    with engine.connect() as connection:
        return auth.list_users(connection)


def add_user(engine: Engine, name: str, role: str, password: str) -> None:
    user = authorize("admin")
    with engine.begin() as connection:
        auth.add_user(connection, name, role, password, by=user.name)


def change_role(engine: Engine, name: str, role: str, lang: str) -> None:
    """Give ``name`` another role; the last admin keeps theirs."""
    user = authorize("admin")
    with engine.begin() as connection:
        if role != "admin":
            _keep_an_admin(connection, name, lang)
        auth.set_role(connection, name, role, by=user.name)


def reset_password(engine: Engine, name: str, password: str) -> None:
    """A new password for ``name``: lifts a lockout and signs them out everywhere."""
    user = authorize("admin")
    with engine.begin() as connection:
        auth.set_password(connection, name, password, by=user.name)


def remove_user(engine: Engine, name: str, lang: str) -> None:
    """Remove ``name`` (the audit trail keeps what they did); never the last admin."""
    user = authorize("admin")
    with engine.begin() as connection:
        _keep_an_admin(connection, name, lang)
        auth.remove_user(connection, name, by=user.name)


def _keep_an_admin(connection: Connection, name: str, lang: str) -> None:
    """Refuse to take away the only admin: nobody could manage users afterwards."""
    admins = [u.name for u in auth.list_users(connection) if u.role == "admin"]
    if admins == [name]:
        raise UserError(t("admin_last", lang, name=name))


def collect_now(engine: Engine, source_name: str, lang: str) -> str:
    """Run one configured source once, as ``collect --once --source`` does; its result line in ``lang``."""
    user = authorize("admin")
    config = load_config(config_path())
    result = run_once(engine, config, [source_name], write_summary=write_summary)[source_name]
    with engine.begin() as connection:
        detail = {
            "status": result.status,
            "new_items": result.new_items,
            "new_snapshots": result.new_snapshots,
        }
        record_audit(connection, user.name, "collect_now", source_name, detail)
    data.clear()
    return describe_result(source_name, result, lang)


def check_token_now(engine: Engine, source_name: str, lang: str) -> str:
    """Check a Facebook Page's token as ``doctor`` does (and remember it); the verdict's line in ``lang``."""
    user = authorize("admin")
    config = load_config(config_path())
    source = config.source(source_name)
    if not isinstance(source, FacebookPageSource):
        raise UserError(t("admin_not_a_page", lang, name=source_name))
    check = check_page_token(source, config, engine, lang=lang)
    with engine.begin() as connection:
        record_audit(connection, user.name, "token_check", source_name, {"status": check.status})
    data.clear()
    return check.line(lang)


def relabel_question(engine: Engine, comment_id: int, topic: str) -> None:
    """Put a question on another topic (editor or above); audited, and the classifier learns it."""
    user = authorize("editor")
    with engine.begin() as connection:
        comments.relabel(connection, comment_id, topic, user.name)
    data.clear()
