"""Made-up knowledge for the engine's unit tests: a knowledge folder of the given files, loaded
into a store of its own, so that each mechanism is shown on documents the eval sets never saw."""

from pathlib import Path

from bot.ingest import load_knowledge
from bot.store import Store


def made_up_store(tmp_path_factory, files: dict[str, str]) -> Store:
    """`files` maps a path in the knowledge folder ("documents/901-x.md", "901-x.yaml",
    "people.yaml") to its text; `people.yaml` is empty unless given."""
    root = tmp_path_factory.mktemp("kb")
    (root / "documents").mkdir()
    for name, text in {"people.yaml": "people: []\n", **files}.items():
        (root / name).write_text(text, encoding="utf-8")
    store = Store.open(Path(tmp_path_factory.mktemp("db")) / "kb.db")
    load_knowledge(store, root)
    return store
