"""Typo repair (SymSpell over the documents' words and common words): phone typing, æøå left
out, everyday words left alone; the dictionary stored at load time, repairing as the one built in
memory did, and following the writes."""

import random

import pytest

from bot.answers import spelling
from bot.answers.lemmas import Lemmas
from bot.answers.spelling import Speller
from bot.answers.understand import correct
from bot.ingest import ensure_loaded, ingest_file, load_knowledge
from tests.conftest import KNOWLEDGE


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


# --- the dictionary stored at load time ----------------------------------------------------------


def _built_in_memory(store) -> Speller:
    """The dictionary as every process built it before it was stored."""
    counts = spelling.surface_counts(store.document_bodies(), spelling._council_words())
    return Speller(counts, spelling._common())


def _typos(words: list[str], n: int, seed: int = 7) -> list[str]:
    """Words with one or two random edits (a letter left out, doubled, swapped or changed)."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        w = list(rng.choice(words))
        for _ in range(rng.choice((1, 2))):
            i = rng.randrange(len(w))
            op = rng.choice(("drop", "double", "swap", "change"))
            if op == "drop" and len(w) > 1:
                del w[i]
            elif op == "double":
                w.insert(i, w[i])
            elif op == "swap" and i + 1 < len(w):
                w[i], w[i + 1] = w[i + 1], w[i]
            else:
                w[i] = rng.choice("abdefgiklmnoprstuvy")
        out.append("".join(w))
    return out


def test_the_stored_dictionary_repairs_as_the_one_built_in_memory(store):
    stored, built = spelling.for_store(store), _built_in_memory(store)
    assert isinstance(stored, spelling.StoredSpeller)
    assert stored.known == built.known
    words = sorted(w for w in built.known if len(w) >= 5)
    for typed in _typos(words, 400):
        assert stored.fix(typed) == built.fix(typed), typed
        assert stored.near(typed, 1) == built.near(typed, 1), typed
        assert stored.near(typed, 2) == built.near(typed, 2), typed


def test_a_new_process_reads_the_dictionary_instead_of_building_it(store, monkeypatch):
    from symspellpy import SymSpell

    entries = []
    real = SymSpell.create_dictionary_entry

    def counted(self, key, count):
        entries.append(key)
        return real(self, key, count)

    monkeypatch.setattr(SymSpell, "create_dictionary_entry", counted)
    speller = spelling.for_store(store)
    assert speller.fix("jernbanefourm") == "jernbaneforum"
    assert len(entries) < len(speller.known) / 50  # the neighbours of one word, not all words


def test_a_new_measures_words_are_repaired_after_the_write(fresh_store, now):
    from bot import updates
    from bot.answers.knowledge import knowledge

    def speller():
        return knowledge(fresh_store).memo("speller", lambda: spelling.for_store(fresh_store))

    assert speller().fix("solcellepanelr") != "solcellepaneler"
    plan = next(p for p in fresh_store.plans() if p.period_start == 2021 and p.measure_count)
    advisor = updates.actor(fresh_store, name="Rune Jørgensen")
    fields = {"text": "Montere solcellepaneler på rådhustaket", "plan_id": plan.id}
    change = updates.Change(action="create", kind="measure", fields=fields)
    assert updates.apply(fresh_store, change, advisor, now).ok
    assert speller().fix("solcellepanelr") == "solcellepaneler"
    assert speller().fix("radhustakt") == "rådhustaket"  # written as the measure writes it
    question = "Hvem skal montere solcellepanelr?"
    fixed = correct(question, speller(), fresh_store.vocabulary(), Lemmas(fresh_store))
    assert fixed == "Hvem skal montere solcellepaneler?"


def test_a_comments_words_stay_in_the_dictionary_after_a_reload(fresh_store, now):
    from bot import updates

    advisor = updates.actor(fresh_store, name="Rune Jørgensen")
    comment = "Venter på tilbud om varmepumpeordningen"
    change = updates.Change(action="comment", target="T21-4", comment=comment)
    assert updates.apply(fresh_store, change, advisor, now).ok
    assert spelling.for_store(fresh_store).fix("varmepumpeordnngen") == "varmepumpeordningen"
    # A reload of knowledge/ rebuilds the dictionary, with the words written through the bot.
    load_knowledge(fresh_store, KNOWLEDGE, force=True, now=now)
    assert spelling.for_store(fresh_store).fix("varmepumpeordnngen") == "varmepumpeordningen"


def test_an_uploaded_documents_words_are_repaired(fresh_store, now, tmp_path):
    notes = tmp_path / "notat.txt"
    notes.write_text("Regionrådet vil utrede varmepumpeordningen for kommunene.\n", "utf-8")
    assert spelling.for_store(fresh_store).fix("varmepumpeordnngen") is None
    ingest_file(fresh_store, notes, now=now)
    assert spelling.for_store(fresh_store).fix("varmepumpeordnngen") == "varmepumpeordningen"


def test_a_database_without_a_current_dictionary_builds_one(fresh_store):
    with fresh_store.transaction():
        fresh_store.set_meta(spelling.META_KEY, "0:old")
    speller = spelling.for_store(fresh_store)
    assert not isinstance(speller, spelling.StoredSpeller)  # built in memory, as before
    assert speller.fix("jernbanefourm") == "jernbaneforum"
    ensure_loaded(fresh_store, KNOWLEDGE)  # the next start writes it anew
    assert fresh_store.meta(spelling.META_KEY) == spelling.version()
    assert isinstance(spelling.for_store(fresh_store), spelling.StoredSpeller)


def test_the_stored_term_dictionary_repairs_as_the_one_built_in_memory(store):
    vocab = store.vocabulary()
    stored, built = spelling.for_terms(vocab, store), spelling.for_terms(vocab)
    assert isinstance(stored, spelling.StoredTermSpeller)
    assert not isinstance(built, spelling.StoredTermSpeller)
    for typed in _typos(sorted(t for t in vocab if len(t) >= 4), 400, seed=11):
        assert stored.near(typed, 1) == built.near(typed, 1), typed
        assert stored.near(typed, 2) == built.near(typed, 2), typed


def test_the_term_dictionary_knows_a_term_written_since_the_load(fresh_store, now, monkeypatch):
    from symspellpy import SymSpell

    from bot import text as T
    from bot import updates

    advisor = updates.actor(fresh_store, name="Rune Jørgensen")
    change = updates.Change(
        action="comment", target="T21-4", comment="Venter på varmepumpeordningen"
    )
    assert updates.apply(fresh_store, change, advisor, now).ok
    vocab = fresh_store.vocabulary()
    term = T.stem("varmepumpeordningen")
    assert term in vocab
    entries = []
    real = SymSpell.create_dictionary_entry
    monkeypatch.setattr(
        SymSpell, "create_dictionary_entry", lambda s, k, n: entries.append(k) or real(s, k, n)
    )
    stored = spelling.for_terms(vocab, fresh_store)
    typed = T.stem("varmepumpeordnngen")
    assert stored.near(typed, 1) == [(term, 1)]
    assert len(entries) < len(vocab) / 20  # the neighbours and the new terms, not all terms
    assert stored.near(typed, 1) == spelling.for_terms(vocab).near(typed, 1)


def test_the_stored_index_is_the_one_symspell_builds(store):
    from bot.store import typos

    words = sorted(spelling.for_store(store).known)
    words = [*words[::5], "ab", "abc", "x"]  # and short words, whose deletes include ""
    assert typos.index(words) == dict(typos.symspell((w, 1) for w in words).deletes)
