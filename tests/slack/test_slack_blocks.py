"""Block Kit builders, without Slack."""

from __future__ import annotations

from datetime import date

from bot.models import Source
from bot.slack import blocks as B
from bot.slack import home_blocks as H

BODY = "Ansvar: Administrasjonen. Tiltaket er «sekretariat for Jernbaneforum»."
ANSWER = BODY + "\nKilde: Høring – Handlingsplan 2021-2022\nKilde: Handlingsplan 2019-2020"
SOURCES = [
    Source(
        document_id="d1",
        title="Høring – Handlingsplan 2021-2022",
        quote="sekretariat for Jernbaneforum",
    ),
    Source(document_id="d2", title="Handlingsplan 2019-2020", case_number="18/2021", page=3),
]


def test_answer_message_layout():
    msg = B.answer_message(BODY, SOURCES, ref="abc123", text=ANSWER)
    kinds = [b["type"] for b in msg["blocks"]]
    assert kinds == ["section", "context", "actions"]
    assert "Kilde" not in msg["blocks"][0]["text"]["text"]
    sources = [e["text"] for e in msg["blocks"][1]["elements"]]
    assert sources[0] == "📄 *Høring – Handlingsplan 2021-2022*: «sekretariat for Jernbaneforum»"
    assert sources[1] == "📄 *Handlingsplan 2019-2020, sak 18/2021, s. 3*"
    buttons = msg["blocks"][2]["elements"]
    assert [(b["action_id"], b["value"], b["text"]["text"]) for b in buttons] == [
        ("feedback_up", "abc123", "👍"),
        ("feedback_down", "abc123", "👎"),
    ]
    assert msg["text"] == ANSWER  # the fallback carries everything


def test_sources_come_from_the_answer_not_from_its_text():
    # No sources handed over: no source block, whatever the fallback text says.
    msg = B.answer_message(BODY, [], ref="r", text=ANSWER)
    assert [b["type"] for b in msg["blocks"]] == ["section", "actions"]
    assert "Kilde" not in msg["blocks"][0]["text"]["text"]


def test_answer_echoes_the_question_when_asked():
    msg = B.answer_message(BODY, SOURCES, ref="r", question="hvem har ansvar?")
    assert msg["blocks"][0] == {
        "type": "context",
        "elements": [B.mrkdwn("Spørsmål: _hvem har ansvar?_")],
    }


def test_markup_in_answers_is_escaped():
    msg = B.answer_message("Bruk <@U1> & <!channel>", [], ref="r")
    assert msg["blocks"][0]["text"]["text"] == "Bruk &lt;@U1&gt; &amp; &lt;!channel&gt;"


def test_long_answers_are_split_into_sections_within_slacks_limit():
    long = "\n".join(f"Linje {i}: " + "x" * 200 for i in range(40))
    msg = B.answer_message(long, [], ref="r")
    texts = [b["text"]["text"] for b in msg["blocks"] if b["type"] == "section"]
    assert len(texts) > 1 and all(len(t) <= 3000 for t in texts)
    assert "".join(texts).count("Linje") == 40
    assert len(msg["text"]) <= B.TEXT_LIMIT


def test_many_sources_fit_one_context_block():
    many = [Source(document_id=f"d{i}", title=f"Dok {i}", quote="q" * 1000) for i in range(15)]
    context = B.answer_message("Svar", many, ref="r")["blocks"][1]
    assert len(context["elements"]) == 10
    assert all(len(e["text"]) < 400 for e in context["elements"])


def test_internal_note_hides_the_answer_and_offers_a_dm():
    msg = B.internal_note("hva er budsjettet?")
    assert "interne dokumenter" in msg["text"]
    button = msg["blocks"][1]["elements"][0]
    assert (button["action_id"], button["value"]) == ("answer_in_dm", "hva er budsjettet?")


def test_deadline_line():
    line = B.deadline_line(
        {"what": "Frist for innspill til høringen", "due": "2021-04-27", "owner": "medlemmene"}
    )
    assert (
        line == "• *tirsdag 27. april 2021*: Frist for innspill til høringen _(ansvar: medlemmene)_"
    )
    # An owner the text already names is not repeated.
    line = B.deadline_line(
        {"what": "Innspill (medlemmene)", "due": date(2021, 4, 27), "owner": "medlemmene"}
    )
    assert line.endswith("Innspill (medlemmene)")


def test_measure_line():
    line = B.measure_line(
        {
            "text": "Sekretariat for Jernbaneforum",
            "status": "åpen",
            "due": "2021-12-31",
            "owner_text": None,
            "owners": ["Administrasjonen"],
        }
    )
    assert (
        line
        == "• Sekretariat for Jernbaneforum – _åpen_, frist fredag 31. desember 2021 _(ansvar: Administrasjonen)_"
    )


def test_meeting_line_with_cases():
    line = B.meeting_line(
        {
            "body": "Arbeidsutvalget",
            "date": "2021-03-03",
            "time": "09:00",
            "place": "Tynset",
            "title": "AU-møte",
            "cases": [{"number": "18/2021", "title": "Handlingsplan 2021-22"}],
        }
    )
    assert line.splitlines() == [
        "• *onsdag 3. mars 2021 kl. 09:00*, Tynset: Arbeidsutvalget – AU-møte",
        "      ◦ Sak 18/2021 Handlingsplan 2021-22",
    ]


def test_deadlines_message():
    records = [
        {"what": "Frist", "due": "2021-04-27", "owner": None, "source": {"title": "Høringsbrev"}}
    ]
    msg = B.deadlines_message(records, start=date(2021, 4, 20), end=date(2021, 5, 20))
    assert (
        msg["text"].splitlines()[0] == "Frister fra tirsdag 20. april 2021 til torsdag 20. mai 2021"
    )
    assert msg["blocks"][-1]["elements"][0]["text"] == "Kilde: Høringsbrev"
    empty = B.deadlines_message([], start=date(2021, 4, 20), end=date(2021, 4, 23))
    assert "Ingen frister i perioden." in empty["text"]


def test_long_listings_say_how_many_were_left_out():
    records = [
        {"text": f"Tiltak {i}", "status": "åpen", "source": {"title": "Plan"}} for i in range(30)
    ]
    msg = B.measures_message(records, title="Alle tiltak", empty="-")
    shown = "\n".join(b["text"]["text"] for b in msg["blocks"] if b["type"] == "section")
    assert "Tiltak 19" in shown and "Tiltak 20" not in shown
    assert msg["blocks"][-1]["elements"][0]["text"].startswith("… og 10 til.")


def test_home_view_for_a_member():
    view = H.home_view(
        name="Rune Jørgensen",
        user_id="U1",
        measures=[{"text": f"Tiltak {i}", "status": "åpen"} for i in range(40)],
        deadlines=[{"what": "Frist", "due": "2021-04-27"}],
        meetings=[{"body": "AU", "date": "2021-05-10"}],
        today=date(2021, 4, 20),
    )
    assert view["type"] == "home" and len(view["blocks"]) <= 100
    headers = [b["text"]["text"] for b in view["blocks"] if b["type"] == "header"]
    assert headers == ["Regionbot", "Dine tiltak", "Dine frister", "Neste møter"]
    assert B.action_ids(view["blocks"]) == {"home_ask"}


def test_home_view_for_an_unknown_user():
    view = H.home_view(
        name=None, user_id="U0NEW", measures=[], deadlines=[], meetings=[], today=date(2021, 4, 20)
    )
    text = view["blocks"][1]["text"]["text"]
    assert "`U0NEW`" in text and "knowledge/people.yaml" in text and "regionrådgiveren" in text


def test_ask_modal():
    modal = H.ask_modal()
    assert modal["callback_id"] == "ask_question"
    assert modal["blocks"][0]["block_id"] == "question"
    assert modal["blocks"][0]["element"]["action_id"] == "question_input"
    assert B.action_ids(modal["blocks"]) == set()  # an input field is not a button


def test_usage_and_prompts_are_norwegian():
    assert B.usage_message("Jeg forstod ikke «?».")["text"].startswith("Jeg forstod ikke")
    assert [p["message"] for p in B.suggested_prompts()] == B.SUGGESTED_PROMPTS


def test_button_values_stay_within_slacks_limit():
    note = B.internal_note("x" * 5000)
    assert len(note["blocks"][1]["elements"][0]["value"]) <= 2000
