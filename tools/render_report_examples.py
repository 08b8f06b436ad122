"""Render the example report pages shown in docs/ (and, with --all, every page of every kind).

    .venv/bin/python tools/render_report_examples.py            # docs/report-*.png
    .venv/bin/python tools/render_report_examples.py --all OUT  # every page at 100 % into OUT/

Needs pdftoppm (poppler-utils). Uses the sample plans of the print check
(tests/reports/print_samples.py): the bundled plan with FY2024 evaluations.
"""

from __future__ import annotations

import argparse
import datetime as dt
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests"), str(ROOT / "tests" / "reports")]

from period_sample import hitachi_demo  # noqa: E402
from print_samples import evaluated_plan, hostile_plan  # noqa: E402

from plan_desktop.reports.base import ReportOptions  # noqa: E402
from plan_desktop.reports.community_matrix import build_community_matrix  # noqa: E402
from plan_desktop.reports.review import build_review  # noqa: E402
from plan_desktop.reports.schedule_overview import build_schedule  # noqa: E402
from plan_desktop.reports.sheet import build_sheets  # noqa: E402
from plan_desktop.reports.summary import build_summary  # noqa: E402
from plan_desktop.storage.seed import load_seed  # noqa: E402

SEED = ROOT / "resources" / "seed" / "hitachi_plan.json"


def documents() -> dict[str, bytes]:
    seed = load_seed(SEED)
    data = evaluated_plan(seed)
    demo = hitachi_demo(seed)
    o = ReportOptions(invariant=True, print_date=dt.date(2026, 11, 29), meeting="第2回推進協議会",
                      meeting_date=dt.date(2025, 5, 20), document_no="資料3")
    one = [data.measure_by_no(1)]
    long = hostile_plan(seed)
    return {
        "sheet": build_sheets(data, 2024, one, options=o).pdf,
        "sheet-draft": build_sheets(data, 2024, [data.measure_by_no(12)], options=o).pdf,
        "sheet-all-blocks": build_sheets(data, 2024, one, options=ReportOptions(
            invariant=True, print_date=o.print_date, all_blocks=True)).pdf,
        "blank": build_sheets(data, 2024, one, blank=True, options=o).pdf,
        "sheet-long": build_sheets(long, 2024, [long.measure_by_no(1)], options=o).pdf,
        "batch": build_sheets(data, 2024, data.measures[:4], options=o).pdf,
        "summary": build_summary(data, 2024, options=o).pdf,
        "review": build_review(demo, "前期", options=o).pdf,
        "schedule-A4": build_schedule(data, fy_from=2022, fy_to=2031, options=o).pdf,
        "schedule-A3": build_schedule(data, fy_from=2022, fy_to=2031, paper="A3", options=o).pdf,
        "communities": build_community_matrix(demo, options=o).pdf,
    }


# (document, page, docs file name)
EXAMPLES = [
    ("sheet", 1, "report-evaluation-sheet.png"),
    ("blank", 1, "report-blank-form-1.png"),
    ("blank", 2, "report-blank-form-2.png"),
    ("schedule-A4", 1, "report-schedule-overview.png"),
    ("summary", 2, "report-summary-chart.png"),
]


def render(pdf: bytes, out: Path, *, dpi: int, first: int | None = None, gray: bool = False) -> list[Path]:
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.pdf"
        src.write_bytes(pdf)
        args = ["pdftoppm", "-png", "-r", str(dpi)]
        if first:
            args += ["-f", str(first), "-l", str(first), "-singlefile"]
        if gray:
            args.append("-gray")
        subprocess.run([*args, str(src), str(out)], check=True)
    return sorted(out.parent.glob(out.name + "*.png"))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--all", metavar="OUT", help="render every page of every document at 100 %% into OUT")
    args = ap.parse_args()
    docs = documents()
    if args.all:
        out = Path(args.all)
        out.mkdir(parents=True, exist_ok=True)
        for name, pdf in docs.items():
            (out / f"{name}.pdf").write_bytes(pdf)
            pages = render(pdf, out / name, dpi=100)
            print(f"{name}: {len(pages)} pages")
        return 0
    from PIL import Image

    for name, page, file in EXAMPLES:
        target = ROOT / "docs" / file
        render(docs[name], target.with_suffix(""), dpi=60, first=page)
        img = Image.open(target).convert("RGB").quantize(colors=64)
        img.save(target, optimize=True)
        print(f"{file}: {target.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
