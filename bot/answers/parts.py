"""Questions that ask two things: "hvem ... og når ...?", "hva kostet ... og hvem betalte?".

Each part is answered on its own, from its own best fact, and the answers are joined in one
short answer. The second part usually leans on the first ("... og når skal regionrådet behandle
den?"), so it is read with the first as its context, the way a follow-up in a thread is.
"""

from __future__ import annotations

import re

# Words that open a question, bokmål, nynorsk and English. A second question starts with one
# (after "og"/"and", with an optional preposition: "og på hvilken dato ...").
_OPENERS = (
    r"hva|hvem|hvor|hvilke|hvilken|hvilket|hvordan|hvorfor|når|kva|kven|kor|kvar|korleis|"
    r"kvifor|kva for|what|who|whom|when|where|which|how|why"
)
_JOINT = re.compile(
    rf"\s*,?\s+(?:og|samt|and|men|but)\s+(?=(?:(?:på|i|fra|til|for|med|on|in|at|from|by)\s+)?"
    rf"(?:{_OPENERS})\b)",
    re.IGNORECASE,
)
# "... i 2019-2020 og i 2021-2022?": the same question about two periods.
_PERIOD = re.compile(r"(?<![/\d])\b(?:20\d\d|\d\d)\s*[-–]\s*(?:20\d\d|\d\d)\b(?!/)")
_TWO_PERIODS = re.compile(
    r"(?P<a>(?<![/\d])\b(?:20\d\d)\s*[-–]\s*(?:20\d\d|\d\d)\b)\s*(?:og|and|eller|or|vs\.?)\s*"
    r"(?:(?:i|for|in)\s+)?(?:(?:handlingsplanen|planen|plan|the plan)\s+(?:for\s+)?)?"
    r"(?P<b>\b(?:20\d\d)\s*[-–]\s*(?:20\d\d|\d\d)\b)"
)
MIN_PART_WORDS = 2  # "og når?" alone is a part; "og" inside a name ("Tynset og Røros") is not


def split(question: str) -> list[str]:
    """The parts of a question that asks two things, or the question alone."""
    periods = _TWO_PERIODS.search(question)
    if periods:
        a, b = periods["a"], periods["b"]
        whole = periods.group(0)
        return [question.replace(whole, a), question.replace(whole, b)]
    pieces = _JOINT.split(question, maxsplit=1)
    if len(pieces) != 2:
        return [question]
    first, second = (p.strip(" ,") for p in pieces)
    if len(re.findall(r"\w+", first)) < MIN_PART_WORDS or not re.search(r"\w", second):
        return [question]
    if not first.endswith("?"):
        first += "?"
    return [first, second[:1].upper() + second[1:]]
