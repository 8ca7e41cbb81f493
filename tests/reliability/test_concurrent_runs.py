"""Two `hindsight run --offline` processes started together on one fresh database.

Real processes, a real database (SQLite and a throwaway PostgreSQL): whichever gets the pipeline
lock runs; the other either waits and finds nothing to do or exits with one line. Either way no
row is stored twice, nothing deadlocks (the timeout would fire) and a later run adds nothing.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from sqlalchemy import func, select

from storage.db import Database
from storage.models import Claim, Document, FeedEntry
from tests.test_end_to_end import HINDSIGHT, counts, operator_env

__all__ = ["operator_env"]  # the fixture, re-used

REFUSED = "another Hindsight run is using this database"


def duplicates(url: str) -> dict[str, int]:
    db = Database(url)
    try:
        with db.session() as session:
            found = {
                "documents": session.execute(
                    select(Document.url, func.count())
                    .where(Document.url.is_not(None))
                    .group_by(Document.url)
                    .having(func.count() > 1)
                ).all(),
                "entries": session.execute(
                    select(FeedEntry.source_id, FeedEntry.entry_key, func.count())
                    .group_by(FeedEntry.source_id, FeedEntry.entry_key)
                    .having(func.count() > 1)
                ).all(),
                "claims": session.execute(
                    select(Claim.document_id, Claim.text, func.count())
                    .group_by(Claim.document_id, Claim.text)
                    .having(func.count() > 1)
                ).all(),
            }
    finally:
        db.dispose()
    return {k: len(v) for k, v in found.items()}


def test_two_runs_started_together_store_everything_once(
    operator_env: dict[str, str], tmp_path: Path
) -> None:
    pair = [
        subprocess.Popen(
            [*HINDSIGHT, "run", "--offline"],
            env=operator_env,
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [p.communicate(timeout=400) for p in pair]
    codes = [p.returncode for p in pair]
    assert 0 in codes, outputs
    for code, (out, err) in zip(codes, outputs, strict=True):
        assert "Traceback" not in out + err, err[-3000:]
        if code != 0:
            lines = [line for line in err.splitlines() if line.strip()]
            assert len(lines) == 1 and REFUSED in lines[0], err[-3000:]
    after_pair = counts(operator_env, tmp_path)
    assert after_pair["documents"] > 0
    assert duplicates(operator_env["HINDSIGHT_DATABASE_URL"]) == {
        "documents": 0,
        "entries": 0,
        "claims": 0,
    }
    again = subprocess.run(
        [*HINDSIGHT, "run", "--offline"],
        env=operator_env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=400,
    )
    assert again.returncode == 0, again.stderr[-3000:]
    assert counts(operator_env, tmp_path) == after_pair
