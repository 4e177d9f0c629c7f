"""Checks that a hit holds the kind of fact asked for: an amount, a figure, a date, a person.

Ranking finds what a question is about; these checks decide whether a hit can answer it, so that a
"who" question is not answered with a sentence without anyone in it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot import text as T
from bot.answers import compounds
from bot.answers import weights as W
from bot.answers.asked import (
    DATE_NOT_SET,
    MONEY,
    Detail,
    asked,
    asked_phase,
    giver_key,
    gives,
    holds,
    is_giver,
    missing,
    near,
    near_date,
    payer,
    phases,
    received,
    says_money,
)
from bot.answers.compose import (
    AMOUNT,
    DATE,
    FULL_DATE,
    MEMBERS,
    NOT_A_FIGURE,
    NUMBER,
    YEAR,
    sentences,
)
from bot.answers.knowledge import knowledge
from bot.answers.lemmas import Lemmas
from bot.answers.lists import NUMBER_WORDS, asked_count, states_count
from bot.answers.retrieve import SYNONYM_STEMS, Scored, expand, has_part
from bot.answers.someone import (
    WHICH,
    WHICH_KIND,
    asks_successor,
    fit_person,
    names_of,
    names_someone,
    names_successor,
    near_topic,
    people_in,
)
from bot.answers.understand import Query, gloss
from bot.store import Store


def on_day(q: Query, s: Scored, store: Store) -> bool:
    """A question about "møtet 26. mai" is not answered by a meeting or decision of another day."""
    if not q.day:
        return True
    if s.row["kind"] not in {"meeting", "decision", "deadline", "case"}:
        # A text that names days, but not this one, is about something else.
        days = [d for m in DATE.finditer(s.row["text"]) if (d := _day_of(m.group(0)))]
        return not days or any(m == q.day[0] and d in (None, q.day[1]) for m, d in days)
    fields = knowledge(store).item_row(s.row["kind"], s.row["ref"]) or {}
    when = fields.get("date") or fields.get("due") or (fields.get("meeting") or {}).get("date")
    if not when:  # an undated decision may still say when ("i februar")
        days = [d for m in DATE.finditer(s.row["text"]) if (d := _day_of(m.group(0)))]
        months = {
            T.MONTH_ALIASES[w]
            for w in re.findall(r"\bi ([a-zæøå]{4,})\b", s.row["text"].lower())
            if w in T.MONTH_ALIASES
        }
        if months and q.day[0] not in months:
            return False
        return not days or any(m == q.day[0] and d in (None, q.day[1]) for m, d in days)
    return (int(when[5:7]), int(when[8:10])) == q.day


def _day_of(text: str) -> tuple[int, int | None] | None:
    """(month, day) of a written date, or (month, None) for "juni 2020"."""
    d = T.parse_date(text, default_year=2000)
    if d:
        return d.month, d.day
    words = T.words(text.lower())
    month = T.MONTH_ALIASES.get(words[0]) if words else None
    return (month, None) if month else None


def in_span(q: Query, s: Scored, store: Store) -> bool:
    """A question about a time ("høsten 2021", "i mai") is not answered by a dated item outside it."""
    if not q.span:
        return True
    start, end = q.span
    if s.row["kind"] in {"meeting", "deadline", "decision", "document"}:
        fields = knowledge(store).item_row(s.row["kind"], s.row["ref"]) or {}
        when = fields.get("date") or fields.get("due")
        if when:
            return start.isoformat() <= when <= end.isoformat()
    elif q.primary not in {"deadline", "meeting"}:
        return True
    # A text answers "når ... høsten 2021" only if it names a date in that time.
    for m in DATE.finditer(s.row["text"]):
        d = T.parse_date(m.group(0), default_year=start.year)
        if d is not None and start <= d <= end:
            return True
        month_year = re.search(r"([a-zæøå]+)\s+((?:19|20)\d\d)", m.group(0), re.IGNORECASE)
        if d is None and month_year and T.MONTH_ALIASES.get(month_year[1].lower()):
            first, last = T.month_range(int(month_year[2]), T.MONTH_ALIASES[month_year[1].lower()])
            if first <= end and last >= start:
                return True
    # "AU valgte i februar å utsette saken": a month without a year, inside the span's months.
    months = {
        start.month + i for i in range((end.year - start.year) * 12 + end.month - start.month + 1)
    }
    for m in re.finditer(r"\bi ([a-zæøå]+)\b", s.row["text"].lower()):
        month = T.MONTH_ALIASES.get(m[1])
        if month and len(m[1]) > 3 and any((x - 1) % 12 + 1 == month for x in months):
            return True
    return False


def fit(q: Query, s: Scored, store: Store) -> float:
    """How well the hit holds the kind of fact asked for (0 = not at all). An amount question
    needs an amount, a 'who' question a person, a 'when' question a date (a year alone is weak).
    A successor asked ("hvem overtok etter Runa Finborud") is someone else who took over: a text
    of her alone names none, and one about the person before comes after one about the next."""
    before = asks_successor(q, store)
    if not before:
        return _fit(q, s, store)
    if not names_successor(s.row["text"], before, store):
        return 0.0
    about_before = people_in(s.row["text"], store)[:1] in [[b] for b in before]
    return _fit(q, s, store) * (W.ABOUT_BEFORE if about_before else 1.0)


def _fit(q: Query, s: Scored, store: Store) -> float:
    kind, text = s.row["kind"], s.row["text"]
    if _ACTUAL.search(q.text) and (kind in {"plan", "goal"} or _TARGET.search(text)):
        return 0.0  # "hvor mange ble det faktisk": a goal or a target is not the answer
    if _ACTUAL.search(q.text) and _is_application(store, s.row.get("document_id")):
        return 0.0  # "hvor mye fikk de faktisk": what an application asks for is not what came
    phase = asked_phase(q)
    if phase and (named := phases(f"{text} {s.row.get('context') or ''}")) and phase not in named:
        return 0.0  # "i fase 2": a text about the first phase only is about something else
    if (
        phase
        and q.primary in {"amount", "count"}
        and not phases(f"{text} {s.row.get('context') or ''} {_title(store, s)}")
    ):
        return 0.0  # "budsjettet for fase 3": a figure of no phase, in a document of none
    n = asked_count(q.folded) if q.primary == "list" else None
    if n and _counts_only(text, n):
        return 0.0  # "hvilke fire kommuner": "fire av kommunene svarte" says how many, not which
    which = WHICH.search(q.folded) if q.primary == "list" else None
    if which and not names_of(WHICH_KIND[which[1][:4]], text, store):
        return 0.0  # "hvilke kommuner sendte svar": a text that names no municipality
    detail = asked(q)
    if detail is not None and not _holds_detail(q, detail, s, store):
        return 0.0  # the topic, but not the asked detail ("hvor høy i prosent": no percentage)
    if q.yesno and q.primary in {"amount", "count", "deadline"}:
        return 1.0  # "Fikk planen penger over statsbudsjettet?": "Fikk ikke støtte" answers it
    units = [t for t in q.topic if t not in q.names] or q.topic
    if detail is not None and detail.kind in {"money", "figure", "cost"} and not detail.focus:
        # No measured noun ("hvor mange bodde i ... i 2001"): the figure stands next to a word
        # of the topic the documents have; years and words they lack are no unit. With none
        # left, the figure the detail check found answers.
        cleaned = [t for t in units if not _has_digit(t) and t not in s.unmatched]
        if not cleaned and q.primary == "count":
            return 1.0
        units = cleaned or [t for t in q.topic if not _has_digit(t)]
    if (
        detail is not None
        and detail.kind == "figure"
        and q.primary == "amount"
        and not AMOUNT.search(text)
        and _figure_near(
            text, [t for t in q.topic if not _has_digit(t)], window=W.FIGURE_WINDOW, digits=True
        )
    ):
        return 1.0  # "How much has the hotel been expanded": "20 nye rom", not "for to år"
    if (
        detail is not None
        and detail.kind == "figure"
        and detail.focus
        and q.primary == "amount"
        and not AMOUNT.search(text)
    ):
        # "hvor mye ble antallet aktører redusert": the measured noun is named, and the detail
        # check found a figure next to it, in digits or in words ("fra fem til to").
        return 1.0
    if (
        q.primary in {"amount", "count"}
        and not q.english
        and any(len(t) >= 8 and t in s.unmatched and not _has_digit(t) for t in units)
    ):
        return 0.0  # "medlemskontingenten": the documents never mention what is to be measured
    money = says_money(q)
    if q.primary == "amount" and money and len(q.years) == 1 and not q.period:
        # "budsjettet for 2018": a figure of that year, not of the project that ends in it.
        return float(_amount_of_year(q, s, store))
    if q.primary == "amount":
        return float(
            (kind == "budget" and bool(money))
            or _amount_near(text, units, knowledge(store).vocabulary)
            or _figure_near(text, units, digits=True)  # "fire kommuner" is no sum of money
        )
    if q.primary == "count" and _CHANGE_ASKED.search(q.folded) and not _INCREMENT.search(text):
        # "hvor mange flere innbyggere": an increase ("øke bosetting med 200", "100 nye
        # arbeidsplasser", "vekst på 132"), not how many there are ("29 040 innbyggere").
        return 0.0
    if q.primary == "count":
        sized = re.search(r"\b(hvor stor[te]?|how (large|big|much))\b", q.folded)
        # What is counted may be said by a synonym ("innbyggere": "Øke bosetting med 200").
        synonyms = [y for u in units for y in SYNONYM_STEMS.get(u, ())]
        units = [*units, *compound_words(units, text, store), *synonyms]
        return float((kind == "budget" and bool(sized)) or _figure_near(text, units))
    if q.primary == "people":
        return fit_person(q, s, store)
    if q.primary == "members":
        # Who a body is made of: a text that says so ("har bestått av", "medlemmer").
        return 1.0 if MEMBERS.search(text) else 0.0
    if q.primary == "decision" and kind == "case":
        return 0.0  # a case on a meeting's list is not what was decided (its decision row is)
    if q.primary == "decision" and kind not in {"decision", "case"}:
        return 1.0 if re.search(r"vedt|beslut|bestemt|decid", T.fold(text)) else 0.0
    if q.primary == "deadline":
        return _fit_date(q, s, store)
    if q.primary == "place":
        # "Hvor ble konferansen holdt": a place name after "i" or "på".
        return 1.0 if re.search(r"\b(i|på|at|in) [A-ZÆØÅ][a-zæøå]+", text) else 0.6
    contact = _CONTACT.search(q.folded)
    if contact:
        # "e-posten til Runa Finborud": only a text with an e-mail address answers it.
        word = contact[1]
        if word.startswith(("e", "mail")):
            return float(bool(_EMAIL.search(text)))
        if word.startswith(("tel", "tlf", "mobil")):
            return float(bool(_PHONE.search(text)))
        return float(bool(_ADDRESS.search(text)))
    if q.primary == "owner":
        if kind == "measure":
            fields = knowledge(store).item_row(kind, s.row["ref"]) or {}
            return float(bool(fields.get("owners") or fields.get("owner_text")))
        if kind not in {"person", "decision"} and not names_someone(text, q, s, store):
            return 0.6  # a "who" question answered by text that names nobody: a weak answer
    return 1.0


def named_titles(q: Query, store: Store) -> list[frozenset[str]]:
    """The titles of plans and projects the question names in full ("Sammen om rett aktivitet for
    alle", "Fjellungdom i klimaskiftet"), as their terms: what an answer must be about. A title
    with a year or a period names a kind of plan, not one thing ("Handlingsplan ... 2021-2022")."""

    def titles() -> list[frozenset[str]]:
        out = []
        for plan in store.plans():
            title = plan["title"] if isinstance(plan, dict) else plan.title
            title = re.split(r"\s+[–-]\s+|\s*\(", title)[0]
            terms = frozenset(T.terms(title))
            if len(terms) >= 2 and not any(_has_digit(t) for t in terms):
                out.append(terms)
        return out

    topic = set(q.topic) | set(q.terms)
    return [t for t in knowledge(store).memo("plan_titles", titles) if t <= topic]


def lacking(q: Query, s: Scored, store: Store) -> str | None:
    """What a hit about the topic lacks of what was asked, as a refusal says it ("noe prosenttall
    for «arbeidsledigheten»", "noe om fase 2"), or None when that is not one typed detail."""
    text = f"{s.row['text']} {s.row.get('context') or ''}"
    phase = asked_phase(q)
    detail = asked(q)
    other = phase and (named := phases(text)) and phase not in named
    none = phase and q.primary in {"amount", "count"} and not phases(f"{text} {_title(store, s)}")
    if other or none:
        return missing(detail, q) if detail else f"noe om fase {phase}"
    if detail is None or _holds_detail(q, detail, s, store):
        return None
    return missing(detail, q)


def _holds_detail(q: Query, d: Detail, s: Scored, store: Store) -> bool:
    """Does the hit hold the asked detail near its focus? A grant's outcome and what was
    received are never in the application that asked for it (it was written before)."""
    kind, text = s.row["kind"], s.row["text"]
    application = _is_application(store, s.row.get("document_id"))
    if d.kind == "verdict":
        return not application and holds(d, text)
    if d.kind == "money" and application and received(q):
        return False  # "hvor mye fikk de": an application says what was asked for
    giver = _giver(q, store)
    if d.kind in {"money", "figure", "cost"} and giver:
        # "hvor mye betalte TV2": the sum TV2 gave, not one given to what TV2 broadcast.
        # A fact's subject ("Femundløpet 2017 på TV2") is no giver: its statement is read.
        fields = knowledge(store).item_row(kind, s.row["ref"]) or {}
        source = fields.get("source") if kind == "budget" else None
        if source:
            if not any(is_giver(giver_key(w), g) for w in T.words(T.fold(source)) for g in giver):
                return False
        elif not gives(fields.get("text") or text, giver):
            return False
    if d.kind == "date":
        # The subject whose date is asked must be what the hit is about, and its date known.
        own = s.own | set(T.terms(text))
        wanted = {*d.focus, *_alternatives(d.focus, text, store)}
        if DATE_NOT_SET.search(text) or not any(o.startswith(f) for o in own for f in wanted):
            return False
        fields = knowledge(store).item_row(kind, s.row["ref"]) or {}
        if _FINAL_ASKED.search(q.folded) and "decision" in q.intents and not_final(text):
            return False  # "endelig vedtatt": sending a draft on hearing is not the final one
        if kind == "decision":
            return True
        if fields.get("date") or fields.get("due"):
            # "når ble planen vedtatt": a deadline for comments on it is not when it was decided.
            return "decision" not in q.intents or kind == "meeting" or _decides(text)
        if "decision" in q.intents and not near(text, list(DECIDED), DATE, W.DATE_WINDOW):
            return False  # "når ble planen vedtatt": a date of its revision is not when
        return near_date(text, sorted(wanted))  # a text: a date next to it
    if d.kind == "name":
        return fit_person(q, s, store, named=d.focus) > 0
    if kind == "budget" and d.kind == "cost":
        # A line of the cost plan or a budget frame, not a grant, a share of the financing or a cut.
        line = knowledge(store).item_row(kind, s.row["ref"]) or {}
        return line.get("kind") in {"cost", "budget"}
    if kind == "budget" and d.kind in {"money", "figure"}:
        # A budget line's amount is in its fields: its purpose must name the focus.
        own = s.own | set(T.terms(text))
        wanted = {*d.focus, *_alternatives(d.focus, text, store), *_money_heads(d.focus, store)}
        return not d.focus or any(o.startswith(f) for o in own for f in wanted)
    return holds(d, text, _alternatives(d.focus, text, store))


# The words of a decision in a text ("vedtatt i juni 2020", "godkjent februar 2018").
DECIDED = (
    "vedt",
    "beslut",
    "bestem",
    "godkj",
    "valg",
    "adopt",
    "approv",
    "decid",
    "resolv",
    "chose",
)


# "endelig vedtatt", "finally adopted": the last decision, not a step before it.
_FINAL_ASKED = re.compile(r"\b(endelig\w*|finally|final|til slutt)\b")
# "når ble ... vedtatt", "when was ... adopted": a decision made, not one to be made.
_PAST_ASKED = re.compile(r"\b(ble|vart|var|vedtok|bestemte|was|were|did)\b")
# A step before the final decision: a draft, a proposal, a hearing.
_DRAFT = re.compile(r"\b(utkast\w*|forslag\w*|høring\w*|hoering\w*|draft\w*|proposal)", re.I)
_FINAL = re.compile(r"\b(endelig\w*|sluttbehandl\w*|final\w*)", re.IGNORECASE)


def not_final(text: str) -> bool:
    """Does a text speak of a step before a final decision (a draft sent on hearing) and not
    of the final one?"""
    return bool(_DRAFT.search(text)) and not _FINAL.search(text)


def _decides(text: str) -> bool:
    """Does a text speak of deciding ("vedtas", "godkjent", "adopted")?"""
    return any(T.stem(w).startswith(DECIDED) for w in T.words(T.fold(text)))


def _giver(q: Query, store: Store) -> tuple[str, ...]:
    """The giver a question asks the sum of, as keys a text's words are matched by; English
    words as the documents' words ("municipalities" -> "kommun")."""
    words = payer(q)
    if q.english and words:
        words = tuple(T.fold(w.lower()) for w in T.words(gloss(" ".join(words), Lemmas(store))[0]))
    return tuple(giver_key(w) for w in words)


def _alternatives(stems: tuple[str, ...], text: str, store: Store) -> set[str]:
    """The words of the text a focus word is taken for: its synonyms, what retrieval expands it
    to (other inflections, compounds, a typo's repair), and a compound with the same head when
    the text also has the focus's qualifier ("investeringsfondet" is the "såkornfond" of a text
    about "investeringer"; "driftsbudsjettet" is no budget of a text that never says "drift")."""
    out = {a for f in stems for a in (*SYNONYM_STEMS.get(f, ()), *expand(f, store).alts)}
    out |= compound_words(stems, text, store)
    own = set(T.terms(text))
    for f in stems:
        for qualifier, head in _split(f, knowledge(store).vocabulary):
            if any(o.startswith(qualifier) for o in own):
                out |= {o for o in own if o.endswith(head)}
    return out


def _money_heads(stems: Iterable[str], store: Store) -> set[str]:
    """The money word a compound asked about ends in, when the documents never write its
    qualifier: "kontantmidler" is told by the lines of "midler" (a table says "Midler fra
    kommunene", not "kontant"); "driftsbudsjettet" keeps "drift", which the documents use, so a
    budget of something else is no answer."""
    vocab = knowledge(store).vocabulary
    out = set()
    for f in stems:
        parts = compounds.split(f, compounds.knower(vocab), parts=2)
        if parts and MONEY.match(parts[-1]) and parts[0] not in vocab:
            out.add(parts[-1])
    return out


def compound_words(stems: Iterable[str], text: str, store: Store) -> set[str]:
    """The words of a text that hold the parts of a compound asked about, when it holds them
    all ("vedleggsfila" in "Vedlegg: Regional analyse.pdf, filstørrelse 919 919"): they stand
    for the compound the text never writes whole."""
    own = set(T.terms(text))
    out: set[str] = set()
    for f in stems:
        held = [
            {o for o in own if any(has_part(p, {o}) for p in alts)}
            for alts in expand(f, store).part_alts
        ]
        if held and all(held):
            out |= set().union(*held)
    return out


def _split(word: str, vocab: dict[str, int]) -> list[tuple[str, str]]:
    """A compound's qualifier and head, both words the documents use: "driftsbudsjett" ->
    ("drift", "budsjett")."""
    for i in range(4, len(word) - 3):
        head = word[i:]
        for qualifier in (word[:i], word[: i - 1] if word[i - 1] in "se" else None):
            if qualifier and len(qualifier) >= 4 and qualifier in vocab and head in vocab:
                return [(qualifier, head)]
    return []


def _title(store: Store, s: Scored) -> str:
    return knowledge(store).source(s.row["document_id"]).title


def _counts_only(text: str, n: int) -> bool:
    """Does the text only count the things asked for ("Fire av kommunene leverte ...") without
    naming them?"""
    words = "|".join(NUMBER_WORDS[n])
    return bool(re.search(rf"\b(?:{words})\s+av\b", T.fold(text))) and not states_count(text, n)


def _has_digit(term: str) -> bool:
    return any(c.isdigit() for c in term)


def _amount_near(text: str, units: list[str], vocab: dict[str, int]) -> bool:
    """An amount close to what is asked about ("tilskudd", "budsjett"), or to a word the
    documents use for it: "60 millioner" in a text about a fund does not answer a question
    about a grant."""
    # A compound counts by its head too: "totalbudsjettet" by "budsjett".
    heads = [u[i:] for u in units for i in range(2, len(u) - 4) if u[i:] in vocab]
    wanted = sorted({w for u in [*units, *heads] for w in (u, *SYNONYM_STEMS.get(u, ()))})
    return (
        near_topic(text, wanted, AMOUNT, window=W.AMOUNT_WINDOW)
        if wanted
        else bool(AMOUNT.search(text))
    )


def _amount_of_year(q: Query, s: Scored, store: Store) -> bool:
    """An amount given for one of the asked years: a budget line of that year, or a sentence
    that has both the amount and the year."""
    if s.row["kind"] == "budget":
        year = (knowledge(store).item_row("budget", s.row["ref"]) or {}).get("year")
        return year in q.years if year else any(str(y) in s.row["text"] for y in q.years)
    for sentence in sentences(s.row["text"]):
        if AMOUNT.search(NOT_A_FIGURE.sub(" ", sentence)) and any(
            str(y) in sentence for y in q.years
        ):
            return True
    return False


def _is_application(store: Store, document_id: str | None) -> bool:
    """A document that asks for something (a søknad): its figures are hoped for, not actual."""
    doc = store.document(document_id) if document_id else None
    return bool(doc and T.fold(doc.get("kind") or "") in {"soknad", "application"})


def _fit_date(q: Query, s: Scored, store: Store) -> float:
    """A when-question: a date, near what is asked about; a deadline needs a day."""
    kind, text = s.row["kind"], s.row["text"]
    if kind == "document":
        # The document's own date answers "når er rapporten datert", not when things happen.
        return 1.0 if re.search(r"\bdat|skrevet|utgitt|\bdate", q.folded) else 0.0
    if re.search(r"frist|deadline", q.folded):
        # A deadline is a day: "innen 27. april", "innen utgangen av januar", not "i 2017".
        if kind in {"deadline", "meeting"}:
            return 1.0
        fields = knowledge(store).item_row(kind, s.row["ref"]) or {}
        dated = fields.get("due") or FULL_DATE.search(text)
        return 1.0 if dated and re.search(r"frist|innen|senest|deadline", T.fold(text)) else 0.0
    if "decision" in q.intents and kind not in {"decision", "meeting"} and not _decides(text):
        return 0.0  # "når ble planen vedtatt": a text that decides nothing does not say when
    if "decision" in q.intents and kind == "meeting" and _PAST_ASKED.search(q.folded):
        return 0.0  # "når ble planen vedtatt": a meeting on the calendar decided nothing yet
    if _FINAL_ASKED.search(q.folded) and "decision" in q.intents and not_final(text):
        return 0.0  # "endelig vedtatt": sending a draft on hearing is not the final decision
    fields = knowledge(store).item_row(kind, s.row["ref"]) or {}
    dated = fields.get("due") or fields.get("date") or fields.get("adopted_date")
    # "fordelt etter folketall pr. 1.1.2015": a date things are counted at, not when one happened.
    text = _AS_OF.sub(" ", text)
    if kind in {"deadline", "meeting"} and not dated:
        return 0.0  # a meeting whose date is not set does not say when it is
    if kind == "decision" and not dated and not DATE.search(text):
        return 0.0  # "når ble strategien vedtatt": a decision of no date does not say when
    if kind == "decision" or dated:
        return 1.0
    if _DAY_ASKED.search(q.folded):
        # "hvilken dato", "on what date": a day, not a month or a year.
        return (
            1.0
            if FULL_DATE.search(text) and near_topic(text, q.topic, FULL_DATE, window=8)
            else 0.0
        )
    if DATE.search(text):
        return 1.0 if near_topic(text, q.topic, DATE, window=6) else 0.85
    return 0.8 if YEAR.search(text) else 0.0


_AS_OF = re.compile(r"\b(?:pr\.?|per|as of)\s+\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}", re.IGNORECASE)
_DAY_ASKED = re.compile(r"\b(dato|datoen|date|hvilken dag|what day|which day)\b")
_EMAIL = re.compile(r"@")
_PHONE = re.compile(r"\b\d{8}\b|\b\d{2,3} \d{2} \d{2,3}\b")
_ADDRESS = re.compile(r"\b\d{4}\s+[A-ZÆØÅ]{2,}|\b[A-ZÆØÅ][a-zæøå]+(gata|veien|vegen|alleen)\b")
_CONTACT = re.compile(
    r"\b(e-?post\w*|e-?mail|mail(adresse\w*)?|telefon\w*|tlf|"
    r"mobil(nummer\w*|nr|en)?|adresse\w*|address)\b"
)
# "hvor mange flere/nye ...", "how many more/new ...": a change is asked.
_CHANGE_ASKED = re.compile(
    r"\b(?:hvor|kor|how)\s+(?:mange|many)\s+(?:flere|nye|nya|fleire|ekstra|more|new|additional)\b"
)
# A figure said as a change: "øke ... med minimum 200", "vekst på 132", "100 nye".
_INCREMENT = re.compile(
    r"\b(?:øk|ok|vekst|tilvekst|vokst|increas|grow)\w*\b[^.\d]{0,60}?\b(?:med|på|by|of)\s+"
    r"(?:(?:minimum|minst|ca\.?|omtrent|over|nærmere|rundt|at least|about|around)\s+)?\d|"
    r"\d[\d .,–-]*\s+(?:\w+\s+)?(?:nye|flere|ekstra|new|more|additional)\b",
    re.IGNORECASE,
)
_ACTUAL = re.compile(
    r"\b(faktisk\w*|egentlig|i realiteten|actually|really|in fact)\b", re.IGNORECASE
)
_TARGET = re.compile(r"\b(hovedmål\w*|mål|målet|ønsket|forventet|forventer|skal)\b", re.IGNORECASE)


def _figure_near(text: str, units: list[str], window: int = 3, digits: bool = False) -> bool:
    """A figure close to what is counted: "nærmere 60 studenter", "4 456 innbyggere", but not
    "50 kroner pr innbygger" when people are counted."""
    tokens = T.words(NOT_A_FIGURE.sub(" ", text))
    stems = [T.stem(t) for t in tokens]
    for i, stem in enumerate(stems):
        if len(stem) > 2 and any(
            stem == u or stem.startswith(u) or u.startswith(stem) for u in units
        ):
            for j in range(max(0, i - window), min(len(tokens), i + window + 1)):
                nxt = tokens[j + 1].lower() if j + 1 < len(tokens) else ""
                figure = re.search(r"\d", tokens[j]) if digits else NUMBER.search(tokens[j])
                if figure and (nxt not in {"kroner", "kr"} or "kron" in units):
                    return True
    return False
