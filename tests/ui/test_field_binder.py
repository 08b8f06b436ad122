"""The field binder shared by the detail editor and the evaluation form."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLineEdit

from plan_desktop.document.errors import StorageFailure
from plan_desktop.ui.field_binder import FieldBinder
from plan_desktop.ui.widgets import CommitTextEdit, ErrorLabel


class Record:
    def __init__(self):
        self.values = {"n": 1, "text": ""}
        self.writes: list[tuple[str, object]] = []
        self.fail: BaseException | None = None

    def store(self, key, value):
        if self.fail is not None:
            raise self.fail
        self.values[key] = value
        self.writes.append((key, value))


def _parse(text: str) -> int:
    if not text.strip().isdigit():
        raise ValueError("数字で入力してください")
    return int(text)


@pytest.fixture
def form(qtbot):
    rec = Record()
    binder = FieldBinder(stored=lambda k: rec.values[k], store=rec.store,
                         check=lambda k, v: "大きすぎます" if k == "n" and v > 100 else "")
    n, text = QLineEdit(), CommitTextEdit()
    for w in (n, text):
        qtbot.addWidget(w)
    binder.bind_line("n", n, ErrorLabel(), parse=_parse)
    binder.bind_text("text", text, ErrorLabel())
    binder.set_context("a")
    binder.load(rec.values)
    return binder, rec, n, text


def typed(widget, value):
    if isinstance(widget, QLineEdit):
        widget.setText(value)
        widget.setModified(True)
    else:
        widget.setPlainText(value)
        widget.document().setModified(True)
    widget.editingFinished.emit()


def test_a_good_value_is_stored_once_and_shown_normalised(form):
    binder, rec, n, _text = form
    typed(n, " 7 ")
    assert rec.writes == [("n", 7)] and n.text() == "7" and binder.error_text("n") == ""
    typed(n, "7")
    assert rec.writes == [("n", 7)]  # unchanged: no second write


def test_refusals_keep_the_text_show_the_reason_and_come_back_per_context(form):
    binder, rec, n, _text = form
    typed(n, "abc")
    assert binder.error_text("n") == "数字で入力してください" and n.text() == "abc" and rec.writes == []
    typed(n, "500")
    assert binder.error_text("n") == "大きすぎます" and "c0392b" in n.styleSheet()
    binder.set_context("b")
    binder.load({"n": 2, "text": "x"}, force=True)
    assert n.text() == "2" and binder.error_text("n") == ""
    binder.set_context("a")
    binder.load(rec.values, force=True)
    assert n.text() == "500" and binder.error_text("n") == "大きすぎます"
    typed(n, "50")
    assert rec.writes == [("n", 50)] and binder.error_text("n") == "" and n.styleSheet() == ""


def test_a_failed_write_is_shown_under_the_field_and_reported(form, message_boxes):
    binder, rec, _n, text = form
    rec.fail = StorageFailure("ディスクがいっぱいです")
    typed(text, "書いた文")
    assert binder.error_text("text") == "ディスクがいっぱいです" and text.toPlainText() == "書いた文"
    assert message_boxes == [("warning", "保存できません", "ディスクがいっぱいです")]
    rec.fail = None
    typed(text, "書いた文")
    assert rec.values["text"] == "書いた文" and binder.error_text("text") == ""


def test_reload_keeps_typed_text_unless_the_record_changes(form):
    binder, rec, n, text = form
    text.setPlainText("書きかけ")
    text.document().setModified(True)
    binder.load({"n": 3, "text": "他の人の変更"})
    assert text.toPlainText() == "書きかけ" and n.text() == "3"
    binder.flush()
    assert rec.values["text"] == "書きかけ"
    binder.load({"n": 3, "text": "別の記録"}, force=True)
    assert text.toPlainText() == "別の記録"


def test_read_only(form):
    binder, _rec, n, text = form
    binder.set_editable(False)
    assert n.isReadOnly() and text.isReadOnly()
