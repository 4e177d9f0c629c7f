"""The answering entry point: whatever a stranger pastes, the work stays bounded."""

from __future__ import annotations

import time

import pytest

from bot.answers import answer


def _timed(question, store, now, settings):
    start = time.perf_counter()
    result = answer(question, store=store, now=now, settings=settings)
    return result, time.perf_counter() - start


@pytest.mark.parametrize("question", ["a" * 20_000, "hvem har ansvar for " * 1000])
def test_a_question_over_the_limit_is_refused_at_once(store, now, settings, question):
    result, seconds = _timed(question, store, now, settings)
    assert "Spørsmålet er for langt" in result.text and "høyst 2 000" in result.text
    assert not result.found and not result.sources
    assert seconds < 1


def test_long_words_under_the_limit_are_cut_and_answered_quickly(store, now, settings):
    question = "hvem har ansvar for jernbaneforum " + "ø" * 1900
    result, seconds = _timed(question, store, now, settings)
    assert seconds < 1
    assert "Spørsmålet er for langt" not in result.text


def test_the_limit_is_a_setting(store, now, settings):
    short = settings.model_copy(update={"max_question_chars": 50})
    result, _ = _timed("hvem har ansvar for jernbaneforum i regionen vår nå?", store, now, short)
    assert "høyst 50" in result.text
