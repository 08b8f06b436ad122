"""ヘルプ → 使い方ガイド (F1): the action that opens the user guide (ui/help_window.py).

Apart from the guide's window so that the main window's start does not import
it (with its text browser): it loads when the guide is first opened.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QWidget

if TYPE_CHECKING:
    from .help_window import HelpWindow


def install_help_action(main_window) -> QAction:
    """ヘルプ → 使い方ガイド (F1), first in the ヘルプ menu; F1 on the evaluation form opens its chapter."""
    act = QAction(QCoreApplication.translate("HelpWindow", "使い方ガイド(&G)"), main_window)
    act.setObjectName("actionHelp")
    act.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
    if act.shortcut().isEmpty():
        act.setShortcut(QKeySequence("F1"))
    menu = main_window.help_menu
    first = menu.actions()[0] if menu.actions() else None
    if first is not None:
        menu.insertAction(first, act)
        menu.insertSeparator(first)
    else:
        menu.addAction(act)
    main_window.addAction(act)

    def open_help(chapter: str | None = None) -> HelpWindow:
        from .help_window import HelpWindow

        if chapter is None:
            chapter = chapter_for(QApplication.focusWidget())
        window = getattr(main_window, "help_window", None)
        if window is None:
            window = HelpWindow(main_window, terms=lambda: main_window.document.data.terms)
            main_window.help_window = window
        window.show_chapter(chapter)
        window.show()
        window.raise_()
        window.activateWindow()
        return window

    act.triggered.connect(lambda: open_help())
    main_window.open_help = open_help
    return act


def chapter_for(widget: QWidget | None) -> str | None:
    """The guide's chapter for where the keyboard focus is (None: the contents)."""
    while widget is not None:
        name = widget.objectName()
        if name == "evaluationModeWindow":
            return "mode"
        if name == "evaluationPanel":
            return "evaluation"
        if name in ("searchBox", "measureTree"):
            return "input"
        widget = widget.parentWidget()
    return None
