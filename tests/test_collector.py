"""The garbage collector while a window starts (plan_desktop/collector.py)."""

from __future__ import annotations

import gc

import pytest

from plan_desktop import collector


@pytest.fixture(autouse=True)
def collector_restored():
    assert gc.get_freeze_count() == 0 and gc.isenabled()
    yield
    collector.resume()
    collector.thaw()
    gc.unfreeze()
    gc.enable()


def test_pause_stops_the_collector_until_resumed():
    collector.pause()
    assert not gc.isenabled()
    collector.resume()
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0


def test_resume_with_freeze_freezes_what_lives_and_thaw_hands_it_back():
    kept = [object() for _ in range(10)]
    collector.pause()
    collector.resume(freeze=True)
    assert gc.isenabled()
    assert gc.get_freeze_count() > 0
    collector.thaw()
    assert gc.get_freeze_count() == 0
    assert kept


def test_a_collector_someone_else_stopped_stays_stopped():
    gc.disable()
    collector.pause()
    collector.resume(freeze=True)
    assert not gc.isenabled()
    assert gc.get_freeze_count() == 0


def test_what_someone_else_froze_is_neither_frozen_again_nor_thawed():
    gc.freeze()
    frozen = gc.get_freeze_count()
    collector.pause()
    collector.resume(freeze=True)
    collector.thaw()
    assert gc.isenabled()
    assert gc.get_freeze_count() == frozen


def test_the_window_path_of_the_command_line_pauses_the_collector(monkeypatch):
    from plan_desktop import app
    from plan_desktop.cli import dispatch

    seen = []
    monkeypatch.setattr(app, "run_gui", lambda args: seen.append(gc.isenabled()) or 0)
    assert dispatch.main(["--exit-after-show"]) == 0
    assert seen == [False]
