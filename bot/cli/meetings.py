"""`regionbot agenda`, `protocol`, `calendar`: meetings, their agendas and the calendar feed."""

from __future__ import annotations
