"""計画の設定 in the window: edits of the frame are applied as one undo step, refused with the
problem shown, and data that would move or go is announced (and asked about) first."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from plan_desktop.ui.plan_settings_dialog import PlanSettingsDialog


@pytest.fixture
def dialog(qtbot, window):
    d = PlanSettingsDialog(window.document, window)
    qtbot.addWidget(d)
    return d


def test_the_dialog_shows_the_plans_frame(dialog, doc):
    assert dialog.title_edit.text() == doc.plan.title
    assert dialog.measure_word.text() == "推進事項"
    assert [r[0][0] for r in dialog.levels.rows()] == ["取組の視点"]
    assert dialog.groups.topLevelItemCount() == 3
    assert [r[0][0] for r in dialog.stages.rows()] == ["所管課", "推進協議会・所長会議"]
    assert dialog.xref_name.text() == "提言" and dialog.xref_roman.isChecked()
    assert len(dialog.proposals.rows()) == 3 and len(dialog.communities.rows()) == 23


def test_words_and_title_apply_as_one_step_and_the_window_follows(dialog, window, doc, reopen, db_file):
    dialog.title_edit.setText("改定後の計画")
    dialog.measure_word.setText("事業")
    dialog.levels.table.item(0, 0).setText("基本方針")
    assert dialog.apply()
    assert doc.plan.title == "改定後の計画" and reopen(db_file).terms.measure == "事業"
    assert window.act_add.text().startswith("事業の追加")
    assert window.model.headerData(0, __import__("PySide6.QtCore", fromlist=["Qt"]).Qt.Orientation.Horizontal) == "事業"
    assert window.model.index(0, 0).data().startswith("基本方針1")
    assert doc.undo_stack.count() == 1
    window.undo()
    assert doc.plan.title != "改定後の計画" and window.act_add.text().startswith("推進事項の追加")


def test_groups_can_be_nested_four_deep_in_the_dialog(dialog, window, doc):
    dialog.groups.setCurrentItem(dialog.groups.topLevelItem(0))
    for name in ("柱", "施策", "細施策", "事業群"):
        item = dialog.add_group(inside=True)
        item.setText(0, name)
    assert dialog.apply()
    from plan_desktop.domain import groups as G

    deepest = next(v for v in doc.data.viewpoints if v.title == "事業群")
    assert [v.title for v in G.path_of(doc.data, deepest.no)][1:] == ["柱", "施策", "細施策", "事業群"]
    window.browser._expand_viewpoints()
    ix = window.model.viewpoint_index(deepest.no)
    assert ix.isValid() and ix.parent().parent().parent().parent() == window.model.index(0, 0)


def test_a_refused_frame_shows_why_and_changes_nothing(dialog, doc, db_file):
    before = db_file.read_bytes()
    dialog.title_edit.setText("")
    dialog.stages.table.setCurrentCell(0, 0)
    assert not dialog.apply()
    assert "計画名が空です" in dialog.message.text()
    assert db_file.read_bytes() == before and doc.undo_stack.count() == 0


def test_removing_data_asks_first_and_no_keeps_everything(dialog, doc, monkeypatch, db_file):
    asked = []

    def answer(choice):
        def ask(parent, title, text, *args, **kwargs):
            asked.append(text)
            return choice
        return staticmethod(ask)

    dialog.proposals.table.setCurrentCell(2, 0)
    dialog.proposals.remove_current()
    dialog.check()
    assert "関連" in dialog.message.text()
    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.No))
    before = db_file.read_bytes()
    assert not dialog.apply()
    assert asked and db_file.read_bytes() == before
    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Yes))
    assert dialog.apply()
    assert len(doc.data.proposals) == 2
    assert not any(3 in m.proposals for m in doc.data.measures)


def test_a_plan_without_communities_hides_the_per_community_menu(window, doc):
    window.review_actions.update_menu()
    assert window.review_actions.act_communities.isVisible()
    frame = doc.frame()
    frame.communities = []
    doc.apply_frame(frame)
    window.review_actions.update_menu()
    assert not window.review_actions.act_communities.isVisible()


def test_the_dialog_fits_the_screen_and_gives_the_groups_its_height(dialog):
    free = dialog.screen().availableGeometry()
    assert dialog.width() <= free.width() and dialog.height() <= free.height()
    assert dialog.height() >= min(700, free.height() - 60)  # a laptop's full height, not a fixed 640


def test_fixed_width_columns_show_their_whole_heading_in_english(qtbot, window, qapp):
    from plan_desktop.ui.i18n import install_translators

    translators = install_translators(qapp, "en")
    try:
        d = PlanSettingsDialog(window.document, window)
        qtbot.addWidget(d)
        for editor in (d.levels, d.directions, d.stages, d.proposals):
            h = editor.table.horizontalHeader()
            for i, c in enumerate(editor.columns):
                if c.width:
                    assert h.sectionSize(i) >= h.fontMetrics().horizontalAdvance(c.header), c.header
        assert d.directions.columns[1].header == "Ends (not carried into the next period)"
    finally:
        for t in translators:
            qapp.removeTranslator(t)


def test_the_periods_table_keeps_its_buttons_right_under_it(qtbot, dialog):
    dialog.resize(960, 720)
    dialog.show()
    qtbot.waitExposed(dialog)
    editor = dialog.periods
    table_bottom = editor.table.mapTo(dialog, editor.table.rect().bottomLeft()).y()
    buttons_top = editor.add_button.mapTo(dialog, editor.add_button.rect().topLeft()).y()
    assert 0 <= buttons_top - table_bottom < 20
