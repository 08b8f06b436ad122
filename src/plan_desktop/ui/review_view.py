"""前期計画の検証: the review of one period in the window, and the 計画 menu that opens it.

:func:`install_review_actions` adds the 計画 menu (period shown, review,
drafting the next period, lock, per-community progress) to a main window
that has ``document`` (a PlanDocument, read when an action runs, so a
different file opened later is used) and optionally ``select_measure(id)``.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..domain import groups as G
from ..domain.evaluation import DRAFTS_COUNTED_BY_DEFAULT, rating_colors
from ..domain.fiscal import fy_label, fy_range_label
from ..domain.numbers import format_average, format_share
from ..domain.review import UNRATED, period_review
from ..domain.wording import stage_names
from .failure_reporter import run_edit
from .screen_fit import fit_to_screen

_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class ReviewView(QWidget):
    """Figures of one period and a row per measure; double-click asks to show the measure."""

    measure_activated = Signal(str)

    def __init__(self, document, period: str | None = None, parent=None):
        super().__init__(parent)
        self.document = document
        self.period_box = QComboBox()
        for p in document.data.plan.periods:
            self.period_box.addItem(f"{p.name}（{fy_range_label(p.fy_start, p.fy_end)}）", p.name)
        if period is not None and self.period_box.findData(period) >= 0:
            self.period_box.setCurrentIndex(self.period_box.findData(period))
        self.print_button = QPushButton(self.tr("PDF に保存…"))
        # The printed review's counting rule (domain.evaluation.DRAFTS_COUNTED_BY_DEFAULT); the PDF follows the switch.
        words = stage_names(document.data)
        self.drafts_check = QCheckBox(self.tr("{meeting}確定前の評価（{mark}）も数える").format(
            meeting=words.meeting, mark=words.draft_mark))
        self.drafts_check.setObjectName("reviewIncludeDrafts")
        self.drafts_check.setChecked(DRAFTS_COUNTED_BY_DEFAULT)
        self.headline = QLabel()
        self.headline.setTextFormat(Qt.TextFormat.RichText)
        self.headline.setWordWrap(True)
        self.years_table = QTableWidget()
        self.viewpoint_table = QTableWidget()
        self.lists = QLabel()
        self.lists.setWordWrap(True)
        self.lists.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.measures_table = QTableWidget()
        self.measures_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.measures_table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.measures_table.verticalHeader().setVisible(False)
        self.measures_table.cellDoubleClicked.connect(self._activated)
        for t in (self.years_table, self.viewpoint_table):
            t.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
            t.verticalHeader().setVisible(False)
            t.setSizeAdjustPolicy(QTableWidget.SizeAdjustPolicy.AdjustToContents)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("期間:")))
        top.addWidget(self.period_box)
        top.addStretch(1)
        top.addWidget(self.drafts_check)
        top.addWidget(self.print_button)
        figures = QWidget()
        fl = QHBoxLayout(figures)
        fl.setContentsMargins(0, 0, 0, 0)
        fl.addWidget(self.years_table, 2)
        fl.addWidget(self.viewpoint_table, 3)
        below = QWidget()
        bl = QVBoxLayout(below)
        bl.setContentsMargins(0, 0, 0, 0)
        bl.addWidget(self.lists)
        bl.addWidget(self.measures_table, 1)
        # The figures above, the row per measure below, with a handle between: on a laptop screen
        # the measures keep most of the height (a plan with many groups makes the figures tall).
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(figures)
        self.splitter.addWidget(below)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([2000, 3000])  # 2 : 3 of whatever height the window gets
        for t in (self.years_table, self.viewpoint_table):
            t.setMinimumHeight(t.horizontalHeader().sizeHint().height() + 3 * t.verticalHeader().defaultSectionSize())
        self.measures_table.setMinimumHeight(
            self.measures_table.horizontalHeader().sizeHint().height() + 4 * self.measures_table.verticalHeader().defaultSectionSize())
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.headline)
        lay.addWidget(self.splitter, 1)
        self.period_box.currentIndexChanged.connect(self.refresh)
        self.drafts_check.toggled.connect(self.refresh)
        self.print_button.clicked.connect(self.save_pdf)
        # A method, not a lambda: Qt drops the connection when a closed review window is deleted.
        document.changed.connect(self._document_changed)
        self.refresh()

    def _document_changed(self, _change) -> None:
        self.refresh()

    def period(self) -> str | None:
        return self.period_box.currentData()

    def refresh(self) -> None:
        name = self.period()
        if name is None:
            self.headline.setText(self.tr("この計画には期間（前期・後期など）が設定されていません。"))
            for t in (self.years_table, self.viewpoint_table, self.measures_table):
                t.setRowCount(0)
            return
        r = period_review(self.document.data, name, include_drafts=self.drafts_check.isChecked())
        self.review = r
        rate = format_share(r.started, r.total)
        import html

        goal = (f"<b>目標「{html.escape(r.goal_text)}」</b>（{fy_label(r.period.fy_end)}まで）　" if r.goal_text
                else f"{fy_label(r.period.fy_end)}まで　")
        words = stage_names(self.document.data)
        drafts = sum(len(m.drafts) for m in r.measures)
        basis = (self.tr("評価の集計には{meeting}で確定していない評価（{mark}）{n} 件を含みます。").format(
            meeting=words.meeting, mark=words.draft_mark, n=drafts) if r.include_drafts else
            self.tr("評価の集計は{meeting}で確定した評価のみです（印刷と同じ）。").format(meeting=words.meeting))
        self.headline.setText(
            f"{goal}着手 <b>{r.started}</b> / {r.total} 項目　着手率 <b>{rate}</b>　未着手 {r.total - r.started} 項目"
            f"<br>{html.escape(basis)}")
        letters = [lv.letter for lv in r.scale]
        colours = rating_colors(r.scale)
        cols = [*letters, UNRATED]
        self._fill(self.years_table, ["年度", *cols, "着手（累計）"],
                   [[fy_label(fy), *[str(r.by_year[fy][c]) for c in cols], str(r.started_by_year[fy])] for fy in r.years])
        data = self.document.data
        word = data.terms.measure
        groups = {v.no: v for v in data.viewpoints}

        def group_cell(v) -> str:
            g = groups.get(v.viewpoint)
            return "\u3000" * v.depth + (G.group_heading(data, g, short=True) if g is not None else str(v.viewpoint))

        self._fill(self.viewpoint_table, [data.terms.top_level or "グループ", word, *cols, "平均点", "着手"],
                   [[group_cell(v), str(v.measures), *[str(v.counts.get(c, 0)) for c in letters],
                     str(v.unrated), format_average(v.average), f"{v.started}/{v.measures}"]
                    for v in r.by_viewpoint])
        # A zero-width space after each 、: Unicode forbids a break between 、 and №, so
        # without it a long list is one unbreakable line wider than the screen.
        never = "、\u200b".join(f"№{m.label}" for m in r.never_evaluated) or "なし"
        unstarted = "、\u200b".join(f"№{m.label}" for m in r.not_started) or "なし"
        self.lists.setText(f"一度も評価されていない{word}（{len(r.never_evaluated)}）: {never}\n"
                           f"{fy_label(r.period.fy_end)}までに着手していない{word}（{len(r.not_started)}）: {unstarted}")
        head = ["№", word, *[fy_label(fy) for fy in r.years], "着手年度", "最終の取組状況", "最新の課題", "今後の方向性"]
        t = self.measures_table
        t.clear()
        t.setColumnCount(len(head))
        t.setHorizontalHeaderLabels(head)
        t.setRowCount(len(r.measures))
        for row, m in enumerate(r.measures):
            values = [m.label, m.display_title.split(" ", 1)[1],
                      *["・" if fy in m.inactive_years else (f"{x}{words.draft_mark}" if x and fy in m.drafts else x or "－")
                        for fy, x in m.ratings],
                      fy_label(m.started_fy) if m.started_fy else "未着手", m.final_progress or "－",
                      m.latest_issues.replace("\n", " ") or "－", m.latest_direction or "－"]
            for col, v in enumerate(values):
                item = QTableWidgetItem(v)
                item.setData(_ID_ROLE, m.id)
                if 2 <= col < 2 + len(r.years):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                    rating = m.ratings[col - 2][1]
                    if rating:
                        item.setBackground(QBrush(QColor(colours[rating])))
                        item.setForeground(QBrush(QColor("white")))
                if col == 2 + len(r.years) and not m.started_fy:
                    item.setForeground(QBrush(QColor("#c0392b")))
                if col == len(values) - 2:
                    item.setToolTip(m.latest_issues)
                t.setItem(row, col, item)
        header = t.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(len(head) - 2, QHeaderView.ResizeMode.Stretch)
        t.setColumnWidth(1, 320)

    @staticmethod
    def _fill(table: QTableWidget, head: list[str], rows: list[list[str]]) -> None:
        table.clear()
        table.setColumnCount(len(head))
        table.setHorizontalHeaderLabels(head)
        table.setRowCount(len(rows))
        for r, values in enumerate(rows):
            for c, v in enumerate(values):
                item = QTableWidgetItem(v)
                if c:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                table.setItem(r, c, item)
        table.resizeColumnsToContents()

    def _activated(self, row: int, _col: int) -> None:
        item = self.measures_table.item(row, 0)
        if item is not None:
            self.measure_activated.emit(item.data(_ID_ROLE))

    def save_pdf(self, path: str | None = None) -> str | None:
        from PySide6.QtWidgets import QMessageBox

        from ..reports.base import ReportOptions
        from ..reports.review import build_review
        from .file_dialogs import ask_save_path

        name = self.period()
        if name is None:
            return None
        result = build_review(self.document.data, name,
                              options=ReportOptions(include_drafts=self.drafts_check.isChecked()))
        if path is None:
            path = ask_save_path(self, self.tr("PDF に保存"), result.suggested_name, "PDF (*.pdf)", self.document.path)
            if path is None:
                return None
        try:
            result.save(path)
        except OSError as exc:  # open in Acrobat: fileops.FileInUseError names the file
            QMessageBox.warning(self, self.tr("PDF に保存"),
                                self.tr("{0} に保存できませんでした: {1}").format(path, exc.strerror or exc))
            return None
        return path


class ReviewDialog(QDialog):
    def __init__(self, document, period: str | None = None, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("計画の検証"))
        # Closed means gone: a hidden review would keep recomputing on every edit.
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.view = ReviewView(document, period, self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.view)
        lay.addWidget(buttons)
        fit_to_screen(self, 1400, 900)


# ------------------------------------------------------------------ menu
class ReviewActions:
    """The 計画 menu of a main window; kept on the window as ``review_actions``."""

    @staticmethod
    def tr(text: str) -> str:
        return QCoreApplication.translate("ReviewActions", text)

    def __init__(self, window):
        self.window = window
        bar = window.menuBar()
        self.menu = QMenu(self.tr("計画(&L)"), bar)
        self.menu.setObjectName("planMenu")
        help_menu = getattr(window, "help_menu", None)  # keep ヘルプ last, as users expect
        if help_menu is not None:
            bar.insertMenu(help_menu.menuAction(), self.menu)
        else:
            bar.addMenu(self.menu)
        self.act_settings = self.menu.addAction(self.tr("計画の設定(&S)…"), self.open_settings)
        self.act_settings.setObjectName("actionPlanSettings")
        self.menu.addSeparator()
        self.period_menu = self.menu.addMenu(self.tr("表示する期間(&P)"))
        self.period_group = QActionGroup(window)
        self.period_group.setExclusive(True)
        self.act_review = self.menu.addAction(self.tr("計画の検証(&V)…"), self.open_review)
        self.act_next = self.menu.addAction(self.tr("次の期間の計画を作成(&N)…"), self.open_wizard)
        # Same words as domain.periods.UNLOCK_ACTION, which the lock messages point to.
        self.act_lock = self.menu.addAction(self.tr("期間のロック・ロック解除(&K)…"), self.toggle_lock)
        self.menu.addSeparator()
        self.act_communities = self.menu.addAction(self.tr("地域別の進捗(&C)…"), self.open_communities)
        self.menu.aboutToShow.connect(self.update_menu)
        self.dialogs: list[QDialog] = []
        self.update_menu()

    @property
    def document(self):
        return self.window.document

    def update_menu(self) -> None:
        doc = self.document
        self.period_menu.clear()
        for a in self.period_group.actions():
            self.period_group.removeAction(a)
        # Accelerators: &A for all, &1, &2, … for the periods in their order.
        choices = [(self.tr("すべて(&A)"), None)]
        choices += [(f"{p.name}（{fy_range_label(p.fy_start, p.fy_end)}）" + ("　🔒" if p.locked else "")
                     + (f"(&{i})" if i < 10 else ""), p.name)
                    for i, p in enumerate(doc.data.plan.periods, start=1)]
        for text, name in choices:
            act = QAction(text, self.period_menu, checkable=True)
            act.setChecked(doc.period_filter == name)
            act.triggered.connect(lambda _=False, n=name: self.document.set_period_filter(n))
            self.period_group.addAction(act)
            self.period_menu.addAction(act)
        # Per-community progress only for a plan that lists communities (named by the plan's unit).
        self.act_communities.setText(self.tr("{unit}別の進捗(&C)…").format(unit=doc.data.terms.community_unit))
        self.act_communities.setVisible(bool(doc.data.communities))
        has_periods = bool(doc.data.plan.periods)
        self.act_review.setEnabled(has_periods)
        self.act_next.setEnabled(len(doc.data.plan.periods) > 1 and not doc.readonly)
        self.act_lock.setEnabled(has_periods and not doc.readonly)

    def _select(self, measure_id: str) -> None:
        select = getattr(self.window, "select_measure", None)
        if callable(select):
            select(measure_id)

    def _show(self, dialog: QDialog) -> QDialog:
        self.dialogs = [d for d in self.dialogs if d.isVisible()] + [dialog]
        # Windows deleted on close leave the list at once (a deleted one must never be asked isVisible).
        dialog.destroyed.connect(lambda *_a, gone=dialog: self._forget(gone))
        dialog.show()
        return dialog

    def _forget(self, dialog: QDialog) -> None:
        self.dialogs = [d for d in self.dialogs if d is not dialog]

    def open_review(self) -> ReviewDialog:
        doc = self.document
        dialog = ReviewDialog(doc, doc.period_filter or (doc.data.plan.periods[0].name if doc.data.plan.periods else None),
                              self.window)
        dialog.view.measure_activated.connect(self._select)
        return self._show(dialog)

    def open_wizard(self):
        from .next_period_wizard import NextPeriodWizard

        wizard = NextPeriodWizard(self.document, self.window)
        return self._show(wizard)

    def open_settings(self):
        from .plan_settings_dialog import PlanSettingsDialog

        dialog = PlanSettingsDialog(self.document, self.window)
        return self._show(dialog)

    def open_communities(self):
        from .community_matrix import CommunityMatrixDialog

        dialog = CommunityMatrixDialog(self.document, self.window)
        return self._show(dialog)

    def toggle_lock(self) -> None:
        from PySide6.QtWidgets import QInputDialog

        doc = self.document
        periods = doc.data.plan.periods
        labels = [f"{p.name}（{'ロック中' if p.locked else '編集可'}）" for p in periods]
        choice, ok = QInputDialog.getItem(self.window, self.tr("期間のロック"),
                                          self.tr("ロックを切り替える期間:"), labels, 0, False)
        if not ok:
            return
        period = periods[labels.index(choice)]
        reason = ""
        if period.locked:
            reason, ok = QInputDialog.getText(self.window, self.tr("ロック解除"),
                                              self.tr("{name}のロックを解除する理由:").format(name=period.name))
            if not ok:
                return
        run_edit(self.window, lambda: doc.set_period_locked(period.name, not period.locked, reason),
                 title=self.tr("期間のロック"))


def install_review_actions(main_window) -> ReviewActions:
    """Add the 計画 menu to *main_window* (needs ``document`` and ``menuBar()``)."""
    actions = ReviewActions(main_window)
    main_window.review_actions = actions
    return actions
