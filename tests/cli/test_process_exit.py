"""A print's process ends without the interpreter's teardown (issue 19: ``print sheets`` as a process).

Freeing reportlab, the plan and the font object by object at exit cost about a
tenth of ``print sheets``; :mod:`plan_desktop.cli.process_exit` ends such a
process at once, after the ``atexit`` functions and with its output flushed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from plan_desktop.cli import main, process_exit

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = r"""
import atexit, sys
from plan_desktop.cli import process_exit


class Noisy:
    def __del__(self):  # runs only in the interpreter's teardown
        sys.stdout.write("teardown\n")


noisy = Noisy()
atexit.register(lambda: sys.stdout.write("atexit\n"))
sys.stdout.write("buffered output\n")  # still in the buffer: stdout is a pipe
if sys.argv[1] == "skip":
    process_exit.skip_teardown()
process_exit.exit_process(int(sys.argv[2]))
"""


def _run(mode: str, code: int) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", SCRIPT, mode, str(code)], capture_output=True, encoding="utf-8",
                          timeout=120)


def test_a_process_that_asked_ends_without_teardown_after_atexit_with_its_output_and_code():
    proc = _run("skip", 3)
    assert proc.returncode == 3, proc.stderr
    assert proc.stdout.splitlines() == ["buffered output", "atexit"]


def test_other_processes_end_as_always():
    proc = _run("normal", 4)
    assert proc.returncode == 4, proc.stderr
    assert proc.stdout.splitlines() == ["buffered output", "atexit", "teardown"]


def test_print_commands_ask_to_end_without_teardown_and_main_still_returns(tmp_path, monkeypatch):
    monkeypatch.setattr(process_exit, "_skip", False)
    db = tmp_path / "plan.sqlite"
    shutil.copyfile(ROOT / "data" / "plan.sqlite", db)
    out = tmp_path / "summary.pdf"
    assert main(["print", "summary", "--db", str(db), "--fy", "2025", "-o", str(out)]) == 0
    assert out.stat().st_size > 0
    assert process_exit.teardown_skipped()


@pytest.mark.slow
def test_python_m_plan_desktop_print_sheets_writes_the_pdf_and_exits_zero(tmp_path):
    db = tmp_path / "plan.sqlite"
    shutil.copyfile(ROOT / "data" / "plan.sqlite", db)
    out = tmp_path / "評価 シート.pdf"
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    env.update(HOME=str(tmp_path), XDG_CACHE_HOME=str(tmp_path / "cache"))
    proc = subprocess.run([sys.executable, "-m", "plan_desktop", "print", "sheets", "--db", str(db), "--fy", "2025",
                           "--measures", "1-3", "-o", str(out)], capture_output=True, encoding="utf-8",
                          errors="replace", env=env, cwd=ROOT, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert out.read_bytes().startswith(b"%PDF") and out.read_bytes().rstrip().endswith(b"%%EOF")
    assert "評価シート 3件" in proc.stdout  # the last line, written just before the process ended


def test_a_failing_print_still_exits_one_with_its_message(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    env.update(HOME=str(tmp_path), XDG_CACHE_HOME=str(tmp_path / "cache"))
    proc = subprocess.run([sys.executable, "-m", "plan_desktop", "print", "sheets", "--db", str(tmp_path / "none.sqlite"),
                           "--fy", "2025", "-o", str(tmp_path / "x.pdf")], capture_output=True, encoding="utf-8",
                          errors="replace", env=env, cwd=ROOT, timeout=300)
    assert proc.returncode == 1
    assert "エラー" in proc.stderr and "Traceback" not in proc.stderr


def test_the_window_path_asks_to_end_without_teardown_once_the_window_has_closed(tmp_path, monkeypatch):
    from plan_desktop import app, collector
    from plan_desktop.cli import dispatch

    monkeypatch.setattr(collector, "pause", lambda: None)  # (no window here to resume it)
    monkeypatch.setattr(process_exit, "_skip", False)
    monkeypatch.setattr(dispatch, "_window_closed", False)
    during_the_window: list[bool] = []
    monkeypatch.setattr(app, "run_gui", lambda args: during_the_window.append(dispatch.window_closed()) or 0)
    monkeypatch.setattr(process_exit, "exit_process", lambda code: during_the_window.append(code))
    monkeypatch.setattr(sys, "argv", ["plan-desktop", "--db", str(tmp_path / "plan.sqlite")])
    process_exit.run()
    assert during_the_window == [False, 0]  # the window was not "closed" while it ran; run() ended with its code
    assert process_exit.teardown_skipped()


@pytest.mark.slow
def test_a_window_process_ending_without_teardown_keeps_its_settings_and_releases_its_lock(tmp_path):
    db = tmp_path / "計画 ファイル.sqlite"
    shutil.copyfile(ROOT / "data" / "plan.sqlite", db)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path / "cfg"),
               XDG_DATA_HOME=str(tmp_path / "data"))
    proc = subprocess.run([sys.executable, "-m", "plan_desktop", "--db", str(db), "--exit-after-show"],
                          capture_output=True, encoding="utf-8", errors="replace", env=env, cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert not db.with_name(db.name + ".lock").exists()
    settings = list((tmp_path / "cfg").rglob("*.conf"))
    assert len(settings) == 1 and "計画 ファイル.sqlite" in settings[0].read_text(encoding="utf-8")
