"""English words in Norwegian, from a bilingual dictionary: FreeDict's English-Norwegian
dictionary (WikDict, from Wiktionary; CC BY-SA 3.0; Debian package dict-freedict-eng-nor).

Why: English questions use everyday words of the field ("cycling", "airport", "staff") that
the council's glossary (glossary.yaml) cannot all list; the documents are in Norwegian, so an
English word finds nothing until it is translated. The glossary stays first: it holds the
council's own words and bodies, which a general dictionary gets wrong or lacks.

The dictionary's headwords and translations are taken once, by `python -m
bot.answers.translation` (with the Debian package installed), into `data/en_nb.json`, read on
first use (a few milliseconds); a translation counts only when the index holds it (understand.py).
"""

from __future__ import annotations

import gzip
import json
import re
from functools import cache
from pathlib import Path

DATA_FILE = Path(__file__).with_name("data") / "en_nb.json"
SOURCE = Path("/usr/share/dictd/freedict-eng-nor")
_B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
_SENSE = re.compile(r"^\s*\d+\.\s*|\s*\d+\.\s*$")
_NORWEGIAN = re.compile(r"^[a-zæøåé-]+(?: [a-zæøåé-]+)?$")


@cache
def _table() -> dict[str, dict[str, list[str]]]:
    try:
        return json.loads(DATA_FILE.read_text(encoding="utf-8"))
    except (OSError, ValueError):  # pragma: no cover - shipped with the package
        return {}


def norwegian(word: str) -> list[str]:
    """The Norwegian translations of an English (lower-case) word or two-word phrase as a
    noun, adjective or other word that names a thing, in the dictionary's order (its first
    sense first); [] when it has none."""
    return _table().get(word.lower(), {}).get("n", [])


def as_verb(word: str) -> list[str]:
    """The word's translations as a verb ("mention" -> "nevne", "omtale")."""
    return _table().get(word.lower(), {}).get("v", [])


def headwords() -> list[str]:
    """The English words the dictionary translates (their inflections are read by lemmas.py)."""
    return sorted(w for w in _table() if " " not in w)


def _number(s: str) -> int:
    n = 0
    for c in s:
        n = n * 64 + _B64.index(c)
    return n


def parse(entry: str) -> list[str]:
    """The translations of one dictd entry: its first line is the headword, then each sense
    is a line of translations ("1. avslutte, fullføre") and a line of English definition."""
    lines = entry.strip("\n").split("\n")[1:]
    out: list[str] = []
    for line in lines[0::2]:
        for word in _SENSE.sub("", line).split(","):
            word = word.strip().lower()
            if word and _NORWEGIAN.match(word) and word not in out:
                out.append(word)
    return out


def build(source: Path = SOURCE) -> dict[str, dict[str, list[str]]]:
    """Headword -> {"n": translations as a noun or other non-verb, "v": as a verb}, for
    headwords of one or two plain words. Verbs are kept apart: a question's verb says how it is
    put ("grew", "mention"), and the documents say what happened in their own words."""
    with gzip.open(f"{source}.dict.dz") as f:
        data = f.read()
    table: dict[str, dict[str, list[str]]] = {}
    for line in Path(f"{source}.index").read_text(encoding="utf-8").splitlines():
        head, offset, length = line.split("\t")
        head = head.lower()
        if head.startswith("00") or not re.fullmatch(r"[a-z]+(?:[ -][a-z]+)?", head):
            continue
        start = _number(offset)
        entry = data[start : start + _number(length)].decode("utf-8")
        words = parse(entry)
        if words:
            pos = "v" if "<v>" in entry.split("\n", 1)[0] else "n"
            senses = table.setdefault(head, {}).setdefault(pos, [])
            senses += [w for w in words if w not in senses]
    return table


if __name__ == "__main__":  # python -m bot.answers.translation: regenerate DATA_FILE
    DATA_FILE.parent.mkdir(exist_ok=True)
    table = build()
    DATA_FILE.write_text(
        json.dumps(table, ensure_ascii=False, sort_keys=True, indent=0) + "\n", encoding="utf-8"
    )
    print(f"{DATA_FILE}: {len(table)} English words")
