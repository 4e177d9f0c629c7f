"""Norwegian text: folding, stemming, tokens for search, and dates and amounts as Norwegians write them.

Matching folds diacritics (ø->o, å->a, æ->ae) so "oppfolging" finds "oppfølging", but display text is
never folded. Stemming uses the Snowball Norwegian stemmer on the unfolded word, then folds the stem.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from datetime import date, datetime, timedelta
from functools import lru_cache

import snowballstemmer

WEEKDAYS = ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"]
MONTHS = [
    "januar",
    "februar",
    "mars",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "desember",
]
MONTH_ALIASES = {
    **{m: i + 1 for i, m in enumerate(MONTHS)},
    **{m[:3]: i + 1 for i, m in enumerate(MONTHS)},
    "sept": 9,
    "january": 1,
    "february": 2,
    "march": 3,
    "may": 5,
    "june": 6,
    "july": 7,
    "october": 10,
    "december": 12,
}

_FOLD = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "Æ": "ae", "Ø": "o", "Å": "a"})
_WORD = re.compile(r"[0-9]+(?:[.,][0-9]+)*|[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)
# Snowball stemmers keep their state on the instance between calls, so one shared between the
# Slack worker threads gives wrong stems (which the cache below would then keep): one per thread.
_local = threading.local()

MAX_WORD = 60  # no Norwegian word is longer; longer "words" are cut so no step grows with them


def _stemmer():
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = snowballstemmer.stemmer("norwegian")
    return stemmer


# Words that carry no topic: question words, pronouns, auxiliaries, common verbs of asking.
STOPWORDS = set(
    """
    gå går gikk gått få får fikk fått høre hører hørte komme kommer kom kommet gi gir ga gitt
    tar tok tatt gjøre gjør gjorde gjort si sier sa sagt se ser så sett like liker mener mente
    galt riktig egentlig faktisk ca cirka omtrent rundt nå da mulig mulige bør burde kunne
    bak ham henne hvordan skje skjer skjedde skjedd hendte
    og i på til for av med som er var det den de en et ei å om fra har hadde ble blir bli skal
    skulle kan kunne vil ville må måtte hva hvem hvor hvilke hvilken hvilket når hvordan
    hvorfor hvis at ikke også men eller så da nå her der dette disse denne sin sitt sine seg
    jeg du vi dere han hun meg deg oss dem man noe noen alle all alt mye mange mer mest få
    etter før under over ved mot uten inn ut opp ned enn bare sier står står stod sto gjelder
    gjorde gjør hos ifølge iflg the of and in on to for is was are were who what when where
    which how why did does do a an by with about from that this it its as at be been has have
    had will would should can could there their they them ser om dei eit kva kven kor me si sa
    oss vår vårt våre deres hans hennes dens dets mitt min mine ditt din dine fins finnes
    finns tell me please list give show være vært blitt bør
    """.split()
)


def fold(text: str) -> str:
    """Lower-case, æøå folded to ascii, other diacritics stripped: the form used for matching."""
    text = text.translate(_FOLD).lower()
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    """The words and numbers of a text, as written (hyphenated compounds kept whole)."""
    return _WORD.findall(text)


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Snowball stem of one word, folded. Numbers are kept as they are."""
    lower = word[: MAX_WORD * 2].lower()
    if lower[:1].isdigit():
        return lower
    return fold(_stemmer().stemWord(lower.replace("-", "")))


def bound_question(text: str, max_chars: int) -> str | None:
    """The question with words over MAX_WORD letters cut, or None when it is longer than
    `max_chars`: answering work must not grow with what a stranger pastes."""
    if len(text) > max_chars:
        return None
    return re.sub(rf"\S{{{MAX_WORD + 1},}}", lambda m: m[0][:MAX_WORD], text)


def terms(text: str, *, keep_stopwords: bool = False) -> list[str]:
    """Search terms of a text: stemmed, folded, stopwords dropped."""
    out = []
    for w in words(text):
        lw = w.lower()
        if not keep_stopwords and lw in STOPWORDS:
            continue
        out.append(stem(w))
        if "-" in w:  # "TV-produksjoner": the whole word and its parts
            out.extend(stem(part) for part in w.split("-") if len(part) > 1)
    return out


def index_text(text: str) -> str:
    """What the full-text index stores for a text: its stemmed, folded terms (stopwords kept)."""
    return " ".join(terms(text, keep_stopwords=True))


def collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


# --- dates -----------------------------------------------------------------------------------


def format_date(d: date | datetime | None, *, weekday: bool = True) -> str:
    """'tirsdag 27. april 2021' (or '27. april 2021' without the weekday)."""
    if d is None:
        return "ukjent dato"
    if isinstance(d, datetime):
        d = d.date()
    text = f"{d.day}. {MONTHS[d.month - 1]} {d.year}"
    return f"{WEEKDAYS[d.weekday()]} {text}" if weekday else text


_NUM_DATE = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{2,4})\b")
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_TEXT_DATE = re.compile(r"\b(\d{1,2})\.?\s*([a-zæøå]{3,9})\.?(?:\s+(\d{4}))?", re.IGNORECASE)


def parse_date(text: str, *, default_year: int | None = None) -> date | None:
    """The first date written in a text: '2021-04-27', '27.04.2021', '27. april 2021', '27. april'."""
    m = _ISO_DATE.search(text)
    if m:
        return _safe_date(int(m[1]), int(m[2]), int(m[3]))
    m = _NUM_DATE.search(text)
    if m:
        year = int(m[3])
        year = year + 2000 if year < 100 else year
        return _safe_date(year, int(m[2]), int(m[1]))
    for m in _TEXT_DATE.finditer(text):
        month = MONTH_ALIASES.get(m[2].lower())
        if month:
            year = int(m[3]) if m[3] else default_year
            if year:
                return _safe_date(year, month, int(m[1]))
    return None


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def month_range(year: int, month: int) -> tuple[date, date]:
    start = date(year, month, 1)
    end = date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)
    return start, end


def parse_period(text: str, now: date) -> tuple[date, date] | None:
    """A time span a question names (see `_parse_period`); None also for spans outside the
    calendar ("neste 99999999 dager", "høsten 9999")."""
    try:
        return _parse_period(text, now)
    except (OverflowError, ValueError):
        return None


def _parse_period(text: str, now: date) -> tuple[date, date] | None:
    """A time span a question names, relative to `now`: 'i mai', 'neste uke', 'denne måneden',
    'i 2021', 'mars 2021'. None when the text names no span."""
    t = fold(text)
    if re.search(r"\b(denne|inneverende) (maned|mnd)|this month", t):
        return month_range(now.year, now.month)
    if re.search(r"\bneste (maned|mnd)|next month", t):
        y, m = (now.year + 1, 1) if now.month == 12 else (now.year, now.month + 1)
        return month_range(y, m)
    if re.search(r"\bdenne uka|denne uken|this week", t):
        start = now - timedelta(days=now.weekday())
        return start, start + timedelta(days=6)
    if re.search(r"\bneste uke|next week", t):
        start = now - timedelta(days=now.weekday()) + timedelta(days=7)
        return start, start + timedelta(days=6)
    m = re.search(
        r"\b(hosten|varen|sommeren|vinteren|autumn|fall|spring|summer) (?:of )?(\d{4})", t
    )
    if m:
        season = {
            "hosten": (8, 12),
            "autumn": (8, 12),
            "fall": (8, 12),
            "varen": (1, 6),
            "spring": (1, 6),
            "sommeren": (6, 8),
            "summer": (6, 8),
            "vinteren": (1, 3),
        }[m[1]]
        year = int(m[2])
        return date(year, season[0], 1), month_range(year, season[1])[1]
    m = re.search(r"\bneste (\d+) dag|next (\d+) days", t)
    if m:
        return now, now + timedelta(days=int(m[1] or m[2]))
    for name, number in MONTH_ALIASES.items():
        if len(name) < 4 and name not in ("mai", "may"):
            continue
        m = re.search(rf"\b(?:i|in|for|innen|during) {fold(name)}\b(?:\s+(\d{{4}}))?", t)
        if m:
            year = int(m[1]) if m[1] else now.year
            return month_range(year, number)
    return None


# --- amounts ---------------------------------------------------------------------------------


def format_number(n: int) -> str:
    """'20 794' (space as thousands separator)."""
    return f"{n:,}".replace(",", " ")


def format_amount(kroner: int) -> str:
    """'600 000 kroner', '8 200 000 kroner'."""
    return format_number(kroner) + " kroner"


def join_and(items: list[str]) -> str:
    """'A, B og C' (or just 'A')."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} og {items[-1]}"


def format_period(start: int | None, end: int | None) -> str:
    if start and end and start != end:
        return f"{start}-{end}"
    return str(start or end or "")
