"""Scale-out: the assess stage judged on a real local Dask cluster gives what local workers give."""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import select

import hindsight.pipeline.assess as assess_stage
from hindsight.feeds.fetch import FetchSettings
from hindsight.feeds.pipeline import ingest
from hindsight.pipeline.assess import assess_pending
from hindsight.pipeline.seeds import add_seed
from hindsight.settings import BUNDLED_ARCHIVE, bundled_seed
from storage import models
from storage.db import Database
from storage.feeds import add_feed

distributed = pytest.importorskip("distributed", reason="needs the dask extra (hindsight[dask])")

Judgements = set[tuple[str, str, str, float]]


def tracked_database(folder: Path) -> Path:
    """The bundled seed and its news archive, stored and not yet assessed (a SQLite file)."""
    path = folder / "base.db"
    db = Database(f"sqlite:///{path}")
    db.migrate()
    seed = bundled_seed()
    add_seed(db, seed.path, title=seed.title, author=seed.author, published=seed.published)
    with db.session() as session:
        add_feed(session, BUNDLED_ARCHIVE.as_uri())
    ingest(db, settings=FetchSettings(retries=0))
    db.dispose()
    return path


def assessed(base: Path, name: str, **options: object) -> tuple[Judgements, dict[str, str]]:
    """Assess a copy of `base`; every stored judgement and every prediction's status."""
    path = base.with_name(f"{name}.db")
    shutil.copy(base, path)
    db = Database(f"sqlite:///{path}")
    report = assess_pending(db, **options)  # type: ignore[arg-type]
    assert report.documents == 39 and report.assessments > 0
    with db.session() as session:
        rows = session.execute(
            select(
                models.Claim.text,
                models.Prediction.text,
                models.Assessment.stance,
                models.Assessment.confidence,
            )
            .join(models.Claim, models.Assessment.claim_id == models.Claim.id)
            .join(models.Prediction, models.Assessment.prediction_id == models.Prediction.id)
        ).all()
        found = session.execute(select(models.Prediction.text, models.Prediction.status))
        statuses = {text: status for text, status in found}
    db.dispose()
    return {(c, p, s, round(f, 6)) for c, p, s, f in rows}, statuses


def test_dask_cluster_judges_like_the_local_process_pool(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    base = tracked_database(tmp_path)
    in_process = assessed(base, "in-process")
    # The archive is small: let the default local pool start anyway, as it does for big runs.
    monkeypatch.setattr(assess_stage, "POOL_MIN_ITEMS", 1)
    monkeypatch.setattr(assess_stage, "POOL_MIN_BATCH", 1)
    local_pool = assessed(base, "process-pool", workers=2)
    with (
        distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        with distributed.get_task_stream(client) as stream:
            on_dask = assessed(base, "dask", executor=client.get_executor(), workers=2)
        # The chunks really ran on the cluster's workers, not in this process.
        judged_on = {t["worker"] for t in stream.data if "judge_chunk" in t["key"]}
        assert judged_on and judged_on <= set(client.scheduler_info()["workers"])
    assert on_dask == local_pool == in_process


def test_track_flow_runs_assess_on_a_dask_cluster_when_configured(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`[dask] enabled`: prefect-dask starts a LocalCluster for the stage; the flow only chose."""
    pytest.importorskip("prefect_dask", reason="needs the dask extra (hindsight[dask])")
    from prefect.testing.utilities import prefect_test_harness

    from flows.track import track

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HINDSIGHT_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("HINDSIGHT_DATABASE_URL", raising=False)
    (tmp_path / "hindsight.toml").write_text("[dask]\nenabled = true\nworkers = 2\n")
    # A shared 2-core machine can take minutes to start Prefect's temporary server.
    with prefect_test_harness(server_startup_timeout=300):
        track(offline=True, stages=["seed", "ingest"])
        before = tmp_path / "before-assess.db"
        with (
            closing(sqlite3.connect(tmp_path / "home" / "hindsight.db")) as source,
            closing(sqlite3.connect(before)) as copy,
        ):
            source.backup(copy)  # the WAL's pages too, unlike a file copy
        summary = track(offline=True, stages=["assess"])["assess"]
    assert summary["dask_workers"] == 2 and summary["documents"] == 39
    expected = assess_pending(Database(f"sqlite:///{before}"))
    assert (summary["claims"], summary["assessments"]) == (expected.claims, expected.assessments)
    assert summary["assessments"] > 0
