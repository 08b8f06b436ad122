"""The rating-scale settings dialog: renames, refusals, undo."""

from __future__ import annotations

import pytest
from evaluation_sample import make_document

from plan_desktop.ui.rating_scale_dialog import RatingScaleDialog


@pytest.fixture
def odoc(qapp):
    return make_document()


def test_rating_scale_dialog_renames_and_undoes(qtbot, odoc):
    d = RatingScaleDialog(odoc)
    qtbot.addWidget(d)
    t = d.table
    assert [t.item(r, 0).text() for r in range(t.rowCount())] == ["S", "T", "U"]
    t.item(0, 0).setText("A")
    t.item(0, 3).setText("5")
    d.add_level()
    for c, v in enumerate(["X", "新しい段階", "説明", "1"]):
        t.item(3, c).setText(v)
    assert d.renames() == {"S": "A"}
    assert d.apply()
    assert [r.letter for r in odoc.data.rating_scale] == ["A", "T", "U", "X"]
    assert odoc.data.rating_scale[0].points == 5
    assert odoc.evaluation(odoc.measures()[0].id, 2031).rating == "A"
    odoc.undo_stack.undo()
    assert [r.letter for r in odoc.data.rating_scale] == ["S", "T", "U"]
    assert odoc.evaluation(odoc.measures()[0].id, 2031).rating == "S"


def test_rating_scale_dialog_shows_problems_and_keeps_the_input(qtbot, odoc):
    d = RatingScaleDialog(odoc)
    qtbot.addWidget(d)
    t = d.table
    t.item(1, 3).setText("三")
    assert not d.apply() and "2行目の点数" in d.error_label.text()
    t.item(1, 3).setText("3")
    t.item(1, 0).setText("S")
    assert not d.apply() and "重複" in d.error_label.text()
    t.item(1, 0).setText("T")
    d.remove_level(2)  # U is used by №2
    assert not d.apply() and "「U」" in d.error_label.text()
    assert t.rowCount() == 2 and [r.letter for r in odoc.data.rating_scale] == ["S", "T", "U"]
    d.reset_to_default()
    assert [t.item(r, 0).text() for r in range(t.rowCount())] == ["A", "B", "C", "D"]
    assert not d.apply()  # S, T and U are all in use and would vanish
    assert odoc.undo_stack.count() == 0
    d.move_level(3, -1)
    assert [t.item(r, 0).text() for r in range(t.rowCount())] == ["A", "B", "D", "C"]
