"""Which chat model LLM_MODEL names, built with the settings each provider needs.

Kept apart from the agent loop so the provider rules (how each takes its timeout, its base URL,
its key) are read and tested on their own. LangChain and the provider packages are imported only
when a model is built.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from bot.config import Settings


class AgentError(RuntimeError):
    """The model did not produce a usable answer; the offline answer is given instead."""


_KNOWN_PROVIDERS = {"openai", "anthropic", "ollama"}


def provider_config(settings: Settings) -> tuple[str, str, dict[str, Any]]:
    """(provider, model, keyword arguments of its chat model class) for the configured model.

    Each provider takes the timeout its own way (Ollama through its HTTP client's options), and
    retries are off: a retry would outlast LLM_TIMEOUT, and the offline answer is the retry.
    """
    name = (settings.llm_model or "").strip()
    if not name:
        raise AgentError("LLM_MODEL er ikke satt")
    provider, _, model = name.partition(":")
    if not model or (provider not in _KNOWN_PROVIDERS and ":" in name and "." in provider):
        provider, model = "", name  # "llama3.1:8b" is a model name, not a provider
    if not provider:
        lowered = model.lower()
        if lowered.startswith(("gpt-", "o1", "o3", "o4", "chatgpt")) or settings.llm_base_url:
            provider = "openai"
        elif lowered.startswith("claude"):
            provider = "anthropic"
        else:
            raise AgentError(f"LLM_MODEL «{name}»: skriv leverandøren først, f.eks. ollama:{name}")
    timeout = settings.llm_timeout
    key = settings.llm_api_key.get_secret_value() if settings.llm_api_key else None
    base = settings.llm_base_url or None
    kwargs: dict[str, Any]
    if provider == "ollama":
        kwargs = {
            "model": model,
            "num_ctx": settings.llm_num_ctx,
            "temperature": settings.llm_temperature,
            "client_kwargs": {"timeout": timeout},
        }
        if base:
            kwargs["base_url"] = base
        return provider, model, kwargs
    kwargs = {
        "model": model,
        "timeout": timeout,
        "max_retries": 0,
        "temperature": settings.llm_temperature,
    }
    if base:
        kwargs["base_url"] = base
    if key:
        kwargs["api_key"] = key
    elif base and provider == "openai":
        kwargs["api_key"] = "ikke-i-bruk"  # local OpenAI-compatible servers take any key
    return provider, model, kwargs


def chat_model(settings: Settings, left: float | None = None):
    """The configured chat model, built once per process and configuration.

    Ollama's client takes its timeout only when built, so with `left` (the seconds left of the
    answer's deadline) an Ollama model is built for this one request: a later step's request ends
    with the deadline too. Building one is cheap (two httpx clients, no I/O).
    """
    provider, model, kwargs = provider_config(settings)
    if provider == "ollama" and left is not None:
        kwargs["client_kwargs"] = {"timeout": max(left, 0.05)}
        return _build.__wrapped__(provider, json.dumps(kwargs, sort_keys=True))
    return _build(provider, json.dumps(kwargs, sort_keys=True))


@lru_cache(maxsize=4)
def _build(provider: str, kwargs_json: str):
    kwargs = json.loads(kwargs_json)
    if provider == "openai":
        from langchain_openai import ChatOpenAI

        return ChatOpenAI(**kwargs)
    if provider == "anthropic":
        from langchain_anthropic import ChatAnthropic

        return ChatAnthropic(**kwargs)
    if provider == "ollama":
        from langchain_ollama import ChatOllama

        return ChatOllama(**kwargs)
    from langchain.chat_models import init_chat_model  # any other provider LangChain knows

    model = kwargs.pop("model")
    return init_chat_model(f"{provider}:{model}", **kwargs)
