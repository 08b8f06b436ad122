"""Search (NFKC, case-folded) and each filter of the tree."""

from __future__ import annotations

import pytest

from plan_desktop.domain.model import Evaluation
from plan_desktop.ui.highlight import match_spans
from plan_desktop.ui.measure_filter import NOT_SET


def shown_numbers(window):
    doc = window.document
    return [doc.measure(i).no for i in window.visible_measure_ids()]


@pytest.mark.parametrize("query", ["npo", "NPO", "ＮＰＯ", "ｎｐｏ", "Npo"])
def test_npo_in_any_width_or_case_finds_12(window, query):
    window.search_box.setText(query)
    assert shown_numbers(window) == [12, 30]  # №30's action plan mentions ＮＰＯ法人 too
    assert window.count_label.text() == "2 / 35 件"


@pytest.mark.parametrize("query", ["ict", "ICT", "ＩＣＴ"])
def test_ict_finds_30(window, query):
    window.search_box.setText(query)
    assert shown_numbers(window) == [30]


def test_search_covers_issue_content_items_and_departments(window, doc):
    window.search_box.setText("郷土博物館")  # a department
    assert shown_numbers(window) and all("教育委員会 郷土博物館" in doc.data.measure_by_no(n).departments
                                         for n in shown_numbers(window))
    window.search_box.setText("協力可能分野")  # a sub-item of №12's action plan
    assert shown_numbers(window) == [12]
    window.search_box.setText("担い手不足の解消")  # 推進内容 of №12
    assert 12 in shown_numbers(window)
    window.search_box.setText("npo 連携")  # all terms must match
    assert shown_numbers(window) == [12, 30] or shown_numbers(window) == [12]
    window.search_box.setText("存在しない語句xyz")
    assert shown_numbers(window) == [] and window.count_label.text() == "0 / 35 件"
    assert window.proxy.rowCount() == 0  # empty viewpoints are hidden too


def test_visible_measures_signal(window, qtbot):
    with qtbot.waitSignal(window.visibleMeasuresChanged, timeout=10_000):
        window.search_box.setText("ict")
    assert len(window.visible_measure_ids()) == 1


def test_priority_filter(window, doc):
    window.priority_filter.setChecked(True)
    assert shown_numbers(window) == [1, 2, 3, 4, 5, 6, 7, 8, 15, 16, 17, 18, 29, 30, 31]
    window.priority_filter.setChecked(False)
    assert len(shown_numbers(window)) == 35


def test_viewpoint_filter(window):
    window.viewpoint_filter.setCurrentIndex(window.viewpoint_filter.findData(3))
    assert shown_numbers(window) == [29, 30, 31, 32, 33, 34, 35]
    assert window.proxy.rowCount() == 1


def test_department_filter(window, doc):
    dept = "保健福祉部 高齢福祉課"
    window.department_filter.setCurrentIndex(window.department_filter.findData(dept))
    expected = [m.no for m in doc.measures() if dept in m.departments]
    assert expected and shown_numbers(window) == expected


def test_phase_filter_for_chosen_year(window):
    window.year_filter.setCurrentIndex(window.year_filter.findData(2022))
    window.phase_filter.setCurrentIndex(window.phase_filter.findData("準備"))
    assert shown_numbers(window) == [12, 13, 15, 16, 31, 33, 34, 35]
    window.phase_filter.setCurrentIndex(window.phase_filter.findData(NOT_SET))
    assert shown_numbers(window) == []


def test_rating_and_status_filters_for_chosen_year(window, doc):
    by_no = doc.data.measure_by_no
    doc.save_evaluation(by_no(3).id, Evaluation(fy=2024, rating="A", progress="実施中"))
    doc.save_evaluation(by_no(20).id, Evaluation(fy=2024, rating="C", progress="未着手"))
    doc.save_evaluation(by_no(21).id, Evaluation(fy=2023, rating="A", progress="完了"))
    window.year_filter.setCurrentIndex(window.year_filter.findData(2024))
    window.rating_filter.setCurrentIndex(window.rating_filter.findData("A"))
    assert shown_numbers(window) == [3]
    window.rating_filter.setCurrentIndex(window.rating_filter.findData("C"))
    assert shown_numbers(window) == [20]
    window.rating_filter.setCurrentIndex(window.rating_filter.findData(NOT_SET))
    assert len(shown_numbers(window)) == 33
    window.rating_filter.setCurrentIndex(0)
    window.progress_filter.setCurrentIndex(window.progress_filter.findData("未着手"))
    assert shown_numbers(window) == [20]
    window.year_filter.setCurrentIndex(window.year_filter.findData(2023))
    window.progress_filter.setCurrentIndex(window.progress_filter.findData("完了"))
    assert shown_numbers(window) == [21]
    window.clear_filters()
    assert len(shown_numbers(window)) == 35


def test_filters_combine_and_follow_edits(window, doc):
    window.priority_filter.setChecked(True)
    window.viewpoint_filter.setCurrentIndex(window.viewpoint_filter.findData(2))
    assert shown_numbers(window) == [15, 16, 17, 18]
    doc.update_measure(doc.data.measure_by_no(19).id, "重点", priority=True)
    assert shown_numbers(window) == [15, 16, 17, 18, 19]
    assert window.count_label.text() == "5 / 35 件"


def test_match_highlighting_maps_back_to_original_text():
    assert match_spans("ＮＰＯ・ボランティア", ["npo"]) == [(0, 3)]
    assert match_spans("ＩＣＴを活用", ["ict"]) == [(0, 3)]


def test_period_choice_filters_tree_and_timeline(window, doc):
    """Choosing a period (計画 → 表示する期間) shows only that period's measures in tree and timeline."""
    first = doc.measures()[0]
    doc.update_measure(first.id, "期間の設定", period="後期")
    doc.set_period_filter("前期")
    shown = window.visible_measure_ids()
    assert first.id not in shown and len(shown) == len(doc.measures()) - 1
    assert first.id not in [r.measure_id for r in window.timeline.visible_rows()]
    doc.set_period_filter(None)
    assert first.id in window.visible_measure_ids()


def _ids_the_view_shows(window):
    """Measure ids as the proxy actually lays them out (the slow, Qt way)."""
    proxy, out = window.proxy, []
    for vp_row in range(proxy.rowCount()):
        vp = proxy.index(vp_row, 0)
        assert window.tree.isExpanded(vp)
        for r in range(proxy.rowCount(vp)):
            m = proxy.tree_model().measure_for(proxy.mapToSource(proxy.index(r, 0, vp)))
            out.append(m.id)
    return out


def test_big_and_small_filter_changes_show_the_same_rows(window):
    window.select_measure(window.document.data.measure_by_no(30).id)
    for query, expected in (("npo", [12, 30]), ("ict", [30]), ("", list(range(1, 36))), ("ＮＰＯ", [12, 30])):
        window.search_box.setText(query)
        assert shown_numbers(window) == expected
        assert window.visible_measure_ids() == _ids_the_view_shows(window)
    window.priority_filter.setChecked(True)
    window.viewpoint_filter.setCurrentIndex(window.viewpoint_filter.findData(3))
    assert shown_numbers(window) == [30]
    assert window.visible_measure_ids() == _ids_the_view_shows(window)
    assert window.current_measure_id() == window.document.data.measure_by_no(30).id
    assert window.tree.currentIndex().isValid()


def test_search_texts_are_folded_in_idle_time_after_the_first_frame(window, qtbot):
    proxy = window.proxy
    qtbot.wait(400)
    assert not proxy._haystacks  # not before the window's first frame (it would read the action plans)
    window.show()
    qtbot.waitUntil(proxy.prewarm_done, timeout=10_000)
    assert set(proxy._haystacks) == {m.id for m in window.document.data.measures}
    window.search_box.setText("ｎｐｏ")
    assert shown_numbers(window) == [12, 30]


def test_title_delegate_paints_runs_only_for_marks_and_matches(window):
    from plan_desktop.ui.highlight import MATCH, PRIORITY

    delegate, proxy, doc = window.title_delegate, window.proxy, window.document

    def index_of(no):
        return proxy.mapFromSource(proxy.tree_model().measure_index(doc.data.measure_by_no(no).id))

    assert delegate.runs_for(index_of(9)) is None  # plain row: the style paints it
    assert ("【重点】", PRIORITY) in delegate.runs_for(index_of(1))  # the red mark
    window.search_box.setText("スキルアップ")
    runs = delegate.runs_for(index_of(9))
    assert runs is not None and any(kind == MATCH and "スキルアップ" in text for text, kind in runs)
    assert "".join(text for text, _kind in runs) == doc.data.measure_by_no(9).display_title.replace("\n", " ")


def test_title_runs_mark_the_note_the_priority_mark_and_the_matches():
    from plan_desktop.ui.highlight import MATCH, NOTE, PLAIN, PRIORITY, title_runs

    runs = title_runs("№1 【重点】ＮＰＯの人材", ["npo"], priority=True, found_in=["名称", "課題"])
    assert runs == [("\u00a0一致: 課題\u00a0", NOTE), (" ", PLAIN), ("№1 ", PLAIN), ("【重点】", PRIORITY),
                    ("ＮＰＯ", MATCH), ("の人材", PLAIN)]
    assert title_runs("人材", [], priority=False) == [("人材", PLAIN)]
    assert title_runs("№12 <b>ＮＰＯ</b>", ["npo"], priority=False) == [("№12 <b>", PLAIN), ("ＮＰＯ", MATCH),
                                                                       ("</b>", PLAIN)]  # text, never markup


def test_relayout_keeps_a_collapsed_viewpoint_collapsed_and_opens_returning_ones(window):
    proxy, tree = window.proxy, window.tree
    tree.collapse(proxy.index(0, 0))  # viewpoint 1, collapsed by the user
    window.search_box.setText("コミュニティ")  # matches in every viewpoint: all three stay
    assert proxy.rowCount() == 3
    assert not tree.isExpanded(proxy.index(0, 0)) and tree.isExpanded(proxy.index(1, 0))
    window.search_box.setText("ict")  # only viewpoint 3 is left
    window.search_box.setText("")  # viewpoints 1 and 2 come back
    assert proxy.rowCount() == 3
    assert all(tree.isExpanded(proxy.index(r, 0)) for r in range(3))


def test_hiragana_finds_katakana(window):
    window.search_box.setText("こみゅにてぃ")
    katakana = set(shown_numbers(window))
    window.search_box.setText("コミュニティ")
    assert katakana and katakana == set(shown_numbers(window))


@pytest.mark.parametrize("query", ["R6", "令和6", "令和6年度"])
def test_a_fiscal_year_finds_that_years_content(window, doc, query):
    window.search_box.setText(query)
    expected = [m.no for m in doc.measures() if m.blocks_for(2024) or m.phase_in(2024) or m.evaluation_for(2024)]
    assert expected and shown_numbers(window) == expected


def test_a_match_only_inside_the_action_plan_says_where(window):
    from plan_desktop.ui.highlight import NOTE

    proxy, doc = window.proxy, window.document
    window.search_box.setText("協力可能分野")  # only in a sub-item of №12's action plan
    ix = proxy.mapFromSource(proxy.tree_model().measure_index(doc.data.measure_by_no(12).id))
    runs = window.title_delegate.runs_for(ix)
    assert runs[0] == ("\u00a0一致: 行動計画\u00a0", NOTE)


def test_the_editor_marks_what_the_search_found(window, doc, qtbot):
    from PySide6.QtCore import Qt

    window.search_box.setText("協力可能分野")  # only in a sub-item of №12's action plan
    window.select_measure(doc.data.measure_by_no(12).id)
    ed = window.editor
    assert ed.tabs.tabText(1) == "年度別行動計画（一致）" and ed.tabs.tabText(0) == "基本情報"
    marked = [item.text(0) for b in ed.action_plan.blocks for i in range(b.tree.topLevelItemCount())
              for item in (b.tree.topLevelItem(i), *(b.tree.topLevelItem(i).child(j)
                                                     for j in range(b.tree.topLevelItem(i).childCount())))
              if item.data(0, Qt.ItemDataRole.BackgroundRole) is not None]
    assert marked and all("協力可能分野" in t for t in marked)
    window.search_box.setText("担い手不足")  # in №12's 推進内容
    qtbot.waitUntil(lambda: ed.tabs.tabText(0) == "基本情報（一致）")  # when the typing pauses
    content = ed.content_edit.document()
    block = content.findBlock(ed.content_edit.toPlainText().index("担い手不足"))
    assert any(r.format.background().color().name() == "#ffe066" for r in block.layout().formats())
    window.search_box.clear()
    window.mark_search_in_editor()
    assert ed.tabs.tabText(0) == "基本情報" and ed.tabs.tabText(1) == "年度別行動計画"


def _laid(text: str, priority: bool = False):
    from PySide6.QtGui import QFont

    from plan_desktop.ui.highlight import LaidOutTitle

    return LaidOutTitle(text, priority, QFont())


def test_a_title_too_long_for_its_column_is_cut_where_the_ellipsis_still_fits(qapp):
    from plan_desktop.ui.highlight import elide_point

    title = _laid("№16 【重点】コミュニティが行う地域福祉活動への支援", priority=True)
    ellipsis = 9.0
    assert elide_point(title, title.width, lambda i: ellipsis) is None  # fits: drawn whole
    for width in range(int(title.width) // 8, int(title.width), max(1, int(title.width) // 40)):
        shown = elide_point(title, width, lambda i: ellipsis)
        assert shown is not None and title.x(shown) + ellipsis <= width, width  # 「…」 fits after it
        assert title.x(shown + 1) + ellipsis > width, width  # and not one character more
    assert elide_point(title, ellipsis - 1, lambda i: ellipsis) == 0  # not even 「…」: nothing of the title


def test_the_priority_mark_is_laid_out_bold_and_positions_count_wide_characters(qapp):
    from PySide6.QtGui import QFont

    plain, marked = _laid("あ【重点】"), _laid("あ【重点】", priority=True)
    assert plain.layout.formats() == []
    [bold] = marked.layout.formats()
    assert (bold.start, bold.length) == (1, 4) and bold.format.fontWeight() == QFont.Weight.Bold
    wide = _laid("𠮷野家の𠮷")  # beyond the BMP: two UTF-16 units each
    assert wide.length == 5 and wide.unit(1) == 2 and wide.unit(5) == 7
    assert 0 < wide.x(1) < wide.x(2) < wide.x(4) < wide.x(5) == wide.width


def test_a_repaint_lays_out_no_title_again_and_a_new_query_neither(window, qtbot, monkeypatch):
    """Titles are laid out once per font; a repaint and the next keystroke only draw them."""
    from plan_desktop.ui import highlight

    window.show()
    qtbot.waitExposed(window)
    viewport = window.browser.tree.viewport()
    window.search_box.setText("コ")
    viewport.grab()  # (grab() paints now; repaint() may leave it to the event loop)
    made, drawn = [], []
    real = highlight.LaidOutTitle.__init__
    monkeypatch.setattr(highlight.LaidOutTitle, "__init__", lambda self, *a: made.append(a[0]) or real(self, *a))
    real_draw = highlight.TitleDelegate._draw_title
    monkeypatch.setattr(highlight.TitleDelegate, "_draw_title", lambda self, *a: drawn.append(a) or real_draw(self, *a))
    viewport.grab()
    window.search_box.setText("コミ")  # the same rows stay in view (every title there has コミ or a note)
    viewport.grab()
    assert drawn  # the titles were drawn with the new query's marks
    assert made == []


def test_the_cells_painted_follow_edits_and_the_year_shown(window):
    from plan_desktop.ui.measure_tree_model import COL_DEPARTMENT, COL_PHASE, COL_TITLE

    proxy, doc = window.proxy, window.document
    m = next(m for m in doc.data.measures if len({m.phase_in(fy) for fy in doc.plan.fiscal_years}) > 1)

    def cell(col):
        return proxy.cell_data(proxy.mapFromSource(proxy.tree_model().measure_index(m.id, col)))

    assert cell(COL_TITLE)[0] == m.display_title and cell(COL_DEPARTMENT)[0].startswith(m.lead_department)
    doc.update_measure(m.id, "名称", title="題名を変えた")
    assert "題名を変えた" in cell(COL_TITLE)[0]
    phase = proxy.mapFromSource(proxy.tree_model().measure_index(m.id, COL_PHASE))
    shown = set()
    for i in range(window.browser.year_filter.count()):  # the phase column shows the year chosen
        window.browser.year_filter.setCurrentIndex(i)
        assert cell(COL_PHASE)[0] == proxy.data(phase)
        shown.add(cell(COL_PHASE)[0])
    assert len(shown) > 1
    assert proxy.cell_data(proxy.index(0, 0)) is None  # a group row: painted by the style
    from PySide6.QtCore import QModelIndex

    assert proxy.cell_data(QModelIndex()) is None and proxy.cell_data(proxy.index(0, 2)) is None  # root, group


def _spans_char_by_char(text: str, terms: list[str]) -> list[tuple[int, int]]:
    """match_spans as it was: every character folded alone, matches marked back through the owners."""
    from plan_desktop.domain.text import fold

    chars, owner = [], []
    for i, ch in enumerate(text):
        for c in fold(ch):
            chars.append(c)
            owner.append(i)
    folded = "".join(chars)
    marks = [False] * len(text)
    for term in terms:
        at = folded.find(term)
        while at != -1:
            for k in range(at, at + len(term)):
                marks[owner[k]] = True
            at = folded.find(term, at + 1)
    spans, i = [], 0
    while i < len(text):
        if marks[i]:
            j = i
            while j < len(text) and marks[j]:
                j += 1
            spans.append((i, j))
            i = j
        else:
            i += 1
    return spans


@pytest.mark.parametrize("text", ["コミュニティ活動の推進（ＮＰＯ・ボランティア）", "ｺﾐｭﾆﾃｨ ａｂｃ ABC 【重点】見守り",
                                  "№12 ①㈱ café", "ガイド ｶﾞｲﾄﾞ", "ああああ", "", "npo NPO ＮＰＯ ｎｐｏ"])
def test_match_spans_of_plain_titles_are_those_of_folding_each_character(text):
    from plan_desktop.domain.search import query_terms

    for query in ("npo", "コミュ ティ", "あ", "ああ", "a abc", "ガイ", "重点", "活動 動の", "no12", "ＮＰＯ"):
        terms = query_terms(query)  # folded, as the tree gets them
        assert match_spans(text, terms) == _spans_char_by_char(text, terms), (text, terms)
