"""Whose forecast a statement is: the article's own voice ("author") or a party it relays.

An article relays forecasts in a few general shapes, tried in this order:
- a named party as the subject of a verb of forecasting, planning or saying ("Tesla forecasts
  ...", "Oracle has said that ...", "Other projects, like X, are planning ...", "According to Y,
  ...");
- direct speech, whose speaker is named where the quotation closes ("...," said Musk) or opens
  ("Musk said: ...") — quotations may run over several paragraphs;
- a plan with no agent ("deliveries are set to begin", "the goal is to produce"): the plan of the
  article's main subject, unless the article speaks for an organisation as "we" (a team's own
  roadmap), where it is the author's;
- a panel or interview written with speaker labels ("RICHARDS: Yes, without a doubt ..."): each
  paragraph from a label to the next question, heading or label is that speaker's.
Everything else — "I think", "we expect", a plain "X will ..." written by the author — is the
author's own call, whoever it is about.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from hindsight.analysis.names import is_generic, is_opener, is_topic
from hindsight.analysis.sentences import Span, is_heading, sentence_spans, split_blocks
from hindsight.domain import TextBlock

__all__ = ["AUTHOR", "OwnerReader"]

AUTHOR = "author"

# Words of a name stay in one paragraph: a line break may wrap a name, a blank line ends it.
_NAME = (
    r"[A-Z][\w&.\-’']*(?:(?:[ \t]+|\n(?!\s*\n))(?:of\s+(?:the\s+)?|de\s+|&\s+)?"
    r"[A-Z][\w&.\-’']*){0,5}"
)
# What a named source publishes or employs: "the IDC report predicts", "Gartner analysts expect".
_SOURCE_NOUN = (
    r"(?:report|study|survey|analysis|data|research|analysts?|researchers|forecasters?"
    r"|economists?|team|tracker|paper|outlook|figures|estimates|model)"
)
_SAY_OR_PLAN = (
    r"(?:said|says|say|told|announced|confirmed|stated|claimed|insists?|warned|guided|"
    r"forecasts?|forecasted|projects?|projected|projecting|predicts?|predicted|expects?|"
    r"anticipates?|plans?|planned|planning|aims?|aiming|intends?|intending|committed|"
    r"pledged|promised|vowed|estimates?|estimated|targets?|targeting|believes?|sees|"
    r"reckons?|thinks?|has\s+the\s+[\w’'\s]{1,20}?pegged|is\s+betting|bets|notes|reports|"
    r"puts|"  # "Gerald's model puts Belgium as favourites", "Goldman puts the odds at 35%"
    r"considers|sees|warns|suggests|suggested|argues|assured|assures|adds|added|cautioned|cautions|"
    r"foresaw|foresees|reiterated|maintains|teased|responded|replied|posted|informed\s+\w+|"
    r"implied|implies|hinted|hints|"
    r"let\s+(?:us|me|them)\s+know|"
    r"continue[sd]?\s+to\s+(?:expect|project|forecast|predict|see|anticipate|plan|aim))"
)
# A time or channel between a party and its verb: "OPEC on Wednesday said", "Acme in a statement
# forecast".
_WHEN = (
    r"(?:on\s+[A-Z]\w+day|(?:this|last)\s+(?:week|month)|in\s+(?:a|its|their)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:statement|report|note|filing|release|letter|outlook))"
)
# What a party says it revises or keeps: "OPEC maintained its demand projections", "the firm
# lowered its 2026 supply growth outlook".
_REVISES_RE = re.compile(
    r"\b(?:maintain|rais|lower|cut|revis|kept|keep|reiterat|reaffirm|upgrad|downgrad|trimm?|issu"
    r"|publish|releas|confirm)\w*\s+(?:its|their)\s+(?:[\w/-]+\s+){0,5}?(?:projections?"
    r"|forecasts?|outlooks?|guidance|estimates?|targets?|expectations?)\b"
)
# A report that names its publisher inside the subject: "A report posted on Weibo a few days
# ago also suggested", "a note from KGI this week predicts".
_REPORT_AGENT_RE = re.compile(
    rf"(?:^|[,;:]\s+)(?:[Aa]n?|[Tt]he|[Aa]nother)\s+(?:[a-z][\w-]*\s+){{0,2}}?(?:report|note|study"
    rf"|survey|analysis|research|forecast|paper)\b(?P<np>[^,.;:]{{3,90}}?)\s+"
    rf"(?:(?:has|have|had|also|now|still|already)\s+)*{_SAY_OR_PLAN}\b"
)
# "<Name>[, a role,] [has|is|also] <verb>": the party that forecasts, plans or says.
_AGENT_RE = re.compile(
    rf"(?P<who>{_NAME})(?:\s*\([A-Z][^()\n]{{1,80}}\))?(?:\s+{_SOURCE_NOUN}"
    rf"|\s+[a-z]+(?=\s*,\s*(?:like|such\s+as|including)\b))?"
    rf"(?:\s*,\s*(?:like|such\s+as|including)?\s*(?P<like>{_NAME})?[^,;:]{{0,40}},)?"
    rf"(?:\s+{_WHEN})?"
    rf"\s+(?:(?:has|have|had|is|are|was|were|also|now|still|already|publicly|even|been)\s+)*"
    rf"{_SAY_OR_PLAN}\b(?!\s*[,.;:)]|\s*$)"  # "the Chromium project, ...": a noun
)
_HEARSAY_RE = re.compile(
    rf"\b(?:I|we)\s+(?:heard|read|learned|was\s+told|were\s+told)\s+(?:that\s+)?(?P<who>{_NAME})"
)
_POSSESSIVE_RE = re.compile(
    r"^(?P<who>[A-Z][\w&.\-]*(?:\s+[A-Z][\w&.\-]*){0,3}?)['’]s\s+"
    r"(?:\w+\s+){0,3}?(?:estimates?|forecasts?|projections?|plans?|"
    r"targets?|goals?|guidance|predictions?)\b"
)
_ACCORDING_RE = re.compile(
    rf"\b[Aa]ccording\s+to\s+(?:the\s+)?(?:[a-z][\w-]*\s+){{0,5}}?(?:(?:from|by|of)\s+(?:the\s+)?)?"
    rf"(?P<who>{_NAME})"
)
# An attribution closing the sentence: "..., said Tom Smith, an analyst at Forrester", "...,
# reports Carbon Brief", "..., the agency predicts".
_TRAILING_RE = re.compile(
    rf",\s*[\[\"“]*(?:(?:said|says|reports?|predicts?|forecasts?|estimates?|added|wrote|noted"
    rf"|advised|cautioned|according\s+to)\s+[\[\"“]*"
    rf"(?:(?P<org>{_NAME})['’]s\s+(?:[a-z][\w-]*\s+){{1,4}}(?P<person>{_NAME})"
    rf"|(?:the\s+)?(?P<who>{_NAME})|the\s+[a-z]+|he|she|it|they)"
    rf"|(?:the\s+)?(?P<who2>{_NAME})\s+(?:said|says|reports?|predicts?|forecasts?|estimates?|added"
    rf"|wrote|noted|advised|cautioned)"
    rf"|(?:the\s+[a-z]+|he|she|it|they)\s+(?:said|says|reports?|predicts?|forecasts?|estimates?"
    rf"|added|wrote|noted|advised|cautioned))\b[^,;]{{0,40}}(?:,[^,;]{{1,80}})?$"
)
# A person named with the organisation they speak for: "IDC program director Ryan Reith",
# "Tom Smith, an analyst at Forrester Research".
_ROLE = (
    r"(?:analyst|executive|CEO|CFO|CTO|chief\s+\w+(?:\s+officer)?|founder|co-founder|president"
    r"|chairman|spokes\w+|director|head|manager|minister|economist|strategist|researcher|partner"
    r"|vice\s+president|VP|lawyer|counsel|official|officer|secretary|administrator)"
)
_ORG_ROLE_PERSON_RE = re.compile(
    rf"(?P<org>{_NAME})\s+(?:[a-z][\w-]*\s+){{0,3}}?{_ROLE}\s+(?P<who>{_NAME})"
)
_PERSON_ROLE_ORG_RE = re.compile(
    rf"(?P<who>{_NAME}),\s+(?:an?\s+|the\s+)?(?:[a-z][\w-]*\s+){{0,3}}?{_ROLE}"
    rf"\s+(?:at|of|with|for)\s+(?:the\s+)?(?P<org>{_NAME})"
)
_ANALYST_RE = re.compile(
    rf"\b(?:analyst|executive|CEO|chief\s+executive|founder|spokes\w+|director|minister)"
    rf"\s*,?\s+(?P<who>{_NAME})"
)
_SPEAKER_VERB = (
    r"(?:said|says|predicted|added|wrote|stated|explained|promised|warned|noted|advised|cautioned"
    r"|told\s+\w+|continued|insisted|argued)"
)
# The speaker named where a quotation closes; "the agency said", "it said" (group `again`) refer
# to the party named last before.
_SPEAKER_BODY = (
    rf"(?:{_SPEAKER_VERB}\s+(?:the\s+)?(?P<who>{_NAME})"
    rf"|(?:the\s+)?(?P<who2>{_NAME})\s+{_SPEAKER_VERB}\b"
    rf"|(?P<again>(?:the\s+[a-z]+|he|she|it|they)\s+{_SPEAKER_VERB}\b"
    rf"|{_SPEAKER_VERB}\s+(?:the\s+[a-z]+|he|she|it|they)\b))"
)
_SPEAKER_AFTER_RE = re.compile(rf"^\s*,?\s*{_SPEAKER_BODY}")
# The speaker at the end of the sentence a quotation opens ("..." for the economy, the cartel
# said.).
_SPEAKER_LATER_RE = re.compile(rf",\s*{_SPEAKER_BODY}[^,.;:\"“”]{{0,40}}[.;]?\s*$")
_SPEAKER_BEFORE_RE = re.compile(
    rf"(?:(?P<who>{_NAME})\s+(?:said|says|predicted|added|wrote|stated|explained|promised|warned"
    r"|tweeted)"
    rf"|\b[Aa]ccording\s+to\s+(?P<who3>{_NAME}))\s*[:,]\s*$"
)
# A subject told by description or pronoun, with a verb of saying or forecasting: "The cartel
# continues to expect", "Europe's largest sugar producer said", "It plans to".
_ANAPHOR_RE = re.compile(
    rf"(?:^|[,;:]\s+|\bthat\s+)[\"“]?(?:(?:[Tt]he|[Tt]his|[Tt]hat)\s+(?:[a-z][\w-]*\s+){{0,3}}?"
    rf"[a-z][\w-]*|[A-Z]\w+['’]s\s+(?:[a-z][\w-]*\s+){{0,3}}?[a-z][\w-]*|[Hh]e|[Ss]he|[Ii]t|[Tt]hey)"
    rf"(?:\s+{_WHEN})?\s+(?:(?:has|have|had|is|are|was|were|also|now|still|already)\s+)*"
    rf"{_SAY_OR_PLAN}\b(?!\s*[,.;:)]|\s*$)"
)
_AGAIN = "\0again"  # a quotation's speaker told by "it said", "the agency said"
# At most this many characters of attribution between two quotations of one speaker.
_ATTRIBUTION_GAP = 80
# How far after a quotation its sentence's closing attribution is looked for.
_ATTRIBUTION_REACH = 200
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
_PASSIVE_FORECAST_RE = re.compile(
    r"\b(?:is|are|was|were)\s+(?:\w+\s+)?(?:predicted|projected|forecast|expected|estimated"
    r"|anticipated)\s+(?:to|at|in|for)\b",
    re.I,
)
# People or hearsay the article does not name, as the subject of a verb of forecasting or
# saying: "Rumors point to", "A leak suggests", "Some reports suggest", "most commentators
# think", "Analysts are predicting". The group word is the owner.
_UNNAMED_GROUP_RE = re.compile(
    r"(?:^|[,;:][*_]*\s+|\b(?:but|and|while|as)\s+)"
    r"(?:(?:some|most|many|several|other|one|a|the)\s+)?"
    r"(?P<group>analysts|experts|commentators|economists|observers|insiders|sources|pundits|"
    r"forecasters|rumou?rs?|leaks?|leakers|reports)\s+(?:have\s+|are\s+)?(?:also\s+)?"
    r"(?:say|said|suggest|suggests|suggested|suggesting|point|points|think|thinks|expect|"
    r"expecting|predict|predicting|believe|claim|claims|indicate|indicates|hint|hints|reckon|"
    r"forecast|forecasting)\b",
    re.I,
)
_RUMOURED_RE = re.compile(r"\b(?:is|are|was|were)\s+(?:\w+ly\s+)?rumou?red\s+to\b", re.I)
_FIRST_PERSON_RE = re.compile(r"\b(?:I|we|We|my|My|our|Our|I['’](?:m|ll|d|ve))\b")
_ESSAY_FIRST_PERSON = 3
# How many paragraphs back an unattributed statement of a report continues the source named last.
_CARRY_PARAGRAPHS = 2
_PRONOUN_SAID_RE = re.compile(
    r"\b(?:he|she|they)\s+(?:said|says|added|wrote|explained|stated)\s*[:,]\s*$", re.I
)
# A paragraph opening with a speaker's label: "RICHARDS: ...", "**Tim Cook:** ...".
_LABEL_RE = re.compile(
    r"[*_]*(?P<label>[A-Z][\w’'.\-]*(?:[^\S\n]+[A-Z][\w’'.\-]*){0,3})[*_]*[^\S\n]*:[*_]*"
    r"[^\S\n]+(?=\S)"
)
# A contribution's signature: a person's name alone on its line, maybe with their team; words
# in capitals ("UNINTENDED CONSEQUENCES") are a heading, not a name.
_SIGNATURE_RE = re.compile(
    r"[*_]*(?P<who>[A-Z][a-z][\w’'-]*(?:[^\S\n]+(?:[A-Z]\.|[A-Z][a-z][\w’'-]*)){1,3})"
    r"(?:[^\S\n]+(?:and|&)[^\S\n]+(?:team|colleagues|others))?[*_]*"
)
_INITIAL_RE = re.compile(r"(?<=\s)[A-Z]\.\s+")
_SENTENCE_END_RE = re.compile(r"[.!?][*_\"”’)\]]*\s*$")
# A quotation opening after its speaker's lead-in: "Daniel Son tweeted: ‘", "Musk said: “".
_QUOTE_OPENS_RE = re.compile(r"[:,]\s*[‘“\"]")
_INTRO_CHARS = 120  # how far into a statement its speaker's lead-in may run
# A paragraph ending as a statement does (not a question put to the panel, not a caption).
_STATEMENT_END_RE = re.compile(r"[.!][*_\"”’)\]]*\s*$")
_WE_RE = re.compile(r"\b(?:we|our|us|we['’](?:re|ve|ll|d))\b", re.I)
_I_RE = re.compile(r"\b(?:I|my|me|I['’](?:m|ve|ll|d))\b")


@dataclass(frozen=True)
class _Quote:
    span: Span
    speaker: str | None
    # The speaker is told by "he said" or by the quotation before, not named at this one: in an
    # essay such speech is colour, in a report the relayed source's words.
    told: bool = False


# A list item: "1. ...", "2) ...", "- ...", "* ...".
_LIST_ITEM_RE = re.compile(r"[ \t]*(?:\d{1,2}[.)]|[-*•])[ \t]+\S")
_LEAD_IN_CHARS = 200
_LIST_KINDS = frozenset({"item", "item-more"})
# A lead-in giving the list that follows to a party: "<X>'s top ten forecasts for 2009:",
# "predictions from <X>:".
_FORECASTS = r"(?:forecasts|predictions|projections|outlook|calls|picks)"
_LEAD_IN_OWNER_RE = re.compile(
    r"(?:(?P<who>(?:[A-Z][\w&.-]*\s+){0,4}[A-Z][\w&.-]*)['’]s\s+(?:[\w-]+\s+){0,4}?"
    rf"{_FORECASTS}|{_FORECASTS}\s+(?:from|by|of)\s+"
    r"(?P<by>(?:[A-Z][\w&.-]*\s+){0,4}[A-Z][\w&.-]*))\b[^:]{0,40}:$"
)


class OwnerReader:
    """Reads once per article where its quotations run and who speaks them; then names the
    owner of each statement."""

    def __init__(
        self,
        text: str,
        subject: str | None,
        is_name: Callable[[str], bool] | None = None,
        blocks: Sequence[TextBlock] = (),
    ) -> None:
        self.text = text
        self.subject = subject
        self.is_name = is_name
        # Two sorted lists of quotations, neither overlapping itself: marks and block quotes.
        self.quote_lists = (_quotations(text), self._block_quotes(blocks))
        self.blocks = sorted(blocks, key=lambda b: b.start)
        self.block_starts = [b.start for b in self.blocks]
        self.quote_starts = tuple([q.span[0] for q in qs] for qs in self.quote_lists)
        # A team or firm writing as "we" about its own plans: their plans are the author's.
        we, i = len(_WE_RE.findall(text)), len(_I_RE.findall(text))
        self.speaks_as_we = we >= 3 and we > 2 * i
        full_names = [(m.group(1), m.group(2)) for m in _FULL_NAME_RE.finditer(text)]
        self.first_names = _first_names(text, full_names)
        # First words of the article's two-word names ("Ana" of "Ana Vidal"): a person's given
        # name, whatever it reads as alone.
        self.given_names = frozenset(
            first
            for first, _ in full_names
            if not (first in _NOT_A_PARTY or is_opener(first) or is_generic(first))
        )
        self.affiliation = self._affiliations(text)
        self.sources, self.headings = self._sources(blocks)
        self.aliases = _aliases(text, {who for _, who in self.sources})
        self.paragraphs = [lo for lo, _ in split_blocks(text)]
        self.labelled = self._labelled_runs(blocks)
        self.labelled_starts = [lo for lo, _, _ in self.labelled]
        self.signed = self._signed_runs(blocks)
        self.signed_starts = [lo for lo, _, _ in self.signed]
        # A report never speaks in the first person outside quotations; an essay does. Only a
        # report's unattributed forecasts continue the source it named just before.
        outside = 0
        for m in _FIRST_PERSON_RE.finditer(text):
            outside += not self._holding(m.start())
            if outside >= _ESSAY_FIRST_PERSON:
                break
        self.relays = outside < _ESSAY_FIRST_PERSON

    def owner(self, span: Span, sentence: Span) -> str:
        """Whose forecast the statement at `span` (in `sentence`) is: a party's name, or
        "author"; a person is given with the organisation the article names them with."""
        found = self._owner(span, sentence)
        found = self.affiliation.get(found, found)
        return self.aliases.get(found, found)

    def _owner(self, span: Span, sentence: Span) -> str:
        text = self.text
        statement = text[span[0] : span[1]]
        lo, hi = min(sentence[0], span[0]), max(sentence[1], span[1])
        whole = text[lo:hi]
        owned = _POSSESSIVE_RE.match(statement)
        if owned and self._party(owned.group("who")):
            return str(self._party(owned.group("who")))
        trailing = self._trailing(whole, lo)
        if trailing:
            return trailing
        for piece in (statement, whole):
            named = self._agent(piece)
            if named:
                return named
        again = self._anaphor(whole, lo)
        if again:
            return again
        if _PASSIVE_PLAN_RE.search(statement) and not self.speaks_as_we:
            # A plan with no agent is the plan of whom the article is about, else of the party
            # the sentence names.
            if self.subject and not is_topic(self.subject):
                return self.subject
            named = self._first_name(whole)
            if named:
                return named
        speaker = (
            self._speaker(span)
            or self._speaker_introducing(statement, span)
            or self._labelled_speaker(span[0])
            or self._signer(span[0])
        )
        if speaker:
            return speaker
        listed = self._list_lead_owner(span[0])
        if listed:
            return listed
        group = _UNNAMED_GROUP_RE.search(whole)
        if group:
            # "Rumors point to ...", "A leak suggests ...", "most commentators think ...": a
            # relay of people the article does not name, not the writer's own call.
            return group.group("group").lower()
        if _RUMOURED_RE.search(statement):
            return "rumours"  # "The new Pro iPhones are rumored to have ..."
        if not self.relays or _FIRST_PERSON_RE.search(whole) or self._titled(span):
            return AUTHOR
        if _PASSIVE_FORECAST_RE.search(whole):
            # "growth is predicted to be 1.2 percent": the forecast of the source the
            # article last named forecasting, in the same section
            carried = self._last_source(lo, same_section=True)
            if carried:
                return carried
        # A report relayed over several sentences: "The IEA predicts ... China is the only
        # country in which growth will slow. Other countries will absorb ...": the source named
        # a few paragraphs before, under the same heading (a news story's paragraphs are short).
        carried = self._last_source(lo, same_section=True, paragraphs=_CARRY_PARAGRAPHS)
        if carried:
            return carried
        return AUTHOR

    def _list_lead_owner(self, at: int) -> str | None:
        """The party a list's lead-in gives its items to: an item of a numbered or bulleted
        list after "the World Future Society's top ten forecasts for 2009:" or "predictions
        from Gartner:" is that party's forecast, though the writer speaks as "I" elsewhere."""
        start = self._list_start(at)
        if start is None:
            return None
        lead = " ".join(self.text[max(0, start - _LEAD_IN_CHARS) : start].split())
        if not lead.endswith(":"):
            return None
        m = _LEAD_IN_OWNER_RE.search(lead)
        return self._party(m.group("who") or m.group("by")) if m else None

    def _list_start(self, at: int) -> int | None:
        """Where the list holding `at` starts, from the reader's blocks (its items' marks are
        gone from the text) or, for plain text, from the items' marks; None outside a list."""
        if self.blocks:
            i = bisect.bisect_right(self.block_starts, at) - 1
            if i < 0 or self.blocks[i].kind not in _LIST_KINDS:
                return None
            while i > 0 and self.blocks[i - 1].kind in _LIST_KINDS:
                i -= 1
            return self.blocks[i].start
        text = self.text
        line = text.rfind("\n", 0, at) + 1
        if not _LIST_ITEM_RE.match(text, line):
            return None
        while line > 0:  # back over the list's earlier items and the blank lines between
            previous = text.rfind("\n", 0, line - 1) + 1
            if text[previous:line].strip() and not _LIST_ITEM_RE.match(text, previous):
                break
            line = previous
        return line

    def _titled(self, span: Span) -> bool:
        """A heading, or a line standing alone without a full stop ("**New markets will
        determine growth**"): the outlet's own title, not the relayed source's words."""
        line_start = self.text.rfind("\n", 0, span[0]) + 1
        line_end = self.text.find("\n", span[1])
        line = self.text[line_start : len(self.text) if line_end < 0 else line_end]
        return bool(self.text[line_start : span[0]].strip(" *_#>") == "") and not re.search(
            r"[.!?][*_\"”’)]*\s*$", line
        )

    def _trailing(self, sentence: str, at: int) -> str | None:
        """The party of an attribution closing the sentence; "the agency", "he" are the source
        named last before it."""
        m = _TRAILING_RE.search(sentence)
        if not m:
            return None
        who = _trailing_who(m)
        if who[:1].isupper():
            return self._party(who)
        return self._last_source(at)

    def _last_source(
        self, at: int, same_section: bool = False, paragraphs: int | None = None
    ) -> str | None:
        i = bisect.bisect_left(self.sources, (at, ""))
        if not i:
            return None
        start, who = self.sources[i - 1]
        if paragraphs is not None:
            p = bisect.bisect_right(self.paragraphs, at)
            if p - paragraphs >= 0 and start < self.paragraphs[p - paragraphs]:
                return None
        if same_section:
            h = bisect.bisect_right(self.headings, at)
            if h and self.headings[h - 1] > start:
                return None
        return who

    def _sources(self, blocks: Sequence[TextBlock]) -> tuple[list[tuple[int, str]], list[int]]:
        """Where the article names a party forecasting or saying something (sentence starts),
        and where its headings are: what "the agency" and an agentless forecast refer to."""
        text = self.text
        sources: list[tuple[int, str]] = []
        headings = [b.start for b in blocks if b.kind == "heading"]
        for block in split_blocks(text):
            if not blocks and is_heading(text, block):
                headings.append(block[0])
            for lo, hi in sentence_spans(text, block):
                piece = text[lo:hi]
                m = _TRAILING_RE.search(piece)
                who = self._party(_trailing_who(m)) if m else None
                who = (who if who and who[:1].isupper() else None) or self._agent(piece)
                if not who and sources and (m or _ANAPHOR_RE.search(piece)):
                    who = sources[-1][1]  # "the company said", "It expects": the same party
                if who:
                    sources.append((lo, who))
        return sources, sorted(headings)

    def _affiliations(self, text: str) -> dict[str, str]:
        """ "IDC program director Ryan Reith", "Tom Smith, an analyst at Forrester Research":
        each person with the organisation, as "Ryan Reith (IDC)"."""
        out: dict[str, str] = {}
        for pattern in (_ORG_ROLE_PERSON_RE, _PERSON_ROLE_ORG_RE):
            for m in pattern.finditer(text):
                who, org = self._party(m.group("who")), self._party(m.group("org"))
                if who and org and who != org and len(who.split()) >= 2:
                    out.setdefault(who, f"{who} ({org})")
                    out.setdefault(who.split()[-1], f"{who} ({org})")
        return out

    def _labelled_runs(self, blocks: Sequence[TextBlock]) -> list[tuple[int, int, str]]:
        """Where a panel's or interview's speakers talk: (start, end, speaker) per run of
        paragraphs from a speaker's label to the next label, question, caption or heading.

        A label is a speaker's only where it is a surname in capitals that the article writes
        in full in its prose ("MICAH RICHARDS" or "Micah Richards" for "RICHARDS:"), or where
        the label is itself a name of two words or more: "Note:", "Owls:" or "Q:" are no one.
        A turn ends at the next label, a heading, a question or caption, or where the article
        names the speaker in the third person. What follows a label is speech, sentences: a
        table's labelled line ("Cy Young: Chris Sale") is nobody's. Labels are a format, so an
        article needs two labelled paragraphs before any counts.
        """
        text = self.text
        headings = {b.start for b in blocks if b.kind == "heading"}
        runs: list[tuple[int, int, str]] = []
        current: tuple[int, str] | None = None
        end = 0
        for lo, hi in split_blocks(text):
            line = text[lo:hi]
            m = _LABEL_RE.match(line)
            # Speech is sentences, not a table's labelled line ("AL East: Yankees").
            speech = m and _SENTENCE_END_RE.search(line)
            who = self._label_speaker(m.group("label")) if m and speech else None
            if (
                m
                or lo in headings
                or not _STATEMENT_END_RE.search(line)
                or (current and re.search(rf"\b{re.escape(current[1].split()[-1])}\b", line))
            ):
                # A label, a heading, a question or caption, or the speaker named in the third
                # person ("Lind has been in charge since 2027"): this speaker's turn is over.
                if current:
                    runs.append((current[0], end, current[1]))
                current = (lo, who) if who else None
            if current:
                end = hi
        if current:
            runs.append((current[0], end, current[1]))
        return runs if len(runs) >= 2 else []

    def _label_speaker(self, label: str) -> str | None:
        """The person a speaker's label names, with the full name the article gives them: a
        one-word label is a speaker only where the article writes a longer name ending in it."""
        if " " not in label and not label.isupper():
            # "Owls:", "Prediction:": a one-word speaker's label is a surname in capitals
            return None
        words = [w.capitalize() if w.isupper() and len(w) > 1 else w for w in label.split()]
        if any(len(w) < 2 or w in _NOT_A_PARTY for w in words):
            return None
        said = " ".join(words)
        for form, first in ((said, r"[A-Z][a-z][\w’'\-]*"), (said.upper(), r"[A-Z][A-Z’'\-]+")):
            fuller = re.compile(rf"\b(?:{first}[ \t]+){{1,2}}{re.escape(form)}\b")
            for m in fuller.finditer(self.text):
                names = [w.capitalize() if w.isupper() else w for w in m.group().split()]
                while names and (
                    names[0] in _NOT_A_PARTY or is_opener(names[0]) or is_generic(names[0])
                ):
                    names.pop(0)
                if len(names) > len(words):
                    return " ".join(names)
        if len(words) >= 2 and all(self._named(w) for w in words):
            return said
        return None

    def _signed_runs(self, blocks: Sequence[TextBlock]) -> list[tuple[int, int, str]]:
        """Where a digest's signed contributions run: (start, end, signer) from a heading, or
        the signature before, to a line that is only a person's name ("Steven Blitz", "Solita
        Marcelli and team") closing a section of prose. Each contribution's "we expect" is its
        signer's, not the editor's. Signatures are a format: an article needs two of them (one
        closing name is a byline)."""
        text = self.text
        headings = {b.start for b in blocks if b.kind == "heading"}
        # A name's words are never written in lower case ("Key Takeaways" is no one: "key").
        lower = frozenset(re.findall(r"\b[a-z][a-z’'-]*", text))
        runs: list[tuple[int, int, str]] = []
        start = 0
        previous = ""
        for lo, hi in split_blocks(text):
            line = text[lo:hi].strip()
            if lo in headings:
                start = lo
            m = _SIGNATURE_RE.fullmatch(line)
            # A line of capitalised words alone is a name; a middle initial is left out.
            signer = _INITIAL_RE.sub("", m.group("who")) if m else None
            if (
                signer
                and not any(_bare(w) in _NOT_A_PARTY or w.lower() in lower for w in signer.split())
                and _STATEMENT_END_RE.search(previous)
            ):
                runs.append((start, lo, signer))
                start = hi
            previous = line
        return runs if len(runs) >= 2 else []

    def _signer(self, at: int) -> str | None:
        i = bisect.bisect_right(self.signed_starts, at) - 1
        if i >= 0 and at < self.signed[i][1]:
            return self.signed[i][2]
        return None

    def _labelled_speaker(self, at: int) -> str | None:
        i = bisect.bisect_right(self.labelled_starts, at) - 1
        if i >= 0 and at < self.labelled[i][1]:
            return self.labelled[i][2]
        return None

    def _block_quotes(self, blocks: Sequence[TextBlock]) -> list[_Quote]:
        """A block quotation after "he said:" is the speech of the person named last."""
        quotes: list[_Quote] = []
        for i, b in enumerate(blocks):
            if b.kind != "quote" or i == 0 or blocks[i - 1].kind == "quote":
                continue
            lead = self.text[blocks[i - 1].start : blocks[i - 1].end]
            m = _SPEAKER_BEFORE_RE.search(lead) or _PRONOUN_SAID_RE.search(lead)
            if not m:
                continue
            end = b.end
            for nxt in blocks[i + 1 :]:
                if nxt.kind != "quote":
                    break
                end = nxt.end
            who = m.groupdict().get("who") or m.groupdict().get("who3")
            quotes.append(_Quote((b.start, end), who or self._last_person(lead, b.start)))
        return quotes

    def _last_person(self, lead: str, at: int) -> str | None:
        del lead
        before = self.text[max(0, at - 1500) : at]
        people = [
            m.group("who")
            for pattern in (_ORG_ROLE_PERSON_RE, _PERSON_ROLE_ORG_RE, _ANALYST_RE)
            for m in pattern.finditer(before)
        ]
        return people[-1] if people else None

    def _party(self, name: str | None) -> str | None:
        if not name:
            return None
        words = name.split()
        cut = _sentence_end(words)
        if cut:
            words = words[:cut]  # "Forrester Research. The ..."
        words = [w.strip(".,;:!?") for w in words]
        if len(words) == 1 and words[0] in self.first_names:
            return self.first_names[words[0]]  # "Andrew responded", after "Andrew Overholt (VP)"
        if len(words) == 1 and words[0] in self.given_names and words[0] not in _NOT_A_PARTY:
            return words[0]  # "Ana said", with two Anas in the article: Ana, not a guess
        while words and (
            _bare(words[0]) in _NOT_A_PARTY
            or not (self._named(words[0]) or (len(words) > 1 and words[0] in self.given_names))
        ):
            words.pop(0)  # "I'll predict", "The agency"; not "Ana" of "Ana Vidal"
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
            words = m.group("who").split()
            adjacent = " ".join(words[_sentence_end(words) :])  # "OS X. I think": "I" thinks
            who = self._party(m.group("like")) or self._party(adjacent)
            if who:
                return re.sub(r"[’']s$", "", who)
        report = _REPORT_AGENT_RE.search(piece)
        if report:
            names = [self._party(n.group()) for n in re.finditer(_NAME, report.group("np"))]
            named = [re.sub(r"[’']s$", "", n) for n in names if n]
            if named:
                return named[-1]
        revised = _REVISES_RE.search(piece)
        if revised:
            return self._first_name(piece[: revised.start()])
        return None

    def _anaphor(self, piece: str, at: int) -> str | None:
        """ "The company said it expects", "It plans to", "Europe's largest sugar producer
        forecast": a party the article named before, told by a description or a pronoun."""
        if _ANAPHOR_RE.search(piece):
            return self._last_source(at)
        return None

    def _first_name(self, piece: str) -> str | None:
        for m in re.finditer(_NAME, piece):
            who = self._party(m.group())
            if who:
                return re.sub(r"[’']s$", "", who)
        return None

    def quoted_speaker(self, span: Span) -> str | None:
        """The named speaker of the direct speech holding this span (None: not in a quotation,
        or nobody named speaks it)."""
        return self._speaker(span)

    def _holding(self, at: int) -> list[_Quote]:
        """The quotations holding a position (at most one of each list), found by bisection."""
        out = []
        for quotes, starts in zip(self.quote_lists, self.quote_starts, strict=True):
            i = bisect.bisect_right(starts, at) - 1
            if i >= 0 and at < quotes[i].span[1]:
                out.append(quotes[i])
        return out

    def _speaker_introducing(self, statement: str, span: Span) -> str | None:
        """The speaker of a quotation the statement introduces ("Daniel Son tweeted: ‘So I’m
        guessing ...’"): the statement starts before the quotation, the forecast is inside it."""
        m = _QUOTE_OPENS_RE.search(statement[:_INTRO_CHARS])
        return self._speaker((span[0] + m.end(), span[1])) if m else None

    def _speaker(self, span: Span) -> str | None:
        """The speaker of the innermost quotation holding the span that names one."""
        holding = [q for q in self._holding(span[0]) if q.speaker and (self.relays or not q.told)]
        if not holding:
            return None
        quote = min(holding, key=lambda q: q.span[1] - q.span[0])
        if quote.speaker == _AGAIN:
            return self._last_source(quote.span[0])
        return self._party(quote.speaker)


def _quotations(text: str) -> list[_Quote]:
    """Direct speech, possibly over several paragraphs, with its speaker where it is named; a
    quotation that follows another's attribution in the same paragraph ("...," she said. "...")
    is the same speaker's."""
    quotes: list[_Quote] = []
    start: int | None = None
    before: str | None = None
    single = False  # the open quotation was opened with "‘" (British style), closed by "’"
    for b_start, b_end in split_blocks(text):
        line = text[b_start:b_end]
        for i, ch in enumerate(line):
            if ch not in '“”"‘’':
                continue
            if ch in "‘’" or single:
                # "‘...’" is speech too; a "’" before a letter is an apostrophe ("I’m"), and
                # marks of the other kind inside are quotes within the quotation
                if ch == "‘" and start is None:
                    single = True
                elif not (ch == "’" and single and not line[i + 1 : i + 2].isalnum()):
                    continue
            opening = ch in "“‘" or (ch == '"' and start is None)
            if start is None and opening:
                # "Musk said: "..." names the speaker before the quotation opens
                m = _SPEAKER_BEFORE_RE.search(line[:i])
                before = (m.group("who") or m.group("who3")) if m else None
                start = b_start + i
            elif start is not None and not opening and (single or _closes(line, i)):
                rest = line[i + 1 :]
                after = _SPEAKER_AFTER_RE.match(rest) or _speaker_later(rest)
                who = _after_who(after) if after else before
                told = who == _AGAIN
                if who is None and quotes and b_start <= quotes[-1].span[0]:
                    last = quotes[-1]
                    if start - last.span[1] <= _ATTRIBUTION_GAP:
                        who, told = last.speaker, True
                quotes.append(_Quote((start, b_start + i + 1), who, told))
                start = None
                single = False
    if start is not None:
        quotes.append(_Quote((start, len(text)), before))
    return quotes


_SMALL_WORDS = frozenset({"of", "the", "and", "for", "on", "de", "&"})
_DEFINED_RE = re.compile(rf"(?P<long>{_NAME})\s*\((?P<short>[A-Z][A-Za-z&.]{{1,9}})\)")
_ACRONYM_RE = re.compile(r"\b[A-Z]{2,8}\b")


def _aliases(text: str, parties: set[str]) -> dict[str, str]:
    """A party's long name and its short form as one owner, "Cebu Port Authority (CPA)": the
    short form as the article defines it in brackets, or an acronym of the name's initials that
    the article uses ("Organization of the Petroleum Exporting Countries" ... "OPEC")."""
    pairs: dict[str, str] = {}
    for m in _DEFINED_RE.finditer(text):
        words = m.group("long").split()
        while words and words[0] in _NOT_A_PARTY:
            words.pop(0)  # "The Cebu Port Authority (CPA)"
        if words:
            pairs[m.group("short")] = " ".join(words)
    used = set(_ACRONYM_RE.findall(text))
    for party in parties:
        words = [w for w in party.split() if w not in _SMALL_WORDS]
        initials = "".join(w[0] for w in words)
        if len(words) >= 2 and initials.isupper() and initials in used:
            pairs.setdefault(initials, party)
    out: dict[str, str] = {}
    for short, long in pairs.items():
        joined = f"{long} ({short})"
        for key in (short, long, f"{short}’s", f"{short}'s"):
            out.setdefault(key, joined)
    return out


# A person introduced with their role in brackets: "Andrew Overholt (VP, Engineering) said".
_FULL_NAME_RE = re.compile(r"\b([A-Z][a-z]+)[ \t]+([A-Z][a-z]+(?:-[A-Z][a-z]+)?)\b")
_INTRODUCED_RE = re.compile(r"\b([A-Z][a-z]+)[ \t]+([A-Z][a-z]+(?:-[A-Z][a-z]+)?)[ \t]*\([A-Z]")


def _first_names(text: str, full_names: list[tuple[str, str]]) -> dict[str, str]:
    """People the article introduces with their role in brackets, by first name: a blog that
    writes "Andrew Overholt (VP, Engineering)" once then calls him "Andrew". A first name the
    article gives two people ("Ana Vidal (Director)", "Ana Lopez, an analyst") names neither."""
    seen: dict[str, set[str]] = {}
    for m in _INTRODUCED_RE.finditer(text):
        seen.setdefault(m.group(1), set()).add(f"{m.group(1)} {m.group(2)}")
    for first, last in full_names:  # "Ana Lopez, an analyst": another Ana
        if first in seen:
            seen[first].add(f"{first} {last}")
    return {first: full.pop() for first, full in seen.items() if len(full) == 1}


def _sentence_end(words: list[str]) -> int:
    """How many words of a run of capitalised words come before a full stop ending a sentence
    inside it ("Forrester Research. The", "OS X. I"); 0 when none does. An initial ("U.S.",
    "J.") ends no sentence unless a sentence's opening word follows it."""
    for i, word in enumerate(words[:-1]):
        if word.endswith(".") and (
            (len(word) > 2 and not re.fullmatch(r"(?:[A-Z]\.)+", word))
            or _bare(words[i + 1]) in _NOT_A_PARTY
        ):
            return i + 1
    return 0


def _bare(word: str) -> str:
    """A word without its contraction: "I'll" -> "I", "We're" -> "We"."""
    return re.sub(r"[’'](?:s|ll|m|d|ve|re)$", "", word)


def _after_who(m: re.Match[str]) -> str | None:
    if m.group("again"):
        return _AGAIN
    return m.group("who") or m.group("who2")


def _trailing_who(m: re.Match[str]) -> str:
    return m.group("person") or m.group("who") or m.group("who2") or ""


def _closes(line: str, i: int) -> bool:
    """A closing mark ends the quotation unless it only closes a scare quote inside it
    ("... not yet achieved "alien dreadnought" in ..."): a closing mark follows punctuation or
    ends the line, or a speaker follows it."""
    prev = line[i - 1] if i else ""
    if prev in ".,!?;:—-…" or i + 1 >= len(line):
        return True
    rest = line[i + 1 :]
    return bool(_SPEAKER_AFTER_RE.match(rest) or _speaker_later(rest))


def _speaker_later(rest: str) -> re.Match[str] | None:
    """The attribution ending the sentence that a quotation closes inside."""
    rest = rest[:_ATTRIBUTION_REACH]  # a long paragraph without a full stop is read once
    end = re.search(r"[.!?;](?=\s|$)", rest)
    return _SPEAKER_LATER_RE.search(rest[: end.end()]) if end else None
