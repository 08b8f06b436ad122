"""The open document: repository + undo stack + change signals (Qt, no widgets)."""

from ..qt_compat import shield_singletons

shield_singletons()  # before any Qt call; see qt_compat
