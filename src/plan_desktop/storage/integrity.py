"""The deep check: every page, every row, every text, every stored JSON value.

SQLite's ``quick_check``/``integrity_check`` look at the b-tree structure; a
flipped byte inside a text value leaves a structurally sound file whose text
is no longer UTF-8, and the first read of that row (``export json``, the
window) then fails. :func:`deep_check` adds what a reader needs:

* every TEXT value of every table decodes as UTF-8 (named by table, column
  and row), and so does the schema text itself;
* every value has the storage class its column declares (a flipped record
  header turns a year into text or a blob);
* every stored moment (``updated_at``, ``deleted_at``, the change log's
  ``at``) reads as a date and time — the app writes nothing else there, and
  merging compares them (:func:`stamp_problems`);
* the schema is exactly what our migrations make (:func:`schema_problems`: no
  triggers, views, extra tables or columns);
* the whole plan loads through the repository (stored JSON parses, every
  record becomes a domain object).

Used by ``plan-desktop check``, the window's データベースの検査 and every backup
verification. Never writes to the connection it is given.
"""

from __future__ import annotations

import datetime as _dt
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from .connection import quick_check

MAX_PROBLEMS = 50

# Storage classes (typeof) a column of each declared type may hold.
_ALLOWED = {"INTEGER": ("integer",), "REAL": ("real", "integer"), "TEXT": ("text",)}


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _tables(conn: sqlite3.Connection) -> list[str]:
    return [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]


def _columns(conn: sqlite3.Connection, table: str) -> list[tuple[str, str, bool]]:
    """(name, declared type upper-case, not null) of each column."""
    return [(r[1], (r[2] or "").upper(), bool(r[3]) or bool(r[5]))
            for r in conn.execute(f"PRAGMA table_info({_quote(table)})")]


def _undecodable(conn: sqlite3.Connection, sql: str) -> Iterator[tuple[int, bytes]]:
    for rowid, raw in conn.execute(sql):
        try:
            raw.decode("utf-8")
        except (UnicodeDecodeError, AttributeError):
            yield rowid, raw


def text_problems(conn: sqlite3.Connection) -> list[str]:
    """Every TEXT value (and the schema text) that is not valid UTF-8."""
    out: list[str] = []
    for rowid, _raw in _undecodable(conn, "SELECT rowid, CAST(sql AS BLOB) FROM sqlite_master WHERE sql IS NOT NULL"):
        out.append(f"データベースの定義（{rowid}）の文字が壊れています")
    for table in _tables(conn):
        for column, _declared, _notnull in _columns(conn, table):
            q = _quote(column)
            sql = f"SELECT rowid, CAST({q} AS BLOB) FROM {_quote(table)} WHERE typeof({q}) = 'text'"
            for rowid, _raw in _undecodable(conn, sql):
                out.append(f"表 {table} の列 {column}（{rowid} 行目）の文字が壊れています（UTF-8 として読めません）")
                if len(out) >= MAX_PROBLEMS:
                    return out
    return out


def type_problems(conn: sqlite3.Connection) -> list[str]:
    """Values whose storage class does not match the column's declared type."""
    out: list[str] = []
    for table in _tables(conn):
        for column, declared, notnull in _columns(conn, table):
            allowed = _ALLOWED.get(declared)
            if allowed is None:
                continue
            kinds = (*allowed, *(() if notnull else ("null",)))
            marks = ", ".join(f"'{k}'" for k in kinds)
            q = _quote(column)
            row = conn.execute(f"SELECT count(*), min(rowid) FROM {_quote(table)} WHERE typeof({q}) NOT IN ({marks})"
                               ).fetchone()
            if row[0]:
                out.append(f"表 {table} の列 {column}（{row[1]} 行目ほか {row[0]} 件）の値の種類が壊れています")
    return out


# An ISO moment as the app writes it (2024-05-01T09:00:00+09:00); anything else is parsed to be sure.
_STAMP_GLOB = "[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]*"


def _is_stamp_column(name: str) -> bool:
    return name == "at" or name.endswith("_at")


def stamp_problems(conn: sqlite3.Connection) -> list[str]:
    """Stored moments that do not read as a date and time (empty and NULL are allowed)."""
    out: list[str] = []
    for table in _tables(conn):
        for column, declared, _notnull in _columns(conn, table):
            if declared != "TEXT" or not _is_stamp_column(column):
                continue
            q = _quote(column)
            sql = (f"SELECT rowid, {q} FROM {_quote(table)} WHERE typeof({q}) = 'text' AND {q} != '' "
                   f"AND {q} NOT GLOB '{_STAMP_GLOB}'")
            for rowid, value in conn.execute(sql):
                try:
                    _dt.datetime.fromisoformat(value)
                except ValueError:
                    out.append(f"表 {table} の列 {column}（{rowid} 行目）の日時が壊れています（「{value[:40]}」）")
                    if len(out) >= MAX_PROBLEMS:
                        return out
    return out


class _OnConnection:
    """Statements run on the connection itself, without transactions: for loading a plan to check
    it (reads only) and replaying the migrations on a throwaway in-memory database (nothing is
    kept). So no sqlite-utils: opening a file, which checks its schema and may verify a backup,
    does not import it before the window's first paint."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def execute(self, sql: str, parameters: Any = None) -> sqlite3.Cursor:
        return self.conn.execute(sql) if parameters is None else self.conn.execute(sql, parameters)

    @contextmanager
    def atomic(self) -> Iterator[_OnConnection]:
        yield self

    def close(self) -> None:
        self.conn.close()


def load_problems(conn: sqlite3.Connection) -> list[str]:
    """Whether the whole plan loads as the app would load it (files of the current format;
    an older file is loaded when it is opened, after its migration)."""
    from .repository import PlanRepository
    from .schema import SCHEMA_VERSION

    has_plan = conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'plan'").fetchone()[0]
    if not has_plan or conn.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
        return []
    try:
        PlanRepository(_OnConnection(conn)).load()
    except LookupError:
        return []  # a file without a plan yet
    except Exception as exc:  # noqa: BLE001 - whatever stops the app from reading the plan is the finding
        return [f"計画を読み込めません（{type(exc).__name__}: {exc}）"]
    return []


_KIND_LABELS = {"table": "表", "index": "索引", "trigger": "トリガー", "view": "ビュー"}


_Schema = tuple[frozenset[tuple[str, str]], dict[str, frozenset[str]]]
_expected: dict[int, _Schema] = {}
_expected_lock = threading.Lock()


def _expected_schema(version: int) -> _Schema:
    """(objects as (type, name), columns of each table) that our migrations make up to *version*
    (made once per process; a caller waits for one being made in the background)."""
    with _expected_lock:
        if version not in _expected:
            _expected[version] = _replay_migrations(version)
        return _expected[version]


def expect_current_schema_in_background() -> None:
    """Replay the migrations (10-20 ms of SQLite, ALTER TABLE mostly) on another thread, so that the
    window's start (which checks the schema of the file it opens) finds the result ready: SQLite
    releases the interpreter while it works, and the window meanwhile imports Qt."""
    from .schema import SCHEMA_VERSION

    threading.Thread(target=_expected_schema, args=(SCHEMA_VERSION,), name="expected-schema", daemon=True).start()


def _replay_migrations(version: int) -> _Schema:
    from .schema import MIGRATIONS

    db = _OnConnection(sqlite3.connect(":memory:", isolation_level=None))
    try:
        for step in MIGRATIONS[:version]:
            step(db)
        return _schema_of(db.conn)
    finally:
        db.close()


def _schema_of(conn: sqlite3.Connection) -> _Schema:
    objects = frozenset((r[0], r[1]) for r in conn.execute(
        "SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"))
    columns = {name: frozenset(r[1] for r in conn.execute(f"PRAGMA table_info({_quote(name)})"))
               for kind, name in objects if kind == "table"}
    return objects, columns


def schema_problems(conn: sqlite3.Connection, *, missing: bool = True) -> list[str]:
    """Objects the plan schema of the file's version does not define (triggers, views, extra tables,
    indexes or columns) and (*missing*) objects it lacks; empty for a file our migrations made.

    A trigger rides along with every later write (one that deletes evaluations on each import
    would wipe them silently), so such a file is refused, never opened, merged or restored.
    """
    from .schema import SCHEMA_VERSION

    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if not 0 <= version <= SCHEMA_VERSION:
        return []  # newer or foreign: the header check says so
    expected, expected_columns = _expected_schema(version)
    actual, columns = _schema_of(conn)
    out = [f"計画のファイルにはない{_KIND_LABELS.get(kind, kind)}「{name}」があります"
           for kind, name in sorted(actual - expected)]
    if missing:
        out += [f"計画のファイルにあるはずの{_KIND_LABELS.get(kind, kind)}「{name}」がありません"
                for kind, name in sorted(expected - actual)]
    for table, names in sorted(columns.items()):
        extra = names - expected_columns.get(table, names)
        if extra:
            out.append(f"表 {table} に計画のファイルにはない列（{'、'.join(sorted(extra))}）があります")
    return out


def deep_check(conn: sqlite3.Connection, *, full: bool = True) -> list[str]:
    """Problems found by the structural check, the text, type and load checks; empty when healthy."""
    try:
        problems = quick_check(conn, full=full)
    except UnicodeDecodeError:  # SQLite quoted damaged schema text in a message
        return ["データベースの定義を読めません"]
    if problems:
        return problems
    for step in (schema_problems, text_problems, type_problems, stamp_problems):
        problems += step(conn)
    if problems:
        return problems[:MAX_PROBLEMS]
    return load_problems(conn)
