"""Undoable application of an import or a merge: one step on the document's undo stack.

The command snapshots every affected measure (and the tombstones it touches)
before writing, writes the whole batch in one transaction, and on undo
restores the snapshots in one transaction: new measures are removed again,
replaced ones restored, deleted ones put back where they were.
"""

from __future__ import annotations

import copy

from ..domain.model import Measure
from ..storage.sync_store import apply_batch as store_batch
from ..storage.sync_store import forget_tombstones, measure_exists, set_tombstones, tombstone_rows
from .plan_document import Changes, PlanDocument, _Command

BATCH_CHANGES = Changes.MEASURE | Changes.ADDED | Changes.REMOVED | Changes.ORDER | Changes.SCHEDULE | Changes.EVALUATION


def apply_batch(doc: PlanDocument, batch, text: str = "取り込み") -> None:
    """Write *batch* (an ``exchange.changes.Batch``) as one undoable step.

    Raises (ValidationError, storage errors) with nothing changed and nothing
    pushed. Callers take the backup first (``exchange.apply.backup_before_change``).
    """
    doc._check_writable(stale_ok=False)  # the batch was prepared against the plan as it was
    if batch.empty:
        return
    doc._push(_BatchCommand(doc, text, batch))


class _BatchCommand(_Command):
    def __init__(self, doc: PlanDocument, text: str, batch):
        super().__init__(doc, text)
        self.upserts: list[Measure] = copy.deepcopy(batch.upserts)
        self.deletes: list[str] = list(batch.deletes)
        self.tombstones = list(batch.tombstones)
        self.summary = batch.summary or text
        existing = {m.id: m for m in doc.data.measures}
        ids = [m.id for m in self.upserts] + self.deletes
        self.before: dict[str, Measure] = {i: copy.deepcopy(existing[i]) for i in ids if i in existing}
        self.new_ids = [i for i in ids if i not in existing]
        self.positions = {i: p for i, p in doc.repo.measure_positions().items() if i in self.before}
        self.keys = {("measure", i) for i in ids} | {(t.entity, t.entity_id) for t in self.tombstones}
        self.prior_tombstones = tombstone_rows(doc.repo, self.keys)

    def _refresh(self) -> None:
        self.doc.data.measures = self.doc.repo.load().measures
        self.doc._emit(BATCH_CHANGES, tuple(m.id for m in self.upserts) + tuple(self.deletes))

    def do(self) -> None:
        store_batch(self.doc.repo, copy.deepcopy(self.upserts), self.deletes, self.tombstones, summary=self.summary)
        self._refresh()

    def revert(self) -> None:
        repo = self.doc.repo
        with repo.db.atomic():
            for mid in self.new_ids:
                if measure_exists(repo, mid):
                    repo.delete_measure(mid)
            for mid, m in self.before.items():
                repo.save_measure(copy.deepcopy(m), self.positions.get(mid), summary=f"取り消し: {self.summary}")
            forget_tombstones(repo, self.keys)
            set_tombstones(repo, self.prior_tombstones)
        self._refresh()
