"""Plan files beyond editing: opening for the window, backups, restore, recovery and the check.

The window reaches storage only through the document layer: the dialogs of
``ui/safety_dialogs.py`` call the functions here (for a file that is not
open, e.g. a damaged one) and the :class:`FileSafety` methods that
:class:`~.plan_document.PlanDocument` inherits (for the open file). The
storage types and exceptions the dialogs need are named here too, so the UI
imports nothing from ``storage``. Failures to write leave as
:class:`~.errors.StorageFailure` with a Japanese message.
"""

from __future__ import annotations

from pathlib import Path

from ..storage import backup as _backup
from ..storage import restore as _restore
from ..storage.backup import BackupError, BackupInfo, BackupPolicy, BackupSummary, RecoveryResult, RestoreResult
from ..storage.database import (
    DamagedFileError,
    DatabaseOpenError,
    PlanDatabase,
    ReadOnlyFileError,
    count_rows,
    open_database,
)
from ..storage.errors import user_message
from ..storage.integrity import deep_check
from ..storage.lock import AlreadyOpenError, InstanceLock, LockUnavailableError
from ..storage.repository import PlanRepository
from .core import BACKUP_FAILURES
from .early_open import check_after_first_frame
from .errors import StorageFailure, edit
from .host import DocumentHost

__all__ = [
    "AlreadyOpenError", "BackupInfo", "BackupPolicy", "BackupSummary", "DamagedFileError", "DatabaseOpenError",
    "FileSafety", "InstanceLock", "LockUnavailableError", "ReadOnlyFileError", "RecoveryResult", "RestoreResult",
    "backup_folder", "damaged_path_for", "newest_good_backup", "recover_from_backup",
]


# ------------------------------------------------------ files not open
def backup_folder(db_path: str | Path, policy: BackupPolicy | None = None) -> Path:
    return _backup.backup_dir(db_path, policy)


def newest_good_backup(db_path: str | Path, policy: BackupPolicy | None = None) -> BackupInfo | None:
    return _backup.newest_good_backup(db_path, policy)


def damaged_path_for(db_path: str | Path) -> Path:
    """Where a damaged file is kept aside when it is recovered."""
    return _backup.damaged_path_for(db_path)


def recover_from_backup(db_path: str | Path, policy: BackupPolicy | None, backup: BackupInfo) -> RecoveryResult:
    """Keep the damaged *db_path* aside and put *backup* in its place (see ``storage.backup.recover``)."""
    try:
        return _backup.recover(db_path, policy, backup=backup)
    except BACKUP_FAILURES as exc:  # a file held on Windows names itself (fileops)
        raise StorageFailure(str(exc)) from exc


# ------------------------------------------------------ the open file
class FileSafety(DocumentHost):
    """Backups, restore and the check of the open file; PlanDocument inherits them."""

    @classmethod
    def open_for_window(cls, path: Path, *, readonly: bool, policy: BackupPolicy | None = None,
                        readonly_reason: str = ""):
        """Open *path* for a window that holds (or chose not to take) the writer lock itself.

        Raises ``ReadOnlyFileError`` when it must be opened read-only,
        ``DamagedFileError`` when it is damaged and ``DatabaseOpenError`` (or
        ``LookupError`` for a file without a plan) when it cannot be opened.
        """
        # The automatic backup's check (every row read: ~2 s at 2,000 measures) is left for the
        # window to run after its first frame (PlanDocument.finish_backup_in_background).
        # So is the integrity check of the file a window opens at start-up (document/early_open.py).
        db = open_database(path, readonly=readonly, backups=policy if policy is not None else True,
                           require_writable=not readonly, check_backup_later=True,
                           check_later=check_after_first_frame(path))
        try:
            return cls(PlanRepository(db), Path(path),  # type: ignore[call-arg]  # cls is PlanDocument
                       readonly=readonly, readonly_reason=readonly_reason)
        except BaseException:
            db.close()
            raise

    @property
    def backup_policy(self) -> BackupPolicy | None:
        return getattr(self.repo.db, "backup_policy", None)

    def backup_folder(self) -> Path | None:
        return _backup.backup_dir(self.path, self.backup_policy) if self.path is not None else None

    def backups(self) -> list[BackupInfo]:
        """The open file's backups, newest first (none for a document without a file)."""
        self.settle_backup()
        return _backup.list_backups(self.path, self.backup_policy) if self.path is not None else []

    @edit
    def make_backup(self) -> BackupInfo | None:
        """A verified backup of the open file now (ファイル → バックアップを作成); None without a file."""
        db = self.repo.db
        if self.path is None or not isinstance(db, PlanDatabase):
            return None
        try:
            self.settle_backup()
            return db.backup_now("manual")
        except (BackupError, DatabaseOpenError) as exc:
            raise StorageFailure(str(exc)) from exc

    @edit
    def restore_backup(self, info: BackupInfo) -> RestoreResult:
        """Put *info* in place of the open file's content (the current content is backed up first).

        One journaled transaction on the open connection; the document is
        read again and its undo history cleared.
        """
        self._check_writable()
        if self.path is None:
            raise StorageFailure("ファイルに保存されていない計画には、バックアップから復元できません。")
        self.settle_backup()
        try:
            result = _restore.restore_backup(info, self.path, target=self.repo.db, policy=self.backup_policy)
        except (BackupError, DatabaseOpenError) as exc:
            raise StorageFailure(str(exc)) from exc
        self.reload()
        return result

    def settle_backup(self) -> None:
        """Wait until the automatic backup taken at open (checked on another thread after the
        window's first frame) is in place or has failed (see ``PlanDatabase.settle_backup``)."""
        settle = getattr(self.repo.db, "settle_backup", None)
        if settle is not None:
            settle()

    def check_file_now(self) -> DamagedFileError | None:
        """The integrity check the open left for later, on the document's connection now (after
        ``check_undecided``; nothing once it has passed): the ``DamagedFileError`` the open would
        have raised, or None. A check that cannot run now either is left to the first write."""
        check = getattr(self.repo.db, "check_now", None)
        if check is None or getattr(self, "closed", False):
            return None
        return check()

    def integrity_problems(self) -> list[str]:
        """The full check of the open file (read-only): integrity, foreign keys, every row read and every
        text decoded (``storage.integrity.deep_check``); empty when healthy."""
        try:
            return deep_check(self.repo.db.conn, full=True)
        except Exception as exc:  # noqa: BLE001 - a damaged page can make the check itself fail
            return [user_message(exc)]

    def row_counts(self) -> dict[str, int]:
        """Measures and evaluations stored in the open file."""
        return count_rows(self.repo.db.conn)
