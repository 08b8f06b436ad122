"""Start-up: what the window's first frame needs is all there, and nothing else is loaded or built before it.

The first paint is checked in a real process (``plan-desktop --db FILE
--exit-after-show``, as bench/ measures it): the tree is filled and shows the
first measure, and the modules only later work needs are not imported yet.
What is made after the first frame is checked in-process: it comes by
itself, shortly after, and the window works before it does.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, Qt

ROOT = Path(__file__).resolve().parents[2]

PROBE = r"""
import json, pathlib, sys
from PySide6 import QtWidgets
lazy = "QWizard" not in vars(QtWidgets)  # PySide6 makes a class's Python type on first use
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QMainWindow
import plan_desktop.app as app

seen = {}
original = app._FirstPaint.eventFilter  # the hook that ends an --exit-after-show run

def probe(self, obj, event):
    if not seen and event.type() == QEvent.Type.Paint and isinstance(obj, QMainWindow):
        seen["modules"] = sorted(sys.modules)
        seen["measures_in_tree"] = len(obj.visible_measure_ids())
        seen["current"] = obj.current_measure_id()
        seen["first"] = obj.visible_measure_ids()[0]
        seen["title_shown"] = obj.editor.title_edit.text()
        seen["title_of_first"] = obj.document.measure(seen["first"]).title
        seen["plan_tab_filled"] = obj.editor.plan_tab_is_filled()
        seen["evaluation_tab_built"] = obj.editor.evaluation_panel_is_built()
        seen["timeline_body_painted"] = obj.timeline.body_is_painted()
        seen["timeline_rows"] = len(obj.timeline.visible_rows())
        seen["file_remembered"] = obj.settings.value("files/last") is not None
        seen["widget_types"] = sorted(k for k, v in vars(QtWidgets).items() if isinstance(v, type)) if lazy else None
        seen["backup_folder_at_first_paint"] = backup_folder()
        seen["app_font_families"] = QtWidgets.QApplication.font().families()
        check = obj.document.repo.db.deferred_check
        seen["file_check_begun"] = check is None or check._thread is not None
    return original(self, obj, event)

def backup_folder():
    folder = pathlib.Path(sys.argv[1]).parent / "backups"
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []

app._FirstPaint.eventFilter = probe
register = app._register_bundled_font
font_thread = []

def registered_on_thread():
    import threading
    font_thread.append(threading.current_thread().name)
    return register()

app._register_bundled_font = registered_on_thread
from plan_desktop.cli import main
code = main(["--db", sys.argv[1], "--exit-after-show"])
seen["backup_folder_after_close"] = backup_folder()
seen["font_registered_on"] = font_thread
print(json.dumps(seen, ensure_ascii=False))
sys.exit(code)
"""

# Loaded only by what comes after the first frame (an edit, a hidden tab, a dialog, a command, a print).
NOT_BEFORE_FIRST_PAINT = [
    "sqlite_utils", "click", "dateutil", "pluggy",  # the database's wrapper for writes
    "plan_desktop.cli.plan_commands", "plan_desktop.cli.print_commands", "plan_desktop.cli.exchange_commands",
    "plan_desktop.cli.safety_commands",  # the command line's parser
    "reportlab", "openpyxl", "plan_desktop.reports.sheet", "plan_desktop.exchange.importer",
    "plan_desktop.ui.evaluation_panel",  # the 進捗評価 tab
    "plan_desktop.ui.evaluation_mode", "plan_desktop.ui.help_window",  # windows opened from a menu
    "_strptime",  # backup times are read from their names without it
    # the error log's folder (looked up at the first warning), a host name and record ids (from the
    # kernel and os.urandom), record digests (when records are compared), the error box
    "platformdirs", "socket", "uuid", "platform", "hashlib",
    "plan_desktop.ui.dialogs", "plan_desktop.ui.file_dialogs",  # 設定, about; file choosers: when opened
    "fractions", "decimal",  # exact figures: computed for overviews and prints, none for the first frame
    "plan_desktop.domain.not_plain_code",  # the search's compiled pattern: the first search needs it
]


@pytest.fixture(scope="module")
def first_paint(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("first-paint")
    db = tmp / "plan.sqlite"
    db.write_bytes((ROOT / "data" / "plan.sqlite").read_bytes())
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp), XDG_CONFIG_HOME=str(tmp / "cfg"),
               XDG_DATA_HOME=str(tmp / "data"), PYTHONPATH=str(ROOT / "src"))
    r = subprocess.run([sys.executable, "-c", PROBE, str(db)], env=env, capture_output=True, text=True,
                       encoding="utf-8", timeout=120, cwd=tmp)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout.strip().splitlines()[-1])


@pytest.mark.slow
def test_the_first_frame_shows_the_filled_tree_and_the_first_measure(first_paint):
    assert first_paint["measures_in_tree"] == 35
    assert first_paint["current"] == first_paint["first"]
    assert first_paint["title_shown"] == first_paint["title_of_first"]


@pytest.mark.slow
def test_the_hidden_tabs_are_not_made_before_the_first_frame(first_paint):
    assert first_paint["plan_tab_filled"] is False
    assert first_paint["evaluation_tab_built"] is False


@pytest.mark.slow
def test_the_timeline_chart_is_painted_after_the_first_frame(first_paint):
    assert first_paint["timeline_body_painted"] is False
    assert first_paint["timeline_rows"] >= 35  # its rows are there: clicks and keys work at once


@pytest.mark.slow
def test_the_opened_file_is_written_to_the_settings_after_the_first_frame(first_paint):
    # (that it is written by the time the process ends: tests/cli/test_process_exit.py)
    assert first_paint["file_remembered"] is False


@pytest.mark.slow
def test_no_widget_made_by_qt_is_handed_to_python_as_a_plain_qwidget_before_the_first_frame(first_paint):
    """Handing Python a QWidget that Qt made (a scroll area's viewport()) makes PySide6 create the Python
    type of every QWidget subclass to find its class (~35 types with their enums, ~6 ms)."""
    if first_paint["widget_types"] is None:
        pytest.skip("this PySide6 makes every type at import")
    unused = {"QWizard", "QMdiArea", "QGraphicsView", "QLCDNumber", "QDial", "QSplashScreen", "QColumnView"}
    assert unused & set(first_paint["widget_types"]) == set()


@pytest.mark.slow
def test_the_automatic_backup_is_only_copied_before_the_first_frame_and_in_place_once_closed(first_paint):
    # Its check reads every row (storage/database.py: check_backup_later): after the first frame.
    before = first_paint["backup_folder_at_first_paint"]
    assert len(before) == 1 and before[0].endswith(".tmp")
    after = first_paint["backup_folder_after_close"]
    assert len(after) == 1 and after[0].startswith("plan-") and after[0].endswith("-open.sqlite")


@pytest.mark.slow
def test_the_file_s_integrity_check_is_left_for_after_the_first_frame(first_paint):
    # A read of the whole file (storage/deferred_check.py); every write waits for it.
    assert first_paint["file_check_begun"] is False


@pytest.mark.slow
def test_only_what_the_first_frame_needs_is_imported_before_it(first_paint):
    loaded = set(first_paint["modules"])
    early = [m for m in NOT_BEFORE_FIRST_PAINT if m in loaded]
    assert early == []


class _PaintProbe(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.writer_at_first_paint: bool | None = None
        window.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:
        if self.writer_at_first_paint is None and event.type() == QEvent.Type.Paint:
            self.writer_at_first_paint = self.window.document.repo.db._utils is not None
        return False


def test_the_rest_is_made_after_the_first_paint_by_itself(window, qtbot):
    probe = _PaintProbe(window)
    window.show()
    qtbot.waitUntil(lambda: probe.writer_at_first_paint is not None, timeout=10_000)
    assert probe.writer_at_first_paint is False
    # The first edit does not wait for sqlite-utils; the 進捗評価 tab is there when chosen.
    qtbot.waitUntil(lambda: window.document.repo.db._utils is not None, timeout=10_000)
    qtbot.waitUntil(window.editor.evaluation_panel_is_built, timeout=10_000)


def test_a_click_in_the_tree_selects_and_shows_the_measure(window, doc, qtbot):
    window.show()
    qtbot.waitExposed(window)
    target = doc.data.measure_by_no(4)
    index = window.proxy.mapFromSource(window.model.measure_index(target.id))
    window.tree.scrollTo(index)
    rect = window.tree.visualRect(index)
    qtbot.mouseClick(window.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_measure_id() == target.id
    assert window.editor.title_edit.text() == target.title
    # An edit right away works too (the database makes its sqlite-utils wrapper on the spot if need be).
    window.document.update_measure(target.id, "title", title=target.title + "（改）")
    assert window.document.measure(target.id).title == target.title + "（改）"


@pytest.mark.slow
def test_the_bundled_font_is_registered_on_another_thread_and_the_fallback_before_the_first_frame(first_paint):
    # Qt reads the 6 MB font while the window's modules are imported (app.load_bundled_font_in_background)
    assert first_paint["font_registered_on"] == ["load-bundled-font"]
    assert first_paint["app_font_families"][-1] == "IPAexGothic"


@pytest.mark.slow
def test_the_widgets_only_dialogs_use_get_their_python_types_when_a_dialog_opens(first_paint):
    """PySide6 makes a class's Python type (with its enums) on first use: message boxes, file choosers,
    the calendar popup, the settings dialog's spin box, input and progress dialogs come after the first
    frame (~8 ms of types), imported where they are shown."""
    if first_paint["widget_types"] is None:
        pytest.skip("this PySide6 makes every type at import")
    for_dialogs = {"QMessageBox", "QFileDialog", "QCalendarWidget", "QSpinBox", "QInputDialog", "QProgressDialog"}
    assert for_dialogs & set(first_paint["widget_types"]) == set()
