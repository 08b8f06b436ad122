"""The document core: the plan's repository and its in-memory mirror, written together.

Undo commands change the plan only through these methods (the orange
``Scheme`` idea: commands call the model's public API, the model emits).
Each write goes to the file first and then to the mirror; several writes that
form one step run inside :meth:`DocumentCore.transaction`, which also reads
the mirror back from the file when the transaction fails half-way, so the
mirror never holds what the file does not. :meth:`announce` tells the views.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from ..domain import periods as P
from ..domain.model import Community, CommunityEntry, Evaluation, Measure, Period, PlanData, RatingLevel
from ..storage.backup import BackupError
from ..storage.database import PlanDatabase
from ..storage.errors import STORAGE_FAILURES
from ..storage.repository import PlanRepository
from .changes import Changes, ChangeSet
from .errors import PeriodLockedError, StorageFailure

# What a backup that cannot be made raises (one tuple: mypy reads no starred except clauses).
BACKUP_FAILURES: tuple[type[Exception], ...] = (BackupError, *STORAGE_FAILURES)

LogEntry = tuple[str, str | None, str, str]  # entity, entity id, action, summary


class DocumentCore:
    def __init__(self, repo: PlanRepository, data: PlanData, announce: Callable[[ChangeSet], None],
                 load: Callable[[], PlanData] | None = None):
        self.repo = repo
        self.data = data
        self._announce = announce
        self._load = load or repo.load
        self._positions: dict[str, int] = {}
        self._period_lock_bypass = False

    # ------------------------------------------------------------- queries
    def measure(self, measure_id: str) -> Measure:
        return self.data.measures[self.index_of(measure_id)]

    def index_of(self, measure_id: str) -> int:
        """Position of a measure in ``data.measures``; O(1) while the list is unchanged.

        The cached positions are checked on every lookup and rebuilt when the
        list changed in any way.
        """
        measures = self.data.measures
        i = self._positions.get(measure_id, -1)
        if 0 <= i < len(measures) and measures[i].id == measure_id:
            return i
        self._positions = {m.id: n for n, m in enumerate(measures)}
        i = self._positions.get(measure_id, -1)
        if i < 0:
            raise LookupError(measure_id)
        return i

    # ---------------------------------------------------------- transactions
    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One unit of work on the file; on failure the mirror is read back from the file."""
        try:
            with self.repo.db.atomic():
                yield
        except BaseException:
            self.reload_quietly()
            raise

    def reload(self) -> None:
        """Read the whole plan from the file again (after an import, a restore or a failed step)."""
        self.data = self._load()
        self._positions = {}

    def reload_quietly(self) -> bool:
        """:meth:`reload`, keeping the mirror as it was when the file cannot be read either."""
        try:
            self.reload()
        except Exception:  # noqa: BLE001 - the failure being handled is reported by the caller
            return False
        return True

    def announce(self, kind: Changes, ids: tuple[str, ...] = ()) -> None:
        self._announce(ChangeSet(kind, ids))

    # -------------------------------------------------------- period lock
    def guard_period_lock(self, before: Measure | None, after: Measure | None) -> None:
        """Raise :class:`PeriodLockedError` when an edit would change a measure of a locked period."""
        if self._period_lock_bypass:
            return
        for m in (before, after):
            period = P.locked_period_of(self.data, m)
            if period is not None and P.definition_changed(before, after):
                raise PeriodLockedError(P.lock_message(period, self.data.terms.measure))

    @contextmanager
    def bypassing_period_lock(self) -> Iterator[None]:
        """For the steps that change a locked period's measures on purpose (drafting the next period)."""
        old = self._period_lock_bypass
        self._period_lock_bypass = True
        try:
            yield
        finally:
            self._period_lock_bypass = old

    # ------------------------------------------------------------ measures
    def store_measure(self, m: Measure) -> None:
        """Write a changed measure (same id) to the file and the mirror."""
        self.guard_period_lock(self.measure(m.id), m)
        m = copy.deepcopy(m)
        self.repo.save_measure(m)
        self.data.measures[self.index_of(m.id)] = m

    def insert_measure(self, m: Measure, index: int) -> None:
        """Add a new measure at *index* of the display order."""
        m = copy.deepcopy(m)
        order = [x.id for x in self.data.measures]
        order.insert(index, m.id)
        with self.transaction():
            self.repo.save_measure(m)
            self.data.measures.insert(index, m)
            self.set_order(order)

    def add_measure_record(self, m: Measure) -> None:
        """Write a new measure at the end of the mirror (the caller sets the order)."""
        m = copy.deepcopy(m)
        self.repo.save_measure(m)
        self.data.measures.append(m)

    def remove_measure(self, measure_id: str) -> None:
        self.repo.delete_measure(measure_id)
        del self.data.measures[self.index_of(measure_id)]

    def set_order(self, order: list[str]) -> None:
        """Put the measures in the order of the ids in *order* (file and mirror)."""
        self.repo.set_measure_order(order)
        by_id = {m.id: m for m in self.data.measures}
        self.data.measures = [by_id[i] for i in order]

    def group_by_viewpoint(self) -> None:
        """Keep the list grouped by group, in the groups' display order (stable within a group)."""
        from ..domain.groups import sort_measures

        self.set_order([x.id for x in sort_measures(self.data, self.data.measures)])

    def measure_positions(self) -> dict[str, int]:
        return self.repo.measure_positions()

    def save_measures(self, measures: list[Measure], positions: dict[str, int], summary: str) -> None:
        """Write measures back at their stored positions (undo of a batch); the caller reloads."""
        for m in measures:
            self.repo.save_measure(copy.deepcopy(m), positions.get(m.id), summary=summary)

    def reload_measures(self) -> None:
        """Read the measures from the file again (after a batch written by the storage layer)."""
        self.data.measures = self.repo.load().measures
        self._positions = {}

    # ----------------------------------------------------- plan-level data
    def write_frame(self, data: PlanData, changed: list[str], summary: str) -> None:
        """Write the plan's frame, the *changed* measures and the order; the mirror becomes *data*."""
        with self.transaction():
            self.repo.save_frame(copy.deepcopy(data), changed, summary=summary)
        self.reload()  # the file is the truth (timestamps, order as stored)

    def save_periods(self, periods: list[Period], log: LogEntry | None = None) -> None:
        self.repo.save_periods(copy.deepcopy(periods))
        self.data.plan.periods = copy.deepcopy(periods)
        if log is not None:
            self.log(log)

    def set_rating_scale(self, levels: list[RatingLevel], renames: dict[str, str],
                         rename: Callable[[Evaluation, dict[str, str]], Evaluation]) -> tuple[str, ...]:
        """Replace the scale, renaming letters in every evaluation; returns the ids of measures touched."""
        self.repo.set_rating_scale(copy.deepcopy(levels), renames)
        self.data.rating_scale = copy.deepcopy(levels)
        touched = []
        for m in self.data.measures:
            renamed = [rename(e, renames) for e in m.evaluations]
            if renamed != m.evaluations:
                m.evaluations = renamed
                touched.append(m.id)
        return tuple(touched)

    def replace_community_entries(self, keys: set[tuple[str, str, int]], entries: list[CommunityEntry]) -> None:
        """Remove the matrix cells at *keys* and write *entries* instead."""
        with self.transaction():
            for k in keys:
                self.repo.delete_community_entry(*k)
            for e in entries:
                self.repo.save_community_entry(copy.deepcopy(e))
        self.data.community_entries = [e for e in self.data.community_entries
                                       if (e.measure_id, e.community_id, e.fy) not in keys]
        self.data.community_entries += copy.deepcopy(entries)

    def set_communities(self, communities: list[Community], entries: list[CommunityEntry]) -> None:
        self.repo.save_communities(copy.deepcopy(communities), copy.deepcopy(entries))
        self.data.communities = copy.deepcopy(communities)
        self.data.community_entries = copy.deepcopy(entries)

    def log(self, entry: LogEntry) -> None:
        """Add a line to the file's change log (inside the step's transaction)."""
        self.repo.log(*entry)

    def backup_now(self, reason: str):
        """A verified backup of the open file (a ``BackupInfo``); None for a document without a file.

        Raises :class:`StorageFailure` when the backup cannot be made: callers
        that back up before a change then change nothing.
        """
        db = self.repo.db
        if not isinstance(db, PlanDatabase) or db.path is None:
            return None
        try:
            return db.backup_now(reason)
        except BACKUP_FAILURES as exc:
            raise StorageFailure(f"バックアップを作成できないため、中止しました（ファイルは変更していません）: {exc}") from exc
