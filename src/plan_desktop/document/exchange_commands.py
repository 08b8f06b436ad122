"""Undoable application of an import or a merge (mixed into :class:`PlanDocument`): one undo step.

The command snapshots every affected measure (and the tombstones it touches)
before writing, writes the whole batch in one transaction, and on undo
restores the snapshots in one transaction: new measures are removed again,
replaced ones restored, deleted ones put back where they were.
"""

from __future__ import annotations

import copy
from pathlib import Path

from ..domain.model import Measure
from ..storage.sync_store import apply_batch as store_batch
from ..storage.sync_store import (
    change_log_keys,
    forget_tombstones,
    measure_exists,
    read_tombstones,
    set_tombstones,
    tombstone_rows,
)
from .applied_command import AppliedCommand
from .changes import Changes
from .errors import edit
from .host import DocumentHost

BATCH_CHANGES = Changes.MEASURE | Changes.ADDED | Changes.REMOVED | Changes.ORDER | Changes.SCHEDULE | Changes.EVALUATION


class ExchangeCommands(DocumentHost):
    """Applying an import or a merge; PlanDocument inherits it."""

    @edit
    def apply_batch(self, batch, text: str = "取り込み", *, backup: str | None = None) -> Path | None:
        """Write *batch* (an ``exchange.changes.Batch``) as one undoable step.

        *backup*: the reason of a verified backup taken first ('import',
        'merge'); when the backup fails nothing is written. Returns the
        backup's path (None without a backup or a file). Raises
        :class:`~.errors.EditError` with nothing changed and nothing pushed.
        """
        self._check_writable(stale_ok=False)  # the batch was prepared against the plan as it was
        if batch.empty:
            return None
        info = self.core.backup_now(backup) if backup else None
        self._push(_BatchCommand(self.core, text, batch))
        return info.path if info is not None else None

    def merge_records(self) -> tuple[dict, list]:
        """What a merge needs besides the plan: the file's tombstones and its change-log keys."""
        return read_tombstones(self.core.repo), change_log_keys(self.core.repo)


class _BatchCommand(AppliedCommand):
    def __init__(self, core, text: str, batch):
        super().__init__(text)
        self.core = core
        self.upserts: list[Measure] = copy.deepcopy(batch.upserts)
        self.deletes: list[str] = list(batch.deletes)
        self.tombstones = list(batch.tombstones)
        self.versions = list(getattr(batch, "versions", ()))
        self.summary = batch.summary or text
        existing = {m.id: m for m in core.data.measures}
        ids = [m.id for m in self.upserts] + self.deletes
        self.before: dict[str, Measure] = {i: copy.deepcopy(existing[i]) for i in ids if i in existing}
        self.new_ids = [i for i in ids if i not in existing]
        self.positions = {i: p for i, p in core.measure_positions().items() if i in self.before}
        self.keys = {("measure", i) for i in ids} | {(t.entity, t.entity_id) for t in self.tombstones}
        self.prior_tombstones = tombstone_rows(core.repo, self.keys)

    def _refresh(self) -> None:
        self.core.reload_measures()
        self.core.announce(BATCH_CHANGES, tuple(m.id for m in self.upserts) + tuple(self.deletes))

    def do(self) -> None:
        store_batch(self.core.repo, copy.deepcopy(self.upserts), self.deletes, self.tombstones, summary=self.summary,
                    versions=self.versions)
        self._refresh()

    def revert(self) -> None:
        core = self.core
        with core.transaction():
            for mid in self.new_ids:
                if measure_exists(core.repo, mid):
                    core.repo.delete_measure(mid)
            core.save_measures(list(self.before.values()), self.positions, f"取り消し: {self.summary}")
            forget_tombstones(core.repo, self.keys)
            set_tombstones(core.repo, self.prior_tombstones)
        self._refresh()
