"""Property-based: more than a thousand generated malformed commands, updates-channel messages and
form submissions thrown at the update paths (the parsers, the button round trip, the form reader
and `updates.apply`, without HTTP).

None may crash; each rejection carries a Norwegian message that, rendered for Slack, cannot ping
anyone; and after a rejection the database (its iterdump) is as it was. The store changes only
when a generated input happens to be a valid change, and then the baseline moves with it.
"""

from __future__ import annotations

import json
import re
import shutil
from datetime import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot import update_text, updates
from bot.config import TZ
from bot.permission import Actor
from bot.slack import update_blocks as U
from bot.slack.views import item_form
from bot.store import Store

NOW = datetime(2021, 4, 20, 9, 0, tzinfo=TZ)
ACTORS = [
    Actor("Rune Jørgensen", "advisor", ("regionrådgiver", "Administrasjonen")),
    Actor("Runa Finborud", "member", ("regionrådsleder", "Arbeidsutvalget")),
    Actor("Kari Nordmann", "member", ("ordfører",)),
    Actor("gjest U999", "guest"),
]
NORWEGIAN = re.compile(
    r"\b(ikke|er|kan|for|skriv|fant|bare|bruk|mangler|hva|hvilken|hvilket|eller|må|endret|"
    r"velg|ingen|ingenting|finnes|tom|meldingen|kommandoen|skjemaet|allerede|jeg)\b",
    re.IGNORECASE,
)
ENGLISH = re.compile(r"\b(error|exception|traceback|none|invalid|keyerror|valueerror)\b", re.I)
EXAMPLES = {"commands": 450, "messages": 400, "forms": 350}


class Watch:
    """The database as it was after the last accepted change: cheap to check after every
    rejection (total_changes), and compared in full (iterdump) whenever anything was touched."""

    def __init__(self, store: Store):
        self.store = store
        self.reset()

    def reset(self) -> None:
        self.dump = list(self.store.db.conn.iterdump())
        self.changes = self.store.db.conn.total_changes

    def unchanged(self) -> bool:
        if self.store.db.conn.total_changes == self.changes:
            return True
        same = list(self.store.db.conn.iterdump()) == self.dump
        self.changes = self.store.db.conn.total_changes
        return same


@pytest.fixture(scope="module")
def watch(seeded_db, tmp_path_factory):
    path = tmp_path_factory.mktemp("prop") / "regionbot.db"
    shutil.copy(seeded_db, path)
    store = Store.open(path)
    store.db.execute("PRAGMA synchronous=OFF")  # a throwaway copy: no need to wait for the disk
    yield Watch(store)
    store.close()


def check_message(text: str) -> None:
    assert text and text.strip(), "an empty message"
    assert NORWEGIAN.search(text), f"not Norwegian: {text!r}"
    ours = re.sub(r"«[^»]*»?", "«»", text)  # what the user wrote is echoed between «»
    assert not ENGLISH.search(ours), f"English or internals: {text!r}"
    shown = U.note(text)["text"]
    assert "<!" not in shown and "<@" not in shown, shown


def outcome(watch: Watch, result: updates.Result) -> None:
    if result.ok:
        assert result.message.strip()
    else:
        check_message(result.message)
    rendered = U.result_message(result, undo=result.batch)
    for part in (rendered["text"], json.dumps(rendered["blocks"], ensure_ascii=False)):
        assert "<!channel>" not in part and "<!here>" not in part
    if result.ok:
        watch.reset()
    else:
        assert watch.unchanged(), f"a refused change wrote: {result.message}"


# --- what people type ------------------------------------------------------------------------

KNOWN_REFS = ["T21-4", "T21-1", "T19-2", "F-1", "F-3", "M-1", "S-2", "V-1", "18/2021"]
nasty = st.sampled_from(
    [
        "<!channel>",
        "<!here> alle",
        "<@U123> se her",
        "&lt;!channel&gt;",
        "status",
        "T21-4 status ferdig",
        "\x00\x01\x1f",
        "🙂" * 50,
        "'; DROP TABLE measures; --",
        "31.2.",
        "99.99.2021",
        "32. januar",
        "høsten 99999",
        "x" * 5000,
        "",
        " ",
    ]
)
words = st.text(alphabet=st.characters(codec="utf-8"), max_size=60)
targets = st.one_of(
    st.sampled_from(KNOWN_REFS),
    st.sampled_from(
        ["T99-999", "F-0", "X-1", "T21-", "-4", "zzqx", "jernbaneforum", "sak 99/2099"]
    ),
    words,
    nasty,
)
statuses = st.one_of(
    st.sampled_from(
        ["banan", "ferdigg", "kanskje", "", "ikke", "snart ferdig", "FERDIG!", "p@går"]
    ),
    st.sampled_from(["ferdig", "pågår", "ikke startet", "utsatt", "avlyst", "pagar"]),
    words,
)
comments = st.one_of(st.just(""), words, nasty, st.text(min_size=1000, max_size=3000))


@settings(
    max_examples=EXAMPLES["commands"],
    deadline=None,
    derandomize=True,  # the same inputs on every run: CI never fails by chance
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    target=targets,
    keyword=st.sampled_from(["status", "kommentar", "Status:", "", "statuss"]),
    status=statuses,
    comment=comments,
    who=st.sampled_from(ACTORS),
    raw=st.one_of(st.none(), words, nasty),
)
def test_malformed_commands(watch, target, keyword, status, comment, who, raw):
    text = raw if raw is not None else f"{target} {keyword} {status} {comment}"
    reading = update_text.parse_command(text, origin="slack:C1/kommando")
    if not reading.ok:
        check_message(reading.problem)
        assert watch.unchanged()
        return
    outcome(watch, updates.apply(watch.store, reading.change, who, NOW))


@settings(
    max_examples=EXAMPLES["messages"],
    deadline=None,
    derandomize=True,  # the same inputs on every run: CI never fails by chance
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    target=targets,
    sep=st.sampled_from([": ", " ", " – ", ", ", ""]),
    comment=comments,
    status=statuses,
    day=st.sampled_from(["15.4.", "31.2.", "15.04.2021", "0.0.", "15. april", "30. februar", ""]),
    who=st.sampled_from(ACTORS),
    clicker=st.sampled_from(ACTORS),
    version=st.one_of(st.none(), st.integers(min_value=-5, max_value=10**9)),
)
def test_malformed_update_messages(watch, target, sep, comment, status, day, who, clicker, version):
    text = f"{target}{sep}{comment} {day}, status {status}"
    reading = update_text.parse_message(text, NOW, origin="slack:C0UPD/1.2")
    if reading is None:
        assert not update_text.REF.search(text) and "status" not in text.lower()
        return
    if not reading.ok:
        check_message(reading.problem)
        assert watch.unchanged()
        return
    change = reading.change.model_copy(update={"version": version})
    try:
        value = update_text.encode(change, "U1")
    except update_text.BadValue:
        return  # the listener says the message is too long; nothing was written
    decoded, author = update_text.decode(value)
    assert decoded == change and author == "U1"
    outcome(watch, updates.apply(watch.store, decoded, clicker, NOW))


# --- forms -----------------------------------------------------------------------------------

field_names = st.sampled_from(
    ["text", "plan_id", "owners", "due", "financing", "what", "owner", "status", "id", "x"]
)
field_values = st.one_of(
    st.none(),
    words,
    nasty,
    st.sampled_from(["30.04.2021", "høsten 2022", "2021-2022", "i morgen", "31.02.2021", "plan-x"]),
    st.integers(),
    st.lists(st.text(max_size=5), max_size=3),
)


@st.composite
def submissions(draw):
    kind = draw(st.sampled_from(["measure", "deadline", "meeting", "", None, 7]))
    meta: dict = {"kind": kind}
    if draw(st.booleans()):  # a change to an item (a real one, or not), with some version
        meta["id"] = draw(st.sampled_from(["m-2021-4", "zzqx", "", None, "u-measure-1"]))
        meta["version"] = draw(st.one_of(st.integers(-3, 10**6), st.none(), st.just("1")))
    values = {}
    for name in draw(st.lists(field_names, max_size=6)):
        element_kind = draw(st.sampled_from(["plain", "select", "junk"]))
        value = draw(field_values)
        if element_kind == "plain":
            values[name] = {"value": {"type": "plain_text_input", "value": value}}
        elif element_kind == "select":
            values[name] = {"value": {"type": "static_select", "selected_option": {"value": value}}}
        else:
            values[name] = value
    metadata = draw(st.one_of(st.just(json.dumps(meta)), st.sampled_from(["", "{", "[]", "null"])))
    return {"id": "V1", "state": {"values": values}, "private_metadata": metadata}


@settings(
    max_examples=EXAMPLES["forms"],
    deadline=None,
    derandomize=True,  # the same inputs on every run: CI never fails by chance
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(view=submissions(), who=st.sampled_from(ACTORS))
def test_malformed_form_submissions(watch, view, who):
    submission = item_form.read(watch.store, view, NOW, origin="slack:skjema/V1")
    if submission.errors:
        for block, problem in submission.errors.items():
            assert isinstance(block, str)
            check_message(problem)
        assert watch.unchanged()
        return
    if submission.change is None:
        check_message(submission.problem)
        assert watch.unchanged()
        return
    outcome(watch, updates.apply(watch.store, submission.change, who, NOW))


def test_a_stale_form_is_refused_whatever_it_carries(watch):
    """Mismatched versions, the one rule a generated form rarely hits by chance: every wrong
    version of a real item is refused with the form's own message."""
    store = watch.store
    row = store.item("measure", "m-2021-4") or store.items("measure")[0]
    real = store.version("measure", row.id)
    for version in [real - 1, real + 1, real + 1000, -1]:
        view = item_form.form(store, "measure", row=row, ref="T21-4", version=version)
        state = {"due": {"value": {"type": "plain_text_input", "value": "01.01.2031"}}}
        submission = item_form.read(store, {**view, "state": {"values": state}}, NOW)
        result = updates.apply(store, submission.change, ACTORS[0], NOW)
        assert not result.ok and "Tiltaket er endret siden du åpnet skjemaet" in result.message
        assert watch.unchanged()


def test_the_examples_add_up_to_more_than_a_thousand():
    assert sum(EXAMPLES.values()) >= 1000
