"""The measure tree's delegates (ui/highlight.py) keep what they draw: what they paint must stay
what a delegate without anything kept paints, whatever changed in between."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QFont, QImage, QPalette
from PySide6.QtWidgets import QApplication

from plan_desktop.ui.highlight import CellDelegate
from plan_desktop.ui.measure_tree_model import COL_DEPARTMENT, COL_PHASE, COL_RATING

CELL_COLUMNS = (COL_DEPARTMENT, COL_PHASE, COL_RATING)


def _grab(window) -> QImage:
    viewport = window.tree.viewport()
    viewport.repaint()  # what is kept is made here; the grab paints again from it
    return viewport.grab().toImage()


class _Forgetful(dict):
    """A delegate's store that keeps nothing: everything is made anew on every paint."""

    def __setitem__(self, key, value) -> None:
        pass


def _fresh_cells(window, *, keeping: bool = True, **patches) -> CellDelegate:
    """Give the tree's cells a new delegate: with nothing kept yet, or (*keeping* False) one
    that keeps nothing, the reference."""
    delegate = CellDelegate(lambda: window.proxy, window.tree)
    if not keeping:
        delegate._drawn, delegate._pixmaps = _Forgetful(), _Forgetful()
    for name, value in patches.items():
        setattr(delegate, name, value)
    for col in CELL_COLUMNS:
        window.tree.setItemDelegateForColumn(col, delegate)
    return delegate


@pytest.fixture
def shown(window, qtbot):
    window.resize(1200, 700)
    window.show()
    qtbot.waitExposed(window)
    window.search_box.setText("コミュニティ")  # matches, rows of both colours (the alternate rows move)
    return window


def test_cells_kept_as_pixmaps_have_the_pixels_the_cells_drawn_have(shown):
    window = shown
    window.tree.setFocus()
    window.tree.setCurrentIndex(window.proxy.index(1, 0, window.proxy.index(0, 0)))  # a selected row, focused cell
    delegate = _fresh_cells(window)
    kept = _grab(window)
    assert delegate._pixmaps  # the cells not selected are drawn from pixmaps
    assert all(not p.hasAlphaChannel() for p in delegate._pixmaps.values())  # opaque: subpixel text stays
    _fresh_cells(window, keeping=False, _cell_pixmap=lambda *args: None)
    assert _grab(window) == kept


def _edit_department(window):
    doc = window.document
    m = doc.measure(window.proxy.visible_measure_ids()[2])  # in view, not the current row
    doc.update_measure(m.id, "担当部課", departments=["別の部 別の課", *m.departments[1:]])


def _next_year(window):
    years = window.browser.year_filter
    years.setCurrentIndex((years.currentIndex() + 1) % years.count())


def _narrower(window):
    header = window.tree.header()
    header.resizeSection(COL_DEPARTMENT, header.sectionSize(COL_DEPARTMENT) // 2)


def _palette(window):
    palette = QPalette(window.tree.palette())
    palette.setColor(QPalette.ColorRole.Base, QColor("#fdf6e3"))
    palette.setColor(QPalette.ColorRole.AlternateBase, QColor("#eee8d5"))
    palette.setColor(QPalette.ColorRole.Text, QColor("#073642"))
    window.tree.setPalette(palette)


def _font(window):
    window.tree.setFont(QFont(window.tree.font().family(), window.tree.font().pointSize() + 3))


def _other_rows(window):
    window.search_box.setText("推進")


@pytest.mark.parametrize("change", [_edit_department, _next_year, _narrower, _palette, _font, _other_rows])
def test_cells_painted_after_a_change_are_those_of_a_delegate_with_nothing_kept(shown, change):
    window = shown
    _fresh_cells(window)
    before = _grab(window)
    change(window)
    QApplication.processEvents()
    after = _grab(window)  # the delegate that kept what it drew before the change
    assert after != before
    _fresh_cells(window, keeping=False)
    assert _grab(window) == after
