"""Short excerpts of two texts that show where they differ (previews of imports).

A preview line has room for about forty characters per side. Cutting both
texts at forty characters hides an edit at the end of a long text (both
sides read the same); :func:`excerpts` cuts both around the place the texts
differ instead, with … where something was left out.
"""

from __future__ import annotations


def _flat(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\n", "⏎")


def excerpts(before: str, after: str, width: int = 40, context: int = 12) -> tuple[str, str]:
    """(before, after) shortened to about *width* characters each: both start a little before the
    first difference (the same place in both) and end a little after the last one."""
    a, b = _flat(before), _flat(after)
    if len(a) <= width and len(b) <= width:
        return a, b
    context = min(context, width // 3)  # a narrow excerpt still reaches the difference
    start = 0
    while start < len(a) and start < len(b) and a[start] == b[start]:
        start += 1
    end_a, end_b = len(a), len(b)
    while end_a > start and end_b > start and a[end_a - 1] == b[end_b - 1]:
        end_a -= 1
        end_b -= 1
    hi_a, hi_b = min(len(a), end_a + context), min(len(b), end_b + context)
    # Start *context* characters before the difference, or earlier when the rest is short,
    # so that the excerpt uses its room; never past the difference.
    lo = max(0, min(start - context, max(hi_a, hi_b) - width))
    return _window(a, lo, hi_a, width), _window(b, lo, hi_b, width)


def _window(text: str, lo: int, hi: int, width: int) -> str:
    hi = min(len(text), max(hi, lo + 1), lo + width)
    return ("…" if lo > 0 else "") + text[lo:hi] + ("…" if hi < len(text) else "")
