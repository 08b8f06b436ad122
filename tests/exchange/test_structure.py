"""A whole plan from a structure workbook (構成テンプレート): one row per group and measure, in outline order."""

from __future__ import annotations

from openpyxl import Workbook, load_workbook
from other_city import other_city_plan

from plan_desktop.domain import groups as G
from plan_desktop.exchange.structure import read_plan_source, read_structure, write_structure


def _book(path, plan_rows, structure_rows):
    wb = Workbook()
    ws = wb.active
    ws.title = "計画"
    for row in plan_rows:
        ws.append(row)
    ws = wb.create_sheet("構成")
    ws.append(["階層", "コード", "名称", "担当部課", "開始年度", "終了年度", "重点", "課題", "内容"])
    for row in structure_rows:
        ws.append(row)
    wb.save(path)
    return path


PLAN = [("計画名", "みなと市実施計画"), ("開始年度", "平成30年度"), ("終了年度", 2027), ("期間", "前期:H30-R4、後期:2023-2027"),
        ("階層の名称", "基本目標、施策の柱、施策"), ("項目の呼び名", "事業")]


def test_outline_rows_become_nested_groups_and_measures(tmp_path):
    path = _book(tmp_path / "構成.xlsx", PLAN, [
        (1, "1", "安心のまち"), (2, "1-1", "防災"), (3, "1-1-1", "地域防災"),
        (None, "1010101", "自主防災組織の育成", "総務部 危機管理課、消防本部 警防課", None, "令和4年度", "○", "担い手不足"),
        (None, "1010102", "防災訓練", "総務部 危機管理課", 2020),
        (2, "1-2", "福祉"), (None, "1020001", "見守り", "福祉部 高齢福祉課"),
        (1, "2", "活力のまち"), (None, "2000001", "創業支援", "経済部 商工課"),
    ])
    preview = read_structure(path)
    assert preview.ok, preview.problems
    d = preview.data
    assert (d.plan.title, d.plan.fy_start, d.plan.fy_end) == ("みなと市実施計画", 2018, 2027)
    assert [(p.name, p.fy_start, p.fy_end) for p in d.plan.periods] == [("前期", 2018, 2022), ("後期", 2023, 2027)]
    assert [lv.name for lv in d.terms.levels] == ["基本目標", "施策の柱", "施策"] and d.terms.measure == "事業"
    assert [(n.group.title, n.depth) for n in G.preorder(d)] == [
        ("安心のまち", 0), ("防災", 1), ("地域防災", 2), ("福祉", 1), ("活力のまち", 0)]
    m = d.measures[0]
    assert (m.code, m.fy_to, m.priority, m.departments) == ("1010101", 2022, True,
                                                            ["総務部 危機管理課", "消防本部 警防課"])
    assert d.measures[1].fy_from == 2020
    assert [d.viewpoint_by_no(x.viewpoint).title for x in d.measures] == ["地域防災", "地域防災", "福祉", "活力のまち"]


def test_every_problem_names_its_sheet_row_and_column(tmp_path):
    path = _book(tmp_path / "bad.xlsx", [("計画名", ""), ("開始年度", "来年"), ("終了年度", 2027)], [
        (None, "x", "グループより前の事業"),
        (1, "1", "方針"), (3, "1-1-1", "柱を飛ばした施策"),
        (None, "1000001", "", "総務部"), (None, "1000002", "年度が変", None, "いつか"),
        (None, "1000002", "コードが重複"),
    ])
    preview = read_structure(path)
    assert not preview.ok and preview.data is None
    text = "\n".join(str(p) for p in preview.problems)
    assert "シート「計画」" in text and "「計画名」を入力してください" in text
    assert "シート「計画」 2行目 B列（開始年度）" in text
    assert "シート「構成」 2行目: 項目の行の前に" in text
    assert "シート「構成」 4行目 A列（階層）: 階層 3 のグループの前に" in text
    assert "シート「構成」 6行目 E列（開始年度）" in text


def test_missing_sheets_and_non_workbooks_are_reported(tmp_path):
    wb = Workbook()
    wb.active.title = "Sheet1"
    wb.save(tmp_path / "empty.xlsx")
    assert "シート「計画」がありません" in str(read_structure(tmp_path / "empty.xlsx").problems[0])
    (tmp_path / "text.xlsx").write_text("not a workbook", encoding="utf-8")
    assert not read_structure(tmp_path / "text.xlsx").ok


def test_write_then_read_keeps_the_other_citys_structure(tmp_path):
    data = other_city_plan()
    path = tmp_path / "若葉市 構成.xlsx"
    write_structure(data, path)
    assert {"説明", "計画", "構成"} <= set(load_workbook(path).sheetnames)
    preview = read_structure(path)
    assert preview.ok, preview.problems[:5]
    back = preview.data
    assert [(n.group.title, n.depth, n.group.code) for n in G.preorder(back)] == [
        (n.group.title, n.depth, n.group.code) for n in G.preorder(data)]
    assert [(m.code, m.title, m.fy_from, m.fy_to, m.departments) for m in back.measures] == [
        (m.code, m.title, m.fy_from, m.fy_to, m.departments) for m in data.measures]
    assert [lv.name for lv in back.terms.levels] == [lv.name for lv in data.terms.levels]


def test_read_plan_source_takes_json_too(tmp_path):
    from other_city import OTHER_CITY_JSON

    assert read_plan_source(OTHER_CITY_JSON).ok
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "plan-desktop/1", "plan": {}}', encoding="utf-8")
    preview = read_plan_source(bad)
    assert not preview.ok and any("$.plan.title" in str(p) for p in preview.problems)
