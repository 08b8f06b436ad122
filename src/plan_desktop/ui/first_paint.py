"""Work that waits for a window's first frame: start-up does only what the first frame shows."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial

import shiboken6
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

_PAINT = QEvent.Type.Paint


class _AfterPaint(QObject):
    """What waits for one widget's first paint: one event filter for all of it.

    Every event the widget gets before that paint passes through its filters (the main window's
    ~400 at start-up): one Python call each, not one per callback waiting (there are ~10)."""

    def __init__(self, widget: QWidget):
        super().__init__(widget)
        self.waiting: list[tuple[Callable[[], None], int]] | None = []  # None once the paint came
        self._left = 0
        widget.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:
        if event.type() == _PAINT:
            obj.removeEventFilter(self)
            # The window's own paint event comes first; its children paint in the same pass and
            # the frame is flushed at its end. The first zero timer runs after that: the delays
            # count from the frame on the screen. (Timers with the filter, a child of the widget,
            # as context never run after the widget is gone.)
            QTimer.singleShot(0, self, self._start_delays)
        return False

    def _start_delays(self) -> None:
        waiting, self.waiting = self.waiting or [], None
        self._left = len(waiting)
        for callback, delay in waiting:  # in the order they were asked for
            QTimer.singleShot(delay, self, partial(self._run, callback))

    def _run(self, callback: Callable[[], None]) -> None:
        try:
            callback()
        finally:
            self._left -= 1
            if not self._left:
                self.deleteLater()


def after_first_paint(widget: QWidget, callback: Callable[[], None], delay_ms: int = 0) -> None:
    """Call *callback* once, *delay_ms* after *widget* first paints (a widget already shown: after
    *delay_ms*). Nothing is called when the widget is destroyed first. Callbacks with the same
    delay are called in the order they were asked for."""
    if widget.isVisible():
        QTimer.singleShot(delay_ms, widget, callback)
        return
    waiting = getattr(widget, "_first_paint_waiting", None)
    if waiting is None or not shiboken6.isValid(waiting) or waiting.waiting is None:
        waiting = _AfterPaint(widget)
        widget._first_paint_waiting = waiting  # type: ignore[attr-defined]
    assert waiting.waiting is not None
    waiting.waiting.append((callback, delay_ms))


def in_turns(context: QObject, steps: Iterable[Callable[[], None]]) -> None:
    """Run *steps* in order, each in a turn of the event loop of its own, from the next turn on:
    a key typed meanwhile waits for one step at most. Nothing runs once *context* is destroyed."""
    pending = list(steps)

    def step() -> None:
        pending.pop(0)()
        if pending:
            QTimer.singleShot(0, context, step)

    if pending:
        QTimer.singleShot(0, context, step)
