"""Work after the first frame runs a step per turn of the event loop (ui/first_paint.in_turns)."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer


def test_steps_run_in_order_each_in_a_turn_of_its_own(qapp, qtbot):
    from plan_desktop.ui.first_paint import in_turns

    context = QObject()
    ran: list[str] = []
    in_turns(context, [lambda: ran.append("a"), lambda: ran.append("b"), lambda: ran.append("c")])
    assert ran == []  # from the next turn on
    QTimer.singleShot(0, lambda: ran.append("key"))  # an event that comes meanwhile
    qtbot.waitUntil(lambda: "c" in ran, timeout=5000)
    assert ran == ["a", "key", "b", "c"]


def test_no_step_runs_once_the_context_is_gone(qapp, qtbot):
    from plan_desktop.ui.first_paint import in_turns

    context = QObject()
    ran: list[str] = []

    def first() -> None:
        ran.append("a")
        context.deleteLater()

    in_turns(context, [first, lambda: ran.append("b")])
    qtbot.waitUntil(lambda: ran == ["a"], timeout=5000)
    qtbot.wait(50)
    assert ran == ["a"]
