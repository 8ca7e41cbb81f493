"""`LLMJudge`: the model decides the candidate pairs the rule engine proposes.

The rule engine's candidate index (`candidates.PredictionIndex`) picks, recall first, the
(claim, prediction) pairs worth asking about; the model says `supports`, `contradicts` or
`not_decisive` with a confidence, a one-line reason and the sentence of the news item that
decides it. That sentence must be in the item (whitespace and quote marks aside), or the answer
is rejected: a model that cannot point at its evidence is not evidence.

Where the model gives no usable answer, the rule judge's answer stands: the budget is spent
(`waiting`), the endpoint failed after retries (`failed`), or the answer was rejected. Pairs
waiting or failed mark their news item (`owes_answers`), so the stage reads those
items again on the next run and asks again; answers already given come from the cache.

The judge reads one news item at a time (`reading(item)`): the prompt carries the item's text
and date, which a `Claim` alone does not.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date

from hindsight.analysis.candidates import CandidateIndex
from hindsight.analysis.judge import JUDGES, Judge, RuleJudge, judge_each_candidate
from hindsight.domain import Assessment, Claim, NewsItem, Prediction, Stance, Subject
from hindsight.llm.asking import Asker, Outcome
from hindsight.llm.client import Malformed, Rejected, parse_json_object
from hindsight.llm.prompts import CONFIDENCE, judge_request

__all__ = ["LLMJudge", "ModelJudgement", "check_judgement", "llm_judge", "normalise"]

_SPACE = re.compile(r"\s+")
_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "`": "'"})
# The shortest decisive sentence taken at its word: "Yes." is in every text.
_MIN_QUOTE = 12


def normalise(text: str) -> str:
    """Lower-cased text with one kind of quote mark and single spaces, for finding quotes."""
    return _SPACE.sub(" ", text.translate(_QUOTES)).strip().lower()


@dataclass(frozen=True)
class ModelJudgement:
    stance: str  # "supports" | "contradicts" | "not_decisive"
    confidence: float
    reason: str
    sentence: str


def check_judgement(text: str, document: str) -> ModelJudgement:
    """The answer as a judgement, `Malformed` when it breaks the schema, `Rejected` when its
    decisive sentence is not in `document` (a not_decisive answer needs none)."""
    value = parse_json_object(text)
    stance = value.get("stance")
    level = value.get("confidence")
    reason = value.get("reason")
    sentence = value.get("decisive_sentence")
    if stance not in ("supports", "contradicts", "not_decisive"):
        raise Malformed(f"stance {str(stance)[:40]!r}")
    if level not in CONFIDENCE:
        raise Malformed(f"confidence {str(level)[:40]!r}")
    if not isinstance(reason, str) or not isinstance(sentence, str):
        raise Malformed("reason and decisive_sentence must be text")
    reason = _SPACE.sub(" ", reason).strip()
    quote = normalise(sentence).strip(" .\"'")
    if stance != "not_decisive":
        if len(quote) < _MIN_QUOTE or quote not in normalise(document):
            raise Rejected("its decisive sentence is not in the news item")
        if not reason:
            raise Malformed("no reason")
    return ModelJudgement(stance, CONFIDENCE[level], reason, _SPACE.sub(" ", sentence).strip())


@dataclass
class LLMJudge:
    """Asks the model about each candidate pair; the rule judge answers where the model cannot.

    `name` is what its assessments record as their judge; the fallback's keep the fallback's.
    """

    asker: Asker
    fallback: Judge
    article_dates: dict[str, date] = field(default_factory=dict)  # prediction key: seed date
    name: str = "llm"
    news: NewsItem | None = None
    # Whether the item being read has a pair not answered yet (it must be read again).
    owes_answers: bool = False

    @property
    def subjects(self) -> list[Subject]:
        return self.fallback.subjects

    @subjects.setter
    def subjects(self, subjects: list[Subject]) -> None:
        self.fallback.subjects = subjects

    def assess_claims(self, claims: Iterable[Claim], index: CandidateIndex) -> list[Assessment]:
        """Every candidate pair the index proposes goes to the model (recall first: the rule
        judge's question gates are not applied, the model decides)."""
        return judge_each_candidate(self, claims, index)

    @contextmanager
    def reading(self, item: NewsItem) -> Iterator[None]:
        """Judge claims of `item` inside the block (the prompt needs its text and date)."""
        self.news, self.owes_answers = item, False
        try:
            yield
        finally:
            self.news = None

    def assess(self, claim: Claim, prediction: Prediction) -> Assessment | None:
        news = self.news
        document = news.text if news is not None else claim.text
        request = judge_request(prediction, claim, news, self.article_dates.get(prediction.key))
        asked = self.asker.ask(request, lambda text: check_judgement(text, document))
        if asked.outcome in (Outcome.WAITING, Outcome.FAILED):
            self.owes_answers = True
            return self.fallback.assess(claim, prediction)
        if asked.outcome == Outcome.REJECTED or asked.value is None:
            return self.fallback.assess(claim, prediction)
        answer = asked.value
        if answer.stance == "not_decisive":
            # Related news with the model's own reason: shown to the reader, never counted.
            return Assessment(
                prediction.key, claim, Stance.RELATED, 0.0, answer.reason, judge=self.name
            )
        return Assessment(
            prediction.key,
            claim,
            Stance(answer.stance),
            answer.confidence,
            f'{answer.reason} ("{answer.sentence}")',
            judge=self.name,
        )


def llm_judge(
    subjects: list[Subject],
    predictions: list[Prediction],
    *,
    asker: Asker,
    article_dates: dict[str, date] | None = None,
) -> LLMJudge:
    """The factory `make_judge("llm", ...)` calls: the rule judge (reading the predictions with
    the seeds' subjects, as it would alone) stands in wherever the model cannot answer."""
    return LLMJudge(asker, RuleJudge(subjects, predictions), dict(article_dates or {}))


JUDGES.setdefault("llm", llm_judge)
