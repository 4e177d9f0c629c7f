"""An uploaded file's text as extraction reads it, beside the text the store keeps.

Extraction wants the file's own line breaks (tables and lists live in them); the store keeps the
text as `ingest` writes it (PDF paragraphs joined). Quotes are checked against the stored text,
so a quote that only the line-broken text has is dropped, never saved.
"""

from __future__ import annotations

from pathlib import Path

from bot import files, ingest


def upload_texts(path: Path, *, max_bytes: int = files.DEFAULT_MAX_BYTES) -> tuple[str, str, dict]:
    """(text to extract from, text the store will keep, front matter) of an upload."""
    pieces = ingest.read_upload(path, max_bytes=max_bytes)
    meta: dict = {}
    if path.suffix.lower() == ".md":
        meta, body = ingest.split_front_matter(pieces[0][1], path)
        pieces = [(None, body)]
    raw = "\n\n".join(text for _, text in pieces)
    _, stored = ingest._upload_passages("extract", pieces, path)
    return raw, stored, meta
