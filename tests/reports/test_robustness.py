"""Any text in any field lays out: no LayoutError, nothing dropped (property-based)."""

from __future__ import annotations

import io
import re

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from property_budget import examples
from pypdf import PdfReader

from plan_desktop.domain.model import (
    ActionBlock, ActionItem, Evaluation, Indicator, Measure, Phase, Plan, PlanData, Proposal, ScheduleEntry, Viewpoint,
)
from plan_desktop.reports import styles as S
from plan_desktop.reports.base import ReportOptions
from plan_desktop.reports.schedule_overview import build_schedule
from plan_desktop.reports.sheet import LABEL_W, build_sheets
from plan_desktop.reports.summary import build_summary

# Characters the embedded font has, including markup characters and spaces.
ALPHABET = st.sampled_from(list("あいうえおかきくけこアイウエオ漢字行動計画評価推進事項")
                           + list("abcXYZ0189 <>&;/\"'=()[]{}#%") + ["　", "\n", "、", "。", "・", "■", "◎", "№"])
TEXT = st.one_of(
    st.text(ALPHABET, max_size=60),
    st.text(ALPHABET, min_size=200, max_size=1500),
    st.builds(lambda s, n: (s or "長") * n, st.text(ALPHABET, min_size=1, max_size=8), st.integers(300, 1200)),
)


def _norm(s: str) -> str:
    return re.sub(r"[\s\u00a0\u3000]+", "", s)


def _plan(t: list[str]) -> PlanData:
    plan = Plan(title=t[0][:200] or "計画", fy_start=2030, fy_end=2032)
    m = Measure(no=1, title=t[1], viewpoint=1, priority=True, departments=[t[2], t[3][:50]],
                proposals={1: "◎", 2: t[4][:3]}, issue=t[5], content=t[6],
                action_plan=[ActionBlock(2030, 2032, [ActionItem(t[7], [t[8]])])],
                schedule=[ScheduleEntry(2030, t[9][:40] or "準備"), ScheduleEntry(2031, "実施")],
                evaluations=[Evaluation(fy=2031, rating="A", achievements=t[10], issues=t[11], improvements=t[12],
                                        committee_opinion=t[13], self_comment=t[14], self_author=t[15][:80],
                                        indicators=[Indicator(t[16][:500], t[17][:20], 1, 2, 3)],
                                        extra={"memo": t[18]})])
    return PlanData(plan=plan, proposals=[Proposal(1, t[19][:300]), Proposal(2, "二")],
                    viewpoints=[Viewpoint(1, t[20][:500])], measures=[m],
                    phases=[Phase(t[9][:40] or "準備", "#123456"), Phase("実施", "#abcdef")])


CONTINUATION_SIZE = 10  # type size of the continuation header's title (sheet.continuation_header)


def _content_column(pdf: bytes) -> str:
    """The text right of the sheet's label column, page after page.

    Labels (including the （続き） of a row continued on the next page), the
    running header and footer and the continuation header (№ and title with
    （続き）, set in 10 pt at the top of each following page) are left out, so a
    field split by a page break reads as one piece again.
    """
    setup = S.PageSetup("A4", "portrait")
    left, _, top, bottom = setup.margins
    x_min, y_min, y_max = left + LABEL_W, bottom, setup.size[1] - top
    parts: list[str] = []

    def visit(text, cm, tm, font, size):
        x = cm[0] * tm[4] + cm[2] * tm[5] + cm[4]
        y = cm[1] * tm[4] + cm[3] * tm[5] + cm[5]
        if x >= x_min and y_min <= y <= y_max and abs(size - CONTINUATION_SIZE) > 0.01:
            parts.append(text)

    for page in PdfReader(io.BytesIO(pdf)).pages:
        page.extract_text(visitor_text=visit)
    return _norm("".join(parts))


# The case hypothesis found (seed 25669265952728128947376688289516150826): a long 担当部課
# (there 1,692 characters beside long proposal and viewpoint names, here 1,890 on its own)
# fills page 1, so 推進内容 (197 characters) starts there and continues on page 2 under
# 推進内容（続き）. The old invariant ("short texts are never split") failed on it.
LONG_DEPARTMENT = [""] * 21
LONG_DEPARTMENT[1] = "事計■1<い、"
LONG_DEPARTMENT[2] = "<評・" * 630
LONG_DEPARTMENT[6] = (
    "bか 行きエ=;>う=項c8#進\n価行こあア;9あ&ウ#こ099漢a\u3000項動b事1%エa◎行1\n字項進動くオ}エ9([ 動、け} ]Yか&あ]"
    "項◎%'・進b9bえ計あ&くか◎お\n評画か<く%漢◎\"オ/>X評b・>0'ア、計■ああ。1こ[(動] あ)1い漢。・、行動行。■漢き字c・\")']"
    "№/エ\n'c◎>う◎価評くc>オX\"%おい(きこ/#=漢)]8%動'おY計X計\nbc()オb\u3000c◎\u3000\u3000{>\u3000事;動項行{aおc{計%89")


@settings(max_examples=examples(12), suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(TEXT, min_size=21, max_size=21))
@example(LONG_DEPARTMENT)
def test_any_text_lays_out_and_is_printed(texts):
    data = _plan(texts)
    opts = ReportOptions(invariant=True)
    r = build_sheets(data, 2031, blank=True, options=opts)
    assert r.page_count >= 1
    r = build_sheets(data, 2031, options=opts)
    assert r.page_count >= 1
    body = _content_column(r.pdf)
    for field in (2, 5, 6, 10, 13):  # 担当部課, 課題, 推進内容, 取組実績, 推進協議会等の意見: whole, in order
        assert _norm(texts[field]) in body, field
    build_schedule(data, options=opts)
    build_summary(data, 2031, options=opts)


def test_a_field_continued_on_the_next_page_is_found_whole_in_the_content_column():
    data = _plan(LONG_DEPARTMENT)
    split = False
    for times in (1, 4, 9):  # 推進内容 beside a department name that fills most of page 1
        text = LONG_DEPARTMENT[6] * times
        data.measures[0].content = text
        r = build_sheets(data, 2031, options=ReportOptions(invariant=True))
        pages = [_norm(p.extract_text()) for p in PdfReader(io.BytesIO(r.pdf)).pages]
        content = _norm(text)
        split = split or not any(content in p for p in pages)
        # wherever the page break falls, nothing of it is lost
        assert content in _content_column(r.pdf), times
    assert split  # the case that matters did occur: the field really was split by a page break
