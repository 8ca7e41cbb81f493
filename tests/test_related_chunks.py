"""Related items made only where they can be kept (`related.judge_items` with a limit): whatever
chunks a batch is judged in (a worker's share, the whole batch in-process), the batch keeps
exactly the related items it keeps when every undecided pair is made one first.

Stories sharing a publication time are the hard case: the batch's cut breaks their tie by the
story's hash and the sentence's place, which a chunk does not know, so a chunk must keep every
story tied at its bound.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from hindsight.analysis.candidates import PredictionIndex
from hindsight.analysis.claims import extract_claims
from hindsight.analysis.judge import RuleJudge
from hindsight.analysis.related import Judgement, judge_claims, judge_items
from hindsight.domain import Assessment, NewsItem, Stance
from storage.verdicts import PendingDocument, cap_related
from tests.test_judge import ALL, SUBJECT

# Sentences about Acme that the index pairs with forecasts (prices, deliveries, factories,
# hiring), most of which settle nothing; several stories share a publication time.
STORIES = [
    ("Acme delivered 12,000 vehicles in March, its car unit said.", datetime(2024, 4, 1, 9)),
    (
        "Acme priced the Z9 sedan at 250,000 yuan. Roe said orders were strong.",
        datetime(2024, 4, 1, 9),
    ),
    ("Acme hired 300 engineers for its car business in May.", datetime(2024, 4, 1, 9)),
    ("Acme is weighing a second car factory, Roe said.", datetime(2024, 5, 2, 8)),
    ("Acme sold 41,000 phones in Q1 2024. Its EV unit grew.", datetime(2024, 5, 2, 8)),
    ("Acme delivered 9,000 cars in April 2024.", datetime(2024, 6, 3, 7)),
    ("Acme launched the Z9 sedan on 3 March 2024 at 99,000 yuan.", datetime(2024, 3, 3, 7)),
    ("Acme's R&D staff reached 16,000 at the end of 2024.", datetime(2025, 1, 5, 6)),
    ("Acme completed its car factory in Springfield, with 150,000 units of capacity.", None),
    ("Acme Auto is in talks with Oldco about contract manufacturing.", datetime(2024, 6, 3, 7)),
    ("Acme said its car sales rose 12% in 2024.", datetime(2025, 1, 5, 6)),
    ("Roe said Acme would invest RMB10 billion in cars.", datetime(2024, 6, 3, 7)),
] + [
    # Stories that decide nothing, three at each time: the bound bites inside a tie.
    (
        f"Acme sold {n + 1},000 phones in Q{n % 4 + 1} 2024. "
        f"Acme is weighing a car factory in city {n}, Roe said.",
        datetime(2024, 7 + n // 3, 1, 12),
    )
    for n in range(12)
]


def _judged() -> tuple[list[PendingDocument], list[tuple[datetime | None, Judgement]]]:
    judge = RuleJudge([SUBJECT], ALL)
    index = PredictionIndex(ALL, [SUBJECT])
    documents, judgements = [], []
    for n, (text, published) in enumerate(STORIES):
        item = NewsItem(url=f"https://news.example/{n}", title="", text=text, published=published)
        claims = extract_claims(item, [SUBJECT])
        # Hashes run against the reading order, so a tie is not broken the way it was read.
        documents.append(
            PendingDocument(n, item.url, "", text, published, f"hash-{len(STORIES) - n:02d}", None)
        )
        judgements.append((published, judge_claims(judge, claims, index)))
    return documents, judgements


def _kept(documents: list[PendingDocument], assessed: list[list[Assessment]], limit: int) -> list:
    """What the batch writes: each story's assessments after the batch's cut."""
    capped = cap_related(list(zip(documents, assessed, strict=True)), limit)
    return [
        sorted((a.prediction_key, a.claim.text, str(a.stance), a.reason) for a in story)
        for story in capped
    ]


@pytest.mark.parametrize("limit", [0, 1, 2, 3])
@pytest.mark.parametrize("chunk", [1, 2, 5, len(STORIES)])
def test_a_batch_keeps_the_same_related_items_whatever_its_chunks(limit: int, chunk: int) -> None:
    documents, judgements = _judged()
    everything = judge_items(judgements, "rules")
    related = [a for story in everything for a in story if a.stance == Stance.RELATED]
    per_prediction = {a.prediction_key for a in related}
    assert max(sum(a.prediction_key == k for a in related) for k in per_prediction) > 3, (
        "the bound must bite"
    )
    made: list[list[Assessment]] = []
    for start in range(0, len(judgements), chunk):
        made += judge_items(judgements[start : start + chunk], "rules", limit)
    assert _kept(documents, made, limit) == _kept(documents, everything, limit)
    if chunk == len(STORIES):  # the whole batch in one process: most pairs are never made
        made_related = sum(a.stance == Stance.RELATED for story in made for a in story)
        assert made_related < len(related) // 2
    # The decisive ones are all there, in every chunking.
    decisive = [[a for a in story if a.stance.decides] for story in everything]
    assert [[a for a in story if a.stance.decides] for story in made] == decisive
