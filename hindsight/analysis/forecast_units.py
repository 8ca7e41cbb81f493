"""Recall-first forecast finding: every sentence, list item or heading stating an expectation about
the future, then general filters for what only looks like one.

The finder in `predictions` reads a narrow style (one analyst's forecasts about one company) very
precisely; real articles also relay other parties' forecasts, list forecasts as bullets under a
lead-in or a "Predictions for 2018" heading, and hedge with "should", "is set to", "is due".
This pass sees every unit of the article with any cue of the future:
- future and modal verbs ("will", "'ll", "going to", "should", "could", "may", "might"),
- verbs and nouns of forecasting and planning in any voice ("expect", "is projected", "forecast",
  "plans to", "aim", "intend", "working on", "set to", "slated", "scheduled", "due", "on track",
  "poised", "goal", "target"), beliefs about the future ("I suspect", "I doubt", "I bet"),
- dated futures ("in 2019" or "by 2024" after the publication date, "next year", "soon"),
- list items under a forecast lead-in or a forecast heading (which need no cue of their own),
then drops, by general rules rather than words of one article:
- questions, and cues inside an embedded question ("how X is going to happen");
- recommendations and imperatives ("it may be a good time to", "should not be ignored");
- counterfactuals and the past ("would have been", a past year and no future cue, a review
  section's scored items such as "Ted will ... +1!");
- the writer's own plans for the blog ("I will first go back over", "I might write about this");
- idioms that assert nothing ("time will tell", "we'll see how");
- general claims with an indefinite subject ("A well-run mirror should be fast").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from hindsight.analysis import forecast_cues as cues
from hindsight.analysis.awards import (
    award_category,
    award_pick_of,
    is_category_wish,
    marked_pick,
)
from hindsight.analysis.context import context_line
from hindsight.analysis.fixtures import fixture_pick
from hindsight.analysis.periods import find_periods
from hindsight.analysis.picks import competition_in, pick_of, ranked_context
from hindsight.analysis.prediction_fields import cached_horizons
from hindsight.analysis.quantities import find_quantities
from hindsight.analysis.sentences import Span, is_heading, sentence_spans, split_blocks, trim_span
from hindsight.domain import TextBlock

__all__ = [
    "PICKED",
    "RULED_OUT",
    "SCHEDULED",
    "Unit",
    "compound_parts",
    "cued",
    "dropped",
    "forecast_units",
    "leaning_spans",
    "ruled_out",
    "verbal_cue",
    "without_background",
]

# A unit's reason when no finder may keep it (scored, restated, a question, a wish, advice...).
RULED_OUT = "ruled out"

_STRONG_CUE_RE = re.compile(
    r"\b(?:will|won['’]t|shall|gonna)\b|['’]ll\b|\b(?:is|are|am|['’]s|['’]re|['’]m)\s+(?:not\s+)?"
    r"going\s+to\b"
    r"|\bexpect(?:s|ed|ing|ation|ations)?\b|\bforecasts?\b|\bforecast(?:ed|ing)\b"
    r"|\bproject(?:ed|ing|ions?)\b|\bpredict(?:s|ed|ing|ion|ions)?\b|\banticipat\w*"
    r"|\b(?:un)?likely\b|\bplan(?:s|ned|ning)?\s+(?:to|for|on)\b|\b(?:are|is)\s+planning\b|\baim(?:s|ing)?\s+(?:to|is|for)\b"
    r"|\bour\s+aim\b|\bintends?\b|\bintending\b|\bset\s+to\b|\bslated\b|\bscheduled\b"
    r"|\bdue\s+(?:to\s+(?!it\b|the\b|a\b|their\b|its\b)\w+|in|for|by)\b|\bon\s+track\b|\bpoised\b"
    r"|\b(?:prediction|forecast|bet|guess|expectation)s?\s*(?::|is\b)"
    r"|\b(?:goal|target|ambition)\s+(?:is|of|remains)\b|\bcommitted\s+to\b|\bworking\s+(?:on|to)\b"
    r"|\bsuspect\b|\bdoubt\b|\bbet\b|\bguess(?:ing)?\b|\bestimat\w+"
    r"|\b(?:I|we)\s+(?:(?:don['’]t|do\s+not)\s+)?(?:think|believe|reckon|agree)\b|\bsoon\b|\beventually\b|\bhere\s+to\s+stay\b"
    r"|\b(?:I|we)\s+can\s+see\b|\bpegged\b|\bnext\s+(?:year|decade|month|quarter)\b"
    r"|\b(?:in|over)\s+the\s+(?:coming|next)\b|\bis\s+the\s+year\b|\b(?:I|we)\s+(?:also\s+|still\s+)?want\s+(?:\w+\s+){1,3}to\b"
    r"|\bgoing\s+to\s+(?!the\b|a\b|an\b)\w+|\b(?:I|we)\s+(?:continue\s+to\s+|still\s+)?see\b",
    re.I,
)
# Cues that are no verb of the unit: a noun or adverb ("the real prediction is", "eventually",
# "in 2019") or a past form ("the industry half expected it", "the expected file tree").
_SOFT_CUE_RE = re.compile(
    r"\b(?:the|a|an|any|all|my|our|their|its|his|her|real|core|last)\s+(?:\w+\s+){0,3}?"
    r"(?:predictions?|forecasts?|projections?|expectations?|estimates?|expected|plans?"
    r"|goals?)\b"
    r"(?!\s*(?::|is\b))"
    # a bare plural noun heading its sentence, then its verb: "Forecasts increased", "Forecasts
    # are difficult" talk about forecasts
    r"|^\W*(?:predictions|forecasts|projections|estimates)\s+(?=[a-z]+ed\b|(?:are|were)\s+"
    r"(?!(?:that|for|to)\b))"
    r"|\b(?:soon|eventually|next\s+(?:year|decade|month|quarter))\b"
    r"|\b(?:in|over)\s+the\s+(?:coming|next)\b"
    r"|\bas\s+(?:I\s+|we\s+)?(?:had\s+)?(?:expected|predicted|forecast|planned)\b"
    r"|\b(?:half|had|have|has|was|were|once|originally)\s+(?:\w+\s+)?(?:expected|predicted|"
    r"forecast|planned|projected|anticipated|estimated)\b"
    r"|\b(?:was|were)\s+(?:\w+\s+)?(?:poised|set|slated|scheduled|due|going|on\s+track)\s+to\b",
    re.I,
)
_VERBAL_FUTURE_RE = re.compile(
    r"\b(?:will|won['’]t|shall|would|gonna)\b|['’](?:ll|d)\b|\bgoing\s+to\b", re.I
)
_WILL_RE = re.compile(r"\b(?:will|won['’]t|shall)\b|['’]ll\b|\bgoing\s+to\b", re.I)
_WEAK_CUE_RE = re.compile(r"\b(?:would|could|may|might|should)\b|['’]d\b", re.I)
_YEAR_RE = re.compile(r"\b(?:19|20)\d\d\b")
_QUESTION_WORD_RE = re.compile(
    r"\b(?:how|what|whether|why|where)\b(?:\s+[\w’'-]+){0,6}?\s+(?:is|are)\s+"
    r"(?:going\s+to|planning|expected|planned)\b"
    r"|\bhow\s+(?:I|we)\s+think\b|\bhow\s+\w+\s+will\b"
    r"|\b(?:what|how|when|where)\s+(?:I|we|they|you)\s+(?:want|expect|plan|intend)\b"
    r"|\b(?:what|how|when|where)\s+to\s+(?:expect|predict|plan|anticipate)\b",
    re.I,
)
_RECOMMENDATION_RE = re.compile(
    r"\b(?:good|right|best|great)\s+time\s+to\b"
    r"|\bimportant\s+to\b(?!\s+(?:note|remember|bear\s+in\s+mind|keep\s+in\s+mind|stress|point\s+out))"
    r"|^(?:[\w’',]+\s+){0,6}?needs?\s+to\b"
    r"|\b(?:you|investors|one)\s+(?:should|must|need)\b"
    r"(?!\s+(?:remember|note|say|admit|add|bear\s+in\s+mind|keep\s+in\s+mind|"
    r"(?:also\s+)?(?:expect|anticipate)))"
    r"|\bshould(?:n['’]t|\s+not)?\s+(?:be\s+)?(?:ignored|considered|overlooked|underestimated)\b"
    r"|^(?:Think|Check|Look|Consider|Remember|Imagine|Let['’]s|Don['’]t|Make\s+sure)\b"
    r"|\b(?:difficult|hard|impossible|easy|too\s+early)\s+to\s+(?:predict|forecast|say|tell)\b",
    re.I,
)
# Unreal conditions ("If X had an API, we could ...") and reported opinions to come ("Supporters
# will say ...") assert nothing about what will happen.
_UNREAL_RE = re.compile(
    r"\bif\s+[^,]{1,60}?\b(?:had|were|did)\b[^,]*,\s*(?:\w+\s+)?(?:would|could|might)\b"
    r"|\bwill\s+(?:say|argue|claim|tell\s+you)\b",
    re.I,
)
# A wish or a feeling, not a forecast: "I sincerely hope ...", "we're excited about ...".
_WISH_RE = re.compile(
    r"\b(?:I|we)\s+(?:\w+\s+)?(?:hope|wish)\b|\b(?:excited|thrilled)\s+about\b"
    r"|\b(?:it['’]s|it\s+is|find\s+it)\s+(?:\w+\s+){0,2}?(?:interesting|exciting|fun|fascinating)\s+to\b"
    r"|\bthe\s+sooner\b.*\bthe\s+better\b",
    re.I,
)
# The author or someone restating what was said before ("I wrote "...", "we mentioned earlier
# that ...", "Baidu confirmed earlier this year that it will ...").
_RESTATED_RE = re.compile(
    r"\b(?:I|we)\s+(?:wrote|said|mentioned|predicted|argued|noted)\b"
    r"|\b(?:said|confirmed|announced|told|promised|predicted)\s+(?:\w+\s+){0,3}?"
    r"(?:earlier\s+this\s+year|last\s+year|\w+\s+(?:years?|decades?)\s+ago)\b",
    re.I,
)
# "It may appear ...", "it might seem ...": a hedge about the present.
_PRESENT_HEDGE_RE = re.compile(
    r"\b(?:may|might|could)\s+(?:\w+\s+)?(?:appear|seem|look|sound|feel)\b"
    # a reading of an observed fact: "could also be a signal that", "could be attributed to"
    r"|\b(?:may|might|could)\s+(?:also\s+|well\s+)?be\s+(?:a|an|the)\s+(?:\w+\s+)?"
    r"(?:sign|signal|indication|symptom|reflection|result)\b"
    r"|\b(?:may|might|could)\s+(?:also\s+|well\s+)?be\s+(?:attributed|explained|traced)\b",
    re.I,
)
# A belief with nothing ahead in it is about the present ("I believe that Apple is looking at").
_BELIEF_ONLY_RE = re.compile(
    r"\b(?:I|we)\s+(?:(?:don['’]t|do\s+not)\s+)?(?:think|believe|reckon|agree|suspect|doubt)\b"
    r"|\bsuspect\b|\bdoubt\b",
    re.I,
)
_LASTING_BELIEF_RE = re.compile(
    r"\b(?:I|we)\s+(?:(?:really|strongly|firmly)\s+)?(?:believe|doubt|suspect)\b"
    r"|\b(?:I|we)\s+(?:don['’]t|do\s+not)\s+(?:think|believe)\b",
    re.I,
)
# A time long gone: a call made then ("Last spring I bet ...") is history unless the unit also
# looks ahead ("Up from last year, I expect ... by 2025").
_PAST_TIME_RE = re.compile(
    r"\blast\s+(?:spring|summer|autumn|fall|winter|season|year|decade)\b(?![’']s)"
    r"|\b(?:a|one|two|three|four|five|six|\d+)\s+(?:years?|decades?)\s+ago\b|\bat\s+the\s+time\b",
    re.I,
)
# What a belief with no future word is about when it is not a lasting state: the past ("was
# short of cash") or this moment ("Today, I believe that Apple is looking at ...").
_NOT_AHEAD_RE = re.compile(
    r"\b(?:was|were|had|did|went|made|said|been)\b"
    r"|\b(?:today|now|currently|at\s+the\s+moment|right\s+now)\b|\b(?:is|are|am)\s+\w+ing\b",
    re.I,
)
# A reference entry: a source's name and the address of its page ("Fortune - https://..."); the
# words of an address ("...-forecast-2022-outlook/") are no prose of the article.
_URL_RE = re.compile(r"\b(?:https?://|www\.)\S+")
_CITATION_RE = re.compile(
    r"^\s*(?:[-*•]\s+|\d+[.)]\s+)?(?:[^.!?:\s]|[.!?](?=\S)|\s){0,80}?\s*[-–—:|]?\s*\[?"
    r"(?:https?://|www\.|[a-z0-9-]+(?:\.[a-z0-9-]+)+/)\S*\s*$"  # "my.example.com/chart?x=1"
)
# A presentative lead-in points at what follows ("Here are the teams I think will ...", "Here's
# where experts predict the market is headed"): it introduces, the items forecast.
_PRESENTATIVE_RE = re.compile(r"^\W*(?:(?:so|and|now),?\s+)?here\s*(?:['’]s|is|are)\b", re.I)
# A forecasting verb named as an activity (a gerund at the head of its clause, "making
# predictions"): "predicting the playoff teams is great fun", "expecting it to jump three levels
# is ambitious" talk about forecasting and forecast nothing.
_ACTIVITY_RE = re.compile(
    r"(?:^\W*|[:;,]\s*|\b(?:and|or)\s+)(?:predicting|forecasting|expecting|anticipating|projecting"
    r"|guessing|making\s+(?:\w+\s+)?(?:predictions|forecasts|guesses|bets))\b",
    re.I,
)
# The reader as the subject of a modal ("you'll have an easier time", "you may be out of luck",
# "you can rest assured that ..."): the writer addresses the reader; no party's outcome is forecast.
_READER_RE = re.compile(
    # not "you should expect to see major changes": a forecast told to the reader
    r"\byou\s*(?:['’]ll|['’]d|will|would|can|could|may|might|should|must)\b"
    r"(?!\s+(?:also\s+)?(?:expect|anticipate)\b)"
    # the writer's offer of service to the reader: "We'll work with you", "we can guide you"
    r"|\b(?:we|I)\s*(?:['’]d|['’]ll|will|would|can|could)\s+(?:[\w-]+\s+){0,3}?you\b",
    re.I,
)
# A forecast made in the past and reported as such ("Many predicted that X would win"): a past
# verb of forecasting or belief with the backshifted modal, and nothing dated ahead.
_PAST_FORECAST_RE = re.compile(
    r"\b(?:predicted|expected|thought|believed|assumed|forecast|anticipated|bet)\s+(?:that\s+)?"
    r"(?:[\w’'-]+,?\s+){0,8}?(?:would|could|might)\b",
    re.I,
)
# A cue noun as the predicate of a copula classifies a thing ("All these dates are estimates"),
# and a change with no direction ("may change depending on ...") is consistent with anything.
_CLASSIFIED_RE = re.compile(
    r"\b(?:is|are)\s+(?:only\s+|just\s+|merely\s+|all\s+)?(?:\w+\s+)?(?:estimates?|predictions?"
    r"|forecasts?|projections?|guesses?)\s*[.;,]?\s*$",
    re.I,
)
_UNDIRECTED_CHANGE_RE = re.compile(
    r"\b(?:may|might|could|can)\s+(?:well\s+|still\s+)?(?:change|vary|differ|evolve)\b"
    r"(?!\s+(?:to|into|from|by|in\s+favou?r)\b)",
    re.I,
)
# Advice after a condition about the reader: "If you're selling this year, contact us now",
# "Whether you're buying or refinancing, act soon": the main clause has no subject of its own
# (a verb straight followed by its object or an adverb), so it is an imperative.
_READER_IMPERATIVE_RE = re.compile(
    r"^\W*(?:if|whether|when|once|before|as)\s+you\b[^,]{0,160},\s+"
    r"(?!(?:the|a|an|this|that|these|those|it|they|we|I|he|she|there|you|your|our|their|its)\b)"
    r"[a-z]+\s+(?:us|me|them|your|our|now|soon|today|early|quickly|the|a|an|this|it)\b",
    re.I,
)
# A hedge on the writer's own wording ("it would be reasonable to suggest that ...") carries no
# forecast of its own; what it introduces must.
_WORDING_HEDGE_RE = re.compile(
    r"\bit\s+(?:would|could|might|may)\s+be\s+(?:\w+\s+)?(?:reasonable|fair|safe|accurate|wrong)"
    r"\s+to\s+(?:say|suggest|argue|assume|claim|conclude)\b",
    re.I,
)
# Nothing decided yet: "Main projects to be determined.", "venue TBA".
_UNDECIDED_RE = re.compile(
    r"\bto\s+be\s+(?:determined|decided|confirmed|announced|defined|discussed)\s*[.!]?\s*$"
    r"|\b(?:TBD|TBA|TBC)\b"
)
# An imperative at the head of a clause: "..., keep in mind that we are still open to ...".
_KEEP_IN_MIND_RE = re.compile(r"(?:^\W*|[,;:]\s*)(?:keep|bear)\s+in\s+mind\b", re.I)
# What a list item with no cue of its own states when it is no forecast of the list: what has
# been going on ("has been following ... for months"), or evidence ("experience shows that").
_NOT_LISTED_RE = re.compile(
    r"\b(?:has|have)\s+(?:\w+\s+)?been\b|\b(?:shows?|showed|proves?|proved|demonstrates?)\s+that\b",
    re.I,
)
# The writer's plans for this very document ("The table will be updated as we go").
_DOCUMENT_PLAN_RE = re.compile(
    r"\b(?:this|the)\s+(?:table|post|article|page|list|chart|section)\s+will\s+be\s+"
    r"(?:updated|revised|edited|amended|expanded|extended)\b",
    re.I,
)
_YEAR_LABEL_RE = re.compile(r"^\s*((?:19|20)\d\d)\s*:")
_SCORE_END_RE = re.compile(r"(?:\s[+-]\d+\s*[!.]?)+\s*$")
_LEADING_NOTE_RE = re.compile(r"^\s*\([^()]{1,30}\)\s*(?=\S)")
_COUNTERFACTUAL_RE = re.compile(
    r"\b(?:would|could|should|might|may)(?:\s+(?:not|really|still))?\s+have\s+(?:been|\w+ed|\w+en)\b",
    re.I,
)
_PAST_MARK_RE = re.compile(
    r"\b(?:ago|in\s+the\s+past|as\s+we\s+found\s+out|earlier\s+this\s+year|last\s+year)\b"
    r"|\b(?:was|were|had|did|decided|knew|saw|went|took|said|wrote|thought|made|found|started|delivered"
    r"|launched|announced|introduced|happened|came|rose|fell|grew)\b",
    re.I,
)
# "Acme said it would cut 500 jobs": a reported future, the backshifted "will" of the speaker.
_REPORTED_FUTURE_RE = re.compile(
    r"\b(?:said|told\s+\w+|announced|confirmed|promised|pledged|warned|indicated|added)"
    r"\s+(?:on\s+\w+\s+)?(?:that\s+)?(?:it|they|he|she|the\s+\w+|[A-Z]\w*)\s*$",
    re.I,
)
_SELF_PLAN_RE = re.compile(
    r"\bI\s*(?:['’]ll|['’]m\s+going\s+to|am\s+going\s+to|will|might|may|plan\s+to|intend\s+to)\s+"
    r"(?:\w+\s+)?(?:write|blog|post|go\s+back|cover|look|review|reset|add|share|talk|come\s+back|learn"
    r"|update|follow\s+up|return|keep)\b"
    r"|\b(?:plan|intend)\s+to\s+(?:blog|write|post)\b|\btalk\s+to\s+you\b"
    # what the writer will do with this very list: "I will revisit these predictions"
    r"|\bI\s*(?:['’]ll|will|plan\s+to|intend\s+to)\s+(?:\w+\s+){1,2}?(?:these|my|this)\s+"
    r"(?:predictions?|forecasts?|picks|list|post)\b",
    re.I,
)
_IDIOM_RE = re.compile(
    r"\bas\s+(?:you|we)(?:['’]ll|\s+will)\s+see\b|\btime\s+will\s+tell\b|\bwe['’]ll\s+see\b|\bremains\s+to\s+be\s+seen\b"
    r"|\bwill\s+(?:be\s+)?(?:remembered|recalled)\b",
    re.I,
)
_GENERIC_SUBJECT_RE = re.compile(
    r"^(?:A|An|Any|Every)\s+(?:[\w-]+\s+){0,3}?(?:should|must|can)\b"
    # an illustration with an unnamed actor: "Eventually, someone will make a sign ...", "That
    # is, one could send the car alone ..."
    r"|^\W*(?:[\w’']+(?:\s+\w+)?,\s+)?(?:someone|somebody|anyone|anybody|one)\s+"
    r"(?:will|would|could|might|may|can)\b",
    re.I,
)
# A scored item of a review: "+1!", "-1.", "(correct)", "✓".
_SCORE_RE = re.compile(r"^\s*(?:[+-]\d+[!.]?\s*)+$|^\s*[✓✗✔✘]\s*$")
_SCORE_AFTER_RE = re.compile(r"^\s*[+-]\d+\s*[!.]")
_PAST_HEADING_RE = re.compile(
    r"\b(?:last\s+year|looking\s+back|in\s+review|review|recap|scorecard|how\s+(?:I|we)\s+did"
    r"|in\s+hindsight)\b",
    re.I,
)
_FORECAST_HEADING_RE = re.compile(
    r"\b(?:predictions?|forecasts?|picks?|outlook|expect|ahead|next|future|what['’]s\s+next|roadmap"
    r"|plans?|will|gonna|going\s+to)\b",
    re.I,
)
_DATED_FUTURE_RE = re.compile(
    r"\b(?:in|by|for|during|through|until|before|after)\s+(?:all\s+of\s+)?(?:the\s+(?:end|"
    r"start|middle|first|second|rest)\s+(?:half\s+)?of\s+)?(?:(?:early|mid|late)[\s-])?"
    r"(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+|Q[1-4]\s+|H[12]\s+)?"
    r"(?P<year>(?:19|20)\d\d)\b",
    re.I,
)
_LEAD_IN_END_RE = re.compile(r":\s*$")
_ASIDE_END_RE = re.compile(r"\s*\((?:[^()]*)\)[.!]?\s*$")


@dataclass(frozen=True)
class Unit:
    """A unit the pass keeps: its span, its sentence, and why (for reading the code's choices)."""

    span: Span
    sentence: Span
    reason: str
    kept: bool = True  # False: a cue was there, and a filter ruled the unit out
    # The heading above and the lead-in of a list ("macOS 11 will be identical, except:"): where
    # a list item's missing period, subject or measure comes from.
    context: str = ""


@dataclass(frozen=True)
class _Block:
    span: Span
    kind: str
    level: int = 0
    number: int | None = None  # an ordered list item's number
    emphasized: bool = False  # set wholly in bold or italics


def _blocks(text: str, structure: tuple[TextBlock, ...]) -> list[_Block]:
    if structure:
        return [
            _Block((b.start, b.end), b.kind, b.level, b.number, b.emphasized) for b in structure
        ]
    out = []
    for span in split_blocks(text):
        line = text[span[0] : span[1]]
        if is_heading(text, span):
            out.append(_Block(span, "heading"))
        elif re.match(r"\s*(?:[-*•·]|\d+[.)])\s", line):
            out.append(_Block(span, "item"))
        else:
            out.append(_Block(span, "paragraph"))
    return out


# The most words a nominee's line holds: a name, a title, an aside ("Denzel Washington, “Roman
# J. Israel, Esq.” (1%)"); a longer line is a statement, not a name on a ballot.
_NOMINEE_WORDS = 12


def _marked_choices(text: str, blocks: list[_Block]) -> dict[int, bool]:
    """The items of each list of nominees in which the writer marked one: a list of three or
    more short lines, one of them (and only one) set wholly in bold or italics. Maps each item's
    start to whether it is the marked one. "My predictions are below, in bold": under a
    category's heading, the marked nominee is the writer's pick and the others are the field."""
    out: dict[int, bool] = {}
    run: list[_Block] = []
    for block in [*blocks, _Block((len(text), len(text)), "end")]:
        if block.kind == "item" and (not run or block.level == run[0].level):
            run.append(block)
            continue
        marked = [b for b in run if b.emphasized]
        if (
            len(run) >= 3
            and len(marked) == 1
            and all(len(text[b.span[0] : b.span[1]].split()) <= _NOMINEE_WORDS for b in run)
        ):
            out.update({b.span[0]: b.emphasized for b in run})
        run = [block] if block.kind == "item" else []
    return out


def _future_year(piece: str, published: date) -> bool:
    return any(int(m.group("year")) >= published.year for m in _DATED_FUTURE_RE.finditer(piece))


# "It comes out on the Switch on March 20, 2020": a day still ahead, named in full, dates what
# the sentence says will happen then, present tense or not.
_ON_DAY_RE = re.compile(
    r"\bon\s+(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}"
    r"(?:st|nd|rd|th)?,?|\d{1,2}(?:st|nd|rd|th)?\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
    r"[a-z]*\.?,?)\s+(?:19|20)\d\d\b"
)


def _day_ahead(piece: str, published: date) -> bool:
    """Whether the piece names in full a day after `published` ("on March 20, 2020")."""
    for m in _ON_DAY_RE.finditer(piece):
        found = find_periods(m.group(), published)
        if found and found[0].start > published:
            return True
    return False


# A heading that lists names ("Russia, Saudi Arabia, Egypt, Uruguay"): the competition's
# entrants, still under its heading.
_NAMES_LIST = re.compile(r"[A-Z][\w.'’ -]*(?:,\s*(?:and\s+)?[A-Z][\w.'’ -]*)+")
# The reason given to a list item labelled with a date ahead (`_dated_item`).
SCHEDULED = "scheduled"
# The reason given to a labelled pick of a team's place ("Group Winner: Uruguay", `picks`).
PICKED = "picked"
# A unit's reason when it calls a meeting its heading names ("Belgium as favourites to win"
# under "Match 4: Belgium vs Portugal": `fixtures`).
CALLED = "called"
# What parts a list item's date from what happens then: "2016-05 — Feature Complete",
# "Q3 2024: launch".
_DATE_LABEL_END = re.compile(r"\s*[—–:]\s*|\s+-\s+")


def _dated_item(piece: str, published: date) -> bool:
    """A list item labelled with a date still ahead ("2016-05 — JDK 9: Feature Complete",
    "Q3 2024: first deliveries", "New 205 Ottawa iXpress (Sept 2017)", a roadmap table's row
    "Reverse scan improvement Timeline: Q4 '22"): an entry of a schedule or roadmap, what is
    planned for then.
    A date already gone labels a history, not a plan."""
    windows = cached_horizons(piece, published)
    if not windows:
        return False
    first = windows[0]
    text = piece.lstrip("*_ ")
    if first.end <= published:
        return False
    if text.startswith(first.text) and _DATE_LABEL_END.match(text, len(first.text)):
        return True
    # the date as the entry's label in brackets: "New 205 Ottawa iXpress (Sept 2017)", or in
    # a table's column closing its row: "Reverse scan improvement Timeline: Q4 '22"
    return (
        re.search(rf"\(\s*{re.escape(first.text)}\s*\)", text) is not None
        or re.search(rf"\s[A-Z][A-Za-z]*(?: [a-z]+)?:\s*{re.escape(first.text)}\W*$", text)
        is not None
    )


# A schedule's entry written as a line of prose: "Fuller House, Sept. 22 – The revived family
# sitcom is back", "Star Trek Discovery (CBS All Access), Sept. 24 – The first episode ...".
_ENTRY_RE = re.compile(r"[A-Z][^,–—.]{1,60}(?:\([^)]{1,40}\))?, (?P<date>[^,–—]{3,24}?)\s+[–—]\s")


def _dated_entry(piece: str, published: date) -> bool:
    """A line naming a thing, its date still ahead and, after a dash, what it is: an entry of
    a schedule (a streaming guide's premieres), what is planned for that day."""
    m = _ENTRY_RE.match(piece.lstrip("*_ "))
    if m is None:
        return False
    # read as written, in the year of writing: "Sept. 8" in a guide of 19 September is gone
    windows = find_periods(m.group("date"), published)
    return bool(windows) and windows[0].end > published


def _past_only(piece: str, published: date) -> bool:
    """A unit about a time already gone: a past year (and none ahead), or a past-tense verb or
    marker before its only cues, which are weak ("knew that no one else would")."""
    years = [int(y) for y in _YEAR_RE.findall(piece)]
    return bool(years and max(years) < published.year)


def forecast_units(
    text: str,
    published: date,
    structure: tuple[TextBlock, ...] = (),
    in_quote: object = None,
    title: str | None = None,
) -> Iterator[Unit]:
    """Every unit of the article that states an expectation about the future (see the module).
    The title is the heading above all others ("My predictions for the decade")."""
    del in_quote
    section = "none"  # "past" | "forecast" | "none": what the last heading announced
    # (level, section, framed) of the headings above; framed: under a heading announcing a list
    # of predictions, where a claim in the present tense is one of them
    sections: list[tuple[int, str, bool]] = []
    framed = False
    if title and _section_of(title, published) == "forecast" and _announces_predictions(title):
        section, framed = "forecast", True  # the title of a list of predictions frames all
        sections.append((0, section, framed))
    previous_forecast = False  # whether the unit before this one was kept
    list_context = False  # items under a lead-in that continues a forecast
    # whether the list has a lead-in of its own ("Unless it isn't:"): then the lead-in, not the
    # heading, says what its items are (cases of an example are no forecasts under "The future")
    led = False
    heading_text = lead_in = marked_heading = ""
    competition = ""  # the last heading naming a competition ("Group A"), for picks under it
    competition_level = 0
    blocks = _blocks(text, structure)
    choices = _marked_choices(text, blocks)
    for block in blocks:
        line = text[block.span[0] : block.span[1]]
        heading = block.kind == "heading" or (
            block.kind == "paragraph" and is_heading(text, block.span)
        )
        # The award the last heading names ("## BEST PICTURE"), if it names one.
        category = award_category(heading_text)
        if heading and block.kind != "heading" and category is not None:
            # A short line under an award's heading is one of its labelled lines, not a heading
            # of its own: "Most Likely: The Revenant" picks, "Most Deserving: Spotlight" wishes.
            if award_pick_of(line, heading_text) is not None:
                yield Unit(block.span, block.span, PICKED, context=heading_text)
                continue
            if is_category_wish(line, heading_text):
                continue
        if heading:
            # A heading that announces nothing ("## Gaming") is a part of its parent's section:
            # under "# My predictions for the decade" every part holds predictions.
            level = _heading_level(block, line)
            while sections and sections[-1][0] >= level:
                sections.pop()
            own = _section_of(line, published) or "none"
            section = own if own != "none" else (sections[-1][1] if sections else "none")
            announced = own == "forecast" and _announces_predictions(line)
            framed = announced or (own == "none" and bool(sections) and sections[-1][2])
            # "## 3. The Rise of Filecoin" under "Predictions for 2021": the heading is the
            # prediction, and when it states a claim, the prose under it argues for it
            numbered = framed and not announced and bool(_NUMBERED_RE.match(line))
            if numbered and _NUMBERED_HEADING_RE.match(line):
                framed = False
            sections.append((level, section, framed))
            heading_text = line
            if block.kind == "heading":
                marked_heading = line  # a heading as written, not a short line read as one
            list_context = led = False
            if competition_in(line) is not None:
                competition, competition_level = line, level
            elif level <= competition_level and not _NAMES_LIST.fullmatch(line.strip("# ")):
                competition = ""  # "Knockout rounds" after "Group E": the group's picks are over
            if section != "past" and pick_of(line, competition) is not None:
                # "Group Winner: Uruguay" under "Group A": a pick, read with its competition
                yield Unit(block.span, block.span, PICKED, context=competition)
                continue
            if ruled_out(line, published):
                for sentence in sentence_spans(text, block.span):
                    yield Unit(sentence, sentence, RULED_OUT, kept=False)
            elif block.kind == "heading" and verbal_cue(line) and not dropped(line, published):
                yield Unit(block.span, block.span, "heading")
            elif numbered and not dropped(line, published, section, True):
                yield Unit(block.span, block.span, "listed")
            continue
        in_item = block.kind in ("item", "item-more")
        if in_item and _CITATION_RE.match(line):
            continue  # a reference list's entry: a source's name and address
        if block.span[0] in choices and heading_text and (framed or section == "forecast"):
            # Under "#### Lead Actor" in a piece of predictions, the nominee set in bold is the
            # writer's pick to win it; the rest of the list is the field, no forecast.
            if choices[block.span[0]]:
                yield Unit(block.span, block.span, PICKED, context=marked_pick(heading_text))
            continue
        if section != "past" and pick_of(line, competition) is not None:
            yield Unit(block.span, block.span, PICKED, context=competition)
            continue
        ranked = ranked_context(line, block.number, competition) if in_item else None
        if section != "past" and ranked is not None:
            # "1. Jets (Playoffs)" under "## AFC East": the author's pick to win it
            yield Unit(block.span, block.span, PICKED, context=ranked)
            continue
        if category is not None and (
            is_category_wish(line, heading_text) or (in_item and not cues.has_trigger(line))
        ):
            # Under "## BEST PICTURE": "Most Deserving: Spotlight" is a wish, and the list of
            # nominees ("Tom McCarthy: Spotlight") names who may win, no forecast of who will.
            continue
        if framed and award_pick_of(line, heading_text) is not None:
            # "Most Valuable Player: Mike Trout" under "Award Picks": who wins it, in the league
            # the heading names
            yield Unit(block.span, block.span, PICKED, context=heading_text)
            continue
        if not in_item:
            list_context = led = False
        sentences = list(sentence_spans(text, block.span))
        for i, sentence in enumerate(sentences):
            unit = without_background(text, _without_aside(text, sentence), published)
            piece = text[unit[0] : unit[1]]
            nxt = text[sentences[i + 1][0] : sentences[i + 1][1]] if i + 1 < len(sentences) else ""
            after = text[sentence[1] : block.span[1]]
            if _SCORE_RE.match(piece):
                continue
            scored = bool(_SCORE_RE.match(nxt) or _SCORE_AFTER_RE.match(after))
            first_of_item = block.kind == "item" and i == 0
            reason = _reason(piece, published)
            if scored or (section == "past" and first_of_item):
                reason = None  # an old forecast restated to be scored
            elif not reason and (
                (
                    first_of_item
                    and (list_context or (section == "forecast" and not led))
                    and not _NOT_LISTED_RE.search(piece)
                )
                or (framed and _framed(piece))
            ):
                reason = "listed"
            elif not reason and (
                (first_of_item and _dated_item(piece, published))
                or (i == 0 and _dated_entry(piece, published))
            ):
                reason = SCHEDULED
            elif not reason and section != "past" and fixture_pick(piece, marked_heading):
                # under "Match 4: Belgium vs Portugal", "Belgium as favourites to win" or
                # "Belgium 2-1 Portugal" calls the meeting, whatever its verb
                reason = CALLED
            could_be_read = bool(reason) or cues.has_trigger(piece)  # else no finder takes it
            if (
                scored
                or (section == "past" and first_of_item)
                or (could_be_read and ruled_out(piece, published))
            ):
                yield Unit(sentence, sentence, RULED_OUT, kept=False)
            kept = bool(reason) and not dropped(
                piece, published, section, reason in ("listed", SCHEDULED, CALLED)
            )
            if kept:
                context = " ".join(filter(None, (heading_text, lead_in if in_item else "")))
                for part in compound_parts(text, unit, published):
                    yield Unit(part, sentence, str(reason), context=context)
            elif reason:
                yield Unit(sentence, sentence, reason, kept=False)
            if not in_item and i == len(sentences) - 1 and _LEAD_IN_END_RE.search(line):
                # "This means:", "except:", "On the security front:" after a forecast
                list_context = kept or previous_forecast
                # "Here is the view:" points at its list; the heading says what it holds
                lead_in, led = piece, not _PRESENTATIVE_RE.match(piece)
            previous_forecast = kept


def leaning_spans(text: str, structure: tuple[TextBlock, ...] = ()) -> list[tuple[Span, str]]:
    """Where a statement leans on what stands above it, with that context (heading, then
    lead-in; `analysis.context` decides what it gives): every list item, under the nearest
    heading and the lead-in of its list ("Its plans for the next two years:"), and the first
    sentence of a paragraph right after a lead-in. Prose under a heading stands on its own
    (only its missing period is taken from the heading, by `Unit.context`)."""
    out: list[tuple[Span, str]] = []
    heading = lead_in = ""
    after_lead_in = False
    for block in _blocks(text, structure):
        line = text[block.span[0] : block.span[1]]
        if block.kind == "heading" or (block.kind == "paragraph" and is_heading(text, block.span)):
            heading, lead_in, after_lead_in = line, "", False
            continue
        if block.kind in ("item", "item-more"):
            out.append((block.span, context_line(heading, lead_in)))
            continue
        sentences = list(sentence_spans(text, block.span))
        if after_lead_in and sentences and block.kind == "paragraph":
            out.append((sentences[0], context_line(heading, lead_in)))
        if sentences and _LEAD_IN_END_RE.search(line):
            last = sentences[-1]
            lead_in, after_lead_in = text[last[0] : last[1]], True
        else:
            lead_in, after_lead_in = "", False
    return out


_MONTH_RE = re.compile(
    r"\b(?:in|by|from|until|during)\s+(?:early\s+|mid-?|late\s+)?(?:January|February|March|April|"
    r"May|June|July|August|September|October|November|December)\b"
)
_PART_BOUNDARY_RE = re.compile(r",\s+(?:and\s+)?|;\s+|\s+and\s+")
_TIME_UNITS = frozenset({"year", "month", "week", "day", "quarter", "decade", "hour"})


def compound_parts(text: str, span: Span, published: date) -> list[Span]:
    """A compound forecast cut into parts a judge can settle one by one: "1,000 a week in July,
    4,000 in August and 5,000 in September" holds three figures with three dates. Cut only when
    every part has a figure and a date of its own; otherwise the unit stays whole."""
    piece = text[span[0] : span[1]]
    if len(_PART_BOUNDARY_RE.findall(piece)) < 1 or not re.search(r"\d", piece):
        return [span]
    parts: list[Span] = []
    cursor = 0
    for m in [*_PART_BOUNDARY_RE.finditer(piece), None]:
        end = m.start() if m else len(piece)
        parts.append(trim_span(text, (span[0] + cursor, span[0] + end)))
        cursor = m.end() if m else len(piece)
    if len(parts) < 2:
        return [span]
    for lo, hi in parts:
        part = text[lo:hi]
        figures = [q for q in find_quantities(part) if q.unit not in _TIME_UNITS]
        if not figures or not (cached_horizons(part, published) or _MONTH_RE.search(part)):
            return [span]
    return parts


_LIST_OF_PREDICTIONS_RE = re.compile(
    r"\b(?:predictions|forecasts|picks|what\s+to\s+expect|things\s+to\s+expect)\b", re.I
)
# Not a claim about what comes: the writer or reader, the present moment, a past verb, a
# statement of what something is ("Bitcoin is a currency"), a reply ("Yes, ...", "Answer: ...").
_FRAMED_NOT_RE = re.compile(
    r"\b(?:I|me|my|we|our|us)\b|\b(?:has|have)\s+(?:\w+\s+)?\w+ed\b"
    r"|\b(?:now|today|currently|still|already|nowadays|these\s+days)\b"
    r"|\b(?:[A-Z]\w+|he|she|it|they|who|which)\s+(?:\w+ly\s+)?(?!(?:need|speed|feed|seed|shed)\b)"
    r"[a-z]{2,}ed\b(?!\s+by\b)"
    r"|\bit\s+(?:becomes|is|seems)\s+(?:[\w-]+\s+){0,4}?(?:clear|obvious|evident)\b"
    r"|\b(?:is|are)\s+(?:\w+\s+)?(?:a|an)\s+\w+\s*(?:[.,;]|$)"
    r"|^\W*(?:\(\S+\)\s*)?(?:Yes|No|Or|Then|Answer|So|But|And)\b",
    re.I,
)


def _announces_predictions(heading: str) -> bool:
    """ "My predictions for the decade", "What to expect in 2023"; not news about forecasts
    ("Forecasts increased for the second time")."""
    return bool(_LIST_OF_PREDICTIONS_RE.search(heading)) and not re.search(
        r"\b[a-z]{3,}ed\b", heading
    )


# A numbered heading ("## 3. The Rise of Filecoin", "**2\. Containerization**", "### 1.
# Sanders"): under a title of predictions, one of them.
_NUMBERED = r"^\W*\d{1,2}\\?[.)]\s+"
_NUMBERED_RE = re.compile(_NUMBERED + r"\W*\w")
# One stating a claim of its own, three words or more; not a ranked name ("### 1. Sanders"),
# whose section argues the ranking in predictions of its own.
_NUMBERED_HEADING_RE = re.compile(_NUMBERED + r"\S+(?:\s+\S+){2,}")


def _framed(piece: str) -> bool:
    """A statement under a heading of predictions that reads as one without a cue: a claim in
    the present about others ("Python becomes the most important language"), not the writer's
    aside, not the past."""
    return (
        len(piece.split()) >= 5
        and not _FRAMED_NOT_RE.search(piece)
        and not _PAST_MARK_RE.search(piece)
        and not piece.rstrip().endswith(("?", ":"))
    )


def _heading_level(block: _Block, line: str) -> int:
    marks = re.match(r"\s*(#{1,6})\s", line)
    return block.level or (len(marks.group(1)) if marks else 1)


def _section_of(heading: str, published: date) -> str | None:
    years = [int(y) for y in _YEAR_RE.findall(heading)]
    if _PAST_HEADING_RE.search(heading) or (years and max(years) < published.year):
        return "past"
    if _FORECAST_HEADING_RE.search(heading) or (years and max(years) >= published.year):
        return "forecast"
    return "none"


def cued(piece: str, published: date) -> bool:
    """Whether a piece carries any cue of the future (a verb, a modal or a dated future)."""
    return _reason(piece, published) is not None


def _reason(piece: str, published: date) -> str | None:
    # "the will of taxpayers", "time will tell"; an address's words are no prose
    written = _URL_RE.sub(" ", piece)
    piece = cues.NOT_A_FORECAST_RE.sub(" ", written)
    if _STRONG_CUE_RE.search(piece):
        return "cue"
    if _future_year(piece, published) or _day_ahead(written, published):
        return "dated"
    if _WEAK_CUE_RE.search(piece):
        return "modal"
    return None


def ruled_out(piece: str, published: date) -> bool:
    """Whether a unit is something other than a forecast whatever finder read it: a question, a
    scored or restated call, a wish, advice, the writer's own plans, an idiom, a belief about the
    present, a call made long ago."""
    piece = _LEADING_NOTE_RE.sub("", piece)  # "(0.6) Look, ...": a probability note first
    label = _YEAR_LABEL_RE.match(piece)
    if label and int(label.group(1)) < published.year:
        return True  # "2018: X will ...": a call made in an earlier year, restated for review
    stripped = piece.rstrip("\"”’') ")
    if stripped.endswith("?") or _SCORE_END_RE.search(piece):
        return True
    if _CITATION_RE.match(piece) or _PRESENTATIVE_RE.match(piece) or _READER_RE.search(piece):
        return True
    if _DOCUMENT_PLAN_RE.search(piece) or _CLASSIFIED_RE.search(piece):
        return True
    if _UNDECIDED_RE.search(piece) or _KEEP_IN_MIND_RE.search(piece):
        return True
    if _READER_IMPERATIVE_RE.match(piece):
        return True
    hedged = _WORDING_HEDGE_RE.search(piece)
    if hedged and not _reason(_WORDING_HEDGE_RE.sub(" ", piece), published):
        return True
    if _UNDIRECTED_CHANGE_RE.search(piece) and not _future_year(piece, published):
        return True
    if _ACTIVITY_RE.search(piece) and _reason(_ACTIVITY_RE.sub(" ", piece), published) is None:
        return True
    if _PAST_FORECAST_RE.search(piece) and not (
        _future_year(piece, published) or _WILL_RE.search(piece)
    ):
        return True
    if cues.UNFALSIFIABLE_RE.search(piece) or _UNREAL_RE.search(piece) or _WISH_RE.search(piece):
        return True
    if _RESTATED_RE.search(piece) or _PRESENT_HEDGE_RE.search(piece) or _NOTE_RE.search(piece):
        return True
    if _QUESTION_WORD_RE.search(piece) or _RECOMMENDATION_RE.search(piece):
        return True
    if _SELF_PLAN_RE.search(piece) or _IDIOM_RE.search(piece) or _GENERIC_SUBJECT_RE.match(piece):
        return True
    verbal = verbal_cue(piece)
    ahead = bool(cues.FUTURE_RE.search(piece)) or _future_year(piece, published)
    if _BELIEF_ONLY_RE.search(piece) and not (ahead or verbal) and _NOT_AHEAD_RE.search(piece):
        return True  # a belief about the past or the present moment
    return bool(_PAST_TIME_RE.search(piece)) and not (
        _WILL_RE.search(piece) or _future_year(piece, published)
    )


def dropped(piece: str, published: date, section: str = "none", listed: bool = False) -> bool:
    """Whether a unit with a cue only looks like a forecast (see the module's list)."""
    if ruled_out(piece, published):
        return True
    piece = _LEADING_NOTE_RE.sub("", piece)
    estimated = _ESTIMATED_FIGURE_RE.search(piece) and _PAST_MARK_RE.search(piece)
    if estimated and not verbal_cue(_ESTIMATED_FIGURE_RE.sub(" ", piece)):
        return True  # "prices rose an estimated 16.8% in 2021": a past figure, estimated
    verbal = verbal_cue(piece)
    if not verbal and _STRONG_CUE_RE.search(piece) and _PAST_MARK_RE.search(piece):
        return True  # "Xiaomi eventually made this decision", "despite all predictions ... ago"
    # "We believe such valuations leave stocks vulnerable", "I don't think the timeline is that
    # aggressive": a considered judgement of a lasting state is a call; a plain "I think X plays
    # better" is an opinion of the moment.
    lasting = bool(_LASTING_BELIEF_RE.search(piece)) and not _NOT_AHEAD_RE.search(piece)
    strong = (
        verbal
        or lasting
        or _future_year(piece, published)
        or _day_ahead(piece, published)
        or _planned_present(piece)
    )
    if not (strong or listed or _WEAK_CUE_RE.search(piece)):
        return True  # only a noun or an adjective of forecasting ("the expected versions")
    if _COUNTERFACTUAL_RE.search(piece) and not strong:
        return True
    if _past_only(piece, published) and not (strong and not _PAST_MARK_RE.search(piece)):
        return True
    if not strong:
        # only "would/could/may/might/should": past narrative ("knew that no one else would")
        # and ellipsis ("the bits the origin servers would.") are not forecasts
        weak = _WEAK_CUE_RE.search(piece)
        before = piece[: weak.start()] if weak else ""
        if weak and _PAST_MARK_RE.search(before) and not _REPORTED_FUTURE_RE.search(before):
            return True
        if weak and re.match(r"\s*[.,;:!]?\s*$", piece[weak.end() :]):
            return True
    return section == "past" and not strong


_ESTIMATED_FIGURE_RE = re.compile(r"\b(?:an|the)\s+estimated\b", re.I)
# The present progressive with a time ahead is a future ("it's not wrapping up any time soon",
# "the plant is opening next year"); "are planning" needs no time ("are planning mirror services").
_PROGRESSIVE_AHEAD_RE = re.compile(
    r"\b(?:is|are|am|['’]s|['’]re|['’]m)\s+(?:not\s+)?(?:\w+ly\s+)?\w+ing\b.*"
    r"\b(?:soon|next\s+(?:year|decade|month|quarter|week)|eventually|in\s+the\s+(?:coming|next)\b)"
    r"|\b(?:is|are|am|['’]re|['’]s)\s+(?:also\s+|now\s+)?planning\b",
    re.I,
)


def _planned_present(piece: str) -> bool:
    return bool(_PROGRESSIVE_AHEAD_RE.search(piece))


def verbal_cue(piece: str) -> bool:
    """A strong cue that is a verb of the unit, once nouns, adverbs and past forms are set aside."""
    rest = _SOFT_CUE_RE.sub(" ", piece)
    return any(not _BELIEF_ONLY_RE.fullmatch(m.group()) for m in _STRONG_CUE_RE.finditer(rest))


_CLAUSE_JOIN_RE = re.compile(r",\s+and\s+|;\s+|\s+and\s+(?=(?:the|while|it|they|its)\b)")
# The writer's note on how to read what follows: "It should be noted that ...".
_NOTE_RE = re.compile(
    r"^\W*it\s+(?:should|must|may|can)\s+(?:not\s+)?be\s+(?:noted|said|remembered|forgotten"
    r"|stressed|mentioned|added|pointed\s+out)\b",
    re.I,
)


def without_background(text: str, unit: Span, published: date) -> Span:
    """A compound sentence opening on background ("In 2014 it was responsible for a third of
    shipments, the report said, and while growth is predicted to be 1.2 percent in 2015 ...",
    "It should be noted that X, and the report notes that Y is likely to ...") is a forecast
    from the clause after it: the opening clause, past and without a cue or a writer's note,
    is left out."""
    unit = _without_opening_phrase(text, _without_tail(text, unit, published), published)
    piece = text[unit[0] : unit[1]]
    m = _CLAUSE_JOIN_RE.search(piece)
    if not m:
        return unit
    head, rest = piece[: m.start()], piece[m.end() :]
    if len(rest.split()) < 4 or _reason(rest, published) is None:
        return unit
    if head.count("“") > head.count("”") or head.count('"') % 2:
        return unit  # the join is inside a quotation: one speaker's words stay whole
    past = _reason(head, published) is None and (
        _PAST_MARK_RE.search(head) or _past_only(head, published)
    )
    if past or _NOTE_RE.search(head):
        return trim_span(text, (unit[0] + m.end(), unit[1]))
    return unit


# A closing clause that gives the source's reason or stance rather than a forecast: "..., citing
# high volatility in its markets", "... but was cautious about its outlook".
_TAIL_RE = re.compile(
    r",\s+(?:citing|blaming|pointing\s+to|owing\s+to)\b"
    r"|,?\s+but\s+(?=(?:was|were|had|remained|stayed)\b)",
    re.I,
)


# An opening phrase of background ("After the rise of X with text, Y with pictures and Z now
# with video, the next network may ..."): a preposition, no verb of its own, up to the comma that
# hands over to the main clause's subject.
_OPENING_PHRASE_RE = re.compile(r"^\W*(?:after|following|since|given|despite)\s", re.I)
_SUBJECT_AFTER_COMMA_RE = re.compile(
    r",\s+(?=(?:the|a|an|it|they|we|this|these|its|their)\s)", re.I
)


def _without_opening_phrase(text: str, unit: Span, published: date) -> Span:
    """A forecast after an opening phrase of background, with no cue in the phrase, starts at its
    main clause: the background is no part of what will be checked."""
    piece = text[unit[0] : unit[1]]
    if not _OPENING_PHRASE_RE.match(piece):
        return unit
    m = _SUBJECT_AFTER_COMMA_RE.search(piece)
    if not m:
        return unit
    head, rest = piece[: m.start()], piece[m.end() :]
    if _reason(head, published) is not None or _reason(rest, published) is None:
        return unit
    if len(rest.split()) < 4:
        return unit
    return trim_span(text, (unit[0] + m.end(), unit[1]))


def _without_tail(text: str, unit: Span, published: date) -> Span:
    """A forecast closing on a clause of reasons or stance, with no cue of its own, ends before
    that clause (the reason is background; the forecast is what stands before it)."""
    piece = text[unit[0] : unit[1]]
    tails = list(_TAIL_RE.finditer(piece))
    if not tails:
        return unit
    m = tails[-1]
    head, tail = piece[: m.start()], piece[m.end() :]
    if len(head.split()) < 4 or _reason(tail, published) is not None:
        return unit
    if not _reason(head, published):
        return unit
    return trim_span(text, (unit[0], unit[0] + m.start()))


def _without_aside(text: str, sentence: Span) -> Span:
    """A closing parenthetical aside ("(I might write about this later)") is not the forecast."""
    piece = text[sentence[0] : sentence[1]]
    m = _ASIDE_END_RE.search(piece)
    if m and len(m.group().split()) >= 3 and m.start() > 20:
        return sentence[0], sentence[0] + m.start()
    return sentence
