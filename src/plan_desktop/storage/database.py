"""Opening, checking and migrating a plan database file.

The file is the user's document: it may live on a USB stick or a network
share, so it uses a rollback journal (never WAL) with ``synchronous=FULL``.
Every open checks the header (ours? not newer?) and runs ``quick_check``;
an older file is backed up before it is migrated, and a daily backup is
taken when the newest one is more than a day old (see :mod:`.backup`).

Never delete or rename the ``-journal`` file beside a database: it holds
what is needed to undo a write that was interrupted, and SQLite applies it
on the next open.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..domain.problems import control_character
from ..domain.validation import Problem, ValidationError
from .connection import connect, count_rows, journal_path, quick_check
from .deferred_check import DeferredCheck
from .errors import (
    SQLITE_CANTOPEN,
    SQLITE_PERM,
    SQLITE_READONLY,
    is_damage,
    translated,
    user_message,
)
from .integrity import deep_check, schema_problems
from .schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION

if TYPE_CHECKING:
    import sqlite_utils

    from .backup import BackupPolicy, PendingBackup
    from .connection import SqlDatabase
    from .lock import InstanceLock

BUSY_TIMEOUT_MS = 5000

log = logging.getLogger(__name__)


class DatabaseOpenError(Exception):
    """A file that cannot be opened as a plan database. ``str()`` is a Japanese message."""


class NotAPlanFileError(DatabaseOpenError):
    pass


class ForeignSchemaError(NotAPlanFileError):
    """The file carries schema objects the plan schema does not define (a trigger, a view, a table)."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        shown = "、".join(problems[:3]) + (f" ほか {len(problems) - 3} 件" if len(problems) > 3 else "")
        super().__init__(f"このファイルには計画のファイルにない定義が含まれているため、開けません（{shown}）。"
                         "ほかのプログラムで変更された可能性があります。ファイルは変更していません。")


class NewerVersionError(DatabaseOpenError):
    def __init__(self, file_version: int):
        self.file_version = file_version
        super().__init__(
            f"このファイルは新しいバージョンのアプリで作成されています（ファイルの形式 {file_version}、"
            f"このアプリが扱える形式 {SCHEMA_VERSION}）。アプリを更新してから開いてください。"
        )


class FileInUseError(DatabaseOpenError):
    """Another running instance (a window) holds the file's writer lock. ``str()`` is Japanese."""

    def __init__(self, path: Path, owner_text: str):
        self.path = path
        self.owner_text = owner_text
        super().__init__(
            f"{owner_text}このファイルを開いているウィンドウを閉じてから、もう一度実行してください。"
            "（ファイルは変更していません）")


class ReadOnlyFileError(DatabaseOpenError):
    """The file (or its folder, share or medium) cannot be written; ``reason`` says why (Japanese)."""

    def __init__(self, path: Path, reason: str):
        self.path = path
        self.reason = reason
        super().__init__(f"{reason}（{path}）。書き込みできる場所にコピーしてから操作してください。")


class DamagedFileError(DatabaseOpenError):
    """The file is not a readable database, or its integrity check failed."""

    def __init__(self, message: str, *, path: Path | None = None, problems: list[str] | None = None):
        self.path = path
        self.problems = list(problems or [])
        super().__init__(message)


class PlanDatabase:
    """A plan file's connection with its ``sqlite_utils.Database``, speaking Japanese on failure.

    Every write goes through sqlite-utils (``execute`` of anything but a query,
    ``atomic``, ``executescript``; any other attribute is sqlite-utils' own).
    Its ``Database`` is made on first use: opening and reading a plan (queries
    only) runs on the connection itself, so the window paints its first frame
    without importing sqlite-utils (~0.1 s with click, dateutil and pluggy);
    :meth:`prepare_for_writing` makes it ahead of the first edit.

    SQLite errors a user can act on (full disk, read-only file, locked file)
    are raised as :class:`~.errors.StorageError` subclasses, which are still
    ``sqlite3.OperationalError``.
    """

    path: Path | None = None
    readonly: bool = False
    backup_policy: BackupPolicy | None = None
    instance_lock: InstanceLock | None = None  # the writer lock taken by open_for_writing
    # Why the automatic backup on open failed (Japanese), for the window to show; None when it did not.
    backup_problem: str | None = None
    # The automatic backup on open, copied but not yet checked (open_database(check_backup_later=True)).
    pending_backup: PendingBackup | None = None
    # The open's integrity check, left for after the window's first frame (open_database(check_later=True),
    # storage/deferred_check.py): every write waits for it; None once it has passed.
    deferred_check: DeferredCheck | None = None

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self._utils: sqlite_utils.Database | None = None
        self._closed = False
        self._backup_thread: threading.Thread | None = None

    @property
    def utils(self) -> sqlite_utils.Database:
        """The connection's ``sqlite_utils.Database`` (made, and sqlite-utils imported, on first use)."""
        if self._utils is None:
            import sqlite_utils

            # No sqlite-utils plugins: scanning the installed packages for them costs
            # ~20 ms per open, and nothing from outside the app should hook into the
            # connection of a user's plan file.
            self._utils = sqlite_utils.Database(self.conn, execute_plugins=False)
        return self._utils

    def prepare_for_writing(self) -> None:
        """Make the ``sqlite_utils.Database`` now, so that the first write does not wait for it
        (idempotent; nothing to do once the database is closed)."""
        if self._utils is None and not self._closed:
            self.utils  # noqa: B018 - made on first access

    def __getattr__(self, name: str) -> Any:
        # Only called for what this class does not define: the rest of sqlite-utils' API.
        if name.startswith("__") or name in ("_utils", "_closed"):
            raise AttributeError(name)
        self.check_before_writing()
        return getattr(self.utils, name)

    def __getitem__(self, table: str) -> Any:
        self.check_before_writing()
        return self.utils[table]

    def check_before_writing(self) -> None:
        """Nothing is written to a file whose check at open was left for later before that check has
        passed: wait for it (run it now when it has not begun). Raises the :class:`DamagedFileError`
        the open would have raised, for this and every later write (the file stays as it is)."""
        check = self.deferred_check
        if check is None:
            return
        problems = check.result()
        if problems is None:  # it could not run on a connection of its own: as at open, on ours
            try:
                problems = quick_check(self.conn)
            except sqlite3.DatabaseError as exc:
                if not is_damage(exc):
                    raise
                problems = [str(exc)]
        if problems:
            raise DamagedFileError(damaged_message(problems), path=self.path, problems=problems)
        self.deferred_check = None

    def check_now(self) -> DamagedFileError | None:
        """:meth:`check_before_writing` now, its verdict returned: the :class:`DamagedFileError`, or
        None (passed, or it cannot run now either: busy, I/O; then it is left to the first write)."""
        try:
            self.check_before_writing()
        except DamagedFileError as exc:
            return exc
        except sqlite3.Error:
            return None
        return None

    def check_in_background(self, damaged: Callable[[DamagedFileError], None],
                            undecided: Callable[[], None] | None = None) -> None:
        """Run the integrity check left for later (nothing when none is left) on another thread;
        ``damaged(error)`` on that thread when it finds the file damaged, ``undecided()`` when it
        could not run there (the verdict is then :meth:`check_before_writing`'s, on this connection)."""
        check = self.deferred_check
        if check is None:
            return
        path = self.path

        def done(problems: list[str] | None) -> None:
            if problems:
                damaged(DamagedFileError(damaged_message(problems), path=path, problems=problems))
            elif problems is None and undecided is not None:
                undecided()

        check.add_done_callback(done)
        check.start()

    def content_replaced(self) -> None:
        """The whole content was written anew (a backup restored over it, checked after): a check
        of what was there before no longer holds anything back."""
        self._drop_deferred_check()

    def _drop_deferred_check(self) -> None:
        check, self.deferred_check = self.deferred_check, None
        if check is not None:
            check.cancel()

    def execute(self, sql: str, parameters: Any = None) -> sqlite3.Cursor:
        if parameters:
            _refuse_control_characters(parameters)
        query = _is_query(sql)
        if not query:
            self.check_before_writing()
        with translated():
            try:
                if self._utils is None and query:
                    # What sqlite-utils' execute does for a query, on a connection without
                    # an implicit transaction (isolation_level=None): run it.
                    return self.conn.execute(sql) if parameters is None else self.conn.execute(sql, parameters)
                return self.utils.execute(sql, parameters)
            except UnicodeEncodeError as exc:
                # Text that is not valid Unicode (a lone surrogate) in a field the
                # validators do not cover: refuse it like any invalid input. Inside
                # db.atomic() the whole transaction is rolled back.
                raise ValidationError([Problem("", "保存できない文字（不正なサロゲート）が含まれています")]) from exc

    def executescript(self, sql: str) -> sqlite3.Cursor:
        self.check_before_writing()
        with translated():
            return self.utils.executescript(sql)

    @contextmanager
    def atomic(self) -> Iterator[PlanDatabase]:
        self.check_before_writing()
        with translated():
            with self.utils.atomic():
                yield self

    def finish_backup(self) -> str | None:
        """Check the automatic backup copied at open and put it in place (nothing when none is
        pending); returns, and keeps in ``backup_problem``, why that failed. Runs on any thread:
        it does not use this database's connection."""
        pending, self.pending_backup = self.pending_backup, None
        if pending is None or self.path is None or self.backup_policy is None:
            return None
        from .backup import BackupError

        check = self.deferred_check
        if check is not None and check.result():
            pending.discard()  # a damaged file: no backup of it, as when the open refused it
            return None
        try:
            pending.finish()
        except (BackupError, OSError, sqlite3.Error) as exc:
            self.backup_problem = _backup_problem(exc, self.path, self.backup_policy)
            return self.backup_problem
        return None

    def finish_backup_in_background(self, done: Callable[[str | None], None]) -> None:
        """:meth:`finish_backup` on another thread (its check reads every row of the copy: ~50 ms
        at 35 measures, ~2 s at 2,000), then ``done(problem)`` on that thread; :meth:`close`
        waits for it."""
        if self.pending_backup is None or self._backup_thread is not None:
            return

        def run() -> None:
            done(self.finish_backup())

        self._backup_thread = threading.Thread(target=run, name="finish-backup", daemon=True)
        self._backup_thread.start()

    def settle_backup(self) -> None:
        """Wait until the automatic backup on open is in place (or has failed): before the file is
        let go, and before anything else lists, takes or restores backups of it."""
        thread = self._backup_thread
        if thread is not None and thread is not threading.current_thread():
            thread.join()
        self.finish_backup()

    def close(self) -> None:
        self._closed = True
        try:
            self.settle_backup()
        finally:
            self._drop_deferred_check()  # nothing will be written: its verdict is not needed
            self._close_connection()

    def _close_connection(self) -> None:
        try:
            self.conn.close()  # as sqlite-utils' close
        finally:
            lock, self.instance_lock = self.instance_lock, None
            if lock is not None:
                lock.release()

    def backup_now(self, reason: str = "manual"):
        """Take a verified backup of this (file) database; see :func:`.backup.create_backup`."""
        from .backup import create_backup

        if self.path is None:
            raise DatabaseOpenError("メモリ上のデータベースはバックアップできません")
        return create_backup(self.path, source=self, reason=reason, policy=self.backup_policy)


def _is_query(sql: str) -> bool:
    """A statement that only reads (runs the same with or without sqlite-utils): a SELECT, or a
    PRAGMA that sets nothing (``PRAGMA data_version``, not ``PRAGMA x = 1`` or ``PRAGMA x(1)``)."""
    head = sql.lstrip()[:6].upper()
    return head == "SELECT" or (head == "PRAGMA" and "=" not in sql and "(" not in sql)


def _refuse_control_characters(parameters) -> None:
    """Text the validators do not cover (subtitles, notes, labels) is refused with control
    characters too: no cell of a spreadsheet can hold them, so a round trip would show a change
    that nobody made. Inside db.atomic() the whole transaction is rolled back."""
    values = parameters.values() if isinstance(parameters, dict) else parameters
    for value in values:
        if isinstance(value, str):
            bad = control_character(value)
            if bad is not None:
                raise ValidationError([Problem("", f"保存できない制御文字（U+{ord(bad):04X}）が含まれています")])


def _configure(conn: sqlite3.Connection, *, readonly: bool) -> None:
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    # What sqlite_utils.Database sets on the connections it wraps; here from the start, so that the
    # connection behaves the same before and after PlanDatabase makes its sqlite-utils wrapper.
    conn.execute("PRAGMA recursive_triggers = ON")
    conn.execute("PRAGMA foreign_keys = ON")
    if not readonly:
        conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("PRAGMA synchronous = FULL")


def _pragma(conn: sqlite3.Connection, name: str) -> int:
    return conn.execute(f"PRAGMA {name}").fetchone()[0]


def damaged_message(problems: list[str] | None = None, detail: str = "") -> str:
    if problems:
        shown = "、".join(problems[:3]) + (f" ほか {len(problems) - 3} 件" if len(problems) > 3 else "")
        return f"ファイルの検査で問題が見つかりました（{shown}）。ファイルの一部が壊れています。"
    return f"データベースとして読み込めません（{detail}）。ファイルが壊れているか、計画のファイルではありません。"


SQLITE_MAGIC = b"SQLite format 3\x00"


def _refuse_non_sqlite(path: Path) -> None:
    """SQLite treats a short file of any content as an empty database and would
    write a new schema over it; an empty (0-byte) or missing file is a new plan."""
    try:
        with open(path, "rb") as f:
            head = f.read(len(SQLITE_MAGIC))
    except FileNotFoundError:
        return
    except OSError as exc:
        raise DatabaseOpenError(f"ファイルを開けません（{path}）: {exc.strerror or exc}") from exc
    if head and head != SQLITE_MAGIC:
        raise DamagedFileError(damaged_message(detail="SQLite のデータベースではありません"), path=path)


# sqlite-utils and the heavier packages it imports, in the order a window imports them after its
# first frame, one per turn of the event loop (~80 ms in one piece; see writer_import_steps).
WRITER_MODULES = ("click", "pluggy", "dateutil.tz", "dateutil.parser", "sqlite_utils")


def writer_import_steps() -> list[Callable[[], None]]:
    """Steps that import what the first write needs (:data:`WRITER_MODULES`), one module each; a
    module that cannot be imported is left to the write that needs it (it reports that)."""

    def importer(name: str) -> Callable[[], None]:
        def step() -> None:
            import importlib

            try:
                importlib.import_module(name)
            except ImportError:
                pass

        return step

    return [importer(name) for name in WRITER_MODULES]


def _is_fresh(db: SqlDatabase) -> bool:
    return db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0


def open_database(
    path: str | Path | None = None,
    *,
    readonly: bool = False,
    memory: bool = False,
    backups: BackupPolicy | bool | None = True,
    require_writable: bool = False,
    check_backup_later: bool = False,
    check_later: bool = False,
) -> PlanDatabase:
    """Open (creating if needed) a plan database and bring it to the current schema.

    *require_writable*: raise :class:`ReadOnlyFileError` (before migrating or
    backing up anything) when the file cannot be written, instead of failing
    at the first write.

    Raises :class:`DatabaseOpenError` subclasses with a Japanese message for
    files that are damaged (:class:`DamagedFileError`, offer
    :func:`.backup.recover`), not ours or from a newer version.

    *backups*: ``True`` for the default :class:`~.backup.BackupPolicy`, a
    policy, or ``False``/``None`` for none. With backups, a file that needs
    migrating is backed up first (and not migrated if that fails), and a
    backup is taken when the newest is older than ``policy.max_age``.
    Read-only and in-memory databases are never backed up or migrated.
    *check_backup_later*: the automatic backup on open is only copied (the file as opened); its
    check and rename wait for :meth:`PlanDatabase.finish_backup` (or its background variant, as the
    window runs it after its first frame), at the latest :meth:`PlanDatabase.close`.
    *check_later*: the integrity check of a file that needs no migration is left for
    :meth:`PlanDatabase.check_in_background` (the window runs it after its first frame); every
    write waits for it and a damaged file is refused as here (storage/deferred_check.py).
    """
    if memory:
        conn = sqlite3.connect(":memory:", isolation_level=None)
        path = None
    else:
        assert path is not None
        path = Path(path)
        if readonly and not path.exists():
            raise DatabaseOpenError(f"ファイルが見つかりません: {path}")
        _refuse_non_sqlite(path)
        try:
            conn = connect(path, readonly=readonly)
        except sqlite3.Error as exc:
            raise DatabaseOpenError(f"ファイルを開けません（{path}）: {user_message(exc)}") from exc
    policy = None
    if backups and path is not None and not readonly:
        from .backup import BackupPolicy

        policy = backups if isinstance(backups, BackupPolicy) else BackupPolicy()
    try:
        _configure(conn, readonly=readonly)
        db = PlanDatabase(conn)
        db.path = path
        db.readonly = readonly
        db.backup_policy = policy
        check_header(db)
        foreign = schema_problems(conn, missing=False) if path is not None else []
        if foreign:
            raise ForeignSchemaError(foreign)
        if require_writable and path is not None and not readonly:
            reason = write_access_problem(path) or probe_write(db)
            if reason:
                raise ReadOnlyFileError(path, reason)
        if check_later and path is not None and schema_version(db) == SCHEMA_VERSION:
            # Nothing below writes to a file of the current version: the check can wait for the
            # first write (storage/deferred_check.py).
            db.deferred_check = DeferredCheck(path)
        else:
            problems = quick_check(db)
            if problems:
                raise DamagedFileError(damaged_message(problems), path=path, problems=problems)
        if readonly and schema_version(db) < SCHEMA_VERSION:
            # Never write to a file opened read-only: migrate a private in-memory copy instead.
            db = _migrated_copy_in_memory(db)
        if not readonly:
            fresh = _is_fresh(db)
            if policy is not None and path is not None and not fresh and schema_version(db) < SCHEMA_VERSION:
                _backup_before_migration(db, path, policy)
            migrate(db)
            if policy is not None and path is not None and not fresh:
                _daily_backup(db, path, policy, check_later=check_backup_later)
        return db
    except sqlite3.DatabaseError as exc:
        conn.close()
        if is_damage(exc):
            raise DamagedFileError(damaged_message(detail=str(exc)), path=path) from exc
        raise DatabaseOpenError(f"ファイルを開けません（{path}）: {user_message(exc)}") from exc
    except UnicodeDecodeError as exc:
        # SQLite quoted damaged schema text in its error message, which is not even UTF-8.
        conn.close()
        raise DamagedFileError(damaged_message(detail="データベースの定義を読めません"), path=path) from exc
    except BaseException:
        conn.close()
        raise


def take_writer_lock(path: str | Path) -> InstanceLock:
    """The writer lock of *path* for a command that is about to change it.

    Raises :class:`FileInUseError` naming who holds it (a window has the file
    open: its next edit would otherwise write back a stale copy over ours),
    or :class:`DatabaseOpenError` when no lock file can be made beside it.
    """
    from .lock import AlreadyOpenError, InstanceLock, LockUnavailableError

    lock = InstanceLock(path)
    try:
        return lock.acquire()
    except AlreadyOpenError as exc:
        raise FileInUseError(Path(path), str(exc)) from exc
    except LockUnavailableError as exc:
        raise DatabaseOpenError(f"{exc}（ファイルは変更していません）") from exc


def open_for_writing(path: str | Path, *, backups: BackupPolicy | bool | None = True) -> PlanDatabase:
    """:func:`open_database` for a command that writes: the writer lock first, held until ``close()``.

    Every command line writer goes through here, so none of them can change a
    file while a window has it open (see :func:`take_writer_lock`).
    """
    lock = take_writer_lock(path)
    try:
        db = open_database(path, backups=backups, require_writable=True)
    except BaseException:
        lock.release()
        raise
    db.instance_lock = lock
    return db


def write_access_problem(path: str | Path) -> str | None:
    """Why *path* cannot be written (a read-only file or folder), or None.

    SQLite writes beside the file too (its ``-journal``), so the folder must
    be writable as well. See also :func:`probe_write`, which asks SQLite.
    """
    path = Path(path)
    if path.exists() and not os.access(path, os.W_OK):
        return "ファイルが読み取り専用です"
    folder = path.parent
    if not os.access(folder, os.W_OK):
        return "ファイルのあるフォルダーに書き込めません（読み取り専用のフォルダーや共有）"
    return None


def probe_write(db: SqlDatabase) -> str | None:
    """Try a write and roll it back: None when SQLite can write this file, else why not.

    Catches what :func:`write_access_problem` cannot see (read-only shares,
    media whose write-protect switch is on), because SQLite silently opens a
    file it cannot write read-only.
    """
    conn = db.conn
    if conn.in_transaction:
        return None
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            conn.execute(f"PRAGMA user_version = {int(version)}")
        finally:
            conn.execute("ROLLBACK")
    except sqlite3.Error as exc:
        code = getattr(exc, "sqlite_errorcode", None)
        primary = code & 0xFF if isinstance(code, int) else None
        if primary in (SQLITE_READONLY, SQLITE_CANTOPEN, SQLITE_PERM) or "readonly" in str(exc).lower():
            return "ファイルに書き込めません（読み取り専用のファイル、フォルダー、共有または媒体）"
        return None  # busy or an I/O hiccup: not a reason to open read-only
    return None


def _migrated_copy_in_memory(db: PlanDatabase) -> PlanDatabase:
    mem = sqlite3.connect(":memory:", isolation_level=None)
    db.conn.backup(mem)
    db.conn.close()
    _configure(mem, readonly=False)
    copy = PlanDatabase(mem)
    copy.path, copy.readonly, copy.backup_policy = db.path, True, None
    migrate(copy)
    return copy


def _backup_before_migration(db: PlanDatabase, path: Path, policy: BackupPolicy) -> None:
    from .backup import BackupError, create_backup

    try:
        create_backup(path, source=db, reason="migration", policy=policy)
    except (BackupError, OSError, sqlite3.Error) as exc:
        raise DatabaseOpenError(
            f"ファイルの形式を更新する前のバックアップを作成できなかったため、更新せずに中止しました（{exc}）。"
            "ファイルは変更していません。"
        ) from exc


def _daily_backup(db: PlanDatabase, path: Path, policy: BackupPolicy, *, check_later: bool) -> None:
    from .backup import BackupError, backup_is_due, create_backup, start_backup

    try:
        if not backup_is_due(path, policy):
            return
        if check_later:
            db.pending_backup = start_backup(path, source=db, reason="open", policy=policy)
        else:
            create_backup(path, source=db, reason="open", policy=policy)
    except (BackupError, OSError, sqlite3.Error) as exc:
        db.backup_problem = _backup_problem(exc, path, policy)


def _backup_problem(exc: Exception, path: Path, policy: BackupPolicy) -> str:
    """The window's text for a failed automatic backup. Not a reason to refuse the user's file; the
    next open tries again. The window shows it (a share that refuses backups must not go unnoticed
    for months)."""
    from .backup import BackupError

    log.warning("automatic backup of %s failed: %s", path, exc)
    if isinstance(exc, BackupError):
        detail = str(exc)
    elif isinstance(exc, sqlite3.Error):
        detail = user_message(exc)
    else:
        detail = getattr(exc, "strerror", None) or str(exc)
    # First line: what happened (the status bar shows it); then what it means and where.
    return (f"自動バックアップを作成できませんでした: {detail}\n"
            "計画のファイルは開いています。次に開くときにもう一度バックアップを作成します。\n"
            f"バックアップの場所: {policy.folder_for(path)}")


def check_header(db: SqlDatabase) -> None:
    """Refuse files that are not ours or newer than we understand."""
    conn = db.conn
    app_id = _pragma(conn, "application_id")
    version = _pragma(conn, "user_version")
    has_tables = conn.execute("SELECT count(*) FROM sqlite_master WHERE type='table'").fetchone()[0] > 0
    if app_id not in (0, APPLICATION_ID) or (app_id == 0 and has_tables):
        raise NotAPlanFileError("このファイルは plan_desktop の計画ファイルではありません。")
    if version > SCHEMA_VERSION:
        raise NewerVersionError(version)


def migrate(db: SqlDatabase) -> list[int]:
    """Apply pending migrations, each in its own transaction. Returns the versions reached.

    Callers that open user files go through :func:`open_database`, which
    takes a backup first.
    """
    applied = []
    version = _pragma(db.conn, "user_version")
    while version < SCHEMA_VERSION:
        step = MIGRATIONS[version]
        with db.atomic():
            step(db)
            db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            db.execute(f"PRAGMA user_version = {version + 1}")
        version += 1
        applied.append(version)
    return applied


def schema_version(db: SqlDatabase) -> int:
    return _pragma(db.conn, "user_version")


@dataclass
class FileCheck:
    """The result of :func:`check_file`; ``message`` is Japanese and always set."""

    path: Path
    ok: bool
    message: str
    problems: list[str] = field(default_factory=list)
    schema_version: int | None = None
    counts: dict[str, int] = field(default_factory=dict)
    damaged: bool = False


def check_file(path: str | Path, *, full: bool = True) -> FileCheck:
    """Check a plan file without changing it: header, integrity, foreign keys, and every row
    read and every text decoded (:func:`.integrity.deep_check`).

    Opens the file read-only, so it never migrates, backs up or rolls back
    anything; safe to run while the app has the file open.
    """
    path = Path(path)
    if not path.exists():
        return FileCheck(path, False, f"ファイルが見つかりません: {path}")
    if path.is_file() and path.stat().st_size == 0:
        return FileCheck(path, False, "空のファイルです（計画が入っていません）。")
    try:
        _refuse_non_sqlite(path)
    except DamagedFileError as exc:
        return FileCheck(path, False, str(exc), damaged=True)
    except DatabaseOpenError as exc:
        return FileCheck(path, False, str(exc))
    try:
        conn = connect(path, readonly=True)
    except sqlite3.Error as exc:
        return FileCheck(path, False, f"ファイルを開けません: {user_message(exc)}")
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        db = PlanDatabase(conn)  # reads only: never makes its sqlite-utils wrapper
        check_header(db)
        version = schema_version(db)
        problems = deep_check(conn, full=full)
        if problems:
            return FileCheck(path, False, damaged_message(problems), problems, version, damaged=True)
        counts = count_rows(conn)
        from .backup import _measure_word

        row = conn.execute("SELECT id FROM plan LIMIT 1").fetchone() if "measures" in counts else None
        word = _measure_word(conn, row[0] if row else None)
        summary = f"{word} {counts.get('measures', 0)} 件、評価 {counts.get('evaluations', 0)} 件"
        note = ""
        if version < SCHEMA_VERSION:
            note = f"（古い形式 {version}。開くとバックアップを取ってから形式 {SCHEMA_VERSION} に更新します）"
        return FileCheck(path, True, f"問題はありません。{summary}{note}", [], version, counts)
    except DatabaseOpenError as exc:
        return FileCheck(path, False, str(exc))
    except sqlite3.DatabaseError as exc:
        if is_damage(exc):
            return FileCheck(path, False, damaged_message(detail=str(exc)), [str(exc)], damaged=True)
        if journal_path(path).exists():
            return FileCheck(path, False, (
                "中断された書き込みの記録（-journal ファイル）が残っているため、読み取り専用では検査できません。"
                "アプリで開くと自動的に元の状態に戻されます。-journal ファイルは削除しないでください。"), [str(exc)])
        return FileCheck(path, False, f"検査できませんでした: {user_message(exc)}", [str(exc)])
    except UnicodeDecodeError as exc:  # SQLite quoted damaged schema text in its error message
        detail = "データベースの定義を読めません"
        return FileCheck(path, False, damaged_message(detail=detail), [f"{detail}: {exc}"], damaged=True)
    finally:
        conn.close()
