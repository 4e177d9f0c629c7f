"""Items and people for the reminder tests, written through the one write path."""

from __future__ import annotations

from datetime import datetime

from bot import updates
from bot.config import TZ
from bot.store import Store

PEOPLE = [
    {
        "name": "Rune Jørgensen",
        "roles": ["regionrådgiver", "Administrasjonen"],
        "access": "advisor",
        "slack_user_id": "U0RUNE",
    },
    {
        "name": "Runa Finborud",
        "roles": ["regionrådsleder", "Arbeidsutvalget"],
        "slack_user_id": "U0RUNA",
    },
    {
        "name": "Merete Myhre Moen",
        "roles": ["ordfører", "Arbeidsutvalget"],
        "slack_user_id": "U0MERE",
    },
    {"name": "Hans Vintervold", "roles": ["ordfører"], "slack_user_id": "U0HANS"},
]

CREATED = datetime(2021, 1, 4, 9, 0, tzinfo=TZ)


def directory(store: Store, people=PEOPLE) -> Store:
    with store.transaction():
        store.put_people_directory(people)
    store.invalidate()
    return store


def advisor(store: Store) -> updates.Actor:
    return updates.actor(store, name="Rune Jørgensen")


def add_deadline(store: Store, what: str, due: str, owner: str | None) -> str:
    fields = {"what": what, "due": due}
    if owner:
        fields["owner"] = owner
    result = updates.apply(
        store,
        updates.Change(action="create", kind="deadline", fields=fields),
        advisor(store),
        CREATED,
    )
    assert result.ok, result.message
    return result.item_id


def add_measure(store: Store, text: str, due: str, owners: list[str]) -> str:
    fields = {"text": text, "due": due, "owners": owners, "plan_id": "d001-hp-2021-2022"}
    result = updates.apply(
        store,
        updates.Change(action="create", kind="measure", fields=fields),
        advisor(store),
        CREATED,
    )
    assert result.ok, result.message
    return result.item_id


def at(day: str, hour: int = 8) -> datetime:
    return datetime.fromisoformat(day).replace(hour=hour, tzinfo=TZ)
