"""--exit-after-show: the run ends after the first frame and leaves nothing behind in the process."""

from __future__ import annotations

import argparse

from PySide6.QtCore import QTimer

from plan_desktop import app as app_module


def test_a_finished_run_leaves_no_fuse_that_ends_a_later_event_loop(qapp, db_file, monkeypatch, settings):
    """The fuse (app.exit(3) if the window never paints) is stopped when the run ends: left running,
    it ended whatever event loop ran 15 s later in the same process (a later test's)."""
    timers: list[QTimer] = []

    class RecordedTimer(QTimer):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            timers.append(self)

    monkeypatch.setattr(app_module, "default_settings", lambda: settings)
    monkeypatch.setattr(app_module, "QTimer", RecordedTimer)
    args = argparse.Namespace(db=db_file, exit_after_show=True, screenshot=None, lang=None)
    assert app_module.run_gui(args) == 0
    fuses = [t for t in timers if t.interval() == app_module.EXIT_FUSE_MS]
    assert fuses and not any(t.isActive() for t in fuses)
