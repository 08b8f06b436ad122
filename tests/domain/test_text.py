from plan_desktop.domain.text import fold, matches


def test_fold_unifies_width_and_case():
    assert fold("ＮＰＯ") == fold("npo") == fold("NPO")
    assert fold("ＩＣＴ") == "ict"
    assert fold("№１") == fold("No1")


def test_matches_requires_every_term():
    assert matches(["ＮＰＯ・ボランティア団体等との連携の強化"], "npo 連携")
    assert not matches(["ＮＰＯ・ボランティア団体等との連携の強化"], "npo 防災")
    assert matches(["anything"], "   ")


def test_fast_nfkc_equals_unicodedata_on_japanese_edge_cases():
    import unicodedata

    from plan_desktop.domain.text import nfkc

    samples = ["ｶﾞｷﾞｸﾞ", "ＮＰＯ　法人（№１２）", "e\u0301", "①②③…", "㈱㎡", "ﬁ", "Å", "가", "\u1100\u1161",
               "a-b]c\\d^", "半角ｶﾅと全角カナ", "", "ascii only", "\U0001f600 絵文字", "か\u3099"]
    for s in samples:
        assert nfkc(s) == unicodedata.normalize("NFKC", s), s


def test_fast_nfkc_equals_unicodedata_on_random_text():
    import unicodedata

    from hypothesis import given, settings
    from hypothesis import strategies as st
    from property_budget import examples

    from plan_desktop.domain.text import nfkc

    alphabet = st.characters(blacklist_categories=("Cs",))

    @settings(max_examples=examples(400))
    @given(st.text(alphabet=alphabet, max_size=40))
    def check(s):
        assert nfkc(s) == unicodedata.normalize("NFKC", s)

    check()


def test_fold_reads_hiragana_as_katakana():
    assert fold("こみゅにてぃ") == fold("コミュニティ") == fold("ｺﾐｭﾆﾃｨ")
    assert fold("ぼらんてぃあ") in fold("ＮＰＯ・ボランティア団体")
    assert len(fold("ひらがな")) == 4


def test_fold_equals_its_definition_on_random_text():
    """fold = NFKC, case-folded, hiragana as katakana (the lookup table is only faster)."""
    import unicodedata

    from hypothesis import given, settings
    from hypothesis import strategies as st
    from property_budget import examples

    from plan_desktop.domain.text import _KANA

    alphabet = st.one_of(st.characters(blacklist_categories=("Cs",)), st.characters(min_codepoint=0x3040, max_codepoint=0x30FF))

    @settings(max_examples=examples(400))
    @given(st.text(alphabet=alphabet, max_size=40))
    def check(s):
        assert fold(s) == unicodedata.normalize("NFKC", s).casefold().translate(_KANA)

    check()
    assert fold("𠮷野家のてぃ") == "𠮷野家ノティ"  # beyond the BMP: kept as it is
