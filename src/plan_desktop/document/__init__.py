"""The open document: repository + undo stack + change signals (Qt, no widgets)."""

from ..qt_compat import prepare_qt

prepare_qt()  # before any Qt call; see qt_compat
