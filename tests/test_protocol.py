"""The draft protocol: body, date, place, present and absent, each case with decision and vote."""

from datetime import datetime

from bot import meetings as MT
from bot import updates
from bot.config import TZ
from bot.protocol import draft_protocol, render_text

NOW = datetime(2021, 3, 1, 9, 0, tzinfo=TZ)


def test_the_protocol_of_3_march_has_sak_18_with_its_unanimous_decision(store):
    meeting = MT.find(store, "AU 2021-03-03").meeting
    p = draft_protocol(store, meeting, NOW)
    (case,) = p.cases
    assert case.label.startswith("Sak 18/2021")
    assert case.decision.startswith("Enstemmig vedtak")
    assert case.vote == "enstemmig"
    text = render_text(p)
    assert "UTKAST TIL PROTOKOLL" in text and "onsdag 3. mars 2021" in text
    assert "Runa Finborud" in p.present  # people.yaml: a member of Arbeidsutvalget


def test_an_absence_reported_appears_and_a_withdrawn_one_does_not(fresh_store):
    meeting = MT.find(fresh_store, "AU 2021-05-10").meeting
    runa = updates.actor(fresh_store, name="Runa Finborud")
    r = updates.report_absence(fresh_store, meeting.id, runa, NOW, reason="Kommunestyremøte")
    assert r.ok, r.message
    p = draft_protocol(fresh_store, meeting, NOW)
    assert [(a.name, a.reason) for a in p.absent] == [("Runa Finborud", "Kommunestyremøte")]
    assert "Runa Finborud" not in p.present
    assert "Runa Finborud (Kommunestyremøte)" in render_text(p)
    history = fresh_store.history("meeting", meeting.id)
    assert history[-1].action == "absence" and history[-1].author == "Runa Finborud"

    back = updates.report_absence(fresh_store, meeting.id, runa, NOW, withdraw=True)
    assert back.ok
    p = draft_protocol(fresh_store, meeting, NOW)
    assert p.absent == [] and "Runa Finborud" in p.present


def test_absence_refused_for_guests_after_the_meeting_and_withdrawing_nothing(fresh_store):
    meeting = MT.find(fresh_store, "AU 2021-05-10").meeting
    guest = updates.actor(fresh_store, slack_user_id="U0NOBODY")
    assert not updates.report_absence(fresh_store, meeting.id, guest, NOW).ok
    runa = updates.actor(fresh_store, name="Runa Finborud")
    late = datetime(2021, 5, 11, 9, 0, tzinfo=TZ)
    refused = updates.report_absence(fresh_store, meeting.id, runa, late)
    assert not refused.ok and "holdt" in refused.message
    assert not updates.report_absence(fresh_store, meeting.id, runa, NOW, withdraw=True).ok
    assert fresh_store.absences(meeting.id) == []
