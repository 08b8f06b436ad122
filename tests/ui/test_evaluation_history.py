"""Every year's evaluation side by side, on a plan that is not Hitachi's."""

from __future__ import annotations

import pytest
from evaluation_sample import make_document

from plan_desktop.ui.evaluation_history import EvaluationHistoryDialog, EvaluationHistoryWidget


@pytest.fixture
def odoc(qapp):
    return make_document()


def test_history_puts_years_side_by_side(qtbot, odoc):
    m = odoc.measures()[0]
    odoc.set_evaluation_fields(m.id, 2030, "x", rating="T", issues="初年度の課題", self_author="佐藤", self_date="2030-05-01")
    w = EvaluationHistoryWidget(odoc)
    qtbot.addWidget(w)
    w.set_measure(m.id)
    assert w.years() == [2030, 2031]
    assert w.cell_text("rating", 2030) == "T 概ね順調" and w.cell_text("rating", 2031) == "S 順調"
    assert w.cell_text("issues", 2030) == "初年度の課題"
    assert "佐藤" in w.cell_text("self", 2030) and "2030" not in w.cell_text("self", 2030)  # 令和 date
    assert w.cell_text("indicators", 2031) == "件数: 30 / 40件（75.0%）"
    assert w.table.horizontalHeaderItem(0).text().startswith("令和12年度")
    odoc.set_evaluation_fields(m.id, 2033, "x", achievements="後で")
    assert w.years() == [2030, 2031, 2033]
    w.set_show_all_years(True)
    assert w.years() == odoc.plan.fiscal_years and w.cell_text("status", 2032) == "（評価なし）"
    with qtbot.waitSignal(w.fiscalYearActivated) as sig:
        w.table.cellDoubleClicked.emit(3, 1)
    assert sig.args == [2031]
    d = EvaluationHistoryDialog(odoc, odoc.measures()[2].id)
    qtbot.addWidget(d)
    assert d.history.years() == [2030]
