"""Typo repair (SymSpell over the documents' words and common words): phone typing, æøå left
out, everyday words left alone."""

import pytest

from bot.answers import spelling
from bot.answers.lemmas import Lemmas
from bot.answers.spelling import Speller
from bot.answers.understand import correct


@pytest.fixture(scope="module")
def speller(store):
    return spelling.for_store(store)


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("jernbanefourm", "jernbaneforum"),  # two letters swapped
        ("handlignsplanen", "handlingsplanen"),
        ("mobildeknign", "mobildekning"),
        ("fylkeskomune", "fylkeskommune"),  # a letter missing
        ("regionradt", "regionrådet"),  # no å and a letter missing: one edit folded
        ("kommunikajsonsplan", "kommunikasjonsplan"),
    ],
)
def test_a_typo_is_repaired_to_the_documents_word(speller, typed, meant):
    assert speller.fix(typed) == meant


def test_known_and_short_words_are_left_alone(speller):
    assert speller.fix("handlingsplanen") is None
    assert speller.fix("regionradet") is None  # the documents' word without å is known
    assert speller.fix("planen") is None
    assert speller.fix("mlet") is None  # too short to repair safely


def test_the_councils_glossary_words_are_known_though_no_document_has_them(speller):
    assert speller.fix("hindringer") is None


def test_the_documents_word_wins_over_an_equally_near_common_word():
    s = Speller({"tiltak": 3}, [("tilsak", 6.0)])
    assert s.fix("tiltaak") == "tiltak"


def test_correct_leaves_everyday_and_inflected_words_and_repairs_typos(store, speller):
    vocab, lemmas = store.vocabulary(), Lemmas(store)
    assert correct("Hvor lenge trenger vi", speller, vocab, lemmas) == "Hvor lenge trenger vi"
    assert correct("Kva vart vedteke", speller, vocab, lemmas) == "Kva vart vedteke"
    assert correct("Hvem har ansvar for Jernbanefourm?", speller, vocab, lemmas) == (
        "Hvem har ansvar for Jernbaneforum?"
    )


def test_a_question_term_the_index_lacks_finds_the_nearest_indexed_terms(store):
    from bot import text as T
    from bot.answers.retrieve import expand

    # A nynorsk spelling two edits from the bokmål the documents write.
    assert T.stem("innbygger") in expand(T.stem("innbyggjar"), store).alts
    # A compound with a typo in its first part.
    assert expand(T.stem("hørinsfristen"), store).parts == ["horing", "frist"]
    # A short word is not taken for another word one letter off.
    assert not expand("plat", store).alts or "plan" not in expand("plat", store).alts
