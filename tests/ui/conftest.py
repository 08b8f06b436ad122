"""GUI fixtures: a main window on a private copy of the bundled plan, private settings."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox


@pytest.fixture(scope="session", autouse=True)
def bundled_font(qapp):
    """The application font as the app sets it up (IPAex Gothic as the fallback).

    Without it a test's result would depend on which earlier test happened to
    register the font: Qt falls back to whatever the machine has, which here
    has no Japanese glyphs at all.
    """
    from plan_desktop.app import install_font_fallback

    install_font_fallback(qapp)


@pytest.fixture
def settings(tmp_path):
    s = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    yield s
    s.sync()


@pytest.fixture(autouse=True)
def no_modal_dialogs(monkeypatch):
    """Any modal message box a test did not expect fails the test instead of blocking it (every UI
    test: a box shown for real would wait forever offscreen and hang the suite).

    The box raises at once, and the test also fails at teardown, in case the
    code under test swallowed that exception (``except Exception`` around a report).
    """
    unexpected: list[tuple] = []

    def refuse(*args, **kwargs):
        unexpected.append(args[1:3])
        raise AssertionError(f"unexpected modal dialog: {args[1:3]}")

    for name in ("question", "warning", "critical", "information"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(refuse))
    yield
    assert not unexpected, f"unexpected modal dialogs: {unexpected}"


@pytest.fixture
def message_boxes(monkeypatch, no_modal_dialogs):
    """Warning, critical and information boxes recorded as (kind, title, text) instead of shown.

    Questions stay unexpected: a test that expects one answers it itself.
    """
    shown: list[tuple[str, str, str]] = []

    def recorder(kind):
        def record(parent, title, text, *args, **kwargs):
            shown.append((kind, title, text))
            return QMessageBox.StandardButton.Ok
        return staticmethod(record)

    for kind in ("warning", "critical", "information"):
        monkeypatch.setattr(QMessageBox, kind, recorder(kind))
    return shown


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


@pytest.fixture
def city_file(tmp_path):
    """A plan file of the made-up other city (tests/data/other_city_plan.json)."""
    from other_city import other_city_db

    return other_city_db(tmp_path / "若葉市 実施計画.sqlite")


@pytest.fixture
def city_window(qtbot, city_file, settings, no_modal_dialogs):
    """A main window on the other city's plan."""
    from plan_desktop.app import create_main_window

    w = create_main_window(city_file, settings)
    qtbot.addWidget(w)
    yield w
    w.document.close()
