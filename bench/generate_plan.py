"""Write plans of any size in the plan-desktop/1 JSON format, for benchmarks.

Texts are taken from the bundled Hitachi plan so lengths are realistic; every
measure gets an evaluation for each fiscal year of the plan up to
``--evaluated-until`` (default: the plan's last year).

    python bench/generate_plan.py --measures 2000 -o bench/out/plan-2000.json
"""

from __future__ import annotations

import argparse
import copy
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from plan_desktop.domain.model import DIRECTIONS, PROGRESS_STATES, Evaluation, PlanData, new_id  # noqa: E402
from plan_desktop.storage.json_format import dumps  # noqa: E402
from plan_desktop.storage.seed import load_seed  # noqa: E402


def generate(n_measures: int, *, evaluated_until: int | None = None, seed: int = 1) -> PlanData:
    """A plan shaped like the bundled one with *n_measures* measures."""
    rnd = random.Random(seed)
    base = load_seed(ROOT / "resources" / "seed" / "hitachi_plan.json")
    data = copy.deepcopy(base)
    data.plan.title = f"{base.plan.title}（ベンチマーク {n_measures} 件）"
    last = evaluated_until if evaluated_until is not None else base.plan.fy_end
    letters = [r.letter for r in base.rating_scale]
    measures = []
    n_vp = len(base.viewpoints)
    for i in range(n_measures):
        src = base.measures[i % len(base.measures)]
        m = copy.deepcopy(src)
        m.id = new_id()
        m.no = i + 1
        m.viewpoint = base.viewpoints[min(i * n_vp // max(n_measures, 1), n_vp - 1)].no
        if i >= len(base.measures):
            m.title = f"{src.title}（{i // len(base.measures) + 1}）"
        for b in m.action_plan:
            b.id = new_id()
            for it in b.items:
                it.id = new_id()
        m.evaluations = [
            Evaluation(
                fy=fy,
                rating=rnd.choice(letters),
                progress=rnd.choice(PROGRESS_STATES[1:]),
                achievements=src.content,
                issues=src.issue,
                improvements=(src.action_plan[-1].items[0].text if src.action_plan and src.action_plan[-1].items else ""),
                direction=rnd.choice(DIRECTIONS[:4]),
                committee_opinion=src.issue[: len(src.issue) // 2],
                status="会議確定",
            )
            for fy in range(base.plan.fy_start, last + 1)
        ]
        measures.append(m)
    data.measures = measures
    return data


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--measures", type=int, default=2000)
    ap.add_argument("--evaluated-until", type=int)
    ap.add_argument("-o", "--output", type=Path, required=True)
    args = ap.parse_args()
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(dumps(generate(args.measures, evaluated_until=args.evaluated_until)), encoding="utf-8")
    print(f"{args.output}: {args.measures} measures, {args.output.stat().st_size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
