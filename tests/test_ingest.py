"""Ingestion: the knowledge folder and uploads; bad input gives a clear error and changes nothing."""

import shutil

import pytest

from bot.ingest import IngestError, ingest_file, load_knowledge, split_passages
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
    assert {p["page"] for p in passages} == {1, 2}
    assert fresh_store.document(result["id"])["access"] == "intern"
    assert fresh_store.updates(f"document:{result['id']}")[0]["action"] == "ingest"


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


def test_a_document_removed_from_knowledge_is_removed_from_the_store(fresh_store, knowledge_copy):
    (knowledge_copy / "documents" / "002-handlingsplan-2019-2020.md").unlink()
    (knowledge_copy / "002-handlingsplan-2019-2020.yaml").unlink()
    result = load_knowledge(fresh_store, knowledge_copy)
    assert result["removed"] == 1
    assert fresh_store.document("002-handlingsplan-2019-2020") is None
    assert not fresh_store.measures(plan_ids=["d002-hp-2019-2020"])


def test_text_without_sentence_ends_is_cut_by_length():
    passages = split_passages("d", " ".join(["ord"] * 500))
    assert len(passages) >= 5
    assert all(len(p.text.split()) <= 90 for p in passages)
