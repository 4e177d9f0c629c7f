"""`regionbot ...`: a thin shell over the services. Output in Norwegian; `--json` for machines.

Heavy imports (Slack, LangChain) happen inside the commands that need them, so `regionbot ask`
starts fast.
"""

from __future__ import annotations

import importlib
import json
import sys
from datetime import date, datetime
from pathlib import Path

import click
from pydantic import ValidationError

from bot import lookup
from bot import text as T
from bot.cli import faults
from bot.config import Settings
from bot.ingest import IngestError, ensure_loaded, ingest_file, load_knowledge, missing_note
from bot.store import Store


class Context:
    def __init__(self) -> None:
        try:
            self.settings = Settings()
        except ValidationError as exc:
            problems = "; ".join(e["msg"].removeprefix("Value error, ") for e in exc.errors())
            _fail(f"ugyldig innstilling: {problems}")
        except UnicodeDecodeError as exc:
            _fail(faults.explain(exc) or str(exc))
        self._store: Store | None = None
        _current["db"] = self.settings.db
        from bot.answers import semantic

        semantic.configure(self.settings.semantic, self.settings.semantic_threads)

    def open_store(self) -> Store:
        return Store.open(self.settings.db, busy_seconds=self.settings.db_busy_seconds)

    @property
    def store(self) -> Store:
        if self._store is None:
            self._store = self.open_store()
            try:
                missing = ensure_loaded(self._store, self.settings.knowledge_dir)
            except IngestError as exc:
                _fail(str(exc))
            if missing:
                click.echo(f"Advarsel: {missing_note(missing)}", err=True)
        return self._store

    def now(self, override: str | None = None) -> datetime:
        if override:
            day = T.parse_date(override)
            if day is None:
                _fail(f"ukjent dato «{override}» (bruk ÅÅÅÅ-MM-DD eller DD.MM.ÅÅÅÅ)")
            self.settings.now = day.isoformat()
        return self.settings.current_time()


pass_ctx = click.make_pass_decorator(Context, ensure=True)
_current: dict = {}  # what `main` needs to explain a fault (the database path)

TABLE_LABELS = {
    "documents": "dokumenter",
    "passages": "avsnitt",
    "plans": "planer",
    "goals": "mål",
    "measures": "tiltak",
    "meetings": "møter",
    "decisions": "vedtak",
    "deadlines": "frister",
    "budget_lines": "budsjettlinjer",
    "results": "resultater",
    "facts": "fakta",
    "people": "personer",
    "organisations": "organisasjoner",
}
KIND_LABELS = {
    "measure": "tiltak",
    "goal": "mål",
    "plan": "plan",
    "decision": "vedtak",
    "deadline": "frist",
    "meeting": "møte",
    "case": "sak",
    "budget": "budsjett",
    "result": "resultat",
    "fact": "faktum",
    "person": "person",
    "organisation": "organisasjon",
    "passage": "tekst",
    "document": "dokument",
}


def _case(case: dict) -> str:
    return f"Sak {case['number']}: {case['title']}" if case["number"] else case["title"]


def _date(value: str | None) -> date | None:
    if not value:
        return None
    parsed = T.parse_date(value)
    if parsed is None:
        raise click.BadParameter(f"ukjent dato «{value}» (bruk ÅÅÅÅ-MM-DD eller DD.MM.ÅÅÅÅ)")
    return parsed


def _emit_json(rows) -> None:
    click.echo(json.dumps(rows, ensure_ascii=False, indent=2))


def _fail(message: str) -> None:
    click.echo(f"Feil: {message}", err=True)
    sys.exit(1)


# Commands of the other services live in their own modules (bot/cli/meetings.py, reminders.py,
# updates.py) and register on `cli` when imported. They are imported when a command is looked up
# that is not defined here, or when all are listed (--help), so `regionbot ask` does not pay for
# the write service and its modules at start.
COMMAND_MODULES = ("bot.cli.meetings", "bot.cli.reminders", "bot.cli.updates")


class _Commands(click.Group):
    def _register_all(self) -> None:
        for name in COMMAND_MODULES:  # by import_module: `from bot.cli import meetings` would
            importlib.import_module(name)  # find the `meetings` command defined here

    def get_command(self, ctx, cmd_name):
        if cmd_name not in self.commands:
            self._register_all()
        return super().get_command(ctx, cmd_name)

    def list_commands(self, ctx):
        self._register_all()
        return super().list_commands(ctx)


@click.group(
    cls=_Commands,
    help="regionbot: spør om planer, tiltak, frister, vedtak og møter i regionrådet.",
    context_settings={"help_option_names": ["-h", "--help"]},
)
def cli() -> None:
    pass


@cli.command(help="Opprett eller oppdater databasen og last inn knowledge/.")
@click.option("--force", is_flag=True, help="Last inn alle dokumenter på nytt.")
@click.option("--prune", is_flag=True, help="Fjern dokumenter som ikke lenger finnes i knowledge/.")
@pass_ctx
def init(ctx: Context, force: bool, prune: bool) -> None:
    try:
        store = ctx.open_store()
        result = load_knowledge(store, ctx.settings.knowledge_dir, force=force, prune=prune)
    except IngestError as exc:
        _fail(str(exc))
    counts = store.counts()
    click.echo(f"Database: {ctx.settings.db}")
    click.echo(f"Lastet inn på nytt: {result['documents']} dokument(er).")
    if result["removed"]:
        click.echo(f"Fjernet: {result['removed']} dokument(er) som ikke lenger finnes.")
    if result["missing"]:
        click.echo(f"Advarsel: {missing_note(result['missing'])}", err=True)
    click.echo(", ".join(f"{TABLE_LABELS.get(k, k)}: {v}" for k, v in counts.items()))


@cli.command(help="Legg til et dokument (txt, md eller pdf) i kunnskapsbasen.")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--title", help="Tittel (standard: filnavnet).")
@click.option(
    "--access",
    type=click.Choice(["offentlig", "intern"], case_sensitive=False),
    help="Tilgang (standard: filens front matter, ellers offentlig). Intern vinner alltid.",
)
@click.option(
    "--extract", "extract_facts", is_flag=True, help="Finn tiltak, frister, møter og vedtak."
)
@click.option("--dry-run", is_flag=True, help="Med --extract: vis hva som ville blitt lagret.")
@click.option("--json", "as_json", is_flag=True, help="Med --extract: skriv JSON.")
@click.option(
    "--as", "as_name", help="Med --extract: hvem som lagrer (standard: regionrådgiveren)."
)
@pass_ctx
def ingest(
    ctx: Context,
    file: Path,
    title: str | None,
    access: str,
    extract_facts: bool = False,
    dry_run: bool = False,
    as_json: bool = False,
    as_name: str | None = None,
) -> None:
    if extract_facts or dry_run:
        from bot.cli import extraction

        return extraction.run(
            ctx, file, title=title, access=access, dry_run=dry_run, as_json=as_json, as_name=as_name
        )
    try:
        result = ingest_file(
            ctx.store,
            file,
            title=title,
            access=access,
            now=ctx.now(),
            max_bytes=int(ctx.settings.max_file_mb * 1024 * 1024),
        )
    except IngestError as exc:
        _fail(str(exc))
    verb = "Erstattet" if result["replaced"] else "La til"
    click.echo(
        f"{verb} «{result['title']}» ({result['passages']} avsnitt, {result['access']}) "
        f"som {result['id']}."
    )


@cli.command(help="List planene.")
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
def plans(ctx: Context, as_json: bool) -> None:
    rows = lookup.plans(ctx.store)
    if as_json:
        return _emit_json(rows)
    for p in rows:
        period = f" ({p['period']})" if p["period"] else ""
        click.echo(f"• {p['title']}{period} – {p['measures']} tiltak")


@cli.command(help="List tiltak, filtrert på plan, ansvarlig eller status.")
@click.option("--plan", help="Del av planens tittel eller periode, f.eks. 2021.")
@click.option("--owner", help="Ansvarlig, f.eks. Arbeidsutvalget.")
@click.option("--status", help="Status, f.eks. åpen eller ferdig.")
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
def measures(ctx: Context, plan, owner, status, as_json: bool) -> None:
    rows = lookup.measures(ctx.store, plan=plan, owner=owner, status=status)
    if as_json:
        return _emit_json(rows)
    if not rows:
        click.echo("Fant ingen tiltak som passer.")
    current = None
    for m in rows:
        if m["plan"] != current:
            current = m["plan"]
            click.echo(f"\n{current}")
        owner_text = m["owner_text"] or ", ".join(m["owners"]) or "ikke angitt"
        if m.get("due_text"):
            due = f" – frist {m['due_text']}"
        elif m["due"]:
            due = f" – frist {T.format_date(date.fromisoformat(m['due']))}"
        else:
            due = ""
        status = f" – {m['status']}" if m["status"] and m["status"] != "åpen" else ""
        click.echo(f"  • {m['ref']}: {m['text']}\n    Ansvar: {owner_text}{due}{status}")


@cli.command(help="List frister i et tidsrom.")
@click.option("--from", "start", help="Fra dato (ÅÅÅÅ-MM-DD).")
@click.option("--to", "end", help="Til dato (ÅÅÅÅ-MM-DD).")
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
def deadlines(ctx: Context, start, end, as_json: bool) -> None:
    rows = lookup.deadlines(ctx.store, _date(start), _date(end))
    if as_json:
        return _emit_json(rows)
    if not rows:
        click.echo("Ingen frister i tidsrommet.")
    for d in rows:
        owner = f" (ansvar: {d['owner']})" if d["owner"] else ""
        when = T.format_date(date.fromisoformat(d["due"]))
        click.echo(f"• {d['ref']} {when}: {d['what']}{owner}")


@cli.command(help="Vedtaksregisteret: vedtak, eventuelt for ett organ eller ett år.")
@click.option("--body", help="Organ, f.eks. Arbeidsutvalget eller styringsgruppa.")
@click.option("--year", type=int, help="År, f.eks. 2021.")
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
def decisions(ctx: Context, body, year, as_json: bool) -> None:
    from bot import register

    rows = lookup.decisions(ctx.store, body, year)
    if as_json:
        return _emit_json(rows)
    if not rows:
        click.echo("Fant ingen vedtak.")
    own, others = register.split(rows)
    for d in own:
        click.echo(f"• {d['ref']} {register.heading(d)}:\n  {d['text']}")
    if others:
        click.echo(f"\n{register.OTHERS_TITLE}:")
        for d in others:
            click.echo(f"• {d['ref']} {register.heading(d)}:\n  {d['text']}")


@cli.command(help="List møtene.")
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
def meetings(ctx: Context, as_json: bool) -> None:
    rows = lookup.meetings(ctx.store)
    if as_json:
        return _emit_json(rows)
    for m in rows:
        when = T.format_date(date.fromisoformat(m["date"])) if m["date"] else "dato ikke satt"
        at = f" kl. {m['time']}" if m["time"] else ""
        title = f" – {m['title']}" if m["title"] else ""
        click.echo(f"• {m['ref']} {m['body']}: {when}{at}{title}")
        for c in m["cases"]:
            click.echo(f"    {c['ref']} {_case(c)}")


@cli.command(help="Søk i kunnskapsbasen.")
@click.argument("query", nargs=-1, required=True)
@click.option("--limit", default=10)
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
def search(ctx: Context, query, limit: int, as_json: bool) -> None:
    from bot.answers.retrieve import search as run_search

    hits = run_search(ctx.store, " ".join(query), limit=limit, now=ctx.now().date())
    rows = [
        {
            "id": h.id,
            "kind": h.kind,
            "text": h.text,
            "score": round(h.score, 3),
            "source": h.source.model_dump(exclude_none=True),
        }
        for h in hits
    ]
    if as_json:
        return _emit_json(rows)
    if not rows:
        click.echo("Fant ingenting.")
    for r in rows:
        kind = KIND_LABELS.get(r["kind"], r["kind"])
        click.echo(f"• [{kind}] {r['text'][:160]}\n  Kilde: {r['source']['title']}")


@cli.command(help="Still et spørsmål. Bruk - for å lese ett spørsmål per linje fra stdin.")
@click.argument("question", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True)
@click.option("--now", "now", help="Sett klokka (ÅÅÅÅ-MM-DD).")
@pass_ctx
def ask(ctx: Context, question, as_json: bool, now: str | None) -> None:
    from bot.answers import answer

    clock = ctx.now(now)
    from_stdin = question == ("-",)
    questions = (line.strip() for line in sys.stdin) if from_stdin else [" ".join(question)]
    for q in questions:
        if not q and from_stdin:
            continue  # blank lines between questions
        a = answer(q, store=ctx.store, now=clock, settings=ctx.settings)
        if as_json:
            click.echo(json.dumps(a.as_json(), ensure_ascii=False), nl=True)
            sys.stdout.flush()
        else:
            click.echo(a.text)


@cli.command(name="eval", help="Mål svarkvaliteten på en eval-fil (JSON Lines).")
@click.argument("file", type=click.Path(exists=True, path_type=Path))
@click.option("-v", "verbose", is_flag=True, help="Vis spørsmålene som bommet.")
@pass_ctx
def eval_cmd(ctx: Context, file: Path, verbose: bool) -> None:
    from bot.answers.evaluate import run_eval

    report = run_eval(file, store=ctx.store, now=ctx.now(), settings=ctx.settings)
    if verbose:
        for miss in report["misses"]:
            click.echo(f"BOM {miss['id']} [{miss['category']}] {miss['question']}")
            click.echo(f"    fikk: {miss['answer'][:200]!r}")
    for cat, (ok, n) in sorted(report["categories"].items()):
        click.echo(f"  {cat:14s} {ok}/{n}")
    total, n = report["correct"], report["total"]
    click.echo(f"treff {total}/{n} = {100 * total / max(n, 1):.1f}%")


@cli.command(help="En kort omvisning i det boten vet (uten Slack, uten LLM, uten nett).")
@pass_ctx
def demo(ctx: Context) -> None:
    from bot.demo import run_demo

    run_demo(ctx.store, now=ctx.now(), settings=ctx.settings, echo=click.echo)


@cli.command(help="Start Slack-appen (Socket Mode med SLACK_APP_TOKEN, ellers HTTP).")
@click.option("--port", default=3000, help="Port for HTTP-modus.")
@click.option(
    "--host",
    default="127.0.0.1",
    help="Adressen HTTP-modus lytter på (standard 127.0.0.1 bak en proxy; 0.0.0.0 for alle).",
)
@pass_ctx
def serve(ctx: Context, port: int, host: str) -> None:
    from bot import scheduler as jobs
    from bot.slack.server import serve as run

    store = ctx.store
    client = None
    if ctx.settings.slack_bot_token:
        from bot.slack.client import make_client

        client = make_client(ctx.settings)
    # The jobs on the clock: reminder sweeps, the daily backup (REGIONBOT_BACKUP_*), ...
    scheduler = jobs.start(ctx.settings, store, client)
    try:
        run(ctx.settings, store, port=port, host=host)
    finally:
        scheduler.shutdown(wait=False)


def main() -> None:
    try:
        cli(prog_name="regionbot", standalone_mode=False)
    except click.exceptions.NoArgsIsHelpError as exc:
        click.echo(exc.ctx.get_help() if exc.ctx else "")
    except click.ClickException as exc:  # a malformed command: say so in Norwegian
        click.echo(f"Feil: {exc.format_message()}\nSe «regionbot --help».", err=True)
        sys.exit(2)
    except click.exceptions.Abort:
        sys.exit(1)
    except Exception as exc:  # a fault the operator can fix gets one line, a bug its traceback
        message = faults.explain(exc, _current.get("db"))
        if message is None:
            raise
        click.echo(f"Feil: {message}", err=True)
        sys.exit(1)


if __name__ == "__main__":
    main()
