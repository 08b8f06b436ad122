"""The evaluation form follows the plan's stages: their names, one to three of them, the last one locks."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel

from plan_desktop.document.plan_document import PlanDocument
from plan_desktop.domain.model import Evaluation
from plan_desktop.domain.terms import EvaluationStage
from plan_desktop.ui.evaluation_panel import EvaluationPanel


@pytest.fixture
def city(qapp, city_file):
    d = PlanDocument.open(city_file)
    yield d
    d.close()


def _panel(qtbot, doc, measure_id, fy):
    p = EvaluationPanel(doc)
    qtbot.addWidget(p)
    p.set_measure(measure_id)
    p.set_fiscal_year(fy)
    return p


def _stages(doc, *names):
    frame = doc.frame()
    frame.terms.stages = [EvaluationStage(n) for n in names]
    doc.apply_frame(frame)


def test_stage_names_label_the_form_and_buttons(qtbot, city):
    m = city.data.measures[1]
    p = _panel(qtbot, city, m.id, 2024)
    assert p.first_stage_box.title() == "担当課の自己評価" and p.final_stage_box.title() == "行政評価委員会の評価"
    assert not p.middle_stage_box.isVisibleTo(p)
    assert p.buttons["department"].text() == "担当課確定" and p.buttons["council"].text() == "委員会確定"
    assert p.findChild(QLabel, "label_committee_opinion").text() == "行政評価委員会の意見"
    assert [p.combos["direction"].itemText(i) for i in range(1, p.combos["direction"].count())] == [
        "拡大", "維持", "統合", "休止", "廃止"]


def test_three_stages_walk_through_the_middle_one(qtbot, city, monkeypatch):
    _stages(city, "担当課", "部長会議", "行政評価委員会")
    m = city.data.measures[1]
    city.save_evaluation(m.id, Evaluation(2024, progress="着手", self_rating="B", middle_rating="C"))
    p = _panel(qtbot, city, m.id, 2024)
    monkeypatch.setattr(p, "ask", lambda title, text: True)
    assert p.middle_stage_box.isVisibleTo(p) and p.middle_stage_box.title() == "部長会議の評価"
    assert p.confirm_department()
    assert p.buttons["middle"].isEnabled() and p.buttons["middle"].text() == "部長会議確定"
    assert p.confirm_middle()
    e = city.measure(m.id).evaluation_for(2024)
    assert e.status == "中間確定" and e.rating == "C"
    assert p.buttons["draft"].text() == "担当課確定に戻す"
    p.buttons["council"].click()
    assert city.measure(m.id).evaluation_for(2024).status == "会議確定"
    assert "行政評価委員会確定" in p.status_label.text() and "ロック中" in p.status_label.text()


def test_a_single_stage_confirms_and_locks_at_once(qtbot, city, monkeypatch):
    _stages(city, "担当課")
    m = city.data.measures[1]
    city.save_evaluation(m.id, Evaluation(2024, progress="着手", self_rating="A"))
    p = _panel(qtbot, city, m.id, 2024)
    asked = []
    monkeypatch.setattr(p, "ask", lambda title, text: asked.append(title) or True)
    assert not p.buttons["council"].isVisibleTo(p) and not p.final_stage_box.isVisibleTo(p)
    p.buttons["department"].click()
    e = city.measure(m.id).evaluation_for(2024)
    assert asked == ["担当課確定"] and e.status == "会議確定" and e.rating == "A" and p.is_editable() is False


def test_a_year_outside_the_measures_years_is_not_evaluated(qtbot, city):
    ended = next(m for m in city.data.measures if m.fy_to == 2022)
    p = _panel(qtbot, city, ended.id, 2024)
    assert not p.is_editable() and "実施期間外" in p.lock_banner.text()
    assert "（期間外）" in p.year_combo.currentText()
    from plan_desktop.document.errors import EditError

    with pytest.raises(EditError, match="実施期間外"):
        city.set_evaluation_fields(ended.id, 2024, achievements="x")
