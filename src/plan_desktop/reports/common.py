"""Helpers shared by the report builders, the CLI and the GUI print actions."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from ..domain.model import Measure, PlanData, Viewpoint


class SelectionError(ValueError):
    """A measure selection or fiscal year that does not fit the plan (message in Japanese)."""


def viewpoint_of(data: PlanData, no: int) -> Viewpoint:
    for v in data.viewpoints:
        if v.no == no:
            return v
    return Viewpoint(no=no, title=f"取組の視点 {no}")


def viewpoint_label(data: PlanData, no: int) -> str:
    return f"{no}　{viewpoint_of(data, no).title}"


def phase_colours(data: PlanData) -> dict[str, str]:
    return {p.name: p.color for p in data.phases}


def schedule_years(data: PlanData, fy: int | None = None) -> list[int]:
    """The fiscal years worth a schedule column.

    The span of years that any measure has a schedule entry for; without any
    entries the plan period containing *fy* (or the whole plan). *fy* is
    always included so the year being evaluated is visible.
    """
    years = {s.fy for m in data.measures for s in m.schedule}
    plan = data.plan
    if years:
        lo, hi = min(years), max(years)
    else:
        period = plan.period_of(fy) if fy is not None else None
        lo, hi = (period.fy_start, period.fy_end) if period else (plan.fy_start, plan.fy_end)
    if fy is not None:
        lo, hi = min(lo, fy), max(hi, fy)
    return list(range(lo, hi + 1))


def check_fiscal_year(data: PlanData, fy: int) -> None:
    plan = data.plan
    if not plan.fy_start <= fy <= plan.fy_end:
        from ..domain.fiscal import fy_label

        raise SelectionError(
            f"{fy}年度（{_safe_fy_label(fy, fy_label)}）は計画期間 "
            f"{_safe_fy_label(plan.fy_start, fy_label)}～{_safe_fy_label(plan.fy_end, fy_label)}"
            f"（{plan.fy_start}～{plan.fy_end}年度）の外です"
        )


def _safe_fy_label(fy: int, fy_label) -> str:
    try:
        return fy_label(fy)
    except ValueError:
        return f"{fy}年度"


_RANGE = re.compile(r"^(\d+)\s*[-~～〜]\s*(\d+)$")


def measure_numbers_argument(value: str | None, error: type[Exception]) -> list[int] | None:
    """The ``--measures`` option of the print commands: None when absent; *error* names the option."""
    if value is None:
        return None
    try:
        return parse_measure_numbers(value)
    except SelectionError as exc:
        raise error(f"--measures: {exc}") from exc


def parse_measure_numbers(spec: str) -> list[int]:
    """'1,5-8' -> [1, 5, 6, 7, 8]; full-width digits and №, ～ and 、 are accepted.

    Order of first mention is kept and duplicates are dropped.
    """
    text = unicodedata.normalize("NFKC", spec).replace("№", "").replace("No.", "").replace("、", ",")
    text = text.replace("〜", "~")
    out: dict[int, None] = {}
    parts = [p.strip() for p in text.split(",")]
    if not any(parts):
        raise SelectionError("推進事項の番号が指定されていません（例: 1,5-8）")
    for part in parts:
        if not part:
            raise SelectionError(f"推進事項の指定に空の項目があります: {spec!r}（例: 1,5-8）")
        if part.isdigit():
            out.setdefault(int(part), None)
            continue
        m = _RANGE.match(part)
        if not m:
            raise SelectionError(f"推進事項の指定「{part}」を読めません（例: 1,5-8）")
        lo, hi = int(m.group(1)), int(m.group(2))
        if lo > hi:
            raise SelectionError(f"範囲「{part}」は始まりが終わりより大きくなっています")
        if hi - lo > 100_000:
            raise SelectionError(f"範囲「{part}」が大きすぎます")
        for n in range(lo, hi + 1):
            out.setdefault(n, None)
    return list(out)


def select_measures(data: PlanData, numbers: Iterable[int] | None) -> list[Measure]:
    """The measures with these numbers, in the plan's order; every number must exist."""
    if numbers is None:
        return list(data.measures)
    wanted = list(numbers)
    known = {m.no for m in data.measures}
    unknown = [n for n in wanted if n not in known]
    if unknown:
        shown = ", ".join(f"№{n}" for n in unknown[:10]) + (" ほか" if len(unknown) > 10 else "")
        nos = sorted(known)
        have = f"№{nos[0]}～№{nos[-1]}" if nos else "なし"
        raise SelectionError(f"計画にない推進事項です: {shown}（この計画の推進事項: {have}、{len(nos)}件）")
    wanted_set = set(wanted)
    return [m for m in data.measures if m.no in wanted_set]


def describe_numbers(numbers: list[int]) -> str:
    """[1,2,3,5] -> '№1～№3、№5'"""
    if not numbers:
        return ""
    nums = sorted(set(numbers))
    groups: list[tuple[int, int]] = []
    for n in nums:
        if groups and n == groups[-1][1] + 1:
            groups[-1] = (groups[-1][0], n)
        else:
            groups.append((n, n))
    parts = [f"№{a}" if a == b else f"№{a}～№{b}" for a, b in groups]
    if len(parts) > 12:
        parts = parts[:12] + ["…"]
    return "、".join(parts)
