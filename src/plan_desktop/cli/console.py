"""Console output that never fails because the console cannot show a character.

A Japanese Windows console or a redirected ``> log.txt`` encodes in cp932,
which has no code for many characters of names people type (𠮷, 髙 in some
forms, emoji, the WAVE DASH variants). Printing such a name after the work is
done (``書き出しました: 𠮷田.json``) would end the command with
UnicodeEncodeError and exit 1 although the file was written. So the command
line's standard streams keep their encoding and replace what it cannot encode
(``\\U00020bb7``) instead of raising.
"""

from __future__ import annotations

import io
import sys

ERRORS = "backslashreplace"


def make_console_safe() -> None:
    """Reconfigure ``sys.stdout`` and ``sys.stderr`` (where they are text streams) not to fail on any character.

    The windowed executable has no streams at all (``None``): nothing to do there.
    """
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name, None)
        if isinstance(stream, io.TextIOWrapper) and stream.errors == "strict":
            stream.reconfigure(errors=ERRORS)
