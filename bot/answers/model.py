"""What an answer is: the text a user reads, whether anything was found, and its sources."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from bot.models import Source

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


class Answer(BaseModel):
    text: str
    found: bool
    kind: Kind = "passage"
    sources: list[Source] = Field(default_factory=list)
    question: str = ""
    engine: str = "offline"

    @property
    def access(self) -> str:
        """'intern' when any source is internal: then the answer must not go to a public channel."""
        return "intern" if any(s.access == "intern" for s in self.sources) else "offentlig"

    def as_json(self) -> dict:
        return {
            "answer": self.text,
            "found": self.found,
            "kind": self.kind,
            "sources": [s.model_dump(exclude_none=True) for s in self.sources],
        }
