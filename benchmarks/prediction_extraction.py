"""How extraction time grows with article size: it should be linear and a 5 MB article quick.

Two workloads, each scaled to 1 MB and 5 MB:
- *dense*: the bundled test seeds repeated, every copy made unique (names numbered) so nothing is
  deduplicated: nearly every paragraph holds a forecast, the worst case for the structuring step;
- *prose*: plain text of real feed entries from `../shared/corpora/feeds` (blog and news prose,
  about 3.4 MB of it, so the 5 MB run repeats some and the deduplicator skips those statements),
  closer to what a long article mostly is: fewer sentences carry a forecast cue.

Prints seconds, seconds per MB and the 5 MB / 1 MB time ratio (about 5 means linear).
Run: `python benchmarks/prediction_extraction.py`.
"""

from __future__ import annotations

import argparse
import html
import os
import re
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from hindsight.analysis.predictions import extract_predictions
from hindsight.domain import SeedArticle

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("HINDSIGHT_SHARED") or REPO.parent / "shared")
FEEDS = SHARED / "corpora" / "feeds"
MB = 1_000_000


def dense_unit(copy: int) -> str:
    texts = [
        p.read_text(encoding="utf-8") for p in sorted((REPO / "tests" / "seeds").glob("*.txt"))
    ]
    text = "\n\n".join(texts)
    # Number every capitalised name so each copy's statements are new to the deduplicator.
    return re.sub(r"\b([A-Z][a-z]{3,})\b", rf"\g<1>{copy}", text)


def prose_text() -> str:
    import feedparser

    chunks: list[str] = []
    for path in sorted(FEEDS.rglob("*")):
        if not path.is_file() or path.suffix.lower() not in {".xml", ".rss", ".atom", ".rdf"}:
            continue
        for entry in feedparser.parse(path.read_bytes()).entries:
            body = entry.get("summary", "") or ""
            plain = html.unescape(re.sub(r"<[^>]+>", " ", body))
            plain = re.sub(r"[ \t]+", " ", plain).strip()
            if len(plain) > 200:
                chunks.append(plain)
    return "\n\n".join(chunks)


def scaled(make: Callable[[int], str] | str, size: int) -> str:
    """About `size` bytes of text: copies from `make`, or `make` itself cut or repeated."""
    if isinstance(make, str):
        text = make
        while len(text.encode("utf-8")) < size:
            text = text + "\n\n" + make
        cut = text[:size]
        return cut[: cut.rfind("\n\n")] if "\n\n" in cut else cut
    parts: list[str] = []
    total = 0
    copy = 0
    while total < size:
        piece = make(copy)
        parts.append(piece)
        total += len(piece.encode("utf-8"))
        copy += 1
    return "\n\n".join(parts)


def timed(text: str) -> tuple[float, int]:
    start = time.perf_counter()
    found = extract_predictions(SeedArticle(text=text, published=date(2024, 1, 1)))
    return time.perf_counter() - start, len(found)


def main() -> None:
    argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    ).parse_args()  # no options: `--help` says what the benchmark does instead of running it
    workloads: dict[str, Callable[[int], str] | str] = {"dense": dense_unit}
    if FEEDS.exists():
        workloads["prose"] = prose_text()
    for name, make in workloads.items():
        one, n1 = timed(scaled(make, MB))
        five, n5 = timed(scaled(make, 5 * MB))
        print(
            f"{name:6} 1 MB {one:6.2f} s ({n1} predictions)  5 MB {five:6.2f} s ({n5})  "
            f"{five / 5:5.2f} s/MB  ratio 5MB/1MB {five / one:4.1f}"
        )
    empty, n = timed("Nothing in this text looks ahead. " * 30_000)
    print(f"no-forecast text of 1 MB: {empty:.2f} s, {n} predictions")


if __name__ == "__main__":
    main()
