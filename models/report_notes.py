"""What editors write for a period's report: the sections the data cannot write.

A monthly report ends with an assessment (written from the data, to which editors may add),
shortcomings and their causes, next month's tasks, and recommendations. Editors write these in the
dashboard for a period; they are kept with the period (``report_note``), every change is audited,
and a new period starts from the previous period's text.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Connection, delete, select

from models.auth import record_audit
from models.periods import comparison_periods
from models.tables import REPORT_NOTE_SECTIONS, ReportNote
from models.write import now_utc, upsert

SECTIONS = REPORT_NOTE_SECTIONS


def report_notes(connection: Connection, start: date, end: date) -> dict[str, str]:
    """The sections editors wrote for the period ``start``…``end`` (section → text)."""
    rows = connection.execute(
        select(ReportNote.section, ReportNote.text).where(
            ReportNote.period_start == start, ReportNote.period_end == end
        )
    )
    return {section: text for section, text in rows if text.strip()}


def starting_notes(connection: Connection, start: date, end: date) -> tuple[dict[str, str], bool]:
    """What the editor starts from: the period's own texts, else the previous period's (and
    whether they are the previous period's, to be reviewed before saving)."""
    own = report_notes(connection, start, end)
    if own:
        return own, False
    before = comparison_periods(start, end).previous
    return report_notes(connection, *before), True


def save_report_notes(
    connection: Connection, start: date, end: date, texts: dict[str, str], user: str
) -> list[str]:
    """Store the sections of a period (an empty text removes one); the sections changed, audited."""
    current = report_notes(connection, start, end)
    changed = [s for s in SECTIONS if s in texts and texts[s].strip() != current.get(s, "")]
    for section in changed:
        text = texts[section].strip()
        if text:
            row = {
                "period_start": start,
                "period_end": end,
                "section": section,
                "text": text,
                "updated_by": user,
                "updated_at": now_utc(),
            }
            upsert(
                connection,
                ReportNote,
                [row],
                conflict=("period_start", "period_end", "section"),
                update=("text", "updated_by", "updated_at"),
            )
        else:
            connection.execute(
                delete(ReportNote).where(
                    ReportNote.period_start == start,
                    ReportNote.period_end == end,
                    ReportNote.section == section,
                )
            )
    if changed:
        detail = {"sections": changed, "start": start.isoformat(), "end": end.isoformat()}
        record_audit(connection, user, "report_note_edit", f"{start.isoformat()}…{end.isoformat()}", detail)
    return changed
