"""Japanese line breaking for report paragraphs, after JIS X 4051.

reportlab's CJK wrapping lets a character that may not start a line hang
past the right edge (so 、。） and small kana cross the cell rule), never
checks characters that may not end a line (「（〔), and splits Latin words
anywhere. :func:`break_glyphs` replaces it: a line is never wider than its
measure; when the natural break point is forbidden, characters are pushed to
the next line (追い出し) until the break is allowed; Latin words and numbers
stay whole unless a single word is wider than the line; a line made by an
automatic break does not start with a space.

With ``words_only`` (names such as 「生活環境部 コミュニティ推進課」, phase
labels such as 「検証・策定」) a line breaks only at spaces and after 、・ so a
name is never cut inside, unless one name alone is longer than the line.
"""

from __future__ import annotations

from collections.abc import Sequence

# JIS X 4051 classes that may not start a line: closing brackets (cl-02),
# hyphens (cl-03), dividing punctuation (cl-04), middle dots (cl-05), full
# stops (cl-06), iteration marks and the prolonged sound mark (cl-09/10),
# small kana (cl-11), plus units written after numbers.
CANNOT_START = frozenset(
    "）〕］｝〉》」』】〙〗｠»”’)]}›"
    "‐゠–〜～"
    "？！‼⁇⁈⁉?!"
    "・：；:;"
    "。．、，.,"
    "ヽヾゝゞ々〻ー"
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ"
    "ｧｨｩｪｫｯｬｭｮｰ｡､｣･"
    "%％℃°′″‰"
)
# Opening brackets (cl-01) and prefixes that may not end a line.
CANNOT_END = frozenset("（〔［｛〈《「『【〘〖｟«“‘([{‹｢")
# Pairs that are never separated (cl-08): ……, ‥‥, ――.
INSEPARABLE = frozenset("…‥―")
# Where a name may break in words_only mode (besides spaces).
_NAME_BREAK_AFTER = frozenset("、，,・")
_SPACES = frozenset(" \u3000")  # break opportunities; NBSP is not one (it is kept on purpose)


def _is_word(ch: str) -> bool:
    """Part of a Latin word or a number: kept together like a word."""
    return bool(ch) and ord(ch) < 0x2E80 and not ch.isspace() and ch not in "\u00a0"


def break_allowed(prev: str, nxt: str, *, words_only: bool = False) -> bool:
    """May a line end after *prev* with *nxt* starting the next one?"""
    if nxt in _SPACES or prev in _SPACES:
        return True
    if nxt in CANNOT_START or prev in CANNOT_END:
        return False
    if prev == nxt and prev in INSEPARABLE:
        return False
    if words_only:
        return prev in _NAME_BREAK_AFTER
    if _is_word(prev) and _is_word(nxt):
        return False
    return True


def break_point(chars: Sequence[str], start: int, end: int, *, words_only: bool = False) -> int:
    """Where to break a line that runs from *start* and overflows at *end* (the first glyph that
    does not fit): the latest allowed break at or before *end*; *end* itself when none is."""
    for k in range(end, start, -1):
        if break_allowed(chars[k - 1], chars[k], words_only=words_only):
            return k
    if words_only:  # one name longer than the line: break it where Japanese allows
        return break_point(chars, start, end)
    return end


def break_glyphs(glyphs: Sequence, widths: Sequence[float], max_widths: Sequence[float], *,
                 is_line_break=lambda i: False, words_only: bool = False,
                 fuzz: float = 1e-6) -> list[tuple[int, int, bool]]:
    """Lines as (start, end, explicit) index ranges over *glyphs* (one character each).

    *explicit* is True when the line ends at a forced break (``<br/>``), whose
    glyph is included in the range.
    """
    lines: list[tuple[int, int, bool]] = []
    n = len(glyphs)
    start = 0
    while start < n:
        max_w = max_widths[min(len(lines), len(max_widths) - 1)]
        used = 0.0
        i = start
        overflow = False
        while i < n:
            if is_line_break(i):
                break
            used += widths[i]
            if used > max_w + fuzz and i > start:
                overflow = True
                break
            i += 1
        if i < n and not overflow:  # forced break: the <br/> glyph ends this line
            lines.append((start, i + 1, True))
            start = i + 1
            continue
        if not overflow:
            lines.append((start, n, False))
            break
        b = break_point(glyphs, start, i, words_only=words_only)
        end = b
        while end > start + 1 and glyphs[end - 1] == " ":  # no trailing spaces counted in the line
            end -= 1
        lines.append((start, end, False))
        while b < n and glyphs[b] == " " and not is_line_break(b):  # nor leading ones on the next
            b += 1
        start = b
    return lines
