"""Batches: cover, table of contents, bookmarks, progress and cancel."""

from __future__ import annotations

import re

import pytest

from plan_desktop.reports.base import Cancelled, ReportOptions
from plan_desktop.reports.sheet import build_sheets


@pytest.mark.slow
def test_batch_has_cover_toc_and_bookmarks(evaluated, options, pdf):
    data = evaluated
    r = build_sheets(data, 2024, options=options)
    outline = pdf.outline(r.pdf)
    titles = [t for _, t, _ in outline]
    assert titles[:2] == ["表紙", "目次"]
    vp_entries = [(t, p) for lv, t, p in outline if lv == 0][2:]
    measure_entries = [(t, p) for lv, t, p in outline if lv == 1]
    assert [t for t, _ in vp_entries] == [f"{v.no}\u3000{v.title}" for v in data.viewpoints]
    assert [t for t, _ in measure_entries] == [m.display_title for m in data.measures]
    reader = pdf.reader(r.pdf)
    assert r.page_count == len(reader.pages)
    pages = [p for _, p in measure_entries]
    assert pages == sorted(pages) and len(set(pages)) == len(pages)
    # each bookmark points at the page where that measure's sheet begins
    for m, page in zip(data.measures, pages):
        text = pdf.norm(reader.pages[page].extract_text())
        assert f"推進事項№{m.no}" in text, m.no
    # the table of contents prints the same page numbers (1-based)
    toc = pdf.norm("".join(reader.pages[i].extract_text() for i in range(1, pages[0])))
    for m, page in zip(data.measures, pages):
        assert re.search(re.escape(pdf.norm(m.title)) + r".*?" + str(page + 1), toc), m.no
    assert "目次" in toc


def test_selection_keeps_plan_order_and_single_sheet_has_no_cover(plan, options, pdf):
    from plan_desktop.reports.common import select_measures

    chosen = select_measures(plan, [8, 1, 5, 6, 7])
    assert [m.no for m in chosen] == [1, 5, 6, 7, 8]
    r = build_sheets(plan, 2024, chosen, options=options)
    text = pdf.all_text(r.pdf)
    assert "推進事項5件（№1、№5～№8）" in text
    one = build_sheets(plan, 2024, chosen[:1], options=options)
    assert "目次" not in pdf.all_text(one.pdf)
    assert pdf.outline(one.pdf) == []
    nocover = build_sheets(plan, 2024, chosen, cover=False, options=options)
    assert nocover.page_count < r.page_count
    assert [t for lv, t, _ in pdf.outline(nocover.pdf) if lv == 1] == [m.display_title for m in chosen]


def test_progress_is_reported_per_sheet_and_cancel_stops(plan):
    seen = []
    build_sheets(plan, 2024, plan.measures[:6], options=ReportOptions(progress=lambda d, t: seen.append((d, t))))
    assert seen == [(i, 6) for i in range(1, 7)]

    def cancel(done, total):
        if done == 2:
            raise Cancelled

    with pytest.raises(Cancelled):
        build_sheets(plan, 2024, plan.measures[:6], options=ReportOptions(progress=cancel))


def test_blank_batch(plan, options, pdf):
    r = build_sheets(plan, 2024, plan.measures[:3], blank=True, options=options)
    assert "記入用" in pdf.all_text(r.pdf)
    assert r.page_count == 2 + 3 * 2  # cover, contents, two pages per form


def test_empty_selection_still_makes_a_document(plan, options, pdf):
    r = build_sheets(plan, 2024, [], options=options)
    assert r.page_count >= 1
    assert "対象の推進事項がありません" in pdf.all_text(r.pdf)


@pytest.mark.slow
def test_large_generated_plan_scales(plan, options):
    """Cloned measures (the benchmark's method) lay out without trouble."""
    import copy

    from plan_desktop.domain.model import new_id

    big = copy.deepcopy(plan)
    for k in range(1, 3):
        for m in plan.measures:
            c = copy.deepcopy(m)
            c.id, c.no = new_id(), m.no + 100 * k
            big.measures.append(c)
    r = build_sheets(big, 2024, options=options)
    assert r.page_count > 3 * len(plan.measures)
