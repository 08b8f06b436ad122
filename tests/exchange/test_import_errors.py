"""Malformed files are rejected with sheet/row/column in Japanese, and the database stays as it was."""

from __future__ import annotations

import csv
import io
import zipfile

import openpyxl
import pytest
from exchange_helpers import FY, load
from openpyxl import Workbook, load_workbook

from plan_desktop.cli import main
from plan_desktop.exchange.csv_export import export_csv
from plan_desktop.exchange.importer import preview_file
from plan_desktop.exchange.reader import MAX_ROWS
from plan_desktop.exchange.xlsx_export import export_workbook


@pytest.fixture(autouse=True)
def no_terminal(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(""))


def _col(ws, header: str) -> int:
    return next(c.column for c in ws[2] if c.value == header)


def _reject(db, path, kind="xlsx", *expected, encoding=None):
    """The file is refused through the API and the CLI (--yes), with the database byte for byte unchanged."""
    data = load(db)
    preview = preview_file(data, path, kind=kind, encoding=encoding)
    assert not preview.ok
    text = "\n".join(str(p) for p in preview.problems)
    for e in expected:
        assert e in text, text
    before = db.read_bytes()
    argv = ["import", kind, "--db", str(db), str(path), "--yes"] + (["--encoding", encoding] if encoding else [])
    assert main(argv) == 1
    assert db.read_bytes() == before
    assert load(db) == data
    return text


@pytest.fixture
def exported(evaluated_file, tmp_path):
    return export_workbook(load(evaluated_file), tmp_path / "plan.xlsx", fy=FY)


def test_missing_sheet(evaluated_file, tmp_path):
    wb = Workbook()
    wb.active.title = "Sheet1"
    wb.active.append(["№", "名称"])
    wb.save(tmp_path / "other.xlsx")
    _reject(evaluated_file, tmp_path / "other.xlsx", "xlsx", "読み込めるシートがありません", "推進事項・工程・年度別行動計画・評価")


def test_missing_column(evaluated_file, exported):
    wb = load_workbook(exported)
    ws = wb["評価"]
    ws.delete_cols(_col(ws, "年度"))
    wb.save(exported)
    _reject(evaluated_file, exported, "xlsx", "シート「評価」 2行目", "列「年度」がありません")


def test_bad_rating_names_sheet_row_and_column(evaluated_file, exported):
    wb = load_workbook(exported)
    ws = wb["評価"]
    c = _col(ws, "進捗評価")
    ws.cell(5, c).value = "E"
    wb.save(exported)
    from openpyxl.utils import get_column_letter

    _reject(evaluated_file, exported, "xlsx",
            f"シート「評価」 5行目 {get_column_letter(c)}列（進捗評価）: 進捗評価「E」は評価基準（A/B/C/D）にありません")


def test_text_in_number_columns(evaluated_file, exported):
    wb = load_workbook(exported)
    wb["評価"].cell(3, _col(wb["評価"], "年度")).value = "来年"
    wb["推進事項"].cell(4, _col(wb["推進事項"], "取組の視点")).value = "第二"
    wb["年度別行動計画"].cell(3, _col(wb["年度別行動計画"], "開始年度")).value = "はじめ"
    wb.save(exported)
    text = _reject(evaluated_file, exported, "xlsx", "シート「評価」 3行目 D列（年度）: 年度は数値",
                   "シート「推進事項」 4行目 B列（取組の視点）: 数値でなければなりません（「第二」）",
                   "シート「年度別行動計画」 3行目 C列（開始年度）")
    assert text.count("\n") >= 2  # every problem is listed, not just the first


def test_other_bad_values_are_all_reported(evaluated_file, exported):
    wb = load_workbook(exported)
    ws = wb["推進事項"]
    ws.cell(3, _col(ws, "提言1")).value = "△"
    ws.cell(3, _col(ws, "名称")).value = None
    ws.cell(4, _col(ws, "取組の視点")).value = 99
    ws.cell(5, _col(ws, "№")).value = ws.cell(6, _col(ws, "№")).value
    sched = wb["工程"]
    sched.cell(3, 3).value = "休止"
    ev = wb["評価"]
    ev.cell(4, _col(ev, "取組状況")).value = "検討中"
    ev.cell(5, _col(ev, "ID")).value = "no-such-id"
    wb.save(exported)
    _reject(evaluated_file, exported, "xlsx",
            "◎ か ○ か空欄", "名称が空です", "所属するグループ 99 はありません", "重複",
            "工程の区分「休止」は選択肢", "取組状況「検討中」は選択肢", "ID「no-such-id」の推進事項はこの計画にありません")


def test_csv_in_a_foreign_encoding_is_rejected(evaluated_file, tmp_path):
    data = load(evaluated_file)
    f = export_csv(data, tmp_path / "e.csv", sheets=("評価",), fy=FY)[0]
    text = f.read_bytes().decode("utf-8-sig")
    euc = tmp_path / "euc.csv"
    euc.write_bytes(text.encode("euc_jp", errors="replace"))
    _reject(evaluated_file, euc, "csv", "文字コード")
    utf16 = tmp_path / "utf16.csv"
    utf16.write_bytes(text.encode("utf-16-le"))  # no BOM
    _reject(evaluated_file, utf16, "csv", "文字コードを判別できません")
    sjis = tmp_path / "sjis.csv"
    sjis.write_bytes(text.encode("cp932"))
    _reject(evaluated_file, sjis, "csv", "文字コード utf-8 として読めません", encoding="utf-8")


def test_fifty_thousand_rows_are_refused_before_the_workbook_is_loaded(evaluated_file, tmp_path, monkeypatch):
    header = ["№", "名称", "年度", "進捗評価", "ID"]
    rows = [[1, "x", FY, "A", ""]] * 50_000
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(header)
    w.writerows(rows)
    big_csv = tmp_path / "big.csv"
    big_csv.write_text(buf.getvalue(), encoding="utf-8-sig")
    _reject(evaluated_file, big_csv, "csv", f"行が多すぎます（上限 {MAX_ROWS:,} 行）")

    # openpyxl may scan a whole sheet just to size it: the row count is checked first.
    big = _big_workbook(tmp_path / "big.xlsx", header, 50_000)
    loaded = []
    real_load = openpyxl.load_workbook
    monkeypatch.setattr(openpyxl, "load_workbook", lambda *a, **k: loaded.append(a) or real_load(*a, **k))
    _reject(evaluated_file, big, "xlsx", "シート「評価」: 行が多すぎます")
    assert loaded == []


def _big_workbook(path, header, n):
    """A real .xlsx with *n* data rows, its sheet XML written directly (openpyxl would take seconds)."""
    wb = Workbook()
    wb.active.title = "評価"
    wb.active.append(header)
    wb.save(path)
    cells = '<c t="n"><v>1</v></c><c t="inlineStr"><is><t>x</t></is></c><c t="n"><v>2024</v></c>' \
            '<c t="inlineStr"><is><t>A</t></is></c>'
    head = "".join(f'<c t="inlineStr"><is><t>{h}</t></is></c>' for h in header)
    rows = [f'<row r="1">{head}</row>'] + [f'<row r="{i}">{cells}</row>' for i in range(2, n + 2)]
    xml = ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
           f'<sheetData>{"".join(rows)}</sheetData></worksheet>')
    src = zipfile.ZipFile(path)
    parts = {name: src.read(name) for name in src.namelist()}
    src.close()
    parts["xl/worksheets/sheet1.xml"] = xml.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return path


def test_files_that_are_not_xlsx(evaluated_file, tmp_path):
    text = tmp_path / "notes.xlsx"
    text.write_text("これは表ではありません", encoding="utf-8")
    _reject(evaluated_file, text, "xlsx", "Excel ファイル（.xlsx）ではありません")
    zipped = tmp_path / "archive.xlsx"
    with zipfile.ZipFile(zipped, "w") as z:
        z.writestr("readme.txt", "hello")
    _reject(evaluated_file, zipped, "xlsx", "Excel ファイル（.xlsx）として読めません")
    old = tmp_path / "old.xlsx"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    _reject(evaluated_file, old, "xlsx", "古い Excel 形式（.xls）")
    truncated = tmp_path / "cut.xlsx"
    good = export_workbook(load(evaluated_file), tmp_path / "good.xlsx")
    truncated.write_bytes(good.read_bytes()[:5000])
    _reject(evaluated_file, truncated, "xlsx", "として読めません")


def test_missing_file_is_an_error(evaluated_file, tmp_path):
    assert main(["import", "xlsx", "--db", str(evaluated_file), str(tmp_path / "nothing.xlsx"), "--yes"]) == 1
