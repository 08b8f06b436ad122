"""Print preview: shows, prints (dialog mocked, QPrinter to a PDF file) and saves the same bytes."""

from __future__ import annotations

import copy

import pytest
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog

from plan_desktop.reports.base import ReportOptions
from plan_desktop.reports.schedule_overview import build_schedule
from plan_desktop.reports.sheet import build_sheets
from plan_desktop.ui.print_preview import PrintPreviewDialog, load_pdf, pages_to_print


@pytest.fixture
def result(seed_data):
    data = copy.deepcopy(seed_data)
    return build_sheets(data, 2024, data.measures[:2], options=ReportOptions(invariant=True))


@pytest.fixture
def dialog(qtbot, result):
    d = PrintPreviewDialog.for_result(result)
    qtbot.addWidget(d)
    return d


def _file_printer(path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def _ink(image) -> int:
    """Number of clearly non-white pixels in a sample grid of *image*."""
    n = 0
    for x in range(0, image.width(), 7):
        for y in range(0, image.height(), 7):
            c = image.pixelColor(x, y)
            if c.red() + c.green() + c.blue() < 600:
                n += 1
    return n


def test_preview_shows_the_report_bytes(dialog, result):
    assert dialog.pdf_bytes() == result.pdf
    assert dialog.page_count() == result.page_count
    assert dialog.view.document() is dialog.document
    assert dialog.document.status() == QPdfDocument.Status.Ready
    assert str(result.page_count) in dialog.page_label.text()
    assert result.title in dialog.windowTitle()


def test_print_renders_chosen_pages_and_copies(dialog, tmp_path, monkeypatch, qtbot):
    out = tmp_path / "printed.pdf"
    printer = _file_printer(out)
    dialog_seen = {}

    def fake_exec(self):
        p = self.printer()
        dialog_seen["min"], dialog_seen["max"] = self.minPage(), self.maxPage()
        p.setPrintRange(QPrinter.PrintRange.PageRange)
        p.setFromTo(3, 4)
        p.setCopyCount(2)
        p.setCollateCopies(True)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintDialog, "exec", fake_exec)
    sent = dialog.print_document(printer)
    assert sent == 4  # pages 3-4, two copies (a PDF printer cannot copy by itself)
    assert dialog_seen == {"min": 1, "max": dialog.page_count()}
    printed, _buf = load_pdf(out.read_bytes())
    assert printed.pageCount() == 4
    size = printed.pagePointSize(0)
    assert abs(size.width() - 595) < 2 and abs(size.height() - 842) < 2  # A4 portrait from the report
    source_page = dialog.document.render(2, printed.pagePointSize(0).toSize())
    first = printed.render(0, printed.pagePointSize(0).toSize())
    third = printed.render(2, printed.pagePointSize(0).toSize())
    assert _ink(first) > 50  # something was printed
    assert abs(_ink(first) - _ink(source_page)) < _ink(source_page) * 0.2
    assert _ink(first) == _ink(third)  # collated: page 3 again


def test_print_cancelled_in_dialog_prints_nothing(dialog, tmp_path, monkeypatch):
    out = tmp_path / "none.pdf"
    monkeypatch.setattr(QPrintDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    assert dialog.print_document(_file_printer(out)) == 0
    assert not out.exists()


def test_pages_to_print_defaults_to_all():
    printer = QPrinter()
    assert pages_to_print(printer, 5) == [0, 1, 2, 3, 4]
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 9)
    assert pages_to_print(printer, 5) == [1, 2, 3, 4]


def test_landscape_report_sets_landscape_paper(qtbot, seed_data, tmp_path, monkeypatch):
    r = build_schedule(copy.deepcopy(seed_data), paper="A3", options=ReportOptions(invariant=True))
    d = PrintPreviewDialog.for_result(r)
    qtbot.addWidget(d)
    printer = d.make_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "a3.pdf"
    printer.setOutputFileName(str(out))
    monkeypatch.setattr(QPrintDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    assert d.print_document(printer) == r.page_count
    printed, _buf = load_pdf(out.read_bytes())
    size = printed.pagePointSize(0)
    assert size.width() > size.height()
    assert abs(size.width() - 1191) < 3


def test_save_writes_the_same_bytes(dialog, result, tmp_path, monkeypatch, qtbot):
    target = dialog.save_pdf(tmp_path / "handout")
    assert target == tmp_path / "handout.pdf"
    assert target.read_bytes() == result.pdf
    chosen = tmp_path / "via_button.pdf"
    monkeypatch.setattr(dialog, "ask_save_path", lambda: str(chosen))
    dialog.save_button.click()
    assert chosen.read_bytes() == result.pdf
    monkeypatch.setattr(dialog, "ask_save_path", lambda: "")
    assert dialog.save_pdf() is None


def test_font_warnings_are_shown(qtbot, seed_data):
    data = copy.deepcopy(seed_data)
    data.measures[0].issue = "絵文字😀"
    r = build_sheets(data, 2024, data.measures[:1])
    d = PrintPreviewDialog.for_result(r)
    qtbot.addWidget(d)
    from PySide6.QtWidgets import QLabel

    label = d.findChild(QLabel, "fontWarnings")
    assert label is not None and "U+1F600" in label.text()
