"""`plan-desktop print sheets` loads only what printing uses (issue 19: the command-line path).

Run as the command line runs it (``python -m plan_desktop``), in a fresh
interpreter; what it imported is read from ``sys.modules`` when it ends.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

PROBE = r"""
import atexit, json, runpy, sys
sys.argv = ["plan-desktop", *json.loads(sys.argv[1])]


def report():  # atexit: also when the command ends the process without teardown (cli.process_exit)
    loaded = {name: type(module).__name__ for name, module in sys.modules.items() if module is not None}
    print(json.dumps({"modules": loaded}))


atexit.register(report)
runpy.run_module("plan_desktop", run_name="__main__", alter_sys=True)
"""

# Not for printing: the window, spreadsheets, sqlite-utils (and what it brings), web and mail.
NOT_FOR_PRINTING = ("PySide6", "shiboken6", "openpyxl", "sqlite_utils", "click", "dateutil", "pluggy", "pypdf",
                    "urllib.request", "http.client", "email.parser", "numpy")


def _loaded(tmp_path: Path, args: list[str]) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    env.update(HOME=str(tmp_path), XDG_CACHE_HOME=str(tmp_path / "cache"))
    proc = subprocess.run([sys.executable, "-c", PROBE, json.dumps(args)], capture_output=True, encoding="utf-8",
                          errors="replace", env=env, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads(proc.stdout.splitlines()[-1])["modules"]


@pytest.mark.slow
@pytest.mark.parametrize("extra", [[], ["--processes", "2"], ["--blank", "--invariant"]])
def test_print_sheets_loads_only_what_printing_uses(tmp_path, extra):
    db = tmp_path / "plan.sqlite"
    shutil.copyfile(ROOT / "data" / "plan.sqlite", db)
    modules = _loaded(tmp_path, ["print", "sheets", "--db", str(db), "--fy", "2025", "--measures", "1-12",
                                 "-o", str(tmp_path / "sheets.pdf"), *extra])
    assert (tmp_path / "sheets.pdf").stat().st_size > 0
    loaded = sorted(name for name in modules
                    if any(name == bad or name.startswith(bad + ".") for bad in NOT_FOR_PRINTING))
    assert loaded == []
    # Pillow is there for reportlab, but never run (no bitmaps in the sheets)
    assert modules.get("PIL.Image") in (None, "_LazyModule")
    assert "plan_desktop.ui" not in modules and "plan_desktop.exchange" not in modules
