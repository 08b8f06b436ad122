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
                          capture_output=True, text=True)
    assert proc.returncode != 0
    assert path.split("[")[0] in proc.stderr and "変更していません" in proc.stderr
    assert db_file.read_bytes() == before


def test_cli_rejects_unparseable_json_with_line_number(db_file, tmp_path):
    bad = tmp_path / "broken.json"
    bad.write_text('{"format": "plan-desktop/1",\n "plan": ', encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "plan_desktop", "import", "json", "--db", str(db_file), str(bad)],
                          capture_output=True, text=True)
    assert proc.returncode == 1 and "行 2" in proc.stderr


def test_cli_export_then_import_round_trip(db_file, tmp_path):
    out = tmp_path / "plan.json"
    run = lambda *a: subprocess.run([sys.executable, "-m", "plan_desktop", *a], capture_output=True, text=True, check=True)
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
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert PlanRepository(open_database(db_file, readonly=True)).load().plan.title == "置き換え後の計画"
    backups = sorted((db_file.parent / "backups").glob("*.sqlite"))
    assert backups, "no backup taken before the import"
    assert PlanRepository(open_database(backups[-1], readonly=True)).load() == original
