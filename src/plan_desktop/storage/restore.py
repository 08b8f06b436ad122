"""Restoring a backup into a plan file: one journaled transaction on the database's own connection.

The backup is written into the database through SQLite's backup API on that
connection, so a crash part-way leaves the previous content; the current
content is backed up first, and a backup from an older version is migrated
afterwards. (Apart from :mod:`.backup` because it opens and migrates, which
:mod:`.database` does, and opening takes backups.) For a damaged database use
:func:`.backup.recover`.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from .backup import DEFAULT_POLICY, BackupError, BackupInfo, BackupPolicy, RestoreResult, create_backup, inspect_backup
from .connection import SqlDatabase, connect, quick_check
from .database import migrate, open_database
from .errors import translated, user_message


def restore_backup(
    backup: BackupInfo | str | Path,
    db_path: str | Path,
    *,
    target: SqlDatabase | None = None,
    policy: BackupPolicy | None = None,
) -> RestoreResult:
    """Replace the content of *db_path* with *backup*, backing up the current content first.

    *target* is the open database to write into (the app's own connection;
    the caller then reloads its document). The copy is one journaled
    transaction on that connection. A backup from an older version is
    migrated afterwards. For a damaged database use :func:`recover`.
    """
    backup_path = Path(backup.path if isinstance(backup, BackupInfo) else backup)
    db_path = Path(db_path)
    policy = policy or DEFAULT_POLICY
    summary = inspect_backup(backup_path)
    if not summary.ok:
        raise BackupError(f"このバックアップは使用できません（{summary.problem}）。ファイルは変更していません。")
    own = target is None
    if target is None:
        target = open_database(db_path, backups=False)
    try:
        if target.conn.in_transaction:
            raise BackupError("書き込みの途中では復元できません")
        safety = create_backup(db_path, source=target, reason="restore", policy=policy, protect={backup_path})
        src = connect(backup_path, readonly=True)
        try:
            with translated():
                src.backup(target.conn)
        except sqlite3.Error as exc:
            raise BackupError(f"復元できませんでした: {user_message(exc)}。ファイルは復元前の状態のままです。") from exc
        finally:
            src.close()
        migrate(target)
        problems = quick_check(target)
        if problems:
            raise BackupError(
                f"復元後の検査で問題が見つかりました（{problems[0]}）。復元前の状態は {safety.path} にあります。")
        return RestoreResult(backup_path, summary, safety)
    finally:
        if own:
            target.close()
