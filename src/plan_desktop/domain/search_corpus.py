"""The search texts of many measures as one string, prepared and searched in one go. Pure: no Qt.

A keystroke at 2,000 measures that prepared each measure's text (``search_fold.searchable``)
and tested it in turn spent most of its time in Python calls around the work done in C: the
check for characters that are not plain, one regular expression per text, one match per text.
:func:`prepare_texts` gives exactly ``[searchable(t) for t in texts]`` from one scan over all
of them, and :class:`SearchCorpus` finds which texts hold a term with one scan in C that jumps
to the next text after each hit (one Python step per text that holds it, none per text that
does not).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate

from .search_fold import EXPANSIONS, not_plain_characters, searchable, term_matcher, term_regex

# Joins the texts (a text holding it is kept apart, see SearchCorpus); never matched by a term
# that does not hold it.
SEP = "\x00"


def prepare_texts(texts: list[str]) -> list[str]:
    """``[searchable(t) for t in texts]``: the characters that are not plain looked for once in
    all of them; the expandable ones spelled out everywhere at once, and only a text holding
    another one folded on its own."""
    if len(texts) < 2:
        return [searchable(t) for t in texts]
    joined = SEP.join(texts)
    if joined.count(SEP) != len(texts) - 1:  # a text holds the separator itself
        return [searchable(t) for t in texts]
    odd = not_plain_characters(joined)
    if not odd:
        return list(texts)
    for ch in odd & EXPANSIONS.keys():
        joined = joined.replace(ch, EXPANSIONS[ch])
    out = joined.split(SEP)
    others = odd - EXPANSIONS.keys()
    if others:
        holds = re.compile("[" + "".join(re.escape(c) for c in sorted(others)) + "]").search
        for i, text in enumerate(texts):
            if holds(text):
                out[i] = searchable(text)
    return out


# A term whose first DENSE_AFTER hits lie in the first 1/DENSE of the texts is looked for in the
# remaining texts one by one (a list comprehension: ~0.5 µs a text, where a jump costs ~1.7 µs a hit).
DENSE_AFTER, DENSE = 64, 8


class SearchCorpus:
    """Prepared texts (:func:`prepare_texts`), or folded ones (*folded*: each ``fold_fast`` of its
    text, where a folded term is looked for as it is, with no regular expression: ~1 ms for any
    term over 2,000 measures' texts, against 2-5 ms), joined, and where each starts. A text that
    holds the separator itself (a pasted control character) is left out of the joined texts and
    tested alone."""

    def __init__(self, texts: list[str], *, folded: bool = False):
        self._texts = texts
        self.folded = folded
        self._apart = [i for i, t in enumerate(texts) if SEP in t]
        joined = texts if not self._apart else [("" if SEP in t else t) for t in texts]
        self._text = SEP.join(joined)
        self._starts = list(accumulate((len(t) + 1 for t in joined), initial=0))

    def __len__(self) -> int:
        return len(self._texts)

    def holding(self, term: str) -> list[int]:
        """Indexes, in order, of the texts in which the folded *term* occurs (as
        ``term_matcher(term)`` says of each): one scan of the joined texts that jumps to the next
        text after each hit, or, for a term found in most texts, a test of each text in turn."""
        texts = self._texts
        if not term:
            return list(range(len(texts)))
        out = self._scan(term) if SEP not in term else []
        if self._apart:
            matches = (lambda t: term in t) if self.folded else term_matcher(term)
            out = sorted(set(out).union(i for i in self._apart if matches(texts[i])))
        return out

    def _scan(self, term: str) -> list[int]:
        texts = self._texts
        pattern = None if self.folded else term_regex(term)
        text, starts = self._text, self._starts
        out: list[int] = []
        dense_before = len(texts) // DENSE
        if pattern is None:
            find = text.find
            at = find(term)
            while at >= 0:
                i = bisect_right(starts, at) - 1
                out.append(i)
                if len(out) == DENSE_AFTER and i < dense_before:
                    return out + [j for j in range(i + 1, len(texts)) if term in texts[j]]
                at = find(term, starts[i + 1])
            return out
        search = pattern.search
        m = search(text)
        while m is not None:
            i = bisect_right(starts, m.start()) - 1
            out.append(i)
            if len(out) == DENSE_AFTER and i < dense_before:
                return out + [j for j in range(i + 1, len(texts)) if search(texts[j])]
            m = search(text, starts[i + 1])
        return out
