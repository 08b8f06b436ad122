"""Widgets, models, dialogs and the main window."""
