"""A small non-Hitachi plan with two periods and known review figures.

Plan 2020–2025, periods 第1期 (2020–2022) and 第2期 (2023–2025), a
three-level scale S/M/L, two viewpoints, five measures:

| № | vp | 2020 | 2021 | 2022 | notes |
|---|----|------|------|------|-------|
| 1 | 1 | S 実施中 | S 実施中 | M 完了, 方向性 完了 | started 2020 |
| 2 | 1 | — | L 未着手 | M 実施中, 課題 "人手不足", 改善策 "募集", 方向性 継続 | started 2022 |
| 3 | 2 | L 未着手 | — | L 未着手, 方向性 廃止 | never started |
| 4 | 2 | — | — | — | never evaluated |
| 5 | 2 | — (2023 only: S 実施中) | | | evaluated only after the period |
"""

from __future__ import annotations

from plan_desktop.domain.model import (
    ActionBlock,
    ActionItem,
    Community,
    CommunitySetup,
    Evaluation,
    Measure,
    Period,
    Plan,
    PlanData,
    RatingLevel,
    ScheduleEntry,
    Viewpoint,
)

SCALE = [RatingLevel("S", "順調", points=3), RatingLevel("M", "概ね順調", points=2), RatingLevel("L", "遅れ", points=1)]


def sample_plan() -> PlanData:
    plan = Plan(title="みどり市協働推進計画", fy_start=2020, fy_end=2025,
                periods=[Period("第1期", 2020, 2022), Period("第2期", 2023, 2025)])
    vps = [Viewpoint(1, "人づくり"), Viewpoint(2, "場づくり")]
    m1 = Measure(1, "担い手の育成", 1, priority=True, departments=["市民部 協働課"], content="育成講座",
                 action_plan=[ActionBlock(2020, 2022, [ActionItem("講座の開催")])],
                 schedule=[ScheduleEntry(2020, "準備"), ScheduleEntry(2021, "実施")],
                 evaluations=[Evaluation(2020, rating="S", progress="実施中"),
                              Evaluation(2021, rating="S", progress="実施中"),
                              Evaluation(2022, rating="M", progress="完了", direction="完了", issues="特になし")])
    m2 = Measure(2, "地域の拠点づくり", 1, departments=["市民部 協働課", "総務部 企画課"],
                 evaluations=[Evaluation(2021, rating="L", progress="未着手", issues="検討が遅れた"),
                              Evaluation(2022, rating="M", progress="実施中", issues="人手不足",
                                         improvements="募集", direction="継続")])
    m3 = Measure(3, "情報誌の発行", 2, departments=["総務部 広報課"],
                 evaluations=[Evaluation(2020, rating="L", progress="未着手"),
                              Evaluation(2022, rating="L", progress="未着手", direction="廃止")])
    m4 = Measure(4, "自治会の加入促進", 2, departments=["市民部 協働課"],
                 community=CommunitySetup(options=["未着手", "実施中", "完了"], done="完了", done_text="改訂済み"))
    m5 = Measure(5, "配布方式の見直し", 2, departments=["総務部 広報課"],
                 community=CommunitySetup(options=["方式A", "方式B", "方式C"], done=None, done_text=""),
                 evaluations=[Evaluation(2023, rating="S", progress="実施中")])
    return PlanData(plan=plan, viewpoints=vps, measures=[m1, m2, m3, m4, m5], rating_scale=list(SCALE),
                    communities=[Community("北"), Community("南"), Community("東")])


def make_repo(data: PlanData | None = None):
    import copy

    from plan_desktop.storage.database import open_database
    from plan_desktop.storage.repository import PlanRepository

    repo = PlanRepository(open_database(memory=True))
    repo.replace_all(copy.deepcopy(data or sample_plan()))
    return repo


def make_document(data: PlanData | None = None):
    from plan_desktop.document.plan_document import PlanDocument

    return PlanDocument(make_repo(data))



def hitachi_demo(seed):
    """The bundled plan with made-up evaluations for 令和4–7年度 and three per-community measures
    (№5, №6, №21), for screenshots and looking at the PDFs. Deterministic."""
    import copy
    import random

    from plan_desktop.domain.model import CommunityEntry

    data = copy.deepcopy(seed)
    rnd = random.Random(7)
    letters = [r.letter for r in data.rating_scale]
    for m in data.measures:
        start = rnd.choice([2022, 2022, 2023, 2024, 2025, None])
        for fy in range(2022, 2026):
            if m.no % 11 == 0 and fy < 2025:
                continue  # a few measures never evaluated early on
            if m.no == 33:
                continue
            started = start is not None and fy >= start
            m.evaluations.append(Evaluation(
                fy, rating=rnd.choice(letters[:3]) if started else letters[-1],
                progress=("完了" if started and fy == 2025 and m.no % 7 == 0 else "実施中") if started else "未着手",
                issues=f"{m.title}の担い手の確保が課題" if fy == 2025 else "", improvements="関係団体と協議を進める",
                direction=("廃止" if m.no == 30 else "完了" if m.no % 7 == 0 else "継続") if fy == 2025 else None,
                status="会議確定"))
    no21 = CommunitySetup(options=["単会ポスティング方式", "町内会併用ポスティング方式", "町内会配布方式"], done=None,
                          done_text="")
    for no, setup in ((5, CommunitySetup(done_text="改訂済み")), (6, CommunitySetup(done_text="改訂済み")), (21, no21)):
        m = data.measure_by_no(no)
        m.community = setup
        for ci, c in enumerate(data.communities):
            for fy in range(2022, 2026):
                if rnd.random() < 0.55:
                    status = rnd.choice(setup.options) if no == 21 else ["未着手", "実施中", "完了"][min(2, (fy - 2022 + ci % 3) // 2)]
                    note = "総会で承認" if status == "完了" and rnd.random() < 0.3 else ""
                    data.community_entries.append(CommunityEntry(m.id, c.id, fy, status, note))
    return data
