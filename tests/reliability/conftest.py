"""Fixtures of the crash and fault tests: one clean run to compare resumed runs with."""

from __future__ import annotations

from typing import Any

import pytest

from tests.reliability.crash_world import RECIPIENTS, dump, make_world
from tests.smtp import smtp_server


@pytest.fixture(scope="session")
def clean_run(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """What one uninterrupted run stores (on SQLite), and that every recipient had it once."""
    root = tmp_path_factory.mktemp("clean")
    with smtp_server() as (controller, inbox):
        world = make_world(root, f"sqlite:///{root / 'hindsight.db'}", controller.port)
        result = world.run()
        assert result.returncode == 0, result.stdout + result.stderr
        received = inbox.by_recipient()
    stored = dump(world)
    assert stored["digests"] and stored["status_changes"] and stored["assessments"]
    assert {r: len(ids) for r, ids in received.items()} == dict.fromkeys(RECIPIENTS, 1)
    return stored
