"""What keeps a search keystroke cheap: same results as folding every text, few measures tested
per keystroke, no folding tables built for the first one. (Behaviour, never wall time.)"""

from __future__ import annotations

import pytest

from plan_desktop.domain import text as T
from plan_desktop.domain.search import content_years, year_of_term
from plan_desktop.ui import highlight, measure_filter
from plan_desktop.ui.measure_tree_model import search_haystacks

QUERIES = ["npo", "ＮＰＯ", "こみゅにてぃ", "ｺﾐｭﾆﾃｨ", "コミュニティ 推進", "no1", "№1", "r6", "令和6年度 講座", "H30", "(", "（",
           "活動の推進", "ぼらんてぃあ", "1", "①", "ガ", "cafe", "café", "㈱", "(株)", "...", "ss", "存在しない語句"]


def _reference_ids(window, query: str) -> list[str]:
    """The search as it was defined before: every text folded, terms in it or naming a content year."""
    doc = window.document
    terms = T.fold(query).split()
    out = []
    for mid in window.browser.model.measure_ids_in_order():
        m = doc.measure(mid)
        text = T.fold("\n".join(search_haystacks(m)))
        if all(t in text or (year_of_term(t) is not None and year_of_term(t) in content_years(m)) for t in terms):
            out.append(mid)
    return out


def _add_tricky_texts(doc):
    """Texts that are not all plain (combining marks, ligatures, ß) beside plain ones."""
    tricky = ["カ\u3099イド（ｶﾞｲﾄﾞ）", "café の会", "Straße ﬁt", "㈱日立 ①②⑫", "ｺﾐｭﾆﾃｨ…", "naïve ＮＰＯ"]
    for m, issue in zip(doc.data.measures, tricky):
        doc.update_measure(m.id, "課題", issue=m.issue + issue)


@pytest.mark.parametrize("tricky", [False, True], ids=["bundled", "with-tricky-texts"])
def test_search_finds_what_folding_every_text_finds(window, tricky):
    if tricky:
        _add_tricky_texts(window.document)
    for query in QUERIES:
        window.search_box.setText(query)
        assert window.visible_measure_ids() == _reference_ids(window, query), query
    for query in reversed(QUERIES):  # backspacing and retyping: results kept per query stay right
        window.search_box.setText(query)
        assert window.visible_measure_ids() == _reference_ids(window, query), query


@pytest.fixture
def tested(monkeypatch):
    """Ids of the measures the filter tests against the search terms."""
    seen: list[str] = []
    real = measure_filter.measure_matches

    def spy(m, terms, haystack=None):
        seen.append(m.id)
        return real(m, terms, haystack)

    monkeypatch.setattr(measure_filter, "measure_matches", spy)
    return seen


def test_typing_on_tests_only_what_the_shorter_query_found(window, tested):
    total = len(window.document.data.measures)
    window.search_box.setText("推")
    assert len(tested) == total
    found = set(window.visible_measure_ids())
    tested.clear()
    window.search_box.setText("推進")
    assert set(tested) == found
    tested.clear()
    window.search_box.setText("推")  # back: the earlier result is kept
    assert tested == [] and set(window.visible_measure_ids()) == found
    window.search_box.setText("推進 r")
    tested.clear()
    window.search_box.setText("推進 r6")  # a year term can match by content: everything is tested again
    assert len(tested) == total


def test_an_edit_forgets_kept_results(window, tested):
    doc = window.document
    window.search_box.setText("ゆうれいごうすと")
    assert window.visible_measure_ids() == []
    target = doc.data.measures[3]
    doc.update_measure(target.id, "課題", issue="幽霊ユウレイゴウスト")
    assert window.visible_measure_ids() == [target.id]
    window.search_box.setText("")
    window.search_box.setText("ゆうれいごうすと")
    assert window.visible_measure_ids() == [target.id]


def test_other_criteria_are_judged_once_while_they_stay(window, monkeypatch):
    judged = []
    real = measure_filter.MeasureFilterProxy._judge_others
    monkeypatch.setattr(measure_filter.MeasureFilterProxy, "_judge_others",
                        lambda self, m: judged.append(m.id) or real(self, m))
    window.priority_filter.setChecked(True)
    judged.clear()
    for query in ("n", "np", "npo", ""):
        window.search_box.setText(query)
    assert judged == []
    window.priority_filter.setChecked(False)
    assert len(judged) == len(window.document.data.measures)


def test_the_first_keystroke_builds_no_folding_tables(window, monkeypatch, qtbot):
    """Right after the window opens (before the idle preparation), a keystroke on a plan of plain
    text neither folds the texts nor builds fold's tables (the NFKC table took ~20 ms)."""
    window.show()
    qtbot.waitExposed(window)
    proxy = window.proxy
    assert not proxy.prewarm_done()
    monkeypatch.setattr(T, "_compatibility", None)
    monkeypatch.setattr(T, "_kana_table", None)
    monkeypatch.setattr(proxy, "_haystacks", {})
    monkeypatch.setattr(highlight, "_FOLDED_CHARS", {})
    window.search_box.setText("こみゅにてぃ")
    window.browser.tree.viewport().grab()  # paints the titles with their matches
    window.editor.grab()
    assert T._compatibility is None and T._kana_table is None
    assert window.visible_measure_ids() == _reference_ids(window, "こみゅにてぃ") != []
