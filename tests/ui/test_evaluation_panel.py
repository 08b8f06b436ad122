"""The evaluation tab, driven through its widgets: commits, undo, inline validation, locking."""

from __future__ import annotations

import pytest

from plan_desktop.document.plan_document import PlanDocument
from plan_desktop.domain.model import Indicator, RatingLevel
from plan_desktop.storage.database import open_database
from plan_desktop.storage.repository import PlanRepository
from plan_desktop.ui.evaluation_panel import EvaluationPanel


@pytest.fixture
def edoc(qapp, db_file):
    d = PlanDocument(PlanRepository(open_database(db_file)), db_file)
    yield d
    d.repo.db.close()


@pytest.fixture
def panel(qtbot, edoc):
    p = EvaluationPanel(edoc)
    qtbot.addWidget(p)
    p.resize(1400, 900)
    m = edoc.measures()[0]
    p.set_measure(m.id)
    p.set_fiscal_year(2024)
    return p


def stored(path, no, fy):
    db = open_database(path)
    try:
        return PlanRepository(db).load().measure_by_no(no).evaluation_for(fy)
    finally:
        db.close()


def type_text(panel, key, text):
    w = panel.texts[key]
    if hasattr(w, "setPlainText"):
        w.setPlainText(text)
        w.document().setModified(True)
    else:
        w.setText(text)
        w.setModified(True)
    w.editingFinished.emit()


def choose(panel, key, data):
    combo = panel.combos[key]
    i = combo.findData(data) if data is not None else 0
    assert i >= 0, (key, data)
    combo.setCurrentIndex(i)
    combo.activated.emit(i)


def edit_cell(panel, row, col, text):
    panel.indicator_table.item(row, col).setText(text)  # emits itemChanged like the editor does


def test_identity_placeholder_and_the_years_plan(qtbot, edoc):
    p = EvaluationPanel(edoc)
    qtbot.addWidget(p)
    assert p.objectName() == "evaluationPanel"
    assert p.measure_id() is None and not p.placeholder.isHidden() and p.splitter.isHidden()
    m = edoc.measures()[0]  # №1: block 2022 and block 2023–2026, phase per year
    p.set_measure(m.id)
    p.set_fiscal_year(2022)
    shown = p.plan_view.toPlainText()
    assert m.blocks_for(2022)[0].items[0].text.splitlines()[0] in shown
    assert m.phase_in(2022) in shown
    assert m.blocks_for(2024)[0].items[0].text.splitlines()[0] not in shown or m.blocks_for(2022) == m.blocks_for(2024)
    p.set_fiscal_year(2024)
    assert m.blocks_for(2024)[0].items[0].text.splitlines()[0] in p.plan_view.toPlainText()
    assert "令和6年度" in p.plan_box.title()
    years = [p.year_combo.itemData(i) for i in range(p.year_combo.count())]
    assert years == edoc.plan.fiscal_years
    p.set_measure(None)
    assert not p.placeholder.isHidden()


def test_each_field_commits_as_one_undo_step(panel, edoc, db_file):
    m = edoc.measures()[0]
    type_text(panel, "achievements", "講座を3回開催した")
    choose(panel, "progress", "実施中")
    choose(panel, "rating", "B")
    type_text(panel, "self_author", "山田")
    type_text(panel, "issues", "参加者の固定化")
    choose(panel, "direction", "継続")
    d = panel.dates["self_date"]
    d.line.setText("R7.4.25")
    d.line.setModified(True)
    d.line.editingFinished.emit()
    assert edoc.undo_stack.count() == 7
    e = stored(db_file, m.no, 2024)
    assert (e.achievements, e.progress, e.rating, e.self_author, e.issues, e.direction, e.self_date) == (
        "講座を3回開催した", "実施中", "B", "山田", "参加者の固定化", "継続", "2025-04-25")
    assert d.text() == "令和7年4月25日"  # shown in 令和 form
    type_text(panel, "issues", "参加者の固定化")  # unchanged: no step
    assert edoc.undo_stack.count() == 7
    edoc.undo_stack.undo()
    assert panel.dates["self_date"].value() is None
    edoc.undo_stack.undo()
    assert panel.combos["direction"].currentData() is None
    edoc.undo_stack.undo()
    assert panel.texts["issues"].toPlainText() == ""
    assert panel.texts["achievements"].toPlainText() == "講座を3回開催した"
    assert "2024" in panel.year_combo.currentText() and "B" in panel.year_combo.currentText()


def test_rating_combo_shows_the_plans_scale_with_labels(panel, edoc):
    combo = panel.combos["rating"]
    texts = [combo.itemText(i) for i in range(1, combo.count())]
    assert texts == [f"{r.letter} {r.label}" for r in edoc.data.rating_scale]
    edoc.set_rating_scale([RatingLevel("S", "とても順調", "定義S", 5), RatingLevel("T", "要努力", "", 1)])
    texts = [combo.itemText(i) for i in range(1, combo.count())]
    assert texts == ["S とても順調", "T 要努力"]
    choose(panel, "rating", "S")
    assert edoc.evaluation(panel.measure_id(), 2024).rating == "S"
    assert panel.rating_definition.text() == "定義S"


def test_typed_text_survives_other_changes(panel, edoc):
    w = panel.texts["improvements"]
    w.setPlainText("書きかけの改善策")
    w.document().setModified(True)
    type_text(panel, "achievements", "実績")  # reloads the form
    assert w.toPlainText() == "書きかけの改善策"
    edoc.undo_stack.undo()
    assert w.toPlainText() == "書きかけの改善策"
    panel.set_fiscal_year(2025)  # leaving the year stores what was typed
    assert edoc.evaluation(panel.measure_id(), 2024).improvements == "書きかけの改善策"


def test_indicators_validate_inline_and_keep_the_typed_text(panel, edoc, db_file):
    m = edoc.measures()[0]
    assert panel.add_indicator()
    t = panel.indicator_table
    assert t.rowCount() == 1 and t.item(0, 0).text() == "新しい指標"
    steps = edoc.undo_stack.count()
    edit_cell(panel, 0, 0, "参加者数")
    edit_cell(panel, 0, 1, "人")
    edit_cell(panel, 0, 3, "百五十")
    assert "目標値" in panel.error_text("indicators") and "数値" in panel.error_text("indicators")
    assert t.item(0, 3).text() == "百五十" and panel.has_pending_input()
    assert stored(db_file, m.no, 2024).indicators[0].name == "参加者数"  # valid edits before were stored
    assert stored(db_file, m.no, 2024).indicators[0].target is None
    edit_cell(panel, 0, 4, "120")  # other cells still work, nothing stored while the row is wrong
    assert stored(db_file, m.no, 2024).indicators[0].actual is None
    panel.set_fiscal_year(2023)
    panel.set_fiscal_year(2024)
    assert t.item(0, 3).text() == "百五十" and t.item(0, 4).text() == "120"  # remembered, not dropped
    assert panel.error_text("indicators")
    edit_cell(panel, 0, 3, "0")
    assert "0より大きく" in panel.error_text("indicators")
    edit_cell(panel, 0, 3, "１５０")
    assert panel.error_text("indicators") == "" and not panel.has_pending_input()
    ind = stored(db_file, m.no, 2024).indicators[0]
    assert (ind.name, ind.unit, ind.target, ind.actual) == ("参加者数", "人", 150.0, 120.0)
    assert t.item(0, 5).text() == "80.0%"
    assert edoc.undo_stack.count() == steps + 3  # name, unit, and the fixed row
    assert panel.remove_indicator(0)
    assert stored(db_file, m.no, 2024).indicators == []
    edoc.undo_stack.undo()
    assert t.rowCount() == 1 and t.item(0, 5).text() == "80.0%"


def test_workflow_buttons_lock_and_unlock(panel, edoc, monkeypatch):
    mid = panel.measure_id()
    b = panel.buttons
    assert not b["department"].isEnabled()  # no record yet
    type_text(panel, "achievements", "a")
    assert b["department"].isEnabled() and not b["council"].isEnabled()
    b["department"].click()
    assert "取組状況" in panel.workflow_error.text()  # refused, reason shown
    choose(panel, "progress", "実施中")
    choose(panel, "self_rating", "B")
    b["department"].click()
    assert panel.workflow_error.isHidden()
    e = edoc.evaluation(mid, 2024)
    assert (e.status, e.rating) == ("所管課確定", "B")
    assert "所管課確定" in panel.status_label.text()
    choose(panel, "council_rating", "C")
    monkeypatch.setattr(panel, "ask", lambda title, text: True)
    b["council"].click()
    e = edoc.evaluation(mid, 2024)
    assert (e.status, e.rating) == ("会議確定", "C")
    assert panel.texts["achievements"].isReadOnly() and not panel.combos["rating"].isEnabled()
    assert not panel.lock_banner.isHidden() and "ロック解除" in panel.lock_banner.text()
    assert not b["add_indicator"].isEnabled() and not b["delete"].isEnabled() and b["unlock"].isEnabled()
    steps = edoc.undo_stack.count()
    type_text(panel, "achievements", "書き換え")  # read-only in the UI; refused by the document too
    assert edoc.evaluation(mid, 2024).achievements == "a" and edoc.undo_stack.count() == steps
    monkeypatch.setattr(panel, "ask_unlock_reason", lambda: "数値の訂正")
    b["unlock"].click()
    assert not panel.texts["achievements"].isReadOnly() and b["relock"].isEnabled()
    assert "数値の訂正" in edoc.repo.change_log(1)[0]["summary"]
    type_text(panel, "achievements", "訂正後")
    assert edoc.evaluation(mid, 2024).achievements == "訂正後"
    b["relock"].click()
    assert panel.texts["achievements"].isReadOnly() and edoc.is_evaluation_locked(mid, 2024)


def test_cancelled_dialogs_change_nothing(panel, edoc, monkeypatch):
    type_text(panel, "achievements", "a")
    monkeypatch.setattr(panel, "ask", lambda title, text: False)
    steps = edoc.undo_stack.count()
    panel.buttons["delete"].click()
    assert edoc.evaluation(panel.measure_id(), 2024) is not None and edoc.undo_stack.count() == steps
    monkeypatch.setattr(panel, "ask", lambda title, text: True)
    panel.buttons["delete"].click()
    assert edoc.evaluation(panel.measure_id(), 2024) is None


def test_start_from_last_year_button(panel, edoc):
    mid = panel.measure_id()
    assert not panel.buttons["carry"].isEnabled()
    edoc.set_evaluation_fields(mid, 2023, "x", issues="担い手不足", improvements="募集方法の見直し",
                               indicators=[Indicator("登録者", "人", 10.0, 30.0, 12.0)])
    assert panel.buttons["carry"].isEnabled()
    assert "担い手不足" in panel.plan_view.toPlainText()  # last year's result beside the form
    panel.buttons["carry"].click()
    assert panel.texts["starting_point"].toPlainText() == "担い手不足"
    assert panel.texts["planned_actions"].toPlainText() == "募集方法の見直し"
    assert panel.indicator_table.item(0, 0).text() == "登録者" and panel.indicator_table.item(0, 4).text() == ""


def test_readonly_document_shows_everything_disabled(qtbot, db_file):
    d = PlanDocument(PlanRepository(open_database(db_file)), db_file, readonly=True)
    p = EvaluationPanel(d)
    qtbot.addWidget(p)
    p.set_measure(d.measures()[0].id)
    assert p.texts["issues"].isReadOnly() and not p.combos["rating"].isEnabled()
    assert not any(b.isEnabled() for k, b in p.buttons.items() if k not in ("history", "mode"))  # viewing stays open
    assert "読み取り専用" in p.lock_banner.text()


def test_scale_button_opens_the_settings_dialog(panel, monkeypatch):
    from plan_desktop.ui import rating_scale_dialog

    opened = []
    monkeypatch.setattr(rating_scale_dialog.RatingScaleDialog, "exec", lambda self: opened.append(self) or 0)
    panel.buttons["scale"].click()
    assert len(opened) == 1 and opened[0].table.rowCount() == len(panel.document().data.rating_scale)


def test_history_button_asks_the_host(panel, qtbot):
    with qtbot.waitSignal(panel.historyRequested) as sig:
        panel.buttons["history"].click()
    assert sig.args == [panel.measure_id()]


def test_an_empty_date_can_be_typed_and_a_bad_one_is_refused_inline(panel, edoc, db_file):
    m = edoc.measures()[0]
    d = panel.dates["self_date"]
    assert d.value() is None and d.text() == ""
    d.line.setText("20240510")  # typed into the empty (未設定) field, then Tab
    d.line.setModified(True)
    d.line.editingFinished.emit()
    assert stored(db_file, m.no, 2024).self_date == "2024-05-10" and d.text() == "令和6年5月10日"
    steps = edoc.undo_stack.count()
    d.line.setText("5月32日")
    d.line.setModified(True)
    d.line.editingFinished.emit()
    assert "月・日" in panel.error_text("self_date") and d.text() == "5月32日"
    assert stored(db_file, m.no, 2024).self_date == "2024-05-10" and edoc.undo_stack.count() == steps
    panel.set_fiscal_year(2023)
    panel.set_fiscal_year(2024)
    assert d.text() == "5月32日" and panel.error_text("self_date")  # remembered, not dropped
    d.line.setText("")
    d.line.setModified(True)
    d.line.editingFinished.emit()
    assert stored(db_file, m.no, 2024).self_date is None and panel.error_text("self_date") == ""


def test_a_refused_confirmation_updates_as_the_fields_are_filled(panel, edoc):
    type_text(panel, "achievements", "a")
    panel.buttons["department"].click()
    assert "取組状況" in panel.workflow_error.text() and "進捗評価" in panel.workflow_error.text()
    choose(panel, "progress", "実施中")
    assert not panel.workflow_error.isHidden()
    assert "取組状況" not in panel.workflow_error.text() and "進捗評価" in panel.workflow_error.text()
    choose(panel, "rating", "B")
    assert panel.workflow_error.isHidden()  # nothing stale left once everything is there


def test_a_locked_record_looks_read_only_and_says_where_to_unlock(panel, edoc, monkeypatch):
    mid = panel.measure_id()
    edoc.set_evaluation_fields(mid, 2024, "x", progress="実施中", rating="B")
    monkeypatch.setattr(panel, "ask", lambda title, text: True)
    panel.buttons["department"].click()
    panel.buttons["council"].click()
    assert edoc.is_evaluation_locked(mid, 2024)
    assert all(w.isReadOnly() for w in panel.texts.values())
    assert all(d.line.isReadOnly() for d in panel.dates.values())
    assert "readOnly" in panel.form_host.styleSheet()  # greyed, not just refusing keys
    assert "「ロック解除…」" in panel.lock_banner.text() and panel.buttons["unlock"].isVisibleTo(panel)
    assert not panel.buttons["department"].isVisibleTo(panel)  # only what applies is offered


def test_plan_above_a_short_form_folds_to_a_summary_line_and_the_users_choice_stays(qtbot, edoc):
    from PySide6.QtWidgets import QApplication

    p = EvaluationPanel(edoc, placement="above")
    qtbot.addWidget(p)
    m = max(edoc.measures(), key=lambda m: len(m.blocks_for(2024)[0].items) if m.blocks_for(2024) else 0)
    p.set_measure(m.id)
    p.set_fiscal_year(2024)
    p.resize(650, 1400)  # tall: the plan and the first fields fit together
    p.show()
    qtbot.waitExposed(p)
    QApplication.processEvents()
    assert not p.plan_folded() and p.plan_view.isVisible() and not p.plan_summary.isVisible()
    p.resize(650, 420)  # a laptop's share of the window: the plan would push the fields out of view
    qtbot.waitUntil(p.plan_folded)
    assert p.plan_summary.isVisible() and not p.plan_view.isVisible()
    summary = p.plan_summary.full_text()
    assert m.phase_in(2024) in summary and f"{len(m.blocks_for(2024)[0].items)} 項目" in summary
    first = p.texts["starting_point"]
    assert first.mapTo(p, first.rect().bottomLeft()).y() < p.height()  # the first field in view
    p.plan_box.setChecked(True)  # the user wants the plan: it stays open on the short screen
    p.resize(650, 430)
    QApplication.processEvents()
    assert not p.plan_folded() and p.plan_view.isVisible()
    p.plan_box.setChecked(False)  # and folded stays folded on a tall one
    p.resize(650, 1400)
    QApplication.processEvents()
    assert p.plan_folded()


def test_a_panel_deleted_right_after_it_was_built_leaves_no_pending_work(qtbot, edoc):
    import shiboken6
    from PySide6.QtGui import QFont

    p = EvaluationPanel(edoc)  # queues a fit of the plan view for the next event-loop turn
    p.setFont(QFont(p.font().family(), 15))  # and a font change queues another
    shiboken6.delete(p)
    qtbot.wait(50)  # a fit running now on the deleted panel would raise (pytest-qt reports it)
