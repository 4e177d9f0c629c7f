"""Who may do what: a pure function of the actor, the action and the item's owners.

- `admin` and `advisor` (people.yaml `access`): everything.
- An owner of an item (their name or one of their roles is among its owners: "Arbeidsutvalget"
  reaches its members, "Administrasjonen" the advisor): its status and comments, not its owners,
  due date or text.
- `member`: reads everything, changes nothing else. `guest` (not in people.yaml): reads public
  content only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot import items as I
from bot import text as T
from bot.models import PersonRecord

ACCESS = ("admin", "advisor", "member", "guest")
OWNER_ACTIONS = {"status", "comment"}
# Actions only the advisor (or an admin) may take, whoever owns the item.
ADVISOR_ACTIONS = {"edit", "create", "ingest", "post", "meeting", "case", "decision"}


@dataclass(frozen=True)
class Actor:
    name: str
    access: str = "guest"
    roles: tuple[str, ...] = field(default_factory=tuple)
    slack_user_id: str | None = None

    @property
    def is_advisor(self) -> bool:
        return self.access in ("admin", "advisor")


def actor_from_person(person: PersonRecord | None, *, slack_user_id: str | None = None) -> Actor:
    """The actor for a person of the store (None: a guest)."""
    if person is None:
        return Actor(name=f"gjest {slack_user_id}" if slack_user_id else "gjest", access="guest")
    access = person.access or "member"
    return Actor(
        name=person.name,
        access=access if access in ACCESS else "member",
        roles=tuple(person.roles),
        slack_user_id=person.slack_user_id or slack_user_id,
    )


def is_owner(actor: Actor, owners: list[str]) -> bool:
    """Whether the actor holds one of the owner names (by name or role, folded, as a word of the
    owner text: "Arbeidsutvalget og Administrasjonen" is owned by both)."""
    names = [T.fold(n) for n in (actor.name, *actor.roles) if n]
    for owner in owners:
        folded = T.fold(owner or "")
        if any(n and (n == folded or f" {n} " in f" {folded} ") for n in names):
            return True
    return False


def may(
    actor: Actor, action: str, kind: str, owners: list[str], fields: dict[str, Any]
) -> str | None:
    """None when the actor may take the action, else why not (Norwegian, for the user)."""
    the = I.KIND_NAMES.get(kind, ("", "saken"))[1]
    if actor.is_advisor:
        return None
    if actor.access == "guest":
        return "Du står ikke i regionrådets medlemsliste, så du kan ikke endre noe."
    if action in OWNER_ACTIONS and is_owner(actor, owners):
        return None
    if action in OWNER_ACTIONS:
        what = "endre status" if action == "status" else "skrive kommentar"
        return f"Bare eieren av {the} eller regionrådgiveren kan {what}."
    if action == "edit" and is_owner(actor, owners):
        names = ", ".join(I.FIELD_NAMES.get(f, f) for f in fields) or "dette"
        return (
            f"Som eier kan du endre status og kommentar, men ikke {names}. Spør regionrådgiveren."
        )
    if action == "undo":
        return None  # checked against the change's author in updates
    return "Bare regionrådgiveren kan gjøre dette."
