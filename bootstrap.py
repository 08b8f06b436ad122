#!/usr/bin/env python3
"""Set up a private virtual environment in .venv and run the app or the tests.

    python3 bootstrap.py run   [app arguments...]   # start the app on the bundled plan
    python3 bootstrap.py test  [pytest arguments...] # run the whole test suite headless
    python3 bootstrap.py build                       # packaged one-folder app in dist/ (PyInstaller)

Needs only Python 3.11+. The first call creates .venv and installs the pinned
dependencies (constraints.txt); later calls reuse it and reinstall only when
pyproject.toml or constraints.txt changed.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / ".plan_desktop-installed"


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def wanted_stamp(extras: str) -> str:
    h = hashlib.sha256(extras.encode())
    for name in ("pyproject.toml", "constraints.txt"):
        h.update((ROOT / name).read_bytes())
    return h.hexdigest()


def ensure_env(extras: str) -> Path:
    if sys.version_info < (3, 11):
        sys.exit(f"Python 3.11 以上が必要です（今は {sys.version.split()[0]}）/ Python 3.11+ is required")
    py = venv_python()
    if not py.exists():
        print("== .venv を作成しています / creating .venv", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    stamp = wanted_stamp(extras)
    if not STAMP.exists() or STAMP.read_text(encoding="utf-8") != stamp:
        print("== 依存パッケージをインストールしています / installing dependencies", flush=True)
        spec = f".[{extras}]" if extras else "."
        subprocess.check_call([str(py), "-m", "pip", "install", "--disable-pip-version-check", "-q",
                               "-c", "constraints.txt", "-e", spec], cwd=ROOT)
        STAMP.write_text(stamp, encoding="utf-8")
    return py


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("run", "test", "build"):
        print(__doc__)
        return 2
    command, rest = argv[0], argv[1:]
    # One environment for run and test, so switching between them never reinstalls.
    py = ensure_env("test,build" if command == "build" else "test")
    env = dict(os.environ)
    if command == "build":
        return subprocess.call([str(py), str(ROOT / "build_spec" / "build.py"), *rest], cwd=ROOT, env=env)
    if command == "test":
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        # -X warn_default_encoding: a text file opened without an encoding fails the test
        # (pyproject's filterwarnings), as it would read cp932 on a Japanese Windows PC.
        return subprocess.call([str(py), "-X", "warn_default_encoding", "-m", "pytest", *rest], cwd=ROOT, env=env)
    return subprocess.call([str(py), "-m", "plan_desktop", *rest], cwd=ROOT, env=env)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
