"""The domain vocabulary every stage speaks: plain, frozen data with no Prefect and no database.

Pure logic (reading seeds, extracting predictions and claims, judging, rendering) takes and returns
these types; `storage/` maps them to rows and `flows/` passes them between stages. Add fields freely
(with defaults); rename or remove one only together with every user of it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum


class Kind(StrEnum):
    """What sort of statement a prediction is; decides which comparison can settle it."""

    TIMELINE = "timeline"
    QUANTITY = "quantity"
    PRICE = "price"
    EVENT = "event"
    NEGATIVE_EVENT = "negative-event"
    COMMITMENT = "commitment"
    QUALITATIVE = "qualitative"
    OPEN_QUESTION = "open-question"


class Stance(StrEnum):
    """How one claim bears on one prediction.

    Only `SUPPORTS` and `CONTRADICTS` decide anything (`Stance.decides`). `RELATED`: the claim
    is about the prediction's subject and question but states nothing that settles it; such
    items are kept to show a reader (the digest's watch list), never counted toward a status.
    """

    SUPPORTS = "supports"
    CONTRADICTS = "contradicts"
    RELATED = "related"
    UNRELATED = "unrelated"

    @property
    def decides(self) -> bool:
        """Whether an assessment with this stance is evidence (counts toward a status)."""
        return self in (Stance.SUPPORTS, Stance.CONTRADICTS)


class Status(StrEnum):
    """Where a prediction stands after all evidence so far."""

    OPEN = "open"
    SUPPORTED = "supported"
    CONTRADICTED = "contradicted"
    MIXED = "mixed"
    EXPIRED = "expired"


@dataclass(frozen=True)
class Quantity:
    """A number or numeric range as written, normalised.

    `unit` is an ISO currency code for money ("CNY", "USD"), else a plain noun in the singular
    ("vehicle", "order", "person", "percent"). A range has low < high; a point has low == high.
    `bound` says how to read it: "exact", "about" ("around RMB100,000"), "at-least" ("more than
    10,000"), "at-most" ("up to 5,000") or "range".
    """

    low: float
    high: float
    unit: str | None
    text: str
    kind: str = "count"  # "money" | "count" | "percent"
    bound: str = "exact"  # "exact" | "about" | "at-least" | "at-most" | "range"


@dataclass(frozen=True)
class DateWindow:
    """An inclusive window of dates that an expression such as "3-5 years" or "mid-decade" means."""

    start: date
    end: date
    text: str


@dataclass(frozen=True)
class Expectation:
    """The checkable core of a prediction: at most one of each, all optional."""

    window: DateWindow | None = None
    quantity: Quantity | None = None
    # True: the event is expected to happen; False: expected NOT to happen (a negative event).
    polarity: bool | None = None


@dataclass(frozen=True)
class TextBlock:
    """What one line of a seed's text was in its source: the reader knows, the text alone not.

    `kind` is "heading" (`level` 1-6), "item" (the first paragraph of a list item, `level` its
    nesting depth), "item-more" (a later paragraph of the same item), "quote" or "paragraph".
    A list item under a forecast lead-in is a forecast; a heading is context for what follows.
    `number` is an ordered list item's number as written ("3." -> 3), None for any other line:
    under a competition's heading a ranked list's "1." is the author's pick to finish first.
    `emphasized` says the whole line was set in bold or italics ("**Gary Oldman**"): in a list of
    nominees, the one the writer marks is the writer's pick.
    """

    start: int
    end: int
    kind: str
    level: int = 0
    number: int | None = None
    emphasized: bool = False


@dataclass(frozen=True)
class SeedArticle:
    """A seed as read from a file, a page or a URL: the text is clean prose, no page clutter."""

    text: str
    title: str | None = None
    author: str | None = None
    published: date | None = None
    url: str | None = None
    source_format: str = "text"  # "text" | "markdown" | "html" | "url"
    # The source's structure, line by line, where the reader knows it (Markdown); empty otherwise.
    blocks: tuple[TextBlock, ...] = ()


@dataclass(frozen=True)
class Prediction:
    """One checkable statement found in a seed.

    `key` is stable for the same statement in the same seed (derived from its normalised text), so
    re-extracting an unchanged article yields the same keys and stored evidence stays attached.
    """

    key: str
    text: str
    span: tuple[int, int]
    subject: str
    kind: Kind
    expectation: Expectation = field(default_factory=Expectation)
    deadline: date | None = None
    confidence: float = 0.5
    confidence_cue: str | None = None
    keywords: tuple[str, ...] = ()
    resolution: str | None = None  # one line: what would confirm or refute it
    # Whose forecast it is: "author" (the article's own voice, "I" or "we"), or the named party the
    # article relays (an analyst firm, a company's plan, an executive). The scorecard credits the
    # author only with the author's own forecasts.
    owner: str = "author"
    # Which extractor found it: "rules", "llm" (the model backend) or "rules+llm" (both).
    origin: str = "rules"
    # The heading and lead-in a list item leans on ("Heat pump share of heating sales, by
    # region"), when they gave it a subject, region, measure or period it lacks; shown to the
    # reader beside the item, and read by the judge (`analysis.context.as_read`).
    context: str | None = None
    # The day the forecast was written (its seed's date), when known: news published before it
    # cannot settle it, the writer already knew it (`candidates.PredictionIndex`).
    made: date | None = None


@dataclass(frozen=True)
class Subject:
    """A tracked entity and the names news uses for it (learned from the seed, then from news)."""

    name: str
    aliases: tuple[str, ...] = ()
    # Product names learned from news ("<Subject>'s <Model>"), oldest first: the first is the first
    # product. Also present in `aliases`.
    products: tuple[str, ...] = ()
    # Words that mark the tracked business ("car", "EV"): news about the subject's other
    # businesses (its phones) lacks them and is not evidence.
    sector_terms: tuple[str, ...] = ()
    # A measure market forecasts are about ("solar capacity": `analysis.topics`), tracked for
    # them: news states its outcome beside the names of its reporters, not of a tracked party.
    measured: bool = False


@dataclass(frozen=True)
class NewsItem:
    """A document to extract claims from (a feed entry or the seed itself), already plain text."""

    url: str
    title: str
    text: str
    published: datetime | None = None


@dataclass(frozen=True)
class Claim:
    """One sentence of a news item that asserts something about a tracked subject."""

    text: str
    span: tuple[int, int]
    subjects: tuple[str, ...]
    quantities: tuple[Quantity, ...] = ()
    dates: tuple[DateWindow, ...] = ()
    event_date: date | None = None
    polarity: bool = True  # False: denied / refuted in the text ("Xiaomi denied it would ...")
    checkworthiness: float = 0.5
    # "fact" | "plan" (aims, expects, will) | "rumour" (reportedly, in talks, sources say):
    # plans and rumours weigh less than facts when a verdict is decided.
    modality: str = "fact"
    # Whether the sentence is about the tracked business (it names it, or carries on an item about
    # it without naming another business); None: unknown, a judge reads the sentence alone.
    in_business: bool | None = None
    # When the item saying it was published (not stored: the judge reads it while the item is
    # read). A plan reported after a forecast's window closed still dates that it had not happened.
    published: date | None = None


@dataclass(frozen=True)
class Assessment:
    """A claim judged against a prediction, with a reason a person can check in one line."""

    prediction_key: str
    claim: Claim
    stance: Stance
    confidence: float
    reason: str
    judge: str = ""  # the judge that made it (`judge.make_judge`): "rules", "llm", ...


@dataclass(frozen=True)
class Evidence:
    """An assessment with where and when its claim was published: the input to a verdict."""

    assessment: Assessment
    url: str
    title: str
    published: date | None


class Review(StrEnum):
    """The analyst's word on an evidence item (`hindsight verdicts import`)."""

    CONFIRMED = "confirmed"  # it decides the prediction as the judge said: fully sure
    REJECTED = "rejected"  # it is not evidence: left out of statuses and digests


@dataclass(frozen=True)
class Verdict:
    """A prediction's status as decided from its evidence; `decisive`: the items that decided it."""

    status: Status
    reason: str
    decisive: tuple[Evidence, ...] = ()
