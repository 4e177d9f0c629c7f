"""The detail a question asks for (its type and focus), and whether a text holds it there."""

from datetime import date

import pytest

from bot import text as T
from bot.answers.asked import ROLE, Detail, asked, holds, phases
from bot.answers.understand import understand

TODAY = date(2021, 4, 20)


def detail(question: str) -> Detail | None:
    return asked(understand(question, now=TODAY))


@pytest.mark.parametrize(
    ("question", "kind", "focus"),
    [
        ("Hvor stort er driftsbudsjettet til rådet?", "figure", "driftsbudsjettet"),
        ("Hvor mange nye arbeidsplasser ble det?", "figure", "arbeidsplasser"),
        ("Hvor høy var ledigheten i prosent?", "percent", "ledigheten"),
        ("Hvor mye tilskudd fikk laget?", "money", ""),  # the noun is the money itself
        ("Hvor mye søkte Fjordbyen om?", "money", ""),  # a verb follows: the sum is asked
        ("Hvor mye fikk de?", "money", ""),  # what was received is money
        ("Hva het prosjektlederen i laget?", "name", "prosjektlederen"),
        ("Ble søknaden innvilget?", "verdict", ""),
        ("Fikk Fjordbyen tilsagn på søknaden?", "verdict", ""),
        ("Kva vart utfallet av søknaden til programmet?", "verdict", ""),
        ("Hva ble resultatet av søknaden fra laget?", "verdict", ""),
        ("Fikk laget penger over statsbudsjettet?", "verdict", ""),
        # The topic reads like a list ("for alle"), but "hvor mye" still asks for a figure.
        ("Hvor mye skal laget gi til «Idrett for alle»?", "figure", ""),
        # "hva endte regnskapet på": the sum of the accounts.
        ("Hva endte regnskapet for laget på?", "money", "regnskapet"),
        # ... and in English, with words of what is shown before the verb: the documents' word.
        ("What total spending did the revised accounts show?", "money", "regnskap"),
    ],
)
def test_the_asked_detail_has_a_type_and_a_focus(question, kind, focus):
    d = detail(question)
    assert d is not None and d.kind == kind
    assert " ".join(T.stem(w) for w in focus.split()) == " ".join(d.focus)


@pytest.mark.parametrize(
    "question",
    [
        "Hva heter strategien for lokalmat?",  # the name of a thing, not of a person
        "Hvordan finansieres deltakelsen i rådet?",  # a source of money, not a sum
        "Hvem har ansvaret for brua?",
    ],
)
def test_questions_without_a_typed_detail(question):
    assert detail(question) is None


def test_a_figure_must_stand_near_what_is_measured():
    d = Detail("figure", (T.stem("driftsbudsjettet"),))
    assert holds(d, "Driftsbudsjettet er på 2,4 millioner kroner i året.")
    assert not holds(d, "Handlingsplanen lages for to år. Driftsbudsjettet omtales ikke her.")


def test_a_percentage_needs_a_percent_sign_or_word():
    d = Detail("percent", (T.stem("ledigheten"),))
    assert holds(d, "Ledigheten var 2,1 prosent i 2019.")
    assert holds(d, "Ledigheten var 2,1 % i 2019.")
    assert not holds(d, "Ledigheten i regionen er lav, og sysselsettingen er høy.")


def test_a_sum_of_money_is_not_a_count():
    d = Detail("money", ())
    assert holds(d, "Prosjektet fikk 3 millioner kroner.")
    assert not holds(d, "Fire kommuner er med i prosjektet.")


def test_an_abbreviated_unit_counts():
    d = Detail("figure", (T.stem("innbyggere"),))
    assert holds(d, "Fordelt etter folkemengde: Elv 20 794 innb., Vål 3 790 innb.")


def test_a_verdict_is_a_text_that_tells_the_outcome():
    d = Detail("verdict")
    assert holds(d, "Søknaden ble innvilget i juni.")
    assert holds(d, "Prosjektet fikk ikke støtte over statsbudsjettet.")
    assert not holds(d, "Søknaden sendes innen 1. juni og forankres i kommunestyret.")


def test_phases_in_digits_words_and_ordinals():
    assert phases("Første fase ble gjennomført i 2014.") == {1}
    assert phases("Overgangen fra fase 2 til fase tre") == {2, 3}
    assert phases("in the second phase") == {2}
    assert phases("Faser og planer") == set()


@pytest.mark.parametrize(
    ("word", "role"),
    [
        ("ordfører", True),
        ("rådmann", True),
        ("saksbehandler", True),
        ("prosjektlederen", True),
        ("lederen", True),
        ("kontaktperson", True),
        ("for", False),
        ("person", False),
        ("strategidokumentet", False),
    ],
)
def test_a_role_is_a_word_for_what_someone_is(word, role):
    assert bool(ROLE.search(T.stem(word))) is role


@pytest.mark.parametrize(
    "question",
    ["Hva kostet brua?", "Hvor mye koster anlegget totalt?", "What did the bridge cost?"],
)
def test_a_cost_is_asked_as_a_cost(question):
    d = detail(question)
    assert d is not None and d.kind == "cost"


def test_a_cost_is_an_amount_said_as_a_cost_or_a_budget_not_a_grant():
    d = detail("Hva kostet brua?")
    assert holds(d, "Brua kostet 12 millioner kroner.")
    assert holds(d, "Sum kostnad for prosjektet er 6 600 000 kroner.")
    assert holds(d, "Prosjektet har et budsjett på 8,2 millioner kroner.")
    assert not holds(d, "Rådet bevilget et tilskudd på 400 000 kroner til brua.")
