"""The checkable facts of a text: amounts and numbers, dates, case numbers, names.

Grounding compares the facts of a model's answer with those of the tool results, so both sides go
through the same normalisation: "8,2 millioner" and "8 200 000 kroner" are the number 8 200 000,
"27.4.", "27. april" and "2021-04-27" are the same day, "sak 18/21" is case 18/2021. Pure text
work: no store, no LangChain.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from bot import text as T

_MULTIPLIERS = {
    "milliard": 1_000_000_000,
    "milliarder": 1_000_000_000,
    "mrd": 1_000_000_000,
    "million": 1_000_000,
    "millioner": 1_000_000,
    "millions": 1_000_000,
    "mill": 1_000_000,
    "mnok": 1_000_000,
    "tusen": 1_000,
    "thousand": 1_000,
}
_WORD_NUMBERS = {
    "en": 1, "ett": 1, "én": 1, "to": 2, "tre": 3, "fire": 4, "fem": 5, "seks": 6, "sju": 7,
    "syv": 7, "åtte": 8, "ni": 9, "ti": 10, "elleve": 11, "tolv": 12, "femten": 15, "tjue": 20,
    "tretti": 30, "førti": 40, "femti": 50, "hundre": 100, "halv": 0.5, "halvannen": 1.5,
}  # fmt: skip
_WORDED_AMOUNT = re.compile(
    rf"\b({'|'.join(_WORD_NUMBERS)})\s+"
    r"(milliarder|milliard|millioner|million|mill|mrd|tusen)\b\.?",
    re.IGNORECASE,
)
_MONTH_WORDS = "|".join(sorted(T.MONTH_ALIASES, key=len, reverse=True))
_WEEKDAY_WORDS = "|".join(T.WEEKDAYS)

_ISO = re.compile(r"(?<![\d-])(\d{4})-(\d{2})-(\d{2})(?![\d-])")
_NUMERIC = re.compile(r"(?<![\d.,/])(\d{1,2})\.(\d{1,2})\.(?:(\d{4}|\d{2})(?![\d.,]))?")
_SLASH_DATE = re.compile(r"(?<![\d./])(\d{1,2})/(\d{1,2})(?![\d/])")
_WORDED = re.compile(
    rf"(?:\b({_WEEKDAY_WORDS})(?:en)?\s+(?:den\s+)?)?(?<![\d.,])\b(\d{{1,2}})\.?\s+({_MONTH_WORDS})\b\.?"
    rf"(?:\s+(\d{{4}})\b)?",
    re.IGNORECASE,
)
_MONTH_YEAR = re.compile(rf"\b({_MONTH_WORDS})\s+(\d{{4}})\b", re.IGNORECASE)
_CASE = re.compile(
    r"(?:\b(?:sak|saksnr\.?|saksnummer|ps|os|rs|au)\s*)?(?<![\d/.,])(\d{1,4})/(\d{4}|\d{2})(?![\d/])",
    re.IGNORECASE,
)
_CASE_WORD = re.compile(r"\b(?:sak|saksnr\.?|saksnummer|ps|os|rs|au)\s*$", re.IGNORECASE)
_NUMBER = re.compile(
    r"(?<![\w.,])(\d{1,3}(?:[ \u00a0.]\d{3})+|\d+)(?:,(\d+)|\.(\d{1,2})(?!\d))?(?![\w])"
    r"(?:\s*(milliarder|milliard|millioner|million|millions|mill|mrd|mnok|tusen|thousand)\b\.?)?",
    re.IGNORECASE,
)
_TIME = re.compile(
    r"(?:\bkl\.?\s*(\d{1,2})(?:[:.](\d{2}))?(?![\d,:]|\.\d)|(?<![\d.,:])(\d{1,2}):(\d{2})(?![\d:]))",
    re.IGNORECASE,
)
_LIST_MARKER = re.compile(r"^\s*\d{1,2}[.)]\s+", re.MULTILINE)


@dataclass(frozen=True)
class Day:
    """A date as written: the year may be missing ("27. april"), and so may the day ("mai 2018")."""

    year: int | None
    month: int
    day: int | None
    weekday: int | None = None  # 0 = Monday, when the text names one


@dataclass
class Facts:
    """What a text states that can be checked."""

    numbers: set[float] = field(default_factory=set)
    amounts: dict[float, str] = field(default_factory=dict)  # value -> how it was written
    days: list[tuple[Day, str]] = field(default_factory=list)
    cases: set[tuple[int, int]] = field(default_factory=set)
    times: dict[tuple[int, int], str] = field(default_factory=dict)  # (hour, minute) -> as written
    loose: set[float] = field(
        default_factory=set
    )  # "8,2" of "8,2 millioner": supports, not checked

    @property
    def values(self) -> set[float]:
        """Every number the text supports."""
        return self.numbers | self.loose

    def __bool__(self) -> bool:
        return bool(self.numbers or self.days or self.cases or self.times)


def _year(text: str | None) -> int | None:
    if not text:
        return None
    y = int(text)
    return y + 2000 if y < 100 else y


def _valid(year: int | None, month: int, day: int | None) -> bool:
    if not 1 <= month <= 12:
        return False
    if day is None:
        return True
    try:
        date(year or 2024, month, day)  # 2024 is a leap year: 29 February stays possible
    except ValueError:
        return False
    return True


def extract(text: str) -> Facts:
    """Every date, case number and number in `text`, normalised."""
    facts = Facts()
    rest = _LIST_MARKER.sub(" ", text)

    def blank(m: re.Match) -> str:
        return " " * (m.end() - m.start())

    def take_case(m: re.Match) -> str:
        number, year = int(m[1]), _year(m[2])
        prefixed = bool(_CASE_WORD.search(m[0])) or m[0][0].isalpha()
        if len(m[2]) == 4 or prefixed or int(m[2]) > 12:
            facts.cases.add((number, year))
            facts.loose.update({number, year})
            return blank(m)
        return m[0]

    def take_iso(m: re.Match) -> str:
        y, mo, d = int(m[1]), int(m[2]), int(m[3])
        if _valid(y, mo, d):
            facts.days.append((Day(y, mo, d), m[0]))
            facts.loose.add(y)
        return blank(m)

    def take_worded(m: re.Match) -> str:
        month = T.MONTH_ALIASES.get(m[3].lower())
        day, year = int(m[2]), _year(m[4])
        if month is None or not _valid(year, month, day):
            return m[0]
        weekday = T.WEEKDAYS.index(m[1].lower()) if m[1] else None
        facts.days.append((Day(year, month, day, weekday), m[0].strip()))
        if year:
            facts.loose.add(year)
        return blank(m)

    def take_numeric(m: re.Match) -> str:
        day, month, year = int(m[1]), int(m[2]), _year(m[3])
        if not _valid(year, month, day):
            return m[0]
        facts.days.append((Day(year, month, day), m[0]))
        if year:
            facts.loose.add(year)
        return blank(m)

    def take_slash(m: re.Match) -> str:
        day, month = int(m[1]), int(m[2])
        if not _valid(None, month, day):
            return m[0]
        facts.days.append((Day(None, month, day), m[0]))
        return blank(m)

    def take_month_year(m: re.Match) -> str:
        month, year = T.MONTH_ALIASES.get(m[1].lower()), int(m[2])
        if month is None:
            return m[0]
        facts.days.append((Day(year, month, None), m[0]))
        facts.loose.add(year)
        return blank(m)

    def take_time(m: re.Match) -> str:
        hour, minute = int(m[1] or m[3]), int(m[2] or m[4] or 0)
        if hour > 23 or minute > 59:
            return m[0]
        facts.times[(hour, minute)] = m[0].strip()
        return blank(m)

    def take_worded_amount(m: re.Match) -> str:
        value = float(round(_WORD_NUMBERS[m[1].lower()] * _MULTIPLIERS[m[2].lower()]))
        facts.numbers.add(value)
        facts.amounts[value] = m[0].strip()
        return blank(m)

    rest = _CASE.sub(take_case, rest)
    rest = _ISO.sub(take_iso, rest)
    rest = _WORDED.sub(take_worded, rest)
    rest = _NUMERIC.sub(take_numeric, rest)
    rest = _TIME.sub(take_time, rest)
    rest = _SLASH_DATE.sub(take_slash, rest)
    rest = _WORDED_AMOUNT.sub(take_worded_amount, rest)
    rest = _MONTH_YEAR.sub(take_month_year, rest)
    for m in _NUMBER.finditer(rest):
        whole = int(re.sub(r"[ \u00a0.]", "", m[1]))
        decimals = m[2] or m[3]
        value = float(f"{whole}.{decimals}") if decimals else float(whole)
        unit = (m[4] or "").lower()
        if unit:
            scaled = round(value * _MULTIPLIERS[unit])
            facts.numbers.add(float(scaled))
            facts.amounts[float(scaled)] = m[0].strip()
            # "8,2 millioner" also supports a bare "8,2" said of the same thing
            facts.loose.add(value)
        else:
            facts.numbers.add(value)
    return facts


def day_in(wanted: Day, have: Facts) -> bool:
    """Whether the text behind `have` states the day `wanted` (at the precision it was written),
    with the weekday right when one is named."""
    for day, _ in have.days:
        if day.month != wanted.month:
            continue
        if wanted.day is not None and day.day != wanted.day:
            continue
        if wanted.day is None and day.day is None and day.year != wanted.year:
            continue
        year = wanted.year or day.year
        if wanted.year is not None and day.year is not None and day.year != wanted.year:
            continue
        if wanted.year is not None and day.year is None and wanted.year not in have.values:
            continue
        if (
            wanted.weekday is not None
            and wanted.day is not None
            and (year is None or date(year, wanted.month, wanted.day).weekday() != wanted.weekday)
        ):
            continue
        return True
    return False


def weekday_wrong(wanted: Day) -> bool:
    """A weekday that does not fit the date it is written with ("fredag 27. april 2021")."""
    if wanted.weekday is None or wanted.year is None or wanted.day is None:
        return False
    return date(wanted.year, wanted.month, wanted.day).weekday() != wanted.weekday


def describe(day: Day) -> str:
    parts = [str(day.day) + "." if day.day else "", T.MONTHS[day.month - 1], str(day.year or "")]
    return " ".join(p for p in parts if p)
