"""Fixtures for the report tests: plans with evaluations, and PDF inspection helpers."""

from __future__ import annotations

import copy
import datetime as dt
import io
import re
from types import SimpleNamespace

import pytest

PRINT_DATE = dt.date(2026, 11, 29)


def _norm(text: str) -> str:
    """Text as compared with extracted PDF text: all whitespace removed.

    Leading spaces are printed as no-break spaces and an ideographic space as
    four of them; extraction may also add line breaks where lines wrap.
    """
    return re.sub(r"[\s\u00a0\u3000]+", "", text)


def _reader(pdf: bytes):
    from pypdf import PdfReader

    return PdfReader(io.BytesIO(pdf))


def _body_text(pdf: bytes, *, top_margin: float = 20 * 72 / 25.4, bottom_margin: float = 14 * 72 / 25.4) -> str:
    """The text of all pages without running headers and footers, whitespace removed."""
    reader = _reader(pdf)
    parts: list[str] = []
    for page in reader.pages:
        height = float(page.mediabox.height)
        chunks: list[str] = []

        def visit(text, cm, tm, font_dict, font_size, _chunks=chunks, _h=height):
            y = cm[1] * tm[4] + cm[3] * tm[5] + cm[5]
            if bottom_margin < y < _h - top_margin:
                _chunks.append(text)

        page.extract_text(visitor_text=visit)
        parts.append("".join(chunks))
    return _norm("".join(parts))


def _all_text(pdf: bytes) -> str:
    return _norm("".join(p.extract_text() for p in _reader(pdf).pages))


def _outline(pdf: bytes) -> list[tuple[int, str, int]]:
    """(level, title, page index) of every outline entry, in order."""
    reader = _reader(pdf)
    out: list[tuple[int, str, int]] = []

    def walk(items, level):
        for it in items:
            if isinstance(it, list):
                walk(it, level + 1)
            else:
                out.append((level, it.title, reader.get_destination_page_number(it)))

    walk(reader.outline, 0)
    return out


_CONTINUED = re.compile(r"(推進事項|課題|推進内容|年度別行動計画|取組実績|改善策・|所管課の|推進協議会等の|推進協議会・|"
                        r"今年度の出発点|今年度の取組予定|担当部課|その他)（続き）")


_SHEET_CONTINUED = re.compile(r"推進事項№\d+.{0,100}?（続き）")


def _joined(text: str) -> str:
    """Body text with the continuation header (№ and title with （続き）) and the （続き）
    labels of rows continued on a new page taken out."""
    return _CONTINUED.sub("", _SHEET_CONTINUED.sub("", text))


@pytest.fixture
def pdf():
    return SimpleNamespace(norm=_norm, reader=_reader, body_text=_body_text, all_text=_all_text, outline=_outline,
                           joined=_joined)


@pytest.fixture
def options():
    from plan_desktop.reports.base import ReportOptions

    return ReportOptions(invariant=True, print_date=PRINT_DATE)


@pytest.fixture
def plan(seed_data):
    """A private copy of the bundled plan."""
    return copy.deepcopy(seed_data)


def add_evaluations(data, fy: int) -> None:
    """Evaluations for most measures of *data* in *fy*, with every field filled."""
    from plan_desktop.domain.model import DIRECTIONS, PROGRESS_STATES, Evaluation, Indicator

    letters = [lv.letter for lv in data.rating_scale]
    for i, m in enumerate(data.measures):
        if i % 5 == 4:
            continue  # left without an evaluation on purpose
        m.evaluations.append(Evaluation(
            fy=fy,
            rating=letters[i % len(letters)],
            progress=PROGRESS_STATES[i % len(PROGRESS_STATES)],
            achievements=f"№{m.no}取組実績：検討委員会を{i + 1}回開催した。\n  字下げした二行目",
            issues=f"№{m.no}課題：担い手が不足している。",
            improvements=f"№{m.no}改善策：各地区で説明会を開く。",
            direction=DIRECTIONS[i % len(DIRECTIONS)],
            committee_opinion=f"№{m.no}協議会意見：<b>&amp;</b> は書いたとおりに印刷される。",
            status="所管課確定",
            starting_point=f"№{m.no}出発点：前年度の課題",
            planned_actions=f"№{m.no}取組予定：前年度の改善策",
            indicators=[Indicator(f"№{m.no}指標：説明会の開催回数", "回", 0, 10, 7),
                        Indicator("参加者数", "人", 120, 300, 256)],
            self_rating=letters[(i + 1) % len(letters)],
            self_comment=f"№{m.no}所管課コメント：概ね順調。",
            self_author="コミュニティ推進課　日立太郎",
            self_date="2025-03-15",
            council_rating=letters[i % len(letters)],
            council_date="2025-05-20",
            extra={"memo": f"№{m.no}追加の記録"},
        ))


@pytest.fixture
def evaluated(plan):
    add_evaluations(plan, 2024)
    return plan


@pytest.fixture
def small_plan():
    """A plan unlike the bundled one: other years, viewpoints, phases, proposals and scale."""
    from plan_desktop.domain.model import (
        ActionBlock,
        ActionItem,
        Measure,
        Period,
        Phase,
        Plan,
        PlanData,
        Proposal,
        RatingLevel,
        ScheduleEntry,
        Viewpoint,
    )

    plan = Plan(title="テスト市　協働推進計画", fy_start=2030, fy_end=2033,
                periods=[Period("全期", 2030, 2033)])
    phases = [Phase("調査", "#ff0000"), Phase("構築", "#00aa00"), Phase("運用", "not-a-colour")]
    scale = [RatingLevel("S", "大きく進んだ", "目標を上回る", 3), RatingLevel("A", "進んだ", "", 2),
             RatingLevel("B", "進まない", "見直しが必要", 1)]
    proposals = [Proposal(1, "第一提言", short="連携"), Proposal(2, "第二提言", short="人材"),
                 Proposal(3, "第三提言"), Proposal(4, "第四提言", short="広報"), Proposal(5, "第五提言")]
    viewpoints = [Viewpoint(7, "視点その七"), Viewpoint(9, "視点その九")]
    measures = []
    for k, (vp, no) in enumerate([(7, 101), (7, 102), (9, 205), (9, 206)]):
        measures.append(Measure(
            no=no, title=f"事項{no}の名称", viewpoint=vp, priority=k % 2 == 0,
            departments=[f"第{k}部 第{k}課", "企画課"], proposals={1 + k: "◎", 5: "○"},
            issue=f"事項{no}の課題", content=f"事項{no}の推進内容",
            action_plan=[ActionBlock(2030, 2031, [ActionItem(f"事項{no}の行動", [f"事項{no}の細目"])]),
                         ActionBlock(2032, 2033, [ActionItem(f"事項{no}の後半の行動")])],
            schedule=[ScheduleEntry(2030, "調査"), ScheduleEntry(2031, "構築"), ScheduleEntry(2032, "運用"),
                      ScheduleEntry(2033, "未定義の段階")],
        ))
    return PlanData(plan=plan, proposals=proposals, viewpoints=viewpoints, measures=measures, phases=phases,
                    rating_scale=scale)
