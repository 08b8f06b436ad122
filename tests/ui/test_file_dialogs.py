"""File dialogs start in Documents or the last folder chosen, never the hidden data folder, and suggest clean names."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from plan_desktop import paths
from plan_desktop.domain.model import Community
from plan_desktop.ui import file_dialogs
from plan_desktop.ui.exchange_dialogs import ExportDialog, _ExchangeActions


@pytest.fixture
def documents(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "Documents"
    folder.mkdir()
    monkeypatch.setattr(file_dialogs, "documents_folder", lambda: folder)
    return folder


class _Calls(list):
    answer: Path | None = None


@pytest.fixture
def asked_dialogs(monkeypatch):
    calls = _Calls()

    def fake(kind):
        def dialog(parent, title, start, file_filter="", *a, **k):
            calls.append((kind, title, start))
            return (str(calls.answer) if calls.answer else "", "")
        return staticmethod(dialog)

    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake("save"))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", fake("open"))
    return calls


@pytest.fixture
def working_copy_window(qtbot, db_file, settings, no_modal_dialogs, monkeypatch):
    """The window on the per-user working copy (what every first start opens)."""
    from plan_desktop.app import create_main_window

    data_dir = db_file.parent / "AppData" / "Local" / "plan_desktop"
    data_dir.mkdir(parents=True)
    working = data_dir / "plan.sqlite"
    working.write_bytes(db_file.read_bytes())
    monkeypatch.setattr(paths, "per_user_data_dir", lambda: data_dir)
    w = create_main_window(working, settings)
    qtbot.addWidget(w)
    yield w
    w.document.close()


def _export(window, monkeypatch, kind=ExportDialog.XLSX):
    monkeypatch.setattr(ExportDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    monkeypatch.setattr(ExportDialog, "choice", lambda self: {"kind": kind, "fy": 2024, "department": "総務部/人事課"})
    _ExchangeActions(window).export()


def test_export_import_and_merge_start_in_documents_not_the_hidden_data_folder(
        working_copy_window, documents, asked_dialogs, monkeypatch):
    w = working_copy_window
    _export(w, monkeypatch)
    actions = _ExchangeActions(w)
    actions.import_()
    actions.merge()
    w.act_open.trigger()
    starts = [Path(start) for _kind, _title, start in asked_dialogs]
    assert starts[0] == documents / "日立市コミュニティ活動推進行動計画.xlsx"
    assert starts[1:] == [documents, documents, documents]


def test_the_folder_chosen_last_is_where_the_next_dialog_starts_even_after_a_restart(
        working_copy_window, documents, asked_dialogs, monkeypatch, tmp_path):
    w = working_copy_window
    shared = tmp_path / "共有" / "評価"
    shared.mkdir(parents=True)
    asked_dialogs.answer = shared / "集計.xlsx"
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda *a, **k: None))  # "書き出しました"
    _export(w, monkeypatch)
    assert (shared / "集計.xlsx").exists()
    asked_dialogs.answer = None
    _ExchangeActions(w).import_()
    assert Path(asked_dialogs[-1][2]) == shared
    assert w.settings.value(file_dialogs.LAST_FOLDER_KEY) == str(shared)
    (shared / "集計.xlsx").unlink()
    shared.rmdir()  # a folder that is gone (a USB stick pulled out): back to Documents
    _ExchangeActions(w).import_()
    assert Path(asked_dialogs[-1][2]) == documents


def test_a_plan_the_user_keeps_in_their_own_folder_is_the_start(qtbot, window, documents, asked_dialogs):
    _ExchangeActions(window).import_()
    assert Path(asked_dialogs[-1][2]) == window.document.path.parent


def test_suggested_names_are_cleaned_of_what_windows_refuses(working_copy_window, documents, asked_dialogs,
                                                             monkeypatch):
    w = working_copy_window
    _export(w, monkeypatch, kind=ExportDialog.TEMPLATE)
    assert Path(asked_dialogs[-1][2]).name == "評価入力_令和6年度_総務部_人事課.xlsx"


def test_a_district_name_is_cleaned_in_the_package_name(qtbot, documents, asked_dialogs):
    from period_sample import make_document

    from plan_desktop.ui.community_matrix import CommunityMatrixWidget

    doc = make_document()
    try:
        doc.set_communities([Community(name="CON"), Community(name="中央/南\t学区…")])
        w = CommunityMatrixWidget(doc)
        qtbot.addWidget(w)
        for community in doc.data.communities:
            w.export_package(community.id)
        names = [Path(start).name for _k, _t, start in asked_dialogs]
        assert names == ["地区別進捗_CON.json", "地区別進捗_中央_南_学区….json"]  # the plan names no unit
    finally:
        doc.close()


def test_a_device_name_alone_is_made_safe(documents):
    assert file_dialogs.suggested_path(None, "NUL.pdf") == documents / "NUL_.pdf"
    assert file_dialogs.suggested_path(None, "x" * 300 + ".pdf").name == "x" * 96 + ".pdf"


def test_pdf_save_starts_in_documents_with_the_reports_name(working_copy_window, documents, asked_dialogs, qtbot):
    from plan_desktop.reports.base import ReportOptions
    from plan_desktop.reports.sheet import build_sheets
    from plan_desktop.ui.print_preview import PrintPreviewDialog

    data = working_copy_window.document.data
    result = build_sheets(data, 2024, data.measures[:1], options=ReportOptions(invariant=True))
    dialog = PrintPreviewDialog.for_result(result, working_copy_window)
    qtbot.addWidget(dialog)
    assert dialog.ask_save_path() == ""
    assert Path(asked_dialogs[-1][2]) == documents / result.suggested_name
