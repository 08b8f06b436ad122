"""Benchmark the PDF reports: in-process builds and the whole CLI process.

    .venv/bin/python bench/bench_reports.py            # all cases, median of 5
    .venv/bin/python bench/bench_reports.py --repeat 3 --large 500

Cases (every measure gets a filled-in evaluation for the year, so each sheet
has its evaluation section printed):

* 35 sheets in one PDF (cover, contents, bookmarks) — target ≤ 1.0 s, ≤ 1.5 MB
* the same batch with 10× and ``--large`` (default 2,000) measures, made by
  cloning the bundled measures in memory, to show that time grows linearly
* 推進事項一覧及び工程 (A4 and A3) and 評価結果一覧
* ``python -m plan_desktop print sheets`` as a separate process, start to exit

Prints one table; times are the median of ``--repeat`` runs after one
warm-up run (the first build in a process also loads the font, ~0.1 s,
reported separately as "cold").
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from plan_desktop.domain.model import DIRECTIONS, PROGRESS_STATES, Evaluation, Indicator, new_id  # noqa: E402

FY = 2024


def load_plan():
    from plan_desktop.storage.database import open_database
    from plan_desktop.storage.repository import PlanRepository

    db = open_database(ROOT / "data" / "plan.sqlite", readonly=True)
    try:
        return PlanRepository(db).load()
    finally:
        db.close()


def with_evaluations(data, fy: int = FY):
    data = copy.deepcopy(data)
    letters = [lv.letter for lv in data.rating_scale]
    for i, m in enumerate(data.measures):
        m.evaluations = [e for e in m.evaluations if e.fy != fy]
        m.evaluations.append(Evaluation(
            fy=fy, rating=letters[i % len(letters)], progress=PROGRESS_STATES[i % 3],
            achievements=(m.content[:120] + "について、関係団体と協議を重ね、説明会を3回開催した。") * 2,
            issues=m.issue[:150], improvements="次年度は各地区の意見を踏まえて取組を拡大する。" * 2,
            direction=DIRECTIONS[i % len(DIRECTIONS)], committee_opinion="取組は概ね順調であり、引き続き推進されたい。",
            status="所管課確定", indicators=[Indicator("説明会の開催回数", "回", 0, 10, 7)],
            self_rating=letters[i % len(letters)], self_comment="計画どおり進んでいる。", self_author="担当者",
            self_date="2025-03-15", council_rating=letters[(i + 1) % len(letters)], council_date="2025-05-20"))
    return data


def cloned(data, n: int):
    """A plan with *n* measures, cloned from the bundled ones (new ids and numbers)."""
    big = copy.deepcopy(data)
    big.measures = []
    src = data.measures
    for i in range(n):
        m = copy.deepcopy(src[i % len(src)])
        m.id, m.no = new_id(), i + 1
        big.measures.append(m)
    return big


def pad(text: str, width: int) -> str:
    """Left-justify for a terminal, counting full-width characters as two columns."""
    import unicodedata

    cols = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
    return text + " " * max(width - cols, 0)


def timed(fn, repeat: int) -> tuple[float, object]:
    fn()  # warm-up
    times, result = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--large", type=int, default=2000, help="measures in the large case (0 to skip)")
    ap.add_argument("--no-cli", action="store_true", help="skip the separate-process case")
    args = ap.parse_args(argv)

    from plan_desktop.reports.base import ReportOptions
    from plan_desktop.reports.schedule_overview import build_schedule
    from plan_desktop.reports.sheet import build_sheets
    from plan_desktop.reports.summary import build_summary

    opts = ReportOptions(print_date=dt.date(2026, 11, 29))
    plan = with_evaluations(load_plan())
    rows: list[tuple[str, int, int, float, int]] = []

    t = time.perf_counter()
    build_sheets(plan, FY, plan.measures[:1], options=opts)
    cold = time.perf_counter() - t

    def sheets(data):
        return lambda: build_sheets(data, FY, options=opts)

    n = len(plan.measures)
    median, r = timed(sheets(plan), args.repeat)
    rows.append((f"{n} sheets, one PDF", n, r.page_count, median, len(r.pdf)))
    ten = cloned(plan, n * 10)
    median, r = timed(sheets(ten), args.repeat)
    rows.append((f"{n * 10} sheets (cloned)", n * 10, r.page_count, median, len(r.pdf)))
    if args.large:
        large = cloned(plan, args.large)
        median, r = timed(sheets(large), args.repeat)
        rows.append((f"{args.large} sheets (cloned)", args.large, r.page_count, median, len(r.pdf)))
    median, r = timed(lambda: build_sheets(plan, FY, blank=True, options=opts), args.repeat)
    rows.append((f"{n} blank forms", n, r.page_count, median, len(r.pdf)))
    for paper in ("A4", "A3"):
        median, r = timed(lambda p=paper: build_schedule(plan, paper=p, options=opts), args.repeat)
        rows.append((f"一覧及び工程 {paper}", n, r.page_count, median, len(r.pdf)))
    median, r = timed(lambda: build_summary(plan, FY, options=opts), args.repeat)
    rows.append(("評価結果一覧", n, r.page_count, median, len(r.pdf)))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    cli_rows = []
    if not args.no_cli:
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "sheets.pdf"
            # A copy: opening the shipped template itself would take backups into the checkout.
            db = Path(tmp) / "plan.sqlite"
            db.write_bytes((ROOT / "data" / "plan.sqlite").read_bytes())
            cmd = [sys.executable, "-m", "plan_desktop", "print", "sheets", "--db", str(db), "--fy", str(FY), "-o", str(out)]

            def run():
                subprocess.run(cmd, check=True, capture_output=True, cwd=ROOT)

            median, _ = timed(run, args.repeat)
            cli_rows.append(("plan-desktop print sheets (process)", median, out.stat().st_size))

    print(f"{pad('case', 38)} {'measures':>8} {'pages':>6} {'median s':>9} {'ms/sheet':>9} {'size KB':>9}")
    for name, measures, pages, secs, size in rows:
        per = f"{secs / measures * 1000:9.2f}" if "sheets" in name or "forms" in name else f"{'-':>9}"
        print(f"{pad(name, 38)} {measures:8d} {pages:6d} {secs:9.3f} {per} {size / 1024:9.0f}")
    for name, secs, size in cli_rows:
        print(f"{pad(name, 38)} {n:8d} {'-':>6} {secs:9.3f} {'-':>9} {size / 1024:9.0f}")
    print(f"first build in a fresh process (font loading included): {cold:.3f} s; peak RSS {peak_mb:.0f} MB")
    first = rows[0]
    ok = first[3] <= 1.0 and first[4] <= 1.5 * 1024 * 1024
    print(f"target {n} sheets ≤ 1.0 s and ≤ 1.5 MB: {'met' if ok else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
