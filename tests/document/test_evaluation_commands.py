"""Evaluation commands: each is one undo step, persists at once, respects the lock, logs unlocks."""

import pytest

from plan_desktop.document.plan_document import Changes, PlanDocument
from plan_desktop.domain.evaluation import LockedError
from plan_desktop.domain.model import Evaluation, Indicator, RatingLevel
from plan_desktop.domain.validation import ValidationError
from plan_desktop.storage.database import open_database
from plan_desktop.storage.repository import PlanRepository


@pytest.fixture
def doc(qapp, db_file):
    return PlanDocument(PlanRepository(open_database(db_file)), db_file)


def stored(path, no, fy):
    return PlanRepository(open_database(path)).load().measure_by_no(no).evaluation_for(fy)


def test_field_edits_create_a_draft_and_each_is_one_undo_step(doc, db_file):
    seen = []
    doc.changed.connect(seen.append)
    m = doc.measures()[2]
    assert doc.set_evaluation_fields(m.id, 2024, "取組実績", achievements="講座を開催")
    assert doc.set_evaluation_fields(m.id, 2024, "成果指標", indicators=[Indicator("参加者", "人", target=50.0, actual=40.0)])
    assert not doc.set_evaluation_fields(m.id, 2024, "取組実績", achievements="講座を開催")  # no change, no step
    assert doc.undo_stack.count() == 2
    e = stored(db_file, m.no, 2024)
    assert (e.status, e.achievements, e.indicators[0].actual) == ("下書き", "講座を開催", 40.0)
    assert seen[0].kind == Changes.EVALUATION and seen[0].measure_ids == (m.id,)
    doc.undo_stack.undo()
    assert stored(db_file, m.no, 2024).indicators == []
    doc.undo_stack.undo()
    assert stored(db_file, m.no, 2024) is None and doc.evaluation(m.id, 2024) is None
    assert seen[-1].kind == Changes.EVALUATION and seen[-1].measure_ids == (m.id,)  # every view follows undo
    doc.undo_stack.redo()
    doc.undo_stack.redo()
    assert stored(db_file, m.no, 2024).indicators[0].name == "参加者"
    assert doc.evaluation(m.id, 2024) == stored(db_file, m.no, 2024)


def test_empty_edit_of_a_missing_year_creates_nothing(doc):
    m = doc.measures()[0]
    assert not doc.set_evaluation_fields(m.id, 2024, "x", achievements="")
    assert doc.evaluation(m.id, 2024) is None and doc.undo_stack.count() == 0


def test_invalid_values_are_refused_with_nothing_changed(doc, db_file):
    m = doc.measures()[0]
    for bad in ({"rating": "Z"}, {"indicators": [Indicator("x", target=0.0)]}, {"self_date": "5月1日"}):
        with pytest.raises(ValidationError):
            doc.set_evaluation_fields(m.id, 2024, "x", **bad)
    assert doc.undo_stack.count() == 0 and stored(db_file, m.no, 2024) is None
    with pytest.raises(ValueError):
        doc.set_evaluation_fields(m.id, 2024, "x", status="会議確定")  # only through the workflow


def _confirmed(doc, m):
    doc.set_evaluation_fields(m.id, 2024, "x", progress="実施中", self_rating="B", issues="課題")
    doc.set_evaluation_status(m.id, 2024, "所管課確定")
    doc.set_evaluation_fields(m.id, 2024, "x", council_rating="C", committee_opinion="意見")
    doc.set_evaluation_status(m.id, 2024, "会議確定")


def test_workflow_lock_unlock_and_change_log(doc, db_file):
    m = doc.measures()[1]
    with pytest.raises(ValueError, match="取組状況"):
        doc.set_evaluation_fields(m.id, 2024, "x", achievements="a")
        doc.set_evaluation_status(m.id, 2024, "所管課確定")
    doc.set_evaluation_fields(m.id, 2023, "x", issues="前年度の課題")
    _confirmed(doc, m)
    e = stored(db_file, m.no, 2024)
    assert (e.status, e.rating, e.unlocked) == ("会議確定", "C", False)
    assert doc.is_evaluation_locked(m.id, 2024)
    steps = doc.undo_stack.count()
    with pytest.raises(LockedError):
        doc.set_evaluation_fields(m.id, 2024, "x", issues="書き換え")
    with pytest.raises(LockedError):
        doc.save_evaluation(m.id, Evaluation(fy=2024, id=e.id, status="会議確定", issues="書き換え"))
    with pytest.raises(LockedError):
        doc.delete_evaluation(m.id, 2024)
    with pytest.raises(LockedError):
        doc.start_evaluation_from_last_year(m.id, 2024)  # 2023 has issues to carry
    with pytest.raises(ValueError):
        doc.set_evaluation_status(m.id, 2024, "所管課確定")
    assert doc.undo_stack.count() == steps and stored(db_file, m.no, 2024) == e

    doc.unlock_evaluation(m.id, 2024, reason="数値の誤り")
    log = doc.repo.change_log(5)
    assert log[0]["action"] == "unlock" and "数値の誤り" in log[0]["summary"] and log[0]["entity_id"] == e.id
    doc.set_evaluation_fields(m.id, 2024, "課題", issues="訂正後")
    assert stored(db_file, m.no, 2024).issues == "訂正後"
    doc.lock_evaluation(m.id, 2024)
    assert doc.is_evaluation_locked(m.id, 2024) and doc.repo.change_log(1)[0]["action"] == "lock"
    with pytest.raises(LockedError):
        doc.set_evaluation_fields(m.id, 2024, "x", issues="もう一度")
    doc.undo_stack.undo()  # relock undone
    doc.undo_stack.undo()  # correction undone
    doc.undo_stack.undo()  # unlock undone: locked again, and the log says so
    assert doc.is_evaluation_locked(m.id, 2024) and stored(db_file, m.no, 2024) == e
    assert doc.repo.change_log(1)[0]["action"] == "lock"
    with pytest.raises(ValueError):
        doc.lock_evaluation(m.id, 2024)


def test_unlocked_record_can_be_sent_back(doc, db_file):
    m = doc.measures()[0]
    _confirmed(doc, m)
    doc.unlock_evaluation(m.id, 2024)
    doc.set_evaluation_status(m.id, 2024, "所管課確定")
    e = stored(db_file, m.no, 2024)
    assert (e.status, e.unlocked) == ("所管課確定", False)
    assert doc.repo.change_log(1)[0]["action"] == "status"


def test_delete_is_one_step(doc, db_file):
    m = doc.measures()[0]
    doc.set_evaluation_fields(m.id, 2023, "x", achievements="a", indicators=[Indicator("n", target=1.0)])
    before = stored(db_file, m.no, 2023)
    doc.delete_evaluation(m.id, 2023)
    assert stored(db_file, m.no, 2023) is None
    doc.undo_stack.undo()
    assert stored(db_file, m.no, 2023) == before


def test_start_from_last_year(doc, db_file):
    m = doc.measures()[4]
    assert not doc.start_evaluation_from_last_year(m.id, 2023)  # nothing earlier
    doc.set_evaluation_fields(m.id, 2023, "x", issues="担い手不足", improvements="募集方法の見直し",
                              indicators=[Indicator("登録者", "人", 10.0, 30.0, 12.0)])
    doc.set_evaluation_fields(m.id, 2024, "x", achievements="既に記入")
    steps = doc.undo_stack.count()
    assert doc.start_evaluation_from_last_year(m.id, 2024)
    assert doc.undo_stack.count() == steps + 1
    e = stored(db_file, m.no, 2024)
    assert (e.starting_point, e.planned_actions, e.achievements) == ("担い手不足", "募集方法の見直し", "既に記入")
    assert [(i.name, i.target, i.actual) for i in e.indicators] == [("登録者", 30.0, None)]
    doc.undo_stack.undo()
    assert stored(db_file, m.no, 2024).starting_point == ""


def test_rating_scale_edit_is_one_step_and_renames(doc, db_file):
    m = doc.measures()[0]
    doc.set_evaluation_fields(m.id, 2024, "x", rating="A", self_rating="D")
    seen = []
    doc.changed.connect(seen.append)
    old = list(doc.data.rating_scale)
    new = [RatingLevel("S", "順調", "", 3), RatingLevel("T", "遅れ", "", 1)]
    with pytest.raises(ValidationError):  # B and C would vanish… only A and D are used: map them
        doc.set_rating_scale(new, {"A": "S"})
    assert doc.undo_stack.count() == 1
    doc.set_rating_scale(new, {"A": "S", "D": "T"})
    assert seen[-1].kind == Changes.PLAN | Changes.EVALUATION and seen[-1].measure_ids == (m.id,)
    e = doc.evaluation(m.id, 2024)
    assert (e.rating, e.self_rating) == ("S", "T") and doc.data.rating_scale == new
    reloaded = PlanRepository(open_database(db_file)).load()
    assert reloaded.rating_scale == new and reloaded.measures[0].evaluation_for(2024).rating == "S"
    doc.undo_stack.undo()
    assert doc.data.rating_scale == old and doc.evaluation(m.id, 2024).rating == "A"
    reloaded = PlanRepository(open_database(db_file)).load()
    assert reloaded.rating_scale == old and reloaded.measures[0].evaluation_for(2024).self_rating == "D"


def test_readonly_document_refuses_evaluation_edits(qapp, db_file):
    doc = PlanDocument(PlanRepository(open_database(db_file)), db_file, readonly=True)
    with pytest.raises(PermissionError):
        doc.set_evaluation_fields(doc.measures()[0].id, 2024, "x", issues="a")
    with pytest.raises(PermissionError):
        doc.set_rating_scale([RatingLevel("A", "a")])
