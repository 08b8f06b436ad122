"""A plan's own words and evaluation stages (domain/terms.py)."""

import pytest

from plan_desktop.domain import evaluation as rules
from plan_desktop.domain.model import Evaluation
from plan_desktop.domain.terms import (
    DRAFT,
    FINAL_CONFIRMED,
    FIRST_CONFIRMED,
    MIDDLE_CONFIRMED,
    EvaluationStage,
    Level,
    PlanTerms,
    roman,
    status_after_stage_change,
    terms_problems,
)

HITACHI_WORDS = ("日立", "提言", "推進協議会", "所長会議", "学区", "取組の視点", "推進事項")


def test_neutral_defaults_name_nothing_of_the_bundled_plan():
    t = PlanTerms()
    words = [t.measure, t.cross_reference, t.community_unit, t.relation_label, t.cross_reference_label(1),
             *[lv.name for lv in t.levels], *[st.name for st in t.stages], *t.status_labels()]
    assert not [w for w in HITACHI_WORDS if any(w in x for x in words)]
    assert t.status_codes == [DRAFT, FIRST_CONFIRMED, FINAL_CONFIRMED]
    assert t.started_progress == ["実施中", "完了"] and t.closing_directions == ["廃止", "完了"]
    assert terms_problems(t) == []


def test_status_labels_come_from_the_stage_names():
    t = PlanTerms(stages=[EvaluationStage("担当課"), EvaluationStage("行政評価委員会", short="委員会")])
    assert t.status_labels() == ["下書き", "担当課確定", "委員会確定"]
    assert t.status_code("委員会確定") == FINAL_CONFIRMED and t.status_code(FINAL_CONFIRMED) == FINAL_CONFIRMED
    assert t.status_code("会議") is None


def test_levels_beyond_the_named_ones_have_no_name():
    t = PlanTerms(levels=[Level("まちづくり方針", "方針"), Level("施策")])
    assert (t.level_name(0), t.level_short(0), t.level_short(1), t.level_name(2)) == ("まちづくり方針", "方針", "施策", "")


@pytest.mark.parametrize("count, codes", [
    (1, [DRAFT, FINAL_CONFIRMED]),
    (2, [DRAFT, FIRST_CONFIRMED, FINAL_CONFIRMED]),
    (3, [DRAFT, FIRST_CONFIRMED, MIDDLE_CONFIRMED, FINAL_CONFIRMED]),
])
def test_one_to_three_stages_walk_forward_and_the_last_locks(count, codes):
    t = PlanTerms(stages=[EvaluationStage(f"段階{i}") for i in range(1, count + 1)])
    assert t.status_codes == codes
    e = Evaluation(2022, progress="実施中", self_rating="B", middle_rating="C", council_rating="A")
    seen = [e.status]
    while not rules.is_locked(e):
        nxt = rules.allowed_statuses(e, t)[-1]
        e = rules.apply_status(e, nxt, t)
        seen.append(e.status)
    assert seen == codes
    # each stage's rating became the rating of record in turn; the last one stays
    assert e.rating == ("B" if count == 1 else "A")


def test_three_stage_middle_rating_becomes_the_rating_when_confirmed():
    t = PlanTerms(stages=[EvaluationStage("所管課"), EvaluationStage("協議会"), EvaluationStage("会議")])
    e = rules.apply_status(Evaluation(2022, progress="実施中", self_rating="B"), FIRST_CONFIRMED, t)
    assert rules.transition_problems(e, MIDDLE_CONFIRMED, t) == []
    e = rules.apply_status(replace_rating(e, middle="C"), MIDDLE_CONFIRMED, t)
    assert e.rating == "C" and rules.allowed_statuses(e, t) == [FIRST_CONFIRMED, FINAL_CONFIRMED]


def replace_rating(e, middle):
    from dataclasses import replace

    return replace(e, middle_rating=middle)


def test_a_two_stage_plan_refuses_the_middle_status():
    t = PlanTerms()
    e = Evaluation(2022, status=FIRST_CONFIRMED)
    assert rules.transition_problems(e, MIDDLE_CONFIRMED, t) == [f"状態「{MIDDLE_CONFIRMED}」はありません"]


@pytest.mark.parametrize("code, old, new, expected", [
    (MIDDLE_CONFIRMED, 3, 2, FIRST_CONFIRMED),
    (FIRST_CONFIRMED, 2, 1, DRAFT),
    (FINAL_CONFIRMED, 3, 1, FINAL_CONFIRMED),
    (FIRST_CONFIRMED, 2, 3, FIRST_CONFIRMED),
    (DRAFT, 3, 1, DRAFT),
])
def test_statuses_move_to_the_nearest_stage_when_stages_are_removed(code, old, new, expected):
    assert status_after_stage_change(code, old, new) == expected


def test_bad_terms_are_reported_by_field():
    t = PlanTerms(levels=[], measure=" ", stages=[EvaluationStage(f"{i}") for i in range(4)],
                  cross_reference_numerals="kanji")
    paths = {p.path for p in terms_problems(t)}
    assert {"terms.levels", "terms.measure", "terms.stages", "terms.cross_reference_numerals"} <= paths


def test_cross_reference_labels_use_the_plan_numerals():
    assert PlanTerms(cross_reference="提言", cross_reference_numerals="roman").cross_reference_label(3) == "提言Ⅲ"
    assert PlanTerms(cross_reference="SDGs").cross_reference_label(11) == "SDGs11"
    assert (roman(4), roman(14)) == ("Ⅳ", "XIV")
