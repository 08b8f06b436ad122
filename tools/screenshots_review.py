"""Screenshots of the review view, the next-period wizard and the community matrix.

    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python tools/screenshots_review.py OUTDIR

Uses the bundled plan with the made-up evaluations of tests/period_sample.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    out.mkdir(parents=True, exist_ok=True)
    from period_sample import hitachi_demo, make_document
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QApplication

    from plan_desktop.storage.seed import load_seed
    from plan_desktop.ui.community_matrix import CommunityMatrixDialog
    from plan_desktop.ui.next_period_wizard import NextPeriodWizard
    from plan_desktop.ui.review_view import ReviewDialog

    app = QApplication.instance() or QApplication(sys.argv[:1])
    font_file = ROOT / "resources" / "fonts"
    for f in sorted(font_file.glob("*.ttf")) + sorted(font_file.glob("*.otf")):
        from PySide6.QtGui import QFontDatabase

        QFontDatabase.addApplicationFont(str(f))
    app.setFont(QFont(app.font().family(), 10))
    doc = make_document(hitachi_demo(load_seed(ROOT / "resources" / "seed" / "hitachi_plan.json")))

    def shot(widget, name: str, size=(1500, 920)) -> None:
        widget.resize(*size)
        widget.show()
        for _ in range(5):
            app.processEvents()
        widget.grab().save(str(out / name))
        print(out / name)

    review = ReviewDialog(doc, "前期")
    shot(review, "review.png")
    matrix = CommunityMatrixDialog(doc)
    matrix.matrix.select_measure(doc.data.measure_by_no(5).id)
    matrix.matrix.table.setCurrentCell(1, 3)
    shot(matrix, "communities.png", (1400, 900))
    wizard = NextPeriodWizard(doc)
    wizard.show()
    wizard.next()
    shot(wizard, "wizard.png", (1200, 800))
    return 0


if __name__ == "__main__":
    sys.exit(main())
