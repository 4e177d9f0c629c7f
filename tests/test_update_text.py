"""Reading updates as people write them: the command after `/regionbot oppdater` and messages in
the updates channel; and a proposed change in a button and back."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from bot import update_text as UT
from bot.config import TZ
from bot.updates import Change

NOW = datetime(2021, 4, 20, 9, 0, tzinfo=TZ)


@pytest.mark.parametrize(
    "text, target, status, comment, day",
    [
        (
            "T21-4: søknad om mobildekning sendt 15.4., status pågår",
            "T21-4",
            "pågår",
            "søknad om mobildekning sendt 15.4.",
            date(2021, 4, 15),
        ),
        ("t21-4 ferdig", "t21-4", "ferdig", None, None),
        ("F-3: levert 3. mai", "F-3", None, "levert 3. mai", date(2021, 5, 3)),
        ("mobildekning: status ikke startet", "mobildekning", "ikke startet", None, None),
        ("Sak 18/2021: status ferdig", "18/2021", "ferdig", None, None),
        ("T21-4 status: utsatt – venter på fylket", "T21-4", "utsatt", "venter på fylket", None),
    ],
)
def test_update_messages(text, target, status, comment, day):
    reading = UT.parse_message(text, NOW, origin="slack:C1/1.2")
    assert reading.ok, reading.problem
    change = reading.change
    assert (change.target, change.status, change.comment, reading.day) == (
        target,
        status,
        comment,
        day,
    )
    assert change.action == ("status" if status else "comment")
    assert change.origin == "slack:C1/1.2"


@pytest.mark.parametrize("text", ["god morgen!", "møtet er flyttet til fredag", ""])
def test_talk_is_not_an_update(text):
    assert UT.parse_message(text, NOW) is None


@pytest.mark.parametrize(
    "text, problem",
    [
        ("T21-4: status banan", "Ukjent status «banan»"),
        ("T21-4", "Meldingen sier ikke hva som er nytt om T21-4"),
        ("F-3: levert 31.2.", "Datoen «31.2.» finnes ikke"),
        ("status pågår", "Jeg fant ingen referanse"),
        ("T21-4: " + "x" * 5000, "for lang"),
    ],
)
def test_bad_update_messages_are_explained(text, problem):
    reading = UT.parse_message(text, NOW)
    assert not reading.ok and problem in reading.problem


@pytest.mark.parametrize(
    "text, action, target, status, comment",
    [
        ("T21-4 status pågår søknad sendt", "status", "T21-4", "pågår", "søknad sendt"),
        ("mobildekning status ikke startet", "status", "mobildekning", "ikke startet", None),
        ("T21-4 kommentar ringte fylket", "comment", "T21-4", None, "ringte fylket"),
        ("F-2 status Ferdig.", "status", "F-2", "ferdig", None),
    ],
)
def test_commands(text, action, target, status, comment):
    change = UT.parse_command(text).change
    assert (change.action, change.target, change.status, change.comment) == (
        action,
        target,
        status,
        comment,
    )


@pytest.mark.parametrize(
    "text, problem",
    [
        ("", "Skriv hva som skal oppdateres"),
        ("status ferdig", "Hvilket tiltak?"),
        ("T21-4 ferdig", "Jeg fant ikke ordet «status»"),
        ("T21-4 status", "Hvilken status?"),
        ("T21-4 status kanskje", "Ukjent status «kanskje»"),
        ("T21-4 kommentar", "Kommentaren er tom"),
    ],
)
def test_bad_commands_are_explained(text, problem):
    reading = UT.parse_command(text)
    assert not reading.ok and problem in reading.problem


def test_control_characters_become_spaces():
    change = UT.parse_command("T21-4 status ferdig a\x00b\x1fc").change
    assert change.comment == "a b c"


def test_a_proposal_survives_the_button_and_nothing_else_does():
    change = Change(action="status", target="T21-4", status="pågår", comment="«sendt»", version=7)
    value = UT.encode(change, "U1")
    assert len(value) <= UT.BUTTON_LIMIT
    assert UT.decode(value) == (change, "U1")
    for bad in ["", "x", "{}", '{"c": {"action": "undo"}, "u": "U1"}', '{"c": {}, "u": 3}']:
        with pytest.raises(UT.BadValue):
            UT.decode(bad)
    with pytest.raises(UT.BadValue):
        UT.encode(change.model_copy(update={"comment": '"' * 1500}), "U1")
