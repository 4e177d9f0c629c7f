"""The offline engine: understand the question, look in the structured store, then the passages.

No network and no model. Lists come straight from the store's tables (every matching measure, not
the first); single facts come from the ranked search, and only when the best hit covers the
question's topic well enough, otherwise the engine says plainly that it does not know.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from bot import lookup
from bot import text as T
from bot.answers import compose as C
from bot.answers.compose import AMOUNT, DATE, NOT_A_FIGURE, NUMBER, YEAR
from bot.answers.model import Answer
from bot.answers.retrieve import Ranker, Scored, to_item
from bot.answers.understand import Query, understand
from bot.models import Item
from bot.store import Store

FOUND = 0.35  # minimum score of the best hit
COVER = 0.45  # minimum share of the topic (idf-weighted) the best hit must hold
NOT_FOUND = "Jeg fant ikke noe om det i kunnskapsbasen."

_MEASURE_WORDS = re.compile(
    r"\b(tiltak\w*|aktivitet\w*|hovedaktivitet\w*|oppgave\w*|prosjekt\w*|leveranse\w*|measures?|"
    r"activit\w*|projects?|tasks?)\b"
)
_GOAL_WORDS = re.compile(
    r"\b(mal|malene|delmal\w*|innsatsomrad\w*|satsingsomrad\w*|hovedomrad\w*|goals?|"
    r"areas?|omrader|omradene)\b"
)
_MUNICIPALITY_WORDS = re.compile(r"\b(kommuner|kommunene|municipalit\w*)\b")
_DEADLINE_WORDS = re.compile(r"\b(frister|fristene|deadlines)\b")
_MEETING_WORDS = re.compile(
    r"\b(neste mote|kommende moter|moter|motene|next meeting|meetings|"
    r"motes)\b"
)
_MINE = re.compile(r"\b(jeg|meg|mine|min|mitt|my|i have)\b")


def answer(
    question: str,
    *,
    store: Store,
    now: datetime,
    asker: str | None = None,
    context: str | None = None,
) -> Answer:
    question = question.strip()
    if not question:
        return _refuse(
            question, "Skriv et spørsmål, for eksempel «Hvem har ansvar for mobildekning?»"
        )
    today = now.date() if isinstance(now, datetime) else now
    q = understand(
        question,
        now=today,
        vocabulary=store.vocabulary(),
        context=context,
        places=_places(store),
    )
    folded = T.fold(question)

    for special in (_time_questions, _list_question):
        result = special(q, folded, store, today, asker)
        if result is not None:
            return result

    ranked = Ranker(store, q).rank()
    if not ranked or not q.topic:
        return _refuse(question)
    good = []
    for s in ranked:
        if s.score >= FOUND and s.coverage >= COVER and s.name_ok and _in_span(q, s, store):
            fit = _fit(q, s, store)
            if fit:
                s.score *= fit
                good.append(s)
    good.sort(key=lambda s: -s.score)
    if not good:
        return _refuse(question)
    best = good[0]
    items = [to_item(store, best)]
    # Hits nearly as good that say something else go along: the question may be ambiguous
    # ("KingsCross" is both a delivery and a project), and the user should see both.
    room = 2 if q.primary in {"owner", "plan", "people", "status"} else 1
    for other in good[1:6]:
        if len(items) > room or other.score < 0.85 * best.score:
            break
        cand = to_item(store, other)
        if not any(_same(cand, i) for i in items):
            items.append(cand)
    lines = [C.describe(item, q) for item in items]
    if items[0].kind == "passage" and items[0].text.rstrip().endswith(":"):
        lines[0] += _list_after(store, items[0])
    if items[0].kind == "goal" and q.primary in {"plan", "list", "status"}:
        measures = store.measures(plan_ids=[items[0].fields["plan_id"]])
        lines[0] += "".join(
            f"\n• {m['text']}" + (f" (ansvar: {m['owner_text']})" if m["owner_text"] else "")
            for m in measures
            if m["goal_id"] == items[0].id
        )
    body = "\n".join(lines)
    sources = [i.source for i in items]
    return Answer(
        text=body + "\n" + C.cite(sources, body),
        found=True,
        kind=_kind(q, items[0]),
        sources=sources,
        question=question,
    )


def _in_span(q: Query, s: Scored, store: Store) -> bool:
    """A question about a time ("høsten 2021", "i mai") is not answered by a dated item outside it."""
    if not q.span or s.row["kind"] not in {"meeting", "deadline", "decision"}:
        return True
    fields = store.item_row(s.row["kind"], s.row["ref"]) or {}
    when = fields.get("date") or fields.get("due")
    return not when or q.span[0].isoformat() <= when <= q.span[1].isoformat()


def _fit(q: Query, s: Scored, store: Store) -> float:
    """How well the hit holds the kind of fact asked for (0 = not at all). An amount question
    needs an amount, a 'who' question a person, a 'when' question a date (a year alone is weak)."""
    kind, text = s.row["kind"], s.row["text"]
    if q.primary == "amount":
        units = [t for t in q.topic if t not in q.names] or q.topic
        return float(kind == "budget" or bool(AMOUNT.search(text)) or _figure_near(text, units))
    if q.primary == "count":
        return float(_figure_near(text, [t for t in q.topic if t not in q.names] or q.topic))
    if q.primary == "people":
        # The asked role (the rarest word that is not a name, e.g. "ordfører") must be there.
        roles = [t for t in q.topic if t not in q.names]
        vocab = store.vocabulary()
        unknown = [t for t in roles if t not in vocab]
        role = unknown[0] if unknown else min(roles, key=lambda t: vocab[t], default=None)
        mentions_role = role is None or any(
            o.startswith(role)
            or o.endswith(role)
            or (len(o) >= 0.75 * len(role) and (role.startswith(o) or role.endswith(o)))
            for o in s.own
        )
        if kind == "person":
            return float(mentions_role)
        folded = T.fold(text)
        if any(T.fold(p["name"]) in folded for p in _people(store)):
            return 1.0
        # A body or a company can be the answer to "hvem": a name next to the asked role.
        asked = {w.lower() for w in T.words(q.text)}
        named = [w for w in T.words(text)[1:] if w[:1].isupper() and w.lower() not in asked]
        return 0.8 if mentions_role and named else 0.0
    if q.primary == "deadline" and kind not in {"deadline", "meeting", "decision", "document"}:
        fields = store.item_row(kind, s.row["ref"]) or {}
        if fields.get("due") or fields.get("date") or fields.get("adopted_date"):
            return 1.0
        if kind == "measure":
            return 0.0
        if DATE.search(text):
            return 1.0 if _near(text, q.topic, DATE, window=6) else 0.85
        return 0.8 if YEAR.search(text) else 0.0
    if q.primary == "owner" and kind == "measure":
        fields = store.item_row(kind, s.row["ref"]) or {}
        return float(bool(fields.get("owners") or fields.get("owner_text")))
    return 1.0


def _near(text: str, units: list[str], pattern: re.Pattern, window: int) -> bool:
    """Is something the pattern finds (a date) within `window` words of a topic word?"""
    tokens = T.words(text)
    stems = [T.stem(t) for t in tokens]
    # Word index of each match: the number of words before it.
    hits = [len(T.words(text[: m.start()])) for m in pattern.finditer(text)]
    return any(
        len(stem) > 2
        and any(stem == u or stem.startswith(u) for u in units)
        and any(abs(h - i) <= window for h in hits)
        for i, stem in enumerate(stems)
    )


def _figure_near(text: str, units: list[str], window: int = 3) -> bool:
    """A figure close to what is counted: "nærmere 60 studenter", "4 456 innbyggere", but not
    "50 kroner pr innbygger" when people are counted."""
    tokens = T.words(NOT_A_FIGURE.sub(" ", text))
    stems = [T.stem(t) for t in tokens]
    for i, stem in enumerate(stems):
        if len(stem) > 2 and any(
            stem == u or stem.startswith(u) or u.startswith(stem) for u in units
        ):
            for j in range(max(0, i - window), min(len(tokens), i + window + 1)):
                nxt = tokens[j + 1].lower() if j + 1 < len(tokens) else ""
                if NUMBER.search(tokens[j]) and (nxt not in {"kroner", "kr"} or "kron" in units):
                    return True
    return False


def _places(store: Store) -> set[str]:
    """Stems of the names of municipalities and regions ("tynset", "os", "elverumregion")."""
    cache = store.__dict__.get("_places_cache")
    if cache is None:
        cache = set()
        for org in store.organisations():
            if org["kind"] in {"municipality", "region"}:
                for name in [org["name"], *org["aliases"]]:
                    words = T.words(name)
                    if len(words) == 2 and words[1].lower() == "kommune":
                        words = words[:1]
                    if len(words) == 1 and words[0][:1].isupper():
                        cache.add(T.stem(words[0]))
        store.__dict__["_places_cache"] = cache
    return cache


def _people(store: Store) -> list[dict]:
    cache = store.__dict__.setdefault("_people_cache", None)
    if cache is None:
        cache = store.people()
        store.__dict__["_people_cache"] = cache
    return cache


def _list_after(store: Store, item: Item, limit: int = 12) -> str:
    """A passage that introduces a list ("Følgende innsatsområder ble valgt ut:") is answered
    with the list that follows it in the same section."""
    rows = store.passages(item.fields["document_id"])
    seq = item.fields["seq"]
    out = []
    for row in rows[seq + 1 : seq + 1 + limit]:
        if row["section"] != item.fields["section"] or row["text"].rstrip().endswith(":"):
            break
        out.append(f"\n• {row['text']}")
    return "".join(out)


def _same(a: Item, b: Item) -> bool:
    qa, qb = T.collapse(a.source.quote or a.text), T.collapse(b.source.quote or b.text)
    return qa in qb or qb in qa


def _kind(q: Query, item: Item) -> str:
    intent = q.primary
    mapping = {
        "owner": "owner",
        "deadline": "deadline",
        "decision": "decision",
        "meeting": "meeting",
        "amount": "amount",
        "count": "amount",
        "status": "status",
        "frequency": "meeting",
        "financing": "amount",
        "case": "meeting",
        "people": "people",
        "list": "list",
    }
    if intent in mapping:
        return mapping[intent]
    return "passage" if item.kind == "passage" else "plan"


def _refuse(question: str, text: str | None = None) -> Answer:
    hint = (
        " Jeg kjenner til handlingsplanene 2019-2020 og 2021-2022 for Fjellregionen, "
        "sluttrapportene fra byregionprosjektene i Fjellregionen og Kongsvingerregionen og "
        "Elverumregionens byregionsøknad."
    )
    return Answer(text=text or NOT_FOUND + hint, found=False, kind="none", question=question)


# --- questions about time: "frister denne måneden", "neste møte i AU" --------------------------


def _time_questions(q: Query, folded: str, store: Store, today: date, asker: str | None):
    wants_deadlines = bool(_DEADLINE_WORDS.search(folded))
    wants_meetings = bool(re.search(r"\bneste\b.*\bmote|\bnext meeting|\bkommende mote", folded))
    if not (wants_meetings or (wants_deadlines and (q.span or not q.topic))):
        return None
    if wants_meetings:
        rows = lookup.meetings(store, today, None)
        if q.bodies:
            rows = [m for m in rows if any(T.fold(b) in T.fold(m["body"]) for b in q.bodies)]
        if not rows:
            return Answer(
                text=f"Jeg finner ingen planlagte møter etter {T.format_date(today)}.",
                found=False,
                kind="none",
                question=q.text,
            )
        m = rows[0]
        cases = "".join(f"\n• Sak {c['number'] or ''} {c['title']}" for c in m["cases"])
        text = C.describe(Item(id=m["id"], kind="meeting", text="", fields=m, source=_src(m)), q)
        return Answer(
            text=text + cases, found=True, kind="meeting", sources=[_src(m)], question=q.text
        )
    start, end = q.span or (today, None)
    rows = lookup.deadlines(store, start, end)
    if asker and _MINE.search(folded):
        rows = [r for r in rows if _owned_by(store, asker, r["owner"])]
    span = (
        f"{T.format_date(start, weekday=False)}–{T.format_date(end, weekday=False)}"
        if end
        else f"etter {T.format_date(start)}"
    )
    if not rows:
        return Answer(text=f"Ingen frister {span}.", found=False, kind="none", question=q.text)
    lines = [f"{T.format_date(date.fromisoformat(r['due']))}: {r['what']}" for r in rows]
    sources = [_src(r) for r in rows]
    return Answer(
        text=C.list_answer(f"Frister {span}:", lines),
        found=True,
        kind="deadline",
        sources=sources,
        question=q.text,
    )


def _src(row: dict):
    from bot.models import Source

    return Source.model_validate(row["source"])


def _owned_by(store: Store, asker: str, owner: str | None) -> bool:
    if not owner:
        return False
    person = store.person(asker) or next(
        (p for p in store.people() if p["slack_user_id"] == asker), None
    )
    names = [asker] + ((person or {}).get("roles") or []) + ([person["name"]] if person else [])
    return any(T.fold(n) in T.fold(owner) for n in names if n)


# --- list questions: "hvilke tiltak har AU ansvaret for", "hvilke kommuner er med" -------------


def _list_question(q: Query, folded: str, store: Store, today: date, asker: str | None):
    if "list" not in q.intents:
        return None
    # The noun the list is of: the first one after "hvilke"/"list"/"which" that we know.
    target = re.search(r"\b(hvilke|list opp|list|which|alle|oversikt over)\b(.*)", folded)
    tail = target[2] if target else folded
    found = []
    for kind, pattern in (
        ("measures", _MEASURE_WORDS),
        ("municipalities", _MUNICIPALITY_WORDS),
        ("goals", _GOAL_WORDS),
    ):
        m = pattern.search(tail)
        if m:
            found.append((m.start(), kind))
    if not found:
        return None
    kind = min(found)[1]
    if kind == "measures":
        return _list_measures(q, store)
    if kind == "municipalities":
        return _list_municipalities(q, store)
    return _list_goals(q, store)


def _owner_filters(q: Query, store: Store) -> list[str]:
    owners = list(q.bodies)
    known = {T.fold(o): o for o in store.owner_names()}
    for name in q.names:
        for k, o in known.items():
            if T.stem(o) == name or k.startswith(name) and len(name) >= 4:
                owners.append(o)
    return list(dict.fromkeys(owners))


def _list_measures(q: Query, store: Store):
    ranked = Ranker(store, q).rank()
    owners = _owner_filters(q, store)
    plan_ids = _plans_named(q, store, ranked)
    if owners:
        rows = store.measures(plan_ids=plan_ids)
        picked = []
        for m in rows:
            have = [T.fold(o) for o in m["owners"]]
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
        picked = [m for m in store.measures(ids=ids) if not plan_ids or m["plan_id"] in plan_ids]
    if not picked:
        return None
    lines = []
    for m in picked:
        owner = m["owner_text"] or ", ".join(m["owners"])
        lines.append(f"{m['text']} (ansvar: {owner})" if owner else m["text"])
    plans = list(dict.fromkeys(m["plan_title"] for m in picked))
    who = f" der {' og '.join(owners)} har ansvar{' alene' if q.alone else ''}" if owners else ""
    title = f"{len(picked)} tiltak{who} i {', '.join(plans)}:"
    sources = [store.source(m["document_id"], m["quote"]) for m in picked]
    body = C.list_answer(title, lines)
    return Answer(
        text=body + "\n" + C.cite(sources[:1], body),
        found=True,
        kind="list",
        sources=sources,
        question=q.text,
    )


def _plans_named(q: Query, store: Store, ranked: list[Scored]) -> list[str] | None:
    if q.period:
        a, b = q.period
        ids = [
            p["id"]
            for p in store.plans()
            if (p["period_start"], p["period_end"]) == (a, b)
            or (str(a) in p["title"] and str(b) in p["title"])
            or f"{a}-{str(b)[2:]}" in p["title"]
        ]
        if ids:
            return ids
    return None


def _list_goals(q: Query, store: Store):
    ranked = Ranker(store, q).rank()
    plan_ids = _plans_named(q, store, ranked)
    if not plan_ids:
        for s in ranked[:10]:
            if s.row["kind"] in {"goal", "plan"} and s.name_ok and s.coverage >= 0.5:
                row = store.item_row(s.row["kind"], s.row["ref"]) or {}
                plan_ids = [row.get("plan_id") or row.get("id")]
                break
    if not plan_ids:
        return None
    goals = [g for pid in plan_ids for g in store.goals(pid)]
    if not goals:
        return None
    plan = store.plan(plan_ids[0])
    lines = [
        g["text"] if not g["area"] or g["area"] in g["text"] else f"{g['area']}: {g['text']}"
        for g in goals
    ]
    sources = [store.source(g["document_id"], g["quote"]) for g in goals]
    body = C.list_answer(f"Mål og innsatsområder i {plan['title']}:", lines)
    return Answer(
        text=body + "\n" + C.cite(sources[:1], body),
        found=True,
        kind="list",
        sources=sources,
        question=q.text,
    )


def _list_municipalities(q: Query, store: Store):
    orgs = store.organisations()
    wanted = set(q.names) | set(q.topic)
    regions = [
        o
        for o in orgs
        if o["kind"] in {"region", "committee", "project"}
        and wanted & set(T.terms(" ".join([o["name"], *o["aliases"]])))
    ]
    for region in regions:
        members = [o for o in orgs if o["parent"] == region["id"] and o["kind"] == "municipality"]
        if members:
            names = [o["name"] for o in members]
            sources = [store.source(o["document_id"], o["quote"]) for o in members]
            body = f"{region['name']} består av {', '.join(names[:-1])} og {names[-1]}."
            return Answer(
                text=body + "\n" + C.cite(sources[:1], body),
                found=True,
                kind="list",
                sources=sources,
                question=q.text,
            )
    return None
