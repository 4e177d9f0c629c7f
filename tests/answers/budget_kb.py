"""A made-up application with a cost plan, a financing plan and a hoped-for result, for the tests
of the mechanisms for amounts and figures.

Each line of the tables is a budget line per year and for the whole period, with the table's sum
rows, as the knowledge files hold them. The document has many rows that name the project, so a
budget line (whose own words are few) is not among bm25's first candidates by its words alone.
"""

from __future__ import annotations

from pathlib import Path

from bot.ingest import load_knowledge
from bot.store import Store

_PLACES = ["havna", "torget", "skolen", "brygga", "parken", "stasjonen", "kaia", "hallen", "bygda"]
_FILLER = "\n\n".join(
    f"Fjordbyen-søknaden om fase 2 beskriver budsjettet for {a} ved {b} i Fjordbyen."
    for a in ["kurs", "møter", "reiser", "lokaler", "nettsider", "annonser", "utstyr", "kart",
              "skilt", "mat"]
    for b in _PLACES
)  # fmt: skip

DOCUMENT = f"""---
id: 907-soknad-fjordbyen
title: "Søknad – Fjordbyen fase 2"
date: 2019-04-30
organisation: Fjordrådet
region: Fjordregionen
kind: søknad
access: offentlig
source_file: 907.txt
---
# Søknad om Fjordbyen fase 2

Fjordbyen søker om deltakelse i fase 2 av programmet for regionale byer.

Drift av nettverket skjer i kommunene.

Fjordbyen er en by i vekst og har i dag over 4 000 innbyggere.

# Aktiviteter

Kursdager (3 ganger pr år)

Styremøter i nettverket (1 gang pr kvartal)

# Resultat

Øke bosetting med minimum 50 personer som resultat av at familier flytter til regionen.

{_FILLER}

# Kostnadsplan

| Tittel | 2020 | 2021 | SUM |
|---|---|---|---|
| Kurs for næringslivet | 100 000 | 200 000 | 300 000 |
| Prosjektledelse | 400 000 | 500 000 | 900 000 |
| Sum kostnad | 500 000 | 700 000 | 1 200 000 |

# Finansieringsplan

| Tittel | 2020 | 2021 | SUM |
|---|---|---|---|
| Nordfylket fylkeskommune | 250 000 | 350 000 | 600 000 |
| Midler fra kommunene | 50 000 | 70 000 | 120 000 |
| Egeninnsats fra kommunene | 200 000 | 280 000 | 480 000 |
| Sum finansiering | 500 000 | 700 000 | 1 200 000 |
"""


def _lines() -> str:
    plan = "d907-fjordbyen"
    rows = [
        ("cost", "kurs", "Kurs for næringslivet", None, "Kurs for næringslivet", (1, 2, 3)),
        ("cost", "ledelse", "Prosjektledelse", None, "Prosjektledelse", (4, 5, 9)),
        ("cost", "sum", "Sum kostnad", None, "Sum kostnad", (5, 7, 12)),
        (
            "financing",
            "fylke",
            "Finansiering fra Nordfylket fylkeskommune",
            "Nordfylket fylkeskommune",
            "Nordfylket fylkeskommune",
            (2.5, 3.5, 6),
        ),
        (
            "financing",
            "kommunene",
            "Midler fra kommunene (fordelt etter folketall pr 1.1.2020)",
            "kommunene",
            "Midler fra kommunene",
            (0.5, 0.7, 1.2),
        ),
        (
            "financing",
            "egeninnsats",
            "Egeninnsats fra kommunene",
            "kommunene (egeninnsats)",
            "Egeninnsats fra kommunene",
            (2, 2.8, 4.8),
        ),
        (
            "financing",
            "sum",
            "Sum finansiering",
            "Nordfylket fylkeskommune og kommunene",
            "Sum finansiering",
            (5, 7, 12),
        ),
    ]
    out = []
    for kind, slug, purpose, source, quote, amounts in rows:
        for year, amount in zip((2020, 2021, None), amounts, strict=True):
            what = purpose if year else f"{purpose}, sum for hele prosjektperioden"
            out.append(
                f"  - id: d907-b-{kind}-{slug}-{year or 'sum'}\n"
                f"    plan: {plan}\n"
                f"    kind: {kind}\n"
                f"    amount: {round(amount * 100_000)}\n"
                f"    year: {year or 'null'}\n"
                f'    purpose: "{what}"\n'
                + (f'    source: "{source}"\n' if source else "")
                + f'    quote: "{quote}"\n'
            )
    return "".join(out)


FACTS = f"""document: 907-soknad-fjordbyen

plans:
  - id: d907-fjordbyen
    title: Fjordbyen fase 2
    kind: søknad
    period_start: 2020
    period_end: 2021
    quote: "Fjordbyen søker om deltakelse i fase 2"
    measures:
      - id: d907-m-kursdager
        text: "Kursdager"
        kind: aktivitet
        frequency: "3 ganger pr år"
        quote: "Kursdager (3 ganger pr år)"
      - id: d907-m-styremoter
        text: "Styremøter i nettverket"
        kind: aktivitet
        frequency: "1 gang pr kvartal"
        quote: "Styremøter i nettverket (1 gang pr kvartal)"

results:
  - id: d907-r-bosetting
    plan: d907-fjordbyen
    text: "Ønsket resultat: Øke bosetting med minimum 50 personer som resultat av at familier
      flytter til regionen."
    value: "minimum 50 personer"
    quote: "Øke bosetting med minimum 50 personer som resultat av at familier flytter til regionen."

budget_lines:
{_lines()}"""


def build(root: Path, db: Path) -> Store:
    """The made-up knowledge under `root`, loaded into a store at `db`."""
    (root / "documents").mkdir(parents=True)
    (root / "documents" / "907-soknad-fjordbyen.md").write_text(DOCUMENT, encoding="utf-8")
    (root / "907-soknad-fjordbyen.yaml").write_text(FACTS, encoding="utf-8")
    (root / "people.yaml").write_text("people: []\n", encoding="utf-8")
    store = Store.open(db)
    load_knowledge(store, root)
    return store
