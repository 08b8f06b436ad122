"""Evaluations in SQLite and JSON: every field, indicators, the scale, migration from version 1."""

import copy
import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from plan_desktop.domain.model import Evaluation, Indicator, RatingLevel
from plan_desktop.domain.validation import ValidationError
from plan_desktop.storage import json_format
from plan_desktop.storage.database import open_database, quick_check, schema_version
from plan_desktop.storage.repository import PlanRepository
from plan_desktop.storage.schema import SCHEMA_VERSION

V1_FILE = Path(__file__).parent / "data" / "plan_v1.sqlite"  # data/plan.sqlite as shipped with schema 1


def full_evaluation(fy=2024) -> Evaluation:
    return Evaluation(
        fy=fy, rating="B", progress="実施中", achievements="講座を3回開催した\n<b>&amp;", issues="参加者の固定化",
        improvements="若い世代向けの時間帯を設ける", direction="改善", committee_opinion="周知方法を工夫されたい",
        status="会議確定", extra={"future": [1, 2]}, starting_point="前年度の課題", planned_actions="予定の取組",
        indicators=[Indicator("参加者数", "人", 100.0, 150.0, 120.0), Indicator("開催回数", "回", None, 4.0, None),
                    Indicator("満足度", "%", 70.5, 80.0, 82.25)],
        self_rating="A", self_comment="おおむね順調", self_author="コミュニティ推進課 山田", self_date="2024-05-10",
        council_rating="B", council_date="2024-07-22", unlocked=True,
    )


def test_every_field_survives_the_database(repo):
    m = repo.load().measures[4]
    e = full_evaluation()
    repo.save_evaluation(m.id, e)
    got = repo.load().measure_by_no(m.no).evaluation_for(2024)
    assert got == e
    assert isinstance(got.unlocked, bool) and [i.name for i in got.indicators] == ["参加者数", "開催回数", "満足度"]


def test_resaving_replaces_indicators_and_deleting_removes_them(repo):
    m = repo.load().measures[0]
    e = full_evaluation()
    repo.save_evaluation(m.id, e)
    e.indicators = [e.indicators[2], Indicator("新しい指標", target=10.0)]
    repo.save_evaluation(m.id, e)
    assert repo.load_measure(m.id).evaluation_for(2024).indicators == e.indicators
    assert repo.db.execute("SELECT count(*) FROM evaluation_indicators").fetchone()[0] == 2
    repo.delete_evaluation(e.id)
    assert repo.db.execute("SELECT count(*) FROM evaluation_indicators").fetchone()[0] == 0
    assert repo.load_measure(m.id).evaluations == []


def test_saving_the_whole_measure_keeps_indicators(repo):
    m = repo.load().measures[0]
    e = full_evaluation(2023)
    repo.save_evaluation(m.id, e)
    m = repo.load_measure(m.id)
    m.title = "名称変更"
    repo.save_measure(m)
    assert repo.load_measure(m.id).evaluation_for(2023) == e
    assert quick_check(repo.db) == []


@pytest.mark.parametrize("change,path", [
    ({"self_rating": "Z"}, "evaluation.self_rating"),
    ({"council_rating": "E"}, "evaluation.council_rating"),
    ({"self_date": "10/05/2024"}, "evaluation.self_date"),
    ({"indicators": [Indicator("x", target=0.0)]}, "evaluation.indicators[0].target"),
    ({"indicators": [Indicator("x", actual="たくさん")]}, "evaluation.indicators[0].actual"),
    ({"indicators": [Indicator(" ")]}, "evaluation.indicators[0].name"),
])
def test_invalid_fields_are_refused_with_nothing_written(repo, change, path):
    m = repo.load().measures[0]
    e = full_evaluation()
    for key, value in change.items():
        setattr(e, key, value)
    before = repo.load()
    with pytest.raises(ValidationError) as err:
        repo.save_evaluation(m.id, e)
    assert path in {p.path for p in err.value.problems}
    assert repo.load() == before


# ---------------------------------------------------------------- the scale
def test_rating_scale_edit_renames_letters_everywhere(repo):
    data = repo.load()
    a, b = data.measures[0], data.measures[1]
    repo.save_evaluation(a.id, Evaluation(fy=2024, rating="A", self_rating="B", council_rating="A"))
    repo.save_evaluation(b.id, Evaluation(fy=2024, rating="B"))
    scale = [RatingLevel("S", "とても順調", "定義S", 5), RatingLevel("A", "順調", "定義A", 3.5),
             RatingLevel("C", "遅れ", "", 1), RatingLevel("D", "大幅な遅れ", "", 0)]
    repo.set_rating_scale(scale, {"A": "S", "B": "A"})  # applied together: no A→S→…
    data = repo.load()
    assert data.rating_scale == scale
    ea = data.measure_by_no(a.no).evaluation_for(2024)
    assert (ea.rating, ea.self_rating, ea.council_rating) == ("S", "A", "S")
    assert data.measure_by_no(b.no).evaluation_for(2024).rating == "A"
    assert repo.change_log(1)[0]["entity"] == "rating_scale"


def test_rating_scale_edit_refuses_dropping_a_used_letter_or_a_bad_scale(repo):
    m = repo.load().measures[0]
    repo.save_evaluation(m.id, Evaluation(fy=2024, council_rating="D"))
    before = repo.load()
    with pytest.raises(ValidationError, match="「D」は 1 件"):
        repo.set_rating_scale([RatingLevel("A", "a", points=2), RatingLevel("B", "b", points=1)])
    with pytest.raises(ValidationError):
        repo.set_rating_scale([RatingLevel("A", "a"), RatingLevel("A", "b"), RatingLevel("D", "d")])
    assert repo.load() == before
    repo.set_rating_scale([RatingLevel("A", "a", points=2), RatingLevel("X", "b", points=1)], {"D": "X"})
    assert repo.load_measure(m.id).evaluation_for(2024).council_rating == "X"


# ---------------------------------------------------------------- migration
def test_version_1_file_is_migrated_and_loads(tmp_path, seed_data):
    path = tmp_path / "old.sqlite"
    shutil.copyfile(V1_FILE, path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    mid = conn.execute("SELECT id FROM measures ORDER BY position LIMIT 1").fetchone()[0]
    conn.execute("INSERT INTO evaluations (id, measure_id, fy, rating, progress, achievements, issues, improvements, "
                 "direction, committee_opinion, status, extra, updated_at) VALUES "
                 "('e-old', ?, 2023, 'C', '実施中', '実績', '課題', '改善', '継続', '意見', '会議確定', '{}', '2024-03-01')",
                 [mid])
    conn.commit()
    conn.close()
    db = open_database(path)
    assert schema_version(db) == SCHEMA_VERSION >= 2
    assert quick_check(db) == []
    repo = PlanRepository(db)
    data = repo.load()
    old = data.measures[0].evaluation_for(2023)
    assert (old.id, old.rating, old.status, old.issues, old.committee_opinion) == ("e-old", "C", "会議確定", "課題", "意見")
    assert (old.indicators, old.self_rating, old.council_date, old.unlocked, old.starting_point) == ([], None, None, False, "")
    data.measures[0].evaluations = []
    assert data.communities == []  # schema 3 adds the list; an old file has none
    data.communities = seed_data.communities
    assert data == seed_data  # nothing else changed by the migration
    e = full_evaluation()
    repo.save_evaluation(mid, e)  # the new columns work on the migrated file
    db.close()
    assert PlanRepository(open_database(path)).load().measures[0].evaluation_for(2024) == e


def test_shipped_database_is_at_the_current_version(db_file):
    conn = sqlite3.connect(db_file)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    conn.close()


# --------------------------------------------------------------------- JSON
def test_json_round_trip_with_full_evaluations(repo):
    data = repo.load()
    repo.save_evaluation(data.measures[0].id, full_evaluation(2023))
    repo.save_evaluation(data.measures[0].id, Evaluation(fy=2024, rating="D", indicators=[Indicator("x")]))
    repo.save_evaluation(data.measures[9].id, full_evaluation(2024))
    data = repo.load()
    text = json_format.dumps(data)
    doc = json.loads(text)
    e = doc["measures"][0]["evaluations"][0]
    for key in ("fy", "rating", "achievements", "issues", "improvements", "direction", "committee_opinion", "status"):
        assert key in e  # the keys fixed by the format stay
    assert e["indicators"][0] == {"id": e["indicators"][0]["id"], "name": "参加者数", "unit": "人", "baseline": 100.0,
                                  "target": 150.0, "actual": 120.0}
    assert (e["self_rating"], e["self_date"], e["council_rating"], e["unlocked"]) == ("A", "2024-05-10", "B", True)
    again = json_format.from_json(doc)
    assert again == data
    fresh = PlanRepository(open_database(memory=True))
    fresh.replace_all(again)
    assert fresh.load() == data


def test_json_without_the_new_keys_still_reads(seed_data):
    doc = json.loads(json_format.dumps(seed_data))
    doc["measures"][0]["evaluations"] = [{"fy": 2024, "rating": "A", "achievements": "", "issues": "",
                                          "improvements": "", "direction": "継続", "committee_opinion": "",
                                          "status": "確定"}]
    e = json_format.from_json(doc).measures[0].evaluations[0]
    assert (e.status, e.indicators, e.self_rating, e.unlocked) == ("会議確定", [], None, False)


@pytest.mark.parametrize("ev,path", [
    ({"fy": 2024, "indicators": [{"name": "x", "target": "百"}]}, "$.measures[0].evaluations[0].indicators[0].target"),
    ({"fy": 2024, "indicators": [{"name": "x", "target": 0}]}, "$.measures[0].evaluations[0].indicators[0].target"),
    ({"fy": 2024, "indicators": [{"unit": "人"}]}, "$.measures[0].evaluations[0].indicators[0].name"),
    ({"fy": 2024, "indicators": {"name": "x"}}, "$.measures[0].evaluations[0].indicators"),
    ({"fy": 2024, "self_rating": "Q"}, "$.measures[0].evaluations[0].self_rating"),
    ({"fy": 2024, "council_date": "2024-13-01"}, "$.measures[0].evaluations[0].council_date"),
    ({"fy": 2024, "unlocked": 1}, "$.measures[0].evaluations[0].unlocked"),
])
def test_invalid_new_fields_in_json_are_rejected_naming_the_path(seed_data, ev, path):
    doc = json.loads(json_format.dumps(seed_data))
    doc["measures"][0]["evaluations"] = [copy.deepcopy(ev)]
    with pytest.raises(ValidationError) as err:
        json_format.from_json(doc)
    assert path in {p.path for p in err.value.problems}, err.value.problems
