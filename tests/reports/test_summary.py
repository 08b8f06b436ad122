"""評価結果一覧."""

from __future__ import annotations

import pytest

from plan_desktop.domain.evaluation import overview
from plan_desktop.reports.common import SelectionError
from plan_desktop.reports.summary import build_summary


def test_summary_lines_and_counts(evaluated, options, pdf):
    r = build_summary(evaluated, 2024, options=options)
    text = pdf.body_text(r.pdf)
    for m in evaluated.measures:
        assert pdf.norm(m.title) in text
        e = m.evaluation_for(2024)
        if e is not None:
            assert pdf.norm(f"{m.no}") in text
    ov = overview(evaluated, 2024, include_drafts=False)  # paper counts confirmed ratings only
    letters = [lv.letter for lv in evaluated.rating_scale]
    for row in [*ov.rows, ov.total]:
        cells = [str(row.counts[x]) for x in letters] + [str(row.unevaluated), str(row.measures)]
        assert "".join(cells) in text, row.title
    assert "件数" in text  # the chart
    assert pdf.norm("評価の集計") in text
    assert [t for _, t, _ in pdf.outline(r.pdf)] == ["評価結果一覧", "評価の集計"]


def test_summary_without_evaluations(plan, options, pdf):
    r = build_summary(plan, 2024, options=options)
    text = pdf.body_text(r.pdf)
    n = len(plan.measures)
    assert text.count("未評価") >= n
    assert f"{n}{n}－" in text  # total row: unevaluated, count, no average


def test_summary_other_scale(small_plan, options, pdf):
    from plan_desktop.domain.model import Evaluation

    small_plan.measures[0].evaluations.append(Evaluation(fy=2031, rating="S", progress="完了"))
    small_plan.measures[2].evaluations.append(Evaluation(fy=2031, rating="B", progress="実施中"))
    r = build_summary(small_plan, 2031, options=options)
    text = pdf.body_text(r.pdf)
    assert "S大きく進んだ" in text
    assert "視点その七" in text and "視点その九" in text


def test_summary_refuses_years_outside_the_plan(plan, options):
    with pytest.raises(SelectionError):
        build_summary(plan, 2050, options=options)
