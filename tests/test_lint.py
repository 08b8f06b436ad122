"""The linters CI runs, as tests, so a change that breaks them shows up before it lands.

ruff checks everything (rules in pyproject's [tool.ruff]); mypy the core
packages (domain, storage, document; [tool.mypy]). ``python3 bootstrap.py
lint`` runs the same two with their full output.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _run(*args: str) -> subprocess.CompletedProcess:
    # Our EncodingWarning checks (conftest) are for our code: mypy opens files of its own without one.
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONWARNINGS", "PYTHONWARNDEFAULTENCODING")}
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True,
                          encoding="utf-8", errors="replace", env=env)


def test_ruff_finds_nothing():
    proc = _run("ruff", "check", "--output-format", "concise", ".")
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.slow
def test_mypy_is_clean_on_the_core_packages():
    proc = _run("mypy")
    assert proc.returncode == 0, proc.stdout + proc.stderr
