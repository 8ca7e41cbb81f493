"""Deeds told in other words, and goals reported met or missed.

A forecast names an action ("separate the foundry into a subsidiary", "pull out of the scheme",
"open a centre") and news reports the same action in other words ("turn its foundry into a legally
independent subsidiary", "quits the scheme", "opened its centre"). Each deed below is one action
with its common business and policy synonyms, so a person can check a match from the verb alone;
the object nouns are compared by the judge.

Goals: news often states the outcome of a target outright ("missing its goal", "short of the five
it had targeted", "passing its goal of 6,000"): that settles a commitment on the same figure.
"""

from __future__ import annotations

import re

from hindsight.analysis.caseless import Caseless
from hindsight.analysis.names import title_cased
from hindsight.analysis.quantities import NUMBER_VALUES

__all__ = [
    "DEEDS",
    "DEED_CUES",
    "GOAL_CUES",
    "OPPOSITES",
    "deeds_in",
    "first_deed",
    "goal_outcome",
    "numbers_in",
]

# One action each, with its synonyms. Matched case-insensitively on word boundaries.
DEEDS: dict[str, Caseless] = {
    "withdraw": Caseless(
        r"\b(?:withdr[ae]w\w*|pull(?:s|ed|ing)? out|exit(?:s|ed|ing)?|quit(?:s|ting)?|"
        r"back(?:s|ed)? out|drop(?:s|ped)? out|walk(?:s|ed)? away)\b"
    ),
    "delay": Caseless(
        r"\b(?:delay(?:s|ed|ing)?|postpon\w+|push(?:es|ed|ing)? (?:back|out)|"
        r"push(?:es|ed|ing)? (?:[\w-]+ ){0,3}(?:in)?to (?:(?:early|late|mid|spring|summer|autumn|"
        r"winter|the end of) )?(?:19|20)\d\d|slip(?:s|ped|ping)?|behind schedule|later than|"
        r"not by\b[^.;]{0,30}\bas (?:promised|planned|scheduled|targeted)|"
        r"(?:begin|start|open|finish)\w*\b[^.;]{0,25}\bat the earliest)\b"
    ),
    "separate": Caseless(
        r"\b(?:spin(?:s|ning)?[- ]?off|spun[- ]?off|separat\w+|split(?:s|ting)? off|"
        r"carv\w+ out|(?:legally )?(?:independent|distinct|separate|standalone) "
        r"(?:subsidiary|unit|company|entity))\b"
    ),
    "convert": Caseless(
        r"\b(?:convert\w*|upgrad\w+|retrofit\w*|turn(?:s|ed)? (?:\w+ ){0,4}into)\b"
    ),
    "approve": Caseless(
        r"\b(?:approv\w+|grant(?:s|ed)?|authori[sz]\w+|green[- ]?light\w*|sign(?:s|ed)? off)\b"
    ),
    "cancel": Caseless(r"\b(?:cancel\w*|scrap(?:s|ped|ping)?|shelv\w+|ax(?:e|es|ed))\b"),
    "open": Caseless(r"\b(?:open(?:s|ed|ing)?|inaugurat\w+)\b"),
    "win": Caseless(
        # "1.5 million won", "Korean won": the currency, no win.
        r"\b(?:(?<!\d )(?<!illion )(?<!thousand )(?<!korean )won|win(?:s|ning)?|"
        r"award(?:s|ed)?(?= (?:\w+ ){0,6}to\b)|land(?:s|ed)?|"
        r"secur(?:e|es|ed)|"
        r"clinch\w*)\b(?!['’]t\b)"  # "won't" is "will not"
    ),
    "sell": Caseless(
        r"\b(?:sold|sell(?:s|ing)? (?:itself|the company|out)|(?:be|is|was|being) (?:sold|acquired|"
        r"bought|taken over)|acqui(?:re|res|red|sition) of|takeover of|tak(?:e|es|en|ing) over|"
        r"merg(?:e|es|ed|er)|combination)\b"
    ),
    "divest": Caseless(
        r"\b(?:sell(?:s|ing)?(?= (?:or \w+ )?(?:off )?(?:its|their|the|[A-Z]))|"
        r"sold (?:off )?(?:its|their|the)|divest\w*|dispos(?:e|es|ed|ing) of|"
        r"clos(?:e|es|ed|ing)(?= (?:down )?(?:its|their|the))|shut(?:s|ting)? down)\b"
    ),
    "bid": Caseless(
        r"\b(?:(?:make|makes|made|launch\w*|table\w*) (?:a |an )?(?:formal |firm |takeover |cash )?"
        r"(?:bid|offer)|(?:takeover )?(?:bid|offer) for|takeover (?:bid|offer)|bid(?:s)? for)\b"
    ),
    "stay_independent": Caseless(
        r"\b(?:remain(?:s|ed)? (?:an )?independent|stay(?:s|ed)? independent|call(?:s|ed)? off "
        r"(?:\w+ ){0,3}(?:talks|deal|merger|bid|takeover)|end(?:s|ed)? (?:\w+ ){0,3}talks|"
        r"walk(?:s|ed)? away from (?:\w+ ){0,3}(?:talks|deal|bid)|reject(?:s|ed)? (?:\w+ ){0,3}"
        r"(?:bid|offer|approach))\b"
    ),
    "meet_goal": Caseless(
        r"\b(?:me(?:e)?t(?:s|ing)?|achiev(?:e|es|ed|ing)|hit(?:s|ting)?) (?:its|the|their) "
        r"(?:(?:primary|main|key|secondary) )?(?:endpoint|goal|target|objective)s?\b"
    ),
    "partner": Caseless(
        r"\b(?:sign(?:s|ed|ing)? (?:\w+ ){0,3}(?:partner|partnership|deal|agreement|licen[cs]e)|"
        r"licens(?:e|es|ed|ing) (?:\w+ ){0,3}(?:to|rights)|t(?:ake|akes|ook|aking) (?:\w+ ){0,2}"
        r"rights|partner(?:s|ed)? with|(?:co-)?development deal)\b"
    ),
    "raise_capital": Caseless(
        r"\b(?:rais(?:e|es|ed|ing) (?:\w+ ){0,3}(?:equity|capital|funds|money|cash)|"
        r"rais(?:e|es|ed|ing) (?:about |around |some )?(?:\$|€|£|us\$)\s?\d[\d.,]*\s*"
        r"(?:million|billion|m|bn)?|share sale|(?:sold|sells|sell) (?:[\d.,]+ (?:million )?)?"
        r"(?:new )?shares|placing|rights issue|equity raise)\b"
    ),
    # Ending a product line: "will no longer sell X", "replaced the last remaining X".
    "discontinue": Caseless(
        r"\b(?:no longer (?:sells?|makes?|offers?|produces?|builds?)|"
        r"stop(?:s|ped|ping)? (?:selling|making|offering|producing|building)|discontinu\w+|"
        r"phas(?:e|es|ed|ing) out|replac(?:e|es|ed|ing) (?:the |its )?last(?: remaining)?)\b"
    ),
    "begin": Caseless(
        # "starting with the Open": the first of a series named, not a start
        r"\b(?:start(?:s|ed|ing)?|begin(?:s|ning)?|began|begun|commenc(?:e|es|ed|ing)|"
        r"br(?:eak|eaks|oke) ground)\b(?<!\bstarting)(?<!\bbeginning)|"
        r"\b(?:starting|beginning)\b(?!\s+with\b)"
    ),
    "arrive": Caseless(
        r"\b(?:arriv(?:e|es|ed|al|ing)|t(?:ake|akes|ook|aking) delivery|"
        r"enter(?:s|ed|ing)? service)\b"
    ),
    "connect": Caseless(
        r"\b(?:connect(?:s|ed|ing)?|energi[sz](?:e|es|ed|ing)|commission(?:s|ed|ing)|"
        r"hook(?:s|ed)? up|switch(?:es|ed)? on|c[ao]me(?:s)? online|went live|goes live)\b"
    ),
    "produce": Caseless(
        r"\b(?:produc(?:e|es|ed|ing)|roll(?:s|ed)? (?:out|off)|manufactur(?:e|es|ed|ing)|"
        r"(?:start|begin|began|started|starts) (?:volume |mass |series )?production)\b"
    ),
    "adopt": Caseless(
        r"\b(?:adopt(?:s|ed|ing)?|introduc(?:e|es|ed|ing)|switch(?:es|ed|ing)? to|"
        r"mov(?:e|es|ed|ing) to|pass(?:es|ed)? (?:a|the) (?:law|bill)|replac(?:e|es|ed|ing))\b"
    ),
    "finish": Caseless(r"\b(?:finish\w*|complet(?:e|es|ed|ing)|topped out)\b"),
    # Keeping something going past its end: "support will be extended", "prolonged the deal".
    "extend": Caseless(r"\b(?:extend(?:s|ed|ing)?|extension (?:of|for|to)|prolong\w*)\b"),
    "reinstate": Caseless(
        r"\b(?:reinstat\w+|restor\w+|resum\w+|bring(?:s|ing)? back|brought back)\b"
    ),
    "suspend": Caseless(r"\b(?:suspend\w*|halt\w*|stay(?:s|ed)? suspended|no (?:\w+ )?dividend)\b"),
    "regain": Caseless(
        r"\b(?:regain\w*|retak\w+|reclaim\w*|(?:be|get|got|is|are) back in|return(?:s|ed)? to)\b"
    ),
    "commit": Caseless(
        r"\b(?:commit(?:s|ted|ting)?|chos[e]n?|choos\w+|pick(?:s|ed)?|select(?:s|ed)?|"
        r"(?:will|would) be (?:manufactured|made|built|produced) (?:on|at|by))\b"
    ),
}
DEED_CUES = Caseless("|".join(f"(?:{p.pattern})" for p in DEEDS.values()))
# A deed and the one that undoes it: a report of the opposite refutes the forecast deed.
OPPOSITES: dict[str, str] = {
    "reinstate": "suspend",
    "suspend": "reinstate",
    "sell": "stay_independent",
    "withdraw": "finish",  # finishing the job is the opposite of walking away from it
    "stay_independent": "sell",
}


# What a deed after it is the topic of, not the act: "won't care about winning", "talk about
# selling".
_ABOUT = re.compile(r"\babout\s+$", re.I)
# A deed as the time a thing is placed before or after, not an act: "the execution layer
# post-merge", "pre-launch orders", "post-merger integration".
_TIME_PREFIX = re.compile(r"\b(?:post|pre)-$")
# A deed's word counted is a noun, not the act: "a franchise-record 49 wins", "two delays".
_COUNTED = re.compile(
    r"(?<![\w.,-])(?:\d(?:[\d,.]*\d)?|two|three|four|five|six|seven|eight|nine|ten)\s+$", re.I
)
# A name's number is a model's, counting nothing: "Pixel 9 arrives", "the A330-900 arrives".
_NAME_BEFORE = re.compile(r"[A-Z][\w-]*\s+$")


def _counted(text: str, at: int) -> bool:
    """The deed's word at `at` is counted by the number right before it ("49 wins")."""
    m = _COUNTED.search(text, max(0, at - 12), at)
    return m is not None and not _NAME_BEFORE.search(text, max(0, m.start() - 30), m.start())


def deeds_in(text: str) -> frozenset[str]:
    """The deeds a text names as acts: not one it only cares or talks about."""
    return deed_matches(text)[0]


def deed_matches(text: str) -> tuple[frozenset[str], list[re.Match[str]]]:
    """The deeds a text names as acts (`deeds_in`) and every match of every deed's pattern, in
    `DEEDS` order (the words of its deeds), from one pass of the patterns over the text
    lowered once: the deed question reads both of every sentence it judges."""
    lower = text.lower()
    found: list[str] = []
    matches: list[re.Match[str]] = []
    for name, pattern in DEEDS.items():
        named = [
            m
            for m in pattern.finditer(text, lower)
            if not _in_name(text, m)
            and not _TIME_PREFIX.search(lower, max(0, m.start() - 5), m.start())
            and not _counted(text, m.start())
        ]
        if not named:
            continue
        matches.extend(named)
        if any(not _about(text, m) for m in named):
            found.append(name)
    return frozenset(found), matches


def _about(text: str, m: re.Match[str]) -> bool:
    return bool(_ABOUT.search(text, max(0, m.start() - 8), m.start()))


_CAPITAL_BEFORE = re.compile(r"[A-Z][\w'’-]*\s+$")


def _in_name(text: str, m: re.Match[str]) -> bool:
    """A deed's word written capitalised after a capitalised word, in a sentence not written
    in title case, is the end of a name: "the Australian Open", "the Grand Launch" (but a
    headline's "Republican Wins Arizona Special Election" is a win)."""
    return (
        text[m.start()].isupper()
        and _CAPITAL_BEFORE.search(text, max(0, m.start() - 30), m.start()) is not None
        and not title_cased(text)
    )


def first_deed(text: str, among: frozenset[str]) -> tuple[str, re.Match[str]] | None:
    """The first deed of `among` named in `text`, with its match (for the reason line)."""
    found = [
        (m.start(), name, m)
        for name in among
        if (m := next((m for m in DEEDS[name].finditer(text) if not _in_name(text, m)), None))
    ]
    if not found:
        return None
    _, name, match = min(found, key=lambda f: f[0])
    return name, match


_MISSED = Caseless(
    r"\bmiss(?:es|ed|ing)\b[^.;]{0,40}\b(?:goal|target|pledge|promise|deadline)s?\b|"
    r"\b(?:fall|falls|fell|falling) (?:well |far )?short\b|\b(?:well |far )?short of\b|"
    r"\bbelow (?:its|the|their) (?:\w+ )?(?:goal|target)\b|"
    r"\b(?:has|have|had) not (?:reached|met|hit)\b"
)
_MET = Caseless(
    r"\b(?:pass(?:es|ed|ing)?|beat(?:s|ing)?|exceed(?:s|ed|ing)?|surpass(?:es|ed|ing)?|met|"
    r"meets|hit|hits|reach(?:es|ed)|top(?:s|ped))\b[^.;]{0,25}\b(?:goal|target|pledge)s?\b"
)


# "24% of them, against the plan's 30%": a realised figure set against its goal.
_AGAINST = re.compile(
    r"(\d[\d,]*(?:\.\d+)?)\s*%?[^.;]{0,80}?\bagainst (?:the |its |their |a )?"
    r"(?:[\w-]+ ){0,2}(?:goal|target|plan|pledge|promise)(?:'s|’s)?(?: of)? "
    r"(\d[\d,]*(?:\.\d+)?)",
    re.IGNORECASE,
)
GOAL_CUES = Caseless(f"(?:{_MISSED.pattern})|(?:{_MET.pattern})|\\bagainst\\b")


def goal_outcome(text: str) -> tuple[bool, str] | None:
    """Whether the text says a goal was met (True) or missed (False), with the words saying so."""
    missed, met = _MISSED.search(text), _MET.search(text)
    if not missed and not met and (m := _AGAINST.search(text)):
        realised, goal = (float(g.replace(",", "")) for g in m.groups())
        if realised != goal:
            return realised > goal, m.group(0)
    if bool(missed) == bool(met):
        return None
    found = missed or met
    assert found is not None
    return met is not None, found.group(0)


_NUMBER = re.compile(r"(?<![\w.])(\d[\d,]*(?:\.\d+)?)|\b([a-z]+)\b", re.IGNORECASE)


def numbers_in(text: str) -> list[float]:
    """Every figure written in the text, in digits or as a small number word."""
    out: list[float] = []
    for m in _NUMBER.finditer(text):
        if m.group(1):
            try:
                out.append(float(m.group(1).replace(",", "")))
            except ValueError:
                continue
        elif (word := m.group(2).lower()) in NUMBER_VALUES:
            out.append(NUMBER_VALUES[word])
    return out
