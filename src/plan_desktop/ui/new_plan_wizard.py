"""ファイル → 新規作成: an empty plan (title, years, periods, level names), the bundled example,
or a plan from a file (JSON, or a structure workbook with preview and validation).

The wizard only builds the plan (:attr:`NewPlanWizard.result_data`); the
window's file handling asks where to save it and creates the file.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from ..domain.fiscal import current_fiscal_year, fy_label
from ..domain.model import PlanData
from ..domain.plan_frame import empty_plan
from ..domain.terms import Level, PlanTerms
from ..domain.validation import validate_plan
from .fiscal_year_range import FiscalYearRange
from .plan_settings_dialog import Column, ListEditor
from .screen_fit import fit_to_screen

EMPTY, EXAMPLE, FROM_FILE = "empty", "example", "file"
PAGE_CHOICE, PAGE_EMPTY, PAGE_FILE = range(3)


class ChoicePage(QWizardPage):
    def __init__(self, example_title: str, parent=None):
        super().__init__(parent)
        self.setTitle(self.tr("新しい計画"))
        self.setSubTitle(self.tr("どのように始めるかを選んでください。"))
        v = QVBoxLayout(self)
        self.group = QButtonGroup(self)
        self.empty = QRadioButton(self.tr("空の計画（計画名・期間・階層の名称を入力して始める）"))
        self.example = QRadioButton(self.tr("同梱の見本: {title}").format(title=example_title or self.tr("（なし）")))
        self.from_file = QRadioButton(self.tr("ファイルから（JSON、または構成テンプレートの Excel ブック）"))
        for i, b in enumerate((self.empty, self.example, self.from_file)):
            self.group.addButton(b, i)
            v.addWidget(b)
        self.example.setEnabled(bool(example_title))
        self.empty.setChecked(True)
        v.addStretch(1)

    def choice(self) -> str:
        return {0: EMPTY, 1: EXAMPLE, 2: FROM_FILE}[self.group.checkedId()]

    def nextId(self) -> int:  # noqa: N802 (Qt override)
        return {EMPTY: PAGE_EMPTY, EXAMPLE: -1, FROM_FILE: PAGE_FILE}[self.choice()]


class EmptyPlanPage(QWizardPage):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._ready = False
        self.setTitle(self.tr("空の計画"))
        self.setSubTitle(self.tr("後から「計画 → 計画の設定」でいつでも変更できます。"))
        v = QVBoxLayout(self)
        form = QFormLayout()
        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("newPlanTitle")
        self.title_edit.setPlaceholderText(self.tr("例: 〇〇市総合計画 実施計画"))
        self.title_edit.textChanged.connect(self._changed)
        form.addRow(self.tr("計画名"), self.title_edit)
        fy = current_fiscal_year()
        years = FiscalYearRange()
        years.set_years(fy, fy + 4)
        years.changed.connect(self._changed)
        self.fy_start, self.fy_end = years.fy_start, years.fy_end
        form.addRow(self.tr("計画期間（年度、西暦）"), years)
        self.measure_word = QLineEdit(PlanTerms().measure)
        self.measure_word.textChanged.connect(self._changed)
        form.addRow(self.tr("評価する項目の呼び名"), self.measure_word)
        v.addLayout(form)
        v.addWidget(QLabel(self.tr("期間の区切り（任意。前期・後期など）")))
        self.periods = ListEditor([Column(self.tr("名称")), Column(self.tr("開始年度"), "year", 90),
                                   Column(self.tr("終了年度"), "year", 90)], add_text=self.tr("期間を追加"),
                                  on_change=self._changed, visible_rows=3)
        v.addWidget(self.periods)
        v.addWidget(QLabel(self.tr("階層の名称（上の階層から。例: まちづくり方針 → 施策の柱 → 施策）")))
        self.levels = ListEditor([Column(self.tr("名称")), Column(self.tr("略称"), "text", 140)],
                                 add_text=self.tr("階層を追加"), min_rows=1, on_change=self._changed, visible_rows=4)
        self.levels.set_rows([([PlanTerms().levels[0].name, ""], None)])
        v.addWidget(self.levels)
        v.addWidget(QLabel(self.tr("最上位のグループ（1行に1つ。空なら「（名称未設定）」を1つ作ります）")))
        self.groups = QPlainTextEdit()
        self.groups.setMaximumHeight(90)
        self.groups.textChanged.connect(self._changed)
        v.addWidget(self.groups)
        self.problems = QLabel()
        self.problems.setStyleSheet("color: #b03a2e;")
        self.problems.setWordWrap(True)
        v.addWidget(self.problems)
        self._ready = True
        self._changed()

    def plan(self) -> PlanData:
        terms = PlanTerms(levels=[Level(n.strip(), s.strip()) for (n, s), _o in self.levels.rows()],
                          measure=self.measure_word.text().strip())
        periods = [(name.strip(), a or 0, b or 0) for (name, a, b), _o in self.periods.rows()]
        groups = [line.strip() for line in self.groups.toPlainText().splitlines() if line.strip()]
        return empty_plan(self.title_edit.text().strip(), self.fy_start.value(), self.fy_end.value(), terms=terms,
                          periods=periods, groups=groups)

    def _changed(self, *args) -> None:
        if not self._ready:
            return
        problems = validate_plan(self.plan())
        self.problems.setText("\n".join(p.message for p in problems[:5]) if self.title_edit.text() or
                              len(problems) > 1 else "")
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802 (Qt override)
        return not validate_plan(self.plan())

    def nextId(self) -> int:  # noqa: N802
        return -1


class FromFilePage(QWizardPage):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setTitle(self.tr("ファイルから"))
        self.setSubTitle(self.tr("計画の JSON ファイル（plan-desktop/1）か、構成テンプレートの Excel ブックを選んでください。"))
        v = QVBoxLayout(self)
        row = QHBoxLayout()
        self.path_edit = QLineEdit()
        self.path_edit.setReadOnly(True)
        choose = QPushButton(self.tr("選ぶ…"))
        choose.clicked.connect(self.choose)
        template = QPushButton(self.tr("構成テンプレートを保存…"))
        template.setToolTip(self.tr("空の構成テンプレート（説明付きの Excel ブック）を保存します"))
        template.clicked.connect(self.save_template)
        row.addWidget(self.path_edit, 1)
        row.addWidget(choose)
        row.addWidget(template)
        v.addLayout(row)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        v.addWidget(self.summary)
        self.list = QListWidget()
        self.list.setObjectName("newPlanPreview")
        v.addWidget(self.list, 1)
        self.data: PlanData | None = None

    def choose(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("計画のファイル"), "",
                                              self.tr("計画のファイル (*.json *.xlsx);;すべてのファイル (*)"))
        if path:
            self.load(Path(path))

    def save_template(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("構成テンプレートを保存"), self.tr("構成テンプレート.xlsx"),
                                              "Excel (*.xlsx)")
        if not path:
            return
        from ..exchange.structure import write_structure

        sample = empty_plan(self.tr("〇〇市 実施計画"), current_fiscal_year(), current_fiscal_year() + 4)
        try:
            write_structure(sample, Path(path))
        except OSError as exc:
            self.summary.setText(self.tr("保存できません: {reason}").format(reason=exc))
            return
        self.summary.setText(self.tr("構成テンプレートを保存しました: {path}").format(path=path))

    def load(self, path: Path) -> bool:
        """Read *path* and show what it holds or every problem (row and column named)."""
        self.path_edit.setText(str(path))
        self.list.clear()
        self.data = None
        from ..exchange.structure import read_plan_source

        preview = read_plan_source(path)
        self.data = preview.data if preview.ok else None
        problems = [str(p) for p in preview.problems]
        if problems:
            self.summary.setText(self.tr("読み込めません（{n} 件の問題）。ファイルを直してから選び直してください。")
                                 .format(n=len(problems)))
            self.list.addItems(problems[:500])
        else:
            self._show(self.data)
        self.completeChanged.emit()
        return self.data is not None

    def _show(self, data: PlanData) -> None:
        from ..domain import groups as G

        t = data.terms
        self.summary.setText(self.tr("「{title}」（{years}）: グループ {g} 件、{word} {m} 件").format(
            title=data.plan.title, years=f"{fy_label(data.plan.fy_start)}～{fy_label(data.plan.fy_end)}",
            g=len(data.viewpoints), word=t.measure, m=len(data.measures)))
        mine: dict[int, int] = {}
        for m in data.measures:
            mine[m.viewpoint] = mine.get(m.viewpoint, 0) + 1
        for node in G.preorder(data):
            n = mine.get(node.group.no, 0)
            self.list.addItem("\u3000" * node.depth + G.group_heading(data, node.group)
                              + (f"（{t.measure} {n} 件）" if n else ""))

    def isComplete(self) -> bool:  # noqa: N802
        return self.data is not None

    def nextId(self) -> int:  # noqa: N802
        return -1


class NewPlanWizard(QWizard):
    """Public: ``choice_page``, ``empty_page``, ``file_page``, ``result_data()`` (None for the example)."""

    def __init__(self, example_title: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("newPlanWizard")
        self.setWindowTitle(self.tr("新規作成"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.choice_page = ChoicePage(example_title)
        self.empty_page = EmptyPlanPage()
        self.file_page = FromFilePage()
        self.setPage(PAGE_CHOICE, self.choice_page)
        self.setPage(PAGE_EMPTY, self.empty_page)
        self.setPage(PAGE_FILE, self.file_page)
        self.setStartId(PAGE_CHOICE)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("作成…"))
        fit_to_screen(self, 760, 620)

    def choice(self) -> str:
        return self.choice_page.choice()

    def result_data(self) -> PlanData | None:
        """The plan to create; None means the bundled example."""
        c = self.choice()
        if c == EMPTY:
            return self.empty_page.plan()
        if c == FROM_FILE:
            return self.file_page.data
        return None
