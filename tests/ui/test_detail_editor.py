"""The detail editor: every field commits as one undo step, persists at once, validates inline."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from plan_desktop.ui.detail_editor import DetailEditor


def editor_for(window, no):
    ed = window.findChild(DetailEditor, "detailEditor")
    window.select_measure(window.document.data.measure_by_no(no).id)
    assert ed.measure().no == no
    return ed


def commit_line(edit, text):
    edit.setText(text)
    edit.editingFinished.emit()


def commit_plain(edit, text):
    edit.setPlainText(text)
    edit.editingFinished.emit()


def test_typing_is_one_undo_step_per_field(window, qtbot, doc):
    ed = editor_for(window, 12)
    ed.title_edit.selectAll()
    qtbot.keyClicks(ed.title_edit, "New title")  # QTest can only type ASCII
    assert doc.undo_stack.count() == 0  # nothing written per keystroke
    ed.title_edit.editingFinished.emit()
    assert doc.undo_stack.count() == 1
    assert doc.data.measure_by_no(12).title == "New title"
    ed.title_edit.editingFinished.emit()  # unchanged: no empty step
    assert doc.undo_stack.count() == 1


def test_every_field_edit_persists_undoes_and_redoes(window, doc, db_file, reopen):
    original = reopen(db_file)
    ed = editor_for(window, 12)
    mid = ed.measure_id

    commit_line(ed.no_edit, "40")
    commit_line(ed.title_edit, "ＮＰＯ等との連携（改）")
    ed.priority_check.setChecked(True)
    ed.viewpoint_combo.setCurrentIndex(ed.viewpoint_combo.findData(2))
    ed.viewpoint_combo.activated.emit(ed.viewpoint_combo.currentIndex())
    ed.dept_combo.setEditText("総務部 人事課")
    ed.dept_add.click()
    ed.dept_combo.setEditText("新設部 新しい課")  # not in the list yet: typed in
    ed.dept_add.click()
    ed.dept_list.setCurrentRow(2)
    ed.dept_up.click()
    ed.dept_list.setCurrentRow(0)
    ed.dept_remove.click()
    combo2 = ed.proposal_combos[2]
    combo2.setCurrentIndex(combo2.findData("○"))
    combo2.activated.emit(combo2.currentIndex())
    combo1 = ed.proposal_combos[1]
    combo1.setCurrentIndex(combo1.findData(""))
    combo1.activated.emit(combo1.currentIndex())
    commit_plain(ed.issue_edit, "課題の新しい文章\n二行目")
    commit_plain(ed.content_edit, "推進内容の新しい文章")

    ap = ed.action_plan
    blk = ap.blocks[0]
    commit_line(blk.to_edit, "令和５年度")  # full-width digit, era form
    blk = ap.blocks[0]
    blk.tree.topLevelItem(0).setText(0, "調査の実施（改）")
    blk.tree.topLevelItem(0).child(1).setText(0, "＜調査内容（改）＞")
    blk.tree.setCurrentItem(blk.tree.topLevelItem(0))
    blk.add_sub_btn.click()  # sub-item appended to item 0
    ap.blocks[0].tree.setCurrentItem(ap.blocks[0].tree.topLevelItem(0))
    ap.blocks[0].add_item_btn.click()  # new item after item 0
    b1 = ap.blocks[1]
    b1.tree.setCurrentItem(b1.tree.topLevelItem(1))
    b1.up_btn.click()  # reorder items
    b1 = ap.blocks[1]
    b1.tree.setCurrentItem(b1.tree.topLevelItem(0).child(0))
    b1.del_btn.click()  # delete a sub-item
    ap.add_block_btn.click()
    commit_line(ap.blocks[2].from_edit, "R8")
    commit_line(ap.blocks[2].to_edit, "2029")

    steps = doc.undo_stack.count()
    assert steps == 22, [doc.undo_stack.text(i) for i in range(steps)]
    stored = reopen(db_file)
    m = next(x for x in stored.measures if x.id == mid)
    assert (m.no, m.title, m.priority, m.viewpoint) == (40, "ＮＰＯ等との連携（改）", True, 2)
    assert m.departments == ["新設部 新しい課", "総務部 人事課"]
    assert m.proposals == {2: "○"}
    assert (m.issue, m.content) == ("課題の新しい文章\n二行目", "推進内容の新しい文章")
    b0, b1_, b2 = m.action_plan
    assert (b0.fy_from, b0.fy_to) == (2022, 2023)
    assert b0.items[0].text == "調査の実施（改）"
    assert b0.items[0].sub[1] == "＜調査内容（改）＞" and b0.items[0].sub[-1] == "新しい細目"
    assert b0.items[1].text == "新しい項目"
    assert [i.text for i in b1_.items] == ["活動協力継続への取組", "調査結果に基づく活動協力の実施"]
    assert b1_.items[0].sub[0] == "コミュニティにおける各種団体としての登録・位置付けの明確化"
    assert (b2.fy_from, b2.fy_to, [i.text for i in b2.items]) == (2026, 2029, ["新しい項目"])
    edited = stored

    for _ in range(steps):
        doc.undo_stack.undo()
    assert reopen(db_file) == original
    assert doc.data == original
    assert ed.title_edit.text() == "ＮＰＯ・ボランティア団体等との連携の強化"
    assert len(ed.action_plan.blocks) == 2
    for _ in range(steps):
        doc.undo_stack.redo()
    again = reopen(db_file)

    def strip(d):
        return [(x.id, x.no, x.title, x.priority, x.viewpoint, x.departments, x.proposals, x.issue, x.content,
                 [(b.fy_from, b.fy_to, [(i.text, i.sub) for i in b.items]) for b in x.action_plan])
                for x in d.measures]

    assert strip(again) == strip(edited)
    assert ed.no_edit.text() == "40" and ed.priority_check.isChecked()


def test_empty_title_is_refused_inline_and_keeps_the_text(window, doc, db_file, reopen):
    ed = editor_for(window, 5)
    commit_line(ed.title_edit, "   ")
    assert ed.error_text("title") == "名称が空です"
    assert ed.title_edit.text() == "   "  # typed text kept
    assert doc.undo_stack.count() == 0
    assert reopen(db_file).measure_by_no(5).title == "コミュニティプランの改訂"
    # other fields still commit while the title is wrong
    commit_plain(ed.issue_edit, "別の欄は保存できる")
    assert reopen(db_file).measure_by_no(5).issue == "別の欄は保存できる"
    assert ed.title_edit.text() == "   " and ed.error_text("title")
    # leaving the measure and coming back keeps the draft and its message
    editor_for(window, 6)
    assert ed.error_text("title") == "" and ed.title_edit.text() == "コミュニティマップの改訂"
    editor_for(window, 5)
    assert ed.title_edit.text() == "   " and ed.error_text("title") == "名称が空です"
    commit_line(ed.title_edit, "コミュニティプランの改訂（修正）")
    assert ed.error_text("title") == ""
    assert reopen(db_file).measure_by_no(5).title == "コミュニティプランの改訂（修正）"


def test_number_validation(window, doc):
    ed = editor_for(window, 5)
    commit_line(ed.no_edit, "abc")
    assert ed.error_text("no") == "№は1～99999の整数で入力してください"
    assert ed.no_edit.text() == "abc"
    commit_line(ed.no_edit, "6")
    assert ed.error_text("no") == "№6 は既に使われています（コミュニティマップの改訂）"
    commit_line(ed.no_edit, "０")
    assert ed.error_text("no") == "№は1～99999の整数で入力してください"
    steps = doc.undo_stack.count()
    commit_line(ed.no_edit, "99999999999999999999")  # once an uncaught OverflowError
    assert ed.error_text("no") == "№は1～99999の整数で入力してください"
    assert ed.no_edit.text() == "99999999999999999999" and doc.undo_stack.count() == steps
    commit_line(ed.no_edit, "№５０")
    assert ed.error_text("no") == "" and doc.data.measures[4].no == 50 and ed.no_edit.text() == "50"


def test_year_range_validation(window, doc, db_file, reopen):
    ed = editor_for(window, 12)
    blk = ed.action_plan.blocks[1]  # 2023–2026
    commit_line(blk.to_edit, "2040")
    assert blk.year_error.text() == "年度 2040 は計画期間（2022～2031）の外です"
    assert blk.to_edit.text() == "2040"
    commit_line(blk.from_edit, "令和8年度")  # still fine on its own: 2026–2026
    assert [(b.fy_from, b.fy_to) for b in reopen(db_file).measure_by_no(12).action_plan] == [(2022, 2022), (2026, 2026)]
    assert blk.to_edit.text() == "2040" and blk.year_error.text()  # the bad field stays bad
    commit_line(blk.to_edit, "令和6年度")
    assert blk.year_error.text() == "開始年度（2026）が終了年度（2024）より後です"
    commit_line(blk.to_edit, "来年")
    assert blk.year_error.text() == "年度として読めません: '来年'"
    commit_line(blk.to_edit, "R13")
    assert blk.year_error.text() == "" and blk.to_edit.text() == "令和13年度"
    assert reopen(db_file).measure_by_no(12).action_plan[1].fy_to == 2031


def test_empty_action_item_is_refused(window, doc, db_file, reopen):
    ed = editor_for(window, 12)
    blk = ed.action_plan.blocks[0]
    blk.tree.topLevelItem(0).setText(0, "")
    assert blk.item_error.text() == "行動計画の項目が空です"
    assert doc.undo_stack.count() == 0
    assert reopen(db_file).measure_by_no(12).action_plan[0].items[0].text.startswith("コミュニティ活動に協力可能な団体の調査")
    blk.tree.topLevelItem(0).child(0).setText(0, "  ")
    assert blk.item_error.text() == "行動計画の細目が空です"


def test_department_validation(window, doc):
    ed = editor_for(window, 12)
    ed.dept_combo.setEditText("生活環境部 コミュニティ推進課")
    ed.dept_add.click()
    assert ed.error_text("departments") == "同じ担当部課が重複しています"
    assert ed.dept_combo.currentText() == "生活環境部 コミュニティ推進課"
    ed.dept_combo.setEditText("")
    ed.dept_add.click()
    assert ed.error_text("departments") == "追加する担当部課名を入力してください"
    assert doc.undo_stack.count() == 0


def test_action_plan_delete_restores_with_undo(window, doc, db_file, reopen):
    before = reopen(db_file).measure_by_no(12).action_plan
    ed = editor_for(window, 12)
    ed.action_plan.blocks[1].delete_block.click()
    assert len(reopen(db_file).measure_by_no(12).action_plan) == 1
    assert len(ed.action_plan.blocks) == 1
    doc.undo_stack.undo()
    assert reopen(db_file).measure_by_no(12).action_plan == before
    assert len(ed.action_plan.blocks) == 2


def test_external_change_refreshes_editor(window, doc):
    ed = editor_for(window, 3)
    doc.update_measure(ed.measure_id, "名称", title="外から変更")
    assert ed.title_edit.text() == "外から変更"
    assert ed.heading.text() == "№3 【重点】外から変更"


def test_readonly_document_disables_editing(qtbot, db_file, settings):
    from plan_desktop.document.plan_document import PlanDocument
    from plan_desktop.ui.main_window import MainWindow

    doc = PlanDocument.open(db_file, readonly=True)
    w = MainWindow(doc, settings)
    qtbot.addWidget(w)
    ed = w.findChild(QWidget, "detailEditor")
    assert ed.title_edit.isReadOnly() and not ed.priority_check.isEnabled()
    assert not w.act_delete.isEnabled()
    assert "読み取り専用" in w.windowTitle()
    assert not (w.model.flags(w.model.measure_index(ed.measure_id)) & Qt.ItemFlag.ItemIsDragEnabled)
    doc.close()


def test_action_items_edit_in_a_multiline_editor_keeping_line_breaks(window, doc, qtbot, db_file, reopen):
    from PySide6.QtWidgets import QPlainTextEdit

    window.show()
    qtbot.waitExposed(window)
    ed = editor_for(window, 12)
    ed.tabs.setCurrentIndex(1)
    blk = ed.action_plan.blocks[0]
    item = blk.tree.topLevelItem(0)
    assert "\n" in item.text(0)  # the seed has a two-line item
    blk.tree.editItem(item, 0)
    editor = blk.tree.findChild(QPlainTextEdit)
    assert editor is not None and editor.toPlainText() == item.text(0)
    editor.setPlainText("一行目\n二行目")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert reopen(db_file).measure_by_no(12).action_plan[0].items[0].text == "一行目\n二行目"
    assert doc.undo_stack.count() == 1


def test_tab_goes_through_the_basic_fields_top_to_bottom(window):
    from PySide6.QtCore import QPoint

    ed = editor_for(window, 12)
    window.show()
    order = ed.basic_tab_order()
    assert len(ed.proposal_combos) > 0 and order[-2:] == [ed.issue_edit, ed.content_edit]
    w, seen = order[0], []
    while len(seen) < len(order) - 1:
        w = w.nextInFocusChain()
        if w in order:
            seen.append(w)
    assert seen == order[1:]  # 提言 before 課題 and 推進内容, nothing jumps to the timeline
    page = ed.tabs.widget(0)
    tops = [x.mapTo(page, QPoint(0, 0)).y() for x in order]
    assert tops == sorted(tops)
