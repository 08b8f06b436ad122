"""Text helpers shared by search, import and reports."""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """Normalise for matching: NFKC (ＮＰＯ → NPO, full-width digits → ASCII) and case-folded."""
    return unicodedata.normalize("NFKC", text).casefold()


def matches(haystacks: list[str], query: str) -> bool:
    """True when every whitespace-separated term of *query* occurs in one of *haystacks*."""
    terms = fold(query).split()
    if not terms:
        return True
    folded = "\n".join(fold(h) for h in haystacks)
    return all(t in folded for t in terms)
