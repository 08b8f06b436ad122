"""Plan periods (前期, 後期, …): which measures belong to which period, and the period lock.

A measure names its period in ``Measure.period``. A measure without a period
(every measure of a plan that was never split, such as the bundled plan
before its 後期 is drafted) belongs to every period. The tree, the timeline,
the dashboard and the reports show one period by filtering with
:func:`measures_in_period` or :func:`data_for_period`; ``None`` means "all".
"""

from __future__ import annotations

from dataclasses import replace

from .model import Measure, Period, PlanData


def period_by_name(data: PlanData, name: str | None) -> Period | None:
    if name is None:
        return None
    for p in data.plan.periods:
        if p.name == name:
            return p
    return None


def require_period(data: PlanData, name: str) -> Period:
    """The period called *name*; ValueError (Japanese) when the plan has none by that name."""
    p = period_by_name(data, name)
    if p is None:
        names = "、".join(x.name for x in data.plan.periods) or "（期間が設定されていません）"
        raise ValueError(f"期間「{name}」はこの計画にありません（{names}）")
    return p


def in_period(m: Measure, name: str | None) -> bool:
    return name is None or m.period is None or m.period == name


def measures_in_period(data: PlanData, name: str | None) -> list[Measure]:
    """The measures shown when the period *name* is chosen (all of them for ``None``), in plan order."""
    return [m for m in data.measures if in_period(m, name)]


def data_for_period(data: PlanData, name: str | None) -> PlanData:
    """A shallow view of *data* restricted to one period's measures (for overviews and reports)."""
    if name is None:
        return data
    ids = {m.id for m in measures_in_period(data, name)}
    return replace(data, measures=[m for m in data.measures if m.id in ids],
                   community_entries=[e for e in data.community_entries if e.measure_id in ids])


def period_years(data: PlanData, name: str | None) -> list[int]:
    p = period_by_name(data, name)
    if p is None:
        return data.plan.fiscal_years
    return list(range(p.fy_start, p.fy_end + 1))


def locked_period_of(data: PlanData, m: Measure | None) -> Period | None:
    """The locked period *m* belongs to, if any (unassigned measures are never locked)."""
    if m is None or m.period is None:
        return None
    p = period_by_name(data, m.period)
    return p if p is not None and p.locked else None


#: Where the user unlocks a period: the menu and the item as the window shows them (ui.review_view).
UNLOCK_MENU = "計画"
UNLOCK_ACTION = "期間のロック・ロック解除…"


def lock_message(period: Period, measure_word: str = "取組") -> str:
    return (f"{period.name}の{measure_word}は読み取り専用です（期間がロックされています。評価は入力できます）。"
            f"変更するには「{UNLOCK_MENU}」メニューの「{UNLOCK_ACTION}」でロックを解除してください。")


def definition_changed(before: Measure | None, after: Measure | None) -> bool:
    """True when anything but the yearly evaluations differs.

    Evaluations keep their own lock (会議確定): the last year of a period is
    evaluated after the next period has been drafted, so a period lock must
    not block it.
    """
    if before is None or after is None:
        return before is not after
    return (replace(before, evaluations=[], updated_at="")
            != replace(after, evaluations=[], updated_at=""))
