"""Questions that ask two things: "hvem ... og når ...?", "hva kostet ... og hvem betalte?".

Each part is answered on its own, from its own best fact, and the answers are joined in one
short answer. The second part usually leans on the first ("... og når skal regionrådet behandle
den?"), so it is read with the first as its context, the way a follow-up in a thread is.
"""

from __future__ import annotations

import re

from bot import text as T
from bot.answers.lexicon import BODIES
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
MIN_PART_WORDS = 2  # "og når?" alone is a part; "og" inside a name ("Tynset og Røros") is not
# A second part that goes straight from its question word to a preposition ("og hvem for
# Destinasjonsutvikling", "og hvor mye i egeninnsats") leaves out the words the first part said.
_PREPOSITIONS = {"for", "i", "på", "til", "med", "om", "fra", "av", "in", "on", "of", "at", "to"}
_ARTICLE = {"the", "a", "an"}
# Two bodies asked about at once: "når skal AU og regionrådet behandle planen?"
_TWO_BODIES = re.compile(r"(?P<a>[\w-]+)\s+(?:og|and|eller|or)\s+(?P<b>[\w-]+)", re.IGNORECASE)


def split(question: str) -> list[str]:
    """The parts of a question that asks two things, or the question alone."""
    periods = _TWO_PERIODS.search(question)
    if periods:
        a, b = periods["a"], periods["b"]
        whole = periods.group(0)
        return [question.replace(whole, a), question.replace(whole, b)]
    pieces = _JOINT.split(question, maxsplit=1)
    if len(pieces) != 2:
        return _two_bodies(question)
    first, second = (p.strip(" ,?") for p in pieces)
    if len(re.findall(r"\w+", first)) < MIN_PART_WORDS or not re.search(r"\w", second):
        return [question]
    first, second = _fill_gaps(first, second)
    return [first + "?", second[:1].upper() + second[1:] + "?"]


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


def _two_bodies(question: str) -> list[str]:
    """The same question about two bodies ("når skal AU og regionrådet behandle den?"), one part
    for each body."""
    for m in _TWO_BODIES.finditer(question):
        if T.fold(m["a"]).lower() in BODIES and T.fold(m["b"]).lower() in BODIES:
            whole = m.group(0)
            return [question.replace(whole, m["a"]), question.replace(whole, m["b"])]
    return [question]


def leans(part: str) -> bool:
    """Does a second part lean on the first ("og når ble det bestemt?", "og hvem betalte?"), or
    does it say all it asks ("og hvem er ansvarlig for Helsebyen?", once its gap is filled)? A
    part that stands on its own is answered on its own: the first part's words would only pull
    it towards the first part's fact."""
    words = [w.lower() for w in re.findall(r"\w+", part)]
    return bool(set(words) & PRONOUNS) or len(words) <= 3
