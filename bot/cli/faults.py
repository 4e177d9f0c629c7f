"""Faults the operator can fix, as one Norwegian line each instead of a traceback.

`regionbot` runs on a council's server, started by someone who is not a Python programmer: a
database path that is a folder, a file that is not a database, a read-only folder, another
process holding the lock. Each gets a line that names what is wrong and what to do, and the
command exits non-zero. Anything not recognised here is a bug and keeps its traceback.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path


def explain(exc: BaseException, db: Path | None = None) -> str | None:
    """The line for a fault, or None when it is not one of ours to explain."""
    if isinstance(exc, sqlite3.Error):
        return _database(exc, db)
    if isinstance(exc, UnicodeDecodeError) and exc.encoding.replace("-", "").lower() == "utf8":
        return (
            "en innstillingsfil (.env) er ikke UTF-8-tekst: lagre den som UTF-8 "
            f"(ugyldig byte ved posisjon {exc.start})."
        )
    if isinstance(exc, PermissionError):
        where = exc.filename or db or "filen"
        return f"ingen tilgang til {where}: gi brukeren som kjører regionbot lese- og skriverett."
    if isinstance(exc, IsADirectoryError):
        return f"{exc.filename} er en mappe, ikke en fil."
    return None


def _database(exc: sqlite3.Error, db: Path | None) -> str:
    message = str(exc).lower()
    where = f"databasen {db}" if db else "databasen"
    if db is not None and db.is_dir():
        return (
            f"REGIONBOT_DB peker på mappen {db}, ikke på en databasefil: sett den til en fil, "
            f"f.eks. {db / 'regionbot.db'}."
        )
    if "locked" in message or "busy" in message:
        return (
            f"{where} er låst av en annen prosess: vent til den er ferdig og prøv igjen, eller "
            "stopp den andre regionbot-prosessen (REGIONBOT_DB_BUSY_SECONDS sier hvor lenge det "
            "ventes)."
        )
    if "readonly" in message or "read-only" in message or not _writable(db):
        folder = db.parent if db else "mappen"
        return (
            f"{where} kan ikke skrives: gi brukeren som kjører regionbot skriverett til filen og "
            f"mappen {folder} (SQLite lager hjelpefiler ved siden av databasen)."
        )
    if "not a database" in message or "malformed" in message or "corrupt" in message:
        return (
            f"{where} er ikke en gyldig regionbot-database (skadet, avkortet eller en annen fil): "
            "flytt den bort og kjør «regionbot init» for å bygge den på nytt fra knowledge/."
        )
    if "unable to open" in message:
        return f"{where} kan ikke åpnes: sjekk at mappen finnes og kan skrives."
    return f"{where}: {exc}"


def _writable(db: Path | None) -> bool:
    if db is None:
        return True
    folder = db.parent if db.parent.exists() else None
    if folder is not None and not os.access(folder, os.W_OK):
        return False
    return not db.exists() or os.access(db, os.W_OK)
