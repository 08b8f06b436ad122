"""xlsx and CSV export: layout, drop-downs, print setup, encodings, text safety."""

from __future__ import annotations

import copy

import pytest
from exchange_helpers import FY, load, open_repo
from openpyxl import load_workbook

from plan_desktop.exchange.columns import SHEETS, template_fields
from plan_desktop.exchange.csv_export import export_csv
from plan_desktop.exchange.sheets import department_measures, resolve_department
from plan_desktop.exchange.xlsx_export import ExportError, export_template, export_workbook


def _validations(ws) -> dict[str, str]:
    """Column letter -> list formula of the sheet's data validations."""
    out = {}
    for dv in ws.data_validations.dataValidation:
        for rng in dv.sqref.ranges:
            out[rng.coord.split(":")[0].rstrip("0123456789")] = dv.formula1
    return out


def _headers(ws, row: int = 2) -> list[str]:
    return [c.value for c in ws[row]]


def test_workbook_has_a_formatted_sheet_per_kind(evaluated_file, tmp_path):
    data = load(evaluated_file)
    out = export_workbook(data, tmp_path / "plan.xlsx", fy=FY)
    wb = load_workbook(out)
    assert wb.sheetnames == list(SHEETS)
    ws = wb["推進事項"]
    headers = _headers(ws)
    assert headers[:5] == ["№", "取組の視点", "重点", "名称", "担当部課"]
    assert [h for h in headers if h.startswith("提言")] == [f"提言{p.no}" for p in data.proposals]
    assert ws.max_row == 2 + len(data.measures)
    # header style, frozen header, widths, wrapped text
    assert ws["A2"].font.b and ws["A2"].fill.fgColor.rgb.endswith("3A6EA5")
    assert ws.freeze_panes == "B3"
    assert ws.column_dimensions["D"].width == 32
    title_col = headers.index("名称") + 1
    assert ws.cell(3, title_col).alignment.wrap_text
    assert ws.cell(3, title_col).value == data.measures[0].title
    # A4 landscape, one page wide, header row repeated
    assert int(ws.page_setup.paperSize) == 9  # A4
    assert ws.page_setup.orientation == "landscape"
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
    assert ws.print_title_rows == "$2:$2"
    assert ws.auto_filter.ref.startswith("A2:")

    sched = wb["工程"]
    years = _headers(sched)[2:-1]
    assert years[0] == "令和4年度(2022)" and len(years) == len(data.plan.fiscal_years)
    m0 = data.measures[0]
    assert [sched.cell(3, 3 + i).value for i in range(len(years))] == [m0.phase_in(fy) for fy in data.plan.fiscal_years]
    phase_list = '"' + ",".join(p.name for p in data.phases) + '"'
    assert set(_validations(sched).values()) == {phase_list}

    actions = wb["年度別行動計画"]
    assert actions.max_row == 2 + sum(len(b.items) for m in data.measures for b in m.action_plan)
    first = m0.action_plan[0].items[0]
    sub_col = _headers(actions).index("細目") + 1
    assert actions.cell(3, sub_col).value == "\n".join("・" + s for s in first.sub)

    ev = wb["評価"]
    assert ev["A1"].value.startswith("進捗評価（令和6年度）")
    h = _headers(ev)
    row = {h[i]: ev.cell(3, i + 1).value for i in range(len(h))}
    e = data.measures[0].evaluation_for(FY)
    assert (row["年度"], row["進捗評価"], row["取組状況"], row["今後の方向性"]) == (FY, e.rating, e.progress, e.direction)
    assert row["取組実績"] == e.achievements
    assert row["ID"] == data.measures[0].id


def test_text_that_looks_like_a_formula_stays_text(evaluated_file, tmp_path):
    data = load(evaluated_file)
    out = export_workbook(data, tmp_path / "plan.xlsx", fy=FY)
    ws = load_workbook(out)["評価"]
    col = _headers(ws).index("改善策・次年度の取組") + 1
    cell = ws.cell(4, col)  # the second measure's evaluation starts with '='
    assert cell.value == "=SUM(A1:A3) のように始まる文章"
    assert cell.data_type == "s"
    csv_file = export_csv(data, tmp_path / "e.csv", sheets=("評価",), fy=FY)[0]
    text = csv_file.read_text(encoding="utf-8-sig")
    assert "'=SUM(A1:A3) のように始まる文章" in text


def test_template_lists_the_departments_measures_with_drop_downs(evaluated_file, tmp_path):
    data = load(evaluated_file)
    dept = resolve_department(data, "コミュニティ推進")
    assert dept == "生活環境部 コミュニティ推進課"
    n = export_template(data, dept, tmp_path / "t.xlsx", fy=FY)
    expected = department_measures(data, dept)
    assert n == len(expected) and 0 < n < len(data.measures)
    wb = load_workbook(tmp_path / "t.xlsx")
    assert wb.sheetnames == ["評価", "記入方法", "送付時の値"]
    assert [ws.sheet_state for ws in wb.worksheets] == ["visible", "visible", "veryHidden"]  # what it showed
    ws = wb["評価"]
    headers = _headers(ws)
    assert [ws.cell(r, 1).value for r in range(3, 3 + n)] == [m.no for m in expected]
    assert "状態" not in headers  # departments do not move the workflow
    dv = _validations(ws)
    letters = '"' + ",".join(r.letter for r in data.rating_scale) + '"'
    rating_header = next(f.header for f in template_fields() if f.kind == "rating")
    from openpyxl.utils import get_column_letter

    def formula(header):
        return dv[get_column_letter(headers.index(header) + 1)]

    assert formula(rating_header) == letters
    assert formula("取組状況") == '"未着手,実施中,完了"'
    assert formula("今後の方向性") == '"拡充,継続,改善,縮小,廃止,完了"'
    # only the yellow input cells are unlocked on the protected sheet
    assert ws.protection.sheet
    assert not ws.cell(3, headers.index("取組状況") + 1).protection.locked
    assert ws.cell(3, headers.index("№") + 1).protection.locked
    # existing evaluations of the year are filled in; new ones are blank
    first = expected[0]
    col = headers.index("取組状況") + 1
    assert ws.cell(3, col).value == (first.evaluation_for(FY).progress if first.evaluation_for(FY) else None)
    guide = wb["記入方法"]
    assert any(c.value == "A" for c in guide["A"])


def test_unknown_department_is_reported_with_candidates(plan_file):
    data = load(plan_file)
    with pytest.raises(LookupError, match="ありません"):
        resolve_department(data, "存在しない課")
    with pytest.raises(LookupError, match="複数"):
        resolve_department(data, "教育委員会")


def test_csv_is_utf8_with_bom_by_default_and_cp932_on_request(plan_file, tmp_path):
    data = load(plan_file)
    files = export_csv(data, tmp_path / "plan.csv", fy=FY)
    assert [f.name for f in files] == [f"plan_{s}.csv" for s in SHEETS]
    raw = files[0].read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.decode("utf-8-sig").splitlines()[0].startswith("№,取組の視点,重点,名称,担当部課")
    sj = export_csv(data, tmp_path / "sj.csv", sheets=("推進事項",), encoding="cp932")[0]
    assert sj.name == "sj.csv"
    assert sj.read_bytes().decode("cp932") == raw.decode("utf-8-sig")


def test_cp932_maps_wave_dash_and_refuses_unencodable_text(plan_file, tmp_path):
    data = copy.deepcopy(load(plan_file))
    data.measures[0].title = "4月〜6月"  # U+301C: Windows writes U+FF5E
    out = export_csv(data, tmp_path / "a.csv", sheets=("推進事項",), encoding="cp932")[0]
    assert "4月～6月" in out.read_bytes().decode("cp932")
    data.measures[1].title = "絵文字😀入り"
    with pytest.raises(ExportError, match="😀"):
        export_csv(data, tmp_path / "b.csv", sheets=("推進事項",), encoding="cp932")
    assert not (tmp_path / "b.csv").exists()


def test_export_refuses_cells_over_excels_limit(plan_file, tmp_path):
    data = copy.deepcopy(load(plan_file))
    data.measures[0].content = "長" * 40_000
    with pytest.raises(ExportError, match="上限"):
        export_workbook(data, tmp_path / "x.xlsx")
    assert not (tmp_path / "x.xlsx").exists()


def test_template_for_a_department_without_measures_is_refused(plan_file, tmp_path):
    with pytest.raises(ExportError):
        export_template(load(plan_file), "架空の課", tmp_path / "t.xlsx")


def test_export_leaves_the_database_alone(plan_file, tmp_path):
    before = plan_file.read_bytes()
    repo = open_repo(plan_file)
    export_workbook(repo.load(), tmp_path / "x.xlsx")
    repo.db.close()
    assert plan_file.read_bytes() == before
