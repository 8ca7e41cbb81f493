"""Whose forecast a statement is: the article's own voice ("author") or a party it relays.

An article relays forecasts in a few general shapes, tried in this order:
- a named party as the subject of a verb of forecasting, planning or saying ("Tesla forecasts
  ...", "Oracle has said that ...", "Other projects, like X, are planning ...", "According to Y,
  ...");
- direct speech, whose speaker is named where the quotation closes ("...," said Musk) or opens
  ("Musk said: ...") — quotations may run over several paragraphs;
- a plan with no agent ("deliveries are set to begin", "the goal is to produce"): the plan of the
  article's main subject, unless the article speaks for an organisation as "we" (a team's own
  roadmap), where it is the author's.
Everything else — "I think", "we expect", a plain "X will ..." written by the author — is the
author's own call, whoever it is about.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from hindsight.analysis.sentences import Span, split_blocks

__all__ = ["AUTHOR", "OwnerReader"]

AUTHOR = "author"

_NAME = r"[A-Z][\w&.\-’']*(?:\s+(?:of\s+|de\s+|&\s+)?[A-Z][\w&.\-’']*){0,3}"
_SAY_OR_PLAN = (
    r"(?:said|says|say|told|announced|confirmed|stated|claimed|insists?|warned|guided|"
    r"forecasts?|forecasted|projects?|projected|projecting|predicts?|predicted|expects?|"
    r"anticipates?|plans?|planned|planning|aims?|aiming|intends?|intending|committed|"
    r"pledged|promised|vowed|estimates?|estimated|targets?|targeting|believes?|sees|"
    r"reckons?|thinks?|has\s+the\s+[\w’'\s]{1,20}?pegged|is\s+betting|bets)"
)
# "<Name>[, a role,] [has|is|also] <verb>": the party that forecasts, plans or says.
_AGENT_RE = re.compile(
    rf"(?P<who>{_NAME})(?:\s*,\s*(?:like|such\s+as|including)?\s*(?P<like>{_NAME})?[^,;:]{{0,40}},)?"
    rf"\s+(?:(?:has|have|had|is|are|was|were|also|now|still|already|publicly|even|been)\s+)*"
    rf"{_SAY_OR_PLAN}\b"
)
_HEARSAY_RE = re.compile(
    rf"\b(?:I|we)\s+(?:heard|read|learned|was\s+told|were\s+told)\s+(?:that\s+)?(?P<who>{_NAME})"
)
_POSSESSIVE_RE = re.compile(
    r"^(?P<who>[A-Z][\w&.\-]*(?:\s+[A-Z][\w&.\-]*){0,3}?)['’]s\s+"
    r"(?:\w+\s+){0,3}?(?:estimates?|forecasts?|projections?|plans?|"
    r"targets?|goals?|guidance|predictions?)\b"
)
_ACCORDING_RE = re.compile(rf"\b[Aa]ccording\s+to\s+(?:the\s+)?(?P<who>{_NAME})")
_ANALYST_RE = re.compile(
    rf"\b(?:analyst|executive|CEO|chief\s+executive|founder|spokes\w+|director|minister)"
    rf"\s*,?\s+(?P<who>{_NAME})"
)
_SPEAKER_AFTER_RE = re.compile(
    rf"^\s*,?\s*(?:(?:said|says|predicted|added|wrote|stated|explained|promised|warned)\s+"
    rf"(?P<who>{_NAME})|(?P<who2>{_NAME})\s+(?:said|says|predicted|added|wrote|stated|explained"
    rf"|promised|warned)\b)"
)
_SPEAKER_BEFORE_RE = re.compile(
    rf"(?P<who>{_NAME})\s+(?:said|says|predicted|added|wrote|stated|explained|promised|warned)"
    rf"\s*[:,]\s*$"
)
_PASSIVE_PLAN_RE = re.compile(
    r"\b(?:is|are)\s+(?:set|slated|scheduled|due|poised|on\s+track)\s+(?:to|for)\b"
    r"|\b(?:the|its|their)\s+(?:goal|target|plan|aim|ambition)\s+is\b",
    re.I,
)
_NOT_A_PARTY = frozenset(
    [
        "I",
        "We",
        "You",
        "He",
        "She",
        "It",
        "They",
        "This",
        "That",
        "These",
        "Those",
        "There",
        "The",
        "A",
        "An",
        "In",
        "On",
        "At",
        "By",
        "For",
        "If",
        "When",
        "While",
        "But",
        "And",
        "Or",
        "So",
        "Then",
        "Today",
        "Now",
        "Also",
        "Despite",
        "Because",
        "Based",
        "Looking",
        "After",
        "Before",
        "Even",
        "Here",
        "What",
        "Which",
        "Who",
        "Why",
        "How",
        "Some",
        "Many",
        "Most",
        "All",
        "Every",
        "Each",
        "Other",
        "Others",
        "Still",
        "Yet",
        "Our",
        "My",
        "Their",
        "Its",
        "His",
        "Her",
        "Your",
        "Ultimately",
        "Presumably",
        "Considering",
        "Finally",
        "First",
        "Second",
        "Third",
        "Next",
        "Last",
        "Right",
        "Well",
        "Yes",
        "No",
        "Not",
    ]
)
_WE_RE = re.compile(r"\b(?:we|our|us|we['’](?:re|ve|ll|d))\b", re.I)
_I_RE = re.compile(r"\b(?:I|my|me|I['’](?:m|ve|ll|d))\b")


@dataclass(frozen=True)
class _Quote:
    span: Span
    speaker: str | None


class OwnerReader:
    """Reads once per article where its quotations run and who speaks them; then names the
    owner of each statement."""

    def __init__(
        self,
        text: str,
        subject: str | None,
        is_name: Callable[[str], bool] | None = None,
    ) -> None:
        self.text = text
        self.subject = subject
        self.is_name = is_name
        self.quotes = _quotations(text)
        # A team or firm writing as "we" about its own plans: their plans are the author's.
        we, i = len(_WE_RE.findall(text)), len(_I_RE.findall(text))
        self.speaks_as_we = we >= 3 and we > 2 * i

    def owner(self, span: Span, sentence: Span) -> str:
        text = self.text
        statement = text[span[0] : span[1]]
        whole = text[min(sentence[0], span[0]) : max(sentence[1], span[1])]
        owned = _POSSESSIVE_RE.match(statement)
        if owned and self._party(owned.group("who")):
            return str(self._party(owned.group("who")))
        for piece in (statement, whole):
            named = self._agent(piece)
            if named:
                return named
        if _PASSIVE_PLAN_RE.search(statement) and not self.speaks_as_we:
            # A plan with no agent is the plan of whom the article is about, else of the party
            # the sentence names.
            if self.subject and self.subject[:1].isupper():
                return self.subject
            named = self._first_name(whole)
            if named:
                return named
        speaker = self._speaker(span)
        if speaker:
            return speaker
        return AUTHOR

    def _party(self, name: str | None) -> str | None:
        if not name:
            return None
        words = [w.strip(".,;:!?") for w in name.split()]
        while words and (words[0] in _NOT_A_PARTY or not self._named(words[0])):
            words.pop(0)
        return " ".join(words) or None

    def _named(self, word: str) -> bool:
        if self.is_name is None:
            return word[:1].isupper()
        return self.is_name(re.sub(r"[’']s$", "", word))

    def _agent(self, piece: str) -> str | None:
        m = _ACCORDING_RE.search(piece) or _ANALYST_RE.search(piece) or _HEARSAY_RE.search(piece)
        if m:
            who = self._party(m.group("who"))
            if who:
                return who
        for m in _AGENT_RE.finditer(piece):
            who = self._party(m.group("like")) or self._party(m.group("who"))
            if who:
                return re.sub(r"[’']s$", "", who)
        return None

    def _first_name(self, piece: str) -> str | None:
        for m in re.finditer(_NAME, piece):
            who = self._party(m.group())
            if who:
                return re.sub(r"[’']s$", "", who)
        return None

    def _speaker(self, span: Span) -> str | None:
        for quote in self.quotes:
            if quote.span[0] <= span[0] < quote.span[1]:
                return self._party(quote.speaker)
        return None


def _quotations(text: str) -> list[_Quote]:
    """Direct speech, possibly over several paragraphs, with its speaker where it is named."""
    quotes: list[_Quote] = []
    start: int | None = None
    before: str | None = None
    for b_start, b_end in split_blocks(text):
        line = text[b_start:b_end]
        for i, ch in enumerate(line):
            if ch not in '“”"':
                continue
            opening = ch == "“" or (ch == '"' and start is None)
            if start is None and opening:
                # "Musk said: "..." names the speaker before the quotation opens
                m = _SPEAKER_BEFORE_RE.search(line[:i])
                before = m.group("who") if m else None
                start = b_start + i
            elif start is not None and not opening and _closes(line, i):
                after = _SPEAKER_AFTER_RE.match(line[i + 1 :])
                who = (after.group("who") or after.group("who2")) if after else before
                quotes.append(_Quote((start, b_start + i + 1), who))
                start = None
    if start is not None:
        quotes.append(_Quote((start, len(text)), before))
    return quotes


def _closes(line: str, i: int) -> bool:
    """A closing mark ends the quotation unless it only closes a scare quote inside it
    ("... not yet achieved "alien dreadnought" in ..."): a closing mark follows punctuation or
    ends the line, or a speaker follows it."""
    prev = line[i - 1] if i else ""
    return prev in ".,!?;:—-…" or i + 1 >= len(line) or bool(_SPEAKER_AFTER_RE.match(line[i + 1 :]))
