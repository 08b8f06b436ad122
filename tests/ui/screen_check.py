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
from PySide6.QtWidgets import QAbstractButton, QAbstractScrollArea, QApplication, QLineEdit, QTableView, QWidget

ROOT = Path(__file__).resolve().parents[2]


def _rect(r: QRect) -> list[int]:
    return [r.x(), r.y(), r.width(), r.height()]


def _name(w: QWidget) -> str:
    return w.objectName() or type(w).__name__


def _past_edge(w: QWidget, areas: list[QAbstractScrollArea], win_rect: QRect) -> bool:
    """*w* reaches past the side of the scroll area it scrolls in (below the fold is fine), or past the window."""
    scrolled_in = [a for a in areas if a is not w and a.viewport().isAncestorOf(w)]
    if scrolled_in:
        vp = scrolled_in[-1].viewport()
        x = w.mapTo(vp, QPoint(0, 0)).x()
        return x < 0 or x + w.width() > vp.width()
    return not win_rect.contains(QRect(w.mapTo(w.window(), QPoint(0, 0)), w.size()))


def _cut_by_parent(w: QWidget) -> bool:
    """*w* sticks out sideways from its parent (a scroll area's content may, it scrolls)."""
    parent = w.parentWidget()
    if parent is None or isinstance(parent.parentWidget(), QAbstractScrollArea) and \
            parent is parent.parentWidget().viewport():
        return False
    return w.x() < 0 or w.x() + w.width() > parent.width()


def problems_in(root: QWidget) -> dict[str, list[str]]:
    """Horizontal scroll bars shown, vertical ones shown, buttons cut off, table columns cut off
    (no scroll bar, wider than the table) and parts past the window's edge, inside *root*."""
    window = root.window()
    win_rect = QRect(QPoint(0, 0), window.size())
    areas = [a for a in root.findChildren(QAbstractScrollArea) if a.isVisible()]
    hbars = [_name(a) for a in areas if a.horizontalScrollBar().isVisible()]
    vbars = [_name(a) for a in areas if a.verticalScrollBar().isVisible()]
    columns = [f"{_name(v)}: {v.horizontalHeader().length()} > {v.viewport().width()}"
               for v in areas if isinstance(v, QTableView) and not v.horizontalScrollBar().isVisible()
               and v.horizontalHeader().length() > v.viewport().width() + 1]
    past_edge = [_name(w) for w in [root, *areas] if _past_edge(w, areas, win_rect)]
    past_edge += [f"{_name(w)} in {_name(w.parentWidget())}" for w in root.findChildren(QWidget)
                  if w.isVisible() and not w.isWindow() and _cut_by_parent(w)]
    clipped = []
    for b in root.findChildren(QAbstractButton):
        if not b.isVisible() or b.width() == 0 or isinstance(b.parentWidget(), QLineEdit):
            continue  # a line edit's own clear button is an icon sized by the line edit
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
    return {"horizontal_scroll_bars": hbars, "vertical_scroll_bars": vbars, "clipped_buttons": clipped,
            "clipped_columns": columns, "past_window_edge": past_edge}


def fields_in_view(panel) -> list[str]:
    """The evaluation form's input fields wholly in view in its scroll area, without scrolling."""
    vp = panel.scroll.viewport()
    inputs = {**panel.texts, **panel.combos, **{k: d.line for k, d in panel.dates.items()}}
    shown = []
    for key, w in inputs.items():
        if not w.isVisible():
            continue
        top = w.mapTo(vp, QPoint(0, 0)).y()
        if top >= 0 and top + w.height() <= vp.height():
            shown.append(key)
    return shown


def _every_tab(app: QApplication, window) -> dict[str, list[str]]:
    """problems_in the whole main window (tree, editor, timeline) with each editor tab shown in turn."""
    merged: dict[str, list[str]] = {}
    for i in range(window.editor.tabs.count()):
        window.editor.tabs.setCurrentIndex(i)
        for _ in range(5):
            app.processEvents()
        for key, found in problems_in(window).items():
            merged.setdefault(key, [])
            merged[key] += [f for f in found if f not in merged[key]]
    return merged


def _dialogs(app: QApplication, window) -> dict[str, dict]:
    """Each window a menu opens (printing aside): where it is, what it needs, and what is cut off in it."""
    from plan_desktop.ui.printing import ReportOptionsDialog

    openers = {
        "dashboard": window.show_evaluation_overview,
        "history": window.show_evaluation_history,
        "rating_scale": window.show_rating_scale,
        "settings": window.show_settings,
        "about": window.show_about,
        "help": lambda: window.open_help("evaluation"),
        "review": window.review_actions.open_review,
        "next_period": window.review_actions.open_wizard,
        "communities": window.review_actions.open_communities,
        "restore": lambda: _shown(window.safety_actions.make_restore_dialog()),
        "print_options": lambda: _shown(ReportOptionsDialog(
            "評価シート", years=window.document.plan.fiscal_years, fy=2024, kind="sheets", parent=window)),
    }
    area = window.screen().availableGeometry()
    out = {}
    for name, opener in openers.items():
        dialog = opener()
        for _ in range(5):
            app.processEvents()
        found = problems_in(dialog)
        hint = dialog.minimumSizeHint()
        out[name] = {"inside": area.contains(dialog.frameGeometry()),
                     "minimum_fits": hint.width() <= area.width() and hint.height() <= area.height(),
                     "clipped_buttons": found["clipped_buttons"], "past_window_edge": found["past_window_edge"]}
        dialog.close()
    return out


def _shown(dialog: QWidget) -> QWidget:
    dialog.show()
    return dialog


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
        report["evaluation_fields_in_view"] = fields_in_view(panel)
        report["timeline_fits_a_row"] = window.timeline.height() >= window.timeline.height_for_rows(1)
        report["main_window"] = _every_tab(app, window) | {
            "status_bar_inside": window.rect().contains(window.statusBar().geometry())}
        window.editor.tabs.setCurrentWidget(panel)
        mode = window.open_evaluation_mode()  # shown as the app shows it (sized to the screen)
        for _ in range(5):
            app.processEvents()
        report["mode_window"] = _rect(mode.frameGeometry())
        report["evaluation_mode"] = problems_in(mode.panel)
        report["evaluation_mode_plan_beside"] = mode.panel.plan_beside()
        mode.close()
        report["dialogs"] = _dialogs(app, window)
        # The font-size setting (表示 → 設定…) at 14 pt, as a user who needs larger text has it.
        window.apply_font_size(14)
        window.editor.tabs.setCurrentWidget(panel)
        for _ in range(5):
            app.processEvents()
        report["evaluation_tab_14pt"] = problems_in(panel)
        panel.scroll.verticalScrollBar().setValue(0)
        for _ in range(5):
            app.processEvents()
        report["evaluation_fields_in_view_14pt"] = fields_in_view(panel)
        report["timeline_fits_a_row_14pt"] = window.timeline.height() >= window.timeline.height_for_rows(1)
        report["dialogs_14pt"] = _dialogs(app, window)
        print(json.dumps(report))  # ASCII: safe through any console encoding
        window.close()
        doc.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
