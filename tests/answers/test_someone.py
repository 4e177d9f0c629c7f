"""Who-questions about a successor: someone else who took over, never the person asked about.

A made-up knowledge base, so that the check is tested as a mechanism, not on eval questions.
"""

from datetime import datetime

import pytest

from bot.answers import answer
from bot.config import TZ
from bot.store import Store
from tests.answers.made_up import made_up_store

NOW = datetime(2021, 4, 20, 9, 0, tzinfo=TZ)

REPORT = """---
id: 911-sluttrapport-fjordbyen
title: "Sluttrapport – Fjordbyen som motor"
date: 2020-05-01
organisation: Fjordrådet
region: Fjordregionen
kind: sluttrapport
access: offentlig
source_file: 911.txt
---
# Organisering

Kari Nordmann ble ansatt som prosjektleder for Fjordbyen-prosjektet i mars 2018 og sluttet i mai 2019.
Rådgiver Per Hansen overtok ansvaret for resten av prosjektperioden.

Rådsleder Ola Fjelltopp innledet til drøftingen om Fjordbyen-prosjektet og skisserte planen videre.
"""

PEOPLE = """people:
  - name: Kari Nordmann
    roles: [prosjektleder]
  - name: Per Hansen
    roles: [rådgiver]
  - name: Ola Fjelltopp
    roles: [rådsleder]
"""


@pytest.fixture(scope="module")
def fjord(tmp_path_factory) -> Store:
    return made_up_store(
        tmp_path_factory, {"documents/911-sluttrapport-fjordbyen.md": REPORT, "people.yaml": PEOPLE}
    )


def ask(store: Store, question: str):
    return answer(question, store=store, now=NOW)


@pytest.mark.parametrize(
    "question",
    [
        "Hvem overtok som prosjektleder etter Kari Nordmann?",
        "Kven tok over etter at Kari Nordmann slutta?",
        "Who took over after Kari Nordmann left the Fjordbyen project?",
        "Hvem ble ny prosjektleder etter Kari Nordmann?",
    ],
)
def test_the_successor_who_took_over_is_named(fjord, question):
    a = ask(fjord, question)
    assert a.found and "Per Hansen" in a.body.split("\n")[0]


@pytest.mark.parametrize(
    "question",
    [
        # Only Ola Fjelltopp himself is in the texts about his post: no successor is given.
        "Hvem overtok som rådsleder etter Ola Fjelltopp?",
        "Who replaced Ola Fjelltopp as leader of the council?",
        "Hvem ble ny rådsleder etter Ola Fjelltopp?",
        # Per Hansen is the one who took over, not the one someone took over from.
        "Hvem etterfulgte Per Hansen i Fjordbyen-prosjektet?",
    ],
)
def test_a_successor_never_named_is_refused(fjord, question):
    a = ask(fjord, question)
    assert a.found is False
    assert "Fjelltopp innledet" not in a.body.split("Det nærmeste")[0]


def test_the_one_before_a_successor_is_still_answered(fjord):
    a = ask(fjord, "Hvem var prosjektleder for Fjordbyen-prosjektet før Per Hansen overtok?")
    assert a.found and "Kari Nordmann" in a.body
