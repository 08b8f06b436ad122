"""The evaluation mode: all measures of a year, one form after another, by keyboard."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QWidget

from plan_desktop.document.plan_document import PlanDocument
from plan_desktop.storage.database import open_database
from plan_desktop.storage.repository import PlanRepository
from plan_desktop.ui.evaluation_mode import COL_MISSING, COL_STATUS, EvaluationModeWindow


@pytest.fixture
def mdoc(qapp, db_file):
    d = PlanDocument(PlanRepository(open_database(db_file)), db_file)
    yield d
    d.repo.db.close()


@pytest.fixture
def mode(qtbot, mdoc):
    ms = mdoc.measures()
    for m in ms[:3]:  # complete
        mdoc.set_evaluation_fields(m.id, 2024, "x", progress="実施中", rating="B", achievements="実施した")
    mdoc.set_evaluation_fields(ms[4].id, 2024, "x", progress="実施中")  # started, not complete
    w = EvaluationModeWindow(mdoc, 2024)
    qtbot.addWidget(w)
    w.show()
    return w


def test_lists_every_measure_of_the_year_with_its_state(mode, mdoc):
    assert mode.listed_ids() == [m.id for m in mdoc.measures()]
    first, fifth, sixth = (mode.list.topLevelItem(i) for i in (0, 4, 5))
    assert (first.text(COL_STATUS), first.text(COL_MISSING)) == ("下書き", "済")
    assert fifth.text(COL_MISSING) == "未入力" and "進捗評価" in fifth.toolTip(COL_MISSING)
    assert sixth.text(COL_STATUS) == "未作成"
    assert "入力済み 3 / 35" in mode.progress_label.text()
    assert mode.current_measure_id() == mdoc.measures()[0].id and mode.panel.fiscal_year() == 2024
    assert mode.panel.plan_beside() and not mode.panel.year_combo.isVisible()  # the window chooses the year


def test_next_previous_and_next_missing(mode, mdoc, qtbot):
    ms = mdoc.measures()
    assert not mode.prev_button.isEnabled()
    assert mode.go_next() and mode.current_measure_id() == ms[1].id
    assert mode.go_previous() and mode.current_measure_id() == ms[0].id
    assert mode.go_next_missing() and mode.current_measure_id() == ms[3].id  # №2, №3 are complete
    assert mode.go_next_missing() and mode.current_measure_id() == ms[4].id
    assert "5 / 35" in mode.position_label.text()
    with qtbot.waitSignal(mode.measureChanged) as sig:
        qtbot.keyClick(mode, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert sig.args == [ms[5].id]


def test_typed_text_is_stored_when_moving_on_and_the_list_follows(mode, mdoc):
    ms = mdoc.measures()
    mode.go_to(ms[5].id)
    edit = mode.panel.texts["achievements"]
    edit.setPlainText("地域で説明会を開いた")
    edit.document().setModified(True)
    mode.go_next()
    assert mdoc.evaluation(ms[5].id, 2024).achievements == "地域で説明会を開いた"
    assert mode.list.topLevelItem(5).text(COL_STATUS) == "下書き"


def test_department_filter_and_missing_only(mode, mdoc):
    dept = mdoc.measures()[10].departments[0]
    mode.department_combo.setCurrentIndex(mode.department_combo.findData(dept))
    ids = mode.listed_ids()
    assert ids and all(dept in mdoc.measure(i).departments for i in ids)
    mode.department_combo.setCurrentIndex(0)
    mode.go_to(mdoc.measures()[5].id)
    mode.missing_only.setChecked(True)
    assert mdoc.measures()[1].id not in mode.listed_ids() and mdoc.measures()[5].id in mode.listed_ids()


def test_year_change_reloads_list_and_form(mode, mdoc):
    mode.set_fiscal_year(2023)
    assert mode.panel.fiscal_year() == 2023 and "入力済み 0 / 35" in mode.progress_label.text()
    assert "令和5年度" in mode.windowTitle()


def _tab_stops(start: QWidget, count: int) -> list[QWidget]:
    out, w = [], start
    while len(out) < count:
        w = w.nextInFocusChain()
        if w is start:
            break
        if w.isVisible() and w.isEnabled() and w.focusPolicy() & Qt.FocusPolicy.TabFocus:
            out.append(w)
    return out


def test_every_field_is_reached_by_tab_in_visual_order(mode):
    panel = mode.panel
    fields = panel.field_order()
    stops = [w for w in _tab_stops(fields[0], 60) if w in fields]
    assert stops == [w for w in fields[1:] if w.isEnabled()]
    tops = [w.mapTo(panel, QPoint(0, 0)) for w in fields]
    for (a, pa), (b, pb) in zip(zip(fields, tops), zip(fields[1:], tops[1:])):
        assert pb.y() > pa.y() or (pb.y() == pa.y() and pb.x() > pa.x()), (a.objectName(), b.objectName())
