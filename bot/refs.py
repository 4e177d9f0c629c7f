"""Short references people can type: `T21-4` (measure 4 of the plan that starts in 2021), `F-3`
(a deadline), `M-2` (a meeting), `S-5` (a case; its number "18/2021" works too), `V-7` (a decision).

A reference is given once, when the item is first seen, and never changes or goes to another item,
also when the item's document is reloaded or the item is cancelled: it is written in messages and
minutes. Commands accept the reference, the full id, or words that pick out one item.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot import items as I
from bot import text as T
from bot.store import Store
from bot.store.items import REF_PREFIX

_CASE_NUMBER = re.compile(r"^(?:sak\s*)?(\d{1,4})\s*/\s*(\d{4})$", re.IGNORECASE)


@dataclass(frozen=True)
class Match:
    kind: str
    id: str
    ref: str
    title: str


def assign(store: Store) -> int:
    """Give every item without a reference its reference. Call inside a transaction."""
    taken = store.taken_refs()
    given = 0
    prefixes = store.plan_ref_prefixes()
    for row in store.unreferenced("measure"):
        plan_id = row["plan_id"]
        if plan_id not in prefixes:
            base = f"T{row['period_start'] % 100:02d}" if row["period_start"] else "T"
            prefix, n = base, 1
            used = set(prefixes.values())
            while prefix in used:
                n += 1
                prefix = f"{base}{chr(ord('A') + n - 2)}" if n <= 27 else f"{base}x{n}"
            prefixes[plan_id] = prefix
        ref = _free(f"{prefixes[plan_id]}-{row['seq'] or 1}", taken, prefixes[plan_id])
        store.add_ref(ref, "measure", row["id"])
        taken.add(ref.upper())
        given += 1
    for kind in ("deadline", "meeting", "case", "decision"):
        prefix = REF_PREFIX[kind]
        numbers = [int(r.split("-")[1]) for r in taken if re.fullmatch(rf"{prefix}-\d+", r)]
        n = max(numbers, default=0)
        for row in store.unreferenced(kind):
            n += 1
            store.add_ref(f"{prefix}-{n}", kind, row["id"])
            taken.add(f"{prefix}-{n}")
            given += 1
    return given


def _free(ref: str, taken: set[str], prefix: str) -> str:
    """A measure's natural reference, or the next free number of its plan when that is taken (a
    measure added to the plan later, or one whose old number went to an item since removed)."""
    if ref.upper() not in taken:
        return ref
    numbers = [
        int(r.rsplit("-", 1)[1])
        for r in taken
        if r.startswith(prefix.upper() + "-") and r.rsplit("-", 1)[1].isdigit()
    ]
    return f"{prefix}-{max(numbers, default=0) + 1}"


def resolve(store: Store, text: str, kinds: tuple[str, ...] = I.KINDS) -> list[Match]:
    """The items a user means by `text`: one for a reference, an id or a case number; several
    when words fit more than one; none when nothing fits."""
    text = " ".join((text or "").split())
    if not text or len(text) > 500:
        return []
    hit = store.item_by_ref(text)
    if hit and hit[0] in kinds:
        return [_match(store, *hit)]
    for kind in kinds:
        if store.item(kind, text):
            return [_match(store, kind, text)]
    m = _CASE_NUMBER.match(text)
    if m and "case" in kinds:
        number = f"{int(m[1])}/{m[2]}"
        found = [
            _match(store, "case", case.id)
            for case in store.items("case")
            if (case.number or "").replace(" ", "") == number
        ]
        if found:
            return found
    words = set(T.terms(text))
    if not words:
        return []
    scored = []
    for kind in kinds:
        for item in store.items(kind):
            have = set(T.terms(I.search_text(kind, item)))
            # Words pick an item when each is the start of one of its words: "bredbånd" finds
            # "bredbåndsdekning", as Norwegian compounds are written together.
            if all(any(h.startswith(w) for h in have) for w in words):
                scored.append((len(have), _match(store, kind, item.id)))
    scored.sort(key=lambda s: s[0])
    return [m for _, m in scored]


def _match(store: Store, kind: str, item_id: str) -> Match:
    item = store.item(kind, item_id)
    title = I.title(kind, item) if item else ""
    return Match(kind, item_id, store.ref_of(kind, item_id) or item_id, title)


def ref(store: Store, kind: str, item_id: str) -> str:
    return store.ref_of(kind, item_id) or item_id
