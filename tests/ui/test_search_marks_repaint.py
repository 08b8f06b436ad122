"""A keystroke that keeps the rows but changes what is marked in them repaints every row in view.

On a plan whose groups hold more rows than a window shows, the rows in view are children of
the first group's row; a repaint asked for the top-level rows alone left them showing the
previous query's marks (before the tree's viewport is fetched, in the first second).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from generated_plans import generated_plan_file

from plan_desktop.ui import highlight, measure_browser
from plan_desktop.ui.measure_tree_model import MeasureIdRole


@pytest.fixture(scope="module")
def grouped_template(tmp_path_factory) -> Path:
    return generated_plan_file(tmp_path_factory.mktemp("grouped"), 150)


@pytest.fixture
def painted(monkeypatch) -> list[str]:
    """Ids of the measures whose titles are painted, in order (the delegate's paint, spied)."""
    seen: list[str] = []
    paint = highlight.TitleDelegate.paint

    def spy(self, painter, option, index):
        mid = index.data(MeasureIdRole)
        if mid:
            seen.append(mid)
        return paint(self, painter, option, index)

    monkeypatch.setattr(highlight.TitleDelegate, "paint", spy)
    return seen


def _rows_in_view(window) -> set[str]:
    tree = window.tree
    area = tree.viewport().rect()
    out: set[str] = set()
    index = tree.indexAt(area.topLeft())
    while index.isValid() and tree.visualRect(index).intersects(area):
        mid = index.data(MeasureIdRole)
        if mid:
            out.add(mid)
        index = tree.indexBelow(index)
    return out


@pytest.mark.parametrize("viewport_fetched", [False, True], ids=["first second", "later"])
def test_a_longer_query_matching_the_same_rows_repaints_every_row_in_view(
        qtbot, grouped_template, tmp_path, settings, no_modal_dialogs, monkeypatch, painted, viewport_fetched):
    from plan_desktop.app import create_main_window

    db = tmp_path / "計画.sqlite"
    db.write_bytes(grouped_template.read_bytes())
    if not viewport_fetched:
        monkeypatch.setattr(measure_browser, "FETCH_VIEWPORT_AFTER_MS", 600_000)
    w = create_main_window(db, settings)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    qtbot.waitExposed(w)
    if viewport_fetched:
        qtbot.waitUntil(lambda: w.browser._viewport is not None, timeout=5000)
    w.search_box.setText("コミュ")
    qtbot.waitUntil(lambda: not w.proxy.searching(), timeout=10_000)
    rows_before = w.proxy.visible_measure_ids()
    painted.clear()
    w.search_box.setText("コミュニ")  # every measure here that has コミュ has コミュニ: the same rows, new marks
    qtbot.wait(50)
    assert w.proxy.visible_measure_ids() == rows_before
    in_view = _rows_in_view(w)
    assert len(in_view) > 10
    assert in_view <= set(painted)
    w.document.close()
