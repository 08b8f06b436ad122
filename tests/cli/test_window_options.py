"""Starting the window with the window's own options builds no parser and imports no command module."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from plan_desktop.cli.dispatch import build_parser, window_options

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("argv", [
    [],
    ["--db", "plan.sqlite"],
    ["--db=計画 ファイル.sqlite"],
    ["--exit-after-show", "--db", "a.sqlite"],
    ["--lang", "en"],
    ["--lang=ja", "--screenshot", "shot.png", "--db", "x"],
    ["--db", ""],
])
def test_the_window_options_are_read_as_the_parser_reads_them(argv):
    parsed = build_parser()[0].parse_args(argv)
    assert vars(window_options(argv)) == vars(parsed)


@pytest.mark.parametrize("argv", [
    ["--help"], ["-h"], ["--version"], ["--selftest"], ["check"], ["--db", "a.sqlite", "check"],
    ["--exit"],  # an abbreviation: argparse's to expand
    ["--db"], ["--db", "--lang", "en"], ["--lang", "fr"], ["--db", "a", "--db", "b"], ["--exit-after-show=1"],
    ["print", "sheets", "-o", "x.pdf"], ["--db", "a.sqlite", "extra"],
])
def test_anything_else_goes_to_the_full_parser(argv):
    assert window_options(argv) is None


def test_the_window_path_imports_no_command_module(tmp_path):
    """What main() loads for ``plan-desktop --db FILE`` before it hands over to the window (which is
    replaced here by a stand-in that reports the modules loaded)."""
    code = (
        "import sys\n"
        "import plan_desktop.app as app\n"
        "app.run_gui = lambda args: print(sorted(m for m in sys.modules if m.startswith('plan_desktop.cli'))) or 0\n"
        "from plan_desktop.cli import main\n"
        f"sys.exit(main(['--db', {str(tmp_path / 'x.sqlite')!r}]))\n")
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"), QT_QPA_PLATFORM="offscreen")
    r = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, encoding="utf-8",
                       timeout=120, check=True)
    assert r.stdout.strip() == "['plan_desktop.cli', 'plan_desktop.cli.console', 'plan_desktop.cli.context', " \
                               "'plan_desktop.cli.dispatch']"
