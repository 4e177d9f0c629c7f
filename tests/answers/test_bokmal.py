"""Nynorsk words spelt otherwise in bokmål read as the documents' bokmål words, through the
Nynorsk-Bokmål dictionary, on a made-up knowledge base (the mechanism, not eval questions)."""

from datetime import datetime

import pytest

from bot import text as T
from bot.answers import answer, bokmal
from bot.answers.knowledge import knowledge
from bot.answers.lemmas import Lemmas
from bot.answers.understand import understand
from bot.config import TZ
from bot.store import Store
from tests.answers.made_up import made_up_store

NOW = datetime(2021, 4, 20, 9, 0, tzinfo=TZ)

PLAN = """---
id: 905-plan-fjordbyen
title: "Handlingsplan – Fjordbyen"
date: 2021-01-30
organisation: Fjordrådet
region: Fjordregionen
kind: handlingsplan
access: offentlig
source_file: 905.txt
---
# Samferdsel

Fjordrådet skal delta i Kairådet og sikre båtrutetilbudet til Fjordbyen.

I det endelige høringsutkastet er fjordforumet erstattet av en fellesarena for kommunene.

# Høring

Planen sendes på høring i mai, og tilbudet om innspill gjelder alle.
"""


@pytest.fixture(scope="module")
def made_up(tmp_path_factory) -> Store:
    return made_up_store(tmp_path_factory, {"documents/905-plan-fjordbyen.md": PLAN})


def lemmas_of(store: Store, *words: str):
    return Lemmas(store, knowledge(store).vocabulary).of(words)


def test_the_dictionary_pairs_spellings_of_one_word():
    assert "tilbud" in bokmal.pairs()["tilbod"]
    assert "høring" in bokmal.pairs()["høyring"]
    # another word for the thing ("heite" is also "varme") is not a spelling of it
    assert "varme" not in bokmal.pairs().get("heite", [])


def test_a_nynorsk_form_is_read_as_the_bokmal_word_the_documents_use(made_up):
    # the documents write "tilbudet" (lemma "tilbud"); nynorsk writes "tilbodet" (lemma "tilbod")
    assert lemmas_of(made_up, "tilbodet")["tilbodet"].lemma == "tilbud"


def test_a_nynorsk_first_part_of_a_compound_is_respelt(made_up):
    read = lemmas_of(made_up, "høyringsutkastet")["høyringsutkastet"]
    assert read.term == T.stem("høringsutkastet")  # as the documents write it


def test_a_nynorsk_last_part_gives_the_bokmal_compound(made_up):
    read = lemmas_of(made_up, "båtrutetilbodet")["båtrutetilbodet"]
    assert read.lemma == "båtrutetilbud"


def test_a_nynorsk_question_finds_the_bokmal_text(made_up):
    q = understand(
        "Kva står i det endelege høyringsutkastet om fjordforumet?",
        now=NOW.date(),
        vocabulary=knowledge(made_up).vocabulary,
        lemmas=Lemmas(made_up),
    )
    assert T.stem("høringsutkastet") in q.topic  # as the documents write it
    a = answer("Kva står i det endelege høyringsutkastet om fjordforumet?", store=made_up, now=NOW)
    assert a.found and "fellesarena" in a.body
    a = answer("Kva råd skal sikre båtrutetilbodet til Fjordbyen?", store=made_up, now=NOW)
    assert a.found and "Kairådet" in a.body
