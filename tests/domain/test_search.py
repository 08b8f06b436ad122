"""Search terms: folded text, and terms that name a fiscal year."""

from __future__ import annotations

import pytest

from plan_desktop.domain.model import ActionBlock, ActionItem, Evaluation, Measure, ScheduleEntry
from plan_desktop.domain.search import matched_fields, measure_matches, query_terms, year_of_term


def _measure(**kw) -> Measure:
    base = dict(no=1, title="地域のつながり", viewpoint=1)
    base.update(kw)
    return Measure(**base)


@pytest.mark.parametrize("text, fy", [("R6", 2024), ("r6", 2024), ("令和6", 2024), ("令和６年度", 2024),
                                      ("令和元年", 2019), ("H30", 2018), ("2024年度", 2024)])
def test_terms_that_name_a_fiscal_year(text, fy):
    assert [year_of_term(t) for t in query_terms(text)] == [fy]


@pytest.mark.parametrize("text", ["2024", "r", "令和", "rice", "6"])
def test_other_terms_name_no_year(text):
    assert all(year_of_term(t) is None for t in query_terms(text))


def test_a_year_term_finds_content_of_that_year():
    m = _measure(action_plan=[ActionBlock(fy_from=2023, fy_to=2026, items=[ActionItem(text="講座の開催")])])
    assert measure_matches(m, query_terms("R6")) and measure_matches(m, query_terms("令和6 講座"))
    assert not measure_matches(m, query_terms("R10"))
    assert measure_matches(_measure(schedule=[ScheduleEntry(2031, "実施")]), query_terms("令和13年度"))
    assert measure_matches(_measure(evaluations=[Evaluation(fy=2022)]), query_terms("r4"))
    assert not measure_matches(_measure(), query_terms("r4"))


def test_kana_and_where_it_was_found():
    m = _measure(departments=["生活環境部 コミュニティ推進課"],
                 action_plan=[ActionBlock(fy_from=2024, fy_to=2024, items=[ActionItem(text="ボランティアの募集")])])
    assert measure_matches(m, query_terms("こみゅにてぃ"))
    assert matched_fields(m, query_terms("ぼらんてぃあ")) == ["行動計画"]
    assert matched_fields(m, query_terms("つながり R6")) == ["名称", "年度"]
