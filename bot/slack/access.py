"""Where internal (`intern`) content may be shown.

DESIGN.md: intern content is shown only in direct messages to members and in private channels the bot
is configured for, never in a public channel. Every surface (answers, commands, the App Home) asks
this one module, so the rule cannot drift between them.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.models import PersonRecord


class Verdict(StrEnum):
    SHOW = "show"
    #: Not here: the channel is public (or not configured as private); offer a DM instead.
    NOT_HERE = "not_here"
    #: Not for this user: a DM, but the user is not a known member.
    MEMBERS_ONLY = "members_only"


def is_dm(channel_id: str | None) -> bool:
    """Direct-message channel ids start with D (user ids, which chat.postMessage opens a DM for, U/W)."""
    return bool(channel_id) and channel_id[0] in "DUW"


def may_show_intern(channel_id: str | None, *, member: bool, private_channels: set[str]) -> bool:
    if channel_id and channel_id in private_channels:
        return True
    return is_dm(channel_id) and member


def verdict(
    access: str, channel_id: str | None, *, member: bool, private_channels: set[str]
) -> Verdict:
    """May content with this access level be shown to this user in this channel?"""
    if access != "intern" or may_show_intern(
        channel_id, member=member, private_channels=private_channels
    ):
        return Verdict.SHOW
    return Verdict.MEMBERS_ONLY if is_dm(channel_id) else Verdict.NOT_HERE


def record_access(record: dict) -> str:
    """The access level of a lookup record (its source carries the document's access)."""
    return (record.get("source") or {}).get("access") or "offentlig"


def shown_here(channel_id: str | None, person: PersonRecord | None, private_channels: set[str]):
    """A filter for lookup records listed to this person in this channel (see `visible`)."""

    def shown(records: list[dict]) -> list[dict]:
        return visible(
            records, channel_id, member=person is not None, private_channels=private_channels
        )

    return shown


def visible(
    records: list[dict], channel_id: str | None, *, member: bool, private_channels: set[str]
) -> list[dict]:
    """The lookup records that may be listed here; intern ones only where intern may be shown."""
    if may_show_intern(channel_id, member=member, private_channels=private_channels):
        return records
    return [r for r in records if record_access(r) != "intern"]
