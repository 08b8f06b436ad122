"""Japanese messages for the SQLite failures a user can meet while writing.

A full disk, a read-only file or another program holding a lock are not
bugs: they must reach the user as a sentence they can act on, with the file
left as it was (the failed transaction is rolled back by ``db.atomic()``).

The translated exceptions subclass :class:`sqlite3.OperationalError`, so code
that already catches that keeps working; ``str()`` is the Japanese message
and the original English text stays available as ``.detail``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

# Primary result codes (the low byte of an extended code).
SQLITE_PERM = 3
SQLITE_BUSY = 5
SQLITE_LOCKED = 6
SQLITE_READONLY = 8
SQLITE_IOERR = 10
SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14
SQLITE_NOTADB = 26

# What writing the plan file, or a file beside it, can fail with: for the layers
# above storage, which catch these without importing sqlite3 themselves.
STORAGE_FAILURES: tuple[type[Exception], ...] = (sqlite3.Error, OSError)


def is_damage(exc: sqlite3.Error) -> bool:
    """True for errors meaning "the bytes are wrong", not "the file is busy/unwritable"."""
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int):
        return code & 0xFF in (SQLITE_CORRUPT, SQLITE_NOTADB)
    text = str(exc).lower()
    return "malformed" in text or "not a database" in text


class StorageError(sqlite3.OperationalError):
    """A write (or read) failed for a reason the user can understand and fix."""

    message = "データベースの操作に失敗しました。"

    def __init__(self, detail: str = "", code: int | None = None):
        self.detail = detail
        self.sqlite_errorcode = code  # type: ignore[assignment]  # None: not an SQLite error code
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.message


class DiskFullError(StorageError):
    message = ("保存先の空き容量が不足しているため、保存できませんでした。"
               "変更は保存されておらず、ファイルは変更前の状態のままです。"
               "不要なファイルを削除するなどして空き容量を確保してから、もう一度操作してください。")


class ReadOnlyDatabaseError(StorageError):
    message = ("ファイルが読み取り専用のため、書き込めませんでした。"
               "ファイルは変更前の状態のままです。"
               "書き込みできる場所（USB メモリの書き込み禁止スイッチ、フォルダーの権限など）を確認してください。")


class DatabaseBusyError(StorageError):
    message = ("別のプログラムがこのファイルを使用中のため、操作を完了できませんでした。"
               "ファイルは変更前の状態のままです。少し待ってから、もう一度操作してください。")


class DiskIOError(StorageError):
    message = ("ファイルの読み書き中にエラーが発生しました（USB メモリが抜かれた、ネットワークが切れたなど）。"
               "接続を確認してから、もう一度操作してください。"
               "ファイルと同じ場所にある「-journal」で終わるファイルは、削除したり名前を変えたりしないでください。")


def _kind(exc: sqlite3.Error) -> type[StorageError] | None:
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int):
        primary = code & 0xFF
        if primary == SQLITE_FULL:
            return DiskFullError
        if primary == SQLITE_READONLY:
            return ReadOnlyDatabaseError
        if primary in (SQLITE_BUSY, SQLITE_LOCKED):
            return DatabaseBusyError
        if primary == SQLITE_IOERR:
            return DiskIOError
    text = str(exc).lower()
    if "database or disk is full" in text:
        return DiskFullError
    if "readonly database" in text or "read-only" in text:
        return ReadOnlyDatabaseError
    if "database is locked" in text or "database table is locked" in text:
        return DatabaseBusyError
    if "disk i/o error" in text:
        return DiskIOError
    return None


def translate(exc: BaseException) -> BaseException:
    """The Japanese :class:`StorageError` for *exc*, or *exc* itself when there is none."""
    if isinstance(exc, StorageError) or not isinstance(exc, sqlite3.Error):
        return exc
    kind = _kind(exc)
    if kind is None:
        return exc
    return kind(str(exc), getattr(exc, "sqlite_errorcode", None))


def user_message(exc: BaseException) -> str:
    """A sentence to show the user for any storage failure."""
    translated = translate(exc)
    if isinstance(translated, StorageError):
        return str(translated)
    if isinstance(exc, sqlite3.Error):
        return f"データベースの操作に失敗しました（{exc}）。ファイルは変更前の状態のままです。"
    return str(exc)


@contextmanager
def translated() -> Iterator[None]:
    """Re-raise SQLite failures inside the block as :class:`StorageError`."""
    try:
        yield
    except sqlite3.Error as exc:
        new = translate(exc)
        if new is exc:
            raise
        raise new from exc
