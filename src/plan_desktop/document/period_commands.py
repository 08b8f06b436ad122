"""Period commands of :class:`PlanDocument` (mixed in): the period filter, the period lock and
drafting the next period, each edit one undoable step.

The lock is enforced here, for every edit that goes through the document:
changing, adding or deleting a measure of a locked period raises
``PermissionError`` (Japanese message) with nothing changed. Yearly
evaluations are exempt: they keep their own 会議確定 lock, and the last year
of a period is evaluated after the next period has been drafted.
"""

from __future__ import annotations

import copy
from contextlib import contextmanager
from dataclasses import replace


from ..domain import periods as P
from ..domain.model import Measure, Period
from ..domain.next_period import DraftMeasure, build_next_period

from .applied_command import AppliedCommand as _AppliedCommand


class PeriodCommands:
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

    def filtered_measures(self) -> list[Measure]:
        return P.measures_in_period(self.data, self.period_filter)

    def filtered_data(self):
        """The plan restricted to the chosen period (a shallow view, for overviews and reports)."""
        return P.data_for_period(self.data, self.period_filter)

    # ------------------------------------------------------------ locking
    def is_measure_locked(self, measure_id: str) -> bool:
        return P.locked_period_of(self.data, self.measure(measure_id)) is not None

    def is_period_locked(self, name: str) -> bool:
        return P.require_period(self.data, name).locked

    def set_period_locked(self, name: str, locked: bool, reason: str = "") -> None:
        """Lock or unlock a period's measures as one undo step, written to the change log."""
        self._check_writable()
        period = P.require_period(self.data, name)
        if period.locked == locked:
            return
        before = copy.deepcopy(self.data.plan.periods)
        after = [replace(p, locked=locked) if p.name == name else copy.deepcopy(p) for p in before]
        what = "ロック" if locked else "ロック解除"
        summary = f"{name}の推進事項を{what}" + (f"（理由: {reason}）" if reason else "")
        self._push_command(_PeriodsCommand(self, f"{name}の{what}", before, after,
                                           ("period", period.id, "lock" if locked else "unlock", summary)))

    def _guard_period_lock(self, before: Measure | None, after: Measure | None) -> None:
        """Raise PermissionError when an edit would change a measure of a locked period."""
        if getattr(self, "_period_lock_bypass", False):
            return
        for m in (before, after):
            period = P.locked_period_of(self.data, m)
            if period is not None and P.definition_changed(before, after):
                raise PermissionError(P.lock_message(period))

    @contextmanager
    def _bypassing_period_lock(self):
        old = getattr(self, "_period_lock_bypass", False)
        self._period_lock_bypass = True
        try:
            yield
        finally:
            self._period_lock_bypass = old

    # ------------------------------------------------- drafting the next period
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
        if backup and getattr(self.repo.db, "path", None) is not None:
            self.repo.db.backup_now("nextperiod")
        before_periods = copy.deepcopy(self.data.plan.periods)
        after_periods = [replace(p, locked=True) if (lock_source and p.name == source) else copy.deepcopy(p)
                         for p in before_periods]
        command = _NextPeriodCommand(self, f"{target}の推進事項を作成", result.tagged, result.new_measures,
                                     before_periods, after_periods, source, target)
        self._push_command(command)
        return [m.id for m in result.new_measures]




def _write_periods(doc, periods: list[Period], log: tuple | None) -> None:
    doc.repo.save_periods(copy.deepcopy(periods))
    doc.data.plan.periods = copy.deepcopy(periods)
    if log is not None:
        doc.repo.log(*log)


class _PeriodsCommand(_AppliedCommand):
    def __init__(self, doc, text: str, before: list[Period], after: list[Period], log: tuple):
        super().__init__(text)
        self.doc, self.before, self.after, self.log = doc, before, after, log

    def do(self) -> None:
        self._write(self.after, self.log)

    def revert(self) -> None:
        entity, eid, action, summary = self.log
        self._write(self.before, (entity, eid, "unlock" if action == "lock" else "lock", f"{summary}を取り消し"))

    def _write(self, periods: list[Period], log: tuple) -> None:
        from .plan_document import Changes

        with self.doc.repo.db.atomic():
            _write_periods(self.doc, periods, log)
        self.doc._emit(Changes.PLAN | Changes.MEASURE, tuple(m.id for m in self.doc.data.measures))


class _NextPeriodCommand(_AppliedCommand):
    def __init__(self, doc, text: str, tagged: list[Measure], new: list[Measure], before_periods: list[Period],
                 after_periods: list[Period], source: str, target: str):
        super().__init__(text)
        self.doc = doc
        self.tagged_after = copy.deepcopy(tagged)
        self.tagged_before = [copy.deepcopy(doc.measure(m.id)) for m in tagged]
        self.new = copy.deepcopy(new)
        self.before_periods, self.after_periods = before_periods, after_periods
        self.old_order = [m.id for m in doc.data.measures]
        self.source, self.target = source, target

    def _ids(self) -> tuple[str, ...]:
        return tuple(m.id for m in self.tagged_after) + tuple(m.id for m in self.new)

    def do(self) -> None:
        from .plan_document import Changes

        doc = self.doc
        with doc._bypassing_period_lock(), doc.repo.db.atomic():
            for m in self.tagged_after:
                doc._store(copy.deepcopy(m))
            for m in self.new:
                doc.repo.save_measure(copy.deepcopy(m))
                doc.data.measures.append(copy.deepcopy(m))
            # keep the list grouped by viewpoint, the new period after the old within each
            order = sorted(doc.data.measures, key=lambda x: x.viewpoint)
            doc._reorder([x.id for x in order])
            _write_periods(doc, self.after_periods,
                           ("period", None, "next_period",
                            f"{self.source}から{self.target}の推進事項 {len(self.new)} 件を作成"))
        doc._emit(Changes.ADDED | Changes.MEASURE | Changes.ORDER | Changes.PLAN, self._ids())

    def revert(self) -> None:
        from .plan_document import Changes

        doc = self.doc
        with doc._bypassing_period_lock(), doc.repo.db.atomic():
            _write_periods(doc, self.before_periods,
                           ("period", None, "next_period", f"{self.target}の推進事項の作成を取り消し"))
            for m in self.new:
                doc.repo.delete_measure(m.id)
                del doc.data.measures[doc.index_of(m.id)]
            for m in self.tagged_before:
                doc._store(copy.deepcopy(m))
            doc._reorder(list(self.old_order))
        doc._emit(Changes.REMOVED | Changes.MEASURE | Changes.ORDER | Changes.PLAN, self._ids())
