"""What the bot reads out of a Slack message before it asks the engine."""

from __future__ import annotations

import pytest

from bot.slack.answering import clean_question
from bot.slack.events.messages import is_chatter


@pytest.mark.parametrize(
    "raw, question",
    [
        ("<@UBOT> hvem har ansvar for jernbaneforum?", "hvem har ansvar for jernbaneforum?"),
        ("<@UBOT|regionbot>   når er   fristen?", "når er fristen?"),
        (
            "hva sier <#C123|au-møter> om <https://x.no/plan|planen>?",
            "hva sier au-møter om planen?",
        ),
        ("se <https://x.no/plan>", "se https://x.no/plan"),
        ("budsjett &lt; 500 000 &amp; drift", "budsjett < 500 000 & drift"),
        ("<@UBOT>", ""),
    ],
)
def test_clean_question(raw, question):
    assert clean_question(raw) == question


@pytest.mark.parametrize("text", ["takk!", "Tusen takk :pray:", "ok", ":+1:", "Flott."])
def test_chatter_needs_no_answer(text):
    assert is_chatter(text)


@pytest.mark.parametrize(
    "text", ["og hvem finansierer det?", "takk, men når er fristen?", "ok, og i 2022?"]
)
def test_follow_up_questions_are_not_chatter(text):
    assert not is_chatter(text)
