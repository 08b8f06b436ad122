"""Validation rules for a whole plan and for single measures.

Every rule returns :class:`Problem` objects naming where the problem is, as a
JSON-style path (``measures[3].action_plan[0].fy_from``) and, for the UI, the
field, with a Japanese message. Nothing here raises on bad data: callers
decide whether a problem blocks a write (it always does for imports).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .evaluation import evaluation_field_problems
from .groups import structure_problems
from .model import (
    RELATION_MARKS,
    Measure,
    PlanData,
    Proposal,
    Viewpoint,
)
from .problems import MAX_NAME, MAX_TEXT, Problem, ValidationError, text_problem
from .terms import terms_problems

__all__ = ["Problem", "ValidationError", "text_problem", "fy_range_problems", "evaluation_problems", "validate_measure",
           "validate_plan", "code_problems", "MAX_CODE_LENGTH"]

# Fiscal years a plan may cover: from the first era the labels know (昭和) to far ahead.
MIN_FY = 1926
MAX_FY = 2200
_COLOR = re.compile(r"^#[0-9A-Fa-f]{6}$")

# Display codes are printed in narrow № columns; layouts are made for 8 characters.
MAX_CODE_LENGTH = 12


def fy_range_problems(fy_from: int, fy_to: int, plan_from: int, plan_to: int, path: str) -> list[Problem]:
    out = []
    if fy_from > fy_to:
        out.append(Problem(f"{path}.fy_from", f"開始年度（{fy_from}）が終了年度（{fy_to}）より後です"))
    for key, fy in (("fy_from", fy_from), ("fy_to", fy_to)):
        if not plan_from <= fy <= plan_to:
            out.append(Problem(f"{path}.{key}", f"年度 {fy} は計画期間（{plan_from}～{plan_to}）の外です"))
    return out


#: The largest measure № (far above any plan; keeps numbers inside what the file can store).
MAX_MEASURE_NO = 99999


def validate_measure(m: Measure, data: PlanData, path: str = "measure") -> list[Problem]:
    """Problems of one measure in the context of its plan."""
    out: list[Problem] = []
    plan = data.plan
    if not isinstance(m.no, int) or isinstance(m.no, bool) or not 1 <= m.no <= MAX_MEASURE_NO:
        out.append(Problem(f"{path}.no", f"№は1～{MAX_MEASURE_NO}の整数でなければなりません"))
    for key, label, required in (("title", "名称", True), ("issue", "課題", False), ("content", "推進内容", False)):
        p = text_problem(getattr(m, key), f"{path}.{key}", required=required, label=label,
                         limit=MAX_NAME if key == "title" else MAX_TEXT)
        if p:
            out.append(p)
    terms = data.terms
    if m.viewpoint not in {v.no for v in data.viewpoints}:
        out.append(Problem(f"{path}.viewpoint", f"所属するグループ {m.viewpoint} はありません"))
    out += code_problems(m.code, f"{path}.code")
    for key in ("fy_from", "fy_to"):
        value = getattr(m, key)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            out.append(Problem(f"{path}.{key}", f"実施年度は整数でなければなりません（{value!r}）"))
    if all(isinstance(getattr(m, k), int) or getattr(m, k) is None for k in ("fy_from", "fy_to")):
        lo = m.fy_from if m.fy_from is not None else plan.fy_start
        hi = m.fy_to if m.fy_to is not None else plan.fy_end
        if m.fy_from is not None or m.fy_to is not None:
            out += fy_range_problems(lo, hi, plan.fy_start, plan.fy_end, path)
    for i, d in enumerate(m.departments):
        p = text_problem(d, f"{path}.departments[{i}]", required=True, label="担当部課", limit=MAX_NAME)
        if p:
            out.append(p)
    if len(set(m.departments)) != len(m.departments):
        out.append(Problem(f"{path}.departments", "同じ担当部課が重複しています"))
    preds = m.predecessor_ids
    if not isinstance(preds, (list, tuple)) or not all(isinstance(x, str) and x for x in preds):
        out.append(Problem(f"{path}.predecessors", f"前の期間の{data.terms.measure}は id（文字列）の並びでなければなりません"))
    proposal_nos = {p.no for p in data.proposals}
    for no, mark in m.proposals.items():
        if no not in proposal_nos:
            out.append(Problem(f"{path}.proposals.{no}", f"{terms.cross_reference} {no} はありません"))
        if mark not in RELATION_MARKS:
            out.append(Problem(f"{path}.proposals.{no}", f"関連性は ◎ か ○ でなければなりません（{mark!r}）"))
    for bi, block in enumerate(m.action_plan):
        bpath = f"{path}.action_plan[{bi}]"
        out += fy_range_problems(block.fy_from, block.fy_to, plan.fy_start, plan.fy_end, bpath)
        for ii, item in enumerate(block.items):
            p = text_problem(item.text, f"{bpath}.items[{ii}].text", required=True, label="行動計画の項目")
            if p:
                out.append(p)
            for si, sub in enumerate(item.sub):
                p = text_problem(sub, f"{bpath}.items[{ii}].sub[{si}]", required=True, label="行動計画の細目")
                if p:
                    out.append(p)
    phases = {p.name for p in data.phases}
    seen_fy: set[int] = set()
    for si, s in enumerate(m.schedule):
        spath = f"{path}.schedule[{si}]"
        if not plan.fy_start <= s.fy <= plan.fy_end:
            out.append(Problem(f"{spath}.fy", f"年度 {s.fy} は計画期間（{plan.fy_start}～{plan.fy_end}）の外です"))
        if s.fy in seen_fy:
            out.append(Problem(f"{spath}.fy", f"年度 {s.fy} の工程が重複しています"))
        seen_fy.add(s.fy)
        if s.phase not in phases:
            out.append(Problem(f"{spath}.phase", f"工程の区分「{s.phase}」は定義されていません"))
    letters = {r.letter for r in data.rating_scale}
    seen_fy = set()
    for ei, e in enumerate(m.evaluations):
        epath = f"{path}.evaluations[{ei}]"
        out += evaluation_problems(e, data, epath)
        if e.fy in seen_fy:
            out.append(Problem(f"{epath}.fy", f"年度 {e.fy} の評価が重複しています"))
        seen_fy.add(e.fy)
    del letters
    return out


def code_problems(code: object, path: str) -> list[Problem]:
    """A display code: None, or text of at most MAX_CODE_LENGTH characters without line breaks."""
    if code is None:
        return []
    p = text_problem(code, path, label="表示コード")
    if p:
        return [p]
    assert isinstance(code, str)
    if "\n" in code or "\r" in code:
        return [Problem(path, "表示コードに改行は使えません")]
    if len(code) > MAX_CODE_LENGTH:
        return [Problem(path, f"表示コード「{code}」は{MAX_CODE_LENGTH}文字以内にしてください")]
    return []


def evaluation_problems(e, data: PlanData, path: str) -> list[Problem]:
    out: list[Problem] = []
    plan = data.plan
    terms = data.terms
    if not plan.fy_start <= e.fy <= plan.fy_end:
        out.append(Problem(f"{path}.fy", f"年度 {e.fy} は計画期間（{plan.fy_start}～{plan.fy_end}）の外です"))
    letters = [r.letter for r in data.rating_scale]
    if e.rating is not None and e.rating not in letters:
        out.append(Problem(f"{path}.rating", f"評価「{e.rating}」は評価基準（{'/'.join(letters)}）にありません"))
    directions = terms.direction_names
    if e.direction is not None and e.direction not in directions:
        out.append(Problem(f"{path}.direction", f"今後の方向性「{e.direction}」は選択肢（{'/'.join(directions)}）にありません"))
    if e.status not in terms.status_codes:
        labels = "/".join(terms.status_labels())
        out.append(Problem(f"{path}.status", f"状態「{terms.status_label(e.status)}」は選択肢（{labels}）にありません"))
    progress = terms.progress_names
    if e.progress is not None and e.progress not in progress:
        out.append(Problem(f"{path}.progress", f"取組状況「{e.progress}」は選択肢（{'/'.join(progress)}）にありません"))
    for key in ("achievements", "issues", "improvements", "committee_opinion"):
        p = text_problem(getattr(e, key), f"{path}.{key}")
        if p:
            out.append(p)
    out += evaluation_field_problems(e, data.rating_scale, path, terms)
    return out


def validate_plan(data: PlanData) -> list[Problem]:
    """Every problem in a whole plan document."""
    out: list[Problem] = []
    plan = data.plan
    p = text_problem(plan.title, "plan.title", required=True, label="計画名", limit=MAX_NAME)
    if p:
        out.append(p)
    if plan.fy_start > plan.fy_end:
        out.append(Problem("plan.fy_start", f"計画の開始年度（{plan.fy_start}）が終了年度（{plan.fy_end}）より後です"))
    for key in ("fy_start", "fy_end"):
        fy = getattr(plan, key)
        if not MIN_FY <= fy <= MAX_FY:
            out.append(Problem(f"plan.{key}", f"計画の年度 {fy} は {MIN_FY}～{MAX_FY} の西暦で指定してください"))
    for i, period in enumerate(plan.periods):
        p = text_problem(period.name, f"plan.periods[{i}].name", required=True, label="期間の名称")
        if p:
            out.append(p)
        out += fy_range_problems(period.fy_start, period.fy_end, plan.fy_start, plan.fy_end, f"plan.periods[{i}]")
    if len({x.name for x in plan.periods}) != len(plan.periods):
        out.append(Problem("plan.periods", "期間の名称が重複しています"))
    out += terms_problems(data.terms)
    unit = data.terms.community_unit
    for i, c in enumerate(data.communities):
        p = text_problem(c.name, f"communities[{i}].name", required=True, label=f"{unit}の名称")
        if p:
            out.append(p)
    if len({c.name for c in data.communities}) != len(data.communities):
        out.append(Problem("communities", f"{unit}の名称が重複しています"))
    numbered: list[tuple[str, Sequence[Proposal | Viewpoint]]] = [
        ("proposals", data.proposals), ("viewpoints", data.viewpoints)]
    for kind, items in numbered:
        seen: set[int] = set()
        for i, item in enumerate(items):
            if item.no in seen:
                out.append(Problem(f"{kind}[{i}].no", f"番号 {item.no} が重複しています"))
            seen.add(item.no)
            p = text_problem(item.title, f"{kind}[{i}].title", required=True, label="名称")
            if p:
                out.append(p)
    for i, v in enumerate(data.viewpoints):
        out += code_problems(v.code, f"viewpoints[{i}].code")
    out += structure_problems(data)
    if not data.viewpoints:
        out.append(Problem("viewpoints", "グループ（最上位の階層）が1つもありません"))
    names = [ph.name for ph in data.phases]
    if len(set(names)) != len(names):
        out.append(Problem("phases", "工程の区分名が重複しています"))
    for i, ph in enumerate(data.phases):
        p = text_problem(ph.name, f"phases[{i}].name", required=True, label="工程の区分名", limit=MAX_NAME)
        if p:
            out.append(p)
        if not isinstance(ph.color, str) or not _COLOR.match(ph.color):
            out.append(Problem(f"phases[{i}].color", f"色は #RRGGBB の形で指定してください（{str(ph.color)[:20]!r}）"))
    letters = [r.letter for r in data.rating_scale]
    if len(set(letters)) != len(letters):
        out.append(Problem("rating_scale", "評価基準の記号が重複しています"))
    seen_no: set[int] = set()
    seen_ids: set[str] = set()
    seen_codes: set[str] = set()
    for i, m in enumerate(data.measures):
        path = f"measures[{i}]"
        if m.no in seen_no:
            out.append(Problem(f"{path}.no", f"{data.terms.measure}№{m.no} が重複しています"))
        seen_no.add(m.no)
        if isinstance(m.code, str) and m.code:
            if m.code in seen_codes:
                out.append(Problem(f"{path}.code", f"表示コード「{m.code}」が重複しています"))
            seen_codes.add(m.code)
        if m.id in seen_ids:
            out.append(Problem(f"{path}.id", f"ID {m.id} が重複しています"))
        seen_ids.add(m.id)
        out += validate_measure(m, data, path)
    return out
