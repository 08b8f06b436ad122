"""Refused and failed edits: one root (EditError), the document consistent afterwards.

A full disk is made with ``PRAGMA max_page_count`` (after a VACUUM, so that
no free page is left to reuse), a read-only file with ``PRAGMA query_only``.
Persistence is checked through a fresh connection.
"""

from __future__ import annotations

import pytest

from plan_desktop.document.changes import Changes
from plan_desktop.document.errors import (
    EditError,
    InvalidEditError,
    ReadOnlyError,
    StepFailedError,
    StorageFailure,
)
from plan_desktop.document.plan_document import PlanDocument
from plan_desktop.domain.evaluation import LockedError
from plan_desktop.domain.model import Evaluation
from plan_desktop.domain.validation import ValidationError
from plan_desktop.storage.database import open_database
from plan_desktop.storage.repository import PlanRepository

LONG_TEXT = "満杯のディスクには書けない長い文章。" * 500  # 9,000 characters: within the field limit, pages more than the disk has


@pytest.fixture
def doc(db_file, qapp):
    d = PlanDocument.open(db_file)
    yield d
    d.close()


def _stored(path):
    db = open_database(path, readonly=True)
    try:
        return PlanRepository(db).load()
    finally:
        db.close()


def _fill_disk(doc) -> None:
    """No room left: the file may not grow by a single page."""
    db = doc.repo.db
    db.execute("VACUUM")
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    db.execute(f"PRAGMA max_page_count = {pages}")


def _make_read_only(doc) -> None:
    doc.repo.db.execute("PRAGMA query_only = 1")


def test_full_disk_refuses_the_edit_with_nothing_changed(doc, db_file):
    m = doc.measures()[0]
    _fill_disk(doc)
    with pytest.raises(StorageFailure, match="空き容量") as info:
        doc.update_measure(m.id, "課題の変更", issue=LONG_TEXT)
    assert isinstance(info.value, EditError) and not info.value.reloaded
    assert doc.measure(m.id).issue == m.issue
    assert doc.undo_stack.count() == 0
    assert _stored(db_file).measure_by_no(m.no).issue == m.issue


def test_read_only_file_refuses_the_edit_with_nothing_changed(doc, db_file):
    m = doc.measures()[0]
    _make_read_only(doc)
    with pytest.raises(StorageFailure, match="読み取り専用"):
        doc.update_measure(m.id, "名称の変更", title="書けない名称")
    assert doc.measure(m.id).title == m.title and doc.undo_stack.count() == 0


def test_a_failure_half_way_through_a_step_leaves_the_mirror_as_the_file(doc, db_file):
    """Moving a measure to another viewpoint writes the measure, then the order: the order fails."""
    m = doc.measures()[0]
    other = next(v.no for v in doc.data.viewpoints if v.no != m.viewpoint)
    before = [x.id for x in doc.measures()]
    doc.repo.db.execute("CREATE TEMP TRIGGER refuse_order BEFORE UPDATE OF position ON measures "
                        "BEGIN SELECT RAISE(FAIL, 'database or disk is full'); END")
    with pytest.raises(EditError):
        doc.update_measure(m.id, "視点の変更", viewpoint=other)
    assert [x.id for x in doc.measures()] == before
    assert doc.measure(m.id).viewpoint == m.viewpoint
    assert doc.data == _stored(db_file)


def test_failed_undo_reloads_the_document_and_clears_the_history(doc, db_file):
    """Bug: a failed undo left the stack index moved while the data still held the edit."""
    m = doc.measures()[0]
    doc.update_measure(m.id, "名称の変更", title="取り消せない名称")
    _make_read_only(doc)
    seen = []
    doc.changed.connect(seen.append)
    with pytest.raises(StepFailedError, match="読み直しました") as info:
        doc.undo()
    assert info.value.reloaded and "読み取り専用" in str(info.value)
    assert doc.undo_stack.count() == 0 and not doc.undo_stack.canRedo()
    assert doc.measure(m.id).title == "取り消せない名称"  # what the file holds
    assert doc.data == _stored(db_file)
    assert seen and seen[-1].kind == Changes.ALL


def test_failed_redo_on_a_full_disk_reloads_the_document(doc, db_file):
    m = doc.measures()[0]
    doc.update_measure(m.id, "課題の変更", issue=LONG_TEXT)
    doc.undo()
    _fill_disk(doc)
    with pytest.raises(StepFailedError, match="空き容量"):
        doc.redo()
    assert doc.undo_stack.count() == 0
    assert doc.measure(m.id).issue == m.issue
    assert doc.data == _stored(db_file)


def test_failed_undo_on_a_full_disk_reloads_the_document(doc, db_file):
    m = doc.measures()[0]
    doc.update_measure(m.id, "課題の変更", issue=LONG_TEXT)
    doc.update_measure(m.id, "課題の変更", issue="短い課題")
    _fill_disk(doc)  # undoing needs the long text's pages again
    with pytest.raises(StepFailedError):
        doc.undo()
    assert doc.undo_stack.count() == 0
    assert doc.measure(m.id).issue == "短い課題"
    assert doc.data == _stored(db_file)


def test_a_failed_step_driven_by_the_stack_itself_is_reported_by_signal(doc, db_file, qtbot):
    m = doc.measures()[0]
    doc.update_measure(m.id, "名称の変更", title="取り消せない名称")
    _make_read_only(doc)
    with qtbot.waitSignal(doc.step_failed, timeout=5000) as blocker:
        doc.undo_stack.undo()  # e.g. a QUndoView: nobody to raise to
    assert isinstance(blocker.args[0], StepFailedError)
    assert doc.undo_stack.count() == 0 and doc.data == _stored(db_file)


def test_every_refusal_is_an_edit_error_and_keeps_its_old_type(doc):
    m = doc.measures()[0]
    with pytest.raises(InvalidEditError) as invalid:
        doc.update_measure(m.id, "名称の変更", title="")
    assert isinstance(invalid.value, ValidationError) and invalid.value.problems

    doc.save_evaluation(m.id, Evaluation(fy=2024, rating="A", status="会議確定"))
    with pytest.raises(EditError) as locked:
        doc.set_evaluation_fields(m.id, 2024, rating="B")
    assert isinstance(locked.value, LockedError)

    with pytest.raises(InvalidEditError, match="見つかりません"):
        doc.update_measure("no-such-measure", "名称の変更", title="x")


def test_read_only_document_refuses_with_a_permission_error(db_file, qapp):
    ro = PlanDocument.open(db_file, readonly=True)
    try:
        with pytest.raises(ReadOnlyError) as info:
            ro.update_measure(ro.measures()[0].id, "名称の変更", title="x")
        assert isinstance(info.value, PermissionError)
    finally:
        ro.close()


def test_measures_are_handed_out_as_a_snapshot(doc):
    measures = doc.measures()
    assert isinstance(measures, tuple)
    doc.add_measure(measures[0].viewpoint)
    assert len(doc.measures()) == len(measures) + 1 and len(measures) == len(doc.measures()) - 1
    assert isinstance(doc.filtered_measures(), tuple)
