"""Drafting the next period as one undo step, the period lock and the period filter."""

import pytest
from period_sample import make_document

from plan_desktop.document.errors import PeriodLockedError
from plan_desktop.document.plan_document import Changes
from plan_desktop.domain.next_period import default_draft


@pytest.fixture
def doc(qapp):
    d = make_document()
    yield d
    d.close()


def test_next_period_is_one_undo_step_and_locks_the_source(doc):
    before = doc.repo.load()
    rows = default_draft(doc.data, "第1期")
    seen = []
    doc.changed.connect(lambda cs: seen.append(cs))
    new_ids = doc.create_next_period("第1期", "第2期", rows)
    assert len(new_ids) == 3 and doc.undo_stack.count() == 1
    stored = doc.repo.load()
    assert stored == doc.data  # the mirror matches the file
    assert [m.no for m in stored.measures if m.period == "第2期"] == [6, 7, 8]
    assert all(m.period == "第1期" for m in stored.measures if m.id not in new_ids)
    assert stored.plan.periods[0].locked and not stored.plan.periods[1].locked
    assert sorted(m.no for m in doc.filtered_measures()) == [1, 2, 3, 4, 5, 6, 7, 8]  # no filter: all
    assert seen[-1].kind & Changes.ADDED and set(new_ids) <= set(seen[-1].measure_ids)
    # the viewpoint grouping is kept
    assert [m.viewpoint for m in doc.data.measures] == sorted(m.viewpoint for m in doc.data.measures)

    doc.undo_stack.undo()
    assert doc.repo.load() == before == doc.data
    doc.undo_stack.redo()
    assert doc.repo.load() == doc.data and len(doc.data.measures) == 8


def test_locked_period_refuses_edits_but_not_evaluations(doc):
    doc.create_next_period("第1期", "第2期", default_draft(doc.data, "第1期"))
    old = doc.data.measures[0]
    assert doc.is_measure_locked(old.id)
    with pytest.raises(PeriodLockedError, match="第1期の取組は読み取り専用です"):
        doc.update_measure(old.id, "名称", title="変更")
    with pytest.raises(PermissionError):
        doc.set_phase(old.id, 2022, "実施")
    with pytest.raises(PermissionError):
        doc.delete_measure(old.id)
    with pytest.raises(PermissionError):
        doc.duplicate_measure(old.id)
    assert doc.undo_stack.count() == 1 and doc.repo.load() == doc.data
    # the last year of the period is evaluated after the next one is drafted
    assert doc.set_evaluation_fields(old.id, 2022, achievements="講座を3回開催")
    new = next(m for m in doc.data.measures if m.period == "第2期")
    doc.update_measure(new.id, "名称", title="新しい名称")  # the new period is editable
    # unlocking is an undo step of its own and logged
    doc.set_period_locked("第1期", False, reason="誤記の訂正")
    assert "誤記の訂正" in doc.repo.change_log(1)[0]["summary"]
    doc.update_measure(old.id, "名称", title="訂正後")
    assert doc.repo.load_measure(old.id).title == "訂正後"
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    assert doc.is_period_locked("第1期") and doc.repo.load().plan.periods[0].locked


def test_period_filter_signal_and_new_measures_join_the_chosen_period(doc):
    doc.create_next_period("第1期", "第2期", default_draft(doc.data, "第1期"))
    got = []
    doc.period_filter_changed.connect(lambda name: got.append(name))
    doc.set_period_filter("第2期")
    assert got == ["第2期"]
    assert sorted(m.no for m in doc.filtered_measures()) == [6, 7, 8]
    assert sorted(m.no for m in doc.filtered_data().measures) == [6, 7, 8]
    mid = doc.add_measure(1)
    assert doc.measure(mid).period == "第2期"
    doc.set_period_filter("第1期")
    with pytest.raises(PermissionError):
        doc.add_measure(1)  # the chosen period is locked
    with pytest.raises(ValueError, match="この計画にありません"):
        doc.set_period_filter("第9期")
    doc.set_period_filter(None)
    assert got == ["第2期", "第1期", None]


def test_invalid_draft_changes_nothing(doc):
    rows = default_draft(doc.data, "第1期")
    rows[1].no = 1  # clashes with an existing measure
    with pytest.raises(ValueError, match="既に"):
        doc.create_next_period("第1期", "第2期", rows)
    assert doc.undo_stack.count() == 0 and not doc.is_period_locked("第1期")


def test_backup_is_taken_first_for_a_file(tmp_path, qapp):
    from period_sample import sample_plan

    from plan_desktop.document.plan_document import PlanDocument
    from plan_desktop.storage.backup import list_backups

    doc = PlanDocument.create(tmp_path / "p.sqlite", sample_plan())
    before = len(list_backups(tmp_path / "p.sqlite"))
    doc.create_next_period("第1期", "第2期", default_draft(doc.data, "第1期"))
    assert len(list_backups(tmp_path / "p.sqlite")) == before + 1
    doc.close()
