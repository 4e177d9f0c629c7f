"""The write path: every change validated, permission-checked and audited, or refused with
nothing written; undo, versions, references and reloads."""

from __future__ import annotations

import shutil
import threading
from datetime import date, timedelta

import pytest

from bot import refs, updates
from bot.ingest import load_knowledge
from bot.permission import Actor
from bot.store import Store
from bot.updates import Change, apply
from tests.conftest import KNOWLEDGE

ADVISOR = Actor("Rune Jørgensen", "advisor", ("regionrådgiver", "Administrasjonen"))
AU_MEMBER = Actor("Runa Finborud", "member", ("regionrådsleder", "Arbeidsutvalget"))
MEMBER = Actor("Kari Nordmann", "member", ("ordfører",))
GUEST = Actor("gjest U999", "guest")

MOBILE = "T21-4"  # the 2021-2022 measure on mapping mobile coverage (owned by Arbeidsutvalget)


def dump(store: Store) -> list[str]:
    return list(store.db.conn.iterdump())


def test_the_mobile_coverage_measure_has_the_reference_the_issue_names(store):
    [m] = refs.resolve(store, MOBILE)
    assert m.kind == "measure" and "mobildek" in m.title


def test_references_are_unique_and_cover_every_item(store):
    given = store.refs()
    assert len(set(given.values())) == len(given)
    for kind in ("measure", "deadline", "meeting", "case", "decision"):
        assert all((kind, row.id) in given for row in store.items(kind))


def test_a_reference_resolves_by_ref_id_case_number_and_words(store):
    item_id = refs.resolve(store, MOBILE)[0].id
    assert [m.id for m in refs.resolve(store, item_id)] == [item_id]
    assert [m.id for m in refs.resolve(store, MOBILE.lower())] == [item_id]
    assert refs.resolve(store, "18/2021")[0].kind == "case"
    assert refs.resolve(store, "ingenting slikt finnes zzqx") == []
    assert len(refs.resolve(store, "jernbaneforum")) > 1


def test_advisor_sets_status_with_audit_row(fresh_store, now):
    result = apply(
        fresh_store,
        Change(action="status", target=MOBILE, status="ferdig", comment="ok"),
        ADVISOR,
        now,
    )
    assert result.ok, result.message
    row = fresh_store.item("measure", result.item_id)
    assert row.status == "ferdig" and row.status_by == "Rune Jørgensen"
    [audit] = fresh_store.history("measure", result.item_id)
    assert (audit.field, audit.new, audit.author, audit.comment) == (
        "status",
        "ferdig",
        "Rune Jørgensen",
        "ok",
    )


def test_an_owner_may_set_status_but_not_the_due_date_or_owners(fresh_store, now):
    assert apply(
        fresh_store, Change(action="status", target=MOBILE, status="pågår"), AU_MEMBER, now
    ).ok
    before = dump(fresh_store)
    for fields in ({"due": "2021-06-01"}, {"owners": ["Kari"]}, {"text": "noe annet"}):
        result = apply(
            fresh_store, Change(action="edit", target=MOBILE, fields=fields), AU_MEMBER, now
        )
        assert not result.ok and "regionrådgiveren" in result.message
    assert dump(fresh_store) == before


def test_a_member_who_is_no_owner_is_refused_and_nothing_is_written(fresh_store, now):
    before = dump(fresh_store)
    result = apply(
        fresh_store, Change(action="status", target=MOBILE, status="ferdig"), MEMBER, now
    )
    assert not result.ok
    assert result.message == "Bare eieren av tiltaket eller regionrådgiveren kan endre status."
    assert dump(fresh_store) == before
    assert not apply(
        fresh_store, Change(action="status", target=MOBILE, status="ferdig"), GUEST, now
    ).ok
    assert dump(fresh_store) == before


@pytest.mark.parametrize(
    "change",
    [
        Change(action="status", target=MOBILE, status="kanskje"),
        Change(action="status", target="T99-99", status="ferdig"),
        Change(action="status", target="jernbaneforum", status="ferdig"),
        Change(action="edit", target=MOBILE, fields={"due": "en gang"}),
        Change(action="edit", target=MOBILE, fields={"colour": "blå"}),
        Change(action="edit", target=MOBILE, fields={"text": "x" * 5000}),
        Change(action="comment", target=MOBILE, comment="   "),
        Change(action="create", kind="measure", fields={"text": "uten plan"}),
        Change(action="undo", undo="finnes-ikke"),
    ],
)
def test_bad_changes_get_a_norwegian_reason_and_change_nothing(fresh_store, now, change):
    before = dump(fresh_store)
    result = apply(fresh_store, change, ADVISOR, now)
    assert not result.ok and result.message
    assert dump(fresh_store) == before


def test_several_matches_are_offered_as_choices(fresh_store, now):
    result = apply(
        fresh_store, Change(action="status", target="jernbaneforum", status="ferdig"), ADVISOR, now
    )
    assert not result.ok and len(result.choices) > 1
    assert all(c["ref"] for c in result.choices)


def test_a_stale_form_is_refused(fresh_store, now):
    item_id = refs.resolve(fresh_store, MOBILE)[0].id
    version = fresh_store.version("measure", item_id)
    assert apply(
        fresh_store, Change(action="status", target=MOBILE, status="pågår"), ADVISOR, now
    ).ok
    before = dump(fresh_store)
    stale = Change(action="edit", target=MOBILE, fields={"financing": "Drift"}, version=version)
    result = apply(fresh_store, stale, ADVISOR, now)
    assert not result.ok and "endret siden du åpnet skjemaet" in result.message
    assert dump(fresh_store) == before


def test_undo_restores_the_old_value_with_a_second_audit_row(fresh_store, now):
    item_id = refs.resolve(fresh_store, MOBILE)[0].id
    old = fresh_store.item("measure", item_id).due
    done = apply(
        fresh_store,
        Change(action="edit", target=MOBILE, fields={"due": "30.06.2021"}),
        ADVISOR,
        now,
    )
    assert done.ok and fresh_store.item("measure", item_id).due == date(2021, 6, 30)
    undone = apply(fresh_store, Change(action="undo", undo=done.batch), ADVISOR, now)
    assert undone.ok, undone.message
    assert fresh_store.item("measure", item_id).due == old
    trail = fresh_store.history("measure", item_id)
    assert [r.action for r in trail if r.field == "due"] == ["edit", "undo"]
    again = apply(fresh_store, Change(action="undo", undo=done.batch), ADVISOR, now)
    assert not again.ok


def test_undo_is_refused_after_the_window(fresh_store, now):
    done = apply(fresh_store, Change(action="status", target=MOBILE, status="pågår"), ADVISOR, now)
    late = apply(
        fresh_store, Change(action="undo", undo=done.batch), ADVISOR, now + timedelta(hours=25)
    )
    assert not late.ok and "24 timer" in late.message


def test_a_period_due_date_keeps_its_words_and_gets_the_end_of_the_period(fresh_store, now):
    result = apply(
        fresh_store,
        Change(action="edit", target=MOBILE, fields={"due": "høsten 2022"}),
        ADVISOR,
        now,
    )
    row = fresh_store.item("measure", result.item_id)
    assert (row.due, row.due_text) == (date(2022, 12, 31), "høsten 2022")


def test_new_measure_gets_a_reference_and_is_searchable(fresh_store, now):
    plan = next(p for p in fresh_store.plans() if p.period_start == 2021 and p.measure_count)
    result = apply(
        fresh_store,
        Change(
            action="create",
            kind="measure",
            fields={
                "text": "Kartlegge ladepunkter for elbil",
                "plan_id": plan.id,
                "owners": ["Arbeidsutvalget"],
                "due": "1.9.2021",
            },
        ),
        ADVISOR,
        now,
    )
    assert result.ok and result.ref.startswith("T21-")
    assert refs.resolve(fresh_store, result.ref)[0].id == result.item_id
    assert fresh_store.search(["ladepunkt"], kinds=["measure"])


def test_owner_may_not_create(fresh_store, now):
    change = Change(action="create", kind="deadline", fields={"what": "x", "due": "1.5.2021"})
    assert not apply(fresh_store, change, AU_MEMBER, now).ok


def test_changes_survive_a_reload_of_the_edited_file(seeded_db, tmp_path, now):
    knowledge = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, knowledge)
    db = tmp_path / "r.db"
    shutil.copy(seeded_db, db)
    store = Store.open(db)
    result = apply(
        store, Change(action="status", target=MOBILE, status="pågår", comment="sendt"), ADVISOR, now
    )
    item_id = result.item_id
    yaml_path = knowledge / "001-handlingsplan-2021-2022-hoering.yaml"
    yaml_path.write_text(yaml_path.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert load_knowledge(store, knowledge, now=now)["documents"] == 1
    row = store.item("measure", item_id)
    assert (row.status, row.status_by, row.status_comment) == (
        "pågår",
        "Rune Jørgensen",
        "sendt",
    )
    assert len(store.history("measure", item_id)) == 1
    assert refs.resolve(store, MOBILE)[0].id == item_id
    # The measure leaves the file: it is kept, marked, with its history.
    text = yaml_path.read_text(encoding="utf-8")
    start = text.index("          - id: d001-m-kartlegging-mobildekning")
    end = text.index("          - id:", start + 10)
    yaml_path.write_text(text[:start] + text[end:], encoding="utf-8")
    load_knowledge(store, knowledge, now=now)
    row = store.item("measure", item_id)
    assert row is not None and row.orphaned and row.status == "pågår"
    store.close()


def test_two_changes_at_once_are_both_applied(fresh_store, now):
    errors = []

    def change(status, comment):
        r = apply(
            fresh_store,
            Change(action="status", target=MOBILE, status=status, comment=comment),
            ADVISOR,
            now,
        )
        if not r.ok:
            errors.append(r.message)

    threads = [
        threading.Thread(target=change, args=(s, f"c{i}"))
        for i, s in enumerate(["pågår", "ferdig"] * 4)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    item_id = refs.resolve(fresh_store, MOBILE)[0].id
    trail = fresh_store.history("measure", item_id)
    assert not errors
    assert {r.comment for r in trail} == {f"c{i}" for i in range(8)}


def test_actor_from_people_yaml(store):
    assert updates.actor(store, name="rune jørgensen").access == "advisor"
    assert updates.actor(store, name="Runa Finborud").access == "member"
    assert updates.actor(store, name="Ukjent Person").access == "guest"
    assert updates.actor(store, slack_user_id="U_NOBODY").access == "guest"


PLAN = "d001-hp-2021-2022"
PLAN_FILE = "001-handlingsplan-2021-2022-hoering.yaml"


@pytest.fixture
def created_measure(seeded_db, tmp_path, now):
    """A copy of the knowledge folder and a store with a measure created in PLAN through the
    write service (it lives in the updates pseudo-document, its plan in PLAN_FILE's)."""
    knowledge = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, knowledge)
    db = tmp_path / "r.db"
    shutil.copy(seeded_db, db)
    store = Store.open(db)
    fields = {"text": "Kartlegge ladepunkter for elbil", "plan_id": PLAN, "due": "1.9.2021"}
    result = apply(store, Change(action="create", kind="measure", fields=fields), ADVISOR, now)
    assert result.ok
    yield store, knowledge, result
    store.close()


def _assert_kept(store: Store, result, plan_id: str | None) -> dict:
    row = store.item_fields("measure", result.item_id)
    assert row is not None
    assert (row["text"], row["due"], row["status"], row["plan_id"]) == (
        "Kartlegge ladepunkter for elbil",
        "2021-09-01",
        "ikke startet",
        plan_id,
    )
    assert [(h.action, h.author) for h in store.history("measure", result.item_id)] == [
        ("create", ADVISOR.name)
    ]
    assert refs.resolve(store, result.ref)[0].id == result.item_id
    assert result.item_id in {r["ref"] for r in store.search(["ladepunkt"], kinds=["measure"])}
    assert not store.db.execute("PRAGMA foreign_key_check").fetchall()
    return row


@pytest.mark.parametrize("edit", ["none", "comment", "text"])
def test_a_created_measure_survives_a_reload_of_its_plans_file(created_measure, now, edit):
    store, knowledge, result = created_measure
    path = knowledge / PLAN_FILE
    if edit == "comment":
        path.write_text(path.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    elif edit == "text":
        text = path.read_text(encoding="utf-8")
        path.write_text(
            text.replace("title: Handlingsplan", "title: Revidert handlingsplan", 1),
            encoding="utf-8",
        )
    loaded = load_knowledge(store, knowledge, force=edit == "none", now=now)
    assert loaded["documents"] >= 1
    row = _assert_kept(store, result, PLAN)
    assert not row["orphaned"]
    assert result.item_id in [m.id for m in store.measures(plan_ids=[PLAN])]


def test_a_created_measure_whose_plan_left_the_file_is_kept_orphaned(created_measure, now):
    store, knowledge, result = created_measure
    path = knowledge / PLAN_FILE
    original = path.read_text(encoding="utf-8")
    path.write_text(original.replace(PLAN, "d001-hp-2021-2022-revidert"), encoding="utf-8")
    load_knowledge(store, knowledge, now=now)
    assert store.plan(PLAN) is None
    row = _assert_kept(store, result, None)
    assert row["orphaned"] == now.date().isoformat()
    # The plan comes back: the measure is attached to it again.
    path.write_text(original, encoding="utf-8")
    load_knowledge(store, knowledge, now=now)
    row = _assert_kept(store, result, PLAN)
    assert not row["orphaned"]
    assert result.item_id in [m.id for m in store.measures(plan_ids=[PLAN])]


def test_a_created_case_whose_meeting_left_the_file_is_kept_orphaned(created_measure, now):
    store, knowledge, _ = created_measure
    meeting = "d001-au-2021-03-03"
    fields = {"meeting_id": meeting, "title": "Ladepunkter i regionen"}
    case = apply(store, Change(action="create", kind="case", fields=fields), ADVISOR, now)
    assert case.ok
    path = knowledge / PLAN_FILE
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(meeting, "d001-au-2021-03-04"), encoding="utf-8")
    load_knowledge(store, knowledge, now=now)
    row = store.item_fields("case", case.item_id)
    assert (row["title"], row["meeting_id"], row["orphaned"]) == (
        "Ladepunkter i regionen",
        None,
        now.date().isoformat(),
    )
    assert [h.action for h in store.history("case", case.item_id)] == ["create"]
    assert not store.db.execute("PRAGMA foreign_key_check").fetchall()
