"""Words a question writes apart that the documents write as one: abbreviated compounds
("disp.fondet" for "disposisjonsfondet") and compounds written as two words ("lokal mat" for
"lokalmat", and an English "communication plan" glossed to "kommunikasjon plan" for
"kommunikasjonsplan").

Why: Norwegian writes compounds as one word, and people asking split them, abbreviate their
first part with a dot, or ask in English, where the compound is two words. The index then holds
the compound and the question only its pieces, which alone find other rows ("plan" is everywhere).
A pair of adjacent words is read as the documents' compound when the index holds it; the parts
stay with it (`Query.joined`), so a row that writes them apart still counts (retrieve.py).
"""

from __future__ import annotations

import re

from bot import text as T
from bot.answers.compounds import LINKS

MIN_PART = 3  # shorter words ("ny", "by") begin or end too many compounds
# "disp.fondet", "komm.plan": a short abbreviated head, a dot, the rest of the word, no space.
_ABBREVIATED = re.compile(r"\b([^\W\d_]{2,8})\.([^\W\d_]{3,})\b")
_PAIR = re.compile(r"\b([^\W\d_]{3,})\s+(?=([^\W\d_]{3,})\b)")


def abbreviated(text: str, vocabulary: dict[str, int] | None) -> str:
    """An abbreviated compound written with a dot ("disp.fondet") as the index term it stands
    for: the one term that begins with the abbreviation and ends with the rest ("disposisjonsfond").
    Left as it is when no term, or several, fit."""
    if not vocabulary or "." not in text:
        return text

    def full(m: re.Match) -> str:
        head, tail = T.fold(m[1]), T.stem(m[2])
        fits = [
            t
            for t in vocabulary
            if t.startswith(head) and t.endswith(tail) and len(t) > len(head) + len(tail)
        ]
        return fits[0] if len(fits) == 1 else m[0]

    return _ABBREVIATED.sub(full, text)


def joined(text: str, vocabulary: dict[str, int] | None) -> tuple[str, dict[str, list[str]]]:
    """The text with each pair of adjacent words the index holds as one compound
    ("lokal mat" -> "lokalmat", "kommunikasjon plan" -> "kommunikasjonsplan", with Norwegian's
    linking letters), and each compound's parts (stemmed). A pair whose parts are stopwords or
    names (capitalised inside the sentence), or whose compound is one of its own words, is left."""
    if not vocabulary:
        return text, {}
    parts: dict[str, list[str]] = {}

    def compound(a: str, b: str, first: bool) -> str | None:
        if a.lower() in T.STOPWORDS or b.lower() in T.STOPWORDS:
            return None
        if b[:1].isupper() or a[:1].isupper() and not first:
            return None  # a name ("Kongsvinger region"): a filter on its own, kept as written
        head, tail = T.fold(a), T.fold(b)
        own = {T.stem(a), T.stem(b)}
        for link in ("", *LINKS):
            if link and head.endswith(link):
                continue
            whole = T.stem(head + link + tail)
            if whole in vocabulary and whole not in own:
                parts[whole] = [T.stem(a), T.stem(b)]
                return f"{a}{link}{b.lower()}"  # as written: "sjømat" (stemmed later)
        return None

    out, i = [], 0
    for m in _PAIR.finditer(text):
        if m.start() < i:
            continue  # the first word is the second of a pair already joined
        whole = compound(m[1], m[2], not text[: m.start()].strip())
        if whole is None:
            continue
        out.append(text[i : m.start()] + whole)
        i = m.end() + len(m[2])
    out.append(text[i:])
    return "".join(out), parts
