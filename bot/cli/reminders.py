"""`regionbot remind`: what the reminder sweep would send, or sends."""

from __future__ import annotations
