"""PlanDocument: the open plan, its undo stack and its change signal.

Every user edit goes through a method here. The method validates and writes
at once (one transaction), so errors such as a full disk reach the caller as
exceptions with nothing changed; only then is a ``QUndoCommand`` pushed whose
later undo/redo replays the same kind of write. Views listen to ``changed``
and are told *what* changed (``Changes`` flags and measure ids), in the
spirit of Anki's ``OpChanges``.
"""

from __future__ import annotations

import copy
import enum
from dataclasses import dataclass, field, replace
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from ..domain.model import Evaluation, Measure, PlanData, new_id, now_iso
from ..domain.validation import validate_measure
from ..fileops import replacing
from ..storage.plan_reading import load_plan
from ..storage.repository import PlanRepository
from .applied_command import AppliedCommand
from .community_commands import CommunityCommands
from .evaluation_commands import EvaluationCommands
from .file_sync import FileSync, open_repository
from .period_commands import PeriodCommands


class Changes(enum.Flag):
    NONE = 0
    MEASURE = enum.auto()  # fields of existing measures
    ADDED = enum.auto()
    REMOVED = enum.auto()
    ORDER = enum.auto()  # order or viewpoint membership
    SCHEDULE = enum.auto()
    EVALUATION = enum.auto()
    PLAN = enum.auto()  # plan-level data, viewpoints, proposals, scale
    COMMUNITY = enum.auto()  # community districts and per-community progress cells
    ALL = MEASURE | ADDED | REMOVED | ORDER | SCHEDULE | EVALUATION | PLAN | COMMUNITY


@dataclass(frozen=True)
class ChangeSet:
    kind: Changes
    measure_ids: tuple[str, ...] = ()
    source: object | None = field(default=None, compare=False)


class PlanDocument(EvaluationCommands, PeriodCommands, CommunityCommands, FileSync, QObject):
    """Owns the repository, an in-memory mirror of the plan and the undo stack."""

    changed = Signal(object)  # ChangeSet
    period_filter_changed = Signal(object)  # period name or None (see PeriodCommands)
    file_reloaded = Signal(str)  # the file changed behind our back and was re-read (Japanese sentence)

    def __init__(self, repo: PlanRepository, path: Path | None = None, *, readonly: bool = False, parent=None,
                 readonly_reason: str = ""):
        super().__init__(parent)
        self.repo = repo
        self.path = path
        self.readonly = readonly
        self.readonly_reason = readonly_reason
        self.data: PlanData = load_plan(repo, path)
        self.undo_stack = QUndoStack(self)
        self._remember_file_state()

    # ------------------------------------------------------------ files
    @classmethod
    def open(cls, path: Path, *, readonly: bool = False, parent=None) -> "PlanDocument":
        """Open a plan file, taking its writer lock.

        A file that another instance has open, or that cannot be written, opens
        read-only; ``readonly_reason`` says why. Raises
        ``storage.database.DatabaseOpenError`` (Japanese message) for a file that
        cannot be opened, ``DamagedFileError`` when its content cannot be read.
        """
        path = Path(path)
        repo, lock, readonly, reason = open_repository(path, readonly=readonly)
        try:
            doc = cls(repo, path, readonly=readonly, parent=parent, readonly_reason=reason)
        except BaseException:
            repo.db.close()
            if lock is not None:
                lock.release()
            raise
        doc.adopt_lock(lock)
        return doc

    @classmethod
    def create(cls, path: Path, data: PlanData, parent=None) -> "PlanDocument":
        """Write *data* to a new plan file at *path* (replacing any file there) and open it."""
        from ..storage.database import open_database

        path = Path(path)
        with replacing(path) as tmp:  # closed before the rename; removed on failure
            db = open_database(tmp)
            try:
                PlanRepository(db).replace_all(copy.deepcopy(data), summary="新規作成")
            finally:
                db.close()
        return cls.open(path, parent=parent)

    def save_copy(self, target: Path) -> None:
        """Write a consistent copy of the open file to *target* (the open file stays open)."""
        from ..storage.database import connect

        # SQLite's online backup API: a consistent copy even while the file is open.
        with replacing(Path(target)) as tmp:
            dest = connect(tmp)
            try:
                self.repo.db.conn.backup(dest)
            finally:
                dest.close()

    def close(self) -> None:
        self.undo_stack.clear()
        try:
            self.repo.db.close()
        finally:
            self.release_lock()

    # ------------------------------------------------------------- queries
    @property
    def backup_problem(self) -> str | None:
        """Why the automatic backup on open failed (Japanese), or None."""
        return getattr(self.repo.db, "backup_problem", None)

    @property
    def plan(self):
        return self.data.plan

    def measures(self) -> list[Measure]:
        return self.data.measures

    def measure(self, measure_id: str) -> Measure:
        return self.data.measures[self.index_of(measure_id)]

    def index_of(self, measure_id: str) -> int:
        """Position of a measure in ``data.measures``; O(1) while the list is unchanged.

        The cached positions are checked on every lookup and rebuilt when the
        list was edited in any way, so callers may mutate ``data.measures`` freely.
        """
        measures = self.data.measures
        cache = getattr(self, "_positions", None)
        i = cache.get(measure_id, -1) if cache is not None else -1
        if 0 <= i < len(measures) and measures[i].id == measure_id:
            return i
        self._positions = {m.id: n for n, m in enumerate(measures)}
        i = self._positions.get(measure_id, -1)
        if i < 0:
            raise LookupError(measure_id)
        return i

    def problems_for(self, measure: Measure):
        return validate_measure(measure, self.data)

    # ------------------------------------------------------------- editing
    def update_measure(self, measure_id: str, text: str, kind: Changes = Changes.MEASURE, source=None, **changes) -> None:
        """Change fields of one measure as one undoable step."""
        self._check_writable()
        before = self.measure(measure_id)
        after = replace(copy.deepcopy(before), updated_at=now_iso(), **changes)
        if after == replace(before, updated_at=after.updated_at):
            return
        if "viewpoint" in changes and changes["viewpoint"] != before.viewpoint:
            kind |= Changes.ORDER
        self._push(_SnapshotCommand(self, text, before, after, kind, source))

    def replace_measure(self, after: Measure, text: str, kind: Changes = Changes.MEASURE, source=None) -> None:
        """Store an edited copy of a measure (same id) as one undoable step."""
        self._check_writable()
        before = self.measure(after.id)
        after = replace(after, updated_at=now_iso())
        self._push(_SnapshotCommand(self, text, before, after, kind, source))

    def set_phase(self, measure_id: str, fy: int, phase: str | None, source=None) -> None:
        self.set_phases(measure_id, {fy: phase}, source=source)

    def set_phases(self, measure_id: str, phases: dict[int, str | None], text: str = "工程の変更", source=None) -> None:
        """Set or clear several schedule cells of one measure in one step."""
        self._check_writable()
        before = self.measure(measure_id)
        sched = {s.fy: s.phase for s in before.schedule}
        for fy, phase in phases.items():
            if phase is None:
                sched.pop(fy, None)
            else:
                sched[fy] = phase
        from ..domain.model import ScheduleEntry

        new_schedule = [ScheduleEntry(fy, p) for fy, p in sorted(sched.items())]
        if new_schedule == before.schedule:
            return
        after = replace(copy.deepcopy(before), schedule=new_schedule, updated_at=now_iso())
        self._push(_SnapshotCommand(self, text, before, after, Changes.SCHEDULE, source))

    def save_evaluation(self, measure_id: str, evaluation: Evaluation, text: str = "評価の変更", source=None) -> None:
        self._check_writable()
        before = self.measure(measure_id)
        from ..domain.evaluation import check_edit_allowed

        check_edit_allowed(before.evaluation_for(evaluation.fy), evaluation)  # 会議確定 stays locked
        evals = [e for e in before.evaluations if e.fy != evaluation.fy]
        evals.append(replace(evaluation, updated_at=now_iso()))
        evals.sort(key=lambda e: e.fy)
        after = replace(copy.deepcopy(before), evaluations=evals)
        self._push(_SnapshotCommand(self, text, before, after, Changes.EVALUATION, source))

    def add_measure(self, viewpoint: int, after_id: str | None = None, title: str = "新しい推進事項") -> str:
        """Insert a new measure (after *after_id*, else at the end of its viewpoint)."""
        self._check_writable()
        m = Measure(no=self.next_number(), title=title, viewpoint=viewpoint, period=self.period_filter)
        self._push(_InsertCommand(self, "推進事項の追加", m, self._insert_index(viewpoint, after_id)))
        return m.id

    def duplicate_measure(self, measure_id: str) -> str:
        self._check_writable()
        src = self.measure(measure_id)
        dup = copy.deepcopy(src)
        dup.id = new_id()
        dup.no = self.next_number()
        dup.title = f"{src.title}（複製）"
        dup.updated_at = now_iso()
        for b in dup.action_plan:
            b.id = new_id()
            for it in b.items:
                it.id = new_id()
        for e in dup.evaluations:
            e.id = new_id()
        self._push(_InsertCommand(self, "推進事項の複製", dup, self.index_of(measure_id) + 1))
        return dup.id

    def delete_measure(self, measure_id: str) -> None:
        self._check_writable()
        self._push(_DeleteCommand(self, self.measure(measure_id), self.index_of(measure_id)))

    def move_measure(self, measure_id: str, viewpoint: int, row: int) -> None:
        """Move a measure to *row* among the measures of *viewpoint* (possibly another one)."""
        self._check_writable()
        m = self.measure(measure_id)
        others = [x for x in self.data.measures if x.id != measure_id]
        in_vp = [x for x in others if x.viewpoint == viewpoint]
        row = max(0, min(row, len(in_vp)))
        if in_vp:
            anchor = in_vp[row - 1] if row > 0 else None
            idx = others.index(anchor) + 1 if anchor else others.index(in_vp[0])
        else:
            idx = sum(1 for x in others if x.viewpoint < viewpoint)
        new_order = [x.id for x in others]
        new_order.insert(idx, measure_id)
        old_order = [x.id for x in self.data.measures]
        if new_order == old_order and m.viewpoint == viewpoint:
            return
        self._push(_MoveCommand(self, m, viewpoint, old_order, new_order))

    def renumber(self) -> None:
        """Number measures 1..n in display order, as one undoable step."""
        self._check_writable()
        todo = [(m, i + 1) for i, m in enumerate(self.data.measures) if m.no != i + 1]
        if not todo:
            return
        self.undo_stack.beginMacro("番号の振り直し")
        try:
            for m, no in todo:
                self.update_measure(m.id, "番号の振り直し", no=no)
        finally:
            self.undo_stack.endMacro()

    def next_number(self) -> int:
        return max((m.no for m in self.data.measures), default=0) + 1

    def _insert_index(self, viewpoint: int, after_id: str | None) -> int:
        if after_id is not None:
            return self.index_of(after_id) + 1
        idx = 0
        for i, m in enumerate(self.data.measures):
            if m.viewpoint <= viewpoint:
                idx = i + 1
        return idx

    def _push(self, command: "_Command") -> None:
        if isinstance(command, _InsertCommand):  # also deletes
            self._guard_period_lock(None, command.measure)
        command.apply(first=True)  # raises with nothing changed on error
        self.undo_stack.push(command)

    # ------------------------------------------------- mirror maintenance
    def _emit(self, kind: Changes, ids: tuple[str, ...], source=None) -> None:
        self.changed.emit(ChangeSet(kind, ids, source))

    def _store(self, m: Measure) -> None:
        self._guard_period_lock(self.measure(m.id), m)
        self.repo.save_measure(m)
        self.data.measures[self.index_of(m.id)] = m

    def _reorder(self, order: list[str]) -> None:
        self.repo.set_measure_order(order)
        by_id = {m.id: m for m in self.data.measures}
        self.data.measures = [by_id[i] for i in order]

    def reload(self) -> None:
        """Re-read everything from the file (after an import or restore)."""
        self.data = load_plan(self.repo, self.path)
        self.undo_stack.clear()
        self._remember_file_state()
        self._emit(Changes.ALL, ())


class _Command(AppliedCommand):
    def __init__(self, doc: PlanDocument, text: str):
        super().__init__(text)
        self.doc = doc


class _SnapshotCommand(_Command):
    def __init__(self, doc, text, before: Measure, after: Measure, kind: Changes, source=None):
        super().__init__(doc, text)
        self.before, self.after, self.kind, self.source = before, after, kind, source

    def do(self) -> None:
        self._write(self.after)

    def revert(self) -> None:
        self._write(self.before)
        self.source = None  # views that started the edit must follow an undo too

    def _write(self, m: Measure) -> None:
        with self.doc.repo.db.atomic():
            self.doc._store(copy.deepcopy(m))
            if self.kind & Changes.ORDER:
                # viewpoint changed: keep the list grouped by viewpoint
                order = sorted(self.doc.data.measures, key=lambda x: x.viewpoint)
                self.doc._reorder([x.id for x in order])
        self.doc._emit(self.kind, (m.id,), self.source)


class _InsertCommand(_Command):
    def __init__(self, doc, text, measure: Measure, index: int):
        super().__init__(doc, text)
        self.measure, self.index = measure, index

    def do(self) -> None:
        doc = self.doc
        order = [m.id for m in doc.data.measures]
        order.insert(self.index, self.measure.id)
        with doc.repo.db.atomic():
            doc.repo.save_measure(copy.deepcopy(self.measure))
            doc.data.measures.insert(self.index, copy.deepcopy(self.measure))
            doc._reorder(order)
        doc._emit(Changes.ADDED, (self.measure.id,))

    def revert(self) -> None:
        doc = self.doc
        doc.repo.delete_measure(self.measure.id)
        del doc.data.measures[doc.index_of(self.measure.id)]
        doc._emit(Changes.REMOVED, (self.measure.id,))


class _DeleteCommand(_InsertCommand):
    def __init__(self, doc, measure: Measure, index: int):
        super().__init__(doc, "推進事項の削除", copy.deepcopy(measure), index)

    def do(self) -> None:
        super().revert()

    def revert(self) -> None:
        super().do()


class _MoveCommand(_Command):
    def __init__(self, doc, m: Measure, viewpoint: int, old_order: list[str], new_order: list[str]):
        super().__init__(doc, "推進事項の移動")
        self.before = copy.deepcopy(m)
        self.after = replace(copy.deepcopy(m), viewpoint=viewpoint, updated_at=now_iso()) if viewpoint != m.viewpoint else None
        self.old_order, self.new_order = old_order, new_order

    def _go(self, m: Measure | None, order: list[str]) -> None:
        doc = self.doc
        with doc.repo.db.atomic():
            if m is not None:
                doc._store(copy.deepcopy(m))
            doc._reorder(order)
        doc._emit(Changes.ORDER | (Changes.MEASURE if m is not None else Changes.NONE), (self.before.id,))

    def do(self) -> None:
        self._go(self.after, self.new_order)

    def revert(self) -> None:
        self._go(self.before if self.after is not None else None, self.old_order)
