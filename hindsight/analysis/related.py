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
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from hindsight.analysis.candidates import CandidateIndex
from hindsight.analysis.judge import Judge
from hindsight.domain import Assessment, Claim, Prediction, Stance, Subject

__all__ = ["RecordingIndex", "judge_with_related", "related_assessments", "related_reason"]

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
    answered = {_pair(a) for a in judged if a.stance.decides or a.stance == Stance.RELATED}
    out: list[Assessment] = []
    for claim, prediction, questions in considered:
        key = (claim.span[0], claim.text, prediction.key)
        if key in answered:
            continue
        answered.add(key)
        reason = related_reason(claim, prediction, questions)
        out.append(Assessment(prediction.key, claim, Stance.RELATED, 0.0, reason, judge=judge))
    return out


def judge_with_related(
    judge: Judge, claims: Iterable[Claim], index: CandidateIndex
) -> list[Assessment]:
    """The judge's assessments of `claims`, then a related one for every other pair the index
    proposed (the assess stage's call, in-process and in workers alike)."""
    recorder = RecordingIndex(index)
    judged = judge.assess_claims(claims, recorder)
    return judged + related_assessments(recorder.considered, judged, judge.name)
