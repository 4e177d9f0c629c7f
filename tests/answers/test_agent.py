"""The LLM mode, driven by scripted LangChain fake chat models: tool calls, citations, fallbacks."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from langchain_core.language_models.fake_chat_models import (
    FakeMessagesListChatModel,
    GenericFakeChatModel,
)
from langchain_core.messages import AIMessage, BaseMessage, SystemMessage, ToolMessage
from pydantic import Field

from bot.answers import answer, tools
from bot.answers.agent import build_tools
from bot.answers.model import NOT_FOUND
from bot.answers.offline import answer as offline_answer
from bot.ingest import ingest_file
from bot.slack.access import Verdict, verdict

ROOT = Path(__file__).resolve().parents[2]
HP2019 = "Handlingsplan 2019-2020 for Regionrådet for Fjellregionen - forslag"
JERNBANE = (
    "Delta aktivt i Jernbaneforum og fortsette arbeidet for elektrifisering av Røros- og "
    "Solørbanen samt bedre rutetilbud"
)


class ScriptedModel(GenericFakeChatModel):
    """Replies from a script, records what it was sent, and accepts tools like a real model."""

    seen: list[list[BaseMessage]] = Field(default_factory=list)
    tool_names: list[str] = Field(default_factory=list)

    def bind_tools(self, tools, **kwargs):
        self.tool_names = [t.name for t in tools]
        return self

    def _generate(self, messages, stop=None, run_manager=None, **kwargs):
        self.seen.append(list(messages))
        return super()._generate(messages, stop=stop, run_manager=run_manager, **kwargs)


class FailingModel(ScriptedModel):
    def _generate(self, messages, stop=None, run_manager=None, **kwargs):
        raise RuntimeError("provider down")


class SlowModel(FakeMessagesListChatModel):
    def bind_tools(self, tools, **kwargs):
        return self


def scripted(*replies: AIMessage | str) -> ScriptedModel:
    return ScriptedModel(messages=iter(replies))


def call(name: str, args: dict[str, Any], call_id: str = "call_1") -> AIMessage:
    return AIMessage(content="", tool_calls=[{"name": name, "args": args, "id": call_id}])


def ask(question: str, model, store, now, settings, **kw):
    return answer(question, store=store, now=now, settings=settings, model=model, **kw)


# --- (1) tool calls are made and their results cited ------------------------------------------


def test_search_tool_result_is_cited(store, now, settings):
    model = scripted(
        call("search", {"query": "jernbaneforum"}),
        "Ansvarlig ordfører, regionrådgiver, næringsapparatet og referansegruppen har ansvar for "
        "å delta aktivt i Jernbaneforum og arbeide for elektrifisering av Røros- og Solørbanen.\n"
        f"Kilde: {HP2019}",
    )
    result = ask("Hvem har ansvar for jernbaneforum?", model, store, now, settings)

    assert result.engine == "llm"
    assert result.found
    assert result.text.startswith("Ansvarlig ordfører, regionrådgiver")
    assert any(s.title == HP2019 and s.quote == JERNBANE for s in result.sources)
    assert f"Kilde: {HP2019}" in result.text
    assert result.text.count("Kilde:") <= 5
    # The model got the tool result back, tied to its call.
    tool_messages = [m for m in model.seen[-1] if isinstance(m, ToolMessage)]
    assert len(tool_messages) == 1
    assert tool_messages[0].tool_call_id == "call_1"
    assert "Jernbaneforum" in tool_messages[0].content
    assert set(model.tool_names) == {
        "search",
        "measures",
        "deadlines",
        "decisions",
        "meetings",
        "people",
    }


def test_measures_by_owner_cites_the_measures_named(store, now, settings):
    model = scripted(
        call("measures", {"owner": "Arbeidsutvalget", "plan": "2019-2020"}),
        "Arbeidsutvalget har blant annet ansvar for å etablere samhandling med fylkeskommunene "
        "og naboregioner om prioriterte fellesinteresser.",
    )
    result = ask("Hva har AU ansvar for?", model, store, now, settings)

    assert result.found and result.engine == "llm"
    quotes = [s.quote for s in result.sources]
    assert (
        "Etablere samhandling med fylkeskommunene og naboregioner om prioriterte fellesinteresser"
        in quotes
    )
    # Only what the answer draws on is cited, not every measure the tool listed.
    assert len(result.sources) < len(tools.measures(store, owner="Arbeidsutvalget"))
    assert "Kilde: " + HP2019 in result.text


def test_deadline_answer_cites_the_deadline(store, now, settings):
    model = scripted(
        call("deadlines", {"from_date": "2021-04-20", "to_date": "2021-05-31"}),
        "Fristen for innspill til høringen er tirsdag 27. april 2021.",
    )
    result = ask("Når er høringsfristen?", model, store, now, settings)

    assert result.found
    assert any(
        s.quote == "må innspill leveres senest innen tirsdag 27. april" for s in result.sources
    )
    sent = model.seen[-1][-1]
    assert isinstance(sent, ToolMessage)
    assert "tirsdag 27. april 2021" in sent.content  # formatted date handed to the model


# --- (2) the model's final text is the answer ---------------------------------------------------


def test_final_text_is_used(store, now, settings):
    final = "Styringsgruppa hadde møte 26. oktober 2016 om TV-produksjoner og synlighet."
    model = scripted(call("meetings", {}), final)
    result = ask("Når møttes styringsgruppa?", model, store, now, settings)

    assert result.text.splitlines()[0] == final
    assert result.found
    assert result.kind in {"meeting", "decision", "deadline", "passage", "plan"}
    assert any("26. oktober 2016" in (s.quote or "") for s in result.sources)


def test_system_prompt_has_today_and_the_previous_question(store, now, settings):
    model = scripted(call("search", {"query": "frist"}), "Fristen er tirsdag 27. april 2021.")
    ask("Og når er fristen?", model, store, now, settings, context="Hva er høringen om?")

    system = model.seen[0][0]
    assert isinstance(system, SystemMessage)
    assert "tirsdag 20. april 2021" in system.content
    assert "Hva er høringen om?" in system.content
    assert NOT_FOUND in system.content


def test_tool_errors_go_back_to_the_model(store, now, settings):
    model = scripted(
        call("deadlines", {"from_date": "i morgen"}, "c1"),
        call("frister", {}, "c2"),
        NOT_FOUND,
    )
    result = ask("Frister?", model, store, now, settings)

    errors = [m for m in model.seen[-1] if isinstance(m, ToolMessage)]
    assert [m.status for m in errors] == ["error", "error"]
    assert "ukjent dato" in errors[0].content
    assert "ukjent verktøy" in errors[1].content
    # The model found nothing, the offline engine did: its answer is given.
    assert result == offline_answer("Frister?", store=store, now=now)
    assert result.found


# --- (3) and (4) failures give the offline answer ----------------------------------------------


def test_model_error_falls_back_to_offline(store, now, settings):
    question = "Hvem har ansvar for jernbaneforum?"
    offline = offline_answer(question, store=store, now=now)
    result = ask(question, FailingModel(messages=iter([])), store, now, settings)

    assert result == offline
    assert result.engine == "offline"


def test_model_that_hangs_falls_back_within_the_timeout(store, now, settings):
    settings.llm_timeout = 0.2
    question = "Hvem har ansvar for jernbaneforum?"
    slow = SlowModel(responses=[AIMessage(content="for sent")], sleep=3.0)

    started = time.monotonic()
    result = ask(question, slow, store, now, settings)

    assert time.monotonic() - started < 1.5
    assert result == offline_answer(question, store=store, now=now)


def test_model_that_never_stops_calling_tools_falls_back(store, now, settings):
    settings.llm_max_steps = 2
    model = scripted(*[call("people", {}, f"c{i}") for i in range(5)])
    question = "Hvem har ansvar for jernbaneforum?"
    result = ask(question, model, store, now, settings)

    assert result == offline_answer(question, store=store, now=now)
    assert len(model.seen) == 2


def test_model_without_tool_support_falls_back(store, now, settings):
    question = "Hvem har ansvar for jernbaneforum?"
    plain = GenericFakeChatModel(messages=iter(["Ola Nordmann."]))  # bind_tools not implemented
    assert ask(question, plain, store, now, settings) == offline_answer(
        question, store=store, now=now
    )


def test_unknown_provider_falls_back(store, now, settings):
    settings.llm_model = "no-such-provider:model"
    question = "Hvem har ansvar for jernbaneforum?"
    result = answer(question, store=store, now=now, settings=settings)
    assert result == offline_answer(question, store=store, now=now)


# --- (5) nothing found ----------------------------------------------------------------------


def test_model_saying_nothing_found_gives_the_offline_refusal(store, now, settings):
    question = "Hva sier planen om kvantedatamaskiner?"
    model = scripted(call("search", {"query": "kvantedatamaskiner"}), NOT_FOUND)
    result = ask(question, model, store, now, settings)

    assert result == offline_answer(question, store=store, now=now)


def test_answer_without_any_tool_result_is_not_trusted(store, now, settings):
    question = "Hvem har ansvar for jernbaneforum?"
    model = scripted("Ordføreren i Tynset har ansvaret.")
    result = ask(question, model, store, now, settings)

    assert result == offline_answer(question, store=store, now=now)
    assert "Tynset" not in result.text


def test_agreeing_without_facts_is_not_an_answer(store, now, settings):
    question = "Stemmer det at høringsfristen er 27. april?"
    model = scripted(call("deadlines", {}), "Ja, det stemmer.")
    result = ask(question, model, store, now, settings)

    assert result == offline_answer(question, store=store, now=now)


# --- tools ------------------------------------------------------------------------------------


def test_every_tool_returns_cited_json(store, now):
    by_name = {t.name: t for t in build_tools(store, now)}
    calls = {
        "search": {"query": "mobildekning"},
        "measures": {"owner": "regionrådgiver"},
        "deadlines": {"from_date": "2021-04-01", "to_date": "2021-05-31"},
        "decisions": {},
        "meetings": {},
        "people": {},
    }
    for name, args in calls.items():
        rows = by_name[name].invoke(args)
        assert rows, name
        json.dumps(rows, ensure_ascii=False)
        assert all(r["source"] is None or r["source"]["title"] for r in rows), name
        if name != "people":
            assert all(r["source"]["title"] and "quote" in r["source"] for r in rows), name


def test_deadline_tool_formats_dates(store):
    rows = tools.deadlines(store, from_date="2021-04-27", to_date="27.04.2021")
    assert rows and all(r["due"] == "2021-04-27" for r in rows)
    assert rows[0]["due_text"] == "tirsdag 27. april 2021"
    with pytest.raises(tools.ToolError):
        tools.deadlines(store, from_date="snart")


# --- (6) the CLI starts without LangChain -----------------------------------------------------


def test_cli_does_not_import_langchain():
    code = "import bot.cli, sys; assert not any(m.startswith('langchain') for m in sys.modules)"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_tools_module_does_not_import_langchain():
    code = (
        "import bot.answers.tools, sys; "
        "assert not any(m.startswith('langchain') for m in sys.modules)"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


# --- what the model is shown ---------------------------------------------------------------


def test_long_tool_results_are_capped_with_a_note(store, now, settings):
    settings.llm_tool_records = 10
    settings.llm_tool_chars = 3000
    model = scripted(call("measures", {}), NOT_FOUND)
    ask("Hvilke tiltak finnes?", model, store, now, settings)

    [sent] = [m for m in model.seen[-1] if isinstance(m, ToolMessage)]
    total = len(tools.measures(store))
    assert total > 10
    body, note = sent.content.rsplit("\n(", 1)
    shown = json.loads(body)
    assert 1 <= len(shown) <= 10 and len(body) <= 3000 + 600
    assert f"Viser {len(shown)} av {total} treff" in note


def test_unknown_arguments_are_refused_not_ignored(store, now, settings):
    model = scripted(call("measures", {"ansvarlig": "AU"}), NOT_FOUND)
    ask("Hva har AU ansvar for?", model, store, now, settings)

    [sent] = [m for m in model.seen[-1] if isinstance(m, ToolMessage)]
    assert sent.status == "error"
    assert sent.content == (
        "Feil i measures: ukjent argument ansvarlig. Gyldige argumenter: plan, owner, query."
    )


def test_an_intern_record_the_answer_used_keeps_it_out_of_public_channels(
    fresh_store, now, settings, tmp_path
):
    note = tmp_path / "notat.md"
    note.write_text(
        "---\ntitle: Notat om bredbånd\naccess: intern\n---\n"
        "Bredbåndsutbyggingen i Folldal er forsinket til 15. juni 2022.\n",
        encoding="utf-8",
    )
    ingest_file(fresh_store, note, now=now)
    model = scripted(
        call("search", {"query": "bredbånd Folldal"}),
        "Bredbåndsutbyggingen i Folldal er forsinket til 15. juni 2022.",
    )
    result = ask("Når blir bredbåndet i Folldal ferdig?", model, fresh_store, now, settings)

    assert result.engine == "llm"
    assert [s.title for s in result.sources] == ["Notat om bredbånd"]
    assert result.access == "intern"
    assert verdict(result.access, "CPUBLIC", member=True, private_channels=set()) is (
        Verdict.NOT_HERE
    )
