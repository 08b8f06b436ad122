"""Screenshots for the user guide (resources/help/images) and docs/, taken from the app itself.

    .venv/bin/python tools/make_help_screenshots.py [help|docs|all]

Runs headless: each screen is simulated by Qt's offscreen platform with a
screen description from tests/ui/screens/ (one process per screen, since the
platform is fixed when QApplication starts). The plan is a copy of the bundled
plan with seeded sample evaluations, so every run shows the same picture.

* ``help``: 1366×768 laptop, images scaled to at most 1000 px wide (small PNGs
  shipped with the app): main-window, evaluation-tab, evaluation-mode,
  print-preview, export-dialog, restore-dialog.
* ``docs``: the window maximised on the evaluation tab, and the evaluation
  mode, at 1366×768, 1280×720 (1920×1080 at 150 %) and 1920×1080:
  docs/screenshot-evaluation-<screen>.png, docs/screenshot-evaluation-mode-<screen>.png.
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCREENS = ROOT / "tests" / "ui" / "screens"
HELP_IMAGES = ROOT / "resources" / "help" / "images"
DOCS = ROOT / "docs"
JOBS = {
    "help": [("laptop-1366x768", "1366x768")],
    "docs": [("laptop-1366x768", "1366x768"), ("laptop-1920x1080-at-150", "1280x720-150"),
             ("fullhd-1920x1080", "1920x1080")],
}
HELP_WIDTH = 1000


def main(argv: list[str]) -> int:
    what = argv[1] if len(argv) > 1 else "all"
    if os.environ.get("PLAN_SHOT_JOB"):
        return _run_job(os.environ["PLAN_SHOT_JOB"], os.environ["PLAN_SHOT_TAG"])
    kinds = ["help", "docs"] if what == "all" else [what]
    for kind in kinds:
        for screen, tag in JOBS[kind]:
            env = dict(os.environ, PLAN_SHOT_JOB=kind, PLAN_SHOT_TAG=tag,
                       QT_QPA_PLATFORM=f"offscreen:configfile={SCREENS / (screen + '.json')}")
            env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), env.get("PYTHONPATH", "")])
            print(f"{kind} {tag} …", flush=True)
            done = subprocess.run([sys.executable, __file__], env=env, check=False)
            if done.returncode:
                return done.returncode
    return 0


# ------------------------------------------------------------------ in the child process
def _sample_plan(doc) -> None:
    """Seeded evaluations for 令和4–6年度 and a worked example on №1 (as a department would write it)."""
    from plan_desktop.domain.model import Indicator

    rnd = random.Random(7)
    ms = doc.measures()
    for i, m in enumerate(ms):
        for fy in (2022, 2023):
            if rnd.random() < 0.6:
                doc.set_evaluation_fields(m.id, fy, "x", progress=rnd.choice(["実施中", "実施中", "完了"]),
                                          rating=rnd.choice("AABBBCD"), achievements="計画どおり実施した。",
                                          issues="参加者が固定化している" if i % 3 == 0 else "",
                                          improvements="若い世代向けの時間帯を設ける" if i % 3 == 0 else "")
        if i < 14 and i != 2:
            doc.set_evaluation_fields(m.id, 2024, "x", progress=rnd.choice(["実施中", "完了"]),
                                      rating=rnd.choice("ABBC"), achievements="講座と説明会を開催した。")
    m = ms[2]
    doc.set_evaluation_fields(m.id, 2023, "x", progress="実施中", rating="B", achievements="現状の点検を行った。",
                              issues="活動の担い手が不足している。", improvements="地区ごとに話し合いの場を設ける。",
                              indicators=[Indicator("点検を終えた地区", "地区", 0, 23, 8)])
    doc.start_evaluation_from_last_year(m.id, 2024)
    doc.set_evaluation_fields(m.id, 2024, "x", progress="実施中",
                              achievements="23地区のうち15地区で話し合いの場を設けた。\n結果を広報紙で紹介した。",
                              issues="残りの地区では日程の調整が進んでいない。",
                              improvements="未実施の地区に個別に働きかける。", direction="継続", self_rating="B",
                              self_comment="おおむね計画どおり。", self_author="コミュニティ推進課 山田",
                              self_date="2025-04-25",
                              indicators=[Indicator("点検を終えた地区", "地区", 0, 23, 15),
                                          Indicator("話し合いの参加者", "人", 120, 400, 310)])


def _settle(app, rounds: int = 6) -> None:
    for _ in range(rounds):
        app.processEvents()


def _wait(app, seconds: float) -> None:
    import time

    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


def _save(widget, path: Path, width: int | None = None) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage

    image = widget.grab().toImage()
    if width is not None and image.width() > width:
        image = image.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
    # 256 colours are plenty for a window picture and keep the files small.
    image = image.convertToFormat(QImage.Format.Format_Indexed8, Qt.ImageConversionFlag.ThresholdDither)
    path.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(path), "PNG", 0):  # 0: smallest file (PNG is lossless)
        raise SystemExit(f"could not write {path}")
    print(f"  {path.relative_to(ROOT)}  {image.width()}×{image.height()}  {path.stat().st_size // 1024} KB")


def _run_job(kind: str, tag: str) -> int:
    from PySide6.QtCore import QLibraryInfo, QSettings, QTranslator
    from PySide6.QtWidgets import QApplication

    from plan_desktop.app import create_main_window, install_font_fallback

    app = QApplication([sys.argv[0]])
    install_font_fallback(app)
    qt_ja = QTranslator(app)  # Japanese standard buttons, as the app shows them
    if qt_ja.load("qtbase_ja", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt_ja)
    work = Path(tempfile.mkdtemp(prefix="plan-shots-"))
    try:
        db = work / "計画.sqlite"
        shutil.copyfile(ROOT / "data" / "plan.sqlite", db)
        window = create_main_window(db, QSettings(str(work / "settings.ini"), QSettings.Format.IniFormat))
        doc = window.document
        _sample_plan(doc)
        doc.undo_stack.clear()
        window.show()
        window.select_measure(doc.measures()[2].id)
        _settle(app)
        if kind == "help":
            _help_images(app, window)
        else:
            _docs_images(app, window, tag)
        window.close()
        doc.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def _docs_images(app, window, tag: str) -> None:
    editor = window.editor
    editor.tabs.setCurrentWidget(editor.evaluation_panel)
    editor.evaluation_panel.set_fiscal_year(2024)
    _settle(app)
    _save(window, DOCS / f"screenshot-evaluation-{tag}.png")
    mode = window.open_evaluation_mode()
    mode.showMaximized()
    _settle(app)
    _save(mode, DOCS / f"screenshot-evaluation-mode-{tag}.png")
    mode.close()


def _help_images(app, window) -> None:
    from plan_desktop.reports.sheet import build_sheets
    from plan_desktop.storage import backup as bk
    from plan_desktop.ui.exchange_dialogs import ExportDialog
    from plan_desktop.ui.print_preview import PrintPreviewDialog
    from plan_desktop.ui.safety_dialogs import RestoreDialog

    doc = window.document
    _save(window, HELP_IMAGES / "main-window.png", HELP_WIDTH)
    editor = window.editor
    editor.tabs.setCurrentWidget(editor.evaluation_panel)
    editor.evaluation_panel.set_fiscal_year(2024)
    _settle(app)
    _save(editor.evaluation_panel, HELP_IMAGES / "evaluation-tab.png", 700)
    mode = window.open_evaluation_mode()
    mode.showMaximized()
    _settle(app)
    _save(mode, HELP_IMAGES / "evaluation-mode.png", HELP_WIDTH)
    mode.close()

    result = build_sheets(doc.data, 2024, [doc.measures()[2]])
    preview = PrintPreviewDialog(result.pdf, result.title, result.suggested_name, result.warnings, window)
    preview.resize(760, 700)
    preview.show()
    preview.fit_page_button.click()
    _wait(app, 3.0)  # pages are rendered in a background thread
    _save(preview, HELP_IMAGES / "print-preview.png", 700)
    preview.close()

    export = ExportDialog(doc.data, 2024, window)
    export.kind.setCurrentIndex(export.kind.findData(ExportDialog.TEMPLATE))
    export.show()
    _settle(app)
    _save(export, HELP_IMAGES / "export-dialog.png", 600)
    export.close()

    for _ in range(2):
        bk.create_backup(doc.path, source=doc.repo.db, reason="manual")
    restore = RestoreDialog(doc, window)
    restore.show()
    _settle(app)
    _save(restore, HELP_IMAGES / "restore-dialog.png", 640)
    restore.close()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
