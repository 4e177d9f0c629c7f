"""Whether the model's answer may be shown: every fact in it checked against what the tools returned.

A model that calls the right tools can still write "12,4 millioner" where the record says 8,2, a
Friday for a Tuesday deadline, or the wrong owner, and attach real citations to it. Word overlap
does not catch that, so the answer is read for its checkable facts (amounts and numbers, dates,
case numbers, names of people and organisations; see `facts.py`) and each one must occur in a tool
record that the sentence stating it is about. An answer with one unsupported fact, an answer in
another language than the question, one that says it found nothing, or one that draws on no record
is not shown: the offline answer is, which is the refusal only when offline found nothing too.

The model's own source lists are dropped; the sources are the records the answer used (at most
five), and an `intern` record the answer drew on stays among them so the access rule holds.
No LangChain here.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

from bot import text as T
from bot.answers import facts as F
from bot.answers.model import NOT_FOUND, Answer
from bot.answers.names import Names
from bot.models import Source

log = logging.getLogger(__name__)

MAX_SOURCES = 5
USED = 0.5  # a record counts as used when the answer holds this much of it (see _overlap)
# "Jeg fant ikke noe", "finner ingen opplysninger", "kunnskapsbasen har ikke informasjon om":
# saying there is nothing, not a fact ("Tiltaket har ingen frist" is an answer).
_NOT_FOUND = re.compile(
    r"\b(fant|finner|funnet)\b.{0,25}\b(ikke|ingen|ingenting)\b"
    r"|\bingen (relevante )?(opplysninger|informasjon|treff|data|resultater)\b"
    r"|\b(har|inneholder|gir) (ikke|ingen) (noe|noen|opplysninger|informasjon|treff)\b"
    r"|\b(no|not) (information|results?|records?|data|found)\b|\b(could|did) not find\b"
)
_SOURCE_HEAD = re.compile(
    r"^\W*(kilder?|sources?|referanser|references)\W*(:.*)?$", re.IGNORECASE | re.UNICODE
)
_SOURCE_LINE = re.compile(r"^\s*(?:[-*•]|\d+[.)]|\[\d+\])\s+")
_FOOTNOTE = re.compile(r"\s*\[\^?\d+\](?!\()")
_URL = re.compile(r"https?://\S+")
_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MD_MARKS = re.compile(r"[*_`#>|~]+")
# A sentence ends at . ! ? before a capital or a digit, but not after an abbreviation
# ("kl. 09:00", "ca. 20", "nr. 3").
_SENTENCE = re.compile(
    r"(?<!\bkl\.)(?<!\bca\.)(?<!\bnr\.)(?<!\bpr\.)(?<!\bjf\.)(?<!\bst\.)"
    r"(?<=[.!?])\s+(?=[«\"(]?[A-ZÆØÅ0-9])|\n+"
)
_CAPITALISED = re.compile(r"\b[A-ZÆØÅ][\wæøåÆØÅ-]*(?:\s+[A-ZÆØÅ][\wæøåÆØÅ-]*)*")
_NOT_NAMES = {
    *T.MONTHS,
    *T.WEEKDAYS,
    *(m.capitalize() for m in T.MONTHS),
    *(d.capitalize() for d in T.WEEKDAYS),
    "kilde",
    "kilder",
    "i",
    "ja",
    "nei",
}
_ID_KEYS = {"id", "document_id", "plan_id", "goal_id", "measure_id", "meeting_id", "slack_user_id"}

_NB = set(
    "og er det som på til med har av ikke en et den jeg fant frist fristen ansvar ansvaret ble "
    "hvem hva når hvor hvilke skal kan vil må også eller om etter innen denne dette disse ingen "
    "noe sier står vedtak vedtatt tiltak møte møtet kroner sin sitt sine hos".split()
)
_EN = set(
    "the is are and of to with has have not found was were who what when where which this that "
    "it by responsible deadline meeting decision there their they no any please answer".split()
)


def language(text: str) -> str | None:
    """'nb' or 'en' by their commonest words; None when a text is too short to tell."""
    words = [w.lower() for w in T.words(text)]
    nb = sum(w in _NB for w in words)
    en = sum(w in _EN for w in words)
    if en >= 2 and en > nb:
        return "en"
    if nb >= 1 and nb >= en:
        return "nb"
    return None


# --- what the tools returned ----------------------------------------------------------------


@dataclass
class Seen:
    """One record a tool returned to the model (only what it was shown, after the caps)."""

    source: Source
    tool: str
    kind: str  # the record's kind (search hits), else the tool's
    text: str
    record: dict = field(default_factory=dict, repr=False)

    @property
    def key(self) -> tuple:
        """The same record, whichever tool returned it (a measure and the passage it was read
        from share a quote, not a key)."""
        return (
            self.kind,
            str(self.record.get("id") or ""),
            self.source.document_id,
            self.source.quote,
        )

    @cached_property
    def haystack(self) -> str:
        return " ; ".join(_flatten(self.record))

    @cached_property
    def facts(self) -> F.Facts:
        return F.extract(self.haystack)

    @cached_property
    def terms(self) -> set[str]:
        return set(T.terms(self.haystack))


def _flatten(value: Any, key: str = "") -> Iterable[str]:
    if key in _ID_KEYS or value is None:
        return
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _flatten(v, k)
    elif isinstance(value, list | tuple):
        for v in value:
            yield from _flatten(v, key)
    else:
        yield str(value)


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
        out.append(Seen(source, tool, str(r.get("kind") or tool), text, r))
    return out


# --- checking an answer --------------------------------------------------------------------------


@dataclass
class Check:
    unsupported: list[str] = field(default_factory=list)
    support: dict[tuple, float] = field(default_factory=dict)  # record key -> facts it holds


def _plain(text: str) -> str:
    """The answer's words without Markdown, links and URLs, for reading its facts."""
    text = _MD_LINK.sub(r"\1", text)
    text = _URL.sub(" ", text)
    return _MD_MARKS.sub("", text)


def _units(text: str) -> list[str]:
    return [u.strip(" -•\t") for u in _SENTENCE.split(text) if u and u.strip(" -•\t")]


def _unknown_names(unit: str, known_spans: list[tuple[int, int]]) -> list[str]:
    """Capitalised words that are not where a sentence starts, or runs of two or more anywhere:
    the shape of a name the store does not know ("Ola Nordmann", "Tolga")."""
    out = []
    for m in _CAPITALISED.finditer(unit):
        words = [w for w in m[0].split() if w not in _NOT_NAMES]
        if not words:
            continue
        start = m.start()
        before = unit[:start].rstrip()
        at_start = not before or before[-1] in ':«"(' or before.endswith(("•", "-"))
        if at_start and len(words) < 2:
            continue
        if any(s <= start < e for s, e in known_spans):
            continue
        out.append(" ".join(words))
    return out


def _about(seen: list[Seen], terms: set[str], q_terms: set[str]) -> list[Seen]:
    """The records a sentence is about: those sharing the most of its other words (at least half
    as many as the best), else those sharing a word with the question, else all of them."""
    for wanted in (terms, q_terms):
        overlap = [(len(wanted & s.terms), s) for s in seen]
        best = max((n for n, _ in overlap), default=0)
        if best:
            return [s for n, s in overlap if n and n >= best / 2]
    return seen


def check(
    question: str,
    body: str,
    seen: list[Seen],
    *,
    names: Names | None = None,
    today: date | None = None,
    counts: Iterable[int] = (),
) -> Check:
    """Each fact of `body` against the records, sentence by sentence.

    A fact counts as supported by a record that holds it and shares a word with the sentence
    (or, for a sentence with no word any record has, with the question): "Arbeidsutvalget har
    ansvar for jernbaneforum" needs a record about jernbaneforum that names Arbeidsutvalget, not
    merely some record naming it. What the question itself says, today's date and how many records
    a tool returned may be repeated too.
    """
    names = names or Names()
    result = Check()
    q_facts = F.extract(question)
    q_terms = set(T.terms(question))
    q_folded = T.fold(question)
    allowed_numbers = set(q_facts.values) | {float(c) for c in counts}
    if today:
        allowed_numbers |= {float(today.year)}
        q_facts.days.append((F.Day(today.year, today.month, today.day), "i dag"))
    plain = _plain(body)
    lines = [ln for ln in plain.splitlines() if _SOURCE_LINE.match(ln)]
    allowed_numbers.add(float(len(lines)))

    for unit in _units(plain):
        unit_terms = set(T.terms(unit))

        def supported(label, holds, allowed=False, own: Iterable[str] = (), ut=unit_terms):
            hits = [s for s in _about(seen, ut - set(own), q_terms) if holds(s)]
            if not hits and not allowed:
                result.unsupported.append(label)
            for s in hits:
                result.support[s.key] = result.support.get(s.key, 0) + 1

        unit_facts = F.extract(unit)
        for value in unit_facts.numbers:
            label = unit_facts.amounts.get(value) or f"{value:g}"
            supported(
                label,
                lambda s, v=value: v in s.facts.values,
                value in allowed_numbers,
                own={f"{value:g}"},
            )
        for day, written in unit_facts.days:
            if F.weekday_wrong(day):
                result.unsupported.append(written)
                continue
            supported(
                written,
                lambda s, d=day: F.day_in(d, s.facts),
                F.day_in(day, q_facts),
            )
        for hm, written in unit_facts.times.items():
            supported(written, lambda s, t=hm: t in s.facts.times)
        for case in unit_facts.cases:
            supported(f"sak {case[0]}/{case[1]}", lambda s, c=case: c in s.facts.cases)

        folded = T.fold(unit)
        found = names.find(folded)
        for name, _, _ in found:
            group = names.aliases.get(name, {name})
            forms = [set(T.terms(g)) for g in group]
            in_question = any(f and f <= q_terms for f in forms) or name in q_folded
            supported(
                name,
                lambda s, fs=forms: any(f and f <= s.terms for f in fs),
                in_question,
                own=set().union(*forms),
            )
        spans = [(s, e) for _, s, e in found]
        for name in _unknown_names(unit, spans):
            terms = set(T.terms(name))
            if not terms:
                continue
            supported(name, lambda s, t=terms: t <= s.terms, terms <= q_terms, own=terms)
    return result


# --- the answer -------------------------------------------------------------------------------


def strip_sources(text: str) -> str:
    """The model's answer without its own source lists ('Kilde: ...', a 'Kilder' heading and the
    list under it) and footnote marks: sources come from the records."""
    out: list[str] = []
    in_list = False
    for line in text.strip().splitlines():
        if _SOURCE_HEAD.match(line.strip()):
            in_list = True
            continue
        if in_list and (not line.strip() or _SOURCE_LINE.match(line)):
            continue
        in_list = False
        out.append(_FOOTNOTE.sub("", line))
    return "\n".join(out).strip()


def says_not_found(body: str) -> bool:
    folded = T.fold(body)
    if T.fold(NOT_FOUND)[:-1] in folded:
        return True
    # "Jeg finner ingen informasjon om det": only a short answer that is all about not finding.
    return len(body.split()) <= 30 and bool(_NOT_FOUND.search(folded))


def compose(
    question: str,
    text: str,
    seen: list[Seen],
    fallback: Answer,
    *,
    names: Names | None = None,
    today: date | None = None,
    counts: Iterable[int] = (),
) -> Answer:
    """The model's answer when every fact in it is grounded, else `fallback` (the offline answer)."""
    body = strip_sources(text)
    unique = _unique(seen)

    def refuse(reason: str) -> Answer:
        log.info("LLM answer not shown (%s); giving the offline answer", reason)
        return fallback

    if not body:
        return refuse("empty answer")
    if says_not_found(body):
        return refuse("the model found nothing")
    if not unique:
        return refuse("no tool result behind it")
    asked, answered = language(question) or "nb", language(body)
    if answered and answered != asked:
        return refuse(f"answered in {answered}, asked in {asked}")
    result = check(question, body, unique, names=names, today=today, counts=counts)
    if result.unsupported:
        return refuse("unsupported: " + ", ".join(result.unsupported))
    used = _used(unique, body, result.support)
    if not used:
        return refuse("draws on no record")
    sources = [s.source for s in used]
    return Answer(
        body=body,
        found=True,
        kind=fallback.kind if fallback.found and fallback.kind != "none" else _kind(used),
        sources=sources,
        question=question,
        engine="llm",
    )


def _unique(seen: list[Seen]) -> list[Seen]:
    out: dict[tuple, Seen] = {}
    for s in seen:
        out.setdefault(s.key, s)
    return list(out.values())


def _overlap(s: Seen, folded: str, body_terms: set[str]) -> float:
    """How much of this record the answer repeats: its quote verbatim, or most of its words."""
    quote = T.collapse(s.source.quote or "")
    if len(quote) >= 12 and T.fold(quote) in folded:
        return 1.0
    best = 0.0
    for candidate in (quote, s.text):
        terms = set(T.terms(candidate))
        hits = len(terms & body_terms)
        if not terms or hits < min(2, len(terms)):
            continue
        # Most of the record is in the answer, or most of the answer is from the record.
        best = max(best, hits / len(terms), 0.9 * hits / max(len(body_terms), 1))
    return best


def _used(seen: list[Seen], body: str, support: dict[tuple, float]) -> list[Seen]:
    """The records the answer draws on, best first, at most five: those that hold its facts and
    those whose content it repeats. An intern record among them is kept within the five."""
    folded = T.fold(T.collapse(body))
    body_terms = set(T.terms(body))
    scored = []
    for i, s in enumerate(seen):
        overlap = _overlap(s, folded, body_terms)
        weight = support.get(s.key, 0.0)
        if weight or overlap >= USED:
            # a structured record (a measure, a deadline) before the passage it was read from
            scored.append((weight + 2 * overlap, s.kind != "passage", -i, s))
    if not scored:
        return []
    top = max(x[0] for x in scored)
    ranked = [x[-1] for x in sorted(scored, key=lambda x: x[:3], reverse=True) if x[0] >= 0.5 * top]
    ranked = _distinct(ranked)
    chosen = ranked[:MAX_SOURCES]
    intern = [s for s in ranked[MAX_SOURCES:] if s.source.access == "intern"]
    if intern and all(s.source.access != "intern" for s in chosen):
        chosen[-1] = intern[0]
    return chosen


def _distinct(records: list[Seen]) -> list[Seen]:
    """One record per quote: a measure, its passage and an organisation may all quote the same
    sentence of a document (the structured record is kept)."""

    def same(a: str, b: str) -> bool:
        return bool(a and b) and (a in b or b in a)

    kept: list[Seen] = []
    for s in records:
        quote = T.fold(T.collapse(s.source.quote or ""))
        twin = next(
            (
                i
                for i, k in enumerate(kept)
                if k.source.document_id == s.source.document_id
                and k.source.access == s.source.access
                and same(quote, T.fold(T.collapse(k.source.quote or "")))
            ),
            None,
        )
        if twin is None:
            kept.append(s)
        elif kept[twin].kind == "passage" and s.kind != "passage":
            kept[twin] = s  # the measure itself rather than the passage it was read from
    return kept


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
