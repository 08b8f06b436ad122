"""Widgets, models, dialogs and the main window."""

from ..qt_compat import prepare_qt

prepare_qt()  # before any Qt call; see qt_compat
