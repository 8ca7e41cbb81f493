"""The whole pipeline as an operator runs it: `hindsight run` on the bundled seed and archive.

Runs the real CLI in a subprocess (no Prefect server configured: the stages run directly), on
SQLite and on a throwaway PostgreSQL. A second run must add no rows: every stage is idempotent.
"""

from __future__ import annotations

import email
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

HINDSIGHT = [sys.executable, "-m", "hindsight"]


def hindsight(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        HINDSIGHT + args, env=env, cwd=cwd, capture_output=True, text=True, timeout=300
    )


@pytest.fixture
def operator_env(tmp_path: Path, db_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HINDSIGHT_", "PREFECT_"))}
    env["HINDSIGHT_HOME"] = str(tmp_path / "home")
    env["HINDSIGHT_DATABASE_URL"] = db_url
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[1])
    return env


def counts(env: dict[str, str], cwd: Path) -> dict[str, Any]:
    result = hindsight(["status", "--json"], env, cwd)
    assert result.returncode == 0, result.stderr
    status = json.loads(result.stdout)
    return {k: status[k] for k in ("documents", "claims", "assessments", "predictions")}


def test_run_on_the_bundled_default(operator_env: dict[str, str], tmp_path: Path) -> None:
    first = hindsight(["run", "--offline"], operator_env, tmp_path)
    output = first.stdout + first.stderr
    assert first.returncode == 0, output
    assert "Traceback" not in output and "ERROR" not in output, output
    assert "digest:" in first.stdout

    listed = hindsight(["predictions", "list", "--json"], operator_env, tmp_path)
    predictions = json.loads(listed.stdout)
    assert len(predictions) >= 8
    assert {"id", "seed", "text", "status", "evidence"} <= set(predictions[0])
    decided = [p for p in predictions if p["status"] != "open"]
    assert decided, "no prediction moved from open on the bundled archive"
    evidence = [e for p in predictions for e in p["evidence"]]
    assert evidence and all(e["url"].startswith(("http://", "https://")) for e in evidence)
    assert all(e["stance"] in ("supports", "contradicts") for e in evidence)
    assert all(0 <= e["confidence"] <= 1 and e["reason"] for e in evidence)
    # Each decided prediction tells its story: the move and the evidence that decided it.
    for prediction in decided:
        shown = hindsight(
            ["predictions", "show", str(prediction["id"]), "--json"], operator_env, tmp_path
        )
        story = json.loads(shown.stdout)
        assert story["status"] == prediction["status"] and story["history"], story
        last = story["history"][-1]
        assert last["new_status"] == prediction["status"] and last["reason"]
        if last["evidence"]:
            assert last["evidence"]["url"].startswith(("http://", "https://"))
    seed = json.loads(hindsight(["seed", "show", "1", "--json"], operator_env, tmp_path).stdout)
    assert sum(len(group) for group in seed["predictions"].values()) == len(predictions)

    reports = Path(operator_env["HINDSIGHT_HOME"]) / "reports"
    html = next(reports.glob("digest-*.html"))
    assert next(reports.glob("digest-*.txt")).read_text().strip()
    message = email.message_from_bytes(next(reports.glob("digest-*.eml")).read_bytes())
    assert message.is_multipart() and "Hindsight" in str(message["Subject"]) + html.read_text()

    before = counts(operator_env, tmp_path)
    second = hindsight(["run", "--offline", "--verbose"], operator_env, tmp_path)
    output = second.stdout + second.stderr
    assert second.returncode == 0, output
    assert "Traceback" not in output and "ERROR" not in output, output
    assert counts(operator_env, tmp_path) == before
    # Nothing new: no digest written (the first one is kept), and the run says so.
    assert "no digest written: nothing changed since" in second.stdout
    assert len(list(reports.glob("digest-*.html"))) == 1 and (reports / "index.html").is_file()
    # With no Prefect server configured the stages run directly, and --verbose says where the
    # time went: start-up, each stage's own work, nothing for Prefect.
    (split,) = [line for line in second.stdout.splitlines() if line.startswith("time:")]
    for part in ("start-up", "seed", "ingest", "assess", "digest", "Prefect 0.00 s"):
        assert part in split, split
    assert "prefect:  not used: no Prefect server is configured" in second.stdout


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_a_failing_feed_is_recorded_and_the_run_goes_on(
    operator_env: dict[str, str], tmp_path: Path
) -> None:
    archive = Path(__file__).resolve().parents[1] / "seeds" / "xiaomi-news-archive.xml"
    dead = "http://127.0.0.1:9/feed.xml"  # nothing listens on the discard port
    assert hindsight(["feeds", "add", str(archive)], operator_env, tmp_path).returncode == 0
    added = hindsight(["feeds", "add", dead, "--no-check"], operator_env, tmp_path)
    assert added.returncode == 0, added.stderr
    result = hindsight(["run", "--stage", "ingest"], operator_env, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 failed" in result.stdout and dead in result.stdout
    status = json.loads(hindsight(["status", "--json"], operator_env, tmp_path).stdout)
    feeds = {feed["url"]: feed for feed in status["feeds"]}
    assert feeds[dead]["last_error"] and feeds[dead]["entries"] == 0
    shown = json.loads(hindsight(["feeds", "show", dead, "--json"], operator_env, tmp_path).stdout)
    assert (
        shown["health"].startswith("failing") and shown["last_error"] == feeds[dead]["last_error"]
    )
    assert feeds[archive.resolve().as_uri()]["entries"] == 39 and status["documents"] == 39
    assert status["runs"][0]["state"] == "completed"


def test_a_second_run_at_the_same_time_is_refused(
    operator_env: dict[str, str], tmp_path: Path
) -> None:
    """A scheduled run and a hand-started one must not both work on the same database."""
    from storage.db import Database
    from storage.locks import pipeline_lock

    db = Database(operator_env["HINDSIGHT_DATABASE_URL"])
    db.migrate()
    with pipeline_lock(db):  # as a run in another process holds it
        refused = [
            hindsight(["run", "--offline"], operator_env, tmp_path),
            hindsight(["digest"], operator_env, tmp_path),
        ]
    db.dispose()
    for result in refused:
        assert result.returncode == 1
        assert "Traceback" not in result.stdout + result.stderr
        (line,) = [line for line in result.stderr.splitlines() if line.strip()]
        assert "another Hindsight run is using this database" in line
    assert counts(operator_env, tmp_path)["documents"] == 0  # nothing was changed
    assert not list((Path(operator_env["HINDSIGHT_HOME"]) / "reports").glob("digest-*"))
