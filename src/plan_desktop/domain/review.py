"""Five-year review of a period (前期計画の検証): figures per measure and for the whole plan.

Everything is computed from the plan data: the number of measures, the
viewpoints, the rating scale and the years all come from the plan and the
chosen period. "Started" (着手) follows ``evaluation.is_started``: an
evaluation up to that year with 取組状況 実施中 or 完了. The goal of the
period is that every one of its measures has started by the period's last
year, so 着手率 = measures started by then ÷ measures of the period.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .evaluation import STARTED_PROGRESS, is_started, scale_letters
from .model import Evaluation, Measure, Period, PlanData, RatingLevel
from .periods import measures_in_period, require_period

UNRATED = "未評価"


@dataclass
class MeasureReview:
    id: str
    no: int
    title: str
    viewpoint: int
    priority: bool
    department: str
    ratings: list[tuple[int, str | None]]  # (fy, rating of record) for every year of the period
    started_fy: int | None  # first year with 実施中/完了
    final_progress: str | None  # latest 取組状況 entered in the period
    final_progress_fy: int | None
    latest_issues: str  # latest non-empty 課題 of the period
    latest_issues_fy: int | None
    latest_direction: str | None  # latest 今後の方向性 of the period
    latest_direction_fy: int | None
    evaluated_years: int

    @property
    def display_title(self) -> str:
        return f"№{self.no} {'【重点】' if self.priority else ''}{self.title}"

    @property
    def never_evaluated(self) -> bool:
        return self.evaluated_years == 0

    @property
    def started(self) -> bool:
        return self.started_fy is not None


@dataclass
class ViewpointDistribution:
    viewpoint: int
    title: str
    measures: int
    counts: dict[str, int]  # rating letter -> ratings given over all years of the period
    unrated: int  # (measure, year) pairs without a rating
    started: int
    average: float | None


@dataclass
class PeriodReview:
    period: Period
    years: list[int]
    scale: list[RatingLevel]
    measures: list[MeasureReview]
    by_year: dict[int, dict[str, int]] = field(default_factory=dict)  # fy -> letter/未評価 -> count
    by_viewpoint: list[ViewpointDistribution] = field(default_factory=list)
    started_by_year: dict[int, int] = field(default_factory=dict)  # fy -> measures started by then

    @property
    def total(self) -> int:
        return len(self.measures)

    @property
    def started(self) -> int:
        return sum(r.started for r in self.measures)

    @property
    def start_rate(self) -> float | None:
        return self.started / self.total if self.total else None

    @property
    def goal_text(self) -> str:
        return f"全{self.total}項目の取組に着手"

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


def review_measure(m: Measure, period: Period, letters: list[str]) -> MeasureReview:
    years = range(period.fy_start, period.fy_end + 1)
    evals = [e for e in m.evaluations if period.fy_start <= e.fy <= period.fy_end]
    ratings = []
    for fy in years:
        e = m.evaluation_for(fy)
        ratings.append((fy, e.rating if e is not None and e.rating in letters else None))
    started = sorted(e.fy for e in m.evaluations if e.fy <= period.fy_end and e.progress in STARTED_PROGRESS)
    prog, issues, direction = _latest(evals, "progress"), _latest(evals, "issues"), _latest(evals, "direction")
    return MeasureReview(
        id=m.id, no=m.no, title=m.title, viewpoint=m.viewpoint, priority=m.priority, department=m.lead_department,
        ratings=ratings, started_fy=started[0] if started else None,
        final_progress=prog.progress if prog else None, final_progress_fy=prog.fy if prog else None,
        latest_issues=issues.issues if issues else "", latest_issues_fy=issues.fy if issues else None,
        latest_direction=direction.direction if direction else None,
        latest_direction_fy=direction.fy if direction else None,
        evaluated_years=len(evals),
    )


def period_review(data: PlanData, period_name: str) -> PeriodReview:
    """The review of period *period_name*; ValueError (Japanese) for an unknown period."""
    period = require_period(data, period_name)
    scale = list(data.rating_scale)
    letters = scale_letters(scale)
    points = {r.letter: r.points for r in scale}
    measures = measures_in_period(data, period_name)
    years = list(range(period.fy_start, period.fy_end + 1))
    rows = [review_measure(m, period, letters) for m in measures]
    by_year = {fy: dict.fromkeys([*letters, UNRATED], 0) for fy in years}
    for r in rows:
        for fy, rating in r.ratings:
            by_year[fy][rating or UNRATED] += 1
    titles = {v.no: v.title for v in data.viewpoints}
    order = [v.no for v in data.viewpoints] + sorted({m.viewpoint for m in measures} - set(titles))
    by_viewpoint = []
    for vp in order:
        mine = [r for r in rows if r.viewpoint == vp]
        counts = dict.fromkeys(letters, 0)
        unrated = 0
        values = []
        for r in mine:
            for _fy, rating in r.ratings:
                if rating is None:
                    unrated += 1
                else:
                    counts[rating] += 1
                    values.append(points[rating])
        by_viewpoint.append(ViewpointDistribution(
            viewpoint=vp, title=titles.get(vp, f"取組の視点 {vp}"), measures=len(mine), counts=counts,
            unrated=unrated, started=sum(r.started for r in mine),
            average=sum(values) / len(values) if values else None))
    started_by_year = {fy: sum(is_started(m, fy) for m in measures) for fy in years}
    return PeriodReview(period=period, years=years, scale=scale, measures=rows, by_year=by_year,
                        by_viewpoint=by_viewpoint, started_by_year=started_by_year)
