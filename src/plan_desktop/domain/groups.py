"""The nested groups of a plan (取組の視点, or 方針 → 柱 → 施策 …). Pure: no Qt, no SQL.

``PlanData.viewpoints`` lists every group; a group names its enclosing group
in ``parent`` (None at the top). Siblings keep the order of the list, so the
whole tree in display order is a pre-order walk (:func:`preorder`). A measure
belongs to its innermost group (``Measure.viewpoint``); it also counts for
every group above that one (:func:`measures_under`).
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Measure, PlanData, Viewpoint
from .problems import Problem


@dataclass(frozen=True)
class GroupNode:
    """One group with its depth (0 = top level) in display order."""

    group: Viewpoint
    depth: int


def by_no(data: PlanData) -> dict[int, Viewpoint]:
    return {v.no: v for v in data.viewpoints}


def children(data: PlanData, parent: int | None) -> list[Viewpoint]:
    """The groups directly inside *parent* (None: the top level), in display order."""
    known = by_no(data)
    if parent is None:
        return [v for v in data.viewpoints if v.parent is None or v.parent not in known]
    return [v for v in data.viewpoints if v.parent == parent and v.no != parent]


def preorder(data: PlanData) -> list[GroupNode]:
    """Every group in display order (parents before their children), with its depth.

    Groups caught in a parent cycle (refused by validation, see
    :func:`structure_problems`) are appended at the top level so nothing is lost.
    """
    out: list[GroupNode] = []
    seen: set[int] = set()

    def walk(parent: int | None, depth: int) -> None:
        for v in children(data, parent):
            if v.no in seen:
                continue
            seen.add(v.no)
            out.append(GroupNode(v, depth))
            walk(v.no, depth + 1)

    walk(None, 0)
    for v in data.viewpoints:
        if v.no not in seen:
            seen.add(v.no)
            out.append(GroupNode(v, 0))
            walk(v.no, 1)
    return out


def rank(data: PlanData) -> dict[int, int]:
    """Group № -> position in display order (for sorting measures by their group)."""
    return {node.group.no: i for i, node in enumerate(preorder(data))}


def depth_of(data: PlanData, no: int) -> int:
    return len(ancestors(data, no))


def ancestors(data: PlanData, no: int) -> list[Viewpoint]:
    """The groups above *no*, outermost first (empty for a top-level group)."""
    known = by_no(data)
    out: list[Viewpoint] = []
    seen = {no}
    v = known.get(no)
    while v is not None and v.parent is not None and v.parent in known and v.parent not in seen:
        seen.add(v.parent)
        v = known[v.parent]
        out.append(v)
    out.reverse()
    return out


def path_of(data: PlanData, no: int) -> list[Viewpoint]:
    """The groups from the top level down to *no* itself."""
    v = by_no(data).get(no)
    return [*ancestors(data, no), *([v] if v is not None else [])]


def top_of(data: PlanData, no: int) -> int:
    """The № of the top-level group that holds group *no*."""
    path = path_of(data, no)
    return path[0].no if path else no


def descendants(data: PlanData, no: int) -> list[int]:
    """*no* and every group inside it, in display order."""
    out = [no]
    seen = {no}

    def walk(parent: int) -> None:
        for v in children(data, parent):
            if v.no not in seen:
                seen.add(v.no)
                out.append(v.no)
                walk(v.no)

    walk(no)
    return out


def measures_under(data: PlanData, no: int, measures: list[Measure] | None = None) -> list[Measure]:
    """Measures of group *no* and of every group inside it, in plan order."""
    inside = set(descendants(data, no))
    return [m for m in (data.measures if measures is None else measures) if m.viewpoint in inside]


def is_leaf(data: PlanData, no: int) -> bool:
    return not children(data, no)


def max_depth(data: PlanData) -> int:
    """Number of group levels in use (1 for a flat plan)."""
    return max((n.depth for n in preorder(data)), default=0) + 1 if data.viewpoints else 0


def sort_measures(data: PlanData, measures: list[Measure]) -> list[Measure]:
    """*measures* grouped by their group's display position, keeping their order within a group."""
    order = rank(data)
    big = len(order)
    return sorted(measures, key=lambda m: order.get(m.viewpoint, big))


def group_heading(data: PlanData, v: Viewpoint, *, short: bool = False) -> str:
    """'取組の視点1　組織・活動の活性化' (level name, number, ideographic space, title).

    With *short*, the level's short name ('視点1 …', a plain space). A level
    without a name or a group without a number shows only what it has.
    """
    depth = depth_of(data, v.no)
    name = data.terms.level_short(depth) if short else data.terms.level_name(depth)
    head = f"{name}{v.label}"
    sep = " " if short else "\u3000"
    return f"{head}{sep}{v.title}" if head else v.title


def group_label(data: PlanData, no: int) -> str:
    """'1　組織・活動の活性化' — the number and title, as a cell under a level heading."""
    v = by_no(data).get(no)
    if v is None:
        return str(no)
    return f"{v.label}\u3000{v.title}" if v.label else v.title


def structure_problems(data: PlanData) -> list[Problem]:
    """Parents that do not exist, a group inside itself (a cycle)."""
    out: list[Problem] = []
    known = by_no(data)
    for i, v in enumerate(data.viewpoints):
        if v.parent is None:
            continue
        if v.parent not in known:
            out.append(Problem(f"viewpoints[{i}].parent", f"親のグループ {v.parent} はありません"))
            continue
        seen = {v.no}
        p = known.get(v.parent)
        while p is not None:
            if p.no in seen:
                out.append(Problem(f"viewpoints[{i}].parent", f"グループ {v.no} が自分自身の中に入っています（循環）"))
                break
            seen.add(p.no)
            p = known.get(p.parent) if p.parent is not None else None
    return out


def headings_between(data: PlanData, previous: list[int], no: int) -> tuple[list[GroupNode], list[int]]:
    """The group headings to print before a measure of group *no* that follows one of *previous*.

    *previous* is the path (group № from the top) of the measure before (empty
    at the start). Returns the groups of *no*'s path below the common part, with
    their depth, and *no*'s path to pass on to the next call. Listing measures
    in display order with these headings gives one heading per group and level.
    """
    path = [v.no for v in path_of(data, no)] or [no]
    common = 0
    while common < min(len(path), len(previous)) and path[common] == previous[common]:
        common += 1
    known = by_no(data)
    heads = [GroupNode(known.get(n) or Viewpoint(n, str(n)), depth) for depth, n in enumerate(path) if depth >= common]
    return heads, path
