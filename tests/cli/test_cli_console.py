"""Console output in cp932 (a Japanese Windows console or a redirected ``> log.txt``) never fails."""

from __future__ import annotations

import io
import sys

import pytest

from plan_desktop.cli import main


@pytest.fixture
def cp932_console(monkeypatch):
    """Call it (inside the test: pytest re-installs its own capture between phases) to make
    stdout and stderr what Python sets up on Japanese Windows when redirected: cp932, strict.
    It returns a function giving (stdout, stderr) as written."""

    def install():
        out = io.TextIOWrapper(io.BytesIO(), encoding="cp932", errors="strict", newline="\r\n")
        err = io.TextIOWrapper(io.BytesIO(), encoding="cp932", errors="strict", newline="\r\n")
        monkeypatch.setattr(sys, "stdout", out)
        monkeypatch.setattr(sys, "stderr", err)

        def text(stream) -> str:
            stream.flush()
            return stream.buffer.getvalue().decode("cp932")

        return lambda: (text(out), text(err))

    return install


def test_exporting_to_a_name_cp932_cannot_show_succeeds_and_says_so(db_file, tmp_path, cp932_console):
    target = tmp_path / "𠮷田.json"
    written = cp932_console()
    assert main(["export", "json", "--db", str(db_file), "-o", str(target)]) == 0
    assert target.exists()
    out, err = written()
    assert "\\U00020bb7田.json に書き出しました" in out and err == ""


def test_an_error_naming_such_a_file_is_printed_with_exit_1_not_a_traceback(tmp_path, cp932_console):
    missing = tmp_path / "𠮷田😀.sqlite"
    written = cp932_console()
    assert main(["check", "--db", str(missing)]) == 1
    out, err = written()
    assert err.startswith("エラー: ") and "\\U00020bb7田\\U0001f600.sqlite" in err


def test_the_window_executable_without_streams_is_left_alone(monkeypatch):
    from plan_desktop.cli.console import make_console_safe

    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    make_console_safe()  # PyInstaller's windowed exe: sys.stdout is None
    assert sys.stdout is None
