"""Drafting the next period's measures from an earlier period's (後期計画の作成).

The draft is a list of :class:`DraftMeasure` rows the wizard lets the user
edit (include or not, №, title, merge, add). By default every measure of the
earlier period whose latest 今後の方向性 is not one of
the plan's closing directions (``PlanTerms.closing_directions``, default
:data:`CLOSING_DIRECTIONS`) is carried over. :func:`build_next_period` turns a
draft into new measures that point back to their predecessors and start with
an empty schedule and action plan (optionally one action-plan item taken
from the predecessor's last 改善策・次年度の取組).

Measure numbers stay unique across the whole plan (reports, the exchange
importer and merging identify measures by №), so the new period is numbered
after the highest № in use unless the user chooses otherwise.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from .model import ActionBlock, ActionItem, Measure, Period, PlanData, new_id, now_iso
from .periods import measures_in_period, require_period

CLOSING_DIRECTIONS = ("廃止", "完了")


@dataclass
class DraftMeasure:
    """One row of the wizard: a measure of the new period to be created."""

    no: int
    title: str
    viewpoint: int
    predecessor_ids: list[str] = field(default_factory=list)
    include: bool = True
    reason: str = ""  # why a row is excluded by default, e.g. "方向性: 廃止（令和7年度）"
    key: str = field(default_factory=new_id)


def latest_direction(m: Measure, upto: int) -> tuple[int, str] | None:
    """(fy, 今後の方向性) of the latest evaluation up to *upto* that has one."""
    for e in sorted(m.evaluations, key=lambda e: e.fy, reverse=True):
        if e.fy <= upto and e.direction:
            return e.fy, e.direction
    return None


def latest_improvements(m: Measure, upto: int) -> str:
    """The latest non-empty 改善策・次年度の取組 up to *upto*."""
    for e in sorted(m.evaluations, key=lambda e: e.fy, reverse=True):
        if e.fy <= upto and e.improvements.strip():
            return e.improvements.strip()
    return ""


def later_periods(data: PlanData, source: str) -> list[Period]:
    src = require_period(data, source)
    return [p for p in data.plan.periods if p.fy_start > src.fy_end]


def default_draft(data: PlanData, source: str) -> list[DraftMeasure]:
    """Every measure of *source* as a draft row, numbered after the highest № of the plan. A measure
    whose latest 今後の方向性 ends it, or whose active years end before the period does, is left out
    by default (its row says why)."""
    from .fiscal import fy_label

    period = require_period(data, source)
    start = max((m.no for m in data.measures), default=0) + 1
    rows = []
    for m in measures_in_period(data, source):
        d = latest_direction(m, period.fy_end)
        closing = d is not None and d[1] in data.terms.closing_directions
        ended = m.fy_to is not None and m.fy_to < period.fy_end
        reason = (f"方向性: {d[1]}（{fy_label(d[0])}）" if d is not None and closing
                  else f"実施期間: {fy_label(m.fy_to)}まで" if ended and m.fy_to is not None else "")
        rows.append(DraftMeasure(no=0, title=m.title, viewpoint=m.viewpoint, predecessor_ids=[m.id],
                                 include=not (closing or ended), reason=reason))
    return renumber(rows, start)


def renumber(rows: list[DraftMeasure], start: int) -> list[DraftMeasure]:
    """Number the included rows start, start+1, … in order (excluded rows keep 0)."""
    out = copy.deepcopy(rows)
    n = start
    for r in out:
        if r.include:
            r.no = n
            n += 1
        else:
            r.no = 0
    return out


def merge_rows(rows: list[DraftMeasure], keep_key: str, other_key: str, title: str | None = None) -> list[DraftMeasure]:
    """Fold row *other_key* into *keep_key*: predecessors joined, titles joined with ／ unless *title* is given."""
    if keep_key == other_key:
        raise ValueError("同じ行どうしは統合できません")
    out = copy.deepcopy(rows)
    keep = next((r for r in out if r.key == keep_key), None)
    other = next((r for r in out if r.key == other_key), None)
    if keep is None or other is None:
        raise LookupError("統合する行が見つかりません")
    keep.predecessor_ids += [p for p in other.predecessor_ids if p not in keep.predecessor_ids]
    keep.title = title if title is not None else f"{keep.title}／{other.title}"
    keep.include = True
    keep.reason = ""
    out.remove(other)
    return out


def add_row(rows: list[DraftMeasure], title: str, viewpoint: int) -> list[DraftMeasure]:
    out = copy.deepcopy(rows)
    used = [r.no for r in out if r.include]
    out.append(DraftMeasure(no=max(used, default=0) + 1, title=title, viewpoint=viewpoint))
    return out


def draft_problems(data: PlanData, rows: list[DraftMeasure]) -> list[str]:
    """Japanese problems that stop the draft from being applied (empty: fine)."""
    out = []
    taken = {m.no: m for m in data.measures}
    seen: set[int] = set()
    viewpoints = {v.no for v in data.viewpoints}
    included = [r for r in rows if r.include]
    if not included:
        out.append(f"作成する{data.terms.measure}が1つもありません")
    for r in included:
        if r.no < 1:
            out.append(f"「{r.title}」の№は1以上にしてください")
        elif r.no in seen:
            out.append(f"№{r.no} が重複しています")
        elif r.no in taken:
            out.append(f"№{r.no} は既に「{taken[r.no].title}」で使われています")
        seen.add(r.no)
        if not r.title.strip():
            out.append(f"№{r.no} の名称が空です")
        if r.viewpoint not in viewpoints:
            out.append(f"№{r.no} の所属するグループ {r.viewpoint} はありません")
    return out


@dataclass
class NextPeriodResult:
    """The measures made for the next period, and the source measures tagged with their period."""

    new_measures: list[Measure]
    tagged: list[Measure]  # source measures that get their period written down (were unassigned)


def build_next_period(data: PlanData, source: str, target: str, rows: list[DraftMeasure],
                      *, seed_improvements: bool = True) -> NextPeriodResult:
    """The new measures of *target* from the draft *rows*; ValueError (Japanese) on problems."""
    src = require_period(data, source)
    tgt = require_period(data, target)
    if tgt.fy_start <= src.fy_end:
        raise ValueError(f"「{target}」は「{source}」より後の期間でなければなりません")
    problems = draft_problems(data, rows)
    if problems:
        raise ValueError("\n".join(problems))
    by_id = {m.id: m for m in data.measures}
    stamp = now_iso()
    new = []
    for r in rows:
        if not r.include:
            continue
        preds = [by_id[p] for p in r.predecessor_ids if p in by_id]
        first = preds[0] if preds else None
        departments: list[str] = []
        proposals: dict[int, str] = {}
        for p in preds:
            departments += [d for d in p.departments if d not in departments]
            for no, mark in p.proposals.items():
                proposals[no] = "◎" if "◎" in (mark, proposals.get(no)) else mark
        items = []
        if seed_improvements:
            for p in preds:
                text = latest_improvements(p, src.fy_end)
                if text:
                    items.append(ActionItem(text=text, updated_at=stamp))
        new.append(Measure(
            no=r.no, title=r.title.strip(), viewpoint=r.viewpoint,
            priority=any(p.priority for p in preds), departments=departments, proposals=proposals,
            issue=first.issue if first else "", content="\n".join(p.content for p in preds if p.content),
            action_plan=[ActionBlock(fy_from=tgt.fy_start, fy_to=tgt.fy_start, items=items, updated_at=stamp)] if items else [],
            schedule=[], evaluations=[], period=tgt.name, predecessor_ids=[p.id for p in preds],
            community=copy.deepcopy(next((p.community for p in preds if p.community), None)), updated_at=stamp,
        ))
    tagged = []
    for m in measures_in_period(data, source):
        if m.period is None:
            t = copy.deepcopy(m)
            t.period = src.name
            t.updated_at = stamp
            tagged.append(t)
    return NextPeriodResult(new_measures=new, tagged=tagged)


