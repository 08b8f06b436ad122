"""Matrix edits, the community list and package merging: each one undo step."""

import pytest
from period_sample import make_document

from plan_desktop.document.plan_document import Changes
from plan_desktop.domain.model import Community, CommunitySetup
from plan_desktop.domain.validation import ValidationError


@pytest.fixture
def doc(qapp):
    d = make_document()
    yield d
    d.close()


def test_each_cell_edit_is_one_undo_step(doc):
    m = doc.data.measures[3]
    north, south, _ = doc.data.communities
    seen = []
    doc.changed.connect(lambda cs: seen.append(cs))
    assert doc.set_community_entry(m.id, north.id, 2021, "完了", "総会で承認")
    assert doc.set_community_entry(m.id, south.id, 2021, "実施中")
    assert not doc.set_community_entry(m.id, south.id, 2021, "実施中")  # no change, no step
    assert doc.undo_stack.count() == 2
    assert seen[-1].kind == Changes.COMMUNITY and seen[-1].measure_ids == (m.id,)
    assert doc.community_summary(m.id, 2021) == "3地区中1地区で改訂済み"
    assert doc.repo.load().community_entries == doc.data.community_entries
    doc.set_community_entry(m.id, north.id, 2021, None, "")  # clearing removes the cell
    assert doc.community_entry(m.id, north.id, 2021) is None
    doc.undo_stack.undo()
    assert doc.community_entry(m.id, north.id, 2021).note == "総会で承認"
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    assert doc.data.community_entries == [] == doc.repo.load().community_entries
    with pytest.raises(ValueError, match="選択肢"):
        doc.set_community_entry(m.id, north.id, 2021, "方式A")
    with pytest.raises(ValueError, match="地区別の取組ではありません"):
        doc.set_community_entry(doc.data.measures[0].id, north.id, 2021, "完了")


def test_flagging_a_measure_and_editing_the_community_list(doc):
    m = doc.data.measures[0]
    doc.set_community_setup(m.id, CommunitySetup(options=["回覧", "掲示"], done=None))
    assert doc.repo.load_measure(m.id).community.options == ["回覧", "掲示"]
    north = doc.data.communities[0]
    doc.set_community_entry(m.id, north.id, 2020, "回覧")
    renamed = [Community(name="北部", id=north.id), *doc.data.communities[1:], Community(name="西")]
    doc.set_communities(renamed)
    assert [c.name for c in doc.repo.load().communities] == ["北部", "南", "東", "西"]
    doc.set_communities(doc.data.communities[1:])  # removing 北部 takes its cell along
    assert doc.data.community_entries == [] == doc.repo.load().community_entries
    doc.undo_stack.undo()
    assert [e.status for e in doc.repo.load().community_entries] == ["回覧"]
    with pytest.raises(ValidationError):
        doc.set_communities([Community("南"), Community("南")])
    with pytest.raises(ValueError):
        doc.set_community_setup(m.id, CommunitySetup(options=[], done=None))


def test_export_and_merge_one_communitys_entries(tmp_path, qapp):
    import copy

    from period_sample import sample_plan

    data = sample_plan()
    office = make_document(copy.deepcopy(data))
    laptop = make_document(copy.deepcopy(data))
    m = data.measures[3]
    north, south, _ = data.communities
    laptop.set_community_entry(m.id, north.id, 2021, "完了", "総会で承認")
    laptop.set_community_entry(m.id, south.id, 2021, "実施中")  # not north's: stays out
    assert laptop.export_community_package(north.id, tmp_path / "north.json") == 1
    outcome = office.merge_community_package(tmp_path / "north.json")
    assert len(outcome.take) == 1 and office.undo_stack.count() == 1
    assert office.community_summary(m.id, 2021) == "3地区中1地区で改訂済み"
    again = office.merge_community_package(tmp_path / "north.json")
    assert again.take == [] and again.unchanged == 1 and office.undo_stack.count() == 1
    office.undo_stack.undo()
    assert office.repo.load().community_entries == []
    (tmp_path / "bad.json").write_text("{", encoding="utf-8")
    from plan_desktop.document.errors import InvalidEditError

    with pytest.raises(InvalidEditError, match="読めません"):
        office.merge_community_package(tmp_path / "bad.json")
    office.close()
    laptop.close()
