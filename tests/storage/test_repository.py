import copy
from dataclasses import replace

import pytest

from plan_desktop.domain.model import ActionBlock, ActionItem, Evaluation, Measure
from plan_desktop.domain.validation import ValidationError


def test_load_returns_what_replace_all_wrote(repo, seed_data):
    assert repo.load() == seed_data


def test_save_measure_persists_every_field(repo):
    m = repo.load().measures[0]
    edited = replace(
        m, title="新しい名称", priority=False, viewpoint=2, departments=["総務部 人事課"], proposals={2: "○", 3: "◎"},
        issue="課題<b>&amp;", content="  先頭の空白\n改行",
        action_plan=[ActionBlock(2024, 2025, [ActionItem("項目", ["細目1", "細目2"])])],
    )
    repo.save_measure(edited)
    assert repo.load_measure(m.id) == edited


def test_invalid_measure_is_refused_and_nothing_changes(repo):
    before = repo.load()
    m = copy.deepcopy(before.measures[3])
    m.title = "   "
    m.action_plan.append(ActionBlock(2030, 2025))
    with pytest.raises(ValidationError) as err:
        repo.save_measure(m)
    paths = [p.path for p in err.value.problems]
    assert "measure.title" in paths and f"measure.action_plan[{len(m.action_plan) - 1}].fy_from" in paths
    assert repo.load() == before


def test_delete_measure_returns_a_snapshot_that_restores_everything(repo):
    before = repo.load()
    victim = before.measures[4]
    snapshot, position = repo.delete_measure(victim.id)
    assert repo.load().measure_by_no(victim.no) is None
    repo.save_measure(snapshot, position)
    assert repo.load() == before


def test_set_phase_sets_and_clears_one_cell(repo):
    m = repo.load().measures[0]
    repo.set_phase(m.id, 2028, "試行")
    assert repo.load_measure(m.id).phase_in(2028) == "試行"
    repo.set_phase(m.id, 2028, None)
    assert repo.load_measure(m.id).phase_in(2028) is None


def test_set_phase_rejects_unknown_phase_and_years_outside_the_plan(repo):
    m = repo.load().measures[0]
    with pytest.raises(ValidationError):
        repo.set_phase(m.id, 2024, "存在しない")
    with pytest.raises(ValidationError):
        repo.set_phase(m.id, 1999, "実施")


def test_evaluation_round_trip_and_rating_validation(repo):
    m = repo.load().measures[0]
    e = Evaluation(fy=2024, rating="B", achievements="実績", issues="課題", improvements="改善", direction="継続",
                   committee_opinion="意見", status="所管課確定", progress="実施中")
    repo.save_evaluation(m.id, e)
    assert repo.load_measure(m.id).evaluation_for(2024) == e
    with pytest.raises(ValidationError, match="評価基準"):
        repo.save_evaluation(m.id, replace(e, rating="Z"))
    assert repo.load_measure(m.id).evaluation_for(2024) == e


def test_reorder_changes_display_order(repo):
    ids = repo.measure_ids()
    first_vp = [m.id for m in repo.load().measures if m.viewpoint == 1]
    repo.set_measure_order([first_vp[1], first_vp[0], *ids[2:]])
    assert repo.measure_ids()[:2] == [first_vp[1], first_vp[0]]


def test_change_log_records_writes(repo):
    m = repo.load().measures[0]
    repo.save_measure(replace(m, title="変更"))
    assert repo.change_log(1)[0]["summary"].endswith("変更")


def test_new_measure_is_appended(repo):
    new = Measure(no=99, title="追加した事項", viewpoint=3)
    repo.save_measure(new)
    assert repo.measure_ids()[-1] == new.id


def test_measures_read_in_position_order_with_departments_and_proposals_in_their_order(repo):
    """The rows are stored in another order than they are shown (a reorder, departments listed
    after they were made, proposals marked from the last): the load orders each as before."""
    data = repo.load()
    first, second = data.measures[0], data.measures[1]
    nos = sorted(p.no for p in data.proposals)[:3]
    edited = replace(first, departments=["教育委員会 学務課", "総務部 人事課", "企画部 企画課"],
                     proposals={nos[2]: "○", nos[0]: "◎", nos[1]: "○"})
    repo.save_measure(edited)
    ids = [m.id for m in data.measures]
    ids[0], ids[1] = ids[1], ids[0]
    repo.set_measure_order(ids)
    loaded = repo.load()
    assert [m.id for m in loaded.measures[:2]] == [second.id, first.id]
    mine = loaded.measures[1]
    assert mine.departments == ["教育委員会 学務課", "総務部 人事課", "企画部 企画課"]
    assert list(mine.proposals.items()) == [(nos[0], "◎"), (nos[1], "○"), (nos[2], "○")]
    assert repo.load_measure(first.id) == mine
