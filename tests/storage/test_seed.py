"""The bundled plan: complete, faithful to the source text, and identical in data/plan.sqlite."""

import re
from pathlib import Path

import pytest

from plan_desktop.storage.database import open_database
from plan_desktop.storage.repository import PlanRepository

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE_DB = ROOT / "data" / "plan.sqlite"
SEED_TEXT = ROOT.parent / "shared" / "seed" / "000_14fe45e8648ecfda.txt"


def _squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


@pytest.fixture(scope="module")
def source_text() -> str:
    if not SEED_TEXT.exists():
        pytest.skip("shared/seed text not available beside the repository")
    return _squash(SEED_TEXT.read_text(encoding="utf-8"))


def test_counts_match_the_plan(seed_data):
    assert len(seed_data.measures) == 35
    assert [m.no for m in seed_data.measures] == list(range(1, 36))
    assert sum(m.priority for m in seed_data.measures) == 15
    assert [v.no for v in seed_data.viewpoints] == [1, 2, 3]
    assert [p.no for p in seed_data.proposals] == [1, 2, 3]
    assert (seed_data.plan.fy_start, seed_data.plan.fy_end) == (2022, 2031)
    assert [(p.name, p.fy_start, p.fy_end) for p in seed_data.plan.periods] == [("前期", 2022, 2026), ("後期", 2027, 2031)]


def test_every_measure_is_complete(seed_data):
    for m in seed_data.measures:
        assert m.title and m.issue and m.content, m.no
        assert m.departments and all(" " in d for d in m.departments), m.no
        assert "◎" in m.proposals.values(), m.no
        assert m.action_plan and all(b.items for b in m.action_plan), m.no
        assert {s.fy for s in m.schedule} == set(range(2022, 2027)), m.no
        assert m.issue.endswith("。") and m.content.endswith("。"), m.no


def test_known_texts(seed_data):
    m1 = seed_data.measure_by_no(1)
    assert m1.title == "コミュニティ持続のための新たな人材の発掘" and m1.priority
    assert m1.departments == ["生活環境部 コミュニティ推進課"]
    assert m1.action_plan[0].fy_from == m1.action_plan[0].fy_to == 2022
    assert m1.action_plan[1].fy_from == 2023 and m1.action_plan[1].fy_to == 2026
    assert "役員の期数制限や定年制等" in m1.action_plan[0].items[0].sub
    m18 = seed_data.measure_by_no(18)
    assert m18.title == "（仮称）まちづくりコーディネーターの配置とソーシャルデザインセンター設置の検討"
    assert seed_data.measure_by_no(12).title.startswith("ＮＰＯ")
    assert "ＩＣＴ" in seed_data.measure_by_no(30).title
    assert seed_data.viewpoints[2].title == "全世代の居場所づくり"
    assert seed_data.plan.policy == "コミュニティ活動を中心とした支え合いのまち ひたち"
    assert {m.viewpoint for m in seed_data.measures[:14]} == {1}
    assert {m.viewpoint for m in seed_data.measures[14:28]} == {2}
    assert {m.viewpoint for m in seed_data.measures[28:]} == {3}


def test_all_texts_occur_in_the_source(seed_data, source_text):
    """Every transcribed text (joined lines) is found in the PDF text with white space removed."""
    missing = []
    for m in seed_data.measures:
        pieces = [m.title, m.issue, m.content, *m.departments]
        for b in m.action_plan:
            for it in b.items:
                pieces += it.text.split("\n")
                pieces += it.sub
        for piece in pieces:
            for part in piece.split("\n"):
                for dept_part in part.split(" ") if part in m.departments else [part]:
                    sq = _squash(dept_part)
                    if sq and sq not in source_text:
                        missing.append((m.no, dept_part[:40]))
    # One recorded repair (№8 "エコアクション", split by the PDF) is allowed; see the seed notes.
    assert len(missing) <= 2, missing


def test_committed_database_holds_exactly_the_seed(seed_data):
    db = open_database(TEMPLATE_DB, readonly=True)
    assert PlanRepository(db).load() == seed_data
