"""Opening the database: where it is, how SQLite is tuned, and migrating it to the current schema."""

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import orjson
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from models.errors import UserError
from models.messages import say

if TYPE_CHECKING:
    from alembic.config import Config

DB_ENV = "ENGAGEMENT_MONITOR_DB"
DEFAULT_DB_PATH = Path("data") / "engagement.db"
MIGRATIONS = Path(__file__).parent / "migrations"
SQLITE_BUSY_TIMEOUT_S = 30.0  # how long a write waits for SQLite's lock held by another program


class DatabaseError(UserError):
    """The database cannot be opened or migrated; the message says what to do."""


class DatabaseBusy(DatabaseError):
    """Another program held SQLite's write lock longer than the busy timeout."""


def database_url(url: str | None = None) -> str:
    """The URL to use: the one given, else ``$ENGAGEMENT_MONITOR_DB``, else ``./data/engagement.db``."""
    url = url or os.environ.get(DB_ENV)
    if url:
        return url
    return f"sqlite:///{DEFAULT_DB_PATH}"


def redact_url(url: str) -> str:
    """The URL with its password hidden, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return "<invalid database URL>"


def _tune_sqlite(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={int(SQLITE_BUSY_TIMEOUT_S * 1000)}")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()
    # SQLite's own lower() leaves letters outside ASCII alone ("Ả"); Python's lowers every letter,
    # as PostgreSQL does, so a search for "ảnh" finds "Ảnh" on both databases.
    dbapi_connection.create_function("lower", 1, _lower, deterministic=True)


def _lower(text: str | None) -> str | None:
    return text.lower() if isinstance(text, str) else text


def _busy_in_one_line(context) -> None:
    """SQLite's "database is locked" as one line for the user: the statement and its parameters
    (a new user's password hash, say) never reach a traceback or the screen."""
    original = context.original_exception
    if isinstance(original, sqlite3.OperationalError) and str(original).startswith(
        ("database is locked", "database is busy", "database table is locked")
    ):
        raise DatabaseBusy(say("db_busy")) from None


def make_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite gets WAL, foreign keys and a busy timeout."""
    try:
        parsed = make_url(url)
    except Exception as exc:
        raise DatabaseError(say("db_url_invalid", url=redact_url(url))) from exc
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            folder = Path(parsed.database).parent
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise DatabaseError(say("db_folder", folder=folder, reason=exc.strerror or exc)) from exc
        connect_args = {"timeout": SQLITE_BUSY_TIMEOUT_S}
        engine = create_engine(url, connect_args=connect_args, json_serializer=json_text)
        event.listen(engine, "connect", _tune_sqlite)
        event.listen(engine, "handle_error", _busy_in_one_line)
        return engine
    if parsed.drivername == "postgresql":
        # psycopg 3 is the driver we ship; plain postgresql:// would look for psycopg2.
        url = parsed.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)
    return create_engine(url, pool_pre_ping=True, json_serializer=json_text)


def json_text(value: object) -> str:
    """JSON columns' text, by orjson: a large export's ``raw`` cells took 0.6 s of 100,000 rows with
    ``json.dumps``, and 0.08 s so (non-ASCII kept as is, keys that are not text written as text)."""
    return orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS).decode()


def alembic_config(engine: Engine | None = None) -> "Config":
    """An Alembic configuration pointing at our migrations (no alembic.ini needed)."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if engine is not None:
        config.set_main_option(
            "sqlalchemy.url", engine.url.render_as_string(hide_password=False).replace("%", "%%")
        )
        config.attributes["engine"] = engine
    return config


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str | None:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def newest_migration() -> str:
    """The revision of the highest-numbered migration file: migrations run in one line, numbered
    0001, 0002…, each file named after its revision (``tests/test_database.py`` holds us to it)."""
    return max(path.name.split("_", 1)[0] for path in (MIGRATIONS / "versions").glob("[0-9]*.py"))


def up_to_date(engine: Engine) -> bool:
    """True when the database stands at the newest migration, read without Alembic: importing it
    and its migration scripts was a third of what ``status`` took. Any doubt (no version table, a
    branch) answers False and leaves the question to Alembic."""
    try:
        with engine.connect() as connection:
            stored = connection.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    except SQLAlchemyError:
        return False
    return stored == [newest_migration()]


def migrate(engine: Engine) -> bool:
    """Bring the schema to the latest migration; returns True if anything was applied."""
    try:
        if up_to_date(engine):
            return False
        from alembic import command

        if current_revision(engine) == head_revision():
            return False
        command.upgrade(alembic_config(engine), "head")
    except DatabaseBusy:
        raise
    except Exception as exc:
        detail = str(exc).splitlines()[0] if str(exc) else ""
        url = redact_url(str(engine.url))
        raise DatabaseError(say("db_unavailable", url=url, error=type(exc).__name__, detail=detail)) from exc
    return True


def new_revision(message: str) -> None:
    """Autogenerate a migration for model changes (development aid; compares with a scratch SQLite)."""
    import tempfile

    from alembic import command

    with tempfile.TemporaryDirectory() as scratch:
        engine = make_engine(f"sqlite:///{scratch}/scratch.db")
        command.upgrade(alembic_config(engine), "head")
        number = len(list((MIGRATIONS / "versions").glob("[0-9]*.py"))) + 1
        command.revision(alembic_config(engine), message=message, autogenerate=True, rev_id=f"{number:04d}")


@cache
def _open(url: str) -> Engine:
    engine = make_engine(url)
    migrate(engine)
    return engine


def open_database(url: str | None = None) -> Engine:
    """The migrated engine for ``url`` (see :func:`database_url`), one per URL per process."""
    return _open(database_url(url))


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """A session whose work is committed as one transaction, or rolled back on error."""
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
