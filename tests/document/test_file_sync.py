"""The document owns the writer lock, opens unwritable files read-only and never writes over outside changes."""

from __future__ import annotations

import copy
import os
import shutil
import sqlite3

import pytest

from plan_desktop.document.file_sync import StaleDocumentError
from plan_desktop.document.plan_document import PlanDocument
from plan_desktop.exchange.changes import Batch
from plan_desktop.storage import database
from plan_desktop.storage.database import DamagedFileError, open_database, probe_write
from plan_desktop.storage.lock import read_owner
from plan_desktop.storage.repository import PlanRepository


@pytest.fixture
def plan(db_file):
    open_database(db_file).close()  # migrated once, so opening writes nothing more
    return db_file


def _outside(path):
    """Another program's connection (it ignores our lock, as a database tool would)."""
    return PlanRepository(open_database(path, backups=False))


def _stored(path):
    db = open_database(path, readonly=True)
    try:
        return PlanRepository(db).load()
    finally:
        db.close()


def test_opening_takes_the_lock_and_a_second_open_is_read_only_naming_the_holder(plan, qapp):
    first = PlanDocument.open(plan)
    try:
        assert not first.readonly and first.instance_lock is not None
        assert read_owner(plan).pid == os.getpid()
        second = PlanDocument.open(plan)
        assert second.readonly and f"プロセス番号 {os.getpid()}" in second.readonly_reason
        with pytest.raises(PermissionError, match="読み取り専用"):
            second.update_measure(second.data.measures[0].id, "t", title="二つ目の窓から")
        second.close()
    finally:
        first.close()
    third = PlanDocument.open(plan)
    assert not third.readonly  # closing released the lock
    third.close()


def test_an_unwritable_file_opens_read_only_and_says_why(plan, qapp, monkeypatch):
    # Root ignores file modes: emulate a 0444 file the way the OS reports it.
    real_access = os.access
    monkeypatch.setattr(database.os, "access",
                        lambda p, mode, **kw: False if (os.fspath(p) == os.fspath(plan) and mode & os.W_OK)
                        else real_access(p, mode, **kw))
    doc = PlanDocument.open(plan)
    try:
        assert doc.readonly and "読み取り専用" in doc.readonly_reason
        assert doc.instance_lock is None
    finally:
        doc.close()


def test_an_unwritable_folder_opens_read_only(plan, qapp, monkeypatch):
    real_access = os.access
    monkeypatch.setattr(database.os, "access",
                        lambda p, mode, **kw: False if (os.fspath(p) == os.fspath(plan.parent) and mode & os.W_OK)
                        else real_access(p, mode, **kw))
    doc = PlanDocument.open(plan)
    assert doc.readonly and "フォルダー" in doc.readonly_reason
    doc.close()


def test_the_write_probe_sees_what_sqlite_cannot_write(plan):
    ro = open_database(plan, readonly=True)
    try:
        assert "書き込めません" in probe_write(ro)
    finally:
        ro.close()
    rw = open_database(plan)
    try:
        assert probe_write(rw) is None
    finally:
        rw.close()
    assert not database.journal_path(plan).exists()


def test_an_edit_after_an_outside_change_applies_to_the_new_content(plan, qapp):
    doc = PlanDocument.open(plan)
    seen = []
    doc.file_reloaded.connect(seen.append)
    m0, m1 = doc.data.measures[0], doc.data.measures[1]
    other = _outside(plan)
    changed = copy.deepcopy(other.load_measure(m0.id))
    changed.title = "外で変えた名称"
    other.save_measure(changed)
    other.delete_measure(m1.id)
    other.db.close()

    doc.update_measure(m0.id, "内容の変更", content="窓で書いた推進内容")
    stored = _stored(plan)
    s0 = stored.measure_by_no(m0.no)
    assert s0.title == "外で変えた名称" and s0.content == "窓で書いた推進内容"
    assert all(m.id != m1.id for m in stored.measures)  # the deleted measure did not come back
    assert doc.data.measures == stored.measures
    assert seen and "読み込み直しました" in seen[0]
    doc.close()


def test_undo_history_is_not_replayed_over_outside_changes(plan, qapp):
    doc = PlanDocument.open(plan)
    mid = doc.data.measures[0].id
    doc.update_measure(mid, "t", title="窓での変更")
    other = _outside(plan)
    m = other.load_measure(mid)
    m.title = "外での変更"
    other.save_measure(m)
    other.db.close()
    assert doc.sync_with_file() is True
    assert doc.undo_stack.count() == 0
    assert doc.measure(mid).title == "外での変更"
    assert doc.sync_with_file() is False
    doc.close()


def test_a_batch_prepared_before_an_outside_change_is_refused(plan, qapp):
    doc = PlanDocument.open(plan)
    m = copy.deepcopy(doc.data.measures[0])
    m.title = "取り込み"
    batch = Batch(upserts=[m], summary="t")
    other = _outside(plan)
    o = other.load_measure(m.id)
    o.content = "外で書いた推進内容"
    other.save_measure(o)
    other.db.close()
    with pytest.raises(StaleDocumentError, match="読み込み直しました"):
        doc.apply_batch(batch)
    assert _stored(plan).measure_by_no(m.no).content == "外で書いた推進内容"
    assert _stored(plan).measure_by_no(m.no).title != "取り込み"
    doc.close()


def test_a_file_replaced_behind_our_back_is_reopened(plan, tmp_path, qapp):
    doc = PlanDocument.open(plan)
    copy_path = tmp_path / "replacement.sqlite"
    shutil.copyfile(plan, copy_path)
    other = _outside(copy_path)
    m = other.load().measures[0]
    m.title = "置き換えたファイルの名称"
    other.save_measure(m)
    other.db.close()
    os.replace(copy_path, plan)
    assert doc.outside_change() == "replaced"
    assert doc.sync_with_file()
    assert doc.data.measures[0].title == "置き換えたファイルの名称"
    doc.update_measure(m.id, "t", content="置き換え後の編集")
    assert _stored(plan).measures[0].content == "置き換え後の編集"
    doc.close()


def test_text_that_is_not_utf8_is_a_damaged_file_not_a_crash(plan, qapp):
    conn = sqlite3.connect(plan)
    mid = conn.execute("SELECT id FROM measures LIMIT 1").fetchone()[0]
    conn.execute("UPDATE measures SET content = CAST(X'E382FF' AS TEXT) WHERE id = ?", [mid])
    conn.commit()
    conn.close()
    with pytest.raises(DamagedFileError, match="壊れて"):
        PlanDocument.open(plan)
    assert read_owner(plan) is None  # the refused open let the lock go


def test_measures_a_view_still_holds_stay_readable_after_their_file_was_replaced(plan, tmp_path, qapp):
    """A view painting the plan as it was (a print preview still laying out pages) while the window
    re-reads a file replaced behind its back: the parts its measures had not read yet come from
    the file they were read from, never a traceback of a closed connection."""
    doc = PlanDocument.open(plan)  # parts not read yet: the window reads them after its first frame
    held = list(doc.data.measures)
    eager = _stored(plan)
    assert not any(m.parts_loaded for m in held)
    copy_path = tmp_path / "replacement.sqlite"
    shutil.copyfile(plan, copy_path)
    os.replace(copy_path, plan)
    assert doc.sync_with_file()
    assert [(m.schedule, m.evaluations) for m in held] == [(m.schedule, m.evaluations) for m in eager.measures]
    doc.close()
