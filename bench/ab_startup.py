"""Start-up to first paint, this checkout against another version of the sources, side by side.

    git archive <commit> src | tar -x -C /tmp/before
    .venv/bin/python bench/ab_startup.py --before /tmp/before/src [--after OTHER/src] [--rounds 7] [--measures 2000]

Whole processes (``plan_desktop --db ... --exit-after-show``, as run_benchmarks.py) on the
bundled plan and on a generated plan of ``--measures`` measures, and the bare PySide6 window
(the floor), in alternating rounds so that a loaded machine weighs on both sides alike. Prints
the medians, the ratios to the floor, and the median of the per-round before/after ratios.
Each side gets its own bytecode cache, warmed by one run first.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from bench_env import ab_arguments, env_for  # noqa: E402
from run_benchmarks import BARE_WINDOW, PY, make_plan_db  # noqa: E402


def run_process(cmd: list[str], env: dict) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one child process; raises if it fails. CPU time (user +
    system) is the steadier figure on a loaded machine: waiting for a core does not count."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{cmd} failed: {proc.stderr.read().decode(errors='replace')[-500:]}")
    return elapsed, usage.ru_utime + usage.ru_stime


def main(argv: list[str] | None = None) -> int:
    args = ab_arguments(__doc__, argv, rounds=7)
    sides = args.sides
    with tempfile.TemporaryDirectory(prefix="plan-ab-") as t:
        tmp = Path(t)
        small = tmp / "plan-35.sqlite"
        shutil.copyfile(ROOT / "data" / "plan.sqlite", small)
        big = make_plan_db(args.measures, tmp)
        envs = {name: dict(env_for(tmp, cache=f"pycache-{name}"), PYTHONPATH=str(src)) for name, src in sides.items()}
        cases = {"floor": ([PY, "-c", BARE_WINDOW], envs["after"])}
        for plan, db in (("35", small), (str(args.measures), big)):
            for name in sides:
                cases[f"{name} {plan}"] = ([PY, "-m", "plan_desktop", "--db", str(db), "--exit-after-show"], envs[name])
        for cmd, env in cases.values():  # warm-up: bytecode caches, page cache, the first-open backup
            run_process(cmd, env)
        times: dict[str, list[float]] = {k: [] for k in cases}
        cpu: dict[str, list[float]] = {k: [] for k in cases}
        for r in range(args.rounds):
            order = list(cases) if r % 2 == 0 else list(reversed(cases))
            for key in order:
                cmd, env = cases[key]
                wall, used = run_process(cmd, env)
                times[key].append(wall)
                cpu[key].append(used)
        floor, floor_cpu = statistics.median(times["floor"]), statistics.median(cpu["floor"])
        print(f"{args.rounds} alternating rounds; medians (s) and × the bare window's floor; load average "
              f"{os.getloadavg()[0]:.2f} at the end")
        print(f"{'case':24s} {'wall':>8s} {'× floor':>8s} {'cpu':>8s} {'× floor':>8s}")
        for key in times:
            med, med_cpu = statistics.median(times[key]), statistics.median(cpu[key])
            print(f"{key:24s} {med:8.3f} {med / floor:8.2f} {med_cpu:8.3f} {med_cpu / floor_cpu:8.2f}")
        for plan in ("35", str(args.measures)):
            for what, runs in (("wall", times), ("cpu", cpu)):
                ratios = [b / a for b, a in zip(runs[f"before {plan}"], runs[f"after {plan}"])]
                print(f"before/after at {plan} measures, {what}: median of the rounds' ratios "
                      f"{statistics.median(ratios):.3f} (range {min(ratios):.2f}–{max(ratios):.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
