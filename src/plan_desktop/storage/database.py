"""Opening, checking and migrating a plan database file.

The file is the user's document: it may live on a USB stick or a network
share, so it uses a rollback journal (never WAL) with ``synchronous=FULL``.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import sqlite_utils

from .schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION

BUSY_TIMEOUT_MS = 5000


class DatabaseOpenError(Exception):
    """A file that cannot be opened as a plan database. ``str()`` is a Japanese message."""


class NotAPlanFileError(DatabaseOpenError):
    pass


class NewerVersionError(DatabaseOpenError):
    def __init__(self, file_version: int):
        self.file_version = file_version
        super().__init__(
            f"このファイルは新しいバージョンのアプリで作成されています（ファイルの形式 {file_version}、"
            f"このアプリが扱える形式 {SCHEMA_VERSION}）。アプリを更新してから開いてください。"
        )


class DamagedFileError(DatabaseOpenError):
    pass


def _configure(conn: sqlite3.Connection, *, readonly: bool) -> None:
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    if not readonly:
        conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("PRAGMA synchronous = FULL")


def _pragma(conn: sqlite3.Connection, name: str) -> int:
    return conn.execute(f"PRAGMA {name}").fetchone()[0]


def connect(path: str | Path, *, readonly: bool = False) -> sqlite3.Connection:
    path = Path(path)
    if readonly:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None)
    else:
        conn = sqlite3.connect(str(path), isolation_level=None)
    return conn


def open_database(path: str | Path | None = None, *, readonly: bool = False, memory: bool = False) -> sqlite_utils.Database:
    """Open (creating if needed) a plan database and bring it to the current schema.

    Raises :class:`DatabaseOpenError` subclasses with a Japanese message for
    files that are damaged, not ours or from a newer version.
    """
    if memory:
        conn = sqlite3.connect(":memory:", isolation_level=None)
    else:
        assert path is not None
        if readonly and not Path(path).exists():
            raise DatabaseOpenError(f"ファイルが見つかりません: {path}")
        conn = connect(path, readonly=readonly)
    try:
        _configure(conn, readonly=readonly)
        db = sqlite_utils.Database(conn)
        check_header(db)
        if not readonly:
            migrate(db)
        return db
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise DamagedFileError(f"データベースとして読み込めません（{exc}）。ファイルが壊れているか、計画のファイルではありません。") from exc
    except DatabaseOpenError:
        conn.close()
        raise


def check_header(db: sqlite_utils.Database) -> None:
    """Refuse files that are not ours or newer than we understand."""
    conn = db.conn
    app_id = _pragma(conn, "application_id")
    version = _pragma(conn, "user_version")
    has_tables = conn.execute("SELECT count(*) FROM sqlite_master WHERE type='table'").fetchone()[0] > 0
    if app_id not in (0, APPLICATION_ID) or (app_id == 0 and has_tables):
        raise NotAPlanFileError("このファイルは plan_desktop の計画ファイルではありません。")
    if version > SCHEMA_VERSION:
        raise NewerVersionError(version)


def migrate(db: sqlite_utils.Database) -> list[int]:
    """Apply pending migrations, each in its own transaction. Returns the versions reached."""
    applied = []
    version = _pragma(db.conn, "user_version")
    while version < SCHEMA_VERSION:
        step = MIGRATIONS[version]
        with db.atomic():
            step(db)
            db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            db.execute(f"PRAGMA user_version = {version + 1}")
        version += 1
        applied.append(version)
    return applied


def schema_version(db: sqlite_utils.Database) -> int:
    return _pragma(db.conn, "user_version")


def quick_check(db: sqlite_utils.Database) -> list[str]:
    """Problems found by ``quick_check`` and ``foreign_key_check``; empty when healthy."""
    rows = [r[0] for r in db.execute("PRAGMA quick_check").fetchall()]
    problems = [] if rows == ["ok"] else rows
    for table, rowid, parent, _fk in db.execute("PRAGMA foreign_key_check").fetchall():
        problems.append(f"foreign key: {table} row {rowid} -> {parent}")
    return problems
