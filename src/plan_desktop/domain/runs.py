"""Runs: where a sequence of yes/no answers says yes several times in a row. Pure."""

from __future__ import annotations

from collections.abc import Iterable


def runs(flags: Iterable[bool]) -> list[tuple[int, int]]:
    """(start, end) of every longest stretch of true *flags*, in order (*end* excluded)."""
    out: list[tuple[int, int]] = []
    start = -1
    i = -1
    for i, flag in enumerate(flags):
        if flag and start < 0:
            start = i
        elif not flag and start >= 0:
            out.append((start, i))
            start = -1
    if start >= 0:
        out.append((start, i + 1))
    return out
