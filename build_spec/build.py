"""Build the one-folder app and run its self-test.

    python3 bootstrap.py build        # = .venv/bin/python build_spec/build.py

Output: dist/plan-desktop/ (the folder to hand out). Prints build time and folder size.
Put an empty file named `portable` beside the executable to keep the working
database and backups in `data/` inside the folder (laptops, USB sticks).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def folder_size(path: Path) -> int:
    # Symbolic links (PyInstaller links Qt libraries) would be counted twice.
    return sum(p.lstat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def main() -> int:
    start = time.perf_counter()
    subprocess.check_call([sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean",
                           "--distpath", str(ROOT / "dist"), "--workpath", str(ROOT / "build"),
                           str(ROOT / "build_spec" / "plan_desktop.spec")], cwd=ROOT)
    elapsed = time.perf_counter() - start
    app_dir = ROOT / "dist" / "plan-desktop"
    exe = app_dir / ("plan-desktop.exe" if os.name == "nt" else "plan-desktop")
    size = folder_size(app_dir)
    print(f"build: {elapsed:.0f} s, folder {size / 1e6:.0f} MB ({app_dir})")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([str(exe), "--selftest"], env=env, capture_output=True, text=True, timeout=120)
    print(result.stdout.strip() or result.stderr.strip())
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())
