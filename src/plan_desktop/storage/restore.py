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

from .. import fileops
from .backup import (
    DEFAULT_POLICY,
    BackupError,
    BackupInfo,
    BackupPolicy,
    RestoreResult,
    create_backup,
    damaged_path_for,
    inspect_backup,
)
from .connection import SqlDatabase, connect, quick_check
from .database import migrate, open_database
from .errors import translated, user_message
from .integrity import deep_check


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
        safety: BackupInfo | None
        damaged_copy: Path | None = None
        try:
            safety = create_backup(db_path, source=target, reason="restore", policy=policy, protect={backup_path})
        except BackupError:
            # A damaged file is what a restore is for, and its copy cannot pass a backup's
            # check: keep it page by page beside the file instead (as recover() does).
            if not _is_damaged(target.conn):
                raise
            safety, damaged_copy = None, _keep_damaged_copy(target.conn, db_path)
        src = connect(backup_path, readonly=True)
        try:
            with translated():
                src.backup(target.conn)
        except sqlite3.Error as exc:
            raise BackupError(f"復元できませんでした: {user_message(exc)}。ファイルは復元前の状態のままです。") from exc
        finally:
            src.close()
        replaced = getattr(target, "content_replaced", None)
        if replaced is not None:
            replaced()  # a check of the content before, left for later, is void (this one is checked below)
        migrate(target)
        problems = quick_check(target)
        result = RestoreResult(backup_path, summary, safety, damaged_copy)
        if problems:
            raise BackupError(
                f"復元後の検査で問題が見つかりました（{problems[0]}）。復元前の状態は {result.previous_state} にあります。")
        return result
    finally:
        if own:
            target.close()


def _is_damaged(conn: sqlite3.Connection) -> bool:
    try:
        return bool(deep_check(conn, full=True))
    except Exception:  # noqa: BLE001 - a check that cannot even run has met damage
        return True


def _keep_damaged_copy(conn: sqlite3.Connection, db_path: Path) -> Path:
    """Copy the open (damaged) content page by page to ``<name>.damaged``; nothing is decoded."""
    final = damaged_path_for(db_path)
    tmp = fileops.temp_path(final)
    try:
        dst = connect(tmp)
        try:
            dst.execute("PRAGMA journal_mode = MEMORY")
            with translated():
                conn.backup(dst)
        finally:
            dst.close()
        fileops.replace(tmp, final)
    except (sqlite3.Error, OSError) as exc:
        fileops.discard(tmp)
        reason = user_message(exc) if isinstance(exc, sqlite3.Error) else (exc.strerror or str(exc))
        raise BackupError(
            f"壊れた現在の内容を {final.name} として残せなかったため、復元しませんでした: {reason}。"
            "ファイルは変更していません。") from exc
    return final
