"""表示 → 評価の入力（全事項を順に）…: the action that opens the evaluation mode window (ui/evaluation_mode.py).

Apart from the window so that the main window's start does not import it
(with the workflow bar and the list it shows): it loads on first use.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence

if TYPE_CHECKING:
    from .evaluation_mode import EvaluationModeWindow


def install_evaluation_mode_action(main_window) -> QAction:
    """表示 → 評価の入力（全事項を順に）… (Ctrl+Shift+E), and the evaluation tab's button to the same window.

    Needs ``document``, ``view_menu``, ``editor`` (with ``evaluation_panel``), ``select_measure``
    and ``documentChanged`` on *main_window*.
    """
    act = QAction(QCoreApplication.translate("EvaluationModeWindow", "評価の入力（全事項を順に）(&E)…"), main_window)
    act.setObjectName("actionEvaluationMode")
    act.setShortcut(QKeySequence("Ctrl+Shift+E"))
    act.setStatusTip(QCoreApplication.translate(
        "EvaluationModeWindow", "年度の全事項の評価を、一覧を見ながら順に入力します"))

    def open_mode(measure_id: str | None = None, fy: int | None = None) -> EvaluationModeWindow:
        from .evaluation_mode import EvaluationModeWindow

        panel = main_window.editor.evaluation_panel
        previous = getattr(main_window, "evaluation_mode_window", None)
        if previous is not None:
            with contextlib.suppress(RuntimeError):  # already closed and deleted
                previous.close()
        window = EvaluationModeWindow(main_window.document, fy or panel.fiscal_year(),
                                      measure_id or panel.measure_id(), main_window)
        window.measureChanged.connect(main_window.select_measure)
        main_window.evaluation_mode_window = window
        window.show()
        window.activateWindow()
        first = window.panel.first_editable_field()
        if first is not None:  # ready to type, as after 次へ
            first.setFocus(Qt.FocusReason.ActiveWindowFocusReason)
        return window

    act.triggered.connect(lambda: open_mode())
    menu = main_window.view_menu
    overview = getattr(main_window, "act_overview", None)
    if overview is not None and overview in menu.actions():
        menu.insertAction(overview, act)
    else:
        menu.addAction(act)
    main_window.addAction(act)
    main_window.open_evaluation_mode = open_mode

    def connect_panel(*_args) -> None:
        # Not before the panel exists: the editor builds its evaluation tab after the first paint.
        main_window.editor.when_evaluation_panel_built(
            lambda panel: panel.modeRequested.connect(lambda mid, fy: open_mode(mid, fy)))

    main_window.documentChanged.connect(connect_panel)
    connect_panel()
    return act
