"""Who a seed is about, the names news uses for it, and which of its businesses is tracked.

A seed about "Xiaomi entering EVs" is about one company, but news calls it by its founder's name,
by its unit ("Xiaomi Auto") and, once a product exists, by the product ("the SU7"). And the same
company makes phones: news about those is not evidence about the car business. So a `Subject`
carries aliases (learned from the seed, then from news as products appear) and the sector terms
that mark the tracked business. Every rule here is about the shape of text, not about one company.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from functools import lru_cache

from hindsight.analysis.awards import award_forms, award_pick_of, is_marked_pick
from hindsight.analysis.caseless import Caseless
from hindsight.analysis.fixtures import fixture_pick
from hindsight.analysis.names import (
    ORGANISATION_NOUNS,
    NameReader,
    is_english_word,
    is_generic,
    is_opener,
    is_topic,
)
from hindsight.analysis.picks import pick_of
from hindsight.analysis.places import PLACE_WORDS, place_forms
from hindsight.analysis.topics import measured_topic, measured_trend, other_number, topic_forms
from hindsight.domain import NewsItem, Prediction, SeedArticle, Subject

__all__ = [
    "SECTORS",
    "SUPPLIERS",
    "actors_of",
    "alias_pattern",
    "learn_aliases",
    "learn_subjects",
    "measured_subjects",
    "mentions",
    "other_sector_pattern",
    "sector_pattern",
]

# Words that mark a business sector; the seed's dominant sector becomes the tracked business.
SECTORS: dict[str, tuple[str, ...]] = {
    "automotive": (
        "car",
        "cars",
        "vehicle",
        "vehicles",
        "EV",
        "EVs",
        "NEV",
        "NEVs",
        "electric vehicle",
        "electric vehicles",
        "auto",
        "autos",
        "automotive",
        "automaker",
        "carmaker",
        "sedan",
        "SUV",
        "SUVs",
        "car-making",
        "carmaking",
        "汽车",
        "汽車",
        "电动车",
        "電動車",
        "新能源车",
    ),
    "smartphone": (
        "smartphone",
        "smartphones",
        "phone",
        "phones",
        "handset",
        "handsets",
        "手机",
        "手機",
    ),
    "semiconductor": (
        "chip",
        "chips",
        "semiconductor",
        "semiconductors",
        "foundry",
        "wafer",
        "wafers",
    ),
    "energy": ("battery", "batteries", "solar", "wind farm", "power plant", "grid", "storage"),
    "aerospace": (
        "rocket",
        "rockets",
        "satellite",
        "satellites",
        "aircraft",
        "spacecraft",
        "airliner",
        "astronaut",
        "astronauts",
        "capsule",
        "space station",
        "launch vehicle",
        "lander",
        "orbit",
    ),
    "pharma": ("drug", "drugs", "vaccine", "trial", "trials", "FDA", "therapy", "treatment"),
}
# Sectors that supply a business: an automaker's battery or chip deals are part of its car
# business, so those words do not mark a sentence as being about another business.
SUPPLIERS: dict[str, tuple[str, ...]] = {
    "automotive": ("energy", "semiconductor"),
    "smartphone": ("semiconductor",),
    "aerospace": ("semiconductor",),
}
_PRODUCT_NOUNS = (
    r"(?:car|EV|sedan|SUV|MPV|hatchback|coupe|truck|model|phone|smartphone|chip|vehicle)"
)
# Model codes: letters then digits ("SU7", "ES8", "Model 3" is handled by the noun rule).
_MODEL_CODE = r"[A-Z][A-Za-z]{0,3}\d{1,3}[A-Za-z]?"
_NOT_MODELS = re.compile(r"^(?:Q[1-4]|H[12]|FY\d+|L[0-5]|[45]G|COVID\d*|G\d\d?|A\d|B\d)$")
_ROLE_RE = re.compile(
    r"(?:[Ff]ounder|[Cc]o-founder|[Cc]hairman|[Cc]hairwoman|[Cc]hief [Ee]xecutive(?: [Oo]fficer)?|"
    r"CEO|[Pp]resident|[Cc]hief \w+ [Oo]fficer|C[FTO]O)[\s,&]*(?:(?:and|&)\s+(?:founder|chairman|"
    r"CEO|chief executive)[\s,]*)*(?P<name>[A-Z][a-z]+(?:\s+[A-Z][a-z]+){1,2})"
)
_CJK = r"[\u4e00-\u9fff]"
_STOP_NAMES = frozenset(
    [
        "The",
        "A",
        "An",
        "I",
        "It",
        "He",
        "She",
        "We",
        "They",
        "This",
        "That",
        "These",
        "Those",
        "But",
        "And",
        "Or",
        "So",
        "If",
        "In",
        "On",
        "At",
        "For",
        "By",
        "With",
        "As",
        "Then",
        "There",
        "Here",
        "What",
        "When",
        "Where",
        "Who",
        "Why",
        "How",
        "Not",
        "No",
        "Yes",
        "Mr",
        "Ms",
        "Mrs",
        "Dr",
    ]
)


def _term_regex(terms: Iterable[str]) -> str:
    """One alternation of terms: whole words for Latin script, plain substrings for CJK.

    The word-boundary checks wrap the whole Latin group once (not each term): the regex engine
    then scans for the group's first letters, which keeps alias search fast on long feeds.
    """
    latin: list[str] = []
    cjk: list[str] = []
    for term in sorted(set(terms), key=len, reverse=True):
        escaped = re.escape(term).replace(r"\ ", r"[\s-]+")
        (cjk if re.search(_CJK, term) else latin).append(escaped)
    parts = []
    if latin:
        parts.append(rf"(?<![\w-])(?:{'|'.join(latin)})(?![\w-])")
    parts.extend(cjk)
    return "|".join(parts) if parts else r"(?!)"


@lru_cache(maxsize=256)
def alias_pattern(subject: Subject) -> re.Pattern[str]:
    """A regex that finds the subject's name or any alias (case-sensitive: names are proper)."""
    return re.compile(_term_regex((subject.name, *subject.aliases)))


@lru_cache(maxsize=256)
def sector_pattern(subject: Subject) -> Caseless:
    """A caseless regex for the tracked business's sector terms and the subject's products."""
    terms = (*subject.sector_terms, *subject.products)
    return Caseless(_term_regex(terms) if terms else r"(?!)")


@lru_cache(maxsize=256)
def other_sector_pattern(subject: Subject) -> Caseless:
    """A regex for the terms of every known sector the tracked business is not in.

    A sentence that names the subject's phones or chips is about another of its businesses; one
    that names no sector at all may still be about the tracked one when its item is.
    """
    own = {t.lower() for t in subject.sector_terms}
    neutral = {
        sector
        for name, terms in SECTORS.items()
        if own & {t.lower() for t in terms}
        for sector in SUPPLIERS.get(name, ())
    }
    terms = [
        t for name, ts in SECTORS.items() if name not in neutral for t in ts if t.lower() not in own
    ]
    return Caseless(_term_regex(terms) if own else r"(?!)")


def mentions(subject: Subject, text: str) -> bool:
    """Whether `text` names the subject by its name or an alias."""
    return alias_pattern(subject).search(text) is not None


# Mentions a sector needs before it is the seed's business: one word in passing is not.
_SECTOR_MENTIONS = 2


def _dominant_sectors(text: str) -> tuple[str, ...]:
    """Sector terms of the sector(s) the text talks about most (ties within half of the top)."""
    counts = {
        name: len(re.findall(_term_regex(terms), text, re.IGNORECASE))
        for name, terms in SECTORS.items()
    }
    top = max(counts.values(), default=0)
    if top < _SECTOR_MENTIONS:
        return ()  # a passing word ("battery life" in an essay about computers) is no business
    chosen = [name for name, n in counts.items() if n * 2 > top]
    return tuple(term for name in chosen for term in SECTORS[name])


def _frequent_name(text: str, exclude: set[str], reader: NameReader) -> str | None:
    """The name the text repeats most: the likely subject when none is given (`_tracked_name`:
    a capitalised common word or a cut name is not one)."""
    words = Counter(
        w
        for w in re.findall(r"(?<![.!?]\s)\b[A-Z][a-zA-Z]+\b", text)
        if w not in _STOP_NAMES and w not in exclude
    )
    for word, _ in words.most_common():
        tracked = _tracked_name(word, reader)
        if tracked is not None:
            return tracked
    return None


def _people(text: str, name: str, main: bool) -> list[str]:
    """People the seed names with a leadership role: for the seed's main subject an officer's
    role in lower case ("chief executive <X>"), or a title in a paragraph that names the subject
    ("Founder, Chairman & CEO Lei Jun"); never when another name owns the role ("US President
    <X>", "<Other> CEO <Y>"): a leader is news's name for their own organisation only."""
    people: list[str] = []
    for m in _ROLE_RE.finditer(text):
        person = m.group("name")
        if person == name or person in people or person.startswith(name):
            continue
        start = text.rfind("\n", 0, m.start()) + 1
        end = text.find("\n", m.end())
        paragraph = text[start : end if end >= 0 else len(text)]
        owner = re.search(r"([A-Z][\w.&-]*)(?:[’']s?)?\s+$", text[start : m.start()])
        if owner and owner.group(1) != name and not is_opener(owner.group(1)):
            continue
        role = text[m.start() : m.start("name")]
        officer = main and (role[:1].islower() or re.search(r"\s[a-z]", role) is not None)
        if officer or re.search(rf"\b{re.escape(name)}\b", paragraph):
            people.append(person)  # "chief executive <X>": an officer of the company written of
    return people


def _short_forms(text: str, person: str) -> list[str]:
    """The part of a person's name the text uses alone ("Lei" for "Lei Jun"), if used twice."""
    parts = person.split()
    best = max(
        parts,
        key=lambda p: len(re.findall(rf"\b{re.escape(p)}\b(?!\s+{_NEXT_CAP})", text)),
    )
    used = len(re.findall(rf"\b{re.escape(best)}\b(?!\s+{_NEXT_CAP})", text))
    return [best] if used >= 2 else []


_NEXT_CAP = r"[A-Z]"
# Tokens that could be a model code (any case, as the product-noun rule matches caselessly).
_CODE_RE = re.compile(rf"(?<![A-Za-z0-9]){_MODEL_CODE}(?![A-Za-z0-9])", re.IGNORECASE)
_CJK_RE = re.compile(_CJK)


def _unit_names(text: str, name: str, sector_terms: tuple[str, ...]) -> list[str]:
    """Quoted or capitalised unit names that pair a brand with a sector term (“Mi EV”)."""
    found: list[str] = []
    short_sector = [t for t in sector_terms if re.fullmatch(r"[A-Z]{2,4}s?|[A-Z][a-z]+", t)]
    caps_terms = sorted({t for t in (*short_sector, "Auto", "Motors", "Automobile")}, key=len)
    if not caps_terms:
        return found
    alternation = "|".join(re.escape(t) for t in caps_terms)
    for m in re.finditer(rf"[“\"‘']([A-Z][\w-]*\s+(?:{alternation}))[”\"’']", text):
        if m.group(1) not in found:
            found.append(m.group(1))
    for m in re.finditer(rf"\b({re.escape(name)}\s+(?:{alternation}))\b", text):
        if m.group(1) not in found:
            found.append(m.group(1))
    return found


# A capitalised word of a headline, with what "&" joins to it: "&" joins one name, never two
# ("Procter & Gamble", "Deadpool & Wolverine").
_TITLE_WORD = re.compile(
    r"(?<![\w’'])[A-Z][a-zA-Z]{2,}(?: & [A-Z][a-zA-Z]*)*(?=[’']s\b|\s|[’'”]|$)"
)


def _title_name(seed: SeedArticle, exclude: set[str], reader: NameReader) -> str | None:
    """The first name in the seed's title that its text repeats: a headline names its topic
    ("<City>'s 8,000-homes promise") even when the text then names a part of it more often.
    A title-case headline's words are names only when `_tracked_name` says so."""
    if not seed.title:
        return None
    for m in _TITLE_WORD.finditer(seed.title):
        word = m.group()
        if word in _STOP_NAMES or word in exclude:
            continue
        if len(re.findall(rf"\b{re.escape(word)}\b", seed.text)) >= 2:
            tracked = _tracked_name(word, reader)
            if tracked is not None:
                return tracked
    return None


# "one of the big fuel retailers", "at least one major supplier", "any of the top three chip
# designers": an actor named by its class, which news names by a member ("<Name>, the country's
# biggest fuel retailer").
_CLASS_ACTOR = re.compile(
    r"\b(?:(?:at least |any |none |each |either |neither )?(?:one|two|three|any|none|some|each)"
    r" of the|at least one|any|a|one) (?:(?:big|biggest|large|largest|major|main|leading"
    r"|top (?:two|three|four|five|ten)|top)\s+)+((?:[a-z][a-z-]+\s+){0,2}[a-z][a-z-]+)"
)
_NOT_CLASS_WORDS = frozenset(
    [
        "will",
        "would",
        "to",
        "in",
        "that",
        "who",
        "which",
        "is",
        "are",
        "was",
        "were",
        "has",
        "have",
        "had",
        "can",
        "could",
        "may",
        "might",
        "shall",
        "should",
        "must",
        "and",
        "or",
        "of",
        "on",
        "at",
        "for",
        "by",
        "with",
        "commits",
        "commit",
    ]
)


# The head noun of a class of actors: an agent noun ("retailer", "designer", "operator",
# "economist", "consultant") or a noun of organisations ("association", "group", "bank").
_ACTOR_NOUN = re.compile(
    r"(?:er|or|ist|ant|ent|ian|association|group|company|firm|bank|utility|utilitie|agency"
    r"|authority|council|union|chain|brand|house|studio|airline|network)$"
)


def _class_actors(predictions: list[Prediction]) -> list[str]:
    """Class descriptions of actors in the predictions, singular and plural ("fuel retailer",
    "fuel retailers")."""
    found: list[str] = []
    for prediction in predictions:
        for m in _CLASS_ACTOR.finditer(prediction.text):
            words: list[str] = []
            for word in m.group(1).split():
                if word in _NOT_CLASS_WORDS:
                    break
                words.append(word)
            phrase = " ".join(words)
            if len(words) < 2:
                continue  # "one of the big ones": too vague to find in news
            if not _ACTOR_NOUN.search(phrase.removesuffix("s")):
                continue  # "a big step forward", "a large data breach": no class of actors
            singular = phrase[:-1] if phrase.endswith("s") and not phrase.endswith("ss") else phrase
            found.extend([singular, f"{singular}s"])
    return found


_REFERENCE_BEFORE_NAME = re.compile(
    r"\b(?:than|ahead of|behind|like|unlike|rather than|versus|vs\.?|from|beat|overtake)\s+$", re.I
)


def _prediction_names(predictions: list[Prediction], text: str, exclude: set[str]) -> list[str]:
    """Names a topic seed's predictions use for its actors and places ("Spain", a utility, a
    site), other than names they compare with ("behind France"): news about the topic names
    them instead of the topic phrase."""
    found: list[str] = []
    for prediction in predictions:
        for m in re.finditer(r"(?<![\w’'])[A-Z][A-Za-z]{2,}\b", prediction.text):
            word = m.group()
            opener_word = m.start() == 0 and re.search(rf"\b{word.lower()}\b", text) is not None
            if opener_word or word in _STOP_NAMES or word in exclude or word in found:
                continue
            if _REFERENCE_BEFORE_NAME.search(prediction.text[: m.start()]):
                continue
            if len(re.findall(rf"\b{re.escape(word)}\b", text)) >= 1:
                found.append(word)
    return found


# Roles that stand between an organisation and its person in one run of capitals ("<Org> CEO
# <Person>"): the person is the name after the role.
_ROLE_WORDS = frozenset(
    "CEO CFO CTO COO Chairman Chairwoman President Founder Director Minister Governor".split()  # noqa: SIM905
)
# An acronym written as a thing one has ("your IDE and ...", "as a DTK."): after an indefinite
# article or a possessive and before a pause, not as a modifier ("an OPEC meeting"). The name is
# replaced by NUL before the search.
_KIND_OF_THING = re.compile(
    r"\b(?:a|an|your|my|our|their|his|her|its|any|every|each) \0(?=[.,;:)]|\s+(?:and|or)\b)"
)
# A plural acronym ("CPUs", "APIs"): a kind of thing, never one actor.
_PLURAL_ACRONYM = re.compile(r"^[A-Z]{2,}s$")


def _officer(name: str) -> str:
    """The person of "<Org> CEO <Person>", else the name itself."""
    words = name.split()
    for i, word in enumerate(words[:-1]):
        if word in _ROLE_WORDS:
            return " ".join(words[i + 1 :])
    return name


# A stop word contracted with "is" opening a run of capitals ("What's New", "Here's Why").
_CONTRACTED_OPENER = re.compile(r"[A-Z][a-z]*['’]s\s")


def _tracked_name(name: str, reader: NameReader) -> str | None:
    """The name to track for a name a forecast is about, or `None` when it names no actor.

    A shouted heading or a dateline is no name ("SLOWER PACE", "LONDON (ICIS)"); a name cut
    inside a longer one is the longer one ("National Association" of Realtors); a capitalised
    ordinary word is a name only when the text also writes it so mid-sentence on its own
    ("Mortgage" at sentence starts, "Model" of "the Model 3": no); a run of ordinary words the
    text never writes inside a sentence is a heading ("Truck Line", a title-case headline); a
    place's adjective or a plural acronym is a description ("Korean", "CPUs"); an organisation
    and its officer in one run of capitals is the officer ("<Org> CEO <Person>").
    """
    officer = _officer(name)
    if officer != name:
        return officer  # a person written with their role: a name whatever its words
    if " " in name and _titles_a_section(name, reader.text):
        return name  # "Glimmer of Halvard" as a section's title: the whole title is the name
    words = name.split()
    if not name or reader.shouted(name) or _PLURAL_ACRONYM.match(words[-1]):
        return None
    # "Green Party": ordinary words before a body's noun name that body.
    body = len(words) >= 2 and words[-1] in ORGANISATION_NOUNS
    full = reader.full_name(name)
    if full is not None and _CONTRACTED_OPENER.match(full) and full.split()[0][:-2] in _STOP_NAMES:
        return None  # "What's New", "Here's Why": a heading's phrase, "what is", no name
    if full is None and body:
        return name
    if full is None or (full == name and len(name) < 2):
        return None  # a lone letter ("M") is an initial, not a name
    if _officer(full) != name:
        return _officer(full)
    if len(words) == 1:
        if name.isupper() and _KIND_OF_THING.search(reader.text.replace(name, "\0")):
            return None  # "in your IDE and", "usable as a DTK.": a kind of thing
        if _ADJECTIVE.search(name) and is_english_word(name):
            return None  # "Korean", "French": a description, not an actor
        return name if reader.stands_alone(name) else None
    ordinary = all(not reader.stands_alone(w) for w in words)
    return None if ordinary and not body and not reader.written_inside(name) else name


def _tracked(names: Iterable[str], reader: NameReader) -> dict[str, str]:
    """Each name that names an actor, mapped to the name to track it by (`_tracked_name`)."""
    out: dict[str, str] = {}
    for name in names:
        tracked = _tracked_name(name, reader) if not is_topic(name) else name
        if tracked is not None:
            out[name] = tracked
    return out


def learn_subjects(seed: SeedArticle, predictions: list[Prediction]) -> list[Subject]:
    """The tracked subject(s) of a seed with aliases and the tracked business's sector terms.

    The subject is what the predictions say they are about (their `subject`), else the name the
    seed repeats most; aliases are its leaders named with a role, their short forms, and unit names
    that pair a brand with a sector term.
    """
    text = f"{seed.title or ''}\n{seed.text}"
    author_parts = set((seed.author or "").split())
    reader = NameReader(text, seed.title or "")
    written = [
        p.subject
        for p in predictions
        if p.subject
        and p.subject.lower() not in {"author", "i", "we", "unknown", "it"}
        and p.subject in text
        and (is_topic(p.subject) or _one_name(p.subject, reader))
    ]
    tracked = _tracked(dict.fromkeys(written), reader)
    names = Counter(tracked[n] for n in written if n in tracked)
    subject_names = _main_first([n for n, _ in names.most_common(2)])
    titled = _title_name(seed, author_parts, reader)
    if titled and titled not in subject_names:
        # The headline names the subject; names the predictions are about other than it are
        # actors of their own (a site, its operator), tracked below. A topic phrase stays a
        # subject of its own.
        others = [n for n in subject_names if not n[:1].isupper()]
        subject_names = [titled, *others][:2]
    if not subject_names:
        fallback = _frequent_name(text, author_parts, reader)
        subject_names = [fallback] if fallback else []
    sector_terms = _dominant_sectors(" ".join([text, *(p.text for p in predictions)]))
    subjects: list[Subject] = []
    for name in subject_names:
        # A person named as a subject is an alias of the company, not a second subject.
        if any(name in s.aliases for s in subjects):
            continue
        aliases: list[str] = []
        for person in _people(text, name, main=not subjects):
            aliases.append(person)
            aliases.extend(_short_forms(text, person))
        aliases.extend(_unit_names(text, name, sector_terms))
        aliases.extend(_short_names(name, reader))
        aliases.extend(_cut_forms(name, tracked, reader))
        products = _seed_products(text, name) if not subjects else []
        aliases.extend(products)
        if is_topic(name):  # a topic: also the actors and places its predictions name
            aliases.append(other_number(name))  # "heat pump" -> "heat pumps"
            aliases.extend(_prediction_names(predictions, text, {*subject_names, *author_parts}))
        if not subjects:  # the main subject: also the actors its predictions name by class
            aliases.extend(_class_actors(predictions))
        unique = tuple(dict.fromkeys(a for a in aliases if a != name))
        subjects.append(
            Subject(name=name, aliases=unique, products=tuple(products), sector_terms=sector_terms)
        )
    rejected = {n for n in written if n not in tracked}
    lines = _model_names([p.text for p in predictions if p.subject in rejected], text)
    if subjects and not is_topic(subjects[0].name):
        main = subjects[0]
        extra = [
            *_adjectives(main.name, text),
            *_nicknames(text, (main.name, *main.aliases)),
        ]
        subjects[0] = replace(main, aliases=tuple(dict.fromkeys((*main.aliases, *extra))))
    known = {n for s in subjects for n in (s.name, *s.aliases)} | author_parts
    for actor in actors_of(predictions, reader, known):
        names_for = (*_short_names(actor, reader), *_cut_forms(actor, tracked, reader))
        subjects.append(
            Subject(name=actor, aliases=tuple(dict.fromkeys(names_for)), sector_terms=sector_terms)
        )
    for model in lines:
        if model not in known:
            subjects.append(Subject(name=model, sector_terms=sector_terms))
    subjects = _with_place_forms(subjects, predictions)
    subjects = _with_acronym_forms(subjects, text)
    subjects = _with_award_forms(subjects, predictions)
    subjects = _with_competitions(subjects, predictions)
    subjects = _with_fixture_sides(subjects, predictions)
    subjects = _with_member_forms(subjects)
    subjects = _plurals_as_aliases(subjects)
    return subjects + measured_subjects(predictions, {s.name for s in subjects})


def _with_place_forms(subjects: list[Subject], predictions: list[Prediction]) -> list[Subject]:
    """Places forecasts are about, each under every form news writes it in: a tracked place
    gets its other forms as aliases ("U.S." is "US", "United States"), and a place a forecast
    is about that no subject names yet ("euro area growth") is tracked as a subject of its own.
    """
    out = [
        replace(s, aliases=tuple(dict.fromkeys((*s.aliases, *place_forms(s.name)))))
        if place_forms(s.name)
        else s
        for s in subjects
    ]
    known = {n for s in out for n in (s.name, *s.aliases)}
    for prediction in predictions:
        forms = place_forms(prediction.subject)
        if forms and prediction.subject not in known:
            sector_terms = out[0].sector_terms if out else ()
            out.append(Subject(name=prediction.subject, aliases=forms, sector_terms=sector_terms))
            known |= {prediction.subject, *forms}
    return out


_ACRONYM = re.compile(r"[A-Z]{3,6}")  # two letters ("EU", "US", "AI") spell too much by chance
# A run of capitalised words, with the small words names keep inside ("Bank of England").
_FULL_NAME = re.compile(r"\b[A-Z][a-z]+(?: +(?:(?:of|and|for|the|on|&) +)?[A-Z][a-z]+)+")
_SMALL_WORDS = frozenset(["of", "and", "for", "the", "on", "&"])


def _expansions(acronym: str, text: str) -> list[str]:
    """The full names the text writes an acronym out as ("International Monetary Fund" for
    "IMF"): runs of capitalised words whose initials spell it."""
    found: list[str] = []
    for m in _FULL_NAME.finditer(text):
        words = m.group().split()
        if words[0] == "The":
            words = words[1:]  # "The International Monetary Fund cut ...": a sentence's opener
        initials = "".join(w[0] for w in words if w not in _SMALL_WORDS)
        name = " ".join(words)
        if initials == acronym and name not in found:
            found.append(name)
    return found


def _with_acronym_forms(subjects: list[Subject], text: str) -> list[Subject]:
    """An acronym and the name it stands for are one subject: "IMF" is also "International
    Monetary Fund", and "the Fund" where the text calls it so mid-sentence; a subject that is
    only such a form of another ("Fund") becomes its alias. News names an organisation any of
    these ways."""
    out = list(subjects)
    for i, subject in enumerate(out):
        if not _ACRONYM.fullmatch(subject.name):
            continue
        forms: list[str] = []
        for full in _expansions(subject.name, text):
            forms.append(full)
            last = full.split()[-1]
            if re.search(rf"(?<![.!?]\s)(?<!^)\bthe {re.escape(last)}\b(?! of\b)", text):
                forms.append(last)  # "the Fund was encouraging ...": its short form
        if forms:
            aliases = tuple(dict.fromkeys((*subject.aliases, *forms)))
            out[i] = replace(subject, aliases=aliases)
    named = {a: s.name for s in out for a in s.aliases}
    return [s for s in out if s.name not in named or named[s.name] == s.name]


def _with_member_forms(subjects: list[Subject]) -> list[Subject]:
    """A party named "<Word> Party" is also its members' plural, as results name it: "the
    Conservatives" won seats, not "the Conservative Party"; "Democratic" gives "Democrats"."""
    out: list[Subject] = []
    for subject in subjects:
        words = subject.name.split()
        if len(words) == 2 and words[1] == "Party" and words[0].isalpha():
            word = words[0]
            member = word[:-2] + "s" if word.endswith("ic") else word + "s"
            subject = replace(subject, aliases=tuple(dict.fromkeys((*subject.aliases, member))))
        out.append(subject)
    return out


def _with_award_forms(subjects: list[Subject], predictions: list[Prediction]) -> list[Subject]:
    """Each award a pick is about ("Most Valuable Player: Mike Trout") tracked under its name
    and its initials ("MVP"), as news of its winner writes it."""
    out = list(subjects)
    for prediction in predictions:
        pick = award_pick_of(prediction.text, prediction.context)
        if pick is None:
            continue
        forms = award_forms(pick.award, is_marked_pick(prediction.context))
        at = next((i for i, s in enumerate(out) if s.name == pick.award), None)
        if at is None:
            out.append(Subject(name=pick.award, aliases=forms))
        else:
            aliases = tuple(dict.fromkeys((*out[at].aliases, *forms)))
            out[at] = replace(out[at], aliases=aliases)
    return out


def _with_fixture_sides(subjects: list[Subject], predictions: list[Prediction]) -> list[Subject]:
    """Each side a call under a fixture's heading picks ("a Belgium win" under "Belgium vs
    Portugal") tracked under its name: news of the meeting names it, whatever else it names."""
    out = list(subjects)
    known = {n for s in out for n in (s.name, *s.aliases)}
    for prediction in predictions:
        called = fixture_pick(prediction.text, prediction.context)
        if called is not None and called.winner not in known:
            out.append(Subject(name=called.winner))
            known.add(called.winner)
    return out


def _with_competitions(subjects: list[Subject], predictions: list[Prediction]) -> list[Subject]:
    """Each competition a team is picked to win ("1. Falcons" under "## NFC South") tracked
    under its name: the news that settles the pick names the title's winner, often another team
    the seed never names ("the Buccaneers win the NFC South")."""
    out = list(subjects)
    known = {n for s in out for n in (s.name, *s.aliases)}
    for prediction in predictions:
        pick = pick_of(prediction.text, prediction.context)
        titled = pick.titled if pick is not None else None
        if titled is not None and titled not in known:
            out.append(Subject(name=titled))
            known.add(titled)
    return out


def _model_names(forecasts: list[str], text: str) -> list[str]:
    """The models forecasts name when their subject was a product line's word alone ("Model" of
    "... assemble the Model 3"): a capitalised word and a number or a letter, as the seed
    writes it twice or more. Each is tracked as a subject of its own, as news names it; the
    line's other models ("Model S") are not what those forecasts are about."""
    found: list[str] = []
    for forecast in forecasts:
        for form in re.findall(r"\b[A-Z][a-z]+ (?:\d+|[A-Z])\b", forecast):
            if form not in found and len(re.findall(rf"\b{re.escape(form)}\b", text)) >= 2:
                found.append(form)
    return found


def _main_first(names: list[str]) -> list[str]:
    """The two names forecasts are most about, an actor before a place: a piece that names no
    one in its headline is about the forecaster or company it quotes, not the country where
    most of its figures fall."""
    if len(names) == 2 and names[0] in PLACE_WORDS and names[1] not in PLACE_WORDS:
        return [names[1], names[0]]
    return names


def _cut_forms(name: str, tracked: dict[str, str], reader: NameReader) -> list[str]:
    """The shorter forms forecasts call a tracked name by ("National Association" for "National
    Association of Realtors"): kept as aliases so those forecasts meet news of it, unless a
    form is too short to name it in news ("U" of "U.S.", "Dev" of "Dev.to")."""
    return [
        cut
        for cut, full in tracked.items()
        if full == name
        and cut != name
        and (" " in cut or (len(cut) > 3 and reader.stands_alone(cut)))
    ]


def _plurals_as_aliases(subjects: list[Subject]) -> list[Subject]:
    """A subject that is another's plural ("Macs", "Teslas") is that subject's alias."""
    names = {s.name: i for i, s in enumerate(subjects)}
    out = list(subjects)
    dropped: set[int] = set()
    for i, subject in enumerate(subjects):
        name = subject.name
        single = next(
            (n for n in (name[:-1], name[:-2]) if name.endswith("s") and n in names), None
        )
        if single is None or names[single] == i or subject.measured:
            continue
        j = names[single]
        out[j] = replace(out[j], aliases=tuple(dict.fromkeys((*out[j].aliases, name))))
        dropped.add(i)
    return [s for i, s in enumerate(out) if i not in dropped]


def measured_subjects(predictions: list[Prediction], known: set[str]) -> list[Subject]:
    """The measures relayed market forecasts are about ("solar capacity", "home prices":
    `topics.measured_topic`), each a topic subject: news that settles them names the measure,
    never the forecaster they are filed under."""
    found: dict[str, Subject] = {}
    for prediction in predictions:
        quantity = prediction.expectation.quantity
        trend = measured_trend(prediction)
        topic = measured_topic(prediction) if trend is None else trend[0]
        if topic is None or topic in known:
            continue
        forms = topic_forms(topic, quantity.unit if quantity else None)
        earlier = found.get(topic)
        aliases = (*earlier.aliases, *forms[1:]) if earlier else forms[1:]
        found[topic] = Subject(name=topic, aliases=tuple(dict.fromkeys(aliases)), measured=True)
    return list(found.values())


def actors_of(predictions: list[Prediction], reader: NameReader, known: set[str]) -> list[str]:
    """Other actors the forecasts are about: a seed on a national programme also forecasts what
    its grid operator, a turbine maker or a port will do, and news names those, not the country.

    An actor is the subject of a forecast (`Prediction.subject`) that is a name: not a name
    already known, an adjective ("Chinese"), or ordinary words (`names.NameReader`). Names a
    forecast only compares with or mentions are not actors: their news is not about it.
    """
    found: list[str] = []
    for prediction in predictions:
        name = prediction.subject
        if not name or is_topic(name) or name in found or name in known:
            continue
        if not _one_name(name, reader):
            continue
        if " " not in name and _ADJECTIVE.search(name):
            continue  # "Chinese", "European": a description, not an actor
        tracked = _tracked_name(name, reader)
        if tracked is None or tracked in found or tracked in known:
            continue
        if any(w in known for w in tracked.split()):
            continue
        found.append(tracked)
    return found


_ADJECTIVE = re.compile(r"(?:ese|ian|ean|ish|an|ic)$")


def _titles_a_section(name: str, text: str) -> bool:
    """Whether the text writes `name` as a line of its own: a section's title in a list of
    things ("Ghost of Tsushima", "Cyberpunk 2077"), a name however its words read elsewhere."""
    return re.search(rf"(?m)^[\W_]*{re.escape(name)}[\W_]*$", text) is not None


def _one_name(name: str, reader: NameReader) -> bool:
    """Whether `name` reads as one name: the text's reading of it, a section's title, or ordinary
    words before a body's noun ("Green Party", "People's Party")."""
    words = name.split()
    return (
        reader.names(name) == [name]
        or _titles_a_section(name, reader.text)
        or (len(words) >= 2 and words[-1] in ORGANISATION_NOUNS and words[0][:1].isupper())
    )


# "its lead drug, olprenant", "the company's first car, the Z1", "to be sold as Olvessa":
# product names news uses for the subject's business (a drug's generic name is lower case).
_PRODUCT_NOUN = (
    r"(?:drug|drugs|medicine|treatment|therapy|product|car|model|phone|device|app|platform|"
    r"service|game|chip|aircraft|vaccine)"
)
_SEED_PRODUCT = re.compile(
    rf"\b(?:its|the company['’]s|their)\s+(?:(?:lead|first|flagship|new|main|only|key)\s+)*"
    rf"{_PRODUCT_NOUN},?\s+(?:the\s+)?(?P<name>[A-Za-z][\w-]{{2,}})\b"
    r"|\b(?:sold|marketed|branded|launched|known) as (?:the )?(?P<brand>[A-Z][\w-]{2,})\b"
)
_NOT_PRODUCT_NAMES = frozenset(["which", "that", "will", "would", "could", "has", "had", "and"])


def _seed_products(text: str, name: str) -> list[str]:
    """Product names the seed introduces for its subject, written in the text at least twice
    (or once as a brand: "to be sold as Olvessa"); and a word the subject's possessive names
    ("Marrowfield's olprenant") that the text repeats and never writes after an article, as
    names are written ("the factory" is a thing, "olprenant" a name); a name the headline gives
    the subject by a possessive ("Mozilla ... Their Firefox Priorities") that the text repeats;
    the subject's name before a name the text also writes alone ("Nintendo Switch")."""
    found: list[str] = []
    for m in re.finditer(rf"\b{re.escape(name)}['’]s ([a-z][a-z-]{{3,}})\b", text):
        word = m.group(1)
        if word in found or is_opener(word) or is_english_word(word):
            continue  # "Tidewell's content": an ordinary word, not a product
        if len(re.findall(rf"\b{word}\b", text)) >= 3 and not re.search(
            rf"\b(?:a|an|the)\s+{word}\b", text, re.IGNORECASE
        ):
            found.append(word)
    title = text.split("\n", 1)[0]
    owned = re.search(
        rf"\b{re.escape(name)}\b(?:['’]s|.*?\b(?:[Ii]ts|[Tt]heir)\b)\s+(?:(?:19|20)\d\d\s+)?"
        r"([A-Z][\w-]{2,})\b",
        title,
    )
    if owned and len(re.findall(rf"\b{owned.group(1)}\b", text)) >= 3:
        found.append(owned.group(1))  # "Mozilla ... About Their 2024 Firefox Priorities"
    for m in re.finditer(rf"\b{re.escape(name)} ([A-Z][\w-]{{2,}})\b", text):
        # "Nintendo Switch" ... "the Switch": the maker's name before a name the text also
        # writes alone, capitalised inside a sentence, is a product of the maker.
        word = m.group(1)
        alone = len(re.findall(rf"(?<!{re.escape(name)} )\b[a-z][\w’']* {word}\b", text))
        if word not in found and alone >= 2 and not (is_opener(word) or is_generic(word)):
            found.append(word)
    for m in _SEED_PRODUCT.finditer(text):
        name = m.group("name") or m.group("brand")
        if name.lower() in _NOT_PRODUCT_NAMES or is_opener(name) or name in found:
            continue
        if m.group("brand") or len(re.findall(rf"\b{re.escape(name)}\b", text)) >= 2:
            found.append(name)
    return found


_NICKNAME = re.compile(
    r"\b(?:nickname[sd]?|known as|dubbed|a\.k\.a\.?|aka)\b[^.“\"]{0,40}?"
    r"(?:[“\"][^”\"]{1,30}[”\"]\s*(?:or|and|,)\s*)?[“\"]([A-Z][^”\"]{1,30}?)[,.]?[”\"]"
)


def _nicknames(text: str, names: tuple[str, ...]) -> list[str]:
    """Nicknames the seed gives the subject or its people ("his new nickname “Leibsk”"), in a
    sentence that names them: news and the author use them as names of the subject."""
    found: list[str] = []
    for m in _NICKNAME.finditer(text):
        start = text.rfind(".", 0, m.start()) + 1
        if any(n in text[start : m.end()] for n in names) and m.group(1) not in names:
            found.append(m.group(1))
    return found


def _adjectives(name: str, text: str) -> list[str]:
    """The seed's adjective of a place or body named as the subject ("Caldria" -> "Caldrian"):
    news writes "a Caldrian project" as often as "Caldria's"."""
    stem = name[:-1] if name.endswith(("a", "e", "y")) else name
    found = re.findall(rf"\b({re.escape(stem)}(?:n|an|ian|ese|ish))\b", text)
    return list(dict.fromkeys(found))


def _short_names(name: str, reader: NameReader) -> tuple[str, ...]:
    """What news calls a two- or three-word actor for short: the name without its corporate
    suffix ("Nordwind" for "Nordwind Energy"), or a part the seed itself uses alone and that is
    a name alone (not "Mortgage" of "Mortgage Bankers Association")."""
    words = name.split()
    if len(words) < 2:
        return ()
    out = []
    if words[-1] in _CORPORATE_SUFFIXES:
        out.append(" ".join(words[:-1]))
    for part in (words[0], words[-1]):
        if part in _CORPORATE_SUFFIXES or not reader.stands_alone(part):
            continue  # "East" of "Sorbank East" is an ordinary word
        if is_english_word(part.lower()):
            continue  # "Pro" of "iPad Pro", "Apple" of "Apple Pay": a word, or the maker's name
        if re.search(rf"\b{re.escape(part)}\b(?![ ][A-Z])", reader.text.replace(name, " ")):
            out.append(part)  # used alone, not only inside the full name
    return tuple(dict.fromkeys(out))


_CORPORATE_SUFFIXES = frozenset(
    """Energy Group Motors Motor Holdings Holding Inc Corp Corporation Ltd Limited Media Airways
    Airlines Air Semiconductor Semiconductors Renewables Power Bank Capital Partners Technologies
    Technology Systems Labs Pharma Pharmaceuticals Therapeutics Industries International Co
    Company Networks Telecom Entertainment Studios Logistics Foods Resources""".split()  # noqa: SIM905
)


_BRAND = re.compile(
    r"\b(?:to be )?(?:sold|marketed|branded|launched) (?:as|under the name) ([A-Z][\w-]{2,})"
)


def _brands_of(subject: Subject, text: str) -> list[str]:
    """Brand names news gives a product of the subject in a sentence naming it: "approved
    olprenant, to be sold as Olvessa"."""
    found = []
    for m in _BRAND.finditer(text):
        start = max(text.rfind(".", 0, m.start()), text.rfind("\n", 0, m.start())) + 1
        if alias_pattern(subject).search(text[start : m.start()]):
            found.append(m.group(1))
    return found


def _part_noun(subject: Subject, named: str) -> bool:
    """Whether a code's noun ("N1 chip") is a supplier's product for the subject's business (a
    phone maker's chip, a carmaker's battery): a part of its products, not one of them."""
    own = {t.lower() for t in subject.sector_terms}
    words = {w.lower() for w in named.split()}
    return any(
        words & {t.lower() for t in SECTORS[supplier]}
        for name, terms in SECTORS.items()
        if own & {t.lower() for t in terms}
        for supplier in SUPPLIERS.get(name, ())
    )


def learn_aliases(subjects: list[Subject], item: NewsItem) -> list[Subject]:
    """Subjects with product names learned from one news item added to their aliases.

    A model code right after the subject's name ("<Subject> SU7", "<Subject>'s SU7"), or next to a
    product noun in a sentence naming the subject, or anywhere in an item whose title names it
    ("first car SU7", "SU7 sedan"), is a product;
    a name in another script written straight before a known product ("<name>SU7") is the
    subject's name in that script.

    Returns `subjects` itself when the item teaches nothing (most items): callers keep readings
    cached per subject list (the judge's `Reader`), which a new but equal list would discard.
    """
    text = f"{item.title}\n{item.text}"
    codes = set(_CODE_RE.findall(text))
    # Every model code learned below is one of `codes` (a whole run of letters and digits, as
    # `_CODE_RE` reads it); those `_NOT_MODELS` rules out ("Q3", "5G") are never learned, so
    # they alone do not make an item worth reading for names.
    learnable = {code for code in codes if not _NOT_MODELS.match(code)}
    has_cjk = _CJK_RE.search(text) is not None
    updated: list[Subject] = []
    branded = _BRAND.search(text) is not None
    for subject in subjects:
        known = set(subject.products)
        if not (learnable - known) and not (has_cjk and codes & known) and not branded:
            updated.append(subject)  # nothing new can be learned: the common, cheap case
            continue
        if not mentions(subject, text):
            updated.append(subject)
            continue
        names = alias_pattern(subject).pattern
        products = list(subject.products)
        aliases = list(subject.aliases)
        candidates: list[str] = []
        for m in re.finditer(
            rf"(?:{names})(?:['’]s)?\s+(?:(?:new|first|second|third|latest|upcoming)\s+)?"
            rf"(?:{_PRODUCT_NOUNS}\s+)?({_MODEL_CODE})\b",
            text,
        ):
            candidates.append(m.group(1))
        about_subject = alias_pattern(subject).search(item.title) is not None
        for sentence in re.split(r"(?<=[.!?])\s+|\n", text):
            if not (about_subject or alias_pattern(subject).search(sentence)):
                continue
            for m in re.finditer(
                rf"\b{_PRODUCT_NOUNS}\s+({_MODEL_CODE})\b|\b({_MODEL_CODE})\s+{_PRODUCT_NOUNS}\b",
                sentence,
                re.IGNORECASE,
            ):
                code = m.group(1) or m.group(2)
                if re.fullmatch(_MODEL_CODE, code) and not _part_noun(subject, m.group()):
                    candidates.append(code)
        for code in candidates:
            if _NOT_MODELS.match(code) or code in products:
                continue
            products.append(code)
            aliases.append(code)
        for brand in _brands_of(subject, text):
            if brand not in aliases:
                products.append(brand)
                aliases.append(brand)
        for product in products:
            for m in re.finditer(rf"({_CJK}{{2,4}}){re.escape(product)}", text):
                if m.group(1) not in aliases:
                    aliases.append(m.group(1))
        learned = replace(subject, aliases=tuple(aliases), products=tuple(products))
        updated.append(subject if learned == subject else learned)
    if all(new is old for new, old in zip(updated, subjects, strict=True)):
        return subjects
    return updated
