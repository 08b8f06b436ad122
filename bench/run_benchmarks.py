"""All benchmarks in one run; prints tables and writes docs/benchmarks.md.

    .venv/bin/python bench/run_benchmarks.py            # median of 5 runs
    .venv/bin/python bench/run_benchmarks.py --repeat 3 --measures 500 --no-write

Measured here (each as the median of ``--repeat`` runs after one warm-up):
* whole-process start-up to first paint (``--exit-after-show``) on the bundled
  plan and on a generated plan of ``--measures`` measures with 10 years of
  evaluations, beside a bare PySide6 window started the same way (the floor);
* peak memory (max RSS) of those processes;
* search filter latency per keystroke in the main window at ``--measures``;
* ``plan-desktop --selftest`` as a process.
Then it runs the feature benchmarks and includes their tables:
bench_timeline.py (repaint at ``--measures``), bench_reports.py (PDF of all
sheets at 35 and ``--measures``) and exchange_bench.py (xlsx export/import).
Where LibreOffice (``soffice``) is installed it also times converting the
app's own evaluation .xlsx export to PDF, the usual office route.
Everything runs offscreen (QT_QPA_PLATFORM=offscreen); no display needed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from bench_env import LAPTOP_SCREEN, env_for  # noqa: E402

BARE_WINDOW = r"""
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QLabel
app = QApplication(sys.argv[:1])
w = QMainWindow(); w.setCentralWidget(QLabel("floor")); w.resize(1400, 900)
class F(QObject):
    def eventFilter(self, o, e):
        if e.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, app.quit)
        return False
f = F(); w.installEventFilter(f); w.show(); app.exec()
"""

# Not a target, an explanation: what the product's stack costs before any of our
# code runs - sqlite-utils imported, the Qt namespace enums touched (PySide6
# builds all ~120 of them on first use, which any real widget code does) and a
# 35-row tree painted.
STACK_WINDOW = r"""
import sys
import sqlite_utils
from PySide6.QtCore import QEvent, QObject, QTimer, Qt
from PySide6.QtWidgets import QApplication, QMainWindow, QTreeWidget, QTreeWidgetItem
_ = Qt.AlignmentFlag.AlignLeft
app = QApplication(sys.argv[:1])
w = QMainWindow(); t = QTreeWidget(); t.setHeaderLabels(["推進事項"])
for i in range(35):
    QTreeWidgetItem(t, [f"№{i} コミュニティ活動の推進"])
w.setCentralWidget(t); w.resize(1400, 900)
class F(QObject):
    def eventFilter(self, o, e):
        if e.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, app.quit)
        return False
f = F(); w.installEventFilter(f); w.show(); app.exec()
"""


def run_process(cmd: list[str], env: dict) -> tuple[float, float]:
    """(wall seconds, ru_maxrss MB) of one child process; raises if it fails. (For memory use
    :func:`peak_rss_mb`: this maxrss includes the benchmark's own size at the fork.)"""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise RuntimeError(f"{cmd} exited {proc.returncode}: {proc.stderr.read().decode(errors='replace')[-500:]}")
    return elapsed, usage.ru_maxrss / 1024


def peak_rss_mb(cmd: list[str], env: dict) -> float:
    """Peak RSS (MB) of one run of *cmd*, through GNU time (``/usr/bin/time -f %M``); NaN without it.

    Not the ``ru_maxrss`` of :func:`run_process`: a child forked from this process keeps, in its
    maxrss, this process's own resident size from before its exec (~115 MB once the generated plan
    is in memory), so every child looked as large as the benchmark itself. GNU time forks the
    measured program from a small process.
    """
    if not os.path.exists("/usr/bin/time"):
        return float("nan")
    proc = subprocess.run(["/usr/bin/time", "-f", "%M", *cmd], env=env, cwd=ROOT, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True, encoding="utf-8", errors="replace", check=True)
    return int(proc.stderr.strip().splitlines()[-1]) / 1024


def median_runs(cmd: list[str], env: dict, repeat: int) -> tuple[float, float]:
    run_process(cmd, env)  # warm-up: page cache, first-open backup, font cache
    runs = [run_process(cmd, env)[0] for _ in range(repeat)]
    return statistics.median(runs), peak_rss_mb(cmd, env)


def office_route(tmp: Path, repeat: int) -> str:
    from bench_office import office_route as run

    return run(tmp, repeat)


def make_plan_db(n: int, tmp: Path) -> Path:
    from generate_plan import generate

    from plan_desktop.storage.database import open_database
    from plan_desktop.storage.repository import PlanRepository

    path = tmp / f"plan-{n}.sqlite"
    db = open_database(path, backups=False)
    PlanRepository(db).replace_all(generate(n))
    db.close()
    return path


def search_latency(db_path: Path, tmp: Path, query: str = "コミュニティ活動の推進") -> dict[str, float]:
    """Per-keystroke ms of the tree filter in a real main window on a laptop's screen (1366×768).

    ``cold``: the first keystroke typed right after the window appears, before
    the idle-time folding of search texts has run; ``warm_*``: typing the query
    3 times once that folding, the read of the rest of the plan and the preparation of what the
    tree paints are done (``prewarm`` ms after the window showed).
    """
    os.environ.update(env_for(tmp, screen=LAPTOP_SCREEN))  # this process's first QApplication
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from plan_desktop.app import create_main_window

    app = QApplication.instance() or QApplication([])
    settings = QSettings(str(tmp / "bench.ini"), QSettings.Format.IniFormat)

    def keystroke(window, text: str) -> float:
        t = time.perf_counter()
        window.search_box.setText(text)
        app.processEvents()
        return (time.perf_counter() - t) * 1000

    window = create_main_window(db_path, settings)
    window.show()
    app.processEvents()
    cold = keystroke(window, query[:1])
    window.close()

    window = create_main_window(db_path, settings)
    window.show()
    app.processEvents()
    t = time.perf_counter()
    prep = getattr(window.browser, "paint_prep", None)  # what the tree paints, made ahead (ui/tree_paint_prep.py)
    while not (window.proxy.prewarm_done() and all(m.parts_loaded for m in window.document.data.measures)
               and (prep is None or prep.done())):
        app.processEvents()
    prewarm = (time.perf_counter() - t) * 1000
    times = []
    for _ in range(3):
        times += [keystroke(window, query[:i]) for i in range(1, len(query) + 1)]
        keystroke(window, "")
    window.close()
    return {"cold": cold, "prewarm": prewarm, "warm_median": statistics.median(times), "warm_max": max(times)}


def preview_latency(db_path: Path, tmp: Path, fy: int = 2024) -> dict[str, float]:
    """ms from 印刷 > 全事項の評価シート (year chosen) to the preview's first page on
    screen, and to the last sheet; beside it, the same sheets made in one piece
    before anything is shown (how the preview worked before it was progressive)."""
    os.environ.update(env_for(tmp, screen=LAPTOP_SCREEN))  # this process's first QApplication
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from plan_desktop.app import create_main_window
    from plan_desktop.reports.base import ReportOptions
    from plan_desktop.reports.sheet import build_sheets
    from plan_desktop.ui.print_preview import PrintPreviewDialog

    app = QApplication.instance() or QApplication([])
    window = create_main_window(db_path, QSettings(str(tmp / "bench-preview.ini"), QSettings.Format.IniFormat))
    window.show()
    app.processEvents()
    actions = window.print_actions
    actions.ask_fiscal_year = lambda title: fy
    data = window.document.data
    build_sheets(data, fy, list(data.measures), options=ReportOptions())  # warm-up: fonts, imports
    first, last, whole = [], [], []
    for _ in range(3):
        t = time.perf_counter()
        dlg = actions.print_all()
        while dlg.page_count() < 1:
            app.processEvents()
        first.append((time.perf_counter() - t) * 1000)
        while dlg.is_building():
            app.processEvents()
        last.append((time.perf_counter() - t) * 1000)
        dlg.close()
        app.processEvents()
        t = time.perf_counter()
        one = build_sheets(data, fy, list(data.measures), options=ReportOptions())
        # With the window as parent, as the app does: a parentless preview left to the interpreter's
        # teardown can crash at exit (QPdfView's shared objects deleted out of order).
        PrintPreviewDialog.for_result(one, window).close()
        whole.append((time.perf_counter() - t) * 1000)
    window.close()
    return {"first": statistics.median(first), "last": statistics.median(last), "whole": statistics.median(whole),
            "sheets": len(data.measures)}


def feature_bench(script: str, args: list[str], tmp: Path) -> str:
    proc = subprocess.run([PY, str(ROOT / "bench" / script), *args], env=env_for(tmp), cwd=ROOT,
                          capture_output=True, text=True, encoding="utf-8", timeout=3600)
    out = proc.stdout.strip()
    if proc.returncode != 0:
        out += f"\n(exit {proc.returncode}) {proc.stderr.strip()[-800:]}"
    return out


def machine() -> str:
    import PySide6
    import reportlab

    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(next(line for line in Path("/proc/meminfo").read_text(encoding="utf-8").splitlines()
                      if line.startswith("MemTotal")).split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GiB RAM"
    except (OSError, StopIteration):
        pass
    return (f"{cpu}, {os.cpu_count()} cores{mem}; {platform.system()} {platform.release()}; "
            f"Python {platform.python_version()}, PySide6 {PySide6.__version__}, reportlab {reportlab.Version}; "
            f"QT_QPA_PLATFORM=offscreen; load average at start {os.getloadavg()[0]:.2f}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--measures", type=int, default=2000)
    ap.add_argument("--no-write", action="store_true", help="print only; do not rewrite docs/benchmarks.md")
    ap.add_argument("--skip-features", action="store_true", help="only start-up, memory, search, preview and the office route")
    args = ap.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="plan-bench-") as t:
        tmp = Path(t)
        env = env_for(tmp)
        small = tmp / "plan-35.sqlite"
        shutil.copyfile(ROOT / "data" / "plan.sqlite", small)
        big = make_plan_db(args.measures, tmp)
        rows = []
        floor, floor_mem = median_runs([PY, "-c", BARE_WINDOW], env, args.repeat)
        rows.append(("bare PySide6 window (floor)", floor, floor_mem))
        stack, stack_mem = median_runs([PY, "-c", STACK_WINDOW], env, args.repeat)
        rows.append(("reference: the stack alone (sqlite-utils + Qt enums + a 35-row tree)", stack, stack_mem))
        for label, db in (("plan_desktop, bundled plan (35)", small), (f"plan_desktop, {args.measures} measures", big)):
            wall, mem = median_runs([PY, "-m", "plan_desktop", "--db", str(db), "--exit-after-show"], env, args.repeat)
            rows.append((label, wall, mem))
        selftest, selftest_mem = median_runs([PY, "-m", "plan_desktop", "--selftest"], env, args.repeat)
        search = search_latency(big, tmp)
        preview = preview_latency(small, tmp)
        phases = [feature_bench("startup_phases.py", ["--repeat", str(args.repeat), "--db", str(db)], tmp)
                  for db in (small, big)]

        lines = ["## Start-up to first paint (whole process) and peak memory", "",
                 "| process | median | × floor | peak RSS |", "|---|---|---|---|"]
        for label, wall, mem in rows:
            lines.append(f"| {label} | {wall:.2f} s | {wall / floor:.2f} | {mem:.0f} MB |")
        lines.append(f"| plan-desktop --selftest | {selftest:.2f} s | – | {selftest_mem:.0f} MB |")
        lines += ["", "Where the time goes (bench/startup_phases.py):", "", "```", *phases, "```"]
        lines += ["", f"## Search filter at {args.measures} measures", "",
                  f"Per keystroke (tree filter + repaint), typing a 10-character query 3 times: "
                  f"median {search['warm_median']:.1f} ms, worst {search['warm_max']:.1f} ms.",
                  "",
                  f"The search texts are prepared, the rest of the plan read and what the tree paints for "
                  f"rows coming into view made, in idle time after the "
                  f"window appears (done {search['prewarm']:.0f} ms after it, in small steps); a first "
                  f"keystroke typed before that "
                  f"took {search['cold']:.0f} ms.", "",
                  f"## Print preview of all sheets (bundled plan, {preview['sheets']} sheets)", "",
                  f"From the command to the first page on screen: {preview['first']:.0f} ms; "
                  f"every sheet shown: {preview['last']:.0f} ms. "
                  f"The same sheets made in one piece and then shown (the preview before it was progressive): "
                  f"{preview['whole']:.0f} ms, i.e. first page {preview['whole'] / preview['first']:.1f}× sooner.", ""]
        if not args.skip_features:
            n = str(args.measures)
            lines += ["## Timeline (bench/bench_timeline.py)", "", "```",
                      feature_bench("bench_timeline.py", ["--measures", n], tmp), "```", "",
                      "## PDF reports (bench/bench_reports.py)", "", "```",
                      feature_bench("bench_reports.py", ["--repeat", str(args.repeat), "--large", n], tmp), "```", "",
                      "## Excel / CSV exchange (bench/exchange_bench.py)", "", "```",
                      feature_bench("exchange_bench.py", ["--measures", n], tmp), "```", ""]
        lines += ["## Office route (bench/bench_office.py)", "", office_route(tmp, args.repeat), ""]
        report = "\n".join(lines)
        print(report)
        if not args.no_write:
            head = ("# Benchmarks\n\nMade by `.venv/bin/python bench/run_benchmarks.py` "
                    f"on {dt.date.today().isoformat()}.\n\nMachine: {machine()}.\n\n"
                    "Figures vary with machine load; compare rows of the same run, not runs of different days.\n\n")
            (ROOT / "docs" / "benchmarks.md").write_text(head + report + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
