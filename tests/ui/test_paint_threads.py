"""Windows paint on the thread that paints: Qt's pool of painting threads is never started
(plan_desktop/app.py sets QT_NO_GUI_THREADPOOL). Each case runs in its own process, since Qt
decides once per process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="thread names are read from /proc")

CHILD = r"""
import json, os, sys
from pathlib import Path
if sys.argv[1] == "window":
    from plan_desktop.app import create_main_window
from PySide6.QtCore import QRectF, QSettings
from PySide6.QtGui import QColor, QImage, QLinearGradient, QPainter
from PySide6.QtWidgets import QApplication
app = QApplication([])
if sys.argv[1] == "window":
    window = create_main_window(Path(sys.argv[2]), QSettings(sys.argv[3], QSettings.Format.IniFormat))
    window.resize(1366, 768)
    window.show()
    app.processEvents()
    window.grab()
    window.search_box.setText("推進")
    app.processEvents()
    window.grab()
# A fill Qt hands to its pool when it has one: a gradient over 2,000 lines.
image = QImage(300, 2000, QImage.Format.Format_ARGB32_Premultiplied)
painter = QPainter(image)
gradient = QLinearGradient(0, 0, 300, 0)
gradient.setColorAt(0, QColor("red"))
gradient.setColorAt(1, QColor("blue"))
painter.fillRect(QRectF(0, 0, 300, 2000), gradient)
painter.end()
tasks = Path("/proc/self/task")
print(json.dumps([(tasks / t / "comm").read_text(encoding="utf-8").strip() for t in os.listdir(tasks)]))
"""


def _thread_names(case: str, db_file: Path, tmp_path: Path) -> list[str]:
    env = {k: v for k, v in os.environ.items() if k != "QT_NO_GUI_THREADPOOL"}
    env.update(QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path / "cfg"))
    r = subprocess.run([sys.executable, "-c", CHILD, case, str(db_file), str(tmp_path / "s.ini")], env=env,
                       capture_output=True, text=True, encoding="utf-8", timeout=120, cwd=ROOT)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout.strip().splitlines()[-1])


def test_the_window_paints_without_qts_pool_of_painting_threads(db_file, tmp_path):
    assert "Thread (pooled)" not in _thread_names("window", db_file, tmp_path)


def test_without_the_window_module_qt_paints_a_big_fill_on_its_pool(db_file, tmp_path):
    """The control: the fill above is one Qt hands to its pool (so the case above can fail)."""
    assert "Thread (pooled)" in _thread_names("plain", db_file, tmp_path)
