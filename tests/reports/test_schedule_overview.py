"""推進事項一覧及び工程."""

from __future__ import annotations

import pytest

from plan_desktop.reports.common import SelectionError
from plan_desktop.reports.schedule_overview import build_schedule


def test_overview_lists_every_measure_with_relations_and_departments(plan, options, pdf):
    r = build_schedule(plan, options=options)
    reader = pdf.reader(r.pdf)
    box = reader.pages[0].mediabox
    assert float(box.width) > float(box.height)  # landscape
    text = pdf.body_text(r.pdf, top_margin=17 * 72 / 25.4, bottom_margin=12 * 72 / 25.4)
    for m in plan.measures:
        assert pdf.norm(m.title) in text, m.no
        for d in m.departments:
            assert pdf.norm(d) in text
    for v in plan.viewpoints:
        assert pdf.norm(v.title) in text
    # one ◎ per strong relation, and one in the legend of every page
    assert text.count("◎") == sum(1 for m in plan.measures for v in m.proposals.values() if v == "◎") + r.page_count
    for p in plan.phases:
        assert pdf.norm(p.name) in text  # legend
    assert "令和4年度" in text and "令和8年度" in text and "令和9年度" not in text


def test_a3_is_bigger(plan, options, pdf):
    a3 = build_schedule(plan, paper="A3", options=options)
    box = pdf.reader(a3.pdf).pages[0].mediabox
    assert round(float(box.width)) == 1191 and round(float(box.height)) == 842


def test_year_range_and_errors(plan, options, pdf):
    r = build_schedule(plan, fy_from=2025, fy_to=2031, options=options)
    text = pdf.all_text(r.pdf)
    assert "令和7年度" in text and "令和13年度" in text and "令和6年度" not in text
    with pytest.raises(SelectionError):
        build_schedule(plan, fy_from=2026, fy_to=2024, options=options)
    with pytest.raises(SelectionError):
        build_schedule(plan, fy_from=2010, options=options)
    with pytest.raises(ValueError):
        build_schedule(plan, paper="B5", options=options)


def test_phases_come_from_the_data(small_plan, options, pdf):
    r = build_schedule(small_plan, options=options)
    text = pdf.all_text(r.pdf)
    for name in ("調査", "構築", "運用", "未定義の段階"):
        assert name in text
    for m in small_plan.measures:
        assert pdf.norm(m.title) in text
    assert "関連項目5" in text and "視点その九" in text
    assert r.warnings == []


def test_phase_bars_use_the_phase_colours(small_plan, options):
    """The fill colours of the bars are the plan's phase colours."""
    import re
    import zlib

    from plan_desktop.reports.base import ReportOptions

    r = build_schedule(small_plan, options=ReportOptions(invariant=True, compress=False))
    raw = r.pdf
    try:
        raw += zlib.decompress(raw)
    except zlib.error:
        pass
    assert re.search(rb"\b1 0 0 rg", raw)  # 調査 #ff0000
    assert re.search(rb"\b0 \.666667 0 rg", raw)  # 構築 #00aa00
