"""What detail a question asks for, and whether a text holds one next to what it is asked of.

A question names a topic ("driftsbudsjettet til regionrådet i handlingsplan 2019-2020") and asks
for one detail of it: a sum of money, a percentage, a figure, a person's name, whether something
was granted. A text about the topic answers only when it holds a detail of that type close to the
word the detail is of (its focus: "driftsbudsjettet", not "handlingsplan"). When no candidate
does, the engine says it cannot find that detail instead of showing a neighbouring passage.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot import text as T
from bot.answers import weights as W
from bot.answers.compose import AMOUNT, DATE, NOT_A_FIGURE, NUMBER, sentences
from bot.answers.lexicon import ENGLISH
from bot.answers.understand import Query


@dataclass(frozen=True)
class Detail:
    """The type of fact asked for, and the stems it must stand near (empty: anywhere)."""

    kind: str  # money | cost | percent | figure | name | verdict | date
    focus: tuple[str, ...] = ()
    said: str = ""  # the focus as the user wrote it, for the refusal: "driftsbudsjettet"


# "hvor stort er driftsbudsjettet", "how many people": the words after it say what is measured.
_MEASURE = re.compile(
    r"\b(?:hvor|how)\s+(?:mye|mange|stor|stort|store|hoy|hoyt|hoye|lang|langt|lenge|mykje|"
    r"much|many|big|large|high|long)\b(?:\s+(?:mer|mindre|flere|faerre|more|less|fewer))?"
)
# Words after "hvor mange" that are not what is counted: adjectives, auxiliaries.
_NOT_FOCUS = {"ny", "nye", "nytt", "ekstra", "sammen", "totalt", "samlet", "mer", "flere"}
# Words of money in a question ("tilskudd", "kostet", "budget"): fit.py and asked() both read it.
MONEY = re.compile(
    r"kron|budsjett|midl|kost|tilskudd|finans|peng|bevilg|betal|egeninnsats|regnskap|fond|"
    r"mnok|\bmill|fund|grant|budget|cost|money|price|\bpris|\bsok|applied"
)


def says_money(q: Query) -> bool:
    """Does the question (with the one it leans on) speak of money? A sum someone gave is
    ("how much did the ministry contribute")."""
    return bool(MONEY.search(T.fold(f"{q.text} {q.leans_on}"))) or bool(payer(q))


_PERCENT_ASKED = re.compile(r"\b(prosent\w*|percent\w*|percentage)\b|%")
_PERCENT = re.compile(r"%|\bprosent\w*|\bpercent")
# "Hva viste regnskapet", "hva endte regnskapet på": a money document's figure asked.
_ACCOUNTS = re.compile(
    # "what total spending did the accounts show": a few words of what is shown may come first
    r"\b(?:hva|what)\s+(?:[a-z]+\s+){0,2}?"
    r"(?:viste|vise|viser|showed|shows|did|endte|ender|landet|havnet|ended)\b"
    r".*\b(regnskap\w*|budsjett\w*|accounts?|budget)\b"
)
# "Hva kostet ...", "hvor mye koster det", "what did it cost": the cost is asked. It is said as
# a cost, a budget or a frame near the amount; a grant or a share of the financing is not it.
_COST_ASKED = re.compile(r"\b(kostet|koster|kosta|koste|cost|costs|costed)\b")
COST = ("kost", "budsjett", "ramme", "utgift", "pris", "sum", "total")
# The stem of a word for a role someone holds: "prosjektleder", "regionrådgiver", "ordfører".
# (A compound's head: "ordfører", "rådmann", "kontaktperson", not "for" or "person" alone.)
ROLE = re.compile(
    r"^(?:\w{3,}(?:for|forer|mann|person|utvikl|behandl|lei)|"
    r"\w*(?:led|leder|ansvarl|radgiv|radgiver|sjef|koordinator|direktor|sekretar)|"
    r"\w{3,}ansvar)$"  # the stem of "prosjektansvarlig"
)
# "når ble fellesmøtet holdt", "when was the meeting": the subject is what has the date.
_WHEN = re.compile(
    r"\b(?:nar|when|(?:hva|hvilken|what|which|on what) (?:dato|dag|date|day))\s+"
    r"(?:ble|er|var|blir|vart|skal|is|was|were|will)\b"
)
# "dato ikke satt": a text that says the date is not known yet does not say when.
DATE_NOT_SET = re.compile(
    r"\b(dato|tidspunkt)\w* (er )?(ikke|ikkje) (satt|fastsatt|bestemt|avklart|klar)|"
    r"\bikke (berammet|datofestet)|\bdate (not|to be) (set|decided|fixed)",
    re.IGNORECASE,
)
# "Hva het prosjektlederen", "what is the name of the project leader": a name is asked.
_NAME_ASKED = re.compile(
    r"\b(?:hva|what)\s+(?:het|heter|heitte|heiter)\b|\bhva er navnet\b|\bnavnet (?:pa|til)\b|"
    r"\bwhat (?:is|was) the name\b|\bname of\b|"
    # "hvem ble ansatt som prosjektleder": the person who got the post
    r"\b(?:hvem|kven|who)\s+(?:ble|vart|er|var|was|is|were|has been|had been)\s+(?:ansatt|tilsatt|"
    r"valgt|engasjert|innleid|hired|appointed|employed|elected|chosen)(?:\s+(?:som|as))?"
)
# "Ble søknaden innvilget?": a grant's outcome is asked.
_VERDICT_ASKED = re.compile(
    r"\b(innvilg\w*|tildelt|godkjent|granted|approved|awarded|accepted|tilsagn\w*|avslag\w*|"
    r"fikk\s+(?:de|vi|dei)\s+(?:ja|stotte))\b"
)
# "Kva vart utfallet av søknaden", "what was the outcome of the application": what came of it.
_OUTCOME_ASKED = re.compile(
    r"\b(utfall\w*|outcome|hvordan gikk det med (?:soknad|application)\w*|"
    r"(?:resultat|svar)\w* (?:av|pa) (?:soknad|application)\w*|result of the application|"
    r"what (?:happened|became) (?:to|of|with) the application)\b"
)
# What a text that tells a grant's outcome says.
_VERDICT = re.compile(
    r"innvilg|tilsagn|avslag|avslått|avvist|fikk (ikke )?(støtte|tilskudd|midler|ja|penger)|"
    r"positiv tilbakemelding|ble tildelt|fikk tildelt|granted|approved|rejected|declined",
    re.IGNORECASE,
)
# "Hvor mye fikk de": what came, which an application (written before the answer) cannot say.
_RECEIVED = re.compile(r"\b(fikk|fatt|mottok|mottatt|tildelt|received|got|was given|were given)\b")


def asked(q: Query) -> Detail | None:
    """The detail the question asks for, or None when it asks for no typed detail."""
    folded = q.folded
    if _PERCENT_ASKED.search(folded):
        return Detail("percent", *_focus(q))
    money = says_money(q)
    if q.yesno and (_VERDICT_ASKED.search(folded) or (money and q.primary == "amount")):
        return Detail("verdict")  # "Fikk planen penger over statsbudsjettet?"
    if _OUTCOME_ASKED.search(folded):
        return Detail("verdict")  # "Kva vart utfallet av søknaden": granted or not
    if q.yesno and q.primary in {"amount", "count", "deadline"}:
        return None  # "Ble fristen holdt?": a statement answers it, not a figure
    if _NAME_ASKED.search(folded):
        focus, said = _role(q) or _focus(q, after=_NAME_ASKED)
        if not focus or ROLE.search(focus[0]):  # "hva heter strategien" names no person
            return Detail("name", focus, said)
    if q.primary == "deadline":
        focus, said = _focus(q, after=_WHEN)
        # "når ble fellesmøtet holdt": the date of that very meeting. Without a subject in the
        # definite form ("når skal AU behandle ...") any date near the topic may do (fit.py).
        return Detail("date", focus, said) if focus else None
    if "financing" in q.intents:
        return None  # "hvordan finansieres ...": a source of money, not a sum
    # "Hvor mye skal regionrådet bidra med til «... for alle»": a measure question whose topic
    # reads like a list ("alle") still asks for a figure.
    measured = q.primary in {"amount", "count"} or (
        "amount" in q.intents and _MEASURE.match(folded.lstrip())
    )
    if (measured or _ACCOUNTS.search(folded)) and _COST_ASKED.search(folded):
        # "hva kostet TV2-sendingen": what it cost, not a grant towards it (fit.py).
        return Detail("cost", COST, _COST_ASKED.search(folded)[0])
    if measured or _ACCOUNTS.search(folded):
        accounts = _ACCOUNTS.search(folded)
        focus, said = ((T.stem(_norwegian(accounts[1])),), accounts[1]) if accounts else _focus(q)
        if focus and MONEY.match(focus[0]) and not accounts:
            # "hvor stor var egeninnsatsen", "hvor mye var budsjettert": the noun is the money
            # itself, so any sum answers; "driftsbudsjettet" keeps its qualifier.
            return Detail("money", (), said)
        if accounts:
            return Detail("money", focus, said)  # "hva viste regnskapet": its sum
        if q.primary == "count":
            return Detail("figure", focus, said)
        # "hvor mye fikk de": what was received is money, though no word of money is said.
        money = money or (received(q) and not focus)
        return Detail("money" if money and not focus else "figure", focus, said)
    return None


def _norwegian(word: str) -> str:
    """The documents' word for an English one ("accounts" -> "regnskap"), as the glossary has it."""
    return (ENGLISH.get(word) or ENGLISH.get(word.rstrip("s")) or word).split()[0]


# "hvor mye betalte TV2 for ...", "how much did the county pay": the sum someone gave is asked.
_PAID = (
    r"(?:betalte|betalt|betaler|betala|ga|gav|gir|gjev|bevilget|bevilga|bevilger|bevilgde|bidro|"
    r"bidrog|bidrar|bidreg|investerte|dekket|dekte|dekker|spyttet|paid|pays|pay|gave|give|gives|"
    r"granted|grant|contributed|contribute|contributes|spent|spend|invested|invest|allocated)"
)
_PAYER_NO = re.compile(rf"\b(?:hvor|kor)\s+(?:mye|mykje)\s+(?:[a-z]+\s+)?{_PAID}\s+(.+)")
_PAYER_EN = re.compile(
    rf"\bhow\s+much\s+(?:money\s+)?(?:did|does|do|will|has|have|had)\s+(.+?)\s+{_PAID}\b"
)
# Where the giver's name ends: a preposition, an adverb of amount, a verb's particle.
_PAYER_END = {"for", "til", "med", "i", "pa", "inn", "av", "totalt", "samlet", "tilsammen", "to",
              "towards", "in", "on", "at", "per", "ut", "over", "sammen"}  # fmt: skip
# Words of giving next to the giver in a text: "Regionrådet bevilget", "tilskudd fra fylket".
_GIVES = re.compile(
    r"^(bevilg|betal|bidr|bidro|ga|gav|gir|gjev|tilskud|tilskot|finansier|dekk|dekt|invest|"
    r"spleis|støtt|stott|paid|pay|gave|give|contribut|grant|fund)"
)


def payer(q: Query) -> tuple[str, ...]:
    """The giver a question asks the sum of ("hvor mye betalte TV2 for ..." -> ("tv2",)), as
    folded words; empty when no giver is named."""
    m = _PAYER_NO.search(q.folded) or _PAYER_EN.search(q.folded)
    if not m:
        return ()
    out: list[str] = []
    for word in re.findall(r"[\w-]+", m[1]):
        if word in _PAYER_END or len(out) == 3:
            break
        if word in T.STOPWORDS or word in _SUBJECTS or word in {"the", "a", "an"}:
            continue  # "hver kommune", "the county": the noun names the giver
        out.append(word)
    return tuple(out)


def gives(text: str, giver: tuple[str, ...]) -> bool:
    """Does the text name the giver as giving: next to a word of giving ("Regionrådet for
    Fjellregionen bevilget", "TV2 betalte"), or after "fra"/"av" ("midler fra kommunene")?"""
    for sentence in sentences(text):
        words = re.findall(r"[\w-]+", T.fold(sentence).lower())
        for i, word in enumerate(words):
            if not any(is_giver(giver_key(word), g) for g in giver):
                continue
            before = words[i - 1] if i else ""
            if before in {"fra", "from"} or (
                # "bevilget av fylket", "paid by the county"; not "består av kommunene"
                before in {"av", "by"} and i >= 2 and _GIVES.match(words[i - 2])
            ):
                return True
            if any(_GIVES.match(w) for w in words[i + 1 : i + 1 + W.GIVER_WINDOW]):
                return True
    return False


def is_giver(key: str, giver: str) -> bool:
    """Is a word of a text (as a key) the giver asked about: an inflection of it, or a compound
    with it as the head when it is long enough to name one body ("moderniseringsdepartementet"
    for "departementet"; "fylkeskommunen" is not "kommunene")."""
    return key.startswith(giver) or (len(giver) >= W.GIVER_HEAD and giver in key)


def giver_key(word: str) -> str:
    """A word as a giver is matched by: its stem ("kommunene" -> "kommun"), or whole when it
    holds a digit ("tv2")."""
    return word if any(c.isdigit() for c in word) else T.stem(word)


def received(q: Query) -> bool:
    """Does the question ask what was received ("hvor mye fikk de")?"""
    return bool(_RECEIVED.search(q.folded))


def _focus(q: Query, after: re.Pattern = _MEASURE) -> tuple[tuple[str, ...], str]:
    """The noun the asking phrase measures, as stems, and as written: "hvor stort er
    driftsbudsjettet" -> "driftsbudsjett", "hvor mange nye arbeidsplasser" -> "arbeidsplass".
    None when a verb follows the phrase ("hvor mye søkte Elverumregionen om": the sum itself is
    asked). English questions are glossed word by word, so their words cannot be placed."""
    words = q.words
    line = " ".join(T.fold(w) for w in words)
    m = after.search(line)
    if not m or q.english:
        return (), ""
    rest = words[len(line[: m.end()].split()) :]
    i = 0
    while i < len(rest) and T.fold(rest[i].lower()) in _LEAD:
        i += 1  # "hvor stort er det", "hvor mange av", "hva het den"
    if 0 < i < len(rest) and not _DEFINITE.search(rest[i].lower()):
        return (), ""  # "hvor mange er innom leiren": the measured is not said
    while i < len(rest) and T.fold(rest[i].lower()) in _NOT_FOCUS:
        i += 1  # "hvor mange nye arbeidsplasser"
    if i >= len(rest):
        return (), ""
    word, nxt = rest[i], (rest[i + 1] if i + 1 < len(rest) else "")
    stem = T.stem(word)
    if (
        word.lower() in T.STOPWORDS
        or stem in q.names
        or stem not in q.terms
        or _subject(nxt, q)  # "hvor mye la hver kommune": "la" is the verb
        or (after is _MEASURE and i == 0 and _PAST.search(word.lower()))  # "hvor mange bodde"
        or re.fullmatch(_PAID, T.fold(word.lower()))  # "hvor mye bidrar departementet"
    ):
        return (), ""
    out, said = [stem], [word.lower()]
    second = T.stem(nxt) if nxt else ""
    if (
        second in q.topic
        and second not in q.names
        and not _subject(nxt, q)
        and len(out) < W.FOCUS_WORDS
        and nxt.lower() not in T.STOPWORDS
    ):
        out.append(second)  # "hvor mange nye regionale arbeidsplasser"
        said.append(nxt.lower())
    return tuple(out), " ".join(said)


def _role(q: Query) -> tuple[tuple[str, ...], str] | None:
    """The role among the first words after the name asked ("hvem ble ansatt som ekstern
    prosjektleder" -> "prosjektleder")."""
    words = q.words
    line = " ".join(T.fold(w) for w in words)
    m = _NAME_ASKED.search(line)
    if not m or q.english:
        return None
    for word in words[len(line[: m.end()].split()) :][: W.ROLE_REACH]:
        if ROLE.search(T.stem(word)):
            return (T.stem(word),), word.lower()
    return None


# After a copula the measured noun is the subject, in its definite form: "hvor stort er
# driftsbudsjettet", "hvor høy var ledigheten", "how big is the fund" (the article is skipped).
_DEFINITE = re.compile(r"(en|et|a|ene|ne|na|i)$|^[^a-zæøå]")
# Between the asking phrase and the measured noun: a copula, an article, a partitive.
_LEAD = {"er", "var", "ble", "blir", "vart", "is", "was", "are", "were", "det", "den", "de", "dei",
         "the", "a", "an", "av", "of", "pa"}  # fmt: skip
# A verb's subject after it: a name, a pronoun, a determiner ("hvor mye la hver kommune").
_SUBJECTS = {"hver", "hvert", "alle", "de", "den", "det", "dei", "disse", "vi", "dere", "han",
             "hun", "ho", "man", "en", "et", "ei", "each", "every", "they", "we", "it"}  # fmt: skip


# A weak verb's past tense right after "hvor mange/mye" ("bodde", "søkte", "spyttet"): the verb,
# not the measured noun ("ansatte", "innbyggere" are nouns there).
_PAST = re.compile(r"(dde|kte|pte|ste|tet|ket|set|pet|let|ret|det)$")


def _subject(word: str, q: Query) -> bool:
    return bool(word) and (
        word[:1].isupper() or T.fold(word.lower()) in _SUBJECTS or T.stem(word) in q.names
    )


def holds(d: Detail, text: str, alternatives: set[str] = frozenset()) -> bool:
    """Does the text hold a detail of the asked type near the focus (or one of the words the
    focus is taken for: synonyms, typo repairs)? Names are checked in fit.py, where the people
    are known."""
    focus = sorted({*d.focus, *alternatives})
    if d.kind == "percent":
        return near(text, focus, _PERCENT, W.FIGURE_WINDOW)
    if d.kind in {"money", "cost"}:
        return near(text, focus, AMOUNT, W.AMOUNT_WINDOW)
    if d.kind == "figure":
        clean = NOT_A_FIGURE.sub(" ", text)
        return near(clean, focus, _FIGURE, W.FIGURE_WINDOW)
    if d.kind == "verdict":
        return bool(_VERDICT.search(text))
    return True


_FIGURE = re.compile(r"\d+(?:[ .,]\d+)*|" + NUMBER.pattern, re.IGNORECASE)


def near(text: str, focus: list[str], pattern: re.Pattern, window: int) -> bool:
    """Is something the pattern finds within `window` words of a focus word, in one sentence
    (anywhere, when there is no focus)?"""
    if not focus:
        return bool(pattern.search(text))
    return any(_near(s, focus, pattern, window) for s in sentences(text))


def near_date(text: str, focus: list[str]) -> bool:
    """A date in the sentence that names the focus, near it, or in the next sentence when that
    one has none ("Forprosjekt er igangsatt. Leveres i løpet av vinteren 2018/19")."""
    parts = sentences(text)
    for i, sentence in enumerate(parts):
        if not any(_is(T.stem(w), f) for w in T.words(sentence) for f in focus):
            continue
        if DATE.search(sentence):
            if _near(sentence, focus, DATE, W.DATE_WINDOW):
                return True
        elif i + 1 < len(parts) and DATE.search(parts[i + 1]):
            return True
    return False


def _is(stem: str, focus: str) -> bool:
    """Is a word of the text the focus word: an inflection or compound of it ("planen",
    "folkehøgskoleplanen"), or its abbreviation ("innb." for "innbyggere")?"""
    return len(stem) > 2 and (
        stem.startswith(focus)
        or (len(focus) >= 4 and stem.endswith(focus))
        or (len(stem) >= 4 and focus.startswith(stem))
    )


def _near(text: str, focus: list[str], pattern: re.Pattern, window: int) -> bool:
    hits = [len(T.words(text[: m.start()])) for m in pattern.finditer(text)]
    if not hits:
        return False
    if not focus:
        return True
    for i, word in enumerate(T.words(text)):
        stem = T.stem(word)
        if any(_is(stem, f) for f in focus) and any(abs(h - i) <= window for h in hits):
            return True
    return False


# "fase 2", "phase 2", "andre fase", "fase to": the phases a text names.
_PHASE = re.compile(
    r"\b(?:fase|fas|phase)\s*(\d|en|én|ein|to|tre|one|two|three)\b|"  # "fas": an index's stem
    r"\b(første|andre|tredje|fjerde|first|second|third|fourth)\s+(?:fase|phase)\b",
    re.IGNORECASE,
)
_PHASE_NUMBER = {
    "en": 1, "én": 1, "ein": 1, "one": 1, "første": 1, "first": 1, "to": 2, "two": 2,
    "andre": 2, "second": 2, "tre": 3, "three": 3, "tredje": 3, "third": 3, "fjerde": 4,
    "fourth": 4,
}  # fmt: skip


def phases(text: str) -> set[int]:
    """The phase numbers a text names, in digits, words or ordinals."""
    out = set()
    for m in _PHASE.finditer(text):
        word = (m[1] or m[2]).lower()
        out.add(int(word) if word.isdigit() else _PHASE_NUMBER[word])
    return out


def asked_phase(q: Query) -> int | None:
    """The phase a question is about: "i fase 2", "i andre fase"."""
    if q.phase:
        return q.phase
    named = phases(q.text)
    return min(named) if len(named) == 1 else None


_MISSING = {
    "percent": "noe prosenttall",
    "money": "noe beløp",
    "cost": "hva det kostet",
    "figure": "noe tall",
    "name": "noe navn",
    "date": "noen dato",
}


def missing(d: Detail, q: Query) -> str:
    """What a refusal says it cannot find: the asked detail, of its focus as the user wrote it
    ("noe beløp for «driftsbudsjettet»"), or of the question when it has no focus."""
    asked = q.text.strip().rstrip("?.! ")
    if d.kind == "verdict":
        return f"noe om utfallet («{asked}»)"
    if d.kind == "cost":
        return f"hva det kostet («{asked}»)"
    what = _MISSING[d.kind]
    return f"{what} for «{d.said}»{_qualifiers(q)}" if d.said else f"{what} som svarer på «{asked}»"


def _qualifiers(q: Query) -> str:
    """The phase and period a question names, for a refusal: " i fase 2", " for 2019-2020"."""
    out = ""
    if asked_phase(q):
        out += f" i fase {asked_phase(q)}"
    if q.period:
        out += f" for {q.period[0]}-{q.period[1]}"
    elif q.years:
        out += f" for {T.join_and([str(y) for y in q.years])}"
    return out
