"""Picks of who wins an award, and the news that names its winner.

A season or awards preview lists its calls as labelled lines under a heading of picks: "Most
Valuable Player: Mike Trout (OF, Angels)" under "Award Picks" and "American League", "Best
Picture: Oppenheimer" under "My Oscar picks". Each is a forecast that this one wins that award,
in the league or body the heading names. The news that settles it names the winner: "Mookie
Betts was named the 2018 American League Most Valuable Player", "Ohtani is the AL Rookie of the
Year", "X won Best Picture". Another winner of the same award refutes the pick; the picked one
bears it out. A ballot that marks its pick in bold among a category's nominees ("#### Lead
Actor", then "**Gary Oldman, “Darkest Hour” (95%)**") picks the same way (`marked_pick`).

Prefer open to wrong: a sentence naming several leagues for one winner ("won the American
League and National League Cy Young awards") pairs nobody, another body's award ("Baseball
Digest's Rookie of the Year") is not the pick's, and a name differing from the pick's by a
letter ("Otani", "Ohtani") is the same person spelled otherwise. Pure logic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from functools import lru_cache

from hindsight.analysis.names import is_english_word
from hindsight.analysis.picks import competition_in

__all__ = [
    "CATEGORY_PICK_LABELS",
    "CATEGORY_WISH_LABELS",
    "AwardPick",
    "Winner",
    "award_category",
    "award_forms",
    "award_pick_of",
    "is_category_wish",
    "is_marked_pick",
    "marked_pick",
    "same_award",
    "same_person",
    "winners",
]

_NAME = r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}"
# "Most Valuable Player: Mike Trout (OF, Angels)": a label, a name, an aside about it.
_AWARD_LINE = re.compile(
    rf"^\s*(?P<label>[A-Z][\w '’-]{{1,40}}?):\s*(?P<name>{_NAME})(?:\s*\([^()]*\))?[\s.!]*$"
)
# A labelled line under an award's heading: the label, then the title picked, whatever it is.
_CATEGORY_LINE = re.compile(
    r"^\s*[*_]*(?P<label>[A-Za-z][\w '’-]{1,40}?)[*_]*:\s*(?P<name>.{1,120}?)\s*$"
)
# The small words a title-cased award name may hold in lower case ("Rookie of the Year").
_SMALL = frozenset({"of", "the", "a", "an", "and", "for", "in", "on", "to"})
# Leagues and conferences by their long and short names: one league however written.
_LEAGUES = {
    "american league": "AL",
    "al": "AL",
    "national league": "NL",
    "nl": "NL",
    "eastern conference": "East",
    "western conference": "West",
}
_LEAGUE_RE = re.compile(
    r"\b(?:" + "|".join(re.escape(k) for k in sorted(_LEAGUES, key=len, reverse=True)) + r")\b",
    re.I,
)
# Words of an award's name that name no award on their own.
# ("best": "won best director" is the "Best Director" award, news drops the word)
_FILLER = frozenset(
    {"the", "of", "a", "an", "and", "award", "awards", "honors", "honours", "best", "oscar"}
    | {"lead", "leading"}  # "Lead Actor" is the award for best actor
)
# Words that say what kind of work an award is for, which news and previews add or leave out
# ("Best Documentary", "documentary feature"); an award named by them alone ("Best Film")
# keeps them.
_KIND_OF_WORK = frozenset({"film", "feature"})
# Words of a label that say it is a pick, not which award: "AL Pick", "My choice".
_PICK_WORDS = frozenset({"pick", "picks", "prediction", "predictions", "choice", "my", "winner"})
# Under a heading naming one award ("## BEST PICTURE"), the labels of an awards-season pick:
# who the writer expects to win it...
CATEGORY_PICK_LABELS = frozenset(
    [
        *("most likely", "will win", "who will win", "likely winner", "predicted winner"),
        *("projected winner", "prediction", "my prediction", "pick", "my pick", "winner"),
        *("the winner", "should and will win"),
    ]
)
# ... and the labels of a wish, not a forecast: who the writer would like to win.
CATEGORY_WISH_LABELS = frozenset(
    [
        *("most deserving", "should win", "who should win", "my favorite", "my favourite"),
        *("personal pick", "my personal pick", "dark horse", "sleeper", "should be here"),
        *("snubbed", "deserves to win", "what should win"),
    ]
)
# Words that make a heading the name of one award: "Best Picture", "Rookie of the Year".
_AWARD_HEADING = re.compile(
    r"^\W*(?:best\b|outstanding\b)|\b(?:award|prize|trophy|medal|of the year)\b", re.I
)


@dataclass(frozen=True)
class AwardPick:
    """A forecast that `name` wins `award` (in `league`, when the heading names one)."""

    award: str
    name: str
    league: str | None


@dataclass(frozen=True)
class Winner:
    """A result: `name` won `award`, in `league` when the sentence names one."""

    name: str
    award: str
    league: str | None
    said: str
    year: int | None = None  # the season the sentence names, if any
    # the work the award was for, when the sentence names it ("won adapted screenplay for Call
    # Me by Your Name"): a pick of the work is borne out by its writer's or maker's award
    work: str | None = None

    def names(self, picked: str) -> bool:
        """Whether the winner, or the work it won for, is the one picked."""
        return same_person(picked, self.name) or (
            self.work is not None and same_person(picked, self.work)
        )


def league_of(text: str | None) -> str | None:
    """The one league `text` names ("American League", "AL"), normalised; None for none or
    several."""
    found = {_LEAGUES[m.group().lower()] for m in _LEAGUE_RE.finditer(text or "")}
    return found.pop() if len(found) == 1 else None


# What follows a heading in the context of the nominee a writer marked under it ("Lead Actor —
# the marked pick"): the reader is shown why the line is a forecast, the judge what it picks.
_MARKED = " — the marked pick"


def marked_pick(heading: str) -> str:
    """The context of the nominee a writer marked (set in bold) in the list under `heading`."""
    return " ".join(heading.strip("#*_ \t").split()) + _MARKED


def is_marked_pick(context: str | None) -> bool:
    """Whether a forecast's context says it is the nominee a writer marked (`marked_pick`)."""
    return bool(context) and str(context).endswith(_MARKED)


# A nominee's line: who or what, then the work it is for and an aside ("Gary Oldman, “Darkest
# Hour” (95%)", "A Fantastic Woman (Chile)"): the name is what comes before them.
_NOMINEE_WORK = re.compile(r",\s*[“\"‘'].*$|\s+from\s+[A-Z].*$")
_ASIDE = re.compile(r"\s*\([^()]*\)\s*$")


@lru_cache(maxsize=4096)
def award_pick_of(line: str, context: str | None = None) -> AwardPick | None:
    """The award pick a labelled line makes, its league read from `context` (the headings
    above it); None for any other line. The caller knows the line stands under a heading of
    picks: a labelled line elsewhere ("Author: Jane Roe") picks nothing. A nominee the writer
    marked in the list under a category's heading (`marked_pick`) is the pick of that category,
    whatever the heading's words."""
    if context and line.startswith(f"{context}: "):
        line = line[len(context) + 2 :]  # the line as a judge reads it, its heading before it
    if len(line) > 200:
        return None  # a paragraph, not a labelled line
    if context and is_marked_pick(context):
        award = context[: -len(_MARKED)]
        name = _NOMINEE_WORK.sub("", _ASIDE.sub("", line)).strip(" *_\"“”‘’'")
        return AwardPick(award, name, league_of(award)) if name else None
    category = award_category(context)
    if category is not None:
        # Under "## BEST PICTURE": "Most Likely: The Revenant" picks it, whatever the title's
        # words ("Mad Max: Fury Road", "Son of Saul"); "Most Deserving: Spotlight" wishes.
        picked = _CATEGORY_LINE.match(line)
        if picked and picked.group("label").strip().lower() in CATEGORY_PICK_LABELS:
            name = picked.group("name").strip(" *_\"“”‘’'")
            return AwardPick(category, name, league_of(context)) if name else None
    m = _AWARD_LINE.match(line)
    if m is None:
        return None
    label = m.group("label").strip()
    if category is not None:
        return None  # a nominee ("Tom McCarthy: Spotlight"), no pick
    if competition_in(label) is not None or not _award_words(label) - _PICK_WORDS:
        return None  # "AL East: Yankees", "Group A: Uruguay": a place in a standing, not an award
    if any(w[:1].islower() and w not in _SMALL for w in label.split()):
        return None  # "Apple ships a foldable: High": a statement, not an award's name
    if " " not in m.group("name") and is_english_word(m.group("name").lower()):
        return None  # "Confidence: High": a word, not whom it is picked for
    return AwardPick(label, m.group("name"), league_of(label) or league_of(context))


_NOT_ONE_AWARD = re.compile(r"\b(?:bets?|picks?|predictions?|awards)\b", re.I)


def award_category(heading: str | None) -> str | None:
    """The award a heading names on its own ("## BEST PICTURE" -> "Best Picture", "Rookie of
    the Year"), or None for a heading of picks, of a league, or of anything else."""
    if not heading:
        return None
    text = " ".join(heading.strip("#*_ \t").split())
    if not text or len(text) > 60 or not _AWARD_HEADING.search(text):
        return None
    if _NOT_ONE_AWARD.search(text) or not _award_words(text) - _PICK_WORDS:
        return None  # "Award Picks", "Best Bets": what follows is picks, of awards it names
    return text.title() if text.isupper() else text


def is_category_wish(line: str, context: str | None) -> bool:
    """A line under an award's heading saying whom the writer would like to win ("Most
    Deserving: Spotlight", "Should Win: Carol"): a wish, never a forecast."""
    m = _CATEGORY_LINE.match(line)
    return bool(
        m and award_category(context) and m.group("label").strip().lower() in CATEGORY_WISH_LABELS
    )


def _award_words(award: str) -> frozenset[str]:
    words = re.findall(r"[a-z]+", _LEAGUE_RE.sub(" ", award).lower())
    return frozenset(w for w in words if w not in _FILLER)


def _initials(award: str) -> str:
    return "".join(w[0] for w in re.findall(r"[A-Za-z]+", award) if w.lower() not in _FILLER)


def award_forms(award: str, marked: bool = False) -> tuple[str, ...]:
    """Other ways news writes an award's name: its initials ("MVP"), when three or more, and,
    for a category of two words or more, in lower case ("was named best picture"). A category
    whose heading a writer's marked pick stands under (`marked_pick`) is one whatever its words:
    "Lead Actor" is written "best actor", "Cinematography" "best cinematography"."""
    if marked and not _AWARD_HEADING.search(award):
        name = " ".join(award.lower().split())
        bare = re.sub(r"^lead(?:ing)?\s+", "", name)
        return tuple(dict.fromkeys([*([name] if " " in name else []), f"best {bare}"]))
    if " " not in award.strip():
        return ()
    initials = _initials(award)
    forms = [initials.upper()] if len(initials) >= 3 else []
    if _AWARD_HEADING.search(award):
        forms.append(award.lower())
        bare = re.sub(r"^(?:best|outstanding)\s+", "", award.lower())
        if bare != award.lower() and len(bare.split()) >= 2:
            forms.append(bare)  # "won film editing, sound mixing and ..."
            # "documentary (short)" is written "documentary short", "animated feature film"
            # "animated feature"
            unbracketed = " ".join(re.sub(r"[()]", " ", bare).split())
            shorter = re.sub(r"\s+film$", "", unbracketed)
            forms.extend(f for f in (unbracketed, shorter) if len(f.split()) >= 2)
    return tuple(dict.fromkeys(forms))


def same_award(picked: str, found: str) -> bool:
    """Whether `found` (the words a sentence gives the award, up to where it says who gave it
    or where) is the picked award: its very words, or its initials ("MVP" for "Most Valuable
    Player"). More words make another award ("Defensive Player of the Year", "Best Actor in a
    Comedy", "MVP favorite"), fewer another thing."""
    wanted = _award_words(picked)
    if not wanted:
        return False
    said = _award_words(_GIVEN_BY.split(_AWARD_FOR.sub("", found), maxsplit=1)[0])
    if said == wanted:
        return True
    if (wanted - _KIND_OF_WORK) and wanted - _KIND_OF_WORK == said - _KIND_OF_WORK:
        return True  # "animated feature" is "Best Animated Feature Film"
    initials = _initials(picked).lower()
    return len(initials) >= 3 and said == {initials}


# Where an award's name ends: who gave it, where or when ("... by the writers", "at Cannes").
_GIVEN_BY = re.compile(
    r"\s+(?:by|from|with|after|over|on|during|this|last|at|as|for|in)\s+|\s+-\s+"
    # or when: "won best picture Sunday evening at the 90th Oscars"
    r"|\s+(?=(?:Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|tonight|yesterday)\b)",
    re.I,
)
# The body's award before the category it is for: "the Academy Award for Best Picture".
_AWARD_FOR = re.compile(
    r"^(?:the\s+)?(?:\d+\w*\s+)?(?:[A-Z][\w.'’-]*\s+)*(?:Awards?|Prizes?|Oscars?|Emmys?|Grammys?)"
    r"\s+for\s+"
)
# What gives the award to another body than the pick's: "at Cannes", "at the Globes".
_AT_ANOTHER = re.compile(r"\bat\s+(?:the\s+)?[A-Z]")


def same_person(picked: str, found: str) -> bool:
    """Whether two names are one person: the same surname (or one differing by a letter,
    "Otani" and "Ohtani"), and the same first name when both give one. "Ada Lark" is not "Ada
    Quill", nor "Bo Quill"."""
    a = [w.lower().strip(".:") for w in picked.split()]
    b = [w.lower().strip(".:") for w in found.split()]
    if not a or not b or not _alike(a[-1], b[-1]):
        return False
    shorter, longer = sorted((a, b), key=len)
    if len(shorter) > 1 and longer[-len(shorter) :] == shorter:
        return True  # "Fury Road" of "Mad Max: Fury Road"
    return len(a) == 1 or len(b) == 1 or _alike(a[0], b[0])


def _alike(x: str, y: str) -> bool:
    return x == y or (min(len(x), len(y)) > 3 and SequenceMatcher(None, x, y).ratio() >= 0.8)


# "<winner> was named (the) <award>", "<winner> won (the) <award>", "<winner> is the <award>".
_WON = re.compile(
    r"\b(?:(?:was|were|has been|have been|is|are)\s+named|won|wins|took home|took|scooped|"
    r"picked up|captured|claimed|(?:is|was)(?=\s+the\s+(?:19|20)\d\d\b))\s+(?:the\s+)?"
    r"(?P<award>[^.;,]{3,80})"
)
# "Voters named Bo Lark the 2030 American League MVP": the winner after the verb.
_NAMED_ACTIVE = re.compile(
    rf"\bnamed\s+(?P<who>{_NAME})\s+(?:as\s+)?(?:the\s+)?(?P<award>[^.;,]{{3,80}})"
)
# A verb of winning denied, or only a step towards it: "was not named", "never won".
_DENIED = re.compile(r"\b(?:not|never|n[’']t|no longer)\s+(?:\w+\s+)?$", re.I)
# An aside about the winner between commas: "Bo Lark, the Owls shortstop, was named".
_APPOSITIVE = re.compile(r",[^,]*,\s*$")
_CLAUSES = re.compile(r",?\s+while\s+|;\s+|,\s+and\s+(?=[A-Z])")
_AFFILIATION = re.compile(r"\b(?:of|for|from)\s+the\s+$")
_OWNED_BY = re.compile(rf"(?:{_NAME})['’]s?\s+$")


def winners(sentence: str) -> list[Winner]:
    """Who the sentence says won which award, clause by clause; nobody where a clause names
    several leagues or another body's award ("Baseball Digest's Rookie of the Year")."""
    out: list[Winner] = []
    for clause in _CLAUSES.split(sentence):
        active = _NAMED_ACTIVE.search(clause)
        found = list(_WON.finditer(clause)) or ([active] if active else [])
        # "DiCaprio won the lead acting awards, Iñárritu won best director": each verb of
        # winning with the name before it, since the last one.
        for at, m in enumerate(found):
            since = found[at - 1].end() if at else 0
            winner = _winner(clause, m, since, m is active)
            if winner is None:
                continue
            two = _two_awards(_GIVEN_BY.split(winner.award, maxsplit=1)[0])
            pair = None if m is active else _PAIR_BEFORE.search(clause[since : m.start()])
            if two and pair:
                # "McDormand and Oldman won best actress and actor": each the one in its place
                for who, award in zip((pair["a"], pair["b"]), two, strict=True):
                    said = f"{_verb(clause, m)} {award}"
                    out.append(replace(winner, name=_bare_title(who), award=award, said=said))
                continue
            out.append(winner)
            if two and not pair:
                # "Blade Runner 2049 won cinematography and visual effects": each, and both as
                # one award ("makeup and hairstyling")
                out.extend(
                    replace(winner, award=award, said=f"{_verb(clause, m)} {award}")
                    for award in two
                )
            # "won film editing, sound mixing and production design": each award of the list
            following = found[at + 1].start() if at + 1 < len(found) else len(clause)
            listed = clause[m.end("award") : following]
            if _LIST_HEAD.match(listed):
                out.extend(_listed(winner, _verb(clause, m), _LIST_SPLIT.split(listed)[1:]))
        out.extend(_lost_to(clause))
    return out


def _listed(winner: Winner, verb: str, items: list[str]) -> list[Winner]:
    """The winners a list after a verb of winning names: more awards of the same winner ("won
    film editing, sound mixing and makeup and hairstyling": the two last read as one award too)
    or, with the verb left out, another winner and its award each ("won the screenplay awards,
    Ex Machina visual effects, Amy documentary feature"). A list item with a verb of its own
    ("Rylance beat favourite Stallone") ends the list."""
    out: list[Winner] = []
    previous: str | None = None
    for item in (i.strip(" .") for i in items):
        if not item or len(item.split()) > _LISTED_WORDS + 4 or _VERB_OF_ITS_OWN.search(item):
            break
        gapped = _GAPPED.fullmatch(item)
        if gapped:
            name = _bare_title(gapped.group("who"))
            award = gapped.group("award")
            out.append(replace(winner, name=name, award=award, said=f"{verb} {award}"))
            previous = None
        elif len(item.split()) <= _LISTED_WORDS:
            out.append(replace(winner, award=item, said=f"{verb} {item}"))
            if previous is not None:  # "makeup and hairstyling": one award, or two
                both = f"{previous} and {item}"
                out.append(replace(winner, award=both, said=f"{verb} {both}"))
            previous = item
    return out


# A list item naming its winner and award with the verb left out: a name or title (small words
# inside allowed, "A Girl in the River") and the award in lower case ("documentary short").
_GAPPED = re.compile(
    r"(?P<who>[A-Z][\w.'’-]*(?:\s+(?:(?:of|the|in|and|a|an|on|to|for)\s+)*[A-Z][\w.'’-]*)*"
    r"(?::\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*)?)"
    r"\s+(?P<award>(?:best\s+)?[a-z][a-z-]*(?:\s+[a-z][a-z-]*){0,3})"
)
_VERB_OF_ITS_OWN = re.compile(
    r"\b(?:beat|beats|won|wins|took|take|lost|loses|named|got|gets|went|goes|is|was|were)\b"
)


# A name, or a work's title in two parts: "Mad Max: Fury Road", or numbered: "Blade Runner 2049".
_TITLE = rf"{_NAME}(?:\s+\d+\b)?(?::\s+{_NAME})?"
# A work's title after "for", small words inside: "for Call Me by Your Name".
_WORK = (
    r"[A-Z][\w.'’-]*"
    r"(?:\s+(?:(?:of|the|in|and|a|an|on|to|for|by|with)\s+)*(?:[A-Z][\w.'’-]*|\d+\b))*"
)
# A list of awards after the first one a verb of winning names: ", sound mixing and ...".
_LIST_HEAD = re.compile(r"\s*(?:,|\band\b)")
_LIST_SPLIT = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")
_LISTED_WORDS = 5


def _winner(clause: str, m: re.Match[str], since: int, active: bool) -> Winner | None:
    """The winner one verb of winning names, from the words since the last one; None where
    the clause denies it, names another body's award or several leagues, or names no one."""
    if _DENIED.search(clause[since : m.start()]):
        return None
    award_text = m.group("award")
    if _AT_ANOTHER.search(award_text):
        return None  # "the Best Actor award at Cannes": another body's prize
    leagues = {_LEAGUES[x.group().lower()] for x in _LEAGUE_RE.finditer(award_text)}
    if len(leagues) > 1:
        return None  # "the American League and National League Cy Young awards": whose?
    if _OWNED_BY.search(clause[since : m.start("award")]) or re.match(
        rf"{_NAME}['’]s\b", award_text
    ):
        return None  # another body's award
    if active:
        name = m.group("who")
    else:
        before = _APPOSITIVE.sub(" ", clause[since : m.start()])
        names = [
            n
            for n in re.finditer(_TITLE, before)  # "Mad Max: Fury Road won ..."
            if not _AFFILIATION.search(before[: n.start()])
        ]
        if not names:
            return None
        # "the Braves' Brian Snitker": the possessive is his team, not his name
        name = re.sub(r"^(?:[\w.-]+['’]s?\s+)+", "", names[-1].group())
    # "the 2030 American League MVP": the season first, then the award's name; words before
    # a year ("a finalist for the 2030 MVP") are part of what the sentence says it is.
    year = re.match(r"(?:19|20)\d\d\b", award_text)
    award = award_text[year.end() :] if year else award_text
    # "won for best live action short", "won three Oscars: sound editing, ...": the award
    award = _COUNTED_AWARDS.sub("", re.sub(r"^\s*for\s+", "", award))
    work = _FOR_WORK.search(award)
    name = _bare_title(name)  # "The Quiet Field won": the film
    if not name or name.split()[0] in ("The", "A", "An", "Voters", "It", "He", "She"):
        return None
    league = leagues.pop() if leagues else None
    said = " ".join(m.group().split())
    return Winner(
        name,
        award.strip(),
        league,
        said,
        int(year.group()) if year else None,
        _bare_title(work.group("work")) if work else None,
    )


# The count of awards a list after it names: "three Oscars: sound editing, sound mixing, ...".
_COUNTED_AWARDS = re.compile(
    r"^\s*(?:the\s+)?(?:\w+\s+)?(?:\w+\s+)?(?:Oscars?|awards?|categories|prizes?|trophies)\s*:\s*",
    re.I,
)
# The work an award was won for: "best actor for Darkest Hour".
_FOR_WORK = re.compile(rf"\bfor\s+(?:the\s+)?(?P<work>{_WORK})")


def _bare_title(title: str) -> str:
    """A title or name without its article ("The Quiet Field" -> "Quiet Field")."""
    return re.sub(r"^(?:The|A|An)\s+(?=\S)", "", title)


# "lost best animated feature to Pixar's Coco", "lost original screenplay to Jordan Peele for
# Get Out": the award a nominee lost, and to whom.
_LOST_TO = re.compile(
    r"\blost\s+(?:in\s+|for\s+)?(?:the\s+)?(?P<award>[^.;,]{3,60}?)\s+to\s+"
    r"(?P<who>[^.;,]{2,60}?)(?:\s+for\s+(?P<work>[^.;,]{2,60}?))?\s*(?:[.;,]|$)"
)
# Two names joined before a verb of winning: "McDormand and Gary Oldman won ...".
_PAIR_BEFORE = re.compile(rf"(?P<a>{_TITLE})\s+and\s+(?P<b>{_TITLE})\s*$")


def _lost_to(clause: str) -> list[Winner]:
    """The winners a clause names as those a nominee lost to."""
    out: list[Winner] = []
    for m in _LOST_TO.finditer(clause):
        if _DENIED.search(clause[: m.start()]):
            continue
        # "to Pixar's popular Coco", "to the Phantom Thread team": the last name is the winner
        names = [
            re.sub(r"^(?:[\w.-]+['’]s?\s+)+", "", n.group()) for n in re.finditer(_TITLE, m["who"])
        ]
        names = [_bare_title(n) for n in names if n]
        if not names:
            continue
        work = re.search(_WORK, m["work"]) if m["work"] else None
        said = f"won {' '.join(m['award'].split())}" + (f" for {work.group()}" if work else "")
        out.append(
            Winner(
                names[-1], m["award"].strip(), None, said, None, work and _bare_title(work.group())
            )
        )
    return out


def _verb(clause: str, m: re.Match[str]) -> str:
    """The verb of winning as written, without its article ("won", "took home")."""
    return re.sub(r"\s+the$", "", " ".join(clause[m.start() : m.start("award")].split()))


def _two_awards(award: str) -> tuple[str, str] | None:
    """An award text naming two awards ("cinematography and visual effects", "best actress and
    actor": the second takes the first's "best"), or None."""
    parts = award.split(" and ")
    if len(parts) != 2 or any(not p.strip() or len(p.split()) > 3 for p in parts):
        return None
    first, second = (p.strip() for p in parts)
    if first.lower().startswith("best ") and not second.lower().startswith("best "):
        second = f"{first.split()[0]} {second}"
    return first, second
