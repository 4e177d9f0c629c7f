"""`regionbot remind`: what the reminder sweep would send (`--dry-run`), or sends it through Slack
and the outbox, exactly as the scheduler does."""

from __future__ import annotations

from datetime import datetime

import click

from bot import text as T
from bot.cli import Context, _emit_json, _fail, cli, pass_ctx


def _now(ctx: Context, value: str | None) -> datetime:
    if not value:
        return ctx.now()
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return ctx.now(value)  # a Norwegian date ("20.04.2021"), or a clear error
    return moment if moment.tzinfo else moment.replace(tzinfo=ctx.settings.tz)


@cli.command(help="Send påminnelser om frister (eller vis dem med --dry-run).")
@click.option("--now", "now_text", help="Tidspunktet utsendingen gjelder (ÅÅÅÅ-MM-DDTtt:mm).")
@click.option("--dry-run", is_flag=True, help="Vis hva som ville blitt sendt, uten å sende.")
@click.option("--json", "as_json", is_flag=True, help="Skriv ut JSON.")
@pass_ctx
def remind(ctx: Context, now_text: str | None, dry_run: bool, as_json: bool) -> None:
    from bot.reminders import as_dicts, by_person, in_words

    now = _now(ctx, now_text)
    store = ctx.store
    if dry_run:
        from bot.reminders import due_reminders, since_last_sweep

        today = now.astimezone(ctx.settings.tz).date()
        found = due_reminders(store, now, ctx.settings, since=since_last_sweep(store, today))
        if as_json:
            _emit_json(as_dicts(found))
            return
        if not found:
            click.echo(f"Ingen påminnelser {T.format_date(now)}.")
            return
        for recipient, items in by_person(found).items():
            slack = recipient.slack_user_id or "ingen Slack-ID"
            click.echo(f"{recipient.name} ({slack}): {len(items)} påminnelse(r)")
            for r in items:
                mark = " [ingen mottaker]" if r.unowned else ""
                click.echo(f"  {r.ref or r.item_id}: {r.text[:80]} – {in_words(r)}{mark}")
        return
    if not ctx.settings.slack_bot_token:
        _fail("SLACK_BOT_TOKEN mangler; bruk --dry-run for å se hva som ville blitt sendt.")
    from bot.slack.client import make_client
    from bot.slack.reminding import sweep

    report = sweep(store, make_client(ctx.settings), now, ctx.settings)
    if as_json:
        _emit_json(
            {
                "day": report.day.isoformat(),
                "reminders": as_dicts(report.reminders),
                "queued": report.queued,
                "sent": report.delivery.sent if report.delivery else [],
                "retry": [k for k, _ in report.delivery.retry] if report.delivery else [],
                "failed": [k for k, _ in report.delivery.failed] if report.delivery else [],
                "unreachable": sorted(set(report.unreachable)),
            }
        )
        return
    click.echo(f"Utsending {T.format_date(now)}: {report.summary()}")
