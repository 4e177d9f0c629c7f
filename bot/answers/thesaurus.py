"""Norwegian words for the same thing, from a thesaurus: LibreOffice's Norwegian thesaurus
(bokmål; MPL-2.0 / LGPL; Debian package mythes-no).

Why: a question may name a thing by a word the documents never use ("flyplassen" where they say
"lufthavn", "opprettet" for "etablert"). The stemmer, the lemmas and the compounds cannot relate
two different words; a thesaurus can. Its senses are broad ("bo" is also "adresse", "hus"), so
it is used only for a question word the documents lack, only for the synonyms they have, and a
synonym counts for less than the word itself (weights.THESAURUS, retrieve.py).

The single-word synonyms are taken once, by `python -m bot.answers.thesaurus` (with the Debian
package installed), into `data/nb_thesaurus.json.gz`, read only when knowledge is loaded: the
lemma tables (lemmas.py) then hold, for every form of a word the documents lack, the synonyms
they have.
"""

from __future__ import annotations

import gzip
import json
import re
from functools import cache
from pathlib import Path

DATA_FILE = Path(__file__).with_name("data") / "nb_thesaurus.json.gz"
SOURCE = Path("/usr/share/mythes/th_nb_NO_v2.dat")
_WORD = re.compile(r"[a-zæøåé]+")
MAX_SYNONYMS = 40  # a word with more senses than this says too little in any one of them


@cache
def synonyms() -> dict[str, list[str]]:
    """Word -> its single-word synonyms, in the thesaurus's order."""
    try:
        return json.loads(gzip.decompress(DATA_FILE.read_bytes()).decode("utf-8"))
    except (OSError, ValueError):  # pragma: no cover - shipped with the package
        return {}


def parse(lines: list[str]) -> dict[str, list[str]]:
    """MyThes' format: "word|senses", then one line per sense: "(pos)|synonym|synonym..."."""
    out: dict[str, list[str]] = {}
    i = 1  # the first line names the encoding
    while i < len(lines):
        word, _, count = lines[i].rpartition("|")
        if not count.isdigit():
            i += 1
            continue
        senses = lines[i + 1 : i + 1 + int(count)]
        i += 1 + int(count)
        if not _WORD.fullmatch(word):
            continue
        found = out.setdefault(word, [])
        for sense in senses:
            for syn in sense.split("|")[1:]:
                syn = syn.strip()
                if _WORD.fullmatch(syn) and syn != word and syn not in found:
                    found.append(syn)
        if not found or len(found) > MAX_SYNONYMS:
            del out[word]
    return out


def build(source: Path = SOURCE) -> dict[str, list[str]]:
    return parse(source.read_text(encoding="iso-8859-1").split("\n"))


if __name__ == "__main__":  # python -m bot.answers.thesaurus: regenerate DATA_FILE
    table = build()
    DATA_FILE.parent.mkdir(exist_ok=True)
    raw = json.dumps(table, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    DATA_FILE.write_bytes(gzip.compress(raw.encode("utf-8"), mtime=0))
    print(f"{DATA_FILE}: {len(table)} words")
