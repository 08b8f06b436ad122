"""GUI entry point: application set-up (font, translation, settings) and the main window.

Imported only when the window is wanted, so ``plan-desktop print ...`` and
the other headless commands never load Qt widgets.
"""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

from . import APP_NAME, DISPLAY_NAME, ORG_NAME, collector, startup_code

# Qt's raster engine hands a fill of more than ~100 lines (a scroll bar's groove, a gradient panel)
# to a pool of threads in slices and waits for them. On the two cores of an office laptop, the other
# one busy, that hand-off costs far more than the fill: ~2 ms of each search keystroke that changed
# the rows was the tree's scroll bar waiting so (py-spy: QLatch::waitInternal). Set, the variable
# keeps every fill on the painting thread; Qt reads it when the pool is first wanted (a window's
# first paint, after this import).
os.environ.setdefault("QT_NO_GUI_THREADPOOL", "1")

BUNDLED_FONT = "ipaexg.ttf"
# A run with --exit-after-show or --screenshot ends with exit code 3 if the window has not painted by then.
EXIT_FUSE_MS = 15000
_font_family: str | None = None
_font_loader: tuple[threading.Thread, dict[str, str]] | None = None


def _register_bundled_font() -> str:
    from .paths import resources_dir

    font_id = QFontDatabase.addApplicationFont(str(resources_dir() / "fonts" / BUNDLED_FONT))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    return families[0] if families else ""


def load_bundled_font_in_background() -> None:
    """Start registering the bundled font on another thread; :func:`bundled_font_family` waits for it.

    Qt reads and parses the 6 MB font file (~8 ms of CPU, more on a cold disk), and QFontDatabase's
    functions are thread-safe. PySide6 6.12 keeps the GIL during the call (measured: a Python thread
    makes no progress meanwhile), so today the main thread waits as it would for the call itself:
    the thread costs nothing, and pays off with a binding that lets the GIL go. Needs the QApplication;
    nothing is shown before the font is in place (:func:`install_font_fallback` comes before the
    first window or dialog)."""
    global _font_loader
    if _font_family is not None or _font_loader is not None:
        return
    result: dict[str, str] = {}

    def load() -> None:
        try:
            result["family"] = _register_bundled_font()
        except Exception:  # noqa: BLE001 - registered again on the main thread, which reports a failure
            pass

    thread = threading.Thread(target=load, name="load-bundled-font", daemon=True)
    _font_loader = thread, result
    thread.start()


def bundled_font_family() -> str | None:
    """Register IPAex Gothic with Qt (once) and return its family name."""
    global _font_family, _font_loader
    if _font_family is None:
        if _font_loader is not None:
            thread, result = _font_loader
            thread.join()
            _font_loader = None
            _font_family = result.get("family")
        if _font_family is None:
            _font_family = _register_bundled_font()
    return _font_family or None


def install_font_fallback(app: QApplication, point_size: int = 0) -> QFont:
    """Make the bundled Japanese font the fallback of the application font.

    The system UI font stays first (so Latin text looks native); any glyph it
    lacks — all of Japanese on a PC without Japanese fonts — comes from IPAex
    instead of showing as a box.
    """
    family = bundled_font_family()
    font = QFont(app.font())
    if family:
        families = [f for f in font.families() if f != family] or [font.family()]
        font.setFamilies([*families, family])
        for base in families:
            QFont.insertSubstitution(base, family)
    if point_size > 0:
        font.setPointSize(point_size)
    app.setFont(font)
    return font


def application_icon() -> QIcon:
    """The app's icon (resources/icons, drawn by tools/make_icon.py) for every window's title bar and the taskbar."""
    from .paths import resources_dir

    return QIcon(str(resources_dir() / "icons" / "plan-desktop.png"))


def default_settings() -> QSettings:
    """Per-user settings, or ``data/settings.ini`` beside a portable executable."""
    from .paths import portable_settings_file

    portable = portable_settings_file()
    if portable is not None:
        return QSettings(str(portable), QSettings.Format.IniFormat)
    return QSettings(ORG_NAME, APP_NAME)


def create_main_window(db_path: Path, settings: QSettings | None = None) -> QMainWindow:
    """Build (not show) the main window on *db_path*. Never opens a modal dialog.

    Raises ``storage.database.DatabaseOpenError`` (Japanese message) for a file
    that cannot be opened.
    """
    from .document.plan_document import PlanDocument
    from .ui.main_window import MainWindow

    app = QApplication.instance()
    if app is not None:
        bundled_font_family()
    doc = PlanDocument.open(Path(db_path))
    window = MainWindow(doc, settings if settings is not None else default_settings())
    window.remember_file(doc.path)
    return window


class _FirstPaint(QObject):
    """Calls *callback* once, after the window has painted for the first time."""

    def __init__(self, callback, parent=None):
        super().__init__(parent)
        self._callback = callback
        self._done = False

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.Paint and not self._done:
            self._done = True
            QTimer.singleShot(0, self._callback)
        return False


def _choose_db(args, settings: QSettings) -> tuple[Path, bool]:
    """(path, explicit): --db, else the last opened file, else the per-user working copy."""
    if getattr(args, "db", None):
        return Path(args.db), True
    last = settings.value("files/last")
    if last and Path(str(last)).exists():
        return Path(str(last)), False
    from .paths import default_working_db

    return default_working_db(), False


def run_gui(args) -> int:
    from .ui.display_settings import stored_font_size, stored_language
    from .ui.i18n import install_translators

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName(ORG_NAME)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(DISPLAY_NAME)
    app.setWindowIcon(application_icon())
    settings = default_settings()
    load_bundled_font_in_background()  # in place before the first window or dialog (_open_and_run)
    # The file's integrity check (a read of the whole file) runs on another thread after the
    # window's first frame; every write waits for it (storage/deferred_check.py).
    from .document.early_open import prepare_to_open

    prepare_to_open(_choose_db(args, settings)[0])
    language = getattr(args, "lang", None) or stored_language(settings)
    translators = install_translators(app, language)  # noqa: F841 - must stay alive with the app

    from .ui.unexpected_errors import install_unexpected_error_handler

    # From here on an exception in any slot or event handler is logged in the data
    # folder and explained in a message box; the window keeps running.
    windows: list[QMainWindow] = []
    errors = install_unexpected_error_handler(lambda: windows[0] if windows else None)
    try:
        return _open_and_run(app, args, settings, windows, stored_font_size(settings))
    finally:
        errors.uninstall()
        collector.resume()  # the window never painted (refused file, an error): as it was


def _open_and_run(app: QApplication, args, settings: QSettings, windows: list[QMainWindow], font_pt: int) -> int:
    from .document.plan_document import PlanDocument
    from .ui.first_paint import after_first_paint
    from .ui.main_window import MainWindow
    from .ui.safety_dialogs import open_document_safely

    # The bundled font, registered on another thread while the modules above were imported, as the
    # fallback of the application font: before the first window or message box.
    install_font_fallback(app, font_pt)

    # Locking (read-only offer), recovery of damaged files and every refusal
    # message happen inside open_document_safely; None means "explained, not opened".
    path, explicit = _choose_db(args, settings)

    def open_at_start(parent: QWidget | None) -> PlanDocument | None:
        doc = open_document_safely(path, parent)
        if doc is None and not explicit:
            from .paths import default_working_db

            fallback = default_working_db()
            if fallback != path:
                doc = open_document_safely(fallback, parent)
        return doc

    doc = open_at_start(None)
    if doc is None:
        return 1
    bundled_font_family()
    window = MainWindow(doc, settings)
    windows.append(window)
    # The file's check after the first frame finding it damaged: opened again as here, which offers
    # the recovery dialog, with the same fallback (ui/late_damage.py).
    window.reopen_after_damage = lambda _path: open_at_start(window)
    # Paused since the start (cli/dispatch.py): on again after the first frame, with everything
    # alive then frozen (plan_desktop/collector.py).
    after_first_paint(window, lambda: collector.resume(freeze=True))
    # Written to the settings file (a locked, synced write) after the first frame, not before it.
    after_first_paint(window, lambda: window.remember_file(doc.path))
    # What start-up compiled at run time, kept for the next start (plan_desktop/startup_code.py).
    after_first_paint(window, startup_code.save)

    screenshot: Path | None = getattr(args, "screenshot", None)
    exit_after_show = bool(getattr(args, "exit_after_show", False))
    fuse: QTimer | None = None
    if screenshot is not None or exit_after_show:
        def finish() -> None:
            if screenshot is not None:
                screenshot.parent.mkdir(parents=True, exist_ok=True)
                if not window.grab().save(str(screenshot)):
                    print(f"screenshot failed: {screenshot}", file=sys.stderr)
                    app.exit(1)
                    return
            app.exit(0)

        # Screenshots wait a moment so that queued layout passes have settled.
        delay = 400 if screenshot is not None else 0
        watcher = _FirstPaint(lambda: QTimer.singleShot(delay, finish), window)
        window.installEventFilter(watcher)
        # Never hang a timing run; stopped when the run ends (app.exit would also end every event
        # loop running later in this process, e.g. a test's).
        fuse = QTimer(app)
        fuse.setSingleShot(True)
        fuse.timeout.connect(lambda: app.exit(3))
        fuse.start(EXIT_FUSE_MS)
    else:
        _warn_about_portable_fallback(window)
    window.show()
    try:
        # A window closed because its file was found damaged and not recovered ends as start-up
        # without a file does (ui/late_damage.py).
        return app.exec() or window.exit_status
    finally:
        if fuse is not None:
            fuse.stop()
            fuse.deleteLater()
        settings.sync()  # before the process ends, which may be without the teardown (cli/process_exit)
        _settle_backups(app)


def _settle_backups(app: QApplication) -> None:
    """The automatic backups that windows check after their first frame are in place before the
    process ends (a window closed at once waits here for its check; see PlanDocument.settle_backup)."""
    from .document.plan_document import PlanDocument

    for widget in app.topLevelWidgets():
        document = getattr(widget, "document", None)
        if isinstance(document, PlanDocument):
            document.settle_backup()


def _warn_about_portable_fallback(window: QMainWindow) -> None:
    """Tell the user when a portable copy could not keep its data beside the executable."""
    from .paths import portable_problem

    problem = portable_problem()
    if not problem:
        return
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QMessageBox

    window.statusBar().showMessage(problem)
    QTimer.singleShot(0, lambda: QMessageBox.warning(
        window, QCoreApplication.translate("App", "ポータブル版のデータの保存先"), problem))
