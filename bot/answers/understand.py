"""What a question asks for and about what: intents, topic terms, and filters (plan, body, time).

Pure functions of the question text, `now` and the store's vocabulary; no ranking here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from bot import text as T
from bot.answers import joins, language, translation
from bot.answers import weights as W
from bot.answers.language import is_common
from bot.answers.lemmas import Lemmas
from bot.answers.lexicon import (
    AFTER_PROJECT,
    BODIES,
    ENGLISH,
    ENGLISH_PHRASES,
    FROM_NOW,
    INTENT_PATTERNS,
    NYNORSK_SPELLINGS,
    NYNORSK_WORDS,
    REGARDING,
)
from bot.answers.spelling import Speller

# Words that name what kind of fact is wanted rather than what it is about; they help find the
# right kind of row but must not decide whether the topic was found.
ASK_WORDS = set(
    T.terms(
        "ansvar ansvarlig ansvaret frist fristen dato når vedtak vedtatt vedtok besluttet bestemte "
        "møte møtet møter hvor mye hvor mange status "
        "resultat resultater hvilke hvilken list liste oppgi nevn hvem er var skal skulle sier står "
        "sak saken saksnummer ifølge gjelder hva om dokument "
        "datert ble har hadde ha tok over følge opp inn ta gang ganger nytt ny ofte hyppig år året "
        "høsten våren sommeren vinteren første to tre fire fem seks sju syv åtte ni ti "
        "planlagt "
        # where something is written, not what: "hvilke aktører er nevnt i planen", "listed in"
        "nevnt nevnes omtalt omtales mentioned listed "
        # "hvor stort er fondet", "hvor høy var ledigheten": the size asked, not the topic
        "stor stort høy høyt "
        # intention: "hvem er tenkt å", "who is supposed to" say how, not what is asked about
        "tenkt ment meint meningen supposed intended expected going",
        keep_stopwords=True,
    )
)

# "hvor mye skal (hver) kommune bidra": the verb after a modal and the subject.
_AMOUNT_VERB = re.compile(
    r"\b(?:hvor mye|kor mykje)\s+(?:skal|skulle|vil|ville|kan|kunne|ma|matte|bor|har|hadde|"
    r"fikk|skal|vart|ble)\s+(?:(?:hver|hvert|kvar|alle|de|dei|den|det)\s+)?\w+\s+(\w+)"
)

_CHANGE = re.compile(r"\b(?:hvor|kor|how)\s+(?:mange|many)\s+(flere|fleire|nye|more|new)\b")
_MEASURED_VERB = re.compile(
    r"\b(?i:hvor|kor)\s+(?i:mye|mange|mykje)\s+(?:(?i:flere|fleire|nye|ekstra)\s+)?\w+\s+"
    r"([a-zæøå]\w*)\s+[A-ZÆØÅ]"
)

PRONOUNS = {
    "den", "det", "dette", "denne", "disse", "dem", "de", "vedkommende", "han", "hun", "ho",
    "dei", "it", "that", "this", "them", "he", "she", "they",
}  # fmt: skip

_PERIOD = re.compile(r"(?<![/\d])\b(20\d\d|\d\d)\s*[-–]\s*(20\d\d|\d\d)\b(?!/)")
PHASE = re.compile(r"\b(?:fase|phase)\s*(\d)\b", re.IGNORECASE)
_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")
_PHONE = re.compile(
    r"\b(tlf\.?\s*(nr|nummer)\.?|telefon\s*(nr|nummer)\.?|telefonnr|telefonnummer|"
    r"tlf\.?|phone number)",
    re.IGNORECASE,
)
_YES_NO_STARTS = set(
    "fikk ble har hadde er var kom gikk finnes fins stemmer did does do is was were has have "
    "are can will".split()
)
# The clause that names where the answer is written: "ifølge protokollen fra januarmøtet".
_SOURCE = re.compile(
    r"\b(?:ifølge|i følge|ifolge|etter det som står i|according to|as stated in)\s+([^,;?.!]+)",
    re.IGNORECASE,
)
# The verb of a who-question: the word after "hvem"/"who", or after its modal.
_WHO_VERB = re.compile(
    r"\b(?:hvem|who)\s+(?:(?:skal|skulle|bør|bor|kan|kunne|vil|ville|should|shall|will|would|"
    r"could|can)\s+)?(\w+)",
    re.IGNORECASE,
)
_ALONE = re.compile(r"\b(alene|aleine|alone|only|eneansvar)\b")


@dataclass
class Query:
    text: str
    intents: list[str]
    terms: list[str]  # all stemmed topic terms (ask words included)
    topic: list[str]  # the terms that say what the question is about
    names: list[str]  # proper names the answer must concern (folded, stemmed)
    years: list[int] = field(default_factory=list)
    period: tuple[int, int] | None = None  # a plan period named, e.g. (2021, 2022)
    bodies: list[str] = field(default_factory=list)
    alone: bool = False
    span: tuple[date, date] | None = None  # a time span named ("i mai", "neste uke")
    english: bool = False
    soft: set[str] = field(default_factory=set)  # words that may be paraphrased ("hvem laget")
    # Terms of English words the bilingual dictionary translated (not the glossary): a general
    # dictionary's word is less surely the documents' word than the council's own glossary's.
    translated: set[str] = field(default_factory=set)
    day: tuple[int, int] | None = None  # a day named (month, day): "på møtet 26. mai"
    # The words of a clause that says where the answer is written ("ifølge protokollen fra
    # januarmøtet"): any word of the row's document may hold them.
    cited: set[str] = field(default_factory=set)
    alternatives: dict[str, set[str]] = field(default_factory=dict)  # from English glosses
    yesno: bool = False  # "Fikk planen penger?": the answer is a statement, not an amount
    # A follow-up or a second part: the question it leans on, and the topic words taken from it
    # (they count for less than the question's own words).
    phase: int | None = None  # a phase named: "i fase 2"
    leans_on: str = ""
    surface: dict[str, str] = field(default_factory=dict)  # term -> the word as the user wrote it
    inherited: set[str] = field(default_factory=set)
    # The question as read once, for everything after: `text` folded (T.fold), its words as
    # written, the language it was asked in ("nb", "nn", "en"), and the lemma of each word the
    # lemma tables read ("vedteke" -> "vedta").
    folded: str = ""
    words: list[str] = field(default_factory=list)
    lang: str = "nb"
    lemmas: dict[str, str] = field(default_factory=dict)
    # Compounds the question wrote as two words ("lokal mat"), read as the documents' one word,
    # with their parts (joins.py): a row writing the parts apart counts too.
    joined: dict[str, list[str]] = field(default_factory=dict)

    @property
    def primary(self) -> str:
        return self.intents[0] if self.intents else "plan"


def gloss(
    text: str, lemmas: Lemmas | None = None, translated: set[str] | None = None
) -> tuple[str, dict[str, set[str]]]:
    """English words replaced by the Norwegian word the documents use; Norwegian words kept.

    A word the glossary lacks is looked up by its English lemma ("partners" -> "partner"). A
    gloss with several words ("areas" -> "områder innsatsområder") gives one word and its
    alternatives (stemmed), so one English word counts as one word of the question. A word the
    glossary lacks is translated by the bilingual dictionary (`_translated`); the stems of those
    translations go into `translated`.
    """
    out = []
    alternatives: dict[str, set[str]] = {}
    for phrase, norwegian in ENGLISH_PHRASES.items():
        text = re.sub(rf"\b{re.escape(phrase)}\b", norwegian, text, flags=re.IGNORECASE)
    words = T.words(text)
    english = (
        lemmas.of([w for w in words if w.lower() not in ENGLISH], english=True) if lemmas else {}
    )
    vocabulary = lemmas.vocabulary if lemmas else None
    for w in words:
        lw = w.lower()
        if lw not in ENGLISH and lw in english:
            lw = english[lw].lemma
        if lw not in ENGLISH and lw[-1:] == "s" and w[:-1].isupper() and lw[:-1] in ENGLISH:
            lw = lw[:-1]  # an abbreviation's plural: "FTEs", "KPIs"
        if lw not in ENGLISH and language.english_stopword(lw):
            continue
        glossed = ENGLISH.get(lw, "").split()
        if not glossed:
            glossed = _translated(w, lw, vocabulary)
            if glossed is None:
                continue  # a word of asking
            if translated is not None:
                translated.update(T.stem(g) for g in glossed)
        glossed = glossed or [w]
        out.append(glossed[0])
        if len(glossed) > 1:
            alternatives.setdefault(T.stem(glossed[0]), set()).update(
                T.stem(g) for g in glossed[1:]
            )
    return " ".join(out), alternatives


def _translated(word: str, lemma: str, vocabulary: dict[str, int] | None) -> list[str] | None:
    """An English word the glossary lacks, by the bilingual dictionary (translation.py): its
    translations the index holds, first sense first; [] when it holds none, or when the word
    is one the documents use themselves and no clearer English than Norwegian ("plan"). None:
    the word is a word of asking ("mention" -> "nevne"), no topic word. A verb is not translated
    otherwise: it says how the question is put ("grew"), the documents word it their own way."""
    if not vocabulary:
        return []
    low = word.lower()
    if T.stem(low) in vocabulary and language.zipf(low, "en") - language.zipf(low, "nb") < (
        W.LANGUAGE_MARGIN
    ):
        return []
    verbs = translation.as_verb(low) or translation.as_verb(lemma)
    if any(T.stem(v) in ASK_WORDS for v in verbs):
        return None
    found = translation.norwegian(low) or translation.norwegian(lemma)
    return [t for t in found if " " not in t and t not in T.STOPWORDS and T.stem(t) in vocabulary]


_MEMBERS_ASKED = re.compile(
    r"\b(?:hvem|kven|who)\s+(?:utgjor\w*|utgjer|make up|makes up|made up|formed)\b|"
    r"\b(?:hvem|kven|who)\s+(?:har\s+|hadde\s+|have\s+|has\s+|had\s+)?(?:sittet|vaert med|"
    r"vaert medlem\w*|deltatt|been)\s+(?:i|in|on|av|of)\b|"
    r"\b(?:hvem|kven|who)\s+(?:satt|sitter|sit|sat|sits|var med|er med|er medlem\w*|deltok|"
    r"is|are|was|were)\s+(?:i|in|on|av|of)\b(?!\s+(?:charge|ansvar))|\bmedlem\w* (?:i|av)\b|\bmembers? of\b|"
    r"\bhvem besto\b|\bhvem bestar\b|\bsammensatt\b|\bsammensetning\w*"
)


_REGARDING = re.compile(REGARDING, re.IGNORECASE)
_AFTER_PROJECT = re.compile(AFTER_PROJECT, re.IGNORECASE)
_FROM_NOW = re.compile(FROM_NOW, re.IGNORECASE)
CARRIED_ON = T.stem("videreføre")  # the documents' word for work carried on after a project
_FIGURES = ("amount", "count")
# "Hvem er tenkt å ...", "who is supposed to ...": who is to do a task, not who someone is.
_MEANT_TO = r"\b(?:hvem|kven|who) (?:er|var|is|was) (?:tenkt|ment|meint|supposed|meant|intended|expected|going) (?:a|til|to)\b"


def intents_of(folded: str) -> list[str]:
    # Intents in the order the question raises them: "how big ... and who" asks an amount first.
    first: dict[str, int] = {}
    for name, patterns in INTENT_PATTERNS.items():
        hits = [m.start() for p in patterns if (m := re.search(p, folded))]
        if hits:
            first[name] = min(hits)
    found = sorted(first, key=lambda n: first[n])
    members = _MEMBERS_ASKED.search(folded)
    # A figure asked before membership is named ("hva koster det å være medlem i ...") asks
    # for that figure about the members, not for who they are.
    figure_first = (
        any(first.get(n, len(folded)) < members.start() for n in _FIGURES) if members else False
    )
    if members and not figure_first:
        # "Hvem satt i styringsgruppa?": who a body is made of, not who owns a task.
        found = ["members", *(f for f in found if f not in {"owner", "people", "list"})]
    # "hvem er/var X" asks for a person, unless it asks who is responsible for something.
    if "people" in found and "owner" in found:
        if re.search(r"ansvar|responsib|in charge|" + _MEANT_TO, folded) and not re.search(
            r"prosjektansvarlig|person responsible", folded
        ):
            found.remove("people")
        elif re.search(
            r"\b(hvem (er|var|leder|ledet)|who (is|was|leads|led|chairs|heads))\b", folded
        ):
            found.remove("owner")
    if (
        "list" in found
        and len(found) > 1
        and not re.search(
            r"\b(hvilke|list|which|alle|oversikt|each|every|what are|what were)\b", folded
        )
    ):
        found.remove("list")
    if "list" in found:  # "hvilke ..." is a list whatever else the question says
        found.remove("list")
        found.insert(0, "list")
    # "hvor stort ble budsjettet", "how large was the grant": the size of a sum of money is
    # an amount, not a count ("hvor mange" counts).
    if (
        "count" in found
        and "amount" in found
        and found.index("count") < found.index("amount")
        and re.search(r"\b(hvor stor[te]?|kor stor[te]?|how (big|large))\b", folded)
        and not re.search(r"\b(hvor mange|kor mange|how many|antall)\b", folded)
    ):
        found.remove("amount")
        found.insert(found.index("count"), "amount")
    # "når" with a decision or a meeting: the date of that decision or meeting.
    if (
        "deadline" in found
        and ("decision" in found or "meeting" in found)
        and re.search(r"\b(nar|when|dato|date)\b", folded)
    ):
        found.remove("deadline")
        found.insert(0, "deadline")
    if "list" in found and re.search(r"\b(hvilke(n|t)? (dato|dag)|which (date|day)s?\b)", folded):
        found.remove("list")
    if (
        "list" in found
        and re.search(r"\bhvilk(en|et)\b", folded)
        and not re.search(r"\bhvilke\b", folded)
    ):
        found.remove("list")
    return found


def correct(
    question: str,
    known: Speller | list[str] | Callable[[], Speller | list[str]],
    vocabulary: dict[str, int] | None = None,
    lemmas: Lemmas | None = None,
) -> str:
    """Repair typos: a word that is neither in the documents (in any inflection simplemma or the
    stemmer knows) nor a common word (wordfreq) is replaced by the nearest known word (SymSpell,
    `spelling.Speller`). `known` may be a function, called only when a question has a word to
    check (it reads every document)."""
    words = re.split(r"(\W+)", question)
    suspects = {
        w.lower()
        for w in words
        if len(w) >= W.TYPO_MIN
        and w.isalpha()
        and w.lower() not in T.STOPWORDS
        and (vocabulary is None or T.stem(w.lower()) not in vocabulary)
        and not is_common(w)
    }
    if suspects and lemmas is not None:  # an inflection simplemma knows is not a typo
        suspects -= set(lemmas.of(suspects))
    if not suspects:
        return question
    known = known() if callable(known) else known
    speller = known if isinstance(known, Speller) else Speller(dict.fromkeys(known, 1))
    out = []
    for word in words:
        fixed = speller.fix(word) if word.lower() in suspects else None
        if fixed is None:
            out.append(word)
        else:
            out.append(fixed[:1].upper() + fixed[1:] if word[:1].isupper() else fixed)
    return "".join(out)


def respell_aa(question: str, vocabulary: dict[str, int] | None = None) -> str:
    """ "aa" typed for "å" on a keyboard without it ("paa", "gaa", "aar"): the word with "å" when
    that is a word the language or the documents have and the typed one is not. A capitalised
    word is left: names keep their old spelling ("Aasen", "Haakon")."""

    def word(m: re.Match) -> str:
        w = m.group(0)
        low = w.lower()
        if "aa" not in w or is_common(low) or (vocabulary and T.stem(low) in vocabulary):
            return w
        cand = low.replace("aa", "å")
        if cand in T.STOPWORDS or is_common(cand) or (vocabulary and T.stem(cand) in vocabulary):
            return cand
        return w

    return re.sub(r"[^\W\d_]+", word, question)


_NYNORSK_MARKS = {"kva", "kven", "korleis", "kor", "kvar", "kvifor", "ikkje", "eg", "noko", "vart"}
_NYNORSK_PHRASES = re.compile(
    r"\b(" + "|".join(sorted(map(re.escape, NYNORSK_WORDS), key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)


def nynorsk(question: str) -> bool:
    return any(w.lower() in _NYNORSK_MARKS for w in T.words(question))


def bokmal(question: str, vocabulary: dict[str, int] | None) -> str:
    """A nynorsk question in the bokmål the documents are written in: its words of asking and
    grammar from NYNORSK_WORDS; a word the documents lack respelt by NYNORSK_SPELLINGS when that
    gives one they have."""

    def word(m: re.Match) -> str:
        nb = NYNORSK_WORDS[m[1].lower()]
        return nb[:1].upper() + nb[1:] if m[1][:1].isupper() else nb

    text = _NYNORSK_PHRASES.sub(word, question)
    if vocabulary is None:
        return text

    def respell(m: re.Match) -> str:
        w = m.group(0)
        if len(w) < 4 or T.stem(w.lower()) in vocabulary:
            return w
        low = w.lower()
        for nn, nb in NYNORSK_SPELLINGS:
            i = low.rfind(nn)
            # A whole word is respelt too ("leiar" -> "leder"), a short piece only inside one.
            if i > 0 or (i == 0 and len(nn) >= 4):
                cand = low[:i] + nb + low[i + len(nn) :]
                if T.stem(cand) not in vocabulary:
                    # An inflected word ("prosjektleiaren"): its respelt stem, when that is
                    # the documents' word ("prosjektleder").
                    cand = T.stem(cand)
                    if T.stem(cand) not in vocabulary:
                        continue
                return cand[:1].upper() + cand[1:] if w[:1].isupper() else cand
        return w

    return re.sub(r"[^\W\d_]+", respell, text)


def understand(
    question: str,
    *,
    now: date,
    vocabulary: dict[str, int] | None = None,
    context: str | None = None,
    places: set[str] | None = None,
    people: list[str] | None = None,
    known_words: Speller | list[str] | Callable[[], Speller | list[str]] | None = None,
    follows: bool = False,
    lemmas: Lemmas | None = None,
) -> Query:
    """Parse a question. `places` are the stems of known place names, so "ordfører alvdal?"
    knows Alvdal is a name even when written in lower case. `follows`: the question is the
    second part of one whose first part is `context`."""
    question = _PHONE.sub("telefon", question)
    lang = "nb"
    if nynorsk(question):
        question = bokmal(question, vocabulary)
        lang = "nn"
    question = joins.abbreviated(question, vocabulary)  # "disp.fondet"
    english = language.english(question)
    lang = "en" if english else lang
    if not english:
        question = respell_aa(question, vocabulary)
    if known_words and not english:
        question = correct(question, known_words, vocabulary, lemmas)
    # "etter at prosjektet er ferdig", "framover": when, not what; after a project, the work
    # carried on ("videreføring") is what is asked about.
    after_project = bool(_AFTER_PROJECT.search(question))
    plain = _FROM_NOW.sub(" ", _AFTER_PROJECT.sub(" ", question))
    translated: set[str] = set()
    text, alternatives = gloss(plain, lemmas, translated) if english else (plain, {})
    folded = T.fold(question)
    intents = intents_of(folded)
    if english:
        glossed = " ".join([text, *(a for alts in alternatives.values() for a in alts)])
        intents = list(dict.fromkeys(intents + intents_of(T.fold(glossed))))
        if "list" in intents:  # as in intents_of: a list whatever else is asked
            intents.remove("list")
            intents.insert(0, "list")
    text, together = joins.joined(text, vocabulary)
    if together and not english:
        # "mobil dekning" is "mobildekning": read on as the documents' word, not as "mobil"
        folded = T.fold(joins.joined(question, vocabulary)[0])
    read: dict[str, str] = {}
    all_terms = _terms(_REGARDING.sub(" ", text), lemmas, alternatives, read)
    if after_project and CARRIED_ON not in all_terms:
        all_terms.append(CARRIED_ON)
    joined = {T.stem(w) for w in T.words(text) if "-" in w}
    topic = [
        t
        for t in all_terms
        if t not in ASK_WORDS
        and t not in joined  # "AU-møtet" counts by its parts
        and not re.fullmatch(r"\d{1,2}", t)
        and len(t) > 1  # the "s" of "region's"
    ]

    # "Hvem har sittet i styringsgruppa": the words asking who a body is made of are no topic
    # ("sittet" is stemmed as the possessive "sitt").
    if "members" in intents and (asked := _MEMBERS_ASKED.search(folded)):
        topic = [t for t in topic if t not in set(T.terms(asked[0]))]

    # "Hvem i regionrådet har ansvaret for ...": the body is where the answer is sought, not what
    # the question is about.
    scope = re.match(r"\s*(?:hvem|who|which of)\s+(?:i|av|in|of)\s+(?:the\s+)?([\w-]+)", text, re.I)
    if scope:
        topic = [t for t in topic if t != T.stem(scope[1])]

    # "leder av regionrådet" is what the documents call "regionrådsleder": the compound they use
    # stands for the two words.
    # In English the gloss drops "of": "leader of the regional council" is read with it kept.
    of_kept = gloss(re.sub(r"\bof(?: the)?\b", "av", question), lemmas)[0] if english else text
    for head, whole in _compounds(of_kept, vocabulary):
        topic = [t for t in topic if t not in head] + [whole]
        all_terms.append(whole)
    # "Hvem leder regionrådet": its leader, whom the documents may call "regionrådsleder".
    for m in _LEADS.finditer(of_kept):
        for _, whole in _compounds(f"leder av {m[2]}", vocabulary):
            for verb in {T.stem(m[1]), T.stem("leder")}:  # "chairs" may be glossed "leder"
                alternatives.setdefault(verb, set()).add(whole)

    # Follow-ups: "og hvem har ansvar for den?" takes its subject from the previous question.
    own_words = {w.lower() for w in T.words(question)}
    leans = not topic or own_words & PRONOUNS and len(topic) <= (W.FOLLOW_TOPIC if follows else 1)
    if context and (leans or follows and len(topic) <= W.FOLLOW_TOPIC):
        prev = understand(
            context,
            now=now,
            vocabulary=vocabulary,
            places=places,
            people=people,
            known_words=known_words,
            lemmas=lemmas,
        )
        inherited = prev.topic
        for t, alts in prev.alternatives.items():
            alternatives.setdefault(t, set()).update(alts)
        if follows and _bodies(question):
            # "... i arbeidsutvalget, og når skal regionrådet behandle den?": the body the
            # second part names replaces the one of the first.
            theirs = {T.stem(T.fold(b)) for b in prev.bodies}
            inherited = [t for t in inherited if t not in theirs and T.fold(t) not in theirs]
        borrowed = {t for t in inherited if t not in topic}
        topic = list(dict.fromkeys(topic + inherited))
        all_terms = list(dict.fromkeys(all_terms + prev.topic))
        question_for_filters = f"{question} {context}" if not _PERIOD.search(question) else question
    else:
        question_for_filters = question
        borrowed = set()

    names = _names(question, vocabulary)
    if places:
        names += [t for t in topic if t in places and t not in names]
    for full in people or ():  # "tlf til runa finborud": all of a known name is a name
        name = T.fold(full)
        if name in folded and re.search(rf"\b{re.escape(name)}\b", folded):
            names += [t for t in T.terms(full) if t not in names]
    if re.search(r"\b(til sammen|i alt|totalt|samlet|in total|altogether)\b", folded):
        topic.append("sum")
    # "hvor mange flere/nye innbyggere": "flere" says a change is asked (fit.py), not what of.
    if change := _CHANGE.search(folded):
        topic = [t for t in topic if t != T.stem(change[1])]
    if attached := re.search(r"\b(lagt ved|legges ved|vedlagt|attached|attachments?)\b", folded):
        # The phrase stands for the noun the documents use, not for its verb ("lagt").
        said = {*T.terms(attached[0]), T.stem("vedlagt")}  # "attached" is glossed so
        topic = [t for t in topic if t not in said]
        topic.append(T.stem("vedlegg"))
    period = None
    pm = _PERIOD.search(question_for_filters)
    if pm:
        a, b = (int(x) if len(x) == 4 else 2000 + int(x) for x in pm.groups())
        if b >= a and b - a <= 10:
            period = (a, b)
    years = [int(y) for y in _YEAR.findall(question_for_filters)]
    if period and not years:
        years = list(period)  # "hp 19-20" names the years 2019 and 2020
    # The bodies the question names; a follow-up that names none speaks of the earlier ones.
    bodies = _bodies(question) or _bodies(question_for_filters)
    # The verb of a who-question is often worded otherwise in the documents ("laget" for
    # "gjennomførte"): it counts, but little.
    # After a modal the verb is the next word ("hvem skal fungere som styringsgruppe").
    soft = {T.stem(m[1]) for m in _WHO_VERB.finditer(text)}
    soft -= {"er", "var", "is", "was", "har", "hadde", "skal", "skulle", "led", "leder"}
    soft |= _generic_heads(text)
    # So is the verb of a how-much question after its subject ("hvor mye skal departementet
    # dekke", "hvor mye har hver kommune bidratt med"): the table says "Finansiering fra ...".
    if not english and (verb := _AMOUNT_VERB.search(folded)):
        soft.add(T.stem(verb[1]))
    # "hvor mange flere innbyggere håper Elverumregionen å få": the word between the measured
    # noun and a name is the verb.
    if not english and (verb := _MEASURED_VERB.search(question)):
        soft.add(T.stem(verb[1]))
    # "ifølge protokollen fra januarmøtet", "according to the final report": where the answer is
    # to be read, not what is asked; a passage of that document need not repeat those words.
    source = _SOURCE.search(question)
    cited = set()
    if source:
        clause = gloss(source[1], lemmas)[0] if english else source[1]
        cited = {T.stem(w) for w in T.words(clause)} & set(topic)
    cited |= _plan_named(text, topic) if period else set()
    first = (T.words(folded)[:1] or [""])[0]
    return Query(
        alternatives=alternatives,
        joined=together,
        translated=translated,
        phase=int(pm_[1]) if (pm_ := PHASE.search(question_for_filters)) else None,
        leans_on=context if borrowed else "",
        surface={T.stem(w): w.lower() for w in reversed(T.words(question))},
        inherited=borrowed,
        yesno=first in _YES_NO_STARTS,
        day=_day(question),
        soft=soft,
        cited=cited,
        text=question,
        folded=folded,
        words=T.words(question),
        lang=lang,
        lemmas=read,
        intents=intents,
        terms=all_terms,
        topic=topic,
        names=names,
        years=years,
        period=period,
        bodies=bodies,
        alone=bool(_ALONE.search(folded)),
        span=T.parse_period(question, now),
        english=english,
    )


def _generic_heads(text: str) -> set[str]:
    """The everyday word a hyphenated compound ends in after a word of the field
    ("verdensarv-området", "bioøkonomi-satsingen"): it says what kind of thing the first part
    is (an area, an effort), which the documents rarely repeat; the first part is the topic."""
    out = set()
    for word in T.words(text):
        parts = word.lower().split("-")
        if len(parts) == 2 and all(len(p) >= 3 for p in parts):
            first, head = parts
            common = language.stem_zipf
            if common(head) >= W.GENERIC_HEAD and common(first) < W.GENERIC_HEAD:
                out.add(T.stem(head))
    return out


def _terms(
    text: str,
    lemmas: Lemmas | None,
    alternatives: dict[str, set[str]],
    read_lemmas: dict[str, str] | None = None,
) -> list[str]:
    """The question's search terms (as `T.terms`), each word read through its lemma where the
    lemma tables know it: a form whose stem the documents lack stands for the lemma's index term
    ("vedtaket" -> "vedtak"), and the lemma's other index terms ("ordfører", "ordførere") become
    alternatives of the word's term."""
    terms = T.terms(text)
    if lemmas is None:
        return terms
    read = lemmas.of(w for w in T.words(text) if w.lower() not in T.STOPWORDS)
    if read_lemmas is not None:
        read_lemmas.update({w: lemma.lemma for w, lemma in read.items()})
    if not read:
        return terms
    by_stem = {T.stem(w): lemma for w, lemma in read.items()}
    out = []
    for t in terms:
        lemma = by_stem.get(t)
        if lemma is not None and (asks := ASK_WORDS & {t, lemma.term, *lemma.alternatives}):
            # A word of asking in another inflection ("decide" -> "vedta"): what is asked for,
            # read as the ask word, not as topic.
            t = t if t in asks else min(asks)
        elif lemma is not None:
            t = lemma.term
            # Terms that begin one another ("viktig", "viktigst") the ranking already relates,
            # by how much of the word they share; the lemma adds the irregular ones ("vedtok").
            alts = {a for a in lemma.alternatives if not (a.startswith(t) or t.startswith(a))}
            if alts:
                alternatives.setdefault(t, set()).update(alts)
        out.append(t)
    return out


def _plan_named(text: str, topic: list[str]) -> set[str]:
    """The words naming the plan a question asks within ("i handlingsplanen for 2019-2020",
    "(hp 2019-20)", "etter 2019-2020-planen"): its years and the word before them. They say
    which document to read, as "ifølge ..." does, not what the answer must repeat."""
    m = _PERIOD.search(text)
    if not m:
        return set()
    said = {m[1], m[2], *(f"20{y}" for y in (m[1], m[2]) if len(y) == 2)}
    # The plan's name stands right before its years or joined to them by "for" ("planen for
    # 2019-2020"); "mobildekningen i 2021-2022" names the time of the topic, not a plan.
    before = re.search(r"(\w+)\s+(?:(?:for|fra|of|from)\s+)?(?:\(\s*)?$", text[: m.start()])
    after = re.match(r"-(\w+)", text[m.end() :])
    said |= {T.stem(x[1]) for x in (before, after) if x}
    return said & set(topic)


_LEADS = re.compile(
    r"\b(?:hvem|who)\s+(leder|ledet|leads|led|chairs|heads)\s+(?:the\s+)?(\w{3,})", re.I
)
_OF = re.compile(r"\b(\w{3,})\s+(?:av|for|i|til|of)\s+(?:the\s+)?(\w{3,})", re.IGNORECASE)


def _compounds(text: str, vocabulary: dict[str, int] | None) -> list[tuple[set[str], str]]:
    """Phrases "X av Y" the documents write as one compound "Y(s)X" ("leder av regionrådet" ->
    "regionrådsleder"): the stems of X and Y, and the compound's stem."""
    if not vocabulary:
        return []
    out = []
    for m in _OF.finditer(text):
        x, y = m[1].lower(), m[2].lower()
        if x in T.STOPWORDS or y in T.STOPWORDS:
            continue
        base = T.stem(y)
        for link in ("s", "", "e"):
            whole = T.stem(base + link + x)
            if whole in vocabulary and whole not in {T.stem(x), base}:
                out.append(({T.stem(x), base}, whole))
                break
    return out


def _bodies(text: str) -> list[str]:
    bodies = []
    for w in T.words(T.fold(text).replace("-", " ")):
        canon = BODIES.get(w.lower())
        if canon and canon not in bodies:
            bodies.append(canon)
    return bodies


def _names(question: str, vocabulary: dict[str, int] | None) -> list[str]:
    """Proper names in the question (capitalised words not first in the sentence), as terms.

    These must be present in an answer: asking about "Os" must not be answered about Røros.
    Abbreviations and bodies (AU) are filters, not names; unknown long words get no veto, since
    they may be typos or compounds the documents write differently.
    """
    out = []
    for i, word in enumerate(T.words(question)):
        if i == 0:
            continue
        for w in word.split("-"):
            # "AU", "HKP", "ByR": an abbreviation (capitals, or a capital inside a short word).
            abbreviation = len(w) <= 4 and (w.isupper() or any(c.isupper() for c in w[1:]))
            if not w[:1].isupper() or abbreviation:
                continue
            if w.lower() in T.STOPWORDS or T.fold(w) in BODIES:
                continue
            t = T.stem(w)
            if t in ASK_WORDS:
                continue
            if vocabulary is not None and t not in vocabulary and len(t) > 3:
                continue
            out.append(t)
    return list(dict.fromkeys(out))


_DAY = re.compile(r"\b(\d{1,2})\.?\s*([a-zæøå]{3,9})\b|\b(\d{1,2})\.(\d{1,2})\.(?:\d{2,4})?", re.I)
_MONTH_DAY = re.compile(r"\b([a-z]{3,9})\s+(\d{1,2})(?:st|nd|rd|th)?\b(?!\s*[-–.:]?\s*\d)", re.I)


def _day(question: str) -> tuple[int, int] | None:
    """The (month, day) a question names, with or without a year: "26. mai", "03.03.2021",
    and in English "6 January", "January 6th"."""
    for m in _DAY.finditer(question):
        if m[2]:
            month = T.MONTH_ALIASES.get(m[2].lower())
            if month and 1 <= int(m[1]) <= 31:
                return month, int(m[1])
        elif m[3] and 1 <= int(m[4]) <= 12:
            return int(m[4]), int(m[3])
    for m in _MONTH_DAY.finditer(question):
        month = T.MONTH_ALIASES.get(m[1].lower())
        if month and 1 <= int(m[2]) <= 31:
            return month, int(m[2])
    return None
