"""Bad input changes nothing: random text, foreign files, a full disk, a read-only or locked file.

Property-based (hypothesis): text with control characters, NUL bytes, SQL
fragments, lone surrogates and 100,000-character strings goes through the
storage API and the search matcher. Stored text comes back identical; text
that cannot be stored (lone surrogates, control characters, longer than a
validated field allows) is refused with a ValidationError and nothing written.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from property_budget import examples
from safety_helpers import digest, table_dump

from plan_desktop.domain.model import (
    ActionBlock,
    ActionItem,
    Evaluation,
    Measure,
    Plan,
    PlanData,
    Proposal,
    Viewpoint,
)
from plan_desktop.domain.problems import MAX_NAME, MAX_TEXT, control_character
from plan_desktop.domain.text import fold, matches
from plan_desktop.domain.validation import ValidationError
from plan_desktop.storage import database, errors
from plan_desktop.storage.repository import PlanRepository

TEMPLATE_DB = Path(__file__).resolve().parents[2] / "data" / "plan.sqlite"

# --------------------------------------------------------------- strategies
SQL_FRAGMENTS = [
    "'; DROP TABLE measures; --", "\" OR 1=1 --", "'); DELETE FROM plan; --", "%", "_", "\\", "/*", "*/",
    "NULL", "?", ":name", "$1", "SELECT * FROM sqlite_master", "PRAGMA writable_schema = 1;", "\\x00", "''",
]
CONTROL = st.one_of(
    st.characters(min_codepoint=0, max_codepoint=0x1F),
    st.sampled_from(["\x7f", "\x85", "\u2028", "\u2029", "\ufeff", "\u200b", "\u202e", "\ufffe", "\U0010ffff"]),
)
PIECE = st.one_of(
    st.text(max_size=30),  # any Unicode except surrogates
    st.sampled_from(SQL_FRAGMENTS),
    st.text(CONTROL, min_size=1, max_size=5),
    st.just("\x00"),
    st.sampled_from(["計画", "ＮＰＯ", "ｶﾞ", "𠮷野家", "🙂", "e\u0301"]),
)
SHORT = st.lists(PIECE, max_size=6).map("".join)
LONG = st.tuples(SHORT.filter(bool), st.integers(100_000, 100_050)).map(
    lambda t: (t[0] * (t[1] // len(t[0]) + 1))[: t[1]])
TEXT = st.one_of(SHORT, SHORT, SHORT, LONG)  # one in four is ~100,000 characters
SURROGATE = st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF, categories=["Cs"])
BAD = st.tuples(SHORT, SURROGATE, SHORT).map("".join)  # valid text around a lone surrogate
ANY_TEXT = st.one_of(TEXT, BAD)

PROPERTY = settings(max_examples=examples(60),
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def storable(text: str, limit: int | None = None) -> bool:
    """Text the file accepts: valid Unicode without control characters (tab and line breaks
    allowed); fields the validators check also have a length *limit*."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return control_character(text) is None and (limit is None or len(text) <= limit)


def _repo() -> PlanRepository:
    repo = PlanRepository(database.open_database(memory=True))
    repo.replace_all(PlanData(plan=Plan("計画", 2024, 2028), proposals=[Proposal(1, "提言")],
                              viewpoints=[Viewpoint(1, "視点")],
                              measures=[Measure(no=1, title="既存", viewpoint=1, departments=["総務課"])]))
    return repo


def _dump(repo: PlanRepository) -> dict:
    conn = repo.db.conn
    names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
    return {n: sorted(conn.execute(f'SELECT * FROM "{n}"').fetchall(), key=repr) for n in names}


# ------------------------------------------------------------- storage API
@PROPERTY
@given(title=ANY_TEXT, issue=ANY_TEXT, content=ANY_TEXT, dept=ANY_TEXT, item=ANY_TEXT, sub=ANY_TEXT)
def test_measure_text_round_trips_or_is_refused_unchanged(title, issue, content, dept, item, sub):
    repo = _repo()
    before = _dump(repo)
    m = Measure(no=2, title=title, viewpoint=1, issue=issue, content=content, departments=[dept],
                action_plan=[ActionBlock(2024, 2025, [ActionItem(item, [sub])])])
    valid = storable(title, MAX_NAME) and storable(dept, MAX_NAME) and all(
        storable(t, MAX_TEXT) for t in (issue, content, item, sub)) and all(s.strip() for s in (title, dept, item, sub))
    if valid:
        repo.save_measure(m)
        assert repo.load_measure(m.id) == m
        assert _dump(repo)["measures"] != before["measures"]
    else:
        with pytest.raises(ValidationError):
            repo.save_measure(m)
        assert _dump(repo) == before
    assert database.quick_check(repo.db) == []


@PROPERTY
@given(texts=st.lists(ANY_TEXT, min_size=4, max_size=4), fy=st.integers(2000, 2100))
def test_evaluation_text_round_trips_or_is_refused_unchanged(texts, fy):
    repo = _repo()
    mid = repo.measure_ids()[0]
    before = _dump(repo)
    e = Evaluation(fy=fy, achievements=texts[0], issues=texts[1], improvements=texts[2], committee_opinion=texts[3])
    if all(storable(t, MAX_TEXT) for t in texts) and 2024 <= fy <= 2028:
        repo.save_evaluation(mid, e)
        assert repo.load_measure(mid).evaluations == [e]
    else:
        with pytest.raises(ValidationError):
            repo.save_evaluation(mid, e)
        assert _dump(repo) == before


@PROPERTY
@given(title=ANY_TEXT, subtitle=ANY_TEXT, description=ANY_TEXT, items=st.lists(ANY_TEXT, max_size=3),
       notes=st.lists(ANY_TEXT, max_size=3))
def test_whole_plan_import_round_trips_or_is_refused_unchanged(title, subtitle, description, items, notes):
    """replace_all is the import path: every field, validated or not, is all-or-nothing."""
    repo = _repo()
    before = _dump(repo)
    data = PlanData(plan=Plan(title, 2024, 2028, subtitle=subtitle),
                    proposals=[Proposal(1, "提言", items=items)],
                    viewpoints=[Viewpoint(1, "視点", description=description)],
                    measures=[Measure(no=1, title="推進事項", viewpoint=1)], notes=notes)
    texts = [title, subtitle, description, *items, *notes]
    if all(map(storable, texts)) and storable(title, MAX_NAME) and title.strip():
        repo.replace_all(data)
        loaded = repo.load()
        assert loaded.plan == data.plan and loaded.notes == notes
        assert loaded.proposals == data.proposals and loaded.viewpoints == data.viewpoints
    else:
        with pytest.raises(ValidationError):
            repo.replace_all(data)
        assert _dump(repo) == before


@pytest.mark.slow
@settings(max_examples=examples(100))
@given(haystacks=st.lists(st.one_of(ANY_TEXT, st.text(SURROGATE)), max_size=4), query=ANY_TEXT)
def test_search_matcher_never_crashes_and_finds_what_is_there(haystacks, query):
    assert matches(haystacks, query) in (True, False)
    assert matches(haystacks, "")
    for h in haystacks:
        assert matches([h], h)  # every term of a text occurs in it
    if haystacks and haystacks[0].strip():
        assert matches(haystacks, fold(haystacks[0]).split()[0])


def test_search_matcher_folds_width_and_case():
    assert matches(["ＮＰＯ法人との協働"], "npo")
    assert matches(["ICT の活用"], "ｉｃｔ")
    assert not matches(["計画"], "'; DROP TABLE measures; --")


# ----------------------------------------------------- files from elsewhere
@settings(max_examples=examples(25),
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(junk=st.binary(min_size=1, max_size=4096))
def test_random_bytes_are_refused_and_left_alone(tmp_path_factory, junk):
    path = tmp_path_factory.mktemp("junk") / "plan.sqlite"
    path.write_bytes(junk)
    with pytest.raises(database.DatabaseOpenError):
        database.open_database(path)
    assert path.read_bytes() == junk
    assert not database.check_file(path).ok


@settings(max_examples=examples(25),
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(flips=st.lists(st.tuples(st.integers(0, 327679), st.integers(1, 255)), min_size=1, max_size=20))
def test_flipped_bytes_in_a_real_plan_never_crash_the_open(tmp_path_factory, flips):
    path = tmp_path_factory.mktemp("flip") / "plan.sqlite"
    shutil.copyfile(TEMPLATE_DB, path)
    raw = bytearray(path.read_bytes())
    for offset, xor in flips:
        raw[offset % len(raw)] ^= xor
    path.write_bytes(bytes(raw))
    try:
        database.open_database(path, backups=False).close()
    except database.DatabaseOpenError:
        pass  # damaged, foreign or "newer": refused with a message
    assert path.read_bytes() == bytes(raw)  # opening never repairs or rewrites behind the user's back
    database.check_file(path)  # and checking never raises


def test_empty_foreign_and_truncated_files(tmp_path, db_file):
    foreign = tmp_path / "foreign.sqlite"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    cases = [(foreign, database.NotAPlanFileError)]
    for size in (1, 16, 50, 100, 511, 4096, 10000):  # SQLite alone would treat short files as empty
        truncated = tmp_path / f"truncated-{size}.sqlite"
        truncated.write_bytes(db_file.read_bytes()[:size])
        cases.append((truncated, database.DamagedFileError))
    for path, error in cases:
        before = digest(path)
        with pytest.raises(error):
            database.open_database(path)
        assert digest(path) == before


# ------------------------------------------------- full disk, read-only, busy
def _edit(repo: PlanRepository, size: int = 5_000) -> Measure:
    m = repo.load().measures[0]
    return replace(m, content="容量" * size)


def test_full_disk_during_a_write_is_a_clear_message_and_changes_nothing(db_file):
    db = database.open_database(db_file, backups=False)
    repo = PlanRepository(db)
    before = table_dump(db_file)
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    db.execute(f"PRAGMA max_page_count = {pages}")  # the "disk" is exactly full
    with pytest.raises(errors.DiskFullError) as err:
        repo.save_measure(_edit(repo))
    assert isinstance(err.value, sqlite3.OperationalError)
    assert "空き容量が不足" in str(err.value) and "変更前の状態" in str(err.value)
    assert err.value.detail == "database or disk is full"
    data = repo.load()
    with pytest.raises(errors.DiskFullError):
        repo.replace_all(replace(data, measures=[replace(m, content="大" * 10_000) for m in data.measures]))
    assert table_dump(db_file) == before
    assert database.quick_check(db) == []
    # Space freed: the same edit now succeeds on the same connection.
    db.execute("PRAGMA max_page_count = 1073741823")
    repo.save_measure(_edit(repo))
    db.close()
    assert database.check_file(db_file).ok


def test_write_to_a_file_opened_read_only_is_refused_with_a_message(db_file):
    db = database.open_database(db_file, readonly=True)
    repo = PlanRepository(db)
    before = digest(db_file)
    with pytest.raises(errors.ReadOnlyDatabaseError, match="読み取り専用"):
        repo.save_measure(_edit(repo, 10))
    with pytest.raises(errors.ReadOnlyDatabaseError):
        repo.save_evaluation(repo.measure_ids()[0], Evaluation(fy=2025, achievements="x"))
    db.close()
    assert digest(db_file) == before


READONLY_CHILD = r"""
import sys
from dataclasses import replace
from plan_desktop.storage import database, errors
from plan_desktop.storage.repository import PlanRepository
db = database.open_database(sys.argv[1])
repo = PlanRepository(db)
m = repo.load().measures[0]
try:
    repo.save_measure(replace(m, title="書き換え"))
except errors.StorageError as exc:
    print(type(exc).__name__)
    print(exc)
    sys.exit(0)
print("WRITTEN")
sys.exit(1)
"""


@pytest.mark.skipif(os.name != "posix", reason="file modes and running as another user are POSIX; a read-only "
                    "file on Windows takes the same path, see tests/document/test_file_sync.py")
def test_write_to_a_read_only_file_is_refused_with_a_message(db_file):
    """chmod 444 in a read-only folder, written by a user without rights (root ignores modes)."""
    folder = Path(tempfile.mkdtemp(prefix="ro-"))
    try:
        path = folder / "plan.sqlite"
        shutil.copyfile(db_file, path)
        before = digest(path)
        os.chmod(path, 0o444)
        os.chmod(folder, 0o555)
        kwargs = {}
        if os.geteuid() == 0:
            kwargs = {"user": 65534, "group": 65534, "extra_groups": []}
        try:
            proc = subprocess.run([sys.executable, "-c", READONLY_CHILD, str(path)], capture_output=True, text=True, encoding="utf-8",
                                  timeout=60, env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}, **kwargs)
        except PermissionError:
            # The checkout lives where the unprivileged user cannot run our interpreter
            # (e.g. a 0700 temporary folder): make SQLite see a read-only file instead,
            # which takes the same error path (SQLITE_READONLY).
            proc = subprocess.run([sys.executable, "-c", READONLY_CHILD.replace(
                "db = database.open_database(sys.argv[1])",
                "db = database.open_database(sys.argv[1], backups=False)\ndb.execute('PRAGMA query_only = 1')"),
                str(path)], capture_output=True, text=True, encoding="utf-8", timeout=60)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        kind, message = proc.stdout.strip().splitlines()[:2]
        assert kind == "ReadOnlyDatabaseError"
        assert "読み取り専用" in message and "変更前の状態" in message
        assert digest(path) == before
    finally:
        os.chmod(folder, 0o755)
        shutil.rmtree(folder)


def test_file_locked_by_another_program_is_a_clear_message(db_file):
    db = database.open_database(db_file, backups=False)
    db.execute("PRAGMA busy_timeout = 50")
    repo = PlanRepository(db)
    before = table_dump(db_file)
    other = sqlite3.connect(db_file, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(errors.DatabaseBusyError, match="使用中"):
            repo.save_measure(_edit(repo, 10))
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert table_dump(db_file) == before
    repo.save_measure(_edit(repo, 10))  # and works once the other program lets go
    db.close()


# ------------------------------------------------------------ translation
@pytest.mark.parametrize("code, text, kind", [
    (13, "database or disk is full", errors.DiskFullError),
    (8, "attempt to write a readonly database", errors.ReadOnlyDatabaseError),
    (1032, "attempt to write a readonly database", errors.ReadOnlyDatabaseError),  # SQLITE_READONLY_DBMOVED
    (5, "database is locked", errors.DatabaseBusyError),
    (6, "database table is locked", errors.DatabaseBusyError),
    (None, "database or disk is full", errors.DiskFullError),
    (None, "attempt to write a readonly database", errors.ReadOnlyDatabaseError),
    (None, "database is locked", errors.DatabaseBusyError),
    (10, "disk I/O error", errors.DiskIOError),
])
def test_translation_of_operational_errors(code, text, kind):
    exc = sqlite3.OperationalError(text)
    if code is not None:
        exc.sqlite_errorcode = code
    out = errors.translate(exc)
    assert type(out) is kind and out.detail == text
    assert errors.user_message(exc) == str(out)
    assert any("\u3040" <= ch <= "\u30ff" for ch in str(out))  # Japanese


def test_untranslatable_errors_pass_through_with_a_generic_message():
    exc = sqlite3.OperationalError("no such table: x")
    assert errors.translate(exc) is exc
    assert "データベースの操作に失敗しました" in errors.user_message(exc)
    assert errors.user_message(ValueError("普通の例外")) == "普通の例外"
    with pytest.raises(sqlite3.OperationalError, match="no such table"):
        with errors.translated():
            raise exc


def test_lone_surrogate_in_an_unvalidated_field_is_refused_by_storage():
    repo = _repo()
    before = _dump(repo)
    with pytest.raises(ValidationError, match="サロゲート"):
        with repo.db.atomic():
            repo.db.execute("UPDATE plan SET subtitle = ?", ["ok"])
            repo.db.execute("UPDATE plan SET policy = ?", ["bad \ud800"])
    assert _dump(repo) == before
