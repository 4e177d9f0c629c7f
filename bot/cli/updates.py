"""`regionbot update`, `history`, `backup`, `export`: the advisor's changes from a terminal."""

from __future__ import annotations
