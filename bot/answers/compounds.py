"""Norwegian compounds read by their parts: "vedleggsfila" is "vedlegg" + "fil", and a document's
"filstørrelse" holds "fil" and "størrelse".

Why: Norwegian writes compounds as one word and makes new ones freely, so a question's compound
is often one the documents never write ("kollektivselskaper", "søknadsnummeret"), and a
document's compound holds the word a question uses on its own. A word is split into parts the
engine knows (index terms, or common Norwegian words from wordfreq), greedily longest first, with
the linking letters Norwegian puts between parts ("næring|s|utvikling", "barn|e|hage").

Terms here are index terms (stemmed and folded, `bot.text.stem`); the common words are folded
the same way, and a part counts as a common word when it is one or a stem of one (a common word
that begins with it, at most COMMON_ENDING letters longer: "interess" for "interesse").
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from functools import cache

from bot import text as T
from bot.answers import weights as W

LINKS = ("s", "e")  # Norwegian linking letters between the parts of a compound
MIN_PART = 3  # shorter pieces ("by", "ny") are too often the end or start of another word
MAX_PARTS = 4
STEM_FROM = 5
COMMON_ENDING = 3  # a stem may lack this many letters of its word ("interess" < "interesse")


@cache
def _common_folded() -> list[str]:
    """Common Norwegian words (wordfreq, from COMPOUND_PART_ZIPF), folded, sorted."""
    from bot.answers.language import common_words

    return sorted(
        {T.fold(w) for w, z in common_words("nb") if z >= W.COMPOUND_PART_ZIPF and len(w) >= 3}
    )


def common_part(part: str, *, stem: bool = True) -> bool:
    """Is the (folded) piece a common Norwegian word, or (`stem`) the stem of one? Only a piece
    of STEM_FROM letters counts as a stem: a short one ("jar", "ing") begins too many words."""
    words = _common_folded()
    i = bisect_left(words, part)
    if i >= len(words):
        return False
    if words[i] == part:
        return True
    return (
        stem
        and len(part) >= STEM_FROM
        and words[i].startswith(part)
        and len(words[i]) - len(part) <= COMMON_ENDING
    )


Known = Callable[[str, bool], bool]  # (piece, is it the last part) -> is it a known part


def split(term: str, known: Known, *, parts: int = MAX_PARTS) -> list[str] | None:
    """The parts of a compound term, each `known`, longest first part first; None when the term
    does not split into known parts (or would need more than `parts` of them). Only the last
    part is a stem (the stemmer cut the word's ending); the others are written whole."""
    if parts < 2 or len(term) < 2 * MIN_PART:
        return None
    for i in range(len(term) - MIN_PART, MIN_PART - 1, -1):
        head = term[:i]
        if not known(head, False):
            continue
        rest = term[i:]
        tails = [rest]
        if rest[0] in LINKS and len(rest) > MIN_PART:
            tails.append(rest[1:])
        for tail in tails:
            if known(tail, True):
                return [head, tail]
        for tail in tails:
            more = split(tail, known, parts=parts - 1)
            if more:
                return [head, *more]
    return None


def compound(term: str, known: Known) -> list[str] | None:
    """The parts of a term that is a compound and not a word of its own: a common word
    ("sending", "undersøkt") is read whole, however it could be cut."""
    if common_part(term):
        return None
    return split(term, known)


def knower(vocabulary: dict[str, int]) -> Known:
    """A part is known when the index holds it or it is a common Norwegian word (the last part:
    or the stem of one)."""

    def known(part: str, last: bool) -> bool:
        return len(part) >= MIN_PART and (part in vocabulary or common_part(part, stem=last))

    return known


def containing(
    part: str,
    words: list[str],
    backwards: list[str],
    known: Known,
    *,
    limit: int = 12,
) -> list[str]:
    """Index terms that are compounds with the part as their first or last part, the rest a
    known part (after a linking letter): "fil" -> "filstorr", "mess" -> "ungdomsmess". `words`
    is the index's vocabulary sorted, `backwards` its terms spelt backwards, sorted."""
    out = []
    i = bisect_left(words, part)
    while i < len(words) and words[i].startswith(part) and len(out) < limit:
        rest = words[i][len(part) :]
        if len(rest) >= MIN_PART and (
            known(rest, True) or (rest[0] in LINKS and known(rest[1:], True))
        ):
            out.append(words[i])
        i += 1
    rev = part[::-1]
    i = bisect_left(backwards, rev)
    while i < len(backwards) and backwards[i].startswith(rev) and len(out) < 2 * limit:
        head = backwards[i][len(part) :][::-1]
        if len(head) >= MIN_PART and (
            known(head, False) or (head[-1] in LINKS and known(head[:-1], False))
        ):
            out.append(backwards[i][::-1])
        i += 1
    return out
