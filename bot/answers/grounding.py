"""Grounding the LLM's answer: which tool results it used, and the sources it cites.

The model's own citations are not trusted: an answer cites the records the tools returned that it
actually repeats (a quote, most of its words, a date or a case number). No LangChain here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from rapidfuzz import fuzz

from bot import text as T
from bot.answers.compose import cite
from bot.answers.model import NOT_FOUND, Answer
from bot.models import Source

MAX_CITED = 5  # "Kilde:" lines written under an answer; all used sources stay in Answer.sources
USED = 0.5  # a tool record counts as used when the answer holds this much of it
_NOT_FOUND = re.compile(
    r"\b(fant|finner|har) (ikke noe|ingenting|ingen opplysninger|ingen informasjon)\b"
)
_CITE_LINE = re.compile(r"^\s*(?:[-*•]\s*)?\*{0,2}kilder?\*{0,2}\s*:\s*(.*)$", re.IGNORECASE)


@dataclass
class Seen:
    """One cited record a tool returned during the run."""

    source: Source
    tool: str
    kind: str  # the record's kind (search hits), else the tool's
    text: str
    dates: list[str] = field(default_factory=list)

    @property
    def key(self) -> tuple[str, str | None]:
        return (self.source.document_id, self.source.quote)


def seen_records(tool: str, result: Any) -> list[Seen]:
    records = result if isinstance(result, list) else []
    out = []
    for r in records:
        if not isinstance(r, dict) or not r.get("source"):
            continue
        try:
            source = Source.model_validate(r["source"])
        except ValueError:
            continue
        text = " ".join(
            str(r[k]) for k in ("text", "what", "name", "title", "owner_text") if r.get(k)
        )
        dates = [str(r[k])[:10] for k in ("due", "date") if r.get(k)]
        out.append(Seen(source, tool, str(r.get("kind") or tool), text, dates))
    return out


def compose(question: str, text: str, seen: list[Seen], fallback: Answer) -> Answer:
    body, cited = _split_citations(text)
    if not seen or _says_not_found(body):
        # With no tool result behind it, whatever the model wrote is not an answer.
        return Answer(
            text=body if _says_not_found(body) else NOT_FOUND,
            found=False,
            kind="none",
            question=question,
            engine="llm",
        )
    used = _used(seen, body, cited)
    sources = [s.source for s in used]
    # Intern content the model saw may be in its words even when no quote shows it: keep those
    # sources on the answer so it is never posted in a public channel.
    have = {s.key for s in used}
    sources += [
        s.source for s in _unique(seen) if s.source.access == "intern" and s.key not in have
    ]
    return Answer(
        text=body + "\n" + cite([s.source for s in used][:MAX_CITED], body),
        found=True,
        kind=fallback.kind if fallback.found and fallback.kind != "none" else _kind(used),
        sources=sources,
        question=question,
        engine="llm",
    )


def _split_citations(text: str) -> tuple[str, list[str]]:
    """The model's answer without its own 'Kilde:' lines, and what those lines said."""
    body, cited = [], []
    for line in text.strip().splitlines():
        m = _CITE_LINE.match(line)
        if m:
            cited.append(m[1].strip())
        else:
            body.append(line)
    return "\n".join(body).strip(), cited


def _says_not_found(body: str) -> bool:
    folded = T.fold(body)
    if T.fold(NOT_FOUND)[:-1] in folded:
        return True
    # "Jeg finner ingen informasjon om det": only a short answer that is all about not finding.
    return len(body.split()) <= 25 and bool(_NOT_FOUND.search(folded))


def _unique(seen: list[Seen]) -> list[Seen]:
    out: dict[tuple[str, str | None], Seen] = {}
    for s in seen:
        out.setdefault(s.key, s)
    return list(out.values())


def _score(s: Seen, body: str, folded: str, body_terms: set[str]) -> float:
    """How much of this record the answer says: its quote verbatim, its words, its date."""
    quote = T.collapse(s.source.quote or "")
    if len(quote) >= 12 and T.fold(quote) in folded:
        return 1.0
    best = 0.0
    for candidate in (quote, s.text):
        terms = set(T.terms(candidate))
        hits = len(terms & body_terms)
        if not terms or hits < min(2, len(terms)):
            continue
        # Either most of the record is in the answer, or most of the answer is from the record
        # (a short answer drawn from a long passage).
        best = max(best, hits / len(terms), 0.9 * hits / max(len(body_terms), 1))
    for iso in s.dates:
        try:
            day = date.fromisoformat(iso)
        except ValueError:
            continue
        if T.format_date(day, weekday=False) in body or iso in body:
            best += 0.3
    if s.source.case_number and s.source.case_number in body:
        best += 0.3
    return best


def _used(seen: list[Seen], body: str, cited: list[str]) -> list[Seen]:
    """The records the answer draws on: those whose content it repeats, plus the best record of
    each document the model cited by title; all records when nothing can be told apart."""
    unique = _unique(seen)
    folded = T.fold(T.collapse(body))
    body_terms = set(T.terms(body))
    scored = [(_score(s, body, folded, body_terms), i, s) for i, s in enumerate(unique)]
    top = max((sc for sc, _, _ in scored), default=0.0)
    used = [s for sc, _, s in scored if sc >= USED and sc >= 0.6 * top]
    for line in cited:
        line_folded = T.fold(line)
        docs = {
            s.source.document_id
            for s in unique
            if fuzz.partial_ratio(T.fold(s.source.title), line_folded) >= 85
        }
        for doc in docs - {s.source.document_id for s in used}:
            best = max((x for x in scored if x[2].source.document_id == doc), key=lambda x: x[0])
            used.append(best[2])
    return _distinct(used or unique)


def _distinct(records: list[Seen]) -> list[Seen]:
    """Drop a record whose quote repeats (or is part of) an earlier one from the same document:
    a measure, its passage and an organisation may all quote the same sentence."""

    def same(a: str, b: str) -> bool:
        return bool(a and b) and (a in b or b in a)

    kept: list[tuple[str, str, Seen]] = []
    for s in records:
        quote = T.fold(T.collapse(s.source.quote or ""))
        doc = s.source.document_id
        if not any(d == doc and same(quote, q) for d, q, _ in kept):
            kept.append((doc, quote, s))
    return [s for _, _, s in kept]


def _kind(used: list[Seen]) -> str:
    """What kind of answer this is when the offline engine had no opinion: by the first record."""
    by_tool = {
        "measures": "list" if len(used) > 1 else "owner",
        "deadlines": "deadline",
        "decisions": "decision",
        "meetings": "meeting",
        "people": "people",
    }
    first = used[0]
    if first.tool in by_tool:
        return by_tool[first.tool]
    by_item = {
        "deadline": "deadline",
        "decision": "decision",
        "meeting": "meeting",
        "case": "meeting",
        "person": "people",
        "budget": "amount",
        "passage": "passage",
    }
    return by_item.get(first.kind, "plan")
