"""Python's cyclic garbage collector while a window starts: paused until its first frame.

Start-up makes a few hundred thousand objects that all stay (modules, Qt's
Python wrappers, the plan's measures) and hardly any garbage in reference
cycles. With the collector on, every 700 new objects set off a young
collection, and everything read from the file is traversed twice on its way to
the old generation (measured at 2,000 measures: ~100 collections, ~50 ms of
the start-up, 30 ms of it right after the plan is read). Reference counting
frees other garbage as always.

:func:`pause` stops it where the window's start-up begins;
:func:`resume` with ``freeze=True`` after the first frame moves everything
alive then into the permanent generation (``gc.freeze``: never traversed
again, as a print does in ``cli/print_commands.py``) and starts it again for
what comes after; :func:`freeze_alive` freezes again once the document's deferred parts
are read (and as their read starts, for windows not started through ``run_gui``), so
that no full collection over the plan lands inside a search keystroke. Closing a
document (:func:`thaw`) hands the frozen objects
back to the collector, so that a document closed in a running window (File →
Open) is collected once it is garbage: the freeze at the end of the next document's read
collects first, everything, frozen or not (the steps before may have frozen the closed
document again while something of the window still held it), or it would stay frozen for
good (~50 MB a file opened at 2,000 measures).
"""

from __future__ import annotations

import gc

_paused = False
_froze = False
_thawed = False  # thaw() handed frozen objects back since the last freeze: collect before freezing


def pause() -> None:
    """Stop the cyclic collector until :func:`resume` (nothing when it is already off)."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume(*, freeze: bool = False) -> None:
    """Start the collector again when :func:`pause` stopped it; *freeze*: freeze everything alive
    first (only when nothing is frozen yet: never what someone else froze)."""
    global _paused, _froze
    if not _paused:
        return
    if freeze and gc.get_freeze_count() == 0:
        gc.freeze()
        _froze = True
    _paused = False
    gc.enable()


def freeze_alive(*, read_done: bool = False) -> None:
    """Freeze everything alive now, again: what a window's first frame needed and what the
    document read after it (its deferred parts) stays until the document closes, and a full
    collection over it (60-130 ms at 2,000 measures) would land inside a keystroke. What
    comes later is collected as always; :func:`thaw` hands it all back. *read_done*: the
    document's deferred parts are all read; when a document was closed since the last such
    freeze, everything is collected first (once, in idle time after a file was opened)."""
    global _froze, _thawed
    if _thawed and read_done:
        _thawed = False
        gc.unfreeze()
        gc.collect()
    gc.freeze()
    _froze = True


def thaw() -> None:
    """Let the collector traverse again what :func:`resume` froze (nothing when it froze nothing)."""
    global _froze, _thawed
    if _froze:
        _froze = False
        _thawed = True
        gc.unfreeze()
