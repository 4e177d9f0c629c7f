"""How common a word is and which language a question is in, from wordfreq's lists (shipped as data)."""

import pytest

from bot.answers import language as L
from bot.answers import weights as W


def test_everyday_words_count_less_than_the_fields_words():
    assert L.specificity("plass") < 1.0
    assert L.specificity("flere") <= L.specificity("plass")
    assert L.specificity("kjeveortopedi") == 1.0
    assert L.specificity("handlingsplan") == 1.0


def test_never_below_the_floor_and_numbers_count_fully():
    assert L.specificity("og") == W.COMMON_FLOOR
    assert L.specificity("2021") == 1.0


def test_english_questions_are_judged_by_english_frequencies():
    assert L.specificity("people", english=True) < 1.0
    assert L.specificity("people") == 1.0  # not a common Norwegian word


def test_the_shipped_list_holds_only_common_words():
    common = L._common()
    assert set(common) == set(L.LANGS)
    assert all(z >= L.KEEP_FROM[lang] for lang, words in common.items() for z in words.values())


@pytest.mark.parametrize(
    "question",
    [
        "How many visitors came to Norsk Spekematfestival on Tynset in 2018?",
        "Apart from Tynset and Røros, which municipalities make up Fjellregionen?",
        "Who is the mayor of Kongsvinger?",
    ],
)
def test_english_questions_are_told_by_word_frequencies(question):
    assert L.english(question)


@pytest.mark.parametrize(
    "question",
    [
        "Hvem har ansvar for mobildekning?",
        "Kven har ansvaret for Jernbaneforum?",
        "hva er status for plan og budget i Tynset",  # a loanword or two do not make it English
        "Tynset Røros Os",
    ],
)
def test_norwegian_questions_are_not_taken_for_english(question):
    assert not L.english(question)
