"""Evaluation rules: numbers, validation of every field, locking, workflow, carry-over, overview."""

from dataclasses import replace

import pytest

from plan_desktop.domain import evaluation as ev
from plan_desktop.domain.model import (
    Evaluation,
    Indicator,
    Measure,
    Period,
    Plan,
    PlanData,
    RatingLevel,
    Viewpoint,
)
from plan_desktop.domain.validation import evaluation_problems


# ------------------------------------------------------------------ numbers
@pytest.mark.parametrize("text,value", [("12", 12.0), ("1,200", 1200.0), ("１２．５", 12.5), (" 3 ", 3.0),
                                        ("", None), ("  ", None), ("-4", -4.0)])
def test_parse_number_reads_what_people_type(text, value):
    assert ev.parse_number(text) == value


@pytest.mark.parametrize("text", ["abc", "12人", "nan", "inf", "1.2.3"])
def test_parse_number_refuses_non_numbers_in_japanese(text):
    with pytest.raises(ValueError, match="数値"):
        ev.parse_number(text)


def test_format_number():
    assert ev.format_number(12.0) == "12"
    assert ev.format_number(1200.0) == "1,200"
    assert ev.format_number(12.5) == "12.5"
    assert ev.format_number(None) == ""


def test_achievement_rate_needs_a_positive_target_and_an_actual():
    assert ev.achievement_rate(Indicator("x", target=200, actual=150)) == 75.0
    assert ev.achievement_rate(Indicator("x", target=50, actual=60)) == 120.0
    assert ev.achievement_rate(Indicator("x", target=0, actual=5)) is None
    assert ev.achievement_rate(Indicator("x", target=-3, actual=5)) is None
    assert ev.achievement_rate(Indicator("x", target=10, actual=None)) is None
    assert ev.achievement_rate(Indicator("x", target=None, actual=3)) is None
    assert ev.format_rate(75.0) == "75.0%" and ev.format_rate(None) == "—"


# --------------------------------------------------------------- validation
def _plan(scale=None) -> PlanData:
    data = PlanData(plan=Plan(title="t", fy_start=2022, fy_end=2031), viewpoints=[Viewpoint(1, "v")])
    if scale is not None:
        data.rating_scale = scale
    return data


def _paths(e: Evaluation, data: PlanData | None = None) -> set[str]:
    return {p.path for p in evaluation_problems(e, data or _plan(), "e")}


def test_a_complete_valid_evaluation_has_no_problems():
    e = Evaluation(fy=2024, rating="B", progress="実施中", direction="継続", status="所管課確定",
                   achievements="a", issues="i", improvements="m", committee_opinion="o",
                   starting_point="s", planned_actions="p", self_rating="A", self_comment="c",
                   self_author="山田", self_date="2024-05-01", council_rating="B", council_date="2024-07-10",
                   indicators=[Indicator("参加者数", "人", 100, 150, 120), Indicator("回数", "回")])
    assert _paths(e) == set()


@pytest.mark.parametrize("change,path", [
    ({"rating": "E"}, "e.rating"),
    ({"self_rating": "Z"}, "e.self_rating"),
    ({"council_rating": "a"}, "e.council_rating"),
    ({"progress": "途中"}, "e.progress"),
    ({"direction": "拡大"}, "e.direction"),
    ({"status": "確定"}, "e.status"),
    ({"fy": 2040}, "e.fy"),
    ({"self_date": "2024/05/01"}, "e.self_date"),
    ({"council_date": "令和6年"}, "e.council_date"),
    ({"achievements": 3}, "e.achievements"),
    ({"starting_point": None}, "e.starting_point"),
    ({"self_author": "\ud800"}, "e.self_author"),
    ({"unlocked": "yes"}, "e.unlocked"),
    ({"indicators": [Indicator("")]}, "e.indicators[0].name"),
    ({"indicators": [Indicator("x", target=0)]}, "e.indicators[0].target"),
    ({"indicators": [Indicator("ok"), Indicator("x", actual="12")]}, "e.indicators[1].actual"),
    ({"indicators": [Indicator("x", baseline=float("nan"))]}, "e.indicators[0].baseline"),
    ({"indicators": [Indicator("x", baseline=True)]}, "e.indicators[0].baseline"),
])
def test_every_field_is_validated(change, path):
    e = replace(Evaluation(fy=2024), **change)
    assert path in _paths(e)


def test_ratings_follow_the_plans_own_scale():
    scale = [RatingLevel("S", "優", points=5), RatingLevel("T", "可", points=1)]
    data = _plan(scale)
    assert _paths(Evaluation(fy=2024, rating="S", self_rating="T", council_rating="S"), data) == set()
    assert _paths(Evaluation(fy=2024, rating="A"), data) == {"e.rating"}
    message = evaluation_problems(Evaluation(fy=2024, self_rating="A"), data, "e")[0].message
    assert "S/T" in message


def test_scale_problems():
    ok = [RatingLevel("A", "a", points=2), RatingLevel("B", "b", points=1)]
    assert ev.scale_problems(ok) == []
    assert ev.scale_problems([]) != []
    paths = {p.path for p in ev.scale_problems([RatingLevel("A", "a"), RatingLevel("A", "b"), RatingLevel(" ", "c"),
                                                RatingLevel("B ", "d"), RatingLevel("C", "e", points="x")])}
    assert paths == {"rating_scale[1].letter", "rating_scale[2].letter", "rating_scale[3].letter",
                     "rating_scale[4].points"}


# ------------------------------------------------------------------ locking
def test_locking_rule():
    draft = Evaluation(fy=2024, status="所管課確定")
    locked = replace(draft, status="会議確定")
    assert not ev.is_locked(draft) and ev.is_locked(locked) and not ev.is_locked(None)
    ev.check_edit_allowed(draft, replace(draft, issues="x"))  # not locked: anything goes
    ev.check_edit_allowed(locked, replace(locked, updated_at="later"))  # no real change
    with pytest.raises(ev.LockedError, match="ロックを解除"):
        ev.check_edit_allowed(locked, replace(locked, issues="x"))
    with pytest.raises(ev.LockedError):
        ev.check_edit_allowed(locked, None)  # deleting
    with pytest.raises(ev.LockedError):
        ev.check_edit_allowed(locked, replace(locked, status="所管課確定"))
    with pytest.raises(ev.LockedError):  # unlocking while changing something else
        ev.check_edit_allowed(locked, replace(locked, unlocked=True, issues="x"))
    unlocked = replace(locked, unlocked=True)
    ev.check_edit_allowed(locked, unlocked)  # the explicit unlock itself
    assert not ev.is_locked(unlocked)
    ev.check_edit_allowed(unlocked, replace(unlocked, issues="x"))


# ----------------------------------------------------------------- workflow
def test_status_workflow_and_rating_of_record():
    e = Evaluation(fy=2024)
    assert ev.allowed_statuses(e) == ["所管課確定"]
    problems = ev.transition_problems(e, "所管課確定")
    assert any("取組状況" in p for p in problems) and any("進捗評価" in p for p in problems)
    with pytest.raises(ValueError):
        ev.apply_status(e, "所管課確定")
    with pytest.raises(ValueError, match="変更できません"):
        ev.apply_status(replace(e, progress="実施中", rating="A"), "会議確定")  # no skipping the department
    e = replace(e, progress="実施中", self_rating="B")
    dept = ev.apply_status(e, "所管課確定")
    assert dept.status == "所管課確定" and dept.rating == "B"  # the self-evaluation fills an empty rating
    assert ev.allowed_statuses(dept) == ["下書き", "会議確定"]
    assert ev.apply_status(dept, "下書き").status == "下書き"
    council = ev.apply_status(replace(dept, council_rating="C"), "会議確定")
    assert council.rating == "C" and ev.is_locked(council)  # the meeting has the last word
    assert ev.allowed_statuses(council) == []
    assert ev.transition_problems(council, "所管課確定")
    reopened = ev.apply_status(replace(council, unlocked=True), "所管課確定")
    assert reopened.status == "所管課確定" and not reopened.unlocked and reopened.rating == "C"
    kept = ev.apply_status(replace(dept, rating="A"), "会議確定")  # no meeting rating: keep the rating
    assert kept.rating == "A"


# --------------------------------------------------------------- carry-over
def test_start_from_last_year():
    m = Measure(no=1, title="m", viewpoint=1, evaluations=[
        Evaluation(fy=2022, issues="古い課題"),
        Evaluation(fy=2023, issues="人材が不足", improvements="研修を2回開催", rating="C",
                   indicators=[Indicator("研修回数", "回", 0, 4, 1)]),
        Evaluation(fy=2025, issues="未来"),
    ])
    prev = ev.previous_evaluation(m, 2024)
    assert prev.fy == 2023
    assert ev.previous_evaluation(m, 2022) is None
    new = ev.carry_over(prev, 2024)
    assert (new.fy, new.starting_point, new.planned_actions) == (2024, "人材が不足", "研修を2回開催")
    assert new.status == "下書き" and new.rating is None and new.issues == "" and new.achievements == ""
    [ind] = new.indicators
    assert (ind.name, ind.unit, ind.baseline, ind.target, ind.actual) == ("研修回数", "回", 0, 4, None)
    assert ind.id != prev.indicators[0].id
    current = Evaluation(fy=2024, achievements="実施済み", starting_point="上書きされる",
                         indicators=[Indicator("自分の指標")])
    merged = ev.carry_over(prev, 2024, current)
    assert merged.achievements == "実施済み" and merged.starting_point == "人材が不足"
    assert [i.name for i in merged.indicators] == ["自分の指標"] and merged.id == current.id
    assert current.starting_point == "上書きされる"  # the input is not modified
    with pytest.raises(ValueError):
        ev.carry_over(m.evaluations[2], 2024)


# ----------------------------------------------------------------- overview
@pytest.fixture
def known() -> PlanData:
    """Two viewpoints, seven measures, a three-level scale with uneven points.

    FY2024 ratings:  vp1: №1 S, №2 T, №3 U, №4 (draft without rating)  vp2: №5 S, №6 —, №7 U
    """
    scale = [RatingLevel("S", "順調", points=10), RatingLevel("T", "やや遅れ", points=4),
             RatingLevel("U", "遅れ", points=1)]
    plan = Plan(title="k", fy_start=2023, fy_end=2030,
                periods=[Period("後半", 2028, 2030), Period("前半", 2023, 2027)])  # unordered on purpose

    def m(no, vp, *evals):
        return Measure(no=no, title=f"事項{no}", viewpoint=vp, priority=no % 2 == 1,
                       departments=[f"部{no} 課"], evaluations=list(evals))

    measures = [
        m(1, 1, Evaluation(fy=2023, progress="実施中", rating="T"), Evaluation(fy=2024, progress="実施中", rating="S")),
        m(2, 1, Evaluation(fy=2024, progress="未着手", rating="T")),
        m(3, 1, Evaluation(fy=2023, progress="完了", rating="S"), Evaluation(fy=2024, rating="U")),
        m(4, 1, Evaluation(fy=2024, progress="実施中")),
        m(5, 2, Evaluation(fy=2024, progress="完了", rating="S")),
        m(6, 2, Evaluation(fy=2025, progress="実施中", rating="S")),
        m(7, 2, Evaluation(fy=2024, progress="未着手", rating="U")),
    ]
    return PlanData(plan=plan, viewpoints=[Viewpoint(1, "視点一"), Viewpoint(2, "視点二")], measures=measures,
                    rating_scale=scale)


def test_overview_known_answers(known):
    o = ev.overview(known, 2024)
    vp1, vp2 = o.rows
    assert (vp1.title, vp1.measures, vp1.counts, vp1.unevaluated) == ("視点一", 4, {"S": 1, "T": 1, "U": 1}, 1)
    assert vp1.average == pytest.approx((10 + 4 + 1) / 3)
    assert (vp2.measures, vp2.counts, vp2.unevaluated) == (3, {"S": 1, "T": 0, "U": 1}, 1)
    assert vp2.average == pytest.approx(5.5)
    assert (o.total.measures, o.total.counts, o.total.unevaluated, o.total.rated) == (7, {"S": 2, "T": 1, "U": 2}, 2, 5)
    assert o.total.average == pytest.approx((10 + 4 + 1 + 10 + 1) / 5)
    # started by 2024: №1 (2023 実施中), №3 (2023 完了), №4 (2024 実施中), №5 (2024 完了); №6 only in 2025
    assert (vp1.started, vp2.started, o.total.started) == (3, 1, 4)
    s = o.start
    assert (s.started, s.total, s.deadline, s.remaining, s.years_left) == (4, 7, 2027, 3, 3)
    assert s.rate == pytest.approx(4 / 7) and s.needed_per_year == 1 and not s.overdue
    assert s.series == [(2023, pytest.approx(2 / 7)), (2024, pytest.approx(4 / 7)), (2025, None), (2026, None),
                        (2027, None)]
    assert [r.no for r in o.unevaluated] == [4, 6]
    assert o.low_letters == ["T", "U"]
    assert [(r.no, r.rating) for r in o.low_rated] == [(3, "U"), (7, "U"), (2, "T")]  # worst first
    assert o.low_rated[0].display_title == "№3 【重点】事項3" and o.low_rated[0].department == "部3 課"


def test_overview_other_years_and_deadline(known):
    o = ev.overview(known, 2025)
    assert o.total.counts == {"S": 1, "T": 0, "U": 0} and o.total.unevaluated == 6
    assert o.start.started == 5 and o.start.needed_per_year == 1  # 2 left, 2 years (2026, 2027)
    last = ev.overview(known, 2027)  # the deadline year itself is not over yet
    assert not last.start.overdue and not last.start.deadline_passed(2027) and last.start.deadline_passed(2028)
    late = ev.overview(known, 2028)
    assert late.start.overdue and late.start.needed_per_year is None and late.start.years_left == 0
    assert [fy for fy, _ in late.start.series] == list(range(2023, 2029))
    empty = ev.overview(known, 2030)
    assert empty.total.average is None and all(r.average is None for r in empty.rows)


def test_start_deadline_comes_from_the_plan(seed_data):
    assert ev.start_deadline(seed_data.plan) == 2026
    assert ev.start_deadline(Plan(title="p", fy_start=2030, fy_end=2034)) == 2034


def test_overview_of_the_bundled_plan_without_evaluations(seed_data):
    o = ev.overview(seed_data, 2024)
    assert o.total.measures == len(seed_data.measures)
    assert len(o.unevaluated) == len(seed_data.measures) and o.low_rated == []
    assert [r.viewpoint for r in o.rows] == [v.no for v in seed_data.viewpoints]
    assert sum(r.measures for r in o.rows) == o.total.measures
    assert o.start.rate == 0 and o.start.needed_per_year == -(-len(seed_data.measures) // 2)


def test_low_levels_and_colours():
    four = [RatingLevel(x, x, points=p) for x, p in zip("ABCD", (4, 3, 2, 1))]
    assert ev.low_rating_letters(four) == ["C", "D"]
    assert ev.low_rating_letters(four[:2]) == ["B"]  # the top level is never low
    assert ev.low_rating_letters(four[:1]) == []
    reordered = [RatingLevel("X", "", points=1), RatingLevel("Y", "", points=9), RatingLevel("Z", "", points=5)]
    assert ev.low_rating_letters(reordered) == ["X", "Z"]
    ties = [RatingLevel(x, x) for x in "PQR"]  # no points: the later entries are lower
    assert ev.low_rating_letters(ties) == ["Q", "R"]
    colours = ev.rating_colors(four)
    assert len(set(colours.values())) == 4
    r, g = int(colours["A"][1:3], 16), int(colours["A"][3:5], 16)
    assert g > r  # best is green
    r, g = int(colours["D"][1:3], 16), int(colours["D"][3:5], 16)
    assert r > g  # worst is red
    assert ev.rating_text(four, "B") == "B B" and ev.rating_text(four, None) == ""


def test_renames_and_letters_in_use():
    e = Evaluation(fy=2024, rating="A", self_rating="B", council_rating="A")
    r = ev.rename_ratings(e, {"A": "B", "B": "A"})
    assert (r.rating, r.self_rating, r.council_rating) == ("B", "A", "B")
    m = Measure(no=1, title="m", viewpoint=1, evaluations=[e, Evaluation(fy=2025, rating="C")])
    assert ev.letters_in_use([m]) == {"A": 2, "B": 1, "C": 1}


# ----------------------------------------------------------- active years and nesting
def test_measures_count_only_in_their_active_years():
    from other_city import other_city_plan

    data = other_city_plan()
    ended = [m for m in data.measures if m.fy_to == 2022]
    late = next(m for m in data.measures if m.fy_from == 2021)
    assert len(ended) == 2
    o22, o23 = ev.overview(data, 2022), ev.overview(data, 2023)
    assert o22.start.total == 58 and o23.start.total == 56  # №31 ended 2019, №52 2020; №8, №17 end 2022
    active23 = [m for m in data.measures if m.active_in(2023)]
    assert o23.start.total == len(active23) and o23.total.measures == len(active23)
    assert not {r.id for r in o23.unevaluated} & {m.id for m in ended}  # ended: never 未評価 afterwards
    assert late.id not in {r.id for r in ev.overview(data, 2020).unevaluated}


def test_overview_rows_follow_the_nesting():
    from other_city import other_city_plan

    data = other_city_plan()
    top = ev.overview(data, 2023)
    every = ev.overview(data, 2023, level="all")
    assert [r.depth for r in top.rows] == [0, 0, 0]
    assert len(every.rows) == len(data.viewpoints) and max(r.depth for r in every.rows) == 3
    assert sum(r.measures for r in top.rows) == top.total.measures
    by_no = {r.viewpoint: r for r in every.rows}
    pillar = next(v for v in data.viewpoints if v.parent == 1)
    subs = [v.no for v in data.viewpoints if v.parent == pillar.no]
    assert by_no[pillar.no].measures == sum(by_no[s].measures for s in subs)


def test_started_uses_the_plans_own_progress_options():
    from plan_desktop.domain.terms import PlanTerms, ProgressOption

    m = Measure(1, "x", 1, evaluations=[Evaluation(2022, progress="着手")])
    assert not ev.is_started(m, 2022)
    terms = PlanTerms(progress=[ProgressOption("未着手", False), ProgressOption("着手")])
    assert ev.is_started(m, 2022, terms.started_progress)


def test_missing_inputs_until_the_department_confirms():
    assert ev.missing_inputs(None) == ["取組状況", "進捗評価", "取組実績"]
    e = Evaluation(2024, progress="実施中")
    assert ev.missing_inputs(e) == ["進捗評価", "取組実績"]
    e.self_rating, e.achievements = "B", "講座を開いた"
    assert ev.missing_inputs(e) == []
    assert ev.missing_inputs(Evaluation(2024, status="所管課確定")) == []


def test_overview_can_count_confirmed_ratings_only():
    from fractions import Fraction

    from plan_desktop.domain.evaluation import overview
    from plan_desktop.domain.model import Evaluation, Measure, Plan, PlanData, Viewpoint

    ms = [Measure(no=1, title="a", viewpoint=1, evaluations=[Evaluation(fy=2024, rating="A", status="会議確定")]),
          Measure(no=2, title="b", viewpoint=1, evaluations=[Evaluation(fy=2024, rating="D", status="下書き")]),
          Measure(no=3, title="c", viewpoint=1, evaluations=[Evaluation(fy=2024, rating="B", status="所管課確定")])]
    data = PlanData(plan=Plan(title="t", fy_start=2022, fy_end=2026), viewpoints=[Viewpoint(1, "v")], measures=ms)
    every = overview(data, 2024)
    assert every.total.rated == 3 and every.total.average == Fraction(8, 3)
    confirmed = overview(data, 2024, include_drafts=False)
    assert confirmed.total.rated == 1 and confirmed.total.unevaluated == 2 and confirmed.total.average == 4
    assert [r.no for r in confirmed.unconfirmed] == [2, 3] and confirmed.low_rated == []


def test_started_counts_confirmed_records_only_when_drafts_are_left_out():
    """着手 follows the ratings' counting rule: a draft saying 実施中 starts nothing on a confirmed-only page."""
    from fractions import Fraction

    from plan_desktop.domain.evaluation import overview
    from plan_desktop.domain.model import Period, Plan, PlanData, Viewpoint
    from plan_desktop.domain.review import period_review

    ms = [Measure(no=1, title="a", viewpoint=1,
                  evaluations=[Evaluation(fy=2023, progress="実施中", rating="A", status="会議確定")]),
          Measure(no=2, title="b", viewpoint=1,
                  evaluations=[Evaluation(fy=2024, progress="実施中", rating="B", status="下書き")]),
          Measure(no=3, title="c", viewpoint=1, evaluations=[])]
    plan = Plan(title="t", fy_start=2022, fy_end=2026, periods=[Period("第1期", 2022, 2026)])
    data = PlanData(plan=plan, viewpoints=[Viewpoint(1, "v")], measures=ms)
    assert ev.is_started(ms[1], 2024) and not ev.is_started(ms[1], 2024, include_drafts=False)
    every, confirmed = overview(data, 2024), overview(data, 2024, include_drafts=False)
    assert (every.total.started, every.start.started) == (2, 2)
    assert (confirmed.total.started, confirmed.start.started) == (1, 1)
    assert dict(confirmed.start.series)[2024] == Fraction(1, 3)
    assert period_review(data, "第1期").started == 2
    review = period_review(data, "第1期", include_drafts=False)
    assert review.started == 1 and review.started_by_year[2024] == 1
    assert [m.no for m in review.not_started] == [2, 3]
