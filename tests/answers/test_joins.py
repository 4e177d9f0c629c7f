"""Words a question writes apart that the documents write as one word, and English words read
through the bilingual dictionary, on a made-up knowledge base (the mechanisms, not eval questions)."""

from datetime import datetime

import pytest

from bot import text as T
from bot.answers import answer, joins, translation
from bot.answers.knowledge import knowledge
from bot.answers.lemmas import Lemmas
from bot.answers.understand import understand
from bot.config import TZ
from bot.store import Store
from tests.answers.made_up import made_up_store

NOW = datetime(2021, 4, 20, 9, 0, tzinfo=TZ)

REPORT = """---
id: 904-rapport-fjordbyen
title: "Sluttrapport – Fjordbyen"
date: 2019-01-30
organisation: Fjordrådet
region: Fjordregionen
kind: sluttrapport
access: offentlig
source_file: 904.txt
---
# Resultater

Fjordrådet bevilget 250.000 kroner fra sitt disposisjonsfond til Fjordløpet 2018.

Fagskoletilbud innen sjømat starter opp ved Fjord videregående skole i mars 2019.

Fjordsenteret har fått flere ansatte, fra 7 årsverk i 2017 til 11 årsverk i 2018.

Fjord Turlag har merket 40 km kyststi for sykling langs fjorden.

Fjordrådet skal ferdigstille kommunikasjonsplan med markedsføringsplan innen utgangen av 2019.

Fjordrådet skal utarbeide rutiner for kommunikasjon med havna og en plan for markedet i 2020.
"""


@pytest.fixture(scope="module")
def made_up(tmp_path_factory) -> Store:
    return made_up_store(
        tmp_path_factory,
        {"documents/904-rapport-fjordbyen.md": REPORT},
    )


def read(store: Store, question: str):
    return understand(
        question, now=NOW.date(), vocabulary=knowledge(store).vocabulary, lemmas=Lemmas(store)
    )


def ask(store: Store, question: str):
    return answer(question, store=store, now=NOW)


def test_an_abbreviated_compound_is_read_as_the_documents_word(made_up):
    vocabulary = knowledge(made_up).vocabulary
    assert joins.abbreviated("fra disp.fondet", vocabulary) == "fra disposisjonsfond"
    # nothing in the index begins with "xyz" and ends with "fond": left as written
    assert joins.abbreviated("fra xyz.fondet", vocabulary) == "fra xyz.fondet"
    a = ask(made_up, "hvor mye ga fjordrådet fra disp.fondet til fjordløpet?")
    assert a.found and "250.000" in a.body


def test_a_compound_written_as_two_words_is_the_documents_compound(made_up):
    vocabulary = knowledge(made_up).vocabulary
    text, parts = joins.joined("tilbud innen sjø mat", vocabulary)
    assert text == "tilbud innen sjømat" and parts == {"sjomat": ["sjo", "mat"]}
    q = read(made_up, "Når starter fagskoletilbudet innen sjø mat?")
    assert "sjomat" in q.topic and q.joined["sjomat"] == ["sjo", "mat"]
    assert "sjomat" in q.folded  # read on as one word ("mobil dekning" is no phone)
    a = ask(made_up, "Når starter fagskoletilbudet innen sjø mat?")
    assert a.found and "mars 2019" in a.body


def test_names_and_stopwords_are_not_joined(made_up):
    vocabulary = {**knowledge(made_up).vocabulary, "fjordregion": 1}
    # "Fjord regionen": a name, kept as the question writes it
    assert joins.joined("i Fjord regionen", vocabulary) == ("i Fjord regionen", {})
    assert joins.joined("fra sitt", vocabulary)[1] == {}


def test_an_english_compound_is_the_norwegian_one_word(made_up):
    question = "When will the communication plan with the marketing plan be completed?"
    q = read(made_up, question)
    assert q.joined == {
        "kommunikasjonsplan": ["kommunikasjon", "plan"],
        "markedsforingsplan": ["markedsforing", "plan"],
    }
    assert T.stem("ferdigstille") in q.topic  # the glossary's "finish", in any inflection
    a = ask(made_up, question)
    assert a.found and "innen utgangen av 2019" in a.body and "2020" not in a.body


def test_the_dictionary_translates_english_words_the_glossary_lacks(made_up):
    assert "sykling" in translation.norwegian("cycling")
    q = read(made_up, "How long is the coastal path for cycling?")
    assert T.stem("sykling") in q.topic and T.stem("sykling") in q.translated
    a = ask(made_up, "How long is the coastal path for cycling?")
    assert a.found and "40 km" in a.body


def test_a_translation_the_index_lacks_leaves_the_english_word(made_up):
    # "salmon" is "laks": the documents never say it, so nothing is put in its place
    q = read(made_up, "What was done for the salmon?")
    assert T.stem("laks") not in q.topic and "salmon" in q.topic


def test_an_abbreviation_plural_finds_the_glossary_word(made_up):
    q = read(made_up, "How many FTEs did Fjordsenteret have in 2018?")
    assert T.stem("årsverk") in q.topic
    a = ask(made_up, "How many FTEs did Fjordsenteret have in 2018?")
    assert a.found and "11 årsverk" in a.body


def test_a_dictionary_entry_is_parsed_into_its_translations():
    entry = "finish //ˈfɪnɪʃ// <n>\n1. slutt\nan end\n2. avslutning, finale\nthe last part\n"
    assert translation.parse(entry) == ["slutt", "avslutning", "finale"]
    odd = "communication <n>\nkommunikasjon 2.\na message\n 3.\nact of communicating\n"
    assert translation.parse(odd) == ["kommunikasjon"]
