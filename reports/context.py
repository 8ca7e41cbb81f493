"""What a digest shows, as plain data: the lead fills these from storage, the templates read them.

Nothing here touches the database or Prefect, so a digest can be rendered (and tested) from
hand-made values. Text from outside (titles, claims, reasons, the author's words) is stored
verbatim; escaping is the templates' job, never the caller's, so nothing is escaped twice.

The scorecard helpers are pure functions over these views, so the figures in the digest can be
checked by hand on a small case.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from hindsight.domain import Evidence, Expectation, Quantity, Status

#: Order of the status groups in the digest: settled outcomes first, then what is still pending.
STATUS_ORDER: tuple[Status, ...] = (
    Status.SUPPORTED,
    Status.CONTRADICTED,
    Status.MIXED,
    Status.OPEN,
    Status.EXPIRED,
)

ItemId = int | str


@dataclass(frozen=True)
class SeedSummary:
    """One seed article the digest covers."""

    id: ItemId
    title: str
    author: str | None = None
    published: date | None = None
    url: str | None = None
    predictions: int = 0


@dataclass(frozen=True)
class EvidenceView:
    """One judged claim and where it was published; `prediction_id`: the prediction it bears on."""

    url: str
    title: str
    published: date | None
    claim: str
    stance: str
    confidence: float
    reason: str
    prediction_id: ItemId | None = None
    outlet: str = ""
    # The analyst confirmed this item (`hindsight verdicts import`); rejected ones are not shown.
    reviewed: bool = False
    # A watch-list line: every prediction the sentence is related to (one line per sentence).
    prediction_ids: tuple[ItemId, ...] = ()


@dataclass(frozen=True)
class PredictionView:
    """One prediction as the digest shows it, with everything judged about it so far.

    `expectation` is a one-line summary (see `expectation_summary`); `author` feeds the scorecard
    and falls back to the seed's author when the lead leaves it empty.
    """

    id: ItemId
    seed_title: str
    text: str
    kind: str
    subject: str
    expectation: str
    deadline: date | None
    confidence: float
    status: str
    status_reason: str
    evidence: list[EvidenceView] = field(default_factory=list)
    author: str | None = None
    seed_id: ItemId | None = None
    # A few words naming what it is about ("price", "factory"), for headlines and compact rows.
    label: str = ""
    # Its archive page over http(s), or None (the compact line then carries no link).
    page_url: str | None = None
    # Edited in the ledger, or its status set by an analyst (`hindsight verdicts import`).
    reviewed: bool = False
    # Whose forecast: AUTHOR_OWNER for the author's own, else the party the seed relays.
    owner: str = "author"
    # When its current status was settled (the deciding story's date), for the scorecard's strip.
    settled_on: date | None = None
    history: list[HistoryStep] = field(default_factory=list)
    # News about its subject that decides nothing (stance "related"): shown, never counted.
    related: list[EvidenceView] = field(default_factory=list)
    # The heading / lead-in a list item leans on ("Heat pump sales, by region"), else None:
    # shown above the item so it does not read as cut from its list.
    context: str | None = None


@dataclass(frozen=True)
class HistoryStep:
    """One status move of a prediction, for its archive page."""

    at: datetime
    old_status: str | None
    new_status: str
    reason: str


@dataclass(frozen=True)
class StatusChangeView:
    """A prediction whose status moved since the last digest; `old_status` None means it is new."""

    prediction_id: ItemId
    prediction_text: str
    old_status: str | None
    new_status: str
    changed_at: datetime
    reason: str
    evidence: EvidenceView | None = None
    # The prediction it moved, in full, for the change's card (None in older callers).
    prediction: PredictionView | None = None


@dataclass(frozen=True)
class SeedSection:
    """One seed's part of the digest: its changed predictions in full, then all of them compact."""

    seed: SeedSummary
    changes: list[StatusChangeView] = field(default_factory=list)
    predictions: list[PredictionView] = field(default_factory=list)


@dataclass(frozen=True)
class FeedHealth:
    """The footer's line on where the news came from and what is failing."""

    feeds: int = 0
    documents: int = 0
    failing: list[tuple[str, str]] = field(default_factory=list)
    last_fetched: datetime | None = None


@dataclass(frozen=True)
class AuthorScorecard:
    """How one author's predictions have fared.

    `hit_rate` = supported / (supported + contradicted), None while nothing is decided.
    `brier` is the Brier score of the stated confidences over the decided predictions only:
    mean of (confidence - outcome)^2 with outcome 1 for supported and 0 for contradicted.
    0 is perfect, 0.25 is what always saying "50%" earns, 1 is confidently wrong every time.
    Open, mixed and expired predictions are left out of both figures: they have no outcome yet
    (expired means nothing settled it, which is not the same as being wrong).
    """

    author: str
    seeds: int
    predictions: int
    by_status: dict[str, int]
    hit_rate: float | None
    brier: float | None
    decided: int
    summary: str
    # The status-over-time strip: (status, percent of the width) runs, oldest settlement first,
    # undecided predictions last. Table cells with a background colour: no image, no SVG.
    strip: list[tuple[str, float]] = field(default_factory=list)
    first_settled: date | None = None
    last_settled: date | None = None
    # Forecasts the author's seeds relay from others, one line per source: not the author's record.
    relayed: list[RelayedSource] = field(default_factory=list)


@dataclass(frozen=True)
class RelayedSource:
    """How the forecasts an author relays from one source have fared ("Forrester's forecasts
    relayed here: 9 supported, 4 contradicted"): credited to the source, not to the author."""

    owner: str
    predictions: int
    supported: int
    contradicted: int

    @property
    def line(self) -> str:
        pending = self.predictions - self.supported - self.contradicted
        return (
            f"{self.owner}’s forecasts relayed here: {self.supported} supported, "
            f"{self.contradicted} contradicted, {pending} pending"
        )


@dataclass(frozen=True)
class DigestContext:
    """Everything one digest shows; `since` is the date of the previous digest (None: first one).

    `sections` is one per seed; a caller that leaves it empty gets one section built from
    `changes` and `predictions`. `watch` is related news that decided nothing this period.
    """

    generated: datetime
    since: date | None
    seeds: list[SeedSummary] = field(default_factory=list)
    changes: list[StatusChangeView] = field(default_factory=list)
    predictions: list[PredictionView] = field(default_factory=list)
    new_evidence: list[EvidenceView] = field(default_factory=list)
    scorecards: list[AuthorScorecard] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    sections: list[SeedSection] = field(default_factory=list)
    owner_scorecards: list[AuthorScorecard] = field(default_factory=list)
    watch: list[EvidenceView] = field(default_factory=list)
    health: FeedHealth | None = None
    # When the period began exactly (the previous digest's time); None: since the start.
    period_start: datetime | None = None
    # Shown in the footer: how the digest was made (judge, counts, the archive's address).
    made: list[str] = field(default_factory=list)
    archive_url: str | None = None


UNKNOWN_AUTHOR = "Unknown author"
AUTHOR_OWNER = "author"


def _status_value(status: str) -> str:
    """Accept a `Status` or its string value alike."""
    return str(status.value) if isinstance(status, Status) else str(status)


def brier_score(pairs: Iterable[tuple[float, bool]]) -> float | None:
    """Mean squared gap between stated confidence and outcome; None when nothing is scored."""
    scored = [(min(max(conf, 0.0), 1.0) - (1.0 if hit else 0.0)) ** 2 for conf, hit in pairs]
    return sum(scored) / len(scored) if scored else None


def _summary_line(by_status: Mapping[str, int], hit_rate: float | None, brier: float | None) -> str:
    """One sentence a reader takes in at a glance."""
    supported = by_status.get(Status.SUPPORTED.value, 0)
    contradicted = by_status.get(Status.CONTRADICTED.value, 0)
    total = sum(by_status.values())
    if hit_rate is None or brier is None:
        return f"Nothing decided yet: {total} prediction{'s' if total != 1 else ''} still pending."
    undecided = total - supported - contradicted
    line = (
        f"{supported} of {supported + contradicted} decided prediction"
        f"{'s' if supported + contradicted != 1 else ''} came true ({hit_rate:.0%})"
    )
    if brier <= 0.1:
        calibration = "well calibrated"
    elif brier <= 0.25:
        calibration = "fair calibration"
    else:
        calibration = "overconfident where wrong"
    return f"{line}; Brier {brier:.2f} ({calibration}); {undecided} pending."


def build_scorecards(
    predictions: Iterable[PredictionView],
    author_of: Callable[[PredictionView], str | None] | Mapping[ItemId, str] | None = None,
    *,
    own_only: bool = True,
) -> list[AuthorScorecard]:
    """Group predictions by author and score each group, most predictions first.

    `author_of` maps a prediction to its author: a function, or a mapping from seed id to author
    (the usual shape when the lead has the seeds at hand). Without it, `PredictionView.author` is
    used. Predictions with no known author are scored under "Unknown author" rather than dropped,
    so the totals in the scorecard always add up to the predictions in the digest.

    Only the author's own forecasts (`owner` "author") make the author's figures; forecasts the
    seeds relay from others (an analyst firm, a company's plan) are counted per source in
    `relayed`, so an author is neither credited nor blamed for what others forecast.
    """

    def resolve(view: PredictionView) -> str:
        if callable(author_of):
            name = author_of(view)
        elif author_of is not None and view.seed_id is not None:
            name = author_of.get(view.seed_id, view.author)
        else:
            name = view.author
        return (name or "").strip() or UNKNOWN_AUTHOR

    groups: dict[str, list[PredictionView]] = {}
    for view in predictions:
        groups.setdefault(resolve(view), []).append(view)

    cards = []
    for author, every in groups.items():
        views = [v for v in every if _is_own(v) or not own_only]
        by_status: Counter[str] = Counter(_status_value(v.status) for v in views)
        counts = {s.value: by_status.get(s.value, 0) for s in STATUS_ORDER}
        for extra, n in by_status.items():  # keep statuses this module does not know yet
            counts.setdefault(extra, n)
        decided = [
            (v.confidence, _status_value(v.status) == Status.SUPPORTED.value)
            for v in views
            if _status_value(v.status) in (Status.SUPPORTED.value, Status.CONTRADICTED.value)
        ]
        hits = sum(1 for _, hit in decided if hit)
        hit_rate = hits / len(decided) if decided else None
        brier = brier_score(decided)
        seeds = {v.seed_id if v.seed_id is not None else v.seed_title for v in views}
        strip, first, last = status_strip(views)
        cards.append(
            AuthorScorecard(
                author=author,
                seeds=len(seeds),
                predictions=len(views),
                by_status=counts,
                hit_rate=hit_rate,
                brier=brier,
                decided=len(decided),
                summary=_summary_line(counts, hit_rate, brier),
                strip=strip,
                first_settled=first,
                last_settled=last,
                relayed=_relayed(v for v in every if not _is_own(v)) if own_only else [],
            )
        )
    cards.sort(key=lambda c: (-c.predictions, c.author.casefold()))
    return cards


def _is_own(view: PredictionView) -> bool:
    return (view.owner or AUTHOR_OWNER).strip().casefold() == AUTHOR_OWNER


def _relayed(views: Iterable[PredictionView]) -> list[RelayedSource]:
    """One line per relayed source, most forecasts first."""
    by_owner: dict[str, list[str]] = {}
    for view in views:
        by_owner.setdefault(view.owner.strip(), []).append(_status_value(view.status))
    sources = [
        RelayedSource(
            owner=owner,
            predictions=len(statuses),
            supported=statuses.count(Status.SUPPORTED.value),
            contradicted=statuses.count(Status.CONTRADICTED.value),
        )
        for owner, statuses in by_owner.items()
    ]
    sources.sort(key=lambda r: (-r.predictions, r.owner.casefold()))
    return sources


_DECIDED = (Status.SUPPORTED.value, Status.CONTRADICTED.value)


def status_strip(
    views: Iterable[PredictionView],
) -> tuple[list[tuple[str, float]], date | None, date | None]:
    """The scorecard's strip: statuses in the order they were settled, pending ones after.

    Consecutive predictions with one status make one run, so the strip costs a few table cells
    however many predictions there are; widths are percentages, so it never overflows a phone.
    """
    views = list(views)
    if not views:
        return [], None, None
    decided = sorted(
        (v for v in views if _status_value(v.status) in _DECIDED),
        key=lambda v: (v.settled_on or date.max, str(v.id)),
    )
    rank = {s.value: i for i, s in enumerate(STATUS_ORDER)}
    pending = sorted(
        (v for v in views if _status_value(v.status) not in _DECIDED),
        key=lambda v: rank.get(_status_value(v.status), len(rank)),
    )
    runs: list[list[Any]] = []
    for view in decided + pending:
        status = _status_value(view.status)
        if runs and runs[-1][0] == status:
            runs[-1][1] += 1
        else:
            runs.append([status, 1])
    total = len(views)
    strip = [(status, round(100 * n / total, 1)) for status, n in runs]
    dates = [v.settled_on for v in decided if v.settled_on is not None]
    return strip, (min(dates) if dates else None), (max(dates) if dates else None)


def build_owner_scorecards(predictions: Iterable[PredictionView]) -> list[AuthorScorecard]:
    """Full scorecards per relayed source (a prediction's `owner` other than the author): the
    source, not the author who relayed it, is credited or blamed."""
    relayed = [v for v in predictions if not _is_own(v)]
    return build_scorecards(relayed, author_of=lambda v: v.owner, own_only=False)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def period_phrase(start: datetime | None, end: datetime) -> str:
    """ "this week", "today", "since 2026-11-02" or "so far": how long the period was."""
    if start is None:
        return "so far"
    days = (end - start).total_seconds() / 86400
    if days <= 1:
        return "today"
    if days <= 7.5:
        return "this week"
    return f"since {start.date().isoformat()}"


def headline(
    changes: Iterable[StatusChangeView], start: datetime | None, end: datetime, *, most: int = 3
) -> str:
    """The digest's one-line news: "2 predictions settled this week: price contradicted, ...".

    Settled (supported or contradicted) moves lead; other moves are counted after them.
    """
    changes = list(changes)
    when = period_phrase(start, end)
    if not changes:
        return f"Nothing changed {when}"

    def label(c: StatusChangeView) -> str:
        view = c.prediction
        name = (view.label if view and view.label else "") or f"#{c.prediction_id}"
        return f"{name} {_status_value(c.new_status)}"

    settled = [c for c in changes if _status_value(c.new_status) in _DECIDED]
    other = [c for c in changes if _status_value(c.new_status) not in _DECIDED]
    lead = settled or other
    verb = "settled" if settled else "changed"
    # "investment supported x2" rather than the same words twice; first seen, first listed.
    counted = Counter(label(c) for c in lead)
    distinct = list(dict.fromkeys(label(c) for c in lead))
    names = [name + (f" x{counted[name]}" if counted[name] > 1 else "") for name in distinct[:most]]
    rest = sum(counted[name] for name in distinct[most:])
    if rest:
        names.append(f"{rest} more")
    line = f"{_plural(len(lead), 'prediction')} {verb} {when}: {', '.join(names)}"
    if settled and other:
        line += f"; {_plural(len(other), 'other change')}"
    return line


def _number(value: float) -> str:
    """12000 -> "12,000"; 2.5 -> "2.5": thousands separators, no pointless ".0"."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def quantity_summary(q: Quantity) -> str:
    """A quantity in a few characters: "~100,000 CNY", ">= 5 vehicle", "10-20%"."""
    if q.bound == "at-least":
        core = f">= {_number(q.low)}"
    elif q.bound == "at-most":
        core = f"<= {_number(q.high)}"
    elif q.low != q.high:
        core = f"{_number(q.low)}-{_number(q.high)}"
    else:
        core = _number(q.low)
    if q.bound == "about":
        core = f"~{core}"
    if q.unit == "percent":
        return f"{core}%"
    return f"{core} {q.unit}" if q.unit else core


def expectation_summary(expectation: Expectation) -> str:
    """The checkable core of a prediction on one line, e.g. "window 2024-03-31..2026-03-31"."""
    parts = []
    if expectation.quantity is not None:
        parts.append(quantity_summary(expectation.quantity))
    if expectation.window is not None:
        w = expectation.window
        parts.append(f"window {w.start.isoformat()}..{w.end.isoformat()}")
    if expectation.polarity is False:
        parts.append("expected NOT to happen")
    return "; ".join(parts) or "no checkable figure or date"


def evidence_view(evidence: Evidence, prediction_id: ItemId | None = None) -> EvidenceView:
    """Flatten a domain `Evidence` into what the digest shows."""
    a = evidence.assessment
    return EvidenceView(
        url=evidence.url,
        title=evidence.title,
        published=evidence.published,
        claim=a.claim.text,
        stance=a.stance.value,
        confidence=a.confidence,
        reason=a.reason,
        prediction_id=prediction_id,
    )
