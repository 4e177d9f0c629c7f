"""Answering questions: `answer(question, ...)` -> Answer(text, found, kind, sources).

The offline engine is the default. When `LLM_MODEL` is configured, a LangChain tool-calling agent
answers from the same store queries, and the offline answer is given if the model fails.
LangChain is imported only in that case, so the CLI starts fast without it.
"""

from __future__ import annotations

from datetime import datetime

from bot.answers.model import Answer
from bot.answers.offline import answer as offline_answer
from bot.config import Settings
from bot.store import Store

__all__ = ["Answer", "answer"]


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
