"""Opens the window as a new user would on a simulated screen and reports, as JSON, what does not fit.

Run by tests/ui/test_screen_sizes.py in a subprocess per screen (Qt's offscreen
platform reads its screen description once, when QApplication starts):

    QT_QPA_PLATFORM="offscreen:configfile=tests/ui/screens/laptop-1366x768.json" python tests/ui/screen_check.py
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QPoint, QRect, QSettings
from PySide6.QtWidgets import QAbstractButton, QAbstractScrollArea, QApplication, QWidget

ROOT = Path(__file__).resolve().parents[2]


def _rect(r: QRect) -> list[int]:
    return [r.x(), r.y(), r.width(), r.height()]


def _name(w: QWidget) -> str:
    return w.objectName() or type(w).__name__


def problems_in(root: QWidget) -> dict[str, list[str]]:
    """Horizontal scroll bars shown, vertical ones shown, and buttons cut off, inside *root*."""
    window = root.window()
    win_rect = QRect(QPoint(0, 0), window.size())
    areas = [a for a in root.findChildren(QAbstractScrollArea) if a.isVisible()]
    hbars = [_name(a) for a in areas if a.horizontalScrollBar().isVisible()]
    vbars = [_name(a) for a in areas if a.verticalScrollBar().isVisible()]
    clipped = []
    for b in root.findChildren(QAbstractButton):
        if not b.isVisible() or b.width() == 0:
            continue
        label = b.text() or _name(b)
        if b.width() < b.minimumSizeHint().width():
            clipped.append(f"{label}: narrower than its text")
            continue
        scrolled_in = [a for a in areas if a.viewport().isAncestorOf(b)]
        if scrolled_in:  # below the fold is fine (the form scrolls); cut at the side is not
            vp = scrolled_in[-1].viewport()
            x = b.mapTo(vp, QPoint(0, 0)).x()
            if x < 0 or x + b.width() > vp.width():
                clipped.append(f"{label}: cut off at the side of {_name(scrolled_in[-1])}")
            continue
        top_left = b.mapTo(window, QPoint(0, 0))
        if not win_rect.contains(QRect(top_left, b.size())):
            clipped.append(f"{label}: outside the window")
    return {"horizontal_scroll_bars": hbars, "vertical_scroll_bars": vbars, "clipped_buttons": clipped}


def main() -> int:
    from plan_desktop.app import create_main_window, install_font_fallback

    app = QApplication(sys.argv[:1])
    install_font_fallback(app)
    work = Path(tempfile.mkdtemp(prefix="screen-check-"))
    try:
        db = work / "plan.sqlite"
        shutil.copyfile(ROOT / "data" / "plan.sqlite", db)
        window = create_main_window(db, QSettings(str(work / "fresh.ini"), QSettings.Format.IniFormat))
        window.show()
        for _ in range(5):
            app.processEvents()
        screen = window.screen()
        report: dict = {
            "available": _rect(screen.availableGeometry()),
            "device_pixel_ratio": screen.devicePixelRatio(),
            "window": _rect(window.frameGeometry()),
            "maximised": window.isMaximized(),
        }
        doc = window.document
        measure = max(doc.measures(), key=lambda m: len(m.blocks_for(2024)[0].items) if m.blocks_for(2024) else 0)
        doc.set_evaluation_fields(measure.id, 2024, "x", achievements="講座を開いた。\n" * 12)
        window.select_measure(measure.id)
        panel = window.editor.evaluation_panel
        window.editor.tabs.setCurrentWidget(panel)
        panel.set_fiscal_year(2024)
        for _ in range(5):
            app.processEvents()
        report["evaluation_tab"] = problems_in(panel)
        report["evaluation_tab_plan_beside"] = panel.plan_beside()
        report["main_window"] = problems_in(window.editor) | {
            "status_bar_inside": window.rect().contains(window.statusBar().geometry())}
        mode = window.open_evaluation_mode()
        mode.showMaximized()
        for _ in range(5):
            app.processEvents()
        report["mode_window"] = _rect(mode.frameGeometry())
        report["evaluation_mode"] = problems_in(mode.panel)
        report["evaluation_mode_plan_beside"] = mode.panel.plan_beside()
        print(json.dumps(report))  # ASCII: safe through any console encoding
        mode.close()
        window.close()
        doc.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
