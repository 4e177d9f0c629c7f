"""Which chat model LLM_MODEL names, and that each provider gets the timeout its own way."""

from __future__ import annotations

import pytest
from pydantic import SecretStr

from bot.answers import providers


@pytest.mark.parametrize(
    "model,base_url,provider,name",
    [
        ("openai:gpt-4o-mini", None, "openai", "gpt-4o-mini"),
        ("gpt-4o-mini", None, "openai", "gpt-4o-mini"),
        ("anthropic:claude-sonnet-4-5", None, "anthropic", "claude-sonnet-4-5"),
        ("claude-sonnet-4-5", None, "anthropic", "claude-sonnet-4-5"),
        ("ollama:llama3.1:8b", None, "ollama", "llama3.1:8b"),
        ("qwen2.5:7b-instruct", "http://127.0.0.1:8000/v1", "openai", "qwen2.5:7b-instruct"),
    ],
)
def test_provider_is_read_from_the_model_name(settings, model, base_url, provider, name):
    settings.llm_model, settings.llm_base_url = model, base_url
    assert providers.provider_config(settings)[:2] == (provider, name)


def test_every_provider_gets_the_timeout_its_own_way(settings):
    settings.llm_timeout = 7.5
    settings.llm_model = "ollama:llama3.1"
    _, _, kwargs = providers.provider_config(settings)
    assert kwargs["client_kwargs"] == {"timeout": 7.5}
    assert kwargs["num_ctx"] == settings.llm_num_ctx
    for model in ("openai:gpt-4o-mini", "anthropic:claude-sonnet-4-5"):
        settings.llm_model = model
        _, _, kwargs = providers.provider_config(settings)
        assert kwargs["timeout"] == 7.5 and kwargs["max_retries"] == 0


def test_provider_objects_are_built_with_the_settings(settings):
    from langchain_anthropic import ChatAnthropic
    from langchain_ollama import ChatOllama
    from langchain_openai import ChatOpenAI

    settings.llm_timeout = 3.0
    settings.llm_base_url = "http://127.0.0.1:9/v1"
    settings.llm_model = "openai:local-model"
    chat = providers.chat_model(settings)
    assert isinstance(chat, ChatOpenAI)
    assert chat.request_timeout == 3.0 and chat.max_retries == 0
    assert chat.openai_api_base == "http://127.0.0.1:9/v1"

    settings.llm_base_url = "http://127.0.0.1:9"
    settings.llm_model = "ollama:llama3.1"
    settings.llm_num_ctx = 8192
    chat = providers.chat_model(settings)
    assert isinstance(chat, ChatOllama) and chat.num_ctx == 8192
    assert chat.client_kwargs == {"timeout": 3.0}

    settings.llm_model = "anthropic:claude-test"
    settings.llm_api_key = SecretStr("k")
    chat = providers.chat_model(settings)
    assert isinstance(chat, ChatAnthropic)
    assert chat.default_request_timeout == 3.0 and chat.max_retries == 0


def test_model_name_without_a_provider_is_an_error(settings):
    settings.llm_model = "mistral-7b"
    with pytest.raises(providers.AgentError, match="leverandøren"):
        providers.provider_config(settings)
