"""Who took a named title: "Boston clinched the AL East", "the Texans beat the Colts to win the
AFC South", "Detroit beat Pittsburgh in Game 6 of the final to win the 2008 Stanley Cup".

Why one reader: a pick of a prize's winner ("San Jose wins the Stanley Cup", the contest
question) and a ranked pick of a division's first place ("1. Falcons" under "NFC South", the
placing question) are settled by the same sentence, the one that says who took that title. Both
read it here, so a way of saying it learned for one serves the other.

The title is the run of capitalised words, numbers and prize nouns after the verb ("the AL East
title", "their fourth Stanley Cup"); the prize nouns are data (`PRIZE_NOUNS`). The taker is the
last name before the verb, in its clause, that is no object: not after a lower-case word
("beat the Colts", "held off the resilient Penguins"), nor after a preposition ("in Game 6",
"led by Ovechkin"). A verb said as a
chance, a hope or a failure ("could win", "favoured to win", "failed to clinch") takes nothing;
nor does a title's game ("the AL East title game"). Pure logic: no database, no Prefect.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

__all__ = [
    "ONE_OF_MANY",
    "PRIZE_NOUNS",
    "TitleTaken",
    "bare_name",
    "names_title",
    "title_words",
    "titles_taken",
]

# Lower-case words that name or close a prize: "the NL pennant", "the league title".
PRIZE_NOUNS = frozenset(
    [
        *("pennant", "title", "titles", "championship", "crown", "cup", "trophy", "award"),
        *("medal", "prize", "series", "division", "league", "election", "primary"),
        *("nomination", "race", "tournament", "final", "finals", "playoff", "playoffs"),
        *("wild", "card"),
    ]
)
# Prize nouns of which a season has many: one series of a playoff, one race of a calendar.
ONE_OF_MANY = frozenset(
    ["series", "race", "primary", "election", "tournament", "medal", "award", "prize", "playoff"]
)
# Words after a title that make it a game of that title, not the title.
_GAMES = frozenset(["game", "games", "opener", "matchup", "match"])

_ORDINAL = (
    r"(?:\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)"
)
# A verb of taking a title, then what may stand before its name: "won their fourth", "took the
# 2008".
_TAKEN = re.compile(
    r"\b(?:won|wins|win|clinch(?:ed|es|ing)?|claim(?:ed|s)?|captur(?:ed|es)|took|takes|secured)"
    rf"\s+(?:(?:the|its|their|his|her|a)\s+)?(?:(?:record\s+)?{_ORDINAL}\s+)?"
    r"(?:(?:19|20)\d\d\s+)?(?=\S)"
)
_NAME = re.compile(r"[A-Z][\w.'’&-]*(?:\s+[A-Z][\w.'’&-]*){0,3}")
# A verb of taking said as a chance, a need, a hope or a failure, not a result: "could win the
# NFC South", "fail to clinch the AFC North", "favoured to win the Cup".
_MAY = re.compile(
    r"\b(?:can|could|would|will|may|might|must|should|needs?\s+to|fail(?:s|ed)?\s+to|not|never"
    r"|\w+n't|chance\s+to|hopes?\s+to|bid\s+to|try\w*\s+to|aim\w*\s+to|favou?red\s+to"
    r"|tipped\s+to|expected\s+to|likely\s+to|poised\s+to|set\s+to|bound\s+to|odds\s+to)\s+$",
    re.I,
)
# Where a clause starts: a sentence's stop, or a word that opens a new clause ("as the Capitals
# won the division", "after beating Boston, New York won the AL East").
_CLAUSE_START = re.compile(
    r"[.;:!?]\s|\b(?:as|while|when|whereas|because|since|but|though|although|after|before|until"
    r"|then|so)\s+"
)
# What may stand just before a clause's doer: nothing, a comma or a dash, a name or a number
# ("Led by Ovechkin, Washington", "On Sunday the Owls", "In Game 6 Detroit"). A lower-case
# word there makes the name its object ("held off the resilient Pittsburgh Penguins"), and so
# does a preposition in capitals ("In Game 6").
_DOER_AFTER = re.compile(r"(?:^|[,(—–]|\b[A-Z][\w.'’&-]*|\b\d[\w-]*)\s*(?:the\s+)?$")
_PREPOSITION = re.compile(
    r"\b(?:over|against|past|and|with|by|of|from|for|to|in|at|on|under|behind|after|versus|vs)"
    r"\s+(?:the\s+)?$",
    re.I,
)
# A capitalised word that is no party: an article or pronoun opening the clause.
_NOT_A_TAKER = frozenset(["The", "A", "An", "It", "They", "He", "She", "This", "That", "Who"])


@dataclass(frozen=True)
class TitleTaken:
    """A sentence's statement that `taker` took the title whose words are `title`."""

    taker: str  # as said, without a leading "The" ("Detroit Red Wings")
    title: tuple[str, ...]  # lower-cased, years aside ("stanley", "cup")
    said: str  # the words that say it, for a reason line


def names_title(title: tuple[str, ...], wanted: tuple[str, ...]) -> bool:
    """Whether a title read is the wanted one: all its words, and at most one more ("AL East
    title" is the "AL East"; "American League West" is not the "AL West", nor is the "AL East"
    the "AL East Division Series Game")."""
    return set(wanted) <= set(title) and len(title) <= len(wanted) + 1


def title_words(text: str) -> tuple[tuple[str, ...], int]:
    """The prize's name at the start of `text`, lower-cased without years, and where it ends:
    capitalised words, numbers and prize nouns ("AL East title", "Stanley Cup")."""
    words: list[str] = []
    end = 0
    for token in re.finditer(r"[\w'’&-]+(?:\.[\w'’&-]+)*", text):  # "A.L." but not "East."
        word = token.group()
        if word[:1].isupper() or word.isdigit() or word.lower() in PRIZE_NOUNS:
            words.append(word.lower())
            end = token.end()
        elif word.lower() in ("of", "the") and words:
            continue
        else:
            break
    return tuple(w for w in words if not re.fullmatch(r"(?:19|20)\d\d", w)), end


@lru_cache(maxsize=4096)
def titles_taken(sentence: str) -> tuple[TitleTaken, ...]:
    """Every title the sentence says someone took, with its taker (see the module's doc)."""
    return tuple(_titles_taken(sentence))


def _titles_taken(sentence: str) -> Iterator[TitleTaken]:
    for m in _TAKEN.finditer(sentence):
        title, length = title_words(sentence[m.end() :])
        if not title:
            continue
        after = sentence[m.end() + length :].split(maxsplit=1)
        if after and after[0].strip(".,;:").lower() in _GAMES:
            continue  # "the AL East title game"
        before = sentence[: m.start()]
        cut = max((c.end() for c in _CLAUSE_START.finditer(before)), default=0)
        clause = before[cut:]
        if _MAY.search(clause):
            continue
        taker = _taker(clause, title)
        if taker is None:
            continue
        start = cut + taker.end() - len(bare_name(taker.group()))
        yield TitleTaken(
            bare_name(taker.group()),
            title,
            " ".join(sentence[start : m.end() + length].split()),
        )


def _taker(clause: str, title: tuple[str, ...]) -> re.Match[str] | None:
    """The clause's last name that is no object and not the title itself."""
    names = [
        n
        for n in _NAME.finditer(clause)
        if _DOER_AFTER.search(clause[: n.start()])
        and not _PREPOSITION.search(clause[: n.start()])
        and bare_name(n.group())
        and tuple(n.group().lower().split()) != title
    ]
    return names[-1] if names else None


def bare_name(name: str) -> str:
    """A name without an opening article or pronoun ("The Owls" -> "Owls"; "They" -> "")."""
    words = name.split()
    while words and words[0] in _NOT_A_TAKER:
        words.pop(0)
    return " ".join(words)
