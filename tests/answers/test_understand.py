"""Reading a question once into a Query: nynorsk, compounds, scope, phases, lists, follow-ups."""

from datetime import date

import pytest

from bot import text as T
from bot.answers.understand import bokmal, nynorsk, respell_aa, understand
from tests.answers.made_up import made_up_store

TODAY = date(2021, 4, 20)


def read(store, question, **kw):
    return understand(question, now=TODAY, vocabulary=store.vocabulary(), **kw)


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("Kven har ansvaret for Jernbaneforum?", "owner"),
        ("Kor mykje kosta prosjektet?", "amount"),
        ("Kor mange kommunar er med?", "count"),
        ("Kva for mål har planen?", "list"),
    ],
)
def test_nynorsk_questions_are_read_like_bokmal(store, question, intent):
    assert nynorsk(question)
    assert read(store, question).primary == intent


def test_nynorsk_spellings_become_the_documents_words(store):
    text = bokmal("Kven skal følgje opp ringverknadene vidare?", store.vocabulary())
    assert text == "Hvem skal følge opp ringvirkningene videre?"


def test_bokmal_is_not_taken_for_nynorsk():
    assert not nynorsk("Hvem har ansvaret for Jernbaneforum?")


def test_a_role_of_a_body_is_read_as_the_compound_the_documents_use(store):
    q = read(store, "Hvem er leder av regionrådet?")
    assert T.stem("regionrådsleder") in q.topic
    assert T.stem("leder") not in q.topic


def test_the_body_a_who_question_looks_in_is_not_its_topic(store):
    q = read(store, "Hvem i arbeidsutvalget har ansvaret for kjeveortopedi?")
    assert T.stem("arbeidsutvalget") not in q.topic and T.stem("kjeveortopedi") in q.topic


def test_a_phase_is_a_filter(store):
    assert read(store, "Hva skjedde i fase 2?").phase == 2
    assert read(store, "Hva skjedde i prosjektet?").phase is None


@pytest.mark.parametrize(
    "question",
    [
        "Nevn målene i strategisk plan",
        "Rams opp kommunene i Elverumregionen",
        "Gi meg en oversikt over innsatsområdene",
        "Hva er de tre kritiske suksessfaktorene?",
        "List the goals of the strategic plan",
        "Name the municipalities of Elverumregionen",
    ],
)
def test_lists_however_asked(store, question):
    assert read(store, question).primary == "list"


def test_a_second_part_leans_on_the_first_with_its_own_body(store):
    q = read(
        store,
        "Når skal regionrådet behandle den?",
        context="Når skal handlingsplanen opp i arbeidsutvalget?",
        follows=True,
    )
    assert q.bodies == ["Regionrådet"]
    assert T.stem("handlingsplanen") in q.inherited
    assert T.stem("arbeidsutvalget") not in q.topic


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("Hvem satt i styringsgruppa?", "members"),
        ("Who sat on the steering group?", "members"),
        ("Who was in charge of the concept?", None),
        ("Hvem har ansvaret for styringsgruppa?", None),
    ],
)
def test_who_a_body_is_made_of_is_not_who_owns_a_task(store, question, intent):
    primary = read(store, question).primary
    assert primary == intent if intent else primary != "members"


def test_members_are_answered_from_what_the_body_consists_of(store, now):
    from bot.answers import answer

    a = answer("Hvem satt i styringsgruppa for Tynset og Røros-prosjektet?", store=store, now=now)
    assert a.found and "formannskapene" in a.body and a.kind == "people"


def test_everyday_words_are_not_typos_but_typos_are_repaired(store):
    from bot.answers.understand import correct

    known = ["handlingsplanen", "legger", "trender", "regionrådet"]
    assert correct("Hvor lenge trenger vi", known, store.vocabulary()) == "Hvor lenge trenger vi"
    assert correct("hva sier handlignsplanen", known, store.vocabulary()) == (
        "hva sier handlingsplanen"
    )


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("Hva koster det å være medlem i Fjellnettverket?", "amount"),
        ("Kva kostar det å vere med?", "amount"),
        ("Hva er prisen for deltakelse?", "amount"),
        ("Hvor mange er medlem i styringsgruppa?", "count"),
        ("Hvem er medlem i styringsgruppa?", "members"),
    ],
)
def test_a_figure_asked_about_membership_is_a_figure_question(store, question, intent):
    assert read(store, question).primary == intent


@pytest.mark.parametrize(
    "question",
    [
        "Hvem er tenkt å følge opp kompetansearbeidet?",
        "Kven er meint å leie nettverket?",
        "Who is supposed to run the network after the project?",
        "Who is in charge of the website?",
    ],
)
def test_who_is_to_do_a_task_asks_for_an_owner(store, question):
    q = read(store, question)
    assert q.primary == "owner"
    assert not {"tenkt", "supposed"} & set(q.topic)


def test_the_question_is_read_once_into_the_query(store):
    from bot.answers.lemmas import Lemmas

    q = read(store, "Kva vart vedteke om handlingsplanen?", lemmas=Lemmas(store))
    assert q.lang == "nn" and q.text.startswith("Hva ble")  # read as the documents' bokmål
    assert q.folded == T.fold(q.text) and q.words == T.words(q.text)
    assert q.lemmas["vedteke"] == "vedta"
    assert read(store, "Who is responsible for mobile coverage?").lang == "en"
    assert read(store, "Hvem har ansvar for mobildekning?").lang == "nb"


def test_a_typo_is_repaired_before_the_question_is_read(store):
    from bot.answers import spelling

    q = read(store, "hvem har ansvar for jernbanefourm?", known_words=spelling.for_store(store))
    assert T.stem("jernbaneforum") in q.topic and "jernbaneforum" in q.folded


def test_a_whole_nynorsk_word_is_respelt_when_the_documents_have_the_bokmal(store):
    assert bokmal("Kven leiar regionrådet?", store.vocabulary()) == "Hvem leder regionrådet?"
    assert read(store, "Kven leiar regionrådet?").primary == "people"


def test_aa_typed_for_a_ring_is_read_as_the_letter(store):
    assert respell_aa("hva er nummeret paa søknaden i aar") == "hva er nummeret på søknaden i år"
    # names keep their old spelling
    assert respell_aa("Aasen og Haakon sendte den") == "Aasen og Haakon sendte den"
    assert "pa" not in read(store, "hva er soknadsnummeret paa elverum sin soknad").topic


def test_an_inflected_nynorsk_word_is_respelt_by_its_stem():
    # "prosjektleiaren": the definite form of "prosjektleiar"; the documents say "prosjektleder".
    vocabulary = {T.stem("prosjektleder"): 3}
    assert "prosjektleder" in bokmal("Når slutta prosjektleiaren?", vocabulary).lower()
    assert "prosjektleder" in bokmal("Kven er prosjektleiar?", vocabulary).lower()


def test_a_phrase_meaning_about_is_no_topic(store):
    topic = read(store, "Hvilke mål har Elverumregionen med tanke på arbeidsplasser?").topic
    assert "tank" not in topic and T.stem("arbeidsplasser") in topic
    assert "term" not in read(store, "What are the goals in terms of jobs?").topic


# --- who carries the work on after a project, and the frame words of a question ----------------

FINAL_REPORT = """---
id: 905-sluttrapport-fjordbyen
title: "Sluttrapport – Fjordbyen som motor"
date: 2020-05-01
organisation: Fjordrådet
region: Fjordregionen
kind: sluttrapport
access: offentlig
source_file: 905.txt
---
# Resultater

Fiske: I dette området ble det holdt tre seminarer for fiskere i prosjektperioden.

Reiseliv: I dette området ble det laget en felles nettside for hotellene i prosjektet.

# Veien videre

Fiske: Fjordkommune og Fiskerådet kan i fellesskap ta ansvar for videreføring av arbeidet.

Reiseliv: Fjordreiser er etablert for å arbeide med dette området, og må ta ansvar for videre
arbeid sammen med ulike partnere.
"""


@pytest.fixture(scope="module")
def report_store(tmp_path_factory):
    return made_up_store(
        tmp_path_factory, {"documents/905-sluttrapport-fjordbyen.md": FINAL_REPORT}
    )


@pytest.mark.parametrize(
    ("question", "who", "not_who"),
    [
        (
            "Hvem tar over fiske-satsingen etter at prosjektet er ferdig?",
            "Fiskerådet",
            "Fjordreiser",
        ),
        (
            "hvem skal ta ansvar for reiseliv-omradet videre etter prosjektet?",
            "Fjordreiser",
            "Fiske",
        ),
        ("Kven skal følgje opp reiselivet når prosjektet er slutt?", "Fjordreiser", "Fiske"),
    ],
)
def test_who_carries_on_after_the_project_is_read_from_what_is_carried_on(
    report_store, question, who, not_who
):
    from datetime import datetime

    from bot.answers import answer
    from bot.config import TZ

    a = answer(question, store=report_store, now=datetime(2021, 4, 20, 9, 0, tzinfo=TZ))
    first = a.body.split("\n")[0]
    assert a.found and who in first and not_who not in first, a.body


def test_the_time_after_a_project_is_no_topic_but_the_work_carried_on_is(store):
    q = read(store, "Once the project ended, who was expected to carry on the bioeconomy work?")
    assert T.stem("videreføre") in q.topic
    assert not {T.stem("avsluttet"), T.stem("prosjekt"), "carry"} & set(q.topic)
    q = read(store, "Hva ble bestemt om regionrådets egen rolle framover?")
    assert q.primary == "decision"
    assert T.stem("framover") not in q.topic
    assert T.stem("videreføre") not in q.topic  # "framover" is no project's end


def test_videre_before_a_noun_is_no_carrying_on(store):
    q = read(store, "Hvor mange suksessfaktorer for videre vekst lister rapporten?")
    assert T.stem("videreføre") not in q.topic


def test_the_everyday_head_of_a_hyphenated_word_counts_little(store):
    assert T.stem("området") in read(store, "Hvem følger opp verdensarv-området?").soft
    assert T.stem("omradet") in read(store, "hvem folger opp verdensarv-omradet").soft
    assert T.stem("møtet") not in read(store, "Når er Femundløpet-sendingen?").soft


def test_the_verb_after_a_modal_is_the_soft_verb_of_a_who_question(store):
    assert T.stem("fungere") in read(store, "Hvem skal fungere som styringsgruppe?").soft


@pytest.mark.parametrize(
    ("question", "cited"),
    [
        ("Hvilke tiltak står i handlingsplanen for 2019-2020?", {"handlingsplan", "2019", "2020"}),
        ("hvilke fora skal rådet delta i (handlingsplan 2019-20)?", {"handlingsplan", "2019"}),
        ("Hva skal gjøres etter 2019-2020-planen?", {"plan", "2019", "2020"}),
        # The time of the topic, not the name of a plan: only the years say where to read.
        ("Hva skal gjøres for bedre mobildekning i 2021-2022?", {"2021", "2022"}),
    ],
)
def test_the_plan_a_question_names_is_where_to_read(store, question, cited):
    assert understand(question, now=TODAY, vocabulary=store.vocabulary()).cited == cited


@pytest.mark.parametrize(
    ("question", "listed"),
    [
        ("Kva kommunar er med i regionen?", True),
        ("Hva for vedlegg hadde søknaden?", True),
        ("Kva slags tiltak er planlagt?", True),
        ("Kva for selskap skal rådet samarbeide med?", True),
        # "hva" asking what is said or done, not which things
        ("Hva sier planen om mobildekning?", False),
        ("Hva mer skal gjøres for mobildekning?", False),
        ("Hva kostet prosjektet?", False),
    ],
)
def test_hva_before_a_plural_noun_asks_which_things(store, question, listed):
    assert (read(store, question).primary == "list") is listed


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        # the size of a sum of money is an amount
        ("Hvor stort ble det reviderte budsjettet for Fjordbyen?", "amount"),
        ("How large was the budget of the harbour project?", "amount"),
        ("Hvor stor var kostnaden for kursene?", "amount"),
        # a size that is no money, and a count of money, stay counts
        ("Hvor stor er kommunen?", "count"),
        ("Hvor mange kroner fikk hver kommune i tilskudd?", "count"),
    ],
)
def test_the_size_of_money_is_an_amount(store, question, intent):
    assert read(store, question).primary == intent


def test_a_how_much_questions_verb_and_its_change_word_are_not_what_it_is_about(store):
    q = read(store, "Hvor mange flere innbyggere håper Elverumregionen å få?")
    assert "fler" not in q.topic and T.stem("håper") in q.soft
    q = read(store, "Hvor mye skal hver kommune bidra med?")
    assert T.stem("bidra") in q.soft and T.stem("kommune") not in q.soft
