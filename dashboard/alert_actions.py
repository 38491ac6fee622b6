"""What the Administration page changes in the alerts: each an admin-only function that checks the
role on the server, writes sources.toml through collector/alerts_file.py and records the change in
the audit trail (which alert and what was switched; never the addresses themselves)."""

from sqlalchemy import Engine

from collector.alerts_file import AlertChange, save_alert, save_timing
from collector.config import config_path
from dashboard.auth_ui import authorize
from models.auth import record_audit

EDIT_ACTION = "alert_edit"
TIMING_ACTION = "alert_timing"


def change_alert(engine: Engine, change: AlertChange, lang: str) -> None:
    user = authorize("admin")
    config = save_alert(config_path(), change, lang)
    source = next((s for s in config.sources if s.type == "alerts"), None)
    rule = source.configured().get(change.kind) if source is not None else None
    detail = {
        "enabled": change.enabled,
        "recipients": len(rule.email_to) if rule else 0,
        "threshold": change.threshold.strip() or None,
        "digest": change.digest,
    }
    with engine.begin() as connection:
        record_audit(connection, user.name, EDIT_ACTION, change.kind, detail)


def change_timing(engine: Engine, quiet_hours: str, digest_at: str, lang: str) -> None:
    user = authorize("admin")
    save_timing(config_path(), quiet_hours, digest_at, lang)
    detail = {"quiet_hours": quiet_hours.strip() or None, "digest_at": digest_at.strip()}
    with engine.begin() as connection:
        record_audit(connection, user.name, TIMING_ACTION, "alerts", detail)
