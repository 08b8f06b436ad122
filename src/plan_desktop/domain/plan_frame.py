"""The frame of a plan (計画の設定) and what changing it does to the measures. Pure: no Qt, no SQL.

The frame is everything about a plan that is not one measure: title and
years, periods, the plan's words (:class:`~.terms.PlanTerms`), the groups,
the cross-reference table, the schedule phases, the rating scale and the
communities. :func:`apply_frame` turns an edited frame into the measures it
changes, and lists in Japanese what would be lost or moved
(:attr:`FrameChange.impacts`) so that the window can say so before anything
is written.

Records keep their ids through renames: a group, a cross-reference entry or
a phase whose number or name changed is still the same record, and the
measures follow it. Options of 取組状況 and 今後の方向性 have no ids; the
editor passes their renames (old name → new name).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field, replace

from . import groups as G
from .fiscal import fy_label
from .model import (
    Community,
    Measure,
    Phase,
    Plan,
    PlanData,
    Proposal,
    RatingLevel,
    Viewpoint,
    now_iso,
)
from .problems import Problem
from .terms import PlanTerms, status_after_stage_change
from .validation import validate_plan


@dataclass
class PlanFrame:
    """The plan's frame apart from its measures: plan, words, viewpoints, proposals, phases, scale, communities."""

    plan: Plan
    terms: PlanTerms
    viewpoints: list[Viewpoint]
    proposals: list[Proposal]
    phases: list[Phase]
    rating_scale: list[RatingLevel]
    communities: list[Community]


def frame_of(data: PlanData) -> PlanFrame:
    """A copy of *data*'s frame, to be edited."""
    return PlanFrame(plan=copy.deepcopy(data.plan), terms=copy.deepcopy(data.terms),
                     viewpoints=copy.deepcopy(data.viewpoints), proposals=copy.deepcopy(data.proposals),
                     phases=copy.deepcopy(data.phases), rating_scale=copy.deepcopy(data.rating_scale),
                     communities=copy.deepcopy(data.communities))


@dataclass
class Renames:
    """Renamed options without ids: old name → new name (a name missing from the new list is removed)."""

    progress: dict[str, str] = field(default_factory=dict)
    directions: dict[str, str] = field(default_factory=dict)
    ratings: dict[str, str] = field(default_factory=dict)


@dataclass
class FrameChange:
    """The result of applying a frame: the whole plan after, and what changed on the way."""

    data: PlanData
    changed_ids: list[str]  # measures whose content changed
    impacts: list[str]  # Japanese sentences: data that is removed, cleared or moved
    problems: list[Problem]  # the frame cannot be applied while there are any

    @property
    def ok(self) -> bool:
        return not self.problems


def _numbers(ms: list[Measure], limit: int = 8) -> str:
    labels = [f"№{m.label}" for m in ms[:limit]]
    return "、".join(labels) + (f" ほか{len(ms) - limit}件" if len(ms) > limit else "")


def apply_frame(data: PlanData, frame: PlanFrame, renames: Renames | None = None) -> FrameChange:
    """*data* with *frame* applied, the measures adjusted to it, and what that costs.

    - groups: a removed group's measures and subgroups move to its parent
      group; a removed top-level group must be empty (a problem otherwise);
      a renumbered group keeps its measures;
    - years: schedule cells, evaluations, matrix cells outside the new years
      are removed, action-plan blocks and active years are cut to them;
    - cross-references: relations to a removed entry are removed;
    - phases: cells of a removed phase are cleared, a renamed one follows;
    - options of 取組状況 / 今後の方向性 and rating letters: renamed values
      follow, removed ones are cleared;
    - stages: statuses of a removed stage move to the nearest earlier one;
    - communities: matrix cells of a removed community are removed.
    """
    renames = renames or Renames()
    old_terms = data.terms
    new = PlanData(plan=copy.deepcopy(frame.plan), proposals=copy.deepcopy(frame.proposals),
                   viewpoints=copy.deepcopy(frame.viewpoints), measures=[],
                   phases=copy.deepcopy(frame.phases), rating_scale=copy.deepcopy(frame.rating_scale),
                   notes=list(data.notes), communities=copy.deepcopy(frame.communities),
                   community_entries=[], terms=copy.deepcopy(frame.terms))
    impacts: list[str] = []
    problems: list[Problem] = []
    word = new.terms.measure
    lo, hi = new.plan.fy_start, new.plan.fy_end

    # ---- groups: follow ids; removed groups hand their content to their parent
    old_groups = {v.id: v for v in data.viewpoints}
    new_by_id = {v.id: v for v in new.viewpoints}
    group_no = {v.no: new_by_id[v.id].no for v in data.viewpoints if v.id in new_by_id}
    removed = [v for v in data.viewpoints if v.id not in new_by_id]

    def surviving_parent(v: Viewpoint) -> int | None:
        """The no (in the new frame) of the nearest kept group above *v*; None at the top."""
        seen = {v.id}
        while v.parent is not None:
            parent = next((p for p in data.viewpoints if p.no == v.parent), None)
            if parent is None or parent.id in seen:
                return None
            if parent.id in new_by_id:
                return new_by_id[parent.id].no
            seen.add(parent.id)
            v = parent
        return None

    for v in removed:
        target = surviving_parent(v)
        inside = [m for m in data.measures if m.viewpoint == v.no]
        if target is None:
            if inside:
                problems.append(Problem("viewpoints", f"「{v.title}」には{word}が {len(inside)} 件あるため削除できません"
                                                      f"（先に別のグループへ移してください）"))
        else:
            group_no[v.no] = target
            if inside:
                dest = next(x for x in new.viewpoints if x.no == target)
                impacts.append(f"「{v.title}」の{word} {len(inside)} 件（{_numbers(inside)}）は「{dest.title}」へ移ります")
    # children of a removed group move up to the nearest kept group
    for v in new.viewpoints:
        if v.parent is not None and v.parent not in {x.no for x in new.viewpoints}:
            old_v = old_groups.get(v.id)
            moved_to = surviving_parent(old_v) if old_v is not None else None
            v.parent = moved_to

    # ---- the rest, measure by measure
    prop_no = {p.no: next((q.no for q in new.proposals if q.id == p.id), None) for p in data.proposals}
    phase_name = {p.name: next((q.name for q in new.phases if q.id == p.id), None) for p in data.phases}
    progress = set(new.terms.progress_names)
    directions = set(new.terms.direction_names)
    letters = {r.letter for r in new.rating_scale}
    old_count, new_count = len(old_terms.stages), len(new.terms.stages)
    lost: dict[str, list[Measure]] = {}

    def note(key: str, m: Measure) -> None:
        bucket = lost.setdefault(key, [])
        if not bucket or bucket[-1].id != m.id:
            bucket.append(m)

    changed: list[str] = []
    for m in data.measures:
        after = copy.deepcopy(m)
        after.viewpoint = group_no.get(m.viewpoint, m.viewpoint)
        props = {}
        for no, mark in m.proposals.items():
            to = prop_no.get(no)
            if to is None:
                note("関連", m)
            else:
                props[to] = mark
        after.proposals = props
        sched = []
        for s in m.schedule:
            name = phase_name.get(s.phase, s.phase)
            if name is None:
                note("工程（区分の削除）", m)
            elif not lo <= s.fy <= hi:
                note("工程（期間外）", m)
            else:
                sched.append(replace(s, phase=name))
        after.schedule = sched
        blocks = []
        for b in m.action_plan:
            if b.fy_to < lo or b.fy_from > hi:
                note("年度別行動計画（期間外）", m)
                continue
            nb = copy.deepcopy(b)
            if nb.fy_from < lo or nb.fy_to > hi:
                nb.fy_from, nb.fy_to = max(nb.fy_from, lo), min(nb.fy_to, hi)
                note("年度別行動計画の年度（期間に合わせて短縮）", m)
            blocks.append(nb)
        after.action_plan = blocks
        if after.fy_from is not None and not lo <= after.fy_from <= hi:
            after.fy_from = None if after.fy_from < lo else hi
            note("実施年度（期間に合わせて変更）", m)
        if after.fy_to is not None and not lo <= after.fy_to <= hi:
            after.fy_to = None if after.fy_to > hi else lo
            note("実施年度（期間に合わせて変更）", m)
        evals = []
        for e in m.evaluations:
            if not lo <= e.fy <= hi:
                note("評価（期間外）", m)
                continue
            ne = copy.deepcopy(e)
            if ne.progress is not None:
                ne.progress = renames.progress.get(ne.progress, ne.progress)
                if ne.progress not in progress:
                    ne.progress = None
                    note("取組状況（選択肢の削除）", m)
            if ne.direction is not None:
                ne.direction = renames.directions.get(ne.direction, ne.direction)
                if ne.direction not in directions:
                    ne.direction = None
                    note("今後の方向性（選択肢の削除）", m)
            for key in ("rating", "self_rating", "middle_rating", "council_rating"):
                value = getattr(ne, key)
                if value is not None:
                    value = renames.ratings.get(value, value)
                    if value not in letters:
                        value = None
                        note("評価の記号（評価基準の削除）", m)
                    setattr(ne, key, value)
            status = status_after_stage_change(ne.status, old_count, new_count)
            if status != ne.status:
                ne.status = status
                note("評価の状態（段階の削除）", m)
            evals.append(ne)
        after.evaluations = evals
        if after != m:
            after.updated_at = now_iso()
            changed.append(m.id)
        new.measures.append(after)

    kept_communities = {c.id for c in new.communities}
    dropped_entries = 0
    for entry in data.community_entries:
        if entry.community_id in kept_communities and lo <= entry.fy <= hi:
            new.community_entries.append(copy.deepcopy(entry))
        else:
            dropped_entries += 1
    for key, ms in lost.items():
        impacts.append(f"{key}: {_numbers(ms)} の値が変更または削除されます")
    if dropped_entries:
        unit = new.terms.community_unit
        impacts.append(f"{unit}別の記録 {dropped_entries} 件が削除されます（{unit}の削除または期間外）")
    new.measures = G.sort_measures(new, new.measures)
    problems += validate_plan(new)
    return FrameChange(data=new, changed_ids=changed, impacts=impacts, problems=problems)


def years_text(plan: Plan) -> str:
    return f"{fy_label(plan.fy_start)}～{fy_label(plan.fy_end)}"


def empty_plan(title: str, fy_start: int, fy_end: int, *, terms: PlanTerms | None = None,
               periods: list | None = None, groups: list[str] | None = None) -> PlanData:
    """A new plan with no measures, cross-references or communities; one top-level group unless *groups* names some."""
    from .model import Period

    plan = Plan(title=title, fy_start=fy_start, fy_end=fy_end,
                periods=[Period(name, a, b) for name, a, b in (periods or [])])
    names = [g for g in (groups or []) if g.strip()] or ["（名称未設定）"]
    return PlanData(plan=plan, viewpoints=[Viewpoint(i, name) for i, name in enumerate(names, start=1)],
                    terms=copy.deepcopy(terms) if terms is not None else PlanTerms())
