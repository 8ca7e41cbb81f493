"""One run per seed group in parallel on a shared PostgreSQL; a collision stops in one line.

Real CLI runs in subprocesses against a throwaway PostgreSQL cluster; the colliding run is a
second process holding a seed's lock, as a run on another machine would.
"""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from hindsight.settings import BUNDLED_SEED
from storage.db import Database

_databases = itertools.count()
REPO = Path(__file__).resolve().parents[1]
HINDSIGHT = [sys.executable, "-m", "hindsight"]

HOLD = """
import sys
from storage.db import Database
from storage.locks import pipeline_lock
seed = None if sys.argv[2] == "all" else int(sys.argv[2])
with pipeline_lock(Database(sys.argv[1]), seed=seed):
    print("held", flush=True)
    sys.stdin.read()  # until the test closes it
"""


def hindsight(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        HINDSIGHT + args, env=env, cwd=cwd, capture_output=True, text=True, timeout=300
    )


@pytest.fixture
def two_seeds(tmp_path: Path, postgres_server: str) -> Iterator[tuple[dict[str, str], int, int]]:
    """A fresh PostgreSQL database holding two seeds; the environment of an operator using it."""
    name = f"seedgroups_{os.getpid()}_{next(_databases)}"
    admin = Database(postgres_server)
    with admin.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HINDSIGHT_", "PREFECT_"))}
    env["HINDSIGHT_HOME"] = str(tmp_path / "home")
    env["HINDSIGHT_DATABASE_URL"] = postgres_server.rsplit("/", 1)[0] + f"/{name}"
    env["PYTHONPATH"] = str(REPO)
    for seed in (BUNDLED_SEED, REPO / "tests" / "seeds" / "carmaker-volumes.md"):
        added = hindsight(["seed", "add", str(seed), "--published", "2021-03-31"], env, tmp_path)
        assert added.returncode == 0, added.stderr
    listed = json.loads(hindsight(["seed", "list", "--json"], env, tmp_path).stdout)
    first, second = sorted(row["id"] for row in listed)
    yield env, first, second


def runs(env: dict[str, str]) -> list[tuple[str, str, int | None]]:
    db = Database(env["HINDSIGHT_DATABASE_URL"])
    with db.engine.connect() as conn:
        rows = conn.execute(text("SELECT stage, state, summary FROM runs ORDER BY id")).all()
    db.dispose()
    return [(stage, state, (summary or {}).get("seed_id")) for stage, state, summary in rows]


def test_a_seed_runs_while_another_seed_is_held_and_collisions_stop_in_one_line(
    two_seeds: tuple[dict[str, str], int, int], tmp_path: Path
) -> None:
    env, first, second = two_seeds
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, env["HINDSIGHT_DATABASE_URL"], str(first)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        other = hindsight(["run", "--offline", "--seed", str(second)], env, tmp_path)
        same = hindsight(["run", "--offline", "--seed", str(first)], env, tmp_path)
        whole = hindsight(["run", "--offline"], env, tmp_path)
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(30)
    # The other seed's run went ahead while the first seed's lock was held elsewhere.
    assert other.returncode == 0, other.stdout + other.stderr
    assert "Traceback" not in other.stdout + other.stderr
    assert "assess:   39 documents" in other.stdout
    for refused, what in ((same, f"seed {first}"), (whole, "this database")):
        assert refused.returncode == 1
        assert "Traceback" not in refused.stdout + refused.stderr
        (line,) = [line for line in refused.stderr.splitlines() if line.strip()]
        assert f"another Hindsight run is using {what}" in line
    assert sorted(runs(env)) == [
        ("assess", "completed", second),
        ("ingest", "completed", second),
        ("seed", "completed", second),
        ("track", "completed", second),
    ]


def test_two_seeds_run_at_once_and_share_the_documents_work(
    two_seeds: tuple[dict[str, str], int, int], tmp_path: Path
) -> None:
    env, first, second = two_seeds
    started = [
        subprocess.Popen(
            [*HINDSIGHT, "run", "--offline", "--seed", str(seed)],
            env=env,
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for seed in (first, second)
    ]
    outputs = [process.communicate(timeout=300) for process in started]
    for process, (stdout, stderr) in zip(started, outputs, strict=True):
        assert process.returncode == 0, stdout + stderr
        assert "Traceback" not in stdout + stderr
    documents = [int(o.split("assess:   ")[1].split()[0]) for o, _ in outputs]
    # The archive's 39 documents were judged once, by whichever run got there first.
    assert sorted(documents) == [0, 39]
    tracks = [(state, seed) for stage, state, seed in runs(env) if stage == "track"]
    assert sorted(tracks) == [("completed", first), ("completed", second)]
    status = json.loads(hindsight(["status", "--json"], env, tmp_path).stdout)
    assert status["documents"] == 39 and status["assessments"] > 0
