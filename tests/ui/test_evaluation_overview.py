"""The evaluation dashboard on a plan that is not Hitachi's (2 viewpoints, 5 measures, S/T/U)."""

from __future__ import annotations

import pytest
from evaluation_sample import make_document

from plan_desktop.ui.evaluation_overview import EvaluationOverviewDialog, EvaluationOverviewWidget


@pytest.fixture
def odoc(qapp):
    return make_document(confirmed=True)  # the figures below count confirmed ratings (the default rule)


def test_dashboard_shows_the_known_figures(qtbot, odoc):
    w = EvaluationOverviewWidget(odoc, 2031)
    qtbot.addWidget(w)
    o = w.overview()
    assert w.fiscal_year() == 2031
    t = w.counts_table
    headers = [t.horizontalHeaderItem(c).text() for c in range(t.columnCount())]
    assert headers == ["取組", "S", "T", "U", "未評価", "平均点", "着手"]  # the plan names no word: neutral
    rows = [[t.item(r, c).text() for c in range(t.columnCount())] for r in range(t.rowCount())]
    assert rows == [
        ["3", "1", "0", "1", "1", "3.00", "2（66.7%）"],
        ["2", "0", "1", "0", "1", "3.00", "2（100.0%）"],
        ["5", "1", "1", "1", "2", "3.00", "4（80.0%）"],
    ]
    assert t.verticalHeaderItem(0).text() == "分野1 視点あ" and t.verticalHeaderItem(2).text() == "合計"
    assert "3 / 5" in w.summary_label.text() and "未評価 2" in w.summary_label.text()
    start = w.start_label.text()
    assert "80.0%" in start and "令和14年度" in start and "残り 1 件" in start and "あと 1 年度" in start
    assert o.start.deadline == 2032  # from the plan's first period, not a fixed year
    assert [w.unevaluated_list.item(i).text().split("　")[0] for i in range(w.unevaluated_list.count())] == [
        "№3 三番目", "№5 五番目"]
    assert w.low_box.title().startswith("T・U")
    assert [w.low_list.item(i).text().split("　")[:2] for i in range(w.low_list.count())] == [
        ["U", "№2 【重点】二番目"], ["T", "№4 四番目"]]
    segments = w.rating_chart.segments(o.total)
    assert [(s[0], s[1]) for s in segments] == [("S", 1), ("T", 1), ("U", 1), ("未評価", 2)]
    w.resize(1100, 800)
    w.show()
    assert not w.grab().isNull()  # both charts paint


def test_dashboard_follows_year_and_edits_and_jumps_to_measures(qtbot, odoc):
    w = EvaluationOverviewWidget(odoc, 2031)
    qtbot.addWidget(w)
    m3 = odoc.measures()[2]
    odoc.set_evaluation_fields(m3.id, 2031, "x", rating="S")  # a new draft: not counted until asked
    assert w.overview().total.counts == {"S": 1, "T": 1, "U": 1}
    w.drafts_check.setChecked(True)
    assert w.overview().total.counts == {"S": 2, "T": 1, "U": 1}
    assert w.unevaluated_list.count() == 1
    with qtbot.waitSignal(w.measureActivated) as sig:
        w.unevaluated_list.itemActivated.emit(w.unevaluated_list.item(0))
    assert sig.args == [odoc.measures()[4].id]
    with qtbot.waitSignal(w.measureActivated) as sig:
        w.low_list.itemActivated.emit(w.low_list.item(0))
    assert sig.args == [odoc.measures()[1].id]
    i = w.year_combo.findData(2033)
    w.year_combo.setCurrentIndex(i)
    with qtbot.waitSignal(w.fiscalYearChanged):
        w.year_combo.activated.emit(i)
    assert w.overview().fy == 2033 and w.overview().start.overdue
    assert "過ぎて" in w.start_label.text()
    assert w.low_list.count() == 1 and not w.low_list.item(0).flags()  # the "none" note is not a jump target
    w.low_list.itemActivated.emit(w.low_list.item(0))  # and emits nothing


def test_dashboard_dialog_passes_activation_on(qtbot, odoc):
    d = EvaluationOverviewDialog(odoc, 2031)
    qtbot.addWidget(d)
    lw = d.overview_widget.unevaluated_list
    with qtbot.waitSignal(d.measureActivated) as sig:
        lw.itemActivated.emit(lw.item(0))
    assert sig.args == [odoc.measures()[2].id]


def test_dashboard_follows_the_chosen_period(qtbot, db_file):
    from plan_desktop.document.plan_document import PlanDocument
    from plan_desktop.ui.evaluation_overview import EvaluationOverviewWidget

    doc = PlanDocument.open(db_file)
    first = doc.measures()[0]
    doc.update_measure(first.id, "期間", period="後期")
    w = EvaluationOverviewWidget(doc, 2024)
    qtbot.addWidget(w)
    assert w.overview().total.measures == len(doc.measures())
    doc.set_period_filter("前期")
    assert w.overview().total.measures == len(doc.measures()) - 1
    doc.close()


def test_headline_in_the_target_year_does_not_say_it_is_past(qtbot, odoc, monkeypatch):
    from plan_desktop.ui import evaluation_overview

    monkeypatch.setattr(evaluation_overview, "current_fiscal_year", lambda: 2032)  # November of the target year
    w = EvaluationOverviewWidget(odoc, 2032)
    qtbot.addWidget(w)
    assert w.overview().start.deadline == 2032 and w.overview().start.remaining > 0
    text = w.start_label.text()
    assert "過ぎて" not in text and "令和14年度中に" in text and "今年度が目標年度" in text
    monkeypatch.setattr(evaluation_overview, "current_fiscal_year", lambda: 2033)  # the year after
    w2 = EvaluationOverviewWidget(odoc, 2032)
    qtbot.addWidget(w2)
    assert "過ぎて" in w2.start_label.text()


def test_a_closed_dashboard_does_not_break_choosing_another_period(window, qtbot):
    dlg = window.show_evaluation_overview()
    with qtbot.waitSignal(dlg.destroyed, timeout=5000):
        dlg.close()  # deleted on close
    window.document.set_period_filter("後期")  # once: RuntimeError from the deleted dashboard's combo box
    window.document.set_period_filter(None)
    assert window.visible_measure_ids()


def _printed_summary_text(doc, fy: int, **options) -> str:
    """The body of the 評価結果一覧 the print menu makes (its options default as the print dialog's), whitespace removed."""
    import io
    import re

    from pypdf import PdfReader

    from plan_desktop.reports.base import ReportOptions
    from plan_desktop.reports.summary import build_summary

    pdf = build_summary(doc.filtered_data(), fy, options=ReportOptions(invariant=True, **options)).pdf
    return re.sub(r"[\s\u00a0\u3000]+", "", "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))


def _dashboard_total_as_printed(w) -> str:
    """The dashboard's 合計 row in the printed table's order: counts, 未評価, 計, 平均点, 着手率."""
    t = w.counts_table
    row = [t.item(t.rowCount() - 1, c).text() for c in range(t.columnCount())]
    measures, *counts, unrated, average, started = row
    share = started[started.index("（") + 1:-1]
    return "".join([*counts, unrated, measures, average.replace("—", "－"), share])


def test_dashboard_counts_what_the_printed_summary_counts_for_a_plan_with_drafts(qtbot, qapp):
    """One rule: by default only 会議確定 ratings count, on paper and on the dashboard, and both say so;
    ticking 「…も数える」 matches the print option that includes drafts (printed as 案)."""
    from evaluation_sample import other_plan

    from plan_desktop.document.plan_document import PlanDocument
    from plan_desktop.domain.evaluation import COUNCIL_CONFIRMED
    from plan_desktop.domain.model import Evaluation
    from plan_desktop.storage.database import open_database
    from plan_desktop.storage.repository import PlanRepository

    data = other_plan()  # FY2031: №1 S and №4 T confirmed; №2 U a draft; №3 S a draft (所管課確定); №5 no rating
    for m in data.measures:
        for e in m.evaluations:
            e.status = COUNCIL_CONFIRMED if m.no in (1, 4) else "下書き"
    data.measures[2].evaluations.append(Evaluation(fy=2031, rating="S", progress="実施中", status="所管課確定"))
    repo = PlanRepository(open_database(memory=True))
    repo.replace_all(data)
    doc = PlanDocument(repo)
    w = EvaluationOverviewWidget(doc, 2031)
    qtbot.addWidget(w)
    o = w.overview()
    assert not w.drafts_check.isChecked() and not o.include_drafts
    assert [r.no for r in o.unconfirmed] == [2, 3]
    assert o.total.counts == {"S": 1, "T": 1, "U": 0} and o.total.unevaluated == 3
    confirmed_only = _printed_summary_text(doc, 2031)
    assert _dashboard_total_as_printed(w) in confirmed_only
    assert "確定した評価" in w.basis_label.text() and "のみ" in w.basis_label.text()
    assert f"確定していない評価 {len(o.unconfirmed)} 件" in w.basis_label.text()
    assert f"確定していない評価{len(o.unconfirmed)}件" in confirmed_only  # the page says the same
    # the draft is listed as not counted, with its rating in brackets
    texts = [w.unevaluated_list.item(i).text() for i in range(w.unevaluated_list.count())]
    assert any(t.startswith("（案 S）№3") for t in texts), texts
    w.drafts_check.setChecked(True)
    with_drafts = _printed_summary_text(doc, 2031, include_drafts=True)
    assert _dashboard_total_as_printed(w) in with_drafts
    assert _dashboard_total_as_printed(w) not in confirmed_only
    assert w.overview().total.counts == {"S": 2, "T": 1, "U": 1}
    assert [w.low_list.item(i).text().split("　")[0] for i in range(w.low_list.count())] == ["U（案）", "T"]
    assert "含みます" in w.basis_label.text()
    doc.close()


def test_in_english_the_started_note_joins_the_options_with_or(qtbot, odoc, qapp, monkeypatch):
    from plan_desktop.ui import evaluation_overview
    from plan_desktop.ui.i18n import install_translators

    monkeypatch.setattr(evaluation_overview, "current_fiscal_year", lambda: 2032)
    translators = install_translators(qapp, "en")
    try:
        w = EvaluationOverviewWidget(odoc, 2032)
        qtbot.addWidget(w)
        started = odoc.data.terms.started_progress
        assert len(started) == 2
        note = w.start_note.text()
        assert f'"{started[0]}" or "{started[1]}"' in note and "または" not in note and "」" not in note
        assert ".</span> (this year is the target year)" in w.start_label.text()  # a space after the sentence
    finally:
        for t in translators:
            qapp.removeTranslator(t)
