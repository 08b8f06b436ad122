"""Texts prepared and searched all at once (domain.search_corpus) give what each text alone gives."""

from __future__ import annotations

import pytest

from plan_desktop.domain import search_fold as SF
from plan_desktop.domain.search_corpus import SEP, SearchCorpus, prepare_texts
from plan_desktop.domain.text import fold

TEXTS = [
    "№12 【重点】コミュニティ活動の推進",
    "こみゅにてぃ活動ノ推進とｺﾐｭﾆﾃｨ活動の推進",
    "町内会・自治会への加入促進（ＮＰＯ、ｺﾐｭﾆﾃｨ）",
    "",
    "café ① ㈱日立 …",  # é: not plain, so this one is folded on its own
    "R6年度 ２０２４年度",
    "ABC abc",
    "㍻30年度 ℡ 0294",
]


def test_prepared_together_equals_prepared_one_by_one():
    assert prepare_texts(TEXTS) == [SF.searchable(t) for t in TEXTS]


@pytest.mark.parametrize("texts", [[], ["№1"], ["a\x00b", "№2"], ["ｶﾞｷﾞ", "plain"], ["abc", "def"]])
def test_few_texts_or_a_text_holding_the_separator_are_prepared_one_by_one(texts):
    assert prepare_texts(texts) == [SF.searchable(t) for t in texts]


@pytest.mark.parametrize("term", ["コ", "こみゅ", "npo", "no12", "推進", "年度", "2024年度", "...", "(株)", "平成30",
                                  "tel", "cafe", "café", "zzz", "\n", "の推", "ティ活", "活動の推進", "r6年度"])
def test_texts_holding_a_term_are_those_its_matcher_finds(term):
    prepared = prepare_texts(TEXTS)
    corpus = SearchCorpus(prepared)
    for folded in fold(term).split() or [term]:
        expected = [i for i, t in enumerate(prepared) if SF.term_matcher(folded)(t)]
        assert corpus.holding(folded) == expected


@pytest.mark.parametrize("term", ["コ", "推進", "no"])
def test_a_term_found_in_most_texts_gives_the_same_texts_as_one_found_in_few(term):
    texts = prepare_texts([f"№{i} " + ("コミュニティ推進" if i % 7 else "町内会") for i in range(1000)])
    corpus = SearchCorpus(texts)
    assert corpus.holding(term) == [i for i, t in enumerate(texts) if SF.term_matcher(term)(t)]
    assert len(corpus) == 1000


@pytest.mark.parametrize("term", ["コ", "こみゅ", "npo", "no12", "推進", "活動の推進", "平成30", "cafe", "café", "zzz"])
def test_folded_texts_hold_a_term_where_the_prepared_ones_do(term):
    prepared = SearchCorpus(prepare_texts(TEXTS))
    folded = SearchCorpus([SF.fold_fast(t) for t in TEXTS], folded=True)
    for folded_term in fold(term).split():
        assert folded.holding(folded_term) == prepared.holding(folded_term)


def test_a_term_never_spans_two_texts():
    corpus = SearchCorpus(["ab", "cd"])
    assert corpus.holding("bc") == []
    assert corpus.holding("b") == [0]
    assert corpus.holding("c") == [1]
    assert corpus.holding(SEP) == []


def test_a_text_holding_the_separator_is_searched_on_its_own():
    texts = prepare_texts(["コミュニティ", "a\x00コミュ\x00b", "町内会", "b\x00"])
    corpus = SearchCorpus(texts)
    assert corpus.holding("コミュ") == [0, 1]
    assert corpus.holding("b") == [1, 3]
    assert corpus.holding("\x00b") == [1]
    assert corpus.holding("町内") == [2]


def test_together_equals_one_by_one_on_random_texts():
    from hypothesis import given, settings
    from hypothesis import strategies as st
    from property_budget import examples

    plain = st.sampled_from("あいうかがきコミュニティｺﾐｭﾆﾃｨﾞﾟ活動推進ABCabcＡＢＣａｂｃ０１２012（）()・ー、。 　\n№…①⑫㈱㍻\x00")
    alphabet = st.one_of(plain, plain, plain, st.characters(blacklist_categories=("Cs",)),
                         st.sampled_from("\u3099\u309a\u0301ßİﬁ"))

    @settings(max_examples=examples(300))
    @given(st.lists(st.text(alphabet=alphabet, max_size=20), max_size=8),
           st.text(alphabet=alphabet, min_size=1, max_size=4))
    def check(texts, raw):
        prepared = prepare_texts(texts)
        assert prepared == [SF.searchable(t) for t in texts]
        corpus = SearchCorpus(prepared)
        folded = SearchCorpus([SF.fold_fast(t) for t in texts], folded=True)
        for term in fold(raw).split():
            expected = [i for i, t in enumerate(texts) if term in fold(t)]
            assert corpus.holding(term) == expected, (texts, term)
            assert folded.holding(term) == expected, (texts, term)

    check()
