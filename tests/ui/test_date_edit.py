"""The date field: what offices type is read, dates show in 令和 form, empty is allowed."""

from __future__ import annotations

import datetime as dt

import pytest

from plan_desktop.ui.date_edit import DateEdit


@pytest.fixture
def edit(qtbot):
    d = DateEdit()
    qtbot.addWidget(d)
    return d


def type_in(d: DateEdit, text: str) -> None:
    d.line.setText(text)
    d.line.setModified(True)
    d.line.editingFinished.emit()


@pytest.mark.parametrize("text", ["令和6年5月10日", "R6.5.10", "2024/5/10", "2024-05-10", "20240510"])
def test_typed_dates_are_stored_iso_and_shown_in_reiwa(edit, qtbot, text):
    with qtbot.waitSignal(edit.editingFinished):
        type_in(edit, text)
    assert edit.value() == "2024-05-10" and edit.problem() == ""
    assert edit.text() == "令和6年5月10日"


def test_empty_is_allowed_and_bad_text_stays_with_a_reason(edit):
    edit.set_value("2024-05-10")
    type_in(edit, "")
    assert edit.value() is None and edit.problem() == ""
    type_in(edit, "来週の月曜")
    assert edit.text() == "来週の月曜" and "日付として読めません" in edit.problem()
    assert edit.value() is None  # the last good value, nothing invented


def test_month_and_day_alone_belong_to_the_evaluated_year(edit):
    edit.set_fiscal_year(2024)
    type_in(edit, "2/3")
    assert edit.value() == "2025-02-03"


def test_the_calendar_opens_at_the_date_today_or_in_the_evaluated_year(edit):
    today = dt.date(2026, 11, 20)
    assert edit.calendar_start(today) == today
    edit.set_fiscal_year(2026)
    assert edit.calendar_start(today) == today  # evaluating this year
    edit.set_fiscal_year(2025)
    assert edit.calendar_start(today) == today  # last year's evaluation, written this year
    edit.set_fiscal_year(2022)
    assert edit.calendar_start(today) == dt.date(2023, 3, 31)  # the end of that year, not 1900
    edit.set_fiscal_year(2029)
    assert edit.calendar_start(today) == dt.date(2029, 4, 1)
    edit.set_value("2024-05-10")
    assert edit.calendar_start(today) == dt.date(2024, 5, 10)


def test_picking_a_day_in_the_calendar_commits_it(edit, qtbot):
    edit.set_fiscal_year(2022)
    cal = edit.open_calendar()
    assert (cal.selectedDate().year(), cal.selectedDate().month()) == (2023, 3)
    day = cal.selectedDate().addDays(-3)
    with qtbot.waitSignal(edit.editingFinished):
        cal.clicked.emit(day)
    assert edit.value() == "2023-03-28" and edit.text() == "令和5年3月28日"
    assert edit.popup is None or not edit.popup.isVisible()


def test_read_only_field_cannot_be_changed(edit):
    edit.set_value("2024-05-10")
    edit.set_editable(False)
    assert edit.line.isReadOnly() and not edit.calendar_button.isEnabled()
