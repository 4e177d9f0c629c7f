"""The reminder messages as pure Block Kit: within Slack's limits, dates in words, periods as
periods, the "ingen mottaker" mark, the message after a click, the digest's access rule."""

from __future__ import annotations

from datetime import date, datetime

from bot.config import TZ
from bot.digests import Digest, Late
from bot.reminders import Recipient, Reminder
from bot.slack import reminder_blocks as RB
from bot.slack.blocks import MESSAGE_BLOCKS, action_ids

DAY = date(2021, 4, 20)


def _reminder(i: int, **kw) -> Reminder:
    base = dict(
        recipient=Recipient("Hans Vintervold", "U0HANS"),
        kind="measure",
        item_id=f"m{i}",
        ref=f"T21-{i}",
        text=f"Tiltak {i}",
        due=date(2021, 4, 30),
        due_text=None,
        lead=7,
        days_left=10,
        owners=["Hans Vintervold"],
        plan_title="Handlingsplan 2021-2022",
        source="Høring – Handlingsplan",
    )
    base.update(kw)
    return Reminder(**base)


def test_an_item_shows_plan_due_date_in_words_source_and_buttons():
    msg = RB.reminder_message([_reminder(1, days_left=7, due=date(2021, 4, 30))], DAY)
    text = " ".join(
        b.get("text", {}).get("text", "") if b["type"] == "section" else str(b)
        for b in msg["blocks"]
    )
    assert "fredag 30. april 2021, om 7 dager" in text
    assert "Handlingsplan 2021-2022" in text and "Høring – Handlingsplan" in text
    assert action_ids(msg["blocks"]) == {RB.REMINDER_DONE, RB.REMINDER_POSTPONE, RB.REMINDER_STATUS}
    assert "T21-1 Tiltak 1 – frist fredag 30. april 2021, om 7 dager" in msg["text"]


def test_many_items_are_cut_to_the_block_limit_with_a_pointer_to_home():
    msg = RB.reminder_message([_reminder(i, days_left=i) for i in range(40)], DAY)
    assert len(msg["blocks"]) <= MESSAGE_BLOCKS
    assert msg["blocks"][-1]["elements"][0]["text"] == f"og {40 - RB.MAX_ITEMS} til – se Hjem-fanen"
    shown = [b for b in msg["blocks"] if b["type"] == "actions"]
    assert len(shown) == RB.MAX_ITEMS


def test_items_come_nearest_first():
    late = _reminder(1, due=date(2021, 5, 4), text="Senere")
    soon = _reminder(2, due=date(2021, 4, 21), text="Snart")
    msg = RB.reminder_message([late, soon], DAY)
    assert msg["text"].index("Snart") < msg["text"].index("Senere")


def test_a_period_is_shown_as_the_period():
    r = _reminder(1, due=date(2022, 12, 31), due_text="høsten 2022", days_left=14)
    msg = RB.reminder_message([r], date(2022, 12, 16))
    assert "høsten 2022 (perioden slutter om 14 dager)" in msg["text"]
    assert "31. desember" not in msg["text"]


def test_overdue_and_unowned_items_say_so():
    r = _reminder(1, days_left=-7, lead=-7, unowned=True, owners=["medlemmene og andre"])
    msg = RB.reminder_message([r], DAY)
    blob = str(msg["blocks"])
    assert "7 dager på overtid" in msg["text"]
    assert "Ingen mottaker: «medlemmene og andre»" in blob


def test_a_user_text_cannot_become_markup():
    msg = RB.reminder_message([_reminder(1, text="<!channel> & co")], DAY)
    assert "<!channel>" not in str(msg["blocks"])


def test_after_a_click_only_that_item_changes():
    msg = RB.reminder_message([_reminder(1), _reminder(2)], DAY)
    now = datetime(2021, 4, 20, 9, 5, tzinfo=TZ)
    note = RB.done_note("ferdig", "Hans Vintervold", now)
    after = RB.after_click(msg["blocks"], "measure", "m1", note)
    assert len(after) == len(msg["blocks"])
    assert action_ids(after) == action_ids(msg["blocks"])  # m2 still has its buttons
    changed = [b for b in after if b.get("block_id") == RB.actions_block_id("measure", "m1")]
    assert changed[0]["type"] == "context"
    assert "Ferdig – satt av Hans Vintervold, tirsdag 20. april 2021 kl. 09:05" in str(changed)


def test_the_status_form_starts_at_the_current_status():
    view = RB.status_modal("T21-1", "Tiltak", "pågår", "{}")
    select = view["blocks"][1]["element"]
    assert select["initial_option"]["value"] == "pågår"
    assert [o["value"] for o in select["options"]][:2] == ["ikke startet", "pågår"]


def test_the_digest_shows_intern_items_only_in_private_channels():
    public = Late(
        "deadline", "a", "F-1", "Offentlig frist", date(2021, 4, 27), None, ["AU"], -1, False
    )
    secret = Late(
        "deadline",
        "b",
        "F-2",
        "Intern frist",
        date(2021, 4, 28),
        None,
        ["AU"],
        -2,
        False,
        access="intern",
    )
    digest = Digest("2021-W17", date(2021, 4, 26), date(2021, 5, 9), due=[public, secret])
    shown = RB.digest_message(digest, date(2021, 4, 26), show_intern=False)["text"]
    assert "Offentlig frist" in shown and "Intern frist" not in shown
    private = RB.digest_message(digest, date(2021, 4, 26), show_intern=True)["text"]
    assert "Intern frist" in private


def test_a_button_value_round_trips_and_junk_is_refused():
    assert RB.parse_value(RB.item_value("deadline", "d1")) == ("deadline", "d1")
    assert RB.parse_value("x") is None and RB.parse_value(None) is None
    assert RB.parse_meta("{}") is None
