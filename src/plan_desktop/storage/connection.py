"""Connections to plan files and the checks every other storage module builds on.

The lowest layer of ``storage``: :mod:`.database` (opening, migrating) and
:mod:`.backup` (verified copies) both use it, so neither needs the other for
these. Never delete or rename the ``-journal`` file beside a database.
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import AbstractContextManager
from pathlib import Path, PurePath
from typing import Any, Protocol

from .sqlite_uri import sqlite_uri

JOURNAL_SUFFIX = "-journal"

__all__ = ["JOURNAL_SUFFIX", "SqlDatabase", "connect", "count_rows", "journal_path", "quick_check"]


class SqlDatabase(Protocol):
    """What the storage code asks of a database object: a ``sqlite_utils.Database`` or a
    :class:`.database.PlanDatabase` (which makes its sqlite-utils wrapper on first write)."""

    @property
    def conn(self) -> sqlite3.Connection: ...

    def execute(self, sql: str, parameters: Any = None) -> sqlite3.Cursor: ...

    def atomic(self) -> AbstractContextManager[Any]: ...

    def close(self) -> None: ...


def journal_path(path: str | Path) -> Path:
    path = Path(path)
    return path.with_name(path.name + JOURNAL_SUFFIX)


def _absolute(path: Path) -> PurePath:
    # abspath, not resolve(): no file system access (resolve() of a path past MAX_PATH fails on
    # Windows), and a mapped drive may stay a drive letter (sqlite_uri handles UNC paths too).
    return Path(os.path.abspath(path))


def connect(path: str | Path, *, readonly: bool = False, create: bool = True) -> sqlite3.Connection:
    """Every open of a file goes through here, by a URI from :func:`.sqlite_uri.sqlite_uri`
    (shared folders, drive letters, long paths and any character in a name)."""
    mode = "ro" if readonly else "rwc" if create else "rw"
    return sqlite3.connect(sqlite_uri(_absolute(Path(path)), mode=mode), uri=True, isolation_level=None)


def quick_check(db: SqlDatabase | sqlite3.Connection, *, full: bool = False) -> list[str]:
    """Problems found by ``quick_check`` (``integrity_check`` when *full*) and
    ``foreign_key_check``; empty when healthy."""
    conn = db if isinstance(db, sqlite3.Connection) else db.conn
    pragma = "integrity_check" if full else "quick_check"
    rows = [r[0] for r in conn.execute(f"PRAGMA {pragma}").fetchall()]
    problems = [] if rows == ["ok"] else rows
    for table, rowid, parent, _fk in conn.execute("PRAGMA foreign_key_check").fetchall():
        problems.append(f"foreign key: {table} row {rowid} -> {parent}")
    return problems


def count_rows(conn: sqlite3.Connection) -> dict[str, int]:
    """Measures and evaluations in a plan file (empty for a fresh file)."""
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    out = {}
    for table in ("measures", "evaluations"):
        if table in names:
            out[table] = conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    return out
