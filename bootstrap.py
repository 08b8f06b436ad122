#!/usr/bin/env python3
"""Set up a private virtual environment in .venv and run the app or the tests.

    python3 bootstrap.py run   [app arguments...]   # start the app on the bundled plan
    python3 bootstrap.py test  [pytest arguments...] # run the whole test suite headless
    python3 bootstrap.py lint                        # ruff and mypy, as CI runs them
    python3 bootstrap.py build                       # packaged one-folder app in dist/ (PyInstaller)

Needs only Python 3.11+. The first call creates .venv and installs the pinned
dependencies (constraints.txt); later calls reuse it and reinstall only when
pyproject.toml or constraints.txt changed. One environment serves every
command: what one command needs beyond it (build: PyInstaller) is added once
and kept, so switching between commands never reinstalls.

On Linux, ``run`` first checks that Qt's X11 platform plugin finds the system
libraries it needs; as root with apt it installs missing ones, otherwise it
prints the command that does.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / ".plan_desktop-installed"

# What each command needs from [project.optional-dependencies] (run uses the test
# extras too, so that run and test share one environment from the start; the test
# extras include the linters, which the suite runs too).
EXTRAS = {"run": {"test"}, "test": {"test"}, "lint": {"test"}, "build": {"test", "build"}}


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


# ------------------------------------------------------------------ install stamp
def sources_digest() -> str:
    """What the installed environment depends on: the project's declared and pinned requirements."""
    h = hashlib.sha256()
    for name in ("pyproject.toml", "constraints.txt"):
        h.update((ROOT / name).read_bytes())
    return h.hexdigest()


def read_stamp(text: str | None) -> tuple[str, set[str]]:
    """(sources digest, extras installed) recorded in the stamp; ("", set()) when unknown."""
    try:
        data = json.loads(text or "")
        return str(data["sources"]), set(data["extras"])
    except (ValueError, KeyError, TypeError):
        return "", set()  # missing, or written by an older bootstrap.py: install once more


def write_stamp(sources: str, extras: set[str]) -> str:
    return json.dumps({"sources": sources, "extras": sorted(extras)})


def extras_to_install(stamp_text: str | None, sources: str, wanted: set[str]) -> set[str] | None:
    """The extras to install now, or None when the environment already has what is wanted.

    Extras once installed stay: a later install keeps them (their union), so
    going back to an earlier command never installs again.
    """
    installed_sources, installed = read_stamp(stamp_text)
    if installed_sources == sources and wanted <= installed:
        return None
    return wanted | installed


def declared_extras() -> set[str]:
    """The extras pyproject.toml declares (one recorded in the stamp may have been dropped since)."""
    import tomllib

    with open(ROOT / "pyproject.toml", "rb") as f:
        return set(tomllib.load(f).get("project", {}).get("optional-dependencies", {}))


def ensure_env(wanted: set[str]) -> Path:
    if sys.version_info < (3, 11):  # noqa: UP036 - bootstrap.py runs on any python3 to say so
        sys.exit(f"Python 3.11 以上が必要です（今は {sys.version.split()[0]}）/ Python 3.11+ is required")
    py = venv_python()
    if not py.exists():
        print("== .venv を作成しています / creating .venv", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    sources = sources_digest()
    stamp_text = STAMP.read_text(encoding="utf-8") if STAMP.exists() else None
    extras = extras_to_install(stamp_text, sources, wanted)
    if extras is not None:
        extras &= declared_extras()
        print("== 依存パッケージをインストールしています / installing dependencies", flush=True)
        spec = f".[{','.join(sorted(extras))}]" if extras else "."
        subprocess.check_call([str(py), "-m", "pip", "install", "--disable-pip-version-check", "-q",
                               "-c", "constraints.txt", "-e", spec], cwd=ROOT)
        STAMP.write_text(write_stamp(sources, extras), encoding="utf-8")
    return py


# ------------------------------------------------------- Qt's X11 plugin on Linux
# Shared libraries Qt's xcb platform plugin loads, and the Debian/Ubuntu packages
# that ship them. Names not listed here follow Debian's naming rule (see
# debian_package), which covers most of the rest.
DEBIAN_PACKAGES = {
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xinput.so.0": "libxcb-xinput0",
    "libxcb-glx.so.0": "libxcb-glx0",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb.so.1": "libxcb1",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libSM.so.6": "libsm6",
    "libICE.so.6": "libice6",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libGLX.so.0": "libglx0",
    "libOpenGL.so.0": "libopengl0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
}

_NOT_FOUND = re.compile(r"^\s*(\S+)\s+=>\s+not found\s*$")


def missing_libraries(ldd_output: str) -> list[str]:
    """Library names ``ldd`` reports as "not found", each once, in the order listed."""
    out: list[str] = []
    for line in ldd_output.splitlines():
        m = _NOT_FOUND.match(line)
        if m and m.group(1) not in out:
            out.append(m.group(1))
    return out


def debian_package(soname: str) -> str:
    """The Debian package that ships *soname* (libfoo-bar.so.4 -> libfoo-bar4)."""
    if soname in DEBIAN_PACKAGES:
        return DEBIAN_PACKAGES[soname]
    name, _, version = soname.partition(".so")
    version = version.lstrip(".").split(".")[0]
    if not version:
        return name.lower()
    # Debian policy 8.1: a library name ending in a digit gets a hyphen before the version.
    return f"{name}{'-' if name[-1:].isdigit() else ''}{version}".lower()


def debian_packages(sonames: list[str]) -> list[str]:
    return sorted({debian_package(s) for s in sonames})


def uses_xcb(env: dict[str, str]) -> bool:
    """Whether Qt will start with its X11 (xcb) platform plugin in this environment.

    An explicit QT_QPA_PLATFORM other than xcb (offscreen, minimal, wayland...)
    does not; without a display Qt has nothing to connect to and says so itself.
    """
    platform = env.get("QT_QPA_PLATFORM", "").split(":", 1)[0].split(";", 1)[0].strip().lower()
    if platform:
        return platform == "xcb" and bool(env.get("DISPLAY"))
    if not env.get("DISPLAY"):
        return False  # Wayland only, or no display at all
    return not (env.get("WAYLAND_DISPLAY") and env.get("XDG_SESSION_TYPE", "").lower() == "wayland")


def install_command(packages: list[str], *, as_root: bool) -> list[str]:
    cmd = ["apt-get", "install", "-y", "--no-install-recommends", *packages]
    return cmd if as_root else ["sudo", *cmd]


def missing_message(libraries: list[str], packages: list[str], apt: bool) -> str:
    libs = ", ".join(libraries)
    if apt:
        command = " ".join(install_command(packages, as_root=False))
        return (
            f"Qt の画面表示（X11/xcb）に必要なシステムライブラリが足りません: {libs}\n"
            f"次のコマンドでインストールしてから、もう一度実行してください:\n\n    {command}\n\n"
            f"Qt's X11 (xcb) platform plugin needs system libraries that are missing: {libs}\n"
            f"Install them with the command above, then run again.")
    return (
        f"Qt の画面表示（X11/xcb）に必要なシステムライブラリが足りません: {libs}\n"
        f"お使いのディストリビューションのパッケージ管理でインストールしてから、もう一度実行してください。\n"
        f"Qt's X11 (xcb) platform plugin needs system libraries that are missing: {libs}\n"
        f"Install them with your distribution's package manager, then run again.")


def xcb_plugin(py: Path) -> Path | None:
    """PySide6's xcb platform plugin inside the environment of *py*."""
    code = "import importlib.util as u; s = u.find_spec('PySide6'); print(s.submodule_search_locations[0] if s else '')"
    found = subprocess.run([str(py), "-c", code], capture_output=True, text=True, encoding="utf-8").stdout.strip()
    plugin = Path(found) / "Qt" / "plugins" / "platforms" / "libqxcb.so" if found else None
    return plugin if plugin is not None and plugin.exists() else None


def ldd_missing(plugin: Path) -> list[str]:
    proc = subprocess.run(["ldd", str(plugin)], capture_output=True, text=True, encoding="utf-8", errors="replace")
    return missing_libraries(proc.stdout)


def check_qt_platform(py: Path, env: dict[str, str]) -> int:
    """0 when Qt can start here (or the check does not apply); 1 after printing what to install."""
    if not sys.platform.startswith("linux") or not uses_xcb(env) or shutil.which("ldd") is None:
        return 0
    plugin = xcb_plugin(py)
    if plugin is None:
        return 0
    missing = ldd_missing(plugin)
    if not missing:
        return 0
    packages = debian_packages(missing)
    apt = shutil.which("apt-get") is not None
    if apt and hasattr(os, "geteuid") and os.geteuid() == 0:
        print(f"== Qt の画面表示に必要なライブラリをインストールしています / installing what Qt needs: "
              f"{' '.join(packages)}", flush=True)
        apt_env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        cmd = install_command(packages, as_root=True)
        if subprocess.call(cmd, env=apt_env) != 0:  # an old package list: update once and retry
            subprocess.call(["apt-get", "update", "-qq"], env=apt_env)
            subprocess.call(cmd, env=apt_env)
        missing = ldd_missing(plugin)
        if not missing:
            return 0
        packages = debian_packages(missing)
    print(missing_message(missing, packages, apt), file=sys.stderr, flush=True)
    return 1


# -------------------------------------------------------------------- commands
def test_command(py: Path, rest: list[str]) -> list[str]:
    # -X warn_default_encoding: a text file opened without an encoding fails the test
    # (pyproject's filterwarnings), as it would read cp932 on a Japanese Windows PC.
    # The whole suite runs on every core (pytest-xdist) unless the caller chose otherwise.
    parallel = [] if any(a == "-n" or a.startswith(("-n", "--numprocesses")) or a == "no:xdist"
                         for a in rest) else ["-n", "auto"]
    return [str(py), "-X", "warn_default_encoding", "-m", "pytest", *parallel, *rest]


def lint_commands(py: Path) -> list[list[str]]:
    """ruff on everything; mypy on the packages pyproject's [tool.mypy] names."""
    return [[str(py), "-m", "ruff", "check", "."], [str(py), "-m", "mypy"]]


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in EXTRAS:
        print(__doc__)
        return 2
    command, rest = argv[0], argv[1:]
    py = ensure_env(EXTRAS[command])
    env = dict(os.environ)
    if command == "build":
        return subprocess.call([str(py), str(ROOT / "build_spec" / "build.py"), *rest], cwd=ROOT, env=env)
    if command == "test":
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        env["PYTHONWARNDEFAULTENCODING"] = "1"  # the test workers and the processes tests start check it too
        return subprocess.call(test_command(py, rest), cwd=ROOT, env=env)
    if command == "lint":
        failed = False
        for cmd in lint_commands(py):
            print(f"== {' '.join(cmd[1:])}", flush=True)
            failed |= subprocess.call(cmd, cwd=ROOT, env=env) != 0
        return int(failed)
    if check_qt_platform(py, env):
        return 1
    return subprocess.call([str(py), "-m", "plan_desktop", *rest], cwd=ROOT, env=env)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
