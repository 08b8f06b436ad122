"""The measure tree's delegates find ready, after the idle preparation (ui/tree_paint_prep.py), what
a search keystroke paints for measures newly in view: their cells, titles folded and laid out, fields
folded. Made again for what an edit or another year makes stale; never reading a part of the plan
itself. (Behaviour, never wall time.)"""

from __future__ import annotations

import shutil
from contextlib import contextmanager
from pathlib import Path

import pytest
from delegate_stores import Forgetful, NoPixmaps
from generated_plans import generated_plan_file

from plan_desktop.ui import highlight, main_window, tree_paint_prep
from plan_desktop.ui.measure_tree_model import COL_DEPARTMENT, COL_PHASE, COL_RATING, COL_TITLE

QUERIES = ["コミュニティ", "コミュニティ活動", "推進", "講座", "r6", "の", ""]


@contextmanager
def _big_window(big_template: Path, tmp_path: Path, settings, qtbot, size: tuple[int, int]):
    """A window on a copy of the big plan, shown at *size*; its document closed after."""
    from plan_desktop.app import create_main_window

    db_file = tmp_path / "plan.sqlite"
    shutil.copyfile(big_template, db_file)
    window = create_main_window(db_file, settings)
    qtbot.addWidget(window)
    try:
        window.resize(*size)
        window.show()
        qtbot.waitExposed(window)
        yield window
    finally:
        window.document.close()


def _prepared(window, qtbot) -> None:
    qtbot.waitUntil(lambda: window.browser.paint_prep is not None and window.browser.paint_prep.done(), timeout=10_000)


@pytest.fixture
def shown(window, qtbot):
    window.resize(1800, 800)
    window.show()
    qtbot.waitExposed(window)
    window.splitter.setSizes([1100, 700])  # the titles' column wide enough for titles whole and cut
    qtbot.waitUntil(lambda: all(m.parts_loaded for m in window.document.data.measures), timeout=10_000)
    _prepared(window, qtbot)
    return window


def _made(window, monkeypatch) -> dict[str, list]:
    """What the delegates and the filter make from now on: titles laid out, fields folded, cells computed."""
    made: dict[str, list] = {"laid out": [], "fields": [], "cells": []}
    real_laid, real_fields = highlight.LaidOutTitle, highlight.folded_fields

    class Counted(real_laid):  # type: ignore[misc, valid-type]
        __slots__ = ()

        def __init__(self, text, *args):
            made["laid out"].append(text)
            super().__init__(text, *args)

    monkeypatch.setattr(highlight, "LaidOutTitle", Counted)
    monkeypatch.setattr(highlight, "folded_fields", lambda m, **k: made["fields"].append(m.id) or real_fields(m, **k))
    proxy = window.proxy
    real_cell = proxy._cell
    monkeypatch.setattr(proxy, "_cell", lambda mid, col, m: made["cells"].append((mid, col)) or real_cell(mid, col, m))
    return made


def test_the_idle_preparation_makes_what_the_rows_newly_shown_by_a_search_paint(shown, monkeypatch):
    window = shown
    proxy, titles = window.proxy, window.browser.title_delegate
    assert all(proxy.cells_prepared(m.id) for m in window.document.data.measures)
    folded = set(titles._folded_titles)
    made = _made(window, monkeypatch)
    notes = []
    real_runs = highlight.title_runs
    monkeypatch.setattr(highlight, "title_runs", lambda *a, **k: notes.append(k.get("found_in")) or real_runs(*a, **k))
    shown_ids: set[str] = set()
    for query in QUERIES:
        window.search_box.setText(query)
        window.tree.viewport().repaint()
        shown_ids.update(window.visible_measure_ids()[:20])
    assert len(shown_ids) > 20 and any(notes)  # rows newly in view, titles whose match is elsewhere
    assert made == {"laid out": [], "fields": [], "cells": []}
    assert set(titles._folded_titles) == folded


def test_an_edit_and_another_year_are_prepared_anew(shown, qtbot, monkeypatch):
    window = shown
    doc, proxy, titles = window.document, window.proxy, window.browser.title_delegate
    m = doc.data.measures[3]
    doc.update_measure(m.id, "名称", title=m.title + "（改）")
    edited = doc.measure(m.id)
    assert not proxy.cells_prepared(m.id)
    _prepared(window, qtbot)
    assert proxy.cells_prepared(m.id) and edited.display_title in titles._folded_titles
    assert titles._fields[id(edited)][0]() is edited
    made = _made(window, monkeypatch)
    window.search_box.setText("（改）")
    window.tree.viewport().repaint()
    assert window.visible_measure_ids() == [m.id]
    assert made == {"laid out": [], "fields": [], "cells": []}

    years = window.browser.year_filter
    window.search_box.setText("")
    years.setCurrentIndex((years.currentIndex() + 1) % years.count())
    monkeypatch.undo()
    assert not proxy.cells_prepared(m.id)
    _prepared(window, qtbot)
    model = window.browser.model
    for measure in window.document.data.measures:
        assert proxy.cells_prepared(measure.id)
        index = proxy.index_of_node(("measure", measure.id), COL_PHASE)
        if index.isValid():
            assert proxy.cell_data(index)[0] == model.node_data("measure", measure.id, COL_PHASE, 0)


@pytest.fixture(scope="module")
def big_template(tmp_path_factory) -> Path:
    return generated_plan_file(tmp_path_factory.mktemp("big"), 200)  # far more rows than a window shows


def test_the_preparation_reads_no_part_of_the_plan_itself(qtbot, big_template, tmp_path, settings, monkeypatch):
    """What needs a part not read yet (the cells: schedules and evaluations; the fields: action
    plans) waits for the window's read of it."""
    from plan_desktop.ui.highlight import TitleDelegate
    from plan_desktop.ui.measure_filter import MeasureFilterProxy

    monkeypatch.setattr(main_window, "COMPLETE_LOAD_DELAY_MS", 600_000)  # the window's own read held back
    read_when_made: list[bool] = []
    real_cells, real_fields = MeasureFilterProxy.prepare_cells, TitleDelegate.prepare_fields
    monkeypatch.setattr(MeasureFilterProxy, "prepare_cells", lambda self, mid: read_when_made.append(
        self.tree_model().document.measure(mid).parts_loaded) or real_cells(self, mid))
    monkeypatch.setattr(TitleDelegate, "prepare_fields", lambda self, m: read_when_made.append(
        m.part_read("action_plan")) or real_fields(self, m))
    with _big_window(big_template, tmp_path, settings, qtbot, (1366, 768)) as window:
        doc, prep = window.document, window.browser.paint_prep
        qtbot.waitUntil(prep.waiting_for_parts, timeout=10_000)
        assert sum(not m.part_read("action_plan") for m in doc.data.measures) > 100
        assert read_when_made and all(read_when_made)
        doc.complete_load_in_steps(2)
        _prepared(window, qtbot)
        assert all(window.proxy.cells_prepared(m.id) for m in doc.data.measures)
        assert len(read_when_made) >= 2 * len(doc.data.measures) and all(read_when_made)


def test_cells_of_the_same_content_are_one_and_titles_are_their_own(shown):
    window = shown
    proxy = window.proxy
    by_department: dict[str, list] = {}
    for m in window.document.data.measures:
        index = proxy.index_of_node(("measure", m.id), COL_DEPARTMENT)
        if index.isValid():
            by_department.setdefault(proxy.cell_data(index)[0], []).append(index)
    same = next(indexes for indexes in by_department.values() if len(indexes) > 1)
    assert proxy.cell_data(same[0]) is proxy.cell_data(same[1])
    titles = [proxy.cell_data(index.siblingAtColumn(COL_TITLE)) for index in same]
    assert titles[0] is not titles[1]


def test_a_hidden_tree_prepares_nothing_until_shown_again(window, qtbot):
    """A closed window (its document still open) does no idle work for its tree."""
    prep, titles = window.browser.paint_prep, window.browser.title_delegate
    prep.start()  # as after a first frame, the window closed since
    qtbot.wait(50)
    assert titles._folded_titles == {} and not prep.done()
    window.show()
    _prepared(window, qtbot)
    assert set(titles._folded_titles) == {m.display_title for m in window.document.data.measures}


def test_the_cells_newly_in_view_are_drawn_from_pixmaps_made_ahead_with_the_pixels_drawn_cells_have(shown, monkeypatch):
    window = shown
    cells, viewport = window.browser.cell_delegate, window.tree.viewport()
    drawn: list[tuple] = []
    real = cells._drawing
    def drawing(cell, context, option, state, *rest):
        if not state & highlight._LIVE_BITS:  # (the selected row's cells are drawn as they are painted)
            drawn.append(cell)
        return real(cell, context, option, state, *rest)

    monkeypatch.setattr(cells, "_drawing", drawing)
    kept = []
    for query in QUERIES:
        window.search_box.setText(query)
        kept.append(viewport.grab().toImage())
    assert drawn == []
    reference = highlight.CellDelegate(lambda: window.proxy, window.tree)
    reference._drawn, reference._pixmaps = Forgetful(), NoPixmaps()
    for column in (COL_DEPARTMENT, COL_PHASE, COL_RATING):
        window.tree.setItemDelegateForColumn(column, reference)
    for query, image in zip(QUERIES, kept, strict=True):
        window.search_box.setText(query)
        assert viewport.grab().toImage() == image, query


def test_a_title_shown_the_same_for_other_terms_is_kept_as_a_pixmap_at_its_second_paint(shown, monkeypatch):
    """Typing on often leaves a title as it was (the note saying where the match is, or marks that
    stay): from its second paint so it is drawn from a pixmap, not laid over the row again."""
    window = shown
    titles, viewport = window.browser.title_delegate, window.tree.viewport()
    drawn: list[bool] = []  # per title drawn: straight on the row (True) or into a pixmap kept (False)
    real = titles._draw_cell
    monkeypatch.setattr(titles, "_draw_cell", lambda *a, panel=True: (drawn.append(panel), real(*a, panel=panel))[1])
    window.search_box.setText("コミュニティ")
    viewport.repaint()
    on_rows = drawn.count(True)
    assert on_rows > 10 and drawn.count(False) == 0
    drawn.clear()
    window.search_box.setText("コミュニティ コミュニティ")  # other terms, the same rows, marks and notes
    viewport.repaint()
    assert drawn.count(False) >= on_rows - 1 and drawn.count(True) <= 1  # (a selected row is drawn on it)
    drawn.clear()
    window.search_box.setText("コミュニティ コミュニティ コミュニティ")
    viewport.repaint()
    assert drawn.count(False) == 0 and drawn.count(True) <= 1


def test_a_keystroke_holds_the_preparation_back_for_a_while(window, qtbot, monkeypatch):
    """Nothing of it runs inside the keystrokes of someone typing, nor starts there."""
    monkeypatch.setattr(tree_paint_prep, "HOLD_READ_MS", 1000)
    titles = window.browser.title_delegate
    window.search_box.setText("存在しない語句")  # no row shown: nothing made but by the preparation
    window.show()
    qtbot.waitExposed(window)
    window.browser.paint_prep.start()  # (as after the first frame)
    qtbot.wait(50)
    measures = window.document.data.measures
    assert titles._folded_titles == {} and not any(window.proxy.cells_prepared(m.id) for m in measures)
    _prepared(window, qtbot)
    assert len(titles._folded_titles) == len(measures) and all(window.proxy.cells_prepared(m.id) for m in measures)


def test_the_pixmaps_of_the_cells_on_top_are_drawn_before_the_rest_of_the_measures_is_made(
        qtbot, big_template, tmp_path, settings, monkeypatch):
    """A search soon after the window opens shows rows near the top: their cells' pixmaps are drawn
    once the first measures are made, not only after all of them (and again at the end)."""
    monkeypatch.setattr(tree_paint_prep, "PIXMAPS_AFTER", 50)
    with _big_window(big_template, tmp_path, settings, qtbot, (1800, 800)) as window:
        window.splitter.setSizes([1100, 700])
        qtbot.waitUntil(lambda: all(m.parts_loaded for m in window.document.data.measures), timeout=10_000)
        cells, proxy = window.browser.cell_delegate, window.proxy
        left_when_drawn: list[int] = []
        real = cells.prepare_pixmaps

        def prepare(*args):
            made = real(*args)
            if made:
                left_when_drawn.append(sum(not proxy.cells_prepared(m.id) for m in window.document.data.measures))
            return made

        monkeypatch.setattr(cells, "prepare_pixmaps", prepare)
        window.browser.paint_prep.start()  # anew (its first run may be over)
        years = window.browser.year_filter
        years.setCurrentIndex((years.currentIndex() + 1) % years.count())  # other cells: their pixmaps to draw
        _prepared(window, qtbot)
        assert left_when_drawn and left_when_drawn[0] > 100
