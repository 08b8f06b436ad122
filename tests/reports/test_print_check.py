"""The print check over every report kind, from the bundled plan and from a hostile plan.

Fails on a glyph crossing a rule, a kinsoku violation, a stretched gap inside a
line, type under 7 pt, a font
not embedded or a standard font, a sheet page without its 「№N」 and (double-
sided batches) a measure starting on an even page. See print_check.py.
"""

from __future__ import annotations

import datetime as dt

import print_check as check
import pytest
from print_samples import evaluated_plan, hostile_plan

from plan_desktop.reports.base import ReportOptions

pytestmark = pytest.mark.slow

DATE = dt.date(2026, 11, 29)
HOSTILE_SHEETS = [1, 7, 99999]  # a hostile measure, a plain one and a huge №


def _options(**kw) -> ReportOptions:
    return ReportOptions(invariant=True, print_date=DATE, meeting="第2回推進協議会<臨時>&", document_no="資料3",
                         meeting_date=dt.date(2025, 5, 20), **kw)


@pytest.fixture(scope="module")
def bundled(seed_data):
    return evaluated_plan(seed_data)


@pytest.fixture(scope="module")
def hostile(seed_data):
    return hostile_plan(seed_data)


@pytest.fixture(scope="module")
def demo(seed_data):
    from period_sample import hitachi_demo

    data = hitachi_demo(seed_data)
    for c in data.communities[:5]:
        c.name = c.name + "コミュニティ推進会（仮称）<北>"
    return data


def _assert_clean(pdf: bytes, **kw) -> None:
    problems = check.check(pdf, **kw)
    assert problems == [], "\n".join(problems[:40])


def test_the_check_finds_what_a_careful_reader_finds():
    """The check itself: a hand-made page with each defect is caught."""
    import io

    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    from plan_desktop.reports.fonts import default_fonts

    font = default_fonts().name
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=A4)
    c.setFont(font, 9)
    c.line(100, 700, 100, 760)
    c.drawString(90, 730, "はみ出し")  # crosses the rule at x=100
    c.drawString(200, 730, "、で始まる行")
    c.drawString(200, 715, "括弧で終わる行（")
    c.setFont(font, 6)
    c.drawString(200, 700, "小さい字")
    stretched = c.beginText(200, 660)
    stretched.setFont(font, 9)
    stretched.setCharSpace(3)
    stretched.textOut("財政基盤の強化")
    c.drawText(stretched)
    c.setFont("Helvetica", 9)
    c.drawString(200, 680, "x")
    c.showPage()
    c.save()
    problems = "\n".join(check.check(buf.getvalue()))
    assert "crosses the rule" in problems
    assert "line starts with 「、」" in problems and "line ends with 「（」" in problems
    assert "text at 6.0 pt" in problems
    assert "gap of 3.0 pt between 「政」 and 「基」" in problems
    assert "standard font Helvetica" in problems and "font not embedded: Helvetica" in problems


def test_bundled_sheet_batch_is_meeting_ready(bundled):
    """All 35 sheets: fonts, bookmarks, odd-page starts and one page each; every page of the
    measures with an evaluation (and the versos after them) glyph by glyph."""
    from print_samples import FILLED

    from plan_desktop.reports.common import select_measures
    from plan_desktop.reports.sheet import build_sheets

    r = build_sheets(bundled, 2024, options=_options())
    assert check.font_problems(r.pdf) == []
    starts = check.measure_starts(r.pdf)
    assert [n for n, _ in starts] == [m.no for m in bundled.measures]
    assert all(p % 2 == 0 for _, p in starts)  # 0-based index: odd page numbers
    # a typical filled sheet fits one A4 page: each measure is one page and a blank verso
    assert all(b - a == 2 for (_, a), (_, b) in zip(starts, starts[1:]))
    filled = build_sheets(bundled, 2024, select_measures(bundled, FILLED), options=_options())
    _assert_clean(filled.pdf, sheets=True, duplex=True)


def test_blank_forms_start_on_odd_pages_and_one_sided_has_no_versos(bundled):
    from plan_desktop.reports.sheet import build_sheets

    few = bundled.measures[:6]
    r = build_sheets(bundled, 2024, few, blank=True, options=_options())
    _assert_clean(r.pdf, sheets=True, duplex=True)
    starts = check.measure_starts(r.pdf)
    assert all(b - a == 2 for (_, a), (_, b) in zip(starts, starts[1:]))  # a form is one sheet of paper
    # one-page filled sheets: double-sided gets a verso after each, one-sided none
    duplex = build_sheets(bundled, 2024, few[:3], options=_options())
    one_sided = build_sheets(bundled, 2024, few[:3], options=_options(duplex=False))
    assert (duplex.page_count, one_sided.page_count) == (7, 5)
    assert "（白紙）" not in "".join(p.text for p in check.pages(one_sided.pdf))
    _assert_clean(duplex.pdf, sheets=True, duplex=True)


def test_hostile_sheets_keep_every_rule(hostile):
    from plan_desktop.reports.common import select_measures
    from plan_desktop.reports.sheet import build_sheets

    measures = select_measures(hostile, HOSTILE_SHEETS)
    r = build_sheets(hostile, 2024, measures, options=_options(all_blocks=True, stamps=("課長", "係長", "担当")))
    _assert_clean(r.pdf, sheets=True, duplex=True)
    blank = build_sheets(hostile, 2024, measures[:1], blank=True, options=_options())
    _assert_clean(blank.pdf, sheets=True, duplex=True)


@pytest.mark.parametrize("which", ["bundled", "hostile"])
def test_summary_is_meeting_ready(which, request):
    from plan_desktop.reports.summary import build_summary

    data = request.getfixturevalue(which)
    for drafts in (False, True):
        _assert_clean(build_summary(data, 2024, options=_options(include_drafts=drafts)).pdf)


@pytest.mark.parametrize("which", ["demo", "hostile"])
def test_review_is_meeting_ready(which, request):
    from plan_desktop.reports.review import build_review

    data = request.getfixturevalue(which)
    _assert_clean(build_review(data, "前期", options=_options(include_drafts=which == "hostile")).pdf)


@pytest.mark.parametrize("which, paper, span", [
    ("bundled", "A4", None), ("bundled", "A4", (2022, 2031)), ("bundled", "A3", (2022, 2031)),
    ("hostile", "A4", (2022, 2031)), ("hostile", "A3", None),
])
def test_schedule_is_meeting_ready(which, paper, span, request):
    from plan_desktop.reports.schedule_overview import build_schedule

    data = request.getfixturevalue(which)
    lo, hi = span or (None, None)
    r = build_schedule(data, fy_from=lo, fy_to=hi, paper=paper, options=_options())
    _assert_clean(r.pdf)
    for page in check.pages(r.pdf):  # the legend and the column heads on every page
        assert "凡例" in page.text and "担当課" in page.text, page.index


def test_communities_are_meeting_ready(demo):
    from plan_desktop.reports.community_matrix import build_community_matrix

    r = build_community_matrix(demo, options=_options())
    _assert_clean(r.pdf)
    text = "".join(p.text for p in check.pages(r.pdf))
    assert "令和8年11月29日現在" in text.replace(" ", "") or "令和7年度末現在" in text.replace(" ", "")
