"""The store: schema, idempotent loading, Norwegian-aware search, audit log."""

import json

from bot import lookup
from bot import text as T
from bot.ingest import load_knowledge
from bot.models import Document, Organisation, Passage, PersonRecord
from bot.store import Store
from tests.conftest import KNOWLEDGE


def _snapshot(store: Store) -> dict:
    tables = ["documents", "passages", "plans", "goals", "measures", "meetings", "cases"]
    tables += ["decisions", "deadlines", "budget_lines", "results", "facts", "people"]
    tables += ["organisations", "search"]
    return {t: store.db[t].count for t in tables}


def test_database_is_wal_with_foreign_keys(store):
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    applied = [r["name"] for r in store.rows("SELECT name FROM _sqlite_migrations")]
    assert applied[0] == "m001_schema"


def test_loading_twice_gives_the_same_rows(fresh_store):
    before = _snapshot(fresh_store)
    load_knowledge(fresh_store, KNOWLEDGE)  # unchanged: nothing reloaded
    assert _snapshot(fresh_store) == before
    load_knowledge(fresh_store, KNOWLEDGE, force=True)  # reloaded: still no duplicates
    assert _snapshot(fresh_store) == before


def test_all_five_documents_with_their_facts(store):
    counts = store.counts()
    assert counts["documents"] == 5
    assert {d.source_file for d in store.documents()} == {
        "000_32e08115b4e4ef29.txt",
        "001_d94454ef7d3de8ed.txt",
        "002_569505116a5611d4.txt",
        "003_61ccd70626ed32dc.txt",
        "004_0fd9921e3d3b528a.txt",
    }
    assert all(d.access == "offentlig" for d in store.documents())


def test_action_plan_2021_has_21_measures_each_with_an_owner(store):
    measures = lookup.measures(store, plan="2021-2022")
    assert len(measures) == 21
    assert all(m["owners"] for m in measures)
    assert all(m["source"]["quote"] for m in measures)
    owners = {o for m in measures for o in m["owners"]}
    assert {"Arbeidsutvalget", "Administrasjonen"} <= owners


def test_action_plan_2019_lists_every_activity_in_four_areas(store):
    measures = lookup.measures(store, plan="2019")
    assert len(measures) == 25
    assert {m["area"] for m in measures} >= {
        "Interessepolitikk",
        "Næringsutvikling",
        "Kompetanseutvikling",
        "Kommunikasjon",
    }
    lufthavn = [m for m in measures if "Lufthavnrådet" in m["text"]]
    assert lufthavn and lufthavn[0]["financing"] == "Drift"


def test_measures_filter_by_owner(store):
    au = lookup.measures(store, plan="2021", owner="arbeidsutvalget")
    assert au and all(any("arbeidsutvalg" in T.fold(o) for o in m["owners"]) for m in au)


def test_people_and_roles(store):
    rune = store.person("Rune Jørgensen")
    assert "regionrådgiver" in rune.roles
    assert "regionrådsleder" in store.person("Runa Finborud").roles


def test_people_are_records_with_their_roles_parsed_and_an_unknown_name_is_none(store):
    people = store.people()
    assert people and all(isinstance(p, PersonRecord) for p in people)
    assert [p.name for p in people] == sorted(p.name for p in people)
    assert all(
        isinstance(p.roles, list) and all(isinstance(r, str) for r in p.roles) for p in people
    )
    rune = store.person("Rune Jørgensen")
    assert isinstance(rune, PersonRecord) and rune in people
    # Merged from the documents and people.yaml: roles from both, the document of the quote,
    # and what people.yaml makes him as a user.
    assert {"regionrådgiver", "Administrasjonen"} <= set(rune.roles)
    assert (
        rune.document_id and rune.quote and rune.quote in store.document(rune.document_id)["body"]
    )
    assert (rune.access, rune.origin) == ("advisor", "directory")
    named_only = next(p for p in people if p.origin == "document")
    assert named_only.access == "guest" and named_only.slack_user_id is None
    assert store.item_row("person", "Rune Jørgensen") == rune
    assert store.person("Ola Nordmann") is None
    assert store.item_row("person", "Ola Nordmann") is None


def test_search_finds_inflected_and_unaccented_forms(store):
    plan_rows = store.search(T.terms("planene"))
    assert any("plan" in r["text"].lower() for r in plan_rows)
    folded = store.search(T.terms("oppfolging"))
    assert any("oppfølging" in r["text"] for r in folded)


def test_audit_log_records_who_changed_what(fresh_store, now):
    uid = fresh_store.audit(
        author="U123",
        action="status",
        target="measure:x",
        old={"status": "åpen"},
        new={"status": "ferdig"},
        now=now,
    )
    row = fresh_store.updates("measure:x")[0]
    assert row.id == uid and row.author == "U123" and row.new == {"status": "ferdig"}


def test_threads_read_and_write_without_sharing_a_connection(fresh_store):
    """The Slack app answers in worker threads while writes happen: each thread reads through
    its own connection, so no read ever sees another thread's cursor."""
    import threading

    from bot.config import TZ

    errors: list[BaseException] = []
    expected = len(fresh_store.measures())

    def read():
        try:
            for _ in range(10):
                assert len(fresh_store.measures()) == expected
                assert len(fresh_store.items("measure")) == expected
                fresh_store.search(["mobildekning"])
        except BaseException as exc:  # noqa: BLE001 - collected for the assertion below
            errors.append(exc)

    def write():
        from datetime import datetime

        try:
            for i in range(30):
                fresh_store.record_feedback(
                    user="U1",
                    channel="C1",
                    question=f"q{i}",
                    answer="a",
                    vote="up",
                    now=datetime(2021, 4, 20, tzinfo=TZ),
                )
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=read) for _ in range(6)] + [threading.Thread(target=write)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(fresh_store.feedback()) == 30


def test_a_write_waits_for_another_process_holding_the_lock(fresh_store, tmp_path, now):
    import sqlite3
    import threading
    import time

    path = fresh_store.db.execute("PRAGMA database_list").fetchone()[2]
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    fresh_store.feedback()  # the store has read before, as a running bot has
    other.execute("BEGIN IMMEDIATE")
    other.execute("INSERT INTO meta (key, value) VALUES ('other', 'process')")
    release = threading.Timer(0.5, lambda: other.execute("COMMIT"))
    release.start()
    started = time.monotonic()
    fresh_store.record_feedback(
        user="U0A", channel="C0A", question="q", answer="a", vote="up", now=now
    )
    release.join()
    other.close()
    assert time.monotonic() - started >= 0.4
    assert [f["vote"] for f in fresh_store.feedback()] == ["up"]
    assert fresh_store.meta("other") == "process"


def test_a_write_gives_up_after_the_busy_timeout(seeded_db, tmp_path, now):
    import shutil
    import sqlite3

    import pytest

    path = tmp_path / "locked.db"
    shutil.copy(seeded_db, path)
    store = Store.open(path, busy_seconds=0.2)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        store.record_feedback(user="U", channel="C", question="q", answer="a", vote="up", now=now)
    other.execute("ROLLBACK")
    assert store.feedback() == []


def test_lookups_return_the_domain_models(store):
    docs = store.documents()
    assert all(isinstance(d, Document) for d in docs)
    plan = next(d for d in docs if "2021-2022" in d.title)
    assert plan.origin == "knowledge" and plan.date is not None  # a date, not a string
    passages = store.passages(plan.id)
    assert passages and all(isinstance(p, Passage) for p in passages)
    assert [p.seq for p in passages] == sorted(p.seq for p in passages)
    assert all(p.document_id == plan.id and p.id for p in passages)
    orgs = store.organisations()
    assert all(isinstance(o, Organisation) for o in orgs)
    assert len({o.id for o in orgs}) == len(orgs)  # merged across documents
    fjell = next(o for o in orgs if o.id == store.organisations(orgs[0].id)[0].id)
    assert fjell.document_id and isinstance(fjell.aliases, list)
    assert [o.name for o in orgs] == sorted(o.name for o in orgs)


def test_plans_are_plan_records_with_their_measure_count(store):
    from bot.models import PlanRecord

    plans = store.plans()
    assert plans and all(isinstance(p, PlanRecord) for p in plans)
    hp = next(
        p for p in plans if (p.period_start, p.period_end) == (2021, 2022) and p.measure_count
    )
    assert hp.measure_count == len(store.measures(plan_ids=[hp.id])) == 21
    assert hp.document_id == "001-handlingsplan-2021-2022-hoering" and hp.quote
    assert hp.goals == [] and hp.measures == []  # read apart: Store.goals, Store.measures
    # Dated plans first, by the year they start; undated last.
    starts = [p.period_start for p in plans]
    dated = [s for s in starts if s is not None]
    assert dated == sorted(dated) and starts[: len(dated)] == dated
    assert store.plan(hp.id) == hp.model_copy(update={"measure_count": 0})
    assert store.plan("no-such-plan") is None


def test_people_as_the_tools_and_json_show_them(fresh_store):
    with fresh_store.transaction():
        fresh_store.put_people_directory([{"name": "Ola Gjest", "slack_user_id": "U0OLA"}])
    shown = {p["name"]: p for p in json.loads(json.dumps(lookup.people(fresh_store)))}
    keys = {"id", "name", "roles", "organisation", "email", "slack_user_id", "note", "source"}
    assert all(set(p) == keys for p in shown.values())
    rune = shown["Rune Jørgensen"]
    assert rune["id"] == rune["name"] and "regionrådgiver" in rune["roles"]
    record = fresh_store.person("Rune Jørgensen")
    assert rune["source"]["document_id"] == record.document_id
    assert rune["source"]["quote"] == record.quote and rune["source"]["title"]
    assert None not in rune["source"].values()  # the source is given without empty fields
    assert shown["Ola Gjest"]["source"] is None  # people.yaml only: no document to cite
    assert shown["Ola Gjest"]["slack_user_id"] == "U0OLA"


def test_goals_are_goal_records_in_plan_order(store):
    from bot.models import GoalRecord

    goals = store.goals()
    assert goals and all(isinstance(g, GoalRecord) for g in goals)
    hp = next(p for p in store.plans() if (p.period_start, p.period_end) == (2021, 2022))
    own = store.goals(hp.id)
    assert own and all(g.plan_id == hp.id and g.document_id for g in own)
    assert [g.seq for g in own] == sorted(g.seq for g in own)
    assert [g.id for g in own] == [g.id for g in goals if g.plan_id == hp.id]
    assert all(g.measures == [] for g in own)


def test_measures_are_measure_records_with_owners_and_dates_parsed(store):
    from datetime import date

    from bot.models import MeasureRecord

    measures = store.measures()
    assert measures and all(isinstance(m, MeasureRecord) for m in measures)
    assert all(isinstance(m.owners, list) for m in measures)
    au = [m for m in measures if "Arbeidsutvalget" in m.owners]
    assert au and all(isinstance(o, str) for m in au for o in m.owners)
    dated = [m for m in measures if m.due]
    assert dated and all(isinstance(m.due, date) for m in dated)
    hp = next(p for p in store.plans() if (p.period_start, p.period_end) == (2021, 2022))
    own = store.measures(plan_ids=[hp.id])
    assert all(m.plan_id == hp.id and m.plan_title == hp.title for m in own)
    assert [m.seq for m in own] == sorted(m.seq for m in own)
    with_goal = [m for m in own if m.goal_id]
    goals = {g.id: g for g in store.goals(hp.id)}
    assert with_goal and all(m.goal_text == goals[m.goal_id].text for m in with_goal)
    assert all(m.goal_area == goals[m.goal_id].area for m in with_goal)
    assert all(m.status is None and m.orphaned is None for m in own)  # nobody changed them
    one = own[3]
    assert store.measure(one.id) == one
    assert store.measures(ids=[one.id, own[0].id]) == [own[0], one]
    assert store.measure("no-such-measure") is None


def test_measures_due_keeps_the_span_with_both_ends(store):
    from datetime import date, timedelta

    dated = sorted((m for m in store.measures() if m.due), key=lambda m: (m.due, m.id))
    assert len(dated) >= 2
    first, last = dated[0].due, dated[-1].due
    assert {m.id for m in store.measures_due()} == {m.id for m in dated}
    assert {m.id for m in store.measures_due(first, last)} == {m.id for m in dated}
    assert {m.id for m in store.measures_due(first + timedelta(days=1))} == {
        m.id for m in dated if m.due > first
    }
    assert {m.id for m in store.measures_due(None, last - timedelta(days=1))} == {
        m.id for m in dated if m.due < last
    }
    assert store.measures_due(date(1900, 1, 1), date(1900, 12, 31)) == []
    assert all(m.due and first <= m.due <= last for m in store.measures_due(first, last))


def test_a_status_set_through_the_write_service_is_on_the_measure_record(fresh_store, now):
    from bot.permission import Actor
    from bot.updates import Change, apply

    advisor = Actor("Rune Jørgensen", "advisor", ("regionrådgiver", "Administrasjonen"))
    result = apply(
        fresh_store,
        Change(action="status", target="T21-4", status="ferdig", comment="ok"),
        advisor,
        now,
    )
    assert result.ok, result.message
    m = fresh_store.measure(result.item_id)
    assert (m.status, m.status_by, m.status_comment) == ("ferdig", "Rune Jørgensen", "ok")
    assert m.status_at == now.isoformat() and m.update_id
    assert [x.id for x in fresh_store.measures(status="ferdig")] == [m.id]
    assert m.id not in {x.id for x in fresh_store.measures(status="åpen")}


def test_deadlines_are_deadline_records_due_in_the_span(store):
    from datetime import date, timedelta

    from bot.models import DeadlineRecord

    every = store.deadlines()
    assert every and all(isinstance(d, DeadlineRecord) for d in every)
    assert all(isinstance(d.due, date) for d in every)
    assert [d.due for d in every] == sorted(d.due for d in every)
    linked = next(d for d in every if d.measure)
    assert store.measure(linked.measure) and store.plan(linked.plan)
    assert store.measure(linked.measure).plan_id == linked.plan
    row = store.rows("SELECT * FROM deadlines WHERE id = ?", [linked.id])[0]
    dumped = linked.model_dump(by_alias=True)
    assert {k: dumped[k] for k in ("plan_id", "measure_id", "what", "document_id")} == {
        k: row[k] for k in ("plan_id", "measure_id", "what", "document_id")
    }
    first, last = every[0].due, every[-1].due
    assert store.deadlines(first, last) == every
    assert store.deadlines(first + timedelta(days=1)) == [d for d in every if d.due > first]
    assert store.deadlines(None, last - timedelta(days=1)) == [d for d in every if d.due < last]
    one = every[len(every) // 2].due
    assert store.deadlines(one, one) == [d for d in every if d.due == one]
    assert store.deadlines(date(1900, 1, 1), date(1900, 12, 31)) == []


def test_fact_tables_are_records_of_their_table(store):
    import pytest

    from bot.models import (
        BudgetLineRecord,
        CaseRecord,
        FactRecord,
        GoalRecord,
        PlanRecord,
        ResultRecord,
    )
    from bot.store import row_of

    kinds = {
        "budget_lines": BudgetLineRecord,
        "results": ResultRecord,
        "facts": FactRecord,
        "goals": GoalRecord,
        "cases": CaseRecord,
        "plans": PlanRecord,
    }
    for name, cls in kinds.items():
        got = store.table(name)
        assert len(got) == store.db[name].count > 0, name
        assert all(isinstance(r, cls) and r.document_id for r in got), name
        ids = [r.id for r in got[1::2]]
        assert sorted(r.id for r in store.table(name, ids)) == sorted(ids)
    budget = store.table("budget_lines")
    assert all(isinstance(b.amount, int) for b in budget)
    with_plan = [b for b in budget if b.plan]
    assert with_plan and all(store.plan(b.plan) for b in with_plan)
    # The engine's fields of a budget line: the row as the table holds it.
    row = store.rows("SELECT * FROM budget_lines WHERE id = ?", [with_plan[0].id])[0]
    assert row_of(with_plan[0]) == {**row, "plan_title": None}  # the title: item_row only
    results = store.table("results")
    assert any(r.plan for r in results)
    assert all(store.plan(r.plan) for r in results if r.plan)
    assert all(isinstance(c.documents, list) for c in store.table("cases"))
    assert store.table("facts", []) == []
    with pytest.raises(ValueError, match="unknown table"):
        store.table("people; DROP TABLE plans")


def test_lookup_gives_plans_measures_and_deadlines_as_json_with_iso_dates(store):
    """The CLI's --json, Slack and the LLM tools see the records as before: plain JSON, dates
    as ISO text, each with its cited source."""
    from datetime import date

    shown = json.loads(json.dumps(lookup.deadlines(store)))
    assert shown == lookup.deadlines(store)  # nothing but JSON in it
    assert {d["kind"] for d in shown} == {"frist", "tiltak"}
    assert [d["due"] for d in shown] == sorted(d["due"] for d in shown)
    assert all(date.fromisoformat(d["due"]) for d in shown)
    frist = next(d for d in shown if d["kind"] == "frist")
    record = next(r for r in store.deadlines() if r.id == frist["id"])
    assert frist["due"] == record.due.isoformat() and frist["what"] == record.what
    assert frist["source"]["document_id"] == record.document_id and frist["ref"].startswith("F-")
    assert lookup.deadlines(store, record.due, record.due)[0]["id"] == record.id
    measures = lookup.measures(store, plan="2021-2022")
    assert json.loads(json.dumps(measures)) == measures
    keys = {"id", "ref", "text", "owners", "owner_text", "plan", "goal", "area", "financing"}
    keys |= {"frequency", "due", "status", "status_by", "status_at", "status_comment"}
    assert all(set(m) == keys | {"due_text", "source"} for m in measures)
    assert all(m["status"] == "åpen" for m in measures)  # none set: shown as open
    plans = lookup.plans(store)
    assert json.loads(json.dumps(plans)) == plans
    hp = next(p for p in plans if p["period"] and "2021" in p["period"] and p["measures"])
    assert hp["measures"] == 21 and hp["source"]["quote"]
