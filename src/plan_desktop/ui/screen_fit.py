"""Windows and dialogs sized to the screen they open on.

A dialog asks for the size it would like (``fit_to_screen(dialog, 1200, 820)``)
and gets at most what the screen's available area (without the task bar)
holds, leaving room for the window frame, centred over its parent. The main
window's first size (no saved settings) is a share of the available area, so
its status bar and the bottom of the timeline are on screen on a 1366×768
laptop and at 1280×720 (1920×1080 at 150 %).
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

#: Room left for the title bar and borders the window manager adds.
FRAME_ALLOWANCE = QSize(16, 40)


def screen_of(widget: QWidget | None) -> QScreen | None:
    for w in (widget, widget.parentWidget() if widget is not None else None):
        if w is not None and w.screen() is not None:
            return w.screen()
    return QGuiApplication.primaryScreen()


def available_area(widget: QWidget | None = None) -> QRect:
    screen = screen_of(widget)
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1280, 720)


def fitted_size(wanted: QSize, area: QRect) -> QSize:
    """*wanted*, shrunk to what fits in *area* with the window frame around it."""
    return QSize(min(wanted.width(), area.width() - FRAME_ALLOWANCE.width()),
                 min(wanted.height(), area.height() - FRAME_ALLOWANCE.height()))


def fit_to_screen(widget: QWidget, width: int, height: int) -> QSize:
    """Resize *widget* to (width, height) or less so that it fits its screen, centred over its parent."""
    area = available_area(widget)
    size = fitted_size(QSize(width, height), area)
    widget.resize(size)
    parent = widget.parentWidget()
    centre = parent.window().frameGeometry().center() if parent is not None else area.center()
    rect = QRect(0, 0, size.width(), size.height())
    rect.moveCenter(centre)
    # Keep the title bar reachable: never above or left of the available area.
    rect.moveLeft(max(area.left(), min(rect.left(), area.right() - rect.width())))
    rect.moveTop(max(area.top(), min(rect.top(), area.bottom() - rect.height() - FRAME_ALLOWANCE.height() // 2)))
    widget.move(rect.topLeft())
    return size


def first_window_geometry(area: QRect, preferred: QSize = QSize(1400, 900)) -> QRect:
    """Where the main window opens when no size was saved: *preferred* when the screen is
    big enough, else nearly all of the available area; centred."""
    size = fitted_size(preferred, area)
    rect = QRect(0, 0, size.width(), size.height())
    rect.moveCenter(area.center())
    rect.moveTop(max(area.top(), rect.top()))
    rect.moveLeft(max(area.left(), rect.left()))
    return rect


def is_small_screen(area: QRect) -> bool:
    """A laptop screen on which the first window opens maximised (1366×768, 1280×720 and the like)."""
    return area.width() < 1500 or area.height() < 900
