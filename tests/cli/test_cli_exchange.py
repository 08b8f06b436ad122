"""The exchange subcommands: export xlsx|csv, template, import xlsx|csv with --dry-run/--yes/no terminal."""

from __future__ import annotations

import io

import pytest
from exchange_helpers import FY, load
from openpyxl import load_workbook

from plan_desktop.cli import main


@pytest.fixture(autouse=True)
def no_terminal(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(""))


def _edit_title(path, title):
    wb = load_workbook(path)
    ws = wb["推進事項"]
    col = next(c.column for c in ws[2] if c.value == "名称")
    ws.cell(3, col).value = title
    wb.save(path)


def test_export_xlsx_and_csv(evaluated_file, tmp_path, capsys):
    assert main(["export", "xlsx", "--db", str(evaluated_file), "-o", str(tmp_path / "p.xlsx"), "--fy", str(FY)]) == 0
    assert load_workbook(tmp_path / "p.xlsx").sheetnames == ["推進事項", "工程", "年度別行動計画", "評価"]
    assert main(["export", "csv", "--db", str(evaluated_file), "-o", str(tmp_path / "e.csv"), "--sheet", "評価",
                 "--encoding", "cp932"]) == 0
    text = (tmp_path / "e.csv").read_bytes().decode("cp932")
    assert text.startswith("№,名称,担当部課,年度")
    assert main(["export", "csv", "--db", str(evaluated_file), "-o", str(tmp_path / "all.csv")]) == 0
    assert len(list(tmp_path.glob("all_*.csv"))) == 4
    assert main(["export", "xlsx", "--db", str(evaluated_file), "-o", str(tmp_path / "x.xlsx"), "--fy", "1999"]) == 1
    assert main(["export", "csv", "--db", str(evaluated_file), "-o", str(tmp_path / "x.csv"), "--encoding", "latin-1"]) == 1
    assert "cp932" in capsys.readouterr().err


def test_template_command(evaluated_file, tmp_path, capsys):
    out = tmp_path / "t.xlsx"
    assert main(["template", "--db", str(evaluated_file), "--department", "人事課", "-o", str(out), "--fy", str(FY)]) == 0
    assert "総務部 人事課" in capsys.readouterr().out
    assert load_workbook(out).sheetnames == ["評価", "記入方法", "送付時の値"]
    assert main(["template", "--db", str(evaluated_file), "--department", "架空課", "-o", str(out)]) == 1


def test_import_needs_yes_or_dry_run_without_a_terminal(evaluated_file, tmp_path, capsys):
    x = tmp_path / "p.xlsx"
    assert main(["export", "xlsx", "--db", str(evaluated_file), "-o", str(x)]) == 0
    _edit_title(x, "CLI で変更")
    before = evaluated_file.read_bytes()

    assert main(["import", "xlsx", "--db", str(evaluated_file), str(x)]) == 1
    captured = capsys.readouterr()
    assert "名称: " in captured.out and "--yes" in captured.err
    assert evaluated_file.read_bytes() == before

    assert main(["import", "xlsx", "--db", str(evaluated_file), str(x), "--dry-run"]) == 0
    assert "--dry-run" in capsys.readouterr().out
    assert evaluated_file.read_bytes() == before

    assert main(["import", "xlsx", "--db", str(evaluated_file), str(x), "--yes"]) == 0
    assert load(evaluated_file).measures[0].title == "CLI で変更"
    backups = list((evaluated_file.parent / "backups").glob("plan-*-import.sqlite"))
    assert len(backups) == 1 and load(backups[0]).measures[0].title != "CLI で変更"
    # nothing left to apply: no prompt, exit 0
    assert main(["import", "xlsx", "--db", str(evaluated_file), str(x)]) == 0
    assert "変更はありません" in capsys.readouterr().out


def test_import_asks_on_a_terminal(evaluated_file, tmp_path, monkeypatch, capsys):
    x = tmp_path / "p.xlsx"
    assert main(["export", "xlsx", "--db", str(evaluated_file), "-o", str(x)]) == 0
    _edit_title(x, "確認して変更")

    class Tty(io.StringIO):
        def isatty(self):
            return True

    monkeypatch.setattr("sys.stdin", Tty("n\n"))
    assert main(["import", "xlsx", "--db", str(evaluated_file), str(x)]) == 1
    assert load(evaluated_file).measures[0].title != "確認して変更"
    monkeypatch.setattr("sys.stdin", Tty("y\n"))
    assert main(["import", "xlsx", "--db", str(evaluated_file), str(x)]) == 0
    assert load(evaluated_file).measures[0].title == "確認して変更"


def test_import_csv_with_forced_encoding(evaluated_file, tmp_path):
    assert main(["export", "csv", "--db", str(evaluated_file), "-o", str(tmp_path / "m.csv"), "--sheet", "推進事項",
                 "--encoding", "cp932"]) == 0
    assert main(["import", "csv", "--db", str(evaluated_file), str(tmp_path / "m.csv"), "--encoding", "cp932",
                 "--dry-run"]) == 0
    assert main(["import", "csv", "--db", str(evaluated_file), str(tmp_path / "m.csv"), "--encoding", "utf-8",
                 "--yes"]) == 1


def test_dry_run_and_yes_are_exclusive(evaluated_file, tmp_path):
    with pytest.raises(SystemExit):
        main(["import", "xlsx", "--db", str(evaluated_file), str(tmp_path / "p.xlsx"), "--yes", "--dry-run"])


def test_csv_sheet_is_named_as_the_plan_names_it(tmp_path, capsys):
    from other_city import other_city_db

    from plan_desktop.cli.dispatch import main

    db = other_city_db(tmp_path / "若葉市.sqlite")
    assert main(["export", "csv", "--db", str(db), "--sheet", "事業", "-o", str(tmp_path / "若葉市.csv")]) == 0
    written = (tmp_path / "若葉市.csv").read_text(encoding="utf-8-sig")
    assert "表示コード" in written.splitlines()[0] and "1010101" in written  # the measures' table
    assert main(["export", "csv", "--db", str(db), "--sheet", "謎", "-o", str(tmp_path / "x.csv")]) == 1
    err = capsys.readouterr().err
    assert "--sheet「謎」はありません" in err and "事業、工程、年度別行動計画、評価" in err and "Traceback" not in err
