"""From a question asked in Slack to the message that answers it.

Shared by every surface that takes a question (mentions, DMs, threads, the assistant panel, the
slash command, the DM button and the question form), so they all ask the engine the same way and
apply the same access rule to what comes back.
"""

from __future__ import annotations

import logging
import re

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.slack import blocks as B
from bot.slack.access import Verdict, verdict
from bot.slack.services import Services

log = logging.getLogger(__name__)

_MENTION = re.compile(r"<@[A-Z0-9]+(?:\|[^>]*)?>")
_LABELLED = re.compile(r"<[#!]?[^<>|]+\|([^<>]+)>")  # <#C1|general>, <https://x|tekst>
_LINK = re.compile(r"<([^<>|@#!][^<>|]*)>")  # <https://x>


def clean_question(text: str | None) -> str:
    """The question as the user wrote it: without mentions of the bot or anyone else, with links
    and channel names as their text, and Slack's &amp;/&lt;/&gt; undone."""
    text = _MENTION.sub(" ", text or "")
    text = _LINK.sub(r"\1", _LABELLED.sub(r"\1", text))
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    return " ".join(text.split())


def reply_for(
    services: Services,
    client: WebClient | None,
    *,
    question: str,
    user_id: str,
    channel_id: str | None,
    context: str | None = None,
    echo_question: bool = False,
) -> dict:
    """The message (text and blocks) answering `question` for this user in this channel."""
    if not question:
        return B.empty_question_note()
    person = services.people.person(user_id, client)
    settings = services.settings
    try:
        result = services.answer(
            question,
            store=services.store,
            now=settings.current_time(),
            asker=person.name if person else user_id,
            context=context,
            settings=settings,
        )
    except Exception:
        log.exception("answering %r failed", question)
        return B.error_note()
    allowed = verdict(
        result.access,
        channel_id,
        member=person is not None,
        private_channels=settings.private_channels,
    )
    if allowed is Verdict.NOT_HERE:
        return B.internal_note(question)
    if allowed is Verdict.MEMBERS_ONLY:
        return B.members_only_note()
    ref = services.answers.remember(question=question, answer=result.text)
    return B.answer_message(
        result.body,
        result.sources,
        ref=ref,
        question=question if echo_question else None,
        text=result.text,
    )


def previous_question(
    client: WebClient,
    *,
    channel: str,
    thread_ts: str,
    before_ts: str,
    bot_user_id: str | None,
    bot_id: str | None = None,
) -> tuple[str | None, bool]:
    """The last question a person asked in a thread before `before_ts`, and whether the bot has
    taken part in the thread (which makes a plain reply in it a follow-up for the bot)."""
    try:
        messages = client.conversations_replies(channel=channel, ts=thread_ts, limit=200)[
            "messages"
        ]
    except SlackApiError as e:
        log.warning("conversations.replies failed: %s", e.response.get("error"))
        return None, False
    bot_in_thread = any(
        (bot_user_id and m.get("user") == bot_user_id) or (bot_id and m.get("bot_id") == bot_id)
        for m in messages
    )
    earlier = [
        m
        for m in messages
        if float(m.get("ts", 0)) < float(before_ts)
        and not m.get("bot_id")
        and m.get("user") != bot_user_id
    ]
    for m in reversed(earlier):
        question = clean_question(m.get("text"))
        if question and not m.get("subtype"):
            return question, bot_in_thread
    return None, bot_in_thread


SORRY = "Beklager, prøv igjen."


def post(client: WebClient, *, channel: str, thread_ts: str | None, reply: dict) -> bool:
    """Post a reply. When it cannot be posted (the retry handlers have already had their go),
    a short apology is tried, so the asker is not left with silence. True when the reply went."""
    try:
        client.chat_postMessage(
            channel=channel,
            thread_ts=thread_ts,
            text=reply["text"],
            blocks=reply["blocks"],
            unfurl_links=False,
        )
        return True
    except SlackApiError as e:
        log.error("chat.postMessage to %s failed: %s", channel, e.response.get("error"))
    except Exception as e:  # connection errors outlasting the retries
        log.error("chat.postMessage to %s failed: %s: %s", channel, type(e).__name__, e)
    try:
        client.chat_postMessage(channel=channel, thread_ts=thread_ts, text=SORRY)
    except Exception as e:
        log.error("the apology to %s could not be posted either: %s", channel, type(e).__name__)
    return False


def answer_event(
    services: Services,
    client: WebClient,
    event: dict,
    *,
    thread_ts: str | None,
    bot_user_id: str | None,
    bot_id: str | None,
    prior: str | None = None,
    look_back: bool = True,
) -> None:
    """Answer a message event in `thread_ts`, with the thread's previous question as context.

    `look_back` reads the thread (conversations.replies) unless the message starts the thread or
    the caller already has the previous question in `prior`.
    """
    channel, ts = event["channel"], event["ts"]
    if look_back and prior is None and thread_ts and thread_ts != ts:
        prior, _ = previous_question(
            client,
            channel=channel,
            thread_ts=thread_ts,
            before_ts=ts,
            bot_user_id=bot_user_id,
            bot_id=bot_id,
        )
    reply = reply_for(
        services,
        client,
        question=clean_question(event.get("text")),
        user_id=event["user"],
        channel_id=channel,
        context=prior,
    )
    post(client, channel=channel, thread_ts=thread_ts, reply=reply)
