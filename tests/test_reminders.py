"""Who is reminded of what, when: lead times, working days (Easter, 17 May), periods, owners,
grouping, pauses. The sweep's Slack side is in tests/slack/test_slack_reminders.py."""

from __future__ import annotations

from datetime import date

import pytest

from bot import reminders as R
from bot import updates
from tests.reminder_data import add_deadline, add_measure, advisor, at, directory


@pytest.fixture
def db(fresh_store):
    return directory(fresh_store)


def _seen(reminders):
    return [(r.recipient.name, r.item_id, r.lead) for r in reminders]


def _of(reminders, item_id):
    return [r for r in reminders if r.item_id == item_id]


def test_the_hearing_deadline_is_reminded_at_its_lead_times(db, settings):
    hearing = "d001-dl-hoering-2021-04-27"
    expected = {"2021-04-13": 14, "2021-04-20": 7, "2021-04-26": 1, "2021-04-27": 0}
    for day, lead in expected.items():
        found = _of(R.due_reminders(db, at(day), settings), hearing)
        assert [(r.recipient.name, r.lead, r.unowned) for r in found] == [
            ("Rune Jørgensen", lead, True)
        ], day
        assert found[0].days_left == lead and found[0].due == date(2021, 4, 27)
    for day in ["2021-04-19", "2021-04-21", "2021-04-23", "2021-04-25"]:
        assert _of(R.due_reminders(db, at(day), settings), hearing) == [], day


def test_overdue_reminders_come_weekly_then_stop(db, settings):
    hearing = "d001-dl-hoering-2021-04-27"
    assert [r.lead for r in _of(R.due_reminders(db, at("2021-05-04"), settings), hearing)] == [-7]
    assert [r.lead for r in _of(R.due_reminders(db, at("2021-05-11"), settings), hearing)] == [-14]
    assert _of(R.due_reminders(db, at("2021-05-05"), settings), hearing) == []
    weeks = settings.reminder_overdue_weeks
    late = date(2021, 4, 27).toordinal() + 7 * (weeks + 1)
    day = date.fromordinal(late).isoformat()
    assert _of(R.due_reminders(db, at(day), settings), hearing) == []


def test_a_reminder_due_at_easter_goes_out_the_working_day_before(db, settings):
    # Due Tuesday 6 April 2021: the 1-day reminder (Easter Monday) goes out on Wednesday 31
    # March, the last working day before Maundy Thursday; none during Easter itself.
    item = add_deadline(db, "Rapport til fylket", "2021-04-06", "Arbeidsutvalget")
    by_day = {}
    for n in range(28, 40):
        day = date(2021, 3, 1).toordinal() + n - 1
        iso = date.fromordinal(day).isoformat()
        found = _of(R.due_reminders(db, at(iso), settings), item)
        if found:
            by_day[iso] = sorted({r.lead for r in found})
    assert by_day == {"2021-03-30": [7], "2021-03-31": [1], "2021-04-06": [0]}
    (r,) = [r for r in R.due_reminders(db, at("2021-03-31"), settings) if r.item_id == item][:1]
    assert r.days_left == 6 and r.recipient.name in {"Runa Finborud", "Merete Myhre Moen"}


def test_a_deadline_on_17_may_is_reminded_before_the_holiday(db, settings):
    # Due Monday 17 May 2021 (Constitution Day): the 0-day reminder moves to Friday 14 May and
    # the 1-day one (Sunday 16 May) too: one reminder that day, the nearest.
    item = add_deadline(db, "Søknad om skjønnsmidler", "2021-05-17", "Administrasjonen")
    assert _of(R.due_reminders(db, at("2021-05-17"), settings), item) == []
    (friday,) = _of(R.due_reminders(db, at("2021-05-14"), settings), item)
    assert (friday.lead, friday.days_left, friday.recipient.name) == (0, 3, "Rune Jørgensen")
    assert not friday.unowned
    # 7 days before is Monday 10 May, a working day; 14 days before is Monday 3 May.
    assert [r.lead for r in _of(R.due_reminders(db, at("2021-05-10"), settings), item)] == [7]
    assert [r.lead for r in _of(R.due_reminders(db, at("2021-05-03"), settings), item)] == [14]
    # Ascension Day (Thursday 13 May) is no sweep day at all.
    assert R.due_reminders(db, at("2021-05-13"), settings) == []


def test_weekends_send_nothing(db, settings):
    add_deadline(db, "Noe på lørdag", "2021-04-24", "Administrasjonen")
    assert R.due_reminders(db, at("2021-04-25"), settings) == []
    assert R.due_reminders(db, at("2021-04-24"), settings) == []
    friday = R.due_reminders(db, at("2021-04-23"), settings)
    assert [(r.lead, r.days_left) for r in friday if r.text == "Noe på lørdag"] == [(0, 1)]


def test_owners_resolve_through_roles(db, settings):
    au = add_measure(db, "Felles kunnskapsgrunnlag", "2021-04-27", ["Arbeidsutvalget"])
    admin = add_measure(db, "Nettsider", "2021-04-27", ["Administrasjonen"])
    mayor = add_measure(
        db, "Jernbaneforum", "2021-04-27", ["ansvarlig ordfører", "Hans Vintervold"]
    )
    nobody = add_measure(db, "Lufthavnrådet", "2021-04-27", ["ansvarlig ordfører"])
    found = R.due_reminders(db, at("2021-04-20"), settings)
    assert sorted(r.recipient.name for r in _of(found, au)) == [
        "Merete Myhre Moen",
        "Runa Finborud",
    ]
    assert [(r.recipient.name, r.unowned) for r in _of(found, admin)] == [("Rune Jørgensen", False)]
    assert [r.recipient.name for r in _of(found, mayor)] == ["Hans Vintervold"]
    assert [(r.recipient.name, r.unowned) for r in _of(found, nobody)] == [("Rune Jørgensen", True)]


def test_a_person_without_slack_id_is_not_reachable_so_the_advisor_gets_it(fresh_store, settings):
    people = [dict(p) for p in directory.__defaults__[0]]
    for p in people:
        if p["name"] == "Hans Vintervold":
            p.pop("slack_user_id")
    db = directory(fresh_store, people)
    item = add_measure(db, "Vegforum RV3", "2021-04-27", ["Hans Vintervold"])
    found = _of(R.due_reminders(db, at("2021-04-20"), settings), item)
    assert [(r.recipient.name, r.unowned) for r in found] == [("Rune Jørgensen", True)]


def test_done_and_cancelled_items_get_none(db, settings, now):
    done = add_measure(db, "Ferdig snart", "2021-04-27", ["Arbeidsutvalget"])
    cancelled = add_measure(db, "Avlyses", "2021-04-27", ["Arbeidsutvalget"])
    assert _of(R.due_reminders(db, at("2021-04-20"), settings), done)
    for item, status in [(done, "ferdig"), (cancelled, "avlyst")]:
        result = updates.apply(
            db,
            updates.Change(action="status", kind="measure", target=item, status=status),
            advisor(db),
            now,
        )
        assert result.ok
    found = R.due_reminders(db, at("2021-04-26"), settings)
    assert _of(found, done) == [] and _of(found, cancelled) == []


def test_a_postponed_item_is_reminded_at_its_new_date_and_not_nagged(db, settings, now):
    item = add_measure(db, "Utsatt tiltak", "2021-04-27", ["Administrasjonen"])
    result = updates.postpone(db, "measure", item, 7, "Venter på fylket", advisor(db), now)
    assert result.ok, result.message
    assert db.item("measure", item).due == date(2021, 5, 4)
    assert _of(R.due_reminders(db, at("2021-04-26"), settings), item) == []
    assert [r.lead for r in _of(R.due_reminders(db, at("2021-04-27"), settings), item)] == [7]
    updates.apply(
        db,
        updates.Change(action="status", kind="measure", target=item, status="utsatt"),
        advisor(db),
        now,
    )
    assert _of(R.due_reminders(db, at("2021-05-11"), settings), item) == []


def test_a_period_counts_as_its_last_day_but_is_shown_as_the_period(db, settings):
    item = add_measure(db, "Strategi for bærekraftsmålene", "høsten 2022", ["Arbeidsutvalget"])
    row = db.item("measure", item)
    assert (row.due, row.due_text) == (date(2022, 12, 31), "høsten 2022")
    # 14 days before 31 December 2022 is Saturday 17 December: sent on Friday 16 December.
    found = _of(R.due_reminders(db, at("2022-12-16"), settings), item)
    assert found and found[0].lead == 14
    words = R.in_words(found[0])
    assert "høsten 2022" in words and "31. desember" not in words


def test_a_period_without_a_stored_date_gets_the_rule(settings):
    row = {"due": None, "due_text": "i løpet av 2021-2022"}
    assert R.due_date(row, date(2021, 4, 20)) == date(2022, 12, 31)
    assert R.due_date({"due": None, "due_text": "en gang"}, date(2021, 4, 20)) is None


def test_items_are_grouped_per_person_nearest_first(db, settings):
    for text, due in [("C", "2021-05-04"), ("A", "2021-04-21"), ("B", "2021-04-27")]:
        add_measure(db, text, due, ["Administrasjonen"])
    groups = R.by_person(R.due_reminders(db, at("2021-04-20"), settings))
    mine = groups[R.Recipient("Rune Jørgensen", "U0RUNE")]
    texts = [r.text for r in mine if r.text in "ABC"]
    assert texts == ["A", "B", "C"]


def test_a_catch_up_after_days_down_brings_what_was_missed_once(db, settings):
    item = add_measure(db, "Tapt påminnelse", "2021-04-27", ["Administrasjonen"])
    # The bot last swept on Friday 16 April and was down Monday-Tuesday; on Wednesday the
    # 7-day reminder of Tuesday comes (an ordinary reminder: nobody was on a pause).
    found = _of(R.due_reminders(db, at("2021-04-21"), settings, since=date(2021, 4, 16)), item)
    assert [(r.lead, r.catch_up, r.days_left) for r in found] == [(7, False, 6)]
    assert _of(R.due_reminders(db, at("2021-04-21"), settings), item) == []


def test_a_paused_person_gets_nothing_and_everything_at_once_on_return(db, settings):
    first = add_measure(db, "Første", "2021-07-06", ["Administrasjonen"])
    second = add_measure(db, "Andre", "2021-07-20", ["Administrasjonen"])
    rune = db.person("Rune Jørgensen")
    message = R.pause(db, rune, date(2021, 8, 2), at("2021-06-25"), settings)
    assert "2. august 2021" in message
    assert db.updates(target="person:Rune Jørgensen")[-1].action == "reminder_pause"
    for day in ["2021-06-28", "2021-07-05", "2021-07-06", "2021-07-13", "2021-07-19"]:
        assert [
            r
            for r in R.due_reminders(db, at(day), settings)
            if r.recipient.name == "Rune Jørgensen"
        ] == []
    back = [
        r for r in R.due_reminders(db, at("2021-08-02"), settings) if r.item_id in (first, second)
    ]
    assert sorted((r.text, r.lead, r.catch_up) for r in back) == [
        ("Andre", -7, True),
        ("Første", -21, True),
    ]
    R.mark_returned(db, R.returning_people(db, date(2021, 8, 2)), date(2021, 8, 2))
    assert [
        r for r in R.due_reminders(db, at("2021-08-04"), settings) if r.item_id in (first, second)
    ] == []


def test_pause_and_resume_with_on(db, settings):
    rune = db.person("Rune Jørgensen")
    item = add_measure(db, "Under pause", "2021-04-27", ["Administrasjonen"])
    R.pause(db, rune, None, at("2021-04-19"), settings)
    assert R.pause_of(db, "Rune Jørgensen", at("2021-04-20"), settings)
    assert _of(R.due_reminders(db, at("2021-04-20"), settings), item) == []
    assert "på igjen" in R.resume(db, rune, at("2021-04-21"), settings)
    assert "allerede på" in R.resume(db, rune, at("2021-04-21"), settings)
    back = _of(R.due_reminders(db, at("2021-04-21"), settings), item)
    assert [(r.lead, r.catch_up) for r in back] == [(7, True)]


def test_a_pause_must_end_in_the_future(db, settings):
    rune = db.person("Rune Jørgensen")
    assert "etter i dag" in R.pause(db, rune, date(2021, 4, 1), at("2021-04-20"), settings)
    assert db.reminder_pauses() == {}
