"""Time xlsx/CSV export and import for the bundled plan and a generated large plan.

    .venv/bin/python bench/exchange_bench.py [--measures 2000]

Import is measured as reading + validating + previewing (the part a user
waits for before the preview appears) and, separately, applying one change
to every measure (backup excluded) to a private copy of the database.
"""

from __future__ import annotations

import argparse
import copy
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from plan_desktop.exchange.apply import apply_to_repository  # noqa: E402
from plan_desktop.exchange.csv_export import export_csv  # noqa: E402
from plan_desktop.exchange.importer import preview_file  # noqa: E402
from plan_desktop.exchange.xlsx_export import export_workbook  # noqa: E402
from plan_desktop.storage.database import open_database  # noqa: E402
from plan_desktop.storage.repository import PlanRepository  # noqa: E402


def timed(fn):
    t = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - t


def run(label: str, db_path: Path, tmp: Path, fy: int) -> None:
    repo = PlanRepository(open_database(db_path, backups=False))
    data = repo.load()
    x = tmp / f"{label}.xlsx"
    _, t_export = timed(lambda: export_workbook(data, x, fy=fy))
    preview, t_import = timed(lambda: preview_file(data, x))
    assert preview.ok and not preview.has_changes, preview.report()
    files, t_csv = timed(lambda: export_csv(data, tmp / f"{label}.csv", fy=fy))
    csv_size = sum(f.stat().st_size for f in files)
    csv_previews, t_csv_in = timed(lambda: [preview_file(data, f) for f in files])
    assert all(p.ok and not p.has_changes for p in csv_previews)
    # one edit per measure, then apply in one transaction
    from openpyxl import load_workbook

    wb = load_workbook(x)
    ws = wb["推進事項"]
    col = next(c.column for c in ws[2] if c.value == "課題")
    for r in range(3, ws.max_row + 1):
        ws.cell(r, col).value = (ws.cell(r, col).value or "") + "（改）"
    wb.save(x)
    changed = preview_file(data, x)
    _, t_apply = timed(lambda: apply_to_repository(repo, changed.batch(), reason="import"))
    repo.db.close()
    print(f"{label}: {len(data.measures)} measures, "
          f"{sum(len(b.items) for m in data.measures for b in m.action_plan)} action items, "
          f"{sum(1 for m in data.measures for e in m.evaluations if e.fy == fy)} evaluations of {fy}")
    print(f"  xlsx export {t_export:.2f} s, {x.stat().st_size / 1024:.0f} KB")
    print(f"  xlsx import (read + validate + preview) {t_import:.2f} s")
    print(f"  apply {len(changed.batch().upserts)} changed measures in one transaction {t_apply:.2f} s")
    print(f"  CSV export (4 files) {t_csv:.2f} s, {csv_size / 1024:.0f} KB; CSV import (4 files) {t_csv_in:.2f} s")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--measures", type=int, default=2000)
    ap.add_argument("--fy", type=int, default=2024)
    args = ap.parse_args()
    from generate_plan import generate

    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        bundled = tmp / "bundled.sqlite"
        shutil.copyfile(ROOT / "data" / "plan.sqlite", bundled)
        run("bundled", bundled, tmp, args.fy)
        big = tmp / "big.sqlite"
        repo = PlanRepository(open_database(big, backups=False))
        repo.replace_all(copy.deepcopy(generate(args.measures, evaluated_until=args.fy)))
        repo.db.close()
        run(f"plan-{args.measures}", big, tmp, args.fy)
    return 0


if __name__ == "__main__":
    sys.exit(main())
