"""Where things live: bundled resources, the shipped template, the user's working copy.

Packaged app (PyInstaller one-folder build)::

    plan-desktop/               <- app_dir(): the folder handed out
      plan-desktop(.exe)
      portable                  <- optional empty marker file: portable mode (portable.txt works too)
      data/plan.sqlite          <- portable mode: the working copy
      data/backups/             <- ... and its backups (storage keeps them beside the file)
      _internal/                <- install_root(): resources/, data/plan.sqlite (the template)

Without the marker (and when running from source) the working copy lives in
the per-user data folder (platformdirs: %LOCALAPPDATA%\\plan_desktop\\plan_desktop
on Windows, ~/.local/share/plan_desktop on Linux). With the marker but a folder
that cannot be written (write-protected stick, Program Files), an existing
``data/plan.sqlite`` is still used (storage offers it read-only); if it does not
exist yet, the per-user folder is used instead and :func:`portable_problem`
says why, in Japanese.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from . import APP_NAME, ORG_NAME

DB_SUFFIX = ".sqlite"
WORKING_DB_NAME = f"plan{DB_SUFFIX}"
PORTABLE_MARKER = "portable"
# Windows Explorer's "new text document" with extensions hidden is portable.txt.
PORTABLE_MARKERS = (PORTABLE_MARKER, PORTABLE_MARKER + ".txt")
PORTABLE_DATA_DIR = "data"

_portable_problem: str | None = None


class TemplateMissingError(FileNotFoundError):
    """The shipped ``data/plan.sqlite`` is missing: a broken installation, not a folder problem."""


def is_frozen() -> bool:
    return bool(getattr(sys, "frozen", False))


def app_dir() -> Path | None:
    """The folder holding the packaged executable (None when running from source)."""
    if not is_frozen():
        return None
    return Path(sys.executable).resolve().parent


def install_root() -> Path:
    """The folder holding ``resources/`` and ``data/``: the repository, or the packaged app's folder."""
    if is_frozen():  # PyInstaller one-folder build: everything but the executable is in _internal/
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
    """True for a packaged app with a ``portable`` (or ``portable.txt``) file beside its executable."""
    folder = app_dir()
    return folder is not None and any((folder / name).exists() for name in PORTABLE_MARKERS)


def portable_data_dir() -> Path | None:
    """``data/`` beside the executable in portable mode, else None."""
    folder = app_dir()
    return folder / PORTABLE_DATA_DIR if folder is not None and is_portable() else None


def per_user_data_dir() -> Path:
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, ORG_NAME)


def user_data_dir() -> Path:
    """Where the working copy belongs: ``data/`` beside the executable in portable mode, else per user."""
    return portable_data_dir() or per_user_data_dir()


SETTINGS_FILE = "settings.ini"


def portable_settings_file() -> Path | None:
    """``data/settings.ini`` beside the executable in portable mode, else None (per-user settings).

    A portable copy keeps its settings with its data, so that on a PC where an
    installed copy remembers its own "last opened file", the stick's app still
    opens the stick's plan.
    """
    folder = portable_data_dir()
    return folder / SETTINGS_FILE if folder is not None else None


def portable_problem() -> str | None:
    """Why portable mode fell back to the per-user folder (Japanese), or None."""
    return _portable_problem


def _copy_template_to(target: Path) -> Path:
    """*target*, copied from the template first if it does not exist yet (atomically)."""
    if target.exists():
        return target
    template = template_db()
    if not template.is_file():
        raise TemplateMissingError(f"同梱の計画データが見つかりません（インストールが壊れています）: {template}")
    from .fileops import replacing

    target.parent.mkdir(parents=True, exist_ok=True)
    with replacing(target) as tmp:
        shutil.copyfile(template, tmp)
    return target


def default_working_db() -> Path:
    """The working copy (portable or per-user, see the module doc), made from the template on first use."""
    global _portable_problem
    _portable_problem = None
    portable = portable_data_dir()
    if portable is not None:
        try:
            return _copy_template_to(portable / WORKING_DB_NAME)
        except TemplateMissingError:
            raise
        except OSError as exc:
            fallback = per_user_data_dir() / WORKING_DB_NAME
            _portable_problem = (
                f"ポータブル版のデータフォルダ {portable} に書き込めないため、"
                f"このパソコンの利用者ごとのフォルダ {fallback.parent} のデータを使います"
                f"（{exc.strerror or exc}）。"
                "アプリのフォルダを書き込みできる場所（USBメモリの書き込み禁止を解除するなど）に置いてください。"
            )
            print(_portable_problem, file=sys.stderr, flush=True)
    return _copy_template_to(per_user_data_dir() / WORKING_DB_NAME)
