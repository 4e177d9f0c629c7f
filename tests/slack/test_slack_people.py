"""Who a Slack user is, and the app's small bounded memories."""

from __future__ import annotations

from slack_sdk import WebClient

from bot.lookup import deadlines_of, measures_of, owned_by
from bot.models import PersonRecord
from bot.slack.memory import AnswerLog, SeenSet
from bot.slack.people import People
from tests.slack.conftest import MEMBER


def test_person_by_slack_id(member_store, settings):
    people = People(member_store, settings)
    assert people.person(MEMBER).name == "Rune Jørgensen"
    assert people.person("U0NOBODY") is None
    assert people.person(None) is None


def test_person_by_email_only_when_enabled_and_cached(store, settings, double):
    double.add_user("U0MAIL", email="rune.jorgensen@innlandetfylke.no")
    client = WebClient(token="xoxb-t", base_url=double.api_url)
    assert People(store, settings).person("U0MAIL", client) is None
    assert double.calls_of("users.info") == []

    people = People(store, settings.model_copy(update={"slack_lookup_by_email": True}))
    assert people.person("U0MAIL", client).name == "Rune Jørgensen"
    assert people.person("U0MAIL", client).name == "Rune Jørgensen"
    assert len(double.calls_of("users.info")) == 1
    assert people.person("U0GONE", client) is None  # users.info says user_not_found


def test_slack_user_id_for_a_person(store, settings, double):
    double.add_user("U0MAIL", email="rune.jorgensen@innlandetfylke.no")
    client = WebClient(token="xoxb-t", base_url=double.api_url)
    rune = store.person("Rune Jørgensen")
    assert People(store, settings).slack_user_id(rune, client) is None
    people = People(store, settings.model_copy(update={"slack_lookup_by_email": True}))
    assert people.slack_user_id(rune, client) == "U0MAIL"
    assert people.slack_user_id(PersonRecord(name="X", slack_user_id="U0X"), client) == "U0X"


def test_measures_and_deadlines_of_a_person(store, now):
    rune = store.person("Rune Jørgensen")
    texts = [m["text"] for m in measures_of(store, rune)]
    assert any("Jernbaneforum" in t for t in texts)  # owned by role: regionrådgiver
    assert owned_by("AU/regionrådgiver/referansegruppe", rune)
    assert not owned_by("Arbeidsutvalget", rune)
    assert not owned_by(None, rune)
    assert all(owned_by(d["owner"], rune) for d in deadlines_of(store, rune, now.date()))


def test_seen_set_is_bounded():
    seen = SeenSet(size=3)
    assert seen.add("a") and not seen.add("a")
    for key in "bcd":
        seen.add(key)
    assert len(seen) == 3 and "a" not in seen and "d" in seen


def test_answer_log():
    log = AnswerLog(size=2)
    first = log.remember(question="q1", answer="a1")
    log.remember(question="q2", answer="a2")
    assert log.get(first) == {"question": "q1", "answer": "a1"}
    log.remember(question="q3", answer="a3")
    assert log.get(first) is None and log.get("nope") is None
