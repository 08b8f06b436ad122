"""A load that leaves the measures' parts (行動計画, 工程, 評価) in the file until they are used.

The window's first frame needs none of them but the rows in view
(storage/measure_parts.py); whatever reads a part gets exactly what an eager
load gives, and nothing is ever written while a part is still unread.
"""

from __future__ import annotations

import copy
import gc
import pickle
import shutil
import sqlite3
import sys
from pathlib import Path

import pytest
from generated_plans import generated_plan

from plan_desktop.domain.model import Indicator, PlanData
from plan_desktop.storage import measure_parts
from plan_desktop.storage.database import open_database
from plan_desktop.storage.repository import PlanRepository


def _generated(n: int) -> PlanData:
    data = generated_plan(n)
    # Every kind of part content: indicators, extra fields, an unlocked record, sub-items.
    e = data.measures[1].evaluations[0]
    e.indicators = [Indicator(name="参加者数", unit="人", baseline=10, target=20.5, actual=None)]
    e.extra = {"note": "追加"}
    e.unlocked = True
    data.measures[2].action_plan[0].items[0].sub = ["小項目"]
    return data


@pytest.fixture(scope="module")
def generated_file(tmp_path_factory) -> tuple[Path, PlanData]:
    data = _generated(70)
    path = tmp_path_factory.mktemp("parts") / "plan.sqlite"
    db = open_database(path, backups=False)
    PlanRepository(db).replace_all(copy.deepcopy(data))
    db.close()
    return path, data


@pytest.fixture
def repo_on(generated_file):
    path, _data = generated_file
    db = open_database(path, backups=False)
    yield PlanRepository(db)
    db.close()


def test_a_deferred_load_reads_no_part_until_used(repo_on):
    data = repo_on.load(defer_parts=True)
    assert data.measures and not any(m.parts_loaded for m in data.measures)
    assert all(part not in vars(m) for m in data.measures for part in ("action_plan", "schedule", "evaluations"))


def test_a_deferred_load_gives_the_plan_that_was_written(generated_file, repo_on):
    _path, written = generated_file
    eager = repo_on.load()
    deferred = repo_on.load(defer_parts=True)
    assert eager == written
    assert deferred == eager
    assert all(m.parts_loaded for m in deferred.measures)
    assert deferred.measures[1].evaluations[0].indicators[0].target == 20.5
    assert deferred.measures[1].evaluations[0].extra == {"note": "追加"} and deferred.measures[1].evaluations[0].unlocked


def test_the_bundled_plan_loads_the_same_deferred_and_eager(repo):
    assert repo.load(defer_parts=True) == repo.load()


def test_a_part_is_read_on_first_use_with_the_measures_after_it_that_wait(repo_on, monkeypatch):
    """The rows below a painted row are painted next: they are read in the same query."""
    monkeypatch.setattr(measure_parts, "ROWS_READ_TOGETHER", 4)
    eager = repo_on.load()
    data = repo_on.load(defer_parts=True)

    def loaded() -> list[int]:
        return [i for i, x in enumerate(data.measures) if x.parts_loaded]

    m = data.measures[7]
    assert m.schedule == eager.measures[7].schedule  # the first use reads it ...
    assert loaded() == [7, 8, 9, 10]  # ... with the three after it
    assert data.measures[5].evaluations == eager.measures[5].evaluations
    assert loaded() == [5, 6, 7, 8, 9, 10, 11, 12]  # those read before are skipped
    assert m.parts_loaded and m.action_plan == eager.measures[7].action_plan
    assert data.measures[:13] == eager.measures[:13]
    data.measures[-2].schedule  # noqa: B018 - the last but one: only one left after it
    assert loaded()[-2:] == [len(data.measures) - 2, len(data.measures) - 1]

def test_after_enough_single_measures_the_rest_is_read_at_once(repo_on, monkeypatch):
    monkeypatch.setattr(measure_parts, "BULK_AFTER", 3)
    monkeypatch.setattr(measure_parts, "ROWS_READ_TOGETHER", 1)
    data = repo_on.load(defer_parts=True)
    for m in data.measures[:3]:
        assert m.schedule is not None
    assert sum(x.parts_loaded for x in data.measures) == 3
    data.measures[10].evaluations  # noqa: B018 - the fourth: everything is read in one go
    assert all(x.parts_loaded for x in data.measures)
    assert data == repo_on.load()


def test_a_sweep_over_the_action_plans_reads_them_alone_at_once(repo_on, monkeypatch):
    """The search going through every measure before the steps read the action plans: after a few
    single measures, the action plans of all at once (not their schedules and evaluations)."""
    monkeypatch.setattr(measure_parts, "PLANS_BULK_AFTER", 3)
    eager = repo_on.load()
    data = repo_on.load(defer_parts=True)
    texts = [[item.text for block in m.action_plan for item in block.items] for m in data.measures]
    assert texts == [[item.text for block in m.action_plan for item in block.items] for m in eager.measures]
    assert all("action_plan" in vars(m) for m in data.measures)
    assert not any(m.parts_loaded or "evaluations" in vars(m) for m in data.measures)
    assert data == eager


def test_a_measure_with_its_action_plan_read_still_reads_its_other_parts_on_use(repo_on):
    eager = repo_on.load()
    data = repo_on.load(defer_parts=True)
    repo_on.load_step(1)  # the action plans of the first measures
    m = data.measures[0]
    assert "action_plan" in vars(m) and not m.parts_loaded
    assert m.schedule == eager.measures[0].schedule and m.parts_loaded


def test_complete_load_reads_every_part_left(repo_on):
    data = repo_on.load(defer_parts=True)
    data.measures[0].evaluations  # noqa: B018
    repo_on.complete_load()
    assert all(m.parts_loaded for m in data.measures)
    assert data == repo_on.load()


def test_the_rest_is_read_in_steps_in_display_order_the_action_plans_first(repo_on, monkeypatch):
    monkeypatch.setattr(measure_parts, "PLANS_PER_STEP", 2)
    monkeypatch.setattr(measure_parts, "ROWS_READ_TOGETHER", 1)
    data = repo_on.load(defer_parts=True)
    data.measures[40].evaluations  # noqa: B018 - read on its own before
    with_plans = []
    while not repo_on.load_step(15):
        with_plans.append(sum("action_plan" in vars(m) for m in data.measures))
        if len(with_plans) <= 3:  # 69 action plans left after the one read alone: 30, 30, 9
            assert [m.parts_loaded for m in data.measures] == [i == 40 for i in range(70)]
            read = {40, *[i for i in range(70) if i != 40][:30 * len(with_plans)]}
            assert ["action_plan" in vars(m) for m in data.measures] == [i in read for i in range(70)]
        else:
            loaded = 15 * (len(with_plans) - 3)
            assert [m.parts_loaded for m in data.measures[:loaded]] == [True] * loaded
            assert not all(m.parts_loaded for m in data.measures)
    assert with_plans[:3] == [31, 61, 70]
    assert len(with_plans) == 3 + 4  # then 69 schedules and evaluations: 15, 15, 15, 15, the last 9
    assert all(m.parts_loaded for m in data.measures)
    assert data == repo_on.load()
    assert repo_on.load_step(30)  # nothing left: nothing to do


def test_what_is_left_is_read_by_id_never_every_row_again(repo_on, monkeypatch):
    """Reading the last few measures must not read (and briefly hold) the whole plan's parts."""
    scopes = []
    for name in ("read_parts", "read_action_plans", "read_schedules_and_evaluations"):
        real = getattr(measure_parts, name)
        monkeypatch.setattr(measure_parts, name,
                            lambda db, scope, params, real=real: scopes.append(scope) or real(db, scope, params))
    data = repo_on.load(defer_parts=True)
    while not repo_on.load_step(30):
        pass
    data2 = repo_on.load(defer_parts=True)
    for m in data2.measures[:40]:
        m.schedule  # noqa: B018 - most read one by one ...
    repo_on.complete_load()  # ... then the 30 left
    assert measure_parts.EVERY_MEASURE not in scopes
    assert data == data2 == repo_on.load()
    data3 = repo_on.load(defer_parts=True)
    repo_on.complete_load()  # nothing read yet: one pass over every row
    assert scopes[-1] == measure_parts.EVERY_MEASURE and data3 == data


def test_a_write_reads_the_parts_left_first(repo_on):
    """The mirror keeps the parts as they were when it was loaded, not what a later write made."""
    before = repo_on.load()
    data = repo_on.load(defer_parts=True)
    assert repo_on.load() == before  # someone else's read in between changes nothing of this
    target = data.measures[7]
    fy = before.plan.fy_start
    repo_on.set_phase(target.id, fy, None)
    try:
        assert all(m.parts_loaded for m in data.measures)
        assert target.schedule == before.measures[7].schedule and any(s.fy == fy for s in target.schedule)
    finally:
        repo_on.set_phase(target.id, fy, before.measures[7].phase_in(fy))


def test_renaming_rating_letters_meets_no_unread_evaluation(repo_on):
    before = repo_on.load()
    data = repo_on.load(defer_parts=True)
    scale = copy.deepcopy(before.rating_scale)
    a, b = scale[0].letter, scale[1].letter
    scale[0].letter, scale[1].letter = b, a
    repo_on.set_rating_scale(scale, {a: b, b: a})
    try:
        assert [e.rating for e in data.measures[3].evaluations] == [e.rating for e in before.measures[3].evaluations]
    finally:
        repo_on.set_rating_scale(before.rating_scale, {a: b, b: a})


def test_copies_and_pickles_of_a_measure_carry_every_part_and_no_reader(repo_on):
    eager = repo_on.load()
    for make in (copy.deepcopy, copy.copy, lambda m: pickle.loads(pickle.dumps(m))):
        data = repo_on.load(defer_parts=True)
        twin = make(data.measures[4])
        assert "_parts_loader" not in vars(twin) and twin.parts_loaded
        assert twin == eager.measures[4]


def test_a_missing_attribute_that_is_no_part_still_raises(repo_on):
    m = repo_on.load(defer_parts=True).measures[0]
    with pytest.raises(AttributeError, match="no_such_thing"):
        m.no_such_thing  # noqa: B018
    assert not m.parts_loaded


def test_reading_a_plan_never_sets_off_the_cyclic_garbage_collector(repo_on):
    """Tens of thousands of new objects, no cycles among them: nothing for the collector to do
    while they are made (it may look at them once afterwards)."""
    readers = {"load", "_load_measures", "read_action_plans", "read_schedules_and_evaluations", "read_parts"}
    during_reads = []

    def count(phase, _info):
        frame = sys._getframe(1)
        while frame is not None:
            if frame.f_code.co_name in readers and "storage" in frame.f_code.co_filename:
                during_reads.append(frame.f_code.co_name)
                break
            frame = frame.f_back

    gc.callbacks.append(count)
    try:
        data = repo_on.load(defer_parts=True)
        repo_on.complete_load()
        eager = repo_on.load()
    finally:
        gc.callbacks.remove(count)
    assert gc.isenabled()
    assert during_reads == []
    assert data == eager and len(eager.measures) == 70


def test_a_damaged_part_read_later_is_named_as_a_damaged_file(generated_file, tmp_path):
    from plan_desktop.storage.database import DamagedFileError
    from plan_desktop.storage.plan_reading import load_plan

    path = tmp_path / "damaged.sqlite"
    shutil.copyfile(generated_file[0], path)
    conn = sqlite3.connect(path)
    mid = conn.execute("SELECT measure_id FROM evaluations ORDER BY rowid LIMIT 1").fetchone()[0]
    conn.execute("UPDATE evaluations SET achievements = CAST(X'E8AAACE6FF8E' AS TEXT) WHERE rowid = 1")
    conn.commit()
    conn.close()
    db = open_database(path, backups=False)
    try:
        data = load_plan(PlanRepository(db), path, defer_parts=True)
        damaged = next(m for m in data.measures if m.id == mid)
        with pytest.raises(DamagedFileError, match="UTF-8") as raised:
            damaged.evaluations  # noqa: B018
        assert raised.value.path == path
    finally:
        db.close()


def test_every_write_after_a_damaged_part_is_refused_not_only_the_first(generated_file, tmp_path):
    """A write reads the parts left first; when one cannot be read, the next write must not go on
    as if every part were read (a rename of rating letters would meet unread evaluations)."""
    from plan_desktop.storage.database import DamagedFileError
    from plan_desktop.storage.plan_reading import load_plan

    path = tmp_path / "damaged.sqlite"
    shutil.copyfile(generated_file[0], path)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE evaluations SET achievements = CAST(X'E8AAACE6FF8E' AS TEXT) WHERE rowid = "
                 "(SELECT max(rowid) FROM evaluations)")
    conn.commit()
    conn.close()
    db = open_database(path, backups=False)
    try:
        repo = PlanRepository(db)
        data = load_plan(repo, path, defer_parts=True)
        first = data.measures[0]
        first.title = "変更"
        for _attempt in range(2):
            with pytest.raises(DamagedFileError):
                repo.save_measure(first)
    finally:
        db.close()


def test_a_damaged_measure_read_together_with_another_is_named_when_it_is_used_itself(generated_file, tmp_path):
    """The measure asked for is read alone when one of those after it cannot be read."""
    from plan_desktop.storage.database import DamagedFileError
    from plan_desktop.storage.plan_reading import load_plan

    path = tmp_path / "damaged.sqlite"
    shutil.copyfile(generated_file[0], path)
    conn = sqlite3.connect(path)
    second = conn.execute("SELECT id FROM measures ORDER BY position LIMIT 1 OFFSET 1").fetchone()[0]
    conn.execute("UPDATE evaluations SET achievements = CAST(X'E8AAACE6FF8E' AS TEXT) WHERE measure_id = ?", [second])
    conn.commit()
    conn.close()
    db = open_database(path, backups=False)
    try:
        data = load_plan(PlanRepository(db), path, defer_parts=True)
        first, damaged = data.measures[0], data.measures[1]
        assert damaged.id == second
        assert first.evaluations is not None and first.parts_loaded
        assert not damaged.parts_loaded
        with pytest.raises(DamagedFileError, match="UTF-8"):
            damaged.evaluations  # noqa: B018
    finally:
        db.close()
