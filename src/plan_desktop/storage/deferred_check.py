"""The open's integrity check of a file, run after the window's first frame.

Every open runs ``quick_check`` and ``foreign_key_check``
(:func:`.connection.quick_check`), which read the whole file: 60-100 ms at
2,000 measures, which the window's first frame waited for. A window opening a
file at start-up asks for the check to be left for later
(``open_database(check_later=True)``): the file is opened, read and shown as
always, and the check runs on another thread once the window has painted
(:meth:`DeferredCheck.start`). The guarantees stay those of the check at open:

* nothing is written to the file before the check has passed:
  :class:`.database.PlanDatabase` waits for it before any write (running it
  on the spot when it has not started) and refuses every write of a damaged
  file with the :class:`.database.DamagedFileError` the open would have
  raised, so the file stays byte-identical;
* the same check on the same file: a connection of its own, opened after
  ours (a write interrupted before is rolled back by then), reads what
  ``quick_check`` at open would have read; a check that cannot run (the file
  busy, an I/O error) leaves the verdict to the check on the open connection
  before the first write, as at open;
* a damaged file is reported: the window is told (``add_done_callback``) and
  names the damage as for anything else found damaged after the first frame.

An open that may write before the check (a file to migrate or a new file),
or nothing asking for a later check, checks at open as before.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path

from .connection import connect, quick_check
from .errors import is_damage

BUSY_TIMEOUT_MS = 5000

Verdict = list[str] | None  # problems found (empty: healthy); None: the check could not run


class DeferredCheck:
    """``quick_check`` of *path* on a thread and connection of its own; its verdict once it ends."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._conn: sqlite3.Connection | None = None
        self._cancelled = False
        self._finished = False
        self._verdict: Verdict = None
        self._callbacks: list[Callable[[Verdict], None]] = []

    def start(self) -> None:
        """Begin the check on another thread (nothing when it has begun)."""
        with self._lock:
            if self._thread is not None:
                return
            self._thread = threading.Thread(target=self._run, name="plan-file-check", daemon=True)
            self._thread.start()

    def add_done_callback(self, callback: Callable[[Verdict], None]) -> None:
        """``callback(verdict)`` once the check has ended: on the check's thread, or at once on this
        one when it has already ended (not after :meth:`cancel`)."""
        with self._lock:
            if not self._finished:
                self._callbacks.append(callback)
                return
            verdict, cancelled = self._verdict, self._cancelled
        if not cancelled:
            callback(verdict)

    def result(self) -> Verdict:
        """The verdict, waiting for the check (started here when it was not)."""
        self.start()
        assert self._thread is not None
        self._thread.join()
        return self._verdict

    def cancel(self) -> None:
        """Stop a running check and wait for its thread (the file is about to be let go)."""
        with self._lock:
            self._cancelled = True
            self._callbacks.clear()
            conn, thread = self._conn, self._thread
        if conn is not None:
            conn.interrupt()
        if thread is not None:
            thread.join()

    def _run(self) -> None:
        verdict: Verdict = None
        try:
            verdict = self._check()
        finally:
            with self._lock:
                self._verdict = None if self._cancelled else verdict
                self._finished = True
                callbacks, self._callbacks = self._callbacks, []
        for callback in callbacks:
            callback(verdict)

    def _check(self) -> Verdict:
        try:
            conn = connect(self.path, readonly=True, create=False)
        except sqlite3.Error:
            return None
        try:
            with self._lock:
                if self._cancelled:
                    return None
                self._conn = conn
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            return quick_check(conn)
        except sqlite3.DatabaseError as exc:
            # As the open: a page SQLite calls damaged is a finding; busy, I/O or an interrupt is not.
            return [str(exc)] if is_damage(exc) else None
        except UnicodeDecodeError:  # SQLite quoted damaged schema text in a message
            return ["データベースの定義を読めません"]
        finally:
            with self._lock:
                self._conn = None
            conn.close()
