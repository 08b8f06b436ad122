"""Search terms: folded text, and terms that name a fiscal year."""

from __future__ import annotations

import pytest

from plan_desktop.domain.model import ActionBlock, ActionItem, Evaluation, Measure, ScheduleEntry
from plan_desktop.domain.search import (
    folded_fields,
    match_so_far,
    matched_fields,
    measure_matches,
    query_terms,
    search_fields,
    search_texts,
    year_of_term,
)
from plan_desktop.domain.search_fold import searchable


def _measure(**kw) -> Measure:
    base = dict(no=1, title="地域のつながり", viewpoint=1)
    base.update(kw)
    return Measure(**base)


@pytest.mark.parametrize("text, fy", [("R6", 2024), ("r6", 2024), ("令和6", 2024), ("令和６年度", 2024),
                                      ("令和元年", 2019), ("H30", 2018), ("2024年度", 2024)])
def test_terms_that_name_a_fiscal_year(text, fy):
    assert [year_of_term(t) for t in query_terms(text)] == [fy]


@pytest.mark.parametrize("text", ["2024", "r", "令和", "rice", "6"])
def test_other_terms_name_no_year(text):
    assert all(year_of_term(t) is None for t in query_terms(text))


def test_a_year_term_finds_content_of_that_year():
    m = _measure(action_plan=[ActionBlock(fy_from=2023, fy_to=2026, items=[ActionItem(text="講座の開催")])])
    assert measure_matches(m, query_terms("R6")) and measure_matches(m, query_terms("令和6 講座"))
    assert not measure_matches(m, query_terms("R10"))
    assert measure_matches(_measure(schedule=[ScheduleEntry(2031, "実施")]), query_terms("令和13年度"))
    assert measure_matches(_measure(evaluations=[Evaluation(fy=2022)]), query_terms("r4"))
    assert not measure_matches(_measure(), query_terms("r4"))


def test_kana_and_where_it_was_found():
    m = _measure(departments=["生活環境部 コミュニティ推進課"],
                 action_plan=[ActionBlock(fy_from=2024, fy_to=2024, items=[ActionItem(text="ボランティアの募集")])])
    assert measure_matches(m, query_terms("こみゅにてぃ"))
    assert matched_fields(m, query_terms("ぼらんてぃあ")) == ["行動計画"]
    assert matched_fields(m, query_terms("つながり R6")) == ["名称", "年度"]


class _NoReads:
    """A parts loader that fails the test when asked for a part."""

    def load(self, measure, part=None):
        raise AssertionError(f"read {part} of {measure.title}")


def _unread(m: Measure, *parts: str) -> Measure:
    """*m* as a deferred load leaves it: *parts* still in the file."""
    for part in parts:
        del m.__dict__[part]
    m.__dict__["_parts_loader"] = _NoReads()
    return m


def _complete_measures() -> list[Measure]:
    return [
        _measure(issue="こどもの居場所", departments=["生活環境部 コミュニティ推進課"],
                 action_plan=[ActionBlock(fy_from=2024, fy_to=2025, items=[ActionItem(text="ボランティアの募集", sub=["講座"])])]),
        _measure(title="防災の講座", schedule=[ScheduleEntry(2031, "実施")]),
        _measure(title="見守り", evaluations=[Evaluation(fy=2022)],
                 action_plan=[ActionBlock(fy_from=2020, fy_to=2020, items=[ActionItem(text="ＮＰＯとの協働")])]),
    ]


@pytest.mark.parametrize("query", ["こみゅにてぃ", "ぼらんてぃあ", "講座", "npo", "r6", "令和13年度 講座", "r4 見守り",
                                   "つながり r7", "ない語", "の"])
def test_a_verdict_from_what_is_read_is_the_reference_or_undecided(query):
    """match_so_far: True or False only when measure_matches says so; None only while a part it
    needs is unread; it reads nothing."""
    terms = query_terms(query)
    for complete, parts in ((_complete_measures(), ()), (_complete_measures(), ("action_plan",)),
                            (_complete_measures(), ("schedule", "evaluations")),
                            (_complete_measures(), ("action_plan", "schedule", "evaluations"))):
        references = [measure_matches(m, terms) for m in complete]
        for m, reference in zip(complete, references, strict=True):
            m = _unread(m, *parts) if parts else m
            has_plan = m.part_read("action_plan")
            verdict = match_so_far(m, terms, searchable("\n".join(search_texts(m, has_plan))), has_plan)
            assert verdict in (reference, None), (query, parts, m.title)
            if not parts:
                assert verdict is reference


def test_where_a_match_is_among_the_parts_read_reads_none():
    m = _unread(_complete_measures()[0], "action_plan", "schedule", "evaluations")
    assert matched_fields(m, query_terms("こみゅにてぃ 居場所 R6"), read=False) == ["課題", "担当部課"]
    assert not m.part_read("action_plan") and not m.parts_loaded


FIELD_TEXTS = ["№12 コミュニティ活動の推進（ＮＰＯ）…", "こみゅにてぃ ｺﾐｭﾆﾃｨ ①②⑫ ㈱日立 ㍻30", "\u3099かき", "ｶﾞｷﾞ ﾞ",
               "café", "\u0301naïve", "ß ǅ İ ﬁ", "ＡＢＣ abc", "", "a\x00b", "\x00", "改行\n入り"]


@pytest.mark.parametrize("shift", range(len(FIELD_TEXTS)))
def test_folded_fields_are_each_field_folded_on_its_own(shift):
    """Folded in one go, each field is what folding it alone gives, for fields that begin with a
    combining mark or a sound mark, hold the joining character, are empty or not plain."""
    from plan_desktop.domain.search_fold import fold_fast
    from plan_desktop.domain.text import fold

    texts = FIELD_TEXTS[shift:] + FIELD_TEXTS[:shift]
    m = _measure(title=texts[0], issue=texts[1], content=texts[2], departments=texts[3:6],
                 action_plan=[ActionBlock(fy_from=2024, fy_to=2025, items=[ActionItem(text=texts[6], sub=texts[7:])])])
    got = folded_fields(m)
    assert [label for label, _t in got] == [label for label, _t in search_fields(m)]
    assert [t for _l, t in got] == [fold(text) for _l, text in search_fields(m)] == [
        fold_fast(text) for _l, text in search_fields(m)]
