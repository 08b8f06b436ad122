"""Rows of each exchange sheet, shared by the xlsx and CSV writers."""

from __future__ import annotations

from collections.abc import Iterable

from ..domain.fiscal import current_fiscal_year
from ..domain.model import Evaluation, Measure, PlanData
from .columns import (
    SHEET_ACTIONS,
    SHEET_EVALUATIONS,
    SHEET_MEASURES,
    SHEET_SCHEDULE,
    Column,
    action_columns,
    evaluation_columns,
    measure_columns,
    schedule_columns,
)
from .values import format_value

SHEET_TITLES = {
    SHEET_MEASURES: "一覧",  # after the plan's word for a measure: sheet_title()
    SHEET_SCHEDULE: "工程表",
    SHEET_ACTIONS: "年度別行動計画",
    SHEET_EVALUATIONS: "進捗評価",
}


def sheet_title(sheet: str, data: PlanData) -> str:
    """The title row of an exported sheet (the measures' sheet: 推進事項一覧 in the bundled plan's words)."""
    if sheet == SHEET_MEASURES:
        return f"{data.terms.measure}一覧"
    return SHEET_TITLES[sheet]


def default_fiscal_year(data: PlanData) -> int:
    """The latest year that has evaluations, else this fiscal year kept inside the plan."""
    years = [e.fy for m in data.measures for e in m.evaluations]
    if years:
        return max(years)
    return min(max(current_fiscal_year(), data.plan.fy_start), data.plan.fy_end)


def action_plan_text(m: Measure, fy: int) -> str:
    lines = []
    for b in m.blocks_for(fy):
        for it in b.items:
            lines.append("・" + it.text.replace("\n", " "))
    return "\n".join(lines)


def _row(columns: list[Column], values: dict[str, object]) -> list[object]:
    return [format_value(c.kind, values.get(c.key)) for c in columns]


def measure_rows(data: PlanData, measures: Iterable[Measure]) -> tuple[list[Column], list[list[object]]]:
    cols = measure_columns(data)
    rows = []
    for m in measures:
        values: dict[str, object] = {
            "no": m.no, "viewpoint": m.viewpoint, "priority": m.priority, "title": m.title,
            "departments": m.departments, "issue": m.issue, "content": m.content,
            "updated_at": m.updated_at, "id": m.id, "period": getattr(m, "period", None),
            "code": m.code, "fy_from": m.fy_from, "fy_to": m.fy_to,
        }
        for no, mark in m.proposals.items():
            values[f"proposal_{no}"] = mark
        rows.append(_row(cols, values))
    return cols, rows


def schedule_rows(data: PlanData, measures: Iterable[Measure]) -> tuple[list[Column], list[list[object]]]:
    cols = schedule_columns(data)
    rows = []
    for m in measures:
        values: dict[str, object] = {"no": m.no, "title": m.title, "id": m.id}
        for s in m.schedule:
            values[f"fy_{s.fy}"] = s.phase
        rows.append(_row(cols, values))
    return cols, rows


def action_rows(data: PlanData, measures: Iterable[Measure]) -> tuple[list[Column], list[list[object]]]:
    cols = action_columns(data)
    rows = []
    for m in measures:
        for b in m.action_plan:
            base = {"no": m.no, "title": m.title, "fy_from": b.fy_from, "fy_to": b.fy_to, "block_id": b.id, "id": m.id}
            if not b.items:  # a block without items still has its row
                rows.append(_row(cols, base))
            for it in b.items:
                rows.append(_row(cols, base | {"text": it.text, "sub": it.sub, "item_id": it.id}))
    return cols, rows


def evaluation_values(e: Evaluation | None, columns: list[Column], data: PlanData | None = None) -> dict[str, object]:
    if e is None:
        return {}
    out = {c.key: getattr(e, c.key) for c in columns if hasattr(e, c.key) and c.key not in ("id",)}
    if data is not None and "status" in out:
        out["status"] = data.terms.status_label(e.status)  # the plan's label (委員会確定), not the stored code
    return out


def evaluation_rows(data: PlanData, measures: Iterable[Measure], fy: int, *,
                    template: bool = False) -> tuple[list[Column], list[list[object]]]:
    cols = evaluation_columns(data, template=template)
    rows = []
    for m in measures:
        e = m.evaluation_for(fy)
        values = evaluation_values(e, cols, data) | {
            "no": m.no, "title": m.title, "departments": "\n".join(m.departments), "fy": fy,
            "plan_text": action_plan_text(m, fy), "id": m.id,
        }
        if e is None:
            values.pop("updated_at", None)
        rows.append(_row(cols, values))
    return cols, rows


def sheet_rows(sheet: str, data: PlanData, *, fy: int | None = None,
               measures: list[Measure] | None = None) -> tuple[list[Column], list[list[object]]]:
    ms = data.measures if measures is None else measures
    if sheet == SHEET_MEASURES:
        return measure_rows(data, ms)
    if sheet == SHEET_SCHEDULE:
        return schedule_rows(data, ms)
    if sheet == SHEET_ACTIONS:
        return action_rows(data, ms)
    if sheet == SHEET_EVALUATIONS:
        return evaluation_rows(data, ms, default_fiscal_year(data) if fy is None else fy)
    raise KeyError(sheet)


def department_measures(data: PlanData, department: str) -> list[Measure]:
    return [m for m in data.measures if department in m.departments]


def resolve_department(data: PlanData, query: str) -> str:
    """The department *query* names: exact, else the only one containing it (NFKC-folded).

    Raises LookupError with a Japanese message listing candidates.
    """
    from ..domain.text import fold

    names = data.departments
    if query in names:
        return query
    q = fold(query).replace(" ", "").replace("\u3000", "")
    exact = [n for n in names if fold(n).replace(" ", "").replace("\u3000", "") == q]
    if len(exact) == 1:
        return exact[0]
    hits = [n for n in names if q and q in fold(n).replace(" ", "").replace("\u3000", "")]
    if len(hits) == 1:
        return hits[0]
    if not hits:
        raise LookupError(f"担当部課「{query}」はこの計画にありません。")
    raise LookupError(f"担当部課「{query}」に当てはまるものが複数あります: " + "、".join(hits))
