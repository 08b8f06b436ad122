"""計画の設定 through the document: every change of the plan's frame is one undo step, validated,
saved at once, and says first what it would move or remove."""

import copy

import pytest
from other_city import other_city_db

from plan_desktop.document.plan_document import Changes, PlanDocument
from plan_desktop.domain import groups as G
from plan_desktop.domain.plan_frame import Renames
from plan_desktop.domain.terms import EvaluationStage, Level
from plan_desktop.domain.validation import ValidationError
from plan_desktop.storage.database import open_database
from plan_desktop.storage.repository import PlanRepository


@pytest.fixture
def doc(qapp, db_file):
    d = PlanDocument(PlanRepository(open_database(db_file)), db_file)
    yield d
    d.close()


@pytest.fixture
def city(qapp, tmp_path):
    path = other_city_db(tmp_path / "若葉市 計画.sqlite")
    d = PlanDocument.open(path)
    yield d
    d.close()


def reopen(path):
    db = open_database(path, backups=False)
    try:
        return PlanRepository(db).load()
    finally:
        db.close()


def test_title_years_and_words_are_one_undo_step_each(doc, db_file):
    seen = []
    doc.changed.connect(seen.append)
    before = reopen(db_file)
    frame = doc.frame()
    frame.plan.title = "新しい計画名"
    frame.plan.subtitle = "令和8年4月改定"
    frame.terms.measure = "事業"
    frame.terms.levels = [Level("基本方針", "方針")]
    assert doc.apply_frame(frame)
    assert seen[-1].kind == Changes.ALL
    after = reopen(db_file)
    assert (after.plan.title, after.terms.measure, after.terms.top_level) == ("新しい計画名", "事業", "基本方針")
    assert after.measures == before.measures
    assert doc.undo_stack.count() == 1
    doc.undo()
    assert reopen(db_file).terms == before.terms and reopen(db_file).plan.title == before.plan.title
    doc.redo()
    assert reopen(db_file).plan.title == "新しい計画名"
    assert not doc.apply_frame(doc.frame())  # nothing changed: no step


def test_an_invalid_frame_is_refused_with_nothing_changed(doc, db_file):
    before = db_file.read_bytes()
    frame = doc.frame()
    frame.plan.title = " "
    frame.terms.stages = []
    with pytest.raises(ValidationError) as info:
        doc.apply_frame(frame)
    paths = {p.path for p in info.value.problems}
    assert {"plan.title", "terms.stages"} <= paths
    assert doc.undo_stack.count() == 0 and db_file.read_bytes() == before


def test_groups_nest_to_any_depth_and_measures_follow(doc, db_file):
    a = doc.add_group("柱A", parent=1)
    b = doc.add_group("施策B", parent=a)
    c = doc.add_group("細施策C", parent=b)
    d = doc.add_group("事業群D", parent=c)
    assert [v.no for v in G.path_of(doc.data, d)] == [1, a, b, c, d]
    m = doc.data.measures_in(2)[0]
    doc.update_measure(m.id, "移動", viewpoint=d)
    data = reopen(db_file)
    assert data.measure_by_no(m.no).viewpoint == d
    assert G.depth_of(data, d) == 4 and G.max_depth(data) == 5
    # the measure now sits among viewpoint 1's measures (its deepest group is under 1)
    order = [x.id for x in data.measures]
    ones = [x.id for x in G.measures_under(data, 1)]
    assert order[:len(ones)] == ones and m.id in ones
    assert doc.move_group(a, -1) is False  # the only subgroup of 1
    doc.nest_group(b, None)  # 施策B (with C and D) to the top level
    assert [v.no for v in G.path_of(doc.data, d)] == [b, c, d]
    with pytest.raises(ValidationError, match="自分の中"):
        doc.nest_group(b, d)


def test_removing_a_group_moves_its_content_up_and_says_so_first(doc, db_file):
    sub = doc.add_group("小グループ", parent=2)
    ms = doc.data.measures_in(2)[:2]
    for m in ms:
        doc.update_measure(m.id, "移動", viewpoint=sub)
    frame = doc.frame()
    frame.viewpoints = [v for v in frame.viewpoints if v.no != sub]
    preview = doc.preview_frame(frame)
    assert preview.ok and any("小グループ" in s and "へ移ります" in s for s in preview.impacts)
    doc.remove_group(sub)
    assert {doc.measure(m.id).viewpoint for m in ms} == {2}
    top = doc.frame()
    top.viewpoints = [v for v in top.viewpoints if v.no != 3]
    assert not doc.preview_frame(top).ok  # a top-level group with measures cannot go
    with pytest.raises(ValidationError, match="削除できません"):
        doc.apply_frame(top)


def test_renumbered_groups_and_cross_references_keep_their_measures(doc, db_file):
    frame = doc.frame()
    frame.viewpoints[0].no = 10
    frame.proposals[0].no = 7
    with_first = [m.no for m in doc.data.measures if 1 in m.proposals]
    doc.apply_frame(frame)
    data = reopen(db_file)
    assert {m.viewpoint for m in data.measures[:14]} == {10}
    assert [m.no for m in data.measures if 7 in m.proposals] == with_first


def test_removing_a_cross_reference_entry_removes_its_marks_and_undo_brings_them_back(doc, db_file):
    frame = doc.frame()
    frame.proposals = frame.proposals[:2]
    marked = [m for m in doc.data.measures if 3 in m.proposals]
    preview = doc.preview_frame(frame)
    assert any(s.startswith("関連") for s in preview.impacts) and set(preview.changed_ids) == {m.id for m in marked}
    doc.apply_frame(frame)
    assert not any(3 in m.proposals for m in reopen(db_file).measures)
    doc.undo()
    assert [m.no for m in reopen(db_file).measures if 3 in m.proposals] == [m.no for m in marked]


def test_phase_rename_follows_and_removal_clears_cells(doc, db_file):
    frame = doc.frame()
    frame.phases[2].name = "本格実施"  # 実施
    frame.phases = [p for p in frame.phases if p.name != "検証・策定"]
    preview = doc.preview_frame(frame)
    assert any("工程（区分の削除）" in s for s in preview.impacts)
    doc.apply_frame(frame)
    data = reopen(db_file)
    phases = {s.phase for m in data.measures for s in m.schedule}
    assert "本格実施" in phases and "実施" not in phases and "検証・策定" not in phases


def test_evaluation_options_and_stages_follow_renames(city):
    doc = city
    evaluated = [m for m in doc.data.measures if any(e.progress == "着手" for e in m.evaluations)]
    frame = doc.frame()
    frame.terms.progress[1].name = "実施中"
    frame.terms.directions = [d for d in frame.terms.directions if d.name != "統合"]
    frame.terms.stages = [EvaluationStage("担当課"), EvaluationStage("部長会議"), EvaluationStage("行政評価委員会")]
    doc.apply_frame(frame, Renames(progress={"着手": "実施中"}))
    m = doc.measure(evaluated[0].id)
    assert any(e.progress == "実施中" for e in m.evaluations)
    assert not any(e.direction == "統合" for x in doc.data.measures for e in x.evaluations)
    assert doc.data.terms.status_labels() == ["下書き", "担当課確定", "部長会議確定", "行政評価委員会確定"]
    frame = doc.frame()
    frame.terms.stages = frame.terms.stages[:1]
    preview = doc.preview_frame(frame)
    assert any("評価の状態" in s for s in preview.impacts)
    doc.apply_frame(frame)
    statuses = {e.status for x in doc.data.measures for e in x.evaluations}
    assert statuses <= {"下書き", "会議確定"}


def test_shrinking_the_years_says_what_goes_and_periods_must_fit(city):
    doc = city
    frame = doc.frame()
    frame.plan.fy_start = 2018
    problems = doc.preview_frame(frame).problems
    assert any(p.path.startswith("plan.periods[0]") for p in problems)  # 第1期 starts 2016
    frame.plan.periods[0].fy_start = 2018
    preview = doc.preview_frame(frame)
    assert preview.ok and any("評価（期間外）" in s for s in preview.impacts)
    before = copy.deepcopy(doc.data)
    doc.apply_frame(frame)
    assert min(e.fy for m in doc.data.measures for e in m.evaluations) >= 2018
    doc.undo()
    assert doc.data.measures == before.measures
