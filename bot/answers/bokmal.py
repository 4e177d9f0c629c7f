"""Nynorsk words in bokmål, from a dictionary: FreeDict's Nynorsk-Bokmål dictionary (from
Apertium's nno-nob pair; GPL; Debian package dict-freedict-nno-nob).

Why: the documents are written in bokmål, and a nynorsk question's words are often spelt
otherwise ("tilbod" for "tilbud", "høyring" for "høring", "endeleg" for "endelig"). The stemmer
and simplemma's nynorsk lemmas read nynorsk inflections, but not which bokmål word a nynorsk
lemma is. The dictionary says so: lemmas.py stores every nynorsk form of a nynorsk lemma whose
bokmål word the documents use, so the question's word is read as the documents' word.

The pairs whose spellings differ are taken once, by `python -m bot.answers.bokmal` (with the
Debian package installed), into `data/nn_nb.json`, read only when knowledge is loaded.
"""

from __future__ import annotations

import gzip
import json
import re
from functools import cache
from pathlib import Path

DATA_FILE = Path(__file__).with_name("data") / "nn_nb.json"
SOURCE = Path("/usr/share/dictd/freedict-nno-nob")
_B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
_WORD = re.compile(r"[a-zæøåéèô]+")


@cache
def pairs() -> dict[str, list[str]]:
    """Nynorsk lemma -> the bokmål lemmas it is, for lemmas spelt otherwise in bokmål."""
    try:
        return json.loads(DATA_FILE.read_text(encoding="utf-8"))
    except (OSError, ValueError):  # pragma: no cover - shipped with the package
        return {}


def _number(s: str) -> int:
    n = 0
    for c in s:
        n = n * 64 + _B64.index(c)
    return n


def build(source: Path = SOURCE) -> dict[str, list[str]]:
    """Nynorsk headword -> bokmål words, for lower-case single words spelt otherwise."""
    with gzip.open(f"{source}.dict.dz") as f:
        data = f.read()
    table: dict[str, list[str]] = {}
    for line in Path(f"{source}.index").read_text(encoding="utf-8").splitlines():
        head, offset, length = line.split("\t")
        if not _WORD.fullmatch(head):
            continue  # names, phrases and the database's own entries
        start = _number(offset)
        entry = data[start : start + _number(length)].decode("utf-8").strip("\n").split("\n")
        for word in entry[1:]:
            word = word.strip()
            # A spelling of the same word ("tilbod" - "tilbud", "høyring" - "høring"), not
            # another word for it ("heite" - "varme"): both begin alike.
            if _WORD.fullmatch(word) and word != head and word[0] == head[0]:
                table.setdefault(head, [])
                if word not in table[head]:
                    table[head].append(word)
    return table


if __name__ == "__main__":  # python -m bot.answers.bokmal: regenerate DATA_FILE
    DATA_FILE.parent.mkdir(exist_ok=True)
    table = build()
    DATA_FILE.write_text(
        json.dumps(table, ensure_ascii=False, sort_keys=True, indent=0) + "\n", encoding="utf-8"
    )
    print(f"{DATA_FILE}: {len(table)} nynorsk words")
