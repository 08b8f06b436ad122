"""Import of exported workbooks, CSV and filled-in templates: round trips and edits."""

from __future__ import annotations

import pytest
from exchange_helpers import FY, load, open_repo
from openpyxl import load_workbook

from plan_desktop.domain.fiscal import fy_range_label
from plan_desktop.domain.model import now_iso
from plan_desktop.exchange.apply import apply_to_repository
from plan_desktop.exchange.columns import SHEETS, template_fields
from plan_desktop.exchange.csv_export import export_csv
from plan_desktop.exchange.importer import CHANGED, NEW, UNCHANGED, preview_file
from plan_desktop.exchange.sheets import resolve_department
from plan_desktop.exchange.xlsx_export import export_template, export_workbook


def _col(ws, header: str, row: int = 2) -> int:
    for c in ws[row]:
        if c.value == header:
            return c.column
    raise KeyError(header)


def _row_of(ws, no: int, *, col: int = 1) -> int:
    for r in range(3, ws.max_row + 1):
        if ws.cell(r, col).value == no:
            return r
    raise KeyError(no)


def _apply(path, preview):
    repo = open_repo(path)
    try:
        apply_to_repository(repo, preview.batch(), reason="import")
    finally:
        repo.db.close()


# ------------------------------------------------------------------ round trips
def test_xlsx_round_trip_reports_no_changes(evaluated_file, tmp_path):
    data = load(evaluated_file)
    out = export_workbook(data, tmp_path / "plan.xlsx", fy=FY)
    preview = preview_file(data, out)
    assert preview.ok, preview.report()
    assert preview.sheets == list(SHEETS)
    assert not preview.has_changes
    assert preview.counts() == {NEW: 0, CHANGED: 0, UNCHANGED: len(data.measures)}
    assert "変更はありません" in preview.report()


@pytest.mark.parametrize("encoding", [None, "cp932"])
def test_csv_round_trip_reports_no_changes(evaluated_file, tmp_path, encoding):
    data = load(evaluated_file)
    for f in export_csv(data, tmp_path / "plan.csv", fy=FY, encoding=encoding):
        preview = preview_file(data, f)
        assert preview.ok, preview.report()
        assert not preview.has_changes, preview.report()
        assert preview.encoding == ("cp932" if encoding else "utf-8-sig")


def test_utf8_without_bom_is_detected(evaluated_file, tmp_path):
    data = load(evaluated_file)
    f = export_csv(data, tmp_path / "e.csv", sheets=("評価",), fy=FY)[0]
    f.write_bytes(f.read_bytes()[3:])
    preview = preview_file(data, f)
    assert preview.ok and not preview.has_changes and preview.encoding == "utf-8"


# ------------------------------------------------------------------ edits
def test_edits_made_with_openpyxl_are_picked_up_and_applied(evaluated_file, tmp_path):
    data = load(evaluated_file)
    out = export_workbook(data, tmp_path / "plan.xlsx", fy=FY)
    m1, m2, m3 = data.measures[0], data.measures[1], data.measures[2]
    wb = load_workbook(out)
    ws = wb["推進事項"]
    r = _row_of(ws, m1.no)
    ws.cell(r, _col(ws, "名称")).value = m1.title + "（見直し）"
    ws.cell(r, _col(ws, "重点")).value = None if m1.priority else "○"
    ws.cell(r, _col(ws, "担当部課")).value = "\n".join(m1.departments + ["総務部 人事課"])
    ws.cell(r, _col(ws, "提言3")).value = "◎"
    sched = wb["工程"]
    sched.cell(_row_of(sched, m2.no), _col(sched, "令和13年度(2031)")).value = "準備"
    acts = wb["年度別行動計画"]
    r = _row_of(acts, m3.no)
    acts.cell(r, _col(acts, "項目")).value = "書き換えた項目"
    ev = wb["評価"]
    r = _row_of(ev, m2.no)
    ev.cell(r, _col(ev, "進捗評価")).value = "D"
    ev.cell(r, _col(ev, "取組実績")).value = "Excel で追記した実績"
    r7 = _row_of(ev, data.measures[7].no)  # no evaluation yet: a new record
    ev.cell(r7, _col(ev, "取組状況")).value = "未着手"
    wb.save(out)

    started = now_iso()
    preview = preview_file(data, out)
    assert preview.ok, preview.report()
    by_no = {m.no: m for m in preview.measures}
    assert by_no[m1.no].status == CHANGED
    changed = {f.label: (f.before, f.after) for f in by_no[m1.no].changed_fields}
    assert changed["名称"] == (m1.title, m1.title + "（見直し）")
    assert set(changed) == {"名称", "重点", "担当部課", "提言3"}
    assert [f.label for f in by_no[m2.no].changed_fields] == ["工程 令和13年度", "令和6年度 進捗評価", "令和6年度 取組実績"]
    b0 = m3.action_plan[0]
    assert [f.label for f in by_no[m3.no].changed_fields] == [f"行動計画 {fy_range_label(b0.fy_from, b0.fy_to)}"]
    new_eval = by_no[data.measures[7].no]
    assert [(f.label, f.status) for f in new_eval.changed_fields] == [("令和6年度 取組状況", NEW)]
    assert preview.counts()[CHANGED] == 4

    _apply(evaluated_file, preview)
    after = {m.id: m for m in load(evaluated_file).measures}
    a1 = after[m1.id]
    assert a1.title.endswith("（見直し）") and a1.priority != m1.priority
    assert a1.departments[-1] == "総務部 人事課" and a1.proposals[3] == "◎"
    assert a1.updated_at >= started  # measure-level edit stamps the measure
    a2 = after[m2.id]
    assert a2.phase_in(2031) == "準備"
    e2 = a2.evaluation_for(FY)
    assert (e2.rating, e2.achievements) == ("D", "Excel で追記した実績")
    assert e2.updated_at >= started and e2.id == m2.evaluation_for(FY).id
    assert a3_first_item(after[m3.id]) == "書き換えた項目"
    assert after[m3.id].action_plan[0].items[0].id == m3.action_plan[0].items[0].id  # same record, edited
    new = after[data.measures[7].id].evaluation_for(FY)
    assert new.progress == "未着手" and new.status == "下書き"
    untouched = data.measures[10]
    assert after[untouched.id] == untouched
    # the same file again: nothing left to do
    assert not preview_file(load(evaluated_file), out).has_changes


def a3_first_item(m):
    return m.action_plan[0].items[0].text


def test_action_plan_rows_added_and_removed(plan_file, tmp_path):
    data = load(plan_file)
    m = data.measures[0]
    out = export_workbook(data, tmp_path / "plan.xlsx")
    wb = load_workbook(out)
    ws = wb["年度別行動計画"]
    first = _row_of(ws, m.no)
    rows = [r for r in range(3, ws.max_row + 1) if ws.cell(r, 1).value == m.no]
    # a new item in the first block (a copy of its row without the item id) and the last row removed
    ws.insert_rows(first + 1)
    for c in range(1, ws.max_column + 1):
        ws.cell(first + 1, c).value = ws.cell(first, c).value
    ws.cell(first + 1, _col(ws, "項目")).value = "新しい取組"
    ws.cell(first + 1, _col(ws, "細目")).value = "・細目その1\n・細目その2\n（続き）"
    ws.cell(first + 1, _col(ws, "項目ID")).value = None
    last = rows[-1] + 1
    ws.delete_rows(last)
    wb.save(out)
    preview = preview_file(data, out)
    assert preview.ok, preview.report()
    _apply(plan_file, preview)
    after = next(x for x in load(plan_file).measures if x.id == m.id)
    items = [it for b in after.action_plan for it in b.items]
    before_items = [it for b in m.action_plan for it in b.items]
    assert len(items) == len(before_items)  # one added, one removed
    assert items[1].text == "新しい取組" and items[1].sub == ["細目その1", "細目その2\n（続き）"]
    assert items[0] == before_items[0]  # untouched item keeps id and timestamp
    assert before_items[-1].id not in {it.id for it in items}


def test_filled_template_creates_evaluations(evaluated_file, tmp_path):
    data = load(evaluated_file)
    dept = resolve_department(data, "郷土博物館")
    path = tmp_path / "t.xlsx"
    export_template(data, dept, path, fy=FY)
    wb = load_workbook(path)
    ws = wb["評価"]
    rating = next(f for f in template_fields() if f.kind == "rating")
    ws.cell(3, _col(ws, rating.header)).value = "b"  # typed in lower case: still the letter B
    ws.cell(3, _col(ws, "取組状況")).value = "実施中"
    ws.cell(3, _col(ws, "今後の方向性")).value = "継続"
    ws.cell(3, _col(ws, "取組実績")).value = "企画展を開催"
    no = ws.cell(3, 1).value
    wb.save(path)
    preview = preview_file(data, path)
    assert preview.ok, preview.report()
    assert preview.sheets == ["評価"]
    changed = [m for m in preview.measures if m.status != UNCHANGED]
    assert [m.no for m in changed] == [no]
    _apply(evaluated_file, preview)
    m = next(x for x in load(evaluated_file).measures if x.no == no)
    e = m.evaluation_for(FY)
    assert (getattr(e, rating.key), e.progress, e.direction, e.achievements) == ("B", "実施中", "継続", "企画展を開催")


def test_new_measure_row_is_added(plan_file, tmp_path):
    data = load(plan_file)
    out = export_workbook(data, tmp_path / "plan.xlsx", sheets=("推進事項",))
    wb = load_workbook(out)
    ws = wb["推進事項"]
    r = ws.max_row + 1
    ws.cell(r, _col(ws, "№")).value = 36
    ws.cell(r, _col(ws, "取組の視点")).value = "２"  # full-width digits are numbers too
    ws.cell(r, _col(ws, "名称")).value = "新しい推進事項"
    ws.cell(r, _col(ws, "担当部課")).value = "総務部 人事課、市長公室 デジタル推進課"
    wb.save(out)
    preview = preview_file(data, out)
    assert preview.ok, preview.report()
    new = [m for m in preview.measures if m.status == NEW]
    assert len(new) == 1 and new[0].after.viewpoint == 2
    _apply(plan_file, preview)
    after = load(plan_file)
    m = after.measure_by_no(36)
    assert m.title == "新しい推進事項" and m.departments == ["総務部 人事課", "市長公室 デジタル推進課"]


def test_locked_evaluation_cannot_be_changed_by_import(evaluated_file, tmp_path):
    repo = open_repo(evaluated_file)
    data = repo.load()
    m = data.measures[0]
    e = m.evaluation_for(FY)
    if not hasattr(e, "unlocked"):
        pytest.skip("the model has no evaluation lock")
    e.status = "会議確定"
    repo.save_measure(m)
    repo.db.close()
    data = load(evaluated_file)
    out = export_workbook(data, tmp_path / "plan.xlsx", fy=FY, sheets=("評価",))
    wb = load_workbook(out)
    ws = wb["評価"]
    ws.cell(_row_of(ws, m.no), _col(ws, "課題")).value = "書き換え"
    wb.save(out)
    preview = preview_file(data, out)
    assert not preview.ok
    assert "会議確定" in str(preview.problems[0])


def _lock_first_period(path, no):
    repo = open_repo(path)
    data = repo.load()
    if not hasattr(data.plan.periods[0], "locked"):
        repo.db.close()
        pytest.skip("the model has no period lock")
    data.plan.periods[0].locked = True
    data.measure_by_no(no).period = data.plan.periods[0].name
    repo.replace_all(data)
    repo.db.close()
    return data.plan.periods[0].name


def test_measures_of_a_locked_period_are_not_changed(plan_file, tmp_path):
    name = _lock_first_period(plan_file, 1)
    data = load(plan_file)
    out = export_workbook(data, tmp_path / "plan.xlsx", sheets=("推進事項",))
    wb = load_workbook(out)
    ws = wb["推進事項"]
    assert ws.cell(_row_of(ws, 1), _col(ws, "期間")).value == name
    ws.cell(_row_of(ws, 1), _col(ws, "名称")).value = "ロック中の変更"
    ws.cell(_row_of(ws, 2), _col(ws, "期間")).value = "後期"  # an unlocked one may move
    wb.save(out)
    preview = preview_file(data, out)
    assert [str(p) for p in preview.problems] == [
        f"シート「推進事項」 3行目: №1 は期間「{name}」に属し、その期間はロックされているため変更できません。"]
    ws.cell(_row_of(ws, 1), _col(ws, "名称")).value = data.measure_by_no(1).title
    wb.save(out)
    preview = preview_file(data, out)
    assert preview.ok and [m.no for m in preview.measures if m.status == CHANGED] == [2]
    _apply(plan_file, preview)
    assert load(plan_file).measure_by_no(2).period == "後期"
