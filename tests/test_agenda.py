"""The agenda (saksliste) of a meeting, built from the store: six parts in the councils' order."""

from datetime import datetime

from bot import meetings as MT
from bot import updates
from bot.agenda import build_agenda, render_text
from bot.config import TZ
from bot.updates import Change

NOW = datetime(2021, 5, 3, 9, 0, tzinfo=TZ)


def _meeting(store, text):
    found = MT.find(store, text)
    assert found.meeting, found.message
    return found.meeting


def test_the_au_meeting_of_10_may_has_six_parts_in_order(store):
    agenda = build_agenda(store, _meeting(store, "AU 2021-05-10"), NOW)
    titles = [p.title for p in agenda.parts]
    assert [p.number for p in agenda.parts] == [1, 2, 3, 4, 5, 6]
    assert titles[0] == "Godkjenning av innkalling og saksliste"
    assert titles[1] == "Godkjenning av protokoll fra forrige møte"
    assert titles[3] == "Oppfølging av vedtak og tiltak"
    assert titles[4] == "Frister før neste møte"
    assert titles[-1] == "Eventuelt"


def test_item_two_names_the_previous_meeting_and_its_date(store):
    agenda = build_agenda(store, _meeting(store, "AU 2021-05-10"), NOW)
    assert agenda.previous["date"] == "2021-03-03"
    assert "3. mars 2021" in agenda.parts[1].text
    assert agenda.previous["ref"] in agenda.parts[1].text


def test_the_action_plan_after_the_hearing_is_among_the_cases(store):
    agenda = build_agenda(store, _meeting(store, "AU 2021-05-10"), NOW)
    cases = agenda.parts[2].cases
    assert any(
        "Handlingsplan" in c.title
        and "etter høringen" in c.title
        and "27. april" in str(c.documents)
        for c in cases
    )
    assert all(c.kind in ("vedtakssak", "orienteringssak", "drøftingssak") for c in cases)


def test_a_numbered_case_reads_sak_number_title_with_proposal_and_documents(store):
    agenda = build_agenda(store, _meeting(store, "AU 2021-03-03"), NOW)
    (case,) = agenda.parts[2].cases
    assert case.label == "Sak 18/2021 Handlingsplan for Regionrådet for Fjellregionen 2021-22"
    assert case.proposal.startswith("Utkast til Handlingsplan")
    assert case.documents
    text = render_text(agenda)
    assert "Forslag til vedtak:" in text and "Sak 18/2021" in text


def test_follow_up_holds_earlier_decisions_and_overdue_deadlines(store):
    agenda = build_agenda(store, _meeting(store, "AU 2021-05-10"), NOW)
    follow = agenda.parts[3].items
    notes = {(f.kind, f.note) for f in follow}
    assert ("vedtak", "ikke fulgt opp") in notes
    assert any(f.due == "2021-04-27" and f.note == "forfalt" for f in follow)
    # only the body's own decisions: nothing of the Styringsgruppa of 2016
    assert all("TV" not in f.text for f in follow)


def test_deadlines_before_the_next_meeting(store):
    agenda = build_agenda(store, _meeting(store, "AU 2021-03-03"), NOW)
    part = agenda.parts[4]
    assert "10. mai 2021" in part.text
    assert [f.due for f in part.items] == ["2021-04-27"]


def test_a_case_added_changes_the_agenda_and_its_digest(fresh_store):
    meeting = _meeting(fresh_store, "AU 2021-05-10")
    before = build_agenda(fresh_store, meeting, NOW)
    advisor = updates.actor(fresh_store, name="Rune Jørgensen")
    result = updates.apply(
        fresh_store,
        Change(
            action="create",
            kind="case",
            fields={"meeting_id": meeting.id, "title": "Budsjett 2022", "kind": "orientering"},
        ),
        advisor,
        NOW,
    )
    assert result.ok, result.message
    after = build_agenda(fresh_store, meeting, NOW)
    assert after.digest() != before.digest()
    labels = [c.label for c in after.parts[2].cases]
    assert labels[0] == "Sak 19/2021 Budsjett 2022"  # after 18/2021; numbered ones first
    assert after.parts[2].cases[0].kind == "orienteringssak"
    assert build_agenda(fresh_store, meeting, NOW).digest() == after.digest()


def test_find_meeting_by_ref_body_and_date_or_refuses(store):
    m = _meeting(store, "AU 2021-05-10")
    assert MT.find(store, store.ref_of("meeting", m.id)).meeting.id == m.id
    assert MT.find(store, "regionrådet 26.05.2021").meeting.body == "Regionrådet"
    assert MT.find(store, "AU 2021-05-11").meeting is None
    assert "Fant ikke" in MT.find(store, "AU 2021-05-11").message
    assert MT.find(store, "").meeting is None
