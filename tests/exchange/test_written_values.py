"""What the app writes for spreadsheets is data, never something that runs.

Every xlsx cell is a value (no formula from plan text, in any sheet the app
writes); CSV neutralises every start Excel treats as a formula, full-width
ones and a leading tab or carriage return included; files carrying schema
objects the plan schema does not define are refused.
"""

from __future__ import annotations

import copy
import io
import re
import sqlite3
import zipfile

import pytest
from exchange_helpers import FY, load, open_repo
from openpyxl import load_workbook

from plan_desktop.cli import main
from plan_desktop.domain.model import Evaluation
from plan_desktop.exchange.csv_export import csv_text, export_csv
from plan_desktop.exchange.importer import preview_file
from plan_desktop.exchange.structure import write_structure
from plan_desktop.exchange.values import FORMULA_STARTS
from plan_desktop.exchange.xlsx_export import export_template, export_workbook
from plan_desktop.storage import backup as bk
from plan_desktop.storage import database

HOSTILE_DEPT = "=cmd|' /C calc'!A0"
HOSTILE_LABEL = '=HYPERLINK("http://example.invalid/","詳しくはこちら")'


@pytest.fixture(autouse=True)
def no_terminal(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(""))


@pytest.fixture
def hostile(evaluated_file):
    repo = open_repo(evaluated_file)
    data = repo.load()
    data = copy.deepcopy(data)
    data.plan.title = "=1+1 計画"
    data.rating_scale[0].label = HOSTILE_LABEL
    m = data.measures[0]
    m.departments = [HOSTILE_DEPT, *m.departments]
    m.title = "@SUM(A1:A9) の見直し"
    repo.replace_all(data)
    repo.db.close()
    return evaluated_file


def _formulas(path) -> list[str]:
    found = [f"{ws.title}!{c.coordinate}" for ws in load_workbook(path).worksheets
             for row in ws.iter_rows() for c in row if c.data_type == "f"]
    with zipfile.ZipFile(path) as z:
        found += [n for n in z.namelist() if n.startswith("xl/worksheets/") and re.search(rb"<f[ >]", z.read(n))]
    return found


def test_no_cell_the_app_writes_is_a_formula(hostile, tmp_path):
    data = load(hostile)
    paths = [export_workbook(data, tmp_path / "all.xlsx", fy=FY), tmp_path / "template.xlsx", tmp_path / "structure.xlsx"]
    export_template(data, HOSTILE_DEPT, paths[1], fy=FY)
    write_structure(data, paths[2])
    for path in paths:
        assert _formulas(path) == [], path
    guide = load_workbook(paths[1])["記入方法"]
    texts = [c.value for row in guide.iter_rows() for c in row if isinstance(c.value, str)]
    assert HOSTILE_DEPT in texts and HOSTILE_LABEL in texts  # shown as the text it is


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_csv_neutralises_every_formula_start_and_reads_it_back(evaluated_file, tmp_path, start):
    repo = open_repo(evaluated_file)
    m = repo.load().measures[0]
    body = "1+2 の実績" if start not in "\t\r" else "=1+2 の実績"  # a hidden start before a formula
    m.evaluations = [Evaluation(fy=FY, achievements=start + body)]
    repo.save_measure(m)
    repo.db.close()
    data = load(evaluated_file)
    text = csv_text(data, "評価", fy=FY)
    value = data.measures[0].evaluation_for(FY).achievements
    assert f"'{value}" in text or f"\"'{value}" in text
    if start == "\r":
        return  # reading CSV turns line breaks into "\n" (as the app stores them): not a round trip
    out = export_csv(data, tmp_path / "e.csv", sheets=("評価",), fy=FY)[0]
    preview = preview_file(data, out, kind="csv")
    assert preview.ok and not preview.has_changes  # the quote is removed again on import


def _with_trigger(path):
    conn = sqlite3.connect(path)
    conn.execute("CREATE TRIGGER wipe AFTER INSERT ON change_log BEGIN DELETE FROM evaluations; END")
    conn.commit()
    conn.close()


def test_a_file_carrying_a_trigger_is_refused_everywhere(evaluated_file, tmp_path, capsys, qapp):
    from plan_desktop.document.plan_document import PlanDocument

    evaluations = len([e for m in load(evaluated_file).measures for e in m.evaluations])
    other = tmp_path / "other.sqlite"
    other.write_bytes(evaluated_file.read_bytes())
    _with_trigger(other)
    before = evaluated_file.read_bytes()

    assert main(["restore", "--db", str(evaluated_file), str(other)]) == 1
    assert "トリガー「wipe」" in capsys.readouterr().err
    assert main(["merge", str(other), "--db", str(evaluated_file), "--yes"]) == 1
    assert "トリガー「wipe」" in capsys.readouterr().err
    assert evaluated_file.read_bytes() == before
    assert main(["check", "--db", str(other)]) == 1
    assert "トリガー「wipe」" in capsys.readouterr().err
    with pytest.raises(database.ForeignSchemaError, match="トリガー「wipe」"):
        PlanDocument.open(other)
    assert not bk.inspect_backup(other).ok
    assert len([e for m in load(evaluated_file).measures for e in m.evaluations]) == evaluations


@pytest.mark.parametrize("statement, named", [
    ("CREATE VIEW v AS SELECT * FROM measures", "ビュー「v」"),
    ("CREATE TABLE extra (x)", "表「extra」"),
    ("ALTER TABLE measures ADD COLUMN secret TEXT", "secret"),
    ("CREATE INDEX odd ON measures(title)", "索引「odd」"),
])
def test_views_tables_columns_and_indexes_the_schema_does_not_define_are_refused(evaluated_file, statement, named):
    conn = sqlite3.connect(evaluated_file)
    conn.execute(statement)
    conn.commit()
    conn.close()
    with pytest.raises(database.ForeignSchemaError, match=named):
        database.open_database(evaluated_file)
    assert named in database.check_file(evaluated_file).message
