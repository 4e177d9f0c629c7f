from datetime import date

from bot import text as T


def test_fold_keeps_words_matchable_without_diacritics():
    assert T.fold("Oppfølging på Røros, Åmot og Vær") == "oppfolging pa roros, amot og vaer"


def test_stemming_unifies_inflections_and_folds():
    assert T.stem("planene") == T.stem("planer") == T.stem("plan")
    assert T.stem("oppfølging") == T.stem("oppfolging")
    assert T.terms("Hvem har ansvar for tiltakene?") == [T.stem("ansvar"), "tiltak"]


def test_hyphenated_words_give_whole_and_parts():
    assert T.terms("TV-produksjoner") == [T.stem("tvproduksjoner"), "tv", T.stem("produksjoner")]


def test_format_date_as_norwegians_write_it():
    assert T.format_date(date(2021, 4, 27)) == "tirsdag 27. april 2021"
    assert T.format_date(date(2021, 5, 26), weekday=False) == "26. mai 2021"


def test_parse_date_in_several_forms():
    assert T.parse_date("innen tirsdag 27. april", default_year=2021) == date(2021, 4, 27)
    assert T.parse_date("møtet 03.03.2021") == date(2021, 3, 3)
    assert T.parse_date("2021-05-10") == date(2021, 5, 10)
    assert T.parse_date("ingen dato her") is None


def test_parse_period_relative_to_now():
    now = date(2021, 4, 20)
    assert T.parse_period("frister i mai", now) == (date(2021, 5, 1), date(2021, 5, 31))
    assert T.parse_period("hva skjer neste uke", now) == (date(2021, 4, 26), date(2021, 5, 2))
    assert T.parse_period("denne måneden", now) == (date(2021, 4, 1), date(2021, 4, 30))
    assert T.parse_period("hvem har ansvar", now) is None


def test_format_amount_with_space_separators():
    assert T.format_amount(600000) == "600 000 kroner"
    assert T.format_amount(8200000) == "8 200 000 kroner"


def test_spans_outside_the_calendar_are_no_span():
    now = date(2021, 4, 20)
    assert T.parse_period("frister neste 99999999 dager", now) is None
    assert T.parse_period("frister i desember 9999", now) is None


def test_stemming_from_eight_threads_gives_what_one_thread_gives():
    import sys
    import threading

    from tests.conftest import KNOWLEDGE

    text = " ".join(p.read_text(encoding="utf-8") for p in (KNOWLEDGE / "documents").glob("*.md"))
    vocabulary = sorted({w.lower() for w in T.words(text) if not w[0].isdigit()})[:3000]
    uncached = T.stem.__wrapped__
    expected = [uncached(w) for w in vocabulary]
    results: dict[int, list] = {}

    def work(n: int) -> None:
        try:
            results[n] = [uncached(w) for w in (vocabulary if n % 2 else vocabulary[::-1])]
            if n % 2 == 0:
                results[n].reverse()
        except Exception as exc:  # a shared stemmer raises IndexError now and then
            results[n] = [repr(exc)]

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=30)
    finally:
        sys.setswitchinterval(interval)
    assert all(results[n] == expected for n in range(8))


def test_long_questions_are_refused_and_long_words_cut():
    assert T.bound_question("x" * 2001, 2000) is None
    assert T.bound_question("hvem " + "a" * 500 + " der", 2000) == "hvem " + "a" * 60 + " der"
    assert T.bound_question("hvem har ansvar?", 2000) == "hvem har ansvar?"
