"""Answer quality does not slide back: the held-out sets and, when present, the shared dev set."""

import json
import statistics
from pathlib import Path

import pytest

from bot.answers import answer
from bot.answers.evaluate import judge

ROOT = Path(__file__).resolve().parents[2]
SETS = {
    "heldout": (ROOT / "tests" / "eval" / "heldout.jsonl", 1.0),
    "heldout2": (ROOT / "tests" / "eval" / "heldout2.jsonl", 0.98),
    "heldout3": (ROOT / "tests" / "eval" / "heldout3.jsonl", 0.92),
    "heldout4": (ROOT / "tests" / "eval" / "heldout4.jsonl", 0.98),
    "heldout5": (ROOT / "tests" / "eval" / "heldout5.jsonl", 0.98),
    "heldout6": (ROOT / "tests" / "eval" / "heldout6.jsonl", 0.96),
    "heldout7": (ROOT / "tests" / "eval" / "heldout7.jsonl", 0.94),
    # The fresh set of issue 10, first scored 75/90; now a dev set for general mechanisms.
    "heldout8": (ROOT / "tests" / "eval" / "heldout8.jsonl", 0.96),
    # Fresh set first scored 65/80 (3 of 8 unanswerable refused); now a dev set too.
    "heldout9": (ROOT / "tests" / "eval" / "heldout9.jsonl", 0.98),
    # Session 3's fresh sets (code-blind writers), first scored on main at session3-start:
    # heldout10 101/120 (84.2 %), heldout11 65/100 (65.0 %, paraphrases, 20 % unanswerable).
    "heldout10": (ROOT / "tests" / "eval" / "heldout10.jsonl", 0.97),
    "heldout11": (ROOT / "tests" / "eval" / "heldout11.jsonl", 0.87),
    # Session 3's mid-way fresh set, first scored 84/100 on f9c6775 (81/100 on session3-start).
    "heldout12": (ROOT / "tests" / "eval" / "heldout12.jsonl", 0.99),
    # Session 3's final fresh set, written after the work by a code-blind writer and scored once on
    # 83f4ca9: 92/100 (92.0 %), 11 of 12 unanswerable refused (88/100 on session3-start). One
    # mechanism was then fixed from its misses (93/100, 12 of 12): a dev set from then on.
    "heldout13": (ROOT / "tests" / "eval" / "heldout13.jsonl", 0.99),
    # Session 4's first fresh set (code-blind writer), scored on cf54c74 (the engine of the end of
    # session 3) before any change: 83/100, 12 of 12 unanswerable refused. A dev set from then on.
    "heldout14": (ROOT / "tests" / "eval" / "heldout14.jsonl", 0.95),
    # Session 4's mid-way fresh set (code-blind writer), first scored on bc37137: 94/100, 12 of 12
    # unanswerable refused (94/100 on the engine of session 3 too: an easier set). A dev set since.
    "heldout15": (ROOT / "tests" / "eval" / "heldout15.jsonl", 0.99),
    # Session 4's final fresh set, written by a code-blind writer while the last work landed and
    # scored once on b08bbd2: 87/100, 12 of 12 unanswerable refused (86/100 on the engine of
    # session 3). Nothing changed for it; a dev set from the next session on.
    "heldout16": (ROOT / "tests" / "eval" / "heldout16.jsonl", 0.98),
    # Session 5's three opening fresh sets (code-blind writers, one told to favour tables,
    # appendices, organisation and economy), scored on ab8f8e2 before any change: heldout17
    # 92/100 (11 of 12 unanswerable refused), heldout18 86/100 (12 of 12), heldout19 89/100
    # (8 of 12). Dev sets from then on.
    "heldout17": (ROOT / "tests" / "eval" / "heldout17.jsonl", 0.97),
    "heldout18": (ROOT / "tests" / "eval" / "heldout18.jsonl", 0.97),
    "heldout19": (ROOT / "tests" / "eval" / "heldout19.jsonl", 0.98),
    # Session 5's final fresh sets, written by three code-blind writers while the work landed
    # (heldout20 and heldout21 commissioned at 19:50, heldout22 at 21:09), sealed until all of it
    # had, and scored once on d60da42: 94/100, 100/100 and 96/100, every unanswerable refused
    # (36 of 36). The engine session 5 started from (ab8f8e2) scores 92, 95 and 92 on them.
    "heldout20": (ROOT / "tests" / "eval" / "heldout20.jsonl", 0.94),
    "heldout21": (ROOT / "tests" / "eval" / "heldout21.jsonl", 1.0),
    "heldout22": (ROOT / "tests" / "eval" / "heldout22.jsonl", 0.96),
    "dev": (ROOT.parent / "shared" / "eval" / "dev.jsonl", 1.0),
}


# Sets whose unanswerable questions are not all refused yet (heldout12 refuses all 12 of its own
# since the cost, accounts and named-plan checks of session 4; heldout17 and heldout19 since the
# successor, giver, outcome, decision-date and English accounts checks of session 5).
UNTUNED: set[str] = set()


# The words of each found answer's body (without its source lines) and of its first line, per
# set, gathered while the floors are checked so that the sets are answered once.
_LENGTHS: dict[str, list[tuple[int, int]]] = {}


def _length(body: str) -> tuple[int, int]:
    return len(body.split()), len(body.splitlines()[0].split())


@pytest.mark.parametrize("name", list(SETS))
def test_accuracy_stays_above_its_floor(store, now, name):
    path, floor = SETS[name]
    if not path.exists():
        pytest.skip(f"{path} is not here")
    items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    results = []
    lengths = _LENGTHS.setdefault(name, [])
    for item in items:
        a = answer(item["question"], store=store, now=now)
        results.append(judge(item, a.found, a.text))
        if a.found:
            lengths.append(_length(a.body))
    accuracy = sum(results) / len(results)
    assert accuracy >= floor, f"{name}: {accuracy:.1%} < {floor:.0%}"


@pytest.mark.parametrize("name", list(SETS))
def test_every_unanswerable_question_is_refused(store, now, name):
    path, _ = SETS[name]
    if name in UNTUNED:
        pytest.skip(f"{name} measures the engine as it is; its misses are not yet worked on")
    if not path.exists():
        pytest.skip(f"{path} is not here")
    items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    wrong = [
        item["question"]
        for item in items
        if item.get("unanswerable") and answer(item["question"], store=store, now=now).found
    ]
    assert not wrong, "answered although the documents do not say:\n" + "\n".join(wrong)


def test_answers_are_short(store, now):
    """Issue 10's short-answer target over every set: the median answer body at most 35 words,
    the median first line (the answer itself) at most 25."""
    for name, (path, _) in SETS.items():
        if name not in _LENGTHS and path.exists():
            items = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x]
            answers = [answer(item["question"], store=store, now=now) for item in items]
            _LENGTHS[name] = [_length(a.body) for a in answers if a.found]
    lengths = [length for per_set in _LENGTHS.values() for length in per_set]
    assert lengths
    assert statistics.median(body for body, _ in lengths) <= 35
    assert statistics.median(first for _, first in lengths) <= 25
