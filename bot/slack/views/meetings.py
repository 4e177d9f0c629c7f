"""The meeting forms: a new meeting, a new case, a decision recorded, and an absence reported.

Each submission is checked and written through bot/updates.py while Slack waits, so problems show
beside the fields and nothing is half-saved. What follows a saved change (the DM that confirms it,
the advisor told of an absence, a posted agenda brought up to date) runs in the app's pool after
the form has closed.
"""

from __future__ import annotations

import logging

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot import meetings as MT
from bot import updates
from bot.slack import agenda_blocks as AB
from bot.slack import changes as C
from bot.slack import update_blocks as U
from bot.slack.agenda_post import refresh, refresh_all
from bot.slack.answering import post
from bot.slack.registry import on_view
from bot.slack.services import Services

log = logging.getLogger(__name__)


def _origin(view: dict) -> str:
    return f"slack:skjema/{view.get('id') or ''}"


def meeting_change(values: dict, origin: str) -> updates.Change:
    fields = {k: values.get(k) for k in ("body", "date", "time", "place", "title")}
    return updates.Change(action="create", kind="meeting", fields=fields, origin=origin)


def case_change(values: dict, origin: str) -> updates.Change:
    from bot.agenda import case_kind

    documents = [d.strip() for d in (values.get("documents") or "").splitlines() if d.strip()]
    fields = {
        "meeting_id": values.get("meeting"),
        "title": values.get("title"),
        "kind": case_kind(values.get("kind")),
        "proposal": values.get("proposal"),
        "documents": documents,
    }
    return updates.Change(action="create", kind="case", fields=fields, origin=origin)


def decision_change(store, case_id: str, values: dict, origin: str) -> updates.Change | None:
    case = store.item("case", case_id) if case_id else None
    if case is None:
        return None
    meeting = store.item("meeting", case.meeting_id) if case.meeting_id else None
    day = meeting.date.isoformat() if meeting and meeting.date else None
    fields = {
        "text": values.get("text"),
        "vote": values.get("vote"),
        "date": values.get("date") or day,
        "case_number": case.number,
        "meeting_id": case.meeting_id,
        "body": meeting.body if meeting else None,
    }
    return updates.Change(action="create", kind="decision", fields=fields, origin=origin)


# Which form block shows the problem of which field.
BLOCK_OF = {"meeting_id": "meeting", "text": "text", "vote": "vote", "date": "date"}


def _problems(services: Services, change: updates.Change, blocks: set[str]) -> dict[str, str]:
    now = services.settings.current_time()
    problems = updates.field_problems(services.store, change.kind, change.fields, now)
    out = {}
    for field, problem in problems.items():
        block = BLOCK_OF.get(field, field)
        if block in blocks:
            out[block] = problem
    return out


def register(app: App, services: Services) -> None:
    from bot.slack.app import work_of

    work = work_of(app)

    def saved(client: WebClient, user: str, result: updates.Result, change: updates.Change):
        """After the form closed: confirm in a DM, bring posted agendas up to date (a new case
        changes its meeting's agenda; a decision or a meeting may change follow-up lists)."""
        post(client, channel=user, thread_ts=None, reply=U.result_message(result))
        now = services.settings.current_time()
        meeting = services.store.item("meeting", change.fields.get("meeting_id") or "")
        if change.kind == "case" and meeting:
            refresh(services.store, client, meeting, now)
        else:
            refresh_all(services.store, client, now)

    def submitter(build, blocks: set[str]):
        def submit(ack: Ack, body: dict, view: dict, client: WebClient) -> None:
            user = (body.get("user") or {}).get("id") or ""
            values = AB.values(view)
            change = build(values, view)
            if change is None:
                ack(response_action="update", view=_message("Saken finnes ikke lenger."))
                return
            errors = _problems(services, change, blocks)
            if errors:
                ack(response_action="errors", errors=errors)
                return
            actor = C.actor_for(services, user, client)
            result = C.apply(services, change, actor)
            if not result.ok:
                ack(response_action="update", view=_message(result.message))
                return
            ack()
            work.submit(saved, client, user, result, change)

        return submit

    on_view(
        app,
        AB.MEETING_VIEW,
        ack=submitter(lambda v, view: meeting_change(v, _origin(view)), {"body", "date", "time"}),
    )
    on_view(
        app,
        AB.CASE_VIEW,
        ack=submitter(
            lambda v, view: case_change(v, _origin(view)),
            {"meeting", "title", "kind", "proposal"},
        ),
    )
    on_view(
        app,
        AB.DECISION_VIEW,
        ack=submitter(
            lambda v, view: decision_change(
                services.store, view.get("private_metadata") or "", v, _origin(view)
            ),
            {"text", "vote", "date"},
        ),
    )

    def absence(ack: Ack, body: dict, view: dict, client: WebClient) -> None:
        user = (body.get("user") or {}).get("id") or ""
        meeting_id = view.get("private_metadata") or ""
        actor = C.actor_for(services, user, client)
        now = services.settings.current_time()
        result = updates.report_absence(
            services.store,
            meeting_id,
            actor,
            now,
            reason=AB.values(view).get("reason"),
            origin=_origin(view),
        )
        if not result.ok:
            ack(response_action="update", view=_message(result.message))
            return
        ack()
        work.submit(absence_noted, client, user, actor.name, meeting_id, result)

    on_view(app, AB.ABSENCE_VIEW, ack=absence)

    def absence_noted(client, user, name, meeting_id, result):
        post(client, channel=user, thread_ts=None, reply=U.result_message(result))
        tell_advisors(services, client, meeting_id, name, withdrawn=False)


def tell_advisors(services: Services, client, meeting_id: str, name: str, *, withdrawn: bool):
    """The advisor hears of each absence (and each withdrawal) in a DM."""
    store = services.store
    meeting = store.item("meeting", meeting_id)
    if meeting is None:
        return
    absence = store.absence(meeting_id, name) or {}
    what = "har trukket forfallet sitt til" if withdrawn else "har meldt forfall til"
    reason = f" Begrunnelse: {absence['reason']}" if absence.get("reason") and not withdrawn else ""
    text = f"{name} {what} {MT.name(meeting, weekday=True)}.{reason}"
    for person in store.people():
        if person.access in ("advisor", "admin") and person.slack_user_id:
            post(client, channel=person.slack_user_id, thread_ts=None, reply=U.note(text))


def _message(text: str) -> dict:
    from bot.slack.views.item_form import message_view

    return message_view(text)
