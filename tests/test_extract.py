"""Extraction of a council document: what the advisor would review, and what is saved."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot import extract as X
from bot import text as T
from bot import updates
from bot.cli import cli
from bot.extract.lines import split_lines
from bot.extract.owners import split_owners
from bot.extract.tables import find_tables, rows
from bot.ingest import ingest_file, load_knowledge
from bot.store import Store

ROOT = Path(__file__).resolve().parent.parent
HEARING = Path(__file__).parent / "data" / "hoering-handlingsplan-2021-2022.txt"


@pytest.fixture(scope="module")
def hearing():
    text = HEARING.read_text(encoding="utf-8")
    return text, X.extract(text, document_id="upload-hoering")


def test_the_21_measures_of_the_plan_with_their_owners(hearing):
    text, facts = hearing
    measures = X.all_measures(facts)
    assert len(measures) == 21
    assert [p.title for p in facts.plans] == [
        "Handlingsplan for Regionrådet for Fjellregionen 2021-2022"
    ]
    assert (facts.plans[0].period_start, facts.plans[0].period_end) == (2021, 2022)
    assert sum(1 for m in measures if m.owners) >= 19
    rail = next(m for m in measures if "jernbanen" in m.text)
    assert rail.owners == ["Administrasjonen"]
    youth = next(m for m in measures if "Fjellungdom" in m.text)
    assert youth.owners == ["Administrasjonen", "Ungt Entreprenørskap Innlandet"]
    # goals introduced by "-Fjellregionen skal ..." are not measures
    assert not any(m.text.startswith("Fjellregionen skal") for m in measures)


def test_every_quote_is_verbatim(hearing):
    text, facts = hearing
    body = T.collapse(text)
    quotes = [m.quote for m in X.all_measures(facts)] + [
        x.quote for x in [*facts.deadlines, *facts.meetings, *facts.decisions, *facts.people]
    ]
    assert quotes and all(q and T.collapse(q) in body for q in quotes)


def test_hearing_deadline_meetings_case_and_decision(hearing):
    _, facts = hearing
    assert "2021-04-27" in [d.due.isoformat() for d in facts.deadlines]
    meetings = {(m.body, m.date.isoformat() if m.date else None) for m in facts.meetings}
    assert {
        ("Arbeidsutvalget", "2021-03-03"),
        ("Arbeidsutvalget", "2021-05-10"),
        ("Regionrådet", "2021-05-26"),
        ("Formannskapet", None),  # "Det planlegges et fellesmøte for formannskapene"
    } <= meetings
    au = next(m for m in facts.meetings if m.date and m.date.isoformat() == "2021-03-03")
    assert [c.number for c in au.cases] == ["18/2021"]
    decision = next(d for d in facts.decisions if d.case_number == "18/2021")
    assert decision.body == "Arbeidsutvalget" and decision.date.isoformat() == "2021-03-03"
    assert "sendes på høring" in decision.text
    # a proposal ("Forslag til vedtak:") is not a decision
    assert sum("sendes på høring" in d.text for d in facts.decisions) == 1


def test_a_table_broken_into_lines_is_rebuilt():
    text = """Samferdsel
Tiltak Ansvar Finansiering Frist

Utrede ny bussrute mellom kommunesentrene og
sykehuset

AU / kollektivrådgiver Drift

Søke midler til ladestasjoner

Ordfører i Nordby i samarbeid med
næringsforeningen

Prosjekt/tilskudd
2023

Kartlegge behov for pendlerparkering  Plan- og byggesaksavdelingen  Drift
"""
    lines = split_lines(text)
    ((header, body),) = find_tables(lines)
    assert header.columns == ["measure", "owner", "financing", "due"]
    assert header.area == "Samferdsel"
    got = rows(header, body)
    assert [r.measure_text for r in got] == [
        "Utrede ny bussrute mellom kommunesentrene og sykehuset",
        "Søke midler til ladestasjoner",
        "Kartlegge behov for pendlerparkering",
    ]
    assert [split_owners(r.owner_text) for r in got] == [
        ["Arbeidsutvalget", "kollektivrådgiver"],
        ["Ordfører i Nordby", "næringsforeningen"],
        ["Plan- og byggesaksavdelingen"],
    ]
    assert [r.financing for r in got] == [["Drift"], ["Prosjekt/tilskudd"], ["Drift"]]
    facts = X.extract(text, document_id="t")
    (measure, *_) = X.all_measures(facts)
    assert measure.financing == "Drift" and facts.plans[0].goals[0].area == "Samferdsel"
    assert X.all_measures(facts)[1].due.isoformat() == "2023-12-31"


def test_owner_phrases_are_split_into_owners():
    assert split_owners("Arbeidsutvalget og administrasjonen") == [
        "Arbeidsutvalget",
        "administrasjonen",
    ]
    assert split_owners("Må avklares med bakgrunn i plan") == []
    assert split_owners("Regionrådgiver med bistand fra prosjekt og AU") == [
        "Regionrådgiver",
        "prosjekt",
        "Arbeidsutvalget",
    ]
    assert split_owners("ansvarlige for felles klima- og energiplaner") == [
        "ansvarlige for felles klima- og energiplaner"
    ]


def test_minutes_with_cases_decisions_and_a_deadline():
    text = """Protokoll fra møte i styret for Vestdal regionråd torsdag 14. september 2023

Sak 31/2023 Regional transportplan
Forslag til vedtak:
Styret slutter seg til høringsuttalelsen.

Enstemmig vedtak:
Styret slutter seg til høringsuttalelsen med de endringer som kom fram i møtet.

Kommunene bes sende innspill innen 1. november 2023.
"""
    facts = X.extract(text, document_id="p")
    (meeting,) = facts.meetings
    assert (meeting.body, meeting.date.isoformat()) == ("Styret", "2023-09-14")
    assert [c.number for c in meeting.cases] == ["31/2023"]
    (decision,) = facts.decisions
    assert decision.text.startswith("Enstemmig vedtak: Styret slutter seg")
    assert decision.case_number == "31/2023" and decision.body == "Styret"
    assert [d.due.isoformat() for d in facts.deadlines] == ["2023-11-01"]
    assert X.summary(facts) == "Fant 1 frist, 1 vedtak, 1 møte og 1 sak."


def test_nothing_found_says_so():
    facts = X.extract("Et kort notat uten tiltak.\n", document_id="n")
    assert X.summary(facts) == "Fant ingen tiltak, frister, vedtak eller møter i dokumentet."


# --- saving ---------------------------------------------------------------------------------


@pytest.fixture
def knowledge_without_001(tmp_path) -> Path:
    folder = tmp_path / "knowledge"
    shutil.copytree(ROOT / "knowledge", folder)
    for p in [*folder.glob("001-*"), *(folder / "documents").glob("001-*")]:
        p.unlink()
    return folder


@pytest.fixture
def cli_run(tmp_path, knowledge_without_001):
    db = tmp_path / "x.db"
    runner = CliRunner()

    def invoke(*args):
        return runner.invoke(
            cli,
            list(args),
            env={
                "REGIONBOT_DB": str(db),
                "REGIONBOT_KNOWLEDGE": str(knowledge_without_001),
                "REGIONBOT_NOW": "2021-04-20T09:00:00",
                "LLM_MODEL": "",
            },
        )

    invoke("init")
    return invoke, db


def test_cli_dry_run_lists_what_would_be_saved_and_writes_nothing(cli_run, tmp_path):
    run, db = cli_run
    before = run("measures", "--json")
    copy = tmp_path / "hoering.txt"
    shutil.copy(HEARING, copy)
    result = run("ingest", str(copy), "--extract", "--dry-run", "--json")
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert out["saved"] is False
    assert len(out["measures"]) == 21
    assert sum(1 for m in out["measures"] if m["owners"]) >= 19
    assert any(d["due"] == "2021-04-27" for d in out["deadlines"])
    assert any(c["number"] == "18/2021" for c in out["cases"])
    assert any(d["case_number"] == "18/2021" for d in out["decisions"])
    assert run("measures", "--json").output == before.output
    store = Store.open(db)
    assert not [d for d in store.documents() if d.origin == "upload"]


def test_cli_saves_reviewed_facts_that_survive_a_reload(cli_run, tmp_path, knowledge_without_001):
    run, db = cli_run
    copy = tmp_path / "hoering.txt"
    shutil.copy(HEARING, copy)
    result = run("ingest", str(copy), "--extract")
    assert result.exit_code == 0, result.output
    assert "Lagret" in result.output and "21 tiltak" in result.output
    rows = json.loads(run("measures", "--plan", "2021", "--json").output)
    assert len(rows) == 21 and all(r["ref"].startswith("T21-") for r in rows)
    assert "Arbeidsutvalget" in run("ask", "Hvem har ansvar for kjeveortopedi?").output
    store = Store.open(db)
    (audit,) = store.rows("SELECT * FROM updates WHERE action = 'extract'")
    assert audit["author"] == "Rune Jørgensen"
    load_knowledge(store, knowledge_without_001, force=True)
    assert len(json.loads(run("measures", "--plan", "2021", "--json").output)) == 21


def test_a_member_cannot_save_extracted_facts(cli_run, tmp_path):
    run, db = cli_run
    copy = tmp_path / "hoering.txt"
    shutil.copy(HEARING, copy)
    member = next(p.name for p in Store.open(db).people() if p.access == "member")
    result = run("ingest", str(copy), "--extract", "--as", member)
    assert result.exit_code == 1 and "bare regionrådgiveren" in result.output
    assert not [d for d in Store.open(db).documents() if d.origin == "upload"]


def test_a_missing_file_gets_a_norwegian_error(cli_run, tmp_path):
    run, _ = cli_run
    result = run("ingest", str(tmp_path / "finnes-ikke.txt"), "--extract", "--dry-run")
    assert result.exit_code == 1 and result.output.startswith("Feil:")


def test_save_drops_facts_without_a_verbatim_quote_and_refuses_members(fresh_store, now, tmp_path):
    copy = tmp_path / "notat.txt"
    copy.write_text(
        "Tiltak: bygge gang- og sykkelvei langs fylkesveien.\nAnsvar: Nordby kommune\n",
        encoding="utf-8",
    )
    doc = ingest_file(fresh_store, copy, now=now)
    facts = X.extract(copy.read_text(encoding="utf-8"), document_id=doc["id"])
    (measure,) = X.all_measures(facts)
    assert measure.owners == ["Nordby kommune"]
    facts.plans[0].measures.append(
        measure.model_copy(update={"id": "fake", "quote": "et påfunnet sitat"})
    )
    member = updates.actor(
        fresh_store,
        name=next(p.name for p in fresh_store.people() if p.access == "member"),
    )
    refused = updates.save_extracted(fresh_store, doc["id"], facts, member, now)
    assert not refused.ok and "regionrådgiveren" in refused.message
    advisor = updates.actor(fresh_store, name="Rune Jørgensen")
    assert updates.save_extracted(fresh_store, doc["id"], facts, advisor, now).ok
    saved = [m for m in fresh_store.items("measure") if m.document_id == doc["id"]]
    assert [m.text for m in saved] == ["bygge gang- og sykkelvei langs fylkesveien."]
    bundled = updates.save_extracted(
        fresh_store, "001-handlingsplan-2021-2022-hoering", facts, advisor, now
    )
    assert not bundled.ok


# --- with an LLM ------------------------------------------------------------------------------


def test_llm_facts_are_kept_only_with_a_verbatim_quote():
    from langchain_core.language_models.fake_chat_models import FakeListChatModel

    text = "Møtereferat\n\nVi ble enige om at Nordby kommune lager en plan for vinterdrift av veiene.\n"
    answer = {
        "measures": [
            {
                "text": "Plan for vinterdrift",
                "owners": ["Nordby kommune"],
                "quote": "Nordby kommune lager en plan for vinterdrift",
            },
            {"text": "Nytt badeland", "owners": ["Sørby"], "quote": "Sørby bygger badeland"},
        ],
        "deadlines": [{"what": "Planen", "due": "2024-01-01", "quote": "ikke i dokumentet"}],
    }
    model = FakeListChatModel(responses=["Her er funnene: " + json.dumps(answer)])
    facts = X.extract(text, document_id="m", llm=model)
    assert [(m.text, m.owners) for m in X.all_measures(facts)] == [
        ("Plan for vinterdrift", ["Nordby kommune"])
    ]
    assert facts.deadlines == []


def test_a_failing_llm_leaves_the_offline_facts(hearing):
    from langchain_core.language_models.fake_chat_models import FakeListChatModel

    text, offline = hearing
    facts = X.extract(
        text, document_id="upload-hoering", llm=FakeListChatModel(responses=["ikke json"])
    )
    assert len(X.all_measures(facts)) == len(X.all_measures(offline)) == 21
