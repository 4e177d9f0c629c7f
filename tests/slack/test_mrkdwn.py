"""Markdown from a model as Slack mrkdwn, and nothing anyone writes turning into Slack markup."""

from __future__ import annotations

import pytest

from bot.models import Source
from bot.slack import blocks as B
from bot.slack.mrkdwn import render


@pytest.mark.parametrize(
    "markdown,mrkdwn",
    [
        ("**Arbeidsutvalget** har ansvar.", "*Arbeidsutvalget* har ansvar."),
        ("__Frist__: 27. april", "*Frist*: 27. april"),
        ("Det er *viktig*.", "Det er _viktig_."),
        ("~~gammelt~~ nytt", "~gammelt~ nytt"),
        ("# Svar\nTekst", "*Svar*\nTekst"),
        ("### **Frister**", "*Frister*"),
        ("- en\n* to\n+ tre", "• en\n• to\n• tre"),
        ("1. en\n2. to", "1. en\n2. to"),
        ("Tekst\n\n---\n\nMer", "Tekst\n\nMer"),
        ("Se `saksnr_18`, ikke *dette*", "Se `saksnr_18`, ikke _dette_"),
        ("• allerede punkt", "• allerede punkt"),
    ],
)
def test_markdown_becomes_mrkdwn(markdown, mrkdwn):
    assert render(markdown) == mrkdwn


def test_links_show_where_they_go():
    assert render("[planen](https://example.org/plan)") == "planen (https://example.org/plan)"
    assert render("[https://kommune.no](https://kommune.no)") == "https://kommune.no"
    # A disguised link shows its real address next to the text it pretends to be.
    assert render("[https://bank.no](https://evil.example)") == (
        "https://bank.no (https://evil.example)"
    )
    assert render("[klikk](javascript:alert(1))") == "klikk"


@pytest.mark.parametrize(
    "text",
    ["<!channel> møte nå", "<@U123> har ansvar", "<https://evil.example|planen>", "A & B > C"],
)
def test_slack_control_characters_are_escaped(text):
    shown = render(text)
    assert "<" not in shown and ">" not in shown
    assert "&amp;" in render("A & B") and "&lt;!channel&gt;" in render("<!channel>")


def test_source_lists_are_dropped():
    text = "Fristen er 27. april.\n\n**Kilder:**\n- Høring\n- [Plan](https://x.no)\n\nHilsen"
    assert render(text) == "Fristen er 27. april.\n\nHilsen"


def test_answer_message_escapes_blocks_and_notification_text():
    source = Source(document_id="d1", title="Plan <!here>", quote="«sitat» & mer")
    message = B.answer_message(
        "**<!channel>** Fristen er 27. april.\nKilde: Plan", [source], ref="r1"
    )
    assert message["blocks"][0]["text"]["text"] == "*&lt;!channel&gt;* Fristen er 27. april."
    assert "<!channel>" not in message["text"] and "&lt;!channel&gt;" in message["text"]
    assert "<!here>" not in str(message["blocks"])
