"""The one way a plan file's path becomes the URI SQLite opens.

``Path.as_uri()`` is not it: on Windows it turns ``\\\\server\\share\\plan.sqlite``
(shared folders, and mapped drives, which ``resolve()`` turns into UNC paths)
into ``file://server/share/plan.sqlite``, and SQLite refuses a URI authority
other than ``localhost`` ("invalid uri authority"). SQLite wants

* drive letters as ``file:///C:/Users/…`` (it drops the ``/`` before ``C:``),
* UNC paths with an empty authority: ``file:////server/share/…``,
* paths whose ``-journal`` would pass MAX_PATH (260) in their ``\\\\?\\`` form,
  opened through the ``win32-longpath`` VFS (as SQLite's own
  ``test/win32longpath.test`` does),

and every ``%``, ``?``, ``#``, space and non-ASCII character percent-encoded
(UTF-8). Pure functions of a :class:`~pathlib.PurePath`: Windows rules for a
``PureWindowsPath`` (so they are tested on any OS), POSIX rules otherwise.
"""

from __future__ import annotations

from pathlib import PurePath, PureWindowsPath
from urllib.parse import quote

MODES = ("ro", "rw", "rwc")
WINDOWS_MAX_PATH = 260  # characters, including the terminating NUL
# SQLite opens "<file>-journal" beside the database; that name must fit as well.
_JOURNAL = "-journal"
LONG_PATH_VFS = "win32-longpath"
_VERBATIM = "\\\\?\\"
_VERBATIM_UNC = "\\\\?\\UNC\\"


def _encode(text: str, safe: str = "/:") -> str:
    return quote(text, safe=safe, encoding="utf-8", errors="strict")


def _plain_windows(text: str) -> str:
    """``\\\\?\\C:\\x`` -> ``C:\\x``; ``\\\\?\\UNC\\srv\\share`` -> ``\\\\srv\\share``; others unchanged."""
    if text.startswith(_VERBATIM_UNC):
        return "\\\\" + text[len(_VERBATIM_UNC):]
    if text.startswith(_VERBATIM):
        return text[len(_VERBATIM):]
    return text


def _verbatim_windows(text: str) -> str:
    if text.startswith("\\\\"):
        return _VERBATIM_UNC + text[2:]
    return _VERBATIM + text


def needs_long_path(path: PurePath) -> bool:
    """True for a Windows path whose ``-journal`` companion would not fit in MAX_PATH."""
    if not isinstance(path, PureWindowsPath):
        return False
    return len(_plain_windows(str(path))) + len(_JOURNAL) >= WINDOWS_MAX_PATH


def sqlite_uri(path: PurePath, *, mode: str = "ro") -> str:
    """The ``file:`` URI that opens the absolute *path* in *mode* (``ro``, ``rw`` or ``rwc``)."""
    if mode not in MODES:
        raise ValueError(f"unknown SQLite open mode {mode!r}")
    if not path.is_absolute():
        raise ValueError(f"an absolute path is needed for a SQLite URI: {path}")
    query = f"mode={mode}"
    if isinstance(path, PureWindowsPath):
        plain = _plain_windows(str(path))
        if needs_long_path(path):
            # No authority: everything after "file:" is the (percent-decoded) path, backslashes and all.
            return f"file:{_encode(_verbatim_windows(plain), safe=':')}?{query}&vfs={LONG_PATH_VFS}"
        slashed = plain.replace("\\", "/")
        if slashed.startswith("//"):  # UNC: //server/share/... after an empty authority
            return f"file://{_encode(slashed)}?{query}"
        return f"file:///{_encode(slashed)}?{query}"  # C:/...
    return f"file://{_encode(str(path))}?{query}"


__all__ = ["LONG_PATH_VFS", "needs_long_path", "sqlite_uri"]
