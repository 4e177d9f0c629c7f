"""The domain, as pydantic models. No I/O here: the store turns rows into these and back."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_serializer

Access = Literal["offentlig", "intern"]


class Model(BaseModel):
    # Schemas are built on first use, not at import: the CLI must start fast.
    model_config = ConfigDict(extra="forbid", populate_by_name=True, defer_build=True)


class Source(Model):
    """Where a fact comes from. Every answer carries at least one."""

    document_id: str
    title: str
    section: str | None = None
    page: int | None = None
    quote: str | None = None
    case_number: str | None = None
    access: Access = "offentlig"

    def label(self) -> str:
        parts = [self.title]
        if self.case_number:
            parts.append(f"sak {self.case_number}")
        if self.section:
            parts.append(self.section)
        if self.page:
            parts.append(f"s. {self.page}")
        return ", ".join(parts)


class Organisation(Model):
    id: str
    name: str
    kind: str = "partner"
    parent: str | None = None
    population: int | None = None
    population_year: int | None = None
    aliases: list[str] = Field(default_factory=list)
    quote: str | None = None
    document_id: str | None = None  # in the store: the document it was first read from


UserAccess = Literal["admin", "advisor", "member"]


class Person(Model):
    name: str
    roles: list[str] = Field(default_factory=list)
    organisation: str | None = None
    email: str | None = None
    phone: str | None = None
    slack_user_id: str | None = None
    note: str | None = None
    access: UserAccess | None = None  # people.yaml only: what they may change (default member)
    quote: str | None = None


class Measure(Model):
    id: str
    text: str
    kind: str = "tiltak"
    owners: list[str] = Field(default_factory=list)
    owner_text: str | None = None
    financing: str | None = None
    frequency: str | None = None
    due: dt.date | None = None
    status: str | None = None
    result: str | None = None
    quote: str | None = None


class Goal(Model):
    id: str
    text: str
    area: str | None = None
    measured_by: str | None = None
    status: str | None = None
    comment: str | None = None
    quote: str | None = None
    measures: list[Measure] = Field(default_factory=list)


class Plan(Model):
    id: str
    title: str
    kind: str = "handlingsplan"
    organisation: str | None = None
    period_start: int | None = None
    period_end: int | None = None
    vision: str | None = None
    summary: str | None = None
    adopted_date: dt.date | None = None
    adopted_by: str | None = None
    revised: str | None = None
    quote: str | None = None
    goals: list[Goal] = Field(default_factory=list)
    measures: list[Measure] = Field(default_factory=list)


class Case(Model):
    number: str | None = None
    title: str
    kind: str = "vedtakssak"  # vedtakssak | orienteringssak | drøftingssak
    proposal: str | None = None  # forslag til vedtak, as written
    documents: list[str] = Field(default_factory=list)  # saksdokumenter, as named
    quote: str | None = None


class Meeting(Model):
    id: str
    body: str
    date: dt.date | None = None
    time: str | None = None
    place: str | None = None
    title: str | None = None
    quote: str | None = None
    cases: list[Case] = Field(default_factory=list)


class Decision(Model):
    id: str
    body: str | None = None
    date: dt.date | None = None
    meeting: str | None = None
    case_number: str | None = None
    text: str
    # Whether the council's own bodies (regionrådet, arbeidsutvalget, styringsgruppa) made it;
    # None: decided from `body`. Others' decisions reported in passing are listed apart.
    own: bool | None = None
    when: str | None = None  # a time as written when the document gives no day ("februar 2021")
    vote: str | None = None  # "enstemmig" or the count, as written
    quote: str | None = None


# The council's own bodies: their decisions make the register (regionbot decisions).
OWN_BODIES = ("regionrådet", "arbeidsutvalget", "styringsgruppa", "styringsgruppen")


def own_body(body: str | None) -> bool:
    """Whether a body is one of the council's own ("Arbeidsutvalget", "Regionrådet")."""
    name = " ".join((body or "").lower().split())
    return any(name == b or name.startswith(b + " ") for b in OWN_BODIES)


class Deadline(Model):
    id: str
    what: str
    due: dt.date
    owner: str | None = None
    plan: str | None = None
    measure: str | None = None
    quote: str | None = None


class BudgetLine(Model):
    id: str
    plan: str | None = None
    kind: str = "budget"
    amount: int
    year: int | None = None
    purpose: str | None = None
    source: str | None = None
    quote: str | None = None


class Result(Model):
    id: str
    plan: str | None = None
    goal: str | None = None
    text: str
    value: str | None = None
    year: int | None = None
    quote: str | None = None


class Fact(Model):
    id: str
    subject: str | None = None
    text: str
    quote: str | None = None


class KnowledgeFile(Model):
    """One `knowledge/<document>.yaml`: the structured facts of one document."""

    document: str
    organisations: list[Organisation] = Field(default_factory=list)
    people: list[Person] = Field(default_factory=list)
    plans: list[Plan] = Field(default_factory=list)
    meetings: list[Meeting] = Field(default_factory=list)
    decisions: list[Decision] = Field(default_factory=list)
    deadlines: list[Deadline] = Field(default_factory=list)
    budget_lines: list[BudgetLine] = Field(default_factory=list)
    results: list[Result] = Field(default_factory=list)
    facts: list[Fact] = Field(default_factory=list)


class Document(Model):
    id: str
    title: str
    date: dt.date | None = None
    organisation: str | None = None
    region: str | None = None
    kind: str | None = None
    access: Access = "offentlig"
    source_file: str | None = None
    origin: str | None = None  # in the store: "knowledge" (bundled) or "upload"


class Passage(Model):
    document_id: str
    seq: int
    section: str | None = None
    page: int | None = None
    text: str
    id: int | None = None  # in the store


class Item(Model):
    """A searchable thing in the store: a measure, decision, deadline, ... with its source."""

    id: str
    kind: str
    text: str
    fields: dict = Field(default_factory=dict)
    source: Source
    score: float = 0.0


class Update(Model):
    id: int | None = None
    target: str
    author: str
    time: dt.datetime
    action: str
    old: dict | None = None
    new: dict | None = None
    text: str | None = None


# --- Records: what the store returns --------------------------------------------------------
# A record is a domain model as the store holds it: with the document it was read from and, for
# the items the advisor can change, the state the write service (bot/updates.py) keeps on it.
# Callers read attributes, so a renamed column fails in the type checker and the tests, not in
# a KeyError at a mayor's question. Records are built by `bot.store.record`.


class Stored(Model):
    """Where a stored row came from."""

    document_id: str | None = None


class Tracked(Model):
    """What the write service keeps on an item the advisor can change (measure, deadline,
    meeting, case, decision): the latest status with who set it and when, and whether the item
    has left the file it was loaded from."""

    status: str | None = None
    status_by: str | None = None
    status_at: str | None = None  # ISO time of the change, Europe/Oslo
    status_comment: str | None = None
    update_id: int | None = None  # the audit row of the latest change
    orphaned: str | None = None  # the day the item left its reloaded source file


class PlanRecord(Plan, Stored):
    """A plan as stored (`Store.plans`, `Store.plan`). Its goals and measures are read apart
    (`Store.goals`, `Store.measures`), so `goals` and `measures` stay empty here."""

    measure_count: int = 0  # how many measures the store holds for it (`Store.plans` only)


class DecisionRecord(Decision, Stored, Tracked):
    """A stored decision. The columns `meeting_id` and `when_text` are the model's `meeting`
    (the meeting's id) and `when`; `model_dump(by_alias=True)` gives the columns back."""

    meeting: str | None = Field(default=None, alias="meeting_id")
    when: str | None = Field(default=None, alias="when_text")


class CaseRecord(Case, Stored, Tracked):
    """A stored case (sak) on a meeting's list; `documents` is read from its JSON column."""

    id: str
    meeting_id: str | None = None


class MeetingRecord(Meeting, Stored, Tracked):
    """A stored meeting with its cases in the order they were added."""

    cases: list[CaseRecord] = Field(default_factory=list)


PersonAccess = Literal["admin", "advisor", "member", "guest"]


class PersonRecord(Person, Stored):
    """A person as the store holds them: merged by name across the documents (their roles add
    up) and people.yaml, with what people.yaml makes them as a user of the bot."""

    # "guest": named by the documents only, or no longer by people.yaml (see `_DIRECTORY_FIELDS`
    # in bot/store/writing.py); None: not loaded since access was kept.
    access: PersonAccess | None = None
    origin: Literal["directory", "document"] | None = None  # people.yaml, or a document only


class UpdateRecord(Update):
    """A row of the audit log (`Store.history`, `Store.updates`): one field of one change, with
    the item it changed, where the change came from and the batch it belongs to (what "Angre"
    undoes). `old` and `new` are the values as written, any JSON (a status, a list of owners,
    a date as ISO text; a dict for the older, whole-row audit of documents)."""

    old: Any = None
    new: Any = None
    kind: str | None = None  # the item's kind ("measure"); None for document and person rows
    item_id: str | None = None
    field: str | None = None  # None for a comment only or a created item
    comment: str | None = None
    origin: str | None = None  # "cli", "slack:C123/1618491234.000100"
    batch: str | None = None
    undo_of: int | None = None  # the audit row this one undid

    @field_serializer("time")
    def _time_as_written(self, time: dt.datetime) -> str:
        # The ISO text as stored ("+00:00", not pydantic's "Z"): JSON output stays as it was.
        return time.isoformat()


class GoalRecord(Goal, Stored):
    """A stored goal (mål, innsatsområde) with the plan it belongs to and its place in it. Its
    measures are read apart (`Store.measures`), so `measures` stays empty here."""

    plan_id: str
    seq: int = 0
    plan_title: str | None = None  # the plan's title (`Store.item_row` only)


class MeasureRecord(Measure, Stored, Tracked):
    """A stored measure (tiltak) with its plan and goal, and what it stands under: the plan's
    title and the goal's text and area (`Store.measures`). `due` is the end of the period
    `due_text` names when the document gives a period ("høsten 2022")."""

    plan_id: str | None = None  # None: kept after its plan left the reloaded file (orphaned)
    goal_id: str | None = None
    seq: int | None = None
    due_text: str | None = None
    plan_title: str | None = None
    goal_text: str | None = None
    goal_area: str | None = None


class DeadlineRecord(Deadline, Stored, Tracked):
    """A stored deadline (frist). The columns `plan_id` and `measure_id` are the model's `plan`
    and `measure` (their ids); `model_dump(by_alias=True)` gives the columns back. `due` is the
    end of the period `due_text` names when the document gives a period."""

    plan: str | None = Field(default=None, alias="plan_id")
    measure: str | None = Field(default=None, alias="measure_id")
    due_text: str | None = None
    plan_title: str | None = None  # the plan's title (`Store.item_row` only)


class BudgetLineRecord(BudgetLine, Stored):
    """A stored budget line; the column `plan_id` is the model's `plan`."""

    plan: str | None = Field(default=None, alias="plan_id")
    plan_title: str | None = None  # the plan's title (`Store.item_row` only)


class ResultRecord(Result, Stored):
    """A stored result; the columns `plan_id` and `goal_id` are the model's `plan` and `goal`."""

    plan: str | None = Field(default=None, alias="plan_id")
    goal: str | None = Field(default=None, alias="goal_id")
    plan_title: str | None = None  # the plan's title (`Store.item_row` only)


class FactRecord(Fact, Stored):
    """A stored fact (a statement of a subject the documents give, such as a fund's size)."""
