"""Plans made by bench/generate_plan.py (any size, grouped by viewpoint) for tests that need more rows
than a window shows."""

from __future__ import annotations

import copy
import sys
from pathlib import Path

from plan_desktop.domain.model import PlanData
from plan_desktop.storage.database import open_database
from plan_desktop.storage.repository import PlanRepository

ROOT = Path(__file__).resolve().parents[1]


def generated_plan(measures: int) -> PlanData:
    """A plan of *measures* measures, as the benchmarks make it."""
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from generate_plan import generate
    finally:
        sys.path.remove(str(ROOT / "bench"))
    return generate(measures)


def generated_plan_file(folder: Path, measures: int) -> Path:
    """``folder/template.sqlite`` holding :func:`generated_plan` (copy it before opening it in a window)."""
    path = folder / "template.sqlite"
    db = open_database(path, backups=False)
    PlanRepository(db).replace_all(copy.deepcopy(generated_plan(measures)))
    db.close()
    return path
