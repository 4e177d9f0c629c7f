"""Reading what people write when they report progress: the `/regionbot oppdater ...` command and
messages in the updates channel ("T21-4: søknad om mobildekning sendt 15.4., status pågår").

Rules, not a model: an item reference (or words before a colon), the word `status` and a status,
a date, and the rest as the comment. Pure functions from text to a proposed `Change` (or a
Norwegian reason it could not be read); nothing here looks at the store or Slack, so the parser is
tested on its own and the write service still decides whether the change may be made.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime

from bot import items as I
from bot import text as T
from bot.updates import MAX_TEXT, Change

# A reference as bot/refs.py gives them: T21-4, T21B-2, T-3, F-3, M-2, S-5, V-7.
REF = re.compile(r"(?<![\w-])([TFMSV](?:\d\d)?(?:[A-Z]|x\d+)?-\d{1,5})(?![\w-])", re.IGNORECASE)
_CASE = re.compile(r"(?<![\w/])(?:sak\s+)?(\d{1,4}\s*/\s*\d{4})(?![\w/])", re.IGNORECASE)
_STATUS_WORD = re.compile(r"(?<!\w)status(?!\w)\s*[:=]?\s*", re.IGNORECASE)
_SHORT_DATE = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})?(?![\d])")
_TEXT_DATE = re.compile(r"(?<!\d)(\d{1,2})\.?\s*([a-zæøå]{3,9})\.?(?:\s+(\d{4}))?", re.IGNORECASE)
_EDGE = " \t\n,.;:–—-"

# A proposed change rides in a button's value (Slack allows 2000 characters), so the comment it
# carries is kept well below that.
MAX_COMMENT = 1500
MAX_INPUT = 4000
BUTTON_LIMIT = 2000

EXAMPLE = "`/regionbot oppdater T21-4 status pågår søknad sendt`"
STATUS_LIST = ", ".join(I.STATUSES)


@dataclass(frozen=True)
class Reading:
    """What a message or command was read as: a change to propose, or why not (`problem`).
    `day` is a date the text names (shown back so the writer sees how it was read)."""

    change: Change | None = None
    problem: str | None = None
    day: date | None = None

    @property
    def ok(self) -> bool:
        return self.change is not None


def _clean(text: str | None) -> str:
    """One line of printable text: control characters (which a button value would have to
    escape) become spaces."""
    text = "".join(" " if unicodedata.category(c)[0] == "C" else c for c in (text or ""))
    return " ".join(text.split())


def _refuse(problem: str) -> Reading:
    return Reading(problem=problem)


def short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _status_at(words: str) -> tuple[str | None, str]:
    """The status at the start of `words` (one or two words: "ikke startet"), and what follows."""
    parts = words.split()
    for n in (2, 1):
        if len(parts) >= n:
            found = I.parse_status(" ".join(p.strip(_EDGE) for p in parts[:n]))
            if found:
                return found, " ".join(parts[n:])
    return None, words


def _unknown_status(word: str) -> Reading:
    shown = short(word.split()[0] if word.split() else word, 40)
    if not shown:
        return _refuse(f"Hvilken status? Bruk en av: {STATUS_LIST}.")
    return _refuse(f"Ukjent status «{shown}». Bruk en av: {STATUS_LIST}.")


def _comment(text: str) -> str | None:
    text = " ".join(text.split()).strip(_EDGE.replace(".", ""))
    text = text.lstrip(".").strip()
    return text or None


def find_date(text: str, now: datetime) -> tuple[date | None, str | None]:
    """The first date in the text ("15.4.", "15.04.2021", "15. april") and, when something looks
    like a date but is none (31.2.), a Norwegian problem."""
    m = _SHORT_DATE.search(text)
    if m:
        day, month = int(m[1]), int(m[2])
        year = int(m[3]) if m[3] else now.year
        year = year + 2000 if year < 100 else year
        try:
            return date(year, month, day), None
        except ValueError:
            return None, f"Datoen «{m[0]}» finnes ikke."
    for m in _TEXT_DATE.finditer(text):
        month = T.MONTH_ALIASES.get(m[2].lower())
        if month:
            try:
                return date(int(m[3]) if m[3] else now.year, month, int(m[1])), None
            except ValueError:
                return None, f"Datoen «{short(m[0], 30)}» finnes ikke."
    return None, None


def parse_command(rest: str | None, *, origin: str | None = None) -> Reading:
    """`<ref|ord> status <status> [kommentar]` or `<ref|ord> kommentar <tekst>`: the words after
    `/regionbot oppdater`."""
    text = _clean(rest)
    if not text:
        return _refuse(f"Skriv hva som skal oppdateres, f.eks. {EXAMPLE}.")
    if len(text) > MAX_INPUT:
        return _refuse(f"Kommandoen er for lang ({len(text)} tegn, høyst {MAX_INPUT}).")
    m = _STATUS_WORD.search(text)
    kommentar = re.search(r"(?<!\w)kommentar(?!\w)\s*[:=]?\s*", text, re.IGNORECASE)
    if m and (not kommentar or m.start() < kommentar.start()):
        target = text[: m.start()].strip(_EDGE)
        if not target:
            return _refuse(f"Hvilket tiltak? Skriv referansen før «status», f.eks. {EXAMPLE}.")
        status, after = _status_at(text[m.end() :])
        if status is None:
            return _unknown_status(text[m.end() :])
        comment = _comment(after)
        action = "status"
    elif kommentar:
        target = text[: kommentar.start()].strip(_EDGE)
        comment = _comment(text[kommentar.end() :])
        if not target:
            return _refuse("Hvilket tiltak? Skriv referansen før «kommentar», f.eks. T21-4.")
        if not comment:
            return _refuse("Kommentaren er tom.")
        status, action = None, "comment"
    else:
        return _refuse(f"Jeg fant ikke ordet «status». Skriv f.eks. {EXAMPLE}.")
    if comment and len(comment) > MAX_COMMENT:
        return _refuse(f"Kommentaren er for lang ({len(comment)} tegn, høyst {MAX_COMMENT}).")
    change = Change(action=action, target=target, status=status, comment=comment, origin=origin)
    return Reading(change=change)


def parse_message(text: str | None, now: datetime, *, origin: str | None = None) -> Reading | None:
    """An update written in the updates channel, or None when the message is not one (it names
    no item reference and no status: people talking to each other)."""
    text = _clean(text)
    ref = REF.search(text) or _CASE.search(text)
    says_status = _STATUS_WORD.search(text)
    if not ref and not says_status:
        return None
    if len(text) > MAX_INPUT:
        return _refuse(f"Meldingen er for lang ({len(text)} tegn, høyst {MAX_INPUT}).")
    rest = text
    if ref:
        target = ref[1].replace(" ", "")
        rest = (text[: ref.start()] + " " + text[ref.end() :]).strip()
        rest = re.sub(r"^\s*(?:sak\s*)?[:–—-]\s*", "", rest) if ref.start() == 0 else rest
    else:
        head, colon, tail = text.partition(":")
        if not colon or not head.strip() or len(head.split()) > 8 or _STATUS_WORD.search(head):
            return _refuse(
                "Jeg fant ingen referanse i meldingen. Begynn med referansen, f.eks. "
                "«T21-4: søknad sendt, status pågår»."
            )
        target, rest = head.strip(), tail
    status = None
    m = _STATUS_WORD.search(rest)
    if m:
        status, after = _status_at(rest[m.end() :])
        if status is None:
            return _unknown_status(rest[m.end() :])
        rest = (rest[: m.start()] + " " + after).strip()
    else:
        alone, after = _status_at(rest.strip(_EDGE))
        if alone and not after.strip(_EDGE):
            status, rest = alone, ""
    day, problem = find_date(rest, now)
    if problem:
        return _refuse(problem)
    comment = _comment(rest)
    if not status and not comment:
        return _refuse(
            f"Meldingen sier ikke hva som er nytt om {short(target, 40)}. Skriv f.eks. "
            "«T21-4: søknad sendt 15.4., status pågår»."
        )
    if comment and len(comment) > MAX_COMMENT:
        return _refuse(f"Kommentaren er for lang ({len(comment)} tegn, høyst {MAX_COMMENT}).")
    change = Change(
        action="status" if status else "comment",
        target=target,
        status=status,
        comment=comment,
        origin=origin,
    )
    return Reading(change=change, day=day)


# --- a proposed change in a button ---------------------------------------------------------


class BadValue(ValueError):
    """A button value that is not one the bot made."""


def encode(change: Change, author: str) -> str:
    """A proposed change and who proposed it, compact enough for a button's value."""
    data = {"c": change.model_dump(exclude_defaults=True), "u": author}
    value = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    if len(value) > BUTTON_LIMIT:
        raise BadValue("for long for a button")
    return value


def decode(value: str | None) -> tuple[Change, str]:
    """The change and its author back from a button's value (BadValue when it is not one)."""
    try:
        data = json.loads(value or "")
        change = Change.model_validate(data["c"])
        author = data["u"]
    except (ValueError, TypeError, KeyError) as exc:
        raise BadValue(str(exc)) from exc
    if not isinstance(author, str) or change.action not in ("status", "comment"):
        raise BadValue("not a proposed status or comment")
    if change.comment and len(change.comment) > MAX_TEXT:
        raise BadValue("comment too long")
    return change, author
