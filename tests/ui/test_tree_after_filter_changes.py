"""The measure tree as a user works it: filter changes mixed with keys, edits, undo and drops.

Since the rows shown are the items of a QStandardItemModel that a filter change removes and
inserts a run at a time (ui/measure_filter.py), these pin what a user relies on across such
changes: the rows are the measures that pass (in the plan's order, as the count says and the
timeline shows), the measure being edited and the tree's current row stay where they were,
the keys move through the rows shown, and a read-only file can be neither reordered nor written.
"""

from __future__ import annotations

import copy
import hashlib
import random

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtTest import QTest

from plan_desktop.ui.measure_filter import MeasureFilterProxy
from plan_desktop.ui.measure_tree_model import KindRole, ViewpointNoRole


def _numbers(window, ids) -> list[int]:
    return [window.document.measure(i).no for i in ids]


def _rows_of_the_tree(window) -> tuple[list[str], list[int]]:
    """(measure ids, group №s) of the rows the tree's model holds, walked as a view walks them."""
    proxy = window.proxy
    ids: list[str] = []
    groups: list[int] = []

    def walk(parent: QModelIndex) -> None:
        for row in range(proxy.rowCount(parent)):
            ix = proxy.index(row, 0, parent)
            if ix.data(KindRole) == "measure":
                ids.append(proxy.measure_for(ix).id)
                assert proxy.rowCount(ix) == 0
            else:
                assert ix.data(KindRole) == "viewpoint"
                groups.append(ix.data(ViewpointNoRole))
                walk(ix)

    walk(QModelIndex())
    return ids, groups


def _assert_tree_in_step(window) -> None:
    """The rows are the measures shown, in the plan's order, the same as a filter built afresh
    finds; the count says how many; a filtered timeline shows the same measures."""
    proxy = window.proxy
    ids, groups = _rows_of_the_tree(window)
    shown = window.visible_measure_ids()
    assert ids == shown
    assert groups == window.browser.visible_viewpoints()
    in_order = set(shown)
    assert [mid for mid in proxy.tree_model().measure_ids_in_order() if mid in in_order] == shown
    fresh = MeasureFilterProxy(proxy.tree_model())
    try:
        fresh.set_criteria(copy.copy(proxy.criteria))
        assert fresh.visible_measure_ids() == shown
        assert fresh.visible_group_nos() == groups
    finally:
        fresh.deleteLater()
    window.browser.visible_may_have_changed()
    assert window.count_label.text() == f"{len(shown)} / {len(window.document.data.measures)} 件"
    if window.browser.filtered():
        assert [r.measure_id for r in window.timeline.visible_rows() if r.measure_id] == shown


def _current_number(window) -> int | None:
    ix = window.tree.currentIndex()
    m = window.proxy.measure_for(ix) if ix.isValid() else None
    return m.no if m is not None else None


def test_filter_changes_keep_the_measure_being_edited_and_its_row(window):
    doc = window.document
    m30 = doc.data.measure_by_no(30)
    window.select_measure(m30.id)
    steps = [
        (lambda: window.search_box.setText("npo"), [12, 30]),
        (lambda: window.priority_filter.setChecked(True), [30]),
        (lambda: window.priority_filter.setChecked(False), [12, 30]),
        (lambda: window.search_box.setText(""), list(range(1, 36))),
        (lambda: window.viewpoint_filter.setCurrentIndex(window.viewpoint_filter.findData(3)), list(range(29, 36))),
        (lambda: window.department_filter.setCurrentIndex(
            window.department_filter.findData(m30.departments[0])), None),
        (lambda: window.browser.clear_filters_button.click(), list(range(1, 36))),
    ]
    for change, expected in steps:
        change()
        if expected is not None:
            assert _numbers(window, window.visible_measure_ids()) == expected
        assert window.current_measure_id() == m30.id  # the editor never jumps to another measure
        assert _current_number(window) == 30  # №30 is shown after each change: it stays the current row
        assert window.tree.selectionModel().isRowSelected(window.tree.currentIndex().row(),
                                                          window.tree.currentIndex().parent())
        _assert_tree_in_step(window)


def test_a_move_that_reorders_the_current_rows_group_keeps_the_current_row(window):
    """A move inside a group (an undo, a drop, the evaluation mode, a change read from the file)
    lays that group's rows anew: the current row and the measure being edited stay."""
    doc = window.document
    window.search_box.setText("地域")  # hides №1, 4, 8, 9 and 29
    m5 = doc.data.measure_by_no(5)
    window.select_measure(m5.id)
    doc.move_measure(doc.data.measure_by_no(3).id, 1, 6)  # №3 goes below №7: viewpoint 1's order changes
    assert _numbers(window, window.visible_measure_ids())[:6] == [2, 5, 6, 7, 3, 10]
    assert window.current_measure_id() == m5.id and _current_number(window) == 5
    assert window.tree.selectionModel().isRowSelected(window.tree.currentIndex().row(),
                                                      window.tree.currentIndex().parent())
    _assert_tree_in_step(window)
    window.undo()
    assert _numbers(window, window.visible_measure_ids())[:6] == [2, 3, 5, 6, 7, 10]
    assert window.current_measure_id() == m5.id and _current_number(window) == 5
    _assert_tree_in_step(window)


def test_a_filter_that_hides_the_measure_being_edited_leaves_it_in_the_editor(window):
    m30 = window.document.data.measure_by_no(30)
    window.select_measure(m30.id)
    window.search_box.setText("スキルアップ")  # №30 is not among the matches
    assert 30 not in _numbers(window, window.visible_measure_ids())
    assert window.current_measure_id() == m30.id
    assert not window.tree.currentIndex().isValid() and not window.tree.selectionModel().hasSelection()
    window.search_box.setText("")
    assert window.current_measure_id() == m30.id
    _assert_tree_in_step(window)


def test_keys_move_through_the_rows_a_search_leaves(window, qtbot):
    window.show()
    qtbot.waitExposed(window)
    doc = window.document
    window.select_measure(doc.data.measure_by_no(3).id)
    window.search_box.setText("地域")  # hides №1, 4, 8, 9 and 29
    assert [n for n in range(1, 36) if n not in _numbers(window, window.visible_measure_ids())] == [1, 4, 8, 9, 29]
    tree = window.tree
    tree.setFocus()

    def key(k) -> int | None:
        QTest.keyClick(tree, k)
        return _current_number(window)

    assert key(Qt.Key.Key_Down) == 5  # №4 is hidden
    assert window.current_measure_id() == doc.data.measure_by_no(5).id  # the editor follows the keys
    assert key(Qt.Key.Key_Up) == 3
    assert key(Qt.Key.Key_End) == 35
    window.select_measure(doc.data.measure_by_no(28).id)  # the last of viewpoint 2
    assert key(Qt.Key.Key_Down) is None and tree.currentIndex().data(ViewpointNoRole) == 3
    assert key(Qt.Key.Key_Down) == 30  # №29 is hidden
    assert key(Qt.Key.Key_Home) is None and tree.currentIndex().data(ViewpointNoRole) == 1
    assert window.current_measure_id() == doc.data.measure_by_no(30).id  # a group row leaves the editor as it was
    tree.keyboardSearch("№2")  # type-ahead, from the row after the current one
    assert _current_number(window) == 2
    assert key(Qt.Key.Key_PageDown) not in (None, 2)
    window.select_measure(doc.data.measure_by_no(2).id)
    window.search_box.setText("")  # the rows come back: the current row stays
    assert _current_number(window) == 2
    assert key(Qt.Key.Key_Up) == 1  # №1 is shown again


def test_edits_while_a_search_is_shown_keep_the_rows_and_the_moved_measure(window, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes))
    doc, proxy = window.document, window.proxy
    m12, m30 = doc.data.measure_by_no(12), doc.data.measure_by_no(30)
    window.select_measure(m12.id)
    window.search_box.setText("npo")
    window.move_current(+1)  # Ctrl+Down: №12 goes below №13, which the search hides
    assert window.search_box.text() == "npo" and window.visible_measure_ids() == [m12.id, m30.id]
    assert window.current_measure_id() == m12.id and _current_number(window) == 12
    _assert_tree_in_step(window)
    # a drop of №30 onto group 1's row (the end of viewpoint 1), then undo and redo
    group1 = proxy.mapFromSource(window.model.viewpoint_index(1))
    mime = proxy.mimeData([proxy.mapFromSource(window.model.measure_index(m30.id))])
    assert proxy.canDropMimeData(mime, Qt.DropAction.MoveAction, -1, 0, group1)
    proxy.dropMimeData(mime, Qt.DropAction.MoveAction, -1, 0, group1)
    assert doc.measure(m30.id).viewpoint == 1 and window.visible_measure_ids() == [m12.id, m30.id]
    assert window.browser.visible_viewpoints() == [1]  # viewpoint 3 has no match left
    assert window.current_measure_id() == m12.id and _current_number(window) == 12
    _assert_tree_in_step(window)
    window.undo()
    assert doc.measure(m30.id).viewpoint == 3 and window.browser.visible_viewpoints() == [1, 3]
    assert all(window.tree.isExpanded(proxy.index(r, 0)) for r in range(proxy.rowCount()))  # it came back open
    _assert_tree_in_step(window)
    window.redo()
    _assert_tree_in_step(window)
    window.undo()
    window.undo()  # the move of №12
    assert [m.no for m in doc.data.measures_in(1)][11:13] == [12, 13]
    _assert_tree_in_step(window)
    # delete the current measure: the next one shown is selected; undo brings it back into the search
    window.delete_measure()
    assert window.visible_measure_ids() == [m30.id] and window.current_measure_id() == m30.id
    assert _current_number(window) == 30
    window.undo()
    assert window.visible_measure_ids() == [m12.id, m30.id] and window.current_measure_id() == m30.id
    _assert_tree_in_step(window)
    # a new measure does not match the search: the filters are cleared to show it
    window.add_measure()
    assert window.search_box.text() == "" and window.current_measure_id() in window.visible_measure_ids()
    _assert_tree_in_step(window)


def test_a_read_only_file_shown_through_a_search_cannot_be_reordered_or_written(qtbot, db_file, settings,
                                                                                 no_modal_dialogs):
    from plan_desktop.document.plan_document import PlanDocument
    from plan_desktop.ui.main_window import MainWindow

    before = hashlib.sha256(db_file.read_bytes()).hexdigest()
    doc = PlanDocument.open(db_file, readonly=True)
    w = MainWindow(doc, settings)
    qtbot.addWidget(w)
    try:
        w.show()
        qtbot.waitExposed(w)
        proxy = w.proxy
        for query in ("", "npo"):
            w.search_box.setText(query)
            ids, _groups = _rows_of_the_tree(w)
            rows = [proxy.mapFromSource(w.model.measure_index(i)) for i in ids]
            rows += [proxy.index(r, 0) for r in range(proxy.rowCount())]
            movable = Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemIsDropEnabled
            assert not any(proxy.flags(ix) & movable for ix in rows)
            assert not proxy.flags(QModelIndex()) & movable
            mime = proxy.mimeData([rows[0]])
            assert not proxy.canDropMimeData(mime, Qt.DropAction.MoveAction, 0, 0, proxy.index(0, 0))
            assert not proxy.dropMimeData(mime, Qt.DropAction.MoveAction, 0, 0, proxy.index(0, 0))
        order = w.visible_measure_ids()
        w.select_measure(order[1])
        w.tree.setFocus()
        QTest.keyClick(w.tree, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
        QTest.keyClick(w.tree, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
        assert not any(a.isEnabled() for a in (w.act_move_up, w.act_move_down, w.act_add, w.act_delete))
        assert w.visible_measure_ids() == order and doc.undo_stack.count() == 0
    finally:
        doc.close()
    assert hashlib.sha256(db_file.read_bytes()).hexdigest() == before


QUERIES = ["", "npo", "ict", "コミュニティ", "こみゅ", "R6", "令和7年度", "地域", "推進", "の", "zzzz", "ICT 地域", "人材"]


@pytest.mark.parametrize("seed", [1, 2])
def test_random_filter_and_edit_sequences_keep_the_tree_in_step(window, qtbot, monkeypatch, seed):
    """Filters, keys, collapsing, edits, drops, undo and redo in a fixed random order: after each step the
    rows are those a filter built afresh shows; a filter change never moves the editor or, while shown, the
    current row, keeps the groups the user folded folded and opens those that come back."""
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes))
    rng = random.Random(seed)
    window.show()
    qtbot.waitExposed(window)
    proxy, tree = window.proxy, window.tree
    combos = [window.viewpoint_filter, window.department_filter, window.year_filter, window.rating_filter,
              window.progress_filter, window.phase_filter]

    def group_index(no):
        return proxy.group_index_of_key(proxy.tree_model().layout().key_of[no])

    def filter_step() -> None:
        what = rng.randrange(4)
        if what == 0:
            window.search_box.setText(rng.choice(QUERIES))
        elif what == 1:
            window.priority_filter.setChecked(not window.priority_filter.isChecked())
        elif what == 2:
            combo = rng.choice(combos)
            combo.setCurrentIndex(rng.randrange(combo.count()))
        else:
            window.browser.clear_filters_button.click()

    def other_step() -> None:
        shown = window.visible_measure_ids()
        what = rng.randrange(8)
        if what == 0 and window.browser.visible_viewpoints():
            tree.collapse(group_index(rng.choice(window.browser.visible_viewpoints())))
        elif what == 1 and shown:
            tree.setCurrentIndex(proxy.mapFromSource(window.model.measure_index(rng.choice(shown))))
        elif what == 2:
            tree.setFocus()
            QTest.keyClick(tree, rng.choice([Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_End, Qt.Key.Key_PageDown]))
        elif what == 3:
            window.move_current(rng.choice([-1, 1]))
        elif what == 4 and shown:
            mime = proxy.mimeData([proxy.mapFromSource(window.model.measure_index(rng.choice(shown)))])
            target = proxy.mapFromSource(window.model.measure_index(rng.choice(shown)))
            proxy.dropMimeData(mime, Qt.DropAction.MoveAction, -1, 0, target)
        elif what == 5:
            window.add_measure() if rng.random() < 0.5 else window.delete_measure()
        elif what == 6:
            window.undo()
        else:
            window.redo()

    for _step in range(60):
        if rng.random() < 0.5:
            folded = {no for no in window.browser.visible_viewpoints() if not tree.isExpanded(group_index(no))}
            editing = window.current_measure_id()
            current = _current_number(window)
            filter_step()
            assert window.current_measure_id() == editing
            shown = _numbers(window, window.visible_measure_ids())
            if current is not None and current in shown:
                assert _current_number(window) == current
            for no in window.browser.visible_viewpoints():
                assert tree.isExpanded(group_index(no)) == (no not in folded)
        else:
            other_step()
        _assert_tree_in_step(window)


# ---------------------------------------------------------------- found by trying it (helper's report)
def test_hiding_a_nested_group_leaves_no_index_into_its_deleted_rows(city_window):
    """A group row hidden by a search goes with the groups inside it; nothing the view keeps (the
    selection of the current row, in a group inside it) may point into their deleted items. (Inserted
    as `insertRow(row, item)`, PySide left a group's item to its Python reference, which deleted it.)"""
    import shiboken6

    w, proxy = city_window, city_window.proxy
    assert w.tree.currentIndex().isValid() and proxy.persistentIndexList()
    w.search_box.setText("子ども")  # hides group 2 (with 3 and 4 inside it) under group 1
    live = {shiboken6.getCppPointer(proxy.invisibleRootItem())[0]}
    for no in proxy.visible_group_nos():
        ix = proxy.group_index_of_key(proxy.tree_model().layout().key_of[no])
        live.add(shiboken6.getCppPointer(proxy.itemFromIndex(ix))[0])
    assert [(ix.row(), ix.column()) for ix in proxy.persistentIndexList() if ix.internalId() not in live] == []
    w.search_box.setText("地域")  # crashed here (a use after free) before
    assert _rows_of_the_tree(w)[0] == w.visible_measure_ids()


def test_typing_one_search_then_another_over_nested_groups_does_not_crash(tmp_path):
    """The same in a process of its own, as a user would type it (the crash was a segfault)."""
    import subprocess
    import sys
    import textwrap
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    script = textwrap.dedent("""
        import sys
        from pathlib import Path
        sys.path.insert(0, "tests")
        from plan_desktop.qt_compat import prepare_qt
        prepare_qt()
        from PySide6.QtCore import QSettings
        from PySide6.QtWidgets import QApplication
        app = QApplication([])
        from other_city import other_city_db
        from plan_desktop.app import create_main_window
        tmp = Path(sys.argv[1])
        w = create_main_window(other_city_db(tmp / "city.sqlite"), QSettings(str(tmp / "s.ini"), QSettings.Format.IniFormat))
        w.show()
        app.processEvents()
        for query in ("子ども", "地域", "子ども", ""):
            w.search_box.setText(query)
            app.processEvents()
        w.document.close()
        print("survived")
        """)
    proc = subprocess.run([sys.executable, "-c", script, str(tmp_path)], cwd=root, capture_output=True,
                          text=True, encoding="utf-8", timeout=120,
                          env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})
    assert proc.returncode == 0 and "survived" in proc.stdout, proc.stderr[-2000:]


def test_undoing_a_move_in_a_group_the_user_folded_keeps_it_folded(window, qtbot):
    """An edit that lays a group's rows anew (undo of a move) sets the current row again: without
    opening the group the user folded (the view's auto-scroll would)."""
    doc, proxy, tree = window.document, window.proxy, window.tree
    window.show()
    qtbot.waitExposed(window)
    window.select_measure(doc.data.measure_by_no(3).id)
    window.move_current(+1)  # Ctrl+Down: №3 below №4
    window.select_measure(doc.data.measure_by_no(5).id)
    tree.collapse(proxy.index(0, 0))  # the user folds viewpoint 1 (№5, the current row, is in it)
    window.undo()  # №3 back above №4: viewpoint 1's rows are laid anew
    assert [m.no for m in doc.data.measures_in(1)][:5] == [1, 2, 3, 4, 5]
    assert not tree.isExpanded(proxy.index(0, 0))
    assert tree.hasAutoScroll()  # given back


def test_undoing_a_move_does_not_scroll_the_tree_to_the_current_row(window, qtbot):
    doc, tree = window.document, window.tree
    window.resize(900, 420)
    window.show()
    qtbot.waitExposed(window)
    window.select_measure(doc.data.measure_by_no(3).id)
    window.move_current(+1)
    window.select_measure(doc.data.measure_by_no(5).id)
    bar = tree.verticalScrollBar()
    assert bar.maximum() > 0
    bar.setValue(bar.maximum())  # the user scrolled down to viewpoint 3: №5 is out of view
    window.undo()
    assert bar.value() == bar.maximum()


def test_no_row_of_a_read_only_file_can_be_picked_up_by_any_cell(qtbot, db_file, settings, no_modal_dialogs):
    """Cells 1-3 of a row have no item (their flags are QStandardItemModel's, drag and drop
    included): a read-only file's tree starts no drag and takes no drop at all."""
    from PySide6.QtCore import QPoint

    from plan_desktop.document.plan_document import PlanDocument
    from plan_desktop.ui.main_window import MainWindow

    doc = PlanDocument.open(db_file, readonly=True)
    w = MainWindow(doc, settings)
    qtbot.addWidget(w)
    try:
        assert not w.tree.dragEnabled() and not w.tree.acceptDrops()
        w.resize(1366, 768)
        w.show()
        qtbot.waitExposed(w)
        started = []
        w.tree.startDrag = lambda actions: started.append(actions)  # instead of QDrag.exec's own event loop
        group1 = w.proxy.index(0, 0)
        for col in range(4):
            at = w.tree.visualRect(w.proxy.index(2, col, group1)).center()
            QTest.mousePress(w.tree.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at)
            QTest.mouseMove(w.tree.viewport(), at + QPoint(0, 40))
            QTest.mouseRelease(w.tree.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                               at + QPoint(0, 40))
        assert started == []
    finally:
        doc.close()


def test_a_group_row_gives_nothing_to_drag_by_any_cell(window):
    proxy = window.proxy
    group1 = proxy.index(0, 0)
    for col in range(4):
        assert proxy.mimeData([proxy.index(0, col)]) is None, col
    measure_cells = [proxy.index(0, col, group1) for col in range(4)]
    assert proxy.mimeData(measure_cells) is not None  # a measure's row still does
    assert window.tree.dragEnabled() and window.tree.acceptDrops()


def test_the_timeline_follows_the_filter_kept_when_another_file_is_opened(window, city_file):
    window.search_box.setText("地域")
    window.open_file(city_file)
    assert window.search_box.text() == "地域" and window.browser.filtered()
    shown = window.visible_measure_ids()
    assert [r.measure_id for r in window.timeline.visible_rows() if r.measure_id] == shown


def test_opening_other_files_keeps_no_tree_of_the_files_before(window, db_file, tmp_path, qtbot):
    """Each file opened had left its tree model and filter (with their search texts and measures,
    ~50 MB a file at 2,000 measures) attached to the browser."""
    import shutil

    from PySide6.QtCore import QCoreApplication, QEvent

    from plan_desktop.ui.measure_tree_model import MeasureTreeModel

    other = tmp_path / "別の計画.sqlite"
    shutil.copyfile(db_file, other)
    window.show()
    for _ in range(3):
        window.open_file(other)
        window.open_file(db_file)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert len(window.browser.findChildren(MeasureFilterProxy)) == 1
    assert len(window.browser.findChildren(MeasureTreeModel)) == 1
    qtbot.wait(400)  # the search texts of the file shown are prepared (the older filters' never run)
    window.search_box.setText("npo")
    assert window.visible_measure_ids() == [window.document.data.measure_by_no(n).id for n in (12, 30)]


def test_a_window_lays_out_its_chart_once_at_start_up(qtbot, db_file, settings, no_modal_dialogs, monkeypatch):
    """Following a filter kept from the file before costs nothing at start-up (no filter): the
    chart's rows are made once (at 2,000 measures a second making cost ~10 ms before the first frame)."""
    from plan_desktop.app import create_main_window
    from plan_desktop.ui.timeline import TimelineWidget

    made = []
    real = TimelineWidget._rebuild
    monkeypatch.setattr(TimelineWidget, "_rebuild", lambda self, *a, **k: (made.append(1), real(self, *a, **k))[1])
    window = create_main_window(db_file, settings)
    qtbot.addWidget(window)
    try:
        assert len(made) == 1
    finally:
        window.document.close()



def test_the_measure_shown_is_the_current_row_again_once_a_search_no_longer_hides_it(window):
    """A search that hides the measure being edited leaves the tree without a current row (the
    editor keeps the measure); once a change shows its row again, that row is the current one,
    so the keys go on from it (not from №1)."""
    doc = window.document
    m30 = doc.data.measure_by_no(30)
    window.select_measure(m30.id)
    picked = []
    window.browser.currentMeasureChanged.connect(picked.append)
    window.search_box.setText("人材の発掘")  # №30 is not among the matches
    assert not window.tree.currentIndex().isValid() and window.editor.measure().id == m30.id
    window.search_box.setText("")
    assert window.proxy.measure_for(window.tree.currentIndex()).id == m30.id
    QTest.keyClick(window.tree, Qt.Key.Key_Down)
    assert picked == [doc.data.measure_by_no(31).id]


def test_picking_a_measure_the_search_hides_leaves_no_current_row_until_it_is_shown(window):
    """The window shows a measure the tree hides (picked in the evaluation mode, the chart, a
    link): the tree's current row is not left on the measure before."""
    doc = window.document
    window.select_measure(doc.data.measure_by_no(1).id)
    window.search_box.setText("人材の発掘")  # №1 only
    m30 = doc.data.measure_by_no(30)
    window.select_measure(m30.id)
    assert not window.tree.currentIndex().isValid()
    window.search_box.setText("")
    assert window.proxy.measure_for(window.tree.currentIndex()).id == m30.id


def test_a_row_the_user_picks_meanwhile_is_not_taken_back(window):
    doc = window.document
    window.select_measure(doc.data.measure_by_no(30).id)
    window.search_box.setText("人材の発掘")
    first = window.proxy.index(0, 0, window.proxy.index(0, 0))
    window.tree.setCurrentIndex(first)  # the user clicks the row shown
    window.search_box.setText("")
    assert window.proxy.measure_for(window.tree.currentIndex()).id == doc.data.measure_by_no(1).id



def test_a_change_of_the_groups_keeps_the_current_row_and_the_groups_folded(window, qtbot):
    """Renaming a group (and undoing it) makes the tree's rows anew: the measure being edited stays
    the current row and the groups the user folded stay folded."""
    doc, proxy, tree = window.document, window.proxy, window.tree
    window.show()
    qtbot.waitExposed(window)
    m30 = doc.data.measure_by_no(30)
    window.select_measure(m30.id)
    tree.collapse(proxy.index(0, 0))  # viewpoint 1
    picked = []
    window.browser.currentMeasureChanged.connect(picked.append)
    resets = []
    proxy.modelReset.connect(lambda: resets.append(1))
    assert doc.rename_group(2, "協働体制の強化（改）")
    window.undo()
    assert resets  # (the rows were made anew)
    assert proxy.measure_for(tree.currentIndex()).id == m30.id and picked == []
    assert not tree.isExpanded(proxy.index(0, 0)) and tree.isExpanded(proxy.index(1, 0))
