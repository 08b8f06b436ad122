"""Work that waits for a window's first frame: start-up does only what the first frame shows."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class _AfterPaint(QObject):
    def __init__(self, widget: QWidget, callback: Callable[[], None], delay_ms: int):
        super().__init__(widget)
        self._callback = callback
        self._delay = delay_ms
        widget.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.Paint:
            obj.removeEventFilter(self)
            # The window's own paint event comes first; its children paint in the same pass and
            # the frame is flushed at its end. The first zero timer runs after that: the delay
            # counts from the frame on the screen. (Timers with the widget as context never
            # run after it is gone.)
            QTimer.singleShot(0, self, lambda: QTimer.singleShot(self._delay, self, self._run))
        return False

    def _run(self) -> None:
        try:
            self._callback()
        finally:
            self.deleteLater()


def after_first_paint(widget: QWidget, callback: Callable[[], None], delay_ms: int = 0) -> None:
    """Call *callback* once, *delay_ms* after *widget* first paints (a widget already shown: after
    *delay_ms*). Nothing is called when the widget is destroyed first."""
    if widget.isVisible():
        QTimer.singleShot(delay_ms, widget, callback)
        return
    _AfterPaint(widget, callback, delay_ms)


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
