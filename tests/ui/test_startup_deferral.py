"""Start-up: the hidden tabs (年度別行動計画's blocks, 進捗評価) are made and the timeline's chart is
painted after the first paint, and the window works the same."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

PLAN_TAB = 1
EVALUATION_TAB = 2


class _FirstPaintProbe(QObject):
    """Records, at the window's first paint, whether the evaluation panel existed."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.built_at_first_paint: bool | None = None
        self.plan_filled_at_first_paint: bool | None = None
        self.chart_painted_at_first_paint: bool | None = None

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.Paint and self.built_at_first_paint is None:
            self.built_at_first_paint = self.window.editor.evaluation_panel_is_built()
            self.plan_filled_at_first_paint = self.window.editor.plan_tab_is_filled()
            self.chart_painted_at_first_paint = self.window.timeline.body_is_painted()
        return False


def _shown_with_probe(window, qtbot) -> _FirstPaintProbe:
    """Show *window* and wait for its first paint; what was there then is in the probe."""
    probe = _FirstPaintProbe(window)
    window.installEventFilter(probe)
    window.show()
    qtbot.waitUntil(lambda: probe.built_at_first_paint is not None, timeout=10_000)
    return probe


def test_evaluation_tab_is_a_placeholder_until_needed(window):
    editor = window.editor
    assert window.current_measure_id() is not None  # a measure is shown in the first frame
    assert not editor.evaluation_panel_is_built()
    placeholder = editor.tabs.widget(EVALUATION_TAB)
    assert placeholder.objectName() == "evaluationPanelPlaceholder"
    assert editor.tabs.tabText(EVALUATION_TAB) == "進捗評価"
    assert window.commit_pending_input() == 0  # Ctrl+S and closing work without it


def test_evaluation_tab_is_built_after_the_first_paint(window, qtbot):
    assert _shown_with_probe(window, qtbot).built_at_first_paint is False
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


# ------------------------------------------------------------------ 年度別行動計画
def _block_years(editor) -> list[tuple[str, str]]:
    return [(b.from_edit.text(), b.to_edit.text()) for b in editor.action_plan.blocks]


def _stored_years(measure) -> list[tuple[str, str]]:
    from plan_desktop.domain.fiscal import fy_label

    return [(fy_label(b.fy_from), fy_label(b.fy_to)) for b in measure.action_plan]


def test_plan_tab_blocks_are_made_after_the_first_paint(window, qtbot):
    assert _shown_with_probe(window, qtbot).plan_filled_at_first_paint is False
    editor = window.editor
    qtbot.waitUntil(editor.plan_tab_is_filled, timeout=10_000)  # shortly after, by itself
    assert editor.tabs.currentIndex() == 0  # filling it did not switch tabs
    m = window.document.measure(window.current_measure_id())
    assert m.action_plan and len(editor.action_plan._blocks) == len(m.action_plan)
    assert _block_years(editor) == _stored_years(m)


def test_choosing_the_plan_tab_fills_it_with_the_measure_shown(window, doc):
    editor = window.editor
    m = doc.data.measure_by_no(3)
    window.select_measure(m.id)  # switched before the tab is filled
    assert not editor.plan_tab_is_filled() and editor.action_plan._blocks == []
    editor.tabs.setCurrentIndex(PLAN_TAB)
    assert editor.plan_tab_is_filled()
    assert editor.tabs.tabText(PLAN_TAB) == "年度別行動計画"
    assert _block_years(editor) == _stored_years(m)
    other = doc.data.measure_by_no(5)
    window.select_measure(other.id)  # from then on each measure fills it at once
    assert _block_years(editor) == _stored_years(doc.measure(other.id))


def test_reading_the_blocks_fills_the_tab_with_the_current_plan(window, doc):
    editor = window.editor
    m = doc.data.measure_by_no(2)
    window.select_measure(m.id)
    blocks = [replace(b) for b in doc.measure(m.id).action_plan][:1]
    doc.update_measure(m.id, "年度別行動計画の変更", action_plan=blocks)  # a change before the tab is filled
    assert not editor.plan_tab_is_filled()
    assert len(editor.action_plan.blocks) == 1  # callers never see it empty
    assert editor.plan_tab_is_filled()
    assert _block_years(editor) == _stored_years(doc.measure(m.id))
    assert editor.action_plan.committed == doc.measure(m.id).action_plan


def test_an_edit_in_the_plan_tab_right_away_is_kept(window, doc, qtbot):
    window.show()
    qtbot.waitExposed(window)
    editor = window.editor
    editor.tabs.setCurrentIndex(PLAN_TAB)  # chosen before the deferred fill
    block = editor.action_plan.blocks[0]
    item = block.tree.topLevelItem(0)
    item.setText(0, "すぐに書き直した項目")
    m = doc.measure(window.current_measure_id())
    assert m.action_plan[0].items[0].text == "すぐに書き直した項目"
    qtbot.waitUntil(editor.evaluation_panel_is_built, timeout=10_000)  # the deferred work has run
    assert editor.action_plan.blocks[0].tree.topLevelItem(0).text(0) == "すぐに書き直した項目"


def test_the_plan_tab_shows_a_search_match_before_it_is_filled(window, doc):
    editor = window.editor
    m = doc.measure(window.current_measure_id())
    word = m.action_plan[0].items[0].text[:4]
    editor.set_search_terms([word])
    assert not editor.plan_tab_is_filled()
    assert editor.tabs.tabText(PLAN_TAB) == "年度別行動計画（一致）"
    editor.set_search_terms(["該当しない語句ｘｙｚ"])
    assert editor.tabs.tabText(PLAN_TAB) == "年度別行動計画"
    editor.set_search_terms([word])
    editor.fill_plan_tab()
    assert editor.tabs.tabText(PLAN_TAB) == "年度別行動計画（一致）"  # the same once the blocks are made


# ------------------------------------------------------------------ the timeline's chart
def _colours(widget) -> set[int]:
    img = widget.grab().toImage()
    return {img.pixel(x, y) for x in range(0, img.width(), 7) for y in range(0, img.height(), 7)}


def test_the_timeline_chart_is_painted_right_after_the_first_frame(window, qtbot):
    assert _shown_with_probe(window, qtbot).chart_painted_at_first_paint is False
    tl = window.timeline
    qtbot.waitUntil(tl.body_is_painted, timeout=10_000)  # by itself, at once
    assert len(_colours(tl.viewport())) > 3  # header, rows, bars: not the bare background


def test_a_hidden_windows_timeline_paints_its_chart_in_full(window):
    tl = window.timeline
    assert not window.isVisible() and not tl.body_is_painted()  # the window's first frame is still to come
    assert len(_colours(tl.viewport())) > 3  # a grab is not held back
    tl.paint_body()
    assert tl.body_is_painted()


def test_a_click_and_a_key_in_the_timeline_before_its_chart_is_painted_work(window, doc):
    tl = window.timeline
    assert not tl.body_is_painted()
    target = doc.data.measure_by_no(2)
    QTest.mouseClick(tl.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     tl.cell_rect(target.id, doc.plan.fiscal_years[0]).center())
    assert window.current_measure_id() == target.id
    assert window.editor.title_edit.text() == target.title
    QTest.keyClick(tl, Qt.Key.Key_Down)
    assert window.current_measure_id() == doc.data.measure_by_no(3).id


def test_the_evaluation_panel_made_after_the_first_paint_is_the_one_the_tab_shows(window, doc, qtbot, monkeypatch):
    """The panel is made in one turn of the event loop and put in its tab in the next; a user who
    chooses the tab between the two gets that panel, made once, showing the measure shown."""
    from plan_desktop.ui import detail_editor

    made = []
    real = detail_editor.DetailEditor._make_evaluation_panel
    monkeypatch.setattr(detail_editor.DetailEditor, "_make_evaluation_panel",
                        lambda self: made.append(real(self)) or made[-1])
    editor = window.editor
    window.show()
    qtbot.waitUntil(lambda: editor._made_panel is not None or editor.evaluation_panel_is_built(), timeout=10_000)
    if not editor.evaluation_panel_is_built():  # between the turns: the user chooses the tab
        editor.tabs.setCurrentIndex(EVALUATION_TAB)
    assert editor.evaluation_panel_is_built()
    assert made == [editor.evaluation_panel] and editor.tabs.widget(EVALUATION_TAB) is made[0]
    assert editor.evaluation_panel._measure_id == editor._measure_id
    qtbot.wait(50)
    assert len(made) == 1
