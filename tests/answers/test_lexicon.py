"""The council's glossary (bot/answers/glossary.yaml): every row with its reason, no no-ops."""

import yaml

from bot import text as T
from bot.answers import lexicon as L


def test_every_synonym_row_says_why_and_every_section_has_its_reason():
    data = yaml.safe_load(L.GLOSSARY_FILE.read_text(encoding="utf-8"))
    assert all(section.get("why") for section in data.values())
    assert all(row.get("why") and row.get("words") for row in data["synonyms"]["groups"])


def test_no_self_mappings_or_groups_the_stemmer_already_joins():
    assert not [k for k, v in L.ENGLISH.items() if k == v]
    for group in L.SYNONYMS:
        words = group.split()
        assert len(words) == len(set(words)), group
        assert len({T.stem(w) for w in words}) > 1, group
    assert len(set(L.SYNONYMS)) == len(L.SYNONYMS)


def test_english_words_that_are_phrases_are_glossed_as_phrases_only():
    assert not set(L.ENGLISH) & set(L.ENGLISH_PHRASES)


def test_the_glossary_has_no_duplicates_or_self_mappings():
    from bot import text as T
    from bot.answers.lemmas import _dictionary
    from bot.answers.lexicon import ENGLISH, ENGLISH_PHRASES, SYNONYMS

    for group in SYNONYMS:  # an inflection of a word already in its row adds nothing
        stems = [T.stem(w) for w in group.split()]
        assert len(stems) == len(set(stems)), group
    assert not set(ENGLISH) & set(ENGLISH_PHRASES)
    assert all(" " not in k for k in ENGLISH), "phrases belong in english_phrases"
    assert not [k for k, v in ENGLISH.items() if v.split() == [k]], "a word is not its own gloss"
    # An English inflection is glossed through its lemma ("reports" -> "report"): a row for it
    # that says nothing more is a duplicate.
    en = _dictionary("en")
    stems = lambda v: {T.stem(w) for w in v.split()}  # noqa: E731
    duplicates = [
        k
        for k, v in ENGLISH.items()
        if (lemma := en.get(k))
        and lemma != k
        and lemma in ENGLISH
        and stems(v) <= stems(ENGLISH[lemma])
    ]
    assert not duplicates
