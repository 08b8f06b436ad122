"""The command line's previews can be seen whole: --all prints every line, --preview-file writes them.

The printed preview of an import stops after 200 changed fields (a merge's
after 100 records); before, there was no way to see the rest.
"""

from __future__ import annotations

import io
import shutil

import pytest
from exchange_helpers import FY, load, open_repo
from openpyxl import load_workbook

from plan_desktop.cli import main
from plan_desktop.domain.model import Evaluation
from plan_desktop.exchange.columns import evaluation_columns
from plan_desktop.exchange.xlsx_export import export_workbook
from plan_desktop.storage.repository import touched


@pytest.fixture(autouse=True)
def no_terminal(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(""))


@pytest.fixture
def many_changes(plan_file, tmp_path):
    """An evaluation sheet with every text field of every measure filled in (over 200 changed fields)."""
    data = load(plan_file)
    out = export_workbook(data, tmp_path / "評価 全件.xlsx", fy=FY, sheets=("評価",))
    wb = load_workbook(out)
    ws = wb["評価"]
    texts = {c.header for c in evaluation_columns(data) if c.kind == "text"}
    cols = [c.column for c in ws[2] if c.value in texts]
    for r in range(3, ws.max_row + 1):
        for col in cols:
            ws.cell(r, col).value = f"記入 {r}-{col}"
    wb.save(out)
    return out, (ws.max_row - 2) * len(cols)


def _field_lines(text):
    return [x for x in text.splitlines() if x.startswith("      ") and "→" in x]


def test_the_import_preview_says_it_is_cut_and_all_prints_every_line(plan_file, many_changes, capsys):
    xlsx, total = many_changes
    assert total > 200
    argv = ["import", "xlsx", str(xlsx), "--db", str(plan_file), "--dry-run"]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert len(_field_lines(out)) == 200
    assert f"ほか {total - 200} 項目" in out and "--all" in out and "--preview-file" in out
    assert main([*argv, "--all"]) == 0
    out = capsys.readouterr().out
    assert len(_field_lines(out)) == total and "以下省略" not in out


def test_the_whole_preview_goes_to_a_file_and_the_plan_is_not_touched(plan_file, many_changes, tmp_path, capsys):
    xlsx, total = many_changes
    before = plan_file.read_bytes()
    target = tmp_path / "変更 一覧.txt"
    assert main(["import", "xlsx", str(xlsx), "--db", str(plan_file), "--dry-run", "--preview-file", str(target)]) == 0
    assert len(_field_lines(target.read_text(encoding="utf-8"))) == total
    assert str(target) in capsys.readouterr().out
    assert plan_file.read_bytes() == before


def test_a_preview_file_that_cannot_be_written_is_refused_with_a_message(plan_file, many_changes, tmp_path, capsys):
    xlsx, _ = many_changes
    before = plan_file.read_bytes()
    for target in (tmp_path, plan_file):  # a folder; the plan itself
        argv = ["import", "xlsx", str(xlsx), "--db", str(plan_file), "--yes", "--preview-file", str(target)]
        assert main(argv) == 1
        err = capsys.readouterr().err
        assert "--preview-file" in err and "Traceback" not in err
        assert plan_file.read_bytes() == before


def test_the_merge_preview_has_all_and_a_preview_file(plan_file, tmp_path, capsys):
    other = tmp_path / "other.sqlite"
    shutil.copyfile(plan_file, other)
    repo = open_repo(other)
    for m in repo.load().measures:
        m = touched(m, content=m.content + "（相手で追記）")
        m.evaluations = [Evaluation(fy=fy, achievements=f"相手の実績 {fy}") for fy in (FY - 2, FY - 1, FY)]
        repo.save_measure(m)
    repo.db.close()
    argv = ["merge", str(other), "--db", str(plan_file), "--dry-run"]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "…ほか" in out and "--all" in out
    assert main([*argv, "--all", "--preview-file", str(tmp_path / "merge.txt")]) == 0
    out = capsys.readouterr().out
    listed = [x for x in out.splitlines() if x.startswith("  [")]
    assert len(listed) == 35 * 4 and "…ほか" not in out
    assert len([x for x in (tmp_path / "merge.txt").read_text(encoding="utf-8").splitlines() if x.startswith("  [")]) == 140
