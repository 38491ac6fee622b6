"""Enrolment categories and their class: new participants against other results.

"New participants" (người tham gia mới) sums the participant categories only (voluntary social
insurance, health insurance, any the office marks so); the other results (VssID installs, non-cash
payment, any category not marked) are shown beside them and never added in. The classes are data
(``enrolment_category``), seeded by migration 0010 and marked by the office's enrolment sheets.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from sqlalchemy import Connection, select

from models.tables import EnrolmentCategory
from models.write import upsert


def participant_categories(connection: Connection) -> frozenset[str]:
    """The categories whose results are new participants."""
    query = select(EnrolmentCategory.code).where(EnrolmentCategory.participant.is_(True))
    return frozenset(connection.execute(query).scalars())


def mark_categories(connection: Connection, classes: Mapping[str, bool]) -> None:
    """Record whether each category counts as participants (True) or as another result (False)."""
    rows = [{"code": code, "participant": bool(flag)} for code, flag in classes.items()]
    if rows:
        upsert(connection, EnrolmentCategory, rows, conflict=("code",), update=("participant",))


def new_participants(per_category: Mapping[str, int | float], participants: Iterable[str]) -> int:
    """New participants: the sum over participant categories only."""
    chosen = set(participants)
    return int(sum(count or 0 for category, count in per_category.items() if category in chosen))


def other_results(per_category: Mapping[str, int | float], participants: Iterable[str]) -> int:
    """Other results (app installs, non-cash payment…): the sum over every other category."""
    chosen = set(participants)
    return int(sum(count or 0 for category, count in per_category.items() if category not in chosen))
