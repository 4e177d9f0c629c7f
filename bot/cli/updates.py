"""`regionbot update`, `history`, `backup`, `export`: the advisor's changes from a terminal, and
copies of the records for the archive.

`--as` names a person in people.yaml; the permission check is the one Slack uses
(`bot/updates.py`), so a script cannot do what its person could not do in Slack.
"""

from __future__ import annotations

import csv
import json
import sys
from datetime import datetime
from pathlib import Path

import click

from bot import items as I
from bot import text as T
from bot import updates
from bot.cli import Context, _emit_json, _fail, cli, pass_ctx


def _when(t: datetime | None) -> str:
    if not t:
        return ""
    return f"{T.format_date(t)} kl. {t:%H:%M}"


def _choices(result: updates.Result) -> str:
    return "\n".join(f"  {c['ref']}: {c['title'][:90]}" for c in result.choices)


@cli.command(help="Endre status eller legg til en kommentar på et tiltak, en frist, et møte ...")
@click.argument("ref")
@click.option("--status", help="ikke startet | pågår | ferdig | utsatt | avlyst")
@click.option("--comment", help="Kommentar til endringen.")
@click.option("--as", "as_name", required=True, help="Hvem som endrer (navn i people.yaml).")
@click.option("--now", "now", help="Sett klokka (ÅÅÅÅ-MM-DD).")
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
def update(ctx: Context, ref, status, comment, as_name, now, as_json: bool) -> None:
    store = ctx.store
    who = updates.actor(store, name=as_name)
    if who.access == "guest":
        _fail(f"fant ikke «{as_name}» i people.yaml")
    if status is None and not comment:
        _fail("oppgi --status eller --comment")
    change = updates.Change(
        action="status" if status is not None else "comment",
        target=ref,
        status=status,
        comment=comment,
        origin="cli",
    )
    result = updates.apply(store, change, who, ctx.now(now))
    if as_json:
        click.echo(json.dumps(result.model_dump(), ensure_ascii=False, indent=2))
        if not result.ok:
            sys.exit(1)
        return
    if not result.ok:
        _fail(result.message + ("\n" + _choices(result) if result.choices else ""))
    click.echo(result.message)


@cli.command(help="Vis hele historikken til et tiltak, en frist, et møte ...")
@click.argument("ref")
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
def history(ctx: Context, ref, as_json: bool) -> None:
    match, rows, others = updates.history(ctx.store, ref)
    if match is None:
        if others:
            _fail(
                f"flere passer til «{ref}»:\n"
                + "\n".join(f"  {m.ref}: {m.title[:90]}" for m in others[:10])
            )
        _fail(f"fant ikke «{ref}»")
    if as_json:
        history = [r.model_dump(mode="json") for r in rows]
        return _emit_json(
            {"ref": match.ref, "kind": match.kind, "id": match.id, "history": history}
        )
    click.echo(f"{match.ref}: {match.title}")
    if not rows:
        click.echo("  Ingen endringer siden dokumentet ble lastet inn.")
    for r in rows:
        what = I.FIELD_NAMES.get(r.field or "", r.field or "")
        if r.action == "create":
            line = "opprettet"
        elif r.field:
            line = f"{what}: {updates._show(r.old)} → {updates._show(r.new)}"
        else:
            line = "kommentar"
        if r.action == "undo":
            line = f"angret ({line})"
        comment = f" – «{r.comment}»" if r.comment else ""
        origin = f" [{r.origin}]" if r.origin else ""
        click.echo(f"  {_when(r.time)}, {r.author}: {line}{comment}{origin}")


@cli.command(help="Ta en sikkerhetskopi av databasen (trygt mens boten kjører).")
@click.argument("path", type=click.Path(path_type=Path))
@pass_ctx
def backup(ctx: Context, path: Path) -> None:
    if path.is_dir():
        path = path / f"regionbot-{ctx.now():%Y%m%d-%H%M%S}.db"
    if path.exists():
        _fail(f"{path} finnes fra før; velg et nytt filnavn")
    path.parent.mkdir(parents=True, exist_ok=True)
    ctx.store.backup_to(str(path))
    click.echo(f"Sikkerhetskopi skrevet til {path}.")


@cli.command(help="Eksporter alle tabeller (json eller csv) til en mappe, for arkivet.")
@click.argument("directory", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["json", "csv"]), default="json")
@pass_ctx
def export(ctx: Context, directory: Path, fmt: str) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    store = ctx.store
    total = 0
    for name in store.table_names():
        rows = store.dump_table(name)
        total += len(rows)
        target = directory / f"{name}.{fmt}"
        if fmt == "json":
            target.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
        else:
            cols = list(rows[0]) if rows else [c.name for c in store.db[name].columns]
            with target.open("w", encoding="utf-8", newline="") as f:
                writer = csv.DictWriter(f, fieldnames=cols)
                writer.writeheader()
                writer.writerows(rows)
    click.echo(f"Eksporterte {len(store.table_names())} tabeller ({total} rader) til {directory}.")
