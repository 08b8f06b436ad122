"""Screenshots and sample pages of another city's plan (tests/data/other_city_plan.json) for docs/.

    QT_QPA_PLATFORM="offscreen:configfile=/path/to/laptop-1366x768.json" \\
        .venv/bin/python tools/screenshots_other_city.py [OUTDIR]

Writes (default OUTDIR: docs/):
  screenshot-other-city.png        the main window: four levels, display codes, the plan's words
  screenshot-plan-settings.png     計画 → 計画の設定, the structure page
  screenshot-new-plan.png          ファイル → 新規作成 → ファイルから, with the preview
  report-other-city-sheet.png      the first page of an evaluation sheet
  report-other-city-schedule.png   the first page of 事業一覧及び工程
Page images need pdftoppm (poppler-utils).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))


def _save(widget, path: Path) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage

    image = widget.grab().toImage()
    # 256 colours are plenty for a window picture and keep the files small.
    image = image.convertToFormat(QImage.Format.Format_Indexed8, Qt.ImageConversionFlag.ThresholdDither)
    image.save(str(path))
    print(path)


def _page_png(pdf: bytes, path: Path, dpi: int = 80) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "page.pdf"
        src.write_bytes(pdf)
        subprocess.run(["pdftoppm", "-png", "-r", str(dpi), "-f", "1", "-l", "1", "-singlefile", str(src),
                        str(Path(tmp) / "page")], check=True)
        path.write_bytes((Path(tmp) / "page.png").read_bytes())
    print(path)


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs"
    out.mkdir(parents=True, exist_ok=True)
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    from plan_desktop.app import create_main_window, install_font_fallback

    install_font_fallback(app)
    from other_city import OTHER_CITY_JSON, other_city_db

    with tempfile.TemporaryDirectory() as tmp:
        db = other_city_db(Path(tmp) / "若葉市 実施計画.sqlite")
        settings = QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat)
        w = create_main_window(db, settings)
        w.showMaximized()
        for _ in range(5):
            app.processEvents()
        w.year_filter.setCurrentIndex(w.year_filter.findData(2023))
        w.select_measure(w.document.data.measures[4].id)
        for _ in range(5):
            app.processEvents()
        _save(w, out / "screenshot-other-city.png")

        settings_dialog = w.review_actions.open_settings()
        settings_dialog.tabs.setCurrentIndex(1)
        for _ in range(5):
            app.processEvents()
        _save(settings_dialog, out / "screenshot-plan-settings.png")
        settings_dialog.close()

        from plan_desktop.ui.new_plan_wizard import PAGE_FILE, NewPlanWizard

        wizard = NewPlanWizard("日立市コミュニティ活動推進行動計画", w)
        wizard.choice_page.from_file.setChecked(True)
        wizard.show()
        wizard.next()
        assert wizard.currentId() == PAGE_FILE
        wizard.file_page.load(OTHER_CITY_JSON)
        for _ in range(5):
            app.processEvents()
        _save(wizard, out / "screenshot-new-plan.png")
        wizard.close()

        from plan_desktop.reports.base import ReportOptions
        from plan_desktop.reports.schedule_overview import build_schedule
        from plan_desktop.reports.sheet import build_sheets

        data = w.document.data
        options = ReportOptions(invariant=True)
        _page_png(build_sheets(data, 2023, [data.measures[4]], options=options).pdf, out / "report-other-city-sheet.png")
        _page_png(build_schedule(data, options=options).pdf, out / "report-other-city-schedule.png")
        w.document.close()
        w.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
