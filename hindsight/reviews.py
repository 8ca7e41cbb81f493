"""The verdicts review file: the analyst's last word on statuses and evidence, as YAML.

The judge decides statuses from evidence; the analyst can overrule it. `hindsight verdicts
export` writes one item per prediction with the judge's status and the evidence shown under it;
the analyst fills in what they decide and gives the file back with `hindsight verdicts import`:

- `status:` on a prediction sets its status (supported, contradicted, mixed, open, expired);
  `note:` says why (shown in the digest). An empty `status:` hands the prediction back to the
  judge.
- `review:` on an evidence item: `confirmed` (it decides the prediction the way the judge said:
  it counts as fully sure) or `rejected` (it does not: it is no longer evidence, for the status
  or in the digest). Empty: the judge's word.

Reviewed decisions win over the judge on every later run: a reviewed item is never rewritten or
removed by re-reading the news, and a reviewed status is kept whatever the evidence says. The
other keys (`text`, `under`, `judged`, `why`, `stance`, `sentence`, `source`, `reason`) are
there to read; changes to them are ignored.

This module only reads and writes the file; `storage.reviews` applies it. Problems are collected
and raised together as one `ReviewError`, each naming the item ("item 3, evidence 17: review
'maybe' is not confirmed or rejected").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from hindsight.domain import Review, Status

REVIEW_VERSION = 1
EVIDENCE_REVIEWS = tuple(r.value for r in Review)


@dataclass(frozen=True)
class EvidenceReview:
    """One evidence item under a prediction, and the analyst's word on it (None: none)."""

    id: int
    stance: str = ""
    sentence: str = ""
    source: str = ""
    reason: str = ""
    review: str | None = None


@dataclass(frozen=True)
class VerdictReview:
    """One prediction: the judge's status for reading, the analyst's status and note to edit."""

    id: int
    text: str = ""
    # The heading or lead-in a list item is read under ("By region"), when it has one.
    under: str | None = None
    judged: str = ""
    why: str = ""
    status: Status | None = None
    note: str | None = None
    evidence: tuple[EvidenceReview, ...] = field(default_factory=tuple)


class ReviewError(ValueError):
    """Everything wrong with a review file, one problem per line."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


class _Dumper(yaml.SafeDumper):
    """Empty values written as nothing (`status:`), so the analyst sees where to write."""


_Dumper.add_representer(
    type(None), lambda dumper, _: dumper.represent_scalar("tag:yaml.org,2002:null", "")
)


def dump_reviews(items: list[VerdictReview]) -> str:
    """The review file for these predictions."""
    data = {
        "version": REVIEW_VERSION,
        "verdicts": [
            {
                "id": item.id,
                "text": item.text,
                **({"under": item.under} if item.under else {}),
                "judged": item.judged,
                "why": item.why,
                "status": item.status.value if item.status else None,
                "note": item.note,
                "evidence": [
                    {
                        "id": e.id,
                        "stance": e.stance,
                        "sentence": e.sentence,
                        "source": e.source,
                        "reason": e.reason,
                        "review": e.review,
                    }
                    for e in item.evidence
                ],
            }
            for item in items
        ],
    }
    header = (
        "# Hindsight verdicts for review. Per prediction: `status:` (supported, contradicted,\n"
        "# mixed, open, expired) and `note:` overrule the judge; per evidence item `review:`\n"
        "# confirmed or rejected. Leave empty to let the judge decide. Other keys are to read.\n"
    )
    return header + yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


def load_reviews(text: str) -> list[VerdictReview]:
    """The analyst's decisions in a review file; raises `ReviewError` listing every problem."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ReviewError([f"not valid YAML: {str(exc).splitlines()[0]}"]) from None
    if not isinstance(data, dict) or not isinstance(data.get("verdicts"), list):
        raise ReviewError(["not a verdicts review file (no `verdicts:` list)"])
    if data.get("version") != REVIEW_VERSION:
        raise ReviewError([f"version {data.get('version')!r} is not {REVIEW_VERSION}"])
    problems: list[str] = []
    items: list[VerdictReview] = []
    for position, raw in enumerate(data["verdicts"], 1):
        item = _item(raw, position, problems)
        if item is not None:
            items.append(item)
    if problems:
        raise ReviewError(problems)
    return items


def _item(raw: Any, position: int, problems: list[str]) -> VerdictReview | None:
    if not isinstance(raw, dict) or not isinstance(raw.get("id"), int):
        problems.append(f"item {position}: no prediction `id`")
        return None
    where = f"item {position} (prediction {raw['id']})"
    status = None
    if raw.get("status") not in (None, ""):
        try:
            status = Status(str(raw["status"]).strip().lower())
        except ValueError:
            problems.append(
                f"{where}: status {raw['status']!r} is not one of "
                + ", ".join(s.value for s in Status)
            )
    note = raw.get("note")
    evidence = []
    for raw_evidence in raw.get("evidence") or []:
        if not isinstance(raw_evidence, dict) or not isinstance(raw_evidence.get("id"), int):
            problems.append(f"{where}: an evidence item has no `id`")
            continue
        review = raw_evidence.get("review")
        review = str(review).strip().lower() if review not in (None, "") else None
        if review is not None and review not in EVIDENCE_REVIEWS:
            problems.append(
                f"{where}, evidence {raw_evidence['id']}: review {raw_evidence['review']!r} "
                "is not confirmed or rejected"
            )
            continue
        evidence.append(EvidenceReview(id=raw_evidence["id"], review=review))
    return VerdictReview(
        id=raw["id"],
        status=status,
        note=str(note).strip() if note not in (None, "") else None,
        evidence=tuple(evidence),
    )
