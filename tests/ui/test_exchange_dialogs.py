"""Exchange dialogs and File-menu actions, on a minimal main window (file dialogs and message boxes mocked)."""

from __future__ import annotations

import shutil

import pytest
from openpyxl import load_workbook
from PySide6.QtWidgets import QDialog, QFileDialog, QMainWindow, QMessageBox

from plan_desktop.document.plan_document import PlanDocument
from plan_desktop.domain.file_names import safe_file_name
from plan_desktop.exchange.importer import preview_file
from plan_desktop.exchange.merge import OURS, THEIRS, plan_for_repository
from plan_desktop.exchange.merge_sources import load_source
from plan_desktop.exchange.xlsx_export import export_workbook
from plan_desktop.storage.database import open_database
from plan_desktop.storage.repository import PlanRepository, touched
from plan_desktop.ui import exchange_dialogs
from plan_desktop.ui.exchange_dialogs import (
    ExportDialog,
    ImportPreviewDialog,
    MergeDialog,
)
from plan_desktop.ui.exchange_menu import install_exchange_actions


class _Window(QMainWindow):
    """What install_exchange_actions needs from the real main window: file_menu, act_quit, document."""

    def __init__(self, document):
        super().__init__()
        self.document = document
        self.file_menu = self.menuBar().addMenu("ファイル(&F)")
        self.file_menu.addAction("開く(&O)…")
        self.file_menu.addSeparator()
        self.act_quit = self.file_menu.addAction("終了(&X)")


@pytest.fixture
def plan_path(db_file):
    open_database(db_file, backups=False).close()  # migrate once
    return db_file


@pytest.fixture
def win(qtbot, plan_path):
    doc = PlanDocument(PlanRepository(open_database(plan_path)), plan_path)
    w = _Window(doc)
    qtbot.addWidget(w)
    yield w
    doc.repo.db.close()


@pytest.fixture
def messages(monkeypatch):
    seen = []
    for kind in ("information", "warning", "critical"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(lambda parent, title, text, *a, k=kind: seen.append((k, text))))
    return seen


def _edited_workbook(doc, path, title="ダイアログで変更した名称"):
    export_workbook(doc.data, path)
    wb = load_workbook(path)
    ws = wb["推進事項"]
    col = next(c.column for c in ws[2] if c.value == "名称")
    ws.cell(3, col).value = title
    wb.save(path)
    return path


def test_actions_are_added_to_the_file_menu_before_quit(win):
    actions = install_exchange_actions(win)
    texts = [a.text() for a in win.file_menu.actions()]
    assert texts[-5:] == ["エクスポート(&E)…", "インポート(&I)…", "別のファイルから取り込み(&M)…", "", "終了(&X)"]
    assert set(actions) == {"export", "import", "merge"}
    assert actions["import"].objectName() == "actionImport"


def test_preview_dialog_lists_changes_per_measure_and_field(qtbot, qtmodeltester, win, tmp_path):
    path = _edited_workbook(win.document, tmp_path / "x.xlsx")
    preview = preview_file(win.document.data, path)
    dlg = ImportPreviewDialog(preview)
    qtbot.addWidget(dlg)
    m0 = win.document.data.measures[0]
    rows = dlg.visible_rows()
    assert rows == [(f"№{m0.no} ダイアログで変更した名称", "変更"), ("  名称", "変更")]
    assert dlg.apply_button.isEnabled()
    assert "変更 1 件" in dlg.summary.text() and "変更なし 34 件" in dlg.summary.text()
    model = dlg.model
    top = model.index(0, 0)
    name_row = next(r for r in range(model.rowCount(top)) if model.index(r, 0, top).data() == "名称")
    assert [model.index(name_row, c, top).data() for c in (2, 3)] == [m0.title, "ダイアログで変更した名称"]
    dlg.only_changes.setChecked(False)
    rows = dlg.visible_rows()
    assert ("  課題", "変更なし") in rows and len([r for r in rows if not r[0].startswith("  ")]) == 35
    qtmodeltester.check(dlg.model)
    assert not dlg.problem_table.isVisibleTo(dlg)


def test_preview_dialog_shows_problems_with_sheet_row_and_column(qtbot, win, tmp_path):
    path = tmp_path / "bad.xlsx"
    export_workbook(win.document.data, path)
    wb = load_workbook(path)
    ws = wb["推進事項"]
    ws.cell(4, 2).value = "二"
    wb.save(path)
    dlg = ImportPreviewDialog(preview_file(win.document.data, path))
    qtbot.addWidget(dlg)
    t = dlg.problems_model
    assert t.rowCount() == 1
    assert t.row(0)[:3] == ("推進事項", "4", "B（取組の視点）")
    assert "数値でなければなりません" in t.row(0)[3]
    assert not dlg.apply_button.isEnabled()
    assert not dlg.tree.isVisibleTo(dlg)
    assert "問題が 1 件" in dlg.summary.text()


def test_import_action_previews_applies_backs_up_and_undoes(qtbot, win, tmp_path, monkeypatch, messages):
    path = _edited_workbook(win.document, tmp_path / "x.xlsx")
    actions = install_exchange_actions(win)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), "")))
    shown = []

    def accept(self):
        shown.append(self)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ImportPreviewDialog, "exec", accept)
    doc = win.document
    old_title = doc.data.measures[0].title
    actions["import"].trigger()
    assert len(shown) == 1 and shown[0].preview.has_changes
    assert doc.data.measures[0].title == "ダイアログで変更した名称"
    assert doc.repo.load().measures[0].title == "ダイアログで変更した名称"
    assert messages and messages[-1][0] == "information"
    assert list((win.document.path.parent / "backups").glob("*-import.sqlite"))
    assert doc.undo_stack.count() == 1
    doc.undo_stack.undo()
    assert doc.data.measures[0].title == old_title
    assert doc.repo.load().measures[0].title == old_title


def test_import_of_a_bad_file_writes_nothing_even_if_accepted(qtbot, win, tmp_path, monkeypatch, messages):
    bad = tmp_path / "bad.xlsx"
    bad.write_text("not a workbook", encoding="utf-8")
    before = win.document.repo.load()
    handler = exchange_dialogs._ExchangeActions(win)
    monkeypatch.setattr(ImportPreviewDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    assert handler.import_from(bad) is False
    assert win.document.repo.load() == before
    assert win.document.undo_stack.count() == 0


def test_an_ods_reply_can_be_picked_and_gets_the_plain_sentence(qtbot, win, tmp_path, monkeypatch, messages):
    import zipfile

    ods = tmp_path / "返信 デジタル推進課.ods"
    with zipfile.ZipFile(ods, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", "<office:document-content/>")
    filters = []

    def pick(*args, **kwargs):
        filters.append(args[3] if len(args) > 3 else kwargs.get("filter", ""))
        return str(ods), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(pick))
    shown = []
    monkeypatch.setattr(ImportPreviewDialog, "exec", lambda self: shown.append(self) or QDialog.DialogCode.Rejected)
    install_exchange_actions(win)["import"].trigger()
    assert "*.ods" in filters[0].split(";;")[0]
    text = shown[0].summary.text() + "".join(shown[0].problems_model.row(0))
    assert "OpenDocument 形式（.ods）" in text and ".xlsx" in text and "Exception" not in text
    assert not shown[0].apply_button.isEnabled()


def _conflicting_copy(win, tmp_path):
    other = tmp_path / "laptop-b.sqlite"
    win.document.save_copy(other) if hasattr(win.document, "save_copy") else shutil.copyfile(win.document.path, other)
    repo = PlanRepository(open_database(other, backups=False))
    data = repo.load()
    repo.save_measure(touched(data.measures[0], title="相手の名称"))
    repo.save_measure(touched(data.measures[1], title="相手だけの変更"))
    repo.db.close()
    win.document.replace_measure(touched(win.document.data.measures[0], title="こちらの名称"), "名称の変更")
    win.document.undo_stack.clear()
    return other


def test_merge_dialog_shows_conflicts_side_by_side_with_a_choice(qtbot, win, tmp_path):
    other = _conflicting_copy(win, tmp_path)
    plan = plan_for_repository(win.document.repo, load_source(other), win.document.data)
    dlg = MergeDialog(plan)
    qtbot.addWidget(dlg)
    assert dlg.conflict_model.rowCount() == 1
    assert dlg.conflict_model.row(0)[0].endswith("こちらの名称")
    detail = {r[0]: (r[1], r[2]) for r in (dlg.detail_model.row(i) for i in range(dlg.detail_model.rowCount()))}
    assert detail["名称"] == ("こちらの名称", "相手の名称")
    assert dlg.change_model.rowCount() == 1 and dlg.change_model.row(0)[1].endswith("相手だけの変更")
    assert plan.conflicts[0].choice == OURS
    dlg.set_choice(0, THEIRS)
    assert plan.conflicts[0].choice == THEIRS
    dlg.all_ours.click()
    assert plan.conflicts[0].choice == OURS
    assert dlg.apply_button.isEnabled()


def test_merge_action_applies_the_chosen_side(qtbot, win, tmp_path, monkeypatch, messages):
    other = _conflicting_copy(win, tmp_path)
    actions = install_exchange_actions(win)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(other), "")))

    def choose_theirs(self):
        self.choose_all(THEIRS)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(MergeDialog, "exec", choose_theirs)
    actions["merge"].trigger()
    doc = win.document
    assert [m.title for m in doc.data.measures[:2]] == ["相手の名称", "相手だけの変更"]
    assert list((doc.path.parent / "backups").glob("*-merge.sqlite"))
    assert messages[-1][0] == "information"
    doc.undo_stack.undo()
    assert doc.data.measures[0].title == "こちらの名称"
    assert doc.repo.load().measures[1].title != "相手だけの変更"


def test_merging_the_open_file_itself_is_refused(win, messages):
    handler = exchange_dialogs._ExchangeActions(win)
    assert handler.merge_from(win.document.path) is False
    assert messages[-1][0] == "warning"


def test_export_action_writes_csv_files(qtbot, win, tmp_path, monkeypatch, messages):
    actions = install_exchange_actions(win)

    def accept_csv(self):
        self.kind.setCurrentIndex(self.kind.findData(ExportDialog.CSV))
        self.encoding.setCurrentIndex(self.encoding.findData("cp932"))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ExportDialog, "exec", accept_csv)
    target = tmp_path / "out" / "plan.csv"
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    actions["export"].trigger()
    files = sorted(p.name for p in target.parent.iterdir())
    assert files == sorted(f"plan_{s}.csv" for s in ("推進事項", "工程", "年度別行動計画", "評価"))
    (target.parent / "plan_推進事項.csv").read_bytes().decode("cp932")
    assert messages[-1][0] == "information"


def test_export_dialog_enables_only_the_relevant_options(qtbot, win):
    dlg = ExportDialog(win.document.data, 2024)
    qtbot.addWidget(dlg)
    assert dlg.fy.currentData() == 2024
    assert not dlg.department.isEnabled() and not dlg.encoding.isEnabled()
    dlg.kind.setCurrentIndex(dlg.kind.findData(ExportDialog.TEMPLATE))
    assert dlg.department.isEnabled() and not dlg.encoding.isEnabled()
    assert dlg.choice()["department"] == sorted(win.document.data.departments)[0]


def test_export_template_and_workbook_through_the_handler(win, tmp_path, messages):
    handler = exchange_dialogs._ExchangeActions(win)
    dept = sorted(win.document.data.departments)[0]
    written = handler.export_to(tmp_path / "t.xlsx", kind=ExportDialog.TEMPLATE, fy=2024, department=dept)
    assert written == [tmp_path / "t.xlsx"] and load_workbook(written[0]).sheetnames == ["評価", "記入方法", "送付時の値"]
    assert handler.export_to(tmp_path / "p.xlsx", kind=ExportDialog.XLSX, fy=2024) == [tmp_path / "p.xlsx"]
    # a folder that does not exist: reported, nothing raised
    assert handler.export_to(tmp_path / "missing" / "p.xlsx", kind=ExportDialog.XLSX, fy=2024) == []
    assert messages[-1][0] == "critical"
    assert safe_file_name("評価入力_総務部 人事課/2024?.xlsx") == "評価入力_総務部_人事課_2024.xlsx"


def test_merge_conflict_reasons_are_marked_for_translation():
    """MergeDialog translates exchange.merge's reasons; lupdate only sees the copies in MERGE_REASONS."""
    from plan_desktop.exchange.merge import BOTH_CHANGED, DELETED_HERE, DELETED_THERE

    assert set(exchange_dialogs.MERGE_REASONS) == {BOTH_CHANGED, DELETED_THERE, DELETED_HERE}
