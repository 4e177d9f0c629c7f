"""Lemmas written at load time and read per question without simplemma: strong verbs,
nynorsk inflections, English forms of the glossary's words."""

from datetime import date

from bot import text as T
from bot.answers.lemmas import Lemmas, build
from bot.answers.understand import understand

TODAY = date(2021, 4, 20)


def test_build_inverts_simplemma_for_the_documents_lemmas():
    forms, terms = build(["vedtok", "kommunene"], english=["partner"])
    rows = {(form, lemma, lang) for _, form, lemma, lang in forms}
    assert ("vedtatt", "vedta", "nb") in rows  # a form the documents never write
    assert ("vedteke", "vedta", "nn") in rows  # nynorsk meets the bokmål lemma
    assert ("partners", "partner", "en") in rows
    assert ("vedta", T.stem("vedtok")) in terms
    # Forms of lemmas the documents do not use are not stored.
    assert not any(lemma == "fotball" for _, _, lemma, _ in forms)


def test_loading_knowledge_writes_the_lemma_tables(store):
    rows = store.lemma_forms([T.fold("vedtatt")])
    assert ("vedtatt", "vedtatt", "vedta", "nb") in rows


def test_a_strong_verb_stands_for_the_forms_the_documents_write(store):
    read = Lemmas(store).of(["vedteke", "vedtok"])
    assert read["vedteke"].lemma == "vedta" and read["vedteke"].lang == "nn"
    assert T.stem("vedtok") in {read["vedteke"].term, *read["vedteke"].alternatives}
    assert read["vedtok"].term == T.stem("vedtok")  # the documents' own term stays first


def test_a_word_the_stemmer_reads_right_needs_no_row(store):
    assert "tiltaka" not in Lemmas(store).of(["tiltaka"])
    assert T.stem("tiltaka") == T.stem("tiltak")


def test_a_nynorsk_compound_is_read_by_its_last_part(store):
    vocab = store.vocabulary()
    read = Lemmas(store).of(["kommunestyra"])
    if T.stem("kommunestyra") in vocab:  # the stemmer already finds it: nothing to read
        assert "kommunestyra" not in read
    else:
        assert T.stem(read["kommunestyra"].lemma) in vocab


def test_a_nynorsk_word_of_asking_is_read_as_the_ask_word(store):
    q = understand(
        "Kva vart vedteke om handlingsplanen?",
        now=TODAY,
        vocabulary=store.vocabulary(),
        lemmas=Lemmas(store),
    )
    assert T.stem("vedteke") not in q.terms
    assert {T.stem("vedtatt"), T.stem("vedtok")} & set(q.terms)
    assert T.stem("vedteke") not in q.topic and "decision" in q.intents


def test_an_english_inflection_finds_its_gloss(store):
    q = understand(
        "Who were the partners?", now=TODAY, vocabulary=store.vocabulary(), lemmas=Lemmas(store)
    )
    q2 = understand(
        "Who was the partner?", now=TODAY, vocabulary=store.vocabulary(), lemmas=Lemmas(store)
    )
    assert q.topic and q2.topic and set(q.topic) & {T.stem("samarbeidspartnere")}


def test_a_database_loaded_before_the_lemma_tables_gets_them_on_start(fresh_store):
    from pathlib import Path

    from bot.answers.lemmas import META_KEY, VERSION
    from bot.ingest import ensure_loaded

    knowledge = Path(__file__).resolve().parents[2] / "knowledge"
    with fresh_store.transaction():
        fresh_store.put_lemmas([], [])
        fresh_store.set_meta(META_KEY, "0")
    assert not fresh_store.lemma_forms([T.fold("vedtatt")])
    ensure_loaded(fresh_store, knowledge)
    assert fresh_store.meta(META_KEY) == VERSION
    assert ("vedtatt", "vedtatt", "vedta", "nb") in fresh_store.lemma_forms(["vedtatt"])
