"""What an answer is: its parts (the body a user reads, the sources, the kind, whether anything
was found), not a rendered string. The CLI and each Slack surface render it their own way;
`text` is the plain-text rendering (body, then one 'Kilde:' line per source) the CLI prints."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from bot import text as T
from bot.models import Item, Source

NOT_FOUND = (
    "Jeg fant ikke noe om det i kunnskapsbasen."  # what the user reads when nothing is found
)

Kind = Literal[
    "owner",
    "deadline",
    "decision",
    "meeting",
    "amount",
    "list",
    "status",
    "plan",
    "people",
    "passage",
    "none",
]

QUOTE_LIMIT = 220  # characters of a quote shown in a 'Kilde:' line


class Answer(BaseModel):
    body: str
    found: bool
    kind: Kind = "passage"
    sources: list[Source] = Field(default_factory=list)
    question: str = ""
    engine: str = "offline"
    # How sources are written under the body: each with its quote (unless the body already says
    # it), or one line per document title (lists drawn from many rows).
    cite: Literal["quotes", "titles"] = "quotes"
    # How many of the sources (the first ones) the 'Kilde:' lines name; all of them count for
    # access. None: all.
    shown: int | None = None
    # The facts the body was composed from, best first (not rendered): the later part of a
    # two-part question may ask for another field of the same record ("... og hvordan
    # finansieres det?").
    facts: list[Item] = Field(default_factory=list, exclude=True, repr=False)

    @property
    def access(self) -> str:
        """'intern' when any source is internal: then the answer must not go to a public channel."""
        return "intern" if any(s.access == "intern" for s in self.sources) else "offentlig"

    @property
    def text(self) -> str:
        """The body followed by its 'Kilde:' lines, as plain text."""
        cited = self.sources if self.shown is None else self.sources[: self.shown]
        lines = cite_titles(cited) if self.cite == "titles" else cite(cited, self.body)
        return "\n".join([self.body, lines]) if lines else self.body

    def as_json(self) -> dict:
        return {
            "answer": self.text,
            "body": self.body,
            "found": self.found,
            "kind": self.kind,
            "sources": [s.model_dump(exclude_none=True) for s in self.sources],
        }


def cite(sources: list[Source], shown: str) -> str:
    """The 'Kilde:' lines; a quote is shown unless the answer already says it."""
    lines = []
    for s in sources:
        quote = ""
        if s.quote and T.collapse(s.quote) not in T.collapse(shown):
            q = T.collapse(s.quote)
            quote = f": «{q if len(q) <= QUOTE_LIMIT else q[: QUOTE_LIMIT - 3] + '…'}»"
        line = f"Kilde: {s.label()}{quote}"
        if line not in lines:
            lines.append(line)
    return "\n".join(lines)


def cite_titles(sources: list[Source]) -> str:
    """One 'Kilde:' line per document, for lists drawn from many rows."""
    titles = dict.fromkeys(s.label() if s.case_number else s.title for s in sources)
    return "\n".join(f"Kilde: {t}" for t in titles)


def unique_sources(sources: list[Source]) -> list[Source]:
    seen: dict[tuple, Source] = {}
    for s in sources:
        seen.setdefault((s.document_id, s.section, s.page, s.quote, s.case_number), s)
    return list(seen.values())
