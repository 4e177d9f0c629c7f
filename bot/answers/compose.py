"""Writing answers: the asked fact first, in the form users write it, then the sources.

Pure functions of items (store rows with their source) and the parsed question.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from bot import text as T
from bot.answers import weights as W
from bot.answers.lexicon import BODIES
from bot.answers.model import cite, cite_titles  # noqa: F401  (re-exported)
from bot.answers.understand import Query
from bot.models import Item, Source

AMOUNT = re.compile(
    r"\b\d{1,3}(?:[ .]\d{3})+\b|\d+(,\d+)?\s*(mill|mrd|kr\b|kroner|mnok|prosent|%)", re.IGNORECASE
)
NUMBER = re.compile(
    r"\d|\b(to|tre|fire|fem|seks|sju|syv|åtte|ni|ti|elleve|tolv|femten|tjue|tretti|førti|femti|"
    r"hundre|tusen|dobbelt|doblet|halvparten)\b",
    re.IGNORECASE,
)
# Years, periods, phases and case numbers are not the figure a "how many" question asks for.
NOT_A_FIGURE = re.compile(
    r"\b\d{1,2}\.\s*(januar|februar|mars|april|mai|juni|juli|august|september|oktober|"
    r"november|desember)|\b\d{1,2}\.\d{1,2}\.(\d{2,4})?|\b(19|20)\d\d(\s*[-–/]\s*(19|20)?\d\d)?\b|"
    r"\b(fase|sak|nr\.?)\s*\d+|\d+/\d+|\b\d{8}\b|\b[A-Za-zÆØÅæøå]+\d+\b",
    re.IGNORECASE,
)
DATE = re.compile(
    r"\d{1,2}\.\s*(januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|"
    r"desember)|\d{1,2}\.\d{1,2}\.\d{2,4}|\b(januar|februar|mars|april|mai|juni|juli|august|"
    r"september|oktober|november|desember|høsten|våren|sommeren|vinteren)\s+(19|20)\d\d|"
    r"\b(første|andre|tredje|fjerde|siste)\s+kvartal|\b(utgangen|slutten|begynnelsen)\s+av\s+"
    r"(januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|desember)",
    re.IGNORECASE,
)
FULL_DATE = re.compile(
    r"\d{1,2}\.\s*(januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|"
    r"desember)|\d{1,2}\.\d{1,2}\.\d{2,4}|\b(utgangen|slutten)\s+av\s+[a-zæøå]+",
    re.IGNORECASE,
)
YEAR = re.compile(r"\b(19|20)\d\d\b")


_SENT = re.compile(r"(?<=[.!?;])\s+(?=[A-ZÆØÅ«\d•-])")


def sentences(text: str) -> list[str]:
    return [s for s in _SENT.split(text) if s.strip()]


def _d(value: str | None, weekday: bool = True) -> str | None:
    if not value:
        return None
    try:
        return T.format_date(date.fromisoformat(value), weekday=weekday)
    except ValueError:
        return value


def _join(*parts: str | None) -> str:
    return " ".join(p.strip() for p in parts if p and p.strip())


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?", "»", ":")) else text + "."


# A text that says who a body is made of ("har bestått av", "medlemmer").
MEMBERS = re.compile(
    r"\b(best[aå]r av|bestått av|besto av|bestod av|bestående av|sammensatt av|medlem\w*|"
    r"representert|representanter|utgjøres av|utgjort av|utføres av|fungert som|fungerer som|"
    r"sitter i|satt i|deltakere|består av)\b",
    re.IGNORECASE,
)


class Figure:
    """A test for a figure that a year, a date, a phase or a case number does not pass: "hvor
    mange" is not answered by "(2015-2018)"."""

    def __init__(self, pattern: re.Pattern) -> None:
        self.figure = pattern
        self.pattern = pattern.pattern

    def search(self, text: str) -> re.Match | None:
        return self.figure.search(NOT_A_FIGURE.sub(" ", text))


_FIGURES = {"amount": Figure(AMOUNT), "count": Figure(NUMBER)}


def prefer(q: Query) -> re.Pattern | Figure | None:
    """What the sentence that answers the question must show: an amount, a figure, a date, who
    a body is made of. A
    question that asks "how large" of a budget ("how large was the revised budget") asks for an
    amount, though its words of asking are those of a count."""
    if q.primary == "count" and "amount" in q.intents:
        return _FIGURES["amount"]
    return _FIGURES.get(q.primary) or {"deadline": DATE, "members": MEMBERS}.get(q.primary)


def _names_new(q: Query, title: str):
    """A test for a sentence that names someone the question does not: a capitalised word
    inside the sentence that is neither in the question, the document's title nor common."""
    asked = {w.lower() for w in T.words(f"{q.text} {title}")}

    def names(sentence: str) -> bool:
        return any(
            w[:1].isupper() and w.lower() not in asked and w.lower() not in T.STOPWORDS
            for w in T.words(sentence)
        )

    return names


def best_sentences(
    text: str,
    topic: list[str],
    max_words: int = 60,
    want: re.Pattern | None = None,
    who=None,
    split: re.Pattern = _SENT,
) -> str:
    """The sentence(s) of a passage that hold most of the question's topic (and, when the
    question asks for an amount or a date, the one that has it)."""
    sentences = [s for s in split.split(text) if s.strip()]
    # A short text is kept whole, unless the asked detail (an amount, who a body is made of)
    # stands only in a later sentence: then that sentence leads.
    buried = bool(sentences) and want is not None and not want.search(sentences[0])
    if len(sentences) <= 1 or (
        len(text.split()) <= max_words and not (buried and want.search(text))
    ):
        return text
    wanted = set(topic)

    def score(s: str) -> float:
        terms = set(T.terms(s))
        hits = sum(1 for t in wanted if t in terms or any(x.startswith(t) for x in terms))
        return hits + (2 if want is not None and want.search(s) else 0)

    scores = [score(s) for s in sentences]
    i = max(range(len(sentences)), key=lambda k: (scores[k], -k))
    chosen = [i]
    if who is not None and not who(sentences[i]):
        # A who-question whose best sentence names nobody: the next one often does
        # ("... ble det gjennomført en samfunnsanalyse ... Telemarksforskning, som ...").
        for j in (i + 1, i - 1):
            if 0 <= j < len(sentences) and who(sentences[j]):
                chosen.append(j)
                break
    # Add neighbours while they help and the answer stays short.
    for j in (i + 1, i - 1):
        if 0 <= j < len(sentences):
            words = sum(len(sentences[k].split()) for k in chosen) + len(sentences[j].split())
            if words <= max_words and (scores[j] > 0 or len(sentences[i].split()) < 12):
                chosen.append(j)
    return " ".join(sentences[k] for k in sorted(chosen))


def recorded_status(f: dict) -> str | None:
    """'Pågår – oppdatert av Rune Jørgensen torsdag 15. april 2021: søknad sendt.'"""
    if not (f.get("status_at") and f.get("status")):
        return None
    when = T.format_date(datetime.fromisoformat(f["status_at"]))
    comment = f": {f['status_comment']}" if f.get("status_comment") else ""
    return f"{f['status'].capitalize()} – oppdatert av {f['status_by']} {when}{comment}."


def update_source(item: Item) -> Source:
    """The update a recorded status comes from, cited like a document."""
    f = item.fields
    when = T.format_date(datetime.fromisoformat(f["status_at"]), weekday=False)
    return Source(
        document_id="oppdateringer",
        title=f"Oppdatering fra {f['status_by']} {when}",
        quote=f.get("status_comment") or None,
        access=item.source.access,
    )


_PLAN_PERIOD = re.compile(
    r"^(?P<head>[\w-]+(?: plan)?)\b.*?(?P<period>(?:19|20)\d\d\s*[-–]\s*(?:19|20)?\d\d)"
)
_PARENS = re.compile(r"\s*\(([^()]*(?:\([^()]*\)[^()]*)*)\)")
_PHASE = re.compile(r"\bfase\s*\d\b", re.IGNORECASE)


def short_title(title: str | None) -> str | None:
    """A plan's name as people say it: "Handlingsplan 2021-2022" for "Handlingsplan for
    Regionrådet for Fjellregionen 2021-2022"; a phase or "forslag" in brackets is kept, since it
    tells two plans apart, any other aside is left out."""
    if not title:
        return title

    def aside(m: re.Match) -> str:
        inner = m[1]
        if _PHASE.search(inner) and not _PHASE.search(title[: m.start()]):
            return f" ({_PHASE.search(inner)[0]})"
        return " (forslag)" if inner.strip().lower() == "forslag" else ""

    short = _PARENS.sub(aside, title).strip()
    m = _PLAN_PERIOD.match(short)
    if m and m["head"].lower().startswith(("handlingsplan", "strategisk plan")):
        tail = re.search(r"\s\([^()]*\)$", short[m.end() :])
        return f"{m['head']} {m['period']}{tail[0] if tail else ''}"
    return short


_ABBREVIATION = re.compile(r"\b[A-ZÆØÅ]{2,4}\b")


def spelled_out(owner: str) -> str:
    """An owner written as the council's abbreviation ("AU og samarbeidspartnere") with the
    body's name after it the first time: "AU (Arbeidsutvalget) og samarbeidspartnere"."""

    def name(m: re.Match) -> str:
        body = BODIES.get(T.fold(m[0]).lower())
        if not body or len(body) <= len(m[0]) or body.lower() in owner.lower():
            return m[0]
        return f"{m[0]} ({body})"

    return _ABBREVIATION.sub(name, owner, count=1) if owner else owner


_SEASON = r"(?:høsten|våren|sommeren|vinteren)"
_EDGE = r"(?:(?:ved|innen|før|til)\s+)?(?:utgangen|slutten|begynnelsen|starten)\s+av"


def as_written(f: dict, *texts: str | None) -> str | None:
    """A due date as precise as the document writes it: "ved utgangen av 2018", "høsten 2022",
    "i mai", not a weekday and day computed from the end of that period. The period as the
    document says it (`due_text`) goes first; a text that names the day gets the full date."""
    if f.get("due_text"):
        return f["due_text"]
    due = f.get("due")
    try:
        d = date.fromisoformat(due) if due else None
    except ValueError:
        return due
    if d is None:
        return None
    month = T.MONTHS[d.month - 1]
    said = " ".join(t for t in texts if t)
    day = rf"\b{d.day}\.\s*(?:{month}|0?{d.month}\.)"
    if not said or re.search(day, said, re.IGNORECASE):
        return _d(due)
    for pattern in (
        rf"{_EDGE}\s+(?:{month}\s+)?{d.year}",
        rf"{_EDGE}\s+{month}",
        rf"{_SEASON}\s+{d.year}",
        rf"\b(?:i|innen|ut)\s+{month}(?:\s+{d.year})?",
        rf"\b(?:i|innen|ut)\s+{d.year}\b",
    ):
        m = re.search(pattern, said, re.IGNORECASE)
        if m:  # the year is told when the document leaves it to the context
            return m[0] if str(d.year) in m[0] else f"{m[0]} {d.year}"
    return _d(due)


def describe(item: Item, q: Query) -> str:
    """One item as the answer to the question: what was asked first."""
    f = item.fields
    kind = item.kind
    intent = q.primary
    status = recorded_status(f)
    if intent == "status" and status:
        title = f.get("text") or f.get("what") or f.get("title") or item.text
        return _join(f"Status: {status}", f"Gjelder «{title}».")
    if kind == "measure":
        owner = spelled_out(f.get("owner_text") or ", ".join(f.get("owners") or []))
        plan = short_title(f.get("plan_title"))
        extras = []
        if f.get("frequency"):
            extras.append(f"Hyppighet: {f['frequency']}.")
        if f.get("financing"):
            extras.append(f"Finansiering: {f['financing']}.")
        if f.get("due"):
            extras.append(f"Frist: {as_written(f, f.get('text'), item.source.quote)}.")
        if status:
            extras.append(f"Status: {status}")
        elif f.get("status"):
            extras.append(f"Status: {f['status']}.")
        if f.get("result"):
            extras.append(f"Resultat: {f['result']}")
        where = f" ({plan})" if plan else ""
        if intent in {"meeting", "frequency"} and f.get("frequency"):
            return _join(
                f"{f['frequency']}: {_sentence(f['text'])}", f"Ansvar: {owner}." if owner else None
            )
        if owner and intent == "owner":
            # The answer first, on its own line; what the measure is, after it.
            plan_of = f" ({plan})" if plan else ""
            if len(owner.split()) > OWNER_WORDS or sentences(owner)[1:]:
                # A whole sentence of who and how: not made the subject of "har ansvaret",
                # and not repeated when the measure's text is that sentence.
                if T.collapse(owner) in T.collapse(f["text"]):
                    return _join(f"Ansvar{plan_of}: «{f['text']}».", *extras)
                head = f"Ansvar{plan_of}: {_sentence(owner)}"
            else:
                head = _sentence(owner + " har ansvaret" + plan_of)
            return f"{head}\n" + _join(f"Tiltaket: «{f['text']}».", *extras)
        if owner:
            return _join(f"Ansvar: {owner}.", f"Tiltaket er «{f['text']}»{where}.", *extras)
        return _join(f"«{f['text']}»{where}.", "Ansvar er ikke angitt.", *extras)
    if kind == "deadline":
        owner = f" Ansvar: {f['owner']}." if f.get("owner") else ""
        when = as_written(f, f.get("what"), item.source.quote)
        return f"Fristen er {when}: {_sentence(f['what'])}{owner}"
    if kind == "meeting":
        when = _d(f.get("date")) or "(dato er ikke satt)"
        extra = _join(
            f"kl. {f['time']}" if f.get("time") else None,
            f"på {f['place']}" if f.get("place") else None,
        )
        title = f" – {f['title']}" if f.get("title") else ""
        return _sentence(f"{f['body']} har møte {when}{(' ' + extra) if extra else ''}{title}")
    if kind == "case":
        meeting = f.get("meeting") or {}
        when = _d(meeting.get("date"))
        number = f"Sak {f['number']}" if f.get("number") else "Saken"
        at = f" i {meeting.get('body')}" if meeting.get("body") else ""
        return _sentence(f"{number}: {f['title']}{at}" + (f", {when}" if when else ""))
    if kind == "decision":
        when = _d(f.get("date"))
        head = (f"{f['body']} vedtok" if f.get("body") else "Det ble vedtatt") + (
            f" {when}" if when else ""
        )
        if f.get("case_number"):
            head += f" (sak {f['case_number']})"
        return f"{head}: {_sentence(f['text'])}"
    if kind == "budget":
        amount = T.format_amount(f["amount"])
        bits = _join(
            f"{f['purpose']}" if f.get("purpose") else None,
            f"(kilde for midlene: {f['source']})" if f.get("source") else None,
            f"i {f['year']}" if f.get("year") else None,
        )
        return _sentence(f"{amount}" + (f" – {bits}" if bits else ""))
    if kind == "result":
        value = f.get("value")
        lead = f"{value}: " if value and value not in f["text"] else ""
        return _sentence(f"{lead}{f['text']}")
    if kind == "person":
        roles = ", ".join(f.get("roles") or [])
        note = f" {_sentence(f['note'][:1].upper() + f['note'][1:])}" if f.get("note") else ""
        contact = _join(
            f"Telefon: {f['phone']}." if f.get("phone") else None,
            f"E-post: {f['email']}." if f.get("email") else None,
        )
        return (
            f"{f['name']}"
            + (f" – {roles}." if roles else ".")
            + note
            + (f" {contact}" if contact else "")
        )
    if kind == "organisation":
        pop = ""
        if f.get("population"):
            year = f" ({f['population_year']})" if f.get("population_year") else ""
            pop = f": {T.format_number(f['population'])} innbyggere{year}"
        return _sentence(f"{f['name']}{pop}")
    if kind == "document":
        when = _d(f.get("date"))
        return _sentence(f"«{f['title']}» er datert {when}" if when else f"«{f['title']}»")
    if kind == "plan":
        period = T.format_period(f.get("period_start"), f.get("period_end"))
        bits = [f"{f['title']}" + (f" ({period})" if period and period not in f["title"] else "")]
        if f.get("adopted_date") or f.get("adopted_by"):
            by = f" av {f['adopted_by']}" if f.get("adopted_by") else ""
            bits.append(f"Vedtatt{by} {_d(f.get('adopted_date')) or ''}".strip() + ".")
        if f.get("vision"):
            bits.append(f"Visjon: {f['vision']}.")
        if f.get("summary"):
            bits.append(
                _sentence(best_sentences(f["summary"], q.topic, max_words=40, want=prefer(q)))
            )
        if f.get("revised"):
            bits.append(f"Planen rulleres {f['revised']}.")
        return _join(_sentence(bits[0]), *bits[1:])
    if kind == "goal":
        extras = [
            f"Måles ved: {f['measured_by']}." if f.get("measured_by") else None,
            f"Status: {f['status']}." if f.get("status") else None,
            f"Kommentar: {_sentence(f['comment'])}" if f.get("comment") else None,
        ]
        area = f"{f['area']}: " if f.get("area") and f["area"] not in f["text"] else ""
        return _join(_sentence(f"{area}{f['text']}"), *extras)
    if kind == "fact":
        return _sentence(f["text"])
    if kind == "passage":
        who = _names_new(q, item.source.title) if q.primary in {"owner", "people"} else None
        return _sentence(best_sentences(item.text, q.topic, want=prefer(q), who=who))
    return _sentence(item.text)


def first_sentence(text: str, most: int) -> str:
    """The first sentence of a text, at most `most` words."""
    first = sentences(text.split("\n")[0])[0] if text.strip() else ""
    words = first.split()
    return " ".join(words[:most]) + ("…" if len(words) > most else "")


def missing(question: str) -> str:
    """One sentence saying that a part of a question is not answered by the documents."""
    asked = question.strip().rstrip("?.! ")
    asked = asked[:1].lower() + asked[1:]
    return f"Jeg finner ikke i dokumentene {asked}."


def list_answer(title: str, lines: list[str]) -> str:
    return title + "\n" + "\n".join(f"• {line}" for line in lines)


SECOND_WORDS = 30  # what an answer's further facts may take, each
FIRST_LINE_WORDS = 25  # the answer's first line: the leading sentences that fit
OWNER_WORDS = 10  # an owner written longer than this is a sentence, not a name


def _open_quote(text: str) -> bool:
    return text.count("«") > text.count("»")


def lead(text: str) -> str:
    """The first line of an answer holds the answer: the leading sentences that fit in
    FIRST_LINE_WORDS words (at least one); what follows them goes on the next line."""
    head, _, rest = text.partition("\n")
    parts = [s for s in _WHOLE_SENT.split(head) if s.strip()]
    if len(head.split()) <= FIRST_LINE_WORDS or len(parts) < 2:
        return text
    n, words = 1, len(parts[0].split())
    while n < len(parts) and words + len(parts[n].split()) <= FIRST_LINE_WORDS:
        words += len(parts[n].split())
        n += 1
    while n < len(parts) and _open_quote(" ".join(parts[:n])):
        n += 1  # never break inside a quote
    if n == len(parts):
        return text
    tail = " ".join(parts[n:])
    return " ".join(parts[:n]) + "\n" + tail + (("\n" + rest) if rest else "")


_WHY = re.compile(r"\b(hvorfor|kvifor|why|what was the reason|arsaken|grunnen)\b")
_WHOLE_SENT = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ«\d•-])")  # a list after ":" stays whole


def brief(lines: list[str], q: Query, titles: list[str] | None = None) -> list[str]:
    """The answer first, in full; each further fact with its own first line (who has the
    responsibility, when the deadline is) and then only the sentences that bear on the
    question, and not at all when it only repeats what the answer above it says."""
    if _WHY.search(q.folded):
        return lines  # a reason is told in the sentences around the fact: keep them
    out = lines[:1]
    titles = titles or [""] * len(lines)
    first = [T.collapse(s).lower() for s in sentences(lines[0])] if lines else []
    for line, title in zip(lines[1:], titles[1:], strict=False):
        who = _names_new(q, title) if q.primary in {"owner", "people"} else None
        folded = T.collapse(line).lower()
        if any(s in folded for s in first):
            continue  # a longer text around the answer already given
        head, _, rest = line.partition("\n")
        if rest and len(head.split()) <= SECOND_WORDS:
            most = max(SECOND_WORDS - len(head.split()), 12)
            line = head + "\n" + best_sentences(rest, q.topic, most, prefer(q), who, _WHOLE_SENT)
        else:
            line = best_sentences(line, q.topic, SECOND_WORDS, prefer(q), who, _WHOLE_SENT)
        if _says_again(line, out):
            continue  # the same fact in other words: a record and the passage it was read from
        out.append(line)
    return out


def _says_again(line: str, above: list[str]) -> bool:
    """A further fact that adds nothing to the lines above it: every figure in it stands there
    already and nearly all its words do (W.REPEAT_SHARE)."""
    words = set(T.words(T.collapse(line).lower()))
    if not words:
        return True
    seen = set(T.words(T.collapse(" ".join(above)).lower()))
    figures = {w for w in words if any(c.isdigit() for c in w)}
    if figures - seen:
        return False
    return len(words & seen) / len(words) >= W.REPEAT_SHARE
