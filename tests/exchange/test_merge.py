"""Merging copies of a plan edited on different laptops: no overlap, conflicts, deletions, packages."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import io
import json
import shutil

import pytest
from exchange_helpers import FY, load, open_repo, sample_evaluation

from plan_desktop.cli import main
from plan_desktop.domain.model import Evaluation, Viewpoint, new_id
from plan_desktop.exchange.apply import apply_to_repository
from plan_desktop.exchange.merge import (
    ADD,
    BOTH_CHANGED,
    CONFLICT,
    DELETE,
    DELETED_HERE,
    DELETED_THERE,
    TAKE,
    THEIRS,
    MergeError,
    plan_for_repository,
)
from plan_desktop.exchange.merge_sources import load_source
from plan_desktop.exchange.package import parse_since, write_package
from plan_desktop.storage.repository import touched
from plan_desktop.storage.sync_store import read_tombstones


@pytest.fixture(autouse=True)
def no_terminal(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(""))


@pytest.fixture
def copies(plan_file, tmp_path):
    """(ours, theirs): two laptops' copies of the same plan file."""
    theirs = tmp_path / "laptop-b.sqlite"
    shutil.copyfile(plan_file, theirs)
    return plan_file, theirs


def edit(path, no, **changes):
    repo = open_repo(path)
    m = repo.load().measure_by_no(no)
    repo.save_measure(touched(m, **changes))
    repo.db.close()


def set_evaluation(path, no, evaluation: Evaluation):
    repo = open_repo(path)
    m = repo.load().measure_by_no(no)
    m.evaluations = [e for e in m.evaluations if e.fy != evaluation.fy] + [evaluation]
    repo.save_measure(m)
    repo.db.close()


def delete(path, no):
    repo = open_repo(path)
    repo.delete_measure(repo.load().measure_by_no(no).id)
    repo.db.close()


def plan_for(ours, other):
    repo = open_repo(ours)
    try:
        return plan_for_repository(repo, load_source(other))
    finally:
        repo.db.close()


def merge(ours, other, *, theirs=False):
    repo = open_repo(ours)
    try:
        data = repo.load()
        plan = plan_for_repository(repo, load_source(other), data)
        if theirs:
            plan.choose_all(THEIRS)
        apply_to_repository(repo, plan.batch(data), reason="merge")
        return plan
    finally:
        repo.db.close()


def actions(plan):
    return {(i.action, i.label.split(" ")[0], i.fy) for i in plan.items}


def test_identical_copies_have_nothing_to_merge(copies):
    ours, theirs = copies
    plan = plan_for(ours, theirs)
    assert plan.items == [] and not plan.has_changes
    assert plan.unchanged == len(load(ours).measures)
    assert "取り込む変更はありません" in plan.report()


def test_changes_on_different_records_are_all_kept(copies):
    ours, theirs = copies
    edit(ours, 1, title="こちらで変更した名称")
    edit(theirs, 2, title="相手で変更した名称", departments=["総務部 人事課"])
    set_evaluation(theirs, 3, sample_evaluation(0))
    repo = open_repo(theirs)
    data = repo.load()
    new = copy.deepcopy(data.measures[0])
    new.id, new.no, new.title = "9f9f9f9f-0000-4000-8000-000000000001", 99, "相手で追加した推進事項"
    new.action_plan = []
    new.evaluations = []
    repo.save_measure(new)
    repo.db.close()

    plan = plan_for(ours, theirs)
    assert actions(plan) == {("add", "№99", None), ("add", "№3", FY), ("newer_here", "№1", None), ("take", "№2", None)}
    assert plan.conflicts == []
    take = next(i for i in plan.items if i.action == TAKE)
    assert ("名称", "子どもたちのコミュニティを学ぶ環境の整備", "相手で変更した名称") in take.fields

    merge(ours, theirs)
    after = load(ours)
    assert after.measure_by_no(1).title == "こちらで変更した名称"
    assert after.measure_by_no(2).title == "相手で変更した名称"
    assert after.measure_by_no(2).departments == ["総務部 人事課"]
    assert after.measure_by_no(3).evaluation_for(FY).achievements == sample_evaluation(0).achievements
    assert after.measure_by_no(99).title == "相手で追加した推進事項"
    # taken records keep their stamps, so merging again finds nothing new
    assert not plan_for(ours, theirs).has_changes
    # and the other laptop, merging back, takes ours without conflicts
    back = plan_for(theirs, ours)
    assert back.conflicts == [] and actions(back) == {("take", "№1", None)}


def test_changed_on_both_sides_is_a_conflict_kept_ours_unless_theirs(copies, tmp_path):
    ours, theirs = copies
    edit(ours, 5, title="こちらの名称", issue="こちらの課題")
    edit(theirs, 5, title="相手の名称")
    plan = plan_for(ours, theirs)
    [c] = plan.conflicts
    assert (c.action, c.reason) == (CONFLICT, BOTH_CHANGED)
    assert dict((f, (a, b)) for f, a, b in c.fields)["名称"] == ("こちらの名称", "相手の名称")
    assert "競合: 1 件" in plan.report()
    # the report shows both sides of each conflicting field, so the user can choose
    assert "      名称: こちら「こちらの名称」／相手「相手の名称」" in plan.report().splitlines()

    before = ours.read_bytes()
    assert main(["merge", "--db", str(ours), str(theirs), "--dry-run"]) == 0
    assert ours.read_bytes() == before
    assert main(["merge", "--db", str(ours), str(theirs)]) == 1  # no terminal to ask on
    assert ours.read_bytes() == before

    take = tmp_path / "take.sqlite"
    shutil.copyfile(ours, take)
    assert main(["merge", "--db", str(take), str(theirs), "--yes", "--theirs"]) == 0
    m = load(take).measure_by_no(5)
    assert (m.title, m.issue) == ("相手の名称", load(theirs).measure_by_no(5).issue)

    assert main(["merge", "--db", str(ours), str(theirs), "--yes"]) == 0
    assert load(ours).measure_by_no(5).title == "こちらの名称"
    assert not plan_for(ours, theirs).conflicts  # decided: not asked again for the same file
    # The decision was made knowing their version: the other laptop merging back takes it
    # (its own edit was seen and set aside here), and then the copies agree and stay quiet.
    back = plan_for(theirs, ours)
    assert not back.conflicts and [(i.action, i.label) for i in back.items] == [(TAKE, "№5 こちらの名称")]
    merge(theirs, ours)
    assert load(theirs).measure_by_no(5).title == "こちらの名称"
    assert not plan_for(theirs, ours).has_changes and not plan_for(ours, theirs).has_changes


def test_evaluation_conflict_is_per_year(copies):
    ours, theirs = copies
    e = sample_evaluation(1)
    set_evaluation(ours, 4, e)
    set_evaluation(theirs, 4, dataclasses.replace(e, achievements="相手の実績"))
    plan = plan_for(ours, theirs)
    [c] = plan.conflicts
    assert (c.kind, c.fy) == ("evaluation", FY)
    assert [f for f, _, _ in c.fields] == ["取組実績"]
    c.choice = THEIRS
    repo = open_repo(ours)
    apply_to_repository(repo, plan.batch(repo.load()), reason="merge")
    repo.db.close()
    assert load(ours).measure_by_no(4).evaluation_for(FY).achievements == "相手の実績"


def test_deletions_are_respected(copies):
    ours, theirs = copies
    ids = {m.no: m.id for m in load(ours).measures}
    delete(theirs, 6)                      # deleted there only -> deleted here
    delete(theirs, 7)
    edit(ours, 7, title="こちらで変更")      # deleted there, changed here -> conflict
    delete(ours, 8)                        # deleted here, unchanged there -> stays deleted
    delete(ours, 9)
    edit(theirs, 9, title="相手で変更")      # deleted here, changed there -> conflict
    plan = plan_for(ours, theirs)
    got = {(i.label.split(" ")[0], i.action, i.reason) for i in plan.items}
    assert got == {("№6", DELETE, ""), ("№7", CONFLICT, DELETED_THERE), ("№9", CONFLICT, DELETED_HERE)}
    merge(ours, theirs)
    after = load(ours)
    assert after.measure_by_no(6) is None
    assert after.measure_by_no(7).title == "こちらで変更"
    assert after.measure_by_no(8) is None and after.measure_by_no(9) is None
    repo = open_repo(ours)
    tombs = read_tombstones(repo)
    repo.db.close()
    repo = open_repo(theirs)
    their_tombs = read_tombstones(repo)
    repo.db.close()
    m6 = ("measure", ids[6])
    assert tombs[m6] == their_tombs[m6]  # the deletion keeps the time it happened there
    assert ("measure", ids[7]) not in tombs and ("measure", ids[8]) in tombs
    again = plan_for(ours, theirs)  # decided conflicts are not asked again
    assert again.conflicts == [] and not again.has_changes
    edit(theirs, 9, title="相手でさらに変更")  # ... until that side changes again
    assert [(c.label, c.reason) for c in plan_for(ours, theirs).conflicts] == [("№9 相手でさらに変更", DELETED_HERE)]


def test_choosing_theirs_for_deletion_conflicts(copies):
    ours, theirs = copies
    delete(theirs, 7)
    edit(ours, 7, title="こちらで変更")
    delete(ours, 9)
    edit(theirs, 9, title="相手で変更")
    merge(ours, theirs, theirs=True)
    after = load(ours)
    assert after.measure_by_no(7) is None
    assert after.measure_by_no(9).title == "相手で変更"


def test_evaluation_deleted_there_is_deleted_here(copies):
    ours, theirs = copies
    for path in copies:
        set_evaluation(path, 2, copy.deepcopy(sample_evaluation(2)))
    # make both copies hold the very same record (same id and stamp), as after copying the file
    shutil.copyfile(ours, theirs)
    repo = open_repo(theirs)
    repo.delete_evaluation(repo.load().measure_by_no(2).evaluation_for(FY).id)
    repo.db.close()
    plan = plan_for(ours, theirs)
    assert actions(plan) == {("delete", "№2", FY)}
    merge(ours, theirs)
    assert load(ours).measure_by_no(2).evaluation_for(FY) is None


def test_change_package_carries_recent_changes_and_deletions(copies, tmp_path):
    ours, theirs = copies
    since = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)
    edit(theirs, 2, title="相手で変更した名称")
    set_evaluation(theirs, 3, sample_evaluation(3))
    delete(theirs, 6)
    repo = open_repo(theirs)
    n, deleted = write_package(repo.load(), read_tombstones(repo), since, tmp_path / "pkg.json")
    repo.db.close()
    assert (n, deleted) == (2, 1)
    doc = json.loads((tmp_path / "pkg.json").read_text(encoding="utf-8"))
    assert doc["format"] == "plan-desktop/1" and doc["package"]["kind"] == "changes"
    assert sorted(m["no"] for m in doc["measures"]) == [2, 3]

    edit(ours, 1, title="こちらの変更")
    plan = plan_for(ours, tmp_path / "pkg.json")
    assert plan.conflicts == []
    assert actions(plan) == {("add", "№3", FY), ("delete", "№6", None), ("take", "№2", None)}
    assert main(["merge", "--db", str(ours), str(tmp_path / "pkg.json"), "--yes"]) == 0
    after = load(ours)
    assert after.measure_by_no(2).title == "相手で変更した名称"
    assert after.measure_by_no(3).evaluation_for(FY) is not None
    assert after.measure_by_no(6) is None
    assert after.measure_by_no(1).title == "こちらの変更"


def test_export_changes_cli(copies, tmp_path):
    ours, _ = copies
    edit(ours, 4, title="最近の変更")
    out = tmp_path / "pkg.json"
    assert main(["export", "changes", "--db", str(ours), "--since", "2000-01-01", "-o", str(out)]) == 0
    assert len(json.loads(out.read_text(encoding="utf-8"))["measures"]) == len(load(ours).measures)
    tomorrow = (dt.date.today() + dt.timedelta(days=2)).isoformat()
    assert main(["export", "changes", "--db", str(ours), "--since", tomorrow, "-o", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["measures"] == []
    assert main(["export", "changes", "--db", str(ours), "-o", str(out)]) == 1  # --since is required
    assert parse_since("2024/5/1").date() == dt.date(2024, 5, 1)
    with pytest.raises(ValueError):
        parse_since("きのう")


def test_a_different_plan_is_refused(copies, tmp_path, seed_data):
    ours, _ = copies
    other = tmp_path / "other.sqlite"
    repo = open_repo(other)
    data = copy.deepcopy(seed_data)
    data.plan.id = new_id()  # another plan (ids of seeded plans are deterministic, so make one up)
    data.plan.title = "別の計画"
    repo.replace_all(data)
    repo.db.close()
    with pytest.raises(MergeError, match="別の計画"):
        plan_for(ours, other)
    before = ours.read_bytes()
    assert main(["merge", "--db", str(ours), str(other), "--yes"]) == 1
    assert ours.read_bytes() == before


def test_records_that_do_not_fit_this_plan_are_refused_unchanged(copies):
    ours, theirs = copies
    repo = open_repo(theirs)
    data = repo.load()
    data.viewpoints.append(Viewpoint(no=9, title="相手だけの視点"))
    m = copy.deepcopy(data.measures[0])
    m.id, m.no, m.viewpoint, m.evaluations = "9f9f9f9f-0000-4000-8000-000000000002", 77, 9, []
    for b in m.action_plan:
        b.id = b.id[:-4] + "beef"
        for it in b.items:
            it.id = it.id[:-4] + "beef"
    data.measures.append(m)
    repo.replace_all(data)
    repo.db.close()
    before = ours.read_bytes()
    repo = open_repo(ours)
    plan = plan_for_repository(repo, load_source(theirs))
    with pytest.raises(MergeError, match="所属するグループ 9 はありません"):
        plan.batch(repo.load())
    repo.db.close()
    assert main(["merge", "--db", str(ours), str(theirs), "--yes"]) == 1
    assert ours.read_bytes() == before


def test_number_clash_is_warned(copies):
    ours, theirs = copies
    for path, title, uid in ((ours, "こちらの新規", "1"), (theirs, "相手の新規", "2")):
        repo = open_repo(path)
        m = copy.deepcopy(repo.load().measures[0])
        m.id, m.no, m.title, m.action_plan, m.evaluations = f"9f9f9f9f-0000-4000-8000-00000000010{uid}", 36, title, [], []
        repo.save_measure(m)
        repo.db.close()
    repo = open_repo(ours)
    data = repo.load()
    plan = plan_for_repository(repo, load_source(theirs), data)
    repo.db.close()
    batch = plan.batch(data)
    assert [i.action for i in plan.items] == [ADD]
    assert plan.number_clashes(data, batch) == ["№36 が重複します（こちらの新規・相手の新規）。取り込み後に番号を振り直してください。"]


def test_not_a_plan_file(copies, tmp_path):
    junk = tmp_path / "junk.sqlite"
    junk.write_text("not a database", encoding="utf-8")
    with pytest.raises(MergeError):
        plan_for(copies[0], junk)
    assert main(["merge", "--db", str(copies[0]), str(tmp_path / "missing.sqlite"), "--yes"]) == 1


def test_other_file_is_not_modified_or_backed_up(copies):
    ours, theirs = copies
    edit(theirs, 2, title="相手")
    before = theirs.read_bytes()
    merge(ours, theirs)
    assert theirs.read_bytes() == before
    names = [p.name for p in (theirs.parent / "backups").iterdir()]
    assert names and all(n.startswith("plan-") for n in names)  # only ours was backed up


def test_merge_takes_a_backup_first(copies):
    ours, theirs = copies
    edit(theirs, 2, title="相手")
    assert main(["merge", "--db", str(ours), str(theirs), "--yes"]) == 0
    backups = sorted((ours.parent / "backups").glob("plan-*-merge.sqlite"))
    assert len(backups) == 1
    old = load(backups[0])
    assert old.measure_by_no(2).title != "相手"


def test_measures_of_a_locked_period_are_not_merged(copies, capsys):
    ours, theirs = copies
    repo = open_repo(ours)
    data = repo.load()
    if not hasattr(data.plan.periods[0], "locked"):
        repo.db.close()
        pytest.skip("the model has no period lock")
    data.plan.periods[0].locked = True
    data.measure_by_no(3).period = data.plan.periods[0].name
    repo.replace_all(data)
    repo.db.close()
    edit(theirs, 3, title="相手で変更")
    before = ours.read_bytes()
    assert main(["merge", "--db", str(ours), str(theirs), "--yes"]) == 1
    assert "ロックされているため変更できません" in capsys.readouterr().err
    assert ours.read_bytes() == before
