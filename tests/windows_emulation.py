"""Emulating what Windows does, for tests that run on Linux (imported as a plain module).

* :func:`sharing_violation`: the ``PermissionError`` Windows raises (WinError 32)
  when another program (Excel, Acrobat, the antivirus) holds a file open.
* :class:`HeldFiles`: patch ``os.replace``/``os.rename``/``os.unlink`` so that
  operations touching given files fail like that, a given number of times or
  for good.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from plan_desktop import fileops

WINERROR_SHARING_VIOLATION = 32


def sharing_violation(path: str | os.PathLike, winerror: int = WINERROR_SHARING_VIOLATION) -> PermissionError:
    exc = PermissionError(errno.EACCES, "プロセスはファイルにアクセスできません。別のプロセスが使用中です。", str(path))
    exc.winerror = winerror  # what Windows sets; the attribute is missing on POSIX
    return exc


class HeldFiles:
    """Files "held by another program": replacing, renaming or deleting them fails.

    ``held.hold(path)`` holds *path* for good; ``held.hold(path, times=2)`` releases
    it after two refused attempts (an antivirus scan). ``held.calls`` records every
    patched call as ``(name, *paths)``.
    """

    def __init__(self, monkeypatch: pytest.MonkeyPatch, winerror: int = WINERROR_SHARING_VIOLATION):
        self.winerror = winerror
        self._left: dict[str, float] = {}
        self.calls: list[tuple[str, ...]] = []
        self.refused = 0
        for name in ("replace", "rename", "unlink", "remove"):
            real = getattr(os, name)
            monkeypatch.setattr(os, name, self._wrap(name, real))
        monkeypatch.setattr(fileops, "_sleep", lambda _s: None)

    @staticmethod
    def _key(path: str | os.PathLike) -> str:
        return os.path.abspath(os.fspath(path))

    def hold(self, path: str | os.PathLike, *, times: float = float("inf")) -> None:
        self._left[self._key(path)] = times

    def release(self, path: str | os.PathLike) -> None:
        self._left.pop(self._key(path), None)

    def _wrap(self, name, real):
        def patched(*paths, **kw):
            self.calls.append((name, *map(os.fspath, paths)))
            for p in paths:
                key = self._key(p)
                if self._left.get(key, 0) > 0:
                    self._left[key] -= 1
                    self.refused += 1
                    raise sharing_violation(p, self.winerror)
            return real(*paths, **kw)

        return patched


@pytest.fixture
def held_files(monkeypatch) -> HeldFiles:
    return HeldFiles(monkeypatch)


def listing(folder: Path) -> dict[str, bytes]:
    """Every file in *folder* (recursively) with its bytes: to assert "nothing changed, nothing left"."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
