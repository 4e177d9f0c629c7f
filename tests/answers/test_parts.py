"""Two-part questions: found, answered part by part, joined in one answer."""

import pytest

from bot.answers import answer
from bot.answers.parts import split


@pytest.mark.parametrize(
    ("question", "parts"),
    [
        (
            "Hvem leder styringsgruppa, og når ble sluttrapporten datert?",
            ["Hvem leder styringsgruppa?", "Når ble sluttrapporten datert?"],
        ),
        (
            "Hva kostet prosjektet og hvem betalte?",
            ["Hva kostet prosjektet?", "Hvem betalte?"],
        ),
        (
            "Hvilket område ble lagt til, og på hvilken dato ble det bestemt?",
            ["Hvilket område ble lagt til?", "På hvilken dato ble det bestemt?"],
        ),
        (
            "Kven har ansvaret og kva kostar det?",
            ["Kven har ansvaret?", "Kva kostar det?"],
        ),
        (
            "Who is responsible and when is the deadline?",
            ["Who is responsible?", "When is the deadline?"],
        ),
        (
            "Hvem har ansvar for Jernbaneforum i 2019-2020 og 2021-2022?",
            [
                "Hvem har ansvar for Jernbaneforum i 2019-2020?",
                "Hvem har ansvar for Jernbaneforum i 2021-2022?",
            ],
        ),
    ],
)
def test_a_question_asking_two_things_is_split(question, parts):
    assert split(question) == parts


@pytest.mark.parametrize(
    "question",
    [
        "Hvem har ansvaret for Jernbaneforum Røros- og Solørbanen?",
        "Hva gjør Tynset og Røros som motorer?",
        "Hvilke kommuner og regioner er med?",
    ],
)
def test_one_question_stays_whole(question):
    assert split(question) == [question]


def test_each_part_is_answered_from_its_own_fact(store, now):
    a = answer(
        "Når skal handlingsplanen opp i arbeidsutvalget, og når skal regionrådet behandle den?",
        store=store,
        now=now,
    )
    assert a.found
    assert "10. mai" in a.body and "26. mai" in a.body
    assert {s.title for s in a.sources} and "Kilde:" not in a.body


def test_a_part_the_documents_do_not_answer_is_named(store, now):
    a = answer(
        "Hvem har ansvaret for Jernbaneforum Røros- og Solørbanen, og når åpnet "
        "svømmehallen i curlingbyen?",
        store=store,
        now=now,
    )
    assert a.found and "Administrasjonen" in a.body
    assert "Jeg finner ikke" in a.body and "svømmehallen i curlingbyen" in a.body


def test_nothing_found_for_either_part_is_a_refusal(store, now):
    a = answer("Hvem eier curlinghallen, og når åpnet svømmebassenget?", store=store, now=now)
    assert not a.found and a.kind == "none"
