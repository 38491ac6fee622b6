"""Units over time: which names in the enrolment results count as one unit, so history stays comparable.

Since July 2025 offices report by commune or ward and their older sheets by district (and provinces
merged). The unit list gives each unit its parent and aliases (the names its results carried
before). An alias of one unit stands for that unit; an alias shared by several units (an old
district split into communes) makes them one unit under the old name, the only level at which old
and new figures can be compared. Optionally every unit rolls up to its ancestor at a level.
"""

from collections.abc import Iterable, Sequence

from sqlalchemy import Connection, select

from models.store import UnitRecord
from models.tables import Unit, UnitAlias


def comparable_names(
    units: Sequence[UnitRecord], names: Iterable[str] = (), level: str | None = None
) -> dict[str, str]:
    """Name found in results → the unit it counts for, for every name that does not count as itself.

    ``names`` are further names to map (those found in the results); ``level`` rolls units up to
    their ancestor of that level (``province``) where they have one."""
    by_name = {unit.name: unit for unit in units}

    def rolled_up(name: str) -> str:
        current, seen = name, set()
        while level is not None and current in by_name and current not in seen:
            seen.add(current)
            if by_name[current].level == level:
                return current
            current = by_name[current].parent
        return name

    owner: dict[str, str] = {}  # union-find over names

    def find(name: str) -> str:
        owner.setdefault(name, name)
        while owner[name] != name:
            owner[name] = owner[owner[name]]
            name = owner[name]
        return name

    def join(a: str, b: str) -> None:
        owner[find(a)] = find(b)

    units_of: dict[str, set[str]] = {}
    for unit in units:
        find(unit.name)
        join(unit.name, rolled_up(unit.name))
        for alias in unit.aliases:
            units_of.setdefault(alias, set()).add(rolled_up(unit.name))
    shared = set()
    for alias, targets in units_of.items():
        if len(targets) > 1:
            shared.add(alias)
        for target in targets:
            join(alias, target)
    for name in names:
        find(name)
    components: dict[str, list[str]] = {}
    for name in list(owner):
        components.setdefault(find(name), []).append(name)
    mapping = {}
    for members in components.values():
        old_names = sorted(m for m in members if m in shared)
        tops = sorted({rolled_up(m) for m in members if m in by_name})
        label = old_names[0] if old_names else tops[0] if tops else min(members)
        mapping |= {member: label for member in members if member != label}
    return mapping


def unit_list(connection: Connection) -> list[UnitRecord]:
    """The unit list as stored: names, levels, parents' names and aliases."""
    parent = Unit.__table__.alias("parent")
    aliases: dict[int, list[str]] = {}
    for unit_id, alias in connection.execute(
        select(UnitAlias.unit_id, UnitAlias.alias).order_by(UnitAlias.alias)
    ):
        aliases.setdefault(unit_id, []).append(alias)
    rows = connection.execute(
        select(Unit.id, Unit.name, Unit.level, parent.c.name)
        .outerjoin(parent, parent.c.id == Unit.parent_id)
        .order_by(Unit.name)
    )
    return [
        UnitRecord(name, level, parent_name, tuple(aliases.get(i, [])))
        for i, name, level, parent_name in rows
    ]


def unit_mapping(
    connection: Connection, names: Iterable[str] = (), level: str | None = None
) -> dict[str, str]:
    """``comparable_names`` of the stored unit list (and ``names``, those found in the results)."""
    return comparable_names(unit_list(connection), names, level)
