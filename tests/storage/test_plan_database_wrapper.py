"""PlanDatabase: reading a plan needs no sqlite-utils; every write goes through it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import sqlite_utils

from plan_desktop.domain.validation import ValidationError
from plan_desktop.storage import database
from plan_desktop.storage.repository import PlanRepository

ROOT = Path(__file__).resolve().parents[2]


def test_opening_and_reading_a_plan_does_not_import_sqlite_utils(db_file):
    """In a fresh process (as the window starts): open, check, load; sqlite-utils comes with the first write."""
    code = (
        "import sys\n"
        "from plan_desktop.storage.database import open_database\n"
        "from plan_desktop.storage.repository import PlanRepository\n"
        f"db = open_database({str(db_file)!r})\n"
        "data = PlanRepository(db).load()\n"
        "db.execute('PRAGMA data_version').fetchone()\n"
        "print(len(data.measures), 'sqlite_utils' in sys.modules)\n"
        "db.execute('UPDATE plan SET title = title')\n"
        "print('sqlite_utils' in sys.modules, type(db.utils).__module__)\n")
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    r = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, encoding="utf-8",
                       timeout=120, check=True)
    assert r.stdout.split("\n")[:2] == ["35 False", "True sqlite_utils.db"]


def test_writes_and_the_rest_of_the_api_are_sqlite_utils(tmp_path):
    db = database.open_database(tmp_path / "p.sqlite")
    assert isinstance(db.utils, sqlite_utils.Database) and db.utils.conn is db.conn
    assert "measures" in db.table_names() and db["measures"].count == 0  # sqlite-utils' own API
    with db.atomic():
        db.execute("UPDATE plan SET title = 'x'")
        with pytest.raises(ValidationError):  # the savepoint of a nested atomic() is rolled back
            with db.atomic():
                db.execute("INSERT INTO change_log (at, summary) VALUES (?, ?)", ["2024-01-01T00:00:00", "a\x01"])
    assert db.execute("SELECT count(*) FROM change_log").fetchone()[0] == 0
    db.close()


def test_a_query_before_any_write_runs_on_the_connection_itself(db_file):
    db = database.open_database(db_file)
    try:
        assert db._utils is None  # opening (header, schema, quick_check) only read
        PlanRepository(db).load()
        assert db._utils is None
        db.prepare_for_writing()
        made = db.utils
        db.prepare_for_writing()
        assert db.utils is made
    finally:
        db.close()


def test_preparing_a_closed_database_for_writing_does_nothing(db_file):
    """The window prepares its document after the first paint; it may have been closed by then."""
    db = database.open_database(db_file)
    db.close()
    db.prepare_for_writing()
    assert db._utils is None


def test_the_connection_has_recursive_triggers_from_the_start(db_file):
    """What sqlite-utils sets on a connection it wraps holds before the wrapper is made."""
    db = database.open_database(db_file)
    try:
        assert db._utils is None
        assert db.execute("PRAGMA recursive_triggers").fetchone()[0] == 1
    finally:
        db.close()


@pytest.mark.parametrize("sql, query", [
    ("SELECT 1", True), ("  select * from plan", True), ("PRAGMA data_version", True),
    ("PRAGMA user_version = 3", False), ("PRAGMA table_info(plan)", False), ("UPDATE plan SET title = ''", False),
    ("WITH x AS (SELECT 1) DELETE FROM plan", False), ("BEGIN", False),
])
def test_only_statements_that_read_bypass_sqlite_utils(sql, query):
    assert database._is_query(sql) is query
