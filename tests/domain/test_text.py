from plan_desktop.domain.text import fold, matches


def test_fold_unifies_width_and_case():
    assert fold("ＮＰＯ") == fold("npo") == fold("NPO")
    assert fold("ＩＣＴ") == "ict"
    assert fold("№１") == fold("No1")


def test_matches_requires_every_term():
    assert matches(["ＮＰＯ・ボランティア団体等との連携の強化"], "npo 連携")
    assert not matches(["ＮＰＯ・ボランティア団体等との連携の強化"], "npo 防災")
    assert matches(["anything"], "   ")
