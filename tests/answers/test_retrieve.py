"""Finding the evidence when the question's words are not the document's: compounds read by
their parts, on a made-up knowledge base (the mechanisms, not eval questions)."""

from datetime import datetime

import pytest

from bot.answers import answer
from bot.answers import weights as W
from bot.answers.knowledge import knowledge
from bot.answers.lemmas import Lemmas
from bot.answers.retrieve import Ranker, expand
from bot.answers.understand import understand
from bot.config import TZ
from bot.store import Store
from tests.answers.made_up import made_up_store

NOW = datetime(2021, 4, 20, 9, 0, tzinfo=TZ)

APPLICATION = """---
id: 903-soknad-fjordbyen
title: "Søknad – Fjordbyen fase 2"
date: 2015-04-30
organisation: Fjordrådet
region: Fjordregionen
kind: søknad
access: offentlig
source_file: 903.txt
---
# Søknaden

Søknadsnr. 2015-0042 Søknadsår 2015.

Vedlegg: Fjordanalyse for Fjordregionen.pdf, filstørrelse 512 000, dato 29.04.2015.

# Samferdsel

Fjordrådet skal delta i samarbeid med Fjordbuss og Båtruta om bedre kollektivtransport.

Arbeidet med reiseliv i Fjordregionen ledes av Fjordrådet.

Fjordrådet arrangerer en ungdomsmesse hvert år.

Arbeidet med landbruk i Fjordregionen følges opp av kommunene.
"""


@pytest.fixture(scope="module")
def made_up(tmp_path_factory) -> Store:
    return made_up_store(
        tmp_path_factory,
        {"documents/903-soknad-fjordbyen.md": APPLICATION},
    )


def ranked(store: Store, question: str):
    q = understand(
        question, now=NOW.date(), vocabulary=knowledge(store).vocabulary, lemmas=Lemmas(store)
    )
    return Ranker(store, q).rank()


def test_a_compound_the_documents_never_write_whole_is_read_by_its_parts(made_up):
    exp = expand("vedleggsfil", made_up)  # "vedlegg" is indexed, "fil" a common word
    assert exp.parts == ["vedlegg", "fil"]
    best = ranked(made_up, "Hvor stor er vedleggsfila med fjordanalysen?")[0]
    assert "filstørrelse 512 000" in best.row["text"]


def test_the_asked_figure_may_stand_next_to_a_part_of_the_asked_compound(made_up):
    # "512 000" stands next to "filstørrelse", far from "Vedlegg": the parts stand for
    # "vedleggsfila", so the figure is the answer, not a refusal.
    a = answer("hvor stor er vedleggsfila med fjordanalysen", store=made_up, now=NOW)
    assert a.found and "512 000" in a.body


def test_a_compound_part_is_taken_with_its_synonyms(made_up):
    # "nummer" is written "nr" ("Søknadsnr."): a synonym of a part counts as the part.
    assert "nr" in expand("soknadsnummer", made_up).part_alts[-1]
    a = answer("Hva er søknadsnummeret til Fjordbyen?", store=made_up, now=NOW)
    assert a.found and "2015-0042" in a.body


def matches(store: Store, question: str, term: str) -> dict[str, float]:
    """How much each candidate row's own words hold one question term, by the row's text."""
    q = understand(
        question, now=NOW.date(), vocabulary=knowledge(store).vocabulary, lemmas=Lemmas(store)
    )
    r = Ranker(store, q)
    exp = next(e for e in r.topic if e.term == term)
    return {s.row["text"]: r._match(exp, s.own) for s in r.rank()}


def test_a_row_with_the_rarest_part_of_a_compound_is_a_neighbour_of_it(made_up):
    # "kollektivselskaper": the row about "kollektivtransport" holds its rarer part and counts
    # for part of it; it is the best hit.
    question = "Hvilke kollektivselskaper samarbeider Fjordrådet med?"
    held = matches(made_up, question, "kollektivselskap")
    bus = next(m for t, m in held.items() if "Fjordbuss" in t)
    assert 0 < bus < W.COMPOUND_ALL
    assert "Fjordbuss" in ranked(made_up, question)[0].row["text"]


def test_a_row_with_only_the_common_part_of_a_compound_holds_nothing_of_it(made_up):
    held = matches(made_up, "Hvem leder reiselivsarbeidet i Fjordregionen?", "reiselivsarbeid")
    assert next(m for t, m in held.items() if "reiseliv" in t) == W.COMPOUND_ALL
    # "Arbeidet med landbruk" has "arbeid" only: the commoner part says nothing of the compound
    assert next(m for t, m in held.items() if "landbruk" in t) == 0


def test_a_word_the_documents_only_write_in_compounds_finds_those_compounds(made_up):
    # "messe" stands only in "ungdomsmesse" ("ungdom" + "s" + "messe"): the compound counts.
    assert "ungdomsmess" in expand("mess", made_up).alts
    best = ranked(made_up, "Hvem arrangerer messa i Fjordregionen?")[0]
    assert "ungdomsmesse" in best.row["text"]


def test_an_english_word_the_glossary_left_is_not_cut_into_norwegian_parts(made_up):
    assert expand("kollektivselskap", made_up).parts
    assert not expand("kollektivselskap", made_up, english=True).parts


# --- budget tables ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def budget(tmp_path_factory) -> Store:
    from tests.answers import budget_kb

    return budget_kb.build(tmp_path_factory.mktemp("kb"), tmp_path_factory.mktemp("db") / "b.db")


def test_an_amount_question_finds_the_table_line_past_the_rows_that_name_the_project(budget):
    # Ninety rows say "Fjordbyen" and "søknad"; the cost plan's sum row says only "Sum kostnad".
    a = answer("Hva er totalbudsjettet i søknaden for Fjordbyen?", store=budget, now=NOW)
    assert a.found and a.body.startswith("1 200 000 kroner – Sum kostnad")


def test_a_table_line_with_a_dated_note_still_counts_as_the_sum_for_the_period(budget):
    # "fordelt etter folketall pr 1.1.2020" is the line's note: the sum, not the line of 2020.
    a = answer("Hvor mye kontantmidler gir kommunene til Fjordbyen?", store=budget, now=NOW)
    assert a.found and a.body.startswith("120 000 kroner – Midler fra kommunene")
    assert "i 2020" not in a.body.split("\n")[0]


def test_a_party_of_the_financing_is_answered_by_its_own_line_not_the_sum_row(budget):
    # The sum row's source names every party; the county's own line is what it gives.
    for question in [
        "Hvor mye skal fylkeskommunen bidra med totalt i Fjordbyen-søknaden?",
        "Hvor mye skal fylkeskommunen dekke i Fjordbyen-søknaden?",
    ]:
        a = answer(question, store=budget, now=NOW)
        assert a.found and a.body.startswith("600 000 kroner – Finansiering fra Nordfylket"), (
            question,
            a.body,
        )
