"""Build the one-folder app and check that it works.

    python3 bootstrap.py build        # = .venv/bin/python build_spec/build.py

Output: dist/plan-desktop/ (the folder to hand out) with two executables,
plan-desktop (the window) and plan-desktop-cli (the command line; a console
program on Windows). Prints build time and folder size, then runs them headless
(Qt "offscreen" platform): ``plan-desktop-cli --selftest`` (bundled data, one PDF
sheet, embedded font), ``plan-desktop-cli check`` on a temporary copy of
data/plan.sqlite, and ``plan-desktop --exit-after-show`` on that copy (the window
opens and paints). Exits non-zero when the build or a check fails. A folder
larger than SIZE_BUDGET_MB is only a warning.

Put an empty file named `portable` beside the executable to keep the working
database and backups in `data/` inside the folder (laptops, USB sticks).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from app_layout import CLI_NAME, GUI_NAME, executable_name

ROOT = Path(__file__).resolve().parents[1]
APP_DIR = ROOT / "dist" / "plan-desktop"
SIZE_BUDGET_MB = 150  # MiB, as `du -sm` counts


def folder_size(path: Path) -> int:
    # Symbolic links (PyInstaller links Qt libraries) would be counted twice.
    return sum(p.lstat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def executable(app_dir: Path = APP_DIR, name: str = GUI_NAME) -> Path:
    return app_dir / executable_name(name)


def _fail(message: str) -> int:
    print(f"BUILD CHECK FAILED: {message}", file=sys.stderr, flush=True)
    return 1


def check_app(exe: Path, cli: Path) -> int:
    """Run the built app headless: self-test and a check from the command line, then open and paint the window."""
    with tempfile.TemporaryDirectory(prefix="plan-desktop-build-check-") as tmp:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen",
                   # Keep the check's settings (last opened file) out of the builder's own (Linux/macOS).
                   XDG_CONFIG_HOME=str(Path(tmp) / "config"), XDG_DATA_HOME=str(Path(tmp) / "share"))
        result = subprocess.run([str(cli), "--selftest"], env=env, capture_output=True, text=True, encoding="utf-8",
                                errors="replace", timeout=120)
        print(f"selftest: {(result.stdout.strip() or result.stderr.strip())}", flush=True)
        if result.returncode != 0 or not result.stdout.startswith("OK"):
            return _fail(f"{cli.name} --selftest exited with {result.returncode}\n{result.stderr.strip()}")
        db = Path(tmp) / "plan.sqlite"
        shutil.copyfile(ROOT / "data" / "plan.sqlite", db)
        result = subprocess.run([str(cli), "check", "--db", str(db)], env=env, capture_output=True, text=True,
                                encoding="utf-8", errors="replace", timeout=120)
        print(f"check: {(result.stdout.strip() or result.stderr.strip())}", flush=True)
        # (the exit code decides: a Windows console program may answer in cp932)
        if result.returncode != 0:
            return _fail(f"{cli.name} check exited with {result.returncode}\n{result.stderr.strip()}")
        start = time.perf_counter()
        result = subprocess.run([str(exe), "--exit-after-show", "--db", str(db)], env=env,
                                capture_output=True, text=True, encoding="utf-8", errors="replace", timeout=120)
        if result.returncode != 0:
            return _fail(f"{exe.name} --exit-after-show exited with {result.returncode}\n{result.stderr.strip()}")
        print(f"window: opened and painted in {time.perf_counter() - start:.1f} s", flush=True)
    return 0


def write_startup_code_table(folder: Path) -> Path:
    """The compiled methods of every dataclass, PySide6's support modules and the package's module-level
    regular expressions, for the app to ship (plan_desktop/startup_code.py):
    made in a fresh interpreter of the Python PyInstaller bundles, so the bytecode matches."""
    code = ("import sys; from pathlib import Path; from plan_desktop.startup_code import table_name, write_table;"
            "print(write_table(Path(sys.argv[1]) / table_name()), table_name())")
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"), QT_QPA_PLATFORM="offscreen")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    out = subprocess.run([sys.executable, "-c", code, str(folder)], env=env, capture_output=True, text=True,
                         encoding="utf-8", errors="replace", timeout=300, check=True).stdout.split()
    print(f"start-up code: {out[0]} texts compiled ahead for the app ({out[1]})", flush=True)
    return folder / out[1]


def main() -> int:
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="plan-desktop-build-") as tmp:
        try:
            table = write_startup_code_table(Path(tmp))
        except subprocess.CalledProcessError as e:
            return _fail(f"compiling the start-up code ahead failed\n{e.stderr.strip()}")
        # The spec ships the file named here (PLAN_DESKTOP_STARTUP_CODE).
        built = subprocess.call([sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean",
                                 "--distpath", str(ROOT / "dist"), "--workpath", str(ROOT / "build"),
                                 str(ROOT / "build_spec" / "plan_desktop.spec")], cwd=ROOT,
                                env=dict(os.environ, PLAN_DESKTOP_STARTUP_CODE=str(table)))
    if built != 0:
        return _fail(f"PyInstaller exited with {built}")
    elapsed = time.perf_counter() - start
    size_mb = folder_size(APP_DIR) / 2**20
    print(f"build: {elapsed:.0f} s, folder {size_mb:.0f} MiB ({APP_DIR})", flush=True)
    if size_mb > SIZE_BUDGET_MB:
        print(f"warning: the folder is larger than the {SIZE_BUDGET_MB} MiB budget "
              f"(largest files: `du -ah {APP_DIR} | sort -h | tail -30`)", file=sys.stderr, flush=True)
    return check_app(executable(), executable(name=CLI_NAME))


if __name__ == "__main__":
    sys.exit(main())
