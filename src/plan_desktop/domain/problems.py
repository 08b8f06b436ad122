"""What every validation rule returns: a :class:`Problem` naming where and what, in Japanese.

The primitives shared by :mod:`.validation` (whole plans and measures) and
:mod:`.evaluation` (evaluation fields and rating scales).
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with what was typed or read: where (a field path, "" for the whole) and what, in Japanese."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class ValidationError(ValueError):
    """Raised by writers that refuse invalid data; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


#: The most characters one text field may hold (about five printed pages): a 10 MB field made
#: printing one measure take minutes and hundreds of MB.
MAX_TEXT = 10_000
#: Names and titles: one line on a sheet.
MAX_NAME = 500
# C0 controls other than tab, line feed and carriage return, and DEL: never typed, and an
# xlsx cell cannot hold them (a round trip would report a change nobody made).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def control_character(value: str) -> str | None:
    """The first character of *value* that text fields must not hold, or None."""
    m = _CONTROL.search(value)
    return m.group() if m else None


def text_problem(value: object, path: str, *, required: bool = False, label: str = "",
                 limit: int = MAX_TEXT) -> Problem | None:
    """Check that *value* is storable text: a string without control characters, at most *limit*
    characters (and non-blank when *required*)."""
    name = label or path
    if not isinstance(value, str):
        return Problem(path, f"{name}は文字列でなければなりません")
    if required and not value.strip():
        return Problem(path, f"{name}が空です")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return Problem(path, f"{name}に保存できない文字（不正なサロゲート）が含まれています")
    bad = control_character(value)
    if bad is not None:
        return Problem(path, f"{name}に使えない制御文字（U+{ord(bad):04X}）が含まれています")
    if len(value) > limit:
        return Problem(path, f"{name}が長すぎます（{len(value):,}文字。{limit:,}文字までにしてください）")
    return None
