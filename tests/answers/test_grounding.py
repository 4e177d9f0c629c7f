"""Grounding on its own: which facts of an answer the tool records hold, and what is shown."""

from __future__ import annotations

from datetime import date

import pytest

from bot.answers import grounding as G
from bot.answers import tools
from bot.answers.model import Answer
from bot.answers.names import known_names

JERNBANE = "Hvem har ansvar for jernbaneforum?"


@pytest.fixture
def jernbane(store, now):
    return G.seen_records("search", tools.search(store, "jernbaneforum", now=now))


@pytest.fixture
def names(store):
    return known_names(store)


@pytest.fixture
def fallback():
    return Answer(body="Det offline svaret.", found=True, kind="owner")


def unsupported(question, body, seen, names, **kw):
    return G.check(question, body, G._unique(seen), names=names, **kw).unsupported


def test_owners_in_the_record_are_supported(jernbane, names):
    body = "Ansvarlig ordfører og regionrådgiver har ansvar for å delta aktivt i Jernbaneforum."
    assert unsupported(JERNBANE, body, jernbane, names) == []


def test_a_known_body_not_in_the_records_is_not(jernbane, names):
    body = "Arbeidsutvalget har ansvar for Jernbaneforum."
    assert unsupported(JERNBANE, body, jernbane, names) == ["arbeidsutvalget"]


def test_an_organisation_by_its_lowercase_alias_is_checked_too(jernbane, names):
    body = "Fylkeskommunen har ansvar for å delta aktivt i Jernbaneforum."
    assert unsupported(JERNBANE, body, jernbane, names) == ["fylkeskommunen"]


def test_an_unknown_person_is_not(jernbane, names):
    body = "Ansvaret for Jernbaneforum ligger hos Kari Nordmann."
    assert unsupported(JERNBANE, body, jernbane, names) == ["Kari Nordmann"]


def test_a_name_must_be_in_a_record_about_the_sentence(store, names):
    # Arbeidsutvalget owns other measures the tool returned, but not the one about jernbane.
    seen = G.seen_records("measures", tools.measures(store, plan="2019-2020"))
    assert any("Arbeidsutvalget" in s.haystack for s in seen)
    body = "Arbeidsutvalget har ansvar for å delta aktivt i Jernbaneforum."
    assert unsupported(JERNBANE, body, seen, names) == ["arbeidsutvalget"]


def test_numbers_from_the_question_today_and_counts_may_be_repeated(jernbane, names):
    body = "Per 20. april 2021 fant jeg 6 treff om Jernbaneforum for planen 2019-2020."
    question = "Hva sier planen 2019-2020 om Jernbaneforum?"
    assert unsupported(question, body, jernbane, names, today=date(2021, 4, 20), counts=[6]) == []
    assert set(unsupported(question, body, jernbane, names)) == {"20. april 2021", "6"}


def test_a_wrong_weekday_is_unsupported(store, names):
    seen = G.seen_records("deadlines", tools.deadlines(store))
    body = "Fristen for innspill til høringen er fredag 27. april 2021."
    assert unsupported("Når er høringsfristen?", body, seen, names) == ["fredag 27. april 2021"]


@pytest.mark.parametrize(
    "text",
    [
        "Fristen er 27. april.\nKilde: Høring",
        "Fristen er 27. april.\n\n**Kilder:**\n- Høring – Handlingsplan\n- [Plan](https://x.no)",
        "Fristen er 27. april.\n## Kilder\n1. Høring",
        "Fristen er 27. april. [1]\n\nSources:\n[1] Høring",
    ],
)
def test_the_models_source_lists_are_dropped(text):
    assert G.strip_sources(text) == "Fristen er 27. april."


@pytest.mark.parametrize(
    "text,lang",
    [
        ("Hvem har ansvar for jernbaneforum?", "nb"),
        ("Who is responsible for the railway forum?", "en"),
        ("The deadline is Tuesday 27 April 2021.", "en"),
        ("Fristen er tirsdag 27. april 2021.", "nb"),
        ("27. april", None),
    ],
)
def test_language(text, lang):
    assert G.language(text) == lang


def test_grounded_answer_cites_what_it_used(jernbane, names, fallback):
    body = "Ansvarlig ordfører og regionrådgiver har ansvar for å delta aktivt i Jernbaneforum."
    result = G.compose(JERNBANE, body, jernbane, fallback, names=names)
    assert result.engine == "llm" and result.text.startswith(body)
    assert [s.document_id for s in result.sources] == ["002-handlingsplan-2019-2020"]
    assert result.kind == "owner"


@pytest.mark.parametrize(
    "body",
    [
        "",
        "Jeg fant ikke noe om det i kunnskapsbasen.",
        "Ja, det stemmer.",
        "The regional advisor is responsible for Jernbaneforum.",
        "Arbeidsutvalget har ansvar for Jernbaneforum.",
    ],
)
def test_anything_else_gives_the_fallback(jernbane, names, fallback, body):
    assert G.compose(JERNBANE, body, jernbane, fallback, names=names) is fallback


def test_no_tool_result_gives_the_fallback(names, fallback):
    body = "Regionrådgiveren har ansvar for Jernbaneforum."
    assert G.compose(JERNBANE, body, [], fallback, names=names) is fallback


def test_at_most_five_sources(store, names, fallback):
    rows = tools.measures(store, owner="Arbeidsutvalget")
    seen = G.seen_records("measures", rows)
    body = "\n".join(f"• {r['text']}" for r in rows[:8])
    result = G.compose("Hva har Arbeidsutvalget ansvar for?", body, seen, fallback, names=names)
    assert result.engine == "llm"
    assert 1 <= len(result.sources) <= 5
    assert result.text.count("Kilde:") <= 5


def test_a_meeting_time_the_records_do_not_have_is_unsupported(store, names):
    seen = G.seen_records("meetings", tools.meetings(store))
    question = "Når har arbeidsutvalget møte?"
    assert unsupported(question, "Arbeidsutvalget har møte 10.05.2021.", seen, names) == []
    assert unsupported(question, "Arbeidsutvalget har møte 10.05.2021 kl. 09:00.", seen, names) == [
        "kl. 09:00"
    ]


def test_a_count_of_what_a_tool_found_may_be_said(store, names):
    rows = tools.measures(store, owner="Arbeidsutvalget")
    seen = G.seen_records("measures", rows)
    question = "Hvor mange tiltak har Arbeidsutvalget ansvar for?"
    body = f"Arbeidsutvalget har ansvar for {len(rows)} tiltak."
    assert unsupported(question, body, seen, names, counts=[len(rows)]) == []
    assert unsupported(question, body.replace(str(len(rows)), "57"), seen, names) == ["57"]


@pytest.mark.parametrize(
    "body,nothing",
    [
        ("Jeg fant ikke noe om det i kunnskapsbasen.", True),
        ("Jeg finner ingen informasjon om hvem som har ansvar for dette.", True),
        ("Kunnskapsbasen har ikke opplysninger om det.", True),
        ("Det finnes ingen opplysninger om månelanding.", True),
        ("I could not find anything about that.", True),
        ("Tiltaket har ingen frist.", False),
        ("Arbeidsutvalget har ikke vedtatt planen ennå.", False),
    ],
)
def test_saying_nothing_was_found(body, nothing):
    assert G.says_not_found(body) is nothing
