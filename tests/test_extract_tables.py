"""Rules of bot/extract/tables.py for project matrices as PDF extraction leaves them."""

from __future__ import annotations

from bot.extract import tables
from bot.extract.lines import split_lines


def _rows_after(text: str) -> dict[str, list[str]]:
    lines = split_lines(text)
    header = tables.Header(line=lines[0], columns=["measure", "owner"])
    return {r.measure_text: r.owner for r in tables.name_rows_after(header, lines, after=1)}


def test_a_long_project_set_apart_from_its_person_is_a_row_after_a_page_break():
    rows = _rows_after(
        """Prosjekt Ansvarlig

Lister med næringsutviklingscase og profilering av ledige arealer pr kommune  Ola Gulli Berg

Destinasjonsutvikling  Anne Lie
"""
    )
    assert rows == {
        "Lister med næringsutviklingscase og profilering av ledige arealer pr kommune": [
            "Ola Gulli Berg"
        ],
        "Destinasjonsutvikling": ["Anne Lie"],
    }


def test_a_long_line_that_ends_with_a_name_but_no_gap_is_not_a_row():
    rows = _rows_after(
        """Prosjekt Ansvarlig

Vi har i perioden arbeidet godt med mange saker og prosjekter sammen med Ola Berg
"""
    )
    assert rows == {}
