"""Extraction benchmark for regionbot: `make bench` (or `python bench/extraction.py`).

Why: a council uploads its own plans and minutes, and the bot can only list, remind and put on
agendas what extraction finds. This script extracts each seed document of `../shared/seeds/`
without its hand-written YAML and compares the result with `knowledge/*.yaml`, and does the same
for the documents of `bench/data/` (written for this benchmark, with their expected facts), so a
rule tuned to one seed's wording shows up as a gap on the others.

Per kind it prints precision (found items that match a curated one) and recall (curated items
found): a measure matches when its text overlaps the curated text (most of the shorter text's
stemmed words are in the other), a deadline or a meeting when its date is the same (a curated
meeting without a date: a found meeting without a date, of the same body, whose quote overlaps
its quote), a decision when its text overlaps. For matched measures it prints how often the owners are right (the same
owners, compared by their words). Targets are printed under the table.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

from bot import text as T  # noqa: E402
from bot.extract import all_measures, extract  # noqa: E402
from bot.ingest import split_front_matter  # noqa: E402
from bot.models import KnowledgeFile  # noqa: E402

# ../shared/seeds beside the repository (or beside the folder of worktrees).
SEEDS = next(
    (
        p
        for p in (ROOT.parent / "shared" / "seeds", ROOT.parent.parent / "shared" / "seeds")
        if p.is_dir()
    ),
    ROOT.parent / "shared" / "seeds",
)
KNOWLEDGE = ROOT / "knowledge"
DATA = ROOT / "bench" / "data"
KINDS = ("measures", "deadlines", "meetings", "decisions")
TARGETS = {"measures": 0.90, "deadlines": 0.80, "meetings": 0.80, "decisions": 0.80}
TARGET_PRECISION = 0.90
TARGET_OWNER = 0.85


def _stems(text: str) -> set[str]:
    return set(T.terms(text or ""))


def overlap(a: str, b: str) -> float:
    sa, sb = _stems(a), _stems(b)
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / min(len(sa), len(sb))


def _pair(found: list, curated: list, score) -> list[tuple[int, int]]:
    """One-to-one pairs, best scores first."""
    scored = sorted(
        (
            (s, i, j)
            for i, f in enumerate(found)
            for j, c in enumerate(curated)
            if (s := score(f, c)) > 0
        ),
        reverse=True,
    )
    used_f, used_c, pairs = set(), set(), []
    for _, i, j in scored:
        if i not in used_f and j not in used_c:
            used_f.add(i)
            used_c.add(j)
            pairs.append((i, j))
    return pairs


def _measure_score(f, c) -> float:
    s = overlap(f.text, c.text)
    return (
        s if s >= 0.6 and len(_stems(f.text) & _stems(c.text)) >= min(2, len(_stems(c.text))) else 0
    )


def _decision_score(f, c) -> float:
    s = overlap(f.text, c.text)
    return s if s >= 0.5 else 0


def _date_score(field):
    def score(f, c) -> float:
        a, b = getattr(f, field), getattr(c, field)
        return 1.0 if a and a == b else 0

    return score


def _meeting_score(f, c) -> float:
    """By date; a curated meeting without a date ("planned, date not set") can never match by
    date, so it matches a found meeting without a date of the same body whose quote overlaps
    its quote (as much as decisions must). A dated found meeting never matches an undated one."""
    if c.date:
        return 1.0 if f.date == c.date else 0
    if f.date or not f.body or _owner_words(f.body) != _owner_words(c.body or ""):
        return 0
    s = overlap(f.quote or "", c.quote or "")
    return s if s >= 0.5 else 0


def _owner_words(owner: str) -> str:
    return " ".join(sorted(_stems(owner)))


def owners_right(found: list[str], curated: list[str]) -> bool:
    """The same owners: each curated owner has an extracted one with (nearly) the same words,
    and no extracted owner is left over."""
    from rapidfuzz import fuzz

    a = [_owner_words(o) for o in found]
    b = [_owner_words(o) for o in curated]
    if len(a) != len(b):
        return False
    pairs = _pair(a, b, lambda x, y: s if (s := fuzz.token_set_ratio(x, y)) >= 85 else 0)
    return len(pairs) == len(b)


def compare(found: KnowledgeFile, curated: KnowledgeFile) -> dict:
    out = {}
    fm, cm = all_measures(found), all_measures(curated)
    pairs = _pair(fm, cm, _measure_score)
    out["measures"] = (len(pairs), len(fm), len(cm))
    out["owners"] = (
        sum(1 for i, j in pairs if owners_right(fm[i].owners, cm[j].owners)),
        len(pairs),
    )
    out["deadlines"] = _counts(found.deadlines, curated.deadlines, _date_score("due"))
    out["meetings"] = _counts(found.meetings, curated.meetings, _meeting_score)
    out["decisions"] = _counts(found.decisions, curated.decisions, _decision_score)
    return out


def _counts(found, curated, score) -> tuple[int, int, int]:
    return (len(_pair(found, curated, score)), len(found), len(curated))


def seed_cases() -> list[tuple[str, str, KnowledgeFile]]:
    """(name, seed text, curated facts) for each seed that has a knowledge document."""
    cases = []
    for md in sorted((KNOWLEDGE / "documents").glob("*.md")):
        meta, _ = split_front_matter(md.read_text(encoding="utf-8"), md)
        seed = SEEDS / str(meta.get("source_file", ""))
        facts = KNOWLEDGE / f"{md.stem}.yaml"
        if seed.is_file() and facts.is_file():
            curated = KnowledgeFile.model_validate(
                yaml.safe_load(facts.read_text(encoding="utf-8"))
            )
            cases.append((md.stem[:3], seed.read_text(encoding="utf-8"), curated))
    return cases


def data_cases() -> list[tuple[str, str, KnowledgeFile]]:
    cases = []
    for txt in sorted(DATA.glob("*.txt")):
        expected = txt.with_suffix(".yaml")
        if expected.is_file():
            curated = KnowledgeFile.model_validate(
                yaml.safe_load(expected.read_text(encoding="utf-8"))
            )
            cases.append((txt.stem[:3], txt.read_text(encoding="utf-8"), curated))
    return cases


def _pct(n: int, d: int) -> str:
    return f"{100 * n / d:5.0f}%" if d else "    –"


def table(rows: list[tuple[str, dict]]) -> list[str]:
    head = f"{'doc':>6} " + " ".join(f"{k[:9]:>9} P/R      " for k in KINDS) + "  owner"
    lines = [head]
    for name, r in rows:
        cells = []
        for k in KINDS:
            m, f, c = r[k]
            cells.append(f"{m:3}/{f:<3}/{c:<3}{_pct(m, f)}{_pct(m, c)}")
        o, n = r["owners"]
        lines.append(f"{name:>6} " + " ".join(cells) + f" {_pct(o, n)}")
    return lines


def total(rows: list[dict]) -> dict:
    out = {}
    for k in (*KINDS, "owners"):
        out[k] = tuple(sum(r[k][i] for r in rows) for i in range(len(rows[0][k])))
    return out


def run(label: str, cases) -> dict | None:
    if not cases:
        print(f"{label}: no documents found")
        return None
    rows = []
    start = time.perf_counter()
    for name, text, curated in cases:
        found = extract(text, document_id=f"bench-{name}")
        rows.append((name, compare(found, curated)))
    took = time.perf_counter() - start
    tot = total([r for _, r in rows])
    print(f"\n{label} (matched/found/curated, precision, recall; {took * 1000:.0f} ms)")
    for line in table([*rows, ("total", tot)]):
        print(line)
    return tot


def verdict(tot: dict) -> list[str]:
    out = []
    for k in KINDS:
        m, f, c = tot[k]
        p, r = (m / f if f else 1.0), (m / c if c else 1.0)
        out.append(
            f"{k:10} recall {100 * r:5.1f}% (target {100 * TARGETS[k]:.0f}%) {'OK' if r >= TARGETS[k] else 'UNDER'}"
            f"   precision {100 * p:5.1f}% (target {100 * TARGET_PRECISION:.0f}%) {'OK' if p >= TARGET_PRECISION else 'UNDER'}"
        )
    o, n = tot["owners"]
    ok = o / n if n else 0
    out.append(
        f"{'owners':10} right {100 * ok:5.1f}% of matched measures (target {100 * TARGET_OWNER:.0f}%) {'OK' if ok >= TARGET_OWNER else 'UNDER'}"
    )
    return out


def main() -> None:
    print("Extraction: facts found in documents without their YAML, against the curated facts")
    print(
        "Meetings match by date; a curated meeting without a date matches a found undated meeting"
        " of the same body whose quote overlaps (>= 50 %)."
    )
    seeds = run("Seed documents (../shared/seeds)", seed_cases())
    own = run("Documents written for the benchmark (bench/data)", data_cases())
    cases = seed_cases() or data_cases()
    if cases:
        big = "\n\n".join(text for _, text, _ in cases) * 20
        start = time.perf_counter()
        extract(big, document_id="bench-big")
        took = time.perf_counter() - start
        print(
            f"\nSpeed: one document of {len(big) / 1e6:.1f} MB (the documents above 20 times) in {took:.1f} s"
        )
    for label, tot in (("seeds", seeds), ("bench/data", own)):
        if tot:
            print(f"\nTargets, {label}:")
            for line in verdict(tot):
                print("  " + line)


if __name__ == "__main__":
    main()
