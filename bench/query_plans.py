"""The plans of the metric queries a dashboard page runs, for one month, as Markdown.

Every statement the metric functions execute is captured and explained on the same database
(``EXPLAIN QUERY PLAN`` on SQLite, ``EXPLAIN`` on PostgreSQL), so docs/query-plans.md shows what
the database really does for each page.

    python bench/query_plans.py --db URL [--start 2024-05-01 --end 2024-05-31]
"""

import argparse
import re
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import Connection, Engine, event

from bench.pages import PAGES, SIDEBAR, scope_for
from models.db import make_engine


def captured_statements(engine: Engine, run: Callable[[Connection], object]) -> list[tuple[str, object]]:
    """The SQL statements (with parameters) that ``run`` executes."""
    statements: list[tuple[str, object]] = []

    def capture(_conn, _cursor, statement, parameters, _context, executemany) -> None:
        if not executemany:
            statements.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", capture)
    try:
        with engine.connect() as connection:
            run(connection)
    finally:
        event.remove(engine, "before_cursor_execute", capture)
    return statements


_LONG_LIST = re.compile(r"(?:(?:%\(\w+\)s(?:::\w+)?|\?), ){3,}")


def shortened(statement: str, limit: int = 700) -> str:
    """One line of SQL, long IN lists collapsed, cut at ``limit`` characters."""
    text = _LONG_LIST.sub("…, ", " ".join(statement.split()))
    return text if len(text) <= limit else text[:limit] + " …"


def explain(engine: Engine, statement: str, parameters: object) -> list[str]:
    """The plan of one statement, one line per node."""
    prefix = "EXPLAIN QUERY PLAN " if engine.dialect.name == "sqlite" else "EXPLAIN "
    with engine.connect() as connection:
        rows = connection.exec_driver_sql(prefix + statement, parameters).all()
    if engine.dialect.name == "sqlite":
        depth: dict[int, int] = {0: 0}
        lines = []
        for node, parent, _, detail in rows:
            depth[node] = depth.get(parent, 0) + 1
            lines.append("  " * (depth[node] - 1) + detail)
        return lines
    return [row[0] for row in rows]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--start", type=date.fromisoformat, default=date(2024, 5, 1))
    parser.add_argument("--end", type=date.fromisoformat, default=date(2024, 5, 31))
    args = parser.parse_args()
    engine = make_engine(args.db)
    with engine.connect() as connection:
        scope = scope_for(connection, args.start, args.end)
    groups = {"sidebar (every page)": SIDEBAR}
    for page, calls in PAGES.items():
        groups[page] = {name: call for name, call in calls.items() if name not in SIDEBAR}
    for page, calls in groups.items():
        print(f"## {page} ({engine.dialect.name})\n")
        for name, call in calls.items():
            for number, (statement, parameters) in enumerate(
                captured_statements(engine, lambda c, call=call: call(c, scope)), start=1
            ):
                print(f"### {name} #{number}\n\n```sql\n{shortened(statement)}\n```\n")
                print("```\n" + "\n".join(explain(engine, statement, parameters)) + "\n```\n")


if __name__ == "__main__":
    main()
