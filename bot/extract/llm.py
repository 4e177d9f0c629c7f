"""Extraction with an LLM (when LLM_MODEL is set): more facts, kept only when they are proven.

The model is asked for the same kinds the offline rules find, as structured output (or JSON when
the model cannot do structured output); every fact it gives must carry a quote that the loader's
check finds in the document, and a fact without one is dropped. Facts the offline rules already
found are not added twice. If the model fails, the offline facts stand alone.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from pathlib import Path

from pydantic import BaseModel, Field, ValidationError

from bot import text as T
from bot.models import Deadline, Decision, Measure, Meeting, Plan

log = logging.getLogger(__name__)
MAX_CHARS = 60_000
PROMPT = Path(__file__).resolve().parents[2] / "prompts" / "extract.md"


class LLMMeasure(BaseModel):
    text: str
    owners: list[str] = Field(default_factory=list)
    quote: str


class LLMDeadline(BaseModel):
    what: str
    due: dt.date
    quote: str


class LLMMeeting(BaseModel):
    body: str
    date: dt.date
    quote: str


class LLMDecision(BaseModel):
    text: str
    body: str | None = None
    date: dt.date | None = None
    case_number: str | None = None
    quote: str


class LLMFacts(BaseModel):
    measures: list[LLMMeasure] = Field(default_factory=list)
    deadlines: list[LLMDeadline] = Field(default_factory=list)
    meetings: list[LLMMeeting] = Field(default_factory=list)
    decisions: list[LLMDecision] = Field(default_factory=list)


def prompt_path() -> Path:
    """The extraction prompt from REGIONBOT_PROMPTS (an installed package has no prompts/ beside
    it: the container names the folder), else the one of this checkout."""
    from bot.config import Settings

    configured = Settings().prompts_dir / "extract.md"
    return configured if configured.exists() else PROMPT


def chat_model(settings):
    from bot.answers.agent import chat_model as build

    return build(settings)


def ask(llm, text: str) -> LLMFacts:
    """What the model finds; nothing when it fails or answers something unreadable."""
    prompt = prompt_path().read_text(encoding="utf-8") + "\n" + text[:MAX_CHARS]
    try:
        try:
            structured = llm.with_structured_output(LLMFacts)
        except (NotImplementedError, AttributeError):
            structured = None
        if structured is not None:
            try:
                result = structured.invoke(prompt)
                if isinstance(result, LLMFacts):
                    return result
                if isinstance(result, dict):
                    return LLMFacts.model_validate(result)
            except NotImplementedError:
                pass
        message = llm.invoke(prompt)
        return LLMFacts.model_validate(json.loads(_json_part(str(message.content))))
    except (ValidationError, ValueError, TypeError) as exc:
        log.warning("LLM extraction unreadable: %s", exc)
    except Exception as exc:  # the model's transport: the offline facts stand
        log.warning("LLM extraction failed: %s", exc)
    return LLMFacts()


def _json_part(content: str) -> str:
    m = re.search(r"\{.*\}", content, re.DOTALL)
    if not m:
        raise ValueError("no JSON object in the answer")
    return m.group(0)


def add_llm_facts(facts, text: str, llm, *, prefix: str):
    got = ask(llm, text)
    body = T.collapse(text)

    def proven(quote: str) -> bool:
        return bool(quote.strip()) and T.collapse(quote) in body

    from bot.extract import all_measures

    known = [T.fold(m.text) for m in all_measures(facts)]
    new_measures = [
        m for m in got.measures if proven(m.quote) and not any(_same(m.text, k) for k in known)
    ]
    if new_measures:
        if not facts.plans:
            facts.plans.append(Plan(id=f"{prefix}-plan1", title=facts.document, kind="plan"))
        plan = facts.plans[0]
        for i, m in enumerate(new_measures):
            plan.measures.append(
                Measure(
                    id=f"{prefix}-l{i + 1}",
                    text=m.text,
                    owners=m.owners,
                    owner_text=", ".join(m.owners) or None,
                    quote=m.quote,
                )
            )
    days = {d.due for d in facts.deadlines}
    for i, d in enumerate(got.deadlines):
        if proven(d.quote) and d.due not in days:
            facts.deadlines.append(
                Deadline(id=f"{prefix}-lf{i + 1}", what=d.what, due=d.due, quote=d.quote)
            )
            days.add(d.due)
    seen = {(T.fold(m.body), m.date) for m in facts.meetings}
    for i, m in enumerate(got.meetings):
        if proven(m.quote) and (T.fold(m.body), m.date) not in seen:
            facts.meetings.append(
                Meeting(id=f"{prefix}-lm{i + 1}", body=m.body, date=m.date, quote=m.quote)
            )
            seen.add((T.fold(m.body), m.date))
    texts = [T.fold(d.text) for d in facts.decisions]
    for i, d in enumerate(got.decisions):
        if proven(d.quote) and not any(_same(d.text, k) for k in texts):
            facts.decisions.append(
                Decision(
                    id=f"{prefix}-lv{i + 1}",
                    text=d.text,
                    body=d.body,
                    date=d.date,
                    case_number=d.case_number,
                    quote=d.quote,
                )
            )
    return facts


def _same(text: str, folded: str) -> bool:
    a, b = set(T.fold(text).split()), set(folded.split())
    return bool(a and b) and len(a & b) / min(len(a), len(b)) >= 0.7
