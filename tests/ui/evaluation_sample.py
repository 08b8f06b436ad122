"""A small plan that is not Hitachi's, for the evaluation UI tests."""

from __future__ import annotations

from plan_desktop.document.plan_document import PlanDocument
from plan_desktop.domain.model import Evaluation, Indicator, Measure, Period, Plan, PlanData, RatingLevel, Viewpoint
from plan_desktop.storage.database import open_database
from plan_desktop.storage.repository import PlanRepository


def other_plan() -> PlanData:
    """Two viewpoints, five measures, a three-level scale, plan 2030–2036, first period ends 2032.

    FY2031: vp1 №1 S (実施中), №2 U (未着手), №3 none;  vp2 №4 T (完了), №5 draft without rating.
    №3 started in 2030 (実施中).
    """
    scale = [RatingLevel("S", "順調", "計画以上", 6), RatingLevel("T", "概ね順調", "", 3), RatingLevel("U", "遅れ", "", 0)]
    plan = Plan(title="別の市の計画", fy_start=2030, fy_end=2036,
                periods=[Period("第1期", 2030, 2032), Period("第2期", 2033, 2036)])
    ms = [
        Measure(no=1, title="一番目", viewpoint=1, departments=["A部 B課"],
                evaluations=[Evaluation(fy=2031, rating="S", progress="実施中", issues="課題1",
                                        indicators=[Indicator("件数", "件", 0, 40, 30)])]),
        Measure(no=2, title="二番目", viewpoint=1, priority=True,
                evaluations=[Evaluation(fy=2031, rating="U", progress="未着手")]),
        Measure(no=3, title="三番目", viewpoint=1, evaluations=[Evaluation(fy=2030, rating="T", progress="実施中")]),
        Measure(no=4, title="四番目", viewpoint=2, departments=["C部 D課"],
                evaluations=[Evaluation(fy=2031, rating="T", progress="完了")]),
        Measure(no=5, title="五番目", viewpoint=2, evaluations=[Evaluation(fy=2031, progress="実施中")]),
    ]
    return PlanData(plan=plan, viewpoints=[Viewpoint(1, "視点あ"), Viewpoint(2, "視点い")], measures=ms,
                    rating_scale=scale)


def make_document(*, confirmed: bool = False) -> PlanDocument:
    """The plan in memory; with *confirmed* every evaluation is 会議確定 (counted by the dashboard and prints)."""
    data = other_plan()
    if confirmed:
        from plan_desktop.domain.evaluation import COUNCIL_CONFIRMED

        for m in data.measures:
            for e in m.evaluations:
                e.status = COUNCIL_CONFIRMED
    repo = PlanRepository(open_database(memory=True))
    repo.replace_all(data)
    return PlanDocument(repo)
