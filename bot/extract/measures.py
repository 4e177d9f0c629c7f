"""Measures (tiltak) as council documents list them, with their owners.

Three ways, each a pattern councils use, not one document's wording:
- a measure followed by its "Ansvar: ..." line (the usual layout of a handlingsplan in prose),
- a list under a line that introduces measures ("gjennomføre følgende tiltak:", "Sentrale
  oppgaver ... vil være:", a heading "Aktiviteter"),
- the rows of an action-plan table (see `tables`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot import text as T
from bot.extract import tables
from bot.extract.lines import Line, join, quote_of
from bot.extract.owners import split_owners

_LABEL = re.compile(r"^(?:Tiltak|Hovedaktivitet|Aktivitet|Oppgave)\s*\d*\s*[:.]\s*", re.IGNORECASE)
_ANSVAR = re.compile(r"^\s*(?:Ansvar(?:lig)?|Ansv\.)\s*:\s*(?P<who>.*)$", re.IGNORECASE)

# Words that, in a line introducing a list, say the list holds measures; with the kind of
# measure the curated knowledge files use for it.
INTRO_KINDS = {
    "tiltak": "tiltak",
    "tiltakene": "tiltak",
    "hovedaktiviteter": "hovedaktivitet",
    "aktiviteter": "aktivitet",
    "oppgaver": "oppgave",
    "arbeidsoppgaver": "oppgave",
    "leveranser": "leveranse",
    "muligheter": "mulighet",
    "elementer": "strategielement",
    "prosesser": "tiltak",
    "prosjekter": "prosjekt",
    "delprosjekter": "prosjekt",
    "oppfølging": "oppgave",
    "innsats": "videreføring",
}
# A list under one of these is an outcome, not something to be done.
_NOT_MEASURES = re.compile(
    r"\b(resultat|resultater|effekt|effekter|erfaring|erfaringer|gjennomført|oppnådd|levert)\b",
    re.IGNORECASE,
)


@dataclass
class Found:
    text: str
    quote: str
    lines: set[int]
    kind: str = "tiltak"
    owner_text: str | None = None
    owners: list[str] = field(default_factory=list)
    financing: str | None = None
    due_text: str | None = None
    area: str | None = None
    first: int = 0


def find_measures(lines: list[Line]) -> list[Found]:
    found: list[Found] = []
    taken: set[int] = set()
    for f in _table_measures(lines) + _ansvar_measures(lines) + _list_measures(lines):
        if f.lines & taken or not re.search(r"[^\W\d_]{2}", f.text):
            continue
        taken |= f.lines
        found.append(f)
    found.sort(key=lambda f: f.first)
    return found


def _table_measures(lines: list[Line]) -> list[Found]:
    out = []
    for header, body in tables.find_tables(lines):
        kind = _table_kind(header)
        # "Leveranser fase 2 av Byregionprosjektet": the header names whose the rows are
        whose = _HEADER_OWNER.search(header.line.text) if "owner" not in header.columns else None
        found = tables.rows(header, body)
        if (
            found
            and header.columns[:2] == ["measure", "owner"]
            and all(len(r.owner) == 1 for r in found)
        ):
            last = max(line.no for line in body if not line.blank)
            found += tables.name_rows_after(header, lines, last)
        for row in found:
            text = row.measure_text
            quote = quote_of(row.quote_parts())
            if not text or not quote:
                continue
            owner_text = row.owner_text or (whose["who"].strip() if whose else None)
            out.append(
                Found(
                    text=text,
                    quote=quote,
                    lines={n for n, _, _ in row.text},
                    kind=kind,
                    owner_text=owner_text,
                    owners=split_owners(owner_text),
                    financing=join(row.financing) or None,
                    due_text=join(row.due) or None,
                    area=row.area,
                    first=row.text[0][0],
                )
            )
    return out


_HEADER_OWNER = re.compile(r"\b(?:av|fra|i\s+regi\s+av)\s+(?P<who>[A-ZÆØÅ][\wæøåÆØÅ -]{2,60})\s*$")


def _table_kind(header: tables.Header) -> str:
    word = T.fold(header.line.text.split()[0])
    if header.columns[0] == "goal":
        return "leveranse"
    for key, kind in INTRO_KINDS.items():
        if T.fold(key).startswith(word.rstrip("e").rstrip("r")) or word.startswith(T.fold(kind)):
            return kind
    return "tiltak"


def _ansvar_measures(lines: list[Line]) -> list[Found]:
    """Each "Ansvar:" line and the paragraph before it (from its last bullet, or from after
    the line that introduces it)."""
    out = []
    for i, line in enumerate(lines):
        m = _ANSVAR.match(line.raw)
        if not m:
            continue
        who = [m["who"]]
        j = i + 1
        while j < len(lines) and not lines[j].blank and not lines[j].bullet and len(who) < 3:
            if _ANSVAR.match(lines[j].raw) or not _owner_goes_on(who[-1], lines[j].text):
                break
            who.append(lines[j].text)
            j += 1
        para = _paragraph_before(lines, i)
        if not para:
            continue
        owner_text = join(who) or None
        parts = [_LABEL.sub("", para[0].content)] + [p.text for p in para[1:]]
        out.append(
            Found(
                text=join(parts),
                quote=quote_of(parts),
                lines={p.no for p in para},
                kind="tiltak",
                owner_text=owner_text,
                owners=split_owners(owner_text),
                first=para[0].no,
            )
        )
    return out


def _owner_goes_on(previous: str, line: str) -> bool:
    """An owner phrase goes on over a line break when the next line starts in lower case or the
    line stops on a word that needs more ("og", "med", a hyphen)."""
    return line[:1].islower() or bool(
        re.search(r"(?:\b(?:og|med|i|for|til|av)|[,/–-])\s*$", previous)
    )


def _paragraph_before(lines: list[Line], i: int) -> list[Line]:
    j = i - 1
    while j >= 0 and lines[j].blank:
        j -= 1
    block: list[Line] = []
    while j >= 0 and not lines[j].blank and not _ANSVAR.match(lines[j].raw):
        block.insert(0, lines[j])
        j -= 1
    if not block:
        return []
    starts = [k for k, line in enumerate(block) if line.bullet]
    intro = [k for k, line in enumerate(block) if line.text.endswith(":")]
    if starts:
        return block[starts[-1] :]
    if intro:
        return block[intro[-1] + 1 :]
    return block


def _intro_kind(lines: list[Line], i: int) -> str | None:
    """The kind of measures a line introduces: a heading ("Aktiviteter") or a sentence ending
    with ':' that names them, also when the sentence began on the lines above."""
    line = lines[i]
    text = line.text.rstrip(' «»"')
    words = [T.fold(w) for w in T.words(text)]
    if not words:
        return None
    heading = len(words) <= 2 and not text.endswith((".", ","))
    if not (text.endswith(":") or heading):
        return None
    if text.endswith(":") and len(words) < 8:
        j = i - 1  # the start of the sentence
        while (
            j >= 0
            and not lines[j].blank
            and not re.search(r"[.!?:]\s*$", lines[j].text)
            and len(words) < 30
        ):
            text = f"{lines[j].text} {text}"
            words = [T.fold(w) for w in T.words(text)]
            j -= 1
    if _NOT_MEASURES.search(text):
        return None
    for w in reversed(words[-16:] if not heading else words):
        for key, kind in INTRO_KINDS.items():
            if w == T.fold(key):
                return kind
    return None


def _list_measures(lines: list[Line]) -> list[Found]:
    """The items of lists that a line introduces as measures. A list in which items carry
    "Ansvar:" lines ends at the first item without one (that is a goal, not a measure)."""
    out: list[Found] = []
    i = 0
    while i < len(lines):
        kind = _intro_kind(lines, i)
        if not kind:
            i += 1
            continue
        items, i = _items_after(lines, i + 1)
        with_owner = [bool(owner) for _, owner in items]
        for item, owner in items:
            if any(with_owner) and not owner:
                break
            parts = [item[0].content] + [p.text for p in item[1:]]
            owners: list[str] = []
            label = _LABELLED.match(item[0].text)
            if label and not item[0].bullet:
                # "Verdensarv: Røros kommune ... kan ta ansvar for ...": the quote is the
                # sentence, the owners its subject when a modal verb follows it
                parts = [item[0].text[label.end() :]] + [p.text for p in item[1:]]
                subject = _SUBJECT.match(join(parts))
                owners = split_owners(subject["who"]) if subject else []
            text = join([item[0].content] + [p.text for p in item[1:]])
            inline = _INLINE_OWNER.search(text)
            if inline:  # "Videreføre traineeordningen (Ansvar: daglig leder)"
                owners = split_owners(inline["who"])
                text = (text[: inline.start()] + text[inline.end() :]).strip()
            out.append(
                Found(
                    text=_strip_frequency(text),
                    quote=quote_of(parts),
                    lines={p.no for p in item},
                    kind=kind,
                    owner_text=", ".join(owners) or None,
                    owners=owners,
                    first=item[0].no,
                )
            )
    return out


_INLINE_OWNER = re.compile(r"\s*\((?:ansvar(?:lig)?|ansv\.)\s*:\s*(?P<who>[^)]+)\)", re.IGNORECASE)
# A paragraph that starts with its topic: "Bioøkonomi: Hedmark Kunnskapspark ...".
_LABELLED = re.compile(r"^(?P<label>[A-ZÆØÅ][^:.!?]{2,60}):\s+(?=\S)")
_SUBJECT = re.compile(
    r"^(?P<who>[A-ZÆØÅ][^.!?:]{1,80}?)\s+(?:kan|må|skal|bør|vil)\s+(?:\w+\s+){0,3}?(?:ta\s+ansvar|ha\s+ansvar|utarbeide|avklare|stå|følge\s+opp|arbeide)\b"
)


def _items_after(lines: list[Line], i: int) -> tuple[list[tuple[list[Line], bool]], int]:
    """Bullet items from line i: each with its continuation lines and whether an "Ansvar:"
    line follows it. Ends at the first line after a break that is not a bullet."""
    items: list[tuple[list[Line], bool]] = []
    current: list[Line] | None = None
    gap = False
    while i < len(lines):
        line = lines[i]
        if line.blank:
            gap = True
            i += 1
            continue
        if _ANSVAR.match(line.raw):
            if current is not None:
                items[-1] = (items[-1][0], True)
                current = None
            i += 1
            while i < len(lines) and not lines[i].blank and not lines[i].bullet:
                i += 1
            continue
        labelled = not line.bullet and _LABELLED.match(line.text) and (gap or not items)
        if line.bullet or (labelled and (not items or not items[0][0][0].bullet)):
            current = [line]
            items.append((current, False))
        elif (
            current is not None
            and _continues(current[-1], line)
            and (not gap or not re.search(r"[.!?:»]\s*$", current[-1].text))
        ):
            current.append(line)  # also over a blank line the extraction put mid-sentence
        elif not items and not gap:
            pass  # the intro went on over a line break
        else:
            break
        gap = False
        i += 1
    return items, i


def _continues(previous: Line, line: Line) -> bool:
    """A line that goes on with the item above it: it starts in lower case, or the line above
    stops mid-sentence; a line ending with ':' introduces something new."""
    if line.text.endswith(":"):
        return False
    return line.text[:1].islower() or not re.search(r"[.!?:»]\s*$", previous.text)


_FREQUENCY = re.compile(
    r"\s*\((?:[^()]*\b(?:ganger|gang|kontinuerlig|årlig|løpende)\b[^()]*)\)\s*$"
)


def _strip_frequency(text: str) -> str:
    return _FREQUENCY.sub("", text).strip().rstrip(".") if len(text) > 3 else text


def frequency_of(text: str) -> str | None:
    m = _FREQUENCY.search(text)
    return m.group(0).strip(" ()") if m else None
