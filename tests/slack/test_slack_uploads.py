"""A file shared with the bot in a DM: from the advisor, a form and then the knowledge base; from
anyone else, a polite refusal. And an intern document never shows where it must not."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from bot.cli import cli
from bot.slack import update_blocks as U
from bot.slack import uploads
from bot.slack.views import upload_form
from tests.pdf import make_pdf
from tests.slack.slack_requests import mention, message
from tests.slack.test_slack_updates import ADVISOR, GUEST, MEMBER, button, directory, dump

DM = "D0RUNE"
NOTE = [
    "Notat om fiberutbygging i Fjellregionen",
    "Fjellregionen har avtalt at Multeprosjektet skal gi 500 husstander fiber innen 2023.",
]


@pytest.fixture
def people(fresh_store):
    return directory(fresh_store)


@pytest.fixture
def ubot(start_bot, people):
    return start_bot(store=people)


def share(bot, file: dict, *, user=ADVISOR, channel=DM, ts="1618600000.000100"):
    event = message("", channel=channel, channel_type="im", user=user, ts=ts)
    event.update(subtype="file_share", files=[file])
    here = lambda c: c.args["channel"] == channel  # noqa: E731
    n = len([c for c in bot.double.calls_of("chat.postMessage") if here(c)])
    assert bot.slack.event(event).status == 200
    return bot.double.wait_for("chat.postMessage", here, count=n + 1)


def upload(bot, name, data, *, access="offentlig", title="Notat om fiber", day="2021-04-15"):
    """The whole path: share, click the button, fill in the form; returns the final reply."""
    offer = share(bot, bot.double.add_file(name, data))
    start = button(offer, U.UPLOAD_START)
    posted = bot.double.messages[DM][-1]
    msg = {"type": "message", "ts": posted["ts"], "text": offer.text}
    bot.slack.click(U.UPLOAD_START, start["value"], user_id=ADVISOR, channel_id=DM, message=msg)
    view = bot.double.wait_for("views.open").args["view"]
    assert view["callback_id"] == upload_form.VIEW
    state = {
        "title": {"value": {"type": "plain_text_input", "value": title}},
        "date": {"value": {"type": "datepicker", "selected_date": day}},
        "access": {"value": {"type": "radio_buttons", "selected_option": {"value": access}}},
    }
    reply = bot.slack.submit_view(
        upload_form.VIEW, state, user_id=ADVISOR, private_metadata=view["private_metadata"]
    )
    assert reply.status == 200 and reply.body == ""
    return bot.double.wait_for("chat.update", lambda c: c.args["ts"] == posted["ts"])


def ask(store, question: str) -> dict:
    path = store.db.conn.execute("PRAGMA database_list").fetchone()[2]
    result = CliRunner().invoke(
        cli,
        ["ask", question, "--json"],
        env={"REGIONBOT_DB": path, "REGIONBOT_NOW": "2021-04-20T09:00:00", "LLM_MODEL": ""},
    )
    assert result.exit_code == 0, result.output
    return json.loads(result.output.strip().splitlines()[-1])


def test_a_pdf_from_the_advisor_is_ingested_and_answerable_with_its_source(ubot, people):
    offer = share(ubot, ubot.double.add_file("fiber.pdf", make_pdf(NOTE)))
    assert "Vil du legge «fiber.pdf» inn i kunnskapsbasen?" in offer.all_text()
    ubot.double.calls.clear()
    done = upload(ubot, "fiber.pdf", make_pdf(NOTE))
    assert "«Notat om fiber» er lagt inn" in done.text and "avsnitt indeksert" in done.text
    [download] = ubot.double.calls_of("file_download")
    assert download.headers["authorization"] == "Bearer xoxb-test-token"
    [doc] = [d for d in people.documents() if d.title == "Notat om fiber"]
    assert doc.access == "offentlig" and doc.date.isoformat() == "2021-04-15"
    n = len(people.passages(doc.id))
    assert f"{n} avsnitt indeksert" in done.text
    [audit] = [u for u in people.updates() if u.action == "ingest"]
    assert audit.author == "Rune Jørgensen" and audit.target == f"document:{doc.id}"
    answer = ask(people, "Hvor mange husstander skal Multeprosjektet gi fiber?")
    assert "500" in answer["answer"]
    assert "Notat om fiber" in [s["title"] for s in answer["sources"]]


def test_a_file_from_a_member_is_refused_politely_and_nothing_is_ingested(ubot, people):
    before = dump(people)
    file = ubot.double.add_file("fiber.pdf", make_pdf(NOTE))
    reply = share(ubot, file, user=MEMBER, channel="D0KARI")
    assert "Bare regionrådgiveren kan legge dokumenter inn" in reply.text
    assert not any(b.get("type") == "actions" for b in reply.args["blocks"])
    # Neither the button nor the form works for them, even if they get hold of one.
    value = uploads.SharedFile.of(file).dump()
    ubot.slack.click(U.UPLOAD_START, value, user_id=MEMBER, channel_id="D0KARI")
    assert "Bare regionrådgiveren" in ubot.double.wait_for("chat.postEphemeral").text
    view = upload_form.form(uploads.SharedFile.of(file), today=ubot.settings.current_time().date())
    state = {"title": {"value": {"type": "plain_text_input", "value": "X"}}}
    body = ubot.slack.submit_view(
        upload_form.VIEW, state, user_id=MEMBER, private_metadata=view["private_metadata"]
    ).json()
    assert body["response_action"] == "update"
    ubot.idle()
    assert not ubot.double.calls_of("file_download")
    assert dump(people) == before


def test_unsupported_files_and_a_refused_download_are_explained(ubot, people):
    before = dump(people)
    reply = share(ubot, ubot.double.add_file("plan.docx", b"PK..", mimetype="application/msword"))
    assert "Filtypen .docx støttes ikke" in reply.text
    ubot.double.token = "xoxb-another"  # Slack does not accept the bot's token
    done = upload(ubot, "fiber.pdf", make_pdf(NOTE))
    assert "innloggingsside" in done.text and "files:read" in done.text
    assert dump(people) == before


def test_the_token_goes_to_slack_only(slack_settings):
    file = uploads.SharedFile(id="F1", name="x.pdf", url="https://evil.example/x.pdf", size=10)
    with pytest.raises(uploads.UploadError, match="ligger ikke hos Slack"):
        uploads.download(file, slack_settings)
    ok = uploads.SharedFile(id="F1", name="x.pdf", url="https://files.slack.com/x.pdf")
    assert uploads._allowed(ok.url, slack_settings)
    assert not uploads._allowed("http://files.slack.com/x.pdf", slack_settings)


def test_a_broken_pdf_is_explained_by_its_name(ubot, people):
    done = upload(ubot, "ødelagt.pdf", b"%PDF-1.4 this is not a pdf")
    assert "«ødelagt.pdf»" in done.text and "/tmp" not in done.text


# --- an intern document stays where it belongs ----------------------------------------------

MARKER = "Tyttebærkoden 7731"
SECRET = [
    "Internt notat om forhandlinger",
    f"Forhandlingsposisjonen i saken kalles {MARKER} og er fortrolig.",
]


def test_an_intern_documents_marker_never_reaches_a_guest(start_bot, people, slack_settings):
    bot = start_bot(store=people)
    done = upload(bot, "posisjon.pdf", make_pdf(SECRET), access="intern", title="Posisjonsnotat")
    assert "tilgang intern" in done.text
    bot.double.calls.clear()
    question = "hva er tyttebærkoden?"
    # A guest: a mention in a public channel, a command reply, the App Home.
    bot.slack.event(mention(question, user=GUEST, ts="1618700000.000100"))
    url = bot.double.response_url("cmd")
    for text in (question, "historikk tyttebærkoden", "oppdater tyttebærkoden status ferdig"):
        bot.slack.command(text, response_url=url, user_id=GUEST)
    bot.slack.command(question, response_url=url, user_id=MEMBER)  # a member, in public
    home = {"type": "app_home_opened", "user": GUEST, "channel": "D0G", "tab": "home"}
    bot.slack.event(home)
    bot.double.wait_for("views.publish")
    bot.double.wait_for("response_url", count=4)
    bot.double.wait_for("chat.postMessage")
    bot.idle()
    said = "\n".join(c.all_text() for c in bot.double.calls)
    assert "Tyttebærkoden" not in said and "7731" not in said
    # ... while a member asking in a DM gets it: the marker is findable, the rule keeps it out.
    bot.slack.event(message(question, channel="D0KARI", channel_type="im", user=MEMBER, ts="1.2"))
    answer = bot.double.wait_for("chat.postMessage", lambda c: c.args["channel"] == "D0KARI")
    assert "7731" in answer.all_text()


def test_uploads_module_returns_the_ingest_result(people, slack_settings, double, tmp_path):
    """The hook for later steps: one call from a shared file to the ingest result."""
    from bot.permission import Actor

    file = uploads.SharedFile.of(
        double.add_file("a.txt", b"Alfa beta gamma.", mimetype="text/plain")
    )
    result = uploads.ingest_shared_file(
        people,
        slack_settings,
        file,
        actor=Actor("Rune Jørgensen", "advisor"),
        title="Alfa",
        day=None,
        access="offentlig",
        now=slack_settings.current_time(),
    )
    assert result["title"] == "Alfa" and result["passages"] == 1 and result["access"] == "offentlig"
    shutil.rmtree(tmp_path, ignore_errors=True)
