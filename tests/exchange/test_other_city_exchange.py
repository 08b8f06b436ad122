"""Excel round trip of another city's plan: sheets and columns in its words, codes and active years,
its own options checked, four-level groups kept."""

from __future__ import annotations

import pytest
from exchange_helpers import load, open_repo
from openpyxl import load_workbook
from other_city import hitachi_words_in, other_city_db

from plan_desktop.exchange.apply import apply_to_repository
from plan_desktop.exchange.csv_export import export_csv
from plan_desktop.exchange.importer import preview_file
from plan_desktop.exchange.xlsx_export import export_workbook


@pytest.fixture
def city_file(tmp_path):
    return other_city_db(tmp_path / "若葉市.sqlite")


def _col(ws, header: str, row: int = 2) -> int:
    for c in ws[row]:
        if c.value == header:
            return c.column
    raise KeyError(header)


def _row_of(ws, no: int) -> int:
    for r in range(3, ws.max_row + 1):
        if ws.cell(r, 1).value == no:
            return r
    raise KeyError(no)


def test_workbook_speaks_the_plans_words(city_file, tmp_path):
    data = load(city_file)
    out = export_workbook(data, tmp_path / "若葉市.xlsx", fy=2023)
    wb = load_workbook(out)
    assert wb.sheetnames == ["事業", "工程", "年度別行動計画", "評価"]
    heads = [c.value for c in wb["事業"][2]]
    assert {"所属グループ", "表示コード", "実施開始年度", "実施終了年度"} <= set(heads)
    evals = [c.value for c in wb["評価"][2]]
    assert {"担当課の評価", "委員会の評価", "行政評価委員会の意見"} <= set(evals)
    assert not [h for h in evals if h and "中間" in h]  # two stages: no middle-stage columns
    texts = [str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
    assert not hitachi_words_in("\n".join(texts))
    ws = wb["事業"]
    r = _row_of(ws, 1)
    assert ws.cell(r, _col(ws, "表示コード")).value == "1010101"
    status = {ws.cell(r, _col(wb["評価"], "状態")).value for r in range(3, wb["評価"].max_row + 1)}
    assert status <= {None, "下書き", "担当課確定", "委員会確定"}


def test_an_unchanged_workbook_changes_nothing_and_edits_come_back(city_file, tmp_path):
    data = load(city_file)
    out = export_workbook(data, tmp_path / "x.xlsx", fy=2023)
    preview = preview_file(data, out)
    assert preview.ok and not preview.has_changes, preview.report()
    assert "事業 60 件" in preview.report()
    wb = load_workbook(out)
    ws = wb["事業"]
    r = _row_of(ws, 2)
    ws.cell(r, _col(ws, "表示コード")).value = "1010199"
    ws.cell(r, _col(ws, "実施終了年度")).value = "令和4年度"
    ev = wb["評価"]
    r = _row_of(ev, 3)
    ev.cell(r, _col(ev, "今後の方向性")).value = "統合"
    wb.save(out)
    preview = preview_file(data, out)
    assert preview.ok, preview.report()
    assert "№1010199 " in preview.report() and "№1010103 " in preview.report()  # measures named by code
    repo = open_repo(city_file)
    try:
        apply_to_repository(repo, preview.batch(), reason="import")
    finally:
        repo.db.close()
    after = load(city_file)
    m2 = after.measure_by_no(2)
    assert (m2.code, m2.fy_to) == ("1010199", 2022)
    assert after.measure_by_no(3).evaluation_for(2023).direction == "統合"
    assert [(v.no, v.parent) for v in after.viewpoints] == [(v.no, v.parent) for v in data.viewpoints]


def test_options_are_checked_against_the_plans_own(city_file, tmp_path):
    data = load(city_file)
    out = export_workbook(data, tmp_path / "x.xlsx", fy=2023)
    wb = load_workbook(out)
    ev = wb["評価"]
    r = _row_of(ev, 1)
    ev.cell(r, _col(ev, "今後の方向性")).value = "拡充"  # the bundled plan's option, not this one's
    ev.cell(r, _col(ev, "取組状況")).value = "実施中"
    wb.save(out)
    text = "\n".join(str(p) for p in preview_file(data, out).problems)
    assert "今後の方向性" in text and "拡大/維持/統合/休止/廃止" in text
    assert "取組状況" in text and "未着手/着手/完了" in text


def test_csv_files_are_named_in_the_plans_words(city_file, tmp_path):
    written = export_csv(load(city_file), tmp_path / "若葉市.csv")
    assert {p.name for p in written} == {"若葉市_事業.csv", "若葉市_工程.csv", "若葉市_年度別行動計画.csv",
                                         "若葉市_評価.csv"}
