"""The cyclic collector kept out of search keystrokes (plan_desktop/collector.py): what is alive once
the plan's deferred parts are read is frozen, and handed back when the document closes; a closed
window is still freed. (Behaviour, never wall time.)"""

from __future__ import annotations

import gc
import weakref

import pytest

from plan_desktop import collector


@pytest.fixture(autouse=True)
def nothing_frozen_before_or_after():
    gc.unfreeze()
    yield
    gc.unfreeze()


def _tracked(obj) -> bool:
    """True when the collector would visit *obj* (frozen objects are in no generation)."""
    return any(o is obj for o in gc.get_objects())


def test_the_plan_is_out_of_the_collectors_sight_once_read_and_back_when_closed(window, qtbot):
    doc = window.document
    with qtbot.waitSignal(doc.parts_loaded, timeout=10000):
        window.show()
    m = doc.data.measures[-1]
    assert m.parts_loaded and gc.get_freeze_count() > 0
    assert not _tracked(m) and not _tracked(m.evaluations)
    made_later = [[]]  # objects made after the read are collected as always
    assert _tracked(made_later)
    doc.close()
    assert gc.get_freeze_count() == 0 and _tracked(m)


@pytest.mark.parametrize("opened", ["before the read", "after the read"])
def test_a_closed_review_window_is_freed_while_the_plan_stays_frozen(window, qtbot, opened):
    """計画の検証 windows opened before the read ends are frozen with everything else; closed, they
    are freed all the same (as those opened later)."""
    doc = window.document
    with qtbot.waitSignal(doc.parts_loaded, timeout=10000):
        window.show()
        if opened == "before the read":
            dialog = window.review_actions.open_review()
    if opened == "after the read":
        dialog = window.review_actions.open_review()
    assert gc.get_freeze_count() > 0
    gone, gone_view = weakref.ref(dialog), weakref.ref(dialog.view)
    dialog.close()
    del dialog
    qtbot.waitUntil(lambda: gone() is None or not gone().isVisible())
    qtbot.wait(10)  # deleteLater
    gc.collect()
    assert gone() is None and gone_view() is None


def test_a_file_opened_in_its_place_lets_the_closed_plan_go(qtbot, tmp_path, db_file, settings, no_modal_dialogs):
    """File → Open closes the document (thaw) and reads the next one, whose read freezes what is
    alive: the closed plan, garbage by then but still in reference cycles, is collected first, not
    frozen with it (each file opened had kept ~50 MB at 2,000 measures)."""
    import shutil

    from plan_desktop.app import create_main_window

    window = create_main_window(db_file, settings)
    qtbot.addWidget(window)
    window.show()  # (no waitSignal on the first document: the blocker would keep it)
    qtbot.waitUntil(lambda: window.document.data.measures[-1].parts_loaded and gc.get_freeze_count() > 0,
                    timeout=10000)
    qtbot.wait(300)  # the work the window does after its first frame is over (as it is before anyone opens a file)
    closed_plan, closed_measure = weakref.ref(window.document.data), weakref.ref(window.document.data.measures[-1])
    other = tmp_path / "別の計画.sqlite"
    shutil.copyfile(db_file, other)
    window.open_file(other)
    try:
        with qtbot.waitSignal(window.document.parts_loaded, timeout=10000):
            pass
        assert gc.get_freeze_count() > 0
        assert closed_plan() is None and closed_measure() is None
    finally:
        window.document.close()


def test_thaw_without_a_freeze_changes_nothing():
    collector.thaw()
    assert gc.get_freeze_count() == 0


def test_each_step_of_the_read_is_frozen_as_it_comes_in(window, qtbot, monkeypatch):
    """The parts read while the user may already type (~30,000 objects at 2,000 measures) would
    set off a full collection inside a keystroke: each step's are frozen at its end. Checked at
    every freeze the steps make (not by catching the read half-way, which depends on timing)."""
    doc = window.document
    measures = doc.data.measures
    freeze = collector.freeze_alive
    seen: list[tuple[int, int]] = []  # per freeze: measures read, and of those with parts still tracked

    def checked_freeze(**kw) -> None:
        freeze(**kw)
        tracked = {id(o) for o in gc.get_objects()}
        read = [m for m in measures if m.parts_loaded]
        seen.append((len(read), sum(id(m.evaluations) in tracked or id(m.schedule) in tracked for m in read)))

    monkeypatch.setattr(collector, "freeze_alive", checked_freeze)
    with qtbot.waitSignal(doc.parts_loaded, timeout=30000):
        doc.complete_load_in_steps(measures_per_step=1)  # the window is not shown: only the steps read parts
    assert any(0 < read < len(measures) for read, _ in seen)  # frozen part-way, not only at the end
    assert seen[-1][0] == len(measures)
    assert all(still_tracked == 0 for _, still_tracked in seen)
