"""What the store's lookups return: the record models of bot/models.py, with their columns parsed
(dates as dates, JSON lists as lists) and the columns that differ from the model's names mapped."""

import datetime as dt

from bot import updates
from bot.models import (
    CaseRecord,
    DeadlineRecord,
    DecisionRecord,
    MeasureRecord,
    MeetingRecord,
    UpdateRecord,
)
from bot.permission import Actor


def test_decisions_are_records_with_dates_meetings_and_times_as_written(store):
    decisions = store.decisions()
    assert decisions and all(type(d) is DecisionRecord for d in decisions)
    by_id = {d.id: d for d in decisions}
    hearing = by_id["d001-dec-2021-03-03-hoering"]
    assert hearing.date == dt.date(2021, 3, 3)
    assert hearing.meeting == "d001-au-2021-03-03"  # the column meeting_id
    assert (hearing.case_number, hearing.vote, hearing.own) == ("18/2021", "enstemmig", True)
    assert hearing.document_id and hearing.quote
    postponed = by_id["d001-dec-2021-02-utsatt"]
    assert (postponed.date, postponed.when) == (None, "februar 2021")  # the column when_text
    assert by_id["d000-dec-kmd-fase2"].own is False
    # Oldest first, undated ones (NULL sorts first in SQLite) before them, as the register lists.
    dated = [d.date for d in decisions if d.date]
    assert dated == sorted(dated)


def test_a_decision_record_dumps_back_to_its_columns(store):
    row = store.rows("SELECT * FROM decisions WHERE id = 'd001-dec-2021-02-utsatt'")[0]
    (record,) = [d for d in store.decisions() if d.id == row["id"]]
    dumped = record.model_dump(mode="json", by_alias=True)
    assert dumped["meeting_id"] == row["meeting_id"] and dumped["when_text"] == row["when_text"]
    assert {k: v for k, v in dumped.items() if v is not None} == {
        k: (bool(v) if k == "own" else v) for k, v in row.items() if v is not None
    }


def test_decisions_of_a_body(store):
    decisions = store.decisions("arbeidsutvalget")
    assert decisions and {d.body for d in decisions} == {"Arbeidsutvalget"}


def test_meetings_are_records_with_their_cases_and_case_documents(store):
    meetings = store.meetings()
    assert meetings and all(type(m) is MeetingRecord for m in meetings)
    by_id = {m.id: m for m in meetings}
    au = by_id["d001-au-2021-03-03"]
    assert (au.body, au.date) == ("Arbeidsutvalget", dt.date(2021, 3, 3))
    (case,) = au.cases
    assert type(case) is CaseRecord
    assert (case.id, case.meeting_id, case.number) == ("d001-au-2021-03-03-sak-1", au.id, "18/2021")
    assert case.documents == [
        "Utkast til Handlingsplan for Regionrådet for Fjellregionen 2021-2022",
        "Notat som ble sendt formannskapene 12. januar",
    ]
    assert by_id["d001-au-2021-01-06"].cases[0].documents == []  # NULL column: no documents
    # Dated meetings first, in date order; undated ones last.
    dates = [m.date for m in meetings]
    assert dates.index(None) == sum(1 for d in dates if d)
    assert [d for d in dates if d] == sorted(d for d in dates if d)


def test_meetings_between_two_days(store):
    meetings = store.meetings(dt.date(2021, 5, 1), dt.date(2021, 5, 31))
    assert [m.id for m in meetings] == ["d001-au-2021-05-10", "d001-rr-2021-05-26"]


ADVISOR = Actor("Rune Jørgensen", "advisor", ("regionrådgiver", "Administrasjonen"))


def test_history_is_update_records_oldest_first_with_values_read(fresh_store, now):
    change = updates.Change(action="edit", target="T21-4", fields={"owners": ["Administrasjonen"]})
    first = updates.apply(fresh_store, change.model_copy(update={"origin": "cli"}), ADVISOR, now)
    later = now + dt.timedelta(minutes=5)
    status = updates.Change(action="status", target="T21-4", status="pågår", comment="i gang")
    second = updates.apply(fresh_store, status, ADVISOR, later)
    assert first.ok and second.ok
    trail = fresh_store.history("measure", first.item_id)
    assert all(type(r) is UpdateRecord for r in trail)
    assert [r.field for r in trail] == ["owners", "status"]  # oldest first
    assert [r.time for r in trail] == [now, later]  # aware datetimes, as written
    owners = trail[0]
    assert owners.old == ["Arbeidsutvalget", "ansvarlige i kommunene"]  # JSON read
    assert owners.new == ["Administrasjonen"]
    assert (owners.kind, owners.item_id, owners.origin) == ("measure", first.item_id, "cli")
    assert (trail[1].new, trail[1].comment, trail[1].batch) == ("pågår", "i gang", second.batch)
    assert fresh_store.batch_rows(second.batch) == [trail[1]]
    # As JSON (`regionbot history --json`): the columns, the time as it is stored.
    stored = fresh_store.rows("SELECT time FROM updates WHERE id = ?", [owners.id])[0]["time"]
    assert owners.model_dump(mode="json")["time"] == stored == now.isoformat()


def test_the_audit_log_is_update_records(fresh_store, now):
    fresh_store.audit(author="U1", action="ingest", target="document:x", new={"n": 1}, now=now)
    (row,) = fresh_store.updates("document:x")
    assert type(row) is UpdateRecord
    assert (row.action, row.old, row.new, row.kind) == ("ingest", None, {"n": 1}, None)


def test_item_and_items_are_the_record_of_their_kind(store):
    kinds = {
        "measure": MeasureRecord,
        "deadline": DeadlineRecord,
        "meeting": MeetingRecord,
        "case": CaseRecord,
        "decision": DecisionRecord,
    }
    for kind, cls in kinds.items():
        items = store.items(kind)
        assert items and all(type(i) is cls for i in items), kind
        # items() reads the table in one query, item() one row: the same records.
        assert store.item(kind, items[0].id) == items[0]
    assert store.item("meeting", "ingen-slik") is None


def test_an_item_meeting_carries_its_cases_and_the_row_stays_by_column(store):
    meeting = store.item("meeting", "d001-au-2021-03-03")
    assert meeting.date == dt.date(2021, 3, 3)
    assert [c.number for c in meeting.cases] == ["18/2021"]
    assert meeting.cases[0].documents[1] == "Notat som ble sendt formannskapene 12. januar"
    (listed,) = [m for m in store.items("meeting") if m.id == meeting.id]
    assert listed.cases == meeting.cases
    # The write service compares and audits by column, the dates as stored (ISO text).
    row = store.item_fields("meeting", meeting.id)
    assert row["date"] == "2021-03-03" and "cases" not in row
    measure = store.items("measure")[0]
    assert store.item_fields("measure", measure.id)["owners"] == measure.owners


def test_a_measure_kept_without_its_plan_is_still_a_record(fresh_store):
    # restore_changes keeps a changed measure whose plan left the reloaded file, plan_id NULL.
    measure = fresh_store.items("measure")[0]
    fresh_store.db.execute("PRAGMA foreign_keys=OFF")
    fresh_store.db.execute("UPDATE measures SET plan_id = NULL WHERE id = ?", [measure.id])
    kept = fresh_store.item("measure", measure.id)
    assert kept.plan_id is None and kept.text == measure.text


def test_an_edit_may_not_empty_what_the_record_needs(fresh_store, now):
    before = fresh_store.item("deadline", fresh_store.items("deadline")[0].id)
    ref = fresh_store.ref_of("deadline", before.id)
    change = updates.Change(action="edit", target=ref, fields={"due": ""})
    result = updates.apply(fresh_store, change, ADVISOR, now)
    assert not result.ok and result.message == "Frist kan ikke tømmes."
    assert fresh_store.item("deadline", before.id) == before
