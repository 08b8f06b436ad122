"""Nested groups (domain/groups.py): order, depth, headings and counts at any depth."""

from other_city import other_city_plan

from plan_desktop.domain import groups as G
from plan_desktop.domain.model import Measure, Plan, PlanData, Viewpoint
from plan_desktop.domain.terms import Level, PlanTerms
from plan_desktop.domain.validation import validate_plan


def five_levels() -> PlanData:
    vps = [Viewpoint(5, "事業群", parent=4), Viewpoint(1, "方針"), Viewpoint(2, "柱", parent=1),
           Viewpoint(3, "施策", parent=2), Viewpoint(4, "細施策", parent=3), Viewpoint(6, "別の方針", code="")]
    return PlanData(plan=Plan("計画", 2020, 2024), viewpoints=vps,
                    measures=[Measure(1, "a", 5), Measure(2, "b", 3), Measure(3, "c", 6)],
                    terms=PlanTerms(levels=[Level("方針"), Level("柱"), Level("施策")]))


def test_preorder_puts_parents_before_children_at_any_depth():
    d = five_levels()
    assert [(n.group.no, n.depth) for n in G.preorder(d)] == [(1, 0), (2, 1), (3, 2), (4, 3), (5, 4), (6, 0)]
    assert G.max_depth(d) == 5 and G.top_of(d, 5) == 1
    assert [v.no for v in G.path_of(d, 5)] == [1, 2, 3, 4, 5]
    assert G.descendants(d, 2) == [2, 3, 4, 5]
    assert [m.no for m in G.measures_under(d, 1)] == [1, 2] and [m.no for m in G.measures_under(d, 4)] == [1]
    assert validate_plan(d) == []


def test_headings_name_the_level_and_code():
    d = five_levels()
    by = G.by_no(d)
    assert G.group_heading(d, by[3]) == "施策3\u3000施策"
    assert G.group_heading(d, by[5]) == "5\u3000事業群"  # a level without a name: number and title
    assert G.group_heading(d, by[6]) == "方針\u3000別の方針"  # code "": no number
    assert G.group_label(d, 6) == "別の方針"


def test_cycles_and_unknown_parents_are_refused_and_nothing_is_lost():
    d = five_levels()
    d.viewpoints[1].parent = 5  # 1 inside 5 inside … inside 1
    d.viewpoints.append(Viewpoint(7, "迷子", parent=99))
    messages = [str(p) for p in validate_plan(d)]
    assert any("循環" in m for m in messages) and any("親のグループ 99 はありません" in m for m in messages)
    assert sorted(n.group.no for n in G.preorder(d)) == [1, 2, 3, 4, 5, 6, 7]


def test_sort_measures_follows_the_tree_not_the_numbers():
    d = five_levels()
    assert [m.no for m in G.sort_measures(d, d.measures)] == [2, 1, 3]


def test_other_city_has_four_levels_and_every_measure_in_a_leaf():
    d = other_city_plan()
    assert G.max_depth(d) == 4
    leaves = {v.no for v in d.viewpoints if G.is_leaf(d, v.no)}
    assert {m.viewpoint for m in d.measures} <= leaves
    assert sum(len(G.measures_under(d, v.no)) for v in G.children(d, None)) == 60
