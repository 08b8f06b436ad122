"""The measure tree's delegates (ui/highlight.py) keep what they draw: what they paint must stay
what a delegate keeping nothing paints, whatever changed in between."""

from __future__ import annotations

import pytest
from delegate_stores import Forgetful, NoPixmaps
from PySide6.QtGui import QColor, QFont, QImage, QPalette
from PySide6.QtWidgets import QApplication

from plan_desktop.ui import highlight
from plan_desktop.ui.highlight import CellDelegate, TitleDelegate
from plan_desktop.ui.measure_tree_model import COL_DEPARTMENT, COL_PHASE, COL_RATING, COL_TITLE

CELL_COLUMNS = (COL_DEPARTMENT, COL_PHASE, COL_RATING)


def _grab(window) -> QImage:
    """The tree's rows as painted the third time (a title is kept as a pixmap on its second paint)."""
    viewport = window.tree.viewport()
    viewport.grab()
    viewport.grab()
    return viewport.grab().toImage()


def _fresh_delegates(window, *, keeping: bool = True):
    """Give the tree new delegates: with nothing kept yet, or (*keeping* False) ones that keep
    nothing, the reference."""
    browser = window.browser
    cells = CellDelegate(lambda: window.proxy, window.tree)
    titles = TitleDelegate(lambda: window.proxy.search_terms(), window.tree, model_provider=lambda: window.proxy)
    if not keeping:
        cells._drawn, cells._pixmaps = Forgetful(), NoPixmaps()
        titles._titles, titles._pixmaps, titles._runs_cache = Forgetful(), NoPixmaps(), Forgetful()
        titles._folded_titles, titles._fields = Forgetful(), Forgetful()
    for col in CELL_COLUMNS:
        window.tree.setItemDelegateForColumn(col, cells)
    window.tree.setItemDelegateForColumn(COL_TITLE, titles)
    browser.cell_delegate, browser.title_delegate = cells, titles
    return titles, cells


@pytest.fixture
def shown(window, qtbot):
    window.resize(1800, 800)
    window.show()
    qtbot.waitExposed(window)
    window.splitter.setSizes([1100, 700])  # the title column wide enough for titles whole and cut
    window.search_box.setText("コミュニティ")  # marks, notes, rows of both colours (the alternate rows move)
    return window


def test_cells_kept_as_pixmaps_have_the_pixels_the_cells_drawn_have(shown, monkeypatch):
    window = shown
    window.tree.setFocus()
    window.tree.setCurrentIndex(window.proxy.index(1, 0, window.proxy.index(0, 0)))  # a selected row, focused cell
    titles, cells = _fresh_delegates(window)
    kept = _grab(window)
    assert cells._pixmaps and titles._pixmaps  # the cells not selected are drawn from pixmaps
    for pixmap in (*cells._pixmaps.values(), *titles._pixmaps.values()):
        assert not pixmap.hasAlphaChannel()  # opaque: the text keeps its subpixel antialiasing
    monkeypatch.setattr(highlight, "opaque_cell_pixmap", lambda *args: None)
    _fresh_delegates(window, keeping=False)
    assert _grab(window) == kept


def _edit_department(window):
    doc = window.document
    m = doc.measure(window.proxy.visible_measure_ids()[2])  # in view, not the current row
    doc.update_measure(m.id, "担当部課", departments=["別の部 別の課", *m.departments[1:]])


def _edit_title(window):
    doc = window.document
    m = doc.measure(window.proxy.visible_measure_ids()[2])
    doc.update_measure(m.id, "名称", title=m.title.replace("コミュニティ", "コミュニティ活動の"))


def _edit_content_of_a_note(window):
    """A measure in view whose title does not hold the query gets it in another field too: the note
    saying where the match is changes (its fields were kept folded)."""
    doc = window.document
    terms = window.proxy.search_terms()
    in_view = window.proxy.visible_measure_ids()[:20]
    m = next(doc.measure(mid) for mid in in_view if terms[0] not in doc.measure(mid).display_title
             and terms[0] not in doc.measure(mid).content)
    doc.update_measure(m.id, "推進内容", content=m.content + "コミュニティ")


def _next_year(window):
    years = window.browser.year_filter
    years.setCurrentIndex((years.currentIndex() + 1) % years.count())


def _narrower(window):
    header = window.tree.header()
    header.resizeSection(COL_DEPARTMENT, header.sectionSize(COL_DEPARTMENT) // 2)


def _narrower_title(window):
    header = window.tree.header()
    header.resizeSection(COL_DEPARTMENT, header.sectionSize(COL_DEPARTMENT) + 150)  # the titles' column gives way


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


def _other_marks(window):
    window.search_box.setText("コミュニティ 活動")  # the same rows, other marks


def _no_query(window):
    window.search_box.setText("")


@pytest.mark.parametrize("change", [_edit_department, _edit_title, _edit_content_of_a_note, _next_year, _narrower, _narrower_title, _palette,
                                    _font, _other_rows, _other_marks, _no_query])
def test_what_is_painted_after_a_change_is_what_delegates_keeping_nothing_paint(shown, change):
    window = shown
    _fresh_delegates(window)
    before = _grab(window)
    change(window)
    QApplication.processEvents()
    after = _grab(window)  # the delegates that kept what they drew before the change
    assert after != before
    _fresh_delegates(window, keeping=False)
    assert _grab(window) == after


def test_a_query_typed_back_paints_its_titles_from_the_pixmaps_kept(shown, monkeypatch):
    window = shown
    titles, _cells = _fresh_delegates(window)
    _grab(window)
    window.search_box.setText("コミュニティ活動")
    _grab(window)
    drawn = []
    real = TitleDelegate._draw_title
    monkeypatch.setattr(TitleDelegate, "_draw_title",
                        lambda self, painter, option, state, *args: drawn.append(state) or real(self, painter, option,
                                                                                              state, *args))
    window.search_box.setText("コミュニティ")
    window.tree.viewport().grab()
    # Every title in view shows what it showed before: drawn from its pixmap (but the selected row's).
    assert all(state & highlight._SELECTED_BIT for state in drawn)
    assert len(titles._pixmaps._kept) > 10


def test_a_pixmap_is_drawn_only_where_the_cell_starts_on_a_whole_device_pixel(qapp):
    """At 150 % a view may itself start between two device pixels of the window (x = 7 -> 10.5):
    a kept pixmap drawn there would not be the cell's pixels, so the cell is drawn instead."""
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QPainter

    image = QImage(300, 100, QImage.Format.Format_RGB32)
    image.setDevicePixelRatio(1.5)
    painter = QPainter(image)
    try:
        assert highlight._on_device_pixels(painter, QRect(2, 26, 50, 13), 1.5)
        assert not highlight._on_device_pixels(painter, QRect(2, 13, 50, 13), 1.5)  # 19.5
        painter.translate(7, 0)  # the view's place in the window
        assert not highlight._on_device_pixels(painter, QRect(2, 26, 50, 13), 1.5)  # 13.5
        assert highlight._on_device_pixels(painter, QRect(1, 26, 50, 13), 1.5)  # 12
    finally:
        painter.end()


def test_a_cell_pixmap_at_150_percent_covers_the_pixels_the_view_fills(qapp):
    """A 13 px row at 150 % is 19.5 device pixels: a cell starting on a whole pixel is filled to
    the 20th (Qt rounds a fill's edges half up), and so is its pixmap."""
    from PySide6.QtCore import QRect
    from PySide6.QtWidgets import QStyleOptionViewItem

    option = QStyleOptionViewItem()
    option.rect = QRect(0, 0, 41, 13)
    option.palette = qapp.palette()
    pixmap = highlight.opaque_cell_pixmap(option, qapp.style(), 1.5, lambda painter, opt: None)
    assert pixmap is not None and (pixmap.width(), pixmap.height()) == (62, 20)
    assert highlight.opaque_cell_pixmap(option, qapp.style(), 1.25, lambda painter, opt: None) is None  # 16.25


def test_a_title_is_cut_for_a_new_query_where_it_was_without_asking_qt_again(qapp, monkeypatch):
    """Where a title is cut (「…」 as wide after any character) does not depend on the query's marks:
    kept per width, a new query's paint does not look for it again."""
    from plan_desktop.ui.highlight import LaidOutTitle, elide_point

    laid = LaidOutTitle("№12 " + "コミュニティ活動の推進" * 8, False, QFont())
    for available in (0.0, 40.0, 123.5, laid.width, 1e6):
        assert laid.elided(available, 7.0) == elide_point(laid, available, lambda _i: 7.0)
    assert laid.elided(1e6, 7.0) is None and laid.elided(40.0, 7.0) is not None
    asked = []
    monkeypatch.setattr(LaidOutTitle, "fit", lambda self, available: asked.append(available) or 0)
    laid.elided(40.0, 7.0)
    laid.elided(123.5, 7.0)
    assert asked == []
    laid.elided(123.5, 9.0)  # another width of 「…」: looked for
    assert asked == [123.5]
