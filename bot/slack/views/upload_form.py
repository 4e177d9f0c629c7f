"""The form for a file shared in a DM: title, date and access (offentlig unless chosen), then the
file is fetched and ingested (bot/slack/uploads.py) and the offer message shows the outcome."""

from __future__ import annotations

import json
import logging
from datetime import date

from slack_bolt import Ack, App
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.slack import blocks as B
from bot.slack import changes as C
from bot.slack import review, uploads
from bot.slack import update_blocks as U
from bot.slack.answering import post
from bot.slack.registry import on_view
from bot.slack.services import Services

log = logging.getLogger(__name__)

VIEW = "upload_form"
INPUT = "value"
ACCESS = [
    ("offentlig", "Offentlig – kan vises i alle kanaler"),
    ("intern", "Intern – bare for medlemmer"),
]


def form(file: uploads.SharedFile, *, today: date, channel: str = "", ts: str = "") -> dict:
    options = [{"text": B.plain(label), "value": value} for value, label in ACCESS]
    meta = {"file": file.dump(), "channel": channel, "ts": ts}
    return {
        "type": "modal",
        "callback_id": VIEW,
        "title": B.plain("Nytt dokument"),
        "submit": B.plain("Legg inn"),
        "close": B.plain("Avbryt"),
        "private_metadata": json.dumps(meta, ensure_ascii=False),
        "blocks": [
            B.context([f"Fil: *{B.escape(B.truncate(file.name, 200))}*"]),
            {
                "type": "input",
                "block_id": "title",
                "label": B.plain("Tittel"),
                "element": {
                    "type": "plain_text_input",
                    "action_id": INPUT,
                    "initial_value": B.truncate(file.stem, 300),
                    "max_length": 300,
                },
            },
            {
                "type": "input",
                "block_id": "date",
                "label": B.plain("Dato"),
                "element": {
                    "type": "datepicker",
                    "action_id": INPUT,
                    "initial_date": today.isoformat(),
                },
            },
            {
                "type": "input",
                "block_id": "access",
                "label": B.plain("Tilgang"),
                "element": {
                    "type": "radio_buttons",
                    "action_id": INPUT,
                    "options": options,
                    "initial_option": options[0],
                },
            },
        ],
    }


def read(view: dict) -> tuple[dict, dict[str, str]]:
    """The form's answers (title, day, access, file, channel, ts) and problems by block."""
    state = ((view or {}).get("state") or {}).get("values") or {}
    if not isinstance(state, dict):
        state = {}

    def element(block: str) -> dict:
        found = (state.get(block) or {}).get(INPUT) if isinstance(state.get(block), dict) else None
        return found if isinstance(found, dict) else {}

    errors: dict[str, str] = {}
    title = " ".join(str(element("title").get("value") or "").split())
    if not title:
        errors["title"] = "Skriv en tittel."
    elif len(title) > 300:
        errors["title"] = "Tittelen er for lang (høyst 300 tegn)."
    day = None
    chosen = element("date").get("selected_date")
    if chosen:
        try:
            day = date.fromisoformat(str(chosen))
        except ValueError:
            errors["date"] = "Velg en gyldig dato."
    option = element("access").get("selected_option") or {}
    access = option.get("value") if isinstance(option, dict) else None
    access = access or "offentlig"
    if access not in ("offentlig", "intern"):
        errors["access"] = "Velg offentlig eller intern."
    try:
        meta = json.loads((view or {}).get("private_metadata") or "{}")
        file = uploads.SharedFile.load(meta["file"])
    except (ValueError, TypeError, KeyError, uploads.UploadError):
        meta, file = {}, None
        errors["title"] = "Jeg kjenner ikke igjen filen. Del den med meg på nytt."
    answers = {
        "title": title,
        "day": day,
        "access": access,
        "file": file,
        "channel": str(meta.get("channel") or ""),
        "ts": str(meta.get("ts") or ""),
    }
    return answers, errors


def register(app: App, services: Services) -> None:
    def check(ack: Ack, body: dict, view: dict, client: WebClient) -> None:
        _, errors = read(view)
        if errors:
            ack(response_action="errors", errors=errors)
            return
        actor = C.actor_for(services, (body.get("user") or {}).get("id") or "", client)
        if not uploads.may_ingest(actor):
            ack(
                response_action="update",
                view={
                    "type": "modal",
                    "title": B.plain("regionbot"),
                    "close": B.plain("Lukk"),
                    "blocks": [B.section(uploads.REFUSAL)],
                },
            )
            return
        ack()

    def ingest(body: dict, view: dict, client: WebClient) -> None:
        answers, errors = read(view)
        user = (body.get("user") or {}).get("id") or ""
        actor = C.actor_for(services, user, client)
        if errors or not uploads.may_ingest(actor):
            return  # the form said why
        found: dict = {}
        try:
            result = uploads.ingest_shared_file(
                services.store,
                services.settings,
                answers["file"],
                actor=actor,
                title=answers["title"],
                day=answers["day"],
                access=answers["access"],
                now=services.settings.current_time(),
                then=lambda result, path: found.update(
                    facts=review.prepare_quietly(services, result["id"], path, actor)
                ),
            )
            reply = review.after_upload(U.ingested_message(result), result, found.get("facts"))
        except uploads.UploadError as exc:
            reply = U.note(f"⚠️ {exc}")
        except Exception:
            log.exception("ingesting %s failed", answers["file"])
            reply = U.note("⚠️ Noe gikk galt da jeg skulle legge inn filen. Ingenting er lagret.")
        channel, ts = answers["channel"], answers["ts"]
        if channel and ts:
            try:
                client.chat_update(
                    channel=channel, ts=ts, text=reply["text"], blocks=reply["blocks"]
                )
                return
            except SlackApiError as e:
                log.warning("chat.update of the upload offer failed: %s", e.response.get("error"))
        post(client, channel=user, thread_ts=None, reply=reply)

    on_view(app, VIEW, ingest, ack=check)
