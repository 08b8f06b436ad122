"""Per-community summary sentence, status carry-forward and community packages."""

import pytest
from period_sample import sample_plan

from plan_desktop.domain import communities as C
from plan_desktop.domain.model import CommunityEntry


def _entry(data, m, c, fy, status, stamp="2024-01-01T00:00:00+00:00", note=""):
    e = CommunityEntry(measure_id=data.measures[m].id, community_id=data.communities[c].id, fy=fy, status=status,
                       note=note, updated_at=stamp)
    data.community_entries.append(e)
    return e


def test_summary_sentence_counts_done_communities_as_of_the_year():
    data = sample_plan()
    m = data.measures[3]
    assert C.summary_sentence(data, m, 2021) == "3地区中0地区で改訂済み"
    _entry(data, 3, 0, 2020, "完了")
    _entry(data, 3, 1, 2021, "実施中")
    _entry(data, 3, 1, 2022, "完了")
    assert C.summary_sentence(data, m, 2021) == "3地区中1地区で改訂済み"  # 北 stays 完了 after 2020
    assert C.summary_sentence(data, m, 2022) == "3地区中2地区で改訂済み"
    assert C.summary(data, m, 2021).counts == {"未着手": 0, "実施中": 1, "完了": 1}


def test_summary_without_a_done_option_lists_every_option():
    data = sample_plan()
    _entry(data, 4, 0, 2023, "方式A")
    _entry(data, 4, 1, 2023, "方式C")
    _entry(data, 4, 2, 2023, "方式A")
    assert C.summary_sentence(data, data.measures[4], 2023) == "3地区中 方式A 2地区、方式C 1地区"
    assert C.summary_sentence(data, data.measures[4], 2022) == "3地区中 未入力 3地区"
    data.communities = []
    assert C.summary_sentence(data, data.measures[4], 2023) == "地区が登録されていません"


def test_setup_problems_and_placeholders():
    from plan_desktop.domain.model import CommunitySetup

    assert C.setup_problems(CommunitySetup()) == []
    assert C.setup_problems(CommunitySetup(options=["a", "a"], done=None))
    assert C.setup_problems(CommunitySetup(options=["a"], done="b"))
    assert C.placeholder_names(4, ["金沢", "助川"], "学区") == ["金沢", "助川", "学区3", "学区4"]


def test_package_round_trip_and_merge_by_updated_at():
    office = sample_plan()
    laptop = sample_plan()
    laptop.plan.id = office.plan.id
    for ours, theirs in ((office.measures, laptop.measures), (office.communities, laptop.communities)):
        for o, t in zip(ours, theirs):
            t.id = o.id
    _entry(office, 3, 0, 2021, "実施中", stamp="2024-05-01T00:00:00+00:00")
    _entry(office, 3, 0, 2022, "実施中", stamp="2024-05-01T00:00:00+00:00")
    _entry(laptop, 3, 0, 2021, "完了", stamp="2024-06-01T00:00:00+00:00")   # newer there: taken
    _entry(laptop, 3, 0, 2022, "未着手", stamp="2024-04-01T00:00:00+00:00")  # older there: kept ours
    _entry(laptop, 3, 0, 2023, "完了", note="総会で承認")                       # new there: taken
    _entry(laptop, 3, 1, 2023, "完了")                                        # another community: not exported
    pkg = C.community_package(laptop, laptop.communities[0].id, "2024-07-01T00:00:00+00:00")
    assert len(pkg["entries"]) == 3
    community, entries = C.read_community_package(pkg, office)
    assert community.name == "北"
    outcome = C.merge_community_entries(office, entries)
    assert sorted((e.fy, e.status) for e in outcome.take) == [(2021, "完了"), (2023, "完了")]
    assert (outcome.kept, outcome.unchanged) == (1, 0)


def test_package_from_another_plan_or_with_bad_status_is_refused():
    office = sample_plan()
    pkg = C.community_package(office, office.communities[0].id, "now")
    other = sample_plan()
    with pytest.raises(C.PackageError, match="別の計画"):
        C.read_community_package(pkg, other)
    pkg["entries"] = [{"id": "x", "measure": office.measures[3].id, "community": office.communities[0].id,
                       "fy": 2021, "status": "不明", "updated_at": "2024-01-01"}]
    with pytest.raises(C.PackageError, match="選択肢にありません"):
        C.read_community_package(pkg, office)
    with pytest.raises(C.PackageError, match="ファイルではありません"):
        C.read_community_package({"format": "x"}, office)


def test_the_as_of_line_never_dates_the_page_in_the_future():
    import datetime as dt

    from plan_desktop.domain.communities import as_of_label

    assert as_of_label(2026, dt.date(2026, 11, 29)) == "令和8年11月29日現在"
    assert as_of_label(2026, dt.date(2027, 3, 31)) == "令和9年3月31日現在"
    assert as_of_label(2026, dt.date(2027, 4, 1)) == "令和8年度末現在"
