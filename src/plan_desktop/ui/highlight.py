"""Painting the tree's title column: 【重点】 marked, search matches highlighted (or where they are)."""

from __future__ import annotations

import weakref

from PySide6.QtCore import QAbstractProxyModel, QCoreApplication, QModelIndex, QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPalette,
    QPixmap,
    QStaticText,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextDocument,
    QTextLayout,
    QTextLine,
    QTextOption,
)
from PySide6.QtWidgets import QAbstractItemDelegate, QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from ..domain.model import Measure
from ..domain.search import TITLE, folded_fields, matched_fields
from ..domain.search_fold import fold_by_character
from .measure_tree_model import COL_TITLE, KindRole, PriorityRole

PRIORITY_MARK = "【重点】"
HIGHLIGHT_BG = "#ffe066"
PRIORITY_FG = "#c0392b"
_HIGHLIGHT, _BLACK, _PRIORITY = QColor(HIGHLIGHT_BG), QColor("#000000"), QColor(PRIORITY_FG)
# Enum members read once (reading one through its class is a Python-level call; paint runs per title).
_CE_ITEM, _SE_TEXT = QStyle.ControlElement.CE_ItemViewItem, QStyle.SubElement.SE_ItemViewItemText
_PE_PANEL, _PM_FOCUS_MARGIN = QStyle.PrimitiveElement.PE_PanelItemViewItem, QStyle.PixelMetric.PM_FocusFrameHMargin
_PE_ROW = QStyle.PrimitiveElement.PE_PanelItemViewRow
_SELECTED = QStyle.StateFlag.State_Selected
# State bits as plain ints (an enum operation is a Python-level call; these run per cell painted).
_SELECTED_BIT, _HAS_FOCUS_BIT = QStyle.StateFlag.State_Selected.value, QStyle.StateFlag.State_HasFocus.value
_ENABLED_BIT, _ACTIVE_BIT = QStyle.StateFlag.State_Enabled.value, QStyle.StateFlag.State_Active.value
# The state bits a cell's text colour depends on (see _text_colour).
_COLOUR_BITS = _SELECTED_BIT | _ENABLED_BIT | _ACTIVE_BIT
# A cell in one of these states is drawn, not kept as a pixmap (see CellDelegate).
_LIVE_BITS = (_SELECTED_BIT | _HAS_FOCUS_BIT | QStyle.StateFlag.State_MouseOver.value
              | QStyle.StateFlag.State_Editing.value)
_HIGHLIGHTED_TEXT, _TEXT, _BASE = QPalette.ColorRole.HighlightedText, QPalette.ColorRole.Text, QPalette.ColorRole.Base
_NORMAL, _INACTIVE, _DISABLED = QPalette.ColorGroup.Normal, QPalette.ColorGroup.Inactive, QPalette.ColorGroup.Disabled
_DISPLAY, _FOREGROUND = int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.ForegroundRole)
_ALIGNMENT, _KIND, _PRIORITY_ROLE = int(Qt.ItemDataRole.TextAlignmentRole), int(KindRole), int(PriorityRole)
_ALIGN_LEFT, _ALIGN_HCENTER = int(Qt.AlignmentFlag.AlignLeft), int(Qt.AlignmentFlag.AlignHCenter)
_ALIGN_RIGHT = int(Qt.AlignmentFlag.AlignRight)
_ON_CHARACTER = QTextLine.CursorPosition.CursorOnCharacter
_ELLIPSIS = "\u2026"
# Laid-out titles and cell texts kept (a tree shows a few dozen rows; a plan has a few thousand titles).
_KEPT_LAYOUTS = 8000
# Bytes of cell pixmaps kept (the texts of these columns repeat: a few hundred differ at 2,000 measures).
_KEPT_PIXMAP_BYTES = 8 << 20
# Contexts a column's cells are drawn ahead in (see CellDelegate.prepare_pixmaps): a row's and an
# alternate row's, each with a row after it in its group or not (the view's State_Sibling).
_KEPT_CONTEXTS = 4


# fold() of single characters, as met: a keystroke marks the titles in view and
# the selected measure's texts, and folding them character by character (NFKC,
# case-folding, kana table per call) took ~15 ms of it at 2,000 measures.
# fold_fast: a plain character (nearly all) is looked up without building fold's tables.
_FOLDED_CHARS: dict[str, str] = {}


def match_spans(text: str, terms: list[str],
                folded: tuple[str, list[int] | None] | None = None) -> list[tuple[int, int]]:
    """Spans of *text* (original indices) whose folded form contains one of the folded *terms*.

    Folding is done character by character so positions map back to the
    original text; this matches ``domain.text.fold`` for everything except
    rare multi-character compositions, which only affects highlighting.
    *folded*: ``fold_by_character(text)`` when kept (it does not depend on the terms).
    """
    if not terms:
        return []
    chars, owner = fold_by_character(text, _FOLDED_CHARS) if folded is None else folded
    find = chars.find
    if owner is None:  # each character folded to one: the places of the terms are the characters'
        found = []
        for term in terms:
            if term:
                at = find(term)
                while at != -1:
                    found.append((at, at + len(term)))
                    at = find(term, at + 1)
        found.sort()
        merged: list[tuple[int, int]] = []
        for a, b in found:
            if merged and a <= merged[-1][1]:
                if b > merged[-1][1]:
                    merged[-1] = (merged[-1][0], b)
            else:
                merged.append((a, b))
        return merged
    marks = [False] * len(text)
    for term in terms:
        start = find(term)
        while start != -1 and term:
            for k in range(start, start + len(term)):
                marks[owner[k]] = True
            start = find(term, start + 1)
    spans: list[tuple[int, int]] = []
    i = 0
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


class SearchHighlighter(QSyntaxHighlighter):
    """Marks the search terms in a plain-text field (課題, 推進内容) as the tree marks them in titles."""

    def __init__(self, document: QTextDocument):
        super().__init__(document)
        self._terms: list[str] = []
        self._format = QTextCharFormat()
        self._format.setBackground(QColor(HIGHLIGHT_BG))
        self._format.setForeground(QColor("#000000"))

    def set_terms(self, terms: list[str]) -> None:
        if terms != self._terms:
            self._terms = list(terms)
            self.rehighlight()

    def highlightBlock(self, text: str) -> None:  # noqa: N802 - Qt override
        for a, b in match_spans(text, self._terms):
            self.setFormat(a, b - a, self._format)


def text_matches(text: str, terms: list[str]) -> bool:
    return bool(match_spans(text, terms))


def _measure_of(index: QModelIndex) -> Measure | None:
    model = index.model()
    while isinstance(model, QAbstractProxyModel):
        index = model.mapToSource(index)
        model = model.sourceModel()
    # The tree model, or the filter's model of the rows shown (ui.measure_filter)
    measure_for = getattr(model, "measure_for", None)
    return measure_for(index) if measure_for is not None else None


def _parts_read(m: Measure | None) -> tuple | None:
    """What of *m* is read (the runs of a title whose match is elsewhere depend on it)."""
    return (m.part_read("action_plan"), m.parts_loaded) if m is not None else None


# Kinds of the runs a title is painted in (see TitleDelegate.runs_for).
PLAIN, MATCH, PRIORITY, NOTE = "plain", "match", "priority", "note"


def title_runs(text: str, terms: list[str], *, priority: bool, found_in: list[str] | None = None,
               spans: list[tuple[int, int]] | None = None) -> list[tuple[str, str]]:
    """(text, kind) runs of a title: the note saying where a match is when it is not in
    the title (in front, so that a narrow column still shows it), matches, the first
    【重点】 mark. *spans*: ``match_spans(text, terms)`` when known."""
    runs: list[tuple[str, str]] = []
    elsewhere = [f for f in (found_in or []) if f != TITLE]
    if elsewhere:
        note = QCoreApplication.translate("TitleDelegate", "一致: {0}").format("・".join(elsewhere))
        runs.append((f"\u00a0{note}\u00a0", NOTE))
        runs.append((" ", PLAIN))
    text = text.replace("\n", " ")
    kinds = [PLAIN] * len(text)
    for a, b in (match_spans(text, terms) if spans is None else spans):
        kinds[a:b] = [MATCH] * (b - a)
    if priority:
        at = text.find(PRIORITY_MARK)
        if at >= 0:
            for k in range(at, at + len(PRIORITY_MARK)):
                if kinds[k] == PLAIN:
                    kinds[k] = PRIORITY
    start = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or kinds[i] != kinds[start]:
            runs.append((text[start:i], kinds[start]))
            start = i
    return runs


class LaidOutTitle:
    """A title laid out once for a font, 【重点】 in bold: painted for every query and every
    repaint without shaping it again (shaping Japanese text was most of a row's paint: the
    style measured, elided and drew each title, shaping it each time)."""

    __slots__ = ("_elided", "_line", "_ranges", "_utf16", "_xs", "layout", "length", "line_height", "width")

    def __init__(self, text: str, priority: bool, font: QFont):
        self.length = len(text)
        self._xs: dict[int, float] = {}  # x(i) as found (each query's marks and 「…」 ask a few)
        # Qt counts UTF-16 units: characters beyond the BMP (rare kanji, emoji) take two.
        self._utf16: list[int] | None = None
        if any(ord(ch) > 0xFFFF for ch in text):
            units = [0]
            for ch in text:
                units.append(units[-1] + (2 if ord(ch) > 0xFFFF else 1))
            self._utf16 = units
        layout = self.layout = QTextLayout(text, font)
        layout.setCacheEnabled(True)  # keep the shaped glyphs (else every draw and cursorToX shapes again)
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.NoWrap)
        layout.setTextOption(option)
        at = text.find(PRIORITY_MARK) if priority else -1
        if at >= 0:
            bold = QTextLayout.FormatRange()
            bold.start, bold.length = self.unit(at), self.unit(at + len(PRIORITY_MARK)) - self.unit(at)
            bold.format = QTextCharFormat()
            bold.format.setFontWeight(QFont.Weight.Bold)
            layout.setFormats([bold])
        layout.beginLayout()
        line = self._line = layout.createLine()
        line.setLineWidth(1_000_000)
        layout.endLayout()
        self.width = line.naturalTextWidth()
        self.line_height = line.height()
        self._ranges: dict[tuple[int, int, int], QTextLayout.FormatRange] = {}
        self._elided: dict[tuple[float, float], int | None] = {}

    def unit(self, i: int) -> int:
        """The UTF-16 position of character *i*."""
        return i if self._utf16 is None else self._utf16[i]

    def x(self, i: int) -> float:
        """Where character *i* starts (the title's width for its length)."""
        if i >= self.length:
            return self.width
        x = self._xs.get(i)
        if x is None:
            x = self._xs[i] = self._line.cursorToX(self.unit(i))[0]  # type: ignore[index]  # (x, position)
        return x

    def fit(self, available: float) -> int:
        """How many characters fit in *available* pixels (all when the title does)."""
        if self.width <= available:
            return self.length
        if available <= 0:
            return 0
        pos = self._line.xToCursor(available, _ON_CHARACTER)
        i = pos if self._utf16 is None else max(k for k, u in enumerate(self._utf16) if u <= pos)
        while i > 0 and self.x(i) > available:
            i -= 1
        return i

    def height(self) -> float:
        return self.line_height

    def elided(self, available: float, ellipsis_width: float) -> int | None:
        """``elide_point`` for a 「…」 as wide after any character (*ellipsis_width*), kept per width:
        a new query's marks do not move where the title is cut."""
        key = (available, ellipsis_width)
        if key in self._elided:
            return self._elided[key]
        if len(self._elided) > 8:
            self._elided.clear()
        shown = self._elided[key] = elide_point(self, available, lambda _i: ellipsis_width)
        return shown

    def format_range(self, start: int, end: int, fmt: QTextCharFormat) -> QTextLayout.FormatRange:
        """Characters *start* to *end* drawn in *fmt* (made once per range and format)."""
        key = (start, end, id(fmt))  # the formats are kept by the delegate (see TitleDelegate._format)
        fr = self._ranges.get(key)
        if fr is None:
            fr = self._ranges[key] = QTextLayout.FormatRange()
            fr.start, fr.length = self.unit(start), self.unit(end) - self.unit(start)
            fr.format = fmt
        return fr


def elide_point(title: LaidOutTitle, available: float, ellipsis_width) -> int | None:
    """Characters of *title* shown before 「…」 in *available* pixels; None when it fits whole.
    *ellipsis_width(i)*: the width of 「…」 drawn after character *i* - 1 (in that run's font)."""
    if title.width <= available:
        return None
    i = title.fit(available)
    while i > 0 and title.x(i) + ellipsis_width(i) > available:
        i -= 1
    return i



_FONT_KEYS: list[tuple[QFont, str]] = []


def font_key(font: QFont) -> str:
    """``font.key()``, remembered: it formats the whole font description (~50 µs), and the view
    hands every cell a copy of the same one or two fonts (``==`` compares them cheaply)."""
    for known, key in _FONT_KEYS:
        if known == font:
            return key
    key = font.key()
    if len(_FONT_KEYS) > 16:
        _FONT_KEYS.clear()
    _FONT_KEYS.append((QFont(font), key))
    return key


_PALETTE_COLOURS: dict[tuple[int, int], QColor] = {}


def _text_colour(option, state: int, foreground) -> QColor:
    """The pen of a cell's text, as the style picks it (selected, disabled, inactive window);
    *state*: the option's state bits."""
    selected = state & _SELECTED_BIT
    if foreground is not None and not selected:
        return foreground.color() if isinstance(foreground, QBrush) else QColor(foreground)
    bits = state & (_SELECTED_BIT | _ENABLED_BIT | _ACTIVE_BIT)
    key = (option.palette.cacheKey(), bits)
    colour = _PALETTE_COLOURS.get(key)
    if colour is None:
        group = _NORMAL if state & _ENABLED_BIT else _DISABLED
        if group == _NORMAL and not state & _ACTIVE_BIT:
            group = _INACTIVE
        if len(_PALETTE_COLOURS) > 64:
            _PALETTE_COLOURS.clear()
        colour = _PALETTE_COLOURS[key] = option.palette.color(group, _HIGHLIGHTED_TEXT if selected else _TEXT)
    return colour


class _CellPainter:
    """What the tree's cells of measures share: the style's panel (selection, alternating rows,
    hover) drawn as the style does, the text margin, and texts laid out once."""

    def __init__(self) -> None:
        self._static: dict[tuple, tuple[QStaticText, float]] = {}
        self._margins: dict[int, int] = {}

    def panel(self, painter, option, style) -> None:
        style.drawPrimitive(_PE_PANEL, option, painter, option.widget)

    def margin(self, style) -> int:
        key = id(style)
        m = self._margins.get(key)
        if m is None:
            m = self._margins[key] = style.pixelMetric(_PM_FOCUS_MARGIN, None, None) + 1
        return m

    def static_text(self, text: str, font: QFont, fm: QFontMetrics, width: int) -> tuple[QStaticText, float]:
        """*text* elided to *width* with 「…」 as the style elides, laid out once: (text, its width)."""
        key = (text, font_key(font), width)
        got = self._static.get(key)
        if got is None:
            if fm.horizontalAdvance(text) > width:
                text = fm.elidedText(text, Qt.TextElideMode.ElideRight, width)
            st = QStaticText(text)
            st.setTextFormat(Qt.TextFormat.PlainText)
            st.prepare(font=font)
            if len(self._static) > _KEPT_LAYOUTS:
                self._static.clear()
            got = self._static[key] = (st, fm.horizontalAdvance(text))
        return got


def _on_device_pixels(painter, rect, ratio: float) -> bool:
    """Whether *rect* starts on a whole device pixel of *painter*'s device (a kept pixmap is then
    drawn pixel for pixel). With a fractional ratio, a widget itself may start between two device
    pixels of the window (a view at x = 7 at 150 %): its offset is part of the device transform."""
    if ratio == 1.0:
        return True
    device = painter.deviceTransform()
    return (rect.left() * ratio + device.dx()).is_integer() and (rect.top() * ratio + device.dy()).is_integer()


def opaque_cell_pixmap(option, style, ratio: float, draw) -> QPixmap | None:
    """The pixels of the cell in *option* as the view paints them: the view's background, the
    row's (the alternate colour, as QTreeView::drawRow draws it), the style's panel, then
    ``draw(painter, option)`` (the option's rect moved to the pixmap's corner).

    Opaque, so text drawn in it is drawn as on the window (subpixel antialiasing, ClearType
    on Windows, needs an opaque target). None when it could not be the same as on the view:
    a background that is not one colour, a cell whose size is not a whole or half number of
    device pixels.

    A cell drawn from it starts on a whole device pixel (see _on_device_pixels); with a
    size of a whole and a half device pixels (13 px rows at 150 %), the view fills the cell
    to the next whole pixel (Qt rounds a filled rect's edges half up), as the pixmap does."""
    rect = option.rect
    w, h = rect.width() * ratio, rect.height() * ratio
    background = option.palette.brush(_BASE)
    if (w <= 0 or h <= 0 or (w * 2).is_integer() is False or (h * 2).is_integer() is False
            or background.style() != Qt.BrushStyle.SolidPattern):
        return None
    pixmap = QPixmap(int(w + 0.5), int(h + 0.5))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(background.color())
    if pixmap.hasAlphaChannel():
        return None
    opt = QStyleOptionViewItem(option)
    opt.rect = QRect(0, 0, rect.width(), rect.height())
    widget = option.widget
    p = QPainter(pixmap)
    try:
        state = opt.state
        opt.state = state & ~_SELECTED  # the view draws the row's background without the selection
        style.drawPrimitive(_PE_ROW, opt, p, widget)
        opt.state = state
        style.drawPrimitive(_PE_PANEL, opt, p, widget)
        draw(p, opt)
    finally:
        p.end()
    return pixmap


class _Pixmaps:
    """Pixmaps of cells by what they show, at most _KEPT_PIXMAP_BYTES of them; ``on_clear``
    forgets what else holds them (so the bound holds)."""

    def __init__(self, on_clear) -> None:
        self._kept: dict[tuple, QPixmap] = {}
        self._bytes = 0
        self._on_clear = on_clear

    def __bool__(self) -> bool:
        return bool(self._kept)

    def size(self) -> int:
        """Bytes of the pixmaps kept."""
        return self._bytes

    def values(self):
        return self._kept.values()

    def get(self, key: tuple) -> QPixmap | None:
        return self._kept.get(key)

    def put(self, key: tuple, pixmap: QPixmap) -> None:
        size = pixmap.width() * pixmap.height() * 4
        if self._bytes + size > _KEPT_PIXMAP_BYTES:
            self._kept.clear()
            self._bytes = 0
            self._on_clear()
        self._kept[key] = pixmap
        self._bytes += size


class CellDelegate(QAbstractItemDelegate):
    """Paints the plain cells of measure rows (担当部課, 工程, 評価) from texts laid out once.

    The style would ask the model ~10 roles per cell and shape the text three times
    (to size, to elide, to draw) on every paint; these columns repeat few texts. What a
    cell shows is made once per cell and kept (:meth:`_drawing`) until the cell's content
    (a new ``cell_data`` tuple: an edit, the year shown), its size, its state (selected,
    hovered, alternate row, active window ...), the font, the palette, the style or the
    device pixel ratio changes:

    - a cell neither selected nor hovered is kept as an opaque pixmap of exactly the pixels
      the view and this delegate would paint there (the row's background, the style's
      panel, the text), drawn with one call: the text in it is drawn as on the window (an
      opaque target: ClearType stays on Windows); with a fractional device pixel ratio only
      where the cell starts on a whole device pixel;
    - otherwise the text laid out, elided, placed and coloured once is drawn over the
      style's panel.

    Group rows and the focused cell are painted by the style (a plain QStyledItemDelegate).
    Not a QStyledItemDelegate itself: Qt calls a Python override of its paint() at a higher
    cost per cell than one of a QAbstractItemDelegate's.
    """

    def __init__(self, model_provider, parent=None):
        super().__init__(parent)
        self._model = model_provider
        self._styled = QStyledItemDelegate(self)
        self._painter = _CellPainter()
        # (id(cell tuple), context) -> (cell, pixmap or None, (text, dx, dy, pen)); the cell is
        # held, so its id is not reused while kept. The model hands out one tuple per content
        # (see MeasureFilterProxy.cell_data): a cell shown for the first time finds what another
        # cell of its content drew in the same context (row colour, size, font ...).
        self._drawn: dict[tuple, tuple] = {}
        # Pixmaps by what they show (cells with the same text share one).
        self._pixmaps = _Pixmaps(self._drawn.clear)
        # Per column, the last contexts its cells were first drawn in as pixmaps, with a copy of the
        # option: the cells of the column not drawn yet are drawn in them ahead (prepare_pixmaps).
        self._contexts: dict[int, dict[tuple, QStyleOptionViewItem]] = {}

    def paint(self, painter, option, index) -> None:
        model = self._model()
        state = option.state.value
        cell = model.cell_data(index) if model is not None and not state & _HAS_FOCUS_BIT else None
        if cell is None:  # a group row, the focused cell
            self._styled.paint(painter, option, index)
            return
        rect, widget = option.rect, option.widget
        style = widget.style() if widget is not None else QApplication.style()
        ratio = widget.devicePixelRatioF() if widget is not None else 1.0
        context = (rect.width(), rect.height(), state, option.features.value, font_key(option.font),
                   option.palette.cacheKey(), style, ratio)
        got = self._drawn.get((id(cell), context))
        if got is None or got[0] is not cell:
            got = self._drawing(cell, context, option, state, style, ratio)
            if got[1] is not None:
                self._seen(index.column(), context, option)
        pixmap = got[1]
        if pixmap is not None and _on_device_pixels(painter, rect, ratio):
            painter.drawPixmap(rect.left(), rect.top(), pixmap)
            return
        style.drawPrimitive(_PE_PANEL, option, painter, widget)
        self._draw_text(painter, option, got[2])

    def _drawing(self, cell: tuple, context: tuple, option, state: int, style, ratio: float) -> tuple:
        """What *cell* draws in *option*'s rect (in *context*), kept: (cell, its pixmap or None,
        (text, its offset from the rect's corner, pen) or None when it has no text)."""
        text, foreground, align = cell
        drawn = None
        if text:
            cells = self._painter
            margin = cells.margin(style)
            rect, fm = option.rect, option.fontMetrics
            width = rect.width() - 2 * margin
            st, w = cells.static_text(text, option.font, fm, width)
            dx: float = margin
            if align & _ALIGN_HCENTER:
                dx += (width - w) / 2
            elif align & _ALIGN_RIGHT:
                dx += width - w
            drawn = (st, dx, (rect.height() - fm.height()) / 2, _text_colour(option, state, foreground))
        pixmap = None
        if not state & _LIVE_BITS:
            key = (text, drawn[3].rgba() if drawn else 0, drawn[1] if drawn else 0, context)
            pixmap = self._pixmaps.get(key)
            if pixmap is None:
                pixmap = opaque_cell_pixmap(option, style, ratio, lambda p, opt: self._draw_text(p, opt, drawn))
                if pixmap is not None:
                    self._pixmaps.put(key, pixmap)
        if len(self._drawn) > _KEPT_LAYOUTS:
            self._drawn.clear()
        got = self._drawn[(id(cell), context)] = (cell, pixmap, drawn)
        return got

    def _seen(self, column: int, context: tuple, option) -> None:
        contexts = self._contexts.setdefault(column, {})
        if context not in contexts:
            if len(contexts) >= _KEPT_CONTEXTS:
                del contexts[next(iter(contexts))]  # the oldest (a width, a palette ... of before)
            contexts[context] = QStyleOptionViewItem(option)

    def prepare_pixmaps(self, column: int, cell: tuple, index: QModelIndex) -> bool:
        """Draw ahead the pixmap of *cell* (a cell of *column*, ``cell_data`` of *index*) in each
        context the column's cells were last drawn in as pixmaps (see _seen), while the pixmaps kept
        take at most half their room; whether one was drawn."""
        made = False
        for context, option in list(self._contexts.get(column, {}).items()):
            got = self._drawn.get((id(cell), context))
            if (got is not None and got[0] is cell) or self._pixmaps.size() > _KEPT_PIXMAP_BYTES // 2:
                continue
            option.index = index  # a row shown now (the one painted then may be gone)
            self._drawing(cell, context, option, context[2], context[6], context[7])
            made = True
        return made

    @staticmethod
    def _draw_text(painter, option, drawn) -> None:
        """The text of a cell (see _drawing) in *option*'s rect."""
        if drawn is not None:
            text, dx, dy, colour = drawn
            rect = option.rect
            painter.save()
            painter.setPen(colour)
            painter.setFont(option.font)  # a static text is drawn in the painter's font
            painter.setClipRect(rect)
            painter.drawStaticText(QPointF(rect.left() + dx, rect.top() + dy), text)
            painter.restore()

    def sizeHint(self, option, index) -> QSize:  # noqa: N802 - Qt override
        return self._styled.sizeHint(option, index)


class TitleDelegate(QAbstractItemDelegate):
    """Draws measure titles with 【重点】 in red and the search matches highlighted.

    Each title is laid out once per font (:class:`LaidOutTitle`); a paint draws it with the
    matches of the current query as coloured ranges over that layout, boxes behind them and
    「…」 where the column ends. The runs (:meth:`runs_for`, what is marked) are cached per
    title, terms and where the match was, so a repaint without a new query recomputes nothing.

    What a title cell showed is kept per cell (the ``cell_data`` tuple) with what it depends
    on (size, state, alternate row, font, palette, style, device pixel ratio, the terms, the
    parts of the measure read); painted a second time the same and neither selected nor
    hovered, it is kept as an opaque pixmap of the cell's pixels (see CellDelegate), shared
    by what it shows, so the same title with the same marks (a repaint, a query typed
    back) is one pixmap draw.
    Group rows and the focused cell's frame are painted by the style (a plain
    QStyledItemDelegate, as in CellDelegate).
    """

    def __init__(self, terms_provider, parent=None, model_provider=None):
        super().__init__(parent)
        self._terms = terms_provider
        self._model = model_provider or (lambda: None)
        # (text, terms, priority, id(measure), parts read) -> (measure, (runs, parts read when they depend on it))
        self._runs_cache: dict[tuple, tuple[object, tuple[list[tuple[str, str]] | None, tuple | None]]] = {}
        # What a new query's runs are computed from, kept (it does not depend on the terms): each title
        # folded, by its text; each measure's fields folded, by id(measure) -> (measure, action plan read, fields).
        self._folded_titles: dict[str, tuple[str, list[int] | None]] = {}
        self._fields: dict[int, tuple[weakref.ref[Measure], bool, list[tuple[str, str]]]] = {}
        self._fonts: dict[str, dict[str, tuple[QFont, QFontMetrics]]] = {}
        # Per font key: width of 「…」 per kind of run, of the space after the note, heights and ascents.
        self._ellipses: dict[str, dict[str, float]] = {}
        self._laid: dict[tuple, LaidOutTitle] = {}
        self._paint_font_key: str | None = None  # the font_key of the row font titles were last painted in
        self._notes: dict[tuple, tuple[QStaticText, float]] = {}
        self._painter = _CellPainter()
        self._formats: dict[int, QTextCharFormat] = {}
        self._styled = QStyledItemDelegate(self)
        # id(title cell tuple) -> [cell, context, terms, parts read (None: the runs do not depend on
        # them), runs, what it shows (the pixmap's key), pixmap or None, pixmap still to try]; the
        # cell is held, so its id is not reused while kept.
        self._titles: dict[int, list] = {}
        self._pixmaps = _Pixmaps(self._titles.clear)
        # What titles showed when drawn without a pixmap (see _title's "shows"), as a set.
        self._drawn_once: dict[tuple, None] = {}

    def _data(self, index: QModelIndex, role: int):
        # The filter model's data() called directly: no round trip through Qt per role.
        model = self._model()
        return model.data(index, role) if model is not None else index.data(role)

    def runs_for(self, index: QModelIndex) -> list[tuple[str, str]] | None:
        """The runs of a measure title that needs more than plain text (a mark or a
        search), else None (a plain title: one plain run)."""
        if index.column() != COL_TITLE or self._data(index, _KIND) != "measure":
            return None
        return self._runs(self._data(index, _DISPLAY) or "", bool(self._data(index, _PRIORITY_ROLE)),
                          _measure_of(index), self._terms())[0]

    def _runs(self, text: str, priority: bool, m: Measure | None,
              terms: list[str]) -> tuple[list[tuple[str, str]] | None, tuple | None]:
        """(runs_for's runs of the title *text* of *m*, what of *m* was read when they depend on
        it: a match not in the title, where it is shown among the parts read, else None)."""
        if not terms:
            if not priority:
                return None, None
            m = None
        # The measure object is part of the key: an edit stores a new one, whose other
        # fields may match differently (the cache holds it, so its id is not reused); so is
        # what of it is read (where the match is, among the parts read: a paint reads none).
        read = _parts_read(m)
        key = (text, tuple(terms), priority, id(m), read)
        cached = self._runs_cache.get(key)
        if cached is not None and cached[0] is m:
            return cached[1]
        found_in = None
        spans = match_spans(text, terms, self._folded_title(text)) if terms else []
        if terms and m is not None and not spans:
            found_in = matched_fields(m, terms, read=False, fields=self._folded_fields(m))
        if len(self._runs_cache) > 4000:
            self._runs_cache.clear()
        runs = title_runs(text, terms, priority=priority, found_in=found_in, spans=spans)
        got = self._runs_cache[key] = (m, (runs, read if terms and not spans else None))
        return got[1]

    def _folded_title(self, text: str) -> tuple[str, list[int] | None]:
        """``fold_by_character(text)``, kept per title (a new query only looks for its terms in it)."""
        got = self._folded_titles.get(text)
        if got is None:
            if len(self._folded_titles) > _KEPT_LAYOUTS:
                self._folded_titles.clear()
            got = self._folded_titles[text] = fold_by_character(text, _FOLDED_CHARS)
        return got

    def _folded_fields(self, m: Measure) -> list[tuple[str, str]]:
        """``folded_fields(m, read=False)``, kept per measure object and whether its action plan is
        read (the one part read later that those fields hold): a new query whose terms are not in a
        title only looks for them in these."""
        plans = m.part_read("action_plan")
        got = self._fields.get(id(m))
        if got is None or got[0]() is not m or got[1] != plans:
            if len(self._fields) > _KEPT_LAYOUTS:
                self._fields.clear()
            # Held weakly (the tree's delegate outlives a document: a plan closed goes): a new measure
            # with the id of one gone finds a dead reference.
            got = self._fields[id(m)] = (weakref.ref(m), plans, folded_fields(m, read=False))
        return got[2]

    # What a paint of a title newly in view needs whatever the query, made ahead of it in idle
    # time (ui/tree_paint_prep.py): each returns whether it had anything to make.
    def prepare_folded(self, m: Measure) -> bool:
        """The title of *m* folded (see _folded_title)."""
        if m.display_title in self._folded_titles or len(self._folded_titles) >= _KEPT_LAYOUTS:
            return False
        self._folded_title(m.display_title)
        return True

    def prepare_layout(self, m: Measure) -> bool:
        """The title of *m* laid out (see laid_out) in the font the titles were last painted in
        (none before a paint), as a paint lays it out with no match on its 【重点】 mark."""
        fonts = self._fonts.get(self._paint_font_key) if self._paint_font_key is not None else None
        if fonts is None or len(self._laid) >= _KEPT_LAYOUTS:
            return False
        text = m.display_title.replace("\n", " ")
        key = (text, bool(m.priority) and PRIORITY_MARK in text, self._paint_font_key)
        if key in self._laid:
            return False
        self.laid_out(key[0], key[1], fonts[PLAIN][0], key[2])
        return True

    def prepare_fields(self, m: Measure) -> bool:
        """The fields of *m* folded (see _folded_fields)."""
        got = self._fields.get(id(m))
        if (got is not None and got[0]() is m and got[1] == m.part_read("action_plan")) \
                or len(self._fields) >= _KEPT_LAYOUTS:
            return False
        self._folded_fields(m)
        return True

    def _run_fonts(self, base: QFont, key: str | None = None) -> dict[str, tuple[QFont, QFontMetrics]]:
        """(font, metrics) per kind of run for the row font *base* (of font_key *key*), made once per font."""
        if key is None:
            key = font_key(base)
        fonts = self._fonts.get(key)
        if fonts is None:
            fonts = {}
            for kind in (PLAIN, MATCH, PRIORITY, NOTE):
                font = QFont(base)
                if kind == NOTE:
                    font.setPointSizeF(font.pointSizeF() * 0.85 if font.pointSizeF() > 0 else 8)
                elif kind == PRIORITY:
                    font.setBold(True)
                fonts[kind] = (font, QFontMetrics(font))
            self._fonts[key] = fonts
        return fonts

    def laid_out(self, text: str, priority: bool, font: QFont, fkey: str | None = None) -> LaidOutTitle:
        """The title laid out for *font* (of font_key *fkey*; made once, kept)."""
        key = (text, priority, font_key(font) if fkey is None else fkey)
        laid = self._laid.get(key)
        if laid is None:
            if len(self._laid) > _KEPT_LAYOUTS:
                self._laid.clear()
            laid = self._laid[key] = LaidOutTitle(text, priority, font)
        return laid

    def _format(self, colour: QColor) -> QTextCharFormat:
        rgba = colour.rgba()
        fmt = self._formats.get(rgba)
        if fmt is None:
            fmt = self._formats[rgba] = QTextCharFormat()
            fmt.setForeground(colour)
        return fmt

    def paint(self, painter, option, index) -> None:
        model = self._model()
        state = option.state.value
        cell = model.cell_data(index) if model is not None and not state & _HAS_FOCUS_BIT else None
        if cell is None:  # a group row, the focused cell
            self._paint_with_style(painter, option, index)
            return
        rect, widget = option.rect, option.widget
        style = widget.style() if widget is not None else QApplication.style()
        ratio = widget.devicePixelRatioF() if widget is not None else 1.0
        context = (rect.width(), rect.height(), state, option.features.value, font_key(option.font),
                   option.palette.cacheKey(), style, ratio)
        terms = self._terms()
        got = self._titles.get(id(cell))
        if (got is None or got[0] is not cell or got[1] != context or got[2] != terms
                or (got[3] is not None and got[3] != _parts_read(_measure_of(index)))):
            got = self._title(index, cell, context, terms, state)
            # Shown the same before for other terms (a note that stays, marks that do): kept as a
            # pixmap from now on; else drawn, and a pixmap when painted the same again.
            keep = got[7] and got[5] in self._drawn_once
        else:
            keep = got[7]  # painted the same before: kept as a pixmap from now on
        if keep:
            got[7] = False
            runs = got[4]
            got[6] = opaque_cell_pixmap(option, style, ratio,
                                        lambda p, opt: self._draw_cell(p, opt, state, style, runs, cell, panel=False))
            if got[6] is not None:
                self._pixmaps.put(got[5], got[6])
        pixmap = got[6]
        if pixmap is not None and _on_device_pixels(painter, rect, ratio):
            painter.drawPixmap(rect.left(), rect.top(), pixmap)
            return
        if got[7]:
            if len(self._drawn_once) > _KEPT_LAYOUTS:
                self._drawn_once.clear()
            self._drawn_once[got[5]] = None
        self._draw_cell(painter, option, state, style, got[4], cell)

    def _title(self, index: QModelIndex, cell: tuple, context: tuple, terms: list[str], state: int) -> list:
        """What the title cell *cell* shows (see _titles), kept; its pixmap when one shows the same."""
        m = _measure_of(index)
        runs, read = self._runs(cell[0] or "", bool(m is not None and m.priority), m, terms)
        foreground = cell[1]
        if foreground is not None:
            foreground = (foreground.color() if isinstance(foreground, QBrush) else QColor(foreground)).rgba()
        shows = (cell[0], foreground, tuple(runs) if runs else None, context)
        pixmap = None if state & _LIVE_BITS else self._pixmaps.get(shows)
        if len(self._titles) > _KEPT_LAYOUTS:
            self._titles.clear()
        # The last item: whether a pixmap is still to be tried (on the next paint of the same).
        got = self._titles[id(cell)] = [cell, context, list(terms), read, runs, shows, pixmap,
                                        pixmap is None and not state & _LIVE_BITS]
        return got

    def _draw_cell(self, painter, option, state: int, style, runs, cell: tuple, panel: bool = True) -> None:
        """The title cell: the style's panel (unless drawn already), the title's runs."""
        if panel:
            style.drawPrimitive(_PE_PANEL, option, painter, option.widget)
        text = (cell[0] or "").replace("\n", " ")
        margin = self._painter.margin(style)
        rect = option.rect
        self._draw_title(painter, option, state, runs, text, rect.left() + margin, rect.right() + 1 - margin, cell[1])

    def _paint_with_style(self, painter, option, index) -> None:
        """The focused row's title (the style draws the focus frame) and group rows."""
        runs = self.runs_for(index)
        if runs is None:
            self._styled.paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self._styled.initStyleOption(opt, index)
        style = opt.widget.style() if opt.widget else QApplication.style()
        opt.text = ""
        style.drawControl(_CE_ITEM, opt, painter, opt.widget)
        rect = style.subElementRect(_SE_TEXT, opt, opt.widget)
        margin = self._painter.margin(style)
        text = (self._data(index, _DISPLAY) or "").replace("\n", " ")
        # initStyleOption put the row's foreground into the palette: no foreground of its own here.
        self._draw_title(painter, opt, opt.state.value, runs, text, rect.left() + margin, rect.right() + 1 - margin,
                         None)

    def _draw_title(self, painter, option, state: int, runs, text: str, left: float, right: float,
                    foreground) -> None:
        """The title's runs (None: plain) between *left* and *right*: the note where the match is
        first, then the title from its layout, the matches boxed, 「…」 where the space ends."""
        rect = option.rect
        base = option.font
        fkey = self._paint_font_key = font_key(base)
        fonts = self._run_fonts(base, fkey)
        sizes = self._ellipses.get(fkey)
        if sizes is None:  # per font: 「…」 per kind of run, the space after the note, text heights
            sizes = self._ellipses[fkey] = {kind: fonts[kind][1].horizontalAdvance(_ELLIPSIS)
                                            for kind in (PLAIN, MATCH, PRIORITY)}
            sizes["space"] = fonts[PLAIN][1].horizontalAdvance(" ")
            for kind in (PLAIN, MATCH, PRIORITY, NOTE):
                fm = fonts[kind][1]
                sizes[f"{kind} height"], sizes[f"{kind} ascent"] = fm.height(), fm.ascent()
        selected = bool(state & _SELECTED_BIT)
        text_colour = _text_colour(option, state, foreground)
        top, height = rect.top(), rect.height()
        painter.save()
        painter.setClipRect(QRectF(left, top, max(0.0, right - left), height))
        x = left
        title_runs_ = runs or []
        if title_runs_ and title_runs_[0][1] == NOTE:
            note, _kind = title_runs_[0]
            note_font, note_fm = fonts[NOTE]
            st, w = self._note(note, note_font, note_fm)
            painter.fillRect(QRectF(x, top + 1, w, height - 2), _HIGHLIGHT)
            painter.setPen(_BLACK)
            painter.setFont(note_font)  # a static text is drawn in the painter's font
            painter.drawStaticText(QPointF(x, top + (height - sizes[f"{NOTE} height"]) / 2), st)
            x += w + (sizes["space"] if title_runs_[1][0] == " " else fonts[PLAIN][1].horizontalAdvance(title_runs_[1][0]))
            title_runs_ = title_runs_[2:]
        bold = any(kind == PRIORITY for _t, kind in title_runs_)
        laid = self.laid_out(text, bold, fonts[PLAIN][0], fkey)
        kinds = _kind_at(title_runs_, len(text))
        ellipsis = sizes
        if not bold and ellipsis[MATCH] == ellipsis[PLAIN]:  # 「…」 as wide after any character
            shown = laid.elided(right - x, ellipsis[PLAIN])
        else:
            shown = elide_point(laid, right - x, lambda i: ellipsis[kinds(i)])
        upto = laid.length if shown is None else shown
        text_top = top + (height - laid.line_height) / 2
        selections = []
        for start, end, kind in _spans(title_runs_):
            if start >= upto or kind == PLAIN:
                continue
            end = min(end, upto)
            if kind == MATCH:
                x0, x1 = laid.x(start), laid.x(end)
                painter.fillRect(QRectF(x + x0, top + 1, x1 - x0, height - 2), _HIGHLIGHT)
                colour = _BLACK
            else:
                colour = text_colour if selected else _PRIORITY
            selections.append(laid.format_range(start, end, self._format(colour)))
        painter.setPen(text_colour)
        if shown is None:
            laid.layout.draw(painter, QPointF(x, text_top), selections)
        else:
            cut = x + laid.x(shown)
            painter.save()
            painter.setClipRect(QRectF(x, top, cut - x, height), Qt.ClipOperation.IntersectClip)
            laid.layout.draw(painter, QPointF(x, text_top), selections)
            painter.restore()
            kind = kinds(shown)
            if kind == MATCH:
                painter.fillRect(QRectF(cut, top + 1, ellipsis[kind], height - 2), _HIGHLIGHT)
                painter.setPen(_BLACK)
            elif kind == PRIORITY and not selected:
                painter.setPen(_PRIORITY)
            painter.setFont(fonts[kind][0])
            painter.drawText(QPointF(cut, top + (height - sizes[f"{kind} height"]) / 2 + sizes[f"{kind} ascent"]),
                             _ELLIPSIS)
        painter.restore()

    def _note(self, note: str, font: QFont, fm: QFontMetrics) -> tuple[QStaticText, float]:
        key = (note, font_key(font))
        got = self._notes.get(key)
        if got is None:
            st = QStaticText(note)
            st.setTextFormat(Qt.TextFormat.PlainText)
            st.prepare(font=font)
            got = self._notes[key] = (st, fm.horizontalAdvance(note))
        return got

    def sizeHint(self, option, index) -> QSize:  # noqa: N802 - Qt override
        size = self._styled.sizeHint(option, index)
        runs = self.runs_for(index)
        if runs is not None:
            fm = QFontMetrics(option.font)
            width = sum(fm.horizontalAdvance(t) for t, _k in runs)
            size.setWidth(max(size.width(), width + 8))
        return size


def _spans(runs: list[tuple[str, str]]):
    """(start, end, kind) of each run, in characters of the title."""
    at = 0
    for text, kind in runs:
        yield at, at + len(text), kind
        at += len(text)


def _kind_at(runs: list[tuple[str, str]], length: int):
    """kind(i): the kind of the run holding character *i* (the last run's past the end); the
    runs are looked through when it is first asked (a title that fits never asks)."""
    kinds: list[str] = []

    def kind(i: int) -> str:
        if not kinds:
            for text, k in runs:
                kinds.extend([k] * len(text))
            if not kinds:
                return PLAIN
        return kinds[min(i, len(kinds) - 1)]

    return kind
