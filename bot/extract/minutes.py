"""Meetings, cases, decisions, deadlines and people, as minutes and case reports write them.

Read from the document's text with whitespace collapsed (the form the loader checks quotes
against), so every quote is a slice of it:
- "Sak 18/2021: title" lines are cases; they belong to the meeting named just before them,
- "møte(t) <dag> <dato>", "AU-møte 03.03.2021", "i regionrådet onsdag 26. mai" are meetings,
- "Vedtak:", "Enstemmig vedtak:", "gjorde følgende vedtak:" paragraphs are decisions (a
  "Forslag til vedtak:" or "Innstilling:" is not), and so are sentences in which a body
  "vedtok", "har vedtatt", "besluttet" or "bevilget" something,
- "innen <dato>", "frist(en) ... <dato>", "senest <dato>" are deadlines,
- a role next to a name ("Regionrådsleder Runa Finborud", "Saksbehandler: Rune Jørgensen").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from bot import text as T
from bot.extract.dates import find_dates
from bot.extract.lines import Line

# Bodies by the words documents use for them; the name is how the knowledge base writes it.
BODIES = [
    (r"arbeidsutvalg\w*|au(?=[\s-])|au-møte\w*", "Arbeidsutvalget"),
    (r"regionråd(?:et|s?møte\w*)", "Regionrådet"),
    (r"styringsgrupp\w*", "Styringsgruppa"),
    (r"formannskap\w*", "Formannskapet"),
    (r"kommunestyre\w*", "Kommunestyret"),
    (r"fylkesting\w*", "Fylkestinget"),
    (r"fylkesutvalg\w*", "Fylkesutvalget"),
    (r"representantskap\w*", "Representantskapet"),
    (r"rådmannsutvalg\w*|rådmannsmøte\w*", "Rådmannsutvalget"),
    (r"styret|styremøte\w*", "Styret"),
]
_BODY = re.compile(
    r"\b(?:" + "|".join(f"(?P<b{i}>{p})" for i, (p, _) in enumerate(BODIES)) + r")", re.IGNORECASE
)
_MEETING_WORD = re.compile(r"møte(?:t|r)?\b|\bmøtet\b|\bmøtedato\b", re.IGNORECASE)
_DEADLINE_WORD = re.compile(
    r"\b(?:innen|senest|\w*frist(?:en)?(?:\s+er)?|ved(?=\s+utgangen\s+av))\b", re.IGNORECASE
)
_CASE = re.compile(
    r"^\s*(?:Sak|SAK|PS|RS|Saksnr\.?)\s+(?P<num>\d{1,3})\s*/\s*(?P<year>\d{2}(?:\d{2})?)\b\s*[:.\-–]?\s*(?P<title>.*)$"
)
_DECISION_HEAD = re.compile(
    r"(?P<lead>(?:^|\b)(?:(?P<unanimous>enstemmig(?:e)?)\s+)?vedtak(?:et)?\s*:|følgende\s+(?P<unan2>enstemmige?\s+)?vedtak\s*:)\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
_PROPOSAL_HEAD = re.compile(
    r"(?:forslag\s+til\s+vedtak|innstilling|saksbehandlers\s+forslag)\s*:", re.IGNORECASE
)
_NARRATIVE = re.compile(
    r"\b(?:vedtok|har\s+(?:\w+\s+){0,2}vedtatt|er\s+(?:\w+\s+){0,2}?vedtatt\s+(?:i|av|at)|besluttet|har\s+besluttet"
    r"|bevilget|bevilga|godkjente|har\s+godkjent|valgte\s+(?:\w+\s+){0,3}å|vedtatt\s+av"
    r"|støttet\s+av\s+(?:\w+\s+)?(?=arbeidsutvalg|regionråd|styr|formannskap|kommunestyr))\b",
    re.IGNORECASE,
)
# A decision said in the passive needs no named body: "ble vedtatt", "ble det besluttet".
# So does the impersonal "det er/ble (derfor) vedtatt at", with a sentence adverb in between.
_ADVERB = r"(?:derfor|også|likevel|så|da|senere|etter\s+hvert|enstemmig)"
_PASSIVE = re.compile(
    rf"\bble\s+(?:det\s+)?(?:{_ADVERB}\s+)?(?:vedtatt|godkjent|besluttet)\b"
    rf"|\b(?:er|ble)\s+det\s+(?:{_ADVERB}\s+)?(?:vedtatt|besluttet)\s+at\b",
    re.IGNORECASE,
)
ROLES = (
    "regionrådsleder",
    "regionrådgiver",
    "regionkoordinator",
    "varaordfører",
    "ordfører",
    "rådmann",
    "kommunedirektør",
    "prosjektleder",
    "saksbehandler",
    "daglig leder",
    "styreleder",
    "nestleder",
    "leder",
    "sekretær",
    "fylkesordfører",
)
_NAME = r"(?:[A-ZÆØÅ][a-zæøåé]+(?:-[A-ZÆØÅ][a-zæøå]+)?\s){1,2}[A-ZÆØÅ][a-zæøåé]+"
_ROLE_NAME = re.compile(rf"\b(?P<role>(?i:{'|'.join(ROLES)}))\s*:?\s+(?P<name>{_NAME})\b")
_NAME_ROLE = re.compile(
    rf"(?P<name>{_NAME})\s+(?P<role>{'|'.join(r.capitalize() for r in ROLES)})\b"
)


def body_of(text: str) -> str | None:
    """The last body a text names (the one nearest to what follows); in "Arbeidsutvalget i
    Regionrådet" the body is the first, the second only says whose it is."""
    last = None
    last_end = -10
    for m in _BODY.finditer(text):
        name = next(n for i, (_, n) in enumerate(BODIES) if m[f"b{i}"])
        if last and re.fullmatch(r"\s+i\s+", text[last_end : m.start()]):
            continue
        last, last_end = name, m.end()
    return last


@dataclass
class Flat:
    """The document as one collapsed string, with where each line starts in it."""

    text: str
    starts: dict[int, int]
    # Where a numbered section heading begins and where the line after it begins: a sentence
    # never runs across a heading ("... i tiden som kommer 3.5 TV-produksjoner og synlighet
    # Utvidelsen ..." is two paragraphs and a heading in a PDF's text).
    breaks: list[int] = field(default_factory=list)

    @classmethod
    def of(cls, lines: list[Line]) -> Flat:
        parts, starts, breaks, pos = [], {}, [], 0
        for line in lines:
            t = T.collapse(line.raw)
            if not t:
                continue
            starts[line.no] = pos
            parts.append(t)
            if is_numbered_heading(t):
                breaks += [pos, pos + len(t) + 1]
            pos += len(t) + 1
        return cls(" ".join(parts), starts, breaks)

    def sentence_at(self, start: int, end: int) -> tuple[int, int]:
        """The sentence around text[start:end], cut at the headings around it."""
        s, e = sentence_at(self.text, start, end)
        s = max([s, *(b for b in self.breaks if b <= start)])
        e = min([e, *(b - 1 for b in self.breaks if b > end)])
        return s, e


# "3.5 TV-produksjoner og synlighet", "2 Bakgrunn": a short numbered line without end punctuation.
_NUMBERED_HEADING = re.compile(r"^\d{1,2}(?:\.\d{1,2})*\.?\s+[A-ZÆØÅ«][^.!?:;,]*$")


def is_numbered_heading(line: str) -> bool:
    return bool(_NUMBERED_HEADING.match(line)) and len(line.split()) <= 8


def sentence_at(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around text[start:end] (a line-ending colon or full stop ends it)."""
    ends = [text.rfind(mark, 0, start) for mark in (". ", ": ", "» ", "• ")]
    dash = text.rfind(" - ", 0, start)  # a list item of the extraction's bullets
    left = max([e + 2 for e in ends if e >= 0] + [dash + 3 if dash >= 0 else 0])
    m = re.compile(r"[.!?](?=\s+[A-ZÆØÅ«\-•]|\s*$)|:(?=\s)|(?=\s-\s[A-ZÆØÅ])").search(text, end)
    right = m.end() if m else len(text)
    return left, right


def window(
    text: str,
    start: int,
    end: int,
    before: int = 14,
    after: int = 14,
    lo: int = 0,
    hi: int | None = None,
) -> str:
    """A verbatim quote: up to `before` words before the span and `after` words after it,
    within text[lo:hi] (a sentence)."""
    left = text[lo:start].split(" ")
    right = text[end : hi if hi is not None else len(text)].split(" ")
    head = " ".join(left[-before - 1 :]) if before else left[-1]
    tail = " ".join(right[: after + 1])
    return T.collapse(head + text[start:end] + tail)


@dataclass
class MeetingFound:
    body: str
    day: date | None  # None: a planned meeting whose date is not set
    pos: int
    quote: str
    title: str
    cases: list[dict] = field(default_factory=list)
    mentions: list[int] = field(default_factory=list)


def find_meetings(flat: Flat, year: int | None) -> list[MeetingFound]:
    out: dict[tuple[str, date], MeetingFound] = {}
    text = flat.text
    for d in find_dates(text, year):
        s, e = sentence_at(text, d.start, d.end)
        before = text[max(s, d.start - 70) : d.start]
        if _DEADLINE_WORD.search(text[max(s, d.start - 25) : d.start]):
            continue
        said_meeting = bool(_MEETING_WORD.search(before))
        # "behandles i arbeidsutvalget 9. desember": a body right before a date meets then
        said_meeting = said_meeting or bool(
            re.search(
                r"\b(?:behandles|behandlet|drøftes|legges\s+fram)\s+(?:i|av|for)\s+\w+\s*$",
                before,
                re.IGNORECASE,
            )
        )
        body = body_of(text[s : d.start]) if said_meeting or d.weekday else None
        if not body and said_meeting:
            body = body_of(text[s:e])
        if not body and said_meeting and out:
            # "på neste møte torsdag 26. oktober" in minutes: the same body meets again
            body = max(out.values(), key=lambda m: m.pos).body
        if not body or not (said_meeting or d.weekday):
            continue
        key = (body, d.day)
        if key in out:
            out[key].mentions.append(d.start)
            continue
        quote = window(text, d.start, d.end, before=10, after=4, lo=s, hi=e)
        weekday = T.format_date(d.day)
        out[key] = MeetingFound(
            body, d.day, d.start, quote, f"{body}, møte {weekday}", [], [d.start]
        )
    return sorted(out.values(), key=lambda m: m.pos)


# "Det planlegges et fellesmøte for formannskapene", "Det vil bli holdt et møte i arbeidsutvalget":
# a meeting announced without a date is a meeting to follow up all the same, its date not set.
_PLANNED = re.compile(
    r"\b(?:planlegges|er\s+planlagt|skal\s+(?:det\s+)?(?:holdes|avholdes|arrangeres)"
    r"|vil\s+(?:det\s+)?bli\s+(?:holdt|avholdt|arrangert))"
    r"\s+(?:(?:et|en|nytt|eget|felles)\s+){0,2}\w*møte\s+(?:for|i|med|mellom)\s",
    re.IGNORECASE,
)


def find_planned_meetings(flat: Flat, year: int | None) -> list[MeetingFound]:
    """Meetings announced without a date; one with a date in its sentence is find_meetings'."""
    out: list[MeetingFound] = []
    text = flat.text
    for m in _PLANNED.finditer(text):
        s, e = flat.sentence_at(m.start(), m.end())
        if find_dates(text[s:e], year):
            continue
        # the body right after "møte for/i/med", not one the sentence names later
        body = body_of(text[m.end() : min(e, m.end() + 30)].split(",")[0])
        if not body or any(p.body == body for p in out):
            continue
        quote = " ".join(text[s:e].split(" ")[:30]).strip()
        # no mentions: a later decision is not made in a meeting that has not been held
        out.append(MeetingFound(body, None, s, quote, f"{body}, planlagt møte (dato ikke satt)"))
    return out


def find_cases(lines: list[Line], flat: Flat) -> list[dict]:
    out = []
    for line in lines:
        m = _CASE.match(line.raw)
        if not m:
            continue
        year = m["year"] if len(m["year"]) == 4 else f"20{m['year']}"
        title = T.collapse(m["title"]).strip(" :–-") or None
        out.append(
            {
                "number": f"{int(m['num'])}/{year}",
                "title": title or f"Sak {int(m['num'])}/{year}",
                "pos": flat.starts.get(line.no, 0),
                "quote": T.collapse(line.raw)[:200],
                "no": line.no,
            }
        )
    return out


def attach_cases(meetings: list[MeetingFound], cases: list[dict]) -> list[dict]:
    """Each case goes to the meeting named nearest before it (in a heading or the text)."""
    loose = []
    for case in cases:
        near = [
            (max(p for p in m.mentions if p <= case["pos"]), m)
            for m in meetings
            if any(p <= case["pos"] for p in m.mentions)
        ]
        near.sort(key=lambda x: x[0])
        target = near[-1][1] if near and case["pos"] - near[-1][0] < 600 else None
        if target is None:
            loose.append(case)
            continue
        if case["number"] not in {c["number"] for c in target.cases}:
            target.cases.append(case)
    return loose


@dataclass
class DecisionFound:
    text: str
    quote: str
    pos: int
    body: str | None = None
    day: date | None = None
    case_number: str | None = None
    meeting: MeetingFound | None = None


def find_decisions(
    lines: list[Line], flat: Flat, meetings: list[MeetingFound], year: int | None
) -> list[DecisionFound]:
    out = _headed_decisions(lines, flat, meetings)
    taken = [(d.pos, d.pos + len(d.text)) for d in out]
    for d in _narrative_decisions(flat, year):
        if any(a <= d.pos < b for a, b in taken):
            continue
        out.append(d)
    # A plan's adoption stamp ("Vedtatt av representantskapet 12.11.2024, sak 14/24") repeats a
    # decision the minutes in the same document record: one decision, the recorded one.
    recorded = {(d.body, _day_of(d)) for d in out if not is_stamp(d.text)}
    out = [d for d in out if not (is_stamp(d.text) and (d.body, _day_of(d)) in recorded)]
    return _one_per_grant(sorted(out, key=lambda d: d.pos))


# "bevilget 500.000 kroner", "7,5 millioner kroner": an amount of money a decision names.
_AMOUNT = re.compile(
    r"\b\d{1,3}(?:[. ]\d{3})+(?:,-)?\s*(?:kr\b|kroner)|\b\d+(?:,\d+)?\s*mill(?:ioner|\.)?\s*(?:kr\b|kroner)",
    re.IGNORECASE,
)


def _one_per_grant(decisions: list[DecisionFound]) -> list[DecisionFound]:
    """A report tells of a grant in its summary and again in its chapter: a body's decision
    naming the same amount as one before it is that decision again; the first is kept."""
    seen: set[tuple[str, str]] = set()
    out = []
    for d in decisions:
        keys = (
            {(d.body, re.sub(r"\D", "", a)) for a in _AMOUNT.findall(d.text)} if d.body else set()
        )
        if keys and keys & seen:
            continue
        seen |= keys
        out.append(d)
    return out


# "Strategisk næringsplan ... vedtatt av kommunestyret 22.10.2014": a bare participle with a body
# and a date, no finite verb (ble, er, har) before it, is how councils stamp an adopted document.
_STAMP = re.compile(
    r"(?<!\bble )(?<!\ber )(?<!\bhar )(?<!\bblitt )(?<!\bbli )\b(?:vedtatt|godkjent|behandlet)"
    r"\s+(?:av|i)\s+(?:\w+\s+){1,3}?\d{1,2}\.\s*(?:\d{1,2}\.|[a-zæøå]+\s+)\s*\d{2,4}",
    re.IGNORECASE,
)


def is_stamp(text: str) -> bool:
    return bool(_STAMP.search(text))


def _day_of(d: DecisionFound) -> date | None:
    return d.day or (d.meeting.day if d.meeting else None)


def _headed_decisions(
    lines: list[Line], flat: Flat, meetings: list[MeetingFound]
) -> list[DecisionFound]:
    out = []
    for i, line in enumerate(lines):
        m = _DECISION_HEAD.search(line.raw)
        if not m or _PROPOSAL_HEAD.search(line.raw):
            continue
        parts = [m["rest"].strip()] if m["rest"].strip() else []
        j = i + 1
        while j < len(lines) and lines[j].blank and not parts:
            j += 1
        while j < len(lines):
            if lines[j].blank:
                # a paragraph the extraction spread over blank lines goes on mid-sentence
                k = j
                while k < len(lines) and lines[k].blank and k - j < 3:
                    k += 1
                if (
                    not parts
                    or re.search(r"[.!?:»]\s*$", parts[-1])
                    or k >= len(lines)
                    or lines[k].blank
                ):
                    break
                j = k
            if _DECISION_HEAD.search(lines[j].raw) or _PROPOSAL_HEAD.search(lines[j].raw):
                break
            parts.append(lines[j].text)
            j += 1
        text = T.collapse(" ".join(parts)).strip("«» ")
        if len(text.split()) < 3:
            continue
        pos = flat.text.find(T.collapse(" ".join(parts)), flat.starts.get(line.no, 0))
        if pos < 0:
            continue
        lead = flat.starts.get(line.no, 0)
        s, _ = sentence_at(flat.text, lead, lead)
        context = flat.text[max(0, s - 400) : pos]
        meeting = _meeting_for(meetings, context, s, pos)
        unanimous = bool(m["unanimous"] or m["unan2"])
        quote = " ".join(T.collapse(" ".join(parts)).split(" ")[:30])
        out.append(
            DecisionFound(
                text=("Enstemmig vedtak: " if unanimous else "") + text,
                quote=quote,
                pos=pos,
                body=meeting.body if meeting else body_of(context),
                day=meeting.day if meeting else None,
                meeting=meeting,
            )
        )
    return out


def _meeting_for(
    meetings: list[MeetingFound], context: str, sentence_start: int, pos: int
) -> MeetingFound | None:
    """The meeting a decision was made in: one named in the sentence that introduces it, or
    the meeting named last before it."""
    last = [
        (max(p for p in m.mentions if p <= pos), m)
        for m in meetings
        if any(p <= pos for p in m.mentions)
    ]
    last.sort(key=lambda x: x[0])
    if last and last[-1][0] >= sentence_start - 400:
        return last[-1][1]
    return last[-1][1] if last and pos - last[-1][0] < 3000 else None


def meetings_of_decisions(
    decisions: list[DecisionFound], meetings: list[MeetingFound]
) -> list[MeetingFound]:
    """A body that decided something on a given day met that day ("besluttet av styringsgruppa
    26. oktober 2016"): that meeting, when no meeting of the body that day is known yet."""
    known = {(m.body, m.day) for m in meetings}
    out = []
    for d in decisions:
        if is_stamp(d.text):
            continue  # the day a document was adopted, not a meeting to follow up
        if d.meeting is None and d.body and d.day and (d.body, d.day) not in known:
            known.add((d.body, d.day))
            m = MeetingFound(
                d.body, d.day, d.pos, d.quote, f"{d.body}, møte {T.format_date(d.day)}", [], [d.pos]
            )
            d.meeting = m
            out.append(m)
    return out


def _narrative_decisions(flat: Flat, year: int | None) -> list[DecisionFound]:
    out = []
    text = flat.text
    seen: set[int] = set()
    said: set[str] = set()
    hits = sorted([*_NARRATIVE.finditer(text), *_PASSIVE.finditer(text)], key=lambda m: m.start())
    for m in hits:
        s, e = flat.sentence_at(m.start(), m.end())
        if s in seen or e - s < 25:
            continue
        sentence = text[s:e]
        if e - s > 600:
            sentence = window(text, m.start(), m.end(), before=20, after=25, lo=s, hi=e)
        if T.fold(sentence) in said:
            continue  # a summary that says it again
        said.add(T.fold(sentence))
        if _PROPOSAL_HEAD.search(sentence) or sentence.rstrip().endswith("?"):
            continue
        body = body_of(text[s : m.start()]) or body_of(sentence)
        if (
            not body
            and not _PASSIVE.match(m.group(0))
            and not re.search(
                r"\b(?:kommunene|alle\s+kommuner|departementet|fylkeskommunen)\b",
                sentence,
                re.IGNORECASE,
            )
        ):
            continue
        seen.add(s)
        dates = [d for d in find_dates(sentence, year) if d.has_year]
        words = sentence.split(" ")
        out.append(
            DecisionFound(
                text=sentence.strip(),
                quote=" ".join(words[:30]),
                pos=s,
                body=body,
                day=dates[0].day if dates else None,
            )
        )
    return out


@dataclass
class DeadlineFound:
    what: str
    day: date
    quote: str
    pos: int


def find_deadlines(flat: Flat, year: int | None) -> list[DeadlineFound]:
    out: dict[date, DeadlineFound] = {}
    text = flat.text
    for d in find_dates(text, year):
        lead = text[max(0, d.start - 40) : d.start]
        hits = list(_DEADLINE_WORD.finditer(lead))
        m = hits[-1] if hits else None
        if m is None and text.startswith("utgangen", d.start) and re.search(r"\bved\s*$", lead):
            m = re.search(r"ved\s*$", lead)  # "avslutning ved utgangen av 2018"
        if m is None or len(lead[m.end() :].split()) > 4:
            continue
        if d.day in out:
            continue
        s, e = sentence_at(text, d.start, d.end)
        what = text[s:e].strip().rstrip(".:")
        if len(what) > 240:
            what = window(text, d.start, d.end, before=14, after=2)
        out[d.day] = DeadlineFound(
            what, d.day, window(text, d.start, d.end, before=12, after=0), d.start
        )
    return sorted(out.values(), key=lambda x: x.pos)


# Capitalised words that start table cells and sentences, not names.
_NOT_NAMES = {
    "prosjekt",
    "drift",
    "tilskudd",
    "ansvar",
    "ansvarlig",
    "tiltak",
    "sak",
    "vedtak",
    "møte",
}
_SENTENCE_WORDS = {"denne", "dette", "det", "den", "vi", "jeg", "han", "hun", "saken"}


def find_people(flat: Flat) -> dict[str, dict]:
    people: dict[str, dict] = {}
    for rx in (_ROLE_NAME, _NAME_ROLE):
        for m in rx.finditer(flat.text):
            name = m["name"].strip()
            words = name.split()
            if len(words) == 3 and words[-1].lower() in T.STOPWORDS | _SENTENCE_WORDS:
                name = " ".join(words[:2])
            if (
                len(name.split()) < 2
                or body_of(name)
                or len(name.split()[-1]) < 3
                or any(w.lower() in T.STOPWORDS | _NOT_NAMES for w in name.split())
            ):
                continue
            role = m["role"].lower()
            person = people.setdefault(
                name, {"name": name, "roles": [], "quote": T.collapse(m.group(0))}
            )
            if role not in person["roles"]:
                person["roles"].append(role)
    return people
