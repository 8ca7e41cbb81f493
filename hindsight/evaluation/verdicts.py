"""Measure claims -> assessments -> verdicts against hand-labelled news, in memory.

Two input formats are read. The Xiaomi development format (`shared/eval/xiaomi/news-dev.jsonl`
and `predictions.jsonl`): each news line has `headline` (may be null), `facts`, `quote`, `url`,
`date`, `category` and gold `predictions` ({prediction id: supports | contradicts |
not_decisive}); each prediction line has `id`, `kind`, `quote` and `status_after_dev_news`
(`open-question`: must stay without a verdict). The real-seeds format
(`shared/eval/real-seeds/<case>/news.jsonl`, `predictions.jsonl`, `article.md`, `meta.json`): the
same news lines without `category` (distractors have an empty `predictions` map, `date` may be
null) and predictions with `status` (supported | contradicted | open) and a `deadline`.

Figures:
- per-item stance precision/recall/F1 for supports and contradicts (an item's stance on a
  prediction is its strongest assessment; gold `not_decisive` and absent mean no stance) and
  their macro-F1;
- status accuracy: the share of predictions whose final status is right (`open` and `expired`
  are both "no verdict", right where the gold settles nothing);
- verdict precision: of the statuses given (anything but open/expired), the share that are right;
  coverage: of the predictions the gold settles, the share that end with the right status. A
  judge that abstains is never wrong and never covers;
- evidence precision: of the evidence items shown under a prediction (every stored stance), the
  share labelled decisive for that prediction, the same way. Predictions the gold settles but no
  item is labelled for (commitments tracked by status only) have no labels to check against and
  are left out (counted apart);
- distractor evidence: evidence items about another company or business (not in the case's main
  category, or labelled `{}`) shown under a prediction they are not labelled decisive for.

`score()` computes them from any results, so stored pipeline output can be scored too.

Run: `python -m hindsight.evaluation.verdicts [case-dir] [--verbose]`; add `--archive` to score the
bundled archive (the same items paraphrased in the team's words, labelled from the case) instead.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from hindsight.analysis.candidates import CandidateIndex, PredictionIndex
from hindsight.analysis.claims import extract_claims
from hindsight.analysis.context import as_read
from hindsight.analysis.judge import make_judge
from hindsight.analysis.subjects import learn_aliases, learn_subjects
from hindsight.analysis.verdicts import decide_status
from hindsight.domain import (
    Evidence,
    NewsItem,
    Prediction,
    SeedArticle,
    Status,
    Subject,
    Verdict,
)
from hindsight.reading import read_seed

__all__ = ["EvalReport", "case_seed", "evaluate", "load_jsonl", "news_item", "score"]

_STANCES = ("supports", "contradicts")


@dataclass
class EvalReport:
    """The figures of one evaluation run, plus the detail needed to see what went wrong."""

    precision: dict[str, float]
    recall: dict[str, float]
    f1: dict[str, float]
    macro_f1: float
    status_accuracy: float
    distractor_evidence: int
    n_items: int
    n_predictions: int
    statuses: dict[str, tuple[str, str, str]] = field(default_factory=dict)  # id: got, gold, why
    # Statuses given (not open/expired) that are right, of those given; 1.0 when none is given.
    verdict_precision: float = 1.0
    n_verdicts: int = 0
    # Predictions the gold settles that end with the right status, of those it settles.
    coverage: float = 0.0
    n_settled: int = 0
    # Evidence items (item x prediction) labelled decisive the same way, of those shown.
    evidence_precision: float = 1.0
    n_evidence: int = 0
    n_evidence_unchecked: int = 0  # shown under predictions no item is labelled for
    errors: list[str] = field(default_factory=list)
    # Macro-F1 counting stances on predictions no item is labelled for as false positives.
    macro_f1_all: float = 0.0
    unlabelled: tuple[str, ...] = ()  # predictions no item is labelled for
    # With the model backend: its calls, cache hits and tokens (one line, and the counts).
    model: str = ""
    model_usage: dict[str, int] = field(default_factory=dict)

    def format(self, verbose: bool = False) -> str:
        """A plain-text report: figures first, then per-prediction statuses."""
        lines = [f"items {self.n_items}, predictions {self.n_predictions}"]
        for stance in _STANCES:
            lines.append(
                f"{stance:<12} precision {self.precision[stance]:.2f}  recall "
                f"{self.recall[stance]:.2f}  F1 {self.f1[stance]:.2f}"
            )
        lines.append(f"stance macro-F1        {self.macro_f1:.2f}")
        if self.unlabelled:
            lines.append(
                f"  (counting stances on {', '.join(self.unlabelled)}, which no item is labelled "
                f"for, as wrong: {self.macro_f1_all:.2f})"
            )
        lines.append(f"final-status accuracy  {self.status_accuracy:.2f}")
        right_verdicts = round(self.verdict_precision * self.n_verdicts)
        # A share of nothing is no figure: "n/a", never a 1.00 that reads as a perfect score.
        lines.append(
            f"verdict precision      {_share(self.verdict_precision, self.n_verdicts)}  "
            f"({right_verdicts} right of {self.n_verdicts} statuses given)"
        )
        lines.append(
            f"coverage               {self.coverage:.2f}  "
            f"({round(self.coverage * self.n_settled)} of {self.n_settled} settled predictions)"
        )
        unchecked = (
            f"; {self.n_evidence_unchecked} more under unlabelled predictions"
            if self.n_evidence_unchecked
            else ""
        )
        lines.append(
            f"evidence precision     {_share(self.evidence_precision, self.n_evidence)}  "
            f"({round(self.evidence_precision * self.n_evidence)} decisive of "
            f"{self.n_evidence} shown{unchecked})"
        )
        lines.append(f"distractor evidence    {self.distractor_evidence}")
        if self.model:
            lines.append(self.model)
        if verbose:
            lines.append("")
            for pid, (got, gold, why) in self.statuses.items():
                mark = "ok " if _status_ok(got, gold) else "BAD"
                lines.append(f"{mark} {pid:<4} {got:<12} gold {gold:<14} {why}")
            lines.extend(["", *self.errors])
        return "\n".join(lines)


def _share(value: float, of: int) -> str:
    return f"{value:.2f}" if of else "n/a "


# Statuses that give no verdict: never wrong, never covering.
NO_VERDICT = frozenset({Status.OPEN.value, Status.EXPIRED.value})
# Gold statuses that settle a prediction.
SETTLED = frozenset({Status.SUPPORTED.value, Status.CONTRADICTED.value})


def gold_status(prediction: Mapping[str, Any]) -> str:
    """The gold status of either format: `status_after_dev_news` (Xiaomi) or `status`."""
    return str(prediction.get("status_after_dev_news") or prediction.get("status") or "open")


def _status_ok(got: str, gold: str) -> bool:
    if gold not in SETTLED:  # open, open-question: nothing to decide, so no verdict is right
        return got in NO_VERDICT
    return got == gold


def _off_topic(record: Mapping[str, Any], main: str | None) -> bool:
    """About another company or business: outside the main category, or labelled for nothing."""
    category = record.get("category")
    return not record.get("predictions") or (category is not None and str(category) != main)


def load_jsonl(path: Path) -> list[dict[str, Any]]:
    """Records of a JSON-lines file."""
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def news_item(record: Mapping[str, Any]) -> NewsItem:
    """A NewsItem from a development record: headline as title, facts and quote as text."""
    # Separate paragraphs: the quote is a sentence of its own, not a continuation of the facts.
    text = "\n".join(str(record.get(k) or "").strip() for k in ("facts", "quote")).strip()
    published = datetime.fromisoformat(record["date"]) if record.get("date") else None
    return NewsItem(
        url=record.get("url") or "",
        title=record.get("headline") or "",
        text=text,
        published=published,
    )


def _item_id(record: Mapping[str, Any], position: int) -> str:
    return str(record.get("id") or record.get("url") or position)


def score(
    news_records: Sequence[Mapping[str, Any]],
    gold_predictions: Sequence[Mapping[str, Any]],
    item_stances: Mapping[str, Mapping[str, str]],
    statuses: Mapping[str, str],
    reasons: Mapping[str, str] | None = None,
) -> EvalReport:
    """Figures from results: `item_stances[item id][prediction id]` is "supports"/"contradicts"
    (anything else or absent: no stance), `statuses[prediction id]` a Status value.

    Item ids are the records' `id` (else `url`, else their position in the list). Stances on a
    prediction that no item is labelled for (commitments tracked by status only) are left out of
    the stance figures, since no label says whether they are right; `macro_f1_all` counts them
    as false positives instead.
    """
    counts: dict[str, Counter[str]] = {s: Counter() for s in _STANCES}  # tp, fp, fn
    extra: dict[str, Counter[str]] = {s: Counter() for s in _STANCES}  # on unlabelled predictions
    errors: list[str] = []
    labelled = Counter(str(r.get("category")) for r in news_records if r.get("predictions"))
    main = labelled.most_common(1)[0][0] if labelled else None
    covered = {str(pid) for r in news_records for pid in (r.get("predictions") or {})}
    unlabelled = tuple(
        str(p["id"]) for p in gold_predictions if covered and str(p["id"]) not in covered
    )
    # Settled by the gold yet labelled on no item: its labels are missing, not negative.
    unchecked = {str(p["id"]) for p in gold_predictions if gold_status(p) in SETTLED} - covered
    distractors = shown = decisive = shown_unchecked = 0
    for position, record in enumerate(news_records):
        iid = _item_id(record, position)
        gold = {k: v for k, v in (record.get("predictions") or {}).items() if v in _STANCES}
        got = {k: v for k, v in (item_stances.get(iid) or {}).items() if v in _STANCES}
        for pid, stance in got.items():
            if pid not in gold and _off_topic(record, main):  # relevant to nothing tracked
                distractors += 1
                errors.append(f"distractor {iid} {record.get('date')} under {pid}: {stance}")
            if pid in unchecked:
                shown_unchecked += 1
                continue
            shown += 1
            decisive += gold.get(pid) == stance
        # In the gold's numbering order (P2 before P10): the report reads the same every run.
        for pid in sorted(set(gold) | set(got), key=lambda pid: (len(pid), pid)):
            g, p = gold.get(pid), got.get(pid)
            if pid in unlabelled:
                # The items are never labelled for it: its evidence is judged by its status.
                extra[str(p)]["fp"] += 1
                continue
            if g is not None and g == p:
                counts[g]["tp"] += 1
                continue
            if p:
                counts[p]["fp"] += 1
            if g:
                counts[g]["fn"] += 1
            errors.append(f"item {iid} {record.get('date')} {pid}: got {p or '-'} gold {g or '-'}")
    precision, recall, f1 = _figures(counts)
    all_counts = {s: counts[s] + extra[s] for s in _STANCES}
    f1_all = _figures(all_counts)[2]
    status_rows: dict[str, tuple[str, str, str]] = {}
    right = given = given_right = settled = covering = 0
    for prediction in gold_predictions:
        pid = str(prediction["id"])
        got_status = statuses.get(pid, Status.OPEN.value)
        expected = gold_status(prediction)
        ok = _status_ok(got_status, expected)
        right += ok
        if got_status not in NO_VERDICT:
            given += 1
            given_right += ok
        if expected in SETTLED:
            settled += 1
            covering += ok
        status_rows[pid] = (got_status, expected, (reasons or {}).get(pid, ""))
    return EvalReport(
        precision=precision,
        recall=recall,
        f1=f1,
        macro_f1=sum(f1.values()) / len(f1),
        macro_f1_all=sum(f1_all.values()) / len(f1_all),
        unlabelled=unlabelled,
        status_accuracy=right / len(gold_predictions) if gold_predictions else 0.0,
        distractor_evidence=distractors,
        verdict_precision=given_right / given if given else 1.0,
        n_verdicts=given,
        coverage=covering / settled if settled else 0.0,
        n_settled=settled,
        evidence_precision=decisive / shown if shown else 1.0,
        n_evidence=shown,
        n_evidence_unchecked=shown_unchecked,
        n_items=len(news_records),
        n_predictions=len(gold_predictions),
        statuses=status_rows,
        errors=errors,
    )


def _figures(
    counts: Mapping[str, Counter[str]],
) -> tuple[dict[str, float], dict[str, float], dict[str, float]]:
    """Precision, recall and F1 per stance from true/false positive and false negative counts."""
    precision, recall, f1 = {}, {}, {}
    for stance in _STANCES:
        c = counts[stance]
        precision[stance] = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
        recall[stance] = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
        denominator = precision[stance] + recall[stance]
        f1[stance] = 2 * precision[stance] * recall[stance] / denominator if denominator else 0.0
    return precision, recall, f1


# A list item's marker at a quote's start: "- ", "* ", "1. ", "4) ".
_LIST_MARKER = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])\s+")
_QUOTE_WORD = re.compile(r"[a-z0-9]+")
_TABLE_TAG = re.compile(r"</?(?:td|th|tr|table|thead|tbody)\b[^>]*>", re.I)


def describe_gold(
    gold_predictions: Sequence[Mapping[str, Any]],
    seed: SeedArticle,
) -> dict[str, Prediction]:
    """Structure each gold quote with the prediction extractor (the kind as a hint).

    Its subject is the one the extractor gives the statement holding the quote when it reads the
    whole seed (who a forecast is about depends on the sentences around it), else the seed's
    main subject; a quote from a list item takes what the item lacks from the item's heading
    and lead-in as the extractor read them (`analysis.context`), and keeps the context line the
    extractor stored (a pick's competition, "Group A"), as the pipeline does.
    """
    from hindsight.analysis.awards import award_pick_of, is_marked_pick
    from hindsight.analysis.context import carry
    from hindsight.analysis.horizons import title_year, titled_event, year_ahead
    from hindsight.analysis.prediction_fields import refreshed
    from hindsight.analysis.predictions import (
        describe_prediction,
        extract_predictions,
        in_title_year,
        in_year_ahead,
        main_subject,
    )
    from hindsight.reading.markdown_text import plain_inline

    published = seed.published or date.today()
    subject = main_subject(seed.text, seed.author, seed.title)
    extracted = extract_predictions(seed)

    used: set[str] = set()

    def holding(quote: str) -> Prediction | None:
        """The statement holding the quote, the closest first: a later figure of a series
        ("3.6 percent in 2017") is its own statement inside the sentence's. A quote the article
        writes more than once ("Most Likely: The Revenant" under two awards' headings) is each
        gold's next occurrence, in the order of the gold list."""
        inside = [found for found in extracted if quote in found.text]
        if not inside:
            # A quote the reader renders otherwise (a table's row, "<td>UKIP</td> <td>1</td>
            # ..."): the statement holding all its words.
            words = set(_QUOTE_WORD.findall(quote.lower()))
            inside = [
                found
                for found in extracted
                if words and words <= set(_QUOTE_WORD.findall(found.text.lower()))
            ]
        if inside:
            closest = min(len(found.text) for found in inside)
            same = [found for found in inside if len(found.text) == closest]
            found = next((f for f in same if f.key not in used), same[0])
            used.add(found.key)
            return found
        # A quote taking in a heading and its list ("Sound Mixing - Baby Driver - Dunkirk"):
        # the statement read under that heading, then the longest. A marked pick ("The Shape
        # of Water" under "Original Score") is no part of a quote leaving its heading out.
        within = [
            found
            for found in extracted
            if found.text in quote
            and not (is_marked_pick(found.context) and _heading(found.context) not in quote)
        ]
        return max(
            within,
            key=lambda f: (bool(f.context) and _heading(f.context) in quote, len(f.text)),
            default=None,
        )

    def described(record: Mapping[str, Any]) -> Prediction:
        # As the pipeline reads the article: a quote copied from Markdown loses its syntax, a
        # list item's marker ("1. Jets (Playoffs)") included.
        raw = _TABLE_TAG.sub(" ", str(record["quote"]))  # a table's cells copied as HTML
        quote = plain_inline(_LIST_MARKER.sub("", raw, count=1))
        found = holding(quote)
        if found is not None and (
            award_pick_of(found.text, found.context)
            or (quote not in found.text and found.text not in quote)
        ):
            # A table's cell ("Mike Trout (OF, Angels)") is tracked as its labelled line
            # ("Most Valuable Player: Mike Trout (OF, Angels)"): the label is what is picked;
            # a row is tracked as its range ("UKIP: 1 to 8 seats, 3 central").
            quote = found.text
        prediction = describe_prediction(
            quote, published, record.get("kind"), found.subject if found else subject
        )
        if found is not None and found.context:
            prediction = carry(prediction, found.context, published)
            if prediction.subject != found.subject:  # who it is about, as the extractor read it
                prediction = refreshed(replace(prediction, subject=found.subject))
            if prediction.context is None:  # the context line as stored ("Group A" of a pick)
                prediction = replace(prediction, context=found.context)
        if found is not None:
            prediction = replace(prediction, owner=found.owner)  # whose forecast, as read
        prediction = replace(prediction, made=seed.published)  # written the day published
        return in_title_year(
            in_year_ahead(prediction, published, year_ahead(seed.title, published)),
            title_year(seed.title, published),
            titled_event(seed.title),
        )

    return {str(p["id"]): described(p) for p in gold_predictions}


def evaluate(
    news_records: Sequence[Mapping[str, Any]],
    gold_predictions: Sequence[Mapping[str, Any]],
    seed: SeedArticle,
    today: date | None = None,
    make_index: Callable[[list[Prediction], list[Subject]], CandidateIndex] | None = None,
    backend: str = "rules",
) -> EvalReport:
    """Run claims -> assessments -> verdicts over the records and score them against the gold.

    `make_index` builds the candidate retriever (default: the lexical `PredictionIndex`), so
    another retriever can be measured on the same data; `backend` names the judge.
    """
    by_id = {pid: as_read(p) for pid, p in describe_gold(gold_predictions, seed).items()}
    key_to_id = {p.key: pid for pid, p in by_id.items()}
    predictions = list(by_id.values())
    subjects = learn_subjects(seed, predictions)
    index = (make_index or PredictionIndex)(predictions, subjects)
    judge = make_judge(backend, subjects, predictions)
    order = sorted(range(len(news_records)), key=lambda i: str(news_records[i].get("date")))
    stances: dict[str, dict[str, str]] = {}
    evidence: dict[str, list[Evidence]] = {pid: [] for pid in by_id}
    for position in order:
        record = news_records[position]
        item = news_item(record)
        subjects = learn_aliases(subjects, item)
        judge.subjects = subjects
        claims = extract_claims(item, subjects)
        strongest: dict[str, tuple[float, str]] = {}
        for assessment in judge.assess_claims(claims, index):
            if not assessment.stance.decides:
                continue  # related news is shown, never scored as evidence
            pid = key_to_id[assessment.prediction_key]
            if assessment.confidence > strongest.get(pid, (-1.0, ""))[0]:
                strongest[pid] = (assessment.confidence, assessment.stance.value)
            evidence[pid].append(
                Evidence(
                    assessment,
                    item.url,
                    item.title,
                    item.published.date() if item.published else None,
                )
            )
        stances[_item_id(record, position)] = {pid: s for pid, (_, s) in strongest.items()}
    dates = [e.published for items in evidence.values() for e in items if e.published]
    record_dates = [date.fromisoformat(str(r["date"])) for r in news_records if r.get("date")]
    as_of = today or max(record_dates + dates, default=date.today())
    verdicts: dict[str, Verdict] = {
        pid: decide_status(by_id[pid], evidence[pid], as_of) for pid in by_id
    }
    return score(
        news_records,
        gold_predictions,
        stances,
        {pid: v.status.value for pid, v in verdicts.items()},
        {pid: v.reason for pid, v in verdicts.items()},
    )


def case_seed(
    predictions: Path, seed: Path | None = None, published: date | None = None
) -> tuple[SeedArticle, Path]:
    """The seed article the gold list is of, and where it was read from.

    A real-seeds case keeps its seed beside the predictions (`article.md`, with the date and
    author in `meta.json`): the predictions' deadlines are read from that date, so it is used
    when no seed is given. Otherwise the bundled Xiaomi seed.
    """
    folder = predictions.parent
    meta: dict[str, Any] = {}
    if seed is None and (folder / "article.md").is_file():
        seed = folder / "article.md"
        if (folder / "meta.json").is_file():
            meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    if published is None and meta.get("published"):
        published = date.fromisoformat(str(meta["published"]))
    path = seed or _bundled_seed()
    article = read_seed(
        path, published=published, author=meta.get("author"), url=meta.get("url") or None
    )
    return article, path


def _bundled_seed() -> Path:
    from hindsight.settings import BUNDLED_SEED

    return BUNDLED_SEED


def _shared_dir() -> Path:
    return Path(__file__).resolve().parents[2].parent / "shared"


def _bundled_archive() -> Path:
    return Path(__file__).resolve().parents[2] / "seeds" / "xiaomi-news-archive.xml"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("case", nargs="?", default=str(_shared_dir() / "eval" / "xiaomi"))
    parser.add_argument(
        "--archive",
        nargs="?",
        const=str(_bundled_archive()),
        default=None,
        help="score this RSS archive (default: the bundled one), labelled from the case",
    )
    parser.add_argument("--seed", default=str(_shared_dir() / "seeds" / "xiaomi-ev-2021-03-31.txt"))
    parser.add_argument("--published", default="2021-03-31")
    parser.add_argument("--verbose", "-v", action="store_true")
    args = parser.parse_args(argv)
    case = Path(args.case)
    if (case / "news.jsonl").exists() and (case / "article.md").exists():  # a real-seeds case
        seed, _ = case_seed(case / "predictions.jsonl")
        report = evaluate(
            load_jsonl(case / "news.jsonl"), load_jsonl(case / "predictions.jsonl"), seed
        )
        print(report.format(verbose=args.verbose))
        return 0
    seed_path = Path(args.seed)
    if not (case / "news-dev.jsonl").exists() or not seed_path.exists():
        print(f"no evaluation data at {case}", file=sys.stderr)
        return 2
    seed = SeedArticle(
        text=seed_path.read_text(encoding="utf-8"), published=date.fromisoformat(args.published)
    )
    if args.archive:
        from hindsight.evaluation.archive import archive_records

        records = archive_records(Path(args.archive), case / "news-dev.jsonl")
    else:
        records = load_jsonl(case / "news-dev.jsonl")
    report = evaluate(records, load_jsonl(case / "predictions.jsonl"), seed)
    print(report.format(verbose=args.verbose))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())


def _heading(context: str | None) -> str:
    """The heading a context line starts with ("Sound Mixing — the marked pick")."""
    return (context or "").split(" — ")[0]
