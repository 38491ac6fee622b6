"""The one idempotent write path: ``INSERT … ON CONFLICT`` in batches, for SQLite and PostgreSQL."""

from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, date, datetime
from functools import cache
from importlib import import_module
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, Dialect, String, Table, tuple_
from sqlalchemy.types import TypeEngine
from sqlmodel import SQLModel, select

from models.errors import UserError
from models.messages import say
from models.tables import DEFAULT_TIMEZONE

BATCH_SIZE = 2000
_OWN_VALUES = 50  # bound values a statement may hold beside a long IN list (see in_list_size)


def table_of(model: type[SQLModel] | Table) -> Table:
    return model if isinstance(model, Table) else model.__table__  # type: ignore[attr-defined]


class TextTooLong(UserError):
    """A text longer than its column allows: PostgreSQL would refuse it, SQLite would keep it whole."""


@cache
def _text_limits(table: Table) -> dict[str, int]:
    # SQLModel's text columns are AutoString, a decorator over String: their length is on either.
    limits = {}
    for column in table.columns:
        length = getattr(column.type, "length", None)
        if length and isinstance(getattr(column.type, "impl", column.type), String):
            limits[column.key] = length
    return limits


def check_lengths(model: type[SQLModel] | Table, rows: Iterable[Mapping[str, Any]]) -> None:
    """Refuse (TextTooLong, one line naming the column and its limit) a text too long for its column,
    before anything is written: the same limits on SQLite, which keeps any length, as on PostgreSQL."""
    limits = _text_limits(table_of(model))
    for row in rows:
        for key, limit in limits.items():
            value = row.get(key)
            if isinstance(value, str) and len(value) > limit:
                shown = value[:40] + "…"
                raise TextTooLong(
                    say("text_too_long", column=key, length=len(value), limit=limit, value=shown)
                )


def upsert(
    connection: Connection,
    model: type[SQLModel] | Table,
    rows: Sequence[Mapping[str, Any]],
    conflict: Sequence[str],
    update: Sequence[str] | None = None,
) -> int:
    """Insert ``rows``; on a clash of the ``conflict`` columns update ``update`` (or do nothing).

    Runs in the caller's transaction, in batches. Returns the number of rows the database reports
    as written (inserted, or updated when ``update`` is given).
    """
    table = table_of(model)
    check_lengths(table, rows)
    dialect = connection.dialect.name
    if dialect not in ("sqlite", "postgresql"):
        raise NotImplementedError(f"upsert does not support the {dialect} dialect")
    # the dialect's own INSERT, imported here: PostgreSQL's took a tenth of a second of ``status``
    statement = import_module(f"sqlalchemy.dialects.{dialect}").insert(table)
    if update:
        statement = statement.on_conflict_do_update(
            index_elements=list(conflict),
            set_={column: statement.excluded[column] for column in update},
        )
    else:
        statement = statement.on_conflict_do_nothing(index_elements=list(conflict))
    # Executed with a list of parameter sets, one compiled statement is reused: compiling a literal
    # multi-row VALUES for every batch cost more than the inserts themselves. sqlite3's executemany
    # sums the rows each execution wrote, so its rowcount is exact (and plain executemany took a
    # quarter less time than RETURNING's "insertmanyvalues" pages); on psycopg rowcount is unreliable
    # for multi-row inserts, so RETURNING counts there.
    if dialect == "sqlite" and rows:
        written = _sqlite_executemany(connection, statement, table, rows)
        if written is not None:
            return written
    counted = dialect == "sqlite"
    if not counted:
        statement = statement.returning(next(iter(table.primary_key.columns)))
    written = 0
    for start in range(0, len(rows), BATCH_SIZE):
        batch = [row if isinstance(row, dict) else dict(row) for row in rows[start : start + BATCH_SIZE]]
        result = connection.execute(statement, batch)
        written += result.rowcount if counted else len(result.all())
    return written


def _sqlite_executemany(
    connection: Connection, statement: Any, table: Table, rows: Sequence[Mapping[str, Any]]
) -> int | None:
    """``upsert`` on SQLite with the driver's ``executemany``, converting values column by column.

    SQLAlchemy builds a parameter dict per row and runs each value through its type's converter: half
    the time of a large import. Here each column goes through the same converter (so the stored values
    are identical), once per distinct date or time (a file's snapshots share one). None when the rows
    do not all have the same keys or the statement needs values they lack (a Python-side default):
    the caller then takes SQLAlchemy's path.
    """
    keys = list(rows[0])
    compiled = statement.compile(dialect=connection.dialect, column_keys=keys)
    names = compiled.positiontup or []
    if not set(names) <= set(keys) or any(len(row) != len(keys) for row in rows):
        return None
    dialect = connection.dialect
    try:
        columns = [_converted([row[name] for row in rows], table.c[name].type, dialect) for name in names]
    except KeyError:  # a row without one of the first row's keys
        return None
    parameters = list(zip(*columns, strict=True))
    result = connection.exec_driver_sql(compiled.string, parameters)
    return result.rowcount


def _converted(values: list[Any], column_type: TypeEngine, dialect: Dialect) -> list[Any]:
    """A column's values as the driver takes them, by its type's own bind converter."""
    convert = column_type.dialect_impl(dialect).bind_processor(dialect)
    if convert is None:
        return values
    if _python_type(column_type) in (date, datetime):
        done: dict[Any, Any] = {}
        return [done[value] if value in done else done.setdefault(value, convert(value)) for value in values]
    return [convert(value) for value in values]


def _python_type(column_type: TypeEngine) -> type | None:
    stored = getattr(column_type, "impl_instance", column_type)  # a TypeDecorator's stored type
    try:
        return stored.python_type
    except NotImplementedError:
        return None


def in_list_size(connection: Connection, values_per_item: int = 1) -> int:
    """How many items one statement's ``IN`` list may hold on this database.

    Few long lists beat many short ones (each statement is rendered, planned and run anew). The limit is
    SQLAlchemy's for the dialect: 32,700 bound values, 999 on SQLite before 3.32; a few are left for
    the statement's own values.
    """
    return (connection.dialect.insertmanyvalues_max_parameters - _OWN_VALUES) // values_per_item


def ids_by_key(
    connection: Connection,
    model: type[SQLModel] | Table,
    key_columns: Sequence[str],
    keys: Iterable[tuple],
) -> dict[tuple, int]:
    """Map natural keys (e.g. ``(channel_id, external_id)``) to primary keys, in batches."""
    table = table_of(model)
    columns = [table.c[name] for name in key_columns]
    wanted = list(dict.fromkeys(keys))
    found: dict[tuple, int] = {}
    size = in_list_size(connection, len(columns))
    for start in range(0, len(wanted), size):
        batch = wanted[start : start + size]
        query = select(table.c.id, *columns).where(tuple_(*columns).in_(batch))
        for row in connection.execute(query):
            found[tuple(row[1:])] = row[0]
    return found


def utc(moment: datetime) -> datetime:
    """The same moment as an aware UTC datetime (naive values are taken as UTC)."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def local_day(moment: datetime, timezone: str = DEFAULT_TIMEZONE) -> date:
    """The calendar day ``moment`` falls on in ``timezone`` (20:00 on 22 May in Hanoi is 13:00 UTC)."""
    return utc(moment).astimezone(ZoneInfo(timezone)).date()


def now_utc() -> datetime:
    return datetime.now(UTC)
