"""Ingestion: the knowledge folder and uploads; bad input gives a clear error and changes nothing."""

import os
import shutil

import pytest

from bot.ingest import (
    IngestError,
    ensure_loaded,
    ingest_file,
    load_knowledge,
    missing_documents,
    missing_note,
    split_passages,
)
from bot.store import Store
from tests.conftest import KNOWLEDGE
from tests.pdf import make_pdf


def _rows(store: Store) -> dict:
    return {t: store.db[t].count for t in ("documents", "passages", "measures", "search")}


@pytest.fixture
def knowledge_copy(tmp_path):
    target = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, target)
    return target


def test_broken_yaml_names_the_file_and_leaves_the_database(fresh_store, knowledge_copy):
    before = _rows(fresh_store)
    path = knowledge_copy / "002-handlingsplan-2019-2020.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\n  - [broken: yaml\n", encoding="utf-8")
    with pytest.raises(IngestError) as err:
        load_knowledge(fresh_store, knowledge_copy, force=True)
    assert "002-handlingsplan-2019-2020.yaml" in str(err.value)
    assert "ugyldig YAML" in str(err.value)
    assert _rows(fresh_store) == before


def test_invalid_entry_names_the_entry(fresh_store, knowledge_copy):
    before = _rows(fresh_store)
    path = knowledge_copy / "002-handlingsplan-2019-2020.yaml"
    text = path.read_text(encoding="utf-8").replace("deadlines: []", "")
    text += "\ndeadlines:\n  - id: d002-x\n    what: Ny frist\n    due: ikke-en-dato\n"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(IngestError) as err:
        load_knowledge(fresh_store, knowledge_copy, force=True)
    assert "deadlines[0].due" in str(err.value)
    assert _rows(fresh_store) == before


def test_invented_quote_is_refused(fresh_store, knowledge_copy):
    path = knowledge_copy / "001-handlingsplan-2021-2022-hoering.yaml"
    data = path.read_text(encoding="utf-8")
    first_quote = data.index("quote:")
    line_end = data.index("\n", first_quote)
    path.write_text(
        data[:first_quote] + 'quote: "Dette står ikke i dokumentet"' + data[line_end:],
        encoding="utf-8",
    )
    before = _rows(fresh_store)
    with pytest.raises(IngestError) as err:
        load_knowledge(fresh_store, knowledge_copy, force=True)
    assert "sitatet finnes ikke" in str(err.value)
    assert "001-handlingsplan-2021-2022-hoering.yaml" in str(err.value)
    assert _rows(fresh_store) == before


def test_corrupt_pdf_is_refused_and_changes_nothing(fresh_store, tmp_path, now):
    bad = tmp_path / "notat.pdf"
    bad.write_bytes(b"%PDF-1.4\nthis is not really a pdf\n%%EOF")
    before = _rows(fresh_store)
    with pytest.raises(IngestError) as err:
        ingest_file(fresh_store, bad, now=now)
    assert "notat.pdf" in str(err.value)
    assert _rows(fresh_store) == before
    assert fresh_store.updates() == []


def test_pdf_upload_becomes_searchable_passages_with_pages(fresh_store, tmp_path, now):
    pdf = tmp_path / "samferdsel.pdf"
    pdf.write_bytes(
        make_pdf(
            [
                "Notat om samferdsel\nFylkesveiene i regionen trenger vedlikehold.",
                "Side to: Bredbandsutbyggingen i Folldal er forsinket.",
            ]
        )
    )
    result = ingest_file(fresh_store, pdf, title="Notat om samferdsel", access="intern", now=now)
    assert result["passages"] >= 2
    passages = fresh_store.passages(result["id"])
    assert {p.page for p in passages} == {1, 2}
    assert fresh_store.document(result["id"])["access"] == "intern"
    assert fresh_store.updates(f"document:{result['id']}")[0].action == "ingest"


def test_unsupported_file_type(fresh_store, tmp_path, now):
    path = tmp_path / "regneark.xlsx"
    path.write_bytes(b"PK")
    with pytest.raises(IngestError, match="støttes ikke"):
        ingest_file(fresh_store, path, now=now)


def test_markdown_tables_become_readable_rows():
    body = "# Tiltak\n\n| Hovedaktivitet | Ansvar |\n|---|---|\n| Delta i Jernbaneforum | AU |\n"
    passages = split_passages("d", body)
    assert passages[0].text == "Hovedaktivitet: Delta i Jernbaneforum; Ansvar: AU."
    assert passages[0].section == "Tiltak"


def test_fresh_database_is_built_on_first_use(tmp_path):
    from bot.ingest import ensure_loaded

    store = Store.open(tmp_path / "new.db")
    ensure_loaded(store, KNOWLEDGE)
    assert store.counts()["documents"] == 5


def test_upload_access_is_the_stricter_of_flag_and_front_matter(fresh_store, tmp_path, now):
    doc = tmp_path / "notat.md"
    doc.write_text("---\ntitle: Notat\naccess: intern\n---\nFerjer og busser.\n", encoding="utf-8")
    assert ingest_file(fresh_store, doc, access="offentlig", now=now)["access"] == "intern"


def test_uploads_never_replace_bundled_documents_or_each_other(fresh_store, tmp_path, now):
    bundled = "001-handlingsplan-2021-2022-hoering"
    doc = tmp_path / "ny.md"
    doc.write_text(f"---\nid: {bundled}\ntitle: Falsk\n---\nTekst.\n", encoding="utf-8")
    result = ingest_file(fresh_store, doc, now=now)
    assert result["id"] != bundled
    assert fresh_store.document(bundled)["title"].startswith("Høring")
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "notat.txt").write_text("Ferjer.", encoding="utf-8")
    first = ingest_file(fresh_store, tmp_path / "a" / "notat.txt", now=now)
    again = ingest_file(fresh_store, tmp_path / "a" / "notat.txt", now=now)
    assert again["id"] == first["id"] and again["replaced"]


def test_upload_with_bad_front_matter_gets_a_norwegian_error(fresh_store, tmp_path, now):
    doc = tmp_path / "notat.md"
    doc.write_text("---\ntitle: Notat\ndate: ikke-en-dato\n---\nTekst.\n", encoding="utf-8")
    with pytest.raises(IngestError, match="ugyldig verdi"):
        ingest_file(fresh_store, doc, now=now)


def test_a_document_removed_from_knowledge_is_kept_until_pruned(fresh_store, knowledge_copy):
    (knowledge_copy / "documents" / "002-handlingsplan-2019-2020.md").unlink()
    (knowledge_copy / "002-handlingsplan-2019-2020.yaml").unlink()
    before = _rows(fresh_store)
    result = load_knowledge(fresh_store, knowledge_copy)
    assert result["removed"] == 0
    assert result["missing"] == [fresh_store.document("002-handlingsplan-2019-2020")["title"]]
    assert _rows(fresh_store) == before
    assert missing_documents(fresh_store) == result["missing"]

    result = load_knowledge(fresh_store, knowledge_copy, prune=True)
    assert result["removed"] == 1 and result["missing"] == []
    assert fresh_store.document("002-handlingsplan-2019-2020") is None
    assert not fresh_store.measures(plan_ids=["d002-hp-2019-2020"])
    assert missing_documents(fresh_store) == []


def test_an_empty_knowledge_folder_removes_nothing_without_prune(fresh_store, tmp_path):
    empty = tmp_path / "knowledge"
    empty.mkdir()
    before = _rows(fresh_store)
    result = load_knowledge(fresh_store, empty)
    assert len(result["missing"]) == 5
    assert _rows(fresh_store) == before
    assert "regionbot init --prune" in missing_note(result["missing"])


def test_a_missing_knowledge_folder_is_an_error_and_changes_nothing(fresh_store, tmp_path):
    before = _rows(fresh_store)
    with pytest.raises(IngestError, match="Fant ikke kunnskapsbasen i .*borte"):
        load_knowledge(fresh_store, tmp_path / "borte")
    with pytest.raises(IngestError, match="Fant ikke kunnskapsbasen"):
        ensure_loaded(fresh_store, tmp_path / "borte")
    assert _rows(fresh_store) == before


def test_a_new_installation_with_an_empty_folder_starts(tmp_path):
    (tmp_path / "knowledge").mkdir()
    store = Store.open(tmp_path / "new.db")
    assert ensure_loaded(store, tmp_path / "knowledge") == []
    assert store.counts()["documents"] == 0


# --- who is a member: people.yaml as it is now ------------------------------------------------


def _member_ids(store: Store) -> dict:
    return {p.name: p.slack_user_id for p in store.people() if p.slack_user_id}


def _emails(store: Store) -> dict:
    return {p.name: p.email for p in store.people() if p.email}


def test_removing_a_person_or_their_slack_id_revokes_access(fresh_store, knowledge_copy):
    people = knowledge_copy / "people.yaml"
    original = people.read_text(encoding="utf-8")
    people.write_text(
        original.replace(
            "  - name: Rune Jørgensen\n", "  - name: Rune Jørgensen\n    slack_user_id: U0RUNE\n"
        )
        + "  - name: Ola Gjest\n    slack_user_id: U0OLA\n    email: ola@example.no\n",
        encoding="utf-8",
    )
    load_knowledge(fresh_store, knowledge_copy)
    assert _member_ids(fresh_store) == {"Rune Jørgensen": "U0RUNE", "Ola Gjest": "U0OLA"}

    people.write_text(original, encoding="utf-8")  # Rune's id and Ola are gone
    load_knowledge(fresh_store, knowledge_copy)
    assert _member_ids(fresh_store) == {}
    assert fresh_store.person("Ola Gjest") is None
    assert _emails(fresh_store)["Rune Jørgensen"] == "rune.jorgensen@innlandetfylke.no"

    # Rune, named by a document, keeps what the document says but not the e-mail that people.yaml
    # gave (it identifies him in Slack when look-up by e-mail is on).
    people.write_text("people: []\n", encoding="utf-8")
    load_knowledge(fresh_store, knowledge_copy)
    rune = fresh_store.person("Rune Jørgensen")
    assert rune is not None and rune.document_id and "regionrådgiver" in rune.roles
    assert rune.access == "guest"  # may change nothing through the bot any more
    assert _emails(fresh_store) == {} and _member_ids(fresh_store) == {}
    assert {p.name for p in fresh_store.people()} <= {
        p["name"] for p in fresh_store.rows("SELECT name FROM people WHERE document_id IS NOT NULL")
    }


# --- access labels ------------------------------------------------------------------------------


@pytest.mark.parametrize("label", ["Intern", "INTERN", '"intern "', "' intern'"])
def test_access_labels_are_folded(fresh_store, tmp_path, now, label):
    doc = tmp_path / "notat.md"
    doc.write_text(f"---\ntitle: Notat\naccess: {label}\n---\nFerjer.\n", encoding="utf-8")
    assert ingest_file(fresh_store, doc, now=now)["access"] == "intern"


@pytest.mark.parametrize("label", ["internal", "privat", "ja", "1", "[intern]", "''", ""])
def test_unknown_access_labels_are_errors_naming_the_file(fresh_store, tmp_path, now, label):
    doc = tmp_path / "notat.md"
    doc.write_text(f"---\ntitle: Notat\naccess: {label}\n---\nFerjer.\n", encoding="utf-8")
    before = _rows(fresh_store)
    with pytest.raises(IngestError, match="notat.md: ukjent tilgang"):
        ingest_file(fresh_store, doc, now=now)
    with pytest.raises(IngestError, match="ukjent tilgang"):
        ingest_file(fresh_store, doc, access="Internal", now=now)
    assert _rows(fresh_store) == before


def test_a_knowledge_document_with_an_unknown_access_label_is_an_error(fresh_store, knowledge_copy):
    path = knowledge_copy / "documents" / "002-handlingsplan-2019-2020.md"
    text = path.read_text(encoding="utf-8")
    assert "access: offentlig" in text
    path.write_text(text.replace("access: offentlig", "access: internal", 1), encoding="utf-8")
    with pytest.raises(IngestError, match="002-handlingsplan-2019-2020.md: ukjent tilgang"):
        load_knowledge(fresh_store, knowledge_copy)
    path.write_text(text.replace("access: offentlig", "access: ' Intern'", 1), encoding="utf-8")
    load_knowledge(fresh_store, knowledge_copy)
    assert fresh_store.document("002-handlingsplan-2019-2020")["access"] == "intern"


def test_reingesting_without_access_keeps_the_stricter(fresh_store, tmp_path, now):
    doc = tmp_path / "notat.txt"
    doc.write_text("Ferjer og busser.", encoding="utf-8")
    first = ingest_file(fresh_store, doc, access="intern", now=now)
    doc.write_text("Ferjer, busser og tog.", encoding="utf-8")
    again = ingest_file(fresh_store, doc, now=now)
    assert again["replaced"] and again["access"] == "intern"
    assert fresh_store.document(first["id"])["access"] == "intern"
    assert [u.action for u in fresh_store.updates(f"document:{first['id']}")] == [
        "ingest",
        "ingest",
    ]

    # The advisor makes it public explicitly: done, and audited with the old and new access.
    public = ingest_file(fresh_store, doc, access="offentlig", now=now)
    assert public["access"] == "offentlig"
    change = fresh_store.updates(f"document:{first['id']}")[-1]
    assert change.action == "access"
    assert change.old == {"access": "intern"}
    assert change.new == {"access": "offentlig"}


# --- files that are not documents ---------------------------------------------------------------


def test_a_directory_is_refused(fresh_store, tmp_path, now):
    (tmp_path / "mappe.md").mkdir()
    with pytest.raises(IngestError, match="er en mappe"):
        ingest_file(fresh_store, tmp_path / "mappe.md", now=now)
    (tmp_path / "mappe").mkdir()
    with pytest.raises(IngestError, match="er en mappe"):
        ingest_file(fresh_store, tmp_path / "mappe", now=now)


def test_a_fifo_is_refused_without_hanging(fresh_store, tmp_path, now):
    fifo = tmp_path / "notat.txt"
    os.mkfifo(fifo)
    with pytest.raises(IngestError, match="ikke en vanlig fil"):
        ingest_file(fresh_store, fifo, now=now)


@pytest.mark.parametrize("content", [b"", b"\0" * 4096, b"  \n\n"])
def test_empty_and_nul_only_files_are_refused(fresh_store, tmp_path, now, content):
    path = tmp_path / "notat.txt"
    path.write_bytes(content)
    before = _rows(fresh_store)
    with pytest.raises(IngestError, match="notat.txt: filen er tom"):
        ingest_file(fresh_store, path, now=now)
    assert _rows(fresh_store) == before


def test_text_with_nul_bytes_is_not_text(fresh_store, tmp_path, now):
    path = tmp_path / "notat.txt"
    path.write_bytes(b"Ferjer\0\0og busser")
    with pytest.raises(IngestError, match="ikke tekst"):
        ingest_file(fresh_store, path, now=now)


def test_a_file_over_the_size_limit_is_refused(fresh_store, tmp_path, now):
    path = tmp_path / "stor.txt"
    path.write_bytes(b"ord " * 300_000)  # 1.2 MB
    with pytest.raises(IngestError, match="for stor"):
        ingest_file(fresh_store, path, now=now, max_bytes=1024 * 1024)
    assert ingest_file(fresh_store, path, now=now, max_bytes=2 * 1024 * 1024)["passages"] > 0


def test_text_without_sentence_ends_is_cut_by_length():
    passages = split_passages("d", " ".join(["ord"] * 500))
    assert len(passages) >= 5
    assert all(len(p.text.split()) <= 90 for p in passages)
