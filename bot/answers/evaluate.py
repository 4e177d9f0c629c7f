"""`regionbot eval`: score the bot on an eval file with the rules of ../shared/eval/score.py.

A question counts as right when every `expect_all` string and at least one string of each
`expect_any` group occur in the answer (case-insensitive, whitespace collapsed), and an
`unanswerable` question counts as right only when the answer says nothing was found.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from datetime import datetime
from pathlib import Path

from bot.answers import answer
from bot.config import Settings
from bot.store import Store


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", s).lower())


def judge(item: dict, found: bool, text: str) -> bool:
    if item.get("unanswerable"):
        return found is False
    if not found:
        return False
    ans = _norm(text)
    if not all(_norm(k) in ans for k in item.get("expect_all", [])):
        return False
    return all(any(_norm(a) in ans for a in alts) for alts in item.get("expect_any", []))


def run_eval(path: Path, *, store: Store, now: datetime, settings: Settings) -> dict:
    items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    categories: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    misses = []
    correct = 0
    for item in items:
        a = answer(item["question"], store=store, now=now, settings=settings)
        ok = judge(item, a.found, a.text)
        cat = item.get("category", "?")
        categories[cat][0] += ok
        categories[cat][1] += 1
        correct += ok
        if not ok:
            misses.append({**item, "answer": a.text, "found": a.found})
    return {
        "correct": correct,
        "total": len(items),
        "categories": dict(categories),
        "misses": misses,
    }
