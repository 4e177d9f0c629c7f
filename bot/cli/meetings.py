"""`regionbot agenda`, `protocol`, `calendar`: meetings, their agendas and the calendar feed."""

from __future__ import annotations

import sys

import click

from bot import meetings as MT
from bot.cli import Context, _emit_json, _fail, cli, pass_ctx
from bot.models import MeetingRecord


def _meeting(ctx: Context, text: str) -> MeetingRecord:
    found = MT.find(ctx.store, text)
    if found.meeting is None:
        lines = [found.message or "Fant ikke møtet."]
        lines += [f"  {m.id}: {MT.name(m)}" for m in found.choices]
        _fail("\n".join(lines))
    return found.meeting


@cli.command(help='Sakslisten til et møte: referanse (M-4) eller organ og dato ("AU 2021-05-10").')
@click.argument("meeting", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True)
@click.option("--post", "post", is_flag=True, help="Legg sakslisten ut i organets Slack-kanal.")
@click.option("--now", "now", help="Sett klokka (ÅÅÅÅ-MM-DD).")
@pass_ctx
def agenda(ctx: Context, meeting, as_json: bool, post: bool, now: str | None) -> None:
    from bot.agenda import build_agenda, render_text

    clock = ctx.now(now)
    row = _meeting(ctx, " ".join(meeting))
    built = build_agenda(ctx.store, row, clock)
    if post:
        from bot.slack.agenda_post import post as post_agenda
        from bot.slack.client import make_client

        if not ctx.settings.slack_bot_token:
            _fail("SLACK_BOT_TOKEN mangler, så sakslisten kan ikke legges ut.")
        client = make_client(ctx.settings)
        click.echo(post_agenda(ctx.store, client, ctx.settings, row, clock), err=as_json)
    if as_json:
        click.echo(built.model_dump_json(indent=2))
    elif not post:
        click.echo(render_text(built))


@cli.command(help="Utkast til protokoll for et møte (organ, dato, sted, forfall, saker og vedtak).")
@click.argument("meeting", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True)
@click.option("--now", "now", help="Sett klokka (ÅÅÅÅ-MM-DD).")
@pass_ctx
def protocol(ctx: Context, meeting, as_json: bool, now: str | None) -> None:
    from bot.protocol import draft_protocol, render_text

    row = _meeting(ctx, " ".join(meeting))
    draft = draft_protocol(ctx.store, row, ctx.now(now))
    if as_json:
        click.echo(draft.model_dump_json(indent=2))
    else:
        click.echo(render_text(draft))


@cli.command(help="Møter og frister som iCalendar (regionbot calendar > regionbot.ics).")
@click.option("--person", help="Bare fristene til én person (navn i people.yaml).")
@click.option("--links", is_flag=True, help="Vis lenkene til kalenderen i stedet.")
@pass_ctx
def calendar(ctx: Context, person: str | None, links: bool) -> None:
    from bot import calendar_feed
    from bot import text as T

    who = None
    if person:
        who = next((p for p in ctx.store.people() if T.fold(p.name) == T.fold(person)), None)
        if who is None:
            _fail(f"Fant ikke «{person}» i people.yaml.")
    if links:
        token = ctx.settings.calendar_token
        if not token:
            _fail("REGIONBOT_CALENDAR_TOKEN er ikke satt, så kalenderen deles ikke.")
        base = (ctx.settings.public_url or "http://localhost:3000").rstrip("/")
        rows = [{"name": "felles", "url": f"{base}{calendar_feed.CALENDAR_PATH}?token={token}"}]
        for p in [who] if who else ctx.store.people():
            personal = calendar_feed.person_token(token, p.name)
            rows.append(
                {"name": p.name, "url": f"{base}{calendar_feed.CALENDAR_PATH}?token={personal}"}
            )
        return _emit_json(rows)
    sys.stdout.buffer.write(calendar_feed.build(ctx.store, ctx.now(), person=who))
    sys.stdout.flush()
