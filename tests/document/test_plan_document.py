"""PlanDocument: every edit persists at once, is one undo step, and says what changed."""

import pytest

from plan_desktop.document.errors import StorageFailure
from plan_desktop.document.plan_document import Changes, PlanDocument
from plan_desktop.domain.validation import ValidationError
from plan_desktop.storage.database import open_database
from plan_desktop.storage.repository import PlanRepository


@pytest.fixture
def doc(qapp, db_file):
    return PlanDocument(PlanRepository(open_database(db_file)), db_file)


def reopen(path):
    return PlanRepository(open_database(path)).load()


def test_field_edit_persists_and_undoes(doc, db_file):
    seen = []
    doc.changed.connect(seen.append)
    m = doc.measures()[0]
    doc.update_measure(m.id, "名称の変更", title="変更後")
    assert reopen(db_file).measures[0].title == "変更後"
    assert seen[-1].kind == Changes.MEASURE and seen[-1].measure_ids == (m.id,)
    doc.undo_stack.undo()
    assert reopen(db_file).measures[0].title == m.title
    doc.undo_stack.redo()
    assert reopen(db_file).measures[0].title == "変更後"


def test_invalid_edit_raises_and_pushes_nothing(doc, db_file):
    m = doc.measures()[0]
    with pytest.raises(ValidationError):
        doc.update_measure(m.id, "名称", title="")
    assert doc.undo_stack.count() == 0
    assert reopen(db_file).measures[0].title == m.title


def test_delete_and_undo_restores_everything(doc, db_file):
    before = reopen(db_file)
    victim = doc.measures()[3]
    doc.delete_measure(victim.id)
    assert reopen(db_file).measure_by_no(victim.no) is None
    doc.undo_stack.undo()
    assert reopen(db_file) == before
    assert doc.data == before


def test_add_duplicate_move_and_renumber(doc, db_file):
    new_id = doc.add_measure(viewpoint=2)
    assert doc.measure(new_id).no == 36
    vp2 = [m.id for m in doc.measures() if m.viewpoint == 2]
    assert vp2[-1] == new_id
    dup = doc.duplicate_measure(doc.measures()[0].id)
    assert doc.measures()[1].id == dup and doc.measure(dup).title.endswith("（複製）")
    doc.move_measure(dup, viewpoint=3, row=0)
    assert [m.id for m in doc.measures() if m.viewpoint == 3][0] == dup
    doc.renumber()
    assert [m.no for m in doc.measures()] == list(range(1, 38))
    assert [m.no for m in reopen(db_file).measures] == list(range(1, 38))
    for _ in range(4):
        doc.undo_stack.undo()
    assert [m.no for m in reopen(db_file).measures] == list(range(1, 36))


def test_set_phases_is_one_step(doc, db_file):
    m = doc.measures()[0]
    doc.set_phases(m.id, {2027: "試行", 2028: "実施", 2022: None})
    got = reopen(db_file).measures[0]
    assert got.phase_in(2027) == "試行" and got.phase_in(2028) == "実施" and got.phase_in(2022) is None
    doc.undo_stack.undo()
    assert reopen(db_file).measures[0].schedule == m.schedule


def test_readonly_document_refuses_edits(qapp, db_file):
    doc = PlanDocument(PlanRepository(open_database(db_file)), db_file, readonly=True)
    with pytest.raises(PermissionError):
        doc.update_measure(doc.measures()[0].id, "x", title="y")


def _damage_last_evaluation(path) -> None:
    import sqlite3

    from plan_desktop.domain.model import Evaluation

    doc = PlanDocument.open(path)
    doc.save_evaluation(doc.measures()[-1].id, Evaluation(fy=doc.plan.fy_start, achievements="成果"))
    doc.close()
    conn = sqlite3.connect(path)
    changed = conn.execute("UPDATE evaluations SET achievements = CAST(X'E8AAACE6FF8E' AS TEXT) WHERE id = "
                           "(SELECT e.id FROM evaluations e JOIN measures m ON m.id = e.measure_id "
                           "ORDER BY m.position DESC LIMIT 1)").rowcount
    assert changed == 1
    conn.commit()
    conn.close()


def test_closing_with_a_damaged_part_still_unread_closes_the_file_and_releases_the_lock(qapp, db_file):
    import sqlite3

    from plan_desktop.storage.lock import InstanceLock

    _damage_last_evaluation(db_file)
    doc = PlanDocument.open(db_file)
    assert not all(m.parts_loaded for m in doc.data.measures)  # the window reads them after its first frame
    conn = doc.repo.db.conn
    doc.close()  # the window closed at once: never a traceback, never a file left open
    with pytest.raises(sqlite3.ProgrammingError):
        conn.execute("SELECT 1")
    InstanceLock(db_file, heartbeat_seconds=None).acquire().release()  # not held any more


def test_a_damaged_part_read_in_steps_is_reported_once_as_unreadable_not_raised(qapp, qtbot, db_file):
    from plan_desktop.storage.database import DamagedFileError

    _damage_last_evaluation(db_file)
    doc = PlanDocument.open(db_file)
    try:
        with qtbot.waitSignal(doc.parts_unreadable, timeout=10_000) as signal:
            doc.complete_load_in_steps(5)
        assert isinstance(signal.args[0], DamagedFileError) and "UTF-8" in str(signal.args[0])
        qtbot.wait(50)
        assert not doc._load_timer.isActive()  # stopped: not reported again on every turn
    finally:
        doc.close()


def test_after_a_damaged_part_the_restore_from_a_backup_brings_writes_back(qapp, qtbot, db_file):
    """The way back the window points to: restoring a good backup; edits are accepted again and
    the file and the document hold the same plan."""
    from plan_desktop.domain.model import Evaluation

    doc = PlanDocument.open(db_file)
    last = doc.measures()[-1].id
    doc.save_evaluation(last, Evaluation(fy=doc.plan.fy_start, achievements="成果"))
    good = doc.make_backup()
    doc.close()
    _damage_last_evaluation(db_file)
    doc = PlanDocument.open(db_file)
    try:
        with qtbot.waitSignal(doc.parts_unreadable, timeout=10_000):
            doc.complete_load_in_steps(5)
        first = doc.measures()[0].id
        with pytest.raises(StorageFailure):
            doc.update_measure(first, "名称の変更", title="壊れたまま")
        result = doc.restore_backup(good)
        # The damaged content cannot pass a backup's check: it is kept page by page beside the file.
        assert result.safety_backup is None and result.previous_state == db_file.with_name(db_file.name + ".damaged")
        assert result.previous_state.read_bytes()[:16] == b"SQLite format 3\x00"
        doc.update_measure(first, "名称の変更", title="復元後")
        assert reopen(db_file) == doc.data
        assert doc.measure(last).evaluations[0].achievements == "成果"
    finally:
        doc.close()


def test_the_read_in_steps_waits_while_held_and_goes_on_by_itself(qapp, qtbot, db_file):
    """A keystroke holds the read of the parts still in the file (its steps run between keystrokes);
    it resumes by itself, and never after the document is closed."""
    doc = PlanDocument.open(db_file)
    try:
        steps: list[int] = []
        doc.parts_read.connect(lambda: steps.append(1))
        doc.hold_reading_in_steps(50)  # nothing to hold yet: no effect
        doc.complete_load_in_steps(1)
        doc.hold_reading_in_steps(600_000)
        qtbot.wait(30)
        assert steps == [] and not all(m.parts_loaded for m in doc.data.measures)
        doc.hold_reading_in_steps(20)  # held again, shorter: goes on 20 ms from now
        with qtbot.waitSignal(doc.parts_loaded, timeout=10_000):
            pass
        assert steps and all(m.parts_loaded for m in doc.data.measures)
        doc.hold_reading_in_steps(10)  # the read is over: nothing restarts it
        qtbot.wait(30)
        assert not doc._load_timer.isActive()
    finally:
        doc.close()


def test_closing_while_the_read_is_held_stops_it_for_good(qapp, qtbot, db_file):
    doc = PlanDocument.open(db_file)
    doc.complete_load_in_steps(1)
    doc.hold_reading_in_steps(10)
    doc.close()
    qtbot.wait(40)
    assert not doc._load_timer.isActive()
