"""The ingest stage's store step alone: read what is known, decide, apply, on a SQLite file.

    python benchmarks/ingest_store.py [--copies 3] [--repeat 3]

The shared feed corpus (../shared/corpora/feeds) is parsed once, in this process, and stored as
`copies` times as many feeds (a copy under another URL: a story several feeds carry), in batches
of 200 feeds as the ingest stage writes them. Four passes, each timed in CPU seconds (the best of
`repeat` fresh databases, so machine load distorts it least), split into the pure decide step
and the database work (reads and `apply_update`):

- cold: every entry new;
- unchanged: the same bodies again (every entry known, nothing written but health);
- updated: every entry's text changed (a version kept for each, the story rewritten);
- 304s: health only.

Goal: the decide step a small share of each pass; unchanged well under cold.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
CORPUS = next(
    (
        p / "shared" / "corpora" / "feeds"
        for p in REPO.parents
        if (p / "shared" / "corpora").is_dir()
    ),
    REPO.parent / "shared" / "corpora" / "feeds",
)

from hindsight.feeds import update  # noqa: E402
from hindsight.feeds.dedupe import Keyed, content_hash, parse_keyed  # noqa: E402
from hindsight.feeds.health import Outcome  # noqa: E402
from hindsight.feeds.update import FeedWrite  # noqa: E402
from storage import feeds as repo  # noqa: E402
from storage.db import Database  # noqa: E402
from storage.models import Base  # noqa: E402

NOW = datetime(2025, 1, 1, tzinfo=UTC)
BATCH = 200


def parsed_corpus() -> list[list[Keyed]]:
    files = sorted(p for p in CORPUS.rglob("*") if p.is_file() and p.suffix != ".md")
    if not files:
        raise SystemExit(f"no feed corpus at {CORPUS}")
    feeds = [parse_keyed(p.read_bytes(), url=p.as_uri())[1] for p in files]
    return [items for items in feeds if items]


def edited(items: list[Keyed]) -> list[Keyed]:
    """The same entries with another text, as a publisher's correction would leave them."""
    result = []
    for k in items:
        entry = replace(k.entry, text=k.entry.text + " (corrected)")
        result.append(replace(k, entry=entry, content_hash=content_hash(entry.title, entry.text)))
    return result


def timed(db: Database, writes: list[FeedWrite]) -> tuple[float, float]:
    """CPU seconds of recording `writes` in batches: (all of it, the decide step's share)."""
    total = deciding = 0.0
    for start in range(0, len(writes), BATCH):
        batch = writes[start : start + BATCH]
        began = time.process_time()
        with db.session() as session:
            states = repo.feed_states(session, {w.source_id for w in batch})
            known = repo.known_entries(session, {w.source_id for w in batch if w.entries})
            t0 = time.process_time()
            wanted = update.lookups(batch, known)
            deciding += time.process_time() - t0
            by_link, by_hash = repo.news_documents(session, wanted.links, wanted.hashes)
            taken = repo.sources_by_url(session, wanted.urls)
            knowledge = update.Knowledge(states, known, by_link, by_hash, taken)
            t0 = time.process_time()
            decided = update.decide(batch, knowledge, now=NOW, interval=3600, max_backoff=86400)
            deciding += time.process_time() - t0
            repo.apply_update(session, decided.update)
        total += time.process_time() - began
    return total, deciding


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--copies", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    feeds = parsed_corpus()
    best: dict[str, tuple[float, float]] = {}
    entries = 0
    for _ in range(args.repeat):
        with tempfile.TemporaryDirectory() as folder:
            db = Database(f"sqlite:///{folder}/store.db")
            Base.metadata.create_all(db.engine)
            with db.session() as session:
                count = len(feeds) * args.copies
                ids = [
                    repo.add_feed(session, f"http://h{i}.example/rss")[0].id for i in range(count)
                ]
            bodies = [feeds[i % len(feeds)] for i in range(len(ids))]
            entries = sum(len(b) for b in bodies)
            ok = Outcome(status=200, etag='"1"')
            passes = {
                "cold": [FeedWrite(i, ok, b) for i, b in zip(ids, bodies, strict=True)],
                "unchanged": [FeedWrite(i, ok, b) for i, b in zip(ids, bodies, strict=True)],
                "updated": [FeedWrite(i, ok, edited(b)) for i, b in zip(ids, bodies, strict=True)],
                "304s": [FeedWrite(i, Outcome(status=304, not_modified=True)) for i in ids],
            }
            for name, writes in passes.items():
                figures = timed(db, writes)
                if name not in best or figures[0] < best[name][0]:
                    best[name] = figures
            db.dispose()
    print(f"{len(feeds) * args.copies} feeds, {entries} entries, batches of {BATCH} feeds")
    for name, (total, deciding) in best.items():
        share = deciding / total if total else 0.0
        print(f"  {name:>9}: {total:.3f} s CPU, decide {deciding:.3f} s ({share:.0%})")


if __name__ == "__main__":
    main()
