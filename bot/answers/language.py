"""Language knowledge from libraries that ship their data: how common a word is (wordfreq).

A question's everyday words ("få på plass", "endte opp", "hvor lang") say little about what it
is about, however rare they are in the council's few documents; the words of the council's world
("kjeveortopedi", "helsearkivet") say much. The corpus idf alone cannot tell them apart: it has
seen only a few hundred passages. wordfreq's Zipf frequencies (Norwegian bokmål and English, from
large corpora) can.

Loading wordfreq's full lists takes over a second, too slow for the CLI's cold start, and only
the common words matter here (every rarer word counts fully). So the common words are taken from
wordfreq once, by `python -m bot.answers.language`, into `data/common_words.json`, which is
read on first use (a few milliseconds).
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

from bot.answers import weights as W

_WORD = re.compile(r"[^\W\d_]+")
COMMON_FILE = Path(__file__).with_name("data") / "common_words.json"
LANGS = ("nb", "en")
# Zipf frequency from which words are kept in COMMON_FILE: Norwegian lower, for the typo gate.
KEEP_FROM = {"nb": 3.5, "en": 4.5}


@cache
def _common() -> dict[str, dict[str, float]]:
    try:
        return json.loads(COMMON_FILE.read_text(encoding="utf-8"))
    except (OSError, ValueError):  # pragma: no cover - shipped with the package
        return {}


def zipf(word: str, lang: str = "nb") -> float:
    """The word's Zipf frequency if it is a common word (>= KEEP_FROM), else 0."""
    return _common().get(lang, {}).get(word.lower(), 0.0)


def stem_zipf(word: str) -> float:
    """The Zipf frequency of the commonest word with the word's stem: also an inflection or a
    spelling without æøå ("omradet") tells how common the word is ("området"). Only the common
    words that begin as it does (folded) are stemmed."""
    from bot import text as T

    stem, start = T.stem(word), T.fold(word[:3])
    same = (z for w, z in _by_start().get(start, ()) if T.stem(w) == stem)
    return max(zipf(word), *same, 0.0)


@cache
def _by_start() -> dict[str, list[tuple[str, float]]]:
    from bot import text as T

    out: dict[str, list[tuple[str, float]]] = {}
    for w, z in _common().get("nb", {}).items():
        out.setdefault(T.fold(w[:3]), []).append((w, z))
    return out


def common_words(lang: str = "nb") -> list[tuple[str, float]]:
    """The common words of a language with their Zipf frequencies (the typo dictionary's
    everyday words)."""
    return sorted(_common().get(lang, {}).items())


def specificity(word: str, *, english: bool = False) -> float:
    """How much a question word says about its topic, 1.0 (a word of the field) down to
    COMMON_FLOOR (an everyday word). Norwegian questions use Norwegian frequencies; an English
    question's words are judged by English ones."""
    if not word or word[:1].isdigit():
        return 1.0
    z = zipf(word, "en" if english else "nb")
    if z <= W.COMMON_FROM:
        return 1.0
    return max(W.COMMON_FLOOR, 1.0 - (1.0 - W.COMMON_FLOOR) * (z - W.COMMON_FROM) / W.COMMON_SPAN)


def english(text: str) -> bool:
    """Is the question English? Its words are weighed by how much commoner each is in English
    than in Norwegian (wordfreq): two or more clearly English words, outnumbering the clearly
    Norwegian ones ("the", "who", "was" against "hvem", "er"; "Tynset", "plan" count for neither).
    simplemma's language detection would read the same from its dictionaries, but loading them
    costs over a second per process."""
    en = nb = 0
    for w in _WORD.findall(text.lower()):
        d = zipf(w, "en") - zipf(w, "nb")
        en += d >= W.LANGUAGE_MARGIN
        nb += d <= -W.LANGUAGE_MARGIN
    return en >= 2 and en > nb


def english_stopword(word: str) -> bool:
    """An everyday English word ("big", "went", "such") the glossary does not translate: it says
    how a question is put, not what it is about."""
    z = zipf(word, "en")
    return z >= W.ENGLISH_STOPWORD and z - zipf(word, "nb") >= W.LANGUAGE_MARGIN


def is_common(word: str, lang: str = "nb") -> bool:
    """A word common enough in the language not to be a typo, even when the documents never
    use it ("lenger", "trenger", "hvordan")."""
    return zipf(word, lang) >= W.TYPO_COMMON


def build(top: int = 20000) -> dict[str, dict[str, float]]:
    """The common words of each language with their Zipf frequencies, from wordfreq."""
    from wordfreq import top_n_list, zipf_frequency

    out = {}
    for lang in LANGS:
        freqs = {w: zipf_frequency(w, lang) for w in top_n_list(lang, top)}
        out[lang] = {w: z for w, z in freqs.items() if z >= KEEP_FROM[lang] and w.isalpha()}
    return out


if __name__ == "__main__":  # python -m bot.answers.language: regenerate COMMON_FILE
    COMMON_FILE.parent.mkdir(exist_ok=True)
    data = build()
    COMMON_FILE.write_text(
        json.dumps(data, ensure_ascii=False, sort_keys=True, indent=0) + "\n", encoding="utf-8"
    )
    print(f"{COMMON_FILE}: " + ", ".join(f"{k} {len(v)} words" for k, v in data.items()))
