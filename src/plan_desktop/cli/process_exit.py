"""How a command-line process ends: for most commands as usual (``sys.exit``);
for a command that asked for it (:func:`skip_teardown`), without the
interpreter's teardown.

A print leaves reportlab, the plan and the font's tables in memory; freeing
them one by one at exit (the last garbage collection, then every module's
objects) costs about a tenth of ``print sheets`` (measured: 60-90 ms of
0.8-0.9 s on the bundled plan), and the operating system frees the memory
anyway. :func:`exit_process` then runs the ``atexit`` functions (lock files,
logging, and PySide's, which shuts Qt down: widgets, the clipboard handed to
the system), flushes standard output and error and ends the process at once.
The window's process ends the same way once the window has closed.
Only the process entry points call it (``python -m plan_desktop``, the
installed scripts, the packaged launcher); :func:`.dispatch.main` called in a
test or another program returns as always.
"""

from __future__ import annotations

import atexit
import os
import sys
from typing import NoReturn

__all__ = ["exit_process", "skip_teardown", "teardown_skipped"]

_skip = False


def skip_teardown() -> None:
    """Let :func:`exit_process` end this process without the interpreter's teardown."""
    global _skip
    _skip = True


def teardown_skipped() -> bool:
    """Whether a command asked for :func:`skip_teardown`."""
    return _skip


def exit_process(code: int | None) -> NoReturn:
    """End the process with *code*; at once if a command asked for it (see the module)."""
    if not _skip:
        sys.exit(code)
    status = 0 if code is None else int(code)
    atexit._run_exitfuncs()  # what a normal exit runs first (lock files, logging)
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):
            # as Python's own exit does when standard output cannot be written (a closed pipe)
            status = status or 120
    os._exit(status)


def run() -> NoReturn:
    """The process entry point: :func:`.dispatch.main`, then :func:`exit_process`."""
    from .dispatch import main, window_closed

    code = main()
    if window_closed():
        # Qt itself is shut down by PySide's atexit function, the lock file released by ours;
        # freeing the modules and objects one by one (~0.1 s) would only make closing slower.
        skip_teardown()
    exit_process(code)
