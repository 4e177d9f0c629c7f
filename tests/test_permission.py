"""Who may do what, as a table of role x action."""

import pytest

from bot.models import PersonRecord
from bot.permission import Actor, actor_from_person, may

ADVISOR = Actor("Rune Jørgensen", "advisor", ("regionrådgiver", "Administrasjonen"))
ADMIN = Actor("Admin", "admin")
OWNER = Actor("Runa Finborud", "member", ("Arbeidsutvalget",))
MEMBER = Actor("Kari", "member", ("ordfører",))
GUEST = Actor("gjest", "guest")
OWNERS = ["Arbeidsutvalget"]

TABLE = [
    # actor, action, fields, allowed
    (ADVISOR, "status", {}, True),
    (ADVISOR, "edit", {"due": "x"}, True),
    (ADVISOR, "create", {}, True),
    (ADVISOR, "ingest", {}, True),
    (ADMIN, "edit", {"owners": []}, True),
    (OWNER, "status", {}, True),
    (OWNER, "comment", {}, True),
    (OWNER, "edit", {"due": "x"}, False),
    (OWNER, "edit", {"owners": []}, False),
    (OWNER, "create", {}, False),
    (OWNER, "ingest", {}, False),
    (MEMBER, "status", {}, False),
    (MEMBER, "comment", {}, False),
    (MEMBER, "edit", {}, False),
    (MEMBER, "ingest", {}, False),
    (GUEST, "status", {}, False),
    (GUEST, "comment", {}, False),
    (GUEST, "create", {}, False),
]


@pytest.mark.parametrize("actor,action,fields,allowed", TABLE)
def test_permission_table(actor, action, fields, allowed):
    reason = may(actor, action, "measure", OWNERS, fields)
    assert (reason is None) == allowed, reason
    if not allowed:
        assert reason and reason[0].isupper()


def test_administrasjonen_is_the_advisor_and_owner_text_with_several_bodies():
    advisor_as_member = Actor("Rune Jørgensen", "member", ("regionrådgiver", "Administrasjonen"))
    assert (
        may(advisor_as_member, "status", "measure", ["Arbeidsutvalget og Administrasjonen"], {})
        is None
    )
    assert may(MEMBER, "status", "measure", ["Arbeidsutvalget og Administrasjonen"], {})


def test_the_actor_of_a_stored_person_and_of_nobody():
    rune = PersonRecord(
        name="Rune Jørgensen",
        roles=["regionrådgiver", "Administrasjonen"],
        access="advisor",
        slack_user_id="U0RUNE",
    )
    assert actor_from_person(rune) == Actor(
        "Rune Jørgensen", "advisor", ("regionrådgiver", "Administrasjonen"), "U0RUNE"
    )
    # Named by a document only: no access from people.yaml, so no changes through the bot.
    named = actor_from_person(PersonRecord(name="Hans Vintervold", access="guest"))
    refused = may(named, "status", "measure", ["Hans Vintervold"], {})
    assert named.access == "guest" and "medlemsliste" in refused
    # Listed without an access level: a member, with the Slack id the request came from.
    listed = actor_from_person(PersonRecord(name="Kari"), slack_user_id="U0KARI")
    assert (listed.access, listed.slack_user_id) == ("member", "U0KARI")
    assert actor_from_person(None, slack_user_id="U0X") == Actor("gjest U0X", "guest")
