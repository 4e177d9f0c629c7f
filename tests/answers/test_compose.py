"""Writing answers: short plan names, further facts kept short, meetings by the question's tense."""

from datetime import date

import pytest

from bot.answers import answer
from bot.answers.compose import brief, short_title, spelled_out
from bot.answers.understand import understand


@pytest.mark.parametrize(
    ("title", "short"),
    [
        ("Handlingsplan for Regionrådet for Fjellregionen 2021-2022", "Handlingsplan 2021-2022"),
        (
            "Handlingsplan 2019-2020 for Regionrådet X (forslag)",
            "Handlingsplan 2019-2020 (forslag)",
        ),
        (
            "Strategisk plan for Regionrådet for Fjellregionen 2020-2024",
            "Strategisk plan 2020-2024",
        ),
        # A phase tells two plans apart and stays; any other aside goes.
        (
            "Motorprosjektet i Dalen (fase 2 i Byregionprogrammet)",
            "Motorprosjektet i Dalen (fase 2)",
        ),
        ("Byprogrammet fase 3 (videre satsning ledet av parken)", "Byprogrammet fase 3"),
        ("Kommunikasjonsplan (Regionrådet)", "Kommunikasjonsplan"),
        (None, None),
    ],
)
def test_a_plan_is_named_as_people_say_it(title, short):
    assert short_title(title) == short


def _q(text: str):
    return understand(text, now=date(2021, 4, 20))


def test_further_facts_are_cut_to_what_bears_on_the_question():
    q = _q("Når åpner svømmehallen?")
    first = "Svømmehallen åpner i mars 2022."
    filler = " ".join(f"Setning nummer {n} handler om noe helt annet enn badet." for n in range(8))
    second = f"Kommunen bygger ny svømmehall. {filler}"
    out = brief([first, second], q)
    assert out[0] == first
    assert "svømmehall" in out[1] and len(out[1].split()) <= 30


def test_a_further_fact_that_only_wraps_the_answer_is_left_out():
    q = _q("Når åpner svømmehallen?")
    first = "Svømmehallen åpner i mars 2022."
    around = "Kommunen har lenge planlagt. Svømmehallen åpner i mars 2022. Det blir fest."
    assert brief([first, around], q) == [first]


def test_a_further_fact_keeps_its_own_answer_line():
    q = _q("Hvem har ansvar for bredbånd?")
    second = "Administrasjonen har ansvaret.\n" + " ".join(["Tiltaket er langt og fyldig."] * 12)
    out = brief(["Arbeidsutvalget har ansvaret.", second], q)
    assert out[1].startswith("Administrasjonen har ansvaret.")


def test_a_meeting_question_is_answered_with_the_meeting_not_the_deadline(store, now):
    # The seed: the hearing deadline is 27 April, AU handles the plan on 10 May.
    a = answer(
        "Når er AU-møtet som skal behandle handlingsplanen etter høringen?", store=store, now=now
    )
    assert a.found and a.body.splitlines()[0].startswith("Arbeidsutvalget har møte")
    assert "10. mai" in a.body.splitlines()[0]


def test_asking_for_the_deadline_still_gets_the_deadline(store, now):
    a = answer("Når er fristen for høringen av handlingsplanen?", store=store, now=now)
    assert a.found and "27. april" in a.body.splitlines()[0]


@pytest.mark.parametrize(
    ("question", "day"),
    [
        ("Når har AU møte om handlingsplanen?", "10. mai"),  # the next one after today
        ("Når var AU-møtet om handlingsplanen?", "3. mars"),  # the last one before today
    ],
)
def test_the_tense_of_a_meeting_question_picks_the_meeting(store, now, question, day):
    a = answer(question, store=store, now=now)
    assert a.found and a.kind == "meeting" and day in a.body.splitlines()[0]


def test_an_owner_abbreviation_is_spelled_out():
    assert spelled_out("AU og samarbeidspartnere") == "AU (Arbeidsutvalget) og samarbeidspartnere"
    assert spelled_out("AU / Arbeidsutvalget") == "AU / Arbeidsutvalget"
    assert spelled_out("Administrasjonen") == "Administrasjonen"


def test_a_when_question_is_answered_by_the_hit_that_shows_a_date(store, now):
    # The seed: the best hit is the plan for the work ("... tilbakemeldinger i januar"), with no
    # date; the passage "Notat som ble sendt formannskapene 12. januar" is nearly as good.
    a = answer("Når sendte regionrådet notatet til formannskapene?", store=store, now=now)
    assert a.found and "12. januar" in a.body.splitlines()[0]


def test_the_first_line_holds_the_answer_and_what_follows_goes_below():
    from bot.answers.compose import lead

    text = (
        "Svømmehallen åpner i mars 2022. Den har et basseng på 25 meter og et eget "
        "opplæringsbasseng for de minste. Kommunen regner med mange besøkende fra hele regionen."
    )
    first, rest = lead(text).split("\n")
    assert first == (
        "Svømmehallen åpner i mars 2022. Den har et basseng på 25 meter og et eget "
        "opplæringsbasseng for de minste."
    )
    assert rest == "Kommunen regner med mange besøkende fra hele regionen."
    short = "Svømmehallen åpner i mars 2022."
    assert lead(short) == short


def test_an_owner_written_as_a_sentence_is_not_made_the_subject(store, now):
    # The Tynset report writes who could take over as a sentence ("Røros kommune, ... kan i
    # fellesskap ta ansvar for ..."), not a name: it is shown as "Ansvar: ...".
    a = answer("Hvem kan ta ansvar for verdensarvarbeidet etter prosjektet?", store=store, now=now)
    assert a.found and " har ansvaret" not in a.body.splitlines()[0]


@pytest.mark.parametrize(
    ("due", "text", "written"),
    [
        ("2018-12-31", "med avslutning ved utgangen av 2018", "ved utgangen av 2018"),
        ("2022-11-30", "arbeidet gjøres høsten 2022", "høsten 2022"),
        ("2021-01-31", "levere forslag innen utgangen av januar", "innen utgangen av januar 2021"),
        ("2021-05-31", "ferdig i mai", "i mai 2021"),
        # The document names the day: the full date, as Norwegians write it.
        ("2021-04-27", "innen tirsdag 27. april", "tirsdag 27. april 2021"),
        ("2015-06-01", "innen fristen 1.juni 2015", "mandag 1. juni 2015"),
        ("2015-06-01", None, "mandag 1. juni 2015"),
    ],
)
def test_a_due_date_is_as_precise_as_the_document(due, text, written):
    from bot.answers.compose import as_written

    assert as_written({"due": due}, text) == written


def test_a_period_written_by_an_update_is_kept():
    from bot.answers.compose import as_written

    assert as_written({"due": "2022-11-30", "due_text": "høsten 2022"}, None) == "høsten 2022"


def test_a_deadline_at_the_end_of_a_year_is_not_given_a_weekday(store, now):
    a = answer("Når avsluttes prosjektet Grønne jobber med unge ideer?", store=store, now=now)
    assert a.found and "utgangen av 2018" in a.body and "31. desember" not in a.body


def test_a_further_fact_that_repeats_the_answer_in_other_words_is_left_out():
    from bot.answers.compose import _says_again

    above = [
        "600 000 kroner – Tilskuddet fra fylkeskommunen ble redusert med 600 000 kroner i 2017."
    ]
    assert _says_again("Tilskuddet fra fylkeskommunen ble redusert med 600 000 kroner.", above)
    # A new figure, or mostly new words, is news.
    assert not _says_again("Tilskuddet ble redusert med 700 000 kroner i 2018.", above)
    assert not _says_again("Revidert budsjett ble godkjent av styringsgruppa i februar.", above)


def test_an_answer_to_how_many_must_show_a_figure_not_a_year_or_a_date():
    from datetime import date

    from bot.answers.compose import prefer
    from bot.answers.understand import understand

    today = date(2021, 4, 20)
    want = prefer(understand("Hvor mange kommuner svarte?", now=today))
    assert want.search("Fire av kommunene svarte")
    assert not want.search("Prosjektet (2015-2018) ble avsluttet 6. september 2018, fase 2.")
    # "How large was the budget": an amount, though "how large" is said of counts too.
    budget = prefer(understand("How large was the revised budget?", now=today))
    assert budget.search("revidert til 7,5 millioner kroner")
    assert not budget.search("Tynset og Røros (fase 2) (2015-2018).")
