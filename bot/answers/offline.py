"""The offline engine: understand the question, look in the structured store, then the passages.

No network and no model. Lists come straight from the store's tables (every matching measure, not
the first); single facts come from the ranked search, and only when the best hit covers the
question's topic well enough, otherwise the engine says plainly that it does not know.
"""

import re
from datetime import date, datetime

from bot import lookup
from bot import text as T
from bot.answers import compose as C
from bot.answers import parts, spelling
from bot.answers import weights as W
from bot.answers.asked import ROLE
from bot.answers.fit import fit, in_span, lacking, named_titles, on_day
from bot.answers.knowledge import knowledge
from bot.answers.lemmas import Lemmas
from bot.answers.lexicon import ENGLISH, INTENT_PATTERNS, KIND_FIT
from bot.answers.lists import asked_count, counted, list_nouns, list_question
from bot.answers.model import NOT_FOUND, Answer, unique_sources
from bot.answers.retrieve import SYNONYM_STEMS, Ranker, Scored, to_item
from bot.answers.someone import places
from bot.answers.understand import PRONOUNS, Query, bokmal, nynorsk, understand
from bot.models import BudgetLineRecord, FactRecord, Item, PersonRecord
from bot.store import Store, row_of

_UPDATABLE = {"measure", "deadline", "meeting", "case", "decision"}

_DEADLINE_WORDS = re.compile(r"\b(frister|fristene|deadlines)\b")
_MINE = re.compile(r"\b(jeg|meg|mine|min|mitt|my|i have)\b")


def answer(
    question: str,
    *,
    store: Store,
    now: datetime,
    asker: str | None = None,
    context: str | None = None,
    part_of: str | None = None,
) -> Answer:
    """`part_of` is the first part of a two-part question this one is the second part of."""
    question = question.strip()
    if not re.search(r"\w", question):  # nothing but spaces or punctuation
        return _refuse(
            question, "Skriv et spørsmål, for eksempel «Hvem har ansvar for mobildekning?»"
        )
    if part_of is None:
        pieces = parts.split(question, places(store))
        if len(pieces) > 1 and nynorsk(question):
            # A part may have no nynorsk word of its own ("... og når slutta den førre
            # prosjektleiaren?"): the whole question's language is each part's.
            vocabulary = knowledge(store).vocabulary
            pieces = [bokmal(p, vocabulary) for p in pieces]
        if len(pieces) > 1:
            return _two_parts(question, pieces, store=store, now=now, asker=asker, context=context)
    today = now.date() if isinstance(now, datetime) else now
    q = _read(question, store, today, context=part_of or context, follows=part_of is not None)
    folded = q.folded  # with typos repaired

    for special in (_time_questions, list_question):
        result = special(q, folded, store, today, asker)
        if result is not None:
            return _counted(q, folded, store, result) or result
    counted = _counted(q, folded, store)
    if counted is not None:
        return counted

    decided = _decided_on_day(q, store)
    if decided is not None:
        return decided
    near: list[Scored] = []
    good = _answerable(q, store, near)
    if not good and (event := _meeting_of_event(q, store)) is not None:
        return _compose(q, store, [to_item(store, event)])
    if not good:
        each = _each_thing(question, store=store, now=now, asker=asker) if part_of is None else None
        return each or _refuse_near(question, q, store, near[0] if near else None)
    if q.primary in {"plan", "list"}:
        group = _group_answer(q, store, good)
        if group is not None:
            return group
    return _compose(q, store, _items(q, store, good, today))


def _read(question: str, store: Store, today: date, *, context=None, follows=False) -> Query:
    """The question read once, with what the store knows (its words, places, people)."""
    return understand(
        question,
        now=today,
        vocabulary=knowledge(store).vocabulary,
        context=context,
        follows=follows,
        places=places(store),
        people=knowledge(store).people_names,
        known_words=lambda: knowledge(store).memo("speller", lambda: spelling.for_store(store)),
        lemmas=Lemmas(store),
    )


def _counted(q: Query, folded: str, store: Store, listed: Answer | None = None) -> Answer | None:
    """A question naming a count ("hva er de tre drivkreftene ...") is answered by the text that
    says it holds that many things and lists them ("... på grunn av 3 motorer:"), though other
    hits cover more of the words. A list from the tables (`listed`) of that many things stands."""
    n = asked_count(folded) if "list" in q.intents or q.primary == "plan" else None
    if not n or listed is not None and listed.body.count("\n• ") == n:
        return None
    good = _answerable(q, store)
    if not good:
        return None
    floor = W.COUNTED_FLOOR * good[0].score
    hit = counted([s for s in good[: W.COUNTED_DEPTH] if s.score >= floor], n)
    if hit is None:
        return None
    answer = _compose(q, store, [to_item(store, hit)])
    return answer.model_copy(update={"kind": "list"})


def _decided_on_day(q: Query, store: Store) -> Answer | None:
    """ "Hva vedtok AU 6. januar?", "what did the working committee decide on 6 January?": the
    decisions of that body made that day, though their words ("videre arbeid gjennomføres i
    tråd med skissert plan") are not the question's and other texts name the day."""
    if q.primary != "decision" or not q.day:
        return None
    rows = knowledge(store).item_row
    made = [
        d
        for d in store.items("decision")
        if d.date
        and (d.date.month, d.date.day) == q.day
        and (not q.bodies or any(T.fold(b) in T.fold(d.body or "") for b in q.bodies))
    ]
    if not made:
        return None

    # Of several decisions that day, those that share the most of the question's words.
    def shared(d) -> int:
        said = set(T.terms(d.text))
        return sum(any(w.startswith(t) for w in said) for t in q.topic)

    most = max(shared(d) for d in made)
    items = [
        Item(
            id=d.id,
            kind="decision",
            text=d.text,
            fields=rows("decision", d.id) or {},
            source=knowledge(store).source(d.document_id, d.quote),
        )
        for d in made
        if shared(d) == most
    ]
    return _compose(q, store, items[:2])


def _two_parts(question: str, pieces: list[str], *, store: Store, now, asker, context) -> Answer:
    """Each part answered from its own best fact, joined in one answer. A part the documents
    do not answer is said to be missing, in a sentence naming it. When no part is answered,
    the question is tried whole: one fact may answer both ("hvor stor ble rammen, og når ble
    den godkjent?")."""
    today = now.date() if isinstance(now, datetime) else now
    first = answer(pieces[0], store=store, now=now, asker=asker, context=context, part_of="")
    answers = [first]
    for piece in pieces[1:]:
        # A later part that says all it asks is answered on its own first; one that names less
        # than it needs ("og hvor mye skulle departementet dekke?") is read with the first part,
        # and asks first of all for another field of the record that answered it ("og hvordan
        # finansieres det?").
        leaning = parts.leans(piece, pieces[0], places(store))
        later = _from_record(piece, pieces[0], first, store, today) if leaning else None
        if later is None and leaning:
            later = _same_line(piece, pieces[0], first, store, today)
        if later is None and not leaning:
            later = answer(piece, store=store, now=now, asker=asker, part_of="")
        if later is None or not later.found:
            lean_on = parts.leaning_context(piece, pieces[0])
            later = answer(piece, store=store, now=now, asker=asker, part_of=lean_on)
        if not later.found and leaning and len(_read(piece, store, today).topic) >= 2:
            # Read with the first part it finds nothing; what it names itself ("og kva står i
            # det endelege høyringsutkastet?") may still be found on its own.
            alone = answer(piece, store=store, now=now, asker=asker, part_of="")
            later = alone if alone.found else later
        answers.append(later)
    answers = _one_fact(pieces, answers, store, today, context)
    answered = [a for a in answers if a.found]
    if not answered:
        whole = answer(question, store=store, now=now, asker=asker, context=context, part_of="")
        return whole if whole.found else _refuse(question, NOT_FOUND)
    return _join(question, answers)


# Words that end the things a question joins with "og": a preposition, or the question's end
# ("nettverksmøter og felles politiske møter i Elverum-prosjektet").
_AFTER_THINGS = {"i", "på", "for", "til", "fra", "ved", "hos", "under", "in", "on", "at", "of"}


def _each_thing(question: str, *, store: Store, now, asker) -> Answer | None:
    """The same question of two things joined by "og" that no text answers whole, since each
    thing is said in its own ("Hvor ofte skal det holdes nettverksmøter og felles politiske
    møter i Elverum-prosjektet?"): each thing asked on its own, and the answers joined. Only
    when each is answered: one known and one unknown thing is no answer to the question."""
    words = question.strip().rstrip("?.! ").split()
    joints = [k for k, w in enumerate(words) if w.lower() in {"og", "and"}]
    if len(joints) != 1 or not 0 < joints[0] < len(words) - 1:
        return None
    k = joints[0]
    end = next((j for j in range(k + 1, len(words)) if words[j].lower() in _AFTER_THINGS), None)
    end = len(words) if end is None else end
    one, other = words[k - 1 : k], words[k + 1 : end]
    if not other or len(other) > W.THING_WORDS or one[0].lower() in T.STOPWORDS:
        return None
    head, tail = words[: k - 1], words[end:]
    pieces = [" ".join(head + one + tail) + "?", " ".join(head + other + tail) + "?"]
    answers = [answer(p, store=store, now=now, asker=asker, part_of="") for p in pieces]
    return _join(question, answers) if all(a.found for a in answers) else None


def _join(question: str, answers: list[Answer]) -> Answer:
    """The parts' answers in one answer; a part whose answer the lines above already say is
    left out."""
    bodies: list[str] = []
    sources = []
    for a in answers:
        body = a.body if a.found else C.missing(a.question)
        if T.collapse(body).lower() in T.collapse("\n".join(bodies)).lower():
            continue
        bodies.append(body)
        if a.found:
            sources += a.sources
    answered = [a for a in answers if a.found]
    return Answer(
        body="\n".join(bodies),
        found=True,
        kind=answered[0].kind,
        sources=unique_sources(sources),
        question=question,
        facts=[f for a in answered for f in a.facts],
    )


# The fields of a record a later part may ask for, by its intent: "og hvordan finansieres
# det?" (financing), "og hvem har ansvaret?" (owner), "og når er fristen?" (deadline).
_RECORD_FIELDS = {
    "measure": {
        "financing": ("Finansiering", lambda f: f.get("financing")),
        "owner": ("Ansvar", lambda f: f.get("owner_text") or ", ".join(f.get("owners") or [])),
        "deadline": ("Frist", lambda f: f.get("due") and C.as_written(f, f.get("text"))),
        "frequency": ("Hyppighet", lambda f: f.get("frequency")),
    },
    "deadline": {
        "owner": ("Ansvar", lambda f: f.get("owner")),
    },
}


def _from_record(piece: str, first_piece: str, first: Answer, store: Store, today: date):
    """A later part that leans on the first and asks for another field of the record that
    answers the first ("Hvem har ansvaret for X, og hvordan finansieres det?"): that field, from
    that record, not the best hit for the later part's few words."""
    if not first.found or not first.facts:
        return None
    fact = first.facts[0]
    fields = _RECORD_FIELDS.get(fact.kind)
    if not fields:
        return None
    q = _read(piece, store, today, context=first_piece, follows=True)
    intent = next((i for i in q.intents if i in fields), None)
    value = fields[intent][1](fact.fields) if intent else None
    if not value or not _about_record(piece, intent, fact, store, today):
        return None
    asked = fields[intent]
    return Answer(
        body=f"{asked[0]}: {C.spelled_out(str(value)).rstrip('.')}.",
        found=True,
        kind=_kind(q, fact),
        sources=[fact.source],
        question=piece,
        facts=[fact],
    )


# The words a later part may say of a budget line's other figure besides its year: the whole
# period ("og hva blir det totalt for perioden?", "og til sammen?").
_WHOLE = set(T.terms("sum totalt total samlet sammen alt hele perioden prosjektperioden period"))


def _same_line(piece: str, first_piece: str, first: Answer, store: Store, today: date):
    """A later part that asks the first part's budget line for one year or for the whole
    period ("Hvor mye skal departementet bidra med, og hvor mye av det i 2015?", "... i 2015, og
    hva blir det totalt for perioden?"): that line of the table in that year, or its sum, not
    the best hit for the later part's few words (a sum row of every line)."""
    if not first.found or not first.facts or first.facts[0].kind != "budget":
        return None
    fact = first.facts[0]
    own = _read(piece, store, today)
    whole = any(t in _WHOLE for t in own.topic)
    if not whole and "amount" not in own.intents and own.primary not in {"amount", "count"}:
        return None
    if len(own.years) == 1 and not own.period:
        year = own.years[0]
    elif whole and not own.years:
        year = None
    else:
        return None
    said = set(T.terms(" ".join(str(v) for v in fact.fields.values() if v)))
    rest = [
        t
        for t in own.topic
        if t not in PRONOUNS and t not in _WHOLE and not t.isdigit() and t not in own.names
    ]
    if not all(t in said or any(x.startswith(t) for x in said) for t in rest):
        return None  # the part speaks of another line ("og hvor mye til prosjektledelse?")
    line = next(
        (
            r
            for r in _budget_lines(store)
            if r.document_id == fact.fields.get("document_id")
            and r.quote == fact.fields.get("quote")
            and r.year == year
        ),
        None,
    )
    if line is None:
        return None
    item = Item(
        id=line.id,
        kind="budget",
        text=line.purpose or fact.text,
        fields=row_of(line),
        source=knowledge(store).source(line.document_id, line.quote),
        score=fact.score,
    )
    q = _read(piece, store, today, context=first_piece, follows=True)
    return _compose(q, store, [item]).model_copy(update={"question": piece})


def _about_record(piece: str, intent: str, fact: Item, store: Store, today: date) -> bool:
    """Does a later part ask only for the field of that record: are the words it says besides
    its words of asking ("når", "funded") all the record's? "Og når sluttet den forrige
    prosjektlederen?" asks about someone else than the record's deadline."""
    patterns = INTENT_PATTERNS[intent]
    rest = " ".join(
        w for w in T.words(T.fold(piece).lower()) if not any(re.search(p, w) for p in patterns)
    )
    own = [t for t in _read(rest, store, today).topic if t not in PRONOUNS]
    said = set(T.terms(" ".join([fact.text, *(str(v) for v in fact.fields.values() if v)])))
    return all(
        t in said or any(len(x) >= 4 and (x.startswith(t) or t.startswith(x)) for x in said)
        for t in own
    )


def _one_fact(
    pieces: list[str], answers: list[Answer], store: Store, today: date, context
) -> list[Answer]:
    """One text among the hits of every part is what the question is about ("Notat som
    ble sendt formannskapene 12. januar ... Fire av kommunene leverte skriftlige
    tilbakemeldinger"): a part that asks for a date, an amount or a figure its own answer does
    not show is answered from that text when it shows it, though another text covers the
    part's own words a little better."""
    reads = [
        _read(p, store, today, context=pieces[0] if k else context, follows=k > 0)
        for k, p in enumerate(pieces)
    ]
    wants = [C.prefer(q) for q in reads]
    if all(want is None for want in wants):
        return answers  # no part asks for a date or a figure
    # Each part's hits about its topic, by how well they cover its words: whether one holds
    # the asked detail is seen in what it shows.
    goods = [
        [s for s in Ranker(store, q).rank() if s.name_ok and s.coverage >= W.COVER]
        if q.topic
        else []
        for q in reads
    ]
    if not all(goods):
        return answers

    def near(good: list[Scored]) -> list[tuple[Item, float]]:
        top = good[0].score
        return [
            (to_item(store, s), s.score / top)
            for s in good[: W.SHARED_DEPTH]
            if s.score >= W.SHARED_FLOOR * top
        ]

    tops = [near(g) for g in goods]
    # A text that answers one part and is among the hits of every other part, or a record read
    # from it ("4 kommuner" from the passage that also says when the notat was sent).
    owns = [a.facts[0] for a in answers if a.found and a.facts]
    best, strength = None, 0.0
    for item, rel in tops[0]:
        others = [max((r for i, r in t if _overlaps(item, i)), default=0.0) for t in tops[1:]]
        held = min(rel, *others)
        if min(others) > 0 and held > strength and any(_overlaps(item, own) for own in owns):
            best, strength = item, held
    if best is None:
        return answers
    out = []
    for q, want, t, a in zip(reads, wants, tops, answers, strict=True):
        own = a.facts[0] if a.found and a.facts else None
        # The part's own text of the shared one: the fullest (a passage rather than a record
        # read from part of it), so that what the part asks is in it.
        mine = [i for i, _ in t if _overlaps(best, i)]
        shows = a.found and want is not None and want.search(a.body.split("\n")[0])
        if (
            want is None
            or not mine
            or shows
            or own is not None
            and any(_overlaps(i, own) for i in mine)
        ):
            out.append(a)
            continue
        item = max(mine, key=lambda i: len(i.text))
        composed = _compose(q, store, [item])
        line = composed.body.split("\n")[0]  # the sentence that shows it
        out.append(composed.model_copy(update={"body": line}) if want.search(line) else a)
    return out


def _overlaps(a: Item, b: Item) -> bool:
    """Is one item's quote part of the other's text: the same text, or a record read from it?"""
    qa, qb = (T.collapse(i.source.quote or i.text).lower() for i in (a, b))
    ta, tb = (T.collapse(i.text).lower() for i in (a, b))
    return qa in tb or qb in ta or qa in qb or qb in qa


def _refuse_near(question: str, q: Query, store: Store, near: Scored | None) -> Answer:
    """Nothing answers the question. When a hit is about the topic but lacks the asked detail (a
    phone number not given, a figure for another year), say so, naming what was asked, and show
    that hit marked as the nearest thing known; its source comes along, so that an internal one is
    never shown in a public channel."""
    item = to_item(store, near) if near is not None else None
    nearest = C.first_sentence(C.describe(item, q), W.NEAREST_WORDS) if item else ""
    if item is None or len(nearest.split()) < W.NEAREST_MIN_WORDS:
        return _refuse(question, NOT_FOUND + _what_i_know(store))
    asked = question.strip().rstrip("?.! ")
    # The nearest hit covers the topic: what it lacks is the asked detail ("noe prosenttall for
    # «arbeidsledigheten»", "noe om fase 2"); said in its words when known.
    on_topic = near.score >= W.FOUND and near.coverage >= W.COVER and near.name_ok
    what = (lacking(q, near, store) if on_topic else None) or f"svar på «{asked}»"
    return Answer(
        body=f"Jeg finner ikke {what} i dokumentene. Det nærmeste jeg finner er: {nearest}",
        found=False,
        kind="none",
        sources=[item.source],
        question=q.text,
    )


def _answerable(q: Query, store: Store, near: list[Scored] | None = None) -> list[Scored]:
    """The ranked hits that cover the question well enough and hold the kind of fact asked for,
    best first. `near` gets the best hit that is about the question but lacks the asked fact."""
    if not q.topic:
        return []
    good = []
    recorded = []
    for s in Ranker(store, q).rank():
        if (
            q.primary == "status"
            and s.row["kind"] in _UPDATABLE
            and s.coverage >= W.STATUS_COVER
            and (knowledge(store).item_row(s.row["kind"], s.row["ref"]) or {}).get("status_at")
        ):
            recorded.append(s)
            continue
        if (
            s.score >= W.FOUND
            and s.coverage >= W.COVER
            and s.name_ok
            and in_span(q, s, store)
            and on_day(q, s, store)
        ):
            factor = fit(q, s, store)
            if factor:
                s.score *= factor
                good.append(s)
            elif near is not None and not near and s.coverage >= W.NEAR_LACKING:
                near.append(s)  # about the topic, without the asked detail
        elif near is not None and not near and s.name_ok and s.coverage >= W.NEAR_COVER:
            near.append(s)
    # A plan or project named by its title ("hvor mye gir regionrådet til «Sammen om rett aktivitet
    # for alle»"): a detail of something that does not speak of it is a detail of something else.
    for title in named_titles(q, store):
        good = [s for s in good if title <= s.own | s.context]
    good.sort(key=lambda s: -s.score)
    if recorded:
        top = max([g.score for g in good] + [s.score for s in recorded])
        for s in recorded:
            s.score = top + s.coverage  # the recorded status first, the closest match first
        good = sorted(recorded, key=lambda s: -s.score) + good
    return good


def _items(q: Query, store: Store, good: list[Scored], today: date) -> list[Item]:
    """The best hit, and those nearly as good that say something else: the question may be
    ambiguous ("KingsCross" is both a delivery and a project), and the user should see both."""
    event = _meeting_of_event(q, store)
    if event is not None:
        return [to_item(store, event)]
    meeting = _meeting_asked(q, store, good, today)
    if meeting is not None and _after_event(q, store) is not None:
        return [to_item(store, meeting)]  # the texts about the event are before it
    shown = None if meeting else _shows_asked(q, store, good)
    best = meeting or shown or good[0]
    if q.primary in {"plan", "list"}:
        # A passage introducing a list ("Følgende innsatsområder ble valgt ut:") brings the
        # list along, so it answers a "what are ..." question best.
        best = next(
            (
                s
                for s in good[:6]
                if s.row["kind"] == "passage"
                and s.row["text"].rstrip().endswith(":")
                and s.coverage >= 0.8 * best.coverage
            ),
            best,
        )
    items = [to_item(store, best)]
    room = 2 if q.primary in {"owner", "plan", "people", "status"} else 1
    floor = W.OTHERS
    if q.primary == "list" and best.row["kind"] in _ONE_THING_EACH:
        # "Hvilke fora skal regionrådet delta i?": the hits about as good as the best, each one
        # thing of the list (a measure each), are all of it.
        room, floor = W.LIST_ROOM, W.LIST_OTHERS
    for other in [s for s in good[: room + 4] if s is not best]:
        if len(items) > room or other.score < floor * best.score:
            break
        cand = to_item(store, other)
        if (
            meeting
            and cand.kind == "meeting"
            and cand.fields.get("body") == items[0].fields.get("body")
        ):
            continue  # the tense picked one meeting of the body; its others are not the answer
        twin = next((i for i in items if _same(cand, i, q)), None)
        if twin is None:
            items.append(cand)
        elif twin.kind == "passage" and cand.kind != "passage":
            items[items.index(twin)] = cand  # the same fact, as a structured item: cite that
    items += _each_named_thing(q, store, good, best, items)
    # Structured facts before passages: of hits about as good, the one of the asked kind (a
    # deadline for "frist", a measure for "hvem har ansvar") is shown first.
    fit_of = (
        KIND_FIT["meeting" if meeting else q.primary]
        if meeting or q.primary in KIND_FIT
        else KIND_FIT["plan"]
    )
    items.sort(key=lambda i: -fit_of.get(i.kind, 0.2))
    if shown is not None:  # the one hit that shows the asked date or amount stays first
        items.sort(key=lambda i: i.id != shown.row["ref"])
    return items


def _budget_lines(store: Store) -> list[BudgetLineRecord]:
    """Every budget line, as records once per version of the data."""
    return knowledge(store).memo("budget_lines", lambda: store.table("budget_lines"))


def _facts(store: Store) -> list[FactRecord]:
    """Every fact, as records once per version of the data."""
    return knowledge(store).memo("facts", lambda: store.table("facts"))


def _has_term(t: str, terms: set[str]) -> bool:
    return t in terms or any(o.startswith(t) for o in terms)


def _each_named_thing(
    q: Query, store: Store, good: list[Scored], best: Scored, items: list[Item]
) -> list[Item]:
    """A question about two things joined by "og" ("hvor ofte er nettverksmøter og felles
    politiske møter?") whose shown facts hold only one: the best fact of the same kind that
    holds the other thing's word, so that both are answered."""
    words = T.words(q.folded)
    joints = [k for k, w in enumerate(words) if w in {"og", "and"} and 0 < k < len(words) - 1]
    if not joints:
        return []
    # The words right next to "og": the two things named.
    beside = {T.stem(words[k + d]) for k in joints for d in (-1, 1)}
    shown = {i.id for i in items}
    chosen = [s for s in good if s.row["ref"] in shown] or [best]
    lacking = [
        t
        for t in q.topic
        if t in beside and t not in q.names and not any(_has_term(t, s.own) for s in chosen)
    ]
    if not lacking:
        return []
    extra = next(
        (
            s
            for s in Ranker(store, q).rank()[: W.SHARED_DEPTH * 2]
            if s.row["ref"] not in shown
            and s.row["kind"] == best.row["kind"]
            and s.name_ok
            and s.score >= W.SHARED_FLOOR * best.score
            and any(_has_term(t, s.own) for t in lacking)
        ),
        None,
    )
    return [to_item(store, extra)] if extra is not None else []


def _whole_period(q: Query, store: Store, items: list[Item]) -> list[Item]:
    """A budget table's figure for one year answers a question that names no year only in
    part: the row's sum for the whole period is the answer ("Midler fra kommunene: 900 000"),
    when the table gives one. Items already shown are not repeated."""
    if q.years or q.period:
        return items
    out: list[Item] = []
    for item in items:
        f = item.fields
        if item.kind == "budget" and f.get("year"):
            total = next(
                (
                    r
                    for r in _budget_lines(store)
                    if r.document_id == f["document_id"]
                    and r.quote == f["quote"]
                    and not r.year
                    and r.id != f["id"]
                ),
                None,
            )
            if total is not None:
                item = Item(
                    id=total.id,
                    kind="budget",
                    text=total.purpose or item.text,
                    fields=row_of(total),  # the row, as `knowledge.item_row` gives it
                    source=knowledge(store).source(total.document_id, total.quote),
                    score=item.score,
                )
        if all(i.id != item.id for i in out):
            out.append(item)
    return out


def _shows_asked(q: Query, store: Store, good: list[Scored]) -> Scored | None:
    """An answer to "når", "hvor mye" or "hvor mange" must show a date, an amount or a figure.
    When the best hit's answer shows none ("... tilbakemeldinger i januar"), the first of those
    nearly as good whose answer does ("Notat som ble sendt formannskapene 12. januar") comes
    first."""
    want = C.prefer(q)
    # "Hvor mange innbyggere hadde regionen i 2001?", "what was the growth in 2016?": what is
    # shown must be that year's, in a text that names the year (not "29040 innbyggere 2014").
    year = str(q.years[0]) if len(q.years) == 1 and not q.period else None
    if want is None and year is None:
        return None

    def shows(s: Scored, text: str | None = None) -> bool:
        text = text if text is not None else C.describe(to_item(store, s), q).split("\n")[0]
        if year and (want is None or C.YEAR.search(text)) and year not in text:
            return False  # a figure for another year, or none for this one
        return want is None or bool(want.search(C.best_sentences(text, q.topic, 30, want)))

    if shows(good[0]):
        return None
    floor = W.SHOWS_FLOOR * good[0].score
    # The fact's own words must hold it: the date a decision was made is not the date of what
    # the decision speaks of.
    return next(
        (
            s
            for s in good[1 : W.SHOWS_DEPTH]
            if s.score >= floor and shows(s, to_item(store, s).text)
        ),
        None,
    )


_FRIST_ASKED = re.compile(r"\b(frist\w*|deadline\w*|innen|senest|due)\b")
_PAST = re.compile(r"\b(var|ble|vart|hadde|la|gikk|vedtok|behandlet|fikk|was|were|did|held|had)\b")


# "AU-møtet der regionrådslederen skisserte planen", "the meeting at which ...": a meeting named
# by what happened at it (folded question text; "møte" may end a compound: "regionrådsmøtet").
_EVENT_MEETING = re.compile(
    r"mot(?:e|et)\s+(?:der|hvor|som|da|kor|kvar)\b|"
    r"\bmeeting\s+(?:where|at which|in which|during which|when|that|which)\b"
)


_FUTURE = re.compile(r"\b(skal|vil|blir|will|shall|is to|are to|is going to)\b")


def _meeting_of_event(q: Query, store: Store) -> Scored | None:
    """A question about a meeting named by what happened at it is answered with the meeting
    most of the texts about that event belong to: a decision or a case of the meeting, or a
    text naming the meeting's date ("Plan for arbeidet (AU 6. januar 2021)"). The best-matching
    meeting by its own title would be another meeting about the same thing."""
    clause = _EVENT_MEETING.search(q.folded)
    if not clause or not {"deadline", "meeting"} & {q.primary}:
        return None  # "hvem ledet møtet der ..." asks for someone, not for the meeting
    if _FUTURE.search(q.folded[clause.end() :]):
        return None  # "møtet der planen skal behandles": the next such meeting, by tense
    ranked = Ranker(store, q).rank()
    if not ranked:
        return None
    floor = W.EVENT_FLOOR * ranked[0].score
    hits = [s for s in ranked[: W.EVENT_DEPTH] if s.score >= floor and s.name_ok]
    rows = knowledge(store).item_row
    # The meetings the ranking knows, by ref; of the body the question names, if it names one.
    meetings = {
        s.row["ref"]: s
        for s in ranked
        if s.row["kind"] == "meeting"
        and s.name_ok
        and _of_bodies([rows("meeting", s.row["ref"]) or {"body": ""}], q.bodies)
    }
    dated = {
        ref: date.fromisoformat(m["date"])
        for ref in meetings
        if (m := rows("meeting", ref) or {}).get("date")
    }
    votes: dict[str, float] = {}
    sure: set[str] = set()  # meetings a hit about the event as a whole belongs to
    for s in hits:
        kind = s.row["kind"]
        if kind == "meeting":
            linked = {s.row["ref"]}
        elif kind in {"case", "decision"}:
            linked = {(rows(kind, s.row["ref"]) or {}).get("meeting_id")}
        else:
            days = {
                T.parse_date(m.group(0), default_year=d.year)
                for m in C.DATE.finditer(s.row["text"])
                for d in dated.values()
            }
            linked = {ref for ref, d in dated.items() if d in days}
        for ref in linked & set(meetings):
            votes[ref] = votes.get(ref, 0.0) + s.score
            if s.score >= W.FOUND and s.coverage >= W.COVER:
                sure.add(ref)
    best = max(votes, key=lambda ref: votes[ref], default=None)
    return meetings[best] if best in sure else None


_AFTER = re.compile(r"\b(?:etter|after|following)\s+(?:the\s+|a\s+)?([^\W\d]{4,})")


def _after_event(q: Query, store: Store) -> date | None:
    """The last day of the event a question places its meeting after ("etter høringen", "after
    the consultation"): the latest date the best texts naming the event give (the hearing's
    deadline, the day it was sent out)."""
    m = _AFTER.search(q.folded)
    if not m:
        return None
    word = T.fold(ENGLISH.get(m[1], m[1]).split()[0])
    stem = T.stem(word)
    days: list[date] = []
    rows = knowledge(store).item_row
    for s in Ranker(store, q).rank()[: W.EVENT_DEPTH]:
        if not any(t.startswith(stem) for t in T.terms(s.row["text"])):
            continue
        if s.row["kind"] in {"deadline", "decision"}:
            row = rows(s.row["kind"], s.row["ref"]) or {}
            when = row.get("due") or row.get("date")
            if when:
                days.append(date.fromisoformat(when))
    return max(days, default=None)


def _meeting_asked(q: Query, store: Store, good: list[Scored], today: date) -> Scored | None:
    """A question about when a body meets or handles something ("når skal AU behandle planen",
    "when is the meeting that ...") is answered with a meeting, not with a deadline or decision
    about the same thing. Of the meetings about as good, the tense of the question picks: the
    next one for "skal", "har", "will"; the last one before today for "var", "ble", "was"; a
    meeting whose date is not set comes last."""
    if "meeting" not in q.intents or _FRIST_ASKED.search(q.folded):
        return None
    top = good[0].score
    meetings = [s for s in good[:8] if s.row["kind"] == "meeting" and s.score >= 0.85 * top]
    after = _after_event(q, store)
    if after is not None:
        # "når skal AU behandle planen etter høringen": a meeting after the hearing's last day,
        # though a text about the hearing itself matches the words better.
        rows = knowledge(store).item_row
        later = [
            s
            for s in good
            if s.row["kind"] == "meeting"
            and (rows("meeting", s.row["ref"]) or {}).get("date", "") > after.isoformat()
            and _of_bodies([rows("meeting", s.row["ref"]) or {"body": ""}], q.bodies)
        ]
        meetings = [s for s in meetings if s in later] or later or meetings
    if not meetings:
        return None
    past = bool(_PAST.search(q.folded))
    day = today.isoformat()

    def order(s: Scored) -> tuple:
        when = (knowledge(store).item_row("meeting", s.row["ref"]) or {}).get("date") or ""
        if not when:
            return (2, 0.0, -s.score)
        ahead = when >= day
        if past:  # the latest meeting before today first
            return (int(ahead), -date.fromisoformat(when).toordinal(), -s.score)
        return (
            int(not ahead),
            date.fromisoformat(when).toordinal() * (1 if ahead else -1),
            -s.score,
        )

    meetings.sort(key=order)
    return meetings[0]


def _compose(q: Query, store: Store, items: list[Item]) -> Answer:
    items = _whole_period(q, store, items)
    listed = _listed(q, items)
    if listed is not None:
        return listed
    lines = C.brief([C.describe(i, q) for i in items], q, [i.source.title for i in items])
    first = items[0]
    if first.kind == "passage" and first.text.rstrip().endswith(":"):
        lines[0] += _list_after(store, first)
    if first.kind == "goal" and q.primary in {"plan", "list", "status"}:
        # "Hva sier planen om mobildekning?": the goal and what is to be done about it.
        measures = knowledge(store).measures(plan_ids=[first.fields["plan_id"]])
        lines[0] += "".join(
            f"\n• {m.text}" + (f" (ansvar: {m.owner_text})" if m.owner_text else "")
            for m in measures
            if m.goal_id == first.id
        )
    lines[0] = C.lead(lines[0])
    body = "\n".join(lines)
    sources = [i.source for i in items]
    if q.primary == "status" and first.fields.get("status_at"):
        sources.insert(0, C.update_source(first))
    return Answer(
        body=body,
        found=True,
        kind=_kind(q, first),
        sources=sources,
        question=q.text,
        facts=items,
    )


_ONE_THING_EACH = {"measure", "organisation", "goal", "deadline", "meeting", "case", "decision"}


def _listed(q: Query, items: list[Item]) -> Answer | None:
    """A list question answered by several records of one kind from one document (a measure
    each: "Delta i Jernbaneforum ...", "Delta i Vegforum RV3 ..."): each one on its line, in
    its own words, under the document's name; not the first in full and the others cut."""
    kinds = {i.kind for i in items}
    titles = {i.source.title for i in items}
    if q.primary != "list" or len(items) < 3 or len(kinds) > 1 or len(titles) > 1:
        return None
    if not kinds <= _ONE_THING_EACH:
        return None  # a passage or a fact may hold the asked thing anywhere in it
    lines = []
    for i in items:
        text = i.fields.get("text") or i.text
        owner = i.fields.get("owner_text") if i.kind == "measure" else None
        lines.append(f"{text} (ansvar: {owner})" if owner else text)
    title = C.short_title(items[0].fields.get("plan_title")) or items[0].source.title
    return Answer(
        body=C.list_answer(f"{title}:", lines),
        found=True,
        kind="list",
        sources=[i.source for i in items],
        question=q.text,
        facts=items,
    )


def _group_answer(q: Query, store: Store, good: list) -> Answer | None:
    """When the best hits are items of one list (facts with one subject, passages under one
    heading: "Kritiske suksessfaktorer ..."), the question asks for that list: give all of it."""
    best = good[0].score
    named = [t for t in q.topic if t not in q.names and t not in good[0].unmatched]
    nouns = list_nouns(q)

    def holds(heading: set[str], t: str) -> bool:
        return any(h.startswith(w[:5]) for h in heading for w in {t, *SYNONYM_STEMS.get(t, ())})

    # The list the hits about as good as the best stand in (W.GROUP_FLOOR): at least
    # W.GROUP_HITS of them, or two when the list's name is the noun the question asks a list of
    # ("hvilke vedlegg" and facts under "Vedlegg").
    keys = [k for s in good[:8] if s.score >= W.GROUP_FLOOR * best and (k := _group_key(store, s))]
    chosen = []
    for key in dict.fromkeys(keys):
        heading = set(T.terms(key[1]))
        # The list's own name must be what is asked about, not where the hits happen to stand.
        covered = sum(holds(heading, t) for t in named)
        asked = any(holds(heading, t) for t in nouns)
        if not named or covered < 0.5 * len(named) and not asked:
            continue
        if keys.count(key) >= (2 if asked else W.GROUP_HITS):
            chosen.append((asked, keys.count(key), key))
    if not chosen:
        return None
    kind, name, document_id = max(chosen)[2]
    if kind == "fact":
        rows = [r for r in _facts(store) if r.subject == name]
        lines = [r.text for r in rows]
        quote = rows[0].quote
    else:
        passages = [p for p in store.passages(document_id) if p.section == name]
        lines = [p.text for p in passages]
        quote = None
    source = knowledge(store).source(
        document_id, quote, section=name if kind == "passage" else None
    )
    body = C.list_answer(f"{name}:", lines[:20])
    return Answer(
        body=body,
        found=True,
        kind="list",
        sources=[source],
        question=q.text,
    )


def _group_key(store: Store, s) -> tuple[str, str, str] | None:
    row = s.row
    if row["kind"] == "fact":
        subject = (knowledge(store).item_row("fact", row["ref"]) or {}).get("subject")
        return ("fact", subject, row["document_id"]) if subject else None
    if row["kind"] == "passage":
        section = (knowledge(store).item_row("passage", row["ref"]) or {}).get("section")
        return ("passage", section, row["document_id"]) if section else None
    return None


def _list_after(store: Store, item: Item, limit: int = 12) -> str:
    """A passage that introduces a list ("Følgende innsatsområder ble valgt ut:") is answered
    with the list that follows it in the same section."""
    rows = store.passages(item.fields["document_id"])
    seq = item.fields["seq"]
    out = []
    for row in rows[seq + 1 : seq + 1 + limit]:
        if row.section != item.fields["section"] or row.text.rstrip().endswith(":"):
            break
        out.append(f"\n• {row.text}")
    return "".join(out)


def _same(a: Item, b: Item, q: Query | None = None) -> bool:
    if a.kind == b.kind == "person" and a.id != b.id and q is not None and _two_roles(q):
        return False  # two roles asked ("leder og nestleder"), quoted from one sentence: two people
    qa, qb = T.collapse(a.source.quote or a.text), T.collapse(b.source.quote or b.text)
    return qa in qb or qb in qa


def _two_roles(q: Query) -> bool:
    """Does the question ask for two roles ("hvem var leder og nestleder")?"""
    return sum(bool(ROLE.search(t)) for t in q.topic if t not in q.names) >= 2


def _kind(q: Query, item: Item) -> str:
    intent = q.primary
    mapping = {
        "owner": "owner",
        "deadline": "deadline",
        "decision": "decision",
        "meeting": "meeting",
        "amount": "amount",
        "count": "amount",
        "status": "status",
        "frequency": "meeting",
        "financing": "amount",
        "case": "meeting",
        "people": "people",
        "members": "people",
        "list": "list",
    }
    if intent == "deadline" and item.kind == "meeting":
        return "meeting"  # "når skal AU behandle planen?" answered with AU's meeting
    if intent in mapping:
        return mapping[intent]
    return "passage" if item.kind == "passage" else "plan"


def _refuse(question: str, text: str) -> Answer:
    return Answer(body=text, found=False, kind="none", question=question)


def _what_i_know(store: Store, most: int = 5) -> str:
    """What the knowledge base holds, so a refusal says where to look instead. Only public
    documents are named: a refusal has no sources, so it may be shown in any channel."""

    def titles() -> str:
        public = [d for d in store.documents() if d.access == "offentlig"]
        docs = sorted(public, key=lambda d: d.origin != "knowledge")
        names = [f"«{d.title}»" for d in docs[:most]]
        more = f" og {len(docs) - most} andre" if len(docs) > most else ""
        return f" Kunnskapsbasen har blant annet {T.join_and(names)}{more}." if names else ""

    return knowledge(store).memo("what_i_know", titles)


# --- questions about time: "frister denne måneden", "neste møte i AU" --------------------------


def _time_questions(q: Query, folded: str, store: Store, today: date, asker: str | None):
    """Questions about the calendar rather than a topic: "neste AU-møte", "frister i mai",
    "hvilke møter er det i mai", "hva skjer neste uke"."""
    wants_deadlines = bool(_DEADLINE_WORDS.search(folded))
    wants_next_meeting = bool(
        re.search(r"\bneste\b.*\bmote|\bnext meeting|\bkommende mote", folded)
    )
    wants_meetings = bool(re.search(r"\b(moter|motene|meetings)\b", folded))
    wants_calendar = bool(re.search(r"\b(hva skjer|what happens|kalender\w*)\b", folded))
    if wants_next_meeting:
        return _next_meeting(q, store, today)
    about_time = q.span and (wants_deadlines or wants_meetings or wants_calendar)
    if not about_time and not (wants_deadlines and not q.topic):
        return None
    start, end = q.span or (today, None)
    span = (
        f"{T.format_date(start, weekday=False)}–{T.format_date(end, weekday=False)}"
        if end
        else f"etter {T.format_date(start)}"
    )
    entries: list[tuple[str, str, dict]] = []
    if wants_deadlines or wants_calendar:
        rows = lookup.deadlines(store, start, end)
        if asker and _MINE.search(folded):
            me = _asker(store, asker)
            rows = [r for r in rows if lookup.owned_by(r["owner"], me)]
        label = "Frist: " if wants_meetings or wants_calendar else ""
        entries += [(r["due"], f"{label}{r['what']}", r) for r in rows]
    if wants_meetings or wants_calendar:
        rows = _of_bodies(lookup.meetings(store, start, end), q.bodies)
        entries += [
            (m["date"], f"Møte i {m['body']}" + (f": {m['title']}" if m["title"] else ""), m)
            for m in rows
        ]
    what = (
        "Frister"
        if not (wants_meetings or wants_calendar)
        else ("Møter" if not (wants_deadlines or wants_calendar) else "Frister og møter")
    )
    if not entries:
        return _refuse(q.text, f"Jeg finner ingen {what.lower()} {span} i kunnskapsbasen.")
    entries.sort(key=lambda e: e[0])
    lines = [f"{T.format_date(date.fromisoformat(when))}: {text}" for when, text, _ in entries]
    sources = [_src(row) for _, _, row in entries]
    return Answer(
        body=C.list_answer(f"{what} {span}:", lines),
        cite="titles",
        found=True,
        kind="deadline" if what == "Frister" else "meeting",
        sources=sources,
        question=q.text,
    )


def _of_bodies(meetings: list[dict], bodies: list[str]) -> list[dict]:
    """The meetings of the bodies a question names ("neste møte i AU"), or all of them."""
    if not bodies:
        return meetings
    return [m for m in meetings if any(T.fold(b) in T.fold(m["body"]) for b in bodies)]


def _next_meeting(q: Query, store: Store, today: date) -> Answer:
    rows = _of_bodies(lookup.meetings(store, today, None), q.bodies)
    if not rows:
        return _refuse(q.text, f"Jeg finner ingen planlagte møter etter {T.format_date(today)}.")
    m = rows[0]
    cases = "".join(
        f"\n• Sak {c['number']}: {c['title']}" if c["number"] else f"\n• {c['title']}"
        for c in m["cases"]
    )
    text = C.describe(Item(id=m["id"], kind="meeting", text="", fields=m, source=_src(m)), q)
    return Answer(
        body=text + cases,
        found=True,
        kind="meeting",
        sources=[_src(m)],
        question=q.text,
    )


def _src(row: dict):
    from bot.models import Source

    return Source.model_validate(row["source"])


def _asker(store: Store, asker: str) -> PersonRecord:
    """The person behind the asker (a person's name, or a Slack user id); one the store does not
    know owns what names them."""
    return (
        store.person(asker)
        or next((p for p in knowledge(store).people if p.slack_user_id == asker), None)
        or PersonRecord(name=asker)
    )
