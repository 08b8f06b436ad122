"""Evaluation commands of :class:`PlanDocument` (mixed in): each edit is one undoable step.

Like every other edit, a command validates and writes at once (one
transaction) when it is first applied, so refusals reach the caller as
exceptions with nothing changed and nothing pushed. The locking rule of
``domain.evaluation`` is enforced here: a 会議確定 record only changes after an
explicit unlock, and unlocking/relocking and status moves are written to the
change log.
"""

from __future__ import annotations

import copy
from dataclasses import replace

from ..domain import evaluation as rules
from ..domain.fiscal import fy_label
from ..domain.model import Evaluation, Measure, RatingLevel, now_iso
from .applied_command import AppliedCommand as _AppliedCommand
from .changes import Changes
from .core import LogEntry
from .errors import edit
from .host import DocumentHost


class EvaluationCommands(DocumentHost):
    """Methods for the yearly evaluation; PlanDocument inherits them."""

    # ------------------------------------------------------------- queries
    def evaluation(self, measure_id: str, fy: int) -> Evaluation | None:
        return self.measure(measure_id).evaluation_for(fy)

    def is_evaluation_locked(self, measure_id: str, fy: int) -> bool:
        return rules.is_locked(self.evaluation(measure_id, fy))

    # ------------------------------------------------------------- editing
    @edit
    def set_evaluation_fields(self, measure_id: str, fy: int, text: str = "評価の変更", **changes) -> bool:
        """Change fields of one year's evaluation (created as a draft if missing) as one step.

        Returns False when nothing changed. Raises LockedError on a locked
        record and ValidationError on invalid values, with nothing changed.
        """
        self._check_writable()
        before = self.evaluation(measure_id, fy)
        if "unlocked" in changes or "status" in changes:
            raise ValueError("状態とロックは専用の操作で変更してください")
        after = replace(copy.deepcopy(before) if before else Evaluation(fy=fy), **changes)
        if rules.same_content(before or Evaluation(fy=fy, id=after.id, updated_at=after.updated_at), after):
            return False
        self._check_active(measure_id, fy, before)
        rules.check_edit_allowed(before, after, self.data.terms)
        self._push_evaluation(measure_id, after, text)
        return True

    def _check_active(self, measure_id: str, fy: int, before: Evaluation | None) -> None:
        """A year outside the measure's active years gets no new evaluation (one kept from before may be edited)."""
        m = self.measure(measure_id)
        if before is None and not m.active_in(fy):
            raise ValueError(f"{fy_label(fy)}は№{m.label}の実施期間外のため、評価は入力できません")

    @edit
    def delete_evaluation(self, measure_id: str, fy: int) -> None:
        self._check_writable()
        before = self.evaluation(measure_id, fy)
        if before is None:
            return
        rules.check_edit_allowed(before, None, self.data.terms)
        m = self.measure(measure_id)
        after_measure = replace(copy.deepcopy(m), evaluations=[e for e in copy.deepcopy(m.evaluations) if e.fy != fy])
        self._push(_EvaluationCommand(self.core, f"{fy_label(fy)}の評価を削除", m, after_measure,
                                              ("evaluation", before.id, "delete", f"№{m.label} {fy_label(fy)}"),
                                              ("evaluation", before.id, "restore", f"№{m.label} {fy_label(fy)}（削除の取り消し）")))

    @edit
    def set_evaluation_status(self, measure_id: str, fy: int, status: str) -> None:
        """Move the record along 下書き → 所管課確定 → 会議確定 (see ``rules.apply_status``).

        Raises ValueError with the Japanese reasons when the move is not allowed.
        """
        self._check_writable()
        before = self.evaluation(measure_id, fy)
        if before is None:
            raise ValueError(f"{fy_label(fy)}の評価はまだありません")
        after = rules.apply_status(before, status, self.data.terms)
        m = self.measure(measure_id)
        label = self.data.terms.status_label
        summary = f"№{m.label} {fy_label(fy)}: {label(before.status)} → {label(status)}"
        self._push_evaluation(measure_id, after, f"評価の状態: {label(status)}",
                              log=("evaluation", before.id, "status", summary),
                              undo_log=("evaluation", before.id, "status", f"{summary}（取り消し）"))

    @edit
    def unlock_evaluation(self, measure_id: str, fy: int, reason: str = "") -> None:
        """Make a 会議確定 record editable; the unlock (with *reason*) goes to the change log."""
        self._check_writable()
        before = self.evaluation(measure_id, fy)
        if before is None or not rules.is_locked(before):
            raise ValueError("ロックされている評価ではありません")
        m = self.measure(measure_id)
        final = self.data.terms.status_label(rules.COUNCIL_CONFIRMED)
        summary = f"№{m.label} {fy_label(fy)}の{final}の評価のロックを解除" + (f"（理由: {reason}）" if reason else "")
        self._push_evaluation(measure_id, replace(before, unlocked=True), "評価のロック解除",
                              log=("evaluation", before.id, "unlock", summary),
                              undo_log=("evaluation", before.id, "lock", f"{summary}を取り消し"))

    @edit
    def lock_evaluation(self, measure_id: str, fy: int) -> None:
        """Relock an unlocked 会議確定 record."""
        self._check_writable()
        before = self.evaluation(measure_id, fy)
        if before is None or before.status != rules.COUNCIL_CONFIRMED or not before.unlocked:
            raise ValueError(f"ロックを解除した{self.data.terms.status_label(rules.COUNCIL_CONFIRMED)}の評価ではありません")
        m = self.measure(measure_id)
        summary = f"№{m.label} {fy_label(fy)}の評価を再ロック"
        self._push_evaluation(measure_id, replace(before, unlocked=False), "評価の再ロック",
                              log=("evaluation", before.id, "lock", summary),
                              undo_log=("evaluation", before.id, "unlock", f"{summary}を取り消し"))

    @edit
    def start_evaluation_from_last_year(self, measure_id: str, fy: int) -> bool:
        """Fill this year's draft from the latest earlier evaluation (課題 → 出発点, 改善策 → 取組予定).

        Returns False when there is no earlier evaluation.
        """
        self._check_writable()
        m = self.measure(measure_id)
        previous = rules.previous_evaluation(m, fy)
        if previous is None:
            return False
        before = m.evaluation_for(fy)
        after = rules.carry_over(previous, fy, before)
        rules.check_edit_allowed(before, after, self.data.terms)
        if rules.same_content(before, after):
            return True
        self._push_evaluation(measure_id, after, f"{fy_label(previous.fy)}から引き継ぎ")
        return True

    @edit
    def set_rating_scale(self, levels: list[RatingLevel], renames: dict[str, str] | None = None) -> None:
        """Replace the plan's rating scale, renaming letters in all evaluations, as one step."""
        self._check_writable()
        renames = {old: new for old, new in (renames or {}).items() if old != new}
        before = copy.deepcopy(self.data.rating_scale)
        after = copy.deepcopy(list(levels))
        if after == before and not renames:
            return
        self._push(_ScaleCommand(self.core, before, after, renames))

    # ---------------------------------------------------------- internals
    def _push_evaluation(self, measure_id: str, evaluation: Evaluation, text: str,
                         log: LogEntry | None = None, undo_log: LogEntry | None = None) -> None:
        m = self.measure(measure_id)
        evals = [e for e in copy.deepcopy(m.evaluations) if e.fy != evaluation.fy]
        evals.append(replace(copy.deepcopy(evaluation), updated_at=now_iso()))
        evals.sort(key=lambda e: e.fy)
        after_measure = replace(copy.deepcopy(m), evaluations=evals)
        self._push(_EvaluationCommand(self.core, text, m, after_measure, log, undo_log))


class _EvaluationCommand(_AppliedCommand):
    def __init__(self, core, text: str, before: Measure, after: Measure, log: LogEntry | None,
                 undo_log: LogEntry | None):
        super().__init__(text)
        self.core, self.before, self.after = core, copy.deepcopy(before), after
        self.log, self.undo_log = log, undo_log

    def do(self) -> None:
        self._write(self.after, self.log)

    def revert(self) -> None:
        self._write(self.before, self.undo_log)

    def _write(self, m: Measure, log: LogEntry | None) -> None:
        core = self.core
        with core.transaction():
            core.store_measure(m)
            if log is not None:
                core.log(log)
        core.announce(Changes.EVALUATION, (m.id,))


class _ScaleCommand(_AppliedCommand):
    def __init__(self, core, before: list[RatingLevel], after: list[RatingLevel], renames: dict[str, str]):
        super().__init__("評価基準の変更")
        self.core, self.before, self.after = core, before, after
        self.renames = renames
        self.inverse = {new: old for old, new in renames.items()}

    def do(self) -> None:
        self._write(self.after, self.renames)

    def revert(self) -> None:
        self._write(self.before, self.inverse)

    def _write(self, levels: list[RatingLevel], renames: dict[str, str]) -> None:
        touched = self.core.set_rating_scale(levels, renames, rules.rename_ratings)
        self.core.announce(Changes.PLAN | Changes.EVALUATION, touched)
