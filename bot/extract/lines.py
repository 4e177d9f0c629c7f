"""The document as lines, the way PDF extraction leaves council documents.

Text extracted from PDFs keeps the page's line breaks, puts a blank line between every line of some
documents, marks bullets with whatever glyph the font had, and writes table cells one after the
other. The rules in this package read lines, so this module gives them lines they can trust: with
their number, their text as written (for verbatim quotes) and what kind of line each one is.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from bot import text as T

# A bullet: a dash, a bullet glyph, a private-use glyph of a symbol font, or "1." / "2)".
_BULLET = re.compile(r"^\s*(?:[-–•▪◦*·]|[\ue000-\uf8ff]|\d{1,2}[.)](?=\s))\s*(?=\S)")
_PAGE_NUMBER = re.compile(r"^\s*-\s*\d+\s*-\s*$|^\s*\d{1,3}\s*$")


@dataclass(frozen=True)
class Line:
    no: int
    raw: str

    @property
    def text(self) -> str:
        return self.raw.strip()

    @property
    def blank(self) -> bool:
        return not self.raw.strip() or bool(_PAGE_NUMBER.match(self.raw))

    @property
    def bullet(self) -> bool:
        return bool(_BULLET.match(self.raw)) and not _PAGE_NUMBER.match(self.raw)

    @property
    def content(self) -> str:
        """The text without its bullet: what a quote may hold."""
        return _BULLET.sub("", self.raw, count=1).strip() if self.bullet else self.text


def split_lines(body: str) -> list[Line]:
    """The lines of a document. In a double-spaced extraction (a blank line after nearly every
    line) single blank lines carry no meaning and are dropped; runs of blanks stay a break."""
    raw = body.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines = [Line(i, r) for i, r in enumerate(raw)]
    if not _double_spaced(lines):
        return lines
    out: list[Line] = []
    i = 0
    while i < len(lines):
        if lines[i].blank:
            j = i
            while j < len(lines) and lines[j].blank:
                j += 1
            if j - i >= 3 or j == len(lines):
                out.append(lines[i])
            i = j
            continue
        out.append(lines[i])
        i += 1
    return out


def _double_spaced(lines: list[Line]) -> bool:
    text_lines = [i for i, line in enumerate(lines[:-1]) if not line.blank]
    if len(text_lines) < 20:
        return False
    single = sum(
        1
        for i in text_lines
        if lines[i + 1].blank and i + 2 < len(lines) and not lines[i + 2].blank
    )
    return single / len(text_lines) > 0.6


def blocks(lines: list[Line]) -> list[list[Line]]:
    """Runs of non-blank lines."""
    out: list[list[Line]] = []
    current: list[Line] = []
    for line in lines:
        if line.blank:
            if current:
                out.append(current)
                current = []
        else:
            current.append(line)
    if current:
        out.append(current)
    return out


def join(parts: list[str]) -> str:
    """Lines joined into one text, with words the extraction split at a line end ("høyskole-",
    "medarbeider") joined again; a hyphen before "og"/"eller" is a compound ("klima- og")."""
    out = ""
    for part in (p.strip() for p in parts):
        if not part:
            continue
        if out.endswith("-") and not re.match(r"(og|eller|til)\b", part) and out[-2:-1].isalpha():
            out = out[:-1] + part
        else:
            out = f"{out} {part}" if out else part
    return T.collapse(out)


def quote_of(parts: list[str], max_words: int = 30) -> str:
    """A verbatim quote of lines (bullet removed): the first `max_words` words, whitespace
    collapsed, so the loader finds it in the document."""
    words = T.collapse(" ".join(p.strip() for p in parts)).split(" ")
    return " ".join(words[:max_words]).strip()


def is_private_use(ch: str) -> bool:
    return unicodedata.category(ch) == "Co"


def clean_cell(text: str) -> str:
    return T.collapse(text.strip(" \t|:;,"))
