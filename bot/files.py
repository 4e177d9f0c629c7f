"""Reading a file someone names (an upload, a knowledge document): regular files only, bounded in
size, never blocking.

A path can be a directory, a FIFO that never delivers (reading it hangs the process), a device,
or a 100 MB dump that would be taken whole into memory. Each is refused with a Norwegian message
before anything is parsed. The file is opened without blocking and checked on the open descriptor,
so what is checked is what is read.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

MB = 1024 * 1024
DEFAULT_MAX_BYTES = 20 * MB


class FileProblem(Exception):
    """The file cannot be taken; the message is for the user (Norwegian), naming the file."""


def read_bytes(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of a regular, non-empty file of at most `max_bytes`, with text in it."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except FileNotFoundError as exc:
        raise FileProblem(f"Fant ikke filen {path}.") from exc
    except IsADirectoryError as exc:
        raise FileProblem(f"{path} er en mappe, ikke en fil.") from exc
    except OSError as exc:
        raise FileProblem(f"{path}: kan ikke åpnes ({exc.strerror}).") from exc
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise FileProblem(f"{path} er en mappe, ikke en fil.")
        if not stat.S_ISREG(mode):
            raise FileProblem(f"{path} er ikke en vanlig fil (en FIFO, socket eller enhet).")
        data = _read_at_most(fd, max_bytes + 1)
    finally:
        os.close(fd)
    if len(data) > max_bytes:
        raise FileProblem(
            f"{path}: filen er for stor (over {_mb(max_bytes)} MB; grensen settes med "
            "REGIONBOT_MAX_FILE_MB)."
        )
    if not data.strip(b"\0 \t\r\n\f\v"):
        raise FileProblem(f"{path}: filen er tom.")
    return data


def read_text(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """A UTF-8 text file (see `read_bytes`); NUL bytes mean it is not text."""
    data = read_bytes(path, max_bytes=max_bytes)
    if b"\0" in data:
        raise FileProblem(f"{path}: filen er ikke tekst (den inneholder NUL-tegn).")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise FileProblem(f"{path}: filen er ikke UTF-8-tekst.") from exc


def _read_at_most(fd: int, limit: int) -> bytes:
    chunks, size = [], 0
    while size < limit:
        chunk = os.read(fd, min(MB, limit - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def _mb(n: int) -> str:
    return f"{n / MB:g}"
