"""Three and four copies exchanging in every order: an edit is never replaced without a conflict.

Laptops A and B both edit №3; the secretariat's copy S (and D) change other
records after them, which moved the old common "base moment" past both
edits, so merging B into A took B's text silently. Each copy now keeps what
it has seen of every record (storage/versions.py).

The expected outcome of every merge comes from a model kept apart from the
implementation: for the record under test, each copy's set of edits it has
incorporated. Merging Y into X must

* take Y's content exactly when X has seen nothing Y has not (X ⊂ Y),
* keep X's when Y has seen nothing X has not (Y ⊆ X),
* report a conflict otherwise (both have edits the other has not seen); the
  conflict keeps X's text and X has then seen both.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import shutil

import pytest
from exchange_helpers import FY, load, open_repo

from plan_desktop.domain.model import Evaluation
from plan_desktop.exchange.apply import apply_to_repository
from plan_desktop.exchange.merge import CONFLICT, NEWER_HERE, TAKE, plan_for_repository
from plan_desktop.exchange.merge_sources import load_source
from plan_desktop.exchange.package import write_package
from plan_desktop.storage.repository import touched
from plan_desktop.storage.sync_store import read_tombstones
from plan_desktop.storage.versions import read_versions

RECORD_NO = 3


@pytest.fixture(autouse=True)
def no_terminal(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(""))


def _edit(path, no, **changes):
    repo = open_repo(path)
    m = repo.load().measure_by_no(no)
    repo.save_measure(touched(m, **changes))
    repo.db.close()


def _merge(ours, other):
    """Merge *other* into *ours* as the CLI does (conflicts keep ours); the record's action."""
    repo = open_repo(ours)
    try:
        data = repo.load()
        plan = plan_for_repository(repo, load_source(other), data)
        mid = data.measure_by_no(RECORD_NO).id
        found = [i.action for i in plan.items if i.measure_id == mid and i.fy is None]
        apply_to_repository(repo, plan.batch(data), reason="merge")
        return found[0] if found else None
    finally:
        repo.db.close()


class Model:
    """What each copy has seen of the record, and the text it holds."""

    def __init__(self, names):
        self.seen = {n: frozenset({"base"}) for n in names}
        self.text = {n: "base" for n in names}

    def edit(self, name, label):
        self.seen[name] |= {label}
        self.text[name] = label

    def expect(self, x, y) -> str | None:
        sx, sy = self.seen[x], self.seen[y]
        if self.text[x] == self.text[y]:
            return None
        if sy <= sx:
            return NEWER_HERE
        if sx < sy:
            return TAKE
        return CONFLICT

    def merged(self, x, y, action):
        if action == TAKE:
            self.seen[x] = self.seen[x] | self.seen[y]
            self.text[x] = self.text[y]
        elif action == CONFLICT:
            self.seen[x] = self.seen[x] | self.seen[y]


def _copies(plan_file, tmp_path, names):
    paths = {}
    for n in names:
        paths[n] = tmp_path / f"{n}.sqlite"
        shutil.copyfile(plan_file, paths[n])
    return paths


def _run(plan_file, tmp_path, names, edits, merges):
    paths = _copies(plan_file, tmp_path, names)
    model = Model(names)
    for name, no, text in edits:
        _edit(paths[name], no, content=text)
        if no == RECORD_NO:
            model.edit(name, text)
    for x, y in merges:
        expected = model.expect(x, y)
        action = _merge(paths[x], paths[y])
        assert action == expected, f"{x}←{y} in {merges}: {action} (expected {expected})"
        model.merged(x, y, action)
        assert load(paths[x]).measure_by_no(RECORD_NO).content == model.text[x]


# The issue's scenario: A and B edit №3, then the secretariat changes another record later.
THREE_EDITS = [("A", RECORD_NO, "A の推進内容"), ("B", RECORD_NO, "B の推進内容"), ("S", 4, "事務局の変更")]
THREE_MERGES = [("A", "S"), ("B", "S"), ("A", "B"), ("B", "A")]


@pytest.mark.parametrize("order", list(itertools.permutations(THREE_MERGES)), ids=lambda o: " ".join(f"{x}←{y}" for x, y in o))
def test_three_copies_in_every_order(plan_file, tmp_path, order):
    _run(plan_file, tmp_path, ["A", "B", "S"], THREE_EDITS, list(order))


FOUR_EDITS = [("A", RECORD_NO, "A の推進内容"), ("B", RECORD_NO, "B の推進内容"), ("S", 4, "事務局の変更"),
              ("D", RECORD_NO, "D の推進内容")]
FOUR_MERGES = [("S", "A"), ("D", "S"), ("B", "D"), ("A", "B")]


@pytest.mark.slow
@pytest.mark.parametrize("order", list(itertools.permutations(FOUR_MERGES)), ids=lambda o: " ".join(f"{x}←{y}" for x, y in o))
def test_four_copies_in_every_order(plan_file, tmp_path, order):
    _run(plan_file, tmp_path, ["A", "B", "S", "D"], FOUR_EDITS, list(order))


def test_the_issue_scenario_reports_the_conflict(plan_file, tmp_path):
    paths = _copies(plan_file, tmp_path, ["A", "B", "S"])
    _edit(paths["A"], RECORD_NO, content="A の推進内容")
    _edit(paths["B"], RECORD_NO, content="B の推進内容")
    _edit(paths["S"], 4, content="事務局の変更")
    assert _merge(paths["A"], paths["S"]) == NEWER_HERE  # S has not seen A's edit: kept
    assert _merge(paths["B"], paths["S"]) == NEWER_HERE
    assert _merge(paths["A"], paths["B"]) == CONFLICT  # before: 「相手の変更を取り込み: 1 件 / 競合: 0 件」
    assert load(paths["A"]).measure_by_no(RECORD_NO).content == "A の推進内容"


def test_a_package_cut_later_than_the_last_sync_still_reports_the_conflict(plan_file, tmp_path):
    paths = _copies(plan_file, tmp_path, ["A", "B"])
    _edit(paths["A"], RECORD_NO, content="A の推進内容")
    _edit(paths["B"], RECORD_NO, content="B の推進内容")
    since = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)  # after A's edit was made
    repo = open_repo(paths["B"])
    package = tmp_path / "b-changes.json"
    write_package(repo.load(), read_tombstones(repo), since, package, read_versions(repo.db))
    repo.db.close()
    assert _merge(paths["A"], package) == CONFLICT
    assert load(paths["A"]).measure_by_no(RECORD_NO).content == "A の推進内容"


def test_evaluations_are_compared_by_what_each_copy_has_seen(plan_file, tmp_path):
    paths = _copies(plan_file, tmp_path, ["A", "B", "S"])
    for name, text in (("A", "A の実績"), ("B", "B の実績")):
        repo = open_repo(paths[name])
        m = repo.load().measure_by_no(RECORD_NO)
        m.evaluations = [Evaluation(fy=FY, achievements=text)]
        repo.save_measure(m)
        repo.db.close()
    _edit(paths["S"], 4, content="事務局の変更")
    _merge(paths["A"], paths["S"])
    _merge(paths["B"], paths["S"])
    repo = open_repo(paths["A"])
    plan = plan_for_repository(repo, load_source(paths["B"]))
    repo.db.close()
    assert [(i.action, i.fy) for i in plan.items if i.fy is not None] == [(CONFLICT, FY)]


def test_files_without_histories_merge_as_before(plan_file, tmp_path):
    """A copy from before the version table (no rows, or a JSON export without versions): the
    base moment decides, as it always did."""
    paths = _copies(plan_file, tmp_path, ["A", "B"])
    _edit(paths["B"], RECORD_NO, content="B の推進内容")
    from plan_desktop.cli import main

    export = tmp_path / "b.json"
    assert main(["export", "json", "--db", str(paths["B"]), "-o", str(export)]) == 0
    assert _merge(paths["A"], export) == TAKE


def test_an_edit_made_in_an_older_file_is_taken_not_a_conflict(tmp_path):
    """A copy edited by a version without histories (schema 3), merged into a current copy that
    never touched the record: the base moment decides, as before (taken, not asked)."""
    import sqlite3
    from pathlib import Path

    old = Path(__file__).resolve().parents[1] / "storage" / "data" / "plan_v3.sqlite"
    a, b = tmp_path / "A.sqlite", tmp_path / "B.sqlite"
    shutil.copyfile(old, a)
    shutil.copyfile(old, b)
    conn = sqlite3.connect(b)  # the older app's edit: content and stamp
    conn.execute("UPDATE measures SET content = '古い版での推進内容', updated_at = ? WHERE no = ?",
                 [dt.datetime.now(dt.UTC).isoformat(), RECORD_NO])
    conn.commit()
    conn.close()
    _edit(a, 4, content="新しい版での変更")  # A is current and keeps a history (of another record)
    assert _merge(a, b) == TAKE
    assert load(a).measure_by_no(RECORD_NO).content == "古い版での推進内容"
