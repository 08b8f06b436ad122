"""A department template remembers what it showed: a cell left as sent is "no answer", never "erase".

A template lists every measure a department appears on anywhere in 担当部課.
When the lead department's answers are imported first and a co-department
sends its template back with the shared rows left blank (as they were sent),
those blanks must not erase the lead's values — the co-department never saw
them. The template carries the values it showed (a hidden sheet); a cell
still holding what was shown is not an answer. Emptying what the sender saw
filled in is still an erasure and needs ``--allow-erase``.
"""

from __future__ import annotations

import io

import pytest
from exchange_helpers import FY, load, open_repo
from openpyxl import load_workbook

from plan_desktop.cli import main
from plan_desktop.exchange.columns import evaluation_columns, template_fields
from plan_desktop.exchange.importer import preview_file
from plan_desktop.exchange.sheets import resolve_department
from plan_desktop.exchange.xlsx_export import export_template

LEAD, CO = "コミュニティ推進課", "デジタル推進課"
SHARED = (9, 13, 35)  # lead: コミュニティ推進課, co-department: デジタル推進課


@pytest.fixture(autouse=True)
def no_terminal(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(""))


def _col(ws, header):
    return next(c.column for r in ws.iter_rows(min_row=1, max_row=4) for c in r if c.value == header)


def _rows_by_no(ws):
    no_col = _col(ws, "№")
    return {ws.cell(r, no_col).value: r for r in range(3, ws.max_row + 1) if ws.cell(r, no_col).value is not None}


def _answers(dept: str, no: int) -> dict[str, str]:
    """A full answer of *dept* for measure *no*: every field of the template (letters and choices valid)."""
    out = {}
    for f in template_fields():
        if f.kind == "rating":
            out[f.key] = "B"
        elif f.kind == "choice":
            out[f.key] = f.choices[-1]
        elif f.kind == "date":
            out[f.key] = "2025-04-30"
        else:
            out[f.key] = f"{dept} の記入（№{no} {f.key}）"
    return out


def _template(path, dept, tmp_path):
    data = load(path)
    out = tmp_path / f"{dept}.xlsx"
    export_template(data, resolve_department(data, dept), out, fy=FY)
    return out


def _fill(template, answers: dict[int, dict[str, str | None]], path):
    """Type *answers* ({№: {field key: text}}) into the template's yellow cells, as a department would."""
    wb = load_workbook(template)
    ws = wb["評価"]
    rows = _rows_by_no(ws)
    headers = {c.key: c.header for c in evaluation_columns(load(path), template=True)}
    for no, values in answers.items():
        for key, text in values.items():
            ws.cell(rows[no], _col(ws, headers[key])).value = text
    wb.save(template)


def _lead_rows(path, dept):
    return [m.no for m in load(path).measures if m.departments and dept in m.departments[0]]


def _import(path, xlsx, *extra) -> int:
    return main(["import", "xlsx", str(xlsx), "--db", str(path), "--yes", *extra])


def _stored(path, no):
    e = load(path).measure_by_no(no).evaluation_for(FY)
    return None if e is None else {f.key: getattr(e, f.key) for f in template_fields()}


@pytest.mark.parametrize("lead_first", [True, False], ids=["lead first", "co-department first"])
def test_a_co_departments_blank_rows_never_erase_the_leads_answers(plan_file, tmp_path, lead_first, capsys):
    lead_t, co_t = _template(plan_file, LEAD, tmp_path), _template(plan_file, CO, tmp_path)
    lead_rows, co_rows = _lead_rows(plan_file, LEAD), _lead_rows(plan_file, CO)
    assert set(SHARED) <= set(lead_rows)
    _fill(lead_t, {no: _answers(LEAD, no) for no in lead_rows}, plan_file)
    _fill(co_t, {no: _answers(CO, no) for no in co_rows}, plan_file)  # the shared rows are left as sent (blank)
    order = [lead_t, co_t] if lead_first else [co_t, lead_t]
    for xlsx in order:
        assert _import(plan_file, xlsx) == 0, capsys.readouterr()
    out = capsys.readouterr().out
    assert "空欄になる" not in out
    for no in SHARED:
        assert _stored(plan_file, no) == _answers(LEAD, no)  # 27 values with the bundled plan's fields
    for no in co_rows:
        assert _stored(plan_file, no) == _answers(CO, no)


def test_the_preview_says_the_cells_left_as_sent_keep_what_is_stored(plan_file, tmp_path):
    lead_t, co_t = _template(plan_file, LEAD, tmp_path), _template(plan_file, CO, tmp_path)
    _fill(lead_t, {no: _answers(LEAD, no) for no in SHARED}, plan_file)
    assert _import(plan_file, lead_t) == 0
    preview = preview_file(load(plan_file), co_t)
    assert preview.ok and not preview.has_changes and not preview.erasures()
    assert len(preview.kept_as_sent) == len(SHARED) * len(template_fields())
    assert "送付したときのまま" in preview.report()


def test_the_preview_dialog_says_the_cells_left_as_sent_are_kept(qtbot, plan_file, tmp_path):
    from plan_desktop.ui.exchange_dialogs import ImportPreviewDialog

    lead_t, co_t = _template(plan_file, LEAD, tmp_path), _template(plan_file, CO, tmp_path)
    _fill(lead_t, {9: _answers(LEAD, 9)}, plan_file)
    assert _import(plan_file, lead_t) == 0
    _fill(co_t, {8: {"achievements": "デジタル推進課の実績"}}, plan_file)
    dlg = ImportPreviewDialog(preview_file(load(plan_file), co_t))
    qtbot.addWidget(dlg)
    n = len(template_fields())
    assert f"送付したときのまま変更されていない欄 {n} 件" in dlg.summary.text()
    assert not dlg.erase_warning.isVisibleTo(dlg) and dlg.apply_button.isEnabled()


def test_a_value_left_as_sent_keeps_a_later_change_made_here(plan_file, tmp_path):
    """Not only blanks: a cell still showing what was sent is no answer, so a change made here
    after the template went out stays."""
    repo = open_repo(plan_file)
    m = repo.load().measure_by_no(9)
    from plan_desktop.domain.model import Evaluation

    m.evaluations = [Evaluation(fy=FY, achievements="送付時の実績")]
    repo.save_measure(m)
    repo.db.close()
    co_t = _template(plan_file, CO, tmp_path)
    repo = open_repo(plan_file)
    m = repo.load().measure_by_no(9)
    m.evaluations = [Evaluation(fy=FY, achievements="送付後に直した実績")]
    repo.save_measure(m)
    repo.db.close()
    _fill(co_t, {13: {"achievements": "デジタル推進課の実績"}}, plan_file)
    assert _import(plan_file, co_t) == 0
    assert load(plan_file).measure_by_no(9).evaluation_for(FY).achievements == "送付後に直した実績"
    assert load(plan_file).measure_by_no(13).evaluation_for(FY).achievements == "デジタル推進課の実績"


def test_emptying_what_the_template_showed_is_an_erasure_that_needs_confirmation(plan_file, tmp_path, capsys):
    lead_t = _template(plan_file, LEAD, tmp_path)
    _fill(lead_t, {9: _answers(LEAD, 9)}, plan_file)
    assert _import(plan_file, lead_t) == 0
    co_t = _template(plan_file, CO, tmp_path)  # sent after the lead's answer: it shows it
    _fill(co_t, {9: {"achievements": None}}, plan_file)
    before = plan_file.read_bytes()
    assert _import(plan_file, co_t) == 1
    assert "空欄になる（消える）項目が 1 件" in capsys.readouterr().out
    assert plan_file.read_bytes() == before
    assert _import(plan_file, co_t, "--allow-erase") == 0
    assert load(plan_file).measure_by_no(9).evaluation_for(FY).achievements == ""


def test_a_template_without_what_it_showed_reads_blanks_as_before(plan_file, tmp_path, capsys):
    """Templates written before this (no hidden sheet): a blank that empties stored text is an
    erasure, refused without --allow-erase."""
    lead_t, co_t = _template(plan_file, LEAD, tmp_path), _template(plan_file, CO, tmp_path)
    _fill(lead_t, {9: _answers(LEAD, 9)}, plan_file)
    assert _import(plan_file, lead_t) == 0
    wb = load_workbook(co_t)
    for ws in list(wb.worksheets):
        if ws.sheet_state != "visible":
            wb.remove(ws)
    wb.save(co_t)
    assert _import(plan_file, co_t) == 1
    assert _stored(plan_file, 9) == _answers(LEAD, 9)
