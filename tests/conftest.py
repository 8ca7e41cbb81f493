"""Shared fixtures: where `../shared` is, temporary databases on SQLite and PostgreSQL."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from storage.db import Database
from tests import postgres

REPO = Path(__file__).resolve().parents[1]
# Beside the checkout; a worktree elsewhere points at it with HINDSIGHT_SHARED.
SHARED = Path(os.environ.get("HINDSIGHT_SHARED") or REPO.parent / "shared")


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the test with a one-line reason when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"needs ../shared/{'/'.join(parts)} (not present beside this checkout)")
    return path


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    reason = postgres.why_unavailable()
    if reason and os.environ.get("HINDSIGHT_REQUIRE_POSTGRES"):
        pytest.fail(f"PostgreSQL is required here (HINDSIGHT_REQUIRE_POSTGRES): {reason}")
    if reason:
        pytest.skip(reason)
    with postgres.throwaway_cluster() as url:
        yield url


_names = itertools.count()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database URL on each backend (PostgreSQL: a new database per test)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'hindsight.db'}"
        return
    server: str = request.getfixturevalue("postgres_server")
    name = f"t{next(_names)}_{abs(hash(request.node.nodeid)) % 10**8}"
    admin = Database(server)
    with admin.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    yield server.rsplit("/", 1)[0] + f"/{name}"


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = Database(db_url)
    database.migrate()
    yield database
    database.dispose()
