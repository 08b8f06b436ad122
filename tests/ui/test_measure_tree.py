"""The measure tree model: contents, model consistency, targeted updates, drag and drop."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QTreeView

from plan_desktop.ui.measure_tree_model import (
    COL_DEPARTMENT,
    COL_PHASE,
    COL_RATING,
    MIME_TYPE,
    MeasureIdRole,
)


def titles(model, vp_row):
    parent = model.index(vp_row, 0)
    return [model.index(r, 0, parent).data() for r in range(model.rowCount(parent))]


def test_tree_shows_three_viewpoints_and_35_measures(window):
    tree = window.findChild(QTreeView, "measureTree")
    model = tree.model()
    assert model.rowCount() == 3
    assert [model.index(r, 0).data() for r in range(3)] == [
        "取組の視点1　組織・活動の活性化・透明化", "取組の視点2　協働体制の強化", "取組の視点3　全世代の居場所づくり"]
    assert [model.rowCount(model.index(r, 0)) for r in range(3)] == [14, 14, 7]
    assert titles(model, 0)[0] == "№1 【重点】コミュニティ持続のための新たな人材の発掘"
    assert titles(model, 2)[1] == "№30 【重点】ＩＣＴを活用した高齢者のつながりの創出"
    first = model.index(0, 0, model.index(0, 0))
    assert first.siblingAtColumn(COL_DEPARTMENT).data() == "生活環境部 コミュニティ推進課"
    assert window.findChild(type(window.count_label), "countLabel").text() == "35 / 35 件"


def test_phase_and_rating_columns_follow_the_chosen_year(window, doc):
    model = window.model
    window.year_filter.setCurrentIndex(window.year_filter.findData(2022))
    no12 = model.measure_index(doc.data.measure_by_no(12).id)
    assert no12.siblingAtColumn(COL_PHASE).data() == "準備"
    assert "令和4年度" in model.headerData(COL_PHASE, Qt.Orientation.Horizontal)
    window.year_filter.setCurrentIndex(window.year_filter.findData(2023))
    assert no12.siblingAtColumn(COL_PHASE).data() == "実施"
    assert no12.siblingAtColumn(COL_RATING).data() == ""
    from plan_desktop.domain.model import Evaluation

    doc.save_evaluation(doc.data.measure_by_no(12).id, Evaluation(fy=2023, rating="B"))
    assert no12.siblingAtColumn(COL_RATING).data() == "B"


@pytest.mark.slow
def test_qtmodeltester_on_model_through_edits(qtmodeltester, window, doc):
    qtmodeltester.check(window.model, force_py=True)  # asserts on every later signal too
    ids = [m.id for m in doc.measures()]
    new = doc.add_measure(viewpoint=2)
    doc.duplicate_measure(ids[0])
    doc.move_measure(ids[3], viewpoint=3, row=2)
    doc.move_measure(ids[5], viewpoint=1, row=0)
    doc.update_measure(ids[1], "名称", title="変更")
    doc.delete_measure(ids[7])
    doc.renumber()
    while doc.undo_stack.canUndo():
        doc.undo_stack.undo()
    while doc.undo_stack.canRedo():
        doc.undo_stack.redo()
    doc.reload()
    assert window.model.measure_ids_in_order() == [m.id for m in doc.measures()]
    assert new in window.model.measure_ids_in_order() or new not in [m.id for m in doc.measures()]


@pytest.mark.qt_log_level_fail("WARNING")
@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_qt_model_tester_on_filter_proxy(window, doc):
    tester = QAbstractItemModelTester(window.proxy, QAbstractItemModelTester.FailureReportingMode.Warning)
    window.search_box.setText("ｎｐｏ")
    doc.add_measure(viewpoint=1)
    doc.move_measure(doc.data.measure_by_no(12).id, viewpoint=3, row=0)
    window.priority_filter.setChecked(True)
    doc.undo_stack.undo()
    window.clear_filters()
    doc.undo_stack.undo()
    del tester


def test_edits_are_targeted_not_resets(window, doc):
    model = window.model
    resets, inserted, removed, moved, changed = [], [], [], [], []
    model.modelReset.connect(lambda: resets.append(1))
    model.rowsInserted.connect(lambda p, a, b: inserted.append((p.row(), a, b)))
    model.rowsRemoved.connect(lambda p, a, b: removed.append((p.row(), a, b)))
    model.rowsMoved.connect(lambda *a: moved.append(a))
    model.dataChanged.connect(lambda tl, br, roles=(): changed.append((tl.parent().row(), tl.row())))
    m3 = doc.data.measure_by_no(3)
    doc.update_measure(m3.id, "名称", title="新しい名称")
    assert changed == [(0, 2)] and not (inserted or removed or moved)
    new = doc.add_measure(viewpoint=2)
    assert inserted == [(1, 14, 14)]
    doc.move_measure(new, viewpoint=1, row=0)
    assert len(moved) == 1
    doc.delete_measure(new)
    assert removed == [(0, 0, 0)]
    assert resets == []
    assert model.index(2, 0, model.index(0, 0)).data() == "№3 【重点】新しい名称"


def test_drag_and_drop_moves_to_another_viewpoint_and_undoes(window, doc, db_file, reopen):
    model = window.model
    m12 = doc.data.measure_by_no(12)
    mime = model.mimeData([model.measure_index(m12.id)])
    assert mime.hasFormat(MIME_TYPE)
    vp3 = model.viewpoint_index(3)
    model.dropMimeData(mime, Qt.DropAction.MoveAction, 1, 0, vp3)
    stored = reopen(db_file)
    assert [m.no for m in stored.measures_in(3)][:3] == [29, 12, 30]
    assert model.index(1, 0, vp3).data(MeasureIdRole) == m12.id
    doc.undo_stack.undo()
    assert [m.no for m in reopen(db_file).measures_in(1)] == list(range(1, 15))
    assert model.rowCount(model.viewpoint_index(3)) == 7


def test_drop_onto_a_measure_places_after_it(window, doc):
    model = window.model
    m1 = doc.data.measure_by_no(1)
    target = model.measure_index(doc.data.measure_by_no(20).id)
    model.dropMimeData(model.mimeData([model.measure_index(m1.id)]), Qt.DropAction.MoveAction, -1, -1, target)
    assert [m.no for m in doc.data.measures_in(2)][5:8] == [20, 1, 21]
    assert not model.dropMimeData(model.mimeData([]), Qt.DropAction.MoveAction, 0, 0, QModelIndex())
