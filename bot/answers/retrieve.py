"""Finding what a question is about: term expansion (typos, compounds), FTS candidates, ranking.

The FTS index (bm25) proposes candidates; they are then ranked here by how much of the question's
topic they cover, weighted by how rare each word is (idf), with vetoes for proper names and years
the question names but the candidate does not. Coverage, not bm25, decides whether anything
relevant was found, so an unrelated passage is never presented as an answer.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from dataclasses import dataclass, field
from datetime import date

from bot import text as T
from bot.answers import compounds, semantic, spelling
from bot.answers import weights as W
from bot.answers.knowledge import knowledge
from bot.answers.language import specificity
from bot.answers.lemmas import Lemmas
from bot.answers.lexicon import KIND_FIT, SYNONYMS
from bot.answers.understand import ASK_WORDS, PHASE, Query, understand
from bot.models import Item
from bot.store import Store


def _synonym_table() -> dict[str, set[str]]:
    table: dict[str, set[str]] = {}
    for group in SYNONYMS:
        stems = {T.stem(w) for w in group.split()}
        for s in stems:
            table.setdefault(s, set()).update(stems - {s})
    return table


SYNONYM_STEMS = _synonym_table()  # stem -> the stems of its synonyms


@dataclass
class Expansion:
    """A question term and the index terms that count as it, with how much each counts."""

    term: str
    alts: dict[str, float] = field(default_factory=dict)
    parts: list[str] = field(default_factory=list)  # compound parts, all needed
    part_alts: list[set[str]] = field(default_factory=list)  # each part with its synonyms

    @property
    def known(self) -> bool:
        return bool(self.alts or self.parts)


def expand(term: str, store: Store, *, english: bool = False) -> Expansion:
    """The index terms that count as a question term. `english`: the term is an English word
    the glossary left, no Norwegian compound ("summit" is not "sum" + "mit")."""
    vocab = knowledge(store).vocabulary
    exp = Expansion(term)
    if term in vocab:
        exp.alts[term] = 1.0
    if term[:1].isdigit():
        return exp
    for syn in SYNONYM_STEMS.get(term, ()):
        if syn in vocab:
            exp.alts.setdefault(syn, 0.8)
    # Longer words that begin with the term: "byregion" finds "byregionprogram".
    if len(term) >= 5:
        words = knowledge(store).sorted_vocabulary
        i = bisect_left(words, term)
        n = 0
        while i < len(words) and words[i].startswith(term) and n < 12:
            if words[i] != term:
                exp.alts.setdefault(words[i], 0.75)
            i += 1
            n += 1
    # Compounds that end with the term (the head of a Norwegian compound is its last part):
    # "prosjekt" finds "jernbaneutviklingsprosjekt".
    if len(term) >= 6:
        backwards = knowledge(store).reversed_vocabulary
        rev = term[::-1]
        i = bisect_left(backwards, rev)
        n = 0
        while i < len(backwards) and backwards[i].startswith(rev) and n < 12:
            if backwards[i] != rev:
                exp.alts.setdefault(backwards[i][::-1], 0.6)
            i += 1
            n += 1
    # A short word the documents never write alone, which the affix searches above pass by,
    # as a part of their compounds: "mess" in "ungdomsmess" (a known part before it), "fil" in
    # "filstorr" (one after it). A word they do write alone means that ("led", not "innled").
    if compounds.MIN_PART <= len(term) < 6 and not english and term not in vocab:
        k = knowledge(store)
        found = compounds.containing(
            term, k.sorted_vocabulary, k.reversed_vocabulary, compounds.knower(vocab)
        )
        for compound in found:
            exp.alts.setdefault(compound, W.IN_COMPOUND)
    if term in vocab:
        return exp
    # A compound the documents never write whole: "byregionsøknad" = "byregion" + "søknad",
    # "vedleggsfil" = "vedlegg" + "fil" (parts the index holds, or common Norwegian words).
    split = None if english else compounds.compound(term, compounds.knower(vocab))
    split = split or _indexed_parts(term, vocab)
    if split:
        exp.parts = split
        exp.part_alts = [
            {p, *SYNONYM_STEMS.get(p, ()), *SYNONYM_STEMS.get(T.stem(p), ())} for p in split
        ]
        return exp

    # A compound whose last part the documents say otherwise: "lokalmathelg" = "lokalmat" +
    # "helg", written "lokalmatweekend".
    def known(part: str) -> bool:
        return part in vocab or any(s in vocab for s in SYNONYM_STEMS.get(part, ()))

    for i in range(len(term) - 3, 2, -1):
        head, tail = term[:i], T.stem(term[i:])
        for left in (head, head[:-1] if head.endswith(("e", "s")) else None):
            if not left or len(left) < 4 or not known(left):
                continue
            if SYNONYM_STEMS.get(tail) or (left not in vocab and tail in vocab):
                # "pengerammen" = "penger" (said "midler", "tilskudd") + "ramme"
                exp.parts = [left, tail]
                exp.part_alts = [{p, *SYNONYM_STEMS.get(p, ())} for p in exp.parts]
                return exp
    speller = knowledge(store).memo("term_speller", lambda: spelling.for_terms(vocab, store))
    # A compound with a typo in its first part: "hørinsfristen" = "høring" + "frist".
    for i in range(len(term) - 4, 4, -1):
        head, tail = term[:i], T.stem(term[i:])
        if tail in vocab and len(tail) >= 4:
            match = next(
                (m for m, d in speller.near(head, 1) if abs(len(m) - len(head)) <= 1), None
            )
            if match:
                exp.parts = [match, tail]
                exp.part_alts = [{p, *SYNONYM_STEMS.get(p, ())} for p in exp.parts]
                return exp
    # A typo or a spelling the documents do not use ("innbyggjar"): the nearest indexed terms,
    # one edit off (two in long words); in short words only a letter missing or extra, since a
    # changed letter is too often another word.
    if len(term) >= 4:
        limit = 2 if len(term) >= W.TERM_TYPO_TWO else 1
        near = [
            (m, d)
            for m, d in speller.near(term, limit)
            if d and (len(term) >= 7 or len(m) != len(term))
        ]
        for match, d in near[:2]:
            exp.alts.setdefault(match, 0.8 * (1 - d / max(len(term), len(match))))
    return exp


def _unglossed(query: Query, term: str) -> bool:
    """Is the term an English word of an English question that the glossary left as it was?"""
    written = query.surface.get(term)
    return query.english and written is not None and T.stem(written) == term


def _indexed_parts(term: str, vocab: dict[str, int]) -> list[str] | None:
    """Two parts the index holds, the second last: also a word that is common on its own
    ("tilsendt" = "til" + "send") reads as the parts the documents write."""
    for i in range(len(term) - 3, 2, -1):
        head, tail = term[:i], term[i:]
        for link in ("", *compounds.LINKS):
            if link and not head.endswith(link):
                continue
            left = head[: len(head) - len(link)] if link else head
            if len(left) >= 3 and left in vocab and T.stem(tail) in vocab:
                return [left, T.stem(tail)]
    return None


@dataclass
class Scored:
    row: dict
    score: float
    coverage: float
    name_ok: bool
    own: set[str]
    context: set[str]
    unmatched: set[str] = field(default_factory=set)  # question words with no expansion


class Ranker:
    def __init__(self, store: Store, query: Query):
        self.store = store
        self.knowledge = knowledge(store)
        self.query = query
        self.n = max(self.knowledge.search_size, 1)
        self.vocab = self.knowledge.vocabulary
        self._affixes: dict[str, dict[str, float]] = {}
        self._touching: dict[str, set[str]] = {}
        self._shares: dict[str, list[float]] = {}
        self._weighted: list[tuple[Expansion, float]] | None = None
        topic = []
        for t in dict.fromkeys(query.topic):  # synonyms in one question count once
            if not any(t in SYNONYM_STEMS.get(o, ()) for o in topic):
                topic.append(t)
        expanded = [expand(t, store, english=_unglossed(query, t)) for t in topic]
        lemmas = None
        self.related: set[str] = set()  # terms read by their synonyms only
        for exp in expanded:
            # A word the documents lack that nothing above reads: the synonyms they have
            # (thesaurus.py), for less than the word itself.
            written = query.surface.get(exp.term)
            if exp.alts or query.english or not written or exp.term in query.names:
                continue
            lemmas = lemmas or Lemmas(store, knowledge(store).vocabulary)
            for t in lemmas.related(written):
                exp.alts.setdefault(t, W.THESAURUS)
                self.related.add(exp.term)
        for exp in expanded:  # a compound the question wrote apart: its parts count too
            if exp.term in query.joined and not exp.parts:
                exp.parts = query.joined[exp.term]
                exp.part_alts = [{p, *SYNONYM_STEMS.get(p, ())} for p in exp.parts]
        for exp in expanded:  # an English word glossed several ways: any of them counts
            for alt in query.alternatives.get(exp.term, ()):
                exp.alts.update({a: w for a, w in expand(alt, store).alts.items() if w >= 0.75})
        # A hyphenated word the index never saw whole ("femundløpet-sendingen") counts by its parts.
        self.topic = [
            e
            for e in expanded
            if e.known or not any(o != e.term and e.term.startswith(o) for o in topic)
        ]
        self.ask = [t for t in dict.fromkeys(query.terms) if t in ASK_WORDS]
        self.bare = {e.term for e in self.topic if not e.known}
        specific = [
            e
            for e in self.topic
            if e.alts and len(e.term) > 2 and e.term not in query.names and e.term not in query.soft
        ]
        self.rarest = max(specific, key=self.idf, default=None)
        # Everyday words ("få på plass", "endte opp") count for less than the field's words.
        self.specific = {
            e.term: specificity(query.surface.get(e.term, ""), english=query.english)
            if e.term not in query.names
            else 1.0
            for e in self.topic
        }

    def idf(self, exp: Expansion) -> float:
        if exp.term in self.related:
            # Weighed as a word no document has (below): its synonyms may find the text, but a
            # text without them loses nothing it had without the thesaurus.
            return 0.5 * math.log(1 + self.n)
        if exp.term in self.vocab:
            df = self.vocab[exp.term]
        elif exp.alts:
            df = max(self.vocab.get(t, 1) for t in exp.alts)
        elif exp.parts:
            # A compound is narrower than its parts: half as common as its commonest part the
            # index holds (as the part or a word beginning with it).
            dfs = [self._part_df(p) for p in exp.parts]
            df = max((d for d in dfs if d), default=self.n) / 2
        else:
            # A word no document has: it may be a typo or a synonym we lack, so it counts half
            # (an English word we could not gloss counts even less).
            return (0.15 if self.query.english else 0.5) * math.log(1 + self.n)
        return math.log(1 + (self.n - df + 0.5) / (df + 0.5))

    def _part_df(self, part: str) -> int:
        """Rows holding a compound part, as the part or the commonest indexed word beginning
        with it (0 when the index has neither)."""
        if part in self.vocab:
            return self.vocab[part]
        words = self.knowledge.sorted_vocabulary
        i, df = bisect_left(words, part), 0
        while i < len(words) and words[i].startswith(part):
            df = max(df, self.vocab[words[i]])
            i += 1
        return df

    def fts_terms(self) -> list[str]:
        out = []
        for exp in self.topic:
            out += list(exp.alts) + exp.parts
            for part in exp.parts:
                # A part the documents never write alone is found in the words it begins
                # ("kollektiv" of "kollektivselskap" in "kollektivtransport").
                if part not in self.vocab:
                    out += self._begins(part)
        return out + self.ask

    def _begins(self, part: str, most: int = 12) -> list[str]:
        words = self.knowledge.sorted_vocabulary
        i, out = bisect_left(words, part), []
        while i < len(words) and words[i].startswith(part) and len(out) < most:
            out.append(words[i])
            i += 1
        return out

    def candidates(self, limit: int = 80) -> list[dict]:
        rows = self.knowledge.search(self.fts_terms(), limit=limit)
        names = set(self.query.names)
        if names:
            # A name the documents repeat ("Elverumregionen") fills the limit with rows that
            # say it and the commoner words; a row that says what is asked ("Øke bosetting med
            # 200") stands under the name (its document's title) without saying it. Each asked
            # word brings its own best rows.
            seen = {r["rowid"] for r in rows}
            for e in self.topic:
                if e.term in names or not (e.alts or e.parts):
                    continue
                for r in self.knowledge.search([*e.alts, *e.parts], limit=W.TERM_CANDIDATES):
                    if r["rowid"] not in seen:
                        seen.add(r["rowid"])
                        rows.append(r)
        if "amount" in self.query.intents:
            # A budget line's own words are few ("Sum kostnad"): among the rows of a document
            # that all name its project, bm25 ranks it past the limit. An amount is asked: the
            # budget lines the words touch are candidates too, and ranking weighs them.
            seen = {r["rowid"] for r in rows}
            terms = self.fts_terms() + [p for e in self.topic for alts in e.part_alts for p in alts]
            rows += [
                r
                for r in self.store.search(terms, kinds=["budget"], limit=limit)
                if r["rowid"] not in seen
            ]
        return rows

    def _match(self, exp: Expansion, terms: set[str], unindexed: set[str] | None = None) -> float:
        """How well a row's terms hold the question term. `unindexed`: those of the terms the
        index does not hold (computed here when not given)."""
        if exp.term in terms:
            return 1.0
        best = max((w for t, w in exp.alts.items() if t in terms), default=0.0)
        term = exp.term
        if len(term) >= 5 and not term[:1].isdigit():
            # The words that begin or end like the term, found once per question in the sorted
            # vocabulary, instead of comparing the term with every word of every row.
            near = self._affixed(term)
            for t in near.keys() & terms:
                best = max(best, near[t])
            if unindexed is None:
                unindexed = terms.difference(self.vocab)
            for t in unindexed:
                best = max(best, _affix(term, t))
        if exp.parts:
            held = [any(self._has(p, terms, unindexed) for p in alts) for alts in exp.part_alts]
            if all(held):
                best = max(best, W.COMPOUND_ALL)
            elif any(held):
                # Some of its parts, its rarest among them: the row is about a neighbour of the
                # compound ("kollektivtransport" for "kollektivselskap"); its commoner parts say
                # little ("arbeid" of "bioøkonomiarbeid").
                shares = self._part_shares(exp)
                rarest = max(range(len(shares)), key=shares.__getitem__)
                if held[rarest]:
                    best = max(best, W.COMPOUND_SOME * shares[rarest])
        return best

    def _part_shares(self, exp: Expansion) -> list[float]:
        """Each compound part's share of the compound's parts' idf."""
        shares = self._shares.get(exp.term)
        if shares is None:
            idfs = [
                math.log(1 + (self.n - df + 0.5) / (df + 0.5))
                for df in (self._part_df(p) or self.n for p in exp.parts)
            ]
            total = sum(idfs) or 1.0
            shares = self._shares[exp.term] = [i / total for i in idfs]
        return shares

    def _affixed(self, term: str) -> dict[str, float]:
        """Every indexed word that counts as a form of the term by `_affix`, with how much."""
        near = self._affixes.get(term)
        if near is None:
            words, backwards = self.knowledge.sorted_vocabulary, self.knowledge.reversed_vocabulary
            found = [term[:i] for i in range(1, len(term)) if term[:i] in self.vocab]
            i = bisect_left(words, term)
            while i < len(words) and words[i].startswith(term):
                found.append(words[i])
                i += 1
            if len(term) >= 6:
                rev = term[::-1]
                i = bisect_left(backwards, rev)
                while i < len(backwards) and backwards[i].startswith(rev):
                    found.append(backwards[i][::-1])
                    i += 1
            near = {t: v for t in found if (v := _affix(term, t))}
            self._affixes[term] = near
        return near

    def _has(self, part: str, terms: set[str], unindexed: set[str] | None = None) -> bool:
        """Does a word of the row begin or end with the part (`has_part`)? The indexed words that do
        are found once per question."""
        if part in terms:
            return True
        near = self._touching.get(part)
        if near is None:
            words, backwards = self.knowledge.sorted_vocabulary, self.knowledge.reversed_vocabulary
            near = set()
            i = bisect_left(words, part)
            while i < len(words) and words[i].startswith(part):
                near.add(words[i])
                i += 1
            rev = part[::-1]
            i = bisect_left(backwards, rev)
            while i < len(backwards) and backwards[i].startswith(rev):
                near.add(backwards[i][::-1])
                i += 1
            self._touching[part] = near
        if not near.isdisjoint(terms):
            return True
        if unindexed is None:
            unindexed = terms.difference(self.vocab)
        return has_part(part, unindexed)

    def _weights(self) -> list[tuple[Expansion, float]]:
        """Each topic term with its weight: its idf, less for soft and inherited words and for
        everyday words. The same for every row of a question."""
        if self._weighted is None:
            q = self.query
            weighted = []
            for exp in self.topic:
                w = self.idf(exp) * (W.SOFT if exp.term in q.soft else 1.0)
                if exp.term in q.inherited:
                    w *= W.INHERITED
                if exp.term in q.translated:
                    w *= W.TRANSLATED
                w *= self.specific[exp.term]
                weighted.append((exp, w))
            self._weighted = weighted
        return self._weighted

    def score(self, row: dict) -> Scored:
        q = self.query
        words = self.knowledge.row_terms(row)
        own, row_ctx, ctx = words.own, words.context, words.around
        own_x, ctx_x = words.own_unindexed, words.around_unindexed
        total = got = got_own = cited = 0.0
        doc = row["document_id"]
        in_own: dict[int, float] = {}  # id(exp) -> its match in the row's own words
        for exp, w in self._weights():
            total += w
            m_own = in_own[id(exp)] = self._match(exp, own, own_x)
            # The context counts 0.6 at most: it matters only when the row's own words do less.
            m_ctx = self._match(exp, ctx, ctx_x) * 0.6 if m_own < 0.6 else 0.0
            if exp.term in q.cited and m_own < 1.0:
                # "ifølge protokollen": said where the answer is written, in its document
                m_ctx = max(m_ctx, self._match(exp, self.knowledge.document_words(doc)))
                cited += w
            got += w * max(m_own, m_ctx)
            got_own += w * m_own
        coverage = got / total if total else 0.0
        if total and got_own / max(total - cited, 1e-9) < 0.2:
            # Only the document's title matches: the row itself says nothing about the topic
            # (the words naming the document to read, "ifølge handlingsplanen", aside).
            coverage *= 0.5
        asked = [e for e in self.topic if e.term not in q.names and e.term not in q.soft]

        def matched(e: Expansion) -> float:
            m = in_own.get(id(e))
            return self._match(e, own, own_x) if m is None else m

        if q.names and asked and not any(matched(e) for e in asked):
            # Only the names match ("tlf til Runa Finborud" in a text about Runa without a
            # phone number): the row is about the right one, but not about what was asked.
            coverage *= 0.5
        rarest = self.rarest
        if rarest is not None and not (matched(rarest) or self._match(rarest, row_ctx)):
            # The most specific word of the question is not there ("ungdomsrådet" in "hvem
            # leder ungdomsrådet", "kjeveortopeditilbud"): the row may hold the kind of fact
            # asked for, but about something else.
            coverage *= W.RAREST_MISSING.get(q.primary, W.RAREST_MISSING[None])
        asked = sum(t in own for t in self.ask) / max(len(self.ask), 1)

        everything = words.everything
        # A name counts as present in a term it begins ("elverum" in "elverumregion").
        name_ok = all(
            n in everything or (len(n) >= 4 and any(t.startswith(n) for t in everything))
            for n in q.names
        )
        fit = KIND_FIT.get(q.primary, KIND_FIT["plan"]).get(row["kind"], 0.2)
        score = coverage * (0.55 + 0.45 * fit) + 0.08 * asked
        if not name_ok:
            score *= 0.25
        if q.years and not self._years_ok(row, everything):
            score *= 0.4
        if q.period:
            a, b = str(q.period[0]), str(q.period[1])
            if a in own | row_ctx and b in own | row_ctx:
                score *= 1.1
            else:
                title = self.knowledge.source(row["document_id"]).title
                periods = re.findall(
                    r"\b(20\d\d)\s*[-–]\s*(20\d\d|\d\d)\b", f"{row.get('text') or ''} {title}"
                )
                if periods and not any(
                    (int(x), int(y) if len(y) == 4 else 2000 + int(y)) == q.period
                    for x, y in periods
                ):
                    score *= 0.3  # another plan period than the one asked about
        if q.phase:
            # "i fase 1": a row about another phase is about something else.
            named = {int(n) for n in PHASE.findall(f"{row.get('text') or ''} {row['context']}")}
            if named:
                score *= W.PHASE_MATCH if q.phase in named else W.PHASE_OTHER
        if q.primary in {"amount", "count"} and not q.years and row["kind"] == "budget":
            # No year asked: the total rather than one year's line ("SUM", "til sammen"). The
            # line's year field says which it is ("fordeles etter befolkning pr 1.1.2015" is a
            # total's note, not its year).
            line = self.knowledge.item_row("budget", row["ref"]) or {}
            score *= 0.9 if line.get("year") else 1.1
        if q.bodies and row["kind"] in {"decision", "meeting", "case"}:
            # The body is the first word of a meeting's or decision's row: "Regionrådet ...".
            body_terms = set(
                T.terms(
                    row["context"].split(" ")[0]
                    if row["kind"] != "meeting"
                    else row["text"].split(" ")[0]
                )
            )
            score *= 1.15 if any(T.stem(b) in body_terms for b in q.bodies) else 0.5
        return Scored(row, score, coverage, name_ok, own, ctx, self.bare)

    def _years_ok(self, row: dict, terms: set[str]) -> bool:
        years = {int(t) for t in terms if t.isdigit() and len(t) == 4}
        periods = re.findall(r"\b(20\d\d)\s*-\s*(20\d\d)\b", row.get("text") or "")
        for a, b in periods:
            years |= set(range(int(a), int(b) + 1))
        return all(y in years for y in self.query.years)

    def rank(self, limit: int = 80) -> list[Scored]:
        rows = self.candidates(limit)
        sim = semantic.similarity(self.store, self.query.text)
        scored = [self.score(r) for r in rows]
        if sim is not None:
            # Rows the index missed, nearest in meaning: kept when they cover the topic well.
            missed = self.store.search_rows(semantic.missed(rows, sim)).values()
            extra = [self.score({**r, "rank": 0.0}) for r in missed]
            scored += [s for s in extra if s.coverage >= W.SEM_EXTRA_COVER]
        scored.sort(key=lambda s: -s.score)
        if sim is not None:
            semantic.reorder(scored, sim)
        return scored


def _affix(term: str, t: str) -> float:
    """How much a word counts as the (question) term when one begins or ends like the other."""
    if abs(len(t) - len(term)) <= 2 and (t.startswith(term) or term.startswith(t)):
        return 0.9  # the stemmer left an ending: "rådgiver(en)"
    if t.startswith(term):
        return 0.75
    if len(term) >= 6 and t.endswith(term):
        return 0.6
    if len(t) >= 5 and term.startswith(t):
        return 0.5  # "byregion" for "byregionprosjekt"
    return 0.0


def has_part(part: str, terms: set[str]) -> bool:
    """Does a word of the terms begin or end with the part?"""
    return part in terms or any(t.startswith(part) or t.endswith(part) for t in terms)


def to_item(store: Store, s: Scored) -> Item:
    row = s.row
    fields = knowledge(store).item_row(row["kind"], row["ref"]) or {}
    quote = fields.get("quote") if row["kind"] != "passage" else row["text"]
    extra = {}
    if row["kind"] == "passage":
        extra = {"section": fields.get("section"), "page": fields.get("page")}
    if fields.get("case_number"):
        extra["case_number"] = fields["case_number"]
    # Merged entities (people, organisations) cite the document their quote comes from.
    document_id = fields.get("document_id") or row["document_id"]
    source = knowledge(store).source(document_id, quote, **extra)
    return Item(
        id=row["ref"],
        kind=row["kind"],
        text=row["text"],
        fields=fields,
        source=source,
        score=s.score,
    )


def search(store: Store, text: str, *, now: date, limit: int = 10) -> list[Item]:
    """Free-text search over everything, best first (used by `regionbot search`)."""
    query = understand(text, now=now, vocabulary=knowledge(store).vocabulary, lemmas=Lemmas(store))
    if not query.topic:
        query.topic = query.terms
    ranked = [s for s in Ranker(store, query).rank() if s.coverage > 0]
    return [to_item(store, s) for s in ranked[:limit]]
