"""The timeline widget: painted chart, raw-mouse editing, keyboard, selection, undo."""

from __future__ import annotations

import unicodedata
from dataclasses import replace

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QFont, QHelpEvent, QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QToolTip

from plan_desktop.document.plan_document import PlanDocument
from plan_desktop.domain.model import Evaluation
from plan_desktop.domain.schedule_layout import GROUP, MEASURE
from plan_desktop.ui import timeline as timeline_mod
from plan_desktop.ui import timeline_painter as painter_mod
from plan_desktop.ui.timeline import TimelineWidget

LEFT = Qt.MouseButton.LeftButton
RIGHT = Qt.MouseButton.RightButton
NOMOD = Qt.KeyboardModifier.NoModifier


@pytest.fixture
def doc(qapp, repo):
    return PlanDocument(repo)


@pytest.fixture
def tl(qtbot, doc):
    w = TimelineWidget(doc)
    qtbot.addWidget(w)
    w.resize(1300, 900)
    w.set_current_fiscal_year(2024)
    w.show()
    qtbot.waitExposed(w)
    return w


def measure(doc, no):
    return doc.data.measure_by_no(no)


def sched(doc, no):
    return {s.fy: s.phase for s in measure(doc, no).schedule}


def stored_sched(doc, no):
    """The schedule as the database has it (edits persist at once)."""
    m = doc.repo.load().measure_by_no(no)
    return {s.fy: s.phase for s in m.schedule}


def vp(tl):
    return tl.viewport()


def bar_end_point(tl, mid, fy, edge):
    """A point inside the grab zone of a bar's start or end edge in cell *fy*."""
    r = tl.cell_rect(mid, fy)
    y = r.center().y()
    return QPoint(r.left() + 7, y) if edge == "start" else QPoint(r.right() - 7, y)


def drag(tl, start: QPoint, end: QPoint):
    QTest.mousePress(vp(tl), LEFT, NOMOD, start)
    # a few intermediate moves, like a real hand
    for i in (1, 2, 3):
        QTest.mouseMove(vp(tl), start + (end - start) * (i / 3))
    QTest.mouseRelease(vp(tl), LEFT, NOMOD, end)


# ------------------------------------------------------------------ structure
def test_rows_follow_document_with_group_headers(tl, doc):
    rows = tl.visible_rows()
    assert [r.kind for r in rows].count(GROUP) == len(doc.data.viewpoints) == 3
    assert [r.measure_id for r in rows if r.kind == MEASURE] == [m.id for m in doc.measures()]
    assert rows[0].kind == GROUP and rows[0].viewpoint == 1
    assert tl.objectName() == "timeline"


def test_set_visible_measures_filters_and_orders(tl, doc):
    ms = doc.measures()
    ids = [ms[20].id, ms[2].id, ms[1].id]  # viewpoint 2 then 1
    tl.set_visible_measures(ids)
    rows = tl.visible_rows()
    assert [(r.kind, r.viewpoint, r.measure_id) for r in rows] == [
        (GROUP, 2, None), (MEASURE, 2, ms[20].id), (GROUP, 1, None), (MEASURE, 1, ms[2].id), (MEASURE, 1, ms[1].id)]
    tl.set_visible_measures([ms[0].id], viewpoints=[1, 3])  # the tree kept an empty group 3
    assert [(r.kind, r.viewpoint) for r in tl.visible_rows()] == [(GROUP, 1), (MEASURE, 1), (GROUP, 3)]
    tl.set_visible_measures(None)
    assert len(tl.visible_rows()) == 35 + 3


def test_rows_follow_document_changes(tl, doc):
    new_id = doc.add_measure(viewpoint=3)
    assert tl.visible_rows()[-1].measure_id == new_id
    doc.undo_stack.undo()
    assert new_id not in [r.measure_id for r in tl.visible_rows()]


# ------------------------------------------------------------------ selection
def test_click_selects_and_emits(tl, doc, qtbot):
    m = measure(doc, 5)
    with qtbot.waitSignal(tl.measureSelected, timeout=10_000) as sig:
        QTest.mouseClick(vp(tl), LEFT, NOMOD, tl.cell_rect(m.id, 2029).center())
    assert sig.args == [m.id]
    assert tl.current_cell() == (m.id, 2029)


def test_select_measure_from_outside_scrolls_without_signal(qtbot, doc):
    w = TimelineWidget(doc)
    qtbot.addWidget(w)
    w.resize(900, 300)  # only a few rows fit
    w.show()
    qtbot.waitExposed(w)
    last = doc.measures()[-1]
    seen = []
    w.measureSelected.connect(seen.append)
    with qtbot.waitSignal(w.verticalOffsetChanged, timeout=10_000):
        w.select_measure(last.id)
    assert seen == []
    assert w.current_cell()[0] == last.id
    r = w.cell_rect(last.id, 2022)
    assert 0 <= r.top() and r.bottom() <= w.viewport().height()


def test_keyboard_moves_cursor_and_selection(tl, doc, qtbot):
    ms = doc.measures()
    tl.set_current_cell(ms[13].id, 2023)  # last measure of viewpoint 1
    tl.setFocus()
    with qtbot.waitSignal(tl.measureSelected, timeout=10_000) as sig:
        QTest.keyClick(tl, Qt.Key.Key_Down)
    assert sig.args == [ms[14].id]  # skipped the viewpoint 2 header row
    QTest.keyClick(tl, Qt.Key.Key_Right)
    QTest.keyClick(tl, Qt.Key.Key_Right)
    assert tl.current_cell() == (ms[14].id, 2025)
    QTest.keyClick(tl, Qt.Key.Key_Up)
    assert tl.current_cell() == (ms[13].id, 2025)
    QTest.keyClick(tl, Qt.Key.Key_End)
    assert tl.current_cell()[1] == 2031
    QTest.keyClick(tl, Qt.Key.Key_Right)  # clamps at the last year
    assert tl.current_cell()[1] == 2031
    QTest.keyClick(tl, Qt.Key.Key_Home)
    assert tl.current_cell()[1] == 2022


# ------------------------------------------------------------- mouse editing
def test_drag_end_of_bar_extends_it_in_one_undo_step(tl, doc):
    m = measure(doc, 12)  # 準備 2022, 実施 2023-2025, 検証・策定 2026
    before = sched(doc, 12)
    start = bar_end_point(tl, m.id, 2026, "end")
    end = tl.cell_rect(m.id, 2028).center()
    drag(tl, start, end)
    after = sched(doc, 12)
    assert after == before | {2027: "検証・策定", 2028: "検証・策定"}
    assert stored_sched(doc, 12) == after
    assert doc.undo_stack.count() == 1
    doc.undo_stack.undo()
    assert sched(doc, 12) == before == stored_sched(doc, 12)
    doc.undo_stack.redo()
    assert sched(doc, 12) == after == stored_sched(doc, 12)


def test_drag_start_of_bar_shortens_it(tl, doc):
    m = measure(doc, 12)
    before = sched(doc, 12)
    drag(tl, bar_end_point(tl, m.id, 2023, "start"), tl.cell_rect(m.id, 2024).center())
    assert sched(doc, 12) == {k: v for k, v in before.items() if k != 2023}
    assert doc.undo_stack.count() == 1
    doc.undo_stack.undo()
    assert stored_sched(doc, 12) == before


def test_drag_over_another_phase_asks_first_and_replaces_it_only_when_confirmed(tl, doc, monkeypatch):
    m = measure(doc, 12)  # 準備 2022, 実施 2023–2025
    asked = []
    monkeypatch.setattr(tl, "confirm_overwrite", lambda mm, over: asked.append(over) or False)
    before = sched(doc, 12)
    drag(tl, bar_end_point(tl, m.id, 2022, "end"), tl.cell_rect(m.id, 2023).center())
    assert asked == [{2023: ("実施", "準備")}]
    assert sched(doc, 12) == before and doc.undo_stack.count() == 0  # refused: nothing silently replaced
    monkeypatch.setattr(tl, "confirm_overwrite", lambda mm, over: asked.append(over) or True)
    drag(tl, bar_end_point(tl, m.id, 2022, "end"), tl.cell_rect(m.id, 2023).center())
    assert sched(doc, 12)[2022] == sched(doc, 12)[2023] == "準備"
    assert doc.undo_stack.count() == 1


def test_the_overwrite_question_asks_with_a_message_box_and_defaults_to_no(tl, doc, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    m = measure(doc, 12)
    asked = []

    def question(parent, title, text, buttons, default):
        asked.append((title, text, default))
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", question)
    before = sched(doc, 12)
    drag(tl, bar_end_point(tl, m.id, 2022, "end"), tl.cell_rect(m.id, 2023).center())
    assert len(asked) == 1 and asked[0][0] == "工程の置き換え" and asked[0][2] == QMessageBox.StandardButton.No
    assert "実施" in asked[0][1] and sched(doc, 12) == before


def test_moving_a_bar_onto_another_phase_says_what_it_replaces(tl, doc, monkeypatch):
    from plan_desktop.domain.schedule_layout import describe_overwrite

    m = measure(doc, 12)
    asked = []
    monkeypatch.setattr(tl, "confirm_overwrite", lambda mm, over: asked.append(over) or False)
    drag(tl, tl.cell_rect(m.id, 2022).center(), tl.cell_rect(m.id, 2023).center())  # 準備 R4 → R5
    assert asked == [{2023: ("実施", "準備")}]
    assert describe_overwrite(asked[0]) == "令和5年度の「実施」を「準備」に置き換えます"
    assert 2022 in sched(doc, 12)  # R4 not left empty behind the user's back


def test_drag_bar_body_moves_it(tl, doc):
    m = measure(doc, 12)
    before = sched(doc, 12)
    start = tl.cell_rect(m.id, 2026).center()
    drag(tl, start, tl.cell_rect(m.id, 2029).center())
    expected = {k: v for k, v in before.items() if k != 2026} | {2029: "検証・策定"}
    assert sched(doc, 12) == expected == stored_sched(doc, 12)
    assert doc.undo_stack.count() == 1
    assert doc.undo_stack.undoText() == "工程の移動"
    doc.undo_stack.undo()
    assert sched(doc, 12) == before == stored_sched(doc, 12)
    doc.undo_stack.redo()
    assert stored_sched(doc, 12) == expected


def test_drag_past_the_last_year_is_clamped(tl, doc, qtbot):
    m = measure(doc, 12)
    tl.fit_to_width()
    start = tl.cell_rect(m.id, 2026).center()
    far = QPoint(tl.viewport().width() - 2, start.y())
    drag(tl, start, far)
    assert sched(doc, 12).get(2031) == "検証・策定"
    assert 2026 not in sched(doc, 12)


def test_click_without_moving_changes_nothing(tl, doc):
    m = measure(doc, 12)
    QTest.mouseClick(vp(tl), LEFT, NOMOD, tl.cell_rect(m.id, 2024).center())
    assert doc.undo_stack.count() == 0


def test_escape_cancels_a_drag(tl, doc):
    m = measure(doc, 12)
    start = tl.cell_rect(m.id, 2026).center()
    QTest.mousePress(vp(tl), LEFT, NOMOD, start)
    QTest.mouseMove(vp(tl), tl.cell_rect(m.id, 2028).center())
    QTest.keyClick(tl, Qt.Key.Key_Escape)
    QTest.mouseRelease(vp(tl), LEFT, NOMOD, tl.cell_rect(m.id, 2028).center())
    assert doc.undo_stack.count() == 0


def test_document_change_under_a_drag_cancels_it(tl, doc):
    m = measure(doc, 12)
    doc.set_phase(m.id, 2028, "実施")
    start = tl.cell_rect(m.id, 2026).center()
    QTest.mousePress(vp(tl), LEFT, NOMOD, start)
    QTest.mouseMove(vp(tl), tl.cell_rect(m.id, 2027).center())
    doc.undo_stack.undo()  # e.g. Ctrl+Z from the main window while the mouse is down
    QTest.mouseRelease(vp(tl), LEFT, NOMOD, tl.cell_rect(m.id, 2027).center())
    assert doc.undo_stack.index() == 0 and doc.undo_stack.count() == 1
    assert sched(doc, 12).get(2026) == "検証・策定" and 2027 not in sched(doc, 12)


def test_readonly_document_ignores_drags(qtbot, db_file):
    from plan_desktop.storage.database import open_database
    from plan_desktop.storage.repository import PlanRepository

    ro = PlanDocument(PlanRepository(open_database(db_file, readonly=True)), db_file, readonly=True)
    w = TimelineWidget(ro)
    qtbot.addWidget(w)
    w.resize(1300, 900)
    w.show()
    m = ro.data.measure_by_no(12)
    drag(w, w.cell_rect(m.id, 2026).center(), w.cell_rect(m.id, 2028).center())
    QTest.keyClick(w, Qt.Key.Key_Delete)
    assert ro.undo_stack.count() == 0
    assert {s.fy: s.phase for s in ro.data.measure_by_no(12).schedule}[2026] == "検証・策定"


# ----------------------------------------------------------- context menu
def _choose(monkeypatch, pick):
    seen = {}

    def fake_exec(menu, *args, **kwargs):
        seen["actions"] = [(a.text(), a.data(), a.isChecked(), a.isEnabled()) for a in menu.actions() if not a.isSeparator()]
        return next((a for a in menu.actions() if pick(a)), None)

    # QMenu.exec itself cannot be patched on PySide6; the widget's menu subclass can.
    monkeypatch.setattr(timeline_mod.PhaseMenu, "exec", fake_exec)
    return seen


def test_right_click_menu_lists_phases_from_data_and_sets_one(tl, doc, monkeypatch):
    m = measure(doc, 12)
    seen = _choose(monkeypatch, lambda a: a.data() == "試行")
    QTest.mouseClick(vp(tl), RIGHT, NOMOD, tl.cell_rect(m.id, 2028).center())
    phases = [d for _t, d, _c, _e in seen["actions"] if d]
    assert phases == [p.name for p in doc.data.phases]
    assert sched(doc, 12)[2028] == "試行" == stored_sched(doc, 12)[2028]
    assert doc.undo_stack.count() == 1
    doc.undo_stack.undo()
    assert 2028 not in stored_sched(doc, 12)


def test_right_click_menu_marks_current_phase_and_clears(tl, doc, monkeypatch):
    m = measure(doc, 12)
    seen = _choose(monkeypatch, lambda a: a.objectName() == "clear")
    QTest.mouseClick(vp(tl), RIGHT, NOMOD, tl.cell_rect(m.id, 2022).center())
    checked = [d for _t, d, c, _e in seen["actions"] if c]
    assert checked == ["準備"]
    assert 2022 not in sched(doc, 12)
    assert doc.undo_stack.count() == 1
    doc.undo_stack.undo()
    assert stored_sched(doc, 12)[2022] == "準備"
    doc.undo_stack.redo()
    assert 2022 not in stored_sched(doc, 12)


def test_dismissed_menu_changes_nothing(tl, doc, monkeypatch):
    m = measure(doc, 12)
    _choose(monkeypatch, lambda a: False)
    QTest.mouseClick(vp(tl), RIGHT, NOMOD, tl.cell_rect(m.id, 2022).center())
    assert doc.undo_stack.count() == 0


# ------------------------------------------------------------ keyboard edits
def test_digit_keys_set_phase_and_delete_clears(tl, doc):
    m = measure(doc, 12)
    tl.set_current_cell(m.id, 2027)
    tl.setFocus()
    phases = [p.name for p in doc.data.phases]
    QTest.keyClick(tl, Qt.Key.Key_2)
    assert sched(doc, 12)[2027] == phases[1] == stored_sched(doc, 12)[2027]
    QTest.keyClick(tl, Qt.Key.Key_Right)
    QTest.keyClick(tl, Qt.Key.Key_3)
    assert sched(doc, 12)[2028] == phases[2]
    QTest.keyClick(tl, Qt.Key.Key_Left)
    QTest.keyClick(tl, Qt.Key.Key_Delete)
    assert 2027 not in sched(doc, 12)
    QTest.keyClick(tl, Qt.Key.Key_9)  # no ninth phase: nothing happens
    assert doc.undo_stack.count() == 3
    doc.undo_stack.undo()
    assert stored_sched(doc, 12)[2027] == phases[1]
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    assert 2027 not in stored_sched(doc, 12) and 2028 not in stored_sched(doc, 12)
    doc.undo_stack.redo()
    assert stored_sched(doc, 12)[2027] == phases[1]


# ------------------------------------------------------------ zoom and scroll
def test_zoom_and_fit(tl, qtbot):
    tl.fit_to_width()
    fitted = tl.column_width()
    assert tl.is_fit_to_width()
    assert fitted * 10 + tl._geometry().label_width == pytest.approx(tl.viewport().width(), abs=1)
    tl.zoom_in()
    assert tl.column_width() == pytest.approx(fitted * 1.25)
    assert not tl.is_fit_to_width()
    assert tl.horizontalScrollBar().maximum() > 0
    tl.zoom_out()
    tl.zoom_out()
    assert tl.column_width() < fitted
    before = tl.column_width()
    ev = QWheelEvent(QPointF(400, 300), QPointF(tl.viewport().mapToGlobal(QPoint(400, 300))), QPoint(0, 0), QPoint(0, 120),
                     Qt.MouseButton.NoButton, Qt.KeyboardModifier.ControlModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(tl.viewport(), ev)
    assert tl.column_width() == pytest.approx(before * 1.25)
    tl.fit_to_width()
    assert tl.column_width() == pytest.approx(fitted)


def test_vertical_offset_sync(tl, qtbot):
    tl.resize(900, 300)
    tl.set_row_height(24)
    assert tl.row_height() == 24
    with qtbot.waitSignal(tl.verticalOffsetChanged, timeout=10_000) as sig:
        tl.set_vertical_offset(48)
    assert sig.args == [48] and tl.vertical_offset() == 48
    m0 = tl.visible_rows()[2].measure_id
    # row 2 is now the first row under the header
    assert tl.cell_rect(m0, 2022).top() == tl.header_height()
    with qtbot.waitSignal(tl.verticalOffsetChanged, timeout=10_000) as sig:
        tl.verticalScrollBar().setValue(72)
    assert sig.args == [72]


def test_row_height_follows_font(tl):
    small = tl.row_height()
    f = QFont(tl.font())
    f.setPointSizeF(f.pointSizeF() * 2)
    tl.setFont(f)
    assert tl.row_height() > small * 1.6
    tl.set_row_height(30)
    assert tl.row_height() == 30
    tl.set_row_height(None)
    assert tl.row_height() > small * 1.6


# ------------------------------------------------------------------ painting
def _pixel(tl, x, y) -> QColor:
    img = tl.viewport().grab().toImage()
    dpr = img.devicePixelRatio()
    return QColor(img.pixel(int(x * dpr), int(y * dpr)))


def _close(a: QColor, b: QColor, tol=6) -> bool:
    return abs(a.red() - b.red()) <= tol and abs(a.green() - b.green()) <= tol and abs(a.blue() - b.blue()) <= tol


def phase_color(doc, name):
    return QColor(next(p.color for p in doc.data.phases if p.name == name))


def test_paint_shows_phase_colours_in_expected_cells(tl, doc):
    m = measure(doc, 12)  # 準備 2022, 実施 2023-2025, 検証・策定 2026, empty 2027+
    def probe(fy):
        r = tl.cell_rect(m.id, fy)
        return _pixel(tl, r.left() + r.width() * 0.15, r.center().y())  # left part of the bar, away from text
    assert _close(probe(2022), phase_color(doc, "準備"))
    assert _close(probe(2023), phase_color(doc, "実施"))
    assert _close(probe(2026), phase_color(doc, "検証・策定"))
    empty = probe(2029)
    assert not any(_close(empty, phase_color(doc, p.name), 30) for p in doc.data.phases)
    # the painted chart follows the document: an edit from elsewhere repaints the cell
    doc.set_phase(m.id, 2029, "試行")
    assert _close(probe(2029), phase_color(doc, "試行"))
    # … and the colours come from the data, not from the paint code
    doc.data.phases[1] = replace(doc.data.phases[1], color="#ff00ff")
    doc.set_phase(m.id, 2030, "試行")
    assert _close(probe(2029), QColor("#ff00ff"))


def test_bar_spans_consecutive_years_without_gap(tl, doc):
    m = measure(doc, 12)  # 実施 2023-2025 is one bar: the 2023/2024 boundary is covered
    r = tl.cell_rect(m.id, 2024)
    assert _close(_pixel(tl, r.left(), r.center().y() + 2), phase_color(doc, "実施"))
    r = tl.cell_rect(m.id, 2023)  # 準備 2022 | 実施 2023: separate bars leave a gap
    assert not _close(_pixel(tl, r.left(), r.center().y() + 2), phase_color(doc, "実施"), 30)


def test_rating_badge_painted_when_evaluation_exists(tl, doc):
    m = measure(doc, 3)
    r = tl.cell_rect(m.id, 2023)
    geom = tl._geometry()
    bx, by, bw, bh = geom.badge_box(2023, 0)
    # inside the circle, left of the letter
    probe_x = bx - tl.horizontalScrollBar().value() + bw * 0.15
    probe_y = r.top() + by + bh / 2
    before = _pixel(tl, probe_x, probe_y)
    assert _close(before, phase_color(doc, "実施"))  # no evaluation yet: the bar shows
    doc.save_evaluation(m.id, Evaluation(fy=2023, rating="A"))
    assert _close(_pixel(tl, probe_x, probe_y), painter_mod.RATING_GOOD, 12)
    doc.save_evaluation(m.id, Evaluation(fy=2023, rating="D"))
    assert _close(_pixel(tl, probe_x, probe_y), painter_mod.RATING_BAD, 12)
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    assert _close(_pixel(tl, probe_x, probe_y), phase_color(doc, "実施"))


def test_current_year_and_priority_are_marked(tl, doc):
    m = measure(doc, 1)  # 【重点】
    other = measure(doc, 9)
    r_today = tl.cell_rect(other.id, 2024)
    r_other = tl.cell_rect(other.id, 2029)
    # top edge of the cell, outside the bar: today's column is tinted
    assert _pixel(tl, r_today.center().x(), r_today.top() + 2) != _pixel(tl, r_other.center().x(), r_other.top() + 2)
    # priority rows get a red stripe at the left edge
    y = tl.cell_rect(m.id, 2022).center().y()
    assert _close(_pixel(tl, 1, y), painter_mod.PRIORITY_COLOR, 10)
    assert not _close(_pixel(tl, 1, tl.cell_rect(other.id, 2022).center().y()), painter_mod.PRIORITY_COLOR, 40)


def test_only_visible_rows_are_painted(qtbot, doc, monkeypatch):
    w = TimelineWidget(doc)
    qtbot.addWidget(w)
    w.resize(900, 300)
    w.show()
    qtbot.waitExposed(w)
    QApplication.processEvents()
    painted = []
    real = painter_mod.schedule_map
    monkeypatch.setattr(painter_mod, "schedule_map", lambda m: painted.append(m.no) or real(m))
    w.viewport().repaint()
    fits = w.viewport().height() // w.row_height() + 1
    assert 0 < len(painted) <= fits < 35
    painted.clear()
    w.set_vertical_offset(w.verticalScrollBar().maximum())
    w.viewport().repaint()
    assert 35 in painted and 1 not in painted


def test_tooltip_shows_that_years_action_items_escaped(tl, doc, qtbot):
    m = measure(doc, 10)  # blocks 2022-2023 and 2024-2026
    tip_2022 = tl.cell_tooltip(m.id, 2022)
    tip_2025 = tl.cell_tooltip(m.id, 2025)
    first_2022 = next(b for b in m.action_plan if b.covers(2022)).items[0].text
    first_2025 = next(b for b in m.action_plan if b.covers(2025)).items[0].text
    assert first_2022[:10] in tip_2022 and first_2022[:10] not in tip_2025
    assert first_2025[:10] in tip_2025
    assert "令和4年度" in tip_2022 and "実施" in tip_2022
    # user text is data, never markup
    after = replace(m, title="<b>危険</b>")
    doc.replace_measure(after, "名称")
    assert "&lt;b&gt;危険&lt;/b&gt;" in tl.cell_tooltip(m.id, 2022)
    # the real tooltip event shows it
    pos = tl.cell_rect(m.id, 2022).center()
    QApplication.sendEvent(tl.viewport(), QHelpEvent(QEvent.Type.ToolTip, pos, tl.viewport().mapToGlobal(pos)))
    qtbot.waitUntil(QToolTip.isVisible, timeout=10_000)
    assert "危険" in QToolTip.text()
    QToolTip.hideText()


# ------------------------------------------------------------------ export
def test_export_png_and_pdf(tl, doc, tmp_path):
    from pypdf import PdfReader
    from PySide6.QtGui import QImage

    png = tmp_path / "chart.png"
    tl.export_png(png)
    img = QImage(str(png))
    assert img.height() > img.width() * 0.5 and img.width() > 1000
    pdf = tmp_path / "chart.pdf"
    pages = tl.export_pdf(pdf)
    reader = PdfReader(str(pdf))
    assert len(reader.pages) == pages >= 1
    box = reader.pages[0].mediabox
    assert box.width > box.height  # landscape
    # Qt's PDF maps some glyphs to CJK radicals (⼯ for 工); NFKC folds them back
    text = "".join(unicodedata.normalize("NFKC", p.extract_text()) for p in reader.pages)
    text = "".join(text.split())
    for needle in ("令和4年度", "2031", "前期", "工程", measure(doc, 35).title[:6]):
        assert needle in text


def _today_header(tl: TimelineWidget) -> tuple[str, float, float]:
    """(text drawn in the current year's header cell, its bold width, the column width) as the widget has them."""
    from PySide6.QtGui import QFontMetricsF

    bold = QFont(tl.font())
    bold.setBold(True)
    fm = QFontMetricsF(bold)
    width = tl.column_width()
    text = painter_mod.today_header_text(tl._today_fy, fm, width)
    return text, fm.horizontalAdvance(text), width


def test_current_year_header_fits_its_column_in_english(qtbot, doc, qapp):
    """「2026 今年度」 reads "2026 this year" with the catalogue the app loads: the column is sized to it."""
    from PySide6.QtCore import QLocale

    from plan_desktop.ui.i18n import install_translators

    locale = QLocale()
    installed = install_translators(qapp, "en")
    try:
        assert painter_mod.TimelineText.tr(" 今年度") == " this year"  # the English catalogue is loaded
        w = TimelineWidget(doc)
        qtbot.addWidget(w)
        w.resize(400, 300)  # narrower than the chart: natural column widths, nothing stretched
        text, width, column = _today_header(w)
        assert text == f"{w._today_fy} this year"
        assert width <= column - painter_mod.TODAY_HEADER_PADDING
    finally:
        for t in installed:
            qapp.removeTranslator(t)
        QLocale.setDefault(locale)


def test_a_longer_current_year_label_widens_the_columns_and_a_zoomed_out_one_shows_only_the_year(
        qtbot, doc, monkeypatch):
    short = TimelineWidget(doc)
    qtbot.addWidget(short)
    short.resize(400, 300)
    longer = staticmethod(lambda s: " (current fiscal year)" if s == " 今年度" else s)
    monkeypatch.setattr(painter_mod.TimelineText, "tr", longer)
    long = TimelineWidget(doc)
    qtbot.addWidget(long)
    long.resize(400, 300)
    text, width, column = _today_header(long)
    assert text.endswith("(current fiscal year)") and width <= column - painter_mod.TODAY_HEADER_PADDING
    assert column > short.column_width()
    for _ in range(12):
        long.zoom_out()
    text, width, column = _today_header(long)
    assert text == str(long._today_fy)  # only the year when zoomed out: never a cut label


class _CountingRows(list):
    walks = 0

    def __iter__(self):
        type(self).walks += 1
        return super().__iter__()


def test_laying_out_does_not_walk_every_row_and_follows_a_longer_title(tl, doc, qtbot):
    tl.resize(5000, 400)
    qtbot.waitUntil(lambda: tl.viewport().width() > 4000)
    tl._rows = _CountingRows(tl._rows)
    for _ in range(3):
        tl._relayout()
    assert _CountingRows.walks == 0  # the longest title is known from the last rebuild
    before = tl._geometry().label_width
    for m in list(doc.data.measures):  # the titles longer than the label column shows get short
        if len(m.title) + 4 * m.priority > 26:
            doc.update_measure(m.id, "名称", title="短い名称")
    assert tl._geometry().label_width < before
