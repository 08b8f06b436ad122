"""Our share of start-up, without the imports: open a plan, build the main window, first paint.

    .venv/bin/python bench/window_build_time.py [--src OTHER/src] [--db FILE] [--windows 8]

In one process (so imports, Qt's own start and the interpreter are paid once and left out):
``--windows`` + 1 times a fresh copy of the plan is opened with ``create_main_window``, shown,
and the event loop runs until its first paint. Prints the median wall and CPU time of all but
the first window. ``--src`` measures another version of the sources (e.g. ``git archive <commit>
src | tar -x -C /tmp/before``); run both alternately for an A/B. Note: every copy is a new file,
so opening it includes the first-open backup and its check (storage's work, large at 2,000
measures) - compare versions, not this figure with whole-process ones.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--src", type=Path, default=ROOT / "src")
    ap.add_argument("--db", type=Path, default=ROOT / "data" / "plan.sqlite")
    ap.add_argument("--windows", type=int, default=8)
    args = ap.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(args.src.resolve()))
    from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from plan_desktop.app import create_main_window

    app = QApplication.instance() or QApplication(sys.argv[:1])

    class FirstPaint(QObject):
        def eventFilter(self, obj, event) -> bool:
            if event.type() == QEvent.Type.Paint:
                QTimer.singleShot(0, app.quit)
            return False

    walls: list[float] = []
    cpus: list[float] = []
    with tempfile.TemporaryDirectory(prefix="plan-build-") as t:
        tmp = Path(t)
        settings = QSettings(str(tmp / "settings.ini"), QSettings.Format.IniFormat)
        for i in range(args.windows + 1):  # the first one warms caches (fonts, Qt's lazy parts)
            db = tmp / f"plan-{i}.sqlite"
            shutil.copyfile(args.db, db)
            t0, c0 = time.perf_counter(), time.process_time()
            window = create_main_window(db, settings)
            probe = FirstPaint()
            window.installEventFilter(probe)
            window.show()
            app.exec()
            t1, c1 = time.perf_counter(), time.process_time()
            if i:
                walls.append(t1 - t0)
                cpus.append(c1 - c0)
            window.removeEventFilter(probe)
            window.close()
            window.document.close()
            window.deleteLater()
            app.processEvents()
    print(f"{args.src}: {args.db.name}: open + build + first paint, median of {args.windows} windows: "
          f"wall {statistics.median(walls) * 1000:.0f} ms, cpu {statistics.median(cpus) * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
