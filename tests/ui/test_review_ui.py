"""The 計画 menu, review view, next-period wizard and community matrix on a minimal main window."""

import pytest
from period_sample import make_document, sample_plan
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow

from plan_desktop.ui.community_matrix import CommunityMatrixWidget, CommunitySetupDialog
from plan_desktop.ui.next_period_wizard import NextPeriodWizard
from plan_desktop.ui.review_view import ReviewView, install_review_actions


class MiniWindow(QMainWindow):
    def __init__(self, document):
        super().__init__()
        self.document = document
        self.selected = []

    def select_measure(self, measure_id):
        self.selected.append(measure_id)


@pytest.fixture
def doc(qapp):
    d = make_document()
    yield d
    d.close()


def test_menu_switches_the_period_filter_and_opens_the_review(qtbot, doc):
    win = MiniWindow(doc)
    qtbot.addWidget(win)
    actions = install_review_actions(win)
    assert win.review_actions is actions
    titles = [a.text() for a in win.menuBar().actions()]
    assert "計画(&L)" in titles
    actions.update_menu()
    labels = [a.text() for a in actions.period_menu.actions()]
    assert labels[0] == "すべて(&A)" and labels[1].startswith("第1期") and labels[1].endswith("(&1)")
    actions.period_menu.actions()[2].trigger()
    assert doc.period_filter == "第2期"
    dialog = actions.open_review()
    qtbot.addWidget(dialog)
    assert dialog.view.period() == "第2期"
    dialog.view.measure_activated.emit(doc.data.measures[0].id)
    assert win.selected == [doc.data.measures[0].id]


def test_review_view_shows_the_figures_and_follows_edits(qtbot, doc, tmp_path):
    view = ReviewView(doc, "第1期")
    qtbot.addWidget(view)
    # The sample's records are all drafts: confirmed only (the default, as on paper) nothing has started.
    assert "目標" not in view.headline.text() and "着手率 <b>0.0%</b>" in view.headline.text()
    t = view.measures_table
    assert t.rowCount() == 5
    # As the printed review: only 会議確定 ratings count unless asked (the sample's are all drafts).
    assert not view.drafts_check.isChecked() and "確定した評価のみ" in view.headline.text()
    assert [t.item(0, c).text() for c in (2, 3, 4)] == ["－", "－", "－"]
    view.drafts_check.setChecked(True)
    assert "確定していない評価（案）" in view.headline.text() and "着手率 <b>40.0%</b>" in view.headline.text()
    assert [t.item(0, c).text() for c in (2, 3, 4)] == ["S案", "S案", "M案"]  # marked as on paper
    assert t.item(2, 5).text() == "未着手"
    assert "№4、№5" in view.lists.text().replace("\u200b", "")
    doc.set_evaluation_fields(doc.data.measures[3].id, 2022, progress="実施中", rating="M")
    assert "着手率 <b>60.0%</b>" in view.headline.text()
    hits = []
    view.measure_activated.connect(lambda mid: hits.append(mid))
    view._activated(1, 0)
    assert hits == [view.review.measures[1].id]
    out = view.save_pdf(str(tmp_path / "r.pdf"))
    assert out and (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")
    from pypdf import PdfReader

    text = "".join(p.extract_text() for p in PdfReader(str(tmp_path / "r.pdf")).pages).replace("\n", "")
    assert "確定していない評価（案）" in text and "含みます" in text  # the PDF counts what the window counted


def test_a_review_pdf_that_cannot_be_written_is_reported_not_raised(qtbot, doc, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    view = ReviewView(doc, "第1期")
    qtbot.addWidget(view)
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(a[2]))
    target = tmp_path / "missing-folder" / "r.pdf"
    assert view.save_pdf(str(target)) is None
    assert len(shown) == 1 and str(target) in shown[0] and "保存できませんでした" in shown[0]


def test_wizard_defaults_merge_and_apply_as_one_undo_step(qtbot, doc):
    wizard = NextPeriodWizard(doc)
    qtbot.addWidget(wizard)
    wizard.show()
    assert wizard.source() == "第1期" and wizard.target() == "第2期"
    wizard.next()
    page = wizard.draft_page
    t = page.table
    assert t.rowCount() == 5
    included = [t.item(r, 0).checkState() == Qt.CheckState.Checked for r in range(5)]
    assert included == [False, True, False, True, True]
    assert "完了" in t.item(0, 5).text()
    # Through the selection model: selectRow() follows the keyboard modifiers Qt believes are held.
    flags = t.selectionModel().SelectionFlag
    t.selectionModel().select(t.model().index(1, 0), flags.ClearAndSelect | flags.Rows)
    t.selectionModel().select(t.model().index(3, 0), flags.Select | flags.Rows)
    assert page.selected_keys() == [page.w.rows[1].key, page.w.rows[3].key]
    assert page.merge_selected()
    assert t.rowCount() == 4 and t.item(1, 2).text() == "地域の拠点づくり／自治会の加入促進"
    t.item(1, 2).setText("拠点と加入")
    page.add_row("新規の取組")
    t.item(t.rowCount() - 1, 1).setText("1")  # clashes with №1
    assert not page.isComplete() and "既に" in page.problems.text()
    page.renumber()
    assert page.isComplete()
    wizard.accept()
    assert doc.undo_stack.count() == 1
    new = [m for m in doc.data.measures if m.period == "第2期"]
    assert sorted(m.title for m in new) == ["拠点と加入", "新規の取組", "配布方式の見直し"]
    assert doc.period_filter == "第2期" and doc.is_period_locked("第1期")
    doc.undo_stack.undo()
    assert all(m.period is None for m in doc.data.measures) and len(doc.data.measures) == 5


def test_matrix_edits_are_undo_steps_and_update_the_summary(qtbot, doc, tmp_path):
    w = CommunityMatrixWidget(doc)
    qtbot.addWidget(w)
    assert w.measure_box.count() == 2  # №4 and №5 are per community
    assert w.table.rowCount() == 3 and w.table.columnCount() == 6  # unassigned, no entries: the whole plan
    assert "3地区中0地区で改訂済み" in w.summary.text()
    c0 = doc.data.communities[0].id
    assert w.set_cell(c0, 2021, "完了")
    assert "3地区中1地区で改訂済み" in w.summary.text()
    assert w.table.item(0, 1).text() == "完了" and w.table.item(0, 2).text() == "完了"  # carried to 2022 (grey)
    w.table.setCurrentCell(0, 1)
    w.note.setText("総会で承認")
    assert w.commit_note()
    assert doc.community_entry(doc.data.measures[3].id, c0, 2021).note == "総会で承認"
    assert doc.undo_stack.count() == 2
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    assert "3地区中0地区で改訂済み" in w.summary.text() and w.table.item(0, 1).text() == ""
    # the combo-box delegate writes through the document
    w.table.setCurrentCell(1, 0)
    index = w.table.model().index(1, 0)
    editor = w.table.itemDelegate().createEditor(w.table.viewport(), None, index)
    editor.setCurrentIndex(editor.findData("実施中"))
    w.table.itemDelegate().setModelData(editor, w.table.model(), index)
    assert doc.community_entry(doc.data.measures[3].id, doc.data.communities[1].id, 2020).status == "実施中"
    assert w.export_package(c0, str(tmp_path / "c.json")) == 0
    assert w.save_pdf(str(tmp_path / "m.pdf"))


def test_setup_dialog_flags_a_measure(qtbot, doc, monkeypatch):
    m = doc.data.measures[0]
    dialog = CommunitySetupDialog(doc, m.id)
    qtbot.addWidget(dialog)
    assert not dialog.enabled.isChecked()
    dialog.enabled.setChecked(True)
    dialog.options.setText("回覧、掲示、配布")
    dialog.done_box.setCurrentIndex(dialog.done_box.findData("配布"))
    dialog.done_text.setText("配布済み")
    dialog.accept()
    assert doc.measure(m.id).community.options == ["回覧", "掲示", "配布"]
    assert doc.community_summary(m.id, 2020) == "3地区中0地区で配布済み"



def test_a_locked_period_looks_read_only_and_names_the_real_menu_item(qtbot):
    from plan_desktop.ui.detail_editor import DetailEditor

    data = sample_plan()
    for m in data.measures:
        m.period = "第1期"
    d = make_document(data)
    win = MiniWindow(d)
    qtbot.addWidget(win)
    actions = install_review_actions(win)
    ed = DetailEditor(d)
    qtbot.addWidget(ed)
    ed.set_measure(d.measures()[0].id)
    assert ed.lock_banner.isHidden() and not ed.title_edit.isReadOnly()
    d.set_period_locked("第1期", True)
    assert not ed.lock_banner.isHidden()
    menu = actions.menu.title().replace("(&L)", "")
    item = actions.act_lock.text().replace("(&K)", "")
    assert f"「{menu}」メニューの「{item}」" in ed.lock_banner.text()  # the menu the user will actually find
    assert ed.title_edit.isReadOnly() and ed.content_edit.isReadOnly() and not ed.priority_check.isEnabled()
    assert not ed.action_plan.add_block_btn.isEnabled() and "readOnly" in ed.tabs.widget(0).styleSheet()
    assert not ed.evaluation_panel.texts["achievements"].isReadOnly()  # evaluations stay open
    d.set_period_locked("第1期", False, reason="訂正")
    assert ed.lock_banner.isHidden() and not ed.title_edit.isReadOnly()
    d.close()



def test_the_lists_of_measure_numbers_wrap_instead_of_widening_the_review(qtbot, window):
    dialog = window.review_actions.open_review()  # the bundled plan: 35 measures, none evaluated
    qtbot.addWidget(dialog)
    assert dialog.view.lists.text().count("№") > 60
    # once: all the numbers on one unbreakable line, wider than a laptop screen at 14 pt
    assert dialog.minimumSizeHint().width() < 1000


def test_a_closed_review_window_is_deleted_and_no_longer_refreshes(qtbot, doc, monkeypatch):
    from PySide6.QtCore import QCoreApplication, QEvent

    from plan_desktop.ui.review_view import ReviewDialog

    win = MiniWindow(doc)
    qtbot.addWidget(win)
    actions = install_review_actions(win)
    refreshed = []
    real_refresh = ReviewView.refresh
    monkeypatch.setattr(ReviewView, "refresh", lambda self: (refreshed.append(self), real_refresh(self)))
    first, second = actions.open_review(), actions.open_review()
    doc.set_evaluation_fields(doc.data.measures[3].id, 2022, progress="実施中")
    assert first.view in refreshed and second.view in refreshed  # both open: both follow the edit
    first.close()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert win.findChildren(ReviewDialog) == [second]  # the closed one is gone, not hidden
    assert actions.dialogs == [second]
    refreshed.clear()
    doc.set_evaluation_fields(doc.data.measures[3].id, 2022, progress="完了")
    assert refreshed == [second.view]
    second.close()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert win.findChildren(ReviewDialog) == [] and actions.dialogs == []
    doc.set_evaluation_fields(doc.data.measures[3].id, 2022, progress="実施中")  # no window left to refresh
    assert refreshed == [second.view]
