"""The offline engine: each kind of question on facts from each document, refusals, follow-ups."""

import pytest

from bot.answers import answer
from tests.answers.made_up import made_up_store


def ask(store, now, question, **kw):
    return answer(question, store=store, now=now, **kw)


@pytest.mark.parametrize(
    ("question", "expected", "kind"),
    [
        # 001: the 2021-2022 action plan and its hearing
        ("Hvem har ansvaret for Jernbaneforum Røros- og Solørbanen?", "Administrasjonen", "owner"),
        ("Når må innspillene til høringen være levert?", "tirsdag 27. april 2021", "deadline"),
        ("Hva vedtok arbeidsutvalget 3. mars 2021?", "sendes på høring", "decision"),
        ("Når møtes regionrådet for å behandle handlingsplanen?", "26. mai 2021", "meeting"),
        ("Hvem er regionrådsleder?", "Runa Finborud", "people"),
        # 002: the 2019-2020 action plan
        (
            "Hvem har ansvar for Vegforum RV3 i handlingsplanen 2019-2020?",
            "Ansvarlig ordfører",
            "owner",
        ),
        ("hvordan finansieres deltakelsen i lufthavnrådet?", "Drift", "amount"),
        # 000: the Tynset/Røros final report
        (
            "Hva var det opprinnelige budsjettet for Tynset og Røros-prosjektet?",
            "8 200 000",
            "amount",
        ),
        ("Når besluttet styringsgruppa TV-satsingen?", "26. oktober 2016", "deadline"),
        # 003: Kongsvingerregionen
        ("Hvor mange nye arbeidsplasser fikk Kongsvingerregionen i 2017?", "132", "amount"),
        ("Hvem leder KingsCross-prosjektet?", "Yngve Andreassen", "people"),
        # 004: Elverumregionen's application
        ("Hvor mange innbyggere har Våler?", "3 790", "amount"),
        (
            "Hvor ofte skal det holdes felles politiske møter i Elverumregionen?",
            "halvår",
            "meeting",
        ),
    ],
)
def test_answers_put_the_fact_first_with_a_source(store, now, question, expected, kind):
    a = ask(store, now, question)
    assert a.found, a.text
    assert expected in a.text.split("\nKilde:")[0]
    assert a.kind == kind
    assert a.sources and all(s.title for s in a.sources)
    assert "Kilde:" in a.text


def test_list_answer_lists_every_matching_measure(store, now):
    a = ask(store, now, "Hvilke tiltak har AU ansvaret for alene i handlingsplanen 2021-2022?")
    assert a.found and a.kind == "list"
    bullets = [line for line in a.text.splitlines() if line.startswith("•")]
    assert len(bullets) >= 5
    for needle in ("kjeveortopedi", "Fjellnettverket", "Innovasjon Norge"):
        assert needle in a.text
    assert "Administrasjonen" not in a.text.split("\nKilde:")[0]


def test_list_of_member_municipalities(store, now):
    a = ask(store, now, "hvilke kommuner består elverumregionen av")
    assert a.found and all(k in a.text for k in ("Elverum", "Åmot", "Våler"))


def test_english_question_gets_the_same_facts(store, now):
    a = ask(store, now, "When is the deadline for comments on the 2021-2022 action plan?")
    assert a.found and "27. april 2021" in a.text


def test_typos_and_missing_diacritics_are_tolerated(store, now):
    a = ask(store, now, "hvem har ansvar for jernbanefourm?")
    assert a.found and "Administrasjonen" in a.text
    b = ask(
        store, now, "hvor mye ble tilskuddet fra hedmark fylkeskommune redusert med i tynset/roros"
    )
    assert b.found and "600 000" in b.text


@pytest.mark.parametrize(
    "question",
    [
        "Hvem er ordfører i Os kommune?",
        "Hva er regionrådets budsjett for 2022?",
        "What is the population of Tynset?",
        "Hvem vant fotball-VM i 1994?",
        "Når åpner den nye brua over Glomma?",
    ],
)
def test_refuses_plainly_when_the_knowledge_base_does_not_hold_it(store, now, question):
    a = ask(store, now, question)
    assert a.found is False
    if "Det nærmeste jeg finner er" in a.body:
        # A refusal may name the nearest thing known, marked as such, with its source.
        # It names what was asked: the question, or the detail it asked for.
        asked = question.rstrip("?")
        assert a.body.startswith("Jeg finner ikke ")
        assert f"«{asked}»" in a.body or " for «" in a.body.split(". Det nærmeste")[0]
        assert len(a.sources) == 1
    else:
        assert a.body.startswith("Jeg fant ikke noe om det i kunnskapsbasen.")
        assert not a.sources


def test_a_refusal_names_what_was_asked_and_the_nearest_thing_known(store, now):
    a = ask(store, now, "Hva er telefonnummeret til regionrådsleder Runa Finborud?")
    assert a.found is False and a.kind == "none"
    assert "«Hva er telefonnummeret til regionrådsleder Runa Finborud»" in a.body
    assert "Det nærmeste jeg finner er: «Regionrådsleder Runa Finborud" in a.body
    assert "95110577" not in a.body  # Rune Jørgensen's number is not hers


def test_follow_up_in_a_thread_keeps_the_subject(store, now):
    a = ask(store, now, "og hvem har ansvar for det?", context="Hva sier planen om kjeveortopedi?")
    assert a.found and "Arbeidsutvalget" in a.text


def test_deadlines_this_month_relative_to_now(store, now):
    a = ask(store, now, "Hvilke frister har vi denne måneden?")
    assert a.found and a.kind == "deadline"
    assert "tirsdag 27. april 2021" in a.text


def test_empty_question(store, now):
    a = ask(store, now, "   ")
    assert a.found is False


def test_meetings_in_a_month_are_listed_from_the_store(store, now):
    a = ask(store, now, "hvilke møter er det i mai 2021?")
    assert a.found and a.kind == "meeting"
    assert "mandag 10. mai 2021" in a.text and "onsdag 26. mai 2021" in a.text


def test_a_time_span_without_anything_in_it_is_refused(store, now):
    a = ask(store, now, "når er første regionrådsmøte høsten 2021?")
    assert a.found is False


def test_a_named_list_is_given_whole(store, now):
    a = ask(store, now, "kritiske suksessfaktorer for vekst i kongsvingerregionen")
    assert a.found and a.kind == "list"
    bullets = [line for line in a.text.splitlines() if line.startswith("•")]
    assert len(bullets) == 10


def test_who_leads_needs_a_leader_of_that_very_thing(store, now):
    assert ask(store, now, "hvem leder ungdomsrådet for fjellregionen").found is False
    b = ask(store, now, "hvem leder styringsgruppa i tynset og røros-prosjektet")
    assert b.found and "Hans Vintervold" in b.text


def test_names_alone_do_not_answer_what_was_asked_about_them(store, now):
    assert ask(store, now, "tlf til runa finborud").found is False
    b = ask(store, now, "tlf til regionrådgiveren")
    assert b.found and "95110577" in b.text


def test_another_plan_period_is_not_this_one(store, now):
    assert ask(store, now, "frist for innspill til handlingsplanen 2023-2024?").found is False


def test_contact_details_only_from_text_that_has_them(store, now):
    assert ask(store, now, "hva er e-posten til regionrådsleder Runa Finborud?").found is False
    a = ask(store, now, "e-post til regionrådgiveren")
    assert a.found and "rune.jorgensen@innlandetfylke.no" in a.text


def test_a_deadline_question_needs_a_day(store, now):
    a = ask(store, now, "søknadsfrist for midler fra disposisjonsfondet?")
    assert a.found is False


def test_english_phrases_are_glossed_as_one_word(store, now):
    a = ask(
        store, now, "When does the Kongsvinger regional council adopt next year's priority areas?"
    )
    assert a.found and "siste kvartal" in a.text


def test_each_municipality_with_its_population(store, now):
    a = ask(
        store, now, "What were the population figures for each municipality in the Elverum region?"
    )
    assert a.found
    for figure in ("20 794", "3 790", "4 456"):
        assert figure in a.text


def test_actual_results_are_not_goals(store, now):
    a = ask(
        store,
        now,
        "Hvor mange nye arbeidsplasser ble det faktisk i Elverumregionen takket være byregionprogrammet?",
    )
    assert a.found is False


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Hvem er asnvarlig for KingsCross-prosjektet?", "Yngve Andreassen"),
        ("hvilke komumner er med i elverumregionen?", "Åmot"),
        ("når ble kommunikajsonsplan og markedsplan vedtatt", "juni 2019"),
    ],
)
def test_swapped_and_missing_letters_are_repaired(store, now, question, expected):
    a = ask(store, now, question)
    assert a.found and expected in a.text


def test_common_words_are_not_mistaken_for_typos():
    from bot.answers.understand import correct

    known = ["legger", "trender", "leier", "kommunikasjonsplan"]
    assert correct("hvor mye lenger trenger veier", known) == "hvor mye lenger trenger veier"
    assert correct("kommunikajsonsplan", known) == "kommunikasjonsplan"


def test_a_cost_is_not_answered_by_a_count_of_members(store, now):
    # The documents say Fjellnettverket has "fire fylkeskommuner ... som medlemmer", never a fee.
    a = ask(store, now, "Hva koster det å være medlem i Fjellnettverket?")
    assert not a.found
    assert "Hva koster det å være medlem i Fjellnettverket" in a.body


@pytest.mark.parametrize(
    "question",
    [
        "Hva ble de faktiske kostnadene i Elverumregionens byregionprosjekt?",
        "Hvor mye kostet byregionprogrammet i Elverumregionen faktisk?",
    ],
)
def test_an_actual_figure_is_not_taken_from_an_application(store, now, question):
    # The Elverum document is a søknad: its budget says what was applied for, not what came.
    assert not ask(store, now, question).found


def test_an_application_still_answers_what_was_budgeted(store, now):
    assert ask(store, now, "Hva er sum kostnad for byregionprogrammet i Elverumregionen?").found


def test_a_budget_row_asked_without_a_year_is_answered_with_its_sum(store, now):
    # The Elverum application's table gives prosjektledelse per year and for the whole period.
    whole = answer("Hvor mye gikk til prosjektledelse i Elverumregionen?", store=store, now=now)
    assert whole.found and "3 000 000" in whole.body and "500 000" not in whole.body
    year = answer(
        "Hvor mye gikk til prosjektledelse i Elverumregionen i 2016?", store=store, now=now
    )
    assert year.found and "1 000 000" in year.body and "3 000 000" not in year.body


@pytest.fixture(scope="module")
def budget(tmp_path_factory):
    from tests.answers import budget_kb

    return budget_kb.build(tmp_path_factory.mktemp("kb"), tmp_path_factory.mktemp("db") / "b.db")


def test_a_later_part_asks_the_first_parts_budget_line_for_one_year(budget, now):
    a = ask(
        budget,
        now,
        "Hvor mye skal fylkeskommunen bidra med totalt i Fjordbyen-søknaden, "
        "og hvor mye av det i 2021?",
    )
    lines = a.body.split("\n")
    assert a.found and lines[0].startswith("600 000 kroner – Finansiering fra Nordfylket")
    # the county's line in 2021, not the sum row of 2021 (700 000)
    assert lines[1].startswith("350 000 kroner – Finansiering fra Nordfylket")
    assert lines[1].endswith("i 2021.")


def test_a_later_part_asks_the_first_parts_budget_line_for_the_whole_period(budget, now):
    a = ask(
        budget,
        now,
        "Hvor mye skal kommunene bidra med i egeninnsats i 2021, og hva blir det totalt?",
    )
    lines = a.body.split("\n")
    assert a.found and lines[0].startswith("280 000 kroner – Egeninnsats fra kommunene")
    assert lines[1].startswith("480 000 kroner – Egeninnsats fra kommunene, sum for hele")


def test_the_same_question_of_two_things_is_answered_for_each(budget, now):
    # Each activity is its own line: no text answers the question whole.
    a = ask(
        budget, now, "Hvor ofte skal det holdes kursdager og styremøter i nettverket i Fjordbyen?"
    )
    assert a.found and "3 ganger pr år" in a.body and "1 gang pr kvartal" in a.body


def test_each_of_two_joined_things_is_asked_on_its_own(budget, now):
    from bot.answers.offline import _each_thing

    question = "Hvor ofte skal det holdes kursdager og faste styremøter i Fjordbyen-prosjektet?"
    a = _each_thing(question, store=budget, now=now, asker=None)
    assert a is not None and a.body.split("\n")[:2] == [
        "3 ganger pr år: Kursdager.",
        "1 gang pr kvartal: Styremøter i nettverket.",
    ]
    # one thing the documents do not know: no answer of the question
    assert (
        _each_thing(question.replace("kursdager", "reisedager"), store=budget, now=now, asker=None)
        is None
    )


# A made-up council with three meetings of its working committee about one plan, so that the
# meeting a question means is found as a mechanism, not on the seed documents.
HARBOUR = """---
id: 921-havneplan-fjordraadet
title: "Havneplan for Fjordrådet 2024"
date: 2024-01-05
organisation: Fjordrådet
region: Fjordregionen
kind: saksframlegg
access: offentlig
source_file: 921.txt
---
# Behandling

I protokollen fra møtet 8. februar heter det: Havnesjefen Kari Berg la fram en skisse for arbeidet
med havneplanen, og skissen fikk tilslutning.

Arbeidsutvalget behandlet på sitt møte 14. mars utkast til havneplan og sendte det på høring.

For å holde planen om å behandle havneplanen i arbeidsutvalget på møtet mandag 6. mai og i
regionrådet onsdag 22. mai, må innspill leveres innen fredag 19. april.
"""

HARBOUR_FACTS = """document: 921-havneplan-fjordraadet
meetings:
  - id: d921-au-02-08
    body: Arbeidsutvalget
    date: 2024-02-08
    title: "AU-møte 8. februar (drøfting av havneplanen)"
    quote: "I protokollen fra møtet 8. februar heter det"
    cases:
      - title: "Havneplan for Fjordrådet: drøfting og skisse for arbeidet"
        kind: drøftingssak
        quote: "Havnesjefen Kari Berg la fram en skisse for arbeidet med havneplanen"
  - id: d921-au-03-14
    body: Arbeidsutvalget
    date: 2024-03-14
    title: "AU-møte 14. mars"
    quote: "Arbeidsutvalget behandlet på sitt møte 14. mars utkast til havneplan"
  - id: d921-au-05-06
    body: Arbeidsutvalget
    date: 2024-05-06
    title: "AU-møte mandag 6. mai: behandling av havneplanen"
    quote: "For å holde planen om å behandle havneplanen i arbeidsutvalget på møtet mandag 6. mai"
  - id: d921-rr-05-22
    body: Regionrådet
    date: 2024-05-22
    title: "Rådsmøte onsdag 22. mai: behandling av havneplanen"
    quote: "regionrådet onsdag 22. mai, må innspill leveres innen fredag 19. april"
decisions:
  - id: d921-dec-skisse
    body: Arbeidsutvalget
    date: 2024-02-08
    meeting: d921-au-02-08
    text: "Arbeidet med havneplanen gjennomføres etter skissen havnesjefen Kari Berg la fram."
    quote: "Havnesjefen Kari Berg la fram en skisse for arbeidet med havneplanen"
  - id: d921-dec-hoering
    body: Arbeidsutvalget
    date: 2024-03-14
    meeting: d921-au-03-14
    text: "Utkast til havneplan sendes på høring med frist fredag 19. april."
    quote: "Arbeidsutvalget behandlet på sitt møte 14. mars utkast til havneplan"
"""


@pytest.fixture(scope="module")
def harbour(tmp_path_factory):

    return made_up_store(
        tmp_path_factory,
        {
            "documents/921-havneplan-fjordraadet.md": HARBOUR,
            "921-havneplan-fjordraadet.yaml": HARBOUR_FACTS,
        },
    )


@pytest.mark.parametrize(
    "question",
    [
        "Hvilken dato var AU-møtet der havnesjefen la fram skissen for havneplanarbeidet?",
        "nar var motet der havnesjefen la fram skissen for arbeidet med havneplanen",
        "When was the meeting where the harbour master presented the sketch for the work?",
    ],
)
def test_a_meeting_named_by_what_happened_at_it_is_that_meeting(harbour, now, question):
    a = ask(harbour, now, question)
    assert a.found
    first = a.body.split("\n")[0]
    assert "8. februar 2024" in first
    assert "mai" not in a.body  # not the later meeting about the same plan


def test_a_meeting_named_by_its_decision(harbour, now):
    a = ask(harbour, now, "Når var møtet der arbeidsutvalget sendte utkastet på høring?")
    assert a.found and "14. mars 2024" in a.body.split("\n")[0]


def test_who_led_the_meeting_where_is_not_the_meeting(harbour, now):
    a = ask(harbour, now, "Hvem ledet møtet der skissen ble lagt fram?")
    assert "8. februar" not in a.body.split("\n")[0] or not a.found


def test_the_meetings_of_two_bodies_each_from_its_own_meeting(harbour, now):
    a = ask(harbour, now, "Når skal havneplanen behandles i AU og i regionrådet etter høringen?")
    assert a.found
    assert "6. mai 2024" in a.body and "22. mai 2024" in a.body
    assert "8. februar" not in a.body and "14. mars" not in a.body


@pytest.mark.parametrize(
    "question",
    [
        "Hva vedtok arbeidsutvalget 8. februar om havneplanen?",
        "Kva vart vedteke i arbeidsutvalet 8. februar?",
        "What did the working committee decide on 8 February about the further work?",
    ],
)
def test_a_decision_asked_by_its_day_is_that_days_decision(harbour, now, question):
    a = ask(harbour, now, question)
    assert a.found
    first = a.body.split("\n")[0]
    assert "8. februar 2024" in first and "etter skissen havnesjefen Kari Berg la fram" in first
    assert "høring" not in a.body  # not the decision of 14 March
