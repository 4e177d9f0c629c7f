"""Questions that ask two things: "hvem ... og når ...?", "hva kostet ... og hvem betalte?".

Each part is answered on its own, from its own best fact, and the answers are joined in one
short answer. The second part usually leans on the first ("... og når skal regionrådet behandle
den?"), so it is read with the first as its context, the way a follow-up in a thread is.
"""

from __future__ import annotations

import re

from bot import text as T
from bot.answers.lexicon import BODIES, ENGLISH_PHRASES
from bot.answers.understand import PRONOUNS

# Words that open a question, bokmål, nynorsk and English. A second question starts with one
# (after "og"/"and", with an optional preposition: "og på hvilken dato ...").
_OPENERS = (
    r"hva|hvem|hvor|hvilke|hvilken|hvilket|hvordan|hvorfor|når|kva|kven|kor|kvar|korleis|"
    r"kvifor|kva for|what|who|whom|when|where|which|how|why"
)
_JOINT = re.compile(
    rf"\s*,?\s+(?:og|samt|and|men|but)\s+(?=(?:(?:på|i|fra|til|for|med|on|in|at|from|by)\s+)?"
    rf"(?:{_OPENERS})\b)",
    re.IGNORECASE,
)
# "... i 2019-2020 og i 2021-2022?": the same question about two periods.
_PERIOD = re.compile(r"(?<![/\d])\b(?:20\d\d|\d\d)\s*[-–]\s*(?:20\d\d|\d\d)\b(?!/)")
_TWO_PERIODS = re.compile(
    r"(?P<a>(?<![/\d])\b(?:20\d\d)\s*[-–]\s*(?:20\d\d|\d\d)\b)\s*(?:og|and|eller|or|vs\.?)\s*"
    r"(?:(?:i|for|in)\s+)?(?:(?:handlingsplanen|planen|plan|the plan)\s+(?:for\s+)?)?"
    r"(?P<b>\b(?:20\d\d)\s*[-–]\s*(?:20\d\d|\d\d)\b)"
)
# "... i 2016 og i 2017?": the same question about two years (not "mellom 2016 og 2017", one
# span, nor a year that is part of a period "2016-2017").
_TWO_YEARS = re.compile(
    r"(?<!mellom )(?<!between )(?:(?P<pre>i|in|for) )?(?P<a>(?<![-–/\d])\b(?:19|20)\d\d\b)(?!\s*[-–/]\s*\d)"
    r"\s*(?:og|and|eller|or)\s*(?:(?:i|in|for)\s+)?"
    r"(?P<b>\b(?:19|20)\d\d\b)(?!\s*[-–/]\s*\d)",
    re.IGNORECASE,
)
MIN_PART_WORDS = 2  # "og når?" alone is a part; "og" inside a name ("Tynset og Røros") is not
# A second part that goes straight from its question word to a preposition ("og hvem for
# Destinasjonsutvikling", "og hvor mye i egeninnsats") leaves out the words the first part said.
_PREPOSITIONS = {"for", "i", "på", "til", "med", "om", "fra", "av", "in", "on", "of", "at", "to"}
_ARTICLE = {"the", "a", "an"}
# The same question about several bodies or places: "når skal AU og regionrådet behandle den?",
# "hvor mange innbyggere hadde Elverum, Våler og Åmot?"
_AND = {"og", "and", "eller", "or"}
_COUNTING = re.compile(r"\s*(hvor|kor|how)\s+(mange|mye|mykje|stor|stort|many|much|large)\b")


def split(question: str, places: set[str] | frozenset[str] = frozenset()) -> list[str]:
    """The parts of a question that asks two things, or the question alone. `places` are the
    stems of the place names the store knows ("elverum", "valer")."""
    periods = _TWO_PERIODS.search(question)
    if periods:
        a, b = periods["a"], periods["b"]
        whole = periods.group(0)
        return [question.replace(whole, a), question.replace(whole, b)]
    years = _TWO_YEARS.search(question)
    if years and not _JOINT.search(question):
        pre = f"{years['pre']} " if years["pre"] else ""
        return [question.replace(years.group(0), pre + years[y]) for y in ("a", "b")]
    pieces = _JOINT.split(question, maxsplit=1)
    if len(pieces) != 2:
        return _each_named(question, places)
    first, second = (p.strip(" ,?") for p in pieces)
    if len(re.findall(r"\w+", first)) < MIN_PART_WORDS or not re.search(r"\w", second):
        return [question]
    first, second = _fill_gaps(first, second)
    second = _other_period(first, second)
    return [first + "?", second[:1].upper() + second[1:] + "?"]


# Words that only frame a question about a plan's period: "og hvem har ansvaret i utkastet for
# 2021-2022?" asks the first part again, of another plan.
_FRAME = {
    "i", "for", "in", "the", "har", "hadde", "er", "var", "is", "was", "has", "had",
    "utkastet", "utkast", "planen", "handlingsplanen", "plan", "draft", "det", "den", "og",
}  # fmt: skip


def _other_period(first: str, second: str) -> str:
    """A later part that names another period and otherwise only words of the first part
    ("Hvem var ansvarlig for X i 2019-2020, og hvem har ansvaret i utkastet for 2021-2022?")
    is the first part asked of that period."""
    p1, p2 = _PERIOD.search(first), _PERIOD.search(second)
    if not (p1 and p2) or p1[0].replace(" ", "") == p2[0].replace(" ", ""):
        return second
    known = {T.stem(T.fold(w).lower()) for w in re.findall(r"\w+", first)}
    rest = re.findall(r"[^\W\d]+", second.replace(p2[0], " "))
    if all(T.fold(w).lower() in _FRAME or T.stem(T.fold(w).lower()) in known for w in rest):
        return first[: p1.start()] + p2[0] + first[p1.end() :]
    return second


def _fill_gaps(first: str, second: str) -> tuple[str, str]:
    """Give each part the words the question said only once.

    "Når skal AU og når skal regionrådet behandle planen?": the first part borrows what follows
    the second part's subject ("Når skal AU behandle planen?"). "Hvem er ansvarlig for X og hvem
    for Y?": the second part borrows what comes before the first part's preposition ("Hvem er
    ansvarlig for Y?")."""
    a, b = first.split(), second.split()
    fa, fb = [T.fold(w) for w in a], [T.fold(w) for w in b]
    if 2 <= len(a) <= 4 and len(b) > len(a) and fa[:-1] == fb[: len(a) - 1]:
        # The first part's last word is its subject; the second's may have an article before it.
        start = len(a) + (fb[len(a) - 1] in _ARTICLE)
        if start < len(b):
            return " ".join(a + b[start:]), second
    # The question words the parts share: "hvem", or two ("hvor mye", "how many").
    k = 2 if len(fa) > 2 and len(fb) > 2 and fa[:2] == fb[:2] else 1
    if len(b) > k and fb[k] in _PREPOSITIONS and fb[k] in fa[k:]:
        cut = len(fa) - 1 - fa[::-1].index(fb[k])  # the first part's last such preposition
        return first, " ".join([*b[:k], *a[k:cut], *b[k:]])
    return first, second


# English names of the bodies ("the working committee"), as the one word the documents use.
_ENGLISH_BODIES = {
    phrase: norwegian
    for phrase, norwegian in ENGLISH_PHRASES.items()
    if T.fold(norwegian).lower() in BODIES
}
_ENGLISH_BODY = re.compile(
    r"\b(?:the\s+)?("
    + "|".join(map(re.escape, sorted(_ENGLISH_BODIES, key=len, reverse=True)))
    + r")\b",
    re.IGNORECASE,
)


def _each_named(question: str, places: set[str] | frozenset[str]) -> list[str]:
    """The same question about two or more bodies or places joined by "og" ("når skal AU og
    regionrådet behandle saken?", "hvor mange bodde i Elverum, Våler og Åmot?"): one part for
    each, so that each is answered from its own fact. A body named in English ("the working
    committee and the regional council") is one word here, the one the documents use."""
    asked = question
    if _ENGLISH_BODIES:
        question = _ENGLISH_BODY.sub(lambda m: _ENGLISH_BODIES[m[1].lower()], question)

    # A place counts when the question asks for a figure ("hvor mange innbyggere hadde A og
    # B"), not when the places name a project together ("hva gjør Tynset og Røros som motorer").
    counting = bool(_COUNTING.match(T.fold(question).lower()))

    def named(word: str) -> bool:
        folded = T.fold(word).lower()
        return folded in BODIES or counting and T.stem(word.lower()) in places

    words = list(re.finditer(r"[\w-]+", question))
    for k, joint in enumerate(words):
        if joint[0].lower() not in _AND or not 0 < k < len(words) - 1:
            continue
        if question[joint.end() : words[k + 1].start()] != " ":
            continue
        after = k + 1
        # "i AU og i regionrådet": the preposition said again before the second member.
        if (
            after < len(words) - 1
            and k >= 2
            and words[after][0].lower() in _PREPOSITIONS
            and words[after][0].lower() == words[k - 2][0].lower()
        ):
            after += 1
        members = [words[after], words[k - 1]]
        j = k - 1
        while j > 0 and question[words[j - 1].end() : words[j].start()] == ", ":
            members.append(words[j - 1])
            j -= 1
        ordered = sorted(members, key=lambda m: m.start())
        if not all(named(m[0]) for m in ordered):
            continue
        start, end = ordered[0].start(), ordered[-1].end()
        return [question[:start] + m[0] + question[end:] for m in ordered]
    return [asked]


def leans(part: str, first: str = "", places: set[str] | frozenset[str] = frozenset()) -> bool:
    """Does a second part lean on the first ("og når ble det bestemt?", "og hvem betalte?"), or
    does it say all it asks ("og hvem er ansvarlig for Helsebyen?", once its gap is filled)? A
    part that stands on its own is answered on its own: the first part's words would only pull
    it towards the first part's fact."""
    words = [w.lower() for w in re.findall(r"\w+", part)]
    if set(words) & PRONOUNS or len(words) <= 3:
        return True
    # "Hvor ofte får regionrådet i Kongsvinger rapport, og når vedtas satsingene?": the place
    # or body the first part names is the later part's too, when it names none of its own.
    return bool(_named(first, places)) and not _named(part, places)


def _named(text: str, places: set[str] | frozenset[str]) -> set[str]:
    """The places and bodies a text names (folded stems)."""
    words = {T.fold(w).lower() for w in re.findall(r"\w+", text)}
    return {w for w in words if w in BODIES} | {T.stem(w) for w in words if T.stem(w) in places}


# A later part that asks about the time before or after the first part's ("og hvor stor var
# nedgangen før?", "and what was it before?"): the first part's year is not its year.
_RELATIVE_TIME = re.compile(
    r"\b(?:før|for|tidligere|i forkant|forut|etterpå|seinare|senere|before|earlier|"
    r"previously|prior|beforehand|afterwards|later)\s*[?.!]*$|"
    r"\b(?:tidligere|earlier|previously|i forkant|beforehand)\b",
    re.IGNORECASE,
)
_YEARS = re.compile(
    r"\s*\b(?:i|in|for|fra|from)?\s*(?<![/\d])(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)?\d\d)?\b"
)


def leaning_context(part: str, first: str) -> str:
    """The first part as the context a later part leans on: without its years when the later
    part asks about the time before or after them ("Hvor mange arbeidsplasser fikk regionen i
    2017, og hvor stor var den årlige nedgangen før?")."""
    if not _RELATIVE_TIME.search(part.strip()):
        return first
    return _YEARS.sub("", first)
