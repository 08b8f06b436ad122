"""``plan-desktop new``: an empty plan in a new file, with the plan's own words; bad input changes nothing."""

from __future__ import annotations

import pytest

from plan_desktop.cli.dispatch import main
from plan_desktop.storage.database import open_database
from plan_desktop.storage.repository import PlanRepository


def _load(path):
    db = open_database(path, readonly=True)
    try:
        return PlanRepository(db).load()
    finally:
        db.close()


def test_new_creates_an_empty_plan_with_neutral_words(tmp_path, capsys):
    path = tmp_path / "新しい 計画.sqlite"
    assert main(["new", "--db", str(path), "--title", "みなと市実施計画", "--fy-start", "2024", "--fy-end", "2028"]) == 0
    data = _load(path)
    assert (data.plan.title, data.plan.fy_start, data.plan.fy_end) == ("みなと市実施計画", 2024, 2028)
    assert data.measures == [] and data.proposals == [] and data.communities == []
    assert len(data.viewpoints) == 1 and data.terms.measure == "取組"
    assert "作成しました" in capsys.readouterr().out
    assert main(["check", "--db", str(path)]) == 0


def test_new_takes_level_names_periods_and_groups(tmp_path):
    path = tmp_path / "plan.sqlite"
    assert main(["--db", str(path), "new", "--title", "計画", "--fy-start", "2016", "--fy-end", "2025",
                 "--level", "まちづくり方針", "--level", "施策の柱", "--level", "施策", "--measure-word", "事業",
                 "--period", "第1期:2016-2020", "--period", "第2期：2021～2025",
                 "--group", "安心して暮らせるまち", "--group", "活力あるまち"]) == 0
    data = _load(path)
    assert [lv.name for lv in data.terms.levels] == ["まちづくり方針", "施策の柱", "施策"]
    assert data.terms.measure == "事業"
    assert [(p.name, p.fy_start, p.fy_end) for p in data.plan.periods] == [("第1期", 2016, 2020), ("第2期", 2021, 2025)]
    assert [v.title for v in data.viewpoints] == ["安心して暮らせるまち", "活力あるまち"]


@pytest.mark.parametrize("extra, message", [
    (["--fy-start", "2028", "--fy-end", "2024"], "--fy-start: 計画の開始年度（2028）が終了年度（2024）より後です"),
    (["--fy-start", "6", "--fy-end", "2024"], "--fy-start: 年度 6 は西暦の4桁で指定してください"),
    (["--fy-start", "2024", "--fy-end", "2028", "--period", "前期2024-2026"], "--period「前期2024-2026」を読めません"),
    (["--fy-start", "2024", "--fy-end", "2028", "--period", "前期:2020-2026"], "--period: 年度 2020 は計画期間"),
    (["--fy-start", "2024", "--fy-end", "2028", "--level", " "], "--level: 階層の名称が空です"),
])
def test_bad_input_exits_1_with_a_japanese_message_and_writes_nothing(tmp_path, capsys, extra, message):
    path = tmp_path / "plan.sqlite"
    assert main(["new", "--db", str(path), "--title", "計画", *extra]) == 1
    assert message in capsys.readouterr().err
    assert not path.exists()


def test_an_existing_file_is_never_overwritten(db_file, capsys):
    before = db_file.read_bytes()
    assert main(["new", "--db", str(db_file), "--title", "x", "--fy-start", "2024", "--fy-end", "2028"]) == 1
    assert "既にあります" in capsys.readouterr().err
    assert db_file.read_bytes() == before


def test_new_needs_an_explicit_file(capsys):
    assert main(["new", "--title", "x", "--fy-start", "2024", "--fy-end", "2028"]) == 1
    assert "--db で作成するファイルを指定してください" in capsys.readouterr().err
