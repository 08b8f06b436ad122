"""What a spreadsheet hides must not erase what is stored.

Formula cells without a stored result and the covered cells of merged ranges
read as blank; a blank that would empty stored text needs an explicit
confirmation; rows under the data (「備考」) are notes; hidden rows are said;
an .ods reply gets a plain sentence; a sheet's declared dimension is not
trusted.
"""

from __future__ import annotations

import io
import zipfile

import pytest
from exchange_helpers import FY, load
from openpyxl import load_workbook

from plan_desktop.cli import main
from plan_desktop.exchange.importer import preview_file
from plan_desktop.exchange.reader import read_xlsx
from plan_desktop.exchange.xlsx_export import export_workbook


@pytest.fixture(autouse=True)
def no_terminal(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(""))


@pytest.fixture
def exported(evaluated_file, tmp_path):
    return export_workbook(load(evaluated_file), tmp_path / "plan.xlsx", fy=FY)


def _col(ws, header):
    return next(c.column for r in ws.iter_rows(min_row=1, max_row=4) for c in r if c.value == header)


def _header_row(ws):
    return next(r for r in range(1, 6) if any(c.value == "№" for c in ws[r]))


def _edit(path, edit):
    wb = load_workbook(path)
    edit(wb)
    wb.save(path)
    return path


def _achievements_cell(wb):
    ws = wb["評価"]
    return ws.cell(_header_row(ws) + 1, _col(ws, "取組実績"))


def test_a_blank_that_empties_stored_text_needs_allow_erase(evaluated_file, exported, capsys):
    _edit(exported, lambda wb: setattr(_achievements_cell(wb), "value", None))
    before = evaluated_file.read_bytes()
    argv = ["import", "xlsx", str(exported), "--db", str(evaluated_file), "--yes"]
    assert main(argv) == 1
    out, err = capsys.readouterr()
    assert "空欄になる（消える）項目が 1 件" in out and "取組実績" in out and "--allow-erase" in err
    assert evaluated_file.read_bytes() == before
    assert main([*argv, "--allow-erase"]) == 0
    assert load(evaluated_file).measures[0].evaluation_for(FY).achievements == ""


def test_a_formula_without_a_stored_result_is_refused_naming_the_cell(evaluated_file, exported, capsys):
    _edit(exported, lambda wb: setattr(_achievements_cell(wb), "value", '=CONCAT("a","b")'))
    before = evaluated_file.read_bytes()
    preview = preview_file(load(evaluated_file), exported)
    text = "\n".join(str(p) for p in preview.problems)
    assert "シート「評価」" in text and "取組実績" in text and "数式" in text and "計算結果が保存されていません" in text
    assert main(["import", "xlsx", str(exported), "--db", str(evaluated_file), "--yes", "--allow-erase"]) == 1
    assert evaluated_file.read_bytes() == before


def test_a_cell_covered_by_a_merged_range_is_refused(evaluated_file, exported):
    def merge(wb):
        cell = _achievements_cell(wb)
        wb["評価"].merge_cells(start_row=cell.row, start_column=cell.column - 1, end_row=cell.row, end_column=cell.column)
    _edit(exported, merge)
    text = "\n".join(str(p) for p in preview_file(load(evaluated_file), exported).problems)
    assert "結合されたセル" in text and "取組実績" in text


def test_note_rows_under_the_data_are_said_and_skipped(evaluated_file, exported, capsys):
    def notes(wb):
        ws = wb["評価"]
        ws.cell(ws.max_row + 2, 2).value = "備考: 第2回の会議で確認済み"
        _achievements_cell(wb).value = "備考の行があっても取り込まれる実績"
    _edit(exported, notes)
    preview = preview_file(load(evaluated_file), exported)
    assert preview.ok and any("メモとみなして読み飛ばしました" in str(w) for w in preview.warnings)
    assert main(["import", "xlsx", str(exported), "--db", str(evaluated_file), "--yes"]) == 0
    assert "読み飛ばしました" in capsys.readouterr().out
    assert load(evaluated_file).measures[0].evaluation_for(FY).achievements == "備考の行があっても取り込まれる実績"


def test_hidden_rows_are_applied_and_the_preview_says_so(evaluated_file, exported):
    def hide(wb):
        cell = _achievements_cell(wb)
        cell.value = "非表示の行の実績"
        wb["評価"].row_dimensions[cell.row].hidden = True
    _edit(exported, hide)
    preview = preview_file(load(evaluated_file), exported)
    assert len(preview.hidden_rows) == 1 and "非表示の行 1 行も" in preview.report()
    assert preview.has_changes


def test_an_ods_reply_gets_a_plain_sentence(evaluated_file, tmp_path):
    ods = tmp_path / "reply.ods"
    with zipfile.ZipFile(ods, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", "<office:document-content/>")
    text = "\n".join(str(p) for p in preview_file(load(evaluated_file), ods).problems)
    assert "OpenDocument 形式（.ods）" in text and ".xlsx" in text and "Exception" not in text


def test_a_declared_dimension_is_not_trusted(evaluated_file, exported, tmp_path):
    out = tmp_path / "dim.xlsx"
    with zipfile.ZipFile(exported) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                import re

                data = re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:XFD1048576"/>', data)
            dst.writestr(item, data)
    tables = {t.name: t for t in read_xlsx(out)}
    ws_rows = tables["推進事項"].rows
    assert len(ws_rows) < 50 and all(len(values) < 100 for _, values in ws_rows)
    assert not preview_file(load(evaluated_file), out).has_changes


def test_values_far_below_the_data_are_refused_with_the_row(evaluated_file, exported):
    _edit(exported, lambda wb: setattr(wb["推進事項"].cell(1_048_576, 1), "value", 1))
    text = "\n".join(str(p) for p in preview_file(load(evaluated_file), exported).problems)
    assert "1,048,576 行目に値があります" in text


def test_the_preview_dialog_asks_before_emptying_stored_text(qtbot, evaluated_file, exported):
    from plan_desktop.ui.exchange_dialogs import ImportPreviewDialog

    _edit(exported, lambda wb: setattr(_achievements_cell(wb), "value", None))
    dlg = ImportPreviewDialog(preview_file(load(evaluated_file), exported))
    qtbot.addWidget(dlg)
    assert dlg.erase_warning.isVisibleTo(dlg) and "1 件" in dlg.erase_warning.text()
    assert "取組実績" in dlg.erase_warning.text()
    assert not dlg.apply_button.isEnabled()
    dlg.allow_erase.setChecked(True)
    assert dlg.apply_button.isEnabled()
