"""The LLM mode: a tool-calling agent over the store's queries, with the offline answer as a net.

The only module that imports LangChain, and it is imported only when a model is configured or
passed in, so the CLI starts without it. The loop (bind tools, invoke, run the tool calls, send
the results back, repeat) is written out here rather than taken from LangGraph: it needs nothing
but langchain-core, behaves the same with scripted fake models in tests, and keeps every fact the
model saw, so the answer can cite the tool results it used instead of trusting the model's own
citations. Whatever goes wrong (no provider package, a network error, a model that hangs past
`LLM_TIMEOUT`, a loop that never ends) the user gets the offline answer.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from langchain_core.messages import (
    AIMessage,
    BaseMessage,
    HumanMessage,
    SystemMessage,
    ToolMessage,
)
from langchain_core.tools import BaseTool, StructuredTool
from pydantic import BaseModel, Field

from bot import text as T
from bot.answers import tools as toolbox
from bot.answers.grounding import Seen, compose, seen_records
from bot.answers.model import Answer
from bot.config import Settings
from bot.store import Store

log = logging.getLogger(__name__)


class AgentError(RuntimeError):
    """The model did not produce a usable answer; the offline answer is given instead."""


# --- tools ---------------------------------------------------------------------------------


class _SearchArgs(BaseModel):
    query: str = Field(
        description="Hva du leter etter, som nøkkelord: «jernbaneforum», «mobildekning Tolga». "
        "What to look for, as keywords."
    )


class _MeasuresArgs(BaseModel):
    plan: str | None = Field(
        default=None,
        description="Planens tittel eller periode, f.eks. «2021» eller «2019-2020». "
        "Plan title or period.",
    )
    owner: str | None = Field(
        default=None,
        description="Hvem som har ansvar, f.eks. «Arbeidsutvalget», «regionrådgiver». "
        "Owner (role, body or person).",
    )
    query: str | None = Field(
        default=None,
        description="Ord som må stå i tiltaket, f.eks. «bredbånd». Words the measure must contain.",
    )


class _DeadlinesArgs(BaseModel):
    from_date: str | None = Field(
        default=None, description="Fra og med dato, ÅÅÅÅ-MM-DD. From date (ISO), inclusive."
    )
    to_date: str | None = Field(
        default=None, description="Til og med dato, ÅÅÅÅ-MM-DD. To date (ISO), inclusive."
    )


class _DecisionsArgs(BaseModel):
    body: str | None = Field(
        default=None,
        description="Organet som vedtok, f.eks. «Arbeidsutvalget», «styringsgruppa», "
        "«regionrådet». The deciding body.",
    )


class _MeetingsArgs(BaseModel):
    from_date: str | None = Field(
        default=None,
        description="Bare møter fra og med denne datoen (ÅÅÅÅ-MM-DD); dagens dato for kommende "
        "møter, tom for alle. Only meetings from this ISO date.",
    )


class _NoArgs(BaseModel):
    pass


def build_tools(store: Store, now: date | datetime) -> list[BaseTool]:
    """The store's queries as LangChain tools bound to one store and one clock."""

    def search(query: str) -> list[dict]:
        return toolbox.search(store, query, now=now)

    def measures(
        plan: str | None = None, owner: str | None = None, query: str | None = None
    ) -> list[dict]:
        return toolbox.measures(store, plan=plan, owner=owner, query=query)

    def deadlines(from_date: str | None = None, to_date: str | None = None) -> list[dict]:
        return toolbox.deadlines(store, from_date=from_date, to_date=to_date)

    def decisions(body: str | None = None) -> list[dict]:
        return toolbox.decisions(store, body=body)

    def meetings(from_date: str | None = None) -> list[dict]:
        return toolbox.meetings(store, from_date=from_date)

    def people() -> list[dict]:
        return toolbox.people(store)

    specs: list[tuple[Callable[..., Any], type[BaseModel], str]] = [
        (
            search,
            _SearchArgs,
            "Fritekstsøk i alle dokumentene og fakta i kunnskapsbasen (planer, mål, tiltak, "
            "vedtak, saker, budsjett, resultater, tekstavsnitt), beste treff først. "
            "Full-text search over everything in the knowledge base.",
        ),
        (
            measures,
            _MeasuresArgs,
            "Tiltak (hovedaktiviteter) i handlingsplanene med ansvarlige, finansiering, frist og "
            "status, filtrert på plan, ansvarlig og ord. Measures with owners, filtered.",
        ),
        (
            deadlines,
            _DeadlinesArgs,
            "Frister og tiltak med frist i perioden, tidligste først. "
            "Deadlines in a date span, soonest first.",
        ),
        (
            decisions,
            _DecisionsArgs,
            "Vedtak med organ, dato og saksnummer. Decisions, optionally of one body.",
        ),
        (
            meetings,
            _MeetingsArgs,
            "Møter med organ, dato, sted og saksliste. Meetings with their cases.",
        ),
        (
            people,
            _NoArgs,
            "Personer med roller og organisasjon. People with their roles.",
        ),
    ]
    return [
        StructuredTool.from_function(
            func=func, name=func.__name__, description=description, args_schema=schema
        )
        for func, schema, description in specs
    ]


# --- what the tools returned -----------------------------------------------------------------


# --- the loop --------------------------------------------------------------------------------


def agent_answer(
    question: str,
    *,
    store: Store,
    now: datetime,
    settings: Settings,
    model=None,
    fallback: Answer,
    context: str | None = None,
) -> Answer:
    """Answer with the LLM agent; on any failure give the offline answer (`fallback`) unchanged."""
    if not question.strip():
        return fallback
    try:
        chat = model if model is not None else _chat_model(settings.llm_model, settings.llm_timeout)
        text, seen = _run(question, chat, store=store, now=now, settings=settings, context=context)
    except Exception as exc:  # the model is outside our control: any failure means offline
        log.warning(
            "LLM answer failed (%s: %s); giving the offline answer", type(exc).__name__, exc
        )
        return fallback
    return compose(question, text, seen, fallback)


@lru_cache(maxsize=4)
def _chat_model(name: str | None, timeout: float):
    """The configured chat model, built once per process (provider packages are extras)."""
    if not name:
        raise AgentError("LLM_MODEL er ikke satt")
    from langchain.chat_models import init_chat_model

    return init_chat_model(name, timeout=timeout)


def _prompt(settings: Settings, now: datetime, context: str | None) -> str:
    """The system prompt from `prompts/`, with today's date (Oslo) and the previous question."""
    folder = settings.prompts_dir
    today = now.astimezone(settings.tz) if now.tzinfo else now
    system = (folder / "system.md").read_text(encoding="utf-8")
    text = system.replace("{today}", T.format_date(today)).strip()
    if context and context.strip():
        extra = (folder / "context.md").read_text(encoding="utf-8")
        text += "\n\n" + extra.replace("{context}", T.collapse(context)).strip()
    return text


def _run(
    question: str,
    chat,
    *,
    store: Store,
    now: datetime,
    settings: Settings,
    context: str | None,
) -> tuple[str, list[Seen]]:
    """Talk with the model until it answers without calling a tool; return its text and the
    records the tools gave it."""
    deadline = time.monotonic() + settings.llm_timeout
    tools = build_tools(store, now)
    by_name = {t.name: t for t in tools}
    bound = chat.bind_tools(tools)
    messages: list[BaseMessage] = [
        SystemMessage(content=_prompt(settings, now, context)),
        HumanMessage(content=question.strip()),
    ]
    seen: list[Seen] = []
    for step in range(max(1, settings.llm_max_steps)):
        reply = _invoke(bound, messages, deadline - time.monotonic())
        if not isinstance(reply, AIMessage):
            raise AgentError(f"unexpected reply {type(reply).__name__}")
        messages.append(reply)
        calls = list(reply.tool_calls)
        if not calls and not reply.invalid_tool_calls:
            text = reply.text.strip()
            if not text:
                raise AgentError("empty answer")
            return text, seen
        for i, call in enumerate(calls):
            call_id = call.get("id") or f"call_{step}_{i}"
            content, records, ok = _call_tool(by_name, call["name"], call.get("args") or {})
            seen += records
            messages.append(
                ToolMessage(
                    content=content,
                    tool_call_id=call_id,
                    name=call["name"],
                    status="success" if ok else "error",
                )
            )
        for i, bad in enumerate(reply.invalid_tool_calls):
            messages.append(
                ToolMessage(
                    content=f"Feil: ugyldig verktøykall ({bad.get('error') or 'ukjent feil'}).",
                    tool_call_id=bad.get("id") or f"invalid_{step}_{i}",
                    name=bad.get("name") or "unknown",
                    status="error",
                )
            )
    raise AgentError(f"no answer after {settings.llm_max_steps} steps")


def _invoke(runnable, messages: list[BaseMessage], timeout: float) -> Any:
    """`runnable.invoke(messages)`, given up after `timeout` seconds.

    The call runs in a daemon thread because a blocked network call cannot be interrupted:
    the thread is abandoned (it cannot keep the process alive), and the user is not kept waiting.
    """
    if timeout <= 0:
        raise TimeoutError("LLM_TIMEOUT used up")
    future: Future = Future()
    snapshot = list(messages)

    def work() -> None:
        if not future.set_running_or_notify_cancel():
            return
        try:
            future.set_result(runnable.invoke(snapshot))
        except BaseException as exc:
            future.set_exception(exc)

    threading.Thread(target=work, name="regionbot-llm", daemon=True).start()
    return future.result(timeout=timeout)


def _call_tool(by_name: dict[str, BaseTool], name: str, args: dict) -> tuple[str, list, bool]:
    """Run one tool call; an error goes back to the model as text so it can try again."""
    tool = by_name.get(name)
    if tool is None:
        known = ", ".join(by_name)
        return f"Feil: ukjent verktøy «{name}». Verktøyene er: {known}.", [], False
    try:
        result = tool.invoke(args)
    except Exception as exc:
        log.info("tool %s(%s) failed: %s", name, args, exc)
        return f"Feil i {name}: {exc}", [], False
    if not result:
        return "[] (ingen treff)", [], True
    return json.dumps(result, ensure_ascii=False, default=str), seen_records(name, result), True
