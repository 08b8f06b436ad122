"""Every command that writes refuses while a window has the file open, naming who holds it.

Before, ``import xlsx --yes`` (or ``import json``, ``merge``, ``seed``) wrote
to a file open in the window, whose next edit then wrote its stale copy back:
the imported title was gone, a deleted measure came back. Commands that only
read still work, and never write (a 0-byte ``--db`` stays 0 bytes).
"""

from __future__ import annotations

import hashlib
import io
import os
import shutil

import pytest
from exchange_helpers import load
from openpyxl import load_workbook

from plan_desktop.cli import main
from plan_desktop.document.plan_document import PlanDocument


@pytest.fixture(autouse=True)
def no_terminal(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(""))


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _changed_xlsx(db, tmp_path):
    x = tmp_path / "p.xlsx"
    assert main(["export", "xlsx", "--db", str(db), "-o", str(x)]) == 0
    wb = load_workbook(x)
    ws = wb["推進事項"]
    col = next(c.column for c in ws[2] if c.value == "名称")
    ws.cell(3, col).value = "取り込みで変えた名称"
    wb.save(x)
    return x


def _changed_csv(db, tmp_path):
    c = tmp_path / "p.csv"
    assert main(["export", "csv", "--db", str(db), "-o", str(c), "--sheet", "推進事項"]) == 0
    text = c.read_text(encoding="utf-8-sig")
    first = load(db).measures[0].title
    c.write_text(text.replace(first, "CSVで変えた名称", 1), encoding="utf-8-sig")
    return c


def _json(db, tmp_path):
    j = tmp_path / "p.json"
    assert main(["export", "json", "--db", str(db), "-o", str(j)]) == 0
    j.write_text(j.read_text(encoding="utf-8").replace(load(db).measures[0].title, "JSONで変えた名称", 1),
                 encoding="utf-8")
    return j


def _other_copy(db, tmp_path):
    other = tmp_path / "other.sqlite"
    shutil.copyfile(db, other)
    doc = PlanDocument.open(other)
    doc.update_measure(doc.data.measures[0].id, "t", title="相手で変えた名称")
    doc.close()
    return other


def _backup(db, tmp_path):
    assert main(["backup", "--db", str(db)]) == 0
    return "1"


WRITERS = {
    "import json": lambda db, tmp: ["import", "json", str(_json(db, tmp)), "--db", str(db)],
    "import xlsx --yes": lambda db, tmp: ["import", "xlsx", str(_changed_xlsx(db, tmp)), "--db", str(db), "--yes"],
    "import csv --yes": lambda db, tmp: ["import", "csv", str(_changed_csv(db, tmp)), "--db", str(db), "--yes"],
    "merge --yes": lambda db, tmp: ["merge", str(_other_copy(db, tmp)), "--db", str(db), "--yes"],
    "restore": lambda db, tmp: ["restore", "--db", str(db), _backup(db, tmp)],
    "seed --out": lambda db, tmp: ["seed", "--out", str(db)],
}


@pytest.mark.parametrize("command", list(WRITERS))
def test_a_writer_refuses_while_a_document_has_the_file_open(plan_file, tmp_path, capsys, qapp, command):
    argv = WRITERS[command](plan_file, tmp_path)
    capsys.readouterr()
    before = _digest(plan_file)
    doc = PlanDocument.open(plan_file)
    try:
        assert not doc.readonly
        assert main(argv) == 1
        err = capsys.readouterr().err
        assert "既に使用中" in err and f"プロセス番号 {os.getpid()}" in err and "閉じてから" in err
        assert _digest(plan_file) == before
        assert doc.sync_with_file() is False  # nothing changed behind the window's back
    finally:
        doc.close()
    assert main(argv) == 0  # the same command works once the window has closed the file


def test_dry_run_and_reading_commands_work_while_the_file_is_open(plan_file, tmp_path, capsys, qapp):
    x = _changed_xlsx(plan_file, tmp_path)
    before = _digest(plan_file)
    doc = PlanDocument.open(plan_file)
    try:
        assert main(["import", "xlsx", str(x), "--db", str(plan_file), "--dry-run"]) == 0
        assert "取り込みで変えた名称" in capsys.readouterr().out
        assert main(["export", "json", "--db", str(plan_file), "-o", str(tmp_path / "o.json")]) == 0
        assert main(["check", "--db", str(plan_file)]) == 0
        assert main(["backup", "--db", str(plan_file)]) == 0
    finally:
        doc.close()
    assert _digest(plan_file) == before


@pytest.mark.parametrize("argv", [
    ["export", "json", "-o", "{tmp}/o.json"],
    ["export", "xlsx", "-o", "{tmp}/o.xlsx"],
    ["export", "csv", "-o", "{tmp}/o.csv"],
    ["print", "sheets", "--fy", "2024", "-o", "{tmp}/o.pdf"],
    ["template", "--department", "人事課", "-o", "{tmp}/t.xlsx"],
])
def test_reading_commands_leave_an_empty_file_empty(tmp_path, capsys, argv):
    empty = tmp_path / "empty.sqlite"
    empty.write_bytes(b"")
    argv = [a.replace("{tmp}", str(tmp_path)) for a in argv] + ["--db", str(empty)]
    assert main(argv) == 1
    assert "計画が入っていません" in capsys.readouterr().err
    assert empty.stat().st_size == 0
    assert not any(p.name.startswith("o.") for p in tmp_path.iterdir())
