"""Widgets, models, dialogs and the main window."""

from ..qt_compat import shield_singletons

shield_singletons()  # before any Qt call; see qt_compat
