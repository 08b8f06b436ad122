"""Unexpected exceptions in the window: logged in the data folder, explained in Japanese, the plan kept safe.

PySide6 hands every exception that escapes a slot, a timer or an overridden
Qt method (``paintEvent``...) to ``sys.excepthook``; the default hook prints
to a console the windowed executable does not have, so the error vanished.
:class:`UnexpectedErrorHandler` replaces the hook while the window runs:

* the traceback goes to ``plan-desktop-errors.log`` in the data folder (the
  per-user folder, or ``data/`` of a portable copy), with the version and
  platform; warnings logged anywhere in the app go there too;
* the document ends any transaction the failed code left open and re-reads the
  plan if memory and file disagree (:meth:`PlanDocument.resync_after_error`);
* a Japanese message says that finished edits are in the file, where the log
  is, and whom to send it to. The app keeps running. The same error repeating
  (a paint handler failing on every repaint) is shown once and logged a few
  times, never a flood of boxes.
"""

from __future__ import annotations

import datetime as dt
import logging
import sys
import threading
import traceback
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QWidget

from .. import __version__
from ..fileops import replace

LOG_NAME = "plan-desktop-errors.log"
MAX_LOG_BYTES = 1 << 20  # then the log moves to .1 (one generation kept)
LOGGED_REPEATS = 3  # the same error is written this often, then only counted

log = logging.getLogger(__name__)


class UnexpectedErrorsText:
    """Translation context of this module: lupdate files ``UnexpectedErrorsText.tr("…")`` under
    "UnexpectedErrorsText" (a call of a module-level function would not be collected)."""

    @staticmethod
    def tr(text: str) -> str:
        return QCoreApplication.translate("UnexpectedErrorsText", text)


def error_log_path(folder: Path | None = None) -> Path:
    """The error log in *folder*, by default the data folder (portable or per user)."""
    if folder is None:
        from ..paths import user_data_dir

        folder = user_data_dir()
    return Path(folder) / LOG_NAME


def _rotate(path: Path) -> None:
    try:
        if path.stat().st_size > MAX_LOG_BYTES:
            replace(path, path.with_name(path.name + ".1"))
    except OSError:
        pass  # missing, or held by another copy of the app: keep appending


class _LogFileHandler(logging.FileHandler):
    """Creates the folder and the file only when the first warning arrives."""

    def _open(self):
        Path(self.baseFilename).parent.mkdir(parents=True, exist_ok=True)
        return super()._open()


def _log_file_handler(path: Path) -> logging.FileHandler:
    _rotate(path)
    handler = _LogFileHandler(path, encoding="utf-8", delay=True, errors="backslashreplace")
    handler.setLevel(logging.WARNING)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    return handler


class _LogFileOnFirstWarning(logging.Handler):
    """The log file's handler, made when the first warning arrives: the data folder (platformdirs,
    the portable check) is looked up then, not while the window starts."""

    def __init__(self, path: Callable[[], Path]):
        super().__init__(logging.WARNING)
        self._path = path
        self._file: logging.FileHandler | None = None

    def emit(self, record: logging.LogRecord) -> None:
        if self._file is None:
            self._file = _log_file_handler(self._path())
        self._file.handle(record)

    def flush(self) -> None:
        if self._file is not None:
            self._file.flush()

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
        super().close()


def install_log_file(path: Path | Callable[[], Path]) -> logging.Handler:
    """Send warnings logged by the app (``plan_desktop.*``) to *path* (or the path a callable gives when
    the first warning arrives); remove with :func:`remove_log_file`."""
    handler = _log_file_handler(path) if isinstance(path, Path) else _LogFileOnFirstWarning(path)
    logging.getLogger("plan_desktop").addHandler(handler)
    return handler


def remove_log_file(handler: logging.Handler) -> None:
    logging.getLogger("plan_desktop").removeHandler(handler)
    handler.close()


ShowFn = Callable[[QWidget | None, str, str, str], None]


def _show_message_box(parent: QWidget | None, title: str, text: str, details: str) -> None:
    from PySide6.QtWidgets import QMessageBox  # its Python type (and enums) made when first needed

    box = QMessageBox(QMessageBox.Icon.Critical, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setDetailedText(details)
    box.exec()


class UnexpectedErrorHandler:
    """``sys.excepthook`` (and ``threading.excepthook``) for the window; see the module doc."""

    def __init__(self, window: Callable[[], QWidget | None], log_path: Path | None, *, show: ShowFn | None = None):
        """*log_path* None: :func:`error_log_path`, looked up when first needed."""
        self._window = window
        self._log_path = Path(log_path) if log_path is not None else None
        self._show_fn = show or _show_message_box
        self._seen: Counter[tuple] = Counter()
        self._showing = False
        self._previous = None
        self._previous_thread = None
        self._log_handler: logging.Handler | None = None

    @property
    def log_path(self) -> Path:
        if self._log_path is None:
            self._log_path = error_log_path()
        return self._log_path

    # ------------------------------------------------------------- hooks
    def install(self, *, log_warnings: bool = False) -> UnexpectedErrorHandler:
        """Become ``sys.excepthook``; with *log_warnings* the app's logged warnings go to the same file."""
        self._previous, sys.excepthook = sys.excepthook, self.handle
        self._previous_thread, threading.excepthook = threading.excepthook, self._handle_thread
        if log_warnings:
            self._log_handler = install_log_file(self.log_path if self._log_path is not None else lambda: self.log_path)
        return self

    def uninstall(self) -> None:
        if sys.excepthook == self.handle and self._previous is not None:
            sys.excepthook = self._previous
        if threading.excepthook == self._handle_thread and self._previous_thread is not None:
            threading.excepthook = self._previous_thread
        if self._log_handler is not None:
            remove_log_file(self._log_handler)
            self._log_handler = None

    def _handle_thread(self, args) -> None:
        # Not the GUI thread: log only (a background task's failure reaches the user through its own result).
        if args.exc_type is SystemExit:
            return
        self._write_log(self._format(args.exc_type, args.exc_value, args.exc_traceback),
                        note=f"thread {getattr(args.thread, 'name', '?')}")

    def handle(self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        """Never raises: an error here would be reported by the same hook."""
        if issubclass(exc_type, KeyboardInterrupt) and self._previous is not None:
            self._previous(exc_type, exc, tb)
            return
        try:
            self._handle(exc_type, exc, tb)
        except Exception:  # noqa: BLE001 - last resort: at least the console (when there is one)
            if sys.__stderr__ is not None:
                traceback.print_exception(exc_type, exc, tb, file=sys.__stderr__)

    # ------------------------------------------------------------- work
    @staticmethod
    def _format(exc_type, exc, tb) -> str:
        return "".join(traceback.format_exception(exc_type, exc, tb))

    @staticmethod
    def _signature(exc_type, tb) -> tuple:
        frames = traceback.extract_tb(tb) if tb is not None else []
        last = frames[-1] if frames else None
        return (exc_type.__qualname__, last.filename if last else "", last.lineno if last else 0)

    def _handle(self, exc_type, exc, tb) -> None:
        details = self._format(exc_type, exc, tb)
        key = self._signature(exc_type, tb)
        self._seen[key] += 1
        count = self._seen[key]
        log_problem = None
        if count <= LOGGED_REPEATS:
            log_problem = self._write_log(details, note=f"repeat {count}" if count > 1 else "")
        report = getattr(self._window(), "report_damaged_file", None)
        from ..document.file_safety import DamagedFileError  # loaded by the window by now

        if callable(report) and isinstance(exc, DamagedFileError):
            # Not unexpected: part of the plan read after the first frame cannot be read (a damaged
            # file). The window names it and points to the restore (nothing was being written).
            if count == 1:
                QTimer.singleShot(0, lambda: report(exc))  # never inside a paint event
            return
        resynced = self._keep_document_safe()
        if count == 1 and not self._showing:
            text = self.message(resynced=resynced, log_problem=log_problem)
            QTimer.singleShot(0, lambda: self._show(text, details))  # never inside a paint event

    def _write_log(self, details: str, *, note: str = "") -> str | None:
        """Append to the log; returns why it failed (Japanese) or None."""
        import platform

        stamp = dt.datetime.now().astimezone().isoformat(timespec="seconds")
        head = (f"==== {stamp} plan_desktop {__version__} / Python {platform.python_version()} / "
                f"{platform.platform()}{' / ' + note if note else ''}\n")
        try:
            self.log_path.parent.mkdir(parents=True, exist_ok=True)
            _rotate(self.log_path)
            with open(self.log_path, "a", encoding="utf-8", errors="backslashreplace") as f:
                f.write(head + details + "\n")
        except OSError as exc:
            return exc.strerror or str(exc)
        return None

    def _keep_document_safe(self) -> bool:
        window = self._window()
        document = getattr(window, "document", None)
        resync = getattr(document, "resync_after_error", None)
        if resync is None:
            return False
        try:
            return bool(resync())
        except Exception as exc:  # noqa: BLE001 - the file may be what failed; the message still goes out
            self._write_log(self._format(type(exc), exc, exc.__traceback__), note="while re-reading the plan")
            return False

    def message(self, *, resynced: bool, log_problem: str | None) -> str:
        parts = [UnexpectedErrorsText.tr("予期しないエラーが発生しました。アプリはこのまま使えます。"),
                 UnexpectedErrorsText.tr("これまでに終えた編集はファイルに保存されています。直前の操作は反映されていない可能性があります。")]
        if resynced:
            parts.append(UnexpectedErrorsText.tr("画面の内容をファイルから読み直しました（「元に戻す」の履歴は消えました）。"))
        if log_problem is None:
            parts.append(UnexpectedErrorsText.tr("エラーの記録: {0}\nこのファイルをシステム担当者に送ってください。").format(self.log_path))
        else:
            parts.append(UnexpectedErrorsText.tr("エラーの記録を書き込めませんでした（{0}）。下の「詳細」の内容をシステム担当者に伝えてください。")
                         .format(log_problem))
        return "\n\n".join(parts)

    def _show(self, text: str, details: str) -> None:
        self._showing = True
        try:
            self._show_fn(self._window(), UnexpectedErrorsText.tr("予期しないエラー"), text, details)
        finally:
            self._showing = False


def install_unexpected_error_handler(window: Callable[[], QWidget | None],
                                     log_path: Path | None = None) -> UnexpectedErrorHandler:
    """Install the hook and the warning log for the running window (see the module doc); ``uninstall()`` at exit."""
    return UnexpectedErrorHandler(window, log_path).install(log_warnings=True)
