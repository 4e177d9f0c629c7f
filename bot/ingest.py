"""Knowledge into the store: the bundled `knowledge/` folder and documents users upload.

Everything is read and validated before anything is written, and all writes happen in one
transaction, so a broken file leaves the database exactly as it was. Errors name the file and the
entry, in Norwegian, because the advisor is the one who reads them.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
from datetime import date, datetime
from pathlib import Path

from pydantic import ValidationError

from bot import files
from bot import text as T
from bot.config import TZ
from bot.models import Document, KnowledgeFile, Passage
from bot.store import Store

MAX_PASSAGE_WORDS = 90


def _loader():
    """libyaml's loader when available (7x faster). PyYAML is imported only when files are read,
    not at every CLI start."""
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class IngestError(Exception):
    """A file could not be read or is not valid. The message is for the user (Norwegian)."""


def _read_text(path: Path, max_bytes: int = files.DEFAULT_MAX_BYTES) -> str:
    try:
        return files.read_text(path, max_bytes=max_bytes)
    except files.FileProblem as exc:
        raise IngestError(str(exc)) from exc


# --- documents -------------------------------------------------------------------------------


def split_front_matter(raw: str, path: Path) -> tuple[dict, str]:
    if not raw.startswith("---"):
        return {}, raw
    end = raw.find("\n---", 3)
    if end < 0:
        raise IngestError(f"{path}: front matter (---) er ikke avsluttet.")
    import yaml

    try:
        meta = yaml.safe_load(raw[3:end]) or {}
    except yaml.YAMLError as exc:
        raise IngestError(f"{path}: ugyldig front matter: {_yaml_problem(exc)}") from exc
    if not isinstance(meta, dict):
        raise IngestError(f"{path}: front matter må være en YAML-tabell (nøkkel: verdi).")
    return meta, raw[end + 4 :].lstrip("\n")


_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_SENTENCE_END = re.compile(r"(?<=[.!?»])\s+(?=[A-ZÆØÅ«\d•-])")


def split_passages(document_id: str, body: str, *, page: int | None = None) -> list[Passage]:
    """Paragraphs, list items and table rows become passages; each knows its section heading.

    Table rows are written out as 'Header: cell; Header: cell' so a row reads like a sentence and
    the search finds it by any of its cells. Long paragraphs are cut at sentence ends.
    """
    passages: list[Passage] = []
    section: str | None = None
    header: list[str] | None = None
    para: list[str] = []

    def flush() -> None:
        if para:
            for chunk in _chunks(T.collapse(" ".join(para))):
                passages.append(
                    Passage(
                        document_id=document_id,
                        seq=len(passages),
                        section=section,
                        page=page,
                        text=chunk,
                    )
                )
            para.clear()

    for line in body.splitlines():
        stripped = line.strip()
        heading = _HEADING.match(stripped)
        if heading:
            flush()
            header = None
            section = heading[2].strip().strip("#").strip() or section
            continue
        if stripped.startswith("|"):
            flush()
            cells = [c.strip() for c in stripped.strip("|").split("|")]
            if all(re.fullmatch(r":?-{2,}:?", c) or not c for c in cells):
                continue
            if header is None:
                header = cells
                continue
            parts = [
                f"{h}: {c}" if h else c
                for h, c in zip(header + [""] * len(cells), cells, strict=False)
                if c
            ]
            para.append("; ".join(parts) + ".")
            flush()
            continue
        header = None
        if not stripped:
            flush()
        elif stripped.startswith(("- ", "• ", "* ")) or re.match(r"^\d+[.)]\s", stripped):
            flush()
            para.append(stripped.lstrip("-•* "))
        else:
            para.append(stripped)
    flush()
    return passages


def _chunks(text: str) -> list[str]:
    if len(text.split()) <= MAX_PASSAGE_WORDS:
        return [text] if text else []
    out: list[str] = []
    current: list[str] = []
    for sentence in _SENTENCE_END.split(text):
        if current and len(" ".join(current + [sentence]).split()) > MAX_PASSAGE_WORDS:
            out.append(" ".join(current))
            current = []
        current.append(sentence)
    if current:
        out.append(" ".join(current))
    # Text without sentence ends (PDF extractions often have none) is cut by length.
    cut = []
    for chunk in out:
        words = chunk.split()
        cut += [
            " ".join(words[i : i + MAX_PASSAGE_WORDS])
            for i in range(0, len(words), MAX_PASSAGE_WORDS)
        ]
    return cut


def read_document(path: Path) -> tuple[Document, str]:
    """A knowledge document (Markdown with front matter)."""
    meta, body = split_front_matter(_read_text(path), path)
    meta.setdefault("id", path.stem)
    if "access" in meta:
        meta["access"] = parse_access(meta["access"], path)
    if "title" not in meta:
        raise IngestError(f"{path}: front matter mangler 'title'.")
    try:
        doc = Document.model_validate(meta)
    except ValidationError as exc:
        raise IngestError(f"{path}: {_validation_problem(exc)}") from exc
    return doc, body


ACCESS_LEVELS = ("offentlig", "intern")


def parse_access(value: object, where: Path | str) -> str:
    """An access label as people write it ("Intern", " INTERN "): anything that is not clearly
    one of the two levels is an error, never public by default."""
    folded = str(value).strip().lower() if isinstance(value, str) else None
    if folded not in ACCESS_LEVELS:
        raise IngestError(f"{where}: ukjent tilgang «{value}» (bruk offentlig eller intern).")
    return folded


def stricter_access(*levels: str | None) -> str:
    return "intern" if "intern" in levels else "offentlig"


# --- structured facts ------------------------------------------------------------------------


def read_facts(path: Path, body: str | None) -> KnowledgeFile:
    """A `knowledge/<document>.yaml`, validated, with every quote checked against its document."""
    import yaml

    raw = _read_text(path)
    try:
        data = yaml.load(raw, Loader=_loader())
    except yaml.YAMLError as exc:
        raise IngestError(f"{path}: ugyldig YAML: {_yaml_problem(exc)}") from exc
    if not isinstance(data, dict):
        raise IngestError(f"{path}: filen må være en YAML-tabell med 'document' øverst.")
    try:
        facts = KnowledgeFile.model_validate(data)
    except ValidationError as exc:
        raise IngestError(f"{path}: {_validation_problem(exc)}") from exc
    if body is not None:
        collapsed = T.collapse(body)
        for where, entry in _walk(data):
            quote = entry.get("quote")
            if isinstance(quote, str) and T.collapse(quote) not in collapsed:
                raise IngestError(
                    f"{path}, {where}: sitatet finnes ikke i dokumentet {facts.document}: "
                    f"«{quote[:80]}»"
                )
    return facts


def _walk(node, path=""):
    if isinstance(node, dict):
        yield path or "(rot)", node
        for key, value in node.items():
            yield from _walk(value, f"{path}.{key}" if path else key)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _walk(value, f"{path}[{i}]")


def _validation_problem(exc: ValidationError) -> str:
    err = exc.errors()[0]
    where = ""
    for part in err["loc"]:
        where += f"[{part}]" if isinstance(part, int) else (f".{part}" if where else str(part))
    kind = err["type"]
    if kind == "missing":
        what = "feltet mangler"
    elif kind == "extra_forbidden":
        what = "ukjent felt"
    else:
        what = f"ugyldig verdi ({err['msg']})"
    more = f" (og {len(exc.errors()) - 1} feil til)" if len(exc.errors()) > 1 else ""
    return f"{where or 'oppføringen'}: {what}{more}"


def _yaml_problem(exc) -> str:
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    if mark is not None:
        return f"linje {mark.line + 1}, kolonne {mark.column + 1}: {problem}"
    return problem


# --- loading knowledge/ ----------------------------------------------------------------------


def _hash(*parts: str) -> str:
    h = hashlib.sha256()
    for p in parts:
        h.update(p.encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()[:16]


# Raise when what loading writes for the same files changes (a search row's words), so loaded
# databases are built again.
LOADER = "2"


def knowledge_fingerprint(knowledge_dir: Path) -> str:
    """Cheap fingerprint of the knowledge folder (names, sizes, mtimes), to skip unchanged loads."""
    parts = [f"loader:{LOADER}"]
    for p in sorted(knowledge_dir.rglob("*")):
        if p.is_file() and p.suffix in {".md", ".yaml", ".yml"}:
            st = p.stat()
            parts.append(f"{p.relative_to(knowledge_dir)}:{st.st_size}:{st.st_mtime_ns}")
    return _hash(*parts)


def load_knowledge(
    store: Store,
    knowledge_dir: Path,
    *,
    force: bool = False,
    prune: bool = False,
    now: datetime | None = None,
) -> dict:
    """Load every document of `knowledge/` with its facts; idempotent, all-or-nothing.

    Returns how many documents were (re)loaded, how many removed, and the titles of documents
    whose files are gone but that were kept. Documents whose text and facts are unchanged are left
    alone, so updates made through the bot since are not thrown away by a restart. A document
    whose file disappeared (an empty or half-copied folder) is removed only with `prune`: a copy
    gone wrong must not wipe the knowledge base. people.yaml is taken as it is now: it decides
    who is a member (see `put_people_directory`).
    """
    if not knowledge_dir.is_dir():
        raise IngestError(
            f"Fant ikke kunnskapsbasen i {knowledge_dir} (sett REGIONBOT_KNOWLEDGE til mappen "
            "med documents/ og people.yaml)."
        )
    staged = _stage_documents(knowledge_dir)
    people = _read_people(knowledge_dir / "people.yaml")

    known = store.document_hashes()
    changed = [s for s in staged if force or known.get(s[0].id) != s[3]]
    gone = sorted(set(store.knowledge_document_ids()) - {s[0].id for s in staged})
    kept = [] if prune else [store.document(d)["title"] for d in gone]
    from bot.answers import lemmas, spelling
    from bot.updates import restore_after_reload

    with store.transaction():
        # Items created through the bot point into reloaded documents: keys hold at commit.
        store.defer_foreign_keys()
        # Items changed through the bot, as they are now: kept if their file no longer has them.
        removed = gone if prune else []
        before = store.changed_items([*removed, *(s[0].id for s in changed)])
        for document_id in removed:
            store.delete_document(document_id)  # its facts must not be answered any more
        for doc, body, facts, digest in changed:
            store.put_document(doc, body, split_passages(doc.id, body), facts, hash=digest)
        store.put_people_directory(people)
        restore_after_reload(store, before, now or datetime.now(TZ))
        if changed or removed or store.meta(lemmas.META_KEY) != lemmas.VERSION:
            lemmas.rebuild(store)
        if changed or removed or store.meta(spelling.META_KEY) != spelling.version():
            spelling.rebuild(store)
        store.set_meta("knowledge_fingerprint", knowledge_fingerprint(knowledge_dir))
        store.set_meta("knowledge_missing", json.dumps(kept, ensure_ascii=False))
    store.invalidate()
    _refresh_vectors(store)
    return {"documents": len(changed), "removed": len(gone) - len(kept), "missing": kept}


def _refresh_vectors(store: Store) -> None:
    """Meaning vectors of new and changed texts (bot/answers/semantic.py; a no-op without the
    `semantic` extra)."""
    from bot.answers import semantic

    semantic.refresh(store)


def _refresh_typos(store: Store) -> None:
    from bot.answers import spelling

    if store.meta(spelling.META_KEY) != spelling.version():
        with store.transaction():
            spelling.rebuild(store)
        store.invalidate()


def _stage_documents(knowledge_dir: Path) -> list[tuple]:
    """Every document of the folder read and validated, with its facts and a hash of both."""
    docs_dir = knowledge_dir / "documents"
    staged = []
    for doc_path in sorted(docs_dir.glob("*.md")):
        doc, body = read_document(doc_path)
        facts_path = knowledge_dir / f"{doc.id}.yaml"
        facts = read_facts(facts_path, body) if facts_path.exists() else None
        if facts and facts.document != doc.id:
            raise IngestError(f"{facts_path}: 'document' er {facts.document}, ventet {doc.id}.")
        facts_raw = _read_text(facts_path) if facts else ""
        staged.append((doc, body, facts, _hash(body, facts_raw, doc.model_dump_json())))
    for extra in sorted(knowledge_dir.glob("*.yaml")):
        if extra.name != "people.yaml" and not (docs_dir / f"{extra.stem}.md").exists():
            raise IngestError(f"{extra}: fant ikke dokumentet {docs_dir / (extra.stem + '.md')}.")
    return staged


def missing_documents(store: Store) -> list[str]:
    """Titles of documents kept although their files are gone (until `init --prune`)."""
    return json.loads(store.meta("knowledge_missing") or "[]")


def missing_note(titles: list[str]) -> str:
    names = T.join_and([f"«{t}»" for t in titles])
    return (
        f"{len(titles)} dokument(er) finnes ikke lenger i kunnskapsbasen og er beholdt: {names}. "
        "Kjør «regionbot init --prune» for å fjerne dem."
    )


def _read_people(path: Path) -> list[dict]:
    if not path.exists() or path.stat().st_size == 0:
        return []
    import yaml

    try:
        data = yaml.safe_load(_read_text(path)) or {}
    except yaml.YAMLError as exc:
        raise IngestError(f"{path}: ugyldig YAML: {_yaml_problem(exc)}") from exc
    people = data.get("people", []) if isinstance(data, dict) else None
    if not isinstance(people, list):
        raise IngestError(f"{path}: ventet 'people:' med en liste av personer.")
    from bot.models import Person

    out = []
    for i, entry in enumerate(people):
        try:
            out.append(Person.model_validate(entry).model_dump(exclude_none=True))
        except ValidationError as exc:
            raise IngestError(f"{path}, people[{i}]: {_validation_problem(exc)}") from exc
    return out


def ensure_loaded(store: Store, knowledge_dir: Path) -> list[str]:
    """Build the database on first use, and reload knowledge/ when its files changed. Returns the
    titles of documents whose files are gone (kept until `init --prune`)."""
    from bot.answers.lemmas import META_KEY, VERSION

    if (
        not knowledge_dir.is_dir()
        or store.meta("knowledge_fingerprint") != knowledge_fingerprint(knowledge_dir)
        or store.meta(META_KEY) != VERSION  # lemma tables written by an older loader
    ):
        load_knowledge(store, knowledge_dir)
    else:
        _refresh_typos(store)  # a dictionary written by an older loader, or none
        _refresh_vectors(store)  # vectors missing when the signal was switched on since
    return missing_documents(store)


# --- uploaded files --------------------------------------------------------------------------


def read_upload(
    path: Path, *, max_bytes: int = files.DEFAULT_MAX_BYTES
) -> list[tuple[int | None, str]]:
    """(page, text) pieces of an uploaded file: txt, md or pdf (regular files, not too large)."""
    suffix = path.suffix.lower()
    if suffix not in {".txt", ".md", ".pdf"}:
        if path.is_dir():
            raise IngestError(f"{path} er en mappe, ikke en fil.")
        raise IngestError(
            f"{path}: filtypen {suffix or '(ingen)'} støttes ikke (bruk txt, md eller pdf)."
        )
    if suffix != ".pdf":
        return [(None, _read_text(path, max_bytes))]
    try:
        data = files.read_bytes(path, max_bytes=max_bytes)
    except files.FileProblem as exc:
        raise IngestError(str(exc)) from exc
    return _pdf_pages(path, data)


def _pdf_pages(path: Path, data: bytes) -> list[tuple[int | None, str]]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [(i + 1, page.extract_text() or "") for i, page in enumerate(reader.pages)]
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise IngestError(f"{path}: PDF-filen kan ikke leses ({exc}).") from exc
    if not any(text.strip() for _, text in pages):
        raise IngestError(f"{path}: PDF-filen har ingen tekst som kan leses ut.")
    return pages


def _reflow(text: str) -> str:
    """Join the hard line breaks PDF extraction leaves inside paragraphs."""
    text = re.sub(r"(\w)-\n(\w)", r"\1\2", text)
    text = re.sub(r"[ \t]*\n[ \t]*\n\s*", "\n\n", text)
    return re.sub(r"(?<!\n)\n(?!\n)", " ", text)


def ingest_file(
    store: Store,
    path: Path,
    *,
    title: str | None = None,
    access: str | None = None,
    author: str = "cli",
    now: datetime,
    max_bytes: int = files.DEFAULT_MAX_BYTES,
    day: date | None = None,
) -> dict:
    """Add an uploaded document, split into searchable passages with page and section.

    Access is the stricter of the flag and the file's front matter, so a file marked `intern`
    never becomes public by accident; a new version of an upload stays as strict as the old one
    unless the flag says otherwise (and that change is audited). An upload never replaces a
    bundled document, and a new file with the name of an earlier upload gets an id of its own.
    """
    flag = parse_access(access, "--access") if access is not None else None
    pieces = read_upload(path, max_bytes=max_bytes)
    meta: dict = {}
    if path.suffix.lower() == ".md":
        meta, body = split_front_matter(pieces[0][1], path)
        pieces = [(None, body)]
    doc_id = _upload_id(store, meta.get("id"), path)
    old = store.document(doc_id)
    level = _upload_access(flag, meta, old, path)
    doc = _upload_document(doc_id, path, meta, title=title, access=level, now=now, day=day)
    passages, body = _upload_passages(doc_id, pieces, path)
    with store.transaction():
        store.put_document(doc, body, passages, None, hash=_hash(body), origin="upload")
        store.add_typo_words(body)  # its words are repaired to from now on
        target = f"document:{doc_id}"
        new = {"title": doc.title, "passages": len(passages), "access": doc.access}
        store.audit(author=author, action="ingest", target=target, new=new, now=now)
        if old and old["access"] != doc.access:
            store.audit(
                author=author,
                action="access",
                target=target,
                old={"access": old["access"]},
                new={"access": doc.access},
                text="tilgang endret ved ny opplasting",
                now=now,
            )
    store.invalidate()
    _refresh_vectors(store)
    return {
        "id": doc_id,
        "title": doc.title,
        "passages": len(passages),
        "access": doc.access,
        "replaced": old is not None,
    }


def _upload_access(flag: str | None, meta: dict, old: dict | None, path: Path) -> str:
    """The stricter of the flag and the front matter; a new version of an upload without a flag
    keeps the old access if that was stricter."""
    stated = parse_access(meta["access"], path) if "access" in meta else None
    level = stricter_access(flag, stated)
    if flag is None and old is not None:
        level = stricter_access(level, old["access"])
    return level


def _upload_document(
    doc_id: str,
    path: Path,
    meta: dict,
    *,
    title: str | None,
    access: str,
    now: datetime,
    day: date | None = None,
) -> Document:
    try:
        return Document.model_validate(
            {
                "id": doc_id,
                "title": title or meta.get("title") or path.stem,
                "date": day or meta.get("date") or now.date(),
                "organisation": meta.get("organisation"),
                "region": meta.get("region"),
                "kind": meta.get("kind") or "opplastet",
                "access": access,
                "source_file": path.name,
            }
        )
    except ValidationError as exc:
        raise IngestError(f"{path}: {_validation_problem(exc)}") from exc


def _upload_passages(
    doc_id: str, pieces: list[tuple[int | None, str]], path: Path
) -> tuple[list[Passage], str]:
    passages: list[Passage] = []
    bodies = []
    for page, raw in pieces:
        body = _reflow(raw) if path.suffix.lower() == ".pdf" else raw
        bodies.append(body)
        for p in split_passages(doc_id, body, page=page):
            passages.append(p.model_copy(update={"seq": len(passages)}))
    if not passages:
        raise IngestError(f"{path}: dokumentet er tomt.")
    return passages, "\n\n".join(bodies)


def _upload_id(store: Store, wanted: str | None, path: Path) -> str:
    """The id of an upload: its front matter's id or its file name, made unique. The same file
    uploaded again replaces itself; a bundled document is never replaced by an upload."""
    slug = re.sub(r"[^a-z0-9]+", "-", T.fold(wanted or path.stem)).strip("-") or "dokument"
    base = slug if wanted else f"upload-{slug}"
    candidate, n = base, 1
    while (existing := store.document(candidate)) is not None:
        if existing["origin"] == "upload" and existing["source_file"] == path.name:
            return candidate  # a new version of the same file
        n += 1
        candidate = f"{base}-{n}"
    return candidate
