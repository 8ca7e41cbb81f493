"""The connection to the database: URL handling, SQLite pragmas, sessions and migrations.

`Database` is the one object the rest of Hindsight holds to reach the database. It accepts the URLs
an operator types (`postgresql://user@host/db`, `sqlite:///path`) and picks the installed driver.
"""

from __future__ import annotations

import functools
import importlib.util
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS = Path(__file__).with_name("migrations")


class DatabaseError(RuntimeError):
    """A database problem worth one clear line to the operator."""


class UnknownSchemaError(DatabaseError):
    """The database is stamped with a revision these migrations do not know (a newer Hindsight)."""


def connection_failure(exc: BaseException) -> str | None:
    """One line for an error that is the database failing underneath a command, else None.

    A PostgreSQL server stopped mid-run, a connection cut, SQLite's file locked past the busy
    timeout: the work committed so far is kept (every stage commits whole batches) and the next
    run carries on, so the operator needs what happened, not a traceback. The cause is looked
    for along the exception's chain (a stage may have wrapped it).
    """
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, OperationalError | InterfaceError):
            lines = str(current.orig or current).strip().splitlines() or ["no reason given"]
            return (
                f"the database failed during the run: {lines[0].strip()} "
                "(work committed before it is kept; run again when the database is back)"
            )
        current = current.__cause__ or current.__context__
    return None


def normalise_url(url: str) -> str:
    """Give a bare `postgresql://` URL the driver that is installed (psycopg 3, else psycopg2)."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        driver = "psycopg" if importlib.util.find_spec("psycopg") else "psycopg2"
        parsed = parsed.set(drivername=f"postgresql+{driver}")
    return parsed.render_as_string(hide_password=False)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    """Foreign keys on (SQLite's default is off), WAL so readers never block the writer."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


class Database:
    """An engine, a session factory and the schema's migrations for one URL."""

    def __init__(self, url: str, *, echo: bool = False) -> None:
        self.url = normalise_url(url)
        parsed = make_url(self.url)
        self.is_sqlite = parsed.get_backend_name() == "sqlite"
        connect_args: dict[str, Any] = {}
        if self.is_sqlite:
            if parsed.database and parsed.database != ":memory:":
                Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
            connect_args["timeout"] = 30
        self.engine: Engine = create_engine(
            self.url, echo=echo, connect_args=connect_args, pool_pre_ping=not self.is_sqlite
        )
        if self.is_sqlite:
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One transaction: committed when the block ends, rolled back if it raises."""
        with self._sessions() as session, session.begin():
            yield session

    def migrate(self) -> None:
        """Bring the schema to the newest revision (a no-op when it is already there)."""

        if self.current_revision() == head_revision():
            return
        database = self.engine.url.database
        if self.is_sqlite and database and database != ":memory:":
            # Two processes started together on a fresh file would both create the tables
            # ("table digests already exists"): the second waits, then finds the head revision.
            from filelock import FileLock

            with FileLock(database + ".migrate.lock"):
                if self.current_revision() != head_revision():
                    self._upgrade()
            return
        self._upgrade()

    def _upgrade(self) -> None:
        from alembic import command
        from alembic.util.exc import CommandError

        with self.engine.begin() as connection:
            if not self.is_sqlite:
                # Two processes started together on a fresh database would both create the
                # tables; the second waits here until the first commits, then finds the head
                # revision and upgrades nothing.
                connection.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _MIGRATE_KEY})
            config = alembic_config()
            config.attributes["connection"] = connection
            try:
                command.upgrade(config, "head")
            except CommandError as exc:  # stamped with a revision these files do not have
                raise UnknownSchemaError(str(exc)) from exc

    def current_revision(self) -> str | None:
        """The revision stamped in the database, or None for an empty one."""
        with self.engine.connect() as connection:
            if not inspect(connection).has_table("alembic_version"):
                return None
            return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()

    def dispose(self) -> None:
        self.engine.dispose()


# The advisory lock key migrations take on PostgreSQL ("hindsight-migrate" as a number).
_MIGRATE_KEY = 0x68696E6D6967


def alembic_config() -> Any:
    """An Alembic config pointing at our migrations, no alembic.ini needed."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


# `revision: str = 'abc123'` and `down_revision: str | None = 'def456'` in a migration file.
_REVISION = re.compile(r"""^revision\b[^=\n]*=\s*['"]([0-9a-f]+)['"]""", re.MULTILINE)
_DOWN_REVISION = re.compile(r"""^down_revision\b[^=\n]*=\s*['"]([0-9a-f]+)['"]""", re.MULTILINE)


@functools.cache
def head_revision() -> str | None:
    """The newest migration's id, read from the files' two header lines.

    Every command checks the schema is at head before it starts; asking Alembic (which imports
    itself, Mako and every migration module) cost a warm run about a fifth of its time. A
    chain this simple scan cannot read (a merge revision, an unusual header) is asked of Alembic.
    """
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        source = path.read_text(encoding="utf-8")
        revision = _REVISION.search(source)
        down = _DOWN_REVISION.findall(source)
        if revision is None or len(down) > 1:
            return _alembic_head()
        revisions.add(revision[1])
        parents.update(down)
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else _alembic_head()


def _alembic_head() -> str | None:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()
