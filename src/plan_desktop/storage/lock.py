"""One writer per plan file: detect another running instance that has it open.

SQLite's own locks keep every transaction safe, but two windows editing the
same file would each work from their own copy of the plan and overwrite
each other's edits. So the writer holds ``<name>.lock`` beside the database:

* an OS lock on that file (``flock`` on POSIX, which Linux maps to byte-range
  locks on NFS; ``msvcrt.locking`` on Windows, which SMB shares honour) is
  the actual mutex. The OS releases it when the process dies, so a crash
  never leaves a lock that blocks the next start;
* the file's content (JSON: host, user, pid, start time, heartbeat) tells the
  second instance *who* has the file open, so it can offer read-only viewing;
* where OS locks are unavailable (some shares), the content decides: a lock
  whose pid is dead on this host, or whose heartbeat stopped long ago on
  another host, is stale and is taken over.

The lock file is removed on release. Nothing here touches the database or
its ``-journal`` file.
"""

from __future__ import annotations

import atexit
import datetime as dt
import errno
import getpass
import json
import os
import sys
import threading
import time
import weakref
from dataclasses import asdict, dataclass
from pathlib import Path

LOCK_SUFFIX = ".lock"
HEARTBEAT_SECONDS = 60.0
# A lock from another computer whose heartbeat is older than this is stale.
STALE_AFTER = dt.timedelta(minutes=10)
# Windows byte-range locks are mandatory: lock a byte far past the JSON so readers can still read it.
_WIN_LOCK_OFFSET = 1 << 30


# Lock files held by this process: POSIX byte-range locks (what flock becomes
# on NFS) never conflict within one process, so check here too.
_HELD_HERE: set[str] = set()
_HELD_MUTEX = threading.Lock()
# Released at a normal exit so the lock file does not linger (after a crash
# the OS lock is gone anyway and the next start takes the file over).
_LIVE: weakref.WeakSet = weakref.WeakSet()


@atexit.register
def _release_all() -> None:
    for held in list(_LIVE):
        held.release()


def lock_path(db_path: str | Path) -> Path:
    db_path = Path(db_path)
    return db_path.with_name(db_path.name + LOCK_SUFFIX)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _host() -> str:
    """This computer's name as ``socket.gethostname()`` gives it; where Python has ``os.uname`` (POSIX)
    its node name, the same value from the same kernel call, without loading the socket module at
    every start."""
    if hasattr(os, "uname"):
        return os.uname().nodename
    import socket

    return socket.gethostname()


def _token() -> str:
    """An identifier no other lock file has (128 random bits, as hex)."""
    return os.urandom(16).hex()


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name in some service contexts
        return ""


@dataclass(frozen=True)
class LockOwner:
    """Who holds a plan file open, as its lock file says: computer, user, process, since, heartbeat, token."""

    host: str
    user: str
    pid: int
    since: str  # ISO 8601, UTC
    heartbeat: str  # ISO 8601, UTC; refreshed while the owner runs
    token: str = ""

    @property
    def on_this_host(self) -> bool:
        return self.host == _host()

    def describe(self) -> str:
        """Japanese: who has the file open, since when."""
        try:
            since = dt.datetime.fromisoformat(self.since).astimezone().strftime("%Y-%m-%d %H:%M")
        except ValueError:
            since = self.since
        who = self.user or "（不明なユーザー）"
        return f"{who}（コンピューター {self.host}、プロセス番号 {self.pid}）が {since} から開いています"

    def heartbeat_age(self, now: dt.datetime | None = None) -> dt.timedelta | None:
        try:
            beat = dt.datetime.fromisoformat(self.heartbeat)
        except ValueError:
            return None
        return (now or _now()) - beat


def _parse(raw: bytes) -> LockOwner | None:
    try:
        doc = json.loads(raw.decode("utf-8"))
        return LockOwner(host=str(doc["host"]), user=str(doc.get("user", "")), pid=int(doc["pid"]),
                         since=str(doc["since"]), heartbeat=str(doc.get("heartbeat", doc["since"])),
                         token=str(doc.get("token", "")))
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        return None  # empty, or written half-way by a process that died


class AlreadyOpenError(Exception):
    """Another running instance has the file open for writing. ``str()`` is Japanese."""

    def __init__(self, db_path: Path, owner: LockOwner | None):
        self.db_path = db_path
        self.owner = owner
        who = owner.describe() if owner else "別のプログラムが開いています"
        super().__init__(f"このファイルは既に使用中です: {who}。")


class LockUnavailableError(Exception):
    """The lock file cannot be created (read-only folder or medium). ``str()`` is Japanese."""


def pid_alive(pid: int) -> bool:
    """Whether a process with *pid* exists on this computer."""
    if pid <= 0:
        return False
    if sys.platform.startswith("win"):
        import ctypes

        synchronize = 0x00100000
        handle = ctypes.windll.kernel32.OpenProcess(synchronize, False, pid)
        if not handle:
            return False
        wait_timeout = 0x102
        alive = ctypes.windll.kernel32.WaitForSingleObject(handle, 0) == wait_timeout
        ctypes.windll.kernel32.CloseHandle(handle)
        return alive
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # exists, belongs to another user
    return True


def _try_os_lock(fd: int) -> bool | None:
    """True: locked; False: held by someone else; None: not supported here."""
    try:
        if sys.platform.startswith("win"):
            import msvcrt

            os.lseek(fd, _WIN_LOCK_OFFSET, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except (BlockingIOError, PermissionError):
        return False
    except OSError as exc:
        if exc.errno in (errno.EACCES, errno.EAGAIN, errno.EDEADLK):
            return False
        if exc.errno in (errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOSYS, errno.EINVAL):
            return None
        raise


def _os_unlock(fd: int) -> None:
    try:
        if sys.platform.startswith("win"):
            import msvcrt

            os.lseek(fd, _WIN_LOCK_OFFSET, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_UN)
    except OSError:
        pass  # closing the descriptor releases it anyway


def _read_fd(fd: int) -> bytes:
    os.lseek(fd, 0, os.SEEK_SET)
    chunks = []
    while True:
        chunk = os.read(fd, 65536)
        if not chunk:
            break
        chunks.append(chunk)
        if sum(map(len, chunks)) > 1 << 20:
            break  # not our lock file; don't read a huge file
    return b"".join(chunks)


def read_owner(db_path: str | Path) -> LockOwner | None:
    """Who holds (or last held) the lock on *db_path*, from the lock file's content."""
    path = lock_path(db_path)
    for _attempt in range(5):
        try:
            raw = path.read_bytes()
        except OSError:
            return None
        owner = _parse(raw)
        if owner is not None or not raw.strip():
            return owner
        time.sleep(0.01)  # caught the holder half-way through rewriting its heartbeat
    return None


class InstanceLock:
    """The writer's claim on one plan file.

    >>> lock = InstanceLock(path).acquire()   # AlreadyOpenError -> offer read-only
    ... lock.release()
    """

    def __init__(self, db_path: str | Path, *, heartbeat_seconds: float | None = HEARTBEAT_SECONDS,
                 stale_after: dt.timedelta = STALE_AFTER):
        self.db_path = Path(db_path)
        self.path = lock_path(self.db_path)
        self.heartbeat_seconds = heartbeat_seconds
        self.stale_after = stale_after
        self.owner: LockOwner | None = None
        self._fd: int | None = None
        self._os_locked = False
        self._mutex = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def __enter__(self) -> InstanceLock:
        return self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()

    def is_stale(self, owner: LockOwner, now: dt.datetime | None = None) -> bool:
        """Judged from the content alone (used where OS locks are unavailable)."""
        if owner.on_this_host:
            return not pid_alive(owner.pid)
        age = owner.heartbeat_age(now)
        return age is None or age > self.stale_after

    def acquire(self, *, force: bool = False) -> InstanceLock:
        """Take the lock or raise :class:`AlreadyOpenError` naming the holder.

        *force* takes over a lock held (per its content) by another computer
        whose OS lock we could nevertheless obtain; never one whose OS lock
        is held.
        """
        if self.held:
            return self
        key = str(self.path.resolve())
        with _HELD_MUTEX:
            if key in _HELD_HERE:
                raise AlreadyOpenError(self.db_path, read_owner(self.db_path))
            _HELD_HERE.add(key)
        try:
            return self._acquire(force)
        except BaseException:
            with _HELD_MUTEX:
                _HELD_HERE.discard(key)
            raise

    def _acquire(self, force: bool) -> InstanceLock:
        for _attempt in range(10):
            try:
                fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            except OSError as exc:
                raise LockUnavailableError(
                    f"使用中であることを示すファイルを作成できません（{self.path}）: {exc.strerror or exc}。"
                    "フォルダーが読み取り専用の可能性があります。"
                ) from exc
            got = _try_os_lock(fd)
            if got is False:
                owner = _parse(_read_fd(fd))
                os.close(fd)
                raise AlreadyOpenError(self.db_path, owner)
            if not self._same_file(fd):
                # The previous holder removed the file between our open and our lock.
                if got:
                    _os_unlock(fd)
                os.close(fd)
                continue
            previous = _parse(_read_fd(fd))
            if previous is not None and not force and not self._may_take_over(previous, os_locked=bool(got)):
                if got:
                    _os_unlock(fd)
                os.close(fd)
                raise AlreadyOpenError(self.db_path, previous)
            self._fd = fd
            self._os_locked = bool(got)
            now = _now().isoformat(timespec="seconds")
            self.owner = LockOwner(_host(), _user(), os.getpid(), now, now, _token())
            self._write(self.owner)
            self._start_heartbeat()
            _LIVE.add(self)
            return self
        raise LockUnavailableError(f"使用中であることを示すファイルを確保できません（{self.path}）。")

    def _may_take_over(self, previous: LockOwner, *, os_locked: bool) -> bool:
        if os_locked and previous.on_this_host:
            return True  # the OS lock is free: that process has ended or let go
        return self.is_stale(previous)

    def _same_file(self, fd: int) -> bool:
        try:
            st_path = os.stat(self.path)
        except FileNotFoundError:
            return False
        st_fd = os.fstat(fd)
        return (st_path.st_dev, st_path.st_ino) == (st_fd.st_dev, st_fd.st_ino)

    def _write(self, owner: LockOwner) -> None:
        assert self._fd is not None
        data = json.dumps(asdict(owner), ensure_ascii=False).encode("utf-8")
        # Overwrite in place, padded with JSON whitespace to the old length, and only then
        # cut the tail: a reader never sees an empty file (truncating first left a window
        # in which another instance read "nobody holds it").
        old_size = os.fstat(self._fd).st_size
        os.lseek(self._fd, 0, os.SEEK_SET)
        os.write(self._fd, data.ljust(old_size, b" "))
        if old_size > len(data):
            os.ftruncate(self._fd, len(data))
        os.fsync(self._fd)

    def refresh(self) -> None:
        """Renew the heartbeat (done automatically every ``heartbeat_seconds``)."""
        with self._mutex:
            if self._fd is None or self.owner is None:
                return
            self.owner = LockOwner(**{**asdict(self.owner), "heartbeat": _now().isoformat(timespec="seconds")})
            try:
                self._write(self.owner)
            except OSError:
                pass  # share briefly gone; the OS lock still stands, try again next beat

    def _start_heartbeat(self) -> None:
        if not self.heartbeat_seconds:
            return
        self._stop.clear()

        def beat() -> None:
            while not self._stop.wait(self.heartbeat_seconds):
                self.refresh()

        self._thread = threading.Thread(target=beat, name="plan-lock-heartbeat", daemon=True)
        self._thread.start()

    def release(self) -> None:
        """Give the file up: remove the lock file (if still ours) and drop the OS lock."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None
        with self._mutex:
            fd, self._fd = self._fd, None
            if fd is None:
                return
            unlink_after_close = False
            try:
                current = _parse(_read_fd(fd))
                if self._same_file(fd) and current is not None and self.owner and current.token == self.owner.token:
                    # Unlink while still locked, so a waiter that opened this inode sees it vanish and retries.
                    try:
                        self.path.unlink(missing_ok=True)
                    except PermissionError:
                        unlink_after_close = True  # Windows: open files cannot be removed
            except OSError:
                pass
            finally:
                if self._os_locked:
                    _os_unlock(fd)
                os.close(fd)
                self.owner = None
                with _HELD_MUTEX:
                    _HELD_HERE.discard(str(self.path.resolve()))
            if unlink_after_close:
                try:
                    self.path.unlink(missing_ok=True)
                except OSError:
                    pass


__all__ = ["AlreadyOpenError", "InstanceLock", "LockOwner", "LockUnavailableError", "lock_path", "pid_alive",
           "read_owner"]
