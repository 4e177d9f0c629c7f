"""How common a word is, from wordfreq's lists (shipped as data)."""

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
