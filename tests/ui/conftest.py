"""GUI fixtures: a main window on a private copy of the bundled plan, private settings."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox


@pytest.fixture
def settings(tmp_path):
    s = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    yield s
    s.sync()


@pytest.fixture
def no_modal_dialogs(monkeypatch):
    """Any modal message box a test did not expect fails the test instead of blocking it."""

    def unexpected(*args, **kwargs):
        raise AssertionError(f"unexpected modal dialog: {args[1:3]}")

    for name in ("question", "warning", "critical", "information"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(unexpected))


@pytest.fixture
def window(qtbot, db_file, settings, no_modal_dialogs):
    from plan_desktop.app import create_main_window

    w = create_main_window(db_file, settings)
    qtbot.addWidget(w)
    yield w
    w.document.close()


@pytest.fixture
def doc(window):
    return window.document


def _reopen(path):
    """The plan as stored in the file, read through a fresh connection."""
    from plan_desktop.storage.database import open_database
    from plan_desktop.storage.repository import PlanRepository

    db = open_database(path)
    try:
        return PlanRepository(db).load()
    finally:
        db.close()


@pytest.fixture
def reopen():
    return _reopen
