"""Every case of bench/bad_input_harness.py: a Japanese message, exit status 1, the plan file byte-identical.

The harness runs each case in a child process (as ``nobody`` where file
modes matter, with a file size limit for a full disk, beside a process that
holds SQLite's lock); here the cases that need none of that run in this
process, the others through the harness's own child processes.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))
import bad_input_harness as harness  # noqa: E402

from plan_desktop.cli import main  # noqa: E402

# Cases that build large inputs (a 1 GB zip bomb, 30,000 rows, 10 MB texts).
HEAVY = {"import xlsx: zip bomb", "import json: file locked by another program",
         "import xlsx: file locked by another program", "import xlsx: 30,000 rows", "import xlsx: 10 MB cell", "import json: 10 MB field",
         "merge: 10 MB field", "import csv: 10 MB field", "import csv: 1,000,000 blank lines",
         "import xlsx: a value in the last row"}


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    path = tmp_path_factory.mktemp("bad-input") / "sample.sqlite"
    harness.make_sample(path)
    return path


def _needs_a_child(ctx: harness.Ctx) -> bool:
    return ctx.as_nobody or ctx.file_size_limit is not None or ctx.hold_exclusive_lock


@pytest.mark.parametrize("name", [pytest.param(n, marks=pytest.mark.slow) if n in HEAVY else n
                                  for n in harness.CASES])
def test_bad_input_is_refused_cleanly(name, sample, tmp_path, monkeypatch):
    work = tmp_path / "work"
    work.mkdir()
    db = work / "plan.sqlite"
    shutil.copyfile(sample, db)
    ctx = harness.Ctx(work, db)
    argv = harness.CASES[name](ctx)
    if _needs_a_child(ctx):
        if ctx.as_nobody and not harness.nobody_can_run():
            pytest.skip("running as root, the read-only case runs its command as nobody, who cannot enter "
                        "the folder of this checkout or its .venv (a folder only root may enter)")
        shutil.rmtree(work)
        monkeypatch.setenv("PYTHONPATH", str(ROOT / "src"))
        # Outside pytest's private temp folder: a command run as "nobody" must reach its files.
        with tempfile.TemporaryDirectory(prefix="plan-bad-input-") as tmp:
            child_sample = Path(tmp) / "sample.sqlite"
            shutil.copyfile(sample, child_sample)
            os.chmod(tmp, 0o755)
            os.chmod(child_sample, 0o644)
            result = harness.run_case(name, child_sample, Path(tmp) / "cases")
    else:
        monkeypatch.setattr("sys.stdin", io.StringIO(""))
        before = hashlib.sha256(db.read_bytes()).hexdigest()
        existing = {p for p in work.rglob("*") if p.suffix in (".tmp", ".building")}
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(argv)  # a traceback fails the test by itself
        result = {"case": name, "exit": code, "stderr": err.getvalue(), "stdout": out.getvalue(), "traceback": "",
                  "changed": hashlib.sha256(db.read_bytes()).hexdigest() != before,
                  "tmp_left": [str(p) for p in work.rglob("*")
                               if p.suffix in (".tmp", ".building") and p not in existing],
                  "seconds": 0.0, "time_limit": ctx.time_limit}
        result["result"] = harness.classify(result)
    expected = "read cleanly" if name in harness.READ_OK else "refused cleanly"
    assert result["result"] == expected, (result["stderr"] or result["stdout"] or result["traceback"])[-1500:]
