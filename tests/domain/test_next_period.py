"""Drafting the next period: defaults, merging, numbering, building."""

import pytest
from period_sample import sample_plan

from plan_desktop.domain.next_period import (
    add_row,
    build_next_period,
    default_draft,
    draft_problems,
    merge_rows,
    renumber,
)


def test_default_draft_leaves_out_closed_and_abolished_measures():
    data = sample_plan()
    rows = default_draft(data, "第1期")
    assert [(r.title, r.include) for r in rows] == [
        ("担い手の育成", False), ("地域の拠点づくり", True), ("情報誌の発行", False),
        ("自治会の加入促進", True), ("配布方式の見直し", True)]
    assert rows[0].reason == "方向性: 完了（令和4年度）" and rows[2].reason.startswith("方向性: 廃止")
    assert [r.no for r in rows if r.include] == [6, 7, 8]  # after the highest № in use
    assert draft_problems(data, rows) == []


def test_merge_add_renumber_and_problems():
    data = sample_plan()
    rows = default_draft(data, "第1期")
    merged = merge_rows(rows, rows[1].key, rows[3].key)
    assert len(merged) == 4
    assert merged[1].title == "地域の拠点づくり／自治会の加入促進"
    assert merged[1].predecessor_ids == [data.measures[1].id, data.measures[3].id]
    added = add_row(merged, "新しい取組", 2)
    assert added[-1].no == max(r.no for r in merged if r.include) + 1
    clash = renumber(added, 1)
    assert any("既に「担い手の育成」で使われています" in p for p in draft_problems(data, clash))
    clash[-1].title = " "
    assert any("名称が空" in p for p in draft_problems(data, clash))
    with pytest.raises(ValueError):
        merge_rows(rows, rows[0].key, rows[0].key)


def test_build_links_predecessors_and_starts_empty_for_the_new_years():
    data = sample_plan()
    rows = default_draft(data, "第1期")
    rows = merge_rows(rows, rows[1].key, rows[3].key, title="拠点と加入")
    result = build_next_period(data, "第1期", "第2期", rows)
    new = result.new_measures
    assert [m.title for m in new] == ["拠点と加入", "配布方式の見直し"]
    first = new[0]
    assert first.period == "第2期" and first.predecessor_ids == [data.measures[1].id, data.measures[3].id]
    assert first.schedule == [] and first.evaluations == []
    assert first.departments == ["市民部 協働課", "総務部 企画課"]
    # seeded from №2's last 改善策, as one item in the new period's first year
    assert [(b.fy_from, b.fy_to, [i.text for i in b.items]) for b in first.action_plan] == [(2023, 2023, ["募集"])]
    assert first.community is not None and first.community.done_text == "改訂済み"
    assert new[1].action_plan == []
    unseeded = build_next_period(data, "第1期", "第2期", rows, seed_improvements=False)
    assert unseeded.new_measures[0].action_plan == []
    assert [m.period for m in result.tagged] == ["第1期"] * 5
    assert all(m.period is None for m in data.measures)  # pure: the input is untouched


def test_build_refuses_a_target_before_the_source():
    data = sample_plan()
    with pytest.raises(ValueError, match="より後の期間"):
        build_next_period(data, "第2期", "第1期", default_draft(data, "第2期"))


def test_a_measure_that_ended_before_the_period_did_is_not_carried_over_by_default():
    from other_city import other_city_plan

    data = other_city_plan()
    ended = next(m for m in data.measures if m.code == "2010203")
    assert ended.fy_to == 2019  # 第1期 runs to 2020
    ended.evaluations = [e for e in ended.evaluations if e.fy < 2019]  # no closing direction to explain it
    for e in ended.evaluations:
        e.direction = "維持"
    row = next(r for r in default_draft(data, "第1期") if r.predecessor_ids == [ended.id])
    assert not row.include and row.reason == "実施期間: 令和元年度まで" and row.no == 0
