"""Applying an import or a merge: a verified backup first, then one transaction."""

from __future__ import annotations

from pathlib import Path

from ..storage.repository import PlanRepository
from ..storage.sync_store import apply_batch
from .changes import Batch


class ApplyError(Exception):
    """``str()`` is a Japanese message; nothing was written."""


def backup_before_change(repo: PlanRepository, reason: str) -> Path | None:
    """Take the backup that precedes every import and merge (reason 'import' or 'merge').

    This is the one place imports and merges call into storage/backup.py.
    Returns the backup's path; None for an in-memory database (tests).
    Raises ApplyError when the backup fails: then nothing must be written.
    """
    from ..storage.backup import BackupError

    db = repo.db
    if getattr(db, "path", None) is None or not hasattr(db, "backup_now"):
        return None
    try:
        return db.backup_now(reason).path
    except (BackupError, OSError) as exc:
        raise ApplyError(f"バックアップを作成できないため、中止しました（データベースは変更していません）: {exc}") from exc


def apply_to_repository(repo: PlanRepository, batch: Batch, *, reason: str) -> Path | None:
    """Back up, then write *batch* in one transaction (headless callers: the CLI and tests).

    The GUI goes through ``PlanDocument.apply_batch`` instead, so the step is
    undoable; it calls :func:`backup_before_change` first as well.
    """
    backup = backup_before_change(repo, reason)
    apply_batch(repo, batch.upserts, batch.deletes, batch.tombstones, summary=batch.summary,
                versions=batch.versions)
    return backup
