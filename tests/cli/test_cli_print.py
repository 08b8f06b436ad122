"""plan-desktop print ...: outputs and Japanese errors for bad arguments."""

from __future__ import annotations

import subprocess
import sys

import pytest

from plan_desktop.cli import main


def _run(argv, capsys):
    code = main(argv)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_print_sheets_selection(db_file, tmp_path, capsys, pdf):
    out = tmp_path / "s.pdf"
    code, stdout, err = _run(["print", "sheets", "--db", str(db_file), "--fy", "2024", "--measures", "1,5-8",
                              "-o", str(out), "--invariant", "--date", "2026-11-29"], capsys)
    assert code == 0, err
    assert "評価シート 5件" in stdout
    titles = [t for lv, t, _ in pdf.outline(out.read_bytes()) if lv == 1]
    assert [t.split()[0] for t in titles] == ["№1", "№5", "№6", "№7", "№8"]
    assert "印刷日令和8年11月29日" in pdf.all_text(out.read_bytes())


def test_print_sheets_era_year_blank_and_single(db_file, tmp_path, capsys, pdf):
    out = tmp_path / "b.pdf"
    code, stdout, err = _run(["print", "sheets", "--db", str(db_file), "--fy", "令和6年度", "--measures", "３",
                              "--blank", "-o", str(out)], capsys)
    assert code == 0, err
    assert "記入用シート 1件" in stdout and "2ページ" in stdout
    assert "記入用" in pdf.all_text(out.read_bytes())


def test_print_schedule_and_summary(db_file, tmp_path, capsys, pdf):
    a3 = tmp_path / "o.pdf"
    code, stdout, err = _run(["print", "schedule", "--db", str(db_file), "--paper", "a3", "-o", str(a3)], capsys)
    assert code == 0, err
    assert "A3横" in stdout
    code, stdout, err = _run(["print", "schedule", "--db", str(db_file), "--from", "R5", "--to", "2027",
                              "-o", str(a3)], capsys)
    assert code == 0, err
    text = pdf.all_text(a3.read_bytes())
    assert "令和5年度" in text and "令和9年度" in text and "令和4年度" not in text
    s = tmp_path / "r.pdf"
    code, stdout, err = _run(["print", "summary", "--db", str(db_file), "--fy", "2024", "-o", str(s)], capsys)
    assert code == 0, err
    assert "評価結果一覧" in pdf.all_text(s.read_bytes())


@pytest.mark.parametrize("args, message", [
    (["--measures", "99"], "計画にない推進事項です: №99"),
    (["--measures", "1,40-42"], "№40, №41, №42"),
    (["--measures", "8-5"], "始まりが終わりより大きく"),
    (["--measures", "abc"], "「abc」を読めません"),
    (["--measures", "1,,2"], "空の項目"),
    (["--fy", "2040"], "計画期間"),
    (["--fy", "2010"], "計画期間"),
    (["--fy", "令和x年"], "年度として読めません"),
    (["--fy", ""], "--fy で年度を指定"),
    (["--date", "2025-13-01"], "--date の日付を読めません"),
])
def test_print_sheets_bad_arguments(db_file, tmp_path, capsys, args, message):
    out = tmp_path / "x.pdf"
    base = ["print", "sheets", "--db", str(db_file), "--fy", "2024", "-o", str(out)]
    argv = base + args
    code, stdout, err = _run(argv, capsys)
    assert code != 0
    assert err.startswith("エラー: ")
    assert message in err
    assert not out.exists()


def test_missing_arguments_and_files(db_file, tmp_path, capsys):
    code, _, err = _run(["print", "sheets", "--db", str(db_file), "-o", str(tmp_path / "x.pdf")], capsys)
    assert code != 0 and "--fy で年度を指定" in err
    code, _, err = _run(["print", "sheets", "--db", str(db_file), "--fy", "2024"], capsys)
    assert code != 0 and "-o で出力する PDF" in err
    code, _, err = _run(["print", "sheets", "--db", str(tmp_path / "none.sqlite"), "--fy", "2024",
                         "-o", str(tmp_path / "x.pdf")], capsys)
    assert code != 0 and "データベースが見つかりません" in err
    code, _, err = _run(["print", "schedule", "--db", str(db_file), "--paper", "B5", "-o", str(tmp_path / "x.pdf")],
                        capsys)
    assert code != 0 and "用紙サイズ" in err
    code, _, err = _run(["print", "schedule", "--db", str(db_file), "--from", "2026", "--to", "2024",
                         "-o", str(tmp_path / "x.pdf")], capsys)
    assert code != 0 and "逆" in err
    code, _, err = _run(["print", "sheets", "--db", str(db_file), "--fy", "2024",
                         "-o", str(tmp_path / "no" / "such" / "dir.pdf")], capsys)
    assert code != 0 and "出力先のフォルダがありません" in err
    code, _, err = _run(["print"], capsys)
    assert code != 0 and "作成する帳票を指定してください" in err


def test_not_a_database(tmp_path, capsys):
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"this is not sqlite" * 100)
    code, _, err = _run(["print", "summary", "--db", str(bad), "--fy", "2024", "-o", str(tmp_path / "x.pdf")],
                        capsys)
    assert code != 0 and err.startswith("エラー: ")


def test_whole_process_writes_pdf_to_stdout(db_file, tmp_path):
    proc = subprocess.run([sys.executable, "-m", "plan_desktop", "print", "sheets", "--db", str(db_file),
                           "--fy", "2024", "--measures", "2", "-o", "-"], capture_output=True, timeout=120)
    assert proc.returncode == 0, proc.stderr.decode()
    assert proc.stdout.startswith(b"%PDF-") and proc.stdout.rstrip().endswith(b"%%EOF")
    bad = subprocess.run([sys.executable, "-m", "plan_desktop", "print", "sheets", "--db", str(db_file),
                          "--fy", "2024", "--measures", "0", "-o", str(tmp_path / "x.pdf")],
                         capture_output=True, timeout=120)
    assert bad.returncode == 1
    assert "計画にない推進事項です: №0" in bad.stderr.decode()


def test_print_sheets_meeting_duplex_and_stamps_options(db_file, tmp_path, capsys, pdf):
    out = tmp_path / "m.pdf"
    base = ["print", "sheets", "--db", str(db_file), "--fy", "2024", "--measures", "1-3", "--invariant",
            "--meeting", "第2回推進協議会", "--meeting-date", "2025-05-20", "--document-no", "資料3",
            "--stamps", "課長、係長、担当", "--all-blocks", "-o", str(out)]
    code, stdout, err = _run(base, capsys)
    assert code == 0, err
    text = pdf.all_text(out.read_bytes())
    assert "第2回推進協議会（令和7年5月20日）" in text and "資料3" in text and "係長" in text
    duplex = pdf.reader(out.read_bytes()).pages
    code, stdout, err = _run(base + ["--one-sided"], capsys)
    assert code == 0, err
    assert len(pdf.reader(out.read_bytes()).pages) < len(duplex)  # no blank versos
    assert "（白紙）" in "".join(p.extract_text() for p in duplex)


@pytest.mark.parametrize("args, message", [
    (["--meeting-date", "5月20日"], "--meeting-date"),
    (["--stamps", "一,二,三,四,五,六,七"], "--stamps"),
    (["--meeting", "x" * 61], "--meeting"),
])
def test_print_sheets_refuses_bad_print_settings(db_file, tmp_path, capsys, args, message):
    out = tmp_path / "bad.pdf"
    code, stdout, err = _run(["print", "sheets", "--db", str(db_file), "--fy", "2024", "-o", str(out), *args], capsys)
    assert code == 1 and message in err and "Traceback" not in err
    assert not out.exists()


def test_print_summary_and_review_say_which_ratings_they_count(db_file, tmp_path, capsys, pdf):
    out = tmp_path / "s.pdf"
    code, _, err = _run(["print", "summary", "--db", str(db_file), "--fy", "2024", "-o", str(out)], capsys)
    assert code == 0, err
    assert "会議確定）のみ" in pdf.all_text(out.read_bytes())
    code, _, err = _run(["print", "summary", "--db", str(db_file), "--fy", "2024", "--include-drafts",
                         "-o", str(out)], capsys)
    assert code == 0, err
    assert "確定していない評価（案）" in pdf.all_text(out.read_bytes())
    code, _, err = _run(["print", "review", "--db", str(db_file), "--period", "前期", "--include-drafts",
                         "-o", str(out)], capsys)
    assert code == 0, err
    assert "確定していない評価（案）" in pdf.all_text(out.read_bytes())


def test_print_sheets_processes_must_be_positive(db_file, tmp_path, capsys):
    code, _stdout, err = _run(["print", "sheets", "--db", str(db_file), "--fy", "2024", "--processes", "0",
                               "-o", str(tmp_path / "x.pdf")], capsys)
    assert code == 1 and "--processes は1以上" in err
    assert not (tmp_path / "x.pdf").exists()


def test_invariant_sheets_are_made_in_one_piece_whatever_processes_says(db_file, tmp_path, capsys):
    paths = []
    for processes in (None, "3"):
        out = tmp_path / f"s{processes}.pdf"
        argv = ["print", "sheets", "--db", str(db_file), "--fy", "2024", "-o", str(out), "--invariant",
                "--date", "2026-11-29"] + (["--processes", processes] if processes else [])
        code, _stdout, err = _run(argv, capsys)
        assert code == 0, err
        paths.append(out)
    assert paths[0].read_bytes() == paths[1].read_bytes()


@pytest.mark.slow
def test_print_sheets_in_parts_as_a_whole_process(db_file, tmp_path, pdf):
    """The command as a user runs it (a process without Qt, so parts are forked where the system allows)."""
    import os

    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    outs = []
    for processes in ("1", "2"):
        out = tmp_path / f"p{processes}.pdf"
        proc = subprocess.run([sys.executable, "-m", "plan_desktop", "print", "sheets", "--db", str(db_file),
                               "--fy", "2024", "--date", "2026-11-29", "--processes", processes, "-o", str(out)],
                              capture_output=True, encoding="utf-8", env=env, timeout=600)
        assert proc.returncode == 0, proc.stderr
        assert "評価シート 35件" in proc.stdout
        outs.append(out.read_bytes())
    one, parts = outs
    assert len(pdf.reader(parts).pages) == len(pdf.reader(one).pages)
    assert pdf.all_text(one) == pdf.all_text(parts)
    assert pdf.outline(one) == pdf.outline(parts)


def test_printing_tunes_the_garbage_collector_for_the_layout_and_restores_it(db_file, tmp_path, capsys, monkeypatch):
    """Off while the plan is read, frozen and less frequent while laying out, as before afterwards."""
    import gc

    from plan_desktop.cli import print_commands
    from plan_desktop.reports import sheet

    seen = {}
    real_load, real_build = print_commands.CliContext.load_plan, sheet.build_sheets

    def load_plan(ctx):
        seen["reading"] = gc.isenabled()
        return real_load(ctx)

    def build_sheets(*a, **kw):
        seen["layout"] = (gc.isenabled(), gc.get_threshold(), gc.get_freeze_count() > 0)
        return real_build(*a, **kw)

    monkeypatch.setattr(print_commands.CliContext, "load_plan", load_plan)
    monkeypatch.setattr(sheet, "build_sheets", build_sheets)
    before = (gc.isenabled(), gc.get_threshold(), gc.get_freeze_count())
    code, _, err = _run(["print", "sheets", "--db", str(db_file), "--fy", "2024", "--measures", "1",
                         "-o", str(tmp_path / "s.pdf")], capsys)
    assert code == 0, err
    assert seen == {"reading": False, "layout": (True, print_commands.BUILD_GC_THRESHOLD, True)}
    assert (gc.isenabled(), gc.get_threshold(), gc.get_freeze_count()) == before
    # also after a command that fails
    code, _, _ = _run(["print", "sheets", "--db", str(db_file), "--fy", "2024", "--measures", "99",
                       "-o", str(tmp_path / "s.pdf")], capsys)
    assert code == 1
    assert (gc.isenabled(), gc.get_threshold(), gc.get_freeze_count()) == before
