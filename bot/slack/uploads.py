"""A file the advisor shares with the bot in a DM, into the knowledge base.

`ingest_shared_file` is the whole path after the form: check who asks, download the file from
Slack with the bot token, and ingest it through bot/ingest.py (which audits it); it returns the
ingest result, so a later step (structured extraction, a summary to confirm) can hook in after it.
The listeners (bot/slack/events/uploads.py, the button and the form) stay thin around it.

The bot token goes only to Slack: a file URL on another host is refused before anything is sent,
and redirects are not followed (urllib would carry the Authorization header along).
"""

from __future__ import annotations

import json
import tempfile
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePosixPath
from urllib.parse import quote, urlsplit

from bot.config import Settings
from bot.ingest import IngestError, ingest_file
from bot.permission import Actor, may
from bot.store import Store

SUFFIXES = (".pdf", ".txt", ".md")
SLACK_FILE_HOSTS = ("files.slack.com",)
TIMEOUT = 30
MB = 1024 * 1024

REFUSAL = (
    "Takk for filen! Bare regionrådgiveren kan legge dokumenter inn i kunnskapsbasen, så jeg har "
    "ikke lagt den inn. Send den gjerne til regionrådgiveren."
)


class UploadError(Exception):
    """The file could not be taken in; the message is for the user (Norwegian)."""


@dataclass(frozen=True)
class SharedFile:
    """What the bot needs of a Slack file object (it rides in a button and a form's metadata)."""

    id: str
    name: str
    url: str
    size: int = 0

    @classmethod
    def of(cls, file: dict) -> SharedFile:
        return cls(
            id=str(file.get("id") or ""),
            name=str(file.get("name") or file.get("title") or "dokument"),
            url=str(file.get("url_private_download") or file.get("url_private") or ""),
            size=int(file.get("size") or 0),
        )

    def dump(self) -> str:
        return json.dumps(self.__dict__, ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def load(cls, value: str) -> SharedFile:
        try:
            data = json.loads(value)
            return cls(
                id=str(data["id"]),
                name=str(data["name"]),
                url=str(data["url"]),
                size=int(data.get("size") or 0),
            )
        except (ValueError, TypeError, KeyError) as exc:
            raise UploadError("Jeg kjenner ikke igjen filen. Del den med meg på nytt.") from exc

    @property
    def suffix(self) -> str:
        return PurePosixPath(self.name).suffix.lower()

    @property
    def stem(self) -> str:
        return PurePosixPath(self.name).stem or "dokument"


def may_ingest(actor: Actor) -> bool:
    return may(actor, "ingest", "document", [], {}) is None


def problem(file: SharedFile, settings: Settings) -> str | None:
    """Why this file cannot be taken, before anyone fills in a form for it."""
    if file.suffix not in SUFFIXES:
        return (
            f"Filtypen {file.suffix or '(ingen)'} støttes ikke: jeg kan lese PDF, txt og md. "
            f"«{file.name}» er ikke lagt inn."
        )
    if file.size > settings.max_file_mb * MB:
        return f"«{file.name}» er for stor (over {settings.max_file_mb:g} MB)."
    if not file.url:
        return "Slack ga meg ingen adresse til filen, så jeg kan ikke hente den."
    return None


def _allowed(url: str, settings: Settings) -> bool:
    """Slack's file host, or the host of the configured Web API (a local double in tests)."""
    target, api = urlsplit(url), urlsplit(settings.slack_api_url)
    if target.scheme == "https" and target.hostname in SLACK_FILE_HOSTS:
        return True
    return (target.scheme, target.netloc) == (api.scheme, api.netloc) and bool(target.netloc)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


def download(file: SharedFile, settings: Settings) -> bytes:
    """The file's bytes from Slack (url_private with the bot token), at most the size limit."""
    if not _allowed(file.url, settings):
        raise UploadError("Filen ligger ikke hos Slack, så jeg henter den ikke.")
    limit = int(settings.max_file_mb * MB)
    url = quote(file.url, safe=":/?&=%#+@;,~")  # Slack's URLs are encoded; stay safe if not
    request = urllib.request.Request(
        url, headers={"Authorization": f"Bearer {settings.slack_bot_token}"}
    )
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(request, timeout=TIMEOUT) as response:
            kind = response.headers.get("Content-Type") or ""
            data = response.read(limit + 1)
    except urllib.error.HTTPError as exc:
        raise UploadError(f"Slack ga ikke fra seg filen (HTTP {exc.code}).") from exc
    except (urllib.error.URLError, OSError) as exc:
        raise UploadError("Jeg fikk ikke hentet filen fra Slack. Prøv igjen om litt.") from exc
    if len(data) > limit:
        raise UploadError(f"«{file.name}» er for stor (over {settings.max_file_mb:g} MB).")
    if kind.startswith("text/html"):
        # Slack answers a request it does not accept with its login page.
        raise UploadError(
            "Slack sendte en innloggingsside i stedet for filen (har appen tilgangen files:read?)."
        )
    return data


def ingest_shared_file(
    store: Store,
    settings: Settings,
    file: SharedFile,
    *,
    actor: Actor,
    title: str,
    day: date | None,
    access: str,
    now,
    then=None,
) -> dict:
    """Download and ingest a shared file: the ingest result (id, title, passages, access,
    replaced), or UploadError with a Norwegian reason. Audited by `ingest_file`. `then(result,
    path)` runs while the downloaded file still exists (extraction reads it for review)."""
    if not may_ingest(actor):
        raise UploadError(REFUSAL)
    reason = problem(file, settings)
    if reason:
        raise UploadError(reason)
    data = download(file, settings)
    with tempfile.TemporaryDirectory(prefix="regionbot-upload-") as folder:
        # The file keeps its own name: a new version of the same file replaces the old upload.
        path = Path(folder) / (Path(file.name).name or f"dokument{file.suffix}")
        path.write_bytes(data)
        try:
            result = ingest_file(
                store,
                path,
                title=title,
                access=access,
                author=actor.name,
                now=now,
                day=day,
                max_bytes=int(settings.max_file_mb * MB),
            )
        except IngestError as exc:
            # The message names the temporary path; the user knows the file by its name.
            raise UploadError(str(exc).replace(str(path), f"«{file.name}»")) from exc
        if then is not None:
            then(result, path)
        return result
