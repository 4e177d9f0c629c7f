"""Names of people, organisations, bodies and roles the store knows, for grounding to check.

An owner in a model's answer ("Arbeidsutvalget", "AU", "regionrådgiveren") must be one the records
name; the store says which words are such names and which other names each goes by.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from bot import text as T
from bot.answers.knowledge import knowledge

_DEFINITE = r"(?:en|et|a|ene|n|e|s|ens|ets)?"
_ROLE = re.compile(r"(rådgiver|leder|ordfører|koordinator|sekretær|direktør|rådmann|sjef)\w*$")


@dataclass
class Names:
    """Names of people, organisations, bodies and roles, each with the other names it goes by."""

    aliases: dict[str, set[str]] = field(default_factory=dict)  # folded name -> its group

    @classmethod
    def build(cls, groups: Iterable[Iterable[str]], curated: Iterable[Iterable[str]] = ()) -> Names:
        """`groups` are names as free text wrote them (a measure's owners): only proper names and
        roles count. `curated` are the organisations' own names and aliases: all count but the
        few that name no one in particular ("regionen")."""
        names = cls()
        kept = [
            {g for g in group if g[0].isupper() or g.isupper() or _ROLE.search(g)}
            for group in map(_forms, groups)
        ]
        kept += [{g for g in group if T.fold(g) not in _GENERIC} for group in map(_forms, curated)]
        for forms in kept:
            folded = {T.fold(g) for g in forms}
            for f in folded:
                names.aliases.setdefault(f, set()).update(folded)
        return names

    @cached_property
    def pattern(self) -> re.Pattern | None:
        if not self.aliases:
            return None
        alternatives = "|".join(re.escape(a) for a in sorted(self.aliases, key=len, reverse=True))
        return re.compile(rf"(?<![\w])({alternatives}){_DEFINITE}(?![\w])")

    def find(self, folded: str) -> list[tuple[str, int, int]]:
        if self.pattern is None:
            return []
        return [(m[1], m.start(), m.end()) for m in self.pattern.finditer(folded)]


_GENERIC = {"regionen", "regionrad", "regionradet", "bykommune", "regionsenter", "departementet"}


def _forms(group: Iterable[str]) -> set[str]:
    return {T.collapse(g) for g in group if g and len(T.collapse(g)) >= 2}


def known_names(store) -> Names:
    """The store's names, built once per store until its next write."""

    def compute() -> Names:
        orgs = [[o.name, *o.aliases] for o in store.organisations()]
        groups: list[list[str]] = []
        for p in store.people():
            groups.append([p.name])
            groups += [[role] for role in p.roles]
        groups += [[owner] for owner in knowledge(store).owner_names]
        groups += [[d.body] for d in store.decisions() if d.body]
        return Names.build(groups, orgs)

    return knowledge(store).memo("llm_known_names", compute)
