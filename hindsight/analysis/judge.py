"""Judge a claim against a prediction: supports, contradicts, or nothing, with a checkable reason.

`Judge` is what the pipeline, the worker pool, the flows and the evaluation call; which one runs
is a setting (`[judge] backend`, see `make_judge`), and its name is stored with each assessment.

`RuleJudge` ("rules") asks each registered question (`questions/`) the claim and the prediction
share: every question has one comparison a person could redo by hand (a price inside or outside
the expected range, a launch date inside or outside the window, a realised figure of the same
measure and period against the predicted one, a deed done on the same object...). Plans ("aims
to", "will") can support but never contradict: a plan is not an outcome and may change. Rumours
and talks count, with low confidence, so that later facts outweigh them. Silence is the default.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import Any, Protocol

from hindsight.analysis.candidates import CandidateIndex, PredictionIndex, claim_questions, profile
from hindsight.analysis.claims import extract_claims
from hindsight.analysis.matching import Profile
from hindsight.analysis.places import places_in
from hindsight.analysis.questions import Question, Reader, Verdict
from hindsight.analysis.questions import question as registered
from hindsight.analysis.questions.base import versions
from hindsight.domain import (
    Assessment,
    Claim,
    Kind,
    NewsItem,
    Prediction,
    Stance,
    Subject,
)

__all__ = [
    "JUDGES",
    "Judge",
    "RuleJudge",
    "assess_claims",
    "assess_item",
    "judge_each_candidate",
    "make_judge",
]

_BASE_CONFIDENCE = {"fact": 0.8, "plan": 0.45, "rumour": 0.35}


class Judge(Protocol):
    """Anything that judges claims against predictions.

    `subjects` is replaced (never mutated) by the caller as news teaches new names: a judge reads
    it when it needs to know who the tracked subjects are. `assess_claims` judges a batch (the
    pipeline's call: a judge may share work across the batch); `judge_each_candidate` is the
    plain loop over `assess` a judge without batch work can use.
    """

    name: str
    subjects: list[Subject]

    def assess(self, claim: Claim, prediction: Prediction) -> Assessment | None:
        """An assessment when the claim bears on the prediction, else None."""
        ...

    def assess_claims(self, claims: Iterable[Claim], index: CandidateIndex) -> list[Assessment]:
        """Every supporting or contradicting assessment of `claims` against the predictions
        `index` proposes for each."""
        ...


def judge_each_candidate(
    judge: Judge, claims: Iterable[Claim], index: CandidateIndex
) -> list[Assessment]:
    """`judge.assess` on every candidate pair the index proposes; the decisive ones (and those
    the judge itself calls related, with its reason)."""
    out: list[Assessment] = []
    for claim in claims:
        for prediction, _ in index.candidates(claim):
            assessment = judge.assess(claim, prediction)
            if assessment is not None and assessment.stance != Stance.UNRELATED:
                out.append(assessment)
    return out


class RuleJudge:
    """The built-in judge: one defensible comparison per registered question.

    Each prediction is read once (`profile_of`), with the subjects known when it is first read:
    pass `predictions` to read them all at construction, so the reading does not depend on which
    news came first nor on which process judges it.
    """

    name = "rules"

    def __init__(
        self, subjects: list[Subject] | None = None, predictions: Iterable[Prediction] = ()
    ) -> None:
        self.reader = Reader(list(subjects or []))
        self._profiles: dict[str, Profile] = {}
        for prediction in predictions:
            self.profile_of(prediction)

    @property
    def subjects(self) -> list[Subject]:
        return self.reader.subjects

    @subjects.setter
    def subjects(self, subjects: list[Subject]) -> None:
        self.reader.subjects = subjects

    def __getstate__(self) -> dict[str, Any]:
        """Sent to a worker: the subjects and the predictions' readings, no sentence caches."""
        return {"reader": self.reader.fresh(), "_profiles": self._profiles}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)

    def profile_of(self, prediction: Prediction) -> Profile:
        """What the judge reads in a prediction (its questions, figure, expected outcome)."""
        prof = self._profiles.get(prediction.key)
        if prof is None:
            prof = self._profiles[prediction.key] = profile(prediction, self.subjects)
        return prof

    def assess(self, claim: Claim, prediction: Prediction) -> Assessment | None:
        """Judge `claim` on every question it shares with `prediction`; keep the strongest."""
        prof = self.profile_of(prediction)
        if prof.question_only:
            return None
        shared = prof.questions & claim_questions(claim)
        live = [q for q in shared if registered(q).gate(self.reader, claim)]
        return self._assess_on(claim, prediction, live)

    def assess_claims(self, claims: Iterable[Claim], index: CandidateIndex) -> list[Assessment]:
        """Candidates from the index; each question's gate is tested once per claim, and a pair
        is judged only on the questions whose gate the claim passes."""
        out: list[Assessment] = []
        for claim in claims:
            # Per claim: each question's gate, and the questions live for each set shared.
            gates: dict[str, bool] = {}
            lives: dict[frozenset[str], tuple[Question, ...]] = {}
            for prediction, questions in index.candidates(claim):
                live = lives.get(questions)
                if live is None:
                    for q in questions - gates.keys():
                        gates[q] = registered(q).gate(self.reader, claim)
                    live = lives[questions] = tuple(
                        registered(q) for q in sorted(questions) if gates[q]
                    )
                if not live:
                    continue
                assessment = self._compare_on(claim, prediction, live)
                if assessment is not None and assessment.stance != Stance.UNRELATED:
                    out.append(assessment)
        return out

    def _assess_on(
        self, claim: Claim, prediction: Prediction, questions: Iterable[str]
    ) -> Assessment | None:
        """The strongest verdict over the given shared questions, as an assessment."""
        return self._compare_on(claim, prediction, tuple(registered(q) for q in sorted(questions)))

    def _compare_on(
        self, claim: Claim, prediction: Prediction, questions: tuple[Question, ...]
    ) -> Assessment | None:
        """`_assess_on` with the questions looked up and in name order (`assess_claims` does
        that once per claim and set of questions, not once per pair)."""
        prof = self.profile_of(prediction)
        if prof.places and _elsewhere(claim, prof.places):
            return None  # the news is about other countries than the prediction's
        if prof.releases and _other_version(claim, prof.releases):
            return None  # the news is about another release than the prediction's
        if _variant_only(claim.text, prediction.text):
            return None  # the news is about a variant ("PS5 Pro") the prediction never names
        best: Verdict | None = None
        for asked in questions:
            verdict = asked.compare(self.reader, claim, prediction, prof)
            if verdict is None:
                continue
            if (
                verdict.stance == Stance.CONTRADICTS
                and claim.modality == "plan"
                and not verdict.settled
            ):
                continue  # a plan may change: it can agree with a forecast, not refute it
            if claim.modality == "plan" and not verdict.settled and prediction.kind == Kind.EVENT:
                continue  # "was scheduled to land": an intent, not the event forecast
            if best is None or verdict.strength > best.strength:
                best = verdict
        if best is None:
            return None
        base = _BASE_CONFIDENCE.get("fact" if best.settled else claim.modality, 0.5)
        if claim.modality == "plan" and prediction.kind == Kind.COMMITMENT:
            base = _BASE_CONFIDENCE["fact"] * 0.7  # the subject restating its own commitment
        if not claim.polarity:
            base = max(base, 0.7)  # a denial is the subject's own word
        confidence = round(min(0.95, base * best.strength), 2)
        return Assessment(
            prediction.key, claim, best.stance, confidence, best.reason, judge=self.name
        )


def _elsewhere(claim: Claim, wanted: frozenset[str]) -> bool:
    """The prediction is about some countries (`wanted`: its `Profile.places`) and the news
    names only others ("the tier in the US" against its launch "in the UK and Germany")."""
    if not wanted:
        return False
    found = places_in(claim.text)
    return bool(found) and not found & wanted


def _other_version(claim: Claim, wanted: frozenset[tuple[int, ...]]) -> bool:
    """The prediction names a release ("1.7.1.0"; `wanted`: its `Profile.releases`) and the
    news names only other ones ("1.7.0.5 is now available", "1.7.4.0 is planned for May"): one
    release's date or contents say nothing of another's. A release and its own patches ("1.7"
    and "1.7.0.6") are one line of releases, so a prefix counts as the same."""
    if not wanted:
        return False
    found = versions(claim.text)
    return bool(found) and not any(
        a[: len(b)] == b or b[: len(a)] == a for a in wanted for b in found
    )


# Words that name a variant of a product after its name: "PS5 Pro", "SU7 Ultra", "iPhone Air".
VARIANT_WORDS = frozenset(["Pro", "Max", "Plus", "Ultra", "Mini", "Slim", "Lite", "Air"])
# The product is a model's code: one with a digit ("PS5", "SU7") or a name and its number
# ("Pixel 9", "iPhone 17"); a line's own name is no model ("MacBook Air", "iPad Pro", "Mad
# Max"), and a variant word before another name modifies that name ("M2 Ultra Mac Pro").
_VARIANT = "|".join(sorted(VARIANT_WORDS))
_NAMED_VARIANT = re.compile(
    rf"\b(?P<name>[A-Za-z]*\d[\w-]*|[A-Za-z]*[A-Z][\w-]*\s+\d+)\s+(?P<variant>{_VARIANT})\b"
    r"(?!\s+[A-Z])"
)


@lru_cache(maxsize=8192)
def _variants_only(text: str) -> frozenset[str]:
    """The variant words of the products `text` names only as variants ("Sony's PS5 Pro
    launches": Pro); a product also named bare ("the PS5 and the PS5 Pro") is not only a
    variant."""
    found: dict[str, set[str]] = {}
    for m in _NAMED_VARIANT.finditer(text):
        found.setdefault(m.group("name"), set()).add(m.group("variant"))
    only: set[str] = set()
    for name, variants in found.items():
        if not re.search(rf"\b{re.escape(name)}\b(?!\s+(?:{_VARIANT})\b)", text):
            only |= variants
    return frozenset(only)


def _variant_only(claim: str, prediction: str) -> bool:
    """The news names a product only as a variant the prediction never names ("Sony's PS5 Pro
    launches 7 November 2024 with a 2TB SSD" against "a 2TB console ... could arrive around
    2020"): a mid-generation variant's launch, price or specs are not the product's own.

    Why: a variant is another product of the same line, often years later; its figures and dates
    match a forecast of the line's product by every other test. The prediction naming the
    variant word ("the Pro will cost more") keeps the news in play.
    """
    variants = _variants_only(claim)
    return bool(variants) and not any(re.search(rf"\b{v}\b", prediction) for v in variants)


# The judges a setting can name: backend name -> factory(subjects, predictions, **options).
JUDGES: dict[str, Callable[..., Judge]] = {"rules": RuleJudge}


def make_judge(
    backend: str,
    subjects: list[Subject],
    predictions: Iterable[Prediction] = (),
    **options: Any,
) -> Judge:
    """The judge `backend` names (`[judge] backend` in the settings), reading `predictions`
    with `subjects`. An unknown name is a ValueError that lists the known ones."""
    try:
        factory = JUDGES[backend]
    except KeyError:
        known = ", ".join(sorted(JUDGES))
        raise ValueError(f"unknown judge backend {backend!r} (known: {known})") from None
    return factory(subjects, list(predictions), **options)


def assess_claims(
    claims: Iterable[Claim],
    predictions: list[Prediction],
    judge: Judge | None = None,
    subjects: list[Subject] | None = None,
    index: CandidateIndex | None = None,
) -> list[Assessment]:
    """Every non-trivial assessment of `claims` against `predictions` (a rule judge and the
    lexical index unless given)."""
    index = index or PredictionIndex(predictions, subjects)
    judge = judge or RuleJudge(list(subjects or index.subjects))
    return judge.assess_claims(claims, index)


def assess_item(
    item: NewsItem,
    subjects: list[Subject],
    predictions: list[Prediction],
    judge: Judge | None = None,
    index: PredictionIndex | None = None,
) -> list[Assessment]:
    """Extract one news item's claims and assess them: the whole stage for one feed entry.

    Learn aliases first (`subjects.learn_aliases`) when items are processed in date order.
    """
    return assess_claims(extract_claims(item, subjects), predictions, judge, subjects, index)
