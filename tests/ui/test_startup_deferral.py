"""Start-up: the hidden 進捗評価 tab is built after the first paint, and the window works the same."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget

EVALUATION_TAB = 2


class _FirstPaintProbe(QObject):
    """Records, at the window's first paint, whether the evaluation panel existed."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.built_at_first_paint: bool | None = None

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.Paint and self.built_at_first_paint is None:
            self.built_at_first_paint = self.window.editor.evaluation_panel_is_built()
        return False


def test_evaluation_tab_is_a_placeholder_until_needed(window):
    editor = window.editor
    assert window.current_measure_id() is not None  # a measure is shown in the first frame
    assert not editor.evaluation_panel_is_built()
    placeholder = editor.tabs.widget(EVALUATION_TAB)
    assert placeholder.objectName() == "evaluationPanelPlaceholder"
    assert editor.tabs.tabText(EVALUATION_TAB) == "進捗評価"
    assert window.commit_pending_input() == 0  # Ctrl+S and closing work without it


def test_evaluation_tab_is_built_after_the_first_paint(window, qtbot):
    probe = _FirstPaintProbe(window)
    window.installEventFilter(probe)
    window.show()
    qtbot.waitUntil(lambda: probe.built_at_first_paint is not None, timeout=10_000)
    assert probe.built_at_first_paint is False
    qtbot.waitUntil(window.editor.evaluation_panel_is_built, timeout=10_000)  # shortly after, by itself
    editor = window.editor
    assert editor.tabs.widget(EVALUATION_TAB) is editor.evaluation_panel
    assert editor.tabs.currentIndex() == 0  # building it did not switch tabs
    assert editor.evaluation_panel.measure_id() == window.current_measure_id()
    assert window.findChild(QWidget, "evaluationPanelPlaceholder") is None or \
        editor.tabs.indexOf(window.findChild(QWidget, "evaluationPanelPlaceholder")) == -1


def test_choosing_the_evaluation_tab_builds_it_at_once(window, doc, qtbot):
    editor = window.editor
    m = doc.data.measure_by_no(3)
    window.select_measure(m.id)  # chosen before the panel exists: it shows this measure when built
    assert not editor.evaluation_panel_is_built()
    editor.tabs.setCurrentIndex(EVALUATION_TAB)
    assert editor.evaluation_panel_is_built()
    panel = editor.evaluation_panel
    assert editor.tabs.currentWidget() is panel and editor.tabs.currentIndex() == EVALUATION_TAB
    assert editor.tabs.tabText(EVALUATION_TAB) == "進捗評価"
    assert panel.measure_id() == m.id
    # The main window's connections to the panel were made when it was built.
    panel.buttons["mode"].click()
    mode = window.evaluation_mode_window  # a child of the window: closed with it
    assert mode.isVisible() and mode.panel.measure_id() == m.id


def test_reading_the_panel_builds_it_in_place(window, doc):
    editor = window.editor
    panel = editor.evaluation_panel  # callers never see it missing
    assert editor.evaluation_panel_is_built() and editor.evaluation_panel is panel
    assert editor.tabs.indexOf(panel) == EVALUATION_TAB and editor.tabs.currentIndex() == 0
    assert panel.measure_id() == window.current_measure_id()
    other = doc.data.measure_by_no(5)
    window.select_measure(other.id)
    assert panel.measure_id() == other.id
