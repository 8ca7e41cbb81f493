"""Related news: pairs the candidate matcher proposed that the judge found decided nothing.

Evidence decides or it is not evidence (issue #10): a sentence counts toward a status only when
it states the fact that settles the forecast. A sentence the candidate index pairs with a
prediction (same subject, a question both speak to) that the judge then leaves undecided is
still news a reader following that prediction wants to see, so it is kept as *related*: shown
in the digest's watch list and under the prediction, never weighed.

Which pairs were considered is read from the index itself (`RecordingIndex`), so any `Judge`
works unchanged and the candidates are computed once. A judge may also return `RELATED`
assessments with its own reason (the model judge's "not decisive" answer); the others get a
reason naming the subject and the questions the sentence speaks to. Pure logic: no database.

Only the newest few related items per prediction are ever kept (`storage.verdicts.cap_related`),
and a run on a busy subject proposes hundreds of thousands of pairs that decide nothing, so
`judge_items` makes related items only for the pairs that can still be among the newest `limit`
of the items it judged: building, sending (from a worker) and ranking the others was most of
the cost of a worst-case batch.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from functools import lru_cache

from hindsight.analysis.candidates import CandidateIndex
from hindsight.analysis.judge import Judge
from hindsight.domain import Assessment, Claim, Prediction, Stance, Subject

__all__ = [
    "RecordingIndex",
    "judge_items",
    "related_assessments",
    "related_reason",
]

Considered = tuple[Claim, Prediction, frozenset[str]]


class RecordingIndex:
    """A `CandidateIndex` that remembers every pair it proposed, in order."""

    def __init__(self, index: CandidateIndex) -> None:
        self.index = index
        self.considered: list[Considered] = []

    @property
    def subjects(self) -> list[Subject]:
        return self.index.subjects

    @subjects.setter
    def subjects(self, subjects: list[Subject]) -> None:
        self.index.subjects = subjects

    def candidates(self, claim: Claim) -> list[tuple[Prediction, frozenset[str]]]:
        found = self.index.candidates(claim)
        self.considered.extend((claim, prediction, questions) for prediction, questions in found)
        return found


def _pair(assessment: Assessment) -> tuple[int, str, str]:
    return (assessment.claim.span[0], assessment.claim.text, assessment.prediction_key)


def _answered(judged: Iterable[Assessment]) -> set[tuple[int, str, str]]:
    """The pairs the judge answered itself (decisive, or related with its own reason)."""
    return {_pair(a) for a in judged if a.stance.decides or a.stance == Stance.RELATED}


def related_reason(claim: Claim, prediction: Prediction, questions: Iterable[str]) -> str:
    """Why a sentence is related but not evidence, in one line a reader can check."""
    who = prediction.subject if prediction.subject in claim.subjects else ""
    who = who or (claim.subjects[0] if claim.subjects else prediction.subject) or "the subject"
    return _reason(who, frozenset(questions))


@lru_cache(maxsize=4096)
def _reason(who: str, questions: frozenset[str]) -> str:
    """The reason's words: few subjects and question sets recur across a run's many pairs."""
    topics = ", ".join(sorted(q.replace("_", " ") for q in questions))
    about = f" ({topics})" if topics else ""
    return f"about {who}{about}: states nothing that settles the forecast"


def related_assessments(
    considered: Iterable[Considered], judged: Iterable[Assessment], judge: str = ""
) -> list[Assessment]:
    """A `RELATED` assessment for each considered pair the judgements leave undecided.

    A pair the judge answered (decisive, or related with its own reason) is left to that answer;
    each other pair once, with `related_reason`.
    """
    answered = _answered(judged)
    out: list[Assessment] = []
    for claim, prediction, questions in considered:
        key = (claim.span[0], claim.text, prediction.key)
        if key in answered:
            continue
        answered.add(key)
        reason = related_reason(claim, prediction, questions)
        out.append(Assessment(prediction.key, claim, Stance.RELATED, 0.0, reason, judge=judge))
    return out


# One item's judgement before related items are made: its decisive assessments (and those the
# judge itself called related), and every pair the index proposed for its claims.
Judgement = tuple[list[Assessment], list[Considered]]


def judge_claims(judge: Judge, claims: Iterable[Claim], index: CandidateIndex) -> Judgement:
    """The judge's assessments of `claims` and the pairs the index proposed for them."""
    recorder = RecordingIndex(index)
    return judge.assess_claims(claims, recorder), recorder.considered


def _recency(published: datetime | None) -> tuple[bool, float]:
    """How `storage.verdicts.related_rank` orders stories, without what breaks its ties (the
    content hash, the sentence's place): newest first, undated last."""
    return (published is None, -published.timestamp() if published is not None else 0.0)


def judge_items(
    judgements: Sequence[tuple[datetime | None, Judgement]],
    judge: str,
    limit: int | None = None,
) -> list[list[Assessment]]:
    """Each item's assessments: the judge's, then a related one for every other pair proposed
    (`related_assessments`), in the order proposed; `judgements` are the items' publication
    times with what `judge_claims` returned for them.

    With `limit`, a pair is made related only while it can be among the `limit` newest of its
    prediction over these items: fewer than `limit` related pairs of that prediction come from
    strictly newer items. The batch's own cut (`cap_related`, which breaks ties of time by the
    story's hash and the sentence's place) keeps a subset of these, whatever chunks a batch was
    judged in, so what is stored does not change.
    """
    keep: set[tuple[int, str]] | None = None
    # Items with a pair kept: on a busy subject every prediction soon has its `limit` newest,
    # and most items none, so what an item's judge answered is read only for an item with a
    # pair still in the running, and an item with none is given no related items unread.
    keeping: set[int] = set()
    if limit is not None:
        keep = set()
        taken: dict[str, int] = {}
        last: dict[str, tuple[bool, float]] = {}
        order = sorted(range(len(judgements)), key=lambda i: _recency(judgements[i][0]))
        for i in order:
            when = _recency(judgements[i][0])
            seen: set[tuple[int, str, str]] | None = None
            for claim, prediction, _ in judgements[i][1][1]:
                key = prediction.key
                if taken.get(key, 0) >= limit and last.get(key) != when:
                    continue  # `limit` newer ones already: past the bound in any batch
                if seen is None:
                    seen = _answered(judgements[i][1][0])
                pair = (claim.span[0], claim.text, key)
                if pair in seen or (id(claim), key) in keep:
                    continue
                keep.add((id(claim), key))
                keeping.add(i)
                taken[key] = taken.get(key, 0) + 1
                last[key] = when
    out: list[list[Assessment]] = []
    for i, (_, (judged, considered)) in enumerate(judgements):
        if keep is not None:
            if i not in keeping:
                out.append(list(judged))
                continue
            considered = [c for c in considered if (id(c[0]), c[1].key) in keep]
        out.append(judged + related_assessments(considered, judged, judge))
    return out
