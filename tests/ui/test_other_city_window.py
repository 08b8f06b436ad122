"""Another city's plan in the window: four levels, codes, its own words, measures that end early —
and none of the bundled plan's words anywhere."""

from __future__ import annotations

from other_city import hitachi_words_in
from window_texts import window_texts

from plan_desktop.domain import groups as G
from plan_desktop.domain.schedule_layout import GROUP, MEASURE
from plan_desktop.ui.measure_tree_model import COL_RATING, KindRole


def _all_rows(model, parent=None, depth=0):
    from PySide6.QtCore import QModelIndex

    parent = parent or QModelIndex()
    for r in range(model.rowCount(parent)):
        ix = model.index(r, 0, parent)
        yield depth, ix
        yield from _all_rows(model, ix, depth + 1)


def test_tree_nests_four_levels_with_level_names_and_codes(city_window):
    w = city_window
    rows = list(_all_rows(w.model))
    groups = [(d, ix.data()) for d, ix in rows if ix.data(KindRole) == "viewpoint"]
    measures = [(d, ix.data()) for d, ix in rows if ix.data(KindRole) == "measure"]
    assert len(measures) == 60 and len(groups) == 23
    assert groups[:4] == [(0, "まちづくり方針1\u3000安心して暮らせるまち"), (1, "施策の柱1-1\u3000防災・減災の推進"),
                          (2, "施策1-1-1\u3000地域防災力の強化")] + [groups[3]]
    assert (2, "№1010101 自主防災組織の育成") == (measures[0][0] - 1, measures[0][1])  # under a 施策 (depth 3)
    # the split 施策 carries a fourth group level without a level name
    assert (3, "1-2-1-1\u3000食育の推進") in groups
    assert w.count_label.text() == "60 / 60 件"
    assert w.model.headerData(0, __import__("PySide6.QtCore", fromlist=["Qt"]).Qt.Orientation.Horizontal) == "事業"


def test_group_filter_keeps_the_group_with_everything_inside_and_the_path_to_it(city_window):
    w = city_window
    data = w.document.data
    pillar = next(v for v in data.viewpoints if v.title == "健康と福祉の充実")
    i = w.viewpoint_filter.findData(pillar.no)
    assert w.viewpoint_filter.itemText(i).startswith("\u3000柱1-2 ")  # indented, short level name
    w.viewpoint_filter.setCurrentIndex(i)
    shown = w.browser.visible_measure_ids()
    assert shown == [m.id for m in G.measures_under(data, pillar.no)] and len(shown) == 14
    visible_groups = w.browser.visible_viewpoints()
    assert visible_groups[0] == 1 and pillar.no in visible_groups  # its 方針 above it shows too
    rows = w.timeline.visible_rows()
    assert [r.depth for r in rows if r.kind == GROUP][:3] == [0, 1, 2]
    assert [r.measure_id for r in rows if r.kind == MEASURE] == shown


def test_measures_out_of_their_years_are_marked_not_unrated(city_window):
    w = city_window
    ended = next(m for m in w.document.data.measures if m.fy_to == 2022)
    w.year_filter.setCurrentIndex(w.year_filter.findData(2024))
    ix = w.model.measure_index(ended.id, COL_RATING)
    assert ix.data() == "－" and "実施期間外" in ix.data(3)  # ToolTipRole


def test_no_word_of_the_bundled_plan_shows_in_the_window_or_its_dialogs(city_window, qtbot):
    w = city_window
    w.select_measure(w.document.data.measures[0].id)
    texts = window_texts(w)
    for menu in (w.file_menu, w.edit_menu, w.view_menu, w.print_menu, w.review_actions.menu):
        menu.aboutToShow.emit()
    texts += window_texts(w)
    dialogs = [w.review_actions.open_settings(), w.show_evaluation_overview(), w.review_actions.open_review(),
               w.show_evaluation_history(w.document.data.measures[0].id)]
    for d in dialogs:
        qtbot.addWidget(d)
        texts += window_texts(d)
    leaks = {word: [t for t in texts if word in t][:3] for word in hitachi_words_in("\n".join(texts))}
    assert not leaks
    assert not w.review_actions.act_communities.isVisible()  # no communities, no per-community menu


def test_renumbering_never_touches_display_codes_and_asks_first(city_window, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    w = city_window
    doc = w.document
    codes = [m.code for m in doc.data.measures]
    asked = []

    def answer(choice):
        def ask(parent, title, text, *args, **kwargs):
            asked.append(text)
            return choice
        return staticmethod(ask)

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.No))
    w.renumber()
    assert asked and "表示コードは変更せず" in asked[0] and doc.undo_stack.count() == 0
    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Yes))
    doc.move_measure(doc.data.measures[0].id, doc.data.measures[0].viewpoint, 3)  # out of order
    w.renumber()
    assert [m.no for m in doc.data.measures] == list(range(1, 61))
    assert sorted(m.code for m in doc.data.measures) == sorted(codes)  # every code kept


def test_code_and_active_years_are_edited_in_the_detail_editor(city_window, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    w = city_window
    doc = w.document
    m = doc.data.measures[0]
    w.select_measure(m.id)
    ed = w.editor
    assert ed.code_edit.text() == "1010101" and ed.fy_to_edit.text() == ""
    assert ed._commit_typed("code", "1-1-1-1")
    assert doc.measure(m.id).code == "1-1-1-1" and w.model.measure_index(m.id).data().startswith("№1-1-1-1 ")
    assert not ed._commit_typed("fy_to", "いつか")
    assert "年度は 2022、令和4年度、R4" in ed.errors["code"].text()
    asked = []

    def ask(choice):
        def question(parent, title, text, *args, **kwargs):
            asked.append(text)
            return choice
        return staticmethod(question)

    monkeypatch.setattr(QMessageBox, "question", ask(QMessageBox.StandardButton.No))
    assert not ed._commit_typed("fy_to", "平成30年度")  # evaluations of 2019… would fall outside: asked, declined
    assert asked and "評価が実施期間の外になります" in asked[0] and doc.measure(m.id).fy_to is None
    monkeypatch.setattr(QMessageBox, "question", ask(QMessageBox.StandardButton.Yes))
    assert ed._commit_typed("fy_to", "平成30年度")
    assert doc.measure(m.id).fy_to == 2018
    assert ed.fy_to_edit.text() == "平成30年度（2018）"


def test_a_plan_that_names_nothing_shows_neutral_words_everywhere(qtbot, tmp_path, settings, no_modal_dialogs):
    """Every tab, menu and dialog (plan settings with each tab, dashboard, review, history, next
    period, communities, rating scale, the settings' sample) of a plan that names none of its
    words — with a cross-reference table and communities — shows neutral words only."""
    from other_city import neutral_plan, write_plan

    from plan_desktop.app import create_main_window

    path = write_plan(tmp_path / "名前のない計画.sqlite", neutral_plan())
    w = create_main_window(path, settings)
    qtbot.addWidget(w)
    try:
        w.select_measure(w.document.data.measures[0].id)
        texts: list[str] = []
        for i in range(w.editor.tabs.count()):
            w.editor.tabs.setCurrentIndex(i)
            texts += window_texts(w)
        for menu in (w.file_menu, w.edit_menu, w.view_menu, w.print_menu, w.review_actions.menu, w.help_menu):
            menu.aboutToShow.emit()
        texts += window_texts(w)
        ra = w.review_actions
        assert ra.act_communities.isVisible()
        for open_dialog in (ra.open_settings, w.show_evaluation_overview, ra.open_review, ra.open_wizard,
                            ra.open_communities, w.show_rating_scale, w.show_settings,
                            lambda: w.show_evaluation_history(w.document.data.measures[0].id)):
            d = open_dialog()
            qtbot.addWidget(d)
            for i in range(d.tabs.count() if hasattr(d, "tabs") else 1):
                if hasattr(d, "tabs"):
                    d.tabs.setCurrentIndex(i)
                texts += window_texts(d)
            d.close()
        joined = "\n".join(texts)
        leaks = {word: [t for t in texts if word in t][:3] for word in hitachi_words_in(joined)}
        assert not leaks
        assert "分野1" in joined and "関連項目" in joined and "地区" in joined and "会議" in joined
    finally:
        w.document.close()


def test_measures_ended_early_are_not_unrated_on_the_dashboard_or_in_the_review(city_window, qtbot):
    w = city_window
    data = w.document.data
    ended = [m for m in data.measures if m.fy_to is not None and m.fy_to < 2023]
    assert ended
    dash = w.show_evaluation_overview()
    qtbot.addWidget(dash)
    panel = dash.overview_widget
    panel.set_fiscal_year(2023)
    assert panel.overview().total.measures == len(data.active_measures(2023)) < len(data.measures)
    unrated = [panel.unevaluated_list.item(i).text() for i in range(panel.unevaluated_list.count())]
    assert not [t for t in unrated for m in ended if m.code in t]
    review = w.review_actions.open_review()
    qtbot.addWidget(review)
    view = review.view
    view.period_box.setCurrentIndex(view.period_box.findData("第1期"))
    t = view.measures_table
    rows = {t.item(r, 0).text(): [t.item(r, c).text() if t.item(r, c) else "" for c in range(t.columnCount())]
            for r in range(t.rowCount()) if t.item(r, 0)}
    late = next(m for m in ended if m.fy_to is not None and m.fy_to < 2020)  # ended in 第1期 (H28–R2)
    row = next(cells for label, cells in rows.items() if late.code in label)
    assert row.count("・") == 2020 - late.fy_to  # the years after it ended: neither rated nor 未評価
    # the screen fits: the review never grows wider than the screen it is on
    assert review.width() <= review.screen().availableGeometry().width()


def test_stages_and_options_set_in_plan_settings_reach_the_tab_the_workbook_and_the_sheets(
        city_window, monkeypatch, tmp_path):
    """計画の設定 → three stages and another 今後の方向性 option; then one stage. The evaluation tab,
    the xlsx columns and lists, and the printed sheet follow each time."""
    import io

    from openpyxl import load_workbook
    from pypdf import PdfReader
    from PySide6.QtWidgets import QMessageBox

    from plan_desktop.exchange.xlsx_export import export_workbook
    from plan_desktop.reports.base import ReportOptions
    from plan_desktop.reports.sheet import build_sheets
    from plan_desktop.ui.plan_settings_dialog import PlanSettingsDialog

    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes))
    w = city_window
    doc = w.document
    m = next(m for m in doc.data.measures if m.active_in(2023))
    d = PlanSettingsDialog(doc, w)
    d.stages.set_rows([(["担当課", "", ""], None), (["部長会議", "", ""], None), (["行政評価委員会", "委員会", ""], None)])
    d.directions.add_row(["見直し", False])
    assert d.apply()
    d.close()

    def workbook_heads():
        out = export_workbook(doc.data, tmp_path / "x.xlsx", fy=2023)
        wb = load_workbook(out)
        return [c.value for c in wb["評価"][2] if c.value]

    def sheet_text():
        pdf = build_sheets(doc.data, 2023, [doc.measure(m.id)], options=ReportOptions(invariant=True)).pdf
        return "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)

    w.select_measure(m.id)
    panel = w.editor.evaluation_panel
    panel.set_fiscal_year(2023)
    assert panel.middle_stage_box.isVisibleTo(panel) and panel.middle_stage_box.title() == "部長会議の評価"
    assert "見直し" in [panel.combos["direction"].itemText(i) for i in range(panel.combos["direction"].count())]
    heads = workbook_heads()
    assert {"担当課の評価", "部長会議の評価", "部長会議の意見", "委員会の評価", "行政評価委員会の意見"} <= set(heads)
    assert "部長会議" in sheet_text() and "見直し" in sheet_text()

    d = PlanSettingsDialog(doc, w)
    d.stages.set_rows([(["担当課", "", ""], None)])
    assert d.apply()
    d.close()
    panel.set_fiscal_year(2023)
    assert not panel.middle_stage_box.isVisibleTo(panel) and not panel.final_stage_box.isVisibleTo(panel)
    heads = workbook_heads()
    assert "担当課の評価" in heads and not [h for h in heads if "部長会議" in h or "委員会" in h]
    text = sheet_text()
    assert "担当課" in text and "部長会議" not in text and "行政評価委員会" not in text


def test_the_guide_speaks_the_open_plans_words(city_window, qtbot):
    """F1's guide is written in the bundled plan's words; another plan reads it in its own."""
    w = city_window
    help_window = w.open_help(None)
    qtbot.addWidget(help_window)
    text = help_window.browser.toPlainText()
    assert "使い方ガイド" in help_window.windowTitle() and len(text) > 1000
    assert not hitachi_words_in(text), hitachi_words_in(text)
    assert "事業の一覧（まちづくり方針ごと）" in text and "行政評価委員会の評価" in text


def test_the_review_window_keeps_most_of_its_height_for_the_measures(city_window, qtbot):
    """Four levels of groups make the figures tall; on a laptop-sized window the row per measure
    still gets the larger part (a handle between them moves the split)."""
    review = city_window.review_actions.open_review()
    qtbot.addWidget(review)
    review.resize(1350, 728)
    review.show()
    qtbot.waitExposed(review)
    view = review.view
    figures, measures = view.splitter.sizes()
    assert measures > figures > 0
    rows_shown = view.measures_table.viewport().height() // view.measures_table.verticalHeader().defaultSectionSize()
    assert rows_shown >= 8


def test_the_timeline_names_a_measure_by_its_code(city_window):
    w = city_window
    m = w.document.data.measures[0]
    tip = w.timeline.cell_tooltip(m.id, 2020)
    assert f"№{m.code} " in tip and f"№{m.no} " not in tip


def test_the_timeline_number_column_fits_codes_of_8_characters_with_letters(city_window):
    from PySide6.QtGui import QFontMetricsF

    w = city_window
    doc = w.document
    m = doc.data.measures[0]
    w.select_measure(m.id)
    assert w.editor._commit_typed("code", "WM-88-WW")
    tl = w.timeline
    tl.viewport().grab()  # paints
    fm = QFontMetricsF(tl.font())
    painter = tl._painter
    assert max(painter._number_widths.values()) >= fm.horizontalAdvance("WM-88-WW") > fm.horizontalAdvance("0" * 8)


def test_the_evaluation_mode_lists_the_years_measures_by_code_with_the_plans_status_words(city_window, qtbot):
    from plan_desktop.domain.terms import FIRST_CONFIRMED

    w = city_window
    data = w.document.data
    mode = w.open_evaluation_mode(data.measures[0].id, 2023)
    qtbot.addWidget(mode)
    active = data.active_measures(2023)
    assert len(active) < len(data.measures)
    assert mode.listed_ids() == [m.id for m in active]  # one that ended early is not 未入力 later
    assert mode.progress_label.text().endswith(f"/ {len(active)} 件")
    rows = [[mode.list.topLevelItem(i).text(c) for c in range(4)] for i in range(mode.list.topLevelItemCount())]
    assert [r[0] for r in rows] == [m.code for m in active]
    first_stage = next(m for m in active if (e := m.evaluation_for(2023)) and e.status == FIRST_CONFIRMED)
    row = rows[[m.id for m in active].index(first_stage.id)]
    assert row[2] == "担当課確定"  # the plan's word for the stored status
