"""Print preview: shows the very PDF bytes that are printed or saved.

The report builders make a PDF; this dialog displays it with QtPdf's
``QPdfView``, prints it by rendering each page of that same document into
the printer's painter, and saves it byte for byte. Screen, paper and the
CLI's file therefore always agree.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QEventLoop,
    QIODevice,
    QRect,
    QSize,
    QSizeF,
    Qt,
    QTimer,
)
from PySide6.QtGui import QKeySequence, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QToolButton,
    QVBoxLayout,
)

from ..fileops import write_bytes
from .file_dialogs import ask_save_path
from .screen_fit import fit_to_screen

MAX_RENDER_DPI = 300  # enough for text on paper; 1200 dpi pages would need ~500 MB each


class PrintFailed(RuntimeError):
    """The printer could not be started or the job failed (message in Japanese)."""


def load_pdf(data: bytes, parent=None) -> tuple[QPdfDocument, QBuffer]:
    """A QPdfDocument over *data*. Keep the returned buffer alive as long as the document."""
    array = QByteArray(data)
    buffer = QBuffer(parent)
    buffer.setData(array)
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    doc = QPdfDocument(parent)
    doc.load(buffer)
    if doc.status() == QPdfDocument.Status.Loading:
        loop = QEventLoop()
        doc.statusChanged.connect(lambda _s: loop.quit() if doc.status() != QPdfDocument.Status.Loading else None)
        QTimer.singleShot(10_000, loop.quit)
        loop.exec()
    if doc.status() != QPdfDocument.Status.Ready:
        raise PrintFailed(QCoreApplication.translate("PrintPreview", "PDF を表示できません（{0}）").format(
            doc.error().name if hasattr(doc.error(), "name") else doc.error()))
    return doc, buffer


def pages_to_print(printer: QPrinter, page_count: int) -> list[int]:
    """0-based page indexes chosen in the print dialog (all pages by default)."""
    ranges = printer.pageRanges()
    if printer.printRange() == QPrinter.PrintRange.PageRange and not ranges.isEmpty():
        return [p - 1 for p in range(1, page_count + 1) if ranges.contains(p)]
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first = max(printer.fromPage(), 1)
        last = min(printer.toPage() or page_count, page_count)
        return list(range(first - 1, last))
    return list(range(page_count))


def match_page_layout(printer: QPrinter, doc: QPdfDocument) -> None:
    """Paper size and orientation of the printer from the document's first page."""
    if doc.pageCount() < 1:
        return
    size = doc.pagePointSize(0)
    w, h = size.width(), size.height()
    portrait = QSizeF(min(w, h), max(w, h))
    page_size = QPageSize(portrait, QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch)
    printer.setPageSize(page_size)
    printer.setPageOrientation(QPageLayout.Orientation.Landscape if w > h else QPageLayout.Orientation.Portrait)
    printer.setFullPage(True)  # the PDF already has its margins


def render_to_printer(doc: QPdfDocument, printer: QPrinter,
                      progress: Callable[[int, int], bool] | None = None) -> int:
    """Draw the chosen pages of *doc* on *printer*; returns the number of sheets printed.

    Copies are repeated here when the printer cannot make them itself (a PDF
    printer, most drivers report they can). *progress(done, total)* may
    return False to abort the job.
    """
    pages = pages_to_print(printer, doc.pageCount())
    if not pages:
        raise PrintFailed(QCoreApplication.translate("PrintPreview", "印刷するページがありません"))
    copies = 1 if printer.supportsMultipleCopies() else max(printer.copyCount(), 1)
    if printer.collateCopies():
        sequence = pages * copies
    else:
        sequence = [p for p in pages for _ in range(copies)]
    dpi = min(printer.resolution(), MAX_RENDER_DPI)
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintFailed(QCoreApplication.translate("PrintPreview", "プリンターを開始できませんでした"))
    printed = 0
    try:
        for i, page in enumerate(sequence):
            if progress is not None and progress(i, len(sequence)) is False:
                printer.abort()
                break
            if i:
                printer.newPage()
            size = doc.pagePointSize(page)
            image = doc.render(page, QSize(round(size.width() / 72 * dpi), round(size.height() / 72 * dpi)))
            target = painter.viewport()
            scaled = image.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
            x = target.x() + (target.width() - scaled.width()) // 2
            y = target.y() + (target.height() - scaled.height()) // 2
            painter.drawImage(QRect(x, y, scaled.width(), scaled.height()), image)
            printed += 1
    finally:
        painter.end()
    return printed


class PrintPreviewDialog(QDialog):
    """Preview of a report with 印刷… and PDFとして保存…

    Made with the bytes of a finished report, or with *pdf* None and then
    :meth:`show_steps`: a long batch shown part by part while it is being made
    (see ``reports.progressive``), with 中止 until it is complete.
    """

    def __init__(self, pdf: bytes | None, title: str, suggested_name: str = "report.pdf",
                 warnings: list[str] | None = None, parent=None):
        super().__init__(parent)
        self.setObjectName("printPreviewDialog")
        self.setWindowTitle(self.tr("印刷プレビュー － {0}").format(title))
        fit_to_screen(self, 900, 1000)
        self._pdf = bytes(pdf) if pdf is not None else b""
        self.title = title
        self.suggested_name = suggested_name
        self.warnings = list(warnings or [])
        if pdf is not None:
            self.document, self._buffer = load_pdf(self._pdf, self)
        else:
            self.document, self._buffer = QPdfDocument(self), None
        self._steps = None  # the generator of a report being made (show_steps)
        self._cancel_requested = False
        self._in_step = False
        self._close_when_unwound = False
        self.failure: str | None = None  # why the report could not be made

        lay = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.page_label = QLabel(self.tr("全 {0} ページ").format(self.document.pageCount()))
        self.page_label.setObjectName("pageCountLabel")
        bar.addWidget(self.page_label)
        self.cancel_button = QPushButton(self.tr("中止"))
        self.cancel_button.setObjectName("cancelBuildButton")
        self.cancel_button.setVisible(False)
        self.cancel_button.clicked.connect(self.cancel_building)
        bar.addWidget(self.cancel_button)
        bar.addStretch(1)
        self.fit_width_button = QToolButton(text=self.tr("幅に合わせる"))
        self.fit_page_button = QToolButton(text=self.tr("ページ全体"))
        self.zoom_in_button = QToolButton(text="+")
        self.zoom_out_button = QToolButton(text="−")
        for b in (self.fit_width_button, self.fit_page_button, self.zoom_out_button, self.zoom_in_button):
            bar.addWidget(b)
        lay.addLayout(bar)

        self.warnings_label = QLabel()
        self.warnings_label.setObjectName("fontWarnings")
        self.warnings_label.setWordWrap(True)
        self.warnings_label.setStyleSheet("background: #fff4cc; color: #5a4500; padding: 6px; border: 1px solid #e0c060;")
        lay.addWidget(self.warnings_label)
        self._show_warnings()

        self.view = QPdfView(self)
        self.view.setObjectName("pdfView")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        lay.addWidget(self.view, 1)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.print_button = QPushButton(self.tr("印刷(&P)…"))
        self.print_button.setObjectName("printButton")
        self.print_button.setShortcut(QKeySequence(QKeySequence.StandardKey.Print))
        self.save_button = QPushButton(self.tr("PDFとして保存(&S)…"))
        self.save_button.setObjectName("savePdfButton")
        self.close_button = QPushButton(self.tr("閉じる"))
        for b in (self.print_button, self.save_button, self.close_button):
            buttons.addWidget(b)
        lay.addLayout(buttons)

        self.print_button.clicked.connect(lambda: self.print_document())
        self.save_button.clicked.connect(lambda: self.save_pdf())
        self.close_button.clicked.connect(self.reject)
        self.fit_width_button.clicked.connect(lambda: self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth))
        self.fit_page_button.clicked.connect(lambda: self.view.setZoomMode(QPdfView.ZoomMode.FitInView))
        self.zoom_in_button.clicked.connect(lambda: self._zoom(1.25))
        self.zoom_out_button.clicked.connect(lambda: self._zoom(0.8))

    @classmethod
    def for_result(cls, result, parent=None) -> PrintPreviewDialog:
        """From a ``reports.base.ReportResult``."""
        return cls(result.pdf, result.title, result.suggested_name, result.warnings, parent)

    def _show_warnings(self) -> None:
        self.warnings_label.setText("\n".join(self.warnings[:8]) + ("\n…" if len(self.warnings) > 8 else ""))
        self.warnings_label.setVisible(bool(self.warnings))

    # ------------------------------------------------------ made while shown
    def show_steps(self, steps) -> None:
        """Show a report while it is being made: *steps* yields ``reports.progressive.Step``
        (the document so far) and was made with ``options.progress = dialog.on_progress``.
        Printing and saving wait for the last step; 中止 (or closing) stops the work."""
        self._steps = steps
        self._cancel_requested = False
        self.print_button.setEnabled(False)
        self.save_button.setEnabled(False)
        self.cancel_button.setVisible(True)
        self.page_label.setText(self.tr("作成しています…"))
        QTimer.singleShot(0, self._next_step)

    def is_building(self) -> bool:
        return self._steps is not None

    def on_progress(self, done: int, total: int) -> None:
        """The report's progress callback: keeps the window alive, and stops the work when asked."""
        from ..reports.base import Cancelled

        self.page_label.setText(self.tr("作成しています… {0} / {1} 件").format(done, total))
        QCoreApplication.processEvents()
        if self._cancel_requested:
            raise Cancelled

    def cancel_building(self) -> None:
        """中止: stop making the report (at the next sheet) and close."""
        self._cancel_requested = True
        if not self._in_step:
            self._stop_building()
            self.reject()

    def _next_step(self) -> None:
        from ..reports.base import Cancelled

        if self._steps is None:
            return
        if self._cancel_requested:
            self._stop_building()
            return
        self._in_step = True
        try:
            step = next(self._steps)
        except (Cancelled, StopIteration):
            self._stop_building()
            self._in_step = False
            self.reject()
            return
        except Exception as exc:  # noqa: BLE001 - a failed report must not take the window down
            self._stop_building()
            self._in_step = False
            self.failure = str(exc)
            QMessageBox.critical(self, self.tr("印刷"), self.tr("帳票を作成できませんでした: {0}").format(exc))
            self.reject()
            return
        self._in_step = False
        if self._close_when_unwound or self._cancel_requested:
            self._stop_building()
            self.reject()
            return
        self._show_document(step.result.pdf)
        self.warnings = list(step.result.warnings)
        self._show_warnings()
        if step.final:
            self._stop_building()
            self._pdf = bytes(step.result.pdf)
            self.print_button.setEnabled(True)
            self.save_button.setEnabled(True)
            self.page_label.setText(self.tr("全 {0} ページ").format(self.document.pageCount()))
        else:
            self.page_label.setText(self.tr("作成しています… {0} / {1} 件").format(step.done, step.total))
            QTimer.singleShot(0, self._next_step)

    def _stop_building(self) -> None:
        steps, self._steps = self._steps, None
        self.cancel_button.setVisible(False)
        if steps is not None:
            steps.close()

    def _show_document(self, pdf: bytes) -> None:
        """Show *pdf* (the report so far) in place of the pages shown, where the reader is."""
        old_doc, old_buffer = self.document, self._buffer
        nav = self.view.pageNavigator()
        page, where, zoom = nav.currentPage(), nav.currentLocation(), nav.currentZoom()
        self.document, self._buffer = load_pdf(pdf, self)
        self.view.setDocument(self.document)
        if page > 0 and page < self.document.pageCount():
            nav.jump(page, where, zoom)
        old_doc.deleteLater()
        if old_buffer is not None:
            old_buffer.deleteLater()

    def reject(self) -> None:
        if self._in_step:
            # Closed while a part is being laid out (inside its progress callback):
            # stop the work there, and close when it has unwound.
            self._cancel_requested = True
            self._close_when_unwound = True
            return
        self._stop_building()
        super().reject()

    def closeEvent(self, event) -> None:
        if self._in_step:
            self._cancel_requested = True
            self._close_when_unwound = True
            event.ignore()
            return
        self._stop_building()
        super().closeEvent(event)

    # ---------------------------------------------------------------- API
    def pdf_bytes(self) -> bytes:
        """The bytes shown, printed and saved."""
        return self._pdf

    def page_count(self) -> int:
        return self.document.pageCount()

    def _zoom(self, factor: float) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(0.1, min(8.0, self.view.zoomFactor() * factor)))

    def make_printer(self) -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.title)
        match_page_layout(printer, self.document)
        return printer

    def exec_print_dialog(self, printer: QPrinter) -> bool:
        """Ask for printer, page range and copies. Separate so tests can replace it."""
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("印刷"))
        dialog.setMinMax(1, max(self.page_count(), 1))
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintCollateCopies, True)
        return dialog.exec() == QDialog.DialogCode.Accepted

    def print_document(self, printer: QPrinter | None = None) -> int:
        """印刷…: the print dialog, then the pages. Returns the number of sheets sent (0 = cancelled)."""
        printer = printer or self.make_printer()
        if not self.exec_print_dialog(printer):
            return 0
        from PySide6.QtWidgets import QProgressDialog

        progress = QProgressDialog(self.tr("印刷しています…"), self.tr("中止"), 0, 1, self)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(500)

        def step(done: int, total: int) -> bool:
            progress.setMaximum(total)
            progress.setValue(done)
            QCoreApplication.processEvents()
            return not progress.wasCanceled()

        try:
            return render_to_printer(self.document, printer, step)
        except PrintFailed as exc:
            QMessageBox.warning(self, self.tr("印刷"), str(exc))
            return 0
        finally:
            progress.reset()
            progress.deleteLater()

    def ask_save_path(self) -> str:
        """Separate so tests can replace it. Starts in the last folder used or Documents (file_dialogs)."""
        path = ask_save_path(self, self.tr("PDFとして保存"), self.suggested_name, self.tr("PDF ファイル (*.pdf)"))
        return str(path) if path is not None else ""

    def save_pdf(self, path: str | os.PathLike | None = None) -> Path | None:
        """PDFとして保存…: writes the previewed bytes unchanged (atomically)."""
        path = path or self.ask_save_path()
        if not path:
            return None
        target = Path(path)
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        try:
            write_bytes(target, self._pdf)
        except OSError as exc:  # held by Acrobat: FileInUseError names the file to close
            QMessageBox.warning(self, self.tr("PDFとして保存"),
                                self.tr("{0} に保存できませんでした: {1}").format(target, exc.strerror or exc))
            return None
        return target
