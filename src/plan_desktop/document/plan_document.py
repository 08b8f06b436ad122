"""PlanDocument: the open plan, its undo stack and its change signal.

Every user edit goes through a method here. The method validates and writes
at once (one transaction), so errors such as a full disk reach the caller as
exceptions with nothing changed; only then is a ``QUndoCommand`` pushed whose
later undo/redo replays the same kind of write. Views listen to ``changed``
and are told *what* changed (``Changes`` flags and measure ids), in the
spirit of Anki's ``OpChanges``.

Every refusal or failure of an edit leaves a method here as an
:class:`~.errors.EditError` with a Japanese message and the document
consistent; an undo or redo that cannot be written reads the file again,
clears the undo history and says so (:class:`~.errors.StepFailedError`).
The commands write through :class:`~.core.DocumentCore`, never through the
document's private state.
"""

from __future__ import annotations

import contextlib
import copy
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

from .. import collector
from ..domain.model import Evaluation, Measure, PlanData, new_id, now_iso
from ..fileops import replacing
from ..storage.database import DatabaseOpenError
from ..storage.plan_reading import load_plan
from ..storage.repository import PlanRepository
from .applied_command import AppliedCommand
from .changes import Changes, ChangeSet
from .community_commands import CommunityCommands
from .core import DocumentCore
from .errors import StepFailedError, as_edit_error, edit
from .evaluation_commands import EvaluationCommands
from .exchange_commands import ExchangeCommands
from .file_safety import FileSafety
from .file_sync import FileSync, open_repository
from .frame_commands import FrameCommands
from .period_commands import PeriodCommands

__all__ = ["Changes", "ChangeSet", "PlanDocument"]

# Measures whose schedules and evaluations are read per event-loop turn after the first frame
# (a step of 25 takes ~5 ms at 2,000 measures: a keystroke landing behind one waits that long,
# where a step of 100 made it wait ~16 ms; the whole read takes a little longer in small steps).
LOAD_STEP = 25

STEP_FAILED_NOTE = ("元に戻す・やり直しの操作を保存できなかったため、ファイルの内容を読み直しました"
                    "（元に戻す・やり直しの履歴は消去しました）。")


class PlanDocument(EvaluationCommands, PeriodCommands, CommunityCommands, ExchangeCommands, FrameCommands, FileSafety,
                   FileSync, QObject):
    """Owns the repository, an in-memory mirror of the plan and the undo stack."""

    changed = Signal(object)  # ChangeSet
    period_filter_changed = Signal(object)  # period name or None (see PeriodCommands)
    file_reloaded = Signal(str)  # the file changed behind our back and was re-read (Japanese sentence)
    # An undo or redo driven by the stack itself (not through undo()/redo()) failed:
    # the document was read again from the file. Carries the StepFailedError.
    step_failed = Signal(object)
    # A part read after the first frame (complete_load_in_steps) could not be read: the file is
    # damaged where the open did not look. Carries the DatabaseOpenError (a DamagedFileError).
    parts_unreadable = Signal(object)
    # A step of complete_load_in_steps read parts of some measures (a search waiting for them goes on).
    parts_read = Signal()
    # The parts complete_load_in_steps reads after the first frame are all read.
    parts_loaded = Signal()
    # The automatic backup on open, checked after the first frame (finish_backup_in_background),
    # failed: why, in Japanese (as backup_problem). Emitted on the backup's thread: connect it to a
    # slot of an object of the window's thread (queued).
    backup_failed = Signal(str)
    # The integrity check of the file opened at start-up, run after the first frame
    # (check_file_in_background), found it damaged: carries the DamagedFileError; nothing was or
    # will be written to it. Emitted on the check's thread: connect it to a slot of an object of the
    # window's thread (queued).
    damage_found = Signal(object)
    # That check could not run on a connection of its own (the file busy, an I/O error): the window
    # runs it on the document's connection (check_file_now), as the open would have. From the
    # check's thread, as damage_found.
    check_undecided = Signal()

    def __init__(self, repo: PlanRepository, path: Path | None = None, *, readonly: bool = False, parent=None,
                 readonly_reason: str = ""):
        super().__init__(parent)
        self.path = path
        # The measures' action plans, schedules and evaluations are read on first use or by
        # complete_load(), which the window calls after its first frame (storage/measure_parts.py).
        self.core = DocumentCore(repo, load_plan(repo, path, defer_parts=True), self.changed.emit,
                                 load=lambda: load_plan(self.core.repo, self.path))
        self.readonly = readonly
        self.readonly_reason = readonly_reason
        self.undo_stack = QUndoStack(self)
        self._failed_step: BaseException | None = None
        self._load_timer: QTimer | None = None
        self._load_resume: QTimer | None = None  # see hold_reading_in_steps
        self._load_over = False  # the read in steps ended (all read, a damaged part, closed)
        self._stepping = False
        self.closed = False  # close() was called: the file is let go (a second close does nothing)
        self._remember_file_state()

    @property
    def repo(self) -> PlanRepository:
        return self.core.repo

    @repo.setter
    def repo(self, repo: PlanRepository) -> None:
        """A new connection to the file (after it was replaced behind our back); call :meth:`reload` next."""
        self.core.repo = repo

    @property
    def data(self) -> PlanData:
        """The plan as loaded, kept in step with the file. Read it; change it only through the methods here."""
        return self.core.data

    # ------------------------------------------------------------ files
    @classmethod
    def open(cls, path: Path, *, readonly: bool = False, parent=None) -> PlanDocument:
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
    def create(cls, path: Path, data: PlanData, parent=None) -> PlanDocument:
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

    @edit
    def save_copy(self, target: Path) -> None:
        """Write a consistent copy of the open file to *target* (the open file stays open).

        A copy that cannot be written (full disk, read-only folder, a file held
        by another program) raises :class:`~.errors.StorageFailure`.
        """
        from ..storage.database import connect

        # SQLite's online backup API: a consistent copy even while the file is open.
        with replacing(Path(target)) as tmp:
            dest = connect(tmp)
            try:
                self.repo.db.conn.backup(dest)
            finally:
                dest.close()

    def complete_load(self) -> None:
        """Read every part of the measures still waiting in the file (see ``PlanRepository.load``).

        Nothing changes for the views: a part was already read whenever something used it.
        """
        self.repo.complete_load()

    def complete_load_in_steps(self, measures_per_step: int | None = None) -> None:
        """:meth:`complete_load`, a few measures per event-loop turn: the window answers the user
        between the steps (a write, or anything going through every measure, reads the rest at once)."""
        if self._load_timer is not None:
            return
        # What the first frame needed (the plan, the window) stays for as long as the document is
        # open: out of the collector's sight, and so is each step's read (plan_desktop/collector.py):
        # ~30,000 objects come in while the user may type, enough to set off a full collection.
        collector.freeze_alive()
        timer = self._load_timer = QTimer(self)
        timer.setInterval(0)

        def step() -> None:
            try:
                done = self.repo.load_step(measures_per_step or LOAD_STEP)
            except DatabaseOpenError as exc:
                timer.stop()  # a damaged file, named: the window offers the check and the restore
                self._load_over = True
                self.parts_unreadable.emit(exc)
                return
            except BaseException:
                timer.stop()  # reported once (as unexpected), not on every turn
                self._load_over = True
                raise
            collector.freeze_alive(read_done=done)
            if done:
                timer.stop()
                self._load_over = True
            self.parts_read.emit()
            if done:
                self.parts_loaded.emit()

        timer.timeout.connect(step)
        timer.start()

    def hold_reading_in_steps(self, ms: int) -> None:
        """Let the read of :meth:`complete_load_in_steps` wait *ms* from now (the user types: each
        keystroke is answered without a step of it); it goes on by itself after that (0: at once)."""
        timer = self._load_timer
        if timer is None or self._load_over:
            return
        timer.stop()
        if self._load_resume is None:
            resume = self._load_resume = QTimer(self)
            resume.setSingleShot(True)
            resume.timeout.connect(lambda: self._load_over or timer.start())
        self._load_resume.start(ms)

    def close(self) -> None:
        if self.closed:
            return
        self.closed = True
        self.undo_stack.clear()
        self._load_over = True
        if self._load_resume is not None:
            self._load_resume.stop()
        if self._load_timer is not None:
            self._load_timer.stop()
        try:
            # The plan stays readable after the file is closed (views still open may paint it).
            with contextlib.suppress(DatabaseOpenError):  # a damaged part: closing must still close
                self.complete_load()
            self.repo.db.close()
        finally:
            self.release_lock()
            # Frozen with everything else at the window's first frame: collectable again once it is
            # garbage (a window that opened another file drops this one).
            collector.thaw()

    def prepare_for_edits(self) -> None:
        """Make now what the first edit would otherwise wait for (the database's sqlite-utils
        wrapper, see ``storage.database.PlanDatabase``): the window calls it after its first paint."""
        prepare = getattr(self.repo.db, "prepare_for_writing", None)
        if prepare is not None:
            prepare()

    def prepare_for_edits_steps(self) -> list:
        """:meth:`prepare_for_edits` in steps of a few tens of ms (the modules it imports first, one
        a step), for a window to run one per turn of its event loop."""
        from ..storage.database import writer_import_steps

        return [*writer_import_steps(), self.prepare_for_edits]

    def finish_backup_in_background(self) -> None:
        """Check the automatic backup that opening copied, and put it in place, on another thread
        (see ``storage.database.PlanDatabase.finish_backup``): the window calls it after its first
        paint; closing the document waits for it. A failure is reported through backup_failed."""
        finish = getattr(self.repo.db, "finish_backup_in_background", None)
        if finish is None:
            return

        def done(problem: str | None) -> None:
            if problem is not None:
                self.backup_failed.emit(problem)

        finish(done)

    def check_file_in_background(self) -> None:
        """Run the integrity check that opening left for after the first frame (storage/
        deferred_check.py) on another thread; the window calls it after its first paint. Every write
        waits for it; a damaged file is reported through damage_found."""
        check = getattr(self.repo.db, "check_in_background", None)
        if check is not None:
            check(self.damage_found.emit, self.check_undecided.emit)

    # ------------------------------------------------------------- queries
    @property
    def backup_problem(self) -> str | None:
        """Why the automatic backup on open failed (Japanese), or None."""
        return getattr(self.repo.db, "backup_problem", None)

    @property
    def plan(self):
        return self.data.plan

    def measures(self) -> tuple[Measure, ...]:
        """The measures in display order: a snapshot, not the document's own list."""
        return tuple(self.data.measures)

    def measure(self, measure_id: str) -> Measure:
        return self.core.measure(measure_id)

    def index_of(self, measure_id: str) -> int:
        """Position of a measure in display order (O(1) while the order is unchanged)."""
        return self.core.index_of(measure_id)

    # ------------------------------------------------------------- editing
    @edit
    def update_measure(self, measure_id: str, text: str, kind: Changes = Changes.MEASURE, **changes) -> None:
        """Change fields of one measure as one undoable step."""
        self._check_writable()
        before = self.measure(measure_id)
        after = replace(copy.deepcopy(before), updated_at=now_iso(), **changes)
        if after == replace(before, updated_at=after.updated_at):
            return
        if "viewpoint" in changes and changes["viewpoint"] != before.viewpoint:
            kind |= Changes.ORDER
        self._push(_SnapshotCommand(self.core, text, before, after, kind))

    @edit
    def replace_measure(self, after: Measure, text: str, kind: Changes = Changes.MEASURE) -> None:
        """Store an edited copy of a measure (same id) as one undoable step."""
        self._check_writable()
        before = self.measure(after.id)
        after = replace(after, updated_at=now_iso())
        self._push(_SnapshotCommand(self.core, text, before, after, kind))

    @edit
    def set_phase(self, measure_id: str, fy: int, phase: str | None) -> None:
        self.set_phases(measure_id, {fy: phase})

    @edit
    def set_phases(self, measure_id: str, phases: dict[int, str | None], text: str = "工程の変更") -> None:
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
        self._push(_SnapshotCommand(self.core, text, before, after, Changes.SCHEDULE))

    @edit
    def save_evaluation(self, measure_id: str, evaluation: Evaluation, text: str = "評価の変更") -> None:
        self._check_writable()
        before = self.measure(measure_id)
        from ..domain.evaluation import check_edit_allowed

        check_edit_allowed(before.evaluation_for(evaluation.fy), evaluation, self.data.terms)  # 会議確定 stays locked
        evals = [e for e in before.evaluations if e.fy != evaluation.fy]
        evals.append(replace(evaluation, updated_at=now_iso()))
        evals.sort(key=lambda e: e.fy)
        after = replace(copy.deepcopy(before), evaluations=evals)
        self._push(_SnapshotCommand(self.core, text, before, after, Changes.EVALUATION))

    @edit
    def add_measure(self, viewpoint: int, after_id: str | None = None, title: str | None = None) -> str:
        """Insert a new measure (after *after_id*, else at the end of its viewpoint)."""
        self._check_writable()
        word = self.data.terms.measure
        m = Measure(no=self.next_number(), title=title or f"新しい{word}", viewpoint=viewpoint, period=self.period_filter)
        self._push(_InsertCommand(self.core, f"{word}の追加", m, self._insert_index(viewpoint, after_id)))
        return m.id

    @edit
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
        dup.code = None  # display codes stay unique
        self._push(_InsertCommand(self.core, f"{self.data.terms.measure}の複製", dup, self.index_of(measure_id) + 1))
        return dup.id

    @edit
    def delete_measure(self, measure_id: str) -> None:
        self._check_writable()
        self._push(_DeleteCommand(self.core, self.measure(measure_id), self.index_of(measure_id),
                                  f"{self.data.terms.measure}の削除"))

    @edit
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
        else:  # first of its group: after every measure of the groups shown before it
            from ..domain.groups import rank

            order = rank(self.data)
            mine = order.get(viewpoint, len(order))
            idx = sum(1 for x in others if order.get(x.viewpoint, len(order)) < mine)
        new_order = [x.id for x in others]
        new_order.insert(idx, measure_id)
        old_order = [x.id for x in self.data.measures]
        if new_order == old_order and m.viewpoint == viewpoint:
            return
        self._push(_MoveCommand(self.core, m, viewpoint, old_order, new_order, f"{self.data.terms.measure}の移動"))

    @edit
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
        from ..domain.groups import rank

        order = rank(self.data)
        mine = order.get(viewpoint, len(order))
        idx = 0
        for i, m in enumerate(self.data.measures):
            if order.get(m.viewpoint, len(order)) <= mine:
                idx = i + 1
        return idx

    def _push(self, command: AppliedCommand) -> None:
        """Apply *command* (raising with nothing changed on error), then put it on the undo stack."""
        if isinstance(command, _InsertCommand):  # also deletes
            self.core.guard_period_lock(None, command.measure)
        command.apply(first=True)
        command.on_failure = self._step_failed
        self.undo_stack.push(command)

    # ------------------------------------------------------------ undo/redo
    @edit
    def undo(self) -> None:
        """Undo the last step; raises :class:`StepFailedError` (document reloaded) when it cannot be written.

        Never undoes over changes made outside: when the file changed, it is
        read again (and the history cleared) instead.
        """
        if not self.sync_with_file():
            self._step(self.undo_stack.undo)

    @edit
    def redo(self) -> None:
        """Redo the next step; raises :class:`StepFailedError` (document reloaded) when it cannot be written."""
        if not self.sync_with_file():
            self._step(self.undo_stack.redo)

    def _step(self, move) -> None:
        self._stepping = True
        try:
            move()
        finally:
            self._stepping = False
        error = self._recover_from_failed_step()
        if error is not None:
            raise error from error.__cause__

    def _step_failed(self, exc: BaseException) -> None:
        """A command's undo/redo raised (called from inside the undo stack: never raise here)."""
        if self._failed_step is None:
            self._failed_step = exc
        if not self._stepping:  # the stack was driven directly: recover once it has returned
            QTimer.singleShot(0, self._report_failed_step)

    def _report_failed_step(self) -> None:
        error = self._recover_from_failed_step()
        if error is not None:
            self.step_failed.emit(error)

    def _recover_from_failed_step(self) -> StepFailedError | None:
        """After a failed undo/redo: the file holds the truth; read it again and forget the history."""
        exc, self._failed_step = self._failed_step, None
        if exc is None:
            return None
        self.core.reload_quietly()
        self.undo_stack.clear()
        self.core.announce(Changes.ALL)
        reason = as_edit_error(exc)
        error = StepFailedError(f"{reason if reason is not None else exc}\n{STEP_FAILED_NOTE}")
        error.__cause__ = exc
        return error

    def resync_after_error(self) -> bool:
        """After an unexpected exception: keep file and screen in agreement. True when the plan was re-read.

        A transaction the failed code left open is rolled back (the file keeps its
        last committed state: every finished edit); when the plan in memory no
        longer matches the file (the failure struck between writing and mirroring),
        it is re-read and the undo history cleared (undoing would write stale data).
        """
        conn = self.repo.db.conn
        if conn.in_transaction:
            conn.rollback()
        if load_plan(self.repo, self.path) == self.data:
            return False
        self.reload()
        return True

    def reload(self) -> None:
        """Re-read everything from the file (after an import or restore)."""
        self.core.reload()
        self.undo_stack.clear()
        self._remember_file_state()
        self.core.announce(Changes.ALL)


class _Command(AppliedCommand):
    def __init__(self, core: DocumentCore, text: str):
        super().__init__(text)
        self.core = core


class _SnapshotCommand(_Command):
    def __init__(self, core, text, before: Measure, after: Measure, kind: Changes):
        super().__init__(core, text)
        self.before, self.after, self.kind = before, after, kind

    def do(self) -> None:
        self._write(self.after)

    def revert(self) -> None:
        self._write(self.before)

    def _write(self, m: Measure) -> None:
        core = self.core
        with core.transaction():
            core.store_measure(m)
            if self.kind & Changes.ORDER:  # viewpoint changed: keep the list grouped by viewpoint
                core.group_by_viewpoint()
        core.announce(self.kind, (m.id,))


class _InsertCommand(_Command):
    def __init__(self, core, text, measure: Measure, index: int):
        super().__init__(core, text)
        self.measure, self.index = measure, index

    def do(self) -> None:
        self.core.insert_measure(self.measure, self.index)
        self.core.announce(Changes.ADDED, (self.measure.id,))

    def revert(self) -> None:
        self.core.remove_measure(self.measure.id)
        self.core.announce(Changes.REMOVED, (self.measure.id,))


class _DeleteCommand(_InsertCommand):
    def __init__(self, core, measure: Measure, index: int, text: str):
        super().__init__(core, text, copy.deepcopy(measure), index)

    def do(self) -> None:
        super().revert()

    def revert(self) -> None:
        super().do()


class _MoveCommand(_Command):
    def __init__(self, core, m: Measure, viewpoint: int, old_order: list[str], new_order: list[str], text: str):
        super().__init__(core, text)
        self.before = copy.deepcopy(m)
        self.after = replace(copy.deepcopy(m), viewpoint=viewpoint, updated_at=now_iso()) if viewpoint != m.viewpoint else None
        self.old_order, self.new_order = old_order, new_order

    def _go(self, m: Measure | None, order: list[str]) -> None:
        core = self.core
        with core.transaction():
            if m is not None:
                core.store_measure(m)
            core.set_order(order)
        core.announce(Changes.ORDER | (Changes.MEASURE if m is not None else Changes.NONE), (self.before.id,))

    def do(self) -> None:
        self._go(self.after, self.new_order)

    def revert(self) -> None:
        self._go(self.before if self.after is not None else None, self.old_order)
