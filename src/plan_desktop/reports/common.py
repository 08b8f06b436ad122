"""Helpers shared by the report builders, the CLI and the GUI print actions."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from ..domain import groups as G
from ..domain.model import Measure, PlanData, Viewpoint


class SelectionError(ValueError):
    """A measure selection or fiscal year that does not fit the plan (message in Japanese)."""


def code_column_width(measures: Iterable[Measure], font: str, size: float, minimum: float,
                      padding: float = 12) -> float:
    """Width of a № column: at least *minimum*, wider when a display code (up to 8 characters and
    more) would not fit on one line in *font* at *size* with the table's *padding* (both sides)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    widest = max((stringWidth(m.label, font, size) for m in measures), default=0.0)
    return max(minimum, widest + padding + 2)


def viewpoint_of(data: PlanData, no: int) -> Viewpoint:
    for v in data.viewpoints:
        if v.no == no:
            return v
    return Viewpoint(no=no, title=f"{data.terms.top_level} {no}")


def viewpoint_label(data: PlanData, no: int) -> str:
    """'1　組織・活動の活性化' — a group's number (display code) and title."""
    v = viewpoint_of(data, no)
    return f"{v.label}\u3000{v.title}" if v.label else v.title


def heading_text(data: PlanData, node: G.GroupNode) -> str:
    """A group's heading row in a table: number and title in a flat plan (as the bundled plan prints
    it); in a nested plan the level's name too, indented by level."""
    if G.max_depth(data) <= 1:
        return viewpoint_label(data, node.group.no)
    return "\u3000" * node.depth + G.group_heading(data, node.group)


def with_headings(data: PlanData, measures: Iterable[Measure]):
    """The measures in the given order, each preceded by ("group", GroupNode) for every group level
    that the measure before did not already open, as ("measure", Measure)."""
    path: list[int] = []
    for m in measures:
        heads, path = G.headings_between(data, path, m.viewpoint)
        for h in heads:
            yield "group", h
        yield "measure", m


def group_row(data: PlanData, no: int) -> tuple[str, str]:
    """(label, text) of the row naming a measure's group on a sheet: the level's name and the group in a
    flat plan (取組の視点 | 1　組織…); in a nested plan 所属 and the whole path, one level per line."""
    if G.max_depth(data) <= 1:
        return data.terms.top_level or "所属", viewpoint_label(data, no)
    return "所属", "\n".join(G.group_heading(data, v) for v in G.path_of(data, no))


def xref_heading(data: PlanData, no: int) -> str:
    """提言Ⅰ — an entry of the plan's cross-reference table."""
    return data.terms.cross_reference_label(no)


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


def measure_numbers_argument(value: str | None, error: type[Exception]) -> list[int | str] | None:
    """The ``--measures`` option of the print commands: None when absent; *error* names the option."""
    if value is None:
        return None
    try:
        return parse_measure_numbers(value)
    except SelectionError as exc:
        raise error(f"--measures: {exc}") from exc


def parse_measure_numbers(spec: str) -> list[int | str]:
    """'1,5-8' -> [1, 5, 6, 7, 8]; full-width digits and №, ～ and 、 are accepted.

    A part that is neither a number nor a range of numbers is kept as text: a
    display code such as '2-3-1' (see :func:`select_measures`). Order of first
    mention is kept and duplicates are dropped.
    """
    text = unicodedata.normalize("NFKC", spec).replace("№", "").replace("No.", "").replace("、", ",")
    text = text.replace("〜", "~")
    out: dict[int | str, None] = {}
    parts = [p.strip() for p in text.split(",")]
    if not any(parts):
        raise SelectionError("番号が指定されていません（例: 1,5-8）")
    for part in parts:
        if not part:
            raise SelectionError(f"番号の指定に空の項目があります: {spec!r}（例: 1,5-8）")
        if part.isdigit():
            out.setdefault(int(part), None)
            continue
        m = _RANGE.match(part)
        if not m:
            if re.fullmatch(r"[\w\-.・]+", part) and re.search(r"\d", part):  # a display code such as 2-3-1
                out.setdefault(part, None)
                continue
            raise SelectionError(f"番号の指定「{part}」を読めません（例: 1,5-8）")
        lo, hi = int(m.group(1)), int(m.group(2))
        if lo > hi:
            raise SelectionError(f"範囲「{part}」は始まりが終わりより大きくなっています")
        if hi - lo > 100_000:
            raise SelectionError(f"範囲「{part}」が大きすぎます")
        for n in range(lo, hi + 1):
            out.setdefault(n, None)
    return list(out)


def select_measures(data: PlanData, numbers: Iterable[int | str] | None) -> list[Measure]:
    """The measures with these numbers or display codes, in the plan's order; every one must exist.

    A number names the measure with that № or, when none has it, the measure
    whose display code is those digits (1000101); text names a display code.
    """
    if numbers is None:
        return list(data.measures)
    by_no = {m.no: m for m in data.measures}
    by_code = {m.code: m for m in data.measures if m.code}
    chosen: set[str] = set()
    unknown: list[int | str] = []
    for n in numbers:
        m = by_no.get(n) if isinstance(n, int) else None
        m = m or by_code.get(str(n))
        if m is None:
            unknown.append(n)
        else:
            chosen.add(m.id)
    if unknown:
        word = data.terms.measure
        shown = ", ".join(f"№{n}" for n in unknown[:10]) + (" ほか" if len(unknown) > 10 else "")
        labels = [m.label for m in data.measures]
        have = f"№{labels[0]}～№{labels[-1]}" if labels else "なし"
        raise SelectionError(f"計画にない{word}です: {shown}（この計画の{word}: {have}、{len(labels)}件）")
    return [m for m in data.measures if m.id in chosen]


def describe_measures(measures: list[Measure]) -> str:
    """№1～№3、№5 for numbers; the display codes listed (up to 12) when the measures have codes."""
    if any(m.code for m in measures):
        labels = [f"№{m.label}" for m in measures]
        return "、".join(labels[:12] + (["…"] if len(labels) > 12 else []))
    return describe_numbers([m.no for m in measures])


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
