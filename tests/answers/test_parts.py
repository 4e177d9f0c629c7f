"""Two-part questions: found, answered part by part, joined in one answer."""

import pytest

from bot.answers import answer
from bot.answers.parts import split
from tests.answers.made_up import made_up_store


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
        # The words said once belong to both parts: a first part that stops at its subject
        # borrows the rest of the second, a second part that goes straight to its preposition
        # borrows the start of the first.
        (
            "Når skal AU og når skal regionrådet behandle budsjettet?",
            ["Når skal AU behandle budsjettet?", "Når skal regionrådet behandle budsjettet?"],
        ),
        (
            "When will AU and when will the council discuss the plan?",
            ["When will AU discuss the plan?", "When will the council discuss the plan?"],
        ),
        (
            "Hvem er ansvarlig for bredbånd og hvem for kollektivtrafikk?",
            ["Hvem er ansvarlig for bredbånd?", "Hvem er ansvarlig for kollektivtrafikk?"],
        ),
        (
            "Hvor mye bidrar fylket med i 2016 og hvor mye i 2017?",
            ["Hvor mye bidrar fylket med i 2016?", "Hvor mye bidrar fylket med i 2017?"],
        ),
        # The same question about two bodies, one part each.
        (
            "Når skal arbeidsutvalget og regionrådet behandle saken?",
            ["Når skal arbeidsutvalget behandle saken?", "Når skal regionrådet behandle saken?"],
        ),
        # ... with the preposition said again before the second body.
        (
            "Når skal planen behandles i AU og i regionrådet etter høringen?",
            [
                "Når skal planen behandles i AU etter høringen?",
                "Når skal planen behandles i regionrådet etter høringen?",
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
        "Hva gjør Tynset og Røros i prosjektet?",
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


def test_a_second_part_that_says_all_it_asks_is_not_pulled_to_the_first(store, now):
    # Read with the first part as its context, "hvem for mobildekning" would lean towards
    # Jernbaneforum; filled and answered on its own it finds its own owner.
    a = answer("Hvem har ansvar for Jernbaneforum og hvem for mobildekning?", store=store, now=now)
    assert a.found
    assert "Jernbaneforum" in a.body and "mobildekning" in a.body


def test_leaning_parts():
    from bot.answers.parts import leans

    assert leans("Når ble det bestemt?") and leans("Hvem betalte?") and leans("Why did he leave?")
    assert not leans("Hvem er ansvarlig for Helsebyen Kongsvinger?")


def test_two_questions_with_their_own_words_keep_them():
    assert split("Hvem leder AU og hvem leder regionrådet?") == [
        "Hvem leder AU?",
        "Hvem leder regionrådet?",
    ]


def test_a_figure_asked_for_several_places_is_asked_for_each():
    places = {"tyns", "roro", "os"}
    assert split("Hvor mange innbyggere har Tynset, Røros og Os?", places) == [
        "Hvor mange innbyggere har Tynset?",
        "Hvor mange innbyggere har Røros?",
        "Hvor mange innbyggere har Os?",
    ]
    # Places that together name a project are not split when no figure is asked for.
    assert split("Hva gjør Tynset og Røros i prosjektet?", places) == [
        "Hva gjør Tynset og Røros i prosjektet?"
    ]


def test_each_place_is_answered_from_its_own_row(store, now):
    # The Elverum application gives each municipality's population in one table row each.
    a = answer("Hvor mange innbyggere hadde Åmot og Elverum per 1.1.2015?", store=store, now=now)
    assert a.found and "4 456" in a.body and "20 794" in a.body


def test_a_later_part_about_another_period_asks_the_first_again():
    assert split(
        "Hvem hadde ansvar for bredbånd i 2019-2020, og hvem har det i utkastet for 2021-2022?"
    ) == [
        "Hvem hadde ansvar for bredbånd i 2019-2020?",
        "Hvem hadde ansvar for bredbånd i 2021-2022?",
    ]
    # A later part with words of its own is its own question.
    assert split(
        "Hvem har ansvar for bredbånd i 2019-2020, og hva kostet mobildekning i 2021-2022?"
    ) == [
        "Hvem har ansvar for bredbånd i 2019-2020?",
        "Hva kostet mobildekning i 2021-2022?",
    ]


def test_a_later_part_naming_no_place_leans_on_the_place_of_the_first():
    from bot.answers.parts import leans

    places = {"kongsving"}
    first = "Hvor ofte får regionrådet i Kongsvinger en rapport?"
    assert leans("Når på året vedtas satsingsområdene for neste år?", first, places)
    assert not leans("Når på året vedtas satsingsområdene i Kongsvinger?", first, places)
    assert not leans("Når på året vedtas satsingsområdene for neste år?", "Hva koster det?", places)


def test_bodies_named_in_english_are_each_a_part():
    assert split(
        "On which dates will the working committee and the regional council deal with the plan?"
    ) == [
        "On which dates will arbeidsutvalget deal with the plan?",
        "On which dates will regionrådet deal with the plan?",
    ]
    # One body named in English stays the question as asked.
    assert split("When does the working committee meet?") == [
        "When does the working committee meet?"
    ]


# A made-up knowledge base, so that the joining is tested as a mechanism, not on eval questions.
PLAN = """---
id: 911-handlingsplan-fjordraadet
title: "Handlingsplan for Fjordrådet 2023-2024"
date: 2023-01-10
organisation: Fjordrådet
region: Fjordregionen
kind: handlingsplan
access: offentlig
source_file: 911.txt
---
# Samferdsel

Hovedaktiviteter: Utrede ny hurtigbåtrute mellom Nordvik og Sørvik; Ansvar: Havnesjefen med bistand fra AU; Finansiering: Fylkestilskudd.

# Høringen

Plan for arbeidet i 2023: samferdselsnotatet blir tilsendt kommunestyrene for drøfting i kommunestyrene.

Møter: Nettverksmøter for havnene (4 ganger pr år); Fellesmøter for ordførerne (2 ganger pr år).

Samferdselsnotatet ble sendt 3. februar. To av kommunene leverte skriftlige svar.
"""

PLAN_FACTS = """document: 911-handlingsplan-fjordraadet
plans:
  - id: d911-hp
    title: Handlingsplan for Fjordrådet 2023-2024
    kind: handlingsplan
    period_start: 2023
    period_end: 2024
    quote: "Utrede ny hurtigbåtrute mellom Nordvik og Sørvik"
    goals: []
    measures:
      - id: d911-m-hurtigbat
        text: "Utrede ny hurtigbåtrute mellom Nordvik og Sørvik"
        kind: hovedaktivitet
        owners: [Havnesjefen, AU]
        owner_text: "Havnesjefen med bistand fra AU"
        financing: "Fylkestilskudd"
        due: 2023-06-30
        quote: "Utrede ny hurtigbåtrute mellom Nordvik og Sørvik"
      - id: d911-m-nettverk
        text: "Nettverksmøter for havnene"
        kind: aktivitet
        frequency: "4 ganger pr år"
        quote: "Nettverksmøter for havnene (4 ganger pr år)"
      - id: d911-m-ordforere
        text: "Fellesmøter for ordførerne"
        kind: aktivitet
        frequency: "2 ganger pr år"
        quote: "Fellesmøter for ordførerne (2 ganger pr år)"
"""


@pytest.fixture(scope="module")
def fjord(tmp_path_factory):

    return made_up_store(
        tmp_path_factory,
        {
            "documents/911-handlingsplan-fjordraadet.md": PLAN,
            "911-handlingsplan-fjordraadet.yaml": PLAN_FACTS,
        },
    )


def test_a_later_part_asking_another_field_is_answered_from_the_same_record(fjord, now):
    a = answer(
        "Hvem har ansvaret for å utrede hurtigbåtruten, og hvordan finansieres den?",
        store=fjord,
        now=now,
    )
    assert a.found
    assert "Havnesjefen" in a.body and "Fylkestilskudd" in a.body
    assert a.body.count("Fylkestilskudd") == 1  # said once, though both parts lead to it
    assert "Jeg finner ikke" not in a.body


def test_one_text_that_answers_one_part_answers_the_other_too(fjord, now):
    a = answer(
        "Når fikk kommunestyrene tilsendt samferdselsnotatet, og hvor mange kommuner svarte "
        "skriftlig?",
        store=fjord,
        now=now,
    )
    assert a.found
    assert "3. februar" in a.body and "To av kommunene" in a.body
    assert "Plan for arbeidet" not in a.body  # the text that covers the words, without a day


def test_a_later_part_about_something_else_is_not_taken_from_the_record(fjord, now):
    from bot.answers.offline import _about_record

    asked = "Hvem har ansvaret for å utrede hurtigbåtruten, og når er fristen?"
    assert "Frist: fredag 30. juni 2023" in answer(asked, store=fjord, now=now).body
    measure = answer("Hvem har ansvaret for å utrede hurtigbåtruten?", store=fjord, now=now)
    record = measure.facts[0]
    assert record.kind == "measure"
    today = now.date()
    assert _about_record("Når er fristen?", "deadline", record, fjord, today)
    assert _about_record("How is it funded?", "financing", record, fjord, today)
    # "den forrige havnesjefen" is someone, not the measure: its deadline does not say when
    # they left.
    assert not _about_record(
        "Når sluttet den forrige havnesjefen?", "deadline", record, fjord, today
    )


def test_a_question_about_two_things_gets_the_fact_of_each(fjord, now):
    a = answer(
        "Hvor ofte er det nettverksmøter og fellesmøter for ordførerne?", store=fjord, now=now
    )
    assert a.found
    assert "4 ganger pr år" in a.body and "2 ganger pr år" in a.body


@pytest.mark.parametrize(
    ("question", "parts"),
    [
        (
            "Hvor mange bodde i Fjordregionen i 2005 og i 2020?",
            [
                "Hvor mange bodde i Fjordregionen i 2005?",
                "Hvor mange bodde i Fjordregionen i 2020?",
            ],
        ),
        (
            "What was the job growth in 2016 and 2017?",
            ["What was the job growth in 2016?", "What was the job growth in 2017?"],
        ),
    ],
)
def test_the_same_question_about_two_years_is_two_parts(question, parts):
    assert split(question) == parts


def test_one_span_of_years_stays_one_question():
    asked = "Hvor mange arbeidsplasser kom til mellom 2016 og 2017?"
    assert split(asked) == [asked]


def test_a_later_part_about_the_time_before_does_not_lean_on_the_first_parts_year():
    from bot.answers.parts import leaning_context

    first = "Hvor mange nye arbeidsplasser fikk regionen i 2017?"
    assert "2017" not in leaning_context("Hvor stor var den årlige nedgangen før?", first)
    assert "2017" not in leaning_context("And how large was the decline earlier?", first)
    # A later part that asks nothing about another time leans on the first as it is.
    assert leaning_context("Og hvem betalte?", first) == first


TRENDS = """---
id: 912-rapport-fjordregionen
title: "Rapport – Fjordregionen"
date: 2021-02-01
organisation: Fjordrådet
region: Fjordregionen
kind: sluttrapport
access: offentlig
source_file: 912.txt
---
# Befolkning

Fjordregionen har 12 400 innbyggere (2020).

Regionen har vokst jevnt fra 10 100 innbyggere i 2005 til 12 400 i 2020.

# Arbeidsplasser

Hurtigbåtprosjektet ga i 2019 en vekst på 85 nye arbeidsplasser i Fjordregionen. Det betyr at
trenden med nedgang i antall arbeidsplasser (ca 40 pr år) er snudd.

# Økonomi

Prosjektet hadde et opprinnelig budsjett på 4,1 millioner kroner. Revidert budsjett på 3,6
millioner kroner ble godkjent i mars 2020.
"""


# The region's population as a record of one year, which covers a question's words best.
TRENDS_FACTS = """document: 912-rapport-fjordregionen
organisations:
  - id: org-fjordregionen
    name: Fjordregionen
    kind: region
    population: 12400
    population_year: 2020
    quote: "Fjordregionen har 12 400 innbyggere (2020)."
"""


@pytest.fixture(scope="module")
def trends(tmp_path_factory):

    return made_up_store(
        tmp_path_factory,
        {
            "documents/912-rapport-fjordregionen.md": TRENDS,
            "912-rapport-fjordregionen.yaml": TRENDS_FACTS,
        },
    )


def test_each_year_is_answered_by_the_text_that_names_it(trends, now):
    a = answer("Hvor mange innbyggere hadde Fjordregionen i 2005 og i 2020?", store=trends, now=now)
    assert a.found and "10 100" in a.body and "12 400" in a.body
    one = answer("Hvor mange innbyggere hadde Fjordregionen i 2005?", store=trends, now=now)
    assert "10 100" in one.body.split("\n")[0]


def test_a_later_part_about_the_time_before_is_answered_from_its_own_text(trends, now):
    a = answer(
        "Hvor mange nye arbeidsplasser ga hurtigbåtprosjektet i 2019, og hvor stor var den "
        "årlige nedgangen før?",
        store=trends,
        now=now,
    )
    assert a.found and "85" in a.body and "40 pr år" in a.body


def test_a_later_part_found_nowhere_with_the_first_is_looked_up_on_its_own(trends, now):
    # "det" makes the later part lean on the first; read with the first part's words (jobs in
    # 2019) nothing holds it, but what it names (the revised budget) is there.
    a = answer(
        "Hvor mange nye arbeidsplasser ga hurtigbåtprosjektet i 2019, og når ble det "
        "reviderte budsjettet godkjent?",
        store=trends,
        now=now,
    )
    assert a.found and "85" in a.body and "mars 2020" in a.body
