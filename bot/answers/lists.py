"""List questions: "hvilke tiltak har AU ansvaret for", "hvilke kommuner er med", "hvilke mål".

Lists come straight from the store's tables, so every matching item is listed, not the first.
"""

from __future__ import annotations

import re
from datetime import date

from bot import lookup
from bot import text as T
from bot.answers import compose as C
from bot.answers.knowledge import knowledge
from bot.answers.model import Answer
from bot.answers.retrieve import Ranker
from bot.answers.understand import Query, gloss
from bot.store import Store

_MEASURE_WORDS = re.compile(
    r"\b(tiltak\w*|aktivitet\w*|hovedaktivitet\w*|oppgave\w*|prosjekt\w*|leveranse\w*|measures?|"
    r"activit\w*|projects?|tasks?)\b"
)
_GOAL_WORDS = re.compile(
    r"\b(mal|malene|mala|delmal\w*|innsatsomrad\w*|satsingsomrad\w*|hovedomrad\w*|goals?|"
    r"areas?|omrader|omradene)\b"
)
_LIST_WORDS = re.compile(
    r"\b(hvilke|list opp|list|which|what are|what were|alle|oversikt over|liste over|each|every|"
    r"nevn|nevn opp|rams opp|ramse opp|oppgi|name|show me|hva er|hva var|hva for|hva slags|hva)\b"
)
_ARTICLES = {"the", "a", "an", "of", "de", "det", "den"}
# The words that open a list and the noun after them: "hvilke vedlegg", "kva for kollektivselskap",
# "nevn kollektivaktørene", "which central issues" (a count or an adjective may stand between).
_OPENS_LIST = re.compile(
    r"\b(?:hvilke|which|what|hva for(?: noen)?|hva slags|kva for(?: nokre)?|kva slags|nevn(?: opp)?|"
    r"list(?:e)? opp|list|rams(?:e)? opp|oppgi|name)\s+(?:(?:hvilke|alle|all|the|de|dei|noen)\s+)?"
    r"(?P<rest>.*)"
)
_MUNICIPALITY_WORDS = re.compile(r"\b(kommun(?:er|ene|ar|ane)|municipalit\w*)\b")


def list_question(q: Query, folded: str, store: Store, today: date, asker: str | None):
    if "list" not in q.intents:
        return None
    # The noun the list is of: the one right after "hvilke"/"which"/"each" (allowing a number
    # or an adjective): "hvilke fem innsatsområder", "for each municipality", but not
    # "prosjektplanen" later in "hvilke muligheter pekte prosjektplanen på".
    found = []
    for n, target in enumerate(_LIST_WORDS.finditer(folded)):
        words = [w for w in folded[target.end() :].split() if w not in _ARTICLES]
        tail = " ".join(words[:3])
        for kind, pattern in (
            ("measures", _MEASURE_WORDS),
            ("municipalities", _MUNICIPALITY_WORDS),
            ("goals", _GOAL_WORDS),
        ):
            m = pattern.search(tail)
            if m:
                found.append((n, m.start(), kind))
    if not found:
        return None
    kind = min(found)[2]
    if kind == "measures":
        return _list_measures(q, store)
    if kind == "municipalities":
        return _list_municipalities(q, store)
    return _list_goals(q, store)


def list_nouns(q: Query) -> list[str]:
    """The topic terms naming what a list question wants listed: the first few words after
    the words that open the list ("hvilke viktigste interessepolitiske saker", "nevn
    kollektivaktørene"), as terms, ask words kept ("saker", "dokumenter")."""
    m = _OPENS_LIST.search(q.folded)
    if not m:
        return []
    words = T.words(m["rest"])[:LIST_NOUN_WORDS]
    if q.english:  # the nouns in the documents' words: "attachments" -> "vedlegg"
        words = T.words(T.fold(gloss(" ".join(words))[0]))
    out = []
    for w in words:
        t = T.stem(w)
        if w in T.STOPWORDS or t in q.names or t.isdigit() or len(t) < 3:
            if out:
                break
            continue
        out.append(t)
    return out


LIST_NOUN_WORDS = 3  # a list's noun stands among the first words after "hvilke"


def _owner_filters(q: Query, store: Store) -> list[str]:
    owners = list(q.bodies)
    known = {T.fold(o): o for o in knowledge(store).owner_names}
    for name in q.names:
        for k, o in known.items():
            if T.stem(o) == name or k.startswith(name) and len(name) >= 4:
                owners.append(o)
    return list(dict.fromkeys(owners))


def _list_measures(q: Query, store: Store):
    ranked = Ranker(store, q).rank()
    owners = _owner_filters(q, store)
    plan_ids = _plans_named(q, store)
    if owners:
        rows = knowledge(store).measures(plan_ids=plan_ids)
        picked = []
        for m in rows:
            have = [T.fold(o) for o in m.owners]
            want = [T.fold(o) for o in owners]
            if q.alone:
                if have and all(any(w in h for w in want) for h in have):
                    picked.append(m)
            elif any(any(w in h for w in want) for h in have):
                picked.append(m)
    else:
        good = [
            s for s in ranked if s.row["kind"] == "measure" and s.coverage >= 0.75 and s.name_ok
        ]
        if not good:
            return None
        ids = [s.row["ref"] for s in good]
        picked = [
            m for m in knowledge(store).measures(ids=ids) if not plan_ids or m.plan_id in plan_ids
        ]
    if not picked:
        return None
    lines = []
    for m in picked:
        owner = m.owner_text or ", ".join(m.owners)
        lines.append(f"{m.text} (ansvar: {owner})" if owner else m.text)
    plans = list(dict.fromkeys(m.plan_title for m in picked))
    who = f" der {' og '.join(owners)} har ansvar{' alene' if q.alone else ''}" if owners else ""
    title = f"{len(picked)} tiltak{who} i {', '.join(plans)}:"
    sources = [knowledge(store).source(m.document_id, m.quote) for m in picked]
    return _answer(q, C.list_answer(title, lines), sources)


def _plans_named(q: Query, store: Store) -> list[str] | None:
    """The plans of the period the question names ("handlingsplanen 2021-22"), by the same rule
    as `regionbot measures --plan`."""
    if q.period:
        return lookup.plan_ids(store, f"{q.period[0]}-{q.period[1]}") or None
    return None


def _list_goals(q: Query, store: Store):
    ranked = Ranker(store, q).rank()
    plan_ids = _plans_named(q, store)
    if not plan_ids:
        for s in ranked[:10]:
            if s.row["kind"] in {"goal", "plan"} and s.name_ok and s.coverage >= 0.5:
                row = knowledge(store).item_row(s.row["kind"], s.row["ref"]) or {}
                plan_ids = [row.get("plan_id") or row.get("id")]
                break
    if not plan_ids:
        return None
    goals = [g for pid in plan_ids for g in store.goals(pid)]
    if not goals:
        return None
    plan = store.plan(plan_ids[0])
    lines = [g.text if not g.area or g.area in g.text else f"{g.area}: {g.text}" for g in goals]
    sources = [knowledge(store).source(g.document_id, g.quote) for g in goals]
    return _answer(q, C.list_answer(f"Mål og innsatsområder i {plan.title}:", lines), sources)


def _list_municipalities(q: Query, store: Store):
    orgs = store.organisations()
    wanted = set(q.names) | set(q.topic)
    regions = [
        o
        for o in orgs
        if o.kind in {"region", "committee", "project"}
        and wanted & set(T.terms(" ".join([o.name, *o.aliases])))
    ]
    for region in regions:
        members = [o for o in orgs if o.parent == region.id and o.kind == "municipality"]
        if members:
            names = [o.name for o in members]
            sources = [knowledge(store).source(o.document_id, o.quote) for o in members]
            body = f"{region.name} består av {T.join_and(names)}."
            counted = [o for o in members if o.population]
            if counted:  # the figures the documents give come along
                body += "".join(
                    f"\n• {o.name}: {T.format_number(o.population)} innbyggere"
                    + (f" ({o.population_year})" if o.population_year else "")
                    for o in counted
                )
            return _answer(q, body, sources)
    return None


def _answer(q: Query, body: str, sources: list) -> Answer:
    """A list answer cites where the list comes from once; every item's source is kept."""
    return Answer(
        body=body,
        shown=1,
        found=True,
        kind="list",
        sources=sources,
        question=q.text,
    )


# --- a count named in the question: "hva er de tre ...", "which four ..." ----------------------

_NUMBERS = {
    2: ("2", "two", "to"),
    3: ("3", "three", "tre"),
    4: ("4", "four", "fire"),
    5: ("5", "five", "fem"),
    6: ("6", "six", "seks"),
    7: ("7", "seven", "sju", "syv"),
}
NUMBER_WORDS = _NUMBERS  # how a count is written, for fit.py
_COUNT_ASKED = re.compile(
    r"\b(?:de|dei|the|hvilke|which|disse|these|those|sine|its|their)\s+"
    r"(?P<n>2|3|4|5|6|7|two|three|four|five|six|seven|to|tre|fire|fem|seks|sju|syv)\s+\w"
    # "Kva tre roller ...", "what three roles": not "what to do".
    r"|\b(?:hva|kva|what)\s+(?P<m>2|3|4|5|6|7|two|three|four|five|six|seven|tre|fire|fem|seks|sju|syv)"
    r"\s+\w"
)


def asked_count(folded: str) -> int | None:
    """The number of things a list question names ("de tre drivkreftene", "which four areas")."""
    m = _COUNT_ASKED.search(folded)
    if not m:
        return None
    said = m["n"] or m["m"]
    return next(n for n, words in _NUMBERS.items() if said in words)


def _enumerated(text: str) -> int:
    """How many things a sentence lists inline: "(bioøkonomi, logistikk, industri og bygg)"."""
    best = 0
    for group in re.findall(r"\(([^()]+)\)|:\s*([^.:]+)", text):
        inner = next(g for g in group if g)
        parts = (
            r";\s*|\s+(?:og|and|samt)\s+(?=[^;]*$)"
            if ";" in inner
            else r",\s*|\s+(?:og|and|samt)\s+"
        )
        items = [i for i in re.split(parts, inner) if i.strip()]
        if len(items) >= 2:
            best = max(best, len(items))
    return best


def states_count(text: str, n: int) -> bool:
    """Does a text say it holds `n` things: "3 motorer:", "vært tredelt:", "fire områder (a, b,
    c og d)"? An introduction ending in a colon needs only to name the number, the list follows
    it; any other text must also list that many things itself."""
    folded = T.fold(text).lower()
    words = "|".join(_NUMBERS[n])
    named = re.search(rf"\b(?:{words})(?:\s+\w|-?delt\b)", folded)
    if not named:
        return False
    introduces = re.search(rf"\b(?:{words})(?:\s+\w+|-?delt):\s*$", folded)
    return bool(introduces) or _enumerated(text) == n


def counted(candidates: list, n: int):
    """The first candidate (best first) that holds as many things as the question asks for."""
    return next((s for s in candidates if states_count(s.row["text"], n)), None)
