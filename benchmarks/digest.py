"""Digest benchmark: render a digest over 10,000 assessments; goal well under a second.

    python benchmarks/digest.py [--predictions 200] [--assessments 10000] [--changed 10]

Builds a temporary SQLite database (tests/digest_world.py: one seed, N predictions, M judged
news items, K status changes) and times, separately:

- render: `reports.render.render_digest` on the built context (the templates, CSS inlining,
  the plain-text twin) - the figure the goal is about;
- context: reading the period from the database into the views (all evidence is loaded, for the
  archive's pages);
- whole stage: `make_digest` (context, render, the three files, the archive's index and one page
  per prediction, the database record).

Printed as seconds and as a share of one second; also the .eml size (the 100 KB budget).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from hindsight.pipeline.digest import DigestOptions, Scope, build_context, make_digest  # noqa: E402
from reports.render import render_digest  # noqa: E402
from storage.db import Database  # noqa: E402
from tests.digest_world import add_seed, settle  # noqa: E402


def best_of(runs: int, work: object) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--predictions", type=int, default=200)
    parser.add_argument("--assessments", type=int, default=10_000)
    parser.add_argument("--changed", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Database(f"sqlite:///{Path(tmp) / 'bench.db'}")
        db.migrate()
        _, ids = add_seed(db, predictions=args.predictions, evidence=args.assessments)
        settle(db, ids[: args.changed])
        now = datetime.now(UTC)
        scope = Scope("all", None, [])
        with db.session() as session:
            start = time.perf_counter()
            context, _ = build_context(
                session, scope, DigestOptions(), after=0, period_start=None, now=now
            )
            read = time.perf_counter() - start
        render = best_of(5, lambda: render_digest(context))
        start = time.perf_counter()
        outcome = make_digest(db, Path(tmp) / "out", DigestOptions(), now=now)
        whole = time.perf_counter() - start
        assert outcome.files is not None
        evidence = sum(len(p.evidence) for p in context.predictions)
        changed = len(context.changes)
        print(f"{args.predictions} predictions, {evidence} assessments, {changed} changed")
        print(f"render:      {render:.3f} s ({render:.0%} of the 1 s goal)")
        print(f"context:     {read:.3f} s (reading the period and all evidence)")
        print(f"whole stage: {whole:.3f} s (context, render, files, archive of {len(ids)} pages)")
        print(f".eml size:   {outcome.files.eml.stat().st_size:,} bytes (budget 100,000)")
        db.dispose()


if __name__ == "__main__":
    main()
