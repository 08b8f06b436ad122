"""Main window: menus, add/delete/move with undo, selection contract, files, settings, start-up."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QApplication, QDockWidget, QFileDialog, QLineEdit, QMessageBox, QTreeView, QWidget

ROOT = Path(__file__).resolve().parents[2]


def numbers(doc, vp=None):
    return [m.no for m in doc.measures() if vp is None or m.viewpoint == vp]


def test_contract_object_names_and_menus(window):
    assert isinstance(window.findChild(QTreeView, "measureTree"), QTreeView)
    assert isinstance(window.findChild(QLineEdit, "searchBox"), QLineEdit)
    assert window.findChild(QWidget, "detailEditor") is not None
    dock = window.findChild(QDockWidget, "timelineDock")
    assert dock is window.timeline_dock
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles == ["ファイル(&F)", "編集(&E)", "表示(&V)", "印刷(&P)", "計画(&L)", "ヘルプ(&H)"]
    assert window.print_menu.title() == "印刷(&P)"
    shortcuts = {a.objectName(): a.shortcut().toString() for a in window.findChildren(type(window.act_new))}
    assert shortcuts["actionNew"] == "Ctrl+N" and shortcuts["actionOpen"] == "Ctrl+O"
    assert shortcuts["actionUndo"] == "Ctrl+Z" and shortcuts["actionRedo"] == "Ctrl+Y"
    assert shortcuts["actionFind"] == "Ctrl+F" and shortcuts["actionEditTitle"] == "F2"
    assert shortcuts["actionDeleteMeasure"] == "Del"


def test_title_and_status_bar(window, db_file):
    assert window.windowTitle() == f"{db_file.name} — 日立市コミュニティ活動推進行動計画"
    assert str(db_file) in window.path_label.full_text()
    assert window.year_label.text().startswith("現在の年度: 令和")
    window.set_busy(True)
    assert "処理中" in window.windowTitle()
    window.set_busy(False)
    assert "処理中" not in window.windowTitle()


def test_selection_contract(window, doc, qtbot):
    m30 = doc.data.measure_by_no(30)
    with qtbot.waitSignal(window.measureSelected, timeout=10_000) as sig:
        window.select_measure(m30.id)
    assert sig.args == [m30.id]
    assert window.current_measure_id() == m30.id
    assert window.tree.currentIndex().data() == m30.display_title
    # selecting in the tree emits too
    m2 = doc.data.measure_by_no(2)
    ix = window.proxy.mapFromSource(window.model.measure_index(m2.id))
    with qtbot.waitSignal(window.measureSelected, timeout=10_000) as sig:
        window.tree.setCurrentIndex(ix)
    assert sig.args == [m2.id] and window.editor.measure_id == m2.id


def test_add_duplicate_and_undo(window, doc, db_file, reopen):
    window.select_measure(doc.data.measure_by_no(15).id)
    window.act_add.trigger()
    new = window.current_measure_id()
    assert doc.measure(new).title == "新しい推進事項" and doc.measure(new).viewpoint == 2
    assert numbers(doc, 2)[:2] == [15, 36]
    assert len(reopen(db_file).measures) == 36
    assert window.count_label.text() == "36 / 36 件"
    window.act_duplicate.trigger()
    assert window.document.measure(window.current_measure_id()).title == "新しい推進事項（複製）"
    window.act_undo.trigger()
    window.act_undo.trigger()
    assert len(reopen(db_file).measures) == 35 and window.count_label.text() == "35 / 35 件"
    window.act_redo.trigger()
    assert len(reopen(db_file).measures) == 36


def test_delete_asks_and_undo_restores_everything(window, doc, db_file, reopen, monkeypatch):
    before = reopen(db_file)
    victim = doc.data.measure_by_no(12)
    window.select_measure(victim.id)
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.No)
    window.act_delete.trigger()
    assert len(asked) == 1 and "№12" in asked[0]
    assert reopen(db_file).measure_by_no(12) is not None
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    window.act_delete.trigger()
    assert reopen(db_file).measure_by_no(12) is None
    assert window.current_measure_id() == doc.data.measure_by_no(13).id  # the next one is selected
    window.act_undo.trigger()
    assert reopen(db_file) == before
    assert window.model.measure_index(victim.id).isValid()


def test_keyboard_move_within_and_across_viewpoints(window, doc, db_file, reopen):
    window.select_measure(doc.data.measure_by_no(13).id)
    window.act_move_down.trigger()
    assert numbers(doc, 1)[-2:] == [14, 13]
    window.act_move_down.trigger()  # past the end: first of the next viewpoint
    assert numbers(doc, 2)[0] == 13 and 13 not in numbers(doc, 1)
    assert [m.no for m in reopen(db_file).measures_in(2)][0] == 13
    assert window.current_measure_id() == doc.data.measure_by_no(13).id
    window.act_move_up.trigger()  # back to the end of viewpoint 1
    assert numbers(doc, 1)[-1] == 13
    for _ in range(3):
        window.act_undo.trigger()
    assert [m.no for m in reopen(db_file).measures] == list(range(1, 36))


def test_renumber_is_one_undo_step(window, doc):
    window.select_measure(doc.data.measure_by_no(1).id)
    window.move_current(+1)
    window.act_renumber.trigger()
    assert numbers(doc, 1)[:3] == [1, 2, 3]
    window.act_undo.trigger()
    assert numbers(doc, 1)[:3] == [2, 1, 3]


def test_settings_dialog_persists_language_and_font_size(window, settings, qtbot, db_file):
    app = QApplication.instance()
    original = app.font()
    try:
        dlg = window.show_settings()
        dlg.language_combo.setCurrentIndex(dlg.language_combo.findData("en"))
        dlg.font_spin.setValue(15)
        dlg.accept()
        assert settings.value("ui/language") == "en"
        assert int(settings.value("ui/fontSize")) == 15
        assert app.font().pointSize() == 15
        assert "次回の起動" in window.statusBar().currentMessage()
        # a new settings object on the same file sees the values
        again = QSettings(settings.fileName(), QSettings.Format.IniFormat)
        from plan_desktop.ui.dialogs import stored_font_size, stored_language

        assert stored_language(again) == "en" and stored_font_size(again) == 15
        app.setFont(original)
        from plan_desktop.app import create_main_window

        w2 = create_main_window(db_file, again)
        qtbot.addWidget(w2)
        assert app.font().pointSize() == 15  # restored on start
        w2.document.close()
    finally:
        app.setFont(original)


def test_window_state_and_last_file_are_restored(qtbot, db_file, settings, no_modal_dialogs):
    from plan_desktop.app import create_main_window

    w = create_main_window(db_file, settings)
    qtbot.addWidget(w)
    w.resize(780, 560)  # inside the offscreen screen (800x600), so no clamping
    w.splitter.setSizes([300, 700])
    w.show()
    qtbot.waitExposed(w)
    w.close()
    assert Path(settings.value("files/last")) == db_file.resolve()
    w.document.close()
    w2 = create_main_window(db_file, settings)
    qtbot.addWidget(w2)
    w2.show()
    qtbot.waitExposed(w2)
    assert (w2.width(), w2.height()) == (780, 560)
    assert w2.splitter.sizes()[0] == w.splitter.sizes()[0]
    w2.document.close()


def test_save_as_continues_on_the_new_file_and_recent_files(window, doc, db_file, tmp_path, reopen, monkeypatch):
    doc.update_measure(doc.data.measure_by_no(1).id, "名称", title="コピー前の変更")
    copy_path = tmp_path / "copy.sqlite"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(copy_path), "")))
    window.act_save_copy.trigger()
    assert reopen(copy_path).measure_by_no(1).title == "コピー前の変更"
    # As in Office: the new file is now the open one, the original stays as it was.
    assert window.document is not doc and Path(window.document.path) == copy_path
    assert window.windowTitle().startswith("copy.sqlite") and str(copy_path) in window.path_label.full_text()
    assert window.model.rowCount() == 3 and window.count_label.text() == "35 / 35 件"
    window.editor.title_edit.setText("別名で保存の後の変更")
    window.editor.title_edit.editingFinished.emit()
    no = window.document.measure(window.current_measure_id()).no
    assert reopen(copy_path).measure_by_no(no).title == "別名で保存の後の変更"
    assert reopen(db_file).measure_by_no(no).title != "別名で保存の後の変更"
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(db_file), "")))
    window.act_open.trigger()
    assert Path(window.document.path) == db_file
    window.files.fill_recent_menu(window.recent_menu)
    assert str(copy_path.resolve()) in [a.text()[3:] for a in window.recent_menu.actions()]


def test_new_file_can_start_from_the_bundled_plan(window, tmp_path, reopen, monkeypatch):
    from plan_desktop.ui.new_plan_wizard import EXAMPLE

    target = tmp_path / "新しい計画"
    monkeypatch.setattr(type(window.files), "ask_new_plan", lambda self: EXAMPLE)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    window.act_new.trigger()
    created = target.with_suffix(".sqlite")
    assert Path(window.document.path) == created
    assert len(reopen(created).measures) == 35


def test_open_failure_keeps_current_file(window, doc, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QDialog

    from plan_desktop.ui.safety_dialogs import CorruptionDialog

    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"this is not a database" * 100)
    shown = []

    def refuse(dialog):
        shown.append(dialog)
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(CorruptionDialog, "exec", refuse)
    assert not window.open_file(bad)
    assert window.document is doc
    assert shown, "a damaged file must get the corruption dialog"
    assert bad.read_bytes() == b"this is not a database" * 100


def test_open_failure_of_a_foreign_file_is_explained(window, doc, tmp_path, monkeypatch):
    import sqlite3

    other = tmp_path / "other.sqlite"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: shown.append(a[2]))
    assert not window.open_file(other)
    assert window.document is doc
    assert shown and "other.sqlite" in shown[0]


def test_about_dialog_shows_font_licence(window):
    dlg = window.show_about(licence=True)
    assert "IPA" in dlg.licence_text.toPlainText()
    assert dlg.tabs.currentWidget() is dlg.licence_text
    dlg.close()


def test_english_translation_catalogue(qapp):
    from plan_desktop.ui.i18n import install_translators

    translators = install_translators(qapp, "en")
    try:
        assert QCoreApplication.translate("MainWindow", "ファイル(&F)") == "&File"
        assert QCoreApplication.translate("DetailEditor", "推進内容") == "Promotion content"
        assert QCoreApplication.translate("MeasureTreeModel", "担当部課") == "Department"
    finally:
        for t in translators:
            qapp.removeTranslator(t)
    assert QCoreApplication.translate("MainWindow", "ファイル(&F)") == "ファイル(&F)"


def test_run_gui_offers_recovery_for_a_damaged_file_and_exits_when_declined(qapp, tmp_path, monkeypatch, settings):
    import argparse

    from PySide6.QtWidgets import QDialog

    from plan_desktop import app as app_module
    from plan_desktop.ui.safety_dialogs import CorruptionDialog

    bad = tmp_path / "broken.sqlite"
    bad.write_bytes(b"garbage" * 1000)
    shown = []

    def decline(dialog):
        shown.append(dialog)
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(CorruptionDialog, "exec", decline)
    monkeypatch.setattr(app_module, "default_settings", lambda: settings)
    args = argparse.Namespace(db=bad, exit_after_show=True, screenshot=None, lang=None)
    assert app_module.run_gui(args) == 1
    assert shown
    assert bad.read_bytes() == b"garbage" * 1000


def test_run_gui_explains_a_foreign_file_in_japanese(qapp, tmp_path, monkeypatch, settings):
    import argparse
    import sqlite3

    from plan_desktop import app as app_module

    other = tmp_path / "other.sqlite"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: shown.append((a[1], a[2])))
    monkeypatch.setattr(app_module, "default_settings", lambda: settings)
    args = argparse.Namespace(db=other, exit_after_show=True, screenshot=None, lang=None)
    assert app_module.run_gui(args) == 1
    assert shown[0][0] == "ファイルを開けません" and "計画ファイルではありません" in shown[0][1]


@pytest.mark.slow
def test_exit_after_show_and_screenshot_in_a_real_process(db_file, tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "cfg"),
               HOME=str(tmp_path))
    shot = tmp_path / "shot.png"
    r = subprocess.run([sys.executable, "-m", "plan_desktop", "--db", str(db_file), "--exit-after-show",
                        "--screenshot", str(shot)], env=env, capture_output=True, text=True, encoding="utf-8", timeout=60, cwd=ROOT)
    assert r.returncode == 0, r.stderr
    assert shot.stat().st_size > 10_000


def test_shortcuts_respect_focus(window, doc, qtbot, monkeypatch):
    from PySide6.QtCore import Qt

    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    window.select_measure(doc.data.measure_by_no(3).id)
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.No)
    window.editor.title_edit.setFocus()
    qtbot.waitUntil(lambda: window.editor.title_edit.hasFocus(), timeout=10_000)
    qtbot.keyClick(window.editor.title_edit, Qt.Key.Key_Delete)
    assert asked == []  # Delete while typing deletes a character, not the measure
    window.tree.setFocus()
    qtbot.waitUntil(lambda: window.tree.hasFocus(), timeout=10_000)
    qtbot.keyClick(window.tree, Qt.Key.Key_Delete)
    assert len(asked) == 1


def test_undo_commits_the_field_being_typed_first(window, doc, qtbot, db_file, reopen):
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    ed = window.editor
    window.select_measure(doc.data.measure_by_no(3).id)
    doc.update_measure(ed.measure_id, "課題", issue="先の変更")
    ed.title_edit.setFocus()
    qtbot.waitUntil(lambda: ed.title_edit.hasFocus(), timeout=10_000)
    ed.title_edit.setText("入力途中の名称")  # not committed yet
    window.act_undo.trigger()
    # the typing became its own step and was undone; the earlier step is still there
    assert reopen(db_file).measure_by_no(3).issue == "先の変更"
    window.act_redo.trigger()
    assert reopen(db_file).measure_by_no(3).title == "入力途中の名称"
    assert ed.title_edit.text() == "入力途中の名称"


def test_selecting_another_measure_commits_typing_and_f2_edits_title(window, doc, qtbot, db_file, reopen):
    from PySide6.QtCore import Qt

    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    ed = window.editor
    window.select_measure(doc.data.measure_by_no(3).id)
    ed.issue_edit.setFocus()
    qtbot.waitUntil(lambda: ed.issue_edit.hasFocus(), timeout=10_000)
    ed.issue_edit.setPlainText("選択を変える前の入力")
    window.select_measure(doc.data.measure_by_no(4).id)  # e.g. a click in the timeline
    assert reopen(db_file).measure_by_no(3).issue == "選択を変える前の入力"
    assert ed.measure().no == 4
    window.tree.setFocus()
    qtbot.waitUntil(lambda: window.tree.hasFocus(), timeout=10_000)
    qtbot.keyClick(window.tree, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: ed.title_edit.hasFocus(), timeout=10_000)


def test_bundled_font_is_the_fallback_for_japanese(qapp):
    from PySide6.QtGui import QFontDatabase, QFontMetrics

    from plan_desktop.app import bundled_font_family, install_font_fallback

    original = qapp.font()
    try:
        family = bundled_font_family()
        assert family == "IPAexGothic"
        font = install_font_fallback(qapp, 13)
        assert font.families()[-1] == family and font.pointSize() == 13
        assert QFontDatabase.WritingSystem.Japanese in QFontDatabase.writingSystems(family)
        assert QFontMetrics(qapp.font()).inFontUcs4(ord("推")) or QFontMetrics(
            QFontDatabase.font(family, "", 12)).inFontUcs4(ord("推"))
    finally:
        qapp.setFont(original)


def _accelerator(text: str) -> str | None:
    import re

    m = re.search(r"&(\w)", text.replace("&&", ""))
    return m.group(1).upper() if m else None


def _menu_keys(menu) -> list[tuple[str, list[str | None]]]:
    """(menu title, the accelerator of each item) for *menu* and each submenu in it, filled as when opened."""
    menu.aboutToShow.emit()
    keys = [_accelerator(a.text()) for a in menu.actions() if not a.isSeparator() and a.isVisible()]
    found = [(menu.title(), keys)]
    for a in menu.actions():
        if a.menu() is not None and a.isVisible():
            found += _menu_keys(a.menu())
    return found


def test_every_menu_item_has_its_own_accelerator_in_its_menu(window, monkeypatch):
    """Alt+letter reaches every item: 編集, 表示, 計画 (its period submenu too), ファイル, 印刷, ヘルプ,
    and the tree's context menu; no letter twice in one menu."""
    menus = [top.menu() for top in window.menuBar().actions()]
    assert {m.objectName() for m in menus} >= {"fileMenu", "editMenu", "viewMenu", "printMenu", "planMenu", "helpMenu"}
    checked = [found for m in menus for found in _menu_keys(m)]
    assert any(title == "表示する期間(&P)" and len(keys) >= 3 for title, keys in checked)  # すべて + the periods
    for title, keys in checked:
        assert all(keys), (title, keys)
        assert len(keys) == len(set(keys)), (title, keys)
    from PySide6.QtWidgets import QMenu

    shown = []
    monkeypatch.setattr(QMenu, "popup", lambda self, *a: shown.append(self))
    window._tree_context_menu(window.tree.rect().center())
    keys = [_accelerator(a.text()) for a in shown[0].actions() if not a.isSeparator()]
    assert all(keys) and len(keys) == len(set(keys)), keys


def test_status_message_never_overlaps_the_path_after_a_font_change(window, qtbot):
    app = QApplication.instance()
    original = app.font()
    try:
        window.show()
        window.apply_font_size(original.pointSize() + 4)
        window.statusBar().showMessage("表示言語は次回の起動から切り替わります。")
        assert not window.path_label.isVisible()  # the message has the bar to itself
        window.statusBar().clearMessage()
        assert window.path_label.isVisible()
        assert window.path_label.sizeHint().width() <= window.width()  # elided, never widens the window
    finally:
        app.setFont(original)


def test_f1_opens_the_offline_guide_at_the_evaluation_chapter(window, qtbot):
    from plan_desktop.ui.help_window import help_dir

    assert (help_dir() / "index.html").is_file()
    act = window.findChild(type(window.act_new), "actionHelp")
    assert act.shortcut().toString() == "F1" and act in window.help_menu.actions()
    window.show()
    window.editor.tabs.setCurrentWidget(window.editor.evaluation_panel)
    window.editor.evaluation_panel.texts["achievements"].setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.editor.evaluation_panel.texts["achievements"])
    act.trigger()
    help_window = window.help_window
    qtbot.addWidget(help_window)
    assert help_window.isVisible() and help_window.browser.source().fragment() == "evaluation"
    text = help_window.browser.toPlainText()
    for chapter in ("年度の評価の進め方", "会議用の資料を印刷する", "Excel で入力", "バックアップと復元", "ノートパソコン"):
        assert chapter in text
    images = list((help_dir() / "images").glob("*.png"))
    assert images and all(p.stat().st_size < 400_000 for p in images)  # small PNGs shipped with the app
    for name in ("main-window.png", "evaluation-tab.png", "evaluation-mode.png"):
        assert (help_dir() / "images" / name).is_file()


def test_evaluation_mode_opens_from_the_view_menu_and_follows_into_the_tree(window, qtbot):
    act = window.findChild(type(window.act_new), "actionEvaluationMode")
    assert act in window.view_menu.actions() and act.shortcut().toString() == "Ctrl+Shift+E"
    act.trigger()
    mode = window.evaluation_mode_window
    qtbot.addWidget(mode)
    assert mode.current_measure_id() == window.current_measure_id()
    mode.go_next()
    assert window.current_measure_id() == mode.current_measure_id()
    window.editor.evaluation_panel.buttons["mode"].click()  # the same window from the evaluation tab
    assert window.evaluation_mode_window is not mode


def test_showing_another_period_moves_the_editor_with_the_tree(window, doc):
    assert [p.name for p in doc.data.plan.periods] == ["前期", "後期"]
    for i, m in enumerate(doc.measures()):  # as the next-period wizard leaves them
        doc.update_measure(m.id, "期間", period="前期" if i < 20 else "後期")
    window.select_measure(doc.measures()[0].id)
    doc.set_period_filter("後期")
    assert window.current_measure_id() == window.visible_measure_ids()[0]  # the tree's first row, not №1 of 前期
    assert window.editor.measure().period == "後期"


def test_timeline_dock_first_height_follows_the_font_size(qtbot, db_file, tmp_path, no_modal_dialogs):
    """With no saved layout the dock opens tall enough for the header, a row and the legend at the
    stored font size (at 14 pt too), never the fixed height of the default font."""
    from plan_desktop.app import create_main_window

    app = QApplication.instance()
    original = app.font()
    heights = {}
    try:
        for pt in (original.pointSize(), 14):
            s = QSettings(str(tmp_path / f"fresh-{pt}.ini"), QSettings.Format.IniFormat)
            s.setValue("ui/fontSize", pt)
            w = create_main_window(db_file, s)
            qtbot.addWidget(w)
            w.show()
            qtbot.waitExposed(w)
            QApplication.processEvents()
            t = w.timeline
            assert t.font().pointSize() == pt
            assert t.height() >= t.height_for_rows(1), pt
            heights[pt] = (w.first_timeline_height(w.screen().availableGeometry()), t.minimumHeight())
            w.close()
            w.document.close()
            app.setFont(original)
    finally:
        app.setFont(original)
    assert heights[14][0] > heights[original.pointSize()][0]
    assert heights[14][1] > heights[original.pointSize()][1]


def test_timeline_dock_first_height_leaves_room_for_measures_below_nested_headings(city_window, window):
    """A plan nested four levels deep has a heading per level above its first measure; the dock's
    first height counts them, so measure rows show below them (not only headings)."""
    from PySide6.QtCore import QRect

    big = QRect(0, 0, 1920, 1040)
    assert window.timeline.headings_before_first_measure() == 1  # the bundled plan: one 取組の視点
    nested = city_window.timeline.headings_before_first_measure()
    assert nested >= 3
    for w, headings in ((window, 1), (city_window, nested)):
        t = w.timeline
        first = w.first_timeline_height(big)
        extra = first - t.height_for_rows(4 + headings)  # the dock's title bar
        assert 0 < extra < t.height_for_rows(1)


def test_reopening_the_file_opened_last_leaves_the_settings_file_alone(window, db_file, settings, tmp_path):
    ini = tmp_path / "settings.ini"
    other = tmp_path / "other.sqlite"
    window.remember_file(other)
    window.remember_file(db_file)  # the file opened last, on top of the recent list
    settings.sync()
    written = ini.read_bytes(), ini.stat().st_mtime_ns
    window.remember_file(db_file)
    settings.sync()
    assert (ini.read_bytes(), ini.stat().st_mtime_ns) == written  # nothing written
    assert Path(settings.value("files/last")) == db_file.resolve()
    window.remember_file(other)  # another file: the last file and the recent list change
    settings.sync()
    assert Path(settings.value("files/last")) == other.resolve()
    from plan_desktop.ui.file_handling import recent_files

    assert recent_files(settings)[:2] == [str(other.resolve()), str(db_file.resolve())]
