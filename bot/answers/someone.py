"""Whether a text names the someone a who-question asks for: a person in the asked role, a
partner or company that did the asked thing, or one of the kind a list question names
("hvilke kommuner").

Split from fit.py, which decides for every kind of question whether a hit can answer it.
"""

from __future__ import annotations

import re

from bot import text as T
from bot.answers.asked import ROLE
from bot.answers.compose import sentences
from bot.answers.knowledge import knowledge
from bot.answers.retrieve import SYNONYM_STEMS, Scored, expand
from bot.answers.understand import Query
from bot.models import PersonRecord
from bot.store import Store


def fit_person(q: Query, s: Scored, store: Store, named: tuple[str, ...] | None = None) -> float:
    """A who-question: the asked role (the rarest word that is not a name, e.g. "ordfører")
    must be there, and someone must be named next to it. `named`: a person's name is asked
    ("hva het prosjektlederen", "what is the name of ..."), with the role it is asked of when
    known; then that very role, not a synonym of it, and a person, not a title in capitals."""
    focus = named or ()
    if named is not None and not focus:
        focus = tuple(t for t in q.topic if ROLE.search(t) and t not in q.names)[:1]
    cited = set(T.terms(" ".join(m[1] for m in _CITED.finditer(q.text))))
    roles = [t for t in q.topic if t not in q.names and t not in cited]
    vocab = knowledge(store).vocabulary
    unknown = [t for t in roles if t not in vocab and not q.english]
    known = [t for t in roles if t in vocab]
    if focus:
        role = focus[0]
    elif named is not None:
        role = None
    elif not re.search(r"\b(hvem|who)\b", q.folded):
        role = None  # "tlf til regionrådgiveren": contact details, not someone to name
    elif "led" in roles:  # "hvem leder X": a leader is asked for, whatever X is
        role = "led"
    elif any(ROLE.search(t) for t in roles):  # "hvem var saksbehandler for ...": that role
        role = next(t for t in roles if ROLE.search(t))
    elif unknown:
        role = unknown[0]
    else:
        role = min(known, key=lambda t: vocab[t], default=None)
    if focus:
        # That very role, in the stemmer's other forms of it ("prosjektlederen" is stemmed
        # "prosjektleder", "Prosjektleder" "prosjektled").
        wanted = {role, *(role[: -len(e)] for e in ("er", "e") if role.endswith(e))}
    elif role in vocab or role is None:
        wanted = {role, *SYNONYM_STEMS.get(role, ())} if role else set()
    else:  # a typo or a missing accent ("sakornfondet"): the words it is taken for
        wanted = {role, *SYNONYM_STEMS.get(role, ()), *expand(role, store).alts}
    if (
        role is not None
    ):  # the words the question's own reading counts as it ("chairs X": X's leader)
        wanted |= q.alternatives.get(role, set())
    mentions_role = role is None or any(
        o.startswith(r)
        or o.endswith(r)
        or (len(o) >= 5 and r.endswith(o))  # the head of a compound: "analysen"
        or (len(o) >= 0.75 * len(r) and r.startswith(o))
        for o in s.own
        for r in wanted
    )
    text = s.row["text"]
    folded = T.fold(text)
    if s.row["kind"] == "person" or any(n in folded for n in knowledge(store).folded_people):
        return float(mentions_role)
    # Someone not in the people list: a full name ("Knut Henrik Aas") or a company's acronym
    # ("HENT") next to the asked role.
    asked = q.folded
    names = [
        m
        for m in _FULL_NAME.finditer(text)
        if T.fold(m.group(0)) not in asked
        and m.group(0).split()[0].lower() not in T.STOPWORDS
        # A person's name asked: not an acronym ("HKP"), nor a title ("Byregion Program").
        and (named is None or not (m.group(0).isupper() or _written_lower(m.group(0), store)))
    ]
    near = role is not None and any(
        near_topic(text[max(0, m.start() - 80) : m.end() + 80], sorted(wanted), _ANY, window=8)
        for m in names
    )
    if mentions_role and not near and named is None and not (role and ROLE.search(role)):
        # "hvem var med og etablerte fondet": a partner or company answers who did a thing (not
        # who holds a post: "hvem er ordfører" wants a person).
        near = any(o not in asked for o in _organisations(store).findall(folded))
    return 0.8 if mentions_role and near else 0.0


# "hvilke (fire) kommuner", "which companies": things the store knows by name, of one kind.
WHICH = re.compile(
    r"\b(?:hvilke|which)\s+(?:\w+\s+)?(kommun\w*|municipalit\w*|bedrift\w*|selskap\w*|compan\w*)"
)
WHICH_KIND = {"komm": "municipality", "muni": "municipality", "bedr": "company", "sels": "company",
               "comp": "company"}  # fmt: skip


def names_of(kind: str, text: str, store: Store) -> bool:
    """Does the text name an organisation of that kind (a municipality, a company)? A knowledge
    base that knows none of that kind cannot tell: then any text may."""

    def pattern() -> re.Pattern:
        names = {
            T.fold(n)
            for o in store.organisations()
            if o.kind == kind
            for n in (o.name, *o.aliases)
            if len(n) >= 2 and n[:1].isupper()
        }
        alternatives = "|".join(sorted(map(re.escape, names), key=len, reverse=True))
        return re.compile(rf"\b(?:{alternatives})\b" if names else r"")

    return bool(knowledge(store).memo(f"names_{kind}", pattern).search(T.fold(text)))


def _organisations(store: Store) -> re.Pattern:
    """The partners' and companies' names and aliases, folded, as one pattern."""

    def pattern() -> re.Pattern:
        names = {
            T.fold(n)
            for o in store.organisations()
            # A committee answers too: "rådmannsutvalget" sits as observer (not a person's post).
            if o.kind in {"partner", "company", "committee"}
            for n in (o.name, *o.aliases)
            if len(n) >= 5
        }
        alternatives = "|".join(sorted(map(re.escape, names), key=len, reverse=True))
        return re.compile(rf"\b(?:{alternatives})\b" if names else r"(?!)")

    return knowledge(store).memo("partner_names", pattern)


_FULL_NAME = re.compile(r"\b[A-ZÆØÅ][a-zæøåé]+(?:\s+[A-ZÆØÅ][a-zæøåé]+)+\b|\b[A-ZÆØÅ]{3,}\b(?!-)")
_ANY = re.compile(r"\S+")
# "ifølge høringsdokumentet", "according to the report": where to look, not what is asked.
_CITED = re.compile(
    r"\b(?:ifølge|i følge|iflg\.?|according to|as stated in)\s+((?:the\s+)?[\w-]+)", re.IGNORECASE
)
_BODY_WORDS = re.compile(
    r"\b(arbeidsutvalget|administrasjonen|regionrådet|styringsgrupp\w*|regionrådgiver\w*|"
    r"kommunen|kommunene|fylkeskommunen|ordfører\w*|prosjektleder\w*|rådmann\w*)\b",
    re.IGNORECASE,
)


def names_someone(text: str, q: Query, s: Scored, store: Store) -> bool:
    """Does the text name a person, a body or an organisation other than those the question and
    the document's title already name?"""
    folded = T.fold(text)
    if any(n in folded for n in knowledge(store).folded_people):
        return True
    known = {w.lower() for w in q.words} | {
        w.lower() for w in T.words(knowledge(store).source(s.row["document_id"]).title)
    }
    words = T.words(text)
    named = [
        w
        for w in words[1:]
        if w[:1].isupper()
        and w.lower() not in known
        and w.lower() not in T.STOPWORDS
        and T.stem(w) not in q.topic  # "Helsearkiv" of "the health archive": what is asked of
    ]
    return bool(named) or bool(_BODY_WORDS.search(text))


def near_topic(text: str, units: list[str], pattern: re.Pattern, window: int) -> bool:
    """Is something the pattern finds (a date) within `window` words of a topic word?"""
    tokens = T.words(text)
    stems = [T.stem(t) for t in tokens]
    # Word index of each match: the number of words before it.
    hits = [len(T.words(text[: m.start()])) for m in pattern.finditer(text)]
    return any(
        len(stem) > 2
        and any(stem == u or stem.startswith(u) for u in units)
        and any(abs(h - i) <= window for h in hits)
        for i, stem in enumerate(stems)
    )


def places(store: Store) -> set[str]:
    """Stems of the names of municipalities, regions and people ("tynset", "os",
    "elverumregion", "finborud"): names even when a question writes them in lower case."""
    return knowledge(store).memo("places", lambda: _places(store))


def _places(store: Store) -> set[str]:
    found = set()
    for org in store.organisations():
        if org.kind in {"municipality", "region"}:
            for name in [org.name, *org.aliases]:
                words = T.words(name)
                if len(words) == 2 and words[1].lower() == "kommune":
                    words = words[:1]
                if len(words) == 1 and words[0][:1].isupper():
                    found.add(T.stem(words[0]))
    for person in _people(store):
        # Surnames and long first names only: "Rune" would make the English "run" a name.
        found.update(T.stem(w) for w in T.words(person.name) if len(T.stem(w)) >= 5)
    return found


def _written_lower(name: str, store: Store) -> bool:
    """Does a capitalised phrase ("Byregion Program") hold a word the documents also write in
    lower case? Then it is a title, not a person's name ("Knut Henrik Aas")."""
    lower = knowledge(store).memo("lower_words", lambda: _lower_words(store))
    return any(w.lower() in lower for w in name.split() if not w.isupper())


def _lower_words(store: Store) -> frozenset[str]:
    return frozenset(
        w for body in store.document_bodies() for w in T.words(body) if w[:1].islower()
    )


def _people(store: Store) -> list[PersonRecord]:
    return knowledge(store).people


# "hvem overtok etter Runa Finborud", "who replaced the project leader": a successor is asked.
_SUCCESSION_ASKED = re.compile(
    r"\b(?:hvem|kven|who)\b.*\b(overtok|overta|overtatt|overtek|tok over|tatt over|etterfulgt\w*|"
    r"etterfolger\w*|erstattet|erstatta|avloste|took over|taken over|succeeded|successor|"
    r"replaced|after|etter|ny|nytt|new)\b"
)
_PREDECESSOR_ASKED = re.compile(r"\b(før|before|forgjenger\w*|predecessor\w*)\b", re.IGNORECASE)
# What a text that tells of a successor says: someone took over, followed, replaced.
_SUCCESSION = re.compile(
    r"\b(overt[ao]\w*|tok over|tatt over|etterf[uø]l\w*|erstat\w*|avløs\w*|tiltr[aå]dt\w*|"
    r"ny(?:tt)? \w*(?:leder|leiar)\w*|took over|succeed\w*|replac\w*)",
    re.IGNORECASE,
)


def asks_successor(q: Query, store: Store) -> list[str]:
    """The people (folded names) a question asks the successor of ("hvem overtok etter Runa
    Finborud?"), by surname or full name; empty when no successor of a known person is asked."""
    if not _SUCCESSION_ASKED.search(q.folded) or _PREDECESSOR_ASKED.search(q.text):
        return []  # "hvem var prosjektleder før Rune Jørgensen tok over": the one before
    return [
        n
        for n in knowledge(store).folded_people
        if len(n.split()[-1]) >= 4 and re.search(rf"\b{re.escape(n.split()[-1])}\b", q.folded)
    ]


def names_successor(text: str, before: list[str], store: Store) -> bool:
    """Does the text tell of someone else than the people before (`before`, folded names)
    taking over? The successor is the person named next to a word of succession: after it when
    the word is passive ("etterfulgt av Rune Jørgensen", "replaced by"), else before it, in its
    sentence ("Rune Jørgensen ... overtok ansvaret")."""
    for sentence in sentences(text):
        for m in _SUCCESSION.finditer(sentence):
            after = sentence[m.end() :]
            passive = re.match(r"\s+(av|by)\b", after)
            people = people_in(after if passive else sentence[: m.start()], store)
            if not people and not passive:
                people = people_in(after, store)[:1]  # "ny prosjektleder ble Kari Nordmann"
            successor = (people[0] if passive else people[-1]) if people else None
            if successor and not any(successor in b or b in successor for b in before):
                return True
    return False


def people_in(text: str, store: Store) -> list[str]:
    """The people a text names (folded), in the order they stand: the known people by full
    name or surname, and others by a full name written in capitals ("Kari Nordmann")."""
    folded = T.fold(text)
    found: list[tuple[int, str]] = []
    for name in knowledge(store).folded_people:
        for key in {name, name.split()[-1]} if len(name.split()[-1]) >= 4 else {name}:
            found += [(m.start(), name) for m in re.finditer(rf"\b{re.escape(key)}\b", folded)]
    for m in _FULL_NAME.finditer(text):
        name = T.fold(m[0])
        if (
            not m[0].isupper()
            and m[0].split()[0].lower() not in T.STOPWORDS
            and not _written_lower(m[0], store)
            and not any(name in n or n in name for _, n in found)
        ):
            found.append((m.start(), name))
    return [n for _, n in sorted(found)]
