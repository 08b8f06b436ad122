import copy
import json
import subprocess
import sys

import pytest

from plan_desktop.domain.validation import ValidationError
from plan_desktop.storage import json_format
from plan_desktop.storage.repository import PlanRepository


def test_round_trip_is_lossless(seed_data):
    doc = json_format.to_json(seed_data)
    assert json_format.from_json(json.loads(json.dumps(doc, ensure_ascii=False))) == seed_data


def test_round_trip_through_the_database_keeps_evaluations(repo):
    from plan_desktop.domain.model import Evaluation

    m = repo.load().measures[2]
    repo.save_evaluation(m.id, Evaluation(fy=2023, rating="C", achievements="<b>&amp;", status="会議確定"))
    data = repo.load()
    again = json_format.from_json(json.loads(json_format.dumps(data)))
    assert again == data


def test_minimal_document_with_only_the_fixed_keys_is_accepted():
    doc = {
        "format": "plan-desktop/1",
        "plan": {"title": "別の市の計画", "policy": "", "fy_start": 2030, "fy_end": 2034, "periods": []},
        "proposals": [],
        "viewpoints": [{"no": 1, "title": "視点", "description": ""}],
        "measures": [{"no": 1, "title": "事項", "priority": False, "viewpoint": 1, "departments": [],
                      "proposals": {}, "issue": "", "content": "", "action_plan": [],
                      "schedule": [{"fy": 2031, "phase": "実施"}],
                      "evaluations": [{"fy": 2032, "rating": "A", "achievements": "", "issues": "", "improvements": "",
                                       "direction": "継続", "committee_opinion": "", "status": "確定"}]}],
    }
    data = json_format.from_json(doc)
    assert data.plan.fiscal_years == [2030, 2031, 2032, 2033, 2034]
    assert data.measures[0].evaluations[0].status == "会議確定"


def _doc(seed_data):
    return json.loads(json_format.dumps(seed_data))


BAD_CASES = {
    "wrong format tag": (lambda d: d.update(format="plan-desktop/0"), "$.format"),
    "unknown rating": (lambda d: d["measures"][0]["evaluations"].append({"fy": 2024, "rating": "Z"}), "$.measures[0].evaluations[0].rating"),
    "fy_from after fy_to": (lambda d: d["measures"][1]["action_plan"][0].update(fy_from=2026, fy_to=2023), "$.measures[1].action_plan[0].fy_from"),
    "duplicate number": (lambda d: d["measures"][5].update(no=d["measures"][4]["no"]), "$.measures[5].no"),
    "missing title": (lambda d: d["measures"][7].pop("title"), "$.measures[7].title"),
    "text where a number belongs": (lambda d: d["plan"].update(fy_start="令和4年"), "$.plan.fy_start"),
    "unknown viewpoint": (lambda d: d["measures"][0].update(viewpoint=9), "$.measures[0].viewpoint"),
    "bad relation mark": (lambda d: d["measures"][0]["proposals"].update({"1": "×"}), "$.measures[0].proposals.1"),
    "unknown phase": (lambda d: d["measures"][0]["schedule"].append({"fy": 2030, "phase": "謎"}), "$.measures[0].schedule"),
}


@pytest.mark.parametrize("case", BAD_CASES, ids=list(BAD_CASES))
def test_invalid_documents_are_rejected_naming_the_path(seed_data, case):
    mutate, path = BAD_CASES[case]
    doc = _doc(seed_data)
    mutate(doc)
    with pytest.raises(ValidationError) as err:
        json_format.from_json(doc)
    assert any(p.path.startswith(path) for p in err.value.problems), err.value.problems


@pytest.mark.parametrize("case", BAD_CASES, ids=list(BAD_CASES))
def test_cli_import_of_invalid_json_exits_nonzero_and_leaves_database_unchanged(seed_data, db_file, tmp_path, case):
    mutate, path = BAD_CASES[case]
    doc = _doc(seed_data)
    mutate(doc)
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    before = db_file.read_bytes()
    proc = subprocess.run([sys.executable, "-m", "plan_desktop", "import", "json", "--db", str(db_file), str(bad)],
                          capture_output=True, text=True, encoding="utf-8")
    assert proc.returncode != 0
    assert path.split("[")[0] in proc.stderr and "変更していません" in proc.stderr
    assert db_file.read_bytes() == before


def test_cli_rejects_unparseable_json_with_line_number(db_file, tmp_path):
    bad = tmp_path / "broken.json"
    bad.write_text('{"format": "plan-desktop/1",\n "plan": ', encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "plan_desktop", "import", "json", "--db", str(db_file), str(bad)],
                          capture_output=True, text=True, encoding="utf-8")
    assert proc.returncode == 1 and "行 2" in proc.stderr


def test_cli_export_then_import_round_trip(db_file, tmp_path):
    out = tmp_path / "plan.json"
    def run(*args):
        return subprocess.run([sys.executable, "-m", "plan_desktop", *args], capture_output=True, text=True,
                              encoding="utf-8", check=True)

    run("export", "json", "--db", str(db_file), "-o", str(out))
    other = tmp_path / "other.sqlite"
    run("import", "json", "--db", str(other), str(out))
    from plan_desktop.storage.database import open_database

    a = PlanRepository(open_database(db_file)).load()
    b = PlanRepository(open_database(other)).load()
    assert a == b


def test_cli_import_takes_a_backup_of_the_plan_it_replaces(db_file, tmp_path, seed_data):
    from plan_desktop.storage.database import open_database

    original = PlanRepository(open_database(db_file, readonly=True)).load()
    changed = copy.deepcopy(seed_data)
    changed.plan.title = "置き換え後の計画"
    out = tmp_path / "plan.json"
    out.write_text(json_format.dumps(changed), encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "plan_desktop", "import", "json", "--db", str(db_file), str(out)],
                          capture_output=True, text=True, encoding="utf-8")
    assert proc.returncode == 0, proc.stderr
    assert PlanRepository(open_database(db_file, readonly=True)).load().plan.title == "置き換え後の計画"
    backups = sorted((db_file.parent / "backups").glob("*.sqlite"))
    assert backups, "no backup taken before the import"
    assert PlanRepository(open_database(backups[-1], readonly=True)).load() == original


# ------------------------------------------------ plan words, nesting, codes, active years
def _minimal(**extra):
    doc = {
        "format": "plan-desktop/1",
        "plan": {"title": "別の市の計画", "fy_start": 2016, "fy_end": 2025},
        "viewpoints": [{"no": 1, "title": "方針"}, {"no": 2, "title": "柱", "parent": 1, "code": "1-1"}],
        "measures": [{"no": 1, "title": "事業", "viewpoint": 2, "code": 1000101, "fy_to": 2022,
                      "evaluations": [{"fy": 2017, "status": "委員会確定", "progress": "着手", "direction": "休止"}]}],
    }
    doc.update(extra)
    return doc


TERMS = {"levels": ["まちづくり方針", {"name": "施策の柱", "short": "柱"}], "measure": "事業",
         "stages": [{"name": "担当課"}, {"name": "行政評価委員会", "short": "委員会"}],
         "progress": ["未着手", "着手", "完了"], "directions": ["維持", "統合", {"name": "休止", "closing": True}]}


def test_added_keys_are_read_with_their_meaning():
    data = json_format.from_json(_minimal(terms=dict(TERMS, progress=[{"name": "未着手", "started": False}, "着手"])))
    m = data.measures[0]
    assert (m.code, m.fy_from, m.fy_to, m.label) == ("1000101", None, 2022, "1000101")
    assert m.display_title == "№1000101 事業"
    assert [(v.no, v.parent, v.label) for v in data.viewpoints] == [(1, None, "1"), (2, 1, "1-1")]
    assert m.evaluations[0].status == "会議確定"  # the plan's label is stored as the status code
    assert data.terms.level_short(1) == "柱" and data.terms.closing_directions == ["休止"]
    assert data.terms.started_progress == ["着手"]


def test_added_keys_survive_a_round_trip_through_json_and_the_database(repo):
    data = json_format.from_json(_minimal(terms=TERMS))
    again = json_format.from_json(json.loads(json_format.dumps(data)))
    assert again == data
    repo.replace_all(data)
    assert repo.load() == data


def test_a_file_naming_no_words_gets_neutral_words():
    data = json_format.from_json(_minimal(measures=[]))
    assert data.terms.measure == "取組" and data.terms.top_level == "分野"


def test_bundled_plan_exported_before_terms_existed_keeps_its_words(seed_data):
    doc = json_format.to_json(seed_data)
    del doc["terms"]
    assert json_format.from_json(doc).terms == seed_data.terms


def test_a_group_without_a_number_gets_one_and_shows_none():
    doc = _minimal(viewpoints=[{"no": 1, "title": "方針"}, {"title": "番号のない施策", "parent": 1}],
                   measures=[])
    data = json_format.from_json(doc)
    assert [(v.no, v.label) for v in data.viewpoints] == [(1, "1"), (2, "")]


@pytest.mark.parametrize("patch, path, words", [
    ({"terms": {"stages": []}}, "$.terms.stages", "1～3つ"),
    ({"terms": {"stages": [{"name": "a"}, {"name": "b"}, {"name": "c"}, {"name": "d"}]}}, "$.terms.stages", "1～3つ"),
    ({"terms": {"levels": [{"short": "x"}]}}, "$.terms.levels[0].name", "必須"),
    ({"terms": {"progress": ["未着手", "未着手"]}}, "$.terms.progress", "重複"),
    ({"terms": {"measure": 5}}, "$.terms.measure", "文字列"),
    ({"terms": "事業"}, "$.terms", "オブジェクト"),
    ({"terms": {"cross_reference_numerals": "漢数字"}}, "$.terms.cross_reference_numerals", "roman"),
])
def test_bad_terms_are_refused_naming_the_field(patch, path, words):
    with pytest.raises(ValidationError) as info:
        json_format.from_json(_minimal(**patch))
    assert any(p.path == path and words in p.message for p in info.value.problems), info.value.problems


@pytest.mark.parametrize("measure_patch, path, words", [
    ({"fy_from": 2023, "fy_to": 2020}, "$.measures[0].fy_from", "終了年度"),
    ({"fy_to": 2030}, "$.measures[0].fy_to", "計画期間"),
    ({"fy_from": "H28"}, "$.measures[0].fy_from", "整数"),
    ({"code": "123456789012345"}, "$.measures[0].code", "12文字以内"),
    ({"code": ["1"]}, "$.measures[0].code", "文字列"),
    ({"viewpoint": 9}, "$.measures[0].viewpoint", "グループ 9"),
])
def test_bad_measure_keys_are_refused_naming_the_field(measure_patch, path, words):
    doc = _minimal()
    doc["measures"][0].update(measure_patch)
    with pytest.raises(ValidationError) as info:
        json_format.from_json(doc)
    assert any(p.path == path and words in p.message for p in info.value.problems), info.value.problems


def test_a_parent_cycle_and_an_unknown_parent_are_refused():
    doc = _minimal(viewpoints=[{"no": 1, "title": "a", "parent": 2}, {"no": 2, "title": "b", "parent": 1},
                               {"no": 3, "title": "c", "parent": 7}], measures=[])
    with pytest.raises(ValidationError) as info:
        json_format.from_json(doc)
    text = str(info.value)
    assert "循環" in text and "親のグループ 7 はありません" in text and "$.viewpoints[2].parent" in text


def test_other_city_fixture_round_trips():
    from other_city import OTHER_CITY_JSON, other_city_plan

    data = other_city_plan()
    assert json_format.from_json(json.loads(json_format.dumps(data))) == data
    assert json_format.load_file(OTHER_CITY_JSON) == data
