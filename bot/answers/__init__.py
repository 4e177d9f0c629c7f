"""Answering questions: `answer(question, ...)` -> Answer(body, sources, kind, found).

The offline engine is the default. When `LLM_MODEL` is configured, a LangChain tool-calling agent
answers from the same store queries, and the offline answer is given if the model fails.
LangChain is imported only in that case, so the CLI starts fast without it.
"""

from __future__ import annotations

from datetime import datetime

from bot import text as T
from bot.answers.model import Answer
from bot.answers.offline import answer as offline_answer
from bot.config import Settings
from bot.store import Store

__all__ = ["Answer", "answer"]

MAX_QUESTION_CHARS = 2000


def too_long(question: str, limit: int) -> Answer:
    """The reply to a question longer than the limit: refused at once, whatever it holds."""
    return Answer(
        body=(
            f"Spørsmålet er for langt ({T.format_number(len(question))} tegn; høyst "
            f"{T.format_number(limit)}). Skriv det kortere, gjerne som ett spørsmål om gangen."
        ),
        found=False,
        kind="none",
        question=question[:200],
    )


def answer(
    question: str,
    *,
    store: Store,
    now: datetime,
    asker: str | None = None,
    context: str | None = None,
    settings: Settings | None = None,
    model=None,
) -> Answer:
    """Answer a question from the knowledge base.

    `context` is the previous question of a thread, for follow-ups. `model` (a LangChain chat
    model) overrides `settings.llm_model`; tests pass a fake one.
    """
    limit = settings.max_question_chars if settings else MAX_QUESTION_CHARS
    bounded = T.bound_question(question, limit)
    if bounded is None:
        return too_long(question, limit)
    question = bounded
    if context:
        context = T.bound_question(context, limit) or ""
    offline = offline_answer(question, store=store, now=now, asker=asker, context=context)
    if model is None and not (settings and settings.llm_model):
        return offline
    from bot.answers.agent import agent_answer

    return agent_answer(
        question,
        store=store,
        now=now,
        settings=settings or Settings(),
        model=model,
        fallback=offline,
        context=context,
    )
