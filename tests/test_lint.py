"""The linters CI runs, as tests, so a change that breaks them shows up before it lands.

ruff checks everything (rules in pyproject's [tool.ruff]). ``python3
bootstrap.py lint`` runs the same with its full output.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True,
                          encoding="utf-8", errors="replace")


def test_ruff_finds_nothing():
    proc = _run("ruff", "check", "--output-format", "concise", ".")
    assert proc.returncode == 0, proc.stdout + proc.stderr
