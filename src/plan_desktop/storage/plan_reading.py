"""Reading the whole plan from a file, where any failure to read is named, never a traceback."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ..domain.model import PlanData
from .database import DamagedFileError, DatabaseOpenError, damaged_message
from .errors import StorageError, is_damage, translate
from .repository import PlanRepository


def load_plan(repo: PlanRepository, path: Path | None, *, defer_parts: bool = False) -> PlanData:
    """The whole plan; content that cannot be read is a damaged file (recovery is offered).

    *defer_parts*: see ``PlanRepository.load`` (the measures' parts are read on first use).

    Raises ``DatabaseOpenError`` for a file without a plan or one that cannot
    be read right now (busy, I/O), and ``DamagedFileError`` for content that
    cannot be read: a page SQLite reports as damaged, text that is not UTF-8,
    stored JSON that does not parse.
    """
    try:
        return repo.load(defer_parts=defer_parts, read_error=lambda exc: read_error(exc, path))
    except LookupError as exc:
        raise DatabaseOpenError("このファイルには計画が入っていません。") from exc
    except (sqlite3.DatabaseError, ValueError, TypeError, KeyError, AttributeError, UnicodeError) as exc:
        raise read_error(exc, path) from exc


def read_error(exc: Exception, path: Path | None) -> DatabaseOpenError:
    """What a failure to read the plan (now, or a deferred part later) means for the user."""
    if isinstance(exc, sqlite3.DatabaseError):
        usable = translate(exc)
        if isinstance(usable, StorageError) and not is_damage(exc):
            return DatabaseOpenError(f"ファイルを読めません: {usable}")
        return DamagedFileError(damaged_message(detail=str(exc)), path=path, problems=[str(exc)])
    detail = f"保存されている内容を読めません（{type(exc).__name__}: {exc}）"
    return DamagedFileError(damaged_message(detail=detail), path=path, problems=[detail])
