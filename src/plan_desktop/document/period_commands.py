"""Period commands of :class:`PlanDocument` (mixed in): the period filter, the period lock and
drafting the next period, each edit one undoable step.

The lock is enforced here, for every edit that goes through the document:
changing, adding or deleting a measure of a locked period raises
``PeriodLockedError`` (a ``PermissionError``, Japanese message) with nothing changed. Yearly
evaluations are exempt: they keep their own 会議確定 lock, and the last year
of a period is evaluated after the next period has been drafted.
"""

from __future__ import annotations

import copy
from dataclasses import replace

from ..domain import periods as P
from ..domain.model import Measure, Period
from ..domain.next_period import DraftMeasure, build_next_period
from .applied_command import AppliedCommand as _AppliedCommand
from .changes import Changes
from .errors import edit
from .host import DocumentHost


class PeriodCommands(DocumentHost):
    """Methods for plan periods; PlanDocument inherits them."""

    # ------------------------------------------------------ period filter
    @property
    def period_filter(self) -> str | None:
        """Name of the period the views show, or None for every measure."""
        return getattr(self, "_period_filter", None)

    def set_period_filter(self, name: str | None) -> None:
        """Choose the period the tree, timeline and reports show; emits ``period_filter_changed``."""
        if name is not None:
            P.require_period(self.data, name)
        if name == self.period_filter:
            return
        self._period_filter = name
        self.period_filter_changed.emit(name)

    def filtered_measures(self) -> tuple[Measure, ...]:
        """The measures of the chosen period in display order (a snapshot)."""
        return tuple(P.measures_in_period(self.data, self.period_filter))

    def filtered_data(self):
        """The plan restricted to the chosen period (a shallow view, for overviews and reports)."""
        return P.data_for_period(self.data, self.period_filter)

    # ------------------------------------------------------------ locking
    def is_measure_locked(self, measure_id: str) -> bool:
        return P.locked_period_of(self.data, self.measure(measure_id)) is not None

    def is_period_locked(self, name: str) -> bool:
        return P.require_period(self.data, name).locked

    @edit
    def set_period_locked(self, name: str, locked: bool, reason: str = "") -> None:
        """Lock or unlock a period's measures as one undo step, written to the change log."""
        self._check_writable()
        period = P.require_period(self.data, name)
        if period.locked == locked:
            return
        before = copy.deepcopy(self.data.plan.periods)
        after = [replace(p, locked=locked) if p.name == name else copy.deepcopy(p) for p in before]
        what = "ロック" if locked else "ロック解除"
        summary = f"{name}の{self.data.terms.measure}を{what}" + (f"（理由: {reason}）" if reason else "")
        self._push(_PeriodsCommand(self.core, f"{name}の{what}", before, after,
                                           ("period", period.id, "lock" if locked else "unlock", summary)))

    # ------------------------------------------------- drafting the next period
    @edit
    def create_next_period(self, source: str, target: str, rows: list[DraftMeasure], *,
                           seed_improvements: bool = True, lock_source: bool = True,
                           backup: bool = True) -> list[str]:
        """Create *target*'s measures from the draft *rows* as one undo step; returns the new ids.

        Takes a backup of the file first (when it is a file), tags the source
        period's unassigned measures with the source period and, by default,
        locks the source period. ValueError (Japanese) for an invalid draft.
        """
        self._check_writable()
        result = build_next_period(self.data, source, target, rows, seed_improvements=seed_improvements)
        if backup:
            self.core.backup_now("nextperiod")
        before_periods = copy.deepcopy(self.data.plan.periods)
        after_periods = [replace(p, locked=True) if (lock_source and p.name == source) else copy.deepcopy(p)
                         for p in before_periods]
        command = _NextPeriodCommand(self.core, f"{target}の{self.data.terms.measure}を作成", result.tagged, result.new_measures,
                                     before_periods, after_periods, source, target)
        self._push(command)
        return [m.id for m in result.new_measures]


class _PeriodsCommand(_AppliedCommand):
    def __init__(self, core, text: str, before: list[Period], after: list[Period], log: tuple):
        super().__init__(text)
        self.core, self.before, self.after, self.log = core, before, after, log

    def do(self) -> None:
        self._write(self.after, self.log)

    def revert(self) -> None:
        entity, eid, action, summary = self.log
        self._write(self.before, (entity, eid, "unlock" if action == "lock" else "lock", f"{summary}を取り消し"))

    def _write(self, periods: list[Period], log: tuple) -> None:
        core = self.core
        with core.transaction():
            core.save_periods(periods, log)
        core.announce(Changes.PLAN | Changes.MEASURE, tuple(m.id for m in core.data.measures))


class _NextPeriodCommand(_AppliedCommand):
    def __init__(self, core, text: str, tagged: list[Measure], new: list[Measure], before_periods: list[Period],
                 after_periods: list[Period], source: str, target: str):
        super().__init__(text)
        self.core = core
        self.tagged_after = copy.deepcopy(tagged)
        self.tagged_before = [copy.deepcopy(core.measure(m.id)) for m in tagged]
        self.new = copy.deepcopy(new)
        self.before_periods, self.after_periods = before_periods, after_periods
        self.old_order = [m.id for m in core.data.measures]
        self.source, self.target = source, target

    def _ids(self) -> tuple[str, ...]:
        return tuple(m.id for m in self.tagged_after) + tuple(m.id for m in self.new)

    def do(self) -> None:
        core = self.core
        with core.bypassing_period_lock(), core.transaction():
            for m in self.tagged_after:
                core.store_measure(m)
            for m in self.new:
                core.add_measure_record(m)
            # keep the list grouped by viewpoint, the new period after the old within each
            core.group_by_viewpoint()
            core.save_periods(self.after_periods, ("period", None, "next_period",
                                                   f"{self.source}から{self.target}の{self.core.data.terms.measure} {len(self.new)} 件を作成"))
        core.announce(Changes.ADDED | Changes.MEASURE | Changes.ORDER | Changes.PLAN, self._ids())

    def revert(self) -> None:
        core = self.core
        with core.bypassing_period_lock(), core.transaction():
            core.save_periods(self.before_periods,
                              ("period", None, "next_period", f"{self.target}の{self.core.data.terms.measure}の作成を取り消し"))
            for m in self.new:
                core.remove_measure(m.id)
            for m in self.tagged_before:
                core.store_measure(m)
            core.set_order(list(self.old_order))
        core.announce(Changes.REMOVED | Changes.MEASURE | Changes.ORDER | Changes.PLAN, self._ids())
