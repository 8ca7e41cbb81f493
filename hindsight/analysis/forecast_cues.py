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
    "COMMITMENT_RE",
    "FUTURE_RE",
    "MODAL_RE",
    "NOT_A_FORECAST_RE",
    "STRONG_RE",
    "STRONG_TRIGGERS",
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
    r"|\b(?:says|said|told\s+\w+|announced|confirmed)\s+(?:that\s+)?(?:it|they|we|the\s+company)\s+"
    r"(?:will|would)\b",
    re.I,
)

STRONG_RE = re.compile(
    COMMITMENT_RE.pattern + r"|\b(?:I|we)\s+(?:(?:really|fully|strongly|also)\s+)?"
    r"(?:expect|bet|predict|anticipate|forecast)\b"
    r"|(?:^|[,;:]\s*|\b(?:and|so|then)\s+)expect\s+\w"
    r"|\bwould\s+be\s+(?:really\s+|very\s+|quite\s+)?surprised\s+if\b"
    r"|\b(?:wouldn['’]t|would not|not)\s+be\s+out\s+of\s+the\s+question\b"
    r"|\b(?:un|more\s+|less\s+)?likel(?:y|iest|ihood)\b"
    r"|\b(?:odds|chances?|prospects?)\s+(?:of|that|for|are|is|in)\b"
    r"|\b(?:I|we)\s+would\s+bet\b|\bquestion\s+is\s+whether\b"
    r"|\b(?:says|said|told\s+\w+|promised|pledged)\s+(?:that\s+)?(?:it|they|we|the\s+company)\s+"
    r"(?:will|would|plans|aims|intends|is\s+going)\b"
    r"|\b(?:has|have|will have)\s+to\s+(?:make\s+a\s+decision|decide|choose)\s+whether\b"
    r"|\bbeat(?:s|ing)?\s+(?:\w+\s+){1,3}to\s+(?:the\s+)?(?:punch|market|finish(?:\s+line)?)\b",
    re.I,
)

# Belief words make a forecast only about the future: "I think X will ..." is one, "I think the
# regulator was right" is not. A clause with one of these needs FUTURE_RE or a date as well.
BELIEF_RE = re.compile(
    r"\b(?:I|we)\s+(?:(?:really|strongly|also)\s+)?(?:suspect|think|believe|reckon|doubt)\b"
    r"|\b(?:I|we)\s+(?:don['’]t|do not)\s+(?:think|believe|expect)\b"
    r"|\bmy\s+(?:own\s+|central\s+|best\s+)?(?:base case|guess|bet|expectation|forecast|"
    r"prediction|estimate|view)\b|\bin\s+my\s+view\b"
    r"|\b(?:fairly|quite|very)\s+confident\b",
    re.I,
)
FUTURE_RE = re.compile(
    r"\b(?:will|would|won['’]t|wouldn['’]t|shall|could|may|might|going\s+to)\b|['’]ll\b", re.I
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
    goals ambition would
"""
TRIGGER_WORDS = frozenset(_TRIGGER_TEXT.split())
_WORD_RE = re.compile(r"[a-z’']+")


# Words without which STRONG_RE cannot match: lets a clause skip that costly pattern.
_STRONG_TRIGGER_TEXT = """
    expect expects bet predict anticipate forecast surprised question likely unlikely
    likelihood likeliest odds chance chances prospect prospects decide decision choose
    whether beat beats beating committed plan plans planning planned intend intends
    intending aim aims aiming pledged pledges vowed vows promised promises scheduled set
    slated track poised expected says said told announced confirmed out
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
