"""Working days in Norway: Monday to Friday, except the public holidays of the `holidays` package
(Easter, Ascension, Whit Monday, 1 and 17 May, Christmas, New Year). Reminders go out on working
days only, and one that would fall on a day off goes out on the working day before it: a deadline
must not be missed because of Easter."""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

import holidays


@lru_cache(maxsize=64)
def _holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("NO", years=year))


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _holidays(day.year)


@lru_cache(maxsize=8192)
def on_or_before(day: date) -> date:
    """The day itself when it is a working day, else the nearest working day before it (cached:
    a sweep asks for the same few days for every item)."""
    while not is_working_day(day):
        day -= timedelta(days=1)
    return day


def previous(day: date) -> date:
    """The working day before `day`."""
    return on_or_before(day - timedelta(days=1))


def first_of_week(day: date) -> date | None:
    """The first working day of `day`'s week (Monday, or Tuesday after Easter Monday)."""
    monday = day - timedelta(days=day.weekday())
    for offset in range(5):
        candidate = monday + timedelta(days=offset)
        if is_working_day(candidate):
            return candidate
    return None
