"""The advisor's review of an uploaded document's facts in Slack: summary, Lagre, Se over,
Bare tekst, and a member who may not save."""

from __future__ import annotations

import json
from datetime import date

import pytest
from slack_sdk import WebClient

from bot import lookup, updates
from bot.ingest import ingest_file
from bot.slack import review as R
from tests.pdf import make_pdf

ADVISOR, MEMBER = "U0RUNE", "U0RUNA"
PLAN = """Handlingsplan for Vestdal regionrad 2024-2025

Det skal gjennomfores folgende tiltak:

- styrke samarbeidet med videregaende skole om laerlingplasser

Ansvar: Sekretariatet

- soke midler til et desentralisert studietilbud i helsefag

Ansvar: Arbeidsutvalget

Kommunene bes sende innspill innen 1. desember 2023.
"""


@pytest.fixture
def people_store(fresh_store):
    fresh_store.put_people_directory(
        [
            {"name": "Rune Jørgensen", "slack_user_id": ADVISOR, "access": "advisor"},
            {"name": "Runa Finborud", "slack_user_id": MEMBER, "access": "member"},
        ]
    )
    return fresh_store


@pytest.fixture
def uploaded(people_store, tmp_path, now, slack_settings):
    """A PDF the advisor shared, ingested as text, and the summary posted in the DM."""
    path = tmp_path / "vestdal.pdf"
    path.write_bytes(make_pdf([PLAN]))
    doc = ingest_file(people_store, path, now=now)
    client = WebClient(token="xoxb-test-token", base_url=slack_settings.slack_api_url + "/")
    advisor = updates.actor(people_store, slack_user_id=ADVISOR)
    message = R.offer(
        client,
        people_store,
        channel="D0RUNE",
        document_id=doc["id"],
        path=path,
        actor=advisor,
        now=now,
    )
    return doc["id"], message


def _ids(blocks):
    return [e["action_id"] for b in blocks for e in b.get("elements", []) if e.get("action_id")]


def _doc_measures(store, doc_id):
    return [m for m in store.items("measure") if m.document_id == doc_id]


def test_summary_with_three_buttons_and_nothing_saved_yet(
    start_bot, people_store, uploaded, double
):
    doc_id, _ = uploaded
    posted = double.wait_for("chat.postMessage")
    assert posted.args["channel"] == "D0RUNE"
    assert "Fant 2 tiltak med ansvarlig og 1 frist." in posted.text
    assert _ids(posted.args["blocks"]) == [R.SAVE, R.REVIEW, R.TEXT_ONLY]
    assert _doc_measures(people_store, doc_id) == []


def test_lagre_saves_the_measures_for_lists_and_owners(start_bot, people_store, uploaded):
    doc_id, _ = uploaded
    bot = start_bot(store=people_store)
    msg = {"type": "message", "ts": "200.1", "text": ""}
    assert (
        bot.slack.click(R.SAVE, doc_id, user_id=ADVISOR, channel_id="D0RUNE", message=msg).status
        == 200
    )
    done = bot.double.wait_for("chat.update")
    assert done.args["ts"] == "200.1" and "Lagret" in done.text
    rows = lookup.measures(people_store, owner="Sekretariatet")
    assert [r["text"] for r in rows] == [
        "styrke samarbeidet med videregaende skole om laerlingplasser"
    ]
    assert {r["ref"] for r in lookup.measures(people_store, plan="2024")} == {"T24-1", "T24-2"}
    [deadline] = [d for d in people_store.items("deadline") if d.document_id == doc_id]
    assert deadline.due == date(2023, 12, 1)
    assert people_store.pending_extraction(doc_id) is None
    # a second click finds nothing left to save
    bot.slack.click(R.SAVE, doc_id, user_id=ADVISOR, channel_id="D0RUNE", message=msg)
    assert R.GONE in bot.double.wait_for("chat.postEphemeral").text
    assert len(_doc_measures(people_store, doc_id)) == 2


def test_bare_tekst_keeps_only_the_passages(start_bot, people_store, uploaded):
    doc_id, _ = uploaded
    bot = start_bot(store=people_store)
    bot.slack.click(R.TEXT_ONLY, doc_id, user_id=ADVISOR, channel_id="D0RUNE")
    assert "Bare teksten" in bot.double.wait_for("chat.update").text
    assert _doc_measures(people_store, doc_id) == []
    assert (
        people_store.rows("SELECT count(*) AS n FROM passages WHERE document_id = ?", [doc_id])[0][
            "n"
        ]
        > 0
    )
    assert people_store.pending_extraction(doc_id) is None


def test_a_member_may_not_save(start_bot, people_store, uploaded):
    doc_id, _ = uploaded
    bot = start_bot(store=people_store)
    bot.slack.click(R.SAVE, doc_id, user_id=MEMBER, channel_id="D0RUNA")
    assert R.NOT_ADVISOR in bot.double.wait_for("chat.postEphemeral").text
    assert _doc_measures(people_store, doc_id) == []
    assert people_store.pending_extraction(doc_id) is not None


def test_se_over_lists_items_and_saves_only_the_ticked(start_bot, people_store, uploaded):
    doc_id, _ = uploaded
    bot = start_bot(store=people_store)
    bot.slack.click(
        R.REVIEW,
        doc_id,
        user_id=ADVISOR,
        channel_id="D0RUNE",
        message={"type": "message", "ts": "300.1"},
    )
    view = bot.double.wait_for("views.open").args["view"]
    assert view["callback_id"] == R.REVIEW_SUBMIT
    boxes = {b["block_id"]: b["element"]["options"] for b in view["blocks"] if b["type"] == "input"}
    measures = boxes["measure-0"]
    assert [o["description"]["text"] for o in measures] == [
        "Ansvar: Sekretariatet",
        "Ansvar: Arbeidsutvalget",
    ]
    values = {
        "measure-0": {"keep": {"type": "checkboxes", "selected_options": measures[1:]}},
        "deadline-0": {"keep": {"type": "checkboxes", "selected_options": []}},
    }
    assert (
        bot.slack.submit_view(
            R.REVIEW_SUBMIT, values, user_id=ADVISOR, private_metadata=view["private_metadata"]
        ).status
        == 200
    )
    assert "Lagret" in bot.double.wait_for("chat.update").text
    assert [m.text for m in _doc_measures(people_store, doc_id)] == [
        "soke midler til et desentralisert studietilbud i helsefag"
    ]
    assert [d for d in people_store.items("deadline") if d.document_id == doc_id] == []
    assert json.loads(view["private_metadata"])["document_id"] == doc_id


def test_review_blocks_stay_within_slack_limits():
    from bot import extract as X

    text = "Handlingsplan 2024-2025\n\nFolgende tiltak:\n" + "".join(
        f"- tiltak nummer {i} for regionen\n" for i in range(35)
    )
    facts = X.extract(text, document_id="d")
    view = R.review_view("T", facts, "d")
    inputs = [b for b in view["blocks"] if b["type"] == "input"]
    assert len(inputs) == 4 and all(len(b["element"]["options"]) <= 10 for b in inputs)
    assert all(len(o["text"]["text"]) <= 75 for b in inputs for o in b["element"]["options"])


# --- the whole path: a PDF shared in a DM, the upload form, then the review --------------------


def test_a_pdf_shared_by_the_advisor_gets_the_summary_and_lagre_saves_it(
    start_bot, fresh_store, tmp_path
):
    from tests.slack.test_slack_updates import directory
    from tests.slack.test_slack_uploads import DM, upload

    store = directory(fresh_store)
    bot = start_bot(store=store)
    done = upload(bot, "vestdal.pdf", make_pdf([PLAN]), title="Handlingsplan Vestdal")
    assert "er lagt inn" in done.text and "Fant 2 tiltak med ansvarlig og 1 frist." in done.text
    assert _ids(done.args["blocks"]) == [R.SAVE, R.REVIEW, R.TEXT_ONLY]
    [doc] = [d for d in store.documents() if d.title == "Handlingsplan Vestdal"]
    assert _doc_measures(store, doc.id) == []  # nothing structured before Lagre
    save = next(
        e
        for b in done.args["blocks"]
        for e in b.get("elements", [])
        if e.get("action_id") == R.SAVE
    )
    msg = {"type": "message", "ts": done.args["ts"], "text": done.text}
    bot.slack.click(R.SAVE, save["value"], user_id=ADVISOR, channel_id=DM, message=msg)
    bot.double.wait_for("chat.update", lambda c: "Lagret" in c.text)
    listed = _cli(store, "measures", "--plan", "2024", "--json")
    assert {m["text"] for m in listed} == {
        "styrke samarbeidet med videregaende skole om laerlingplasser",
        "soke midler til et desentralisert studietilbud i helsefag",
    }
    assert {tuple(m["owners"]) for m in listed} == {("Sekretariatet",), ("Arbeidsutvalget",)}


def _cli(store, *args):
    from click.testing import CliRunner

    from bot.cli import cli

    path = store.db.conn.execute("PRAGMA database_list").fetchone()[2]
    result = CliRunner().invoke(
        cli,
        list(args),
        env={"REGIONBOT_DB": path, "REGIONBOT_NOW": "2021-04-20T09:00:00", "LLM_MODEL": ""},
    )
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


TABLE_PLAN = """Handlingsplan for Vestdal regionrad 2021-2022

Tiltak  Ansvar  Frist
Utrede felles innkjop av ladestasjoner  Arbeidsutvalget  27.04.2021
Lage plan for sykkelveier  Administrasjonen  27.04.2021
"""


def test_after_lagre_the_owners_are_reminded(start_bot, fresh_store):
    from tests.slack.test_slack_updates import directory
    from tests.slack.test_slack_uploads import DM, upload

    store = directory(fresh_store)
    bot = start_bot(store=store)
    done = upload(bot, "plan.pdf", make_pdf([TABLE_PLAN]), title="Handlingsplan Vestdal")
    assert "Fant 2 tiltak med ansvarlig." in done.text
    before = {(r["person"], r["text"]) for r in _reminders(store)}
    msg = {"type": "message", "ts": done.args["ts"], "text": done.text}
    [doc] = [d for d in store.documents() if d.title == "Handlingsplan Vestdal"]
    bot.slack.click(R.SAVE, doc.id, user_id=ADVISOR, channel_id=DM, message=msg)
    bot.double.wait_for("chat.update", lambda c: "Lagret" in c.text)
    new = {(r["person"], r["text"]) for r in _reminders(store)} - before
    assert new == {
        ("Runa Finborud", "Utrede felles innkjop av ladestasjoner"),
        ("Rune Jørgensen", "Lage plan for sykkelveier"),
    }


def _reminders(store) -> list[dict]:
    rows = _cli(store, "remind", "--dry-run", "--json", "--now", "2021-04-20T08:00")
    return [{"person": r["recipient"]["name"], "text": r["item"]["text"]} for r in rows]
