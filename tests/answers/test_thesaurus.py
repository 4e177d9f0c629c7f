"""A question word the documents lack read through the thesaurus's synonyms they have, on a
made-up knowledge base (the mechanism, not eval questions)."""

from datetime import datetime

import pytest

from bot import text as T
from bot.answers import answer, thesaurus
from bot.answers import weights as W
from bot.answers.knowledge import knowledge
from bot.answers.lemmas import Lemmas
from bot.answers.retrieve import Ranker
from bot.answers.understand import understand
from bot.config import TZ
from bot.store import Store
from tests.answers.made_up import made_up_store

NOW = datetime(2021, 4, 20, 9, 0, tzinfo=TZ)

PLAN = """---
id: 906-plan-fjordbyen
title: "Handlingsplan – Fjordbyen"
date: 2021-01-30
organisation: Fjordrådet
region: Fjordregionen
kind: handlingsplan
access: offentlig
source_file: 906.txt
---
# Samferdsel

Fjordrådet skal arbeide for at Fjord lufthavn får flere daglige avganger.

Havna i Fjordbyen skal mudres i 2022.
"""


@pytest.fixture(scope="module")
def made_up(tmp_path_factory) -> Store:
    return made_up_store(tmp_path_factory, {"documents/906-plan-fjordbyen.md": PLAN})


def test_the_thesaurus_knows_words_for_the_same_thing():
    assert "lufthavn" in thesaurus.synonyms()["flyplass"]


def test_a_word_the_documents_lack_has_the_synonyms_they_have(made_up):
    lemmas = Lemmas(made_up, knowledge(made_up).vocabulary)
    assert T.stem("lufthavn") in lemmas.related("flyplassen")  # an inflected form too
    # a word the documents have is read as itself
    assert lemmas.related("havna") == []


def test_a_question_with_a_synonym_finds_the_text(made_up):
    a = answer("Hva skal Fjordrådet gjøre for flyplassen?", store=made_up, now=NOW)
    assert a.found and "flere daglige avganger" in a.body
    q = understand(
        "Hva skal Fjordrådet gjøre for flyplassen?",
        now=NOW.date(),
        vocabulary=knowledge(made_up).vocabulary,
        lemmas=Lemmas(made_up),
    )
    exp = next(e for e in Ranker(made_up, q).topic if e.term == T.stem("flyplassen"))
    assert exp.alts[T.stem("lufthavn")] == W.THESAURUS  # less than the word itself
