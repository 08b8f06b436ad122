"""The open file and the world outside: the writer lock, read-only files, changes made behind our back.

Mixed into :class:`~.plan_document.PlanDocument`.

* **One writer.** Opening a document for writing takes the file's writer
  lock (:mod:`..storage.lock`); a file another window holds, or one that
  cannot be written (read-only file, folder, share or medium), is opened
  read-only and :attr:`readonly_reason` says why. The lock is released by
  :meth:`close`.
* **Changes behind our back.** Command line writers refuse while the lock is
  held, but any other program (an older copy of the app, a database tool)
  could still write. SQLite's ``PRAGMA data_version`` changes whenever
  another connection commits, and a replaced file has another identity;
  :meth:`sync_with_file` notices either, re-reads the plan and clears the
  undo history (undoing would write the stale state back). Every edit calls
  it first (through ``_check_writable``), so an edit is applied to what the
  file holds now, never to a stale copy; the window also calls it on a
  timer and when it gets the focus.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from ..storage.database import (
    DatabaseOpenError,
    FileInUseError,
    ReadOnlyFileError,
    open_database,
    take_writer_lock,
)
from ..storage.repository import PlanRepository

if TYPE_CHECKING:
    from ..storage.lock import InstanceLock
from .errors import EditError, ReadOnlyError
from .host import DocumentHost

OUTSIDE_CHANGE_MESSAGE = ("このファイルはほかのプログラムで変更されたため、読み込み直しました。"
                          "「元に戻す」の履歴は消去しました。")


def file_identity(path: Path | None) -> tuple[int, int] | None:
    if path is None:
        return None
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


class StaleDocumentError(EditError, PermissionError):
    """An operation prepared against the plan as it was before an outside change. ``str()`` is Japanese."""


def open_repository(path: Path, *, readonly: bool) -> tuple[PlanRepository, InstanceLock | None, bool, str]:
    """(repository, writer lock or None, readonly, reason) for a document on *path*.

    Falls back to read-only (with the reason) when another instance holds the
    lock or the file cannot be written. Raises ``DatabaseOpenError`` subclasses
    for files that cannot be opened at all.
    """
    reason = ""
    lock = None
    if not readonly:
        try:
            lock = take_writer_lock(path)
        except FileInUseError as exc:
            readonly, reason = True, exc.owner_text
        except DatabaseOpenError as exc:
            readonly, reason = True, str(exc)
    try:
        try:
            db = open_database(path, readonly=readonly, require_writable=not readonly)
        except ReadOnlyFileError as exc:
            if lock is not None:
                lock.release()
                lock = None
            readonly, reason = True, exc.reason
            db = open_database(path, readonly=True)
    except BaseException:
        if lock is not None:
            lock.release()
        raise
    return PlanRepository(db), lock, readonly, reason


class FileSync(DocumentHost):
    """Lock ownership and outside-change detection; PlanDocument inherits them."""

    instance_lock = None
    readonly_reason: str = ""
    _data_version: int | None = None
    _identity: tuple[int, int] | None = None

    def _remember_file_state(self) -> None:
        self._data_version = self._read_data_version()
        self._identity = file_identity(self.path)

    def _read_data_version(self) -> int | None:
        try:
            return self.repo.db.execute("PRAGMA data_version").fetchone()[0]
        except Exception:  # noqa: BLE001 - a closed or broken connection has no version
            return None

    def adopt_lock(self, lock) -> None:
        """Hold *lock* (an acquired ``InstanceLock``) until :meth:`close`."""
        self.instance_lock = lock

    def release_lock(self) -> None:
        lock, self.instance_lock = self.instance_lock, None
        if lock is not None:
            lock.release()

    # --------------------------------------------------------- outside changes
    def outside_change(self) -> str | None:
        """'data' (another connection committed), 'replaced' (another file now has our name) or None."""
        if self.path is None or self._data_version is None:
            return None
        identity = file_identity(self.path)
        if identity is not None and self._identity is not None and identity != self._identity:
            return "replaced"
        version = self._read_data_version()
        if version is not None and version != self._data_version:
            return "data"
        return None

    def sync_with_file(self) -> bool:
        """Re-read the plan when the file changed behind our back; True when it did.

        Emits ``file_reloaded`` with a Japanese sentence for the user.
        """
        what = self.outside_change()
        if what is None:
            return False
        if what == "replaced":
            self._reopen_connection()
        self.reload()
        self._remember_file_state()
        self.file_reloaded.emit(OUTSIDE_CHANGE_MESSAGE)
        return True

    def _reopen_connection(self) -> None:
        db = open_database(self.path, readonly=self.readonly)
        old, self.repo = self.repo, PlanRepository(db)
        try:
            # Parts a deferred load left unread are read from the file they belong to first: views
            # may still paint the measures as they were (as after close()).
            old.complete_load()
        except Exception:  # noqa: BLE001 - unreadable or gone: those measures' views are refreshed anyway
            pass
        try:
            old.db.close()
        except Exception:  # noqa: BLE001 - the old file may be gone
            pass

    def _check_writable(self, *, stale_ok: bool = True) -> None:
        """Refuse edits to a read-only document; bring the document up to date with the file first.

        *stale_ok* False: the caller prepared its change against the plan as it
        was (an import preview); when the file changed since, refuse instead.
        """
        if self.readonly:
            raise ReadOnlyError("このファイルは読み取り専用で開かれています"
                                  + (f"（{self.readonly_reason}）" if self.readonly_reason else ""))
        if self.sync_with_file() and not stale_ok:
            raise StaleDocumentError(OUTSIDE_CHANGE_MESSAGE + "内容を確かめてから、もう一度操作してください。")
