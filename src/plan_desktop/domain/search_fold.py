"""Search terms matched in raw text as if it were folded (``text.fold``), without folding it.

Folding every searchable text of a big plan (NFKC, case-folding, hiragana
read as katakana) goes character by character and took ~0.1 s at 2,000
measures, paid by the first keystroke. Nearly every character of a Japanese
plan is *plain*: it folds on its own to one character (kanji, kana, ASCII,
full-width ASCII, half-width katakana, common CJK punctuation) and never
composes with a neighbour under NFKC. For a text of plain characters,
``fold(text)`` is the text with each character replaced by its own fold, so
``term in fold(text)`` is a search in the raw text where each character of
the term stands for the class of plain characters that fold to it (コ for
[コこｺ], n for [nNｎＮ]). A few characters that fold to several (№ → no,
… → ...) are spelled out first; a text with any other character is folded
as before, except for the kana step, which the classes cover.

:func:`searchable` prepares a text once, :func:`term_matcher` tests a folded
term against it, and :func:`fold_fast` is ``fold`` with the plain shortcut
(for queries and the highlighting of matches).
"""

from __future__ import annotations

import importlib
import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

from .runs import runs
from .text import fold, nfkc

# Characters that fold to themselves alone (besides those in _simple()).
# tests/domain/test_search_fold.py checks every one against fold().
_PLAIN_RANGES: tuple[tuple[int, int], ...] = (
    (0x00, 0x7F),  # ASCII (upper case: see _simple)
    (0xA7, 0xA7), (0xB0, 0xB1), (0xB6, 0xB6), (0xD7, 0xD7), (0xF7, 0xF7),  # § ° ± ¶ × ÷
    (0x2010, 0x2010), (0x2013, 0x2015), (0x2018, 0x2019), (0x201C, 0x201D), (0x2020, 0x2022), (0x203B, 0x203B),
    (0x2190, 0x2199), (0x21D2, 0x21D2), (0x21D4, 0x21D4),  # arrows
    (0x2460, 0x2468),  # ①..⑨
    (0x25A0, 0x25FF), (0x2605, 0x2606),  # ■□▲△◆◇○●◎ ★☆
    (0x3000, 0x3003), (0x3005, 0x3007), (0x3008, 0x301F),  # ideographic space, 、。〃, 々〆〇, brackets, 〜
    (0x3041, 0x3096), (0x309D, 0x309E),  # hiragana
    (0x30A1, 0x30FE),  # katakana, ・ ー
    (0x3400, 0x4DBF), (0x4E00, 0x9FFF),  # kanji
    (0xFF01, 0xFF5E),  # full-width ASCII
    (0xFF61, 0xFF9D),  # half-width punctuation and katakana (not the sound marks ﾞﾟ)
)

# Characters whose fold is several characters, spelled out before matching
# (their NFKC; checked by the tests).
EXPANSIONS: dict[str, str] = {
    "№": "No", "…": "...", "‥": "..", "℡": "TEL", "℃": "°C",
    "㈱": "(株)", "㈲": "(有)", "㈹": "(代)",
    "㍻": "平成", "㍼": "昭和", "㍽": "大正", "㍾": "明治", "㋿": "令和",
    "㎡": "m2", "㎥": "m3", "㌔": "キロ", "㌢": "センチ", "㍍": "メートル", "㌘": "グラム", "㌧": "トン", "㌦": "ドル",
    "㌫": "パーセント",
    **{chr(0x2469 + i): str(10 + i) for i in range(11)},  # ⑩..⑳
}


@lru_cache(maxsize=1)
def _simple() -> dict[str, str]:
    """fold() of each plain character that does not fold to itself (~350 entries, built in well under 1 ms)."""
    out: dict[str, str] = {chr(c): chr(c + 32) for c in range(ord("A"), ord("Z") + 1)}
    out["\u3000"] = " "
    out.update({chr(c): chr(c + 0x60) for c in range(0x3041, 0x3097)})
    out.update({"\u309d": "\u30fd", "\u309e": "\u30fe"})
    out.update({chr(0x2460 + i): str(i + 1) for i in range(9)})
    out.update({chr(c): chr(c - 0xFEE0).lower() for c in range(0xFF01, 0xFF5F)})
    out.update({chr(c): unicodedata.normalize("NFKC", chr(c)) for c in range(0xFF61, 0xFF9E)})
    return out


@lru_cache(maxsize=1)
def _inverse() -> dict[str, str]:
    """Folded character -> the other plain characters that fold to it."""
    inv: dict[str, str] = {}
    for ch, f in _simple().items():
        inv[f] = inv.get(f, "") + ch
    return inv


def _not_plain_pattern() -> str:
    cls = "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in _PLAIN_RANGES)
    return f"[^{cls}]"


@lru_cache(maxsize=1)
def _not_plain() -> re.Pattern[str]:
    """The characters that are not plain: from the code ``re`` made for it (not_plain_code), given to
    the engine as it is, when made for this engine and this pattern; else compiled (~3-4 ms)."""
    from . import not_plain_code as kept  # only when first needed: not on the way to the window's first frame

    pattern = _not_plain_pattern()
    engine = importlib.import_module("_sre")
    if kept.MAGIC == engine.MAGIC and kept.PATTERN == pattern:
        # As re._compiler.compile() gives it: no groups but the whole match, no named ones.
        return engine.compile(pattern, kept.FLAGS, list(kept.CODE), 0, {}, (None,))
    return re.compile(pattern)


def _spelled_out(text: str) -> str | None:
    """*text* with its EXPANSIONS spelled out when every other character is plain, else None.

    One scan for characters that are not plain (a regular expression over ranges, far
    quicker than looking for the few expandable ones), then the pieces between them."""
    pieces: list[str] = []
    last = 0
    for m in _not_plain().finditer(text):
        spelled = EXPANSIONS.get(m.group())
        if spelled is None:
            return None
        pieces += (text[last:m.start()], spelled)
        last = m.end()
    if not pieces:
        return text
    pieces.append(text[last:])
    return "".join(pieces)


def _spelled_out_with_owners(text: str) -> tuple[str, list[int]] | None:
    """(:func:`_spelled_out` of *text*, the index in *text* of each of its characters) when every
    character that is not plain is one of EXPANSIONS (those spelled out are plain), else None."""
    pieces: list[str] = []
    owner: list[int] = []
    last = 0
    for m in _not_plain().finditer(text):
        spelled = EXPANSIONS.get(m.group())
        if spelled is None:
            return None
        at = m.start()
        pieces += (text[last:at], spelled)
        owner += range(last, at)
        owner += [at] * len(spelled)
        last = m.end()
    pieces.append(text[last:])
    owner += range(last, len(text))
    return "".join(pieces), owner


def not_plain_characters(text: str) -> set[str]:
    """The distinct characters of *text* that are not plain (one scan)."""
    return set(_not_plain().findall(text))


def is_plain(text: str) -> bool:
    """True when every character of *text* is plain (see the module's doc)."""
    return text.isascii() or _not_plain().search(text) is None


def searchable(text: str) -> str:
    """*text* prepared for :func:`term_matcher`: as it is (multi-character forms spelled out)
    when all plain, else NFKC'd and case-folded (hiragana stay: the matchers cover them)."""
    if text.isascii():
        return text
    spelled = _spelled_out(text)
    return spelled if spelled is not None else nfkc(text).casefold()


def fold_fast(text: str) -> str:
    """Exactly ``fold(text)``; character by character through a small table when *text* is plain."""
    if text.isascii():
        return text.lower()
    spelled = _spelled_out(text)
    if spelled is None:
        return fold(text)
    return spelled.translate(_simple_table())


@lru_cache(maxsize=1)
def _simple_table() -> dict[int, str]:
    """_simple() for ``str.translate`` (in C: ~75 ns a character, half the time of a lookup per character in Python)."""
    return str.maketrans(_simple())


def _term_pattern(term: str) -> str:
    """A regular expression matching, in raw text, what folds to *term* (each character of the term
    as the class of plain characters that fold to it)."""
    inverse = _inverse()
    return "".join(f"[{re.escape(c)}{''.join(re.escape(o) for o in inverse[c])}]" if c in inverse else re.escape(c)
                   for c in term)


def fold_by_character(text: str, known: dict[str, str] | None = None) -> tuple[str, list[int] | None]:
    """(each character of *text* folded alone, joined; None when each folds to one character, else
    the index in *text* of each folded character). For marking matches: a folded term found at
    ``i`` in the folded text covers the characters of *text* at ``i .. i + len(term)`` (or their
    owners). *known*: a memo of single characters folded (fold_fast), kept by the caller."""
    if is_plain(text):  # each character folds alone to one: fold_fast folds them at once
        return fold_fast(text), None
    spelled = _spelled_out_with_owners(text)
    if spelled is not None:  # plain but for characters spelled out (№ → no): folded at once too
        folded = spelled[0].translate(_simple_table())  # one character for one
        return folded, (spelled[1] if len(folded) != len(text) else None)
    memo = {} if known is None else known
    folded_chars: list[str] = []
    owner: list[int] = []
    for i, ch in enumerate(text):
        f = memo.get(ch)
        if f is None:
            f = memo[ch] = fold_fast(ch)
        for c in f:
            folded_chars.append(c)
            owner.append(i)
    folded = "".join(folded_chars)
    return folded, (owner if len(folded) != len(text) else None)


def _literal_first_pattern(term: str) -> str:
    """:func:`_term_pattern` of *term*, begun with its longest run of characters that stand only
    for themselves (kanji, most symbols), the characters before and after it as lookarounds.

    The regular expression engine finds a literal beginning with a fast search and tests the
    classes only where it occurs; a pattern that begins with a class is tried at every position
    (over a whole plan's texts ~7 ns a character, 3-4× slower). A match then starts at that run,
    not at the term: for telling whether, and in which text, a term occurs."""
    inverse = _inverse()
    literal = runs([c not in inverse for c in term])
    start, end = max(literal, key=lambda run: run[1] - run[0], default=(0, 0))  # the first longest
    if start == end or start == 0:
        return _term_pattern(term)
    after = f"(?={_term_pattern(term[end:])})" if end < len(term) else ""
    return f"{re.escape(term[start:end])}(?<={_term_pattern(term[:end])}){after}"


@lru_cache(maxsize=512)
def term_regex(term: str) -> re.Pattern[str] | None:
    """What a ``searchable`` text is searched with for a folded *term*: a regular expression, or
    None when the term is looked for as it is (no character of it stands for others). A match
    may start inside the term (see :func:`_literal_first_pattern`)."""
    inverse = _inverse()
    if not any(c in inverse for c in term):
        return None
    return re.compile(_literal_first_pattern(term))


@lru_cache(maxsize=512)
def term_matcher(term: str) -> Callable[[str], bool]:
    """A test ``matcher(searchable(text))`` that is true exactly when ``term in fold(text)``
    (*term* folded, as :func:`~.search.query_terms` gives it)."""
    pattern = term_regex(term)
    if pattern is None:
        return lambda haystack: term in haystack
    search = pattern.search
    return lambda haystack: search(haystack) is not None
