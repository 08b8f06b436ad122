"""The evaluation overview (dashboard) for one fiscal year.

Figures come from ``domain.evaluation.overview`` (see its module doc for the
definitions of 着手, 未評価 and 低評価); this module only shows them: a counts
table, two small painted charts and the lists of measures that need a look.
Activating a listed measure emits ``measureActivated(id)``.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..document.plan_document import Changes, ChangeSet, PlanDocument
from ..domain import evaluation as rules
from ..domain import groups as G
from ..domain.fiscal import current_fiscal_year, era_of_fiscal_year, era_year_text, fy_label, fy_label_with_western
from ..domain.numbers import format_average, format_percent
from ..domain.wording import stage_names
from .screen_fit import fit_to_screen

IdRole = Qt.ItemDataRole.UserRole + 40
UNEVALUATED_COLOR = "#d5d8dc"


def _fmt_points(value) -> str:
    return "—" if value is None else format_average(value)


def _fmt_percent(rate) -> str:
    return "—" if rate is None else format_percent(rate)


class RatingBarChart(QWidget):
    """One stacked bar per viewpoint (and the total): the share of each rating, 未評価 in grey."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._overview: rules.Overview | None = None
        self.setMinimumHeight(150)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def set_overview(self, overview: rules.Overview, labels: list[str] | None = None) -> None:
        """*labels*: one per row of ``overview.rows`` (default: the group №)."""
        self._overview = overview
        self._labels = labels
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        n = len(self._overview.rows) + 1 if self._overview else 4
        return QSize(480, 34 + 30 * n)

    def segments(self, row: rules.RatingRow) -> list[tuple[str, int, str]]:
        """(label, count, colour) from the best rating to 未評価."""
        o = self._overview
        colors = rules.rating_colors(o.scale)
        out = [(r.letter, row.counts.get(r.letter, 0), colors[r.letter]) for r in o.scale]
        out.append((self.tr("未評価"), row.unevaluated, UNEVALUATED_COLOR))
        return out

    def paintEvent(self, _event) -> None:
        o = self._overview
        if o is None:
            return
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        fm = p.fontMetrics()
        rows = [*o.rows, o.total]
        given = getattr(self, "_labels", None) or [str(r.viewpoint) for r in o.rows]
        labels = [*given, self.tr("合計")]
        label_w = max(fm.horizontalAdvance(s) for s in labels) + 10
        left, right = label_w + 4, self.width() - 8
        # legend
        x = left
        for text, _count, color in self.segments(o.total):
            p.fillRect(QRectF(x, 6, 12, 12), QColor(color))
            p.setPen(QColor("#333333"))
            p.drawText(int(x + 16), 6 + fm.ascent(), text)
            x += 16 + fm.horizontalAdvance(text) + 14
        bar_h = 22
        y = 28
        for row, label in zip(rows, labels):
            p.setPen(QColor("#333333"))
            if row.viewpoint is None:
                f = QFont(p.font())
                f.setBold(True)
                p.setFont(f)
            p.drawText(QRectF(0, y, label_w, bar_h), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, label)
            total = max(row.measures, 1)
            x = float(left)
            width = right - left
            for _text, count, color in self.segments(row):
                if count == 0:
                    continue
                w = width * count / total
                rect = QRectF(x, y, w, bar_h)
                p.fillRect(rect, QColor(color))
                if fm.horizontalAdvance(str(count)) + 4 < w:
                    p.setPen(QColor("#ffffff") if color != UNEVALUATED_COLOR else QColor("#333333"))
                    p.drawText(rect, Qt.AlignmentFlag.AlignCenter, str(count))
                x += w
            p.setPen(QPen(QColor("#888888")))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRect(QRectF(left, y, width, bar_h))
            y += bar_h + 8
        p.end()


class StartRateChart(QWidget):
    """着手率 per fiscal year up to the deadline, with the 100 % line; future years hollow."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._progress: rules.StartProgress | None = None
        self.setMinimumSize(260, 150)

    def set_progress(self, progress: rules.StartProgress) -> None:
        self._progress = progress
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(420, 170)

    def paintEvent(self, _event) -> None:
        s = self._progress
        if s is None or not s.series:
            return
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        fm = p.fontMetrics()
        left, top, bottom = fm.horizontalAdvance("100%") + 8, 10 + fm.height(), self.height() - fm.height() - 6
        right = self.width() - 6
        h = bottom - top
        n = len(s.series)
        slot = (right - left) / n
        # 令和4 under each bar when there is room, else 令和4 5 6 …: the era first, as everywhere.
        wide = fm.horizontalAdvance("令和10") + 4 <= slot

        def axis_label(fy: int, first: bool) -> str:
            era, year = era_of_fiscal_year(fy)
            return f"{era.name}{era_year_text(year)}" if wide or first else era_year_text(year)

        p.setPen(QColor("#666666"))
        for frac in (0.0, 0.5, 1.0):
            y = bottom - h * frac
            p.drawText(QRectF(0, y - fm.height() / 2, left - 4, fm.height()),
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, f"{int(frac * 100)}%")
            p.setPen(QPen(QColor("#c0392b") if frac == 1.0 else QColor("#dddddd"), 1,
                          Qt.PenStyle.DashLine if frac == 1.0 else Qt.PenStyle.SolidLine))
            p.drawLine(int(left), int(y), int(right), int(y))
            p.setPen(QColor("#666666"))
        for i, (fy, rate) in enumerate(s.series):
            x = left + slot * i + slot * 0.18
            w = slot * 0.64
            if rate is not None:
                bar = QRectF(x, bottom - h * rate, w, h * rate)
                p.fillRect(bar, QColor("#2e86c1") if fy != s.fy else QColor("#1a5276"))
                p.setPen(QColor("#333333"))
                p.drawText(QRectF(x - 10, bar.top() - fm.height(), w + 20, fm.height()),
                           Qt.AlignmentFlag.AlignCenter, format_percent(rate))
            else:
                p.setPen(QPen(QColor("#aab7b8"), 1, Qt.PenStyle.DotLine))
                p.setBrush(Qt.BrushStyle.NoBrush)
                p.drawRect(QRectF(x, top, w, h))
            label = axis_label(fy, i == 0)
            p.setPen(QColor("#c0392b") if fy == s.deadline else QColor("#333333"))
            f = QFont(p.font())
            f.setBold(fy == s.fy or fy == s.deadline)
            p.setFont(f)
            p.drawText(QRectF(left + slot * i, bottom + 2, slot, fm.height()), Qt.AlignmentFlag.AlignCenter, label)
            f.setBold(False)
            p.setFont(f)
        p.setPen(QColor("#c0392b"))
        p.drawText(QRectF(left, 0, right - left, fm.height() + 4), Qt.AlignmentFlag.AlignRight,
                   self.tr("{0}までに100%").format(fy_label(s.deadline)))
        p.end()


class EvaluationOverviewWidget(QWidget):
    """Dashboard for one fiscal year.

    Public: ``set_fiscal_year(fy)``, ``fiscal_year()``, ``overview()`` (the
    domain figures shown), ``counts_table``, ``rating_chart``, ``start_chart``,
    ``unevaluated_list``, ``low_list``, ``start_label``, and the signals
    ``measureActivated(str)`` and ``fiscalYearChanged(int)``.
    """

    measureActivated = Signal(str)
    fiscalYearChanged = Signal(int)

    def __init__(self, document: PlanDocument, fy: int | None = None, parent=None):
        super().__init__(parent)
        self.setObjectName("evaluationOverview")
        self._doc = document
        years = document.plan.fiscal_years
        fy = current_fiscal_year() if fy is None else fy
        self._fy = min(max(fy, years[0]), years[-1]) if years else fy
        self._overview: rules.Overview | None = None
        self._build()
        document.changed.connect(self._on_changed)
        # A bound method, not a lambda: Qt drops the connection when the closed dashboard is deleted.
        document.period_filter_changed.connect(self._period_changed)
        self.refresh()

    def _period_changed(self, _name) -> None:
        self.refresh()

    def _build(self) -> None:
        lay = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("年度")))
        self.year_combo = QComboBox()
        self.year_combo.activated.connect(lambda i: self.set_fiscal_year(self.year_combo.itemData(i)))
        top.addWidget(self.year_combo)
        self.level_combo = QComboBox()
        self.level_combo.setObjectName("overviewLevel")
        self.level_combo.activated.connect(lambda _i: self.refresh())
        top.addWidget(self.level_combo)
        self.summary_label = QLabel()
        top.addWidget(self.summary_label, 1)
        # The same counting rule as the printed 評価結果一覧 (domain.evaluation.DRAFTS_COUNTED_BY_DEFAULT):
        # confirmed ratings only unless this is ticked, as the print dialog's 「会議確定前の評価も含める」.
        self.drafts_check = QCheckBox()
        self.drafts_check.setObjectName("overviewIncludeDrafts")
        self.drafts_check.setChecked(rules.DRAFTS_COUNTED_BY_DEFAULT)
        self.drafts_check.toggled.connect(lambda _on: self.refresh())
        top.addWidget(self.drafts_check)
        lay.addLayout(top)
        self.basis_label = QLabel()
        self.basis_label.setObjectName("overviewBasis")
        self.basis_label.setWordWrap(True)
        lay.addWidget(self.basis_label)

        grid = QGridLayout()
        ratings = QGroupBox(self.tr("進捗評価の分布"))
        rl = QVBoxLayout(ratings)
        self.rating_chart = RatingBarChart()
        rl.addWidget(self.rating_chart)
        self.counts_table = QTableWidget()
        self.counts_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.counts_table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.counts_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.counts_table.setSizeAdjustPolicy(QTableWidget.SizeAdjustPolicy.AdjustToContents)
        rl.addWidget(self.counts_table)
        grid.addWidget(ratings, 0, 0)

        start = QGroupBox(self.tr("着手率"))
        sl = QVBoxLayout(start)
        self.start_label = QLabel()
        self.start_label.setWordWrap(True)
        self.start_label.setTextFormat(Qt.TextFormat.RichText)
        sl.addWidget(self.start_label)
        self.start_chart = StartRateChart()
        sl.addWidget(self.start_chart, 1)
        note = self.start_note = QLabel()
        note.setWordWrap(True)
        note.setStyleSheet("color: #666;")
        sl.addWidget(note)
        grid.addWidget(start, 0, 1)

        unev = self.unevaluated_box = QGroupBox()
        ul = QVBoxLayout(unev)
        self.unevaluated_list = QListWidget()
        self.unevaluated_list.setObjectName("unevaluatedList")
        self.unevaluated_list.setWordWrap(True)
        self.unevaluated_list.itemActivated.connect(self._item_activated)
        ul.addWidget(self.unevaluated_list)
        grid.addWidget(unev, 1, 0)
        self.low_box = QGroupBox()
        ll = QVBoxLayout(self.low_box)
        self.low_list = QListWidget()
        self.low_list.setObjectName("lowRatedList")
        self.low_list.setWordWrap(True)
        self.low_list.itemActivated.connect(self._item_activated)
        ll.addWidget(self.low_list)
        grid.addWidget(self.low_box, 1, 1)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        grid.setRowStretch(1, 1)
        lay.addLayout(grid, 1)
        word = self._doc.data.terms.measure
        hint = QLabel(self.tr("一覧の{word}をダブルクリックすると、その{word}を開きます。").format(word=word))
        hint.setStyleSheet("color: #666;")
        lay.addWidget(hint)

    # ------------------------------------------------------------- public
    def fiscal_year(self) -> int:
        return self._fy

    def set_fiscal_year(self, fy: int) -> None:
        if fy is None or fy == self._fy:
            return
        self._fy = fy
        self.refresh()
        self.fiscalYearChanged.emit(fy)

    def overview(self) -> rules.Overview:
        assert self._overview is not None
        return self._overview

    # ------------------------------------------------------------ filling
    def _on_changed(self, change: ChangeSet) -> None:
        if change.kind & (Changes.EVALUATION | Changes.PLAN | Changes.ADDED | Changes.REMOVED | Changes.MEASURE
                          | Changes.ORDER):
            self.refresh()

    def _item_activated(self, item: QListWidgetItem) -> None:
        mid = item.data(IdRole)
        if mid:
            self.measureActivated.emit(mid)

    def refresh(self) -> None:
        doc = self._doc
        years = doc.plan.fiscal_years
        self.year_combo.clear()
        for fy in years:
            self.year_combo.addItem(fy_label_with_western(fy), fy)
        self.year_combo.setCurrentIndex(max(self.year_combo.findData(self._fy), 0))
        # The period chosen in 計画 → 表示する期間 (all measures when none is chosen).
        data = doc.filtered_data()
        self._fill_levels(data)
        drafts = self.drafts_check.isChecked()
        o = rules.overview(data, self._fy, level=self.level_combo.currentData() or "top", include_drafts=drafts)
        self._overview = o
        words = data.terms
        total = o.total
        self.summary_label.setText(
            self.tr("評価済み {0} / {1} 件（未評価 {2} 件）　平均 {3} 点").format(
                total.rated, total.measures, total.unevaluated, _fmt_points(total.average)))
        stages = stage_names(data)
        self.drafts_check.setText(self.tr("{meeting}確定前の評価（{mark}）も数える").format(
            meeting=stages.meeting, mark=stages.draft_mark))
        self.basis_label.setText(self._basis_text(o, stages, words.status_label(rules.COUNCIL_CONFIRMED)))
        unconfirmed = {ref.id: ref.rating for ref in o.unconfirmed}
        self._fill_table(o)
        self.rating_chart.set_overview(o, [self._row_label(data, r, short=True) for r in o.rows])
        self.start_chart.set_progress(o.start)
        self.start_label.setText(self._start_text(o.start))
        self.unevaluated_list.clear()
        for ref in o.unevaluated:  # a draft left out of the counts shows its rating as 「（案 B）」
            prefix = f"（{stages.draft_mark} {unconfirmed[ref.id]}）" if ref.id in unconfirmed else ""
            self._add_item(self.unevaluated_list, ref, ref.department, prefix=prefix)
        if not o.unevaluated:
            self._add_note(self.unevaluated_list, self.tr("すべての{word}が評価済みです").format(word=words.measure))
        letters = "・".join(o.low_letters)
        self.low_box.setTitle(self.tr("{0} 評価の{word}").format(letters, word=words.measure) if letters
                              else self.tr("低い評価の{word}").format(word=words.measure))
        self.unevaluated_box.setTitle(self.tr("未評価の{word}").format(word=words.measure))
        started = self.tr("」または「").join(words.started_progress)  # English: '" or "'
        self.start_note.setText(self.tr("着手: その年度までのいずれかの評価で取組状況が「{0}」").format(started))
        self.low_list.clear()
        colors = rules.rating_colors(o.scale)
        for ref in o.low_rated:
            mark = f"（{stages.draft_mark}）" if ref.id in unconfirmed else ""  # counted, not yet confirmed
            item = self._add_item(self.low_list, ref, ref.department, prefix=f"{ref.rating}{mark}　")
            pm = QPixmap(12, 12)
            pm.fill(QColor(colors.get(ref.rating, "#888888")))
            item.setIcon(QIcon(pm))
        if not o.low_rated:
            self._add_note(self.low_list, self.tr("該当する{word}はありません").format(word=words.measure))

    def _basis_text(self, o: rules.Overview, stages, final_label: str) -> str:
        """Which ratings the figures count — the same sentence the printed 評価結果一覧 carries."""
        n = len(o.unconfirmed)
        if o.include_drafts:
            return self.tr("集計には{meeting}で確定していない評価（{mark}）{n} 件を含みます"
                           "（印刷で「会議確定前の評価も含める」を選んだときと同じ）。").format(
                meeting=stages.meeting, mark=stages.draft_mark, n=n)
        return self.tr("集計は{meeting}で確定した評価（{final}）のみです（印刷と同じ）。確定していない評価 {n} 件は"
                       "未評価として数え、一覧に「（{mark} B）」のように示します。").format(
            meeting=stages.meeting, final=final_label, n=n, mark=stages.draft_mark)

    def _add_item(self, lw: QListWidget, ref: rules.MeasureRef, extra: str, prefix: str = "") -> QListWidgetItem:
        item = QListWidgetItem(prefix + (f"{ref.display_title}　（{extra}）" if extra else ref.display_title))
        item.setData(IdRole, ref.id)
        item.setToolTip(self.tr("ダブルクリックで開く"))
        lw.addItem(item)
        return item

    def _add_note(self, lw: QListWidget, text: str) -> None:
        item = QListWidgetItem(text)
        item.setFlags(Qt.ItemFlag.NoItemFlags)
        lw.addItem(item)

    def _fill_table(self, o: rules.Overview) -> None:
        t = self.counts_table
        letters = [r.letter for r in o.scale]
        data = self._doc.filtered_data()
        headers = [data.terms.measure, *letters, self.tr("未評価"), self.tr("平均点"), self.tr("着手")]
        rows = [*o.rows, o.total]
        t.clear()
        t.setColumnCount(len(headers))
        t.setRowCount(len(rows))
        t.setHorizontalHeaderLabels(headers)
        t.setVerticalHeaderLabels([self._row_label(data, r) if r.viewpoint is not None else self.tr("合計")
                                   for r in rows])
        for i, r in enumerate(rows):
            values = [r.measures, *(r.counts.get(x, 0) for x in letters), r.unevaluated, _fmt_points(r.average),
                      f"{r.started}（{_fmt_percent(r.started / r.measures if r.measures else None)}）"]
            for j, v in enumerate(values):
                item = QTableWidgetItem(str(v))
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if r.viewpoint is None:
                    f = QFont(item.font())
                    f.setBold(True)
                    item.setFont(f)
                t.setItem(i, j, item)

    def _fill_levels(self, data) -> None:
        """集計の単位: the top level, or every group (offered when the plan nests)."""
        nested = G.max_depth(data) > 1
        wanted = [(self.tr("{level}ごと").format(level=data.terms.level_name(0) or self.tr("最上位のグループ")), "top")]
        if nested:
            wanted.append((self.tr("すべての階層のグループごと"), "all"))
        current = self.level_combo.currentData()
        if [(self.level_combo.itemText(i), self.level_combo.itemData(i)) for i in range(self.level_combo.count())] != wanted:
            self.level_combo.clear()
            for text, key in wanted:
                self.level_combo.addItem(text, key)
            self.level_combo.setCurrentIndex(max(self.level_combo.findData(current), 0))
        self.level_combo.setVisible(nested)

    @staticmethod
    def _row_label(data, r: rules.RatingRow, *, short: bool = False) -> str:
        v = data.viewpoint_by_no(r.viewpoint) if r.viewpoint is not None else None
        if v is None:
            return str(r.viewpoint)
        if short:
            name = data.terms.level_short(r.depth)
            return f"{name}{v.label}" if (name or v.label) else v.title
        return "\u3000" * r.depth + G.group_heading(data, v, short=True)

    def _start_text(self, s: rules.StartProgress) -> str:
        head = self.tr("<b style='font-size:16pt'>{0}</b>　（{1} / {2} 件が着手）").format(
            _fmt_percent(s.rate), s.started, s.total)
        deadline = fy_label(s.deadline)
        if s.remaining <= 0:
            tail = self.tr("{0}までに全件着手の目標を達成しています。").format(deadline)
        elif s.deadline_passed(current_fiscal_year()):
            tail = self.tr("<span style='color:#c0392b'>目標の{0}を過ぎて、{1} 件が未着手です。</span>").format(
                deadline, s.remaining)
        elif s.fy == s.deadline:
            # The target year is not over: not late yet, but this is the last year to start.
            tail = self.tr("<span style='color:#b9770e'>目標の{0}中に、残り {1} 件の着手が必要です。</span>").format(
                deadline, s.remaining)
            if current_fiscal_year() == s.deadline:
                tail += self.tr("（今年度が目標年度です）")
        else:
            tail = self.tr("{0}までに100%：残り {1} 件、あと {2} 年度（年 {3} 件のペース）").format(
                deadline, s.remaining, s.years_left, s.needed_per_year)
        return f"{head}<br>{tail}"


class EvaluationOverviewDialog(QDialog):
    """The dashboard in a non-modal window; ``measureActivated`` is passed on."""

    measureActivated = Signal(str)

    def __init__(self, document: PlanDocument, fy: int | None = None, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("評価の概要"))
        fit_to_screen(self, 1200, 820)
        lay = QVBoxLayout(self)
        self.overview_widget = EvaluationOverviewWidget(document, fy, self)
        self.overview_widget.measureActivated.connect(self.measureActivated)
        lay.addWidget(self.overview_widget)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        box.rejected.connect(self.reject)
        lay.addWidget(box)
