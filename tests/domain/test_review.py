"""Five-year review figures on a plan with known answers, and on the bundled plan."""

import pytest
from period_sample import sample_plan

from plan_desktop.domain.periods import data_for_period, measures_in_period, period_years
from plan_desktop.domain.review import UNRATED, period_review


def test_goal_sentence_comes_from_the_plan_words():
    data = sample_plan()
    data.terms.start_goal = "全{n}事業に着手"
    assert period_review(data, "第1期").goal_text == "全5事業に着手"


def test_review_of_first_period_has_the_known_figures():
    r = period_review(sample_plan(), "第1期")
    assert r.years == [2020, 2021, 2022]
    assert r.total == 5  # all measures are unassigned, so they belong to every period
    assert r.goal_text == ""  # the plan names no goal
    assert r.started == 2 and r.start_rate == pytest.approx(0.4)
    by_no = {m.no: m for m in r.measures}
    assert by_no[1].ratings == [(2020, "S"), (2021, "S"), (2022, "M")]
    assert (by_no[1].started_fy, by_no[1].final_progress, by_no[1].latest_direction) == (2020, "完了", "完了")
    assert (by_no[2].started_fy, by_no[2].latest_issues, by_no[2].latest_issues_fy) == (2022, "人手不足", 2022)
    assert by_no[2].ratings == [(2020, None), (2021, "L"), (2022, "M")]
    assert by_no[3].started_fy is None and by_no[3].latest_direction == "廃止"
    # №5 was only evaluated after the period: never evaluated *in* it, not started by its end
    assert [m.no for m in r.never_evaluated] == [4, 5]
    assert [m.no for m in r.not_started] == [3, 4, 5]
    assert r.by_year[2020] == {"S": 1, "M": 0, "L": 1, UNRATED: 3}
    assert r.by_year[2022] == {"S": 0, "M": 2, "L": 1, UNRATED: 2}
    assert r.started_by_year == {2020: 1, 2021: 1, 2022: 2}
    vp1, vp2 = r.by_viewpoint
    assert (vp1.measures, vp1.counts, vp1.unrated, vp1.started) == (2, {"S": 2, "M": 2, "L": 1}, 1, 2)
    assert vp1.average == pytest.approx((3 + 3 + 2 + 2 + 1) / 5)
    assert (vp2.measures, vp2.counts, vp2.unrated, vp2.average) == (3, {"S": 0, "M": 0, "L": 2}, 7, 1.0)


def test_second_period_counts_only_its_years_and_measures():
    data = sample_plan()
    data.measures[0].period = "第1期"  # №1 closed in the first period
    r = period_review(data, "第2期")
    assert r.years == [2023, 2024, 2025] and r.total == 4
    assert r.started == 2  # №2 (started 2022, still counts) and №5 (2023)
    assert [m.no for m in r.never_evaluated] == [2, 3, 4]


def test_unknown_period_is_refused_in_japanese():
    with pytest.raises(ValueError, match="期間「中期」はこの計画にありません"):
        period_review(sample_plan(), "中期")


def test_bundled_plan_goal_is_counted_not_assumed(seed_data):
    r = period_review(seed_data, "前期")
    assert r.total == len(seed_data.measures)
    assert r.goal_text == f"全{len(seed_data.measures)}項目の取組に着手"
    assert r.years == [2022, 2023, 2024, 2025, 2026]
    assert len(r.by_viewpoint) == len(seed_data.viewpoints)


def test_period_helpers():
    data = sample_plan()
    data.measures[0].period = "第1期"
    data.measures[1].period = "第2期"
    assert [m.no for m in measures_in_period(data, "第1期")] == [1, 3, 4, 5]
    assert [m.no for m in measures_in_period(data, "第2期")] == [2, 3, 4, 5]
    assert len(measures_in_period(data, None)) == 5
    assert [m.no for m in data_for_period(data, "第2期").measures] == [2, 3, 4, 5]
    assert len(data.measures) == 5  # the view does not change the plan
    assert period_years(data, "第2期") == [2023, 2024, 2025]
    assert period_years(data, None) == list(range(2020, 2026))


def test_a_measure_whose_only_record_is_an_unrated_draft_was_never_evaluated():
    from plan_desktop.domain.model import Evaluation, Measure, Period, Plan, PlanData, Viewpoint
    from plan_desktop.domain.review import period_review

    plan = Plan(title="t", fy_start=2022, fy_end=2026, periods=[Period("前期", 2022, 2026)])
    ms = [Measure(no=1, title="a", viewpoint=1, evaluations=[Evaluation(fy=2023, status="下書き")]),
          Measure(no=2, title="b", viewpoint=1, evaluations=[Evaluation(fy=2023, rating="A", status="会議確定")]),
          Measure(no=3, title="c", viewpoint=1, evaluations=[Evaluation(fy=2023, rating="B", status="下書き")])]
    data = PlanData(plan=plan, viewpoints=[Viewpoint(1, "v")], measures=ms)
    assert [m.no for m in period_review(data, "前期").never_evaluated] == [1]
    confirmed = period_review(data, "前期", include_drafts=False)
    assert [m.no for m in confirmed.never_evaluated] == [1, 3]  # a draft rating is not counted on paper
    assert [m.drafts for m in period_review(data, "前期").measures] == [[], [], [2023]]
