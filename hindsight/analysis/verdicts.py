"""Decide where a prediction stands from all the evidence so far.

Rules, each defensible in one line:
- a question ("whether X or Y") predicts nothing: it stays open;
- only supporting and contradicting items count: related news (about the subject, deciding
  nothing) is shown to the reader but never weighed;
- no decisive evidence: open until the deadline, expired after it (nothing is decided from the
  seed alone);
- evidence is weighed by its confidence (facts over plans over rumours and talks) and by recency
  (a half-life of two years before the newest evidence), so that the subject's own finished
  factory in 2023 outweighs talks reported in 2021;
- one side clearly heavier: supported or contradicted; otherwise mixed;
- prefer no clear verdict to a wrong one: a side wins only if no decisive item against it is as
  strong (after the age discount) as its own strongest item, however many items it has;
- a status depends on the evidence and the date only, so `expired` (deadline passed, nothing
  decisive yet) turns into a verdict as soon as decisive evidence is stored, whenever it is dated.
"""

from __future__ import annotations

from datetime import date

from hindsight.analysis.matching import is_question
from hindsight.domain import Evidence, Prediction, Stance, Status, Verdict

__all__ = ["DECISIVE", "decide_status", "weight"]

DECISIVE = 0.5  # the least confidence an assessment needs to decide a status on its own
_HALF_LIFE_DAYS = 730.0
_CLEAR_MARGIN = 2.0  # one side must weigh this many times the other


def weight(evidence: Evidence, newest: date | None) -> float:
    """Confidence discounted by age relative to the newest evidence (2-year half-life)."""
    confidence = evidence.assessment.confidence
    if newest is None or evidence.published is None:
        return confidence
    age = max(0, (newest - evidence.published).days)
    return confidence * 0.5 ** (age / _HALF_LIFE_DAYS)


def _describe(e: Evidence) -> str:
    when = e.published.isoformat() if e.published else "undated"
    return f"{e.assessment.reason} ({when})"


def decide_status(prediction: Prediction, evidence: list[Evidence], today: date) -> Verdict:
    """The status of `prediction` given `evidence` (assessments with where and when) as of today."""
    if is_question(prediction):
        return Verdict(Status.OPEN, "asks a question rather than predicting an outcome")
    relevant = [
        e
        for e in evidence
        if e.assessment.stance.decides and (e.published is None or e.published <= today)
    ]
    decisive = [e for e in relevant if e.assessment.confidence >= DECISIVE]
    if not decisive:
        if prediction.deadline and today > prediction.deadline:
            return Verdict(
                Status.EXPIRED,
                f"deadline {prediction.deadline.isoformat()} passed without decisive "
                f"evidence ({len(relevant)} weak item(s))",
            )
        return Verdict(Status.OPEN, f"no decisive evidence yet ({len(relevant)} weak item(s))")
    dates = [e.published for e in relevant if e.published]
    newest = max(dates) if dates else None
    # Each item's weight once: a prediction on a busy subject has thousands of items, and the
    # sorts below ask for them again.
    weights = {id(e): weight(e, newest) for e in relevant}

    def weighed(e: Evidence) -> float:
        return weights[id(e)]

    sides = {Stance.SUPPORTS: 0.0, Stance.CONTRADICTS: 0.0}
    for e in relevant:
        sides[e.assessment.stance] += weights[id(e)]
    pro, con = sides[Stance.SUPPORTS], sides[Stance.CONTRADICTS]
    if pro >= _CLEAR_MARGIN * con or (pro > con and con == 0):
        status, side = Status.SUPPORTED, Stance.SUPPORTS
    elif con >= _CLEAR_MARGIN * pro:
        status, side = Status.CONTRADICTED, Stance.CONTRADICTS
    else:
        both = sorted(decisive, key=weighed, reverse=True)[:4]
        return Verdict(
            Status.MIXED,
            f"evidence both ways (support {pro:.2f} vs contradiction {con:.2f})",
            tuple(both),
        )
    chosen = sorted(
        (e for e in decisive if e.assessment.stance == side),
        key=weighed,
        reverse=True,
    )[:3]
    if not chosen:  # the winning side has only weak items; the strong ones lost on recency
        return Verdict(
            Status.MIXED,
            f"strong evidence outweighed by later weak evidence ({pro:.2f} vs {con:.2f})",
            tuple(decisive[:3]),
        )
    against = [weighed(e) for e in decisive if e.assessment.stance != side]
    if against and max(against) >= weighed(chosen[0]):
        # Two stories saying yes do not settle it against one as sure saying no.
        opposed = max((e for e in decisive if e.assessment.stance != side), key=weighed)
        return Verdict(
            Status.MIXED,
            f"evidence both ways as strong (support {pro:.2f} vs contradiction {con:.2f})",
            (chosen[0], opposed),
        )
    reason = f"{status.value} ({pro:.2f} vs {con:.2f}): " + _describe(chosen[0])
    return Verdict(status, reason, tuple(chosen))
