"""What a window does for the file it is about to open while its own modules still load."""

from __future__ import annotations

import os
from pathlib import Path

_checked_after_first_frame: set[str] = set()


def _key(path: Path) -> str:
    return os.path.normcase(os.path.abspath(path))


def prepare_to_open(path: Path) -> None:
    """The window opening *path* at start-up runs the open's integrity check after its first frame
    (storage/deferred_check.py; ``MainWindow`` starts it through
    ``PlanDocument.check_file_in_background``) instead of waiting for it before that frame."""
    _checked_after_first_frame.add(_key(Path(path)))


def check_after_first_frame(path: Path) -> bool:
    """Whether the open of *path* may leave its integrity check for after the first frame (asked once:
    a later open of the same file, File → Open in a running window, checks at open as before)."""
    key = _key(Path(path))
    if key in _checked_after_first_frame:
        _checked_after_first_frame.discard(key)
        return True
    return False
