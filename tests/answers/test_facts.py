"""Facts read from text, normalised so the model's way of writing meets the documents'."""

from __future__ import annotations

import pytest

from bot.answers.facts import Day, day_in, extract, weekday_wrong


@pytest.mark.parametrize(
    "written",
    ["8,2 millioner", "8 200 000 kroner", "8.200.000", "kr 8 200 000,-", "8,2 mill. kroner"],
)
def test_amounts_written_every_way_are_one_number(written):
    assert 8_200_000 in extract(f"Budsjettet var {written}.").numbers


@pytest.mark.parametrize(
    "written,value",
    [("tre millioner kroner", 3_000_000), ("en halv million", 500_000), ("femti tusen", 50_000)],
)
def test_amounts_in_words_are_checked_too(written, value):
    assert extract(f"Tilskuddet var på {written}.").numbers == {value}


def test_a_bare_decimal_of_an_amount_supports_it_but_is_not_checked_alone():
    facts = extract("et budsjett på nærmere 8,2 millioner kroner")
    assert facts.numbers == {8_200_000}
    assert 8.2 in facts.values


@pytest.mark.parametrize(
    "written,day",
    [
        ("tirsdag 27. april 2021", Day(2021, 4, 27, 1)),
        ("27. april", Day(None, 4, 27)),
        ("27.4.", Day(None, 4, 27)),
        ("27.04.2021", Day(2021, 4, 27)),
        ("2021-04-27", Day(2021, 4, 27)),
        ("27/4", Day(None, 4, 27)),
        ("februar 2018", Day(2018, 2, None)),
    ],
)
def test_dates_written_every_way(written, day):
    assert [d for d, _ in extract(f"Fristen er {written} for alle.").days] == [day]


def test_a_date_is_not_also_read_as_numbers_of_its_own():
    facts = extract("innen 27.4. og 3. mai")
    assert facts.numbers == set()


def test_case_numbers_with_two_or_four_digit_years():
    assert extract("sak 18/21").cases == {(18, 2021)}
    assert extract("Vedtak i 18/2021.").cases == {(18, 2021)}


def test_list_markers_are_not_numbers():
    assert extract("1. Jernbane\n2. Mobildekning").numbers == set()


def test_a_short_date_matches_the_full_one_and_the_weekday_must_fit():
    record = extract("due 2021-04-27; innen tirsdag 27. april")
    assert day_in(Day(None, 4, 27), record)
    assert day_in(Day(2021, 4, 27, 1), record)
    assert not day_in(Day(2021, 4, 27, 4), record)  # fredag
    assert not day_in(Day(2022, 4, 27), record)
    assert not day_in(Day(2021, 5, 14), record)
    assert weekday_wrong(Day(2021, 4, 27, 4))
    assert not weekday_wrong(Day(2021, 4, 27, 1))


@pytest.mark.parametrize(
    "written,time",
    [("kl. 09:00", (9, 0)), ("kl 9", (9, 0)), ("13:30", (13, 30)), ("kl. 10.15", (10, 15))],
)
def test_times_of_day(written, time):
    facts = extract(f"Møtet er 10.05.2021 {written} på Tynset.")
    assert list(facts.times) == [time]
    assert facts.numbers == set()
