"""Painting the tree's title column: 【重点】 marked, search matches highlighted (or where they are)."""

from __future__ import annotations

import html

from PySide6.QtCore import QAbstractProxyModel, QCoreApplication, QModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QPalette,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextDocument,
)
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from ..domain.model import Measure
from ..domain.search import TITLE, matched_fields
from ..domain.text import fold
from .measure_tree_model import COL_TITLE, KindRole, MeasureTreeModel, PriorityRole

PRIORITY_MARK = "【重点】"
HIGHLIGHT_BG = "#ffe066"
PRIORITY_FG = "#c0392b"


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
    for i, ch in enumerate(text):
        f = fold(ch)
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


def title_html(text: str, terms: list[str], *, priority: bool, selected_fg: str | None = None,
               found_in: list[str] | None = None) -> str:
    """The title as rich text: 【重点】 in red, matches highlighted, and — when the
    match is elsewhere (行動計画, 担当部課, ...) — a note saying where."""
    spans = match_spans(text, terms)
    out: list[str] = []
    pos = 0
    for a, b in spans:
        out.append(html.escape(text[pos:a]))
        out.append(f'<span style="background-color:{HIGHLIGHT_BG}; color:#000000;">{html.escape(text[a:b])}</span>')
        pos = b
    out.append(html.escape(text[pos:]))
    body = "".join(out)
    if priority:
        esc = html.escape(PRIORITY_MARK)
        color = selected_fg or PRIORITY_FG
        body = body.replace(esc, f'<b style="color:{color};">{esc}</b>', 1)
    elsewhere = [f for f in (found_in or []) if f != TITLE]
    if elsewhere:
        note = html.escape(QCoreApplication.translate("TitleDelegate", "一致: {0}").format("・".join(elsewhere)))
        # In front, so that a narrow column that cuts the title short still shows it.
        body = (f'<span style="background-color:{HIGHLIGHT_BG}; color:#000000; font-size:small;">'
                f'&nbsp;{note}&nbsp;</span> ' + body)
    return body.replace("\n", " ")


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
    return model.measure_for(index) if isinstance(model, MeasureTreeModel) else None


class TitleDelegate(QStyledItemDelegate):
    """Draws measure titles as rich text; the search terms come from a callable."""

    def __init__(self, terms_provider, parent=None):
        super().__init__(parent)
        self._terms = terms_provider

    def _doc_for(self, option: QStyleOptionViewItem, index: QModelIndex) -> QTextDocument | None:
        if index.column() != COL_TITLE or index.data(KindRole) != "measure":
            return None
        terms = self._terms()
        priority = bool(index.data(PriorityRole))
        if not terms and not priority:
            return None  # plain text: the style draws it (and elides it) without a QTextDocument
        text = index.data(Qt.ItemDataRole.DisplayRole) or ""
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        fg = option.palette.color(QPalette.ColorRole.HighlightedText).name() if selected else None
        found_in = None
        if terms and not match_spans(text, terms):
            m = _measure_of(index)
            found_in = matched_fields(m, terms) if m is not None else None
        doc = QTextDocument()
        doc.setDocumentMargin(0)
        doc.setDefaultFont(option.font)
        doc.setHtml(title_html(text, terms, priority=priority, selected_fg=fg, found_in=found_in))
        return doc

    def paint(self, painter, option, index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        doc = self._doc_for(opt, index)
        if doc is None:
            super().paint(painter, option, index)
            return
        style = opt.widget.style() if opt.widget else QApplication.style()
        opt.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        text_rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, opt.widget)
        painter.save()
        painter.translate(text_rect.left(), text_rect.top() + max(0, (text_rect.height() - doc.size().height()) / 2))
        clip = QRectF(0, 0, text_rect.width(), text_rect.height())
        painter.setClipRect(clip)
        ctx = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        ctx.palette.setColor(QPalette.ColorRole.Text, opt.palette.color(role))
        ctx.clip = clip
        doc.documentLayout().draw(painter, ctx)
        painter.restore()

    def sizeHint(self, option, index) -> QSize:
        size = super().sizeHint(option, index)
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        doc = self._doc_for(opt, index)
        if doc is not None:
            size.setWidth(max(size.width(), int(doc.idealWidth()) + 8))
            size.setHeight(max(size.height(), int(doc.size().height()) + 2))
        return size
