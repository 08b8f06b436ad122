"""Matching folded terms in raw text (domain.search_fold) gives exactly what folding the text would."""

from __future__ import annotations

import unicodedata

import pytest

from plan_desktop.domain import search_fold as SF
from plan_desktop.domain.text import fold


def _plain_chars():
    for a, b in SF._PLAIN_RANGES:
        for cp in range(a, b + 1):
            yield chr(cp)


def _composition_seconds() -> set[str]:
    """Every character that can be the second of a canonical composition (NFC joins it to the one before)."""
    seconds = set()
    for cp in range(0x10000):
        d = unicodedata.decomposition(chr(cp))
        if d and not d.startswith("<"):
            parts = d.split()
            if len(parts) == 2:
                seconds.add(chr(int(parts[1], 16)))
    seconds.update(chr(cp) for cp in range(0x1161, 0x1176))  # Hangul vowels and trailing consonants
    seconds.update(chr(cp) for cp in range(0x11A8, 0x11C3))
    return seconds


@pytest.mark.slow
def test_every_plain_character_folds_alone_to_one_character_that_never_composes():
    seconds = _composition_seconds()
    simple = SF._simple()
    for ch in _plain_chars():
        f = fold(ch)
        assert f == simple.get(ch, ch), (hex(ord(ch)), f)
        assert len(f) == 1, hex(ord(ch))
        nf = unicodedata.normalize("NFKC", ch)
        for c in {ch, nf, f}:
            assert unicodedata.combining(c) == 0 and c not in seconds, hex(ord(ch))
    assert set(simple) <= set(_plain_chars())


def test_expansions_are_their_nfkc_and_plain():
    for ch, spelled in SF.EXPANSIONS.items():
        assert unicodedata.normalize("NFKC", ch) == spelled, ch
        assert SF.is_plain(spelled) and len(spelled) > 1, ch
        assert unicodedata.normalize("NFKC", spelled) == spelled


TEXTS = ["№12 コミュニティ活動の推進（ＮＰＯ・ボランティア）…", "こみゅにてぃ ｺﾐｭﾆﾃｨ ①②⑫ ㈱日立 ㍻30", "Ｒ６年度　令和６年度 R6",
         "café naïve", "か\u3099き ｶﾞｷﾞ ゟ ヿ", "𠮷野家のてぃ", "ß ǅ İ ﬁ", "ABC abc ＡＢＣ ａｂｃ"]
TERMS = ["コミュ", "こみゅ", "npo", "ＮＰＯ", "no12", "o1", "...", "1", "12", "(株)", "平成30", "r6", "令和6年度", "ガ", "が", "がき",
         "caf", "café", "cafe", "naïve", "ss", "より", "コト", "ギ", "𠮷", "てぃ", "ティ", "abc", "ab", "·", "ｺ"]


@pytest.mark.parametrize("text", TEXTS)
def test_matches_as_in_folded_text(text):
    haystack = SF.searchable(text)
    for raw in TERMS:
        for term in SF.fold_fast(raw).split():
            assert SF.term_matcher(term)(haystack) == (term in fold(text)), (text, term)


@pytest.mark.parametrize("text", TEXTS + TERMS)
def test_fold_fast_is_fold(text):
    assert SF.fold_fast(text) == fold(text)


def test_plain_texts_are_not_folded_and_others_are():
    assert SF.searchable("こみゅにてぃ活動（ＮＰＯ）") == "こみゅにてぃ活動（ＮＰＯ）"
    assert SF.searchable("№5 …") == "No5 ..."
    assert SF.searchable("café ①") == unicodedata.normalize("NFKC", "café ①").casefold()


def test_matching_equals_folding_on_random_text():
    from hypothesis import given, settings
    from hypothesis import strategies as st
    from property_budget import examples

    # Mostly plain characters (kana, kanji, ASCII, full/half width, the spelled-out ones), some of anything.
    plain = st.sampled_from("あいうかがきコミュニティｺﾐｭﾆﾃｨﾞﾟ活動推進ABCabcＡＢＣａｂｃ０１２012（）()・ー、。 　\n№…①⑫㈱㍻")
    alphabet = st.one_of(plain, plain, plain, st.characters(blacklist_categories=("Cs",)),
                         st.sampled_from("\u3099\u309a\u0301ßİﬁ"))

    @settings(max_examples=examples(400))
    @given(st.text(alphabet=alphabet, max_size=30), st.text(alphabet=alphabet, min_size=1, max_size=4))
    def check(text, raw):
        assert SF.fold_fast(text) == fold(text)
        haystack = SF.searchable(text)
        for term in fold(raw).split():
            assert SF.term_matcher(term)(haystack) == (term in fold(text)), (text, term)

    check()



@pytest.mark.parametrize("text", TEXTS + TERMS + ["", "№", "a№b…c"])
def test_fold_by_character_folds_each_character_alone_and_says_whose_each_folded_one_is(text):
    folded, owner = SF.fold_by_character(text)
    expected = [(c, i) for i, ch in enumerate(text) for c in fold(ch)]
    assert folded == "".join(c for c, _i in expected)
    if owner is None:  # one folded character per character
        assert len(folded) == len(text)
    else:
        assert owner == [i for _c, i in expected]
    assert (owner is None) == all(len(fold(ch)) == 1 for ch in text)
    memo: dict[str, str] = {}
    assert SF.fold_by_character(text, memo) == (folded, owner)  # with a memo of single characters as well


@pytest.mark.parametrize("term", ["コミュニティ活動ノ推進", "ノ推", "a活b", "r6年度", "ティ活"])
def test_a_term_with_characters_that_stand_for_themselves_is_searched_from_them(term):
    pattern = SF.term_regex(term)
    assert pattern is not None
    first_literal = next(c for c in term if c not in SF._inverse())
    assert pattern.pattern.startswith(first_literal) or pattern.pattern.startswith("\\\\")
    for text in ["こみゅにてぃ活動の推進", "ｺﾐｭﾆﾃｨ活動ﾉ推進", "A活B", "R6年度", "活", "てぃ活", "no match"]:
        assert SF.term_matcher(term)(SF.searchable(text)) == (term in fold(text)), (term, text)


def test_the_kept_code_of_the_not_plain_pattern_is_what_re_makes_of_it():
    """not_plain_code.py holds what ``re`` compiles the pattern to (so the first keystroke does not
    compile it, ~3-4 ms); when the plain ranges change, regenerate it from the text printed here."""
    import _sre
    import re
    import textwrap
    from re import _compiler, _parser

    from plan_desktop.domain import not_plain_code as kept

    pattern = SF._not_plain_pattern()
    parsed = _parser.parse(pattern, 0)
    code = [int(c) for c in _compiler._code(parsed, 0)]
    assert parsed.state.groups == 1 and not parsed.state.groupdict  # as _not_plain gives them to the engine
    if _sre.MAGIC != kept.MAGIC:
        pytest.skip("another regular expression engine: the pattern is compiled (see _not_plain)")
    made = (f"MAGIC = {_sre.MAGIC}\nFLAGS = {parsed.state.flags}\nPATTERN = {pattern!r}\nCODE = (\n"
            + "".join(f"    {line}\n" for line in textwrap.wrap(", ".join(map(str, code)), 112)) + ")\n")
    assert (kept.PATTERN, kept.FLAGS, list(kept.CODE)) == (pattern, parsed.state.flags, code), made
    compiled = SF._not_plain()
    assert compiled is not re.compile(pattern)  # from the kept code
    every = "".join(chr(cp) for cp in range(0x30000) if not 0xD800 <= cp < 0xE000)
    assert compiled.findall(every) == re.compile(pattern).findall(every)
    assert (compiled.pattern, compiled.flags, compiled.groups) == (pattern, re.compile(pattern).flags, 0)
