"""--exit-after-show: the run ends after the first frame and leaves nothing behind in the process."""

from __future__ import annotations

import argparse

from PySide6.QtCore import QTimer

from plan_desktop import app as app_module


def test_a_finished_run_leaves_no_fuse_that_ends_a_later_event_loop(qapp, qtbot, db_file, monkeypatch, settings):
    monkeypatch.setattr(app_module, "default_settings", lambda: settings)
    monkeypatch.setattr(app_module, "EXIT_FUSE_MS", 300)
    args = argparse.Namespace(db=db_file, exit_after_show=True, screenshot=None, lang=None)
    assert app_module.run_gui(args) == 0
    later = QTimer()
    later.setSingleShot(True)
    later.start(800)
    # An event loop of this process still running when the fuse would have gone off is not ended by it.
    with qtbot.waitSignal(later.timeout, timeout=5000):
        pass
