"""Verified backups, rotation, restore and recovery of a damaged file.

A backup is made with SQLite's online backup API (``Connection.backup()``)
into a short-named temporary (``~pd1a2b3c4d.tmp``, see :mod:`..fileops`; short
so that it never needs a longer path than the backup itself), which is then
opened read-only and checked (``application_id``, ``quick_check``,
``foreign_key_check``, and every row read and every text decoded:
:func:`.integrity.deep_check`) before it is renamed into place: a file in the
backup folder without ``.tmp`` is always a complete, checked copy. Rotation
only runs after a new backup passed its check. Renames go through
:mod:`..fileops`, which waits briefly for a file the antivirus is scanning and
removes the temporary on any failure.

Backups live in ``backups/`` beside the database by default and are named
``<stem>-<UTC time>-<reason><suffix>``, e.g.
``plan-20260401-083000.000000Z-open.sqlite``; the time in the name (not the
file's mtime, which copying changes) orders them.

Restoring a backup into an open database is :mod:`.restore` (it opens and
migrates, which :mod:`.database` does, and opening takes backups). The
``-journal`` file beside the database is never deleted or renamed here.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
import sys
from dataclasses import dataclass, field
from pathlib import Path

from .. import fileops
from .connection import SqlDatabase, connect, count_rows, journal_path
from .errors import translated, user_message
from .integrity import deep_check
from .schema import APPLICATION_ID, SCHEMA_VERSION

BACKUP_DIR_NAME = "backups"
TMP_SUFFIX = ".tmp"
DAMAGED_SUFFIX = ".damaged"
# A .tmp older than this is left over from a crash, not being written now.
STALE_TMP_SECONDS = 3600
_STAMP = "%Y%m%d-%H%M%S.%f"


def _stamp_time(stamp: str) -> dt.datetime:
    """The UTC moment of a name's ``20260401-083000.000000`` (what ``strptime(stamp, _STAMP)`` reads,
    without loading _strptime, locale and calendar at every start: the window lists its backups)."""
    if len(stamp) != 22 or stamp[8] != "-" or stamp[15] != "." or not (stamp[:8] + stamp[9:15] + stamp[16:]).isdigit():
        raise ValueError(f"not a backup time: {stamp!r}")
    return dt.datetime(int(stamp[0:4]), int(stamp[4:6]), int(stamp[6:8]), int(stamp[9:11]), int(stamp[11:13]),
                       int(stamp[13:15]), int(stamp[16:22]), tzinfo=dt.UTC)
# First bytes of a rollback journal that SQLite would play back.
_JOURNAL_MAGIC = bytes.fromhex("d9d505f920a163d7")

REASON_LABELS = {
    "manual": "手動",
    "open": "自動（起動時）",
    "migration": "形式の更新前",
    "import": "読み込み前",
    "merge": "統合前",
    "restore": "復元前",
    "nextperiod": "次期計画の作成前",
}


class BackupError(Exception):
    """A backup, restore or recovery that could not be done. ``str()`` is Japanese."""


class RecoveryBlockedError(BackupError):
    """Recovery refused because a rollback journal that SQLite would apply is present."""


@dataclass(frozen=True)
class BackupPolicy:
    """How many backups to keep and how often to take one automatically."""

    keep_recent: int = 10
    keep_monthly: int = 12  # one per calendar month, this month included
    max_age: dt.timedelta = dt.timedelta(days=1)
    directory: Path | None = None  # None: ``backups/`` beside the database

    def folder_for(self, db_path: Path) -> Path:
        return Path(self.directory) if self.directory is not None else Path(db_path).parent / BACKUP_DIR_NAME


DEFAULT_POLICY = BackupPolicy()


@dataclass
class BackupSummary:
    """What a backup file holds, read without changing it."""

    ok: bool
    measures: int | None = None
    evaluations: int | None = None
    schema_version: int | None = None
    plan_title: str | None = None
    problem: str | None = None
    measure_word: str = "取組"  # what the plan in the file calls a measure (its terms)

    def text(self) -> str:
        if not self.ok:
            return f"使用できません（{self.problem}）"
        return f"{self.measure_word} {self.measures or 0} 件・評価 {self.evaluations or 0} 件"


@dataclass
class BackupInfo:
    """A backup file beside the plan: where, when (UTC), why, how large; its summary read on demand."""

    path: Path
    created: dt.datetime  # aware, UTC
    reason: str
    size: int
    _summary: BackupSummary | None = field(default=None, repr=False, compare=False)

    @property
    def reason_label(self) -> str:
        return REASON_LABELS.get(self.reason, self.reason)

    @property
    def local_time(self) -> dt.datetime:
        return self.created.astimezone()

    def summary(self) -> BackupSummary:
        """Counts and check result; computed once (opens the file read-only)."""
        if self._summary is None:
            self._summary = inspect_backup(self.path)
        return self._summary


@dataclass
class RestoreResult:
    """What a restore did: the backup it restored, and where the state before it was kept."""

    restored_from: Path
    summary: BackupSummary
    safety_backup: BackupInfo | None  # the state just before the restore
    # Where the state just before the restore was kept when it was damaged (it cannot pass a
    # backup's check, so it is copied page by page beside the file, as :func:`recover` keeps it).
    damaged_copy: Path | None = None

    @property
    def previous_state(self) -> Path | None:
        """Where the content from before the restore was kept."""
        return self.safety_backup.path if self.safety_backup else self.damaged_copy


@dataclass
class RecoveryResult:
    """What the recovery of a damaged file did: where the damaged file was kept, and what was restored."""

    damaged_path: Path | None  # where the damaged file was kept
    restored_from: BackupInfo
    summary: BackupSummary


# ----------------------------------------------------------------- names
def backup_dir(db_path: str | Path, policy: BackupPolicy | None = None) -> Path:
    return (policy or DEFAULT_POLICY).folder_for(Path(db_path))


def _pattern(db_path: Path) -> re.Pattern:
    return re.compile(
        re.escape(db_path.stem) + r"-(\d{8}-\d{6}\.\d{6})Z-([a-z]+)" + re.escape(db_path.suffix) + "$"
    )


def _name(db_path: Path, when: dt.datetime, reason: str) -> str:
    stamp = when.astimezone(dt.UTC).strftime(_STAMP)
    return f"{db_path.stem}-{stamp}Z-{reason}{db_path.suffix}"


def list_backups(db_path: str | Path, policy: BackupPolicy | None = None) -> list[BackupInfo]:
    """Finished backups of *db_path*, newest first (``.tmp`` files are not backups)."""
    db_path = Path(db_path)
    folder = backup_dir(db_path, policy)
    pattern = _pattern(db_path)
    out = []
    # (fileops.entries: backup names are ~43 characters longer than the plan's; Windows' MAX_PATH)
    for path, entry in fileops.entries(folder):
        m = pattern.match(entry.name)
        if not m or not entry.is_file():
            continue
        created = _stamp_time(m.group(1))
        out.append(BackupInfo(path, created, m.group(2), entry.stat().st_size))
    out.sort(key=lambda b: b.created, reverse=True)
    return out


def newest_backup(db_path: str | Path, policy: BackupPolicy | None = None) -> BackupInfo | None:
    found = list_backups(db_path, policy)
    return found[0] if found else None


# ------------------------------------------------------------ inspection
def _measure_word(conn: sqlite3.Connection, plan_id: str | None) -> str:
    """The plan's word for a measure as stored in the file (its terms; older files: see storage/bundled.py)."""
    import json

    from ..domain.terms import PlanTerms
    from .bundled import bundled_terms_for

    terms: object = None
    try:
        columns = [r[1] for r in conn.execute("PRAGMA table_info(plan)")]
        if "terms" in columns:
            text = conn.execute("SELECT terms FROM plan LIMIT 1").fetchone()
            terms = json.loads(text[0]) if text and text[0] else None
        elif plan_id is not None:
            terms = bundled_terms_for(plan_id)
    except (sqlite3.Error, ValueError):
        terms = None
    word = terms.get("measure") if isinstance(terms, dict) else None
    return word if isinstance(word, str) and word.strip() else PlanTerms().measure


def inspect_backup(path: str | Path) -> BackupSummary:
    """Check a backup (or any plan file) read-only: ours, not newer, intact; and count its content."""
    path = Path(path)
    try:
        conn = connect(path, readonly=True)
    except sqlite3.Error as exc:
        return BackupSummary(False, problem=user_message(exc))
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if app_id != APPLICATION_ID:
            return BackupSummary(False, problem="計画のファイルではありません")
        if version > SCHEMA_VERSION:
            return BackupSummary(False, schema_version=version,
                                 problem=f"新しいバージョンの形式です（形式 {version}）")
        problems = deep_check(conn)
        if problems:
            return BackupSummary(False, schema_version=version, problem="検査で問題が見つかりました: " + problems[0])
        counts = count_rows(conn)
        row = conn.execute("SELECT title, id FROM plan LIMIT 1").fetchone() if "measures" in counts else None
        return BackupSummary(True, counts.get("measures", 0), counts.get("evaluations", 0), version,
                             row[0] if row else None, measure_word=_measure_word(conn, row[1] if row else None))
    except sqlite3.DatabaseError as exc:
        return BackupSummary(False, problem=f"データベースとして読み込めません（{exc}）")
    except UnicodeDecodeError:  # SQLite quoted damaged schema text in a message
        return BackupSummary(False, problem="データベースの定義を読めません")
    finally:
        conn.close()


def newest_good_backup(db_path: str | Path, policy: BackupPolicy | None = None) -> BackupInfo | None:
    """The newest backup that passes :func:`inspect_backup`."""
    for info in list_backups(db_path, policy):
        if info.summary().ok:
            return info
    return None


# -------------------------------------------------------------- creating
def _fsync_file(path: Path) -> None:
    with open(fileops.extended_path(path), "rb+") as f:
        os.fsync(f.fileno())


def _fsync_dir(folder: Path) -> None:
    if sys.platform.startswith("win"):
        return  # directories cannot be opened for fsync on Windows; NTFS journals renames
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError:
        pass  # some network file systems refuse; the rename itself still happened
    finally:
        os.close(fd)


def _copy_to_tmp(source: sqlite3.Connection, tmp: Path) -> None:
    """Copy *source* into the new file *tmp*; removes *tmp* on failure."""
    try:
        dst = connect(tmp)
        try:
            # A scratch file: no on-disk journal to leave behind if we are killed;
            # durability comes from the fsync after the check, before the rename.
            dst.execute("PRAGMA journal_mode = MEMORY")
            dst.execute("PRAGMA synchronous = OFF")
            with translated():
                source.backup(dst)
        finally:
            dst.close()
    except BaseException:
        fileops.discard(tmp)
        raise


def _check_and_sync_tmp(tmp: Path) -> None:
    """Check the copy *tmp* and write it to disk; removes *tmp* on failure."""
    try:
        summary = inspect_backup(tmp)
        if not summary.ok:
            raise BackupError(f"作成したバックアップの検査に失敗しました（{summary.problem}）")
        _fsync_file(tmp)
    except BaseException:
        fileops.discard(tmp)
        raise


def _remove_stale_tmp(folder: Path, db_path: Path, now: dt.datetime) -> None:
    pattern = _pattern(db_path)
    for path, entry in fileops.entries(folder):
        # Our short temporaries, and "<backup name>.tmp" left by versions before them.
        if not entry.name.endswith(TMP_SUFFIX) or not (
                fileops.TEMP_NAME.match(entry.name) or pattern.match(entry.name[: -len(TMP_SUFFIX)])):
            continue
        try:
            if now.timestamp() - entry.stat().st_mtime > STALE_TMP_SECONDS:
                fileops.remove(path)
        except OSError:
            pass


def create_backup(
    db_path: str | Path,
    *,
    source: SqlDatabase | sqlite3.Connection | None = None,
    reason: str = "manual",
    policy: BackupPolicy | None = None,
    now: dt.datetime | None = None,
    protect: set[Path] | None = None,
) -> BackupInfo:
    """Take a verified backup of *db_path* and rotate the folder.

    *source* is the open connection to copy from (the app's own, so the copy
    is a consistent snapshot); without it the file is opened just for the
    copy. Must not be called inside a transaction. *protect* lists backups
    that rotation must keep (a restore in progress).
    """
    return start_backup(db_path, source=source, reason=reason, policy=policy, now=now).finish(protect=protect)


@dataclass
class PendingBackup:
    """A backup copied but not yet checked: :func:`start_backup` made the copy (the snapshot of
    the file at that moment, a temporary in the backup folder); :meth:`finish` checks it, writes
    it to disk, renames it into place and rotates the folder. The check reads every row (a second
    or more for a large plan), so the window runs it on another thread after its first frame;
    nothing here touches the connection the copy was made from. :meth:`discard` drops the copy."""

    db_path: Path
    policy: BackupPolicy
    tmp: Path
    final: Path
    created: dt.datetime
    reason: str
    now: dt.datetime

    def finish(self, *, protect: set[Path] | None = None) -> BackupInfo:
        try:
            _check_and_sync_tmp(self.tmp)
            fileops.replace(self.tmp, self.final)
        except sqlite3.Error as exc:
            fileops.discard(self.tmp)
            raise BackupError(f"バックアップを作成できませんでした: {user_message(exc)}") from exc
        except OSError as exc:
            fileops.discard(self.tmp)
            raise BackupError(f"バックアップを作成できませんでした: {exc.strerror or exc}") from exc
        _fsync_dir(self.final.parent)
        info = BackupInfo(self.final, self.created.astimezone(dt.UTC), self.reason, fileops.stat(self.final).st_size)
        rotate(self.db_path, self.policy, now=self.now, protect={self.final, *(protect or ())}, verified={self.final})
        return info

    def discard(self) -> None:
        fileops.discard(self.tmp)


def start_backup(
    db_path: str | Path,
    *,
    source: SqlDatabase | sqlite3.Connection | None = None,
    reason: str = "manual",
    policy: BackupPolicy | None = None,
    now: dt.datetime | None = None,
) -> PendingBackup:
    """Copy *db_path* (from *source*, see :func:`create_backup`) into a temporary in its backup
    folder; the returned :class:`PendingBackup` checks it and puts it in place."""
    db_path = Path(db_path)
    policy = policy or DEFAULT_POLICY
    if reason not in REASON_LABELS:
        raise ValueError(f"unknown backup reason {reason!r}")
    now = now or dt.datetime.now(dt.UTC)
    conn = source if isinstance(source, sqlite3.Connection) or source is None else source.conn
    own_conn = conn is None
    if conn is None:
        if not fileops.exists(db_path):
            raise BackupError(f"ファイルが見つかりません: {db_path}")
        conn = connect(db_path, create=False)
        conn.execute("PRAGMA busy_timeout = 5000")
    try:
        if conn.in_transaction:
            raise BackupError("書き込みの途中ではバックアップを作成できません")
        folder = policy.folder_for(db_path)
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise BackupError(f"バックアップ用のフォルダーを作成できません（{folder}）: {exc.strerror or exc}") from exc
        _remove_stale_tmp(folder, db_path, now)
        when = now
        while True:
            final = folder / _name(db_path, when, reason)
            if not fileops.exists(final):
                break
            when += dt.timedelta(microseconds=1)
        tmp = fileops.temp_path(final)
        try:
            _copy_to_tmp(conn, tmp)
        except sqlite3.Error as exc:
            raise BackupError(f"バックアップを作成できませんでした: {user_message(exc)}") from exc
        except OSError as exc:
            raise BackupError(f"バックアップを作成できませんでした: {exc.strerror or exc}") from exc
    finally:
        if own_conn:
            conn.close()
    return PendingBackup(db_path, policy, tmp, final, when, reason, now)


def backup_is_due(db_path: str | Path, policy: BackupPolicy | None = None, now: dt.datetime | None = None) -> bool:
    policy = policy or DEFAULT_POLICY
    newest = newest_backup(db_path, policy)
    now = now or dt.datetime.now(dt.UTC)
    return newest is None or now - newest.created >= policy.max_age


# -------------------------------------------------------------- rotation
def _month_index(when: dt.datetime) -> int:
    local = when.astimezone()
    return local.year * 12 + local.month - 1


def rotate(
    db_path: str | Path,
    policy: BackupPolicy | None = None,
    *,
    now: dt.datetime | None = None,
    protect: set[Path] | None = None,
    verified: set[Path] | None = None,
) -> list[Path]:
    """Delete backups outside the policy; returns what was deleted.

    Kept: the newest ``keep_recent``, plus the newest backup of each of the
    last ``keep_monthly`` calendar months (local time, this month included),
    plus — when none of those passes its check — the newest backup that
    does: the last good backup is never rotated away in favour of damaged
    ones. *verified* names backups just checked (not inspected again).
    Only files named like our backups of this database are ever deleted.
    """
    policy = policy or DEFAULT_POLICY
    now = now or dt.datetime.now(dt.UTC)
    backups = list_backups(db_path, policy)
    keep = {b.path for b in backups[: max(1, policy.keep_recent)]} | set(protect or ())
    this_month = _month_index(now)
    months: set[int] = set()
    for b in backups:  # newest first: the first seen of a month is its newest
        month = _month_index(b.created)
        if month not in months and 0 <= this_month - month < policy.keep_monthly:
            months.add(month)
            keep.add(b.path)
    if not keep & set(verified or ()) and not any(b.summary().ok for b in backups if b.path in keep):
        good = next((b for b in backups if b.path not in keep and b.summary().ok), None)
        if good is not None:
            keep.add(good.path)
    removed = []
    for b in backups:
        if b.path not in keep:
            try:
                fileops.remove(b.path, missing_ok=False)
                removed.append(b.path)
            except OSError:
                pass  # e.g. opened by a viewer on Windows; try again next time
    return removed


# ------------------------------------------------------------- restoring
def _info_for(path: Path) -> BackupInfo:
    """A BackupInfo for any file (named like a backup or not)."""
    st = fileops.stat(path)
    created = dt.datetime.fromtimestamp(st.st_mtime, dt.UTC)
    reason = "manual"
    m = re.search(r"-(\d{8}-\d{6}\.\d{6})Z-([a-z]+)", path.name)
    if m:
        created = _stamp_time(m.group(1))
        reason = m.group(2)
    return BackupInfo(path, created, reason, st.st_size)


def journal_is_hot(db_path: str | Path) -> bool:
    """True when a rollback journal that SQLite would apply lies beside *db_path*."""
    journal = journal_path(db_path)
    try:
        with open(fileops.extended_path(journal), "rb") as f:
            return f.read(len(_JOURNAL_MAGIC)) == _JOURNAL_MAGIC
    except FileNotFoundError:
        return False


def damaged_path_for(db_path: str | Path) -> Path:
    """``<name>.damaged``, or ``<name>.damaged.2``, ``.3``… when taken."""
    db_path = Path(db_path)
    candidate = db_path.with_name(db_path.name + DAMAGED_SUFFIX)
    n = 2
    while fileops.exists(candidate):
        candidate = db_path.with_name(f"{db_path.name}{DAMAGED_SUFFIX}.{n}")
        n += 1
    return candidate


def recover(db_path: str | Path, policy: BackupPolicy | None = None, *, backup: BackupInfo | Path | None = None
            ) -> RecoveryResult:
    """Keep a damaged database aside as ``.damaged`` and put a good backup in its place.

    *backup* defaults to the newest backup that passes its check. The
    damaged file is renamed, never overwritten or deleted. Refuses (changing
    nothing) when no good backup exists or when a rollback journal that
    SQLite would apply lies beside the file: that journal belongs to the
    damaged file and must stay with it.
    """
    db_path = Path(db_path)
    policy = policy or DEFAULT_POLICY
    if journal_is_hot(db_path):
        raise RecoveryBlockedError(
            f"中断された書き込みの記録（{journal_path(db_path).name}）が残っているため、自動では復元できません。"
            "このファイルと -journal ファイルは削除・移動・名前の変更をせず、そのまま管理者に相談してください。"
        )
    if backup is None:
        good = newest_good_backup(db_path, policy)
        if good is None:
            raise BackupError(
                f"使用できるバックアップが見つかりません（{backup_dir(db_path, policy)}）。"
                "壊れたファイルは変更せず、そのまま残しています。"
            )
    else:
        good = backup if isinstance(backup, BackupInfo) else _info_for(Path(backup))
        if not good.summary().ok:
            raise BackupError(f"このバックアップは使用できません（{good.summary().problem}）。ファイルは変更していません。")
    tmp = fileops.temp_path(db_path)
    src = connect(good.path, readonly=True)
    try:
        try:
            _copy_to_tmp(src, tmp)
            _check_and_sync_tmp(tmp)
        except (sqlite3.Error, OSError) as exc:
            raise BackupError(f"バックアップを復元できませんでした: {exc}。壊れたファイルはそのまま残しています。") from exc
    finally:
        src.close()
    damaged = None
    try:
        if fileops.exists(db_path):
            damaged = damaged_path_for(db_path)
            # Held by another PC or the antivirus: FileInUseError names it; nothing has changed yet.
            fileops.rename(db_path, damaged)
        fileops.replace(tmp, db_path)
    except OSError as exc:
        if damaged is not None and fileops.exists(damaged) and not fileops.exists(db_path):
            try:
                fileops.rename(damaged, db_path)  # put the damaged file back where it was
            except OSError:
                fileops.discard(tmp)
                raise BackupError(
                    f"バックアップを復元できませんでした: {exc.strerror or exc}。"
                    f"壊れたファイルは {damaged} に残しています。") from exc
        fileops.discard(tmp)
        raise BackupError(
            f"バックアップを復元できませんでした: {exc.strerror or exc}。壊れたファイルはそのまま残しています。") from exc
    _fsync_dir(db_path.parent)
    return RecoveryResult(damaged, good, good.summary())


__all__ = [
    "BackupError", "BackupInfo", "BackupPolicy", "BackupSummary", "DEFAULT_POLICY", "PendingBackup",
    "RecoveryBlockedError", "RecoveryResult", "RestoreResult", "backup_dir", "backup_is_due",
    "create_backup", "damaged_path_for", "inspect_backup", "journal_is_hot", "list_backups", "newest_backup",
    "newest_good_backup", "recover", "rotate", "start_backup",
]
