"""Lemmas from simplemma, looked up per question in tables written at load time.

The Snowball stemmer cuts endings, which is enough for most bokmål inflections but not for
nynorsk ("tiltaka", "kommunane"), strong verbs ("vedtok", "vedtatt" -> "vedta") or plurals it
leaves apart ("ordfører", "ordførere"). simplemma knows these, but loading its bokmål and
nynorsk dictionaries takes well over a second: far too slow for the CLI's cold start. So the work
is done when knowledge is loaded (`build`): the documents' words are lemmatised, simplemma's
dictionaries are inverted for the lemmas the documents use, and every inflected form (bokmål and
nynorsk) of those lemmas whose stem would miss the lemma is stored with it, together with the
index terms the documents write each lemma as. A question word is then read by one table lookup
(`Lemmas`); a word the table lacks falls back to the stemmer.

English forms are stored for the English words of the glossary ("partners" -> "partner"), so a
gloss is found whatever the inflection.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from bot import text as T
from bot.answers import bokmal, thesaurus
from bot.answers.knowledge import knowledge

LANGS = ("nb", "nn")  # the documents' bokmål first: a nynorsk form joins a bokmål lemma
MIN_TAIL = 4  # the last part of a compound looked up on its own: "handlings|planane"
MIN_HEAD = 3
META_KEY = "lemmas_version"
BUILD = "1"  # raise when `build` changes, so loaded databases get new tables


def _version() -> str:
    """What the tables were built from besides the documents: this module's BUILD, the
    glossary's English words and the bilingual dictionaries (other English words need other
    English forms, other nynorsk spellings other nynorsk forms)."""
    import contextlib
    import hashlib

    from bot.answers import translation
    from bot.answers.lexicon import ENGLISH

    digest = hashlib.sha1(" ".join(sorted(ENGLISH)).encode())
    # The dictionary's file, not its parsed table: read and hashed in a millisecond.
    for data in (translation.DATA_FILE, bokmal.DATA_FILE, thesaurus.DATA_FILE):
        with contextlib.suppress(OSError):  # shipped with the package
            digest.update(data.read_bytes())
    digest = digest.hexdigest()[:12]
    return f"{BUILD}:{digest}"


def _english() -> set[str]:
    """The English words whose inflections are stored: the glossary's and the bilingual
    dictionary's headwords (translation.py)."""
    from bot.answers import translation
    from bot.answers.lexicon import ENGLISH

    return set(ENGLISH) | set(translation.headwords())


VERSION = _version()


@cache
def _dictionary(lang: str) -> dict[str, str]:
    """simplemma's form -> lemma dictionary for a language, as it ships (names capitalised)."""
    from simplemma.strategies.dictionaries import DefaultDictionaryFactory

    return DefaultDictionaryFactory().get_dictionary(lang)


def _forms(lang: str, lemmas: set[str]) -> Iterable[tuple[str, str]]:
    """(form, lemma) for every lower-case form of these lemmas: one pass over the dictionary."""
    for form, lemma in _dictionary(lang).items():
        if lemma in lemmas and form.islower() and form.isalpha():
            yield form, lemma


def lemma_of(word: str) -> str | None:
    """The lemma simplemma's dictionaries give a (lower-case) word, bokmål first; None when
    they do not know it (names, the council's compounds)."""
    for lang in LANGS:
        lemma = _dictionary(lang).get(word)
        if lemma and lemma.islower():
            return lemma
    return None


def build(
    words: Iterable[str], english: Iterable[str] = ()
) -> tuple[list[tuple[str, str, str, str]], list[tuple[str, str]]]:
    """The rows of the lemma tables for a knowledge base whose words are `words` (as written)
    and whose glossary translates the English words `english`.

    forms: (folded form, form, lemma, lang) for every bokmål or nynorsk form of a lemma the
    documents use where the stem of the form is not the stem of the lemma, or where the documents
    write the lemma as several index terms; terms: (lemma, index term) for the documents' words
    whose stem is not the stem of their lemma.
    """
    kb = {w.lower() for w in words if len(w) >= 2 and w.isalpha()}
    lemmas: dict[str, str] = {}
    for w in kb:
        lemma = lemma_of(w)
        if lemma and lemma.isalpha():
            lemmas[w] = lemma
    terms = sorted(
        {(lemma, T.stem(w)) for w, lemma in lemmas.items() if T.stem(w) != T.stem(lemma)}
    )
    several = {lemma for lemma, _ in terms}
    wanted = set(lemmas.values())
    forms: set[tuple[str, str, str, str]] = set()
    for lang in LANGS:
        for form, lemma in _forms(lang, wanted):
            if lemma in several or T.stem(form) != T.stem(lemma):
                forms.add((T.fold(form), form, lemma, lang))
    # Nynorsk lemmas spelt otherwise in bokmål ("tilbod" - "tilbud"): every nynorsk form of
    # one whose bokmål word the documents use, read as that word (bokmal.py). A form that is
    # also a bokmål word is left to bokmål.
    spelt = bokmal.pairs()
    nb = _dictionary("nb")
    for form, lemma in _dictionary("nn").items():
        for word in spelt.get(lemma, ()):
            if word in wanted and form.islower() and form.isalpha() and form not in nb:
                forms.add((T.fold(form), form, word, "nn"))
    # Synonyms (thesaurus.py) of words the documents lack, the ones they have, for every form
    # of such a word: "flyplassen" -> "lufthavn" (lang "syn"; `Lemmas.related` reads them).
    stems = {T.stem(w) for w in kb}
    related: dict[str, list[str]] = {}
    for word, synonyms in thesaurus.synonyms().items():
        if T.stem(word) not in stems:
            have = [s for s in synonyms if T.stem(s) in stems]
            if have:
                related[word] = have
    for form, lemma in _dictionary("nb").items():
        if lemma in related and form.islower() and form.isalpha() and T.stem(form) not in stems:
            forms.update((T.fold(form), form, s, "syn") for s in related[lemma])
    for word, have in related.items():
        forms.update((T.fold(word), word, s, "syn") for s in have)
    glossed = {w.lower() for w in english if w.isalpha()}
    for form, lemma in _forms("en", glossed):
        if form != lemma and form not in glossed:
            forms.add((T.fold(form), form, lemma, "en"))
    return sorted(forms), terms


def rebuild(store) -> int:
    """Write the lemma tables for what the store holds now (inside the loader's transaction):
    the words of the documents and of every searchable row, and the glossary's English words."""
    words: set[str] = set()
    for body in store.document_bodies():
        words.update(T.words(body))
    for (text,) in store.db.execute("SELECT text FROM search"):
        words.update(T.words(text or ""))
    forms, terms = build(words, english=_english())
    store.put_lemmas(forms, terms)
    store.set_meta(META_KEY, VERSION)
    return len(forms)


@dataclass(frozen=True)
class Lemma:
    """How a question word is read: its lemma, the index term it stands for, and the other index
    terms the documents write the same lemma as."""

    word: str
    lemma: str
    term: str
    alternatives: tuple[str, ...] = ()
    lang: str = "nb"


class Lemmas:
    """Lemma lookups of question words against the store's tables (no simplemma here)."""

    def __init__(self, store, vocabulary: dict[str, int] | None = None):
        self.store = store
        self.vocabulary = vocabulary if vocabulary is not None else knowledge(store).vocabulary

    def of(self, words: Iterable[str], *, english: bool = False) -> dict[str, Lemma]:
        """The lemmas of those (lower-case) words the tables know; a nynorsk compound whose last
        part is known is read as the compound of its lemma ("handlingsplanane" ->
        "handlingsplan")."""
        words = [w.lower() for w in words if w.isalpha()]
        if not words:
            return {}
        want = {T.fold(w) for w in words}
        tails = {
            T.fold(w[i:])
            for w in words
            if T.stem(w) not in self.vocabulary
            for i in range(MIN_HEAD, len(w) - MIN_TAIL + 1)
        }
        heads = {  # a nynorsk first part: "høyring|s|utkastet"
            T.fold(w[:i])
            for w in words
            if T.stem(w) not in self.vocabulary
            for i in range(MIN_TAIL - 1, len(w) - MIN_HEAD + 1)
        }
        rows = self.store.lemma_forms(want | tails | heads)
        by_folded: dict[str, list[tuple[str, str, str]]] = {}
        for folded, form, lemma, lang in rows:
            by_folded.setdefault(folded, []).append((form, lemma, lang))
        found: dict[str, tuple[str, str]] = {}
        for w in words:
            hit = self._pick(w, by_folded.get(T.fold(w), ()), english)
            if hit is None and T.stem(w) not in self.vocabulary:
                hit = self._compound(w, by_folded, english)
            if hit is not None:
                found[w] = hit
        extra = self.store.lemma_terms({lemma for lemma, _ in found.values()})
        out = {}
        for w, (lemma, lang) in found.items():
            if lang == "en":
                out[w] = Lemma(w, lemma, lemma, (), lang)
                continue
            known = [t for t in [T.stem(lemma), *extra.get(lemma, ())] if t in self.vocabulary]
            own = T.stem(w)
            term = own if own in self.vocabulary else (known[0] if known else T.stem(lemma))
            alts = tuple(t for t in dict.fromkeys(known) if t != term)
            if term == own and not alts:
                continue  # the stemmer alone reads it right
            out[w] = Lemma(w, lemma, term, alts, lang)
        return out

    def related(self, word: str) -> list[str]:
        """The index terms of the thesaurus's synonyms of a word the documents lack, as the
        tables hold them (`build`): "flyplassen" -> ["lufthavn", ...]."""
        rows = self.store.lemma_forms([T.fold(word)])
        terms = (T.stem(lemma) for _, _, lemma, lang in rows if lang == "syn")
        return [t for t in dict.fromkeys(terms) if t in self.vocabulary]

    @staticmethod
    def _pick(word: str, rows, english: bool) -> tuple[str, str] | None:
        """The row for a word: as written before as folded ("malet" also finds "målet"), and the
        question's language first."""
        if not rows:
            return None
        rows = [r for r in rows if (r[2] == "en") == english and r[2] != "syn"]
        exact = [r for r in rows if r[0] == word]
        best = (exact or rows)[:1]
        return (best[0][1], best[0][2]) if best else None

    def _compound(self, word: str, by_folded, english: bool) -> tuple[str, str] | None:
        """A compound read by a part the tables know: its last part's lemma ("handlings|planane"
        -> "handlingsplan"), or a nynorsk first part's bokmål spelling ("høyrings|utkastet" ->
        "høringsutkast"), when the documents have the compound so read. A nynorsk last part
        spelt otherwise in bokmål ("flyrute|tilbodet" -> "flyrutetilbud") gives the bokmål
        compound even when they do not: it is read by its parts then (retrieve.py)."""
        if english:
            return None
        respelt = None
        for i in range(MIN_HEAD, len(word) - MIN_TAIL + 1):
            tail = T.fold(word[i:])
            hit = self._pick(word[i:], by_folded.get(tail, ()), False)
            if hit is None:
                continue
            whole = word[:i] + hit[0]
            if T.stem(whole) in self.vocabulary:
                return whole, hit[1]
            if respelt is None and hit[1] == "nn" and T.stem(hit[0]) in self.vocabulary:
                respelt = whole, hit[1]
        for i in range(len(word) - MIN_HEAD, MIN_TAIL - 1, -1):
            # the first part, and before a linking letter ("høyring|s|utkastet")
            for j in (i, i - 1) if word[i - 1] in "se" else (i,):
                hit = self._pick(word[:j], by_folded.get(T.fold(word[:j]), ()), False)
                if hit is None or hit[1] != "nn":
                    continue
                # the whole as written, or without its ending ("-et", "-ane"): the stemmer
                # reads "utkastet" and "utkast" apart
                for cut in range(4):
                    whole = hit[0] + word[j : len(word) - cut]
                    if T.stem(whole) in self.vocabulary:
                        return whole, hit[1]
        return respelt
