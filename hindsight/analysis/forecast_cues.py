"""Words that mark a statement as a forecast or a commitment, and words that only look like it.

Two strengths of cue, because they need different evidence before a clause counts:
- *strong* cues say on their own that the writer forecasts or that someone committed: belief
  ("I suspect", "I expect", "my base case"), probability ("likely", "one chance in three"),
  commitment ("plans to", "is committed to", "is scheduled to"), surprise ("would be surprised if"),
  open decisions ("has to decide whether"), races ("beat X to the punch");
- *modal* cues ("will", "could", "may", "is going to") also fill background and rhetoric, so a
  clause carried only by them must be anchored: about the article's main subject, in the author's
  voice, or with a pronoun subject that refers back to it.
"""

from __future__ import annotations

import re

__all__ = [
    "AUTHOR_VOICE_RE",
    "BELIEF_RE",
    "BET_RE",
    "COMMITMENT_RE",
    "FUTURE_RE",
    "LITOTES_RE",
    "MODAL_RE",
    "NEGATED_SEE_RE",
    "NOT_A_FORECAST_RE",
    "PLEDGE_RE",
    "STRONG_RE",
    "STRONG_TRIGGERS",
    "SURPRISE_WORDS",
    "TARGET_RE",
    "TRIGGER_WORDS",
    "UNFALSIFIABLE_RE",
    "has_trigger",
    "words_of",
]

COMMITMENT_RE = re.compile(
    r"\b(?:is|are|was|were|has|have|has been|have been|remains?)\s+(?:also\s+|firmly\s+|fully\s+)?"
    r"committed\s+to\b"
    r"|\b(?:plans?|planning|intends?|intending|aims?|aiming|pledged|pledges|vowed|vows|"
    r"promised|promises)\s+to\b"
    r"|\b(?:is|are)\s+(?:scheduled|set|slated|on track|poised|expected)\s+to\b"
    # Work under way on a thing to come: "is targeting the end of the year", "is being worked on",
    # "is looking at adding", "are working on bringing".
    r"|\b(?:is|are)\s+(?:now\s+|actively\s+|currently\s+)?(?:targeting|targetting)\s+"
    r"(?:the\s+end\s+of|a\s+release\s+(?:in|by|date)|(?:early|mid|late)[\s-]+(?:19|20)\d\d"
    r"|the\s+(?:first|second)\s+(?:half|quarter)|(?:19|20)\d\d|Q[1-4])\b"
    r"|\b(?:is|are)\s+(?:now\s+|actively\s+|currently\s+|still\s+)?being\s+worked\s+on\b"
    r"|\b(?:is|are)\s+(?:now\s+|actively\s+|currently\s+)?(?:looking\s+at|working\s+on)"
    r"\s+(?:adding|bringing|building|making|shipping|releasing|launching|porting|introducing"
    r"|supporting|enabling|offering)\b"
    r"|\b(?:says|said|told\s+\w+|announced|confirmed)\s+(?:that\s+)?(?:it|they|we|the\s+company)\s+"
    r"(?:will|would)\b",
    re.I,
)

# "surprised", "shocked": the writer rules something out ("I would be shocked if ...").
SURPRISE_WORDS = r"(?:surprised|shocked|astonished|amazed|stunned)"

# Litotes: "I would not be shocked to see X", "it wouldn't surprise me if X", "I wouldn't rule
# out X" forecast X as a real possibility (not as likely); hedges reads them as ~0.4.
LITOTES_RE = re.compile(
    r"\b(?:I|we)\s+(?:wouldn['’]t|would\s+not|won['’]t|will\s+not)\s+be\s+"
    r"(?:(?:at\s+all|entirely|totally|too|that|very|particularly|terribly)\s+)?"
    + SURPRISE_WORDS
    + r"|\bit\s+(?:wouldn['’]t|would\s+not|won['’]t|will\s+not)\s+(?:surprise|shock)\s+(?:me|us)\b"
    r"|\b(?:I|we)\s+(?:wouldn['’]t|would\s+not|won['’]t|will\s+not|can['’]t|cannot)\s+rule\s+out\b"
    r"|\bdon['’]t\s+be\s+" + SURPRISE_WORDS + r"\s+(?:if|to\s+see|when)\b",
    re.I,
)

# Betting language: "I'd bet X", "I would wager", "I'm betting on X", "I'd put money on X", and
# a tipster's "I'm backing X to win", "I'd tip them to go down", "I fancy Y to finish fourth".
BET_RE = re.compile(
    r"\b(?:I|we)(?:['’]d|\s+would)?\s+(?:(?:still|happily|gladly)\s+)?(?:bet|wager)\b"
    r"|\b(?:I|we)(?:['’]m|['’]re|\s+am|\s+are)\s+(?:\w+\s+)?betting\b"
    r"|\b(?:I|we)(?:(?:['’]m|['’]re|\s+am|\s+are)\s+(?:\w+\s+)?(?:backing|tipping)"
    r"|(?:['’]d|\s+would)?\s+(?:back|tip|fancy))\s+"
    # whom: a name or a pronoun, then what they are backed to do ("a trip to see" is no one)
    r"(?:[^.;:!?]{0,40}?\b(?:(?-i:[A-Z])[\w’'-]*|him|her|them|it|us))[^.;:!?]{0,30}?\bto\s+[a-z]"
    r"|\b(?:I|we)(?:['’]d|\s+would)\s+put\s+(?:my\s+|our\s+|good\s+)?money\s+on\b",
    re.I,
)

# Seeing someone do a thing: "I can see him winning a cup", "I cannot see them having the
# consistency to win", "I don't see either of them becoming champions". The -ing verb after the one
# seen points at what the writer expects; "I can see the stadium" or "I don't see why" does not.
SEE_DOING = (
    r"\b(?:I|we)\s+(?:can|could|can['’]t|cannot|can\s+not|couldn['’]t|don['’]t|do\s+not)\s+"
    r"(?:(?:certainly|really|easily|definitely|honestly|just|quite)\s+)?see\s+"
    # whom: up to five words, none a preposition or a word of judging ("anything wrong with
    # them selling", "the point in spending": an opinion of the act, not a forecast of it)
    r"(?!(?:why|how|what|where|who|whether)\b)"
    r"(?:(?!(?:with|in|on|at|for|about|from|by|to|into|wrong|point|reason|need|problem|harm"
    r"|sense|issue|anything|nothing|much|any)\b)[\w’'-]+\s+){1,5}?[a-z]+ing\b"
)

STRONG_RE = re.compile(
    "|".join(
        (
            COMMITMENT_RE.pattern,
            LITOTES_RE.pattern,
            BET_RE.pattern,
            r"\b(?:I|we)(?:['’]d|\s+would)?\s+(?:(?:really|fully|strongly|also)\s+)?"
            r"(?:expect|predict|anticipate|forecast)\b",
            SEE_DOING,
            r"(?:^|[,;:]\s*|\b(?:and|so|then)\s+)expect\s+\w",
            r"\bwould\s+be\s+(?:really\s+|very\s+|quite\s+)?"
            + SURPRISE_WORDS
            + r"\s+(?:if|to\s+see)\b",
            r"\b(?:wouldn['’]t|would not|not)\s+be\s+out\s+of\s+the\s+question\b",
            r"\b(?:un|more\s+|less\s+)?likel(?:y|iest|ihood)\b",
            r"\b(?:odds|chances?|prospects?)\s+(?:of|that|for|are|is|in)\b",
            r"\bquestion\s+is\s+whether\b",
            r"\b(?:says|said|told\s+\w+|promised|pledged)\s+(?:that\s+)?(?:it|they|we|the\s+company)\s+"
            r"(?:will|would|plans|aims|intends|is\s+going)\b",
            r"\b(?:has|have|will have)\s+to\s+(?:make\s+a\s+decision|decide|choose)\s+whether\b",
            r"\bbeat(?:s|ing)?\s+(?:\w+\s+){1,3}to\s+(?:the\s+)?(?:punch|market|finish(?:\s+line)?)\b",
        )
    ),
    re.I,
)

# "I don't see it opening before 2026", "I can't see them winning": the writer expects NOT.
# Not "I don't see why/how ..." (an argument) nor "I don't see the point".
NEGATED_SEE_RE = re.compile(
    r"\b(?:I|we)\s+(?:don['’]t|do\s+not|can['’]t|cannot|can\s+not)\s+(?:really\s+)?see\b"
    r"(?!\s+(?:why|how|what|where|who|whether|the\s+point|any\s+(?:point|reason|need)))",
    re.I,
)

# Belief words make a forecast only about the future: "I think X will ..." is one, "I think the
# regulator was right" is not. A clause with one of these needs FUTURE_RE or a date as well.
BELIEF_RE = re.compile(
    r"\b(?:I|we)\s+(?:(?:really|strongly|also)\s+)?(?:suspect|think|believe|reckon|doubt)\b"
    r"|\b(?:I|we)\s+(?:don['’]t|do not)\s+(?:think|believe|expect)\b"
    r"|\bmy\s+(?:own\s+|central\s+|best\s+)?(?:base case|guess|bet|expectation|forecast|"
    r"prediction|estimate|view)\b|\bin\s+my\s+view\b"
    r"|\b(?:fairly|quite|very)\s+confident\b"
    r"|" + NEGATED_SEE_RE.pattern,
    re.I,
)

# Beliefs often put the future in the present tense ("I suspect X ends up inside Y", "I doubt it
# turns a profit before 2025"): a modal, or a phrase that points ahead, makes the belief a forecast.
FUTURE_RE = re.compile(
    r"\b(?:will|would|won['’]t|wouldn['’]t|shall|could|may|might|going\s+to)\b|['’](?:ll|d)\b"
    r"|\b(?:eventually|sooner\s+or\s+later|before\s+long|one\s+day|at\s+some\s+point|in\s+time)\b"
    r"|\b(?:in|over)\s+the\s+(?:long|longer|medium|very\s+long)(?:er)?\s+(?:run|term|haul)\b"
    r"|\b(?:down\s+the\s+(?:road|line)|in\s+the\s+years\s+ahead|from\s+here)\b"
    r"|\bend(?:s|ing)?\s+up\b",
    re.I,
)

# A pledge with a noun object is a commitment when it is dated: "Management has promised an
# operating profit for 2024", "the ministry has pledged 500 new buses by 2026". Present perfect
# only: "had promised" and "promised last year" are history.
PLEDGE_RE = re.compile(
    r"\b(?:has|have)\s+(?:also\s+|now\s+|publicly\s+|repeatedly\s+)?"
    r"(?:promised|pledged|vowed|guaranteed)\b(?!\s+to\b)",
    re.I,
)

# A standing goal is a commitment when it is dated ("the target remains 600,000 a year by 2028").
TARGET_RE = re.compile(
    r"\b(?:target|goal|ambition)s?\s+(?:is|remains)\s+(?:still\s+)?(?:about\s+|around\s+)?[\d$€£¥]",
    re.I,
)

MODAL_RE = re.compile(
    r"\b(?:will|won['’]t|shall|could|may|might)\b|\b(?:is|are|am)\s+(?:not\s+)?going\s+to\b", re.I
)

# Future forms that are rhetoric, meta-text or retrospect rather than a checkable forecast.
NOT_A_FORECAST_RE = re.compile(
    r"\bwill\s+(?:be\s+)?(?:remembered|replayed|recalled|go\s+down\s+in\s+history|never\s+forget)"
    r"|\btime\s+will\s+tell\b"
    r"|\bwhat\s+(?:I|we)\s+(?:think|expect|believe|suspect)(?:\s+will\s+happen)?\b"
    r"|\bmay\s+\d|\d+\s+may\b|\b(?:the|political|good|free)\s+will\b",
    re.I,
)

# "That doesn't mean X won't happen" asserts nothing: either outcome is consistent with it.
UNFALSIFIABLE_RE = re.compile(
    r"\b(?:doesn['’]t|does\s+not|didn['’]t|did\s+not)\s+mean\b.*\b(?:won['’]t|will\s+not|can['’]t)\b",
    re.I,
)

# Every cue above needs one of these words; a sentence with none of them is skipped at the cost
# of one set intersection, which keeps long articles fast.
_TRIGGER_TEXT = """
    will won't wont shall could may might going expect expects expected think suspect
    believe bet reckon doubt predict anticipate forecast surprised question likely unlikely
    likelihood likeliest odds prospect prospects chance chances confident decide decision
    choose whether beat beats beating committed plan plans planning planned intend intends
    intending aim aims aiming pledged pledges vowed vows promised promises scheduled set
    slated track poised estimate view case guess expectation prediction target targets goal
    goals ambition would see wager betting money shocked astonished amazed stunned surprise
    rule promised pledged vowed guaranteed backing tipping back tip fancy targeting
    targetting worked looking working
"""
TRIGGER_WORDS = frozenset(_TRIGGER_TEXT.split())
_WORD_RE = re.compile(r"[a-z’']+")


# Words without which STRONG_RE cannot match: lets a clause skip that costly pattern.
_STRONG_TRIGGER_TEXT = """
    expect expects bet predict anticipate forecast surprised question likely unlikely
    likelihood likeliest odds chance chances prospect prospects decide decision choose
    whether beat beats beating committed plan plans planning planned intend intends
    intending aim aims aiming pledged pledges vowed vows promised promises scheduled set
    slated track poised expected says said told announced confirmed out wager betting money
    shocked astonished amazed stunned surprise rule guaranteed backing tipping back tip fancy see
    targeting targetting worked looking working
"""
STRONG_TRIGGERS = frozenset(_STRONG_TRIGGER_TEXT.split())


def words_of(text: str) -> frozenset[str]:
    """Lower-case words of a text, apostrophes straightened: the input of the trigger tests."""
    return frozenset(_WORD_RE.findall(text.lower().replace("’", "'")))


def has_trigger(sentence: str) -> bool:
    """Cheap test: could this sentence hold a cue at all?"""
    return not words_of(sentence).isdisjoint(TRIGGER_WORDS)


# The writer speaking for themselves (outside quotations).
AUTHOR_VOICE_RE = re.compile(
    r"\b(?:I|I['’]m|I['’]d|[Mm]y)\b|\bwe\s+(?:see|will\s+see|get)\b|(?:^|[,;:]\s*)expect\b"
)
