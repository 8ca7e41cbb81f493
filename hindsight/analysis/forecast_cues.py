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
    "TRIGGER_WORDS",
    "has_trigger",
    "AUTHOR_VOICE_RE",
    "COMMITMENT_RE",
    "MODAL_RE",
    "NOT_A_FORECAST_RE",
    "STRONG_RE",
    "TARGET_RE",
    "UNFALSIFIABLE_RE",
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
    r"(?:suspect|expect|think|believe|bet|reckon|doubt|predict|anticipate|forecast)\b"
    r"|\b(?:I|we)\s+(?:don['’]t|do not)\s+(?:think|believe|expect)\b"
    r"|(?:^|[,;:]\s*|\b(?:and|so|then)\s+)expect\s+\w"
    r"|\bmy\s+(?:own\s+)?(?:base case|guess|bet|expectation|forecast|prediction)\b"
    r"|\bwould\s+be\s+(?:really\s+|very\s+|quite\s+)?surprised\s+if\b"
    r"|\b(?:wouldn['’]t|would not|not)\s+be\s+out\s+of\s+the\s+question\b"
    r"|\b(?:un|more\s+|less\s+)?likel(?:y|iest|ihood)\b|\bodds\b|\bprospects?\b|\bchances?\b"
    r"|\bmy\s+(?:own\s+|central\s+|best\s+)?(?:estimate|view)\b|\bin\s+my\s+view\b"
    r"|\b(?:I|we)\s+would\s+bet\b|\bquestion\s+is\s+whether\b"
    r"|\b(?:says|said|told\s+\w+|promised|pledged)\s+(?:that\s+)?(?:it|they|we|the\s+company)\s+"
    r"(?:will|would|plans|aims|intends|is\s+going)\b"
    r"|\b(?:fairly|quite|very)\s+confident\b"
    r"|\b(?:has|have|will have)\s+to\s+(?:make\s+a\s+decision|decide|choose)\s+whether\b"
    r"|\bbeat(?:s|ing)?\s+(?:\w+\s+){1,3}to\s+(?:the\s+)?(?:punch|market|finish(?:\s+line)?)\b",
    re.I,
)

# A standing goal is a commitment when it is dated ("the target remains 600,000 a year by 2028").
TARGET_RE = re.compile(r"\b(?:target|goal|ambition)s?\s+(?:is|remains)\b", re.I)

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
TRIGGER_WORDS = frozenset(
    """will won't wont shall could may might going expect expects expected think suspect believe
    bet reckon doubt predict anticipate forecast surprised question likely unlikely likelihood
    likeliest odds prospect prospects chance chances confident decide decision choose whether
    beat beats beating committed plan plans planning planned intend intends intending aim aims
    aiming pledged pledges vowed vows promised promises scheduled set slated track poised
    estimate view target targets goal goals ambition would""".split()
)
_WORD_RE = re.compile(r"[a-z’']+")


def has_trigger(sentence: str) -> bool:
    """Cheap test: could this sentence hold a cue at all?"""
    words = set(_WORD_RE.findall(sentence.lower().replace("’", "'")))
    return not words.isdisjoint(TRIGGER_WORDS)


# The writer speaking for themselves (outside quotations).
AUTHOR_VOICE_RE = re.compile(
    r"\b(?:I|I['’]m|I['’]d|my)\b|\bwe\s+(?:see|will\s+see|get)\b|(?:^|[,;:]\s*)expect\b"
)
