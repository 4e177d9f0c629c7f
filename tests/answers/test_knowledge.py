"""The engine's cache of the store's data: kept between questions, new as soon as the data changes
(a reload of knowledge/, an update written through bot.updates, another process's commit)."""

import shutil

from bot.answers import answer
from bot.answers.knowledge import knowledge
from bot.ingest import load_knowledge
from bot.permission import Actor
from bot.store import Store
from bot.updates import Change, apply
from tests.conftest import KNOWLEDGE

ADVISOR = Actor("Rune Jørgensen", "advisor", ("regionrådgiver", "Administrasjonen"))
MOBILE = "T21-4"  # the 2021-2022 measure on mapping mobile coverage (owned by Arbeidsutvalget)
WHO_MOBILE = "Hvem har ansvar for kartlegging av mobildekning?"


def test_kept_while_nothing_changes(store, now):
    kept = knowledge(store)
    answer(WHO_MOBILE, store=store, now=now)
    assert knowledge(store) is kept
    assert kept.vocabulary and kept.search_size == store.search_size()


def test_the_engine_keeps_nothing_on_the_store(fresh_store, now):
    answer(WHO_MOBILE, store=fresh_store, now=now)
    assert not [k for k in vars(fresh_store) if k.startswith("_")]


def test_an_update_changes_the_next_answer(fresh_store, now):
    assert answer(WHO_MOBILE, store=fresh_store, now=now).body.startswith("Arbeidsutvalget")
    before = knowledge(fresh_store)
    owners = {"owners": ["Innlandet fylkeskommune"], "owner_text": "Innlandet fylkeskommune"}
    change = Change(action="edit", target=MOBILE, fields=owners)
    assert apply(fresh_store, change, ADVISOR, now).ok
    assert knowledge(fresh_store) is not before
    assert answer(WHO_MOBILE, store=fresh_store, now=now).body.startswith(
        "Innlandet fylkeskommune har ansvaret"
    )


def test_a_new_measure_is_found_at_once(fresh_store, now):
    question = "hvem har ansvar for ladepunkter for elbil?"
    assert "Kartlegge ladepunkter" not in answer(question, store=fresh_store, now=now).text
    plan = next(p for p in fresh_store.plans() if p.period_start == 2021 and p.measure_count)
    fields = {"text": "Kartlegge ladepunkter for elbil", "plan_id": plan.id}
    fields |= {"owners": ["Arbeidsutvalget"], "due": "1.9.2021"}
    assert apply(
        fresh_store, Change(action="create", kind="measure", fields=fields), ADVISOR, now
    ).ok
    got = answer(question, store=fresh_store, now=now)
    assert got.found and "Kartlegge ladepunkter for elbil" in got.text, got.text
    assert got.body.startswith("Arbeidsutvalget")


def test_a_reload_of_a_changed_document_changes_the_next_answer(seeded_db, tmp_path, now):
    folder = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, folder)
    shutil.copy(seeded_db, tmp_path / "r.db")
    store = Store.open(tmp_path / "r.db")
    question = "Hva er Kvitmyrprosjektet?"
    assert not answer(question, store=store, now=now).found
    doc = next(folder.glob("documents/*.md"))
    text = doc.read_text(encoding="utf-8").rstrip()
    doc.write_text(
        text + "\n\nKvitmyrprosjektet skal kartlegge myrene i regionen.\n", encoding="utf-8"
    )
    assert load_knowledge(store, folder, now=now)["documents"] == 1
    got = answer(question, store=store, now=now)
    assert got.found and "kartlegge myrene" in got.text, got.text
    store.close()


def test_another_process_writing_is_seen(seeded_db, tmp_path, now):
    shutil.copy(seeded_db, tmp_path / "r.db")
    reader = Store.open(tmp_path / "r.db")
    writer = Store.open(tmp_path / "r.db")  # another connection: as another process would
    assert answer(WHO_MOBILE, store=reader, now=now).body.startswith("Arbeidsutvalget")
    owners = {"owners": ["Innlandet fylkeskommune"], "owner_text": "Innlandet fylkeskommune"}
    assert apply(writer, Change(action="edit", target=MOBILE, fields=owners), ADVISOR, now).ok
    assert answer(WHO_MOBILE, store=reader, now=now).body.startswith("Innlandet fylkeskommune")
    reader.close()
    writer.close()


def test_a_search_asked_again_gives_the_same_rows_as_copies(store):
    kept = knowledge(store)
    first = kept.search(["mobildekning", "kartlegging"], limit=10)
    assert first == store.search(["mobildekning", "kartlegging"], limit=10)
    first[0]["text"] = "changed by a caller"
    again = kept.search(["mobildekning", "kartlegging"], limit=10)
    assert again[0]["text"] != "changed by a caller"
    assert [r["rowid"] for r in again] == [r["rowid"] for r in first]


def test_measures_and_plans_are_records_built_once_per_version(fresh_store, now):
    kept = knowledge(fresh_store)
    assert kept.plans == fresh_store.plans()
    # A plan's measures are built once, and in the store's order across plans.
    plan = next(p for p in kept.plans if p.period_start == 2021 and p.measure_count)
    mine = kept.measures(plan_ids=[plan.id])
    assert mine == fresh_store.measures(plan_ids=[plan.id])
    assert kept.measures(plan_ids=[plan.id])[0] is mine[0]
    every = [p.id for p in reversed(kept.plans)]
    assert kept.measures(plan_ids=every) == fresh_store.measures(plan_ids=every)
    ids = [m.id for m in fresh_store.measures()[2:9:3]]
    assert kept.measures(ids=ids) == fresh_store.measures(ids=ids)
    assert kept.measures(plan_ids=["no-such-plan"]) == []
    assert kept.measures() == fresh_store.measures()
    assert kept.measures() is not kept.measures() and kept.measures()[0] is kept.measures()[0]
    assert kept.measures(plan_ids=[plan.id]) == mine
    assert kept.measures(ids=ids) == fresh_store.measures(ids=ids)
    change = Change(action="status", target=MOBILE, status="ferdig")
    assert apply(fresh_store, change, ADVISOR, now).ok
    assert "ferdig" not in {m.status for m in kept.measures()}  # the old version's records
    assert "ferdig" in {m.status for m in knowledge(fresh_store).measures()}


def test_a_hit_s_fields_are_its_row_whatever_record_the_store_gives(store):
    """`Store.item_row` gives records for measures, plans, goals, deadlines, budget lines,
    results and facts; the engine's `Item.fields` stay the row as the table holds it (columns
    by name, dates as ISO text, the plan's title), so what it answers and what the LLM's tools
    show do not change."""
    from bot.store import ITEM_RECORDS

    kept = knowledge(store)

    def old_row(kind: str, ref: str) -> dict:
        if kind == "measure":
            return store._measure_rows(ids=[ref])[0]
        [row] = store.rows(f"SELECT * FROM {store._KIND_TABLES[kind]} WHERE id = ?", [ref])
        if row.get("plan_id"):
            row["plan_title"] = store.plan(row["plan_id"]).title
        return row

    def given(row: dict) -> dict:
        return {k: v for k, v in row.items() if v is not None}

    seen = set()
    for kind, cls in ITEM_RECORDS.items():
        refs = [r[0] for r in store.db.execute("SELECT ref FROM search WHERE kind = ?", [kind])]
        assert refs, kind
        for ref in refs:
            assert isinstance(store.item_row(kind, ref), cls)
            fields = kept.item_row(kind, ref)
            assert given(fields) == given(old_row(kind, ref)), (kind, ref)
            seen |= {type(v) for v in fields.values()}
    assert seen <= {str, int, list, type(None)}  # JSON as before: no dates, no models
    assert store.item_row("measure", "no-such-measure") is None
    assert kept.item_row("deadline", "no-such-deadline") is None
