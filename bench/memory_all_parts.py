"""Peak memory of the window once every deferred part of the plan is read (issue 19: ≤ 250 MB at 2,000).

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/memory_all_parts.py --db plan-2000.sqlite

Opens the file as the app does (lock, backup, deferred parts), shows the window, waits until the
background steps have read every measure's schedules and evaluations, types a search (so the
search texts are made too) and prints VmHWM/VmRSS from /proc/self/status (Linux). A plan of 2,000
measures: ``run_benchmarks.make_plan_db`` (bench/run_benchmarks.py) writes one.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", type=Path, required=True)
    args = ap.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings, QTemporaryDir
    from PySide6.QtWidgets import QApplication

    from plan_desktop.ui.main_window import MainWindow
    from plan_desktop.ui.safety_dialogs import open_document_safely

    app = QApplication([])
    tmp = QTemporaryDir()
    document = open_document_safely(args.db)
    if document is None:
        return 1
    window = MainWindow(document, QSettings(tmp.filePath("bench.ini"), QSettings.Format.IniFormat))
    done: list[bool] = []
    document.parts_loaded.connect(lambda: done.append(True))
    window.show()
    while not done:
        app.processEvents()
    assert all(m.parts_loaded for m in document.data.measures)
    window.search_box.setText("コミュニティ")
    app.processEvents()
    with open("/proc/self/status", encoding="utf-8") as status:
        memory = {k: v.strip() for k, v in (line.split(":", 1) for line in status) if k in ("VmHWM", "VmRSS")}
    print(f"{len(document.data.measures)} measures, every part read: peak {memory['VmHWM']}, now {memory['VmRSS']}")
    window.close()
    document.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
