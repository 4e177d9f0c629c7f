"""Rules of bot/extract/minutes.py for how councils write decisions and meetings in reports."""

from __future__ import annotations

from bot import extract as X
from bot.extract.minutes import is_numbered_heading, is_stamp


def test_an_adoption_stamp_is_a_decision_but_not_a_meeting():
    text = """Grunnlagsdokumenter

• Strategisk næringsplan 2014-2018 for Nordby kommune vedtatt av kommunestyret 22.10.2014.
"""
    facts = X.extract(text, document_id="s")
    (decision,) = facts.decisions
    assert decision.body == "Kommunestyret" and decision.date.isoformat() == "2014-10-22"
    assert facts.meetings == []


def test_a_decision_with_a_finite_verb_still_gives_its_meeting():
    text = "Utvidelsen av arbeidet med reiseliv ble besluttet av styringsgruppa 26. oktober 2016.\n"
    facts = X.extract(text, document_id="f")
    (meeting,) = facts.meetings
    assert (meeting.body, meeting.date.isoformat()) == ("Styringsgruppa", "2016-10-26")


def test_a_stamp_repeating_the_recorded_decision_is_one_decision():
    text = """Handlingsplan 2025-2026
Vedtatt av representantskapet 12.11.2024, sak 14/24

Protokoll fra representantskapsmøte 12.11.2024

Sak 14/24 Handlingsplan 2025-2026
Vedtak:
Representantskapet vedtar handlingsplanen med de endringer som kom fram i møtet.
"""
    facts = X.extract(text, document_id="r")
    (decision,) = facts.decisions
    assert "Representantskapet vedtar handlingsplanen" in decision.text
    assert "Vedtatt av" not in decision.text


def test_is_stamp_needs_a_bare_participle():
    assert is_stamp("Planen vedtatt av kommunestyret 22.10.2014.")
    assert is_stamp("Vedtatt av representantskapet 12. november 2024")
    assert not is_stamp("Planen ble vedtatt av kommunestyret 22.10.2014.")
    assert not is_stamp("Planen er vedtatt av kommunestyret.")


def test_impersonal_passive_decisions_need_no_body():
    text = """Arbeidet med bioøkonomi ble overtatt av andre. Det ble derfor besluttet at det ikke skulle iverksettes nye tiltak på dette området.

Som følge av at programmet har gått over i en ny fase er det vedtatt at kunnskapsparken skal ha ansvaret for den videre satsningen.
"""
    facts = X.extract(text, document_id="p")
    texts = [d.text for d in facts.decisions]
    assert texts == [
        "Det ble derfor besluttet at det ikke skulle iverksettes nye tiltak på dette området.",
        "Som følge av at programmet har gått over i en ny fase er det vedtatt at kunnskapsparken"
        " skal ha ansvaret for den videre satsningen.",
    ]


def test_adopted_in_all_municipalities_is_a_decision():
    facts = X.extract(
        "Arealstrategi for næringsarealer er utarbeidet og vedtatt i alle kommuner.\n",
        document_id="a",
    )
    (decision,) = facts.decisions
    assert (
        decision.text
        == "Arealstrategi for næringsarealer er utarbeidet og vedtatt i alle kommuner."
    )


def test_a_sentence_does_not_run_across_a_numbered_heading():
    text = """Arbeidet videreføres i tiden som kommer

3.5 TV-produksjoner og synlighet

Utvidelsen av arbeidet ble besluttet av styringsgruppa 26. oktober 2016.
"""
    facts = X.extract(text, document_id="h")
    (decision,) = facts.decisions
    assert (
        decision.text == "Utvidelsen av arbeidet ble besluttet av styringsgruppa 26. oktober 2016."
    )


def test_numbered_headings():
    assert is_numbered_heading("3.5 TV-produksjoner og synlighet")
    assert is_numbered_heading("2 Bakgrunn")
    assert not is_numbered_heading("3. Styret ber om innspill innen fristen.")
    assert not is_numbered_heading(
        "2021 var et godt år for regionen med mange nye tiltak og prosjekter"
    )


def test_a_grant_told_twice_is_one_decision():
    text = """Sammendrag

Regionrådet bevilget i tillegg 500.000 kroner fra sitt disposisjonsfond til sendingen.

Kapittel om TV

Dette var mulig fordi Regionrådet bevilget et tilskudd på 500.000 kroner fra sitt disposisjonsfond.

Regionrådet bevilget 200.000 kroner til et nytt prosjekt.
"""
    facts = X.extract(text, document_id="g")
    texts = [d.text for d in facts.decisions]
    assert len(texts) == 2
    assert "Regionrådet bevilget i tillegg 500.000 kroner" in texts[0]
    assert texts[1].startswith("Regionrådet bevilget 200.000 kroner")


def test_a_meeting_announced_without_a_date_is_a_planned_meeting():
    text = (
        "Det planlegges et fellesmøte for formannskapene i god tid før dette, der både"
        " handlingsplanen og organiseringen av regionrådet blir tema.\n"
    )
    facts = X.extract(text, document_id="p")
    (meeting,) = facts.meetings
    assert meeting.body == "Formannskapet" and meeting.date is None
    assert meeting.title == "Formannskapet, planlagt møte (dato ikke satt)"
    assert meeting.quote.startswith("Det planlegges et fellesmøte for formannskapene")


def test_a_planned_meeting_with_a_date_is_found_once_by_its_date():
    text = "Det vil bli holdt et møte i arbeidsutvalget tirsdag 9. desember 2025.\n"
    facts = X.extract(text, document_id="d")
    (meeting,) = facts.meetings
    assert (meeting.body, meeting.date.isoformat()) == ("Arbeidsutvalget", "2025-12-09")
