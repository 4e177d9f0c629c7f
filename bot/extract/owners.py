"""Who owns a measure, from the words of its "Ansvar" cell or line.

Councils write owners as one phrase: "AU / regionrådgiver/regionkoordinator", "Administrasjonen i
samarbeid med Ungt Entreprenørskap Innlandet", "Regionrådgiver med bistand fra prosjekt og AU".
The phrase is kept as written (`owner_text`); the owners are its parts, with the abbreviations
councils use for their own bodies written out, so reminders and "hvem har ansvar" find them.
"""

from __future__ import annotations

import re

# Abbreviations of council bodies as they stand in action plans and minutes.
ABBREVIATIONS = {
    "au": "Arbeidsutvalget",  # arbeidsutvalget, the working committee of a regional council
    "rr": "Regionrådet",
    "fsk": "Formannskapet",
    "kst": "Kommunestyret",
    "adm": "Administrasjonen",
    "adm.": "Administrasjonen",
}

# Phrases that join two owners in one cell.
_JOINERS = re.compile(
    r"\s*/\s*|\s*;\s*|,\s+|\s+&\s+"
    r"|\s+(?:i\s+(?:nært\s+|tett\s+)?samarbeid\s+med|sammen\s+med|med\s+bistand\s+fra"
    r"|med\s+støtte\s+fra|med\s+egen|bistått\s+av|i\s+dialog\s+med)\s+",
    re.IGNORECASE,
)
# " og " joins two owners, except in "klima- og energiplaner" and "mellom A og B".
_AND = re.compile(r"(?<!-)\s+og\s+", re.IGNORECASE)
# What a cell says that is not an owner: "må avklares", a note on what someone must do.
_NOT_AN_OWNER = re.compile(r"\bmå\s+avklares\b|^ikke\s+avklart|^uavklart|^\?+$", re.IGNORECASE)
_TAIL_NOTE = re.compile(r"\s+(?:må|skal|bør)\s+\w+.*$", re.IGNORECASE)


def split_owners(owner_text: str | None) -> list[str]:
    if not owner_text:
        return []
    text = re.sub(r"\s+", " ", owner_text).strip(" .:;,–-")
    parts: list[str] = []
    for part in _JOINERS.split(text):
        if re.search(r"\bmellom\b", part, re.IGNORECASE):
            parts.append(part)  # "samarbeidet mellom A og B" is one owner
        else:
            parts.extend(_AND.split(part))
    out: list[str] = []
    for part in parts:
        part = part.strip(" .:;,–-")
        if not part or _NOT_AN_OWNER.search(part):
            continue
        part = _TAIL_NOTE.sub("", part).strip(" .:;,–-")
        if not part or len(part) > 120:
            continue
        full = ABBREVIATIONS.get(part.lower(), part)
        if full.lower() not in {o.lower() for o in out}:
            out.append(full)
    return out
