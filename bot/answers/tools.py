"""The answer agent's tools: the store's queries as plain functions returning cited JSON records.

They live apart from `agent.py` and never import LangChain, so they can be tested (and reused by
any other agent) without it. Every record carries a `source` (document title, quote, case number)
because the agent may only say what a tool returned, and must be able to show where it came from.
Dates are given both as ISO (`due`, `date`) and as Norwegians write them (`due_text`, `date_text`),
so the model copies "tirsdag 27. april 2021" instead of working out weekdays itself.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from bot import lookup
from bot import text as T
from bot.answers import retrieve
from bot.store import Store

SEARCH_LIMIT = 8
MAX_TEXT = 1200  # longest text of one record handed to the model
MAX_FIELD = 400  # longest extra field of a search hit
# Columns of a search hit that are bookkeeping, repeated elsewhere in the record, or whole bodies.
_SKIP_FIELDS = {"id", "document_id", "seq", "quote", "text", "hash", "origin", "source_file"}


class ToolError(ValueError):
    """A tool was called with arguments it cannot use; the message goes back to the model."""


def _today(now: date | datetime) -> date:
    return now.date() if isinstance(now, datetime) else now


def _parse_day(value: str | None, name: str) -> date | None:
    """An ISO date (or a date as Norwegians write it) from a tool argument, None when absent."""
    if value is None or not str(value).strip():
        return None
    text = str(value).strip()
    try:
        return date.fromisoformat(text)
    except ValueError:
        parsed = T.parse_date(text)
        if parsed is None:
            raise ToolError(f"{name}: ukjent dato «{text}», bruk ÅÅÅÅ-MM-DD") from None
        return parsed


def _date_text(value: Any) -> str | None:
    if not value:
        return None
    try:
        return T.format_date(date.fromisoformat(str(value)[:10]))
    except ValueError:
        return None


def _with_dates(record: dict, *keys: str) -> dict:
    """Add `<key>_text` next to each ISO date, in the form the answer must use."""
    for key in keys:
        formatted = _date_text(record.get(key))
        if formatted:
            record[f"{key}_text"] = formatted
    return record


def _clip(value: Any, limit: int) -> Any:
    if isinstance(value, str) and len(value) > limit:
        return value[: limit - 1] + "…"
    return value


def search(store: Store, query: str, *, now: date | datetime) -> list[dict]:
    """Free-text search over everything the store holds (items and document passages), best first."""
    if not query or not query.strip():
        raise ToolError("query: skriv hva du leter etter")
    out = []
    for item in retrieve.search(store, query, limit=SEARCH_LIMIT, now=_today(now)):
        fields = {
            k: _clip(v, MAX_FIELD)
            for k, v in item.fields.items()
            if k not in _SKIP_FIELDS and v not in (None, "", [], {})
        }
        record = {
            "kind": item.kind,
            "id": str(item.id),
            "text": _clip(item.text, MAX_TEXT),
            **fields,
            "source": item.source.model_dump(exclude_none=True),
        }
        out.append(_with_dates(record, "due", "date"))
    return out


def measures(
    store: Store,
    plan: str | None = None,
    owner: str | None = None,
    query: str | None = None,
) -> list[dict]:
    """Measures (tiltak) filtered by plan, owner and words, each with owners, status and source."""
    return [
        _with_dates(r, "due")
        for r in lookup.measures(store, plan=plan or None, owner=owner or None, query=query or None)
    ]


def deadlines(store: Store, from_date: str | None = None, to_date: str | None = None) -> list[dict]:
    """Deadlines (frister) and measures due in the span, soonest first."""
    start = _parse_day(from_date, "from_date")
    end = _parse_day(to_date, "to_date")
    if start and end and end < start:
        raise ToolError("to_date er før from_date")
    return [_with_dates(r, "due") for r in lookup.deadlines(store, start, end)]


def decisions(store: Store, body: str | None = None) -> list[dict]:
    """Decisions (vedtak), optionally of one body (e.g. «Arbeidsutvalget», «styringsgruppa»)."""
    return [_with_dates(r, "date") for r in lookup.decisions(store, body=body or None)]


def meetings(store: Store, from_date: str | None = None) -> list[dict]:
    """Meetings with their cases; all of them unless `from_date` limits them to that day onwards."""
    start = _parse_day(from_date, "from_date")
    return [_with_dates(r, "date") for r in lookup.meetings(store, start)]


def people(store: Store) -> list[dict]:
    """People with their roles and organisation. A directory entry may have no document source."""
    return lookup.people(store)
