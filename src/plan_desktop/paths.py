"""Where things live: bundled resources, the shipped template, the user's working copy."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from . import APP_NAME, ORG_NAME

DB_SUFFIX = ".sqlite"


def install_root() -> Path:
    """The folder holding ``resources/`` and ``data/``: the repository, or the packaged app's folder."""
    if getattr(sys, "frozen", False):  # PyInstaller one-folder build
        return Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent))
    return Path(__file__).resolve().parents[2]


def resources_dir() -> Path:
    return install_root() / "resources"


def template_db() -> Path:
    """The shipped plan. Never opened for writing."""
    return install_root() / "data" / "plan.sqlite"


def seed_source() -> Path:
    return resources_dir() / "seed" / "hitachi_plan.json"


def is_portable() -> bool:
    return getattr(sys, "frozen", False) and (Path(sys.executable).parent / "portable").exists()


def user_data_dir() -> Path:
    if is_portable():
        return Path(sys.executable).parent / "data"
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, ORG_NAME)


def default_working_db() -> Path:
    """The per-user working copy, made from the template on first use."""
    target = user_data_dir() / f"plan{DB_SUFFIX}"
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(".tmp")
        shutil.copyfile(template_db(), tmp)
        tmp.replace(target)
    return target
