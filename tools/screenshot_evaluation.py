"""Screenshots of the evaluation tab and dashboard on a copy of the bundled plan with sample evaluations.

    QT_QPA_PLATFORM="offscreen:configfile=tests/ui/screens/fullhd-1920x1080.json" \
        .venv/bin/python tools/screenshot_evaluation.py [OUT_DIR]

Writes screenshot-evaluation.png and screenshot-dashboard.png (default: docs/);
evaluation-history.png and rating-scale.png go to a temporary directory. The
sample data is random but seeded, so every run shows the same picture.
"""
import random
import shutil
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QTranslator
from PySide6.QtWidgets import QApplication

from plan_desktop.app import install_font_fallback
from plan_desktop.document.plan_document import PlanDocument
from plan_desktop.domain.model import Indicator
from plan_desktop.storage.database import open_database
from plan_desktop.storage.repository import PlanRepository
from plan_desktop.ui.evaluation_history import EvaluationHistoryDialog
from plan_desktop.ui.evaluation_overview import EvaluationOverviewDialog
from plan_desktop.ui.evaluation_panel import EvaluationPanel
from plan_desktop.ui.rating_scale_dialog import RatingScaleDialog

ROOT = Path(__file__).resolve().parents[1]
out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs"
work = Path(tempfile.mkdtemp()) / "plan.sqlite"
shutil.copyfile(ROOT / "data" / "plan.sqlite", work)
app = QApplication([])
install_font_fallback(app)  # the bundled Japanese font: correct glyphs without system fonts (offscreen)
qt_ja = QTranslator(app)  # Japanese standard buttons, as the app shows them
if qt_ja.load("qtbase_ja", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
    app.installTranslator(qt_ja)
doc = PlanDocument(PlanRepository(open_database(work)))
rnd = random.Random(7)
ms = doc.measures()
for i, m in enumerate(ms):
    for fy in (2022, 2023):
        if rnd.random() < 0.55 + 0.2 * (fy - 2022):
            doc.set_evaluation_fields(m.id, fy, "x", progress=rnd.choice(["実施中", "実施中", "未着手", "完了"]),
                                      rating=rnd.choice("AABBBCD"), issues="参加者が固定化している" if i % 3 == 0 else "",
                                      improvements="若い世代向けの時間帯を設ける" if i % 3 == 0 else "")
    if i < 26:
        doc.set_evaluation_fields(m.id, 2024, "x", progress=rnd.choice(["実施中", "実施中", "完了", "未着手"]),
                                  rating=rnd.choice("AABBBBCCD"))
m = ms[0]
doc.set_evaluation_fields(m.id, 2023, "x", progress="実施中", rating="B", achievements="役員選考の現状調査を実施した。",
                          issues="役員の高齢化と固定化が続いている。", improvements="選考規定の見直し案を作成し、総会で説明する。",
                          indicators=[Indicator("規定を改正した団体数", "団体", 0, 23, 6)])
doc.set_evaluation_fields(m.id, 2024, "x", progress="実施中", rating=None)
doc.start_evaluation_from_last_year(m.id, 2024)
doc.set_evaluation_fields(m.id, 2024, "x", achievements="23地区のうち11地区で選考規定を改正した。\n改正内容をホームページと広報紙で公開した。",
                          issues="改正が済んでいない地区への支援が必要。", improvements="未改正の地区に個別の説明会を開く。",
                          direction="継続", self_rating="B", self_comment="おおむね計画どおり進んでいる。",
                          self_author="コミュニティ推進課 山田", self_date="2025-04-25",
                          indicators=[Indicator("規定を改正した団体数", "団体", 0, 23, 11),
                                      Indicator("総会の動画配信", "地区", 2, 10, 7)])
doc.set_evaluation_status(m.id, 2024, "所管課確定")
doc.set_evaluation_fields(m.id, 2024, "x", council_rating="B", committee_opinion="未改正地区への働きかけを強めること。",
                          council_date="2025-06-12")
p = EvaluationPanel(doc)
p.resize(1500, 960)
p.set_measure(m.id)
p.set_fiscal_year(2024)
p.show()
app.processEvents()
p.grab().save(f"{out}/screenshot-evaluation.png")
d = EvaluationOverviewDialog(doc, 2024)
d.show()
app.processEvents()
d.grab().save(f"{out}/screenshot-dashboard.png")
h = EvaluationHistoryDialog(doc, m.id)
h.show()
app.processEvents()
h.grab().save(f"{work.parent}/evaluation-history.png")
s = RatingScaleDialog(doc)
s.show()
app.processEvents()
s.grab().save(f"{work.parent}/rating-scale.png")
print(f"saved to {out}; history and scale dialog in {work.parent}")
