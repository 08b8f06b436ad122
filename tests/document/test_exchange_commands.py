"""Applying an import or merge through the document: one transaction, one undo step."""

from __future__ import annotations

import copy

import pytest

from plan_desktop.document.plan_document import Changes, PlanDocument
from plan_desktop.domain.model import Evaluation, new_id
from plan_desktop.domain.validation import ValidationError
from plan_desktop.exchange.changes import Batch, Tombstone
from plan_desktop.storage.sync_store import read_tombstones


@pytest.fixture
def doc(repo, qapp):
    return PlanDocument(repo)


def _state(doc):
    return doc.repo.load(), read_tombstones(doc.repo), doc.repo.measure_positions()


def test_batch_is_one_undoable_step(doc):
    before = _state(doc)
    ms = doc.data.measures
    changed = copy.deepcopy(ms[0])
    changed.title = "取り込みで変更"
    changed.evaluations = [Evaluation(fy=2024, rating="B")]
    new = copy.deepcopy(ms[1])
    new.id, new.no, new.title, new.evaluations = new_id(), 99, "取り込みで追加", []
    for b in new.action_plan:
        b.id = new_id()
        for it in b.items:
            it.id = new_id()
    deleted = ms[2].id
    seen = []
    doc.changed.connect(seen.append)
    batch = Batch(upserts=[changed, new], deletes=[deleted],
                  tombstones=[Tombstone("evaluation", "gone-elsewhere", "2024-01-01T00:00:00+00:00")], summary="テスト")
    doc.apply_batch(batch, "インポート: test.xlsx")

    assert doc.undo_stack.count() == 1 and doc.undo_stack.undoText() == "インポート: test.xlsx"
    after = doc.repo.load()
    assert after.measure_by_no(ms[0].no).title == "取り込みで変更"
    assert after.measure_by_no(99).title == "取り込みで追加"
    assert all(m.id != deleted for m in after.measures)
    assert doc.data.measures == after.measures  # the mirror follows
    tombs = read_tombstones(doc.repo)
    assert ("measure", deleted) in tombs and ("evaluation", "gone-elsewhere") in tombs
    assert seen and seen[-1].kind & Changes.ADDED and seen[-1].kind & Changes.REMOVED

    doc.undo_stack.undo()
    assert _state(doc) == before
    assert doc.data.measures == before[0].measures
    doc.undo_stack.redo()
    assert doc.repo.load().measure_by_no(99).title == "取り込みで追加"
    assert ("measure", deleted) in read_tombstones(doc.repo)


def test_invalid_batch_changes_nothing_and_pushes_nothing(doc):
    before = _state(doc)
    good = copy.deepcopy(doc.data.measures[0])
    good.title = "正しい変更"
    bad = copy.deepcopy(doc.data.measures[1])
    bad.viewpoint = 42
    with pytest.raises(ValidationError):
        doc.apply_batch(Batch(upserts=[good, bad]))
    assert _state(doc) == before
    assert doc.undo_stack.count() == 0


def test_empty_batch_is_not_a_step(doc):
    doc.apply_batch(Batch())
    assert doc.undo_stack.count() == 0


def test_readonly_document_refuses(repo, qapp):
    d = PlanDocument(repo, readonly=True)
    with pytest.raises(PermissionError):
        d.apply_batch(Batch(upserts=[copy.deepcopy(d.data.measures[0])]))
