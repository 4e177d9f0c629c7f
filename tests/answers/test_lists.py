"""List questions that name a count: the text that holds that many things answers them."""

import pytest

from bot import text as T
from bot.answers import answer
from bot.answers.lists import asked_count, states_count
from tests.answers.made_up import made_up_store


@pytest.mark.parametrize(
    ("question", "n"),
    [
        ("Hva er de tre viktigste grepene i planen?", 3),
        ("Kva er dei fire satsingane?", 4),
        ("Which five areas does the plan cover?", 5),
        ("What are the two main goals?", 2),
        ("Hvilke fem kommuner er med?", 5),
        ("Kva tre roller hadde prosjektleiaren?", 3),
        ("What three roles did she have?", 3),
        # No count: "to" as a preposition, a year, a number that is not a count of the list.
        ("What is the plan to improve broadband?", None),
        ("What to do about broadband?", None),
        ("Hvilke tiltak har AU i 2021?", None),
        ("Hvem har ansvar for tiltak 3?", None),
    ],
)
def test_the_count_a_question_names(question, n):
    assert asked_count(T.fold(question).lower()) == n


@pytest.mark.parametrize(
    ("text", "n", "holds"),
    [
        ("Veksten skyldes i hovedsak 3 motorer:", 3, True),
        ("Rollen har vært tredelt:", 3, True),
        ("Strategien har 4 hovedområder (skog, fisk, olje og turisme).", 4, True),
        ("Grunnene var fire: A; B; C og D.", 4, False),  # the number names no noun
        ("Strategien har 4 hovedområder (skog, fisk og olje).", 4, False),  # lists only three
        ("Det kom 3 innspill i mars.", 3, False),  # names the number, lists nothing
    ],
)
def test_a_text_that_says_it_holds_that_many_things(text, n, holds):
    assert states_count(text, n) is holds


def test_a_counted_question_gets_the_list_of_that_many_things(store, now):
    # The Kongsvinger report: the project leader's role "har ... vært tredelt:" and three
    # numbered roles follow; other passages about the project leader cover more words.
    a = answer("Hva var de tre rollene til prosjektlederen i Kongsvinger?", store=store, now=now)
    assert a.found and a.kind == "list"
    assert all(w in a.body for w in ("Katalysator", "Ambisjonsleverandør", "Koordinator"))


def test_a_table_list_of_as_many_things_as_asked_stands(store, now):
    a = answer("Hvilke fire områder har handlingsplanen 2019-2020?", store=store, now=now)
    assert a.found and a.body.count("\n• ") == 4 and "Interessepolitikk" in a.body


# --- a list under one name: facts of one subject, asked for by that name -------------------------

BYGD = """---
id: 904-soknad-bygdeby
title: "Søknad – Bygdebyen fase 2"
date: 2016-03-01
organisation: Bygderådet
region: Bygderegionen
kind: søknad
access: offentlig
source_file: 904.txt
---
# Forankring

Søknaden er forankret i arbeidet i Bygdeprogrammet (se vedlegg Bygdeplanen).

# Vedleggsliste

Bygdeplan for Bygdebyen 2016.pdf 120 000 01.03.2016

Næringsanalyse for Bygdebyen 2015.pdf 340 000 01.03.2016

Kart over Bygdebyen.pdf 99 000 02.03.2016
"""

BYGD_FACTS = """document: 904-soknad-bygdeby
facts:
  - id: d904-f-forankring
    subject: Forankring
    text: "Søknaden er forankret i arbeidet i Bygdeprogrammet (se vedlegg Bygdeplanen)."
    quote: "Søknaden er forankret i arbeidet i Bygdeprogrammet"
  - id: d904-f-vedlegg-plan
    subject: Vedlegg
    text: "Vedlegg: Bygdeplan for Bygdebyen 2016.pdf, filstørrelse 120 000."
    quote: "Bygdeplan for Bygdebyen 2016.pdf"
  - id: d904-f-vedlegg-analyse
    subject: Vedlegg
    text: "Vedlegg: Næringsanalyse for Bygdebyen 2015.pdf, filstørrelse 340 000."
    quote: "Næringsanalyse for Bygdebyen 2015.pdf"
  - id: d904-f-vedlegg-kart
    subject: Vedlegg
    text: "Vedlegg: Kart over Bygdebyen.pdf, filstørrelse 99 000."
    quote: "Kart over Bygdebyen.pdf"
"""


@pytest.fixture(scope="module")
def bygd(tmp_path_factory):

    return made_up_store(
        tmp_path_factory,
        {
            "documents/904-soknad-bygdeby.md": BYGD,
            "904-soknad-bygdeby.yaml": BYGD_FACTS,
        },
    )


@pytest.mark.parametrize(
    "question",
    [
        "Hvilke vedlegg fulgte med søknaden fra Bygdebyen?",
        "Hvilke vedlegg ble sendt med søknaden fra Bygdebyen?",
        "Kva vedlegg følgde med søknaden frå Bygdebyen?",
        "Hvilke dokumenter ble lagt ved søknaden fra Bygdebyen?",
        "Which attachments came with the Bygdebyen application?",
        "List opp vedleggene til søknaden",
    ],
)
def test_a_list_asked_by_its_name_is_given_whole(bygd, now, question):
    # The fact that mentions "vedlegg" in passing covers the words best; the three facts
    # named "Vedlegg" are the list asked for, all of them.
    a = answer(question, store=bygd, now=now)
    assert a.found and a.kind == "list", a.body
    assert all(f in a.body for f in ("Bygdeplan", "Næringsanalyse", "Kart over")), a.body


# --- the plan a list question names is where to read, not words the list must repeat -----------

FJORD_PLAN = """---
id: 905-handlingsplan-fjord
title: "Handlingsplan 2030-2031 for Fjordrådet"
date: 2030-01-10
organisation: Fjordrådet
region: Fjordregionen
kind: handlingsplan
access: offentlig
source_file: 905.txt
---
# Samferdsel

Delta i samarbeid med Fjordbuss, Båtruta, Fjordtog og andre aktuelle leverandører for kollektivtransport.

Delta aktivt i Havneforum og fortsette arbeidet for ny kai.

# Næring

Utarbeide kommunikasjonsplan for prosjektet «Fjord 2030» i samarbeid med næringshagen.

Sentrale interessepolitiske saker er: Havner, Sykehus og Skoletilbud.
"""


@pytest.fixture(scope="module")
def fjord(tmp_path_factory):

    return made_up_store(
        tmp_path_factory,
        {"documents/905-handlingsplan-fjord.md": FJORD_PLAN},
    )


@pytest.mark.parametrize(
    ("question", "listed"),
    [
        (
            "Hvilke kollektivselskaper skal Fjordrådet samarbeide med ifølge handlingsplanen "
            "2030-2031?",
            ("Fjordbuss", "Båtruta", "Fjordtog"),
        ),
        (
            "hvilke kollektivselskap skal fjordrådet samarbeide med i planen for 2030-2031",
            ("Fjordbuss", "Båtruta", "Fjordtog"),
        ),
        (
            "Hvilke kollektivselskaper nevnes i handlingsplanen 2030-2031?",
            ("Fjordbuss", "Fjordtog"),
        ),
        ("Nevn kollektivaktørene i handlingsplanen for 2030-2031", ("Fjordbuss", "Fjordtog")),
        # "nevnt i" says where the list is written, not a word the list must hold
        (
            "Hvilke kollektivaktører er nevnt i handlingsplanen 2030-2031?",
            ("Fjordbuss", "Fjordtog"),
        ),
        (
            "Hvilke saker er de viktigste interessepolitiske sakene i handlingsplanen for 2030-2031?",
            ("Havner", "Sykehus", "Skoletilbud"),
        ),
    ],
)
def test_the_plan_named_is_where_the_list_is_read(fjord, now, question, listed):
    # The plan's words and years ("handlingsplanen 2030-2031") are in its title, not in the
    # sentence that holds the list; a sentence that happens to name "2030" is not the answer.
    a = answer(question, store=fjord, now=now)
    assert a.found and all(x in a.body for x in listed), a.body


# --- a list question answered by several records, one thing each ---------------------------------


def _measure(n: int, text: str, kind: str = "measure"):
    from bot.models import Item, Source

    return Item(
        id=f"m{n}",
        kind=kind,
        text=text,
        fields={"text": text, "owner_text": "Ordfører", "plan_title": "Handlingsplan 2030-2031"},
        source=Source(document_id="905", title="Handlingsplan 2030-2031 for Fjordrådet"),
    )


def test_several_records_of_one_kind_are_listed_each_on_its_line():
    from bot.answers.offline import _listed
    from bot.answers.understand import understand

    q = understand("Hvilke fora skal Fjordrådet delta i?", now=now_date())
    items = [
        _measure(1, "Delta i Havneforum"),
        _measure(2, "Delta i Vegforum E6"),
        _measure(3, "Delta i Lufthavnrådet"),
    ]
    a = _listed(q, items)
    assert a is not None and a.kind == "list" and a.body.count("\n• ") == 3
    assert a.body.startswith("Handlingsplan 2030-2031:")
    assert "• Delta i Vegforum E6 (ansvar: Ordfører)" in a.body
    # Not a list question, or passages that may hold the thing anywhere: composed as before.
    assert _listed(understand("Hvem har ansvar for Havneforum?", now=now_date()), items) is None
    passages = [_measure(n, t, kind="passage") for n, t in enumerate(("a b", "c d", "e f"))]
    assert _listed(q, passages) is None


def now_date():
    from datetime import date

    return date(2030, 3, 1)
