"""Where start-up time goes: the phases of ``plan-desktop --exit-after-show``.

    .venv/bin/python bench/startup_phases.py [--db FILE] [--repeat 5]

Runs the real entry point in fresh processes with timestamps hooked onto its
steps and prints the median time at which each phase ends (ms since the
interpreter started running this script) and its own share. Offscreen, with
bytecode caching on (as run_benchmarks.py), so it needs no display.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from bench_env import env_for  # noqa: E402

PHASES = ["import cli and Qt-free modules", "import PySide6.QtWidgets", "import plan_desktop.app",
          "import document.plan_document", "import ui.main_window", "open and load the plan",
          "build the main window", "show", "first paint and exit"]


def _child(db: str) -> None:
    t0 = time.perf_counter()
    marks: list[float] = []

    def mark() -> None:
        marks.append((time.perf_counter() - t0) * 1000)

    sys.path.insert(0, str(ROOT / "src"))
    from plan_desktop import startup_code
    from plan_desktop.cli.dispatch import _import_pure_python_first, main

    startup_code.install()  # as main() does before the GUI (so the order is the real one)
    _import_pure_python_first()
    mark()
    import plan_desktop.qt_compat  # noqa: F401 - first, as in the app
    # isort: split
    from PySide6 import QtWidgets

    mark()
    import plan_desktop.app  # noqa: F401
    mark()
    import plan_desktop.document.plan_document  # noqa: F401
    mark()
    import plan_desktop.ui.main_window as mw
    import plan_desktop.ui.safety_dialogs as sd
    mark()
    open_safely, init, show = sd.open_document_safely, mw.MainWindow.__init__, QtWidgets.QMainWindow.show

    def timed_open(*a, **k):
        r = open_safely(*a, **k)
        mark()
        return r

    def timed_init(self, *a, **k):
        init(self, *a, **k)
        mark()

    def timed_show(self):
        show(self)
        mark()

    sd.open_document_safely, mw.MainWindow.__init__, QtWidgets.QMainWindow.show = timed_open, timed_init, timed_show
    sys.argv = ["plan-desktop", "--exit-after-show", "--db", db]
    code = main()
    mark()
    print(json.dumps({"code": code, "marks": marks}))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", type=Path, default=ROOT / "data" / "plan.sqlite")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        _child(args.child)
        return 0
    with tempfile.TemporaryDirectory(prefix="plan-phases-") as t:
        tmp = Path(t)
        db = tmp / "plan.sqlite"
        db.write_bytes(args.db.read_bytes())
        env = env_for(tmp)
        runs = []
        for i in range(args.repeat + 1):  # the first run warms the bytecode cache and takes the daily backup
            out = subprocess.run([sys.executable, __file__, "--child", str(db)], env=env, capture_output=True,
                                 text=True, encoding="utf-8", timeout=120, check=True).stdout
            if i:
                runs.append(json.loads(out.strip().splitlines()[-1])["marks"])
    ends = [statistics.median(r[k] for r in runs) for k in range(len(PHASES))]
    print(f"{args.db.name}: median of {args.repeat} runs (ms since the script started)")
    print(f"{'phase':34s} {'ends at':>8s} {'takes':>7s}")
    prev = 0.0
    for name, end in zip(PHASES, ends):
        print(f"{name:34s} {end:8.0f} {end - prev:7.0f}")
        prev = end
    return 0


if __name__ == "__main__":
    sys.exit(main())
