"""Crash safety, tested the way SQLite tests itself: SIGKILL a writer, then look.

The harness lives in bench/crash_kill_test.py (also runnable for long runs);
here it runs 200 kills in a fresh interpreter, plus two sabotaged runs that
prove the checker notices lost and half-applied edits.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "bench" / "crash_kill_test.py"

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="SIGKILL/fork harness is POSIX-only")


def _run(tmp_path: Path, *args: str, timeout: float = 120) -> dict:
    proc = subprocess.run([sys.executable, str(SCRIPT), "--json", "--dir", str(tmp_path), *args],
                          capture_output=True, text=True, timeout=timeout)
    assert proc.stdout.strip(), proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


@pytest.mark.slow
def test_200_random_kills_lose_nothing_committed_and_leave_no_half_transaction(tmp_path):
    seed = int(os.environ.get("KILL_TEST_SEED", random.randrange(1 << 30)))
    r = _run(tmp_path, "--kills", "200", "--seed", str(seed))
    msg = f"seed {seed}: {r['failures'][:5]}"
    assert r["kills"] == 200, msg
    assert r["integrity_failures"] == 0, msg
    assert r["lost_committed_edits"] == 0, msg
    assert r["partial_transactions"] == 0, msg
    assert r["bad_backups"] == 0, msg
    assert r["ok"], msg
    # The kills really landed inside work: mid-transaction (journal on disk) and mid-open.
    assert r["committed_ops"] > 400, msg
    assert r["inflight_at_kill"] > 100, msg
    assert r["journals_left_by_kill"] > 30, msg
    assert r["killed_before_ready"] > 0, msg
    assert r["backups_checked"] > 0, msg
    print(f"\nkill test: {r['kills']} kills in {r['seconds']} s, {r['committed_ops']} committed ops, "
          f"{r['inflight_at_kill']} in flight ({r['inflight_found_committed']} had committed), "
          f"{r['journals_left_by_kill']} hot journals rolled back, integrity failures {r['integrity_failures']}, "
          f"lost committed edits {r['lost_committed_edits']} (seed {seed})")


def test_the_checker_notices_a_child_that_reports_before_committing(tmp_path):
    r = _run(tmp_path, "--kills", "40", "--seed", "3", "--sabotage", "early-report")
    assert not r["ok"] and r["lost_committed_edits"] > 0


def test_the_checker_notices_a_batch_that_is_not_one_transaction(tmp_path):
    r = _run(tmp_path, "--kills", "40", "--seed", "3", "--sabotage", "split-batch")
    assert not r["ok"] and r["partial_transactions"] > 0


def test_exec_mode_children_are_real_fresh_processes(tmp_path):
    r = _run(tmp_path, "--kills", "4", "--seed", "5", "--exec")
    assert r["ok"] and r["kills"] == 4 and r["committed_ops"] > 0
