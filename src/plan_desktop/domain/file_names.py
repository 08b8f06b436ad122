"""File names the app suggests, made from what people type (plan titles, departments, districts).

Windows refuses or silently changes many names: the device names (CON, PRN,
AUX, NUL, COM1-9, LPT1-9, with any extension: ``aux.txt`` is the device too),
``\\ / : * ? " < > |``, control characters, and trailing dots and spaces
(dropped without a word, so ``計画.`` and ``計画`` collide). A very long
name also pushes the whole path past MAX_PATH. :func:`safe_file_name` turns
any text into a name that works, keeping the extension.
"""

from __future__ import annotations

import re
import unicodedata

MAX_NAME_LENGTH = 100  # characters, extension included: room for the folder within Windows' MAX_PATH
_SUPERSCRIPT_DIGITS = "¹²³"  # COM¹ and LPT¹ are device names too
RESERVED_NAMES = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
    | {f"{dev}{n}" for dev in ("COM", "LPT") for n in "123456789" + _SUPERSCRIPT_DIGITS}
)
_FORBIDDEN = re.compile(r'[\\/:*?"<>|\s]+')
_EXTENSION = re.compile(r"\.[A-Za-z0-9]{1,5}$")


def _clean(text: str) -> str:
    # Control and format characters (a right-to-left override can disguise "fdp.exe") become separators.
    text = "".join("_" if unicodedata.category(ch) in ("Cc", "Cf", "Cs") else ch for ch in text)
    text = _FORBIDDEN.sub("_", text)
    return re.sub(r"_{2,}", "_", text)


def _not_reserved(stem: str) -> str:
    """``CON`` -> ``CON_``, ``aux.tar`` -> ``aux_.tar``: Windows only looks at the part before the first dot."""
    first, dot, rest = stem.partition(".")
    if first.rstrip(" ").upper() in RESERVED_NAMES:
        return f"{first}_{dot}{rest}"
    return stem


def safe_file_name(name: str, *, default: str = "plan", max_length: int = MAX_NAME_LENGTH) -> str:
    """A file name Windows (and every other system) accepts, as close to *name* as possible.

    A short extension (``.pdf``, ``.xlsx``) is kept as it is; the rest loses
    forbidden and control characters (each run becomes ``_``), leading and
    trailing dots, spaces and ``_``, device names, and whatever passes
    *max_length*. An empty result becomes *default* (with the extension).
    """
    name = unicodedata.normalize("NFC", name)
    match = _EXTENSION.search(name)
    extension = match.group(0) if match else ""
    stem = _clean(name[: len(name) - len(extension)]).strip(" ._")
    room = max(1, max_length - len(extension))
    stem = stem[:room].rstrip(" ._") or default
    return _not_reserved(stem) + extension


__all__ = ["MAX_NAME_LENGTH", "RESERVED_NAMES", "safe_file_name"]
