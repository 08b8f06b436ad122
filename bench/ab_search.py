"""Search keystrokes at 2,000 measures, this checkout against another version of the sources, side by side.

    git archive <commit> src | tar -x -C /tmp/before
    .venv/bin/python bench/ab_search.py --before /tmp/before/src [--after OTHER/src] [--rounds 5] [--measures 2000]

Each round runs, for each side in turn (the order alternates), one process that does what
run_benchmarks.py's search part does: the first keystroke typed right after a main window
appears (``first``), then in a second window, once its idle work is done (the search texts
prepared, the rest of the plan read, what the tree paints for rows coming into view made), the query typed three times one character more per
keystroke (median and worst). A keystroke is
``search_box.setText`` plus the event processing after it (the tree's layout and paint of
the rows in view), on a laptop's screen (1366×768). Prints the medians over the rounds, the
per-round after/before ratios, how many full garbage collections ran inside keystrokes, and
the load average.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from bench_env import LAPTOP_SCREEN, ab_arguments, env_for  # noqa: E402

QUERY = "コミュニティ活動の推進"

CHILD = r"""
import gc, json, os, statistics, sys, time
from pathlib import Path
db, tmp, query = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from plan_desktop.app import create_main_window
import plan_desktop
app = QApplication.instance() or QApplication([])
settings = QSettings(str(tmp / "bench.ini"), QSettings.Format.IniFormat)
full = [0, 0.0, 0]  # full collections inside keystrokes, their ms, those in the first keystroke
inside = [False]
started = [0.0]
def on_gc(phase, info):
    if info["generation"] != 2 or not inside[0]:
        return
    if phase == "start":
        started[0] = time.perf_counter()
    else:
        full[0] += 1
        full[1] += (time.perf_counter() - started[0]) * 1000
gc.callbacks.append(on_gc)
def keystroke(window, text):
    inside[0] = True
    t = time.perf_counter()
    c = time.process_time()
    window.search_box.setText(text)
    app.processEvents()
    inside[0] = False
    return (time.perf_counter() - t) * 1000, (time.process_time() - c) * 1000
window = create_main_window(db, settings)
window.show()
app.processEvents()
first, first_cpu = keystroke(window, query[:1])
full[2] = full[0]
window.close()
window = create_main_window(db, settings)
window.show()
app.processEvents()
prep = getattr(window.browser, "paint_prep", None)  # what the tree paints, made ahead (not in older sources)
while not (window.proxy.prewarm_done() and all(m.parts_loaded for m in window.document.data.measures)
           and (prep is None or prep.done())):
    app.processEvents()
times, cpus = [], []
for _ in range(3):
    for i in range(1, len(query) + 1):
        w, c = keystroke(window, query[:i])
        times.append(w); cpus.append(c)
    keystroke(window, "")
window.close()
print(json.dumps({"first": first, "first_cpu": first_cpu, "median": statistics.median(times),
                  "worst": max(times), "cpu_median": statistics.median(cpus), "full_gc": full[0], "full_gc_ms": full[1],
                  "full_gc_first": full[2],
                  "src": str(Path(plan_desktop.__file__).parents[1])}))
"""


def run_side(src: Path, db: Path, tmp: Path, name: str) -> dict:
    env = dict(env_for(tmp, cache=f"pycache-{name}", screen=LAPTOP_SCREEN), PYTHONPATH=str(src))
    proc = subprocess.run([sys.executable, "-c", CHILD, str(db), str(tmp), QUERY], env=env, cwd=ROOT,
                          capture_output=True, text=True, encoding="utf-8", timeout=600)
    if proc.returncode != 0:
        raise RuntimeError(f"{name} failed: {proc.stderr[-800:]}")
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    if Path(out["src"]).resolve() != src.resolve():
        raise RuntimeError(f"{name} ran {out['src']}, not {src}")
    return out


def main(argv: list[str] | None = None) -> int:
    args = ab_arguments(__doc__, argv, rounds=5)
    sides = args.sides
    sys.path.insert(0, str(ROOT / "src"))
    from run_benchmarks import make_plan_db

    with tempfile.TemporaryDirectory(prefix="plan-ab-search-") as t:
        tmp = Path(t)
        db = make_plan_db(args.measures, tmp)
        for name, src in sides.items():  # warm-up: bytecode caches, page cache, the first-open backup
            run_side(src, db, tmp, name)
        results: dict[str, list[dict]] = {name: [] for name in sides}
        loads = [os.getloadavg()[0]]
        for r in range(args.rounds):
            for name in (list(sides) if r % 2 == 0 else list(reversed(sides))):
                results[name].append(run_side(sides[name], db, tmp, name))
            loads.append(os.getloadavg()[0])
        keys = ("first", "first_cpu", "median", "cpu_median", "worst")
        print(f"{args.rounds} alternating rounds at {args.measures} measures, query {QUERY!r}; "
              f"load average {min(loads):.2f}-{max(loads):.2f}")
        print(f"{'ms':10s}" + "".join(f"{k:>12s}" for k in keys) + "  full GCs in keystrokes (in first ones), ms")
        for name, rs in results.items():
            print(f"{name:10s}" + "".join(f"{statistics.median(x[k] for x in rs):12.1f}" for k in keys)
                  + f"  {sum(x['full_gc'] for x in rs)} ({sum(x['full_gc_first'] for x in rs)}), "
                  + f"{sum(x['full_gc_ms'] for x in rs):.0f}")
        print(f"{'after/before':10s}" + "".join(
            f"{statistics.median(a[k] / b[k] for a, b in zip(results['after'], results['before'], strict=True)):12.2f}"
            for k in keys))
        for name, rs in results.items():
            print(f"{name} per round: " + "  ".join(
                f"first {x['first']:.0f} med {x['median']:.1f} worst {x['worst']:.0f}" for x in rs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
