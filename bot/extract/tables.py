"""Action-plan tables rebuilt from the lines PDF extraction leaves of them.

A handlingsplan table (Tiltak / Hovedaktivitet | Ansvar | Finansiering | Frist) comes out of a PDF
as its header words on one line and then each row's cells one after the other, a cell's lines
together, cells apart by blank lines or a run of spaces, and a short last cell often glued to the
end of the cell before ("AU / regionrådgiver Drift"). The cells come in column order, so a row is
read as a small state machine: the measure's text, then its owners, then financing and deadline,
and a line that looks like a new measure while the row is complete starts the next row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot import text as T
from bot.extract.lines import Line, join

# Column names councils use, by what the column holds.
COLUMNS = {
    "measure": {
        "tiltak",
        "hovedaktivitet",
        "hovedaktiviteter",
        "aktivitet",
        "aktiviteter",
        "oppgave",
        "oppgaver",
        "prosjekt",
        "prosjekter",
        "leveranse",
        "leveranser",
        "handling",
        "tema",
    },
    "owner": {"ansvar", "ansvarlig", "ansvarlige", "ansv", "ansvarlig/deltakere", "eier"},
    "financing": {"finansiering", "kostnad", "budsjett", "økonomi", "ressurser", "midler"},
    "due": {"frist", "tidsfrist", "tidsramme", "tidsplan", "når", "tidspunkt", "periode", "år"},
    "status": {"status"},
    "goal": {"mål", "delmål", "innsatsområde", "område", "strategi"},
    "other": {"kommentar", "merknad", "merknader", "samarbeid", "samarbeidspartnere", "hkp"},
}
_COLUMN_OF = {word: kind for kind, words in COLUMNS.items() for word in words}

# What stands in a financing cell.
_FINANCING = re.compile(
    r"^(?:(?:drift|driftsmidler|prosjekt|prosjektmidler|tilskudd|egenandel|egeninnsats|fond"
    r"|disposisjonsfond|eksterne\s+midler|eksternt|partnerskapsmidler|kommunene|søknad"
    r"|må\s+avklares|ingen|budsjett|\d[\d .]*(?:kr|kroner|mill\.?)?)"
    r"(?:\s*(?:/|,|og|\+)\s*)?)+$|\beget\s+ansvar$",
    re.IGNORECASE,
)
_TRAILING_FINANCING = re.compile(
    r"^(?P<head>.*\S)\s+(?P<fin>(?:Drift|Prosjekt|Tilskudd)(?:\s*/\s*(?:drift|prosjekt|tilskudd))*)\s*$"
)
_DUE = re.compile(
    r"^(?:løpende|kontinuerlig|fortløpende|årlig|\d{4}(?:\s*[-–]\s*\d{2,4})?"
    r"|(?:våren|høsten|sommeren|vinteren|innen|medio|ultimo|primo)\s+.*\d{4}"
    r"|\d\.\s*(?:kvartal|halvår)\s+\d{4}|.*\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}|q[1-4]\s*\d{4})$",
    re.IGNORECASE,
)
_CELL_GAP = re.compile(r"\S\s{2,}\S")
_OWNER_START = re.compile(
    r"^(?:[a-zæøå]|AU\b|Ansvarlig|Adm|Medlem|Regionr|Ordfører|Rådmann|Kommune|Leder|Prosjektleder"
    r"|Styringsgrupp|Administrasjon|Arbeidsutval|Sekretariat)",
)


@dataclass
class Header:
    line: Line
    columns: list[str]  # kinds, in order
    area: str | None = None


@dataclass
class Row:
    text: list[tuple[int, str, bool]] = field(default_factory=list)  # (line no, part, whole line)
    owner: list[str] = field(default_factory=list)
    financing: list[str] = field(default_factory=list)
    due: list[str] = field(default_factory=list)
    area: str | None = None
    owner_blocks: int = 0

    @property
    def measure_text(self) -> str:
        return join([p for _, p, _ in self.text])

    @property
    def owner_text(self) -> str | None:
        return join(self.owner).strip(" ;") or None

    def quote_parts(self) -> list[str]:
        """The text lines that stand together in the document, for a verbatim quote."""
        out: list[str] = []
        last = None
        for no, part, whole in self.text:
            if last is not None and (no != last[0] + 1 or not last[1]):
                break
            out.append(part)
            last = (no, whole)
        return out


def header_of(line: Line) -> list[str] | None:
    """The column kinds of a table header line, or None when the line is not one."""
    text = line.text
    if not text or len(text) > 90 or text.endswith((".", ":")):
        return None
    cells = re.split(r"\s{2,}", text) if _CELL_GAP.search(text) else text.split()
    if len(cells) > 7:
        return None
    kinds = [_COLUMN_OF.get(c.split()[0].lower()) for c in cells]
    known = [k for k in kinds if k]
    if len(known) < 2 or kinds[0] is None or len(set(known)) < 2:
        return None
    if "measure" not in known:
        return None
    if len(cells) > len(known) + 1:
        return None
    return [k or "other" for k in kinds]


def find_tables(lines: list[Line]) -> list[tuple[Header, list[Line]]]:
    """Each table header with the lines that belong to it (up to the next table's area
    heading or header, or the first line of running prose)."""
    heads = [(i, cols) for i, line in enumerate(lines) if (cols := header_of(line))]
    out = []
    for n, (i, cols) in enumerate(heads):
        end = heads[n + 1][0] if n + 1 < len(heads) else len(lines)
        area_next = _area_before(lines, end) if n + 1 < len(heads) else None
        if area_next is not None:
            end = area_next[0]
        body = []
        for line in lines[i + 1 : end]:
            if len(line.text) > 140 or (
                len(line.text) > 100 and not line.bullet and body and _is_prose(line)
            ):
                break
            if line.text.endswith(":") and body:
                break  # a line that introduces something else
            if (
                body
                and re.match(r"^\d+(?:\.\d+)*\.?\s+[A-ZÆØÅ]", line.text)
                and len(line.text.split()) <= 8
            ):
                break  # a numbered section heading
            body.append(line)
        area = _area_before(lines, i)
        out.append((Header(lines[i], cols, area[1] if area else None), body))
    return out


def _is_prose(line: Line) -> bool:
    return bool(re.search(r"[.!?]\s*$", line.text)) or len(line.text.split()) > 18


def _area_before(lines: list[Line], i: int) -> tuple[int, str] | None:
    j = i - 1
    while j >= 0 and lines[j].blank:
        j -= 1
    if j < 0:
        return None
    text = lines[j].text
    if len(text.split()) <= 6 and not text.endswith((".", ",", ":")) and text[:1].isupper():
        return j, text
    return None


def rows(header: Header, body: list[Line]) -> list[Row]:
    """The rows of a table of measures."""
    cols = header.columns
    if cols[0] == "goal":
        return _goal_rows(header, body)
    if cols[0] == "measure" and cols[1:2] == ["owner"] and "financing" not in cols:
        people = _name_rows(header, body)
        if people:
            return people
    return _cell_rows(header, body)


def _cells(line: Line) -> list[str]:
    return (
        [c for c in re.split(r"\s{2,}", line.text) if c]
        if _CELL_GAP.search(line.text)
        else [line.text]
    )


def _cell_rows(header: Header, body: list[Line]) -> list[Row]:
    cols = header.columns
    has = set(cols)
    out: list[Row] = []
    row = Row(area=header.area)
    pending_blank = False

    def finish() -> None:
        nonlocal row
        heading = not (row.owner or row.financing or row.due) and len(row.measure_text.split()) <= 3
        if row.text and not (heading and "owner" in has):
            out.append(row)  # a few words with no cell beside them are a heading, not a row
        row = Row(area=header.area)

    for line in body:
        if line.blank:
            pending_blank = True
            continue
        cells = _cells(line)
        glued = _unglue(cells[0], has) if len(cells) == 1 else None
        if glued and (not row.text or row.owner or pending_blank):
            finish()  # a row written on one line without gaps: text, owner, deadline
            text, owner, due = glued
            row.text.append((line.no, text, False))
            row.owner.append(owner)
            if due:
                row.due.append(due)
            pending_blank = False
            continue
        for ci, cell in enumerate(cells):
            whole = len(cells) == 1
            new_block = pending_blank or ci > 0
            pending_blank = False
            kind = _classify(cell, row, has, new_block)
            if ci == 0 and len(cells) > 1 and row.owner:
                kind = "new"  # a line of several cells after a complete row is the next row
            if kind == "new":
                finish()
                kind = "text"
            if kind == "text":
                row.text.append((line.no, cell, whole and ci == 0))
            elif kind == "owner":
                if "financing" in has:
                    m = _TRAILING_FINANCING.match(cell)
                    if m:
                        row.owner.append(m["head"])
                        row.financing.append(m["fin"])
                        continue
                if new_block and row.owner:
                    row.owner.append(";")
                row.owner.append(cell)
            elif kind == "financing":
                row.financing.append(cell)
            elif kind == "due":
                row.due.append(cell)
    finish()
    return out


def _classify(cell: str, row: Row, has: set[str], new_block: bool) -> str:
    if not row.text:
        return "text"
    if "due" in has and _DUE.match(cell) and (row.owner or "owner" not in has):
        return "due"
    if "financing" in has and (row.owner or "owner" not in has) and _FINANCING.search(cell):
        return "financing"
    if not new_block:
        # a line inside a block continues the cell it stands in
        if row.due or row.financing:
            return "new" if _looks_like_measure(cell) else ("financing" if row.financing else "due")
        return "owner" if row.owner else "text"
    if row.financing or row.due:
        return "new"
    if not row.owner:
        return "owner" if "owner" in has else "new"
    if _OWNER_START.match(cell) and not _looks_like_measure(cell):
        return "owner"
    if "financing" in has and len(cell.split()) <= 3 and not _looks_like_measure(cell):
        return "financing"
    return "new"


# A word that names a role or a body: what an owner cell starts with or ends in.
_ROLE_WORD = re.compile(
    r"(leder|ledere|lederne|lederen|utvalg|utvalget|utvalgene|direktor|direktoren|direktorene"
    r"|radgiver|radgiveren|radgiverne|sjef|sjefen|sjefene|koordinator|koordinatoren|ordforer"
    r"|ordforeren|ordforerne|administrasjonen|sekretariatet|styret|representantskapet|radet"
    r"|kommunene|kontoret|gruppa|gruppen|forum|nettverket)$"
)
_OWNER_JOINS = {"i", "og", "med", "samarbeid", "/", "sammen", "bistand", "fra", "nært", "&", "tett"}
_BEFORE_OWNER_NOT = {
    "med",
    "for",
    "til",
    "i",
    "av",
    "mot",
    "om",
    "og",
    "fra",
    "hos",
    "ved",
    "under",
}
_TRAILING_DUE = re.compile(
    r"\s+(\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}|(?:19|20)\d\d|løpende|kontinuerlig)\s*$", re.IGNORECASE
)


def _unglue(text: str, has: set[str]) -> tuple[str, str, str | None] | None:
    """A table row the extraction wrote on one line with single spaces ("Etablere felles
    legevakt Kommunedirektørene 31.12.2025"): the owner is the run of role words at its end,
    starting with a capital; the deadline, when the table has one, the date after it."""
    if "owner" not in has:
        return None
    due = None
    m = _TRAILING_DUE.search(text) if "due" in has else None
    if m:
        due, text = m.group(1), text[: m.start()]
    words = text.split()
    start = None
    i = len(words) - 1
    while i > 0:
        w = words[i].strip(",.")
        folded = T.fold(w)
        nxt = T.fold(words[i + 1]) if i + 1 < len(words) else ""
        role = bool(_ROLE_WORD.search(folded)) or (bool(_ROLE_WORD.search(nxt)) and len(w) > 2)
        if not role and folded not in _OWNER_JOINS and w != "/":
            break
        if role and w[:1].isupper():
            start = i
        i -= 1
    if start is None or start < 2 or T.fold(words[start - 1]) in _BEFORE_OWNER_NOT:
        return None
    return " ".join(words[:start]), " ".join(words[start:]), due


def _looks_like_measure(cell: str) -> bool:
    """An action plan's measures start with a verb in the infinitive ("Etablere", "Gi")."""
    first = cell.split()[0].lower() if cell.split() else ""
    return len(cell.split()) >= 3 and (
        first.endswith(("e", "a")) or first in {"gi", "gå", "nå", "få"}
    )


_NAME = re.compile(
    r"(?P<name>(?:[A-ZÆØÅ][a-zæøåéü]+(?:-[A-ZÆØÅ][a-zæøå]+)?\s+){1,2}[A-ZÆØÅ][a-zæøåéü]+)\s*$"
)


def name_rows_after(header: Header, lines: list[Line], after: int, reach: int = 60) -> list[Row]:
    """Rows of a project matrix that go on after a page break, past the text the extraction
    put between: short lines of the same shape (a project, then a name) within `reach` lines."""
    out = []
    for line in lines:
        if line.no <= after or line.blank:
            continue
        if line.no > after + reach or header_of(line):
            break
        cells = _cells(line)
        # a long project name set apart from its person by a gap is still a row: count the
        # words of the project cell, not of the whole line
        named = len(cells) >= 2 and _NAME.fullmatch(cells[-1].strip())
        if (
            len((" ".join(cells[:-1]) if named else line.text).split()) > 10
            or line.text.startswith("(")
            or line.text.endswith((".", ":", ","))
        ):
            continue
        out += _name_rows(header, [line], least=1)
    return out


def _name_rows(header: Header, body: list[Line], least: int = 2) -> list[Row]:
    """A project matrix: each row a project and, last, the name of the person responsible."""
    out = []
    for line in body:
        if line.blank:
            continue
        cells = _cells(line)
        if len(cells) >= 2 and _NAME.fullmatch(cells[-1].strip()):
            text, name = " ".join(cells[:-1]), cells[-1].strip()
        else:
            m = _NAME.search(line.text)
            if not m:
                continue
            name = m["name"]
            words = name.split()
            if len(words) == 3:
                name = " ".join(words[1:])  # a name is two words unless set apart by a gap
            text = line.text[: line.text.rfind(name)].strip()
        if len(text.split()) < 1:
            continue
        row = Row(area=header.area)
        row.text.append((line.no, text, False))
        row.owner.append(name)
        out.append(row)
    return out if len(out) >= least else []


def _goal_rows(header: Header, body: list[Line]) -> list[Row]:
    """A goal | deliveries table: bullet lines (with their continuations) are the measures,
    the other lines name the goal they stand under."""
    out: list[Row] = []
    current: Row | None = None
    goal: list[str] = []
    # A bullet glyph the extraction lost leaves its space: an indented line is an item.
    indented = sum(1 for line in body if re.match(r"^ \S", line.raw)) >= 2
    for line in body:
        if line.blank:
            current = None
            continue
        if line.bullet or (indented and re.match(r"^ \S", line.raw)):
            if goal and (current is None or current.area is None):
                pass
            current = Row(area=join(goal) if goal else header.area)
            current.text.append((line.no, line.content.strip(), True))
            out.append(current)
        elif current is not None and not line.text[:1].isupper():
            current.text.append((line.no, line.text, True))
        else:
            if current is not None or not goal:
                goal = []
            current = None
            goal.append(line.text)
    return out
