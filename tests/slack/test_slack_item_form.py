"""`/regionbot ny tiltak|frist` and `/regionbot endre <ref>`: the form, its validation beside the
fields, the version it carries, and who may submit it; through signed requests."""

from __future__ import annotations

import json
from datetime import date

import pytest

from bot import refs
from bot.slack import update_blocks as U
from bot.slack.views import item_form
from tests.slack.test_slack_updates import (
    ADVISOR,
    MEMBER,
    MOBILE,
    OWNER,
    button,
    command,
    directory,
    dump,
    mobile,
)


@pytest.fixture
def people(fresh_store):
    return directory(fresh_store)


@pytest.fixture
def fbot(start_bot, people):
    return start_bot(store=people)


def opened(bot, n=1) -> dict:
    return bot.double.wait_for("views.open", count=n).args["view"]


def submit(bot, view, values: dict, *, user=ADVISOR):
    state = {}
    for block in view["blocks"]:
        if block["type"] != "input":
            continue
        name = block["block_id"]
        element = block["element"]
        if name in values:
            value = values[name]
        elif element["type"] == "static_select":
            value = (element.get("initial_option") or {}).get("value")
        else:
            value = element.get("initial_value")
        if element["type"] == "static_select":
            state[name] = {
                "value": {
                    "type": "static_select",
                    "selected_option": {"value": value} if value else None,
                }
            }
        else:
            state[name] = {"value": {"type": "plain_text_input", "value": value}}
    return bot.slack.submit_view(
        item_form.VIEW, state, user_id=user, private_metadata=view["private_metadata"]
    )


def plan_2021(store) -> str:
    return next(p.id for p in store.plans() if "2021" in p.title and "2022" in p.title)


def test_ny_tiltak_opens_the_form_and_a_valid_submission_creates_the_measure(fbot, people):
    fbot.slack.command("ny tiltak", response_url=fbot.double.response_url(), user_id=ADVISOR)
    view = opened(fbot)
    assert view["callback_id"] == item_form.VIEW and view["title"]["text"] == "Nytt tiltak"
    plan = plan_2021(people)
    reply = submit(
        fbot,
        view,
        {
            "text": "Kartlegge ladepunkter for elbil",
            "plan_id": plan,
            "owners": "Arbeidsutvalget, Administrasjonen",
            "due": "høsten 2022",
            "financing": "Regionrådet",
        },
    )
    assert reply.status == 200 and reply.body == ""  # the form closes
    dm = fbot.double.wait_for("chat.postMessage", lambda c: c.args["channel"] == ADVISOR)
    assert "er lagt til" in dm.all_text() and button(dm, U.UPDATE_UNDO)
    [made] = [m for m in people.items("measure") if m.text == "Kartlegge ladepunkter for elbil"]
    assert made.owners == ["Arbeidsutvalget", "Administrasjonen"]
    assert made.due == date(2022, 12, 31) and made.due_text == "høsten 2022"
    assert made.plan_id == plan and made.status == "ikke startet"
    [audit] = people.history("measure", made.id)
    assert audit.action == "create" and audit.author == "Rune Jørgensen"
    assert refs.resolve(people, refs.ref(people, "measure", made.id))[0].id == made.id


def test_field_problems_are_shown_beside_the_fields_and_nothing_is_written(fbot, people):
    fbot.slack.command("ny frist", response_url=fbot.double.response_url(), user_id=ADVISOR)
    view = opened(fbot)
    before = dump(people)
    reply = submit(fbot, view, {"what": "", "due": "en gang i blant"})
    body = reply.json()
    assert body["response_action"] == "errors"
    assert body["errors"]["what"] == "Hva mangler."
    assert "Jeg forstod ikke fristen «en gang i blant»" in body["errors"]["due"]
    assert dump(people) == before


def test_a_new_measure_needs_a_plan(fbot, people):
    fbot.slack.command("ny tiltak", response_url=fbot.double.response_url(), user_id=ADVISOR)
    reply = submit(fbot, opened(fbot), {"text": "Noe nytt", "plan_id": None})
    assert reply.json()["errors"] == {"plan_id": "Velg planen tiltaket hører til."}


def test_endre_opens_the_form_prefilled_with_the_version_and_saves_what_changed(fbot, people):
    fbot.slack.command(f"endre {MOBILE}", response_url=fbot.double.response_url(), user_id=ADVISOR)
    view = opened(fbot)
    meta = json.loads(view["private_metadata"])
    row = mobile(people)
    assert meta["id"] == row.id and meta["version"] == people.version("measure", row.id)
    fields = {b["block_id"]: b["element"] for b in view["blocks"] if b["type"] == "input"}
    assert fields["text"]["initial_value"] == row.text
    assert fields["plan_id"]["initial_option"]["value"] == row.plan_id
    reply = submit(fbot, view, {"due": "30.06.2022"})
    assert reply.status == 200 and reply.body == ""
    row = mobile(people)
    assert row.due == date(2022, 6, 30)
    history = people.history("measure", row.id)
    assert [h.field for h in history] == ["due"]  # only what changed, one audit row
    assert history[0].origin.startswith("slack:skjema/")


def test_a_stale_form_is_refused_and_nothing_is_written(fbot, people):
    fbot.slack.command(f"endre {MOBILE}", response_url=fbot.double.response_url(), user_id=ADVISOR)
    view = opened(fbot)
    command(fbot, f"oppdater {MOBILE} status pågår", user_id=OWNER, n=1)
    before = dump(people)
    reply = submit(fbot, view, {"due": "30.06.2022"})
    body = reply.json()
    assert body["response_action"] == "update"
    assert "Tiltaket er endret siden du åpnet skjemaet" in json.dumps(body, ensure_ascii=False)
    assert dump(people) == before


def test_an_owner_may_not_change_the_owner_or_the_due_date(fbot, people):
    text = command(fbot, f"endre {MOBILE}", user_id=OWNER).all_text()
    assert "Som eier kan du endre status og kommentar" in text
    # ... and a submission of the form anyway (e.g. one opened for someone else) is refused.
    row = mobile(people)
    view = item_form.form(
        people, "measure", row=row, ref=MOBILE, version=people.version("measure", row.id)
    )
    before = dump(people)
    for values in ({"owners": "Runa Finborud"}, {"due": "01.01.2030"}):
        body = submit(fbot, view, values, user=OWNER).json()
        assert body["response_action"] == "update"
        assert "Som eier kan du endre status og kommentar" in json.dumps(body, ensure_ascii=False)
    assert dump(people) == before


def test_a_member_may_not_create(fbot):
    text = command(fbot, "ny tiltak", user_id=MEMBER).all_text()
    assert "Bare regionrådgiveren" in text
    assert not fbot.double.calls_of("views.open")


def test_ny_without_a_kind_says_what_it_takes(fbot):
    assert "`/regionbot ny tiltak`" in command(fbot, "ny møte", user_id=ADVISOR).all_text()


def test_a_broken_form_is_refused(fbot, people):
    before = dump(people)
    reply = fbot.slack.submit_view(item_form.VIEW, {}, user_id=ADVISOR, private_metadata="{bad")
    assert reply.json()["response_action"] == "update"
    assert dump(people) == before


def test_endre_with_words_that_fit_several_lists_them_and_a_pick_opens_the_form(fbot, people):
    call = command(fbot, "endre jernbaneforum", user_id=ADVISOR)
    assert "Hvilken vil du endre?" in call.all_text()
    first = next(
        e
        for b in call.args["blocks"]
        for e in [b.get("accessory") or {}]
        if e.get("action_id") == U.EDIT_PICK
    )
    url = fbot.double.response_url("pick")
    fbot.slack.click(U.EDIT_PICK, first["value"], user_id=ADVISOR, ephemeral=True, response_url=url)
    view = opened(fbot)
    assert json.loads(view["private_metadata"])["ref"] == first["value"]
