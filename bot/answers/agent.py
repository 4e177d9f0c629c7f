"""The LLM mode: a tool-calling agent over the store's queries, with the offline answer as a net.

The only module that imports LangChain, and it is imported only when a model is configured or
passed in, so the CLI starts without it. The loop (bind tools, invoke, run the tool calls, send
the results back, repeat) is written out here rather than taken from LangGraph: it needs nothing
but langchain-core, behaves the same with scripted fake models in tests, and keeps every fact the
model saw, so the answer can cite the tool results it used instead of trusting the model's own
citations. Whatever goes wrong (no provider package, a network error, a model that hangs past
`LLM_TIMEOUT`, a loop that never ends) the user gets the offline answer; and whatever the model
writes is shown only when grounding (`grounding.py`) finds every fact of it in the tool results.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from datetime import date, datetime
from typing import Any

from langchain_core.messages import (
    AIMessage,
    BaseMessage,
    HumanMessage,
    SystemMessage,
    ToolMessage,
)
from langchain_core.tools import BaseTool, StructuredTool
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from bot import text as T
from bot.answers import tools as toolbox
from bot.answers.grounding import Seen, compose, seen_records
from bot.answers.model import Answer
from bot.answers.names import known_names
from bot.answers.providers import AgentError, chat_model
from bot.config import Settings
from bot.store import Store

log = logging.getLogger(__name__)


# --- tools ---------------------------------------------------------------------------------


class _Args(BaseModel):
    # An unknown argument is an error the model is told about, not a filter silently dropped
    # (which would hand it every measure in the store).
    model_config = ConfigDict(extra="forbid")


class _SearchArgs(_Args):
    query: str = Field(
        description="Hva du leter etter, som nøkkelord: «jernbaneforum», «mobildekning Tolga». "
        "What to look for, as keywords."
    )


class _MeasuresArgs(_Args):
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


class _DeadlinesArgs(_Args):
    from_date: str | None = Field(
        default=None, description="Fra og med dato, ÅÅÅÅ-MM-DD. From date (ISO), inclusive."
    )
    to_date: str | None = Field(
        default=None, description="Til og med dato, ÅÅÅÅ-MM-DD. To date (ISO), inclusive."
    )


class _DecisionsArgs(_Args):
    body: str | None = Field(
        default=None,
        description="Organet som vedtok, f.eks. «Arbeidsutvalget», «styringsgruppa», "
        "«regionrådet». The deciding body.",
    )


class _MeetingsArgs(_Args):
    from_date: str | None = Field(
        default=None,
        description="Bare møter fra og med denne datoen (ÅÅÅÅ-MM-DD); dagens dato for kommende "
        "møter, tom for alle. Only meetings from this ISO date.",
    )


class _NoArgs(_Args):
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
    """Answer with the LLM agent; the offline answer (`fallback`) unless the model's is grounded."""
    if not question.strip():
        return fallback
    try:
        if model is not None:
            chat_for = lambda left: model  # noqa: E731
        else:
            chat_model(settings)  # a configuration error fails here, before any request
            chat_for = lambda left: chat_model(settings, left)  # noqa: E731
        run = _run(question, chat_for, store=store, now=now, settings=settings, context=context)
    except Exception as exc:  # the model is outside our control: any failure means offline
        log.warning(
            "LLM answer failed (%s: %s); giving the offline answer", type(exc).__name__, exc
        )
        return fallback
    today = now.astimezone(settings.tz).date() if now.tzinfo else now.date()
    return compose(
        question,
        run.text,
        run.seen,
        fallback,
        names=known_names(store),
        today=today,
        counts=run.counts,
    )


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


class _Run:
    """What one conversation with the model left: its final text, the records it was shown, and
    how many records each tool call found (the model may say "15 tiltak")."""

    def __init__(self) -> None:
        self.text = ""
        self.seen: list[Seen] = []
        self.counts: list[int] = []


def _run(
    question: str,
    chat_for: Callable[[float], Any],
    *,
    store: Store,
    now: datetime,
    settings: Settings,
    context: str | None,
) -> _Run:
    """Talk with the model until it answers without calling a tool. `chat_for(seconds_left)`
    gives the chat model for the next request."""
    deadline = time.monotonic() + settings.llm_timeout
    tools = build_tools(store, now)
    by_name = {t.name: t for t in tools}
    messages: list[BaseMessage] = [
        SystemMessage(content=_prompt(settings, now, context)),
        HumanMessage(content=question.strip()),
    ]
    run = _Run()
    for step in range(settings.llm_max_steps):
        left = deadline - time.monotonic()
        chat = chat_for(left)
        bound = chat.bind_tools(tools)
        reply = _invoke(bound, messages, left, per_request=_per_request_timeout(chat, left))
        if not isinstance(reply, AIMessage):
            raise AgentError(f"unexpected reply {type(reply).__name__}")
        messages.append(reply)
        calls = list(reply.tool_calls)
        if not calls and not reply.invalid_tool_calls:
            run.text = reply.text.strip()
            if not run.text:
                raise AgentError("empty answer")
            return run
        for i, call in enumerate(calls):
            call_id = call.get("id") or f"call_{step}_{i}"
            content, records, total = _call_tool(
                by_name, call["name"], call.get("args") or {}, settings
            )
            run.seen += records
            if total is not None:
                run.counts.append(total)
            messages.append(
                ToolMessage(
                    content=content,
                    tool_call_id=call_id,
                    name=call["name"],
                    status="success" if total is not None else "error",
                )
            )
        for i, bad in enumerate(reply.invalid_tool_calls):
            messages.append(
                ToolMessage(
                    content="Feil: verktøykallet kunne ikke leses (argumentene må være gyldig "
                    f"JSON): {bad.get('error') or 'ukjent feil'}",
                    tool_call_id=bad.get("id") or f"invalid_{step}_{i}",
                    name=bad.get("name") or "unknown",
                    status="error",
                )
            )
    raise AgentError(f"no answer after {settings.llm_max_steps} steps")


def _per_request_timeout(chat, left: float) -> dict[str, Any]:
    """The time left for this request, for clients that take a timeout per request (the OpenAI
    and Anthropic SDKs): a later step's request then ends with the answer's deadline too. Ollama's
    client has its timeout fixed when built (LLM_TIMEOUT), so its request ends at most that long
    after it started."""
    if type(chat).__name__ in {"ChatOpenAI", "AzureChatOpenAI", "ChatAnthropic"}:
        return {"timeout": max(left, 0.05)}
    return {}


def _invoke(
    runnable, messages: list[BaseMessage], timeout: float, per_request: dict | None = None
) -> Any:
    """`runnable.invoke(messages)`, given up after `timeout` seconds.

    The call runs in a daemon thread because a blocked network call cannot be interrupted: the
    user is not kept waiting, and the provider's own timeout (set on its client, and per request
    where the client takes one) ends the thread with it.
    """
    if timeout <= 0:
        raise TimeoutError("LLM_TIMEOUT used up")
    future: Future = Future()
    snapshot = list(messages)

    def work() -> None:
        if not future.set_running_or_notify_cancel():
            return
        try:
            future.set_result(runnable.invoke(snapshot, **(per_request or {})))
        except BaseException as exc:
            future.set_exception(exc)

    threading.Thread(target=work, name="regionbot-llm", daemon=True).start()
    return future.result(timeout=timeout)


def _argument_error(name: str, tool: BaseTool, exc: ValidationError) -> str:
    allowed = ", ".join(tool.args) or "ingen"
    unknown = [".".join(map(str, e["loc"])) for e in exc.errors() if e["type"] == "extra_forbidden"]
    if unknown:
        return (
            f"Feil i {name}: ukjent argument {', '.join(unknown)}. Gyldige argumenter: {allowed}."
        )
    problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
    return f"Feil i {name}: {problems}. Gyldige argumenter: {allowed}."


def _call_tool(
    by_name: dict[str, BaseTool], name: str, args: dict, settings: Settings
) -> tuple[str, list[Seen], int | None]:
    """Run one tool call: (what the model reads, the records it was shown, how many were found).

    An error goes back to the model as text so it can try again (the count is then None). A long
    result is cut at LLM_TOOL_RECORDS records and LLM_TOOL_CHARS characters, with a note saying
    how many there were, so the model narrows its search instead of drowning in it.
    """
    tool = by_name.get(name)
    if tool is None:
        known = ", ".join(by_name)
        return f"Feil: ukjent verktøy «{name}». Verktøyene er: {known}.", [], None
    try:
        result = tool.invoke(args)
    except ValidationError as exc:
        return _argument_error(name, tool, exc), [], None
    except Exception as exc:
        log.info("tool %s(%s) failed: %s", name, args, exc)
        return f"Feil i {name}: {exc}", [], None
    if not result:
        return "[] (ingen treff)", [], 0
    records = result if isinstance(result, list) else [result]
    shown: list[str] = []
    size = 0
    for r in records[: settings.llm_tool_records]:
        dumped = json.dumps(r, ensure_ascii=False, default=str)
        if shown and size + len(dumped) > settings.llm_tool_chars:
            break
        shown.append(dumped)
        size += len(dumped) + 2
    content = "[" + ",\n".join(shown) + "]"
    if len(shown) < len(records):
        content += (
            f"\n(Viser {len(shown)} av {len(records)} treff. Det finnes flere: snevre inn med "
            "argumentene eller et mer presist søk.)"
        )
    return content, seen_records(name, records[: len(shown)]), len(records)
