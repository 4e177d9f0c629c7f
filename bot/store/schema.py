"""The database schema, as sqlite-utils migrations applied in order on every start.

A new column or table is a new migration at the end; applied ones never change.
"""

from __future__ import annotations

import sqlite_utils
from sqlite_utils.migrations import Migrations

migrations = Migrations("regionbot")


@migrations()
def m001_schema(db: sqlite_utils.Database) -> None:
    db["meta"].create({"key": str, "value": str}, pk="key")
    db["documents"].create(
        {
            "id": str,
            "title": str,
            "date": str,
            "organisation": str,
            "region": str,
            "kind": str,
            "access": str,
            "source_file": str,
            "body": str,
            "hash": str,
            "origin": str,  # "knowledge" (bundled) or "upload"
        },
        pk="id",
    )
    db["passages"].create(
        {
            "id": int,
            "document_id": str,
            "seq": int,
            "section": str,
            "page": int,
            "text": str,
        },
        pk="id",
        foreign_keys=[("document_id", "documents", "id")],
    )
    db["organisations"].create(
        {
            "id": str,
            "name": str,
            "kind": str,
            "parent": str,
            "population": int,
            "population_year": int,
            "aliases": str,
            "document_id": str,
            "quote": str,
        },
        pk=("id", "document_id"),
    )
    db["people"].create(
        {
            "name": str,
            "roles": str,
            "organisation": str,
            "email": str,
            "phone": str,
            "slack_user_id": str,
            "note": str,
            "document_id": str,
            "quote": str,
        },
        pk="name",
    )
    fk_doc = [("document_id", "documents", "id")]
    db["plans"].create(
        {
            "id": str,
            "title": str,
            "kind": str,
            "organisation": str,
            "period_start": int,
            "period_end": int,
            "vision": str,
            "summary": str,
            "adopted_date": str,
            "adopted_by": str,
            "revised": str,
            "document_id": str,
            "quote": str,
        },
        pk="id",
        foreign_keys=fk_doc,
    )
    db["goals"].create(
        {
            "id": str,
            "plan_id": str,
            "seq": int,
            "area": str,
            "text": str,
            "measured_by": str,
            "status": str,
            "comment": str,
            "document_id": str,
            "quote": str,
        },
        pk="id",
        foreign_keys=[("plan_id", "plans", "id"), *fk_doc],
    )
    db["measures"].create(
        {
            "id": str,
            "plan_id": str,
            "goal_id": str,
            "seq": int,
            "text": str,
            "kind": str,
            "owners": str,
            "owner_text": str,
            "financing": str,
            "frequency": str,
            "due": str,
            "status": str,
            "result": str,
            "document_id": str,
            "quote": str,
        },
        pk="id",
        foreign_keys=[("plan_id", "plans", "id"), ("goal_id", "goals", "id"), *fk_doc],
    )
    db["meetings"].create(
        {
            "id": str,
            "body": str,
            "date": str,
            "time": str,
            "place": str,
            "title": str,
            "document_id": str,
            "quote": str,
        },
        pk="id",
    )
    db["cases"].create(
        {
            "id": str,
            "meeting_id": str,
            "number": str,
            "title": str,
            "kind": str,
            "document_id": str,
            "quote": str,
        },
        pk="id",
        foreign_keys=[("meeting_id", "meetings", "id")],
    )
    for name, cols in {
        "decisions": {
            "id": str,
            "body": str,
            "date": str,
            "meeting_id": str,
            "case_number": str,
            "text": str,
        },
        "deadlines": {
            "id": str,
            "what": str,
            "due": str,
            "owner": str,
            "plan_id": str,
            "measure_id": str,
        },
        "budget_lines": {
            "id": str,
            "plan_id": str,
            "kind": str,
            "amount": int,
            "year": int,
            "purpose": str,
            "source": str,
        },
        "results": {
            "id": str,
            "plan_id": str,
            "goal_id": str,
            "text": str,
            "value": str,
            "year": int,
        },
        "facts": {"id": str, "subject": str, "text": str},
    }.items():
        db[name].create({**cols, "document_id": str, "quote": str}, pk="id")
    db["updates"].create(
        {
            "id": int,
            "time": str,
            "author": str,
            "action": str,
            "target": str,
            "old": str,
            "new": str,
            "text": str,
        },
        pk="id",
    )
    db["search"].create(
        {
            "rowid": int,
            "key": str,
            "kind": str,
            "ref": str,
            "document_id": str,
            "access": str,
            "text": str,
            "terms": str,
            "context": str,
        },
        pk="rowid",
    )
    db["search"].create_index(["key"], unique=True)
    db["search"].create_index(["document_id"])
    db["search"].enable_fts(["terms", "context"], create_triggers=True)
    db.execute("CREATE VIRTUAL TABLE search_vocab USING fts5vocab(search_fts, 'row')")


@migrations()
def m002_feedback(db: sqlite_utils.Database) -> None:
    db["feedback"].create(
        {
            "id": int,
            "time": str,
            "user": str,
            "channel": str,
            "question": str,
            "answer": str,
            "vote": str,
        },
        pk="id",
    )


@migrations()
def m003_indexes(db: sqlite_utils.Database) -> None:
    """Indexes for the lookups that grow with the knowledge base (measured in bench/)."""
    db["measures"].create_index(["plan_id"], if_not_exists=True)
    for table in ["passages", "goals", "measures", "decisions", "deadlines", "budget_lines"]:
        db[table].create_index(["document_id"], if_not_exists=True)
    for table in ["results", "facts", "meetings", "cases", "plans", "organisations"]:
        db[table].create_index(["document_id"], if_not_exists=True)


# Tables whose rows belong to one document and are replaced when it is reloaded, children first.


@migrations()
def m_upd_001_updates(db: sqlite_utils.Database) -> None:
    """The write path (bot/updates.py): who may write, short references, and changes kept apart
    from the loaded facts so a reload re-applies them."""
    db["people"].add_column("access", str)
    db["people"].add_column("origin", str)  # "directory" (people.yaml) or "document"
    # Status and its trail on every item kind that can be updated.
    for table in ["deadlines", "meetings", "cases", "decisions"]:
        db[table].add_column("status", str)
    for table in ["measures", "deadlines", "meetings", "cases", "decisions"]:
        db[table].add_column("status_by", str)
        db[table].add_column("status_at", str)
        db[table].add_column("status_comment", str)
        db[table].add_column("update_id", int)  # the audit row of the latest change
        db[table].add_column("orphaned", str)  # set when the item left its reloaded source file
    db["measures"].add_column("due_text", str)  # a period ("høsten 2022") as the document says it
    db["deadlines"].add_column("due_text", str)
    db["cases"].add_column("proposal", str)
    db["cases"].add_column("documents", str)
    db["decisions"].add_column("vote", str)
    # A short stable reference per item (T21-4, F-3, M-2, S-5, V-7): assigned once, never reused.
    db["refs"].create({"ref": str, "kind": str, "item_id": str}, pk="ref")
    db["refs"].create_index(["kind", "item_id"], unique=True)
    # The audit log gains the item, field and origin of each change; one row per field changed.
    for col, typ in [
        ("kind", str),
        ("item_id", str),
        ("field", str),
        ("comment", str),
        ("origin", str),
        ("batch", str),
        ("undo_of", int),
    ]:
        db["updates"].add_column(col, typ)
    db["updates"].create_index(["kind", "item_id"])
    # The current value of every field set through the bot: re-applied over reloaded facts.
    db["overlay"].create(
        {"kind": str, "item_id": str, "field": str, "value": str, "update_id": int},
        pk=("kind", "item_id", "field"),
    )
    # Items created through the bot, kept whole so a reload never loses them.
    db["created"].create(
        {"kind": str, "item_id": str, "row": str, "update_id": int}, pk=("kind", "item_id")
    )


@migrations()
def m_rem_001_outbox(db: sqlite_utils.Database) -> None:
    """The outbox (bot/outbox.py): every message the bot posts on its own, keyed so it is sent
    once. `state` is pending -> sending -> sent (or failed, expired); `channel` and `ts` of a sent
    message let it be edited later (chat.update)."""
    db["outbox"].create(
        {
            "key": str,
            "kind": str,
            "target": str,  # the channel or user id it is posted to
            "text": str,
            "blocks": str,  # JSON
            "state": str,
            "attempts": int,
            "error": str,
            "created_at": str,
            "claimed_at": str,
            "sent_at": str,
            "expires_at": str,
            "channel": str,  # as Slack answered (a user id becomes the DM channel)
            "ts": str,
            "updated_at": str,
        },
        pk="key",
    )
    db["outbox"].create_index(["state"])
    db["outbox"].create_index(["kind"])


@migrations()
def m_meet_001_register(db: sqlite_utils.Database) -> None:
    """Meetings and the decision register (bot/agenda.py, bot/protocol.py): whether a decision is
    the council's own, a time as written when there is no day, absences (forfall) reported for a
    meeting, and the agenda messages posted, so a changed agenda updates its message."""
    db["decisions"].add_column("own", int)
    db["decisions"].add_column("when_text", str)
    db["absences"].create(
        {
            "meeting_id": str,
            "person": str,  # the name in people.yaml, or the Slack user id of a guest
            "slack_user_id": str,
            "reason": str,
            "status": str,  # "meldt" or "trukket"
            "at": str,
            "update_id": int,  # its audit row
        },
        pk=("meeting_id", "person"),
    )
    db["agenda_posts"].create(
        {
            "meeting_id": str,
            "channel": str,
            "ts": str,
            "digest": str,  # what the posted agenda said, to see that it changed
            "summary": str,  # the lines of the posted agenda, to say what changed
            "posted_at": str,
            "updated_at": str,
        },
        pk="meeting_id",
    )


@migrations()
def m_rem_002_pauses(db: sqlite_utils.Database) -> None:
    """Reminder pauses (holidays): one row per person. `returned` is the sweep day that sent what
    fell due during the pause, so it is sent once."""
    db["reminder_pauses"].create(
        {
            "person": str,
            "since": str,
            "until": str,  # the first day reminders come again (None: until `på`)
            "ended": str,  # the day the person switched reminders back on
            "returned": str,
            "set_by": str,
            "set_at": str,
        },
        pk="person",
    )


@migrations()
def m_ext_001_pending_extractions(db: sqlite_utils.Database) -> None:
    """Facts extracted from an upload and waiting for the advisor's review in Slack (Lagre,
    Se over, Bare tekst): kept here, not in memory, so a restart between upload and Lagre loses
    nothing; nothing in it is knowledge until it is saved through bot/updates.py."""
    db["pending_extractions"].create(
        {"document_id": str, "facts": str, "author": str, "created_at": str}, pk="document_id"
    )


@migrations()
def m_rem_003_due_indexes(db: sqlite_utils.Database) -> None:
    """The reminder sweep reads only items due near today (bench/reminders.py)."""
    db["measures"].create_index(["due"], if_not_exists=True)
    db["deadlines"].create_index(["due"], if_not_exists=True)


@migrations()
def m_lang_001_lemmas(db: sqlite_utils.Database) -> None:
    """Lemmas of the knowledge base's words, from simplemma at load time, so a question word is
    read by a table lookup without loading simplemma's dictionaries (over a second) per question.
    `lemma_forms`: an inflected form (bokmål, nynorsk, English) of a lemma the documents or the
    glossary use, where the stemmer alone would not find that lemma; `lemma_terms`: the index
    terms the documents write a lemma as."""
    db["lemma_forms"].create({"folded": str, "form": str, "lemma": str, "lang": str})
    db["lemma_forms"].create_index(["folded"])
    db["lemma_terms"].create({"lemma": str, "term": str}, pk=("lemma", "term"))


@migrations()
def m_sem_001_vectors(db: sqlite_utils.Database) -> None:
    """Meaning vectors of the search rows (bot/answers/semantic.py), keyed by the text embedded and
    the model that embedded it: a reloaded document whose rows get new ids reuses them, and only
    a text that changed is embedded again. Vectors are float32, little-endian."""
    db["semantic_vectors"].create(
        {"text": str, "model": str, "vector": bytes}, pk=("text", "model")
    )


@migrations()
def m_typo_001_dictionary(db: sqlite_utils.Database) -> None:
    """The typo dictionary (bot/store/typos.py): its words folded, with the written form, count and
    the order they were added in; and SymSpell's deletes, each with the words that have it."""
    db["typo_words"].create({"folded": str, "written": str, "count": int, "seq": int}, pk="folded")
    db["typo_deletes"].create({"key": str, "words": str}, pk="key")


@migrations()
def m_typo_002_terms(db: sqlite_utils.Database) -> None:
    """The index terms' typo dictionary (bot/store/typos.py): the terms written at load time, and
    SymSpell's deletes, each with the terms that have it (their counts are the index's own)."""
    db["typo_terms"].create({"term": str}, pk="term")
    db["typo_term_deletes"].create({"key": str, "terms": str}, pk="key")
