"""Dates as council documents write them, found with where they stand in the text.

"03.03.2021", "03.03. 2021", "3. mars 2021", "tirsdag 27. april", "10.mai", "innen utgangen av
januar". A date without a year takes the document's year. Parsing itself is `bot.text.parse_date`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date

from bot import text as T

_MONTHS = "|".join(sorted(T.MONTH_ALIASES, key=len, reverse=True))
_WEEKDAY = r"(?:(?:man|tirs|ons|tors|fre|lør|søn)dag(?:en)?\s+(?:den\s+)?)"
DATE = re.compile(
    rf"(?P<weekday>{_WEEKDAY})?"
    rf"(?:\b(?P<iso>\d{{4}}-\d{{2}}-\d{{2}})\b"
    rf"|\b(?P<num>\d{{1,2}}\.\s?\d{{1,2}}\.\s?(?:\d{{4}}|\d{{2}})?)(?![\d])"
    rf"|\b(?P<text>\d{{1,2}}\.?\s*(?:{_MONTHS})\.?(?:\s+\d{{4}})?)\b"
    rf"|\butgangen\s+av\s+(?P<end>(?:{_MONTHS})(?:\s+\d{{4}})?|\d{{4}}))",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Found:
    day: date
    start: int
    end: int
    weekday: bool
    has_year: bool


def find_dates(text: str, default_year: int | None) -> list[Found]:
    out = []
    for m in DATE.finditer(text):
        day, has_year = _parse(m, default_year)
        if day:
            out.append(Found(day, m.start(), m.end(), bool(m["weekday"]), has_year))
    return out


def _parse(m: re.Match, default_year: int | None) -> tuple[date | None, bool]:
    if m["iso"]:
        return T.parse_date(m["iso"]), True
    if m["num"]:
        parts = [p for p in re.split(r"\.\s?", m["num"]) if p]
        if len(parts) == 2:  # "03.03." without a year
            if not default_year:
                return None, False
            parts.append(str(default_year))
            has_year = False
        else:
            has_year = True
        day, month, year = (int(p) for p in parts)
        year = year + 2000 if year < 100 else year
        if not (1 <= month <= 12):
            return None, False
        return T.parse_date(f"{day:02d}.{month:02d}.{year}"), has_year
    if m["text"]:
        has_year = bool(re.search(r"\d{4}", m["text"]))
        return T.parse_date(m["text"], default_year=default_year), has_year
    if m["end"]:
        words = m["end"].split()
        if words[0].isdigit():
            return date(int(words[0]), 12, 31), True
        month = T.MONTH_ALIASES.get(words[0].lower())
        year = int(words[1]) if len(words) > 1 else default_year
        if not (month and year):
            return None, False
        return T.month_range(year, month)[1], len(words) > 1
    return None, False


def document_year(text: str, fallback: int | None = None) -> int | None:
    """The year a document is written in: the most common year of its full dates."""
    years = Counter(f.day.year for f in find_dates(text, None) if f.has_year)
    if years:
        return years.most_common(1)[0][0]
    spans = re.findall(r"\b(20\d\d|19\d\d)\b", text[:400])
    return int(spans[0]) if spans else fallback
