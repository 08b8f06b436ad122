"""Layout rules shared by the timeline and the 一覧及び工程 report."""

import pytest

from plan_desktop.domain.model import Measure, Period, Plan, PlanData, ScheduleEntry, Viewpoint
from plan_desktop.domain.schedule_layout import (
    BAR_HEIGHT_RATIO,
    GROUP,
    MEASURE,
    Bar,
    ChartGeometry,
    action_items_for,
    apply_changes,
    bar_at,
    bars,
    build_rows,
    move_bar,
    period_boundaries,
    period_spans,
    rating_tone,
    resize_bar,
)

YEARS = list(range(2022, 2032))


def test_bars_join_consecutive_years_of_one_phase():
    s = {2022: "準備", 2023: "実施", 2024: "実施", 2025: "実施", 2026: "検証・策定", 2028: "実施", 2029: "実施"}
    assert bars(s, YEARS) == [
        Bar("準備", 2022, 2022), Bar("実施", 2023, 2025), Bar("検証・策定", 2026, 2026), Bar("実施", 2028, 2029)]
    assert bars({}, YEARS) == []
    assert bars({2030: "実施", 2031: "実施"}, YEARS) == [Bar("実施", 2030, 2031)]
    # years outside the chart are not shown
    assert bars({2021: "実施", 2022: "実施"}, YEARS) == [Bar("実施", 2022, 2022)]
    assert bar_at(s, YEARS, 2024) == Bar("実施", 2023, 2025)
    assert bar_at(s, YEARS, 2027) is None


def test_resize_bar_end_and_start():
    s = {2022: "準備", 2023: "実施", 2024: "実施", 2025: "実施", 2026: "検証・策定"}
    b = Bar("実施", 2023, 2025)
    assert resize_bar(s, b, "end", 2024, YEARS) == {2025: None}
    assert resize_bar(s, b, "end", 2027, YEARS) == {2026: "実施", 2027: "実施"}
    assert resize_bar(s, b, "start", 2022, YEARS) == {2022: "実施"}
    assert resize_bar(s, b, "start", 2025, YEARS) == {2023: None, 2024: None}
    # the bar never disappears: dragging the end before the start keeps one year
    assert apply_changes(s, resize_bar(s, b, "end", 2020, YEARS))[2023] == "実施"
    assert resize_bar(s, b, "end", 2040, YEARS)[2031] == "実施"  # clamped to the chart
    with pytest.raises(ValueError):
        resize_bar(s, b, "middle", 2024, YEARS)


def test_move_bar_clears_where_it_left_and_clamps():
    s = {2022: "準備", 2023: "実施", 2024: "実施", 2026: "検証・策定"}
    b = Bar("実施", 2023, 2024)
    assert move_bar(s, b, 2, YEARS) == {2023: None, 2024: None, 2025: "実施", 2026: "実施"}
    assert move_bar(s, b, 0, YEARS) == {}
    assert move_bar(s, b, 100, YEARS) == {2023: None, 2024: None, 2030: "実施", 2031: "実施"}
    assert move_bar(s, b, -100, YEARS) == {2022: "実施", 2024: None}


def _data():
    plan = Plan("計画", 2022, 2031, periods=[Period("前期", 2022, 2026), Period("後期", 2027, 2031)])
    vps = [Viewpoint(1, "一"), Viewpoint(2, "二"), Viewpoint(3, "三")]
    ms = [Measure(1, "a", 1, id="a"), Measure(2, "b", 1, id="b"), Measure(3, "c", 3, id="c")]
    return PlanData(plan, viewpoints=vps, measures=ms)


def test_build_rows_all_and_filtered():
    d = _data()
    assert [(r.kind, r.viewpoint, r.measure_id) for r in build_rows(d)] == [
        (GROUP, 1, None), (MEASURE, 1, "a"), (MEASURE, 1, "b"), (GROUP, 2, None), (GROUP, 3, None), (MEASURE, 3, "c")]
    assert [(r.kind, r.measure_id) for r in build_rows(d, ["c", "x", "b"])] == [
        (GROUP, None), (MEASURE, "c"), (GROUP, None), (MEASURE, "b")]
    rows = build_rows(d, ["a"], viewpoints=[3, 2])
    assert [(r.kind, r.viewpoint) for r in rows] == [(GROUP, 1), (MEASURE, 1), (GROUP, 2), (GROUP, 3)]


def test_build_rows_nested_groups_get_a_header_per_level():
    d = _data()
    d.viewpoints += [Viewpoint(4, "三の一", parent=3), Viewpoint(5, "三の一の一", parent=4)]
    d.measures.append(Measure(4, "d", 5, id="d"))
    rows = build_rows(d, ["a", "c", "d"])
    assert [(r.kind, r.viewpoint, r.depth) for r in rows] == [
        (GROUP, 1, 0), (MEASURE, 1, 1), (GROUP, 3, 0), (MEASURE, 3, 1), (GROUP, 4, 1), (GROUP, 5, 2), (MEASURE, 5, 3)]
    assert rows[4].title == "4\u3000三の一"
    # an empty group kept by the tree brings the groups above it
    rows = build_rows(d, ["a"], viewpoints=[5])
    assert [(r.kind, r.viewpoint, r.depth) for r in rows] == [
        (GROUP, 1, 0), (MEASURE, 1, 1), (GROUP, 3, 0), (GROUP, 4, 1), (GROUP, 5, 2)]


def test_periods_and_boundaries():
    d = _data()
    spans = period_spans(d.plan)
    assert [(s.period.name, s.first, s.last) for s in spans] == [("前期", 0, 4), ("後期", 5, 9)]
    assert period_boundaries(d.plan) == [5]
    assert period_boundaries(d.plan, list(range(2027, 2030))) == []


def test_geometry():
    g = ChartGeometry.natural(YEARS, line_height=16, char_width=12)
    assert g.label_width == 240 and g.column_width == 78 and g.row_height == round(16 * 1.6)
    assert g.column_left(0) == 240 and g.column_at(240 + 78 * 3 + 1) == 3
    assert g.column_at(10) is None and g.column_at(240 + 78 * 10) is None
    assert g.row_at(g.header_height - 1, 5) is None
    assert g.row_at(g.header_height + g.row_height * 2.5, 5) == 2
    x, y, w, h = g.bar_box(2023, 2025, g.row_top(0))
    assert g.column_left(1) < x < g.column_left(1) + 5
    assert g.column_left(4) - 5 < x + w < g.column_left(4)
    assert h == pytest.approx(g.row_height * BAR_HEIGHT_RATIO)
    assert y > g.row_top(0) and y + h < g.row_top(1)
    bx, by, bw, bh = g.badge_box(2023, 0)
    assert g.column_left(1) < bx and bx + bw < g.column_left(2) and bw == bh
    assert ChartGeometry.natural(YEARS, 16, 12, label=False).label_width == 0


def test_rating_tone_follows_scale_order():
    d = PlanData(Plan("p", 2022, 2031))
    assert rating_tone(d.rating_scale, "A") == 0.0
    assert rating_tone(d.rating_scale, "D") == 1.0
    assert 0 < rating_tone(d.rating_scale, "B") < rating_tone(d.rating_scale, "C") < 1
    assert rating_tone(d.rating_scale, None) is None and rating_tone(d.rating_scale, "Z") is None


def test_action_items_for_year(seed_data):
    m = seed_data.measure_by_no(10)  # blocks 2022-2023 and 2024-2026
    items_2022 = action_items_for(m, 2022)
    items_2025 = action_items_for(m, 2025)
    assert items_2022 and items_2025 and items_2022 != items_2025
    assert action_items_for(m, 2030) == []
    assert ScheduleEntry(2022, "実施") in m.schedule
