"""The window's start-up runs without the cyclic garbage collector until its first frame
(plan_desktop/collector.py); then everything alive is frozen and the collector runs again."""

from __future__ import annotations

import argparse
import gc

import pytest

from plan_desktop import app as app_module
from plan_desktop import collector
from plan_desktop.ui import main_window


@pytest.fixture
def collector_restored():
    yield
    collector.resume()
    collector.thaw()
    gc.unfreeze()
    gc.enable()


def test_the_collector_is_paused_while_the_window_is_built_and_frozen_after_its_first_frame(
        qapp, db_file, tmp_path, monkeypatch, settings, collector_restored):
    monkeypatch.setattr(app_module, "default_settings", lambda: settings)
    built, resumed = [], []
    init = main_window.MainWindow.__init__

    def recording_init(self, *args, **kwargs):
        init(self, *args, **kwargs)
        built.append(gc.isenabled())

    real_resume = collector.resume

    def recording_resume(*, freeze=False):
        real_resume(freeze=freeze)
        resumed.append((freeze, gc.isenabled(), gc.get_freeze_count() > 0))

    monkeypatch.setattr(main_window.MainWindow, "__init__", recording_init)
    monkeypatch.setattr(collector, "resume", recording_resume)
    gc.unfreeze()
    collector.pause()  # as the command line does on the window path
    # A screenshot waits a moment after the first frame before the window closes.
    args = argparse.Namespace(db=db_file, exit_after_show=False, screenshot=tmp_path / "shot.png", lang=None)
    assert app_module.run_gui(args) == 0
    assert built == [False]
    assert resumed[0] == (True, True, True)
    assert gc.isenabled()


def test_closing_a_document_hands_the_frozen_objects_back(qapp, db_file, collector_restored):
    from plan_desktop.document.plan_document import PlanDocument

    gc.unfreeze()
    doc = PlanDocument.open(db_file)
    collector.pause()
    collector.resume(freeze=True)
    assert gc.get_freeze_count() > 0
    doc.close()
    assert gc.get_freeze_count() == 0


def test_a_window_that_never_opens_its_file_leaves_the_collector_running(
        qapp, tmp_path, monkeypatch, settings, collector_restored):
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: None)
    monkeypatch.setattr(app_module, "default_settings", lambda: settings)
    collector.pause()
    args = argparse.Namespace(db=tmp_path / "missing" / "x.sqlite", exit_after_show=True, screenshot=None, lang=None)
    app_module.run_gui(args)
    assert gc.isenabled()
