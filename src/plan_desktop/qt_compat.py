"""Work-arounds for the pinned Qt binding, applied once before any Qt use.

PySide6 6.12.0 on CPython < 3.12: every call of a C++ function returning
``void`` (``setText``, ``update``, ``fillRect`` …) drops one reference to
``None`` it never took, and every ``Signal.emit`` does the same to ``True``.
After a few thousand calls the count reaches zero and the interpreter aborts
with "none_dealloc" — any real session hits it within minutes. PySide6 6.11
and CPython 3.12+ (immortal singletons) are not affected, but 6.12 is the
first release with the small PySide6-Pdf wheel we depend on (the 6.11 QtPdf
comes only inside the 440 MB Addons wheel with WebEngine). Giving the three
singletons a huge reference count makes the drift harmless, which is what
CPython 3.12 does by design.
"""

from __future__ import annotations

import sys

_applied = False


def needs_singleton_shield(pyside_version: str, python: tuple[int, int]) -> bool:
    return python < (3, 12) and pyside_version.startswith("6.12.")


def shield_singletons() -> bool:
    """Apply the work-around if this binding needs it; True when applied (idempotent)."""
    global _applied
    if _applied:
        return True
    import PySide6

    if not needs_singleton_shield(PySide6.__version__, sys.version_info[:2]):
        return False
    import ctypes

    for singleton in (None, True, False):
        ctypes.c_ssize_t.from_address(id(singleton)).value += 1 << 60
    _applied = True
    return True
