"""The bundled knowledge base is consistent: no fact is invented, ids are unique, links resolve."""

import re
from pathlib import Path

import pytest
import yaml

KNOWLEDGE = Path(__file__).resolve().parent.parent / "knowledge"
DOCS = KNOWLEDGE / "documents"


def _collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _body(doc_id: str) -> str:
    text = (DOCS / f"{doc_id}.md").read_text(encoding="utf-8")
    _, _, body = text.partition("\n---\n") if text.startswith("---") else ("", "", text)
    return _collapse(body)


def _walk(node, path="$"):
    """Yield (path, dict) for every mapping in the YAML tree."""
    if isinstance(node, dict):
        yield path, node
        for key, value in node.items():
            yield from _walk(value, f"{path}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _walk(value, f"{path}[{i}]")


def _fact_files():
    return sorted(p for p in KNOWLEDGE.glob("*.yaml") if p.name != "people.yaml")


@pytest.mark.parametrize("path", _fact_files(), ids=lambda p: p.name)
def test_every_quote_occurs_in_its_document(path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    body = _body(data["document"])
    missing = [
        f"{where}: {entry['quote']!r}"
        for where, entry in _walk(data)
        if isinstance(entry.get("quote"), str) and _collapse(entry["quote"]) not in body
    ]
    assert not missing, "quotes not found in the document:\n" + "\n".join(missing)


@pytest.mark.parametrize("path", _fact_files(), ids=lambda p: p.name)
def test_every_fact_has_a_quote(path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    unquoted = [
        where
        for where, entry in _walk(data)
        if ("text" in entry or "what" in entry or "amount" in entry) and not entry.get("quote")
    ]
    assert not unquoted, "facts without a quote:\n" + "\n".join(unquoted)


def test_ids_are_unique_across_files():
    seen: dict[str, str] = {}
    dupes = []
    for path in _fact_files():
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for _where, entry in _walk(data):
            if "id" in entry and not str(entry["id"]).startswith("org-"):
                if entry["id"] in seen:
                    dupes.append(f"{entry['id']} in {seen[entry['id']]} and {path.name}")
                seen[entry["id"]] = path.name
    assert not dupes, "\n".join(dupes)
