"""The open's integrity check of a file, started early on another core.

Every open runs ``quick_check`` (:func:`.connection.quick_check`), which reads
the whole file: ~70 ms at 2,000 measures. The window knows which file it will
open long before it opens it (its modules load first), so it calls
:func:`start` then; SQLite runs the check on a second core while Python
imports on the first. :func:`.database.open_database` calls :func:`take` where
it would run the check: it gets the same list of problems, or None when the
file may have changed since the check began (it then checks as always). The
check, what it finds and where a damaged file is refused stay the same.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

_checks: dict[str, _Check] = {}
_lock = threading.Lock()


def _key(path: Path) -> str:
    return os.path.normcase(os.path.abspath(path))


def _state(path: Path) -> tuple | None:
    """What changes when anything writes the file (or a journal waits to be rolled back).

    Besides the file's identity, size and time (coarse on FAT and some shares, and a write of
    the same size may keep both), SQLite's file change counter (header bytes 24-27), which every
    committed write transaction moves."""
    try:
        st = os.stat(path)
        with open(path, "rb") as f:
            counter = f.read(28)[24:]
    except OSError:
        return None
    from .connection import journal_path

    if journal_path(path).exists():
        return None  # the next open rolls an interrupted write back: check what it leaves
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, counter)


class _Check(threading.Thread):
    def __init__(self, path: Path, state: tuple):
        super().__init__(name="plan-early-check", daemon=True)
        self.path = path
        self.state = state
        self.problems: list[str] | None = None

    def run(self) -> None:
        from .connection import connect, quick_check

        try:
            conn = connect(self.path, readonly=True, create=False)
            try:
                self.problems = quick_check(conn)
            finally:
                conn.close()
        except Exception:  # noqa: BLE001 - anything odd: the open checks the file itself
            self.problems = None


def start(path: str | Path) -> None:
    """Begin checking *path* in the background (nothing when it does not exist or is being recovered)."""
    path = Path(path)
    state = _state(path)
    if state is None:
        return
    check = _Check(path, state)
    with _lock:
        _checks[_key(path)] = check
    check.start()


def take(path: str | Path) -> list[str] | None:
    """The problems an early check of *path* found, when the file is as it was when the check
    began; else None (no check was started, it failed, or the file changed since)."""
    path = Path(path)
    with _lock:
        check = _checks.pop(_key(path), None)
    if check is None:
        return None
    check.join()
    if check.problems is None or _state(path) != check.state:
        return None
    return check.problems
