"""Every text a person can read in a window: for tests that look for words that must not show."""

from __future__ import annotations


def window_texts(widget) -> list[str]:
    """Every text a person can read in *widget* and its children: labels, buttons, menus and
    their actions, tabs, group boxes, combo items, item views (headers and cells), tooltips."""
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QComboBox,
        QGroupBox,
        QLabel,
        QLineEdit,
        QMenu,
        QPlainTextEdit,
        QTabWidget,
        QTextEdit,
        QWidget,
    )

    out: list[str] = [widget.windowTitle()]
    widgets = [widget, *widget.findChildren(QWidget)]
    for w in widgets:
        out.append(w.toolTip())
        if isinstance(w, QLabel):
            out.append(w.text())
        elif isinstance(w, QAbstractButton):
            out.append(w.text())
        elif isinstance(w, QGroupBox):
            out.append(w.title())
        elif isinstance(w, QLineEdit):
            out += [w.text(), w.placeholderText()]
        elif isinstance(w, (QTextEdit, QPlainTextEdit)):
            out += [w.toPlainText(), w.placeholderText()]
        elif isinstance(w, QComboBox):
            out += [w.itemText(i) for i in range(w.count())]
        elif isinstance(w, QTabWidget):
            out += [w.tabText(i) for i in range(w.count())]
        elif isinstance(w, QMenu):
            out.append(w.title())
            for a in w.actions():
                if a.isVisible():
                    out += [a.text(), a.toolTip(), a.statusTip()]
        elif isinstance(w, QAbstractItemView) and w.model() is not None:
            out += _model_texts(w.model())
    for a in widget.actions():
        out += [a.text(), a.toolTip()]
    return [t for t in out if t]


def _model_texts(model) -> list[str]:
    """Header and cell texts (display and tooltip) of an item model, at every depth."""
    from PySide6.QtCore import QModelIndex, Qt

    roles = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)

    def columns(parent) -> int:
        try:
            return model.columnCount(parent)
        except TypeError:  # list models keep columnCount private
            return 1

    top = QModelIndex()
    out: list[str] = []
    for orient, n in ((Qt.Orientation.Horizontal, columns(top)), (Qt.Orientation.Vertical, model.rowCount(top))):
        for i in range(n):
            out += [str(v) for role in roles if (v := model.headerData(i, orient, role)) is not None]

    def walk(parent, depth: int) -> None:
        for r in range(model.rowCount(parent)):
            for c in range(columns(parent)):
                ix = model.index(r, c, parent)
                out.extend(str(v) for role in roles if (v := ix.data(role)) is not None)
            if depth < 8:
                walk(model.index(r, 0, parent), depth + 1)

    walk(top, 0)
    return out
