"""Issue 17's first day, replayed with real key presses and clicks in the main window.

The other tests call the widgets' methods; these type into the fields and press
Tab, Ctrl+S, F1 and the evaluation mode's keys as a person would, so that
a focus or key-handling gap (a field that never sees focus-out, a shortcut
eaten by a text field) shows up here.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

FY = 2024


@pytest.fixture
def shown(window, qtbot):
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def evaluation_tab(window, no: int = 1):
    doc = window.document
    window.select_measure(doc.data.measure_by_no(no).id)
    panel = window.editor.evaluation_panel
    window.editor.tabs.setCurrentWidget(panel)
    panel.set_fiscal_year(FY)
    return panel


def focus(qtbot, widget) -> None:
    widget.setFocus(Qt.FocusReason.MouseFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget)


def type_in(widget, text: str) -> None:
    """Type *text*: ASCII as key presses, Japanese as the input method commits it."""
    if text.isascii():
        QTest.keyClicks(widget, text)
        return
    if not widget.testAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled):
        return  # an input method sends nothing to a read-only field
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def type_and_tab(qtbot, widget, text: str) -> None:
    focus(qtbot, widget)
    QTest.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    if text:
        type_in(widget, text)
    else:
        QTest.keyClick(widget, Qt.Key.Key_Delete)
    QTest.keyClick(widget, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not widget)


@pytest.mark.parametrize("typed", ["20240510", "2024-05-10", "2024/5/10", "R6.5.10", "令和6年5月10日"])
def test_an_empty_evaluation_date_takes_what_offices_type(shown, qtbot, typed):
    panel = evaluation_tab(shown, 2)
    line = panel.dates["self_date"].line
    assert line.text() == "" and "未設定" in line.placeholderText()
    type_and_tab(qtbot, line, typed)
    assert shown.document.evaluation(panel.measure_id(), FY).self_date == "2024-05-10"
    assert line.text() == "令和6年5月10日" and panel.error_text("self_date") == ""


def test_an_evaluation_date_can_be_emptied_and_nonsense_is_refused_where_it_was_typed(shown, qtbot):
    panel = evaluation_tab(shown, 2)
    line = panel.dates["council_date"].line
    type_and_tab(qtbot, line, "20240510")
    type_and_tab(qtbot, line, "")
    assert shown.document.evaluation(panel.measure_id(), FY).council_date is None
    focus(qtbot, line)
    QTest.keyClick(line, Qt.Key.Key_Up)  # once jumped to 1901-01-01
    assert line.text() == ""
    type_and_tab(qtbot, line, "2024/13/40")
    assert line.text() == "2024/13/40" and panel.error_text("council_date")
    assert shown.document.evaluation(panel.measure_id(), FY).council_date is None


def test_the_evaluation_form_is_gone_through_with_tab_in_visual_order(shown, qtbot):
    panel = evaluation_tab(shown, 3)
    fields = [w for w in panel.field_order() if w.isEnabled()]
    focus(qtbot, fields[0])
    reached = [fields[0]]
    for _ in range(len(fields) - 1):
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        reached.append(QApplication.focusWidget())
    assert reached == fields
    tops = [w.mapTo(panel, QPoint(0, 0)).y() for w in fields]
    assert tops == sorted(tops)


def test_a_refused_confirmation_clears_as_the_missing_fields_are_typed(shown, qtbot):
    panel = evaluation_tab(shown, 4)
    edit = panel.texts["achievements"]
    focus(qtbot, edit)
    type_in(edit, "説明会を開いた")
    QTest.keyClick(edit, Qt.Key.Key_Tab)  # the record exists now: 所管課確定 can be pressed
    QTest.mouseClick(panel.buttons["department"], Qt.MouseButton.LeftButton)
    assert "取組状況" in panel.workflow_error.text() and panel.workflow_error.isVisible()
    progress = panel.combos["progress"]
    focus(qtbot, progress)
    QTest.keyClick(progress, Qt.Key.Key_Down)  # 未着手 … the first real choice
    QTest.keyClick(progress, Qt.Key.Key_Tab)
    assert "取組状況" not in panel.workflow_error.text()
    rating = panel.combos["rating"]
    focus(qtbot, rating)
    QTest.keyClick(rating, Qt.Key.Key_Down)
    QTest.keyClick(rating, Qt.Key.Key_Tab)
    assert not panel.workflow_error.isVisible() or panel.workflow_error.text() == ""


def test_ctrl_s_in_a_text_field_stores_it_and_says_everything_is_saved(shown, qtbot):
    panel = evaluation_tab(shown, 5)
    edit = panel.texts["achievements"]
    focus(qtbot, edit)
    type_in(edit, "説明会を開いた")
    QTest.keyClick(edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert "保存されています" in shown.statusBar().currentMessage()
    assert shown.document.evaluation(panel.measure_id(), FY).achievements == "説明会を開いた"
    assert edit.toPlainText() == "説明会を開いた"


def test_f1_in_the_evaluation_form_opens_its_chapter(shown, qtbot):
    panel = evaluation_tab(shown, 5)
    edit = panel.texts["issues"]
    focus(qtbot, edit)
    QTest.keyClick(edit, Qt.Key.Key_F1)
    help_window = shown.help_window
    qtbot.addWidget(help_window)
    assert help_window.isVisible() and help_window.browser.source().fragment() == "evaluation"


def test_a_huge_number_typed_as_no_is_refused_without_a_traceback(shown, qtbot):
    window = shown
    window.select_measure(window.document.data.measure_by_no(6).id)
    ed = window.editor
    ed.tabs.setCurrentIndex(0)
    steps = window.document.undo_stack.count()
    type_and_tab(qtbot, ed.no_edit, "99999999999999999999")
    assert ed.error_text("no") == "№は1～99999の整数で入力してください"
    assert window.document.undo_stack.count() == steps
    type_and_tab(qtbot, ed.no_edit, "6")
    assert ed.error_text("no") == ""


@pytest.mark.parametrize("query, at_most", [("こみゅにてぃ", 34), ("R6", 35), ("令和6", 35)])
def test_search_typed_in_hiragana_or_as_a_year_finds_measures(shown, qtbot, query, at_most):
    window = shown
    box = window.search_box
    focus(qtbot, box)
    type_in(box, "ＮＯＴＨＩＮＧ")
    qtbot.waitUntil(lambda: window.visible_measure_ids() == [], timeout=5000)
    QTest.keyClick(box, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_in(box, query)
    qtbot.waitUntil(lambda: 0 < len(window.visible_measure_ids()) <= at_most, timeout=5000)


@pytest.fixture
def mode(shown, qtbot):
    shown.select_measure(shown.document.data.measure_by_no(1).id)
    shown.editor.evaluation_panel.set_fiscal_year(FY)
    QTest.keyClick(shown, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    m = shown.evaluation_mode_window
    qtbot.addWidget(m)
    qtbot.waitExposed(m)
    qtbot.waitUntil(m.isActiveWindow)
    return m


def test_the_evaluation_mode_opens_with_the_cursor_in_the_first_field(mode, qtbot):
    first = mode.panel.first_editable_field()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is first)


def test_the_evaluation_mode_goes_on_by_keys_and_stores_what_was_typed(mode, shown, qtbot):
    doc = shown.document
    ms = doc.measures()
    edit = mode.panel.texts["achievements"]
    focus(qtbot, edit)
    type_in(edit, "講座を開いた")
    QTest.keyClick(edit, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert mode.current_measure_id() == ms[1].id
    assert doc.evaluation(ms[0].id, FY).achievements == "講座を開いた"
    assert QApplication.focusWidget() is mode.panel.first_editable_field()
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert mode.current_measure_id() == ms[0].id
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_PageDown,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert mode.current_measure_id() == ms[1].id  # the next one with something missing: №2
    assert shown.current_measure_id() == ms[1].id  # the main window follows


def test_ctrl_s_in_the_evaluation_mode_stores_the_field_and_says_so(mode, shown, qtbot):
    edit = mode.panel.texts["issues"]
    focus(qtbot, edit)
    type_in(edit, "参加者が少ない")
    QTest.keyClick(edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert shown.document.evaluation(mode.current_measure_id(), FY).issues == "参加者が少ない"
    assert "保存されています" in mode.save_note.text() and mode.save_note.isVisible()


def test_a_corrected_date_is_stored_when_the_mode_moves_on(mode, shown, qtbot):
    doc = shown.document
    first = mode.current_measure_id()
    line = mode.panel.dates["self_date"].line
    type_and_tab(qtbot, line, "2024/13/40")
    assert mode.panel.error_text("self_date")
    focus(qtbot, line)
    QTest.keyClick(line, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_in(line, "2024/5/10")
    QTest.keyClick(line, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert mode.current_measure_id() != first
    assert doc.evaluation(first, FY).self_date == "2024-05-10"
    mode.go_to(first)
    assert line.text() == "令和6年5月10日" and mode.panel.error_text("self_date") == ""


def test_after_the_next_period_wizard_the_tree_and_the_editor_show_the_same_measure(shown, qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox, QWizard

    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Ok))
    window = shown
    window.select_measure(window.document.data.measure_by_no(1).id)
    plan_menu = window.review_actions
    plan_menu.menu.aboutToShow.emit()
    plan_menu.act_next.trigger()
    wizard = plan_menu.dialogs[-1]
    qtbot.addWidget(wizard)
    QTest.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    QTest.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not wizard.isVisible())
    doc = window.document
    assert any(m.period == "後期" for m in doc.measures())
    shown_ids = window.visible_measure_ids()
    current = window.tree.currentIndex()
    assert window.editor.measure_id in shown_ids  # never a measure the tree does not show
    assert current.isValid() and window.proxy.mapToSource(current) == window.model.measure_index(window.editor.measure_id)


def test_a_locked_period_refuses_typing_and_says_where_to_unlock(shown, qtbot, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    window = shown
    doc = window.document
    m = doc.data.measure_by_no(7)
    doc.update_measure(m.id, "期間", period="前期")  # as the next-period wizard leaves it
    m = doc.measure(m.id)
    window.select_measure(m.id)
    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(lambda parent, title, label, items, *a: (
        next(i for i in items if i.startswith(m.period)), True)))
    window.review_actions.act_lock.trigger()  # 計画 → 期間のロック・ロック解除…
    ed = window.editor
    ed.tabs.setCurrentIndex(0)
    before = ed.issue_edit.toPlainText()
    focus(qtbot, ed.issue_edit)
    QTest.keyClick(ed.issue_edit, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    type_in(ed.issue_edit, "追記")
    QTest.keyClick(ed.issue_edit, Qt.Key.Key_Tab)
    assert ed.issue_edit.toPlainText() == before and doc.measure(m.id).issue == before
    banner = ed.lock_banner.text()
    assert ed.lock_banner.isVisible() and "「計画」メニューの「期間のロック・ロック解除…」" in banner
    panel = evaluation_tab(window, 7)  # the year's evaluation is still written in a locked period
    edit = panel.texts["achievements"]
    focus(qtbot, edit)
    type_in(edit, "実施した")
    QTest.keyClick(edit, Qt.Key.Key_Tab)
    assert doc.evaluation(m.id, FY).achievements == "実施した"


def test_a_long_text_makes_its_field_taller_and_the_cursor_stays_in_view(shown, qtbot):
    panel = evaluation_tab(shown, 8)
    edit = panel.texts["achievements"]
    focus(qtbot, edit)
    start = edit.height()
    for i in range(12):
        type_in(edit, f"{i + 1}回目の講座を開いた")
        QTest.keyClick(edit, Qt.Key.Key_Return)
    assert edit.height() > start * 3 and not edit.verticalScrollBar().isVisible()
    cursor = edit.viewport().mapTo(panel.scroll.viewport(), edit.cursorRect().center())
    assert 0 <= cursor.y() <= panel.scroll.viewport().height()  # the one scroll follows the typing
    QTest.keyClick(edit, Qt.Key.Key_Tab)
    assert shown.document.evaluation(panel.measure_id(), FY).achievements.count("講座を開いた") == 12


def test_f1_in_the_evaluation_mode_opens_the_modes_chapter(mode, shown, qtbot):
    QTest.keyClick(QApplication.focusWidget() or mode, Qt.Key.Key_F1)
    help_window = shown.help_window
    qtbot.addWidget(help_window)
    assert help_window.isVisible() and help_window.browser.source().fragment() == "mode"
