"""The schema a file is checked against: the migrations replayed once per process, in the background at start-up."""

from __future__ import annotations

import threading
import time

from plan_desktop.storage import integrity
from plan_desktop.storage.schema import SCHEMA_VERSION


def test_a_replay_in_the_background_is_waited_for_not_repeated(monkeypatch):
    monkeypatch.setattr(integrity, "_expected", {})
    replays: list[str] = []
    started = threading.Event()
    replay = integrity._replay_migrations

    def slow_replay(version):
        replays.append(threading.current_thread().name)
        started.set()
        time.sleep(0.2)  # still at work when the window asks for it
        return replay(version)

    monkeypatch.setattr(integrity, "_replay_migrations", slow_replay)
    integrity.expect_current_schema_in_background()
    assert started.wait(10)
    expected = integrity._expected_schema(SCHEMA_VERSION)
    assert replays == ["expected-schema"]
    assert expected == replay(SCHEMA_VERSION)
    assert ("table", "measures") in expected[0] and "title" in expected[1]["measures"]


def test_a_file_made_by_the_migrations_has_no_schema_problems(db_file):
    import sqlite3

    conn = sqlite3.connect(db_file)
    try:
        assert integrity.schema_problems(conn) == []
        conn.execute("CREATE TRIGGER t AFTER INSERT ON measures BEGIN SELECT 1; END")
        assert integrity.schema_problems(conn) == ["計画のファイルにはないトリガー「t」があります"]
    finally:
        conn.close()
