"""Damage of a plan file that every row still reads past: only SQLite's own checks find it."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def break_foreign_key(path: Path) -> None:
    """A schedule row of a measure that does not exist: only foreign_key_check sees it."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("INSERT INTO schedule (measure_id, fy, phase_id) VALUES ('gone', 2025, 'x')")
    conn.commit()
    conn.close()
