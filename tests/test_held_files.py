"""Every writer of a user's file, when Windows reports the target held by another program.

Acrobat holding a PDF, Excel holding a CSV or workbook: the write fails with a
message naming the file to close, the old file is unchanged, and no temporary
(``.part``, ``.tmp``, ``.building``) is left beside it. WinError 32 is emulated
by patching ``os.replace``/``os.rename`` (see ``windows_emulation``).
"""

from __future__ import annotations

import copy
import shutil

import pytest
from PySide6.QtWidgets import QMessageBox
from windows_emulation import held_files, listing  # noqa: F401 - fixture

from plan_desktop import fileops
from plan_desktop.exchange.columns import SHEETS
from plan_desktop.exchange.csv_export import csv_paths, export_csv
from plan_desktop.exchange.xlsx_export import ExportError, export_workbook
from plan_desktop.reports.base import ReportOptions
from plan_desktop.reports.sheet import build_sheets


@pytest.fixture
def data(seed_data):
    return copy.deepcopy(seed_data)


@pytest.fixture
def out(tmp_path):
    folder = tmp_path / "出力 先"
    folder.mkdir()
    return folder


def test_csv_export_is_all_or_nothing_when_the_third_file_is_open_in_excel(data, out, held_files):
    targets = csv_paths(out / "計画.csv", SHEETS)
    assert len(targets) == 4
    export_csv(data, out / "計画.csv", sheets=SHEETS)
    before = listing(out)
    third = list(targets.values())[2]
    held_files.hold(third)
    data.measures[0].title = "変更後"
    with pytest.raises(ExportError) as err:
        export_csv(data, out / "計画.csv", sheets=SHEETS)
    assert f"「{third.name}」" in str(err.value) and "どのファイルも変更していません" in str(err.value)
    assert listing(out) == before


def test_workbook_export_to_a_workbook_open_in_excel_names_it(data, out, held_files):
    target = out / "計画.xlsx"
    export_workbook(data, target, fy=2024)
    before = listing(out)
    held_files.hold(target)
    with pytest.raises(ExportError, match="「計画.xlsx」"):
        export_workbook(data, target, fy=2024)
    assert listing(out) == before


def test_a_report_saved_over_a_pdf_open_in_acrobat_leaves_no_part_file(data, out, held_files):
    result = build_sheets(data, 2024, data.measures[:1], options=ReportOptions(invariant=True))
    target = out / "評価シート.pdf"
    target.write_bytes(b"%PDF old")
    held_files.hold(target)
    with pytest.raises(fileops.FileInUseError, match="「評価シート.pdf」"):
        result.save(target)
    assert listing(out) == {"評価シート.pdf": b"%PDF old"}


def test_print_preview_save_tells_which_pdf_to_close(qtbot, data, out, held_files, monkeypatch):
    from plan_desktop.ui.print_preview import PrintPreviewDialog

    result = build_sheets(data, 2024, data.measures[:1], options=ReportOptions(invariant=True))
    dialog = PrintPreviewDialog.for_result(result)
    qtbot.addWidget(dialog)
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(a[2]))
    target = out / "配布資料.pdf"
    target.write_bytes(b"%PDF old")
    held_files.hold(target)
    assert dialog.save_pdf(target) is None
    assert "「配布資料.pdf」" in shown[0] and "閉じて" in shown[0]
    assert listing(out) == {"配布資料.pdf": b"%PDF old"}


def test_community_matrix_pdf_and_package_saves_report_a_held_file(qtbot, out, held_files, monkeypatch):
    from period_sample import make_document

    from plan_desktop.ui.community_matrix import CommunityMatrixWidget

    doc = make_document()
    try:
        w = CommunityMatrixWidget(doc)
        qtbot.addWidget(w)
        shown = []
        monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(a[2]))
        pdf, package = out / "学区別.pdf", out / "学区.json"
        for p in (pdf, package):
            p.write_bytes(b"old")
            held_files.hold(p)
        assert w.save_pdf(str(pdf)) is None
        assert w.export_package(doc.data.communities[0].id, str(package)) is None
        assert "「学区別.pdf」" in shown[0] and "「学区.json」" in shown[1]
        assert listing(out) == {"学区.json": b"old", "学区別.pdf": b"old"}
    finally:
        doc.close()


def test_save_copy_over_a_held_file_leaves_it_and_no_temporary(db_file, out, held_files):
    from plan_desktop.document.errors import StorageFailure
    from plan_desktop.document.plan_document import PlanDocument

    doc = PlanDocument.open(db_file)
    try:
        target = out / "コピー.sqlite"
        target.write_bytes(b"old")
        held_files.hold(target)
        with pytest.raises(StorageFailure, match="コピー.sqlite") as info:  # the document's one error root
            doc.save_copy(target)
        assert isinstance(info.value.__cause__, fileops.FileInUseError)
        assert listing(out) == {"コピー.sqlite": b"old"}
        held_files.release(target)
        doc.save_copy(target)
        assert target.read_bytes().startswith(b"SQLite format 3")
        assert [p.name for p in out.iterdir()] == ["コピー.sqlite"]
    finally:
        doc.close()


def test_creating_a_plan_over_a_held_file_leaves_it_and_no_temporary(seed_data, out, held_files):
    from plan_desktop.document.plan_document import PlanDocument

    target = out / "新しい計画.sqlite"
    target.write_bytes(b"old")
    held_files.hold(target)
    with pytest.raises(fileops.FileInUseError):
        PlanDocument.create(target, copy.deepcopy(seed_data))
    assert listing(out) == {"新しい計画.sqlite": b"old"}


def test_cli_json_export_to_a_held_file_is_a_message_and_exit_1(db_file, out, held_files, capsys):
    from plan_desktop.cli import main

    target = out / "計画.json"
    target.write_text("old", encoding="utf-8")
    held_files.hold(target)
    assert main(["export", "json", "--db", str(db_file), "-o", str(target)]) == 1
    err = capsys.readouterr().err
    assert "「計画.json」" in err and "Traceback" not in err
    assert listing(out) == {"計画.json": b"old"}


def test_the_working_copy_is_made_from_the_template_without_leftovers(tmp_path, held_files, monkeypatch):
    from plan_desktop import paths

    template = tmp_path / "template.sqlite"
    shutil.copyfile(paths.template_db(), template)
    monkeypatch.setattr(paths, "template_db", lambda: template)
    target = tmp_path / "data" / "plan.sqlite"
    held_files.hold(target, times=2)  # the antivirus looks at the new file first
    assert paths._copy_template_to(target) == target
    assert sorted(p.name for p in target.parent.iterdir()) == ["plan.sqlite"]
