"""Questions about people and bodies (the mechanisms in understand.py, compose.py, offline.py and
someone.py): who a body is made of, who leads it, and two roles of one
body asked together. A made-up knowledge base, so that the mechanisms are tested, not eval
questions."""

from datetime import datetime

import pytest

from bot.answers import answer
from bot.config import TZ
from bot.store import Store
from tests.answers.made_up import made_up_store

NOW = datetime(2021, 4, 20, 9, 0, tzinfo=TZ)

REPORT = """---
id: 906-sluttrapport-fjordbyen
title: "Sluttrapport – Fjordbyen som motor i regionen"
date: 2020-05-01
organisation: Fjordrådet
region: Fjordregionen
kind: sluttrapport
access: offentlig
source_file: 906.txt
---
# Organisering

Fjordbyen-prosjektet har hatt en formell organisering vedtatt av kommunestyrene. Det er tilsatt
en egen prosjektleder som har hatt det daglige ansvaret for å drive prosessene. Prosjektet har
samarbeidet tett med flere konsulenter i regionen. Prosjektet har hatt en styringsgruppe
bestående av fiskeribedrifter og ordførere. Styringsgruppa har møttes fire ganger i året.

Fjordrådet har sitt sekretariat i Fjordkommune.

Prosjektet har rapportert månedlig til kommunene. I tillegg har ordførermøtet fungert som en
referansegruppe for prosjektet.
"""

REPORT_FACTS = """
document: 906-sluttrapport-fjordbyen
people:
  - name: Kari Havn
    roles: [ordfører, leder for styringsgruppa]
    note: Ordfører i Fjordkommune, leder av styringsgruppa
    quote: "Kari Havn, ordfører i Fjordkommune og Per Strand, ordfører i Saltvik (leder og nestleder for styringsgruppa)"
  - name: Per Strand
    roles: [ordfører, nestleder for styringsgruppa]
    note: Ordfører i Saltvik, nestleder av styringsgruppa
    quote: "Per Strand, ordfører i Saltvik (leder og nestleder for styringsgruppa)"
  - name: Lise Berg
    roles: [fjordrådsleder]
    note: Leder av Fjordrådet fra 2019
    quote: "Fjordrådsleder Lise Berg"
"""

SIGNED = """

Kari Havn, ordfører i Fjordkommune og Per Strand, ordfører i Saltvik (leder og nestleder for
styringsgruppa)

Fjordrådsleder Lise Berg
"""


@pytest.fixture(scope="module")
def made_up(tmp_path_factory) -> Store:
    return made_up_store(
        tmp_path_factory,
        {
            "documents/906-sluttrapport-fjordbyen.md": REPORT + SIGNED,
            "906-sluttrapport-fjordbyen.yaml": REPORT_FACTS,
        },
    )


def ask(store: Store, question: str):
    return answer(question, store=store, now=NOW)


@pytest.mark.parametrize(
    "question",
    [
        "Hvem satt i styringsgruppa for Fjordbyen-prosjektet?",
        "Hvem utgjorde styringsgruppa i Fjordbyen-prosjektet?",
        "Hvem har sittet i styringsgruppa for Fjordbyen-prosjektet?",
        "Kven sat i styringsgruppa for Fjordbyen-prosjektet?",
    ],
)
def test_who_a_body_is_made_of_is_the_sentence_that_says_so(made_up, question):
    a = ask(made_up, question)
    assert a.found, a.body
    first = a.body.split("\n")[0]
    assert "fiskeribedrifter og ordførere" in first, a.body
    assert "sekretariat" not in a.body  # "sitt" is not the "sittet" asked


def test_a_body_that_acts_as_another_is_what_that_one_is_made_of(made_up):
    a = ask(made_up, "Hvem utgjør referansegruppa for prosjektet?")
    assert a.found and "ordførermøtet" in a.body.split("\n")[0], a.body


def test_two_roles_asked_together_are_answered_with_both_people(made_up):
    a = ask(made_up, "Hvem var leder og nestleder i styringsgruppa?")
    assert a.found and "Kari Havn" in a.body and "Per Strand" in a.body, a.body


@pytest.mark.parametrize(
    "question", ["Hvem leder Fjordrådet?", "Kven leiar Fjordrådet?", "Who chairs Fjordrådet?"]
)
def test_who_leads_a_body_is_its_leader_by_the_compound_the_documents_use(made_up, question):
    a = ask(made_up, question)
    assert a.found and "Lise Berg" in a.body.split("\n")[0], a.body
