"""Reminder sweep benchmark: `make bench`.

Why: the sweep runs every working morning over every measure and deadline with a due date, and a
council's store grows with every plan. This prints the time and the peak Python memory of one
`due_reminders` sweep (who gets what today) and of building the DMs for it, over 10 000, 30 000 and
100 000 synthetic measures with owners (roles and people) and due dates spread over two years, so
the growth from 10k to 100k shows. Target for 100 000: under 1 s and under 200 MB.

Everything is written to a temporary folder; the repository and `data/` are left alone.
"""

from __future__ import annotations

import json
import random
import resource
import shutil
import sys
import tempfile
import time
import tracemalloc
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot import reminders as R  # noqa: E402
from bot.config import TZ, Settings  # noqa: E402
from bot.slack.reminder_blocks import reminder_message  # noqa: E402
from bot.store import Store  # noqa: E402

SIZES = [10_000, 30_000, 100_000]
NOW = datetime(2021, 4, 20, 8, 0, tzinfo=TZ)
TARGET_SECONDS, TARGET_MB = 1.0, 200
ROLES = ["Arbeidsutvalget", "Administrasjonen", "ansvarlig ordfører", "regionrådgiver"]
OTHERS = ["næringsapparatet", "referansegruppe", "samarbeidspartnere", "kommunene"]


def build(path: Path, n: int, rng: random.Random) -> Store:
    store = Store.open(path)
    people = [
        {
            "name": f"Person {i}",
            "roles": json.dumps([rng.choice(ROLES)] if i % 3 else []),
            "slack_user_id": f"U{i:06d}" if i % 5 else None,
            "access": "advisor" if i == 0 else "member",
        }
        for i in range(60)
    ]
    store.db["people"].insert_all(people, pk="name")
    store.db["documents"].insert(
        {
            "id": "bench",
            "title": "Syntetisk handlingsplan",
            "access": "offentlig",
            "origin": "knowledge",
        }
    )
    store.db["plans"].insert({"id": "p", "title": "Syntetisk plan", "document_id": "bench"})
    start = NOW.date() - timedelta(days=365)

    def rows():
        for i in range(n):
            owners = rng.sample(ROLES + OTHERS, rng.randint(1, 3))
            if rng.random() < 0.2:
                owners.append(f"Person {rng.randrange(60)}")
            due = start + timedelta(days=rng.randrange(730))
            yield {
                "id": f"m{i}",
                "plan_id": "p",
                "seq": i,
                "text": f"Tiltak nummer {i} om samarbeid i regionen",
                "owners": json.dumps(owners, ensure_ascii=False),
                "due": due.isoformat(),
                "status": rng.choice([None, None, None, "pågår", "ferdig"]),
                "document_id": "bench",
            }

    with store.transaction():
        store.db["measures"].insert_all(rows(), batch_size=5000)
    return store


def measure(store: Store, settings: Settings) -> tuple[float, float, int, int]:
    """Time of one sweep (best of three), then its peak memory in a run of its own (tracing
    allocations slows Python down several times)."""
    seconds = []
    for _ in range(3):
        started = time.perf_counter()
        found = R.due_reminders(store, NOW, settings)
        groups = R.by_person(found)
        messages = [reminder_message(items, NOW.date()) for items in groups.values()]
        seconds.append(time.perf_counter() - started)
    tracemalloc.start()
    groups = R.by_person(R.due_reminders(store, NOW, settings))
    [reminder_message(items, NOW.date()) for items in groups.values()]
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return min(seconds), peak / 1e6, len(found), len(messages)


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="regionbot-bench-rem-"))
    settings = Settings(_env_file=None)
    rng = random.Random(8)
    print("Påminnelser: én utsending (due_reminders + meldinger per person)")
    print(f"{'tiltak':>8} {'tid':>8} {'topp minne':>11} {'påminnelser':>12} {'meldinger':>10}")
    results = {}
    try:
        for n in SIZES:
            store = build(folder / f"{n}.db", n, rng)
            measure(store, settings)  # warm: imports, holidays, page cache
            seconds, mb, count, msgs = measure(store, settings)
            results[n] = seconds
            print(f"{n:>8} {seconds:>7.3f}s {mb:>9.1f} MB {count:>12} {msgs:>10}")
            store.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"prosessens største minne (RSS, med byggingen av databasene): {rss:.0f} MB")
    growth = results[SIZES[-1]] / max(results[SIZES[0]], 1e-9)
    print(f"vekst {SIZES[0]} -> {SIZES[-1]}: x{growth:.1f} (tiltak x{SIZES[-1] // SIZES[0]})")
    ok = results[SIZES[-1]] < TARGET_SECONDS
    print(
        f"mål for {SIZES[-1]}: under {TARGET_SECONDS:.0f} s og {TARGET_MB} MB -> {'OK' if ok else 'FOR TREGT'}"
    )


if __name__ == "__main__":
    main()
