"""Timeline paint and scroll timings on a large plan (issue 4: ≤ 16 ms per repaint).

Builds a plan of ``--measures`` measures (the bundled measures cloned with new
ids and numbers, each with evaluations, via bench/generate_plan.py) in an
in-memory database, shows the timeline offscreen and times:

* one full repaint of the visible area (``viewport().repaint()``),
* scrolling by three rows and by a page (scroll + repaint),
* an edit (``set_phase``: database write, change signal, row cache rebuild,
  repaint).

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_timeline.py --measures 2000
"""

from __future__ import annotations

import argparse
import copy
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))


def _ms(samples: list[float]) -> str:
    return f"{statistics.median(samples) * 1000:8.2f}"


def _cpu_ms(samples: list[float]) -> str:
    return f"{statistics.median(samples) * 1000:8.2f}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--measures", type=int, default=2000)
    ap.add_argument("--repeat", type=int, default=25, help="samples per figure (median reported)")
    ap.add_argument("--size", default="1600x1000", help="widget size WxH")
    ap.add_argument("--scale", type=float, default=1.0, help="device pixel ratio (QT_SCALE_FACTOR)")
    ap.add_argument("--font-size", type=float, help="font point size")
    ap.add_argument("--evaluated-until", type=int,
                    help="last fiscal year with evaluations (default: every year, a badge in every cell: worst case)")
    args = ap.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if args.scale != 1.0:
        os.environ["QT_SCALE_FACTOR"] = str(args.scale)

    from generate_plan import generate
    from PySide6.QtWidgets import QApplication

    from plan_desktop.document.plan_document import PlanDocument
    from plan_desktop.storage.database import open_database
    from plan_desktop.storage.repository import PlanRepository
    from plan_desktop.ui.timeline import TimelineWidget
    app = QApplication.instance() or QApplication([])
    if args.font_size:
        f = app.font()
        f.setPointSizeF(args.font_size)
        app.setFont(f)

    t0 = time.perf_counter()
    data = generate(args.measures, evaluated_until=args.evaluated_until)
    repo = PlanRepository(open_database(memory=True))
    repo.replace_all(copy.deepcopy(data))
    doc = PlanDocument(repo)
    build_s = time.perf_counter() - t0

    w = TimelineWidget(doc)
    width, height = (int(v) for v in args.size.lower().split("x"))
    w.resize(width, height)
    w.set_current_fiscal_year(2024)
    w.show()
    for _ in range(5):
        app.processEvents()
    vp = w.viewport()
    rows = len(w.visible_rows())
    visible_rows = int((vp.height() - w.header_height()) // w.row_height()) + 1

    cpu: dict[str, list[float]] = {}

    def timed(fn, n=args.repeat, name: str = "") -> list[float]:
        out, cpu_out = [], []
        for _ in range(n):
            c = time.process_time()
            t = time.perf_counter()
            fn()
            out.append(time.perf_counter() - t)
            cpu_out.append(time.process_time() - c)
        cpu[name] = cpu_out
        return out

    results: list[tuple[str, list[float]]] = []
    vp.repaint()  # warm-up: font caches, glyph rasterisation
    results.append(("full repaint, top of the plan", timed(vp.repaint, name="full repaint, top of the plan")))
    w.set_vertical_offset(w.verticalScrollBar().maximum() // 2)
    vp.repaint()
    results.append(("full repaint, middle of the plan", timed(vp.repaint, name="full repaint, middle of the plan")))

    sb = w.verticalScrollBar()
    step = w.row_height() * 3

    def scroll_rows():
        sb.setValue(sb.value() + step if sb.value() + step <= sb.maximum() else 0)
        vp.repaint()

    results.append(("scroll by 3 rows + repaint", timed(scroll_rows, args.repeat * 4, "scroll by 3 rows + repaint")))

    def scroll_page():
        sb.setValue(sb.value() + sb.pageStep() if sb.value() + sb.pageStep() <= sb.maximum() else 0)
        vp.repaint()

    results.append(("scroll by a page + repaint", timed(scroll_page, args.repeat * 4, "scroll by a page + repaint")))

    w.zoom_in()
    w.zoom_in()
    hb = w.horizontalScrollBar()

    def scroll_h():
        hb.setValue(hb.value() + 40 if hb.value() + 40 <= hb.maximum() else 0)
        vp.repaint()

    results.append(("horizontal scroll (zoomed) + repaint", timed(scroll_h, args.repeat * 2, "horizontal scroll (zoomed) + repaint")))
    w.fit_to_width()

    m = doc.measures()[args.measures // 2]
    w.select_measure(m.id)
    phases = [p.name for p in doc.data.phases]
    k = [0]

    def edit():
        k[0] += 1
        doc.set_phase(m.id, 2030, phases[k[0] % len(phases)])
        vp.repaint()

    results.append(("edit one cell (write + signal + rebuild + repaint)", timed(edit, max(5, args.repeat // 2), "edit one cell (write + signal + rebuild + repaint)")))

    print(f"plan: {args.measures} measures, {rows} rows ({rows - args.measures} group rows); "
          f"built in {build_s:.1f} s")
    print(f"widget {width}x{height} px, device pixel ratio {vp.devicePixelRatioF():g}, "
          f"row height {w.row_height()} px, ~{visible_rows} rows visible, column width {w.column_width():.0f} px")
    print(f"Python {sys.version.split()[0]}, PySide6 {__import__('PySide6').__version__}, "
          f"platform {app.platformName()}, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}")
    badges = sum(1 for m in doc.measures() for e in m.evaluations if e.rating)
    print(f"rating badges in the plan: {badges} ({badges / max(1, args.measures):.1f} per measure)")
    print()
    print(f"{'operation':<52} {'median ms':>9} {'min ms':>7} {'max ms':>7} {'cpu ms':>7} {'n':>4}")
    print("-" * 92)
    for name, samples in results:
        print(f"{name:<52} {_ms(samples):>9} {min(samples) * 1000:7.2f} {max(samples) * 1000:7.2f} "
              f"{_cpu_ms(cpu[name]):>7} {len(samples):>4}")
    full = statistics.median(results[0][1] + results[1][1]) * 1000
    print()
    print(f"full repaint median {full:.2f} ms (wall clock) — target ≤ 16 ms: {'OK' if full <= 16 else 'MISSED'}")
    print("(cpu ms = median process CPU time; on a shared machine wall-clock medians include waiting for a core)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
