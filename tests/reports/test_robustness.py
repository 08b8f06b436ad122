"""Any text in any field lays out: no LayoutError, nothing dropped (property-based)."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plan_desktop.domain.model import (
    ActionBlock, ActionItem, Evaluation, Indicator, Measure, Phase, Plan, PlanData, Proposal, ScheduleEntry, Viewpoint,
)
from plan_desktop.reports.base import ReportOptions
from plan_desktop.reports.schedule_overview import build_schedule
from plan_desktop.reports.sheet import build_sheets
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


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(TEXT, min_size=21, max_size=21))
def test_any_text_lays_out_and_is_printed(texts):
    from pypdf import PdfReader
    import io

    data = _plan(texts)
    opts = ReportOptions(invariant=True)
    for blank in (False, True):
        r = build_sheets(data, 2031, blank=blank, options=opts)
        assert r.page_count >= 1
    r = build_sheets(data, 2031, options=opts)
    body = _norm("".join(p.extract_text() for p in PdfReader(io.BytesIO(r.pdf)).pages))
    for field in (5, 6, 10, 13):
        piece = _norm(texts[field])
        if len(piece) < 200:  # short texts are never split by a page break
            assert piece in body, field
    build_schedule(data, options=opts)
    build_summary(data, 2031, options=opts)
