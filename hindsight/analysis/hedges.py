"""How sure a forecast sounds: map hedge words to a confidence in 0..1.

The value is the writer's implied probability that the statement comes true as stated (for a
negative event: that the thing does NOT happen). A statement is only as sure as its weakest
hedge, so when several cues occur the lowest value wins ("it will probably be" -> "probably").
Explicit odds ("one chance in three", "a 70% chance") override the word table.

The table, strongest first (values are ordinal judgements, not calibrated probabilities):

| cue                                                        | value |
|------------------------------------------------------------|-------|
| certainly, definitely, no doubt                            | 0.90  |
| is committed to, has committed to                          | 0.90  |
| will, won't, will not, is going to, shall                  | 0.85  |
| would be (really) surprised if                             | 0.80  |
| confident, plans to, is scheduled to, said it would        | 0.80  |
| has promised, pledged, vowed                               | 0.80  |
| intends to, aims to                                        | 0.75  |
| expect, expected to                                        | 0.75  |
| my base case, I'd bet, I'm betting, likely, should         | 0.70  |
| (stated) target is / remains                               | 0.70  |
| probably                                                   | 0.65  |
| I doubt, I don't see (that it happens: expects NOT)        | 0.65  |
| I think, I believe, I don't think, in my view, my estimate | 0.60  |
| my guess, I suspect                                        | 0.55  |
| perhaps, maybe, may, might                                 | 0.45  |
| wouldn't be surprised/shocked, wouldn't rule out (litotes) | 0.40  |
| could                                                      | 0.35  |
| wouldn't be out of the question, not impossible, unlikely  | 0.30  |
"""

from __future__ import annotations

import re

__all__ = ["DEFAULT_CONFIDENCE", "HEDGES", "confidence_from_hedges", "odds_line"]

DEFAULT_CONFIDENCE = 0.5

# (pattern, value, cue label); the label is what `confidence_cue` reports.
HEDGES: tuple[tuple[str, float, str], ...] = (
    (r"\b(?:certainly|definitely|no doubt)\b", 0.90, "certainly"),
    (
        r"\b(?:is|are|was|were|has|have|has been|have been|remains?) "
        r"(?:also |firmly |fully )?committed to\b",
        0.90,
        "committed to",
    ),
    (r"\b(?:will|won['’]t|shall)\b|\bgoing to\b", 0.85, "will"),
    (
        r"\bwould be (?:really |very |quite )?(?:surprised|shocked|astonished|amazed|stunned)\b",
        0.80,
        "would be surprised if",
    ),
    (r"\b(?:fairly |quite |very )?confident\b", 0.80, "confident"),
    (r"\b(?:plans?|planning|planned) to\b", 0.80, "plans to"),
    (r"\b(?:is|are) (?:scheduled|set|due|slated) to\b", 0.80, "scheduled to"),
    (r"\b(?:intends?|aims?|targets?) to\b", 0.75, "intends to"),
    (
        r"\b(?:i|we)(?:['’]d| would)? (?:fully )?expect\b|^expect\b|,\s*expect\b|\bexpected to\b",
        0.75,
        "expect",
    ),
    (r"\b(?:promised|promises|pledged|pledges|vowed|vows|guaranteed)\b", 0.80, "promised"),
    (r"\bmy base case\b", 0.70, "my base case"),
    (r"\b(?:target|goal)s? (?:is|remains)\b", 0.70, "target"),
    (
        r"\b(?:i|we)(?:['’]d| would)? (?:still |happily |gladly )?(?:bet|wager)\b|\bmy bet\b"
        r"|\b(?:i|we)(?:['’]m|['’]re| am| are) (?:\w+ )?betting\b"
        r"|\b(?:i|we)(?:['’]d| would) put (?:my |our |good )?money on\b",
        0.70,
        "I would bet",
    ),
    (r"\b(?:likely|likeliest)\b|\bshould\b", 0.70, "likely"),
    (
        r"\b(?:says|said|told \w+|promised|pledged) (?:that )?(?:it|they|we) (?:will|would)\b",
        0.80,
        "said it would",
    ),
    (r"\bprobably\b", 0.65, "probably"),
    (r"\b(?:i|we) (?:think|believe|reckon)\b|\bin my view\b", 0.60, "I think"),
    (r"\bmy (?:own |central |best )?estimate\b", 0.60, "my estimate"),
    (r"\b(?:i|we) (?:don['’]t|do not) (?:think|believe)\b", 0.60, "I don't think"),
    (r"\b(?:i|we) (?:really )?doubt\b", 0.65, "I doubt"),
    (
        r"\b(?:i|we) (?:don['’]t|do not|can['’]t|cannot|can not) (?:really )?see\b",
        0.65,
        "I don't see",
    ),
    (r"\bmy (?:own )?guess\b", 0.55, "my guess"),
    (r"\bi suspect\b", 0.55, "I suspect"),
    (r"\b(?:perhaps|maybe)\b", 0.45, "perhaps"),
    (
        r"\b(?:i|we) (?:wouldn['’]t|would not|won['’]t|will not) be (?:\w+ )?"
        r"(?:surprised|shocked|astonished|amazed|stunned)\b"
        r"|\bit (?:wouldn['’]t|would not|won['’]t|will not) (?:surprise|shock) (?:me|us)\b"
        r"|\b(?:i|we) (?:wouldn['’]t|would not|won['’]t|will not|can['’]t|cannot) rule out\b"
        r"|\bdon['’]t be (?:surprised|shocked|astonished|amazed|stunned)\b",
        0.40,
        "wouldn't be surprised",
    ),
    (r"\b(?:may|might)\b", 0.45, "may"),
    (r"\bcould\b", 0.35, "could"),
    (r"\b(?:less likely|unlikely)\b", 0.30, "unlikely"),
    (r"\bnot impossible\b", 0.30, "not impossible"),
    (
        r"\b(?:wouldn['’]t|would not) be out of the question\b",
        0.30,
        "wouldn't be out of the question",
    ),
    (r"\bnot out of the question\b", 0.30, "not out of the question"),
)
_COMPILED = tuple((re.compile(p, re.I | re.M), v, c) for p, v, c in HEDGES)

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10,
}  # fmt: skip
_ODDS_RE = re.compile(
    r"\b(?P<a>\d+|one|two|three|four|five|six|seven|eight|nine)\s+(?:chance\s+)?in\s+"
    r"(?P<b>\d+|two|three|four|five|six|seven|eight|nine|ten)\b(?:\s+chance)?"
    r"|\b(?P<pct>\d{1,3})\s?(?:%|per ?cent) (?:chance|probability|likelihood)\b",
    re.I,
)


# "one in ten installations" is a share, not odds: odds need the word "odds" or "chance".
_ODDS_WORD_RE = re.compile(r"\b(?:odds|chances?|probability|likelihood)\b", re.I)


def _number(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBER_WORDS[word.lower()]


def explicit_odds(text: str) -> tuple[float, str] | None:
    """Stated odds such as "one chance in three" or "a 70% chance", as a probability."""
    m = _ODDS_RE.search(text)
    if not m:
        return None
    if m.group("pct"):
        return min(int(m.group("pct")), 100) / 100, m.group()
    a, b = _number(m.group("a")), _number(m.group("b"))
    return (a / b, m.group()) if 0 < a <= b else None


# A line stating only the odds of what it follows: "Chance of seeing this week: 9 out of 10",
# "Probability: 60%", "Odds: 3/4".
_ODDS_LINE_RE = re.compile(
    r"^\W*[\w’' -]{0,40}?\b(?:odds|chances?|probability|likelihood)\b[\w’' -]{0,40}:\s*"
    r"(?P<a>\d{1,3})\s*(?:(?P<pct>%|per ?cent)|(?:out\s+of|in|/)\s*(?P<b>\d{1,3}))\W*$",
    re.I,
)


# A label naming an event of its own ("of a recession in 2030"), or the odds of being wrong.
_OWN_EVENT_RE = re.compile(r"\b(?:a|an|the)\b|\b(?:19|20)\d\d\b", re.I)
_WRONG_RE = re.compile(r"\b(?:wrong|not|fail\w*|miss\w*|against)\b", re.I)


def odds_line(text: str) -> tuple[float, str] | None:
    """The probability a line states and nothing else, with its words; None for other lines.
    Such a line scores the forecast before it, it is no forecast of its own."""
    m = _ODDS_LINE_RE.match(text)
    if m is None:
        return None
    label = text[: text.index(":")]
    if _OWN_EVENT_RE.search(label):
        return None  # "Probability of a recession in 2030: 40%": a forecast of its own
    if _WRONG_RE.search(label):
        return None  # "Chances I am wrong: 90%": the odds against, not for
    a = int(m.group("a"))
    b = 100 if m.group("pct") else int(m.group("b"))
    return (a / b, text.strip()) if 0 <= a <= b and b > 0 else None


# Hedges that mean something else in these contexts: "will" as a noun, "may" as a month.
_FALSE_HEDGE_RE = re.compile(r"\b(?:the|political|good|free) will\b|\bmay \d|\d+ may\b", re.I)


def confidence_from_hedges(text: str) -> tuple[float, str | None]:
    """Return (confidence, cue) for a statement: the weakest hedge found, or the default 0.5.

    Why the weakest: "it will probably be" commits to "probably", not to "will".
    """
    odds = explicit_odds(text) if _ODDS_WORD_RE.search(text) else None
    if odds:
        return round(odds[0], 2), odds[1]
    cleaned = _FALSE_HEDGE_RE.sub(" ", text)
    best: tuple[float, str] | None = None
    for pattern, value, cue in _COMPILED:
        if pattern.search(cleaned) and (best is None or value < best[0]):
            best = (value, cue)
    return best if best else (DEFAULT_CONFIDENCE, None)
