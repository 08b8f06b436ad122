"""Replacing, renaming and removing files the way Windows allows it.

On Windows a file that another program holds open (Excel on a CSV, Acrobat
on a PDF, the antivirus scanning a file just written, another PC on a shared
folder) cannot be replaced, renamed or deleted: the call fails with
``PermissionError`` (WinError 32 "being used by another process", 33, or 5
"access denied"). Such holds are often brief (antivirus, indexer, backup
agents), so every operation here retries for about a second; when the file
stays held it raises :class:`FileInUseError`, whose Japanese message names
the file to close.

Temporaries are written in the target's folder under short names (so they
never push a path past Windows' MAX_PATH when the target itself does not),
closed before they are renamed, and removed on any failure. On Windows, paths
longer than MAX_PATH are passed to the OS in their ``\\\\?\\`` form.

Every rename/replace/unlink of a file in the app goes through this module
(the ``-journal`` beside a database is never touched by anything).
"""

from __future__ import annotations

import errno
import logging
import ntpath
import os
import re
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

log = logging.getLogger(__name__)

# Waits between attempts while another program holds a file (about 1.2 s in all).
RETRY_DELAYS: tuple[float, ...] = (0.05, 0.1, 0.15, 0.2, 0.3, 0.4)
# ERROR_ACCESS_DENIED, ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION, ERROR_USER_MAPPED_FILE
HELD_WINERRORS = frozenset({5, 32, 33, 1224})
# Win32 paths reach MAX_PATH (260 with the terminating NUL) sooner for folders (248: room
# for an 8.3 name); prefix from there on. The prefix is harmless on any absolute path.
LONG_PATH_THRESHOLD = 248
_LONG_PREFIX = "\\\\?\\"
_LONG_UNC_PREFIX = "\\\\?\\UNC\\"

TEMP_PREFIX = "~pd"
TEMP_SUFFIX = ".tmp"
TEMP_NAME = re.compile(re.escape(TEMP_PREFIX) + r"[0-9a-f]{8}" + re.escape(TEMP_SUFFIX) + "$")

_sleep: Callable[[float], None] = time.sleep  # tests replace it: retries never wait there


def on_windows() -> bool:
    """The one place that decides whether Windows rules apply (tests emulate Windows by patching it)."""
    return os.name == "nt"


class FileInUseError(PermissionError):
    """Another program holds the file. ``str()`` is Japanese and names the file to close."""

    def __init__(self, path: str | os.PathLike, action: str):
        path = Path(path)
        message = (
            f"「{path.name}」を{action}できません。他のプログラム（Excel、Acrobat、別のパソコンなど）が"
            f"このファイルを開いているか、変更が許可されていません。そのファイルを閉じてから、もう一度実行してください。"
            f"（場所: {path.parent}）"
        )
        super().__init__(errno.EACCES, message, str(path))
        self.path = path

    def __str__(self) -> str:
        return self.strerror


def _is_held(exc: OSError) -> bool:
    """True when *exc* means "another program has the file" (Windows) or a permission refusal."""
    winerror = getattr(exc, "winerror", None)
    if winerror is not None:
        return winerror in HELD_WINERRORS
    return isinstance(exc, PermissionError)


def extended_path(path: str | os.PathLike, *, windows: bool | None = None) -> str:
    """*path* as the OS should get it: on Windows, long paths in their ``\\\\?\\`` form.

    ``C:\\very\\long\\…`` becomes ``\\\\?\\C:\\very\\long\\…`` and
    ``\\\\server\\share\\…`` becomes ``\\\\?\\UNC\\server\\share\\…`` once the full
    path reaches :data:`LONG_PATH_THRESHOLD` characters, so the Win32 calls
    accept it without the LongPathsEnabled policy. Short paths and every path
    elsewhere are returned unchanged.
    """
    text = os.fspath(path)
    if not (on_windows() if windows is None else windows) or text.startswith(_LONG_PREFIX):
        return text
    # (ntpath.abspath would mix in the POSIX working folder where Windows is only emulated)
    full = ntpath.abspath(text) if os.name == "nt" else ntpath.normpath(text)
    if len(full) < LONG_PATH_THRESHOLD or not ntpath.isabs(full):
        return text
    if full.startswith("\\\\"):
        return _LONG_UNC_PREFIX + full[2:]
    return _LONG_PREFIX + full


def exists(path: str | os.PathLike) -> bool:
    """``os.path.lexists`` for paths of any length."""
    return os.path.lexists(extended_path(path))


def stat(path: str | os.PathLike) -> os.stat_result:
    return os.stat(extended_path(path))


def entries(folder: str | os.PathLike) -> list[tuple[Path, os.DirEntry]]:
    """The files and folders in *folder* as ``(path, entry)``; ``entry.stat()`` works however long the path
    (on Windows it comes from the directory listing itself). Empty when *folder* is missing."""
    folder = Path(folder)
    try:
        with os.scandir(extended_path(folder)) as it:
            return [(folder / e.name, e) for e in it]
    except (FileNotFoundError, NotADirectoryError):
        return []


def _retrying(action: str, shown: Path, op: Callable[[], None]) -> None:
    last: OSError | None = None
    for delay in (*RETRY_DELAYS, None):
        try:
            op()
            return
        except OSError as exc:
            if not _is_held(exc):
                raise
            last = exc
            if delay is None:
                break
            _sleep(delay)
    assert last is not None
    if getattr(last, "winerror", None) is not None:
        raise FileInUseError(shown, action) from last
    raise last


def replace(src: str | os.PathLike, dst: str | os.PathLike) -> None:
    """``os.replace`` that waits briefly for a held *dst* and then names it in a FileInUseError."""
    s, d = extended_path(src), extended_path(dst)
    _retrying("上書き", Path(dst), lambda: os.replace(s, d))


def rename(src: str | os.PathLike, dst: str | os.PathLike) -> None:
    """``os.rename`` (never overwrites on Windows) that waits briefly for a held *src*."""
    s, d = extended_path(src), extended_path(dst)
    _retrying("移動（名前の変更）", Path(src), lambda: os.rename(s, d))


def remove(path: str | os.PathLike, *, missing_ok: bool = True) -> None:
    """Delete *path*, waiting briefly while another program holds it."""
    p = extended_path(path)

    def op() -> None:
        try:
            os.unlink(p)
        except FileNotFoundError:
            if not missing_ok:
                raise

    _retrying("削除", Path(path), op)


def discard(path: str | os.PathLike | None) -> None:
    """Remove a temporary of ours if it exists; never raises (logged when it stays behind)."""
    if path is None:
        return
    try:
        remove(path)
    except OSError as exc:
        log.warning("temporary file %s could not be removed: %s", path, exc)


def temp_path(target: str | os.PathLike) -> Path:
    """A fresh, short temporary name in *target*'s folder (``~pd1a2b3c4d.tmp``).

    Short so that it never makes a path longer than the target's own (within a
    few characters); in the same folder so that the final rename is atomic.
    """
    folder = Path(target).parent
    while True:
        # os.urandom(4).hex() is secrets.token_hex(4), without loading secrets (hmac, hashlib: ~4 ms)
        # into the window's start on the day's first open (its backup's copy is written then)
        candidate = folder / f"{TEMP_PREFIX}{os.urandom(4).hex()}{TEMP_SUFFIX}"
        if not exists(candidate):
            return candidate


def _write_new(path: Path, data: bytes, *, fsync: bool) -> None:
    with open(extended_path(path), "xb") as f:
        f.write(data)
        f.flush()
        if fsync:
            os.fsync(f.fileno())


@contextmanager
def replacing(target: str | os.PathLike) -> Iterator[Path]:
    """Write *target* through a temporary: ``with replacing(path) as tmp: write(tmp)``.

    The body writes (and closes!) *tmp*; on success it replaces *target*,
    on any failure it is removed and *target* is left as it was.
    """
    tmp = temp_path(target)
    try:
        yield tmp
        replace(tmp, target)
    except BaseException:
        discard(tmp)
        raise


def write_bytes(target: str | os.PathLike, data: bytes, *, fsync: bool = True) -> None:
    """Atomically put *data* at *target*: a half-written file never replaces a good one."""
    with replacing(target) as tmp:
        _write_new(tmp, data, fsync=fsync)


def write_text(target: str | os.PathLike, text: str, *, encoding: str = "utf-8") -> None:
    write_bytes(target, text.encode(encoding))


def write_files(payloads: Mapping[Path, bytes], *, fsync: bool = True) -> list[Path]:
    """Write several files all-or-nothing; returns the targets in order.

    All temporaries are written first; then each existing target is moved
    aside and replaced. When any step fails (a third file open in Excel),
    the files already replaced get their old content back, new ones are
    removed, and the error (naming the held file) is raised.
    """
    temps: dict[Path, Path] = {}
    try:
        for target, data in payloads.items():
            tmp = temp_path(target)
            temps[Path(target)] = tmp
            _write_new(tmp, data, fsync=fsync)
    except BaseException:
        for tmp in temps.values():
            discard(tmp)
        raise
    done: list[tuple[Path, Path | None]] = []  # (target, its old content moved aside, or None if new)
    try:
        for target, tmp in temps.items():
            aside = None
            if exists(target):
                aside = temp_path(target)
                rename(target, aside)
            try:
                replace(tmp, target)
            except BaseException:
                if aside is not None:
                    _restore(aside, target)
                raise
            done.append((target, aside))
    except BaseException:
        for target, aside in reversed(done):
            if aside is None:
                discard(target)
            else:
                _restore(aside, target)
        for tmp in temps.values():
            discard(tmp)
        raise
    for _target, aside in done:
        discard(aside)
    return list(temps)


def _restore(aside: Path, target: Path) -> None:
    try:
        replace(aside, target)
    except OSError as exc:  # the old content stays in *aside*: say where
        log.error("could not put %s back from %s: %s", target, aside, exc)


__all__ = ["FileInUseError", "discard", "entries", "exists", "extended_path", "on_windows", "remove", "rename", "replace",
           "replacing", "stat", "temp_path", "write_bytes", "write_files", "write_text"]
