"""Painting the tree's title column: 【重点】 marked, search matches highlighted (or where they are)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractProxyModel, QCoreApplication, QModelIndex, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QPalette,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextDocument,
)
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from ..domain.model import Measure
from ..domain.search import TITLE, matched_fields
from ..domain.search_fold import fold_fast
from .measure_tree_model import COL_TITLE, KindRole, PriorityRole

PRIORITY_MARK = "【重点】"
HIGHLIGHT_BG = "#ffe066"
PRIORITY_FG = "#c0392b"
_HIGHLIGHT, _BLACK, _PRIORITY = QColor(HIGHLIGHT_BG), QColor("#000000"), QColor(PRIORITY_FG)
# Enum members read once (reading one through its class is a Python-level call; paint runs per title).
_CE_ITEM, _SE_TEXT = QStyle.ControlElement.CE_ItemViewItem, QStyle.SubElement.SE_ItemViewItemText
_SELECTED = QStyle.StateFlag.State_Selected
_HIGHLIGHTED_TEXT, _TEXT = QPalette.ColorRole.HighlightedText, QPalette.ColorRole.Text


# fold() of single characters, as met: a keystroke marks the titles in view and
# the selected measure's texts, and folding them character by character (NFKC,
# case-folding, kana table per call) took ~15 ms of it at 2,000 measures.
# fold_fast: a plain character (nearly all) is looked up without building fold's tables.
_FOLDED_CHARS: dict[str, str] = {}


def match_spans(text: str, terms: list[str]) -> list[tuple[int, int]]:
    """Spans of *text* (original indices) whose folded form contains one of the folded *terms*.

    Folding is done character by character so positions map back to the
    original text; this matches ``domain.text.fold`` for everything except
    rare multi-character compositions, which only affects highlighting.
    """
    if not terms:
        return []
    folded_chars: list[str] = []
    owner: list[int] = []
    known = _FOLDED_CHARS
    for i, ch in enumerate(text):
        f = known.get(ch)
        if f is None:
            f = known[ch] = fold_fast(ch)
        for c in f:
            folded_chars.append(c)
            owner.append(i)
    folded = "".join(folded_chars)
    marks = [False] * len(text)
    for term in terms:
        start = folded.find(term)
        while start != -1 and term:
            for k in range(start, start + len(term)):
                marks[owner[k]] = True
            start = folded.find(term, start + 1)
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


# Kinds of the runs a title is painted in (see TitleDelegate.runs_for).
PLAIN, MATCH, PRIORITY, NOTE = "plain", "match", "priority", "note"


def title_runs(text: str, terms: list[str], *, priority: bool, found_in: list[str] | None = None) -> list[tuple[str, str]]:
    """(text, kind) runs of a title: the note saying where a match is when it is not in
    the title (in front, so that a narrow column still shows it), matches, the first
    【重点】 mark."""
    runs: list[tuple[str, str]] = []
    elsewhere = [f for f in (found_in or []) if f != TITLE]
    if elsewhere:
        note = QCoreApplication.translate("TitleDelegate", "一致: {0}").format("・".join(elsewhere))
        runs.append((f"\u00a0{note}\u00a0", NOTE))
        runs.append((" ", PLAIN))
    text = text.replace("\n", " ")
    kinds = [PLAIN] * len(text)
    for a, b in match_spans(text, terms):
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


def elided_runs(runs: list[tuple[str, str]], fonts: dict[str, tuple[QFont, QFontMetrics]],
                available: int) -> list[tuple[str, str]]:
    """The runs that fit in *available* pixels; when they do not all fit, the run where
    the space ends is cut with 「…」, as the style elides a plain title."""
    widths = [fonts[kind][1].horizontalAdvance(text) for text, kind in runs]
    if sum(widths) <= available:
        return runs
    fitted: list[tuple[str, str]] = []
    left = available
    for (text, kind), width in zip(runs, widths, strict=True):
        if width < left:  # this run and at least part of the next (which gets the 「…」)
            fitted.append((text, kind))
            left -= width
            continue
        cut = fonts[kind][1].elidedText(text + "\u2026", Qt.TextElideMode.ElideRight, max(left, 0))
        if cut:
            fitted.append((cut, kind))
        elif fitted:  # not even 「…」 fits after the runs before: the last of them takes it
            prev, prev_kind = fitted.pop()
            prev_fm = fonts[prev_kind][1]
            room = left + prev_fm.horizontalAdvance(prev)
            fitted.append((prev_fm.elidedText(prev + "\u2026", Qt.TextElideMode.ElideRight, room), prev_kind))
        break
    return fitted


class TitleDelegate(QStyledItemDelegate):
    """Draws measure titles with 【重点】 in red and the search matches highlighted.

    The runs are painted directly with the row's font (a QTextDocument per row
    and repaint cost ~1 ms a row, most of a keystroke at 2,000 measures); they are
    cached per title, terms and where the match was, so a repaint without a new
    query recomputes nothing.
    """

    def __init__(self, terms_provider, parent=None):
        super().__init__(parent)
        self._terms = terms_provider
        self._runs_cache: dict[tuple, tuple[object, list[tuple[str, str]]]] = {}
        self._fonts: dict[str, dict[str, tuple[QFont, QFontMetrics]]] = {}

    def runs_for(self, index: QModelIndex) -> list[tuple[str, str]] | None:
        """The runs of a measure title that needs more than plain text (a mark or a
        search), else None: the style draws and elides plain titles itself."""
        if index.column() != COL_TITLE or index.data(KindRole) != "measure":
            return None
        terms = self._terms()
        priority = bool(index.data(PriorityRole))
        if not terms and not priority:
            return None
        text = index.data(Qt.ItemDataRole.DisplayRole) or ""
        m = _measure_of(index) if terms else None
        # The measure object is part of the key: an edit stores a new one, whose other
        # fields may match differently (the cache holds it, so its id is not reused).
        key = (text, tuple(terms), priority, id(m))
        cached = self._runs_cache.get(key)
        if cached is not None and cached[0] is m:
            return cached[1]
        found_in = None
        if terms and m is not None and not match_spans(text, terms):
            found_in = matched_fields(m, terms)
        if len(self._runs_cache) > 4000:
            self._runs_cache.clear()
        runs = title_runs(text, terms, priority=priority, found_in=found_in)
        self._runs_cache[key] = (m, runs)
        return runs

    def _run_fonts(self, base: QFont) -> dict[str, tuple[QFont, QFontMetrics]]:
        """(font, metrics) per kind of run for the row font *base*, made once per font."""
        key = base.key()
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

    def paint(self, painter, option, index) -> None:
        runs = self.runs_for(index)
        if runs is None:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        style = opt.widget.style() if opt.widget else QApplication.style()
        opt.text = ""
        style.drawControl(_CE_ITEM, opt, painter, opt.widget)
        rect = style.subElementRect(_SE_TEXT, opt, opt.widget)
        selected = bool(opt.state & _SELECTED)
        text_colour = opt.palette.color(_HIGHLIGHTED_TEXT if selected else _TEXT)
        painter.save()
        painter.setClipRect(rect)
        x = rect.left() + 1
        fonts = self._run_fonts(opt.font)
        for text, kind in elided_runs(runs, fonts, rect.right() - x):
            font, fm = fonts[kind]
            width = fm.horizontalAdvance(text)
            if kind in (MATCH, NOTE):
                painter.fillRect(QRectF(x, rect.top() + 1, width, rect.height() - 2), _HIGHLIGHT)
                painter.setPen(_BLACK)
            elif kind == PRIORITY:
                painter.setPen(text_colour if selected else _PRIORITY)
            else:
                painter.setPen(text_colour)
            painter.setFont(font)
            baseline = rect.top() + (rect.height() - fm.height()) / 2 + fm.ascent()
            painter.drawText(QPointF(x, baseline), text)
            x += width
        painter.restore()

    def sizeHint(self, option, index) -> QSize:
        size = super().sizeHint(option, index)
        runs = self.runs_for(index)
        if runs is not None:
            fm = QFontMetrics(option.font)
            width = sum(fm.horizontalAdvance(t) for t, _k in runs)
            size.setWidth(max(size.width(), width + 8))
        return size
