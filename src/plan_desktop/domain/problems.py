"""What every validation rule returns: a :class:`Problem` naming where and what, in Japanese.

The primitives shared by :mod:`.validation` (whole plans and measures) and
:mod:`.evaluation` (evaluation fields and rating scales).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class ValidationError(ValueError):
    """Raised by writers that refuse invalid data; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def text_problem(value: object, path: str, *, required: bool = False, label: str = "") -> Problem | None:
    """Check that *value* is storable text (and non-blank when *required*)."""
    name = label or path
    if not isinstance(value, str):
        return Problem(path, f"{name}は文字列でなければなりません")
    if required and not value.strip():
        return Problem(path, f"{name}が空です")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return Problem(path, f"{name}に保存できない文字（不正なサロゲート）が含まれています")
    return None
