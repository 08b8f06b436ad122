"""bench/lost_update_harness.py runs and finds nothing lost (its quick scenarios; the merge orders and
co-department blanks have their own tests in tests/exchange)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_lost_update_harness_loses_nothing_with_a_document_open(tmp_path, qapp):
    sys.path.insert(0, str(ROOT / "bench"))
    import lost_update_harness as h

    plan = tmp_path / "plan.sqlite"
    shutil.copyfile(ROOT / "data" / "plan.sqlite", plan)
    results = []
    for scenario in (h.writers_while_open, h.outside_change, h.second_document):
        work = tmp_path / scenario.__name__
        work.mkdir()
        results.append(scenario(plan, work))
    assert [(r.name, r.lost, r.notes) for r in results] == [
        ("writer while open", 0, []), ("outside change", 0, []), ("second document", 0, [])]
    assert [r.updates for r in results] == [12, 5, 1]
