"""Measure prediction extraction against gold lists, beside a naive filter as the floor to beat.

The scoring rules are the held-out checks' own (issue #9), applied to the words of the article as
the reader gives them (lower-cased alphanumeric tokens; Markdown link targets in a gold quote are
not words of the article and are dropped before matching):
- a gold item is *found* when one extracted prediction covers >= 0.6 of the words of its quote,
  or of one of its `alt_quotes`, in order (one extracted prediction may find several items);
- an extracted prediction is *real* when it overlaps some gold quote by at least half, either way
  (half of its own words, or half of the quote's, in order);
- a non-prediction (`not_predictions.jsonl`) is *taken* when one extracted prediction covers 0.6
  of its words;
- the owner is right when the extracted owner names the gold owner's party: both "author", or a
  shared name word, case-insensitive.

The naive filter is the issue's twenty-line regex: every sentence or line of at least four words
with a future cue is a prediction. A useful extractor must beat its recall and its precision. Its
one definition lives in `analysis.cue_units`, where the extractor's recall floor reads it too.

Run: `python -m hindsight.evaluation.predictions [--dev-only] [-v]`, or one article with
`--seed PATH --gold PATH [--published YYYY-MM-DD]`, or other articles in the real-seeds format
with `--articles DIR...` (each DIR an article folder, or a set whose subfolders are articles).
Without arguments it scores the shared Xiaomi seed, every development article in
`../shared/eval/real-seeds/`, the blind ones in a block of their own, and the bundled synthetic
seeds (`tests/seeds/*.predictions.jsonl`).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from hindsight import reading
from hindsight.analysis.cue_units import cue_units
from hindsight.analysis.predictions import extract_predictions
from hindsight.domain import Prediction, SeedArticle
from hindsight.reading.errors import SeedError
from hindsight.reading.markdown_text import IMAGE_ALT

if TYPE_CHECKING:
    from storage.llm_cache import StoredAnswers

Extractor = Callable[[SeedArticle], list[Prediction]]

__all__ = [
    "BLIND_REAL_SEEDS",
    "ArticleScore",
    "Case",
    "Gold",
    "Match",
    "article_case",
    "articles_cases",
    "default_cases",
    "load_gold",
    "load_gold_items",
    "load_gold_kinds",
    "naive_predictions",
    "owner_matches",
    "read_seed",
    "real_seed_cases",
    "score_article",
    "score_extraction",
]

FOUND_SHARE = 0.6
CORRECT_SHARE = 0.5
TAKEN_SHARE = 0.6
AUTHOR = "author"
# Kept blind for extraction work: scored only by this command, reported apart, read by no test.
BLIND_REAL_SEEDS = frozenset({"reuters-5g-timelines-2016", "tham-five-tech-predictions-2018"})
_TOKEN_RE = re.compile(r"[a-z0-9]+")
_LINK_TARGET_RE = re.compile(r"\]\([^)\s]*(?:\([^)\s]*\)[^)\s]*)*\)")
_HTML_TAG_RE = re.compile(r"<[^>]+>")
_REPO = Path(__file__).resolve().parents[2]
# Beside the checkout; a worktree elsewhere points at it with HINDSIGHT_SHARED.
_SHARED = Path(os.environ.get("HINDSIGHT_SHARED") or _REPO.parent / "shared")
_REAL_SEEDS = _SHARED / "eval" / "real-seeds"
_ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm")
# Words that name no party: "the analysts' consensus" and "the author" share nothing by them.
_NOT_NAME_WORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "and",
        "or",
        "for",
        "in",
        "on",
        "at",
        "by",
        "to",
        "its",
        "their",
        "his",
        "her",
        "inc",
        "ltd",
        "co",
        "corp",
        "plc",
        "llc",
        "group",
        "company",
        "firm",
    ]
)


@dataclass(frozen=True)
class Gold:
    """One gold item: its quote, other places stating it, whose forecast it is, its kind."""

    quote: str
    alt_quotes: tuple[str, ...] = ()
    owner: str = AUTHOR
    kind: str = ""

    @property
    def quotes(self) -> tuple[str, ...]:
        return (self.quote, *self.alt_quotes)


@dataclass(frozen=True)
class Match:
    """How one gold item fared: the extracted item covering most of it, and that share."""

    gold: str
    best: str | None
    coverage: float
    best_index: int | None = None

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
    found: int = 0
    real: int = 0
    non_predictions: int | None = None  # how many look-alikes exist (None: no such list)
    taken: tuple[str, ...] = ()  # the look-alikes an extracted prediction took
    owners_right: int | None = None  # found items whose owner is right (None: no gold owners)
    owner_misses: tuple[tuple[str, str, str], ...] = ()  # (gold quote, gold owner, extracted)

    @property
    def owner_accuracy(self) -> float | None:
        if self.owners_right is None or not self.found:
            return None
        return self.owners_right / self.found


@dataclass(frozen=True)
class Case:
    """One article to score: where its text and gold list are, and which block it prints in."""

    name: str
    seed: Path
    gold: Path
    published: date | None = None
    not_predictions: Path | None = None
    group: str = "synthetic"  # "xiaomi" | "development" | "blind" | "synthetic"
    owners: bool = False  # whether the gold list states owners
    author: str | None = None


@dataclass
class _Pooled:
    gold: int = 0
    found: int = 0
    extracted: int = 0
    real: int = 0
    owner_found: int = 0
    owner_right: int = 0
    naive_found: int = 0
    naive_extracted: int = 0
    naive_real: int = 0
    scores: list[tuple[ArticleScore, ArticleScore]] = field(default_factory=list)


def _tokens(text: str) -> list[str]:
    return _TOKEN_RE.findall(text.lower())


def _gold_words(quote: str) -> list[str]:
    """A gold quote's words as the reader renders them: link targets and tags are not prose."""
    quote = IMAGE_ALT.sub(r" \1 ", quote)  # a logo in a table's cell stands for its alt text
    return _tokens(_HTML_TAG_RE.sub(" ", _LINK_TARGET_RE.sub("]", quote)))


def _in_order(a: Sequence[str], b: Sequence[str]) -> int:
    """How many words a and b share in the same order (longest common subsequence)."""
    if not a or not b:
        return 0
    if len(b) > len(a):
        a, b = b, a
    previous = [0] * (len(b) + 1)
    for word in a:
        current = [0]
        for j, other in enumerate(b, 1):
            if word == other:
                current.append(previous[j - 1] + 1)
            else:
                current.append(max(previous[j], current[j - 1]))
        previous = current
    return previous[-1]


def _coverage(part: Sequence[str], whole: Sequence[str]) -> float:
    """Share of `part`'s words that `whole` holds in order."""
    return _in_order(part, whole) / len(part) if part else 0.0


def _real(extracted: Sequence[str], golds: Sequence[Sequence[str]]) -> bool:
    for g in golds:
        shared = _in_order(extracted, g)
        if (
            g
            and extracted
            and (shared / len(extracted) >= CORRECT_SHARE or shared / len(g) >= CORRECT_SHARE)
        ):
            return True
    return False


def score_extraction(
    extracted: list[str], gold_quotes: Sequence[str | Gold]
) -> tuple[float, float, dict[str, object]]:
    """Return (recall, precision, details) of extracted statement texts against a gold list.

    `details` holds `matches` (one `Match` per gold item) and `false_positives` (extracted texts
    that overlap no gold quote by half either way).
    """
    golds = [g if isinstance(g, Gold) else Gold(g) for g in gold_quotes]
    ext = [_tokens(t) for t in extracted]
    matches: list[Match] = []
    every_quote: list[list[str]] = []
    for gold in golds:
        best_i, best = None, 0.0
        for quote in gold.quotes:
            words = _gold_words(quote)
            every_quote.append(words)
            for i, e in enumerate(ext):
                share = _coverage(words, e)
                if share > best:
                    best_i, best = i, share
        matches.append(
            Match(gold.quote, extracted[best_i] if best_i is not None else None, best, best_i)
        )
    false_positives = [t for t, e in zip(extracted, ext, strict=True) if not _real(e, every_quote)]
    correct = len(extracted) - len(false_positives)
    recall = sum(m.found for m in matches) / len(matches) if matches else 1.0
    precision = correct / len(extracted) if extracted else (1.0 if not golds else 0.0)
    return recall, precision, {"matches": matches, "false_positives": false_positives}


def owner_matches(extracted: str, gold: str, author: str | None = None) -> bool:
    """Whether an extracted owner names the gold owner's party: both the author, or a shared
    name word, case-insensitive ("Tesla" and "Elon Musk (Tesla)"). Where the seed's author is
    a party the gold names ("NASA" of an advisory NASA issued), "author" is that party."""
    ext, want = extracted.strip().lower(), gold.strip().lower()
    if author and AUTHOR in (ext, want) and ext != want:
        # the party itself, not one it relays ("experts (as summarised by Reuters)")
        ext = re.sub(r"\([^)]*\)", " ", author.lower()) if ext == AUTHOR else ext
        want = re.sub(r"\([^)]*\)", " ", author.lower()) if want == AUTHOR else want
        want = re.sub(r"\([^)]*\)", " ", want)
        ext = re.sub(r"\([^)]*\)", " ", ext)
    elif AUTHOR in (ext, want):
        return ext == want
    words = {_spelled(w) for w in _tokens(ext) if w not in _NOT_NAME_WORDS}
    return bool(words & {_spelled(w) for w in _tokens(want) if w not in _NOT_NAME_WORDS})


def _spelled(word: str) -> str:
    """One spelling for British and American forms and for one or many ("rumours", "rumor")."""
    return re.sub(r"our", "or", word).removesuffix("s")


def _taken(extracted: list[str], not_predictions: list[str]) -> tuple[str, ...]:
    ext = [_tokens(t) for t in extracted]
    taken = []
    for quote in not_predictions:
        words = _gold_words(quote)
        if any(_coverage(words, e) >= TAKEN_SHARE for e in ext):
            taken.append(quote)
    return tuple(taken)


def score_article(
    name: str,
    seed: SeedArticle,
    gold: Sequence[str | Gold],
    gold_kinds: list[str] | None = None,
    not_predictions: list[str] | None = None,
    owners: bool = False,
    extract: Extractor = extract_predictions,
) -> ArticleScore:
    """Extract from one seed and score it: recall, precision, kinds, look-alikes and owners.

    `extract` is the extractor measured (default: the rules; `--extract llm` the union with the
    model's forecasts)."""
    predictions: list[Prediction] = extract(seed)
    return _score(
        name, [p.text for p in predictions], [p.owner for p in predictions], seed, gold,
        gold_kinds, not_predictions, owners, kinds=[str(p.kind) for p in predictions],
    )  # fmt: skip


def _score(
    name: str,
    texts: list[str],
    owners_of: list[str],
    seed: SeedArticle,
    gold: Sequence[str | Gold],
    gold_kinds: list[str] | None,
    not_predictions: list[str] | None,
    owners: bool,
    kinds: list[str] | None = None,
) -> ArticleScore:
    golds = [g if isinstance(g, Gold) else Gold(g) for g in gold]
    recall, precision, details = score_extraction(texts, golds)
    matches: list[Match] = details["matches"]  # type: ignore[assignment]
    fps: list[str] = details["false_positives"]  # type: ignore[assignment]
    found = [(m, g) for m, g in zip(matches, golds, strict=True) if m.found]
    agreement = None
    wanted_kinds = gold_kinds or [g.kind for g in golds]
    if kinds and any(wanted_kinds):
        pairs = [
            (kinds[m.best_index], kind)
            for m, kind in zip(matches, wanted_kinds, strict=True)
            if m.found and m.best_index is not None
        ]
        agreement = sum(a == b for a, b in pairs) / len(pairs) if pairs else None
    owners_right = None
    owner_misses: list[tuple[str, str, str]] = []
    if owners:
        owners_right = 0
        for m, g in found:
            got = owners_of[m.best_index] if m.best_index is not None else ""
            if owner_matches(got, g.owner, seed.author):
                owners_right += 1
            else:
                owner_misses.append((m.gold, g.owner, got))
    return ArticleScore(
        name=name,
        recall=recall,
        precision=precision,
        gold=len(golds),
        extracted=len(texts),
        misses=tuple(m.gold for m in matches if not m.found),
        false_positives=tuple(fps),
        kind_agreement=agreement,
        found=len(found),
        real=len(texts) - len(fps),
        non_predictions=None if not_predictions is None else len(not_predictions),
        taken=_taken(texts, not_predictions) if not_predictions else (),
        owners_right=owners_right,
        owner_misses=tuple(owner_misses),
    )


# ---------------------------------------------------------------------------------------------
# The naive filter: the floor to beat


def naive_predictions(text: str) -> list[str]:
    """The issue's naive filter (`analysis.cue_units`, the extractor's recall floor too): every
    unit of a line of at least four words that holds a future cue."""
    return cue_units(text)


def score_naive(name: str, seed: SeedArticle, gold: Sequence[str | Gold]) -> ArticleScore:
    texts = naive_predictions(seed.text)
    return _score(name, texts, [AUTHOR] * len(texts), seed, gold, None, None, False)


# ---------------------------------------------------------------------------------------------
# Gold lists and cases


def load_gold(path: Path) -> list[str]:
    """Quotes of a gold list (one JSON object per line with a `quote`)."""
    return [str(record["quote"]) for record in _records(path)]


def load_gold_items(path: Path) -> list[Gold]:
    """Every gold item with its alternative quotes, owner and kind."""
    return [
        Gold(
            quote=str(r["quote"]),
            alt_quotes=tuple(str(q) for q in r.get("alt_quotes") or ()),  # type: ignore[attr-defined]
            owner=str(r.get("owner") or AUTHOR),
            kind=str(r.get("kind", "")),
        )
        for r in _records(path)
    ]


def load_gold_kinds(path: Path) -> list[str]:
    """Kinds of a gold list, in the order of `load_gold`."""
    return [str(record.get("kind", "")) for record in _records(path)]


def _records(path: Path) -> list[dict[str, object]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def read_seed(path: Path, published: date | None, author: str | None = None) -> SeedArticle:
    """Read a seed with the project's reader, as `hindsight seed add` does; an explicit
    publication date and author win."""
    seed = reading.read_seed(path, published=published, author=author)
    return replace(seed, published=published) if published else seed


def real_seed_cases(root: Path = _REAL_SEEDS, *, blind: bool = True) -> list[Case]:
    """One case per folder of a real-seeds set (article.md, meta.json, predictions.jsonl): adding
    an article is adding a folder. Blind folders are left out unless `blind`."""
    if not root.is_dir():
        return []
    cases = [article_case(folder) for folder in sorted(p for p in root.iterdir() if p.is_dir())]
    return [c for c in cases if c is not None and (blind or c.group != "blind")]


def article_case(folder: Path, group: str = "development") -> Case | None:
    """The case of one article folder in the real-seeds format (None when it is not one); a
    folder named in `BLIND_REAL_SEEDS` is always blind."""
    article, gold = folder / "article.md", folder / "predictions.jsonl"
    if not (article.exists() and gold.exists()):
        return None
    meta_path = folder / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
    published = date.fromisoformat(meta["published"]) if meta.get("published") else None
    nots = folder / "not_predictions.jsonl"
    return Case(
        folder.name,
        article,
        gold,
        published,
        nots if nots.exists() else None,
        "blind" if folder.name in BLIND_REAL_SEEDS else group,
        owners=True,
        author=meta.get("author"),
    )


def articles_cases(paths: Sequence[Path], *, blind: bool = True) -> list[Case]:
    """Cases of extra articles in the real-seeds format: each path is one article folder, or a
    set whose subfolders are articles. Printed in a block of their own ("articles")."""
    cases: list[Case] = []
    for path in paths:
        one = article_case(path, "articles")
        folders = [path] if one else sorted(p for p in path.iterdir() if p.is_dir())
        for folder in folders:
            case = article_case(folder, "articles")
            if case is not None and (blind or case.group != "blind"):
                cases.append(case)
    return cases


def default_cases(*, blind: bool = True) -> list[Case]:
    """The shared Xiaomi seed, the real-seeds set, and every bundled test seed with a gold list."""
    cases: list[Case] = []
    xiaomi_seed = _SHARED / "seeds" / "xiaomi-ev-2021-03-31.txt"
    xiaomi_gold = _SHARED / "eval" / "xiaomi" / "predictions.jsonl"
    if xiaomi_seed.exists() and xiaomi_gold.exists():
        cases.append(Case("xiaomi", xiaomi_seed, xiaomi_gold, date(2021, 3, 31), group="xiaomi"))
    cases.extend(real_seed_cases(blind=blind))
    for gold in sorted((_REPO / "tests" / "seeds").glob("*.predictions.jsonl")):
        stem = gold.name.removesuffix(".predictions.jsonl")
        for suffix in _ARTICLE_SUFFIXES:
            article = gold.with_name(stem + suffix)
            if article.exists():
                cases.append(Case(stem, article, gold))
                break
    return cases


def score_case(
    case: Case, extract: Extractor = extract_predictions
) -> tuple[ArticleScore, ArticleScore]:
    """(the extractor's score, the naive filter's score) on one case."""
    seed = read_seed(case.seed, case.published, case.author)
    gold = load_gold_items(case.gold)
    nots = load_gold(case.not_predictions) if case.not_predictions else None
    ours = score_article(case.name, seed, gold, None, nots, case.owners, extract)
    return ours, score_naive(case.name, seed, gold)


# ---------------------------------------------------------------------------------------------
# Printing

_HEADER = (
    f"{'article':34} {'gold':>4} {'found':>5} {'recall':>6} {'prec':>5} {'taken':>5}"
    f" {'owner':>5} {'kind':>5} | {'naive R':>7} {'naive P':>7}"
)


def _row(ours: ArticleScore, naive: ArticleScore) -> str:
    taken = "-" if ours.non_predictions is None else f"{len(ours.taken)}/{ours.non_predictions}"
    owner = "-" if ours.owner_accuracy is None else f"{ours.owner_accuracy:.2f}"
    kind = "-" if ours.kind_agreement is None else f"{ours.kind_agreement:.2f}"
    return (
        f"{ours.name:34} {ours.gold:4d} {ours.found:5d} {ours.recall:6.2f} {ours.precision:5.2f}"
        f" {taken:>5} {owner:>5} {kind:>5} | {naive.recall:7.2f} {naive.precision:7.2f}"
        f"   ({ours.extracted} extracted, naive {naive.extracted})"
    )


def _pooled_row(label: str, rows: list[tuple[ArticleScore, ArticleScore]]) -> str:
    gold = sum(o.gold for o, _ in rows) or 1
    found = sum(o.found for o, _ in rows)
    extracted = sum(o.extracted for o, _ in rows)
    real = sum(o.real for o, _ in rows)
    owner_found = sum(o.found for o, _ in rows if o.owners_right is not None)
    owner_right = sum(o.owners_right or 0 for o, _ in rows)
    taken = sum(len(o.taken) for o, _ in rows)
    n_found = sum(n.found for _, n in rows)
    n_ext = sum(n.extracted for _, n in rows)
    n_real = sum(n.real for _, n in rows)
    owner = f"{owner_right / owner_found:.2f}" if owner_found else "-"
    return (
        f"{label:34} {gold:4d} {found:5d} {found / gold:6.2f}"
        f" {(real / extracted if extracted else 0.0):5.2f} {taken:5d} {owner:>5} {'':>5} |"
        f" {n_found / gold:7.2f} {(n_real / n_ext if n_ext else 0.0):7.2f}"
    )


def _details(ours: ArticleScore) -> list[str]:
    lines = [f"    MISS  {' '.join(m.split())}" for m in ours.misses]
    lines += [f"    EXTRA {' '.join(e.split())}" for e in ours.false_positives]
    lines += [f"    TAKEN {' '.join(t.split())}" for t in ours.taken]
    lines += [
        f"    OWNER {g!r} wanted, {got!r} given: {' '.join(q.split())[:80]}"
        for q, g, got in ours.owner_misses
    ]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--seed", type=Path)
    parser.add_argument("--gold", type=Path)
    parser.add_argument("--not-predictions", type=Path)
    parser.add_argument("--published", type=date.fromisoformat)
    parser.add_argument("--dev-only", action="store_true", help="leave the blind articles out")
    parser.add_argument(
        "--articles",
        type=Path,
        nargs="+",
        metavar="DIR",
        help="score these article folders (or sets of them) instead of the default cases",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="list misses and extras")
    parser.add_argument(
        "--extract",
        choices=("rules", "llm"),
        default="rules",
        help="llm: the rules' forecasts united with the model's ([llm] settings)",
    )
    args = parser.parse_args(argv)
    extract: Extractor = extract_predictions
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
        has_owners = any("owner" in r for r in _records(args.gold))
        cases = [
            Case(
                args.seed.stem, args.seed, args.gold, args.published, args.not_predictions,
                "single", owners=has_owners,
            )
        ]  # fmt: skip
    elif args.articles:
        missing = [str(p) for p in args.articles if not p.is_dir()]
        if missing:
            print(f"error: not a folder: {', '.join(missing)}", file=sys.stderr)
            return 1
        cases = articles_cases(args.articles, blind=not args.dev_only)
    else:
        cases = default_cases(blind=not args.dev_only)
    if not cases:
        print("no seed/gold pairs found", file=sys.stderr)
        return 1
    blocks = [
        ("single", "article"),
        ("xiaomi", "Xiaomi seed"),
        ("development", "real seeds: development"),
        ("blind", "real seeds: BLIND (scored once, reported apart)"),
        ("articles", "articles given"),
        ("synthetic", "team-written seeds (regression)"),
    ]
    for group, title in blocks:
        in_group = [c for c in cases if c.group == group]
        if not in_group:
            continue
        print(f"\n== {title}")
        print(_HEADER)
        rows = []
        for case in in_group:
            try:
                ours, naive = score_case(case, extract)
            except SeedError as exc:
                # an article the reader refuses is a finding, not the end of the scoring
                print(f"{case.name:<34} REFUSED (left out of the pooled row): {exc}")
                continue
            rows.append((ours, naive))
            print(_row(ours, naive))
            if args.verbose:
                print("\n".join(_details(ours)))
        if len(rows) > 1:
            print(_pooled_row("pooled", rows))
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
