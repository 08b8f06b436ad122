"""Five-year review of a period (前期計画の検証): figures per measure and for the whole plan.

Everything is computed from the plan data: the number of measures, the
viewpoints, the rating scale and the years all come from the plan and the
chosen period. "Started" (着手) follows ``evaluation.is_started``: an
evaluation up to that year with a started 取組状況 (the plan's options). The
goal of the period is that every one of its measures has started by the
period's last year, so 着手率 = measures started by then ÷ measures of the
period. The goal is stated in words only when the plan names one
(``PlanTerms.start_goal``). A measure counts only in the years it is active
(``Measure.active_in``): a year outside them is neither rated nor 未評価.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from . import groups as G
from .evaluation import STARTED_PROGRESS, counted_rating, is_confirmed, is_started, scale_letters
from .model import Evaluation, Measure, Period, PlanData, RatingLevel
from .numbers import mean
from .periods import measures_in_period, require_period

if TYPE_CHECKING:
    from fractions import Fraction

UNRATED = "未評価"


@dataclass
class MeasureReview:
    """One measure over the years of a period: the rating counted in each year, and more."""

    id: str
    no: int
    title: str
    viewpoint: int
    priority: bool
    department: str
    ratings: list[tuple[int, str | None]]  # (fy, rating counted) for every year of the period
    started_fy: int | None  # first year with 実施中/完了
    final_progress: str | None  # latest 取組状況 entered in the period
    final_progress_fy: int | None
    latest_issues: str  # latest non-empty 課題 of the period
    latest_issues_fy: int | None
    latest_direction: str | None  # latest 今後の方向性 of the period
    latest_direction_fy: int | None
    evaluated_years: int  # years with a counted rating
    code: str | None = None
    drafts: list[int] = field(default_factory=list)  # years whose counted rating is not confirmed
    inactive_years: frozenset[int] = frozenset()  # years of the period the measure does not run

    @property
    def label(self) -> str:
        return self.code or str(self.no)

    @property
    def display_title(self) -> str:
        return f"№{self.label} {'【重点】' if self.priority else ''}{self.title}"

    @property
    def never_evaluated(self) -> bool:
        """No counted rating in any year of the period (a record without a 進捗評価 is 未評価)."""
        return self.evaluated_years == 0

    @property
    def active_ratings(self) -> list[tuple[int, str | None]]:
        return [(fy, r) for fy, r in self.ratings if fy not in self.inactive_years]

    @property
    def started(self) -> bool:
        return self.started_fy is not None


@dataclass
class ViewpointDistribution:
    """The ratings of a viewpoint's measures over all years of a period."""

    viewpoint: int
    title: str
    measures: int
    counts: dict[str, int]  # rating letter -> ratings given over all years of the period
    unrated: int  # (measure, year) pairs without a rating
    started: int
    average: Fraction | None
    depth: int = 0  # level of the group (0 = top level); counts include the subgroups' measures


@dataclass
class PeriodReview:
    """The review of a whole period: its measures, and the ratings by year and by viewpoint."""

    period: Period
    years: list[int]
    scale: list[RatingLevel]
    measures: list[MeasureReview]
    by_year: dict[int, dict[str, int]] = field(default_factory=dict)  # fy -> letter/未評価 -> count
    by_viewpoint: list[ViewpointDistribution] = field(default_factory=list)
    started_by_year: dict[int, int] = field(default_factory=dict)  # fy -> measures started by then
    goal: str = ""  # the plan's goal sentence ("" when the plan names none)
    include_drafts: bool = True

    @property
    def total(self) -> int:
        return len(self.measures)

    @property
    def started(self) -> int:
        return sum(r.started for r in self.measures)

    @property
    def start_rate(self) -> Fraction | None:
        from fractions import Fraction

        return Fraction(self.started, self.total) if self.total else None

    @property
    def goal_text(self) -> str:
        return self.goal

    @property
    def never_evaluated(self) -> list[MeasureReview]:
        return [r for r in self.measures if r.never_evaluated]

    @property
    def not_started(self) -> list[MeasureReview]:
        return [r for r in self.measures if not r.started]


def _latest(evals: list[Evaluation], attr: str) -> Evaluation | None:
    for e in sorted(evals, key=lambda e: e.fy, reverse=True):
        value = getattr(e, attr)
        if value is not None and (not isinstance(value, str) or value.strip()):
            return e
    return None


def review_measure(m: Measure, period: Period, letters: list[str],
                   started_progress: tuple[str, ...] | list[str] = STARTED_PROGRESS,
                   include_drafts: bool = True) -> MeasureReview:
    years = range(period.fy_start, period.fy_end + 1)
    evals = [e for e in m.evaluations if period.fy_start <= e.fy <= period.fy_end and m.active_in(e.fy)]
    ratings = []
    drafts = []
    for fy in years:
        e = m.evaluation_for(fy) if m.active_in(fy) else None
        rating = counted_rating(e, letters, include_drafts)
        ratings.append((fy, rating))
        if rating is not None and not is_confirmed(e):
            drafts.append(fy)
    started = sorted(e.fy for e in m.evaluations if e.fy <= period.fy_end and e.progress in started_progress
                     and (include_drafts or is_confirmed(e)))
    prog, issues, direction = _latest(evals, "progress"), _latest(evals, "issues"), _latest(evals, "direction")
    return MeasureReview(
        id=m.id, no=m.no, title=m.title, viewpoint=m.viewpoint, priority=m.priority, department=m.lead_department,
        ratings=ratings, started_fy=started[0] if started else None,
        final_progress=prog.progress if prog else None, final_progress_fy=prog.fy if prog else None,
        latest_issues=issues.issues if issues else "", latest_issues_fy=issues.fy if issues else None,
        latest_direction=direction.direction if direction else None,
        latest_direction_fy=direction.fy if direction else None,
        evaluated_years=sum(1 for _fy, r in ratings if r is not None), drafts=drafts, code=m.code,
        inactive_years=frozenset(fy for fy in years if not m.active_in(fy)),
    )


def period_review(data: PlanData, period_name: str, *, include_drafts: bool = True) -> PeriodReview:
    """The review of period *period_name*; ValueError (Japanese) for an unknown period.

    With ``include_drafts=False`` only ratings of 会議確定 records count.

    ``by_viewpoint`` has a row for every group in display order (``depth`` 0
    for the top level); a group's figures include its subgroups' measures.
    """
    period = require_period(data, period_name)
    scale = list(data.rating_scale)
    letters = scale_letters(scale)
    points = {r.letter: r.points for r in scale}
    years = list(range(period.fy_start, period.fy_end + 1))
    # Measures of the period that run in at least one of its years.
    measures = [m for m in measures_in_period(data, period_name) if any(m.active_in(fy) for fy in years)]
    started_names = tuple(data.terms.started_progress)
    rows = [review_measure(m, period, letters, started_names, include_drafts) for m in measures]
    by_year = {fy: dict.fromkeys([*letters, UNRATED], 0) for fy in years}
    for r in rows:
        for fy, rating in r.active_ratings:
            by_year[fy][rating or UNRATED] += 1
    nodes = G.preorder(data)
    known = {n.group.no for n in nodes}
    extra = sorted({m.viewpoint for m in measures} - known)
    by_viewpoint = []
    for no, title, depth in [(n.group.no, n.group.title, n.depth) for n in nodes] + [(vp, f"{vp}", 0) for vp in extra]:
        inside = set(G.descendants(data, no)) if no in known else {no}
        mine = [r for r in rows if r.viewpoint in inside]
        counts = dict.fromkeys(letters, 0)
        unrated = 0
        values = []
        for r in mine:
            for _fy, rating in r.active_ratings:
                if rating is None:
                    unrated += 1
                else:
                    counts[rating] += 1
                    values.append(points[rating])
        by_viewpoint.append(ViewpointDistribution(
            viewpoint=no, title=title, measures=len(mine), counts=counts,
            unrated=unrated, started=sum(r.started for r in mine),
            average=mean(values), depth=depth))
    started_by_year = {fy: sum(is_started(m, fy, started_names, include_drafts) for m in measures)
                       for fy in years}
    return PeriodReview(period=period, years=years, scale=scale, measures=rows, by_year=by_year,
                        by_viewpoint=by_viewpoint, started_by_year=started_by_year,
                        goal=data.terms.goal_text(len(rows)), include_drafts=include_drafts)
