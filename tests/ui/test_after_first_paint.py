"""Work that waits for a widget's first paint (ui/first_paint.after_first_paint).

Everything waiting for one widget shares one event filter: every event the widget gets before
its first paint (the main window's ~400 at start-up) makes one Python call, not one per callback.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QLabel, QWidget

from plan_desktop.ui import first_paint
from plan_desktop.ui.first_paint import after_first_paint


class PaintSeen(QObject):
    """Notes when the widget first paints (installed before anything waits for it)."""

    def __init__(self, widget: QWidget, log: list[str]):
        super().__init__(widget)
        self._log = log
        widget.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint and "paint" not in self._log:
            self._log.append("paint")
        return False


@pytest.fixture
def widget(qtbot):
    w = QLabel("plan")
    qtbot.addWidget(w)
    return w


def _filters_of(widget: QWidget) -> int:
    return len(widget.findChildren(first_paint._AfterPaint))


def test_callbacks_run_after_the_first_paint_in_the_order_asked_each_after_its_delay(widget, qtbot):
    log: list[str] = []
    PaintSeen(widget, log)
    after_first_paint(widget, lambda: log.append("later"), 30)
    after_first_paint(widget, lambda: log.append("a"))
    after_first_paint(widget, lambda: log.append("b"))
    qtbot.wait(50)
    assert log == []  # nothing before the widget is shown and painted
    widget.show()
    qtbot.waitUntil(lambda: "later" in log, timeout=5000)
    assert log == ["paint", "a", "b", "later"]


def test_everything_waiting_for_a_widget_shares_one_event_filter(widget, qtbot):
    ran: list[int] = []
    for i in range(5):
        after_first_paint(widget, lambda i=i: ran.append(i), 10 * i)
    assert _filters_of(widget) == 1
    widget.show()
    qtbot.waitUntil(lambda: len(ran) == 5, timeout=5000)
    assert ran == [0, 1, 2, 3, 4]
    qtbot.waitUntil(lambda: _filters_of(widget) == 0, timeout=5000)  # gone once all ran


def test_a_failing_callback_does_not_keep_the_others_from_running(widget, qtbot, monkeypatch):
    ran: list[str] = []
    errors: list[BaseException] = []
    monkeypatch.setattr("sys.excepthook", lambda _t, exc, _tb: errors.append(exc))

    def fails() -> None:
        raise RuntimeError("boom")

    after_first_paint(widget, fails)
    after_first_paint(widget, lambda: ran.append("after"))
    widget.show()
    qtbot.waitUntil(lambda: ran == ["after"], timeout=5000)


def test_nothing_runs_when_the_widget_is_gone_before_its_first_paint(qtbot):
    ran: list[str] = []
    w = QLabel("plan")
    after_first_paint(w, lambda: ran.append("x"))
    w.deleteLater()
    qtbot.wait(50)
    assert ran == []


def test_a_widget_shown_already_gets_the_callback_after_the_delay(widget, qtbot):
    widget.show()
    qtbot.waitExposed(widget)
    ran: list[str] = []
    after_first_paint(widget, lambda: ran.append("x"), 10)
    assert _filters_of(widget) == 0
    qtbot.waitUntil(lambda: ran == ["x"], timeout=5000)


def test_a_widget_hidden_after_its_paint_waits_for_its_next_paint(widget, qtbot):
    widget.show()
    qtbot.waitExposed(widget)
    qtbot.wait(20)
    widget.hide()
    ran: list[str] = []
    after_first_paint(widget, lambda: ran.append("x"))
    qtbot.wait(50)
    assert ran == []
    widget.show()
    qtbot.waitUntil(lambda: ran == ["x"], timeout=5000)
