"""ファイル → 新規作成: an empty plan from a short wizard, or a plan from a file with a preview."""

from __future__ import annotations

from pathlib import Path

from other_city import OTHER_CITY_JSON
from PySide6.QtWidgets import QFileDialog

from plan_desktop.ui.new_plan_wizard import EMPTY, FROM_FILE, PAGE_EMPTY, PAGE_FILE, NewPlanWizard


def test_empty_plan_page_is_complete_only_when_valid(qtbot):
    w = NewPlanWizard("見本の計画")
    qtbot.addWidget(w)
    page = w.empty_page
    assert not page.isComplete()  # no title yet
    page.title_edit.setText("みなと市実施計画")
    page.fy_start.setValue(2024)
    page.fy_end.setValue(2028)
    page.measure_word.setText("事業")
    page.levels.table.item(0, 0).setText("基本目標")
    page.levels.add_row(["施策", ""])
    page.periods.add_row(["前期", 2024, 2026])
    page.groups.setPlainText("安心のまち\n活力のまち")
    assert page.isComplete()
    data = page.plan()
    assert [lv.name for lv in data.terms.levels] == ["基本目標", "施策"] and data.terms.measure == "事業"
    assert [v.title for v in data.viewpoints] == ["安心のまち", "活力のまち"] and not data.measures
    page.periods.add_row(["後期", 2027, 2031])  # past the plan's end
    assert not page.isComplete() and "計画期間" in page.problems.text()


def test_from_file_previews_json_and_refuses_bad_files_with_reasons(qtbot, tmp_path):
    w = NewPlanWizard()
    qtbot.addWidget(w)
    page = w.file_page
    assert page.load(OTHER_CITY_JSON) and page.isComplete()
    assert "事業 60 件" in page.summary.text() and page.list.count() == 23
    assert page.list.item(2).text().startswith("\u3000\u3000施策1-1-1")
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    assert not page.load(bad) and not page.isComplete()
    assert "JSON として読めません" in page.list.item(0).text()


def test_new_file_creates_an_empty_plan_with_its_own_words(window, tmp_path, reopen, monkeypatch):
    target = tmp_path / "みなと市"

    def fill(self):
        w = NewPlanWizard()
        w.choice_page.empty.setChecked(True)
        w.empty_page.title_edit.setText("みなと市実施計画")
        w.empty_page.measure_word.setText("事業")
        return w.result_data()

    monkeypatch.setattr(type(window.files), "ask_new_plan", fill)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    window.act_new.trigger()
    created = target.with_suffix(".sqlite")
    assert Path(window.document.path) == created
    data = reopen(created)
    assert data.plan.title == "みなと市実施計画" and data.measures == [] and data.terms.measure == "事業"
    assert window.act_add.text().startswith("事業の追加")


def test_wizard_pages_follow_the_choice(qtbot):
    w = NewPlanWizard("見本")
    qtbot.addWidget(w)
    assert w.choice() == EMPTY and w.choice_page.nextId() == PAGE_EMPTY
    w.choice_page.from_file.setChecked(True)
    assert w.choice() == FROM_FILE and w.choice_page.nextId() == PAGE_FILE
    w.choice_page.example.setChecked(True)
    assert w.choice_page.nextId() == -1 and w.result_data() is None


def test_a_structure_workbook_is_previewed_and_becomes_the_new_plan(window, tmp_path, reopen, monkeypatch):
    """ファイル → 新規作成 → 「ファイルから」 with the city's own workbook (構成テンプレート): the page
    previews the groups at every level, and the plan created holds its groups, codes and words."""
    from other_city import other_city_plan

    from plan_desktop.exchange.structure import write_structure

    book = tmp_path / "若葉市 構成.xlsx"
    write_structure(other_city_plan(), book)
    target = tmp_path / "若葉市"

    def fill(self):
        w = NewPlanWizard()
        w.choice_page.from_file.setChecked(True)
        assert w.file_page.load(book) and w.file_page.isComplete()
        assert "事業 60 件" in w.file_page.summary.text()
        items = [w.file_page.list.item(i).text() for i in range(w.file_page.list.count())]
        assert "\u3000\u3000\u30001-2-1-1\u3000食育の推進（事業 4 件）" in items  # a fourth level, indented
        return w.result_data()

    monkeypatch.setattr(type(window.files), "ask_new_plan", fill)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    window.act_new.trigger()
    data = reopen(target.with_suffix(".sqlite"))
    assert len(data.measures) == 60 and len(data.viewpoints) == 23
    assert data.measures[0].code == "1010101" and data.terms.measure == "事業"
    assert window.model.index(0, 0).data().startswith("まちづくり方針1")
