"""`regionbot ingest FILE --extract [--dry-run] [--json]`: what a document holds, and saving it.

With --dry-run nothing is written: the file is read, its facts extracted and shown. Without it
the document is added (as `ingest` does) and its facts are saved through `updates.save_extracted`
with the advisor as actor (`--as`, or the advisor of people.yaml).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from bot import text as T


def run(
    ctx, file: Path, *, title, access, dry_run: bool, as_json: bool, as_name: str | None
) -> None:
    from bot import extract as X
    from bot import updates
    from bot.extract.upload import upload_texts
    from bot.ingest import IngestError, _upload_id, ingest_file

    max_bytes = int(ctx.settings.max_file_mb * 1024 * 1024)
    store = ctx.store
    try:
        raw, stored, meta = upload_texts(file, max_bytes=max_bytes)
    except IngestError as exc:
        _fail(str(exc))
    who = _actor(store, as_name) if not dry_run else None
    if who is not None and not who.is_advisor:
        _fail(f"{who.name} kan ikke lagre fakta fra dokumenter (bare regionrådgiveren).")
    doc_id = _upload_id(store, meta.get("id"), file)
    facts = X.extract(raw, document_id=doc_id, title=title or meta.get("title"), llm=_llm(ctx))
    facts = X.checked(facts, stored)
    saved = None
    if not dry_run:
        try:
            result = ingest_file(
                store,
                file,
                title=title,
                access=access,
                author=who.name,
                now=ctx.now(),
                max_bytes=max_bytes,
            )
        except IngestError as exc:
            _fail(str(exc))
        facts = facts.model_copy(update={"document": result["id"]})
        saved = updates.save_extracted(store, result["id"], facts, who, ctx.now(), origin="cli")
        if not saved.ok:
            _fail(saved.message)
        doc_id = result["id"]
    if as_json:
        click.echo(
            json.dumps(
                {
                    "document": doc_id,
                    "saved": bool(saved and saved.ok),
                    "summary": X.summary(facts),
                    "counts": X.counts(facts),
                    "measures": [i for i in X.items(facts) if i["kind"] == "measure"],
                    "deadlines": [i for i in X.items(facts) if i["kind"] == "deadline"],
                    "meetings": [i for i in X.items(facts) if i["kind"] == "meeting"],
                    "cases": [i for i in X.items(facts) if i["kind"] == "case"],
                    "decisions": [i for i in X.items(facts) if i["kind"] == "decision"],
                    "facts": facts.model_dump(mode="json", exclude_none=True),
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    click.echo(X.summary(facts))
    for line in describe(X.items(facts)):
        click.echo(line)
    if saved:
        click.echo(saved.message)
    else:
        click.echo("Ingenting er lagret (--dry-run). Kjør uten --dry-run for å lagre.")


def describe(items: list[dict]) -> list[str]:
    """The found items in Norwegian, one line each."""
    out = []
    for i in items:
        if i["kind"] == "measure":
            who = ", ".join(i["owners"]) or "ingen ansvarlig"
            out.append(f"• Tiltak: {_short(i['text'])} (ansvar: {who})")
        elif i["kind"] == "deadline":
            out.append(f"• Frist {T.format_date(_day(i['due']))}: {_short(i['text'])}")
        elif i["kind"] == "meeting":
            out.append(f"• Møte: {i['body']} {T.format_date(_day(i['date']))}")
        elif i["kind"] == "case":
            out.append(f"• Sak {i['number']}: {_short(i['text'])}")
        elif i["kind"] == "decision":
            case = f" i sak {i['case_number']}" if i.get("case_number") else ""
            out.append(f"• Vedtak{case} ({i['body'] or 'ukjent organ'}): {_short(i['text'])}")
    return out


def _day(iso):
    from datetime import date

    return date.fromisoformat(iso) if iso else None


def _short(text: str, limit: int = 110) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _actor(store, as_name: str | None):
    from bot import updates

    if as_name:
        who = updates.actor(store, name=as_name)
        if who.access == "guest":
            _fail(f"Fant ikke {as_name} i people.yaml.")
        return who
    advisor = next((p for p in store.people() if p.access in ("advisor", "admin")), None)
    if advisor is None:
        _fail("Ingen regionrådgiver i people.yaml: oppgi hvem som lagrer med --as.")
    return updates.actor(store, name=advisor.name)


def _llm(ctx):
    """The chat model when LLM_MODEL is set (LangChain is imported only then)."""
    if not ctx.settings.llm_model:
        return None
    from bot.extract.llm import chat_model

    return chat_model(ctx.settings)


def _fail(message: str) -> None:
    click.echo(f"Feil: {message}", err=True)
    sys.exit(1)
