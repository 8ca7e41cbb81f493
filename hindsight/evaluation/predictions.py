"""Measure prediction extraction against gold lists: recall and precision per article.

Matching is by word overlap, so a prediction cut at a slightly different clause boundary than
the gold quote still counts, while one that drowns the quote in a long paragraph does not:
- a gold quote is *found* when one extracted prediction holds >= 0.6 of the quote's words;
- an extracted prediction is *correct* when >= 0.5 of its own words lie in one gold quote.
Words are lower-cased alphanumeric tokens counted with multiplicity (punctuation and quote marks
ignored, so "3–5" and "3-5" agree).

The `kind` column is the share of found gold items whose extracted prediction has the gold kind.

Run: `python -m hindsight.evaluation.predictions [--seed PATH --gold PATH --published YYYY-MM-DD]`.
Without arguments it scores the shared Xiaomi seed (if `../shared` exists beside the repo) and every
`tests/seeds/*.predictions.jsonl` with the article of the same name.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from hindsight import reading
from hindsight.analysis.predictions import extract_predictions
from hindsight.domain import Prediction, SeedArticle

if TYPE_CHECKING:
    from storage.llm_cache import StoredAnswers

__all__ = [
    "ArticleScore",
    "Match",
    "default_cases",
    "load_gold",
    "load_gold_kinds",
    "read_seed",
    "score_article",
    "score_extraction",
]

FOUND_SHARE = 0.6
CORRECT_SHARE = 0.5
_TOKEN_RE = re.compile(r"[a-z0-9]+")
_REPO = Path(__file__).resolve().parents[2]
_SHARED = _REPO.parent / "shared"
_ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm")


@dataclass(frozen=True)
class Match:
    """How one gold quote fared: the best extracted item and the share of the quote it covers."""

    gold: str
    best: str | None
    coverage: float

    @property
    def found(self) -> bool:
        return self.coverage >= FOUND_SHARE


@dataclass(frozen=True)
class ArticleScore:
    name: str
    recall: float
    precision: float
    gold: int
    extracted: int
    misses: tuple[str, ...]
    false_positives: tuple[str, ...]
    kind_agreement: float | None = None  # share of found gold items given the gold kind


def _tokens(text: str) -> Counter[str]:
    return Counter(_TOKEN_RE.findall(text.lower()))


def _overlap(a: Counter[str], b: Counter[str]) -> int:
    return sum((a & b).values())


def score_extraction(
    extracted: list[str], gold_quotes: list[str]
) -> tuple[float, float, dict[str, object]]:
    """Return (recall, precision, details) of extracted statement texts against gold quotes.

    `details` holds `matches` (one `Match` per gold quote) and `false_positives` (extracted
    texts that lie mostly outside every gold quote).
    """
    ext = [_tokens(t) for t in extracted]
    gold = [_tokens(g) for g in gold_quotes]
    matches: list[Match] = []
    for quote, g in zip(gold_quotes, gold, strict=True):
        total = sum(g.values()) or 1
        best_i, best = None, 0.0
        for i, e in enumerate(ext):
            share = _overlap(g, e) / total
            if share > best:
                best_i, best = i, share
        matches.append(Match(quote, extracted[best_i] if best_i is not None else None, best))
    correct: list[str] = []
    false_positives: list[str] = []
    for text, e in zip(extracted, ext, strict=True):
        total = sum(e.values()) or 1
        ok = any(_overlap(e, g) / total >= CORRECT_SHARE for g in gold)
        (correct if ok else false_positives).append(text)
    recall = sum(m.found for m in matches) / len(matches) if matches else 1.0
    precision = len(correct) / len(extracted) if extracted else (1.0 if not gold_quotes else 0.0)
    return recall, precision, {"matches": matches, "false_positives": false_positives}


def score_article(
    name: str,
    seed: SeedArticle,
    gold_quotes: list[str],
    gold_kinds: list[str] | None = None,
    extract: Callable[[SeedArticle], list[Prediction]] = extract_predictions,
) -> ArticleScore:
    """Extract from one seed and score it (and, given gold kinds, how often the kind agrees).

    `extract` is the extractor measured (default: the rules; `--extract llm` the union with the
    model's forecasts)."""
    predictions: list[Prediction] = extract(seed)
    recall, precision, details = score_extraction([p.text for p in predictions], gold_quotes)
    matches: list[Match] = details["matches"]  # type: ignore[assignment]
    fps: list[str] = details["false_positives"]  # type: ignore[assignment]
    agreement = None
    if gold_kinds:
        kind_of = {p.text: str(p.kind) for p in predictions}
        pairs = [
            (kind_of[m.best], kind)
            for m, kind in zip(matches, gold_kinds, strict=True)
            if m.found and m.best is not None
        ]
        agreement = sum(a == b for a, b in pairs) / len(pairs) if pairs else None
    return ArticleScore(
        name=name,
        recall=recall,
        precision=precision,
        gold=len(gold_quotes),
        extracted=len(predictions),
        misses=tuple(m.gold for m in matches if not m.found),
        false_positives=tuple(fps),
        kind_agreement=agreement,
    )


def load_gold(path: Path) -> list[str]:
    """Quotes of a gold list (one JSON object per line with a `quote`)."""
    return [str(record["quote"]) for record in _records(path)]


def load_gold_kinds(path: Path) -> list[str]:
    """Kinds of a gold list, in the order of `load_gold`."""
    return [str(record.get("kind", "")) for record in _records(path)]


def _records(path: Path) -> list[dict[str, object]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def read_seed(path: Path, published: date | None) -> SeedArticle:
    """Read a seed with the project's reader; an explicit publication date wins."""
    seed = reading.read_seed(path)
    return replace(seed, published=published) if published else seed


def default_cases() -> list[tuple[str, Path, Path, date | None]]:
    """(name, seed, gold, published) for the shared Xiaomi seed and every bundled test seed."""
    cases: list[tuple[str, Path, Path, date | None]] = []
    xiaomi_seed = _SHARED / "seeds" / "xiaomi-ev-2021-03-31.txt"
    xiaomi_gold = _SHARED / "eval" / "xiaomi" / "predictions.jsonl"
    if xiaomi_seed.exists() and xiaomi_gold.exists():
        cases.append(("xiaomi", xiaomi_seed, xiaomi_gold, date(2021, 3, 31)))
    for gold in sorted((_REPO / "tests" / "seeds").glob("*.predictions.jsonl")):
        stem = gold.name.removesuffix(".predictions.jsonl")
        for suffix in _ARTICLE_SUFFIXES:
            article = gold.with_name(stem + suffix)
            if article.exists():
                cases.append((stem, article, gold, None))
                break
    return cases


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=Path)
    parser.add_argument("--gold", type=Path)
    parser.add_argument("--published", type=date.fromisoformat)
    parser.add_argument("-v", "--verbose", action="store_true", help="list misses and extras")
    parser.add_argument(
        "--extract",
        choices=("rules", "llm"),
        default="rules",
        help="llm: the rules' forecasts united with the model's ([llm] settings)",
    )
    args = parser.parse_args(argv)
    extract: Callable[[SeedArticle], list[Prediction]] = extract_predictions
    backend = None
    if args.extract == "llm":
        from hindsight.llm.extract import extract_with_model
        from hindsight.llm.setup import BackendError, open_backend
        from hindsight.settings import load_settings

        settings = load_settings()
        try:
            backend = open_backend(settings.llm, _eval_cache(settings.home))
        except BackendError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
        asker = backend.asker

        def extract(seed: SeedArticle) -> list[Prediction]:
            return extract_with_model(seed, asker).predictions

    if args.seed and args.gold:
        cases = [(args.seed.stem, args.seed, args.gold, args.published)]
    else:
        cases = default_cases()
    if not cases:
        print("no seed/gold pairs found", file=sys.stderr)
        return 1
    print(f"{'article':28} {'gold':>4} {'found':>5} {'recall':>6} {'precision':>9} {'kind':>5}")
    for name, seed_path, gold_path, published in cases:
        seed = read_seed(seed_path, published)
        score = score_article(name, seed, load_gold(gold_path), load_gold_kinds(gold_path), extract)
        found = score.gold - len(score.misses)
        kind = "-" if score.kind_agreement is None else f"{score.kind_agreement:.2f}"
        print(
            f"{name:28} {score.gold:4d} {found:5d} {score.recall:6.2f} {score.precision:9.2f}"
            f" {kind:>5}   ({score.extracted} extracted)"
        )
        if args.verbose:
            for miss in score.misses:
                print(f"    MISS  {miss}")
            for extra in score.false_positives:
                print(f"    EXTRA {extra}")
    if backend is not None:
        backend.close()
        print(backend.asker.usage.describe())
    return 0


def _eval_cache(home: Path) -> StoredAnswers:
    """The model's answers for evaluations, kept beside the data (a second run is free)."""
    from storage.db import Database
    from storage.llm_cache import StoredAnswers

    db = Database(f"sqlite:///{(home / 'llm-eval-cache.db').resolve()}")
    db.migrate()
    return StoredAnswers(db)


if __name__ == "__main__":
    raise SystemExit(main())
