"""The timeline: every measure's schedule (工程) as an interactive fiscal-year chart.

A custom-painted ``QAbstractScrollArea``. It keeps no copy of the plan: rows
are measure ids (a layout cache rebuilt on every ``PlanDocument.changed``),
and each paint reads the measures from the document. Only the rows inside the
viewport are painted. Edits (drag a bar or its ends, context menu, keys) are
one ``PlanDocument.set_phases`` call each, so each is one undo step that
persists at once.

Layout rules (columns, bars, periods, row grouping) come from
:mod:`plan_desktop.domain.schedule_layout`, which the report builder shares.

Painting is :mod:`.timeline_painter`; this module is the widget: layout cache,
hit testing, mouse and keys, editing. Run
``python -m plan_desktop.ui.timeline --db PATH --screenshot out.png`` to
look at it without the main window.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QContextMenuEvent,
    QFont,
    QFontMetricsF,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QWheelEvent,
)
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QMenu, QStyle, QToolTip, QWidget

from ..document.plan_document import ChangeSet, PlanDocument
from ..domain.fiscal import current_fiscal_year, fy_label
from ..domain.model import Measure
from ..domain.schedule_layout import (
    GROUP,
    MEASURE,
    Bar,
    ChartGeometry,
    Row,
    action_items_for,
    bar_at,
    build_rows,
    chart_years,
    describe_overwrite,
    move_bar,
    overwritten_phases,
    resize_bar,
    schedule_map,
)
from .failure_reporter import run_edit
from .first_paint import after_first_paint
from .timeline_painter import (
    TODAY_HEADER_PADDING,
    ChartColors,
    ChartScene,
    ChartView,
    DragPreview,
    TimelinePainter,
    swatch_icon,
    today_header_text,
)

if TYPE_CHECKING:
    from PySide6.QtGui import QPageSize

ZOOM_STEP = 1.25
# A shown chart follows a change of the measures shown (the tree's filter) this long after the last
# one: typing a query rebuilds it once, when the typing pauses, and each keystroke's tree is laid
# out and painted without it. Asking the chart for its rows (or a row) catches up at once.
FOLLOW_FILTER_DELAY_MS = 150
MIN_COLUMN_CHARS = 2.0
EXPORT_LABEL_CHARS = 34.0
MAX_COLUMN_CHARS = 40.0


class PhaseMenu(QMenu):
    """The cell context menu.

    A Python subclass only so that ``exec`` can be replaced in tests: on
    PySide6 the built-in ``QMenu.exec`` (an instance/static overload) cannot
    be monkeypatched on the class.
    """

    def exec(self, pos: QPoint) -> QAction | None:  # type: ignore[override]
        return super().exec(pos)


@dataclass
class _Drag:
    """A bar being dragged on the chart: which measure, which end (or the whole bar), from where."""

    measure_id: str
    mode: str  # "start" | "end" | "move"
    bar: Bar
    origin_col: int
    press: QPointF
    active: bool = False
    changes: dict = field(default_factory=dict)


class TimelineWidget(QAbstractScrollArea):
    """The schedule chart. See the module docstring; public API below is stable."""

    #: The user selected a measure here (click or keyboard). Not emitted by :meth:`select_measure`.
    measureSelected = Signal(str)
    #: The vertical scroll position (pixels from the first row) changed.
    verticalOffsetChanged = Signal(int)

    def __init__(self, document: PlanDocument, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("timeline")
        self._doc = document
        self._rows: list[Row] = []
        self._longest_title = 0
        self._row_of: dict[str, int] = {}
        self._by_id: dict[str, Measure] = {}
        self._colors_by_phase: dict[str, QColor] = {}
        self._visible_ids: list[str] | None = None
        self._visible_groups: list[int] | None = None
        self._rows_behind = False  # the rows wait for _follow_timer (see FOLLOW_FILTER_DELAY_MS)
        self._follow_timer: QTimer | None = None
        self._row_height: int | None = None  # explicit; None = from the font
        self._column_width: float | None = None  # explicit zoom; None = fit to width
        self._label_visible = True
        self._legend_visible = True
        self._cur_id: str | None = None
        self._today_fy = current_fiscal_year()
        years = chart_years(document.plan)
        self._cur_fy = self._today_fy if self._today_fy in years else (years[0] if years else self._today_fy)
        self._drag: _Drag | None = None
        self._geom: ChartGeometry | None = None
        self._painter = TimelinePainter()
        self._body_waits = False  # see paint_body_after_first_paint

        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setViewport(QWidget())
        self.viewport().setMouseTracking(True)
        self.viewport().setAutoFillBackground(False)
        # paintEvent covers every pixel: spare Qt clearing the area first
        self.viewport().setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.verticalScrollBar().valueChanged.connect(self._on_vscroll)
        self.horizontalScrollBar().valueChanged.connect(lambda _v: self.viewport().update())
        document.changed.connect(self._on_changed)
        self._rebuild()
        self._fit_minimum_height()

    # ================================================================ public API
    def document(self) -> PlanDocument:
        return self._doc

    def paint_body_after_first_paint(self, window: QWidget) -> None:
        """Until *window* (not shown yet) has painted its first frame, the chart shows only its
        background; it is painted right after that frame (start-up: the chart is not what the first
        frame must show). Rows, hit testing, keys and edits work meanwhile (the rows are made now),
        and a hidden window's chart (a grab) is painted in full."""
        self._body_waits = True

        def paint_body_unless_replaced() -> None:  # (another file opened before that frame replaced it)
            import shiboken6

            if shiboken6.isValid(self):
                self.paint_body()

        after_first_paint(window, paint_body_unless_replaced)

    def body_is_painted(self) -> bool:
        """False only while the chart waits for the window's first frame."""
        return not self._body_waits

    def paint_body(self) -> None:
        """Paint the chart from now on (at once on the next paint), if it was waiting."""
        if self._body_waits:
            self._body_waits = False
            self.viewport().update()

    def select_measure(self, measure_id: str | None) -> None:
        """Make *measure_id* the current row and scroll it into view (no signal)."""
        self._catch_up()
        if measure_id == self._cur_id:
            if measure_id is not None:
                self._ensure_row_visible(self._row_of.get(measure_id))
            return
        self._cur_id = measure_id
        if measure_id is not None:
            self._ensure_row_visible(self._row_of.get(measure_id))
        self.viewport().update()

    def set_visible_measures(self, ids: list[str] | None, viewpoints: list[int] | None = None) -> None:
        """Show only *ids* in this order (``None``: all in document order).

        Group headers appear for the viewpoints of the listed measures, plus
        any empty groups in *viewpoints* (so the rows can match a filtered tree).
        """
        self._visible_ids = list(ids) if ids is not None else None
        self._visible_groups = list(viewpoints) if viewpoints is not None else None
        if not self.isVisible():
            self._rebuild()  # nothing painted to spare
            return
        self._rows_behind = True
        if self._follow_timer is None:
            self._follow_timer = QTimer(self)
            self._follow_timer.setSingleShot(True)
            self._follow_timer.setInterval(FOLLOW_FILTER_DELAY_MS)
            self._follow_timer.timeout.connect(self._catch_up)
        self._follow_timer.start()

    def _catch_up(self) -> None:
        """The rows of the last set_visible_measures, when they still wait."""
        if self._rows_behind:
            self._rebuild()

    def visible_rows(self) -> list[Row]:
        self._catch_up()
        return list(self._rows)

    def headings_before_first_measure(self) -> int:
        """How many group heading rows stand above the first measure row (0 when none is shown)."""
        self._catch_up()
        for i, r in enumerate(self._rows):
            if r.kind == MEASURE:
                return i
        return 0

    def row_height(self) -> int:
        return int(self._geometry().row_height)

    def set_row_height(self, height: int | None) -> None:
        """Fix the row height in pixels (e.g. the tree's); ``None`` follows the font again."""
        self._row_height = max(8, int(height)) if height else None
        self._relayout()

    def header_height(self) -> int:
        return int(self._geometry().header_height)

    def height_for_rows(self, rows: int) -> int:
        """The widget height that shows the header, *rows* rows, the legend and the sideways scroll bar
        at the current font (a dock sized with it never clips the text)."""
        g = self._natural(label=self._label_visible)
        rh = self._row_height or g.row_height
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, self)
        return int(math.ceil(g.header_height + max(1, rows) * rh + self._current_legend_height()
                             + bar + 2 * self.frameWidth()))

    def _fit_minimum_height(self) -> None:
        self.setMinimumHeight(self.height_for_rows(1))

    def vertical_offset(self) -> int:
        return self.verticalScrollBar().value()

    def set_vertical_offset(self, offset: int) -> None:
        """Scroll so that *offset* pixels of rows are above the viewport (clamped)."""
        self.verticalScrollBar().setValue(int(offset))

    def column_width(self) -> float:
        return self._geometry().column_width

    def zoom_in(self) -> None:
        self._set_column_width(self._geometry().column_width * ZOOM_STEP)

    def zoom_out(self) -> None:
        self._set_column_width(self._geometry().column_width / ZOOM_STEP)

    def fit_to_width(self) -> None:
        """Stretch the year columns over the available width (and keep doing so on resize)."""
        self._column_width = None
        self._relayout()

    def is_fit_to_width(self) -> bool:
        return self._column_width is None

    def set_label_column_visible(self, visible: bool) -> None:
        """Hide the measure titles when a tree beside the chart already shows them."""
        self._label_visible = bool(visible)
        self._relayout()

    def set_legend_visible(self, visible: bool) -> None:
        self._legend_visible = bool(visible)
        self._relayout()
        self._fit_minimum_height()

    def set_current_fiscal_year(self, fy: int) -> None:
        """Which fiscal year is highlighted as 今年度 (defaults to today's)."""
        self._today_fy = fy
        self.viewport().update()

    def current_cell(self) -> tuple[str | None, int]:
        """(measure id of the current row or None, fiscal year of the cell cursor)."""
        self._catch_up()
        mid = self._cur_id if self._cur_id in self._row_of else None
        return mid, self._cur_fy

    def set_current_cell(self, measure_id: str | None, fy: int) -> None:
        self._catch_up()
        years = self._years()
        if fy in years:
            self._cur_fy = fy
        self.select_measure(measure_id)
        self.viewport().update()

    def cell_rect(self, measure_id: str, fy: int) -> QRect:
        """The cell's rectangle in viewport coordinates (may be outside the viewport)."""
        self._catch_up()
        r = self._row_of[measure_id]
        return self._cell_rectf(r, self._years().index(fy)).toRect()

    def cell_tooltip(self, measure_id: str, fy: int) -> str:
        """Rich-text tooltip for a cell: phase, rating and that year's 年度別行動計画."""
        import html

        m = self._by_id[measure_id]
        esc = html.escape
        parts = [f"<b>№{m.label} {esc(m.title)}</b>", f"{esc(fy_label(fy))}（{fy}）"]
        ph = m.phase_in(fy)
        parts.append(esc(self.tr("工程: {0}").format(ph if ph else self.tr("なし"))))
        e = m.evaluation_for(fy)
        if e is not None and e.rating:
            label = next((r.label for r in self._doc.data.rating_scale if r.letter == e.rating), "")
            parts.append(esc(self.tr("評価: {0} {1}").format(e.rating, label)).rstrip())
        items = action_items_for(m, fy)
        if items:
            lis = []
            for text, subs in items:
                sub = "".join(f"<li>{esc(s)}</li>" for s in subs)
                lis.append(f"<li>{esc(text)}" + (f"<ul>{sub}</ul>" if sub else "") + "</li>")
            parts.append(esc(self.tr("年度別行動計画")) + f"<ul style='margin:0'>{''.join(lis)}</ul>")
        else:
            parts.append(esc(self.tr("（この年度の行動計画はありません）")))
        return "<qt>" + "<br>".join(parts[:-1]) + "<br>" + parts[-1] + "</qt>"

    # ------------------------------------------------------------------ export
    def export_png(self, path: str | Path, scale: float = 2.0) -> None:
        """Save the whole chart (all shown rows, with titles and legend) as a PNG."""
        self._catch_up()
        from PySide6.QtGui import QImage  # the export's classes load when it is used, not with the window

        font = QFont(self.font())
        geom = self._export_geometry(font)
        legend_h = self._legend_height(font)
        w = geom.total_width
        h = geom.header_height + len(self._rows) * geom.row_height + legend_h
        max_dim = 32000
        scale = min(scale, max_dim / max(w, h))
        if scale < 0.25:
            raise ValueError(self.tr("行が多すぎて1枚の画像にできません。PDFで書き出してください。"))
        img = QImage(QSize(math.ceil(w * scale), math.ceil(h * scale)), QImage.Format.Format_ARGB32_Premultiplied)
        img.setDevicePixelRatio(scale)
        img.fill(QColor("white"))
        p = QPainter(img)
        try:
            p.setFont(font)
            view = ChartView(w, h, geom, legend_height=legend_h, interactive=False, colors=ChartColors.for_print(),
                             first_row=0, last_row=len(self._rows) - 1)
            self._painter.paint(p, view, self._scene(interactive=False))
        finally:
            p.end()
        if not img.save(str(path), "PNG"):
            raise OSError(self.tr("画像を保存できませんでした: {0}").format(str(path)))

    def export_pdf(self, path: str | Path, page_size: QPageSize.PageSizeId | None = None) -> int:
        """Save the chart as landscape PDF pages (header and legend on every page; A4 unless *page_size*).

        Returns the number of pages written.
        """
        self._catch_up()
        from PySide6.QtCore import QMarginsF
        from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter

        if page_size is None:
            page_size = QPageSize.PageSizeId.A4
        writer = QPdfWriter(str(path))
        writer.setResolution(96)  # one unit = one screen pixel, so fonts keep their screen size
        writer.setTitle(self.tr("{word}の工程").format(word=self._doc.data.terms.measure))
        writer.setCreator("plan_desktop")
        layout = QPageLayout(QPageSize(page_size), QPageLayout.Orientation.Landscape, QMarginsF(10, 10, 10, 10),
                             QPageLayout.Unit.Millimeter)
        writer.setPageLayout(layout)
        font = QFont(self.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() if font.pointSizeF() > 0 else 9.0))
        p = QPainter()
        if not p.begin(writer):
            raise OSError(self.tr("PDFを作成できませんでした: {0}").format(str(path)))
        pages = 0
        try:
            p.setFont(font)
            page = layout.paintRectPixels(96)
            geom = self._export_geometry(font)
            scale = min(1.0, page.width() / geom.total_width)
            fm = QFontMetricsF(font)
            title_h = fm.height() * 2.2
            footer_h = fm.height() * 1.6
            legend_h = self._legend_height(font)
            avail = page.height() / scale - title_h - footer_h - geom.header_height - legend_h
            per_page = max(1, int(avail // geom.row_height))
            n = len(self._rows)
            ranges: list[tuple[int, int]] = []
            first = 0
            while first < n or not ranges:
                last = min(n, first + per_page) - 1
                # never end a page on a group header: it goes with its measures
                if last + 1 < n and last > first and self._rows[last].kind == GROUP:
                    last -= 1
                ranges.append((first, last))
                first = last + 1
            total_pages = len(ranges)
            colors = ChartColors.for_print()
            scene = self._scene(interactive=False)
            for page_no, (first, last) in enumerate(ranges):
                if page_no:
                    writer.newPage()
                rows_h = (last - first + 1) * geom.row_height
                p.save()
                p.scale(scale, scale)
                title_font = QFont(font)
                title_font.setBold(True)
                title_font.setPointSizeF(font.pointSizeF() * 1.3)
                p.setFont(title_font)
                p.setPen(colors.text)
                p.drawText(QRectF(0, 0, geom.total_width, title_h), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                           f"{self._doc.plan.title}　{self.tr('{word}の工程').format(word=self._doc.data.terms.measure)}")
                p.setFont(font)
                p.translate(0, title_h)
                view = ChartView(geom.total_width, geom.header_height + rows_h + legend_h, geom,
                                 legend_height=legend_h, interactive=False, colors=colors, first_row=first, last_row=last)
                self._painter.paint(p, view, scene)
                p.translate(0, geom.header_height + rows_h + legend_h)
                p.drawText(QRectF(0, 0, geom.total_width, footer_h), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                           f"{page_no + 1} / {total_pages}")
                p.restore()
                pages += 1
        finally:
            p.end()
        return pages

    # ============================================================ layout cache
    def _years(self) -> list[int]:
        return chart_years(self._doc.plan)

    def _rebuild(self) -> None:
        self._rows_behind = False
        if self._follow_timer is not None:
            self._follow_timer.stop()
        data = self._doc.data
        by_id = {m.id: m for m in data.measures}
        old = self._by_id
        if len(by_id) != len(old) or any(old.get(k) is not m for k, m in by_id.items()):
            # Kept while the measures are the same objects (a filter change): what the
            # painter measured for them (the № column's width) stays cached.
            self._by_id = by_id
        self._colors_by_phase = {ph.name: QColor(ph.color) for ph in data.phases}
        self._rows = build_rows(data, self._visible_ids, self._visible_groups)
        self._row_of = {r.measure_id: i for i, r in enumerate(self._rows) if r.measure_id is not None}
        # The longest title in characters (what the label column would like to show): once per
        # rebuild, not on every layout pass (three at start-up, each over every row).
        self._longest_title = max((len(self._by_id[r.measure_id].title) + (4 if self._by_id[r.measure_id].priority else 0)
                                   for r in self._rows if r.kind == MEASURE), default=0)
        years = self._years()
        if years and self._cur_fy not in years:
            self._cur_fy = min(max(self._cur_fy, years[0]), years[-1])
        if self._drag is not None and self._drag.measure_id not in self._row_of:
            self._drag = None
        self._relayout()

    def _font_metrics(self, font: QFont | None = None) -> tuple[float, float]:
        fm = QFontMetricsF(font or self.font())
        return fm.height(), fm.horizontalAdvance("国")

    def _natural(self, font: QFont | None = None, label: bool = True) -> ChartGeometry:
        line, char = self._font_metrics(font)
        g = ChartGeometry.natural(self._years(), line, char, label=label)
        # Wide enough for 「2026 今年度」 in bold in the current language (English is longer).
        bold = QFont(font or self.font())
        bold.setBold(True)
        today = today_header_text(self._today_fy, QFontMetricsF(bold), 1e9)
        needed = math.ceil(QFontMetricsF(bold).horizontalAdvance(today)) + TODAY_HEADER_PADDING
        return replace(g, column_width=max(g.column_width, needed))

    def _geometry(self) -> ChartGeometry:
        if self._geom is None:
            self._geom = self._compute_geometry()
        return self._geom

    def _compute_geometry(self) -> ChartGeometry:
        g = self._natural(label=self._label_visible)
        _line, char = self._font_metrics()
        rh = self._row_height or g.row_height
        n = max(1, len(g.years))
        label = g.label_width
        if self._column_width is None:
            if self._label_visible:
                # Spare width beyond natural columns goes to the titles first
                # (estimated from character counts, without metrics).
                wanted = min((self._longest_title + 4) * char, EXPORT_LABEL_CHARS * char)
                spare = self.viewport().width() - n * g.column_width
                label = max(label, min(wanted, spare))
            avail = self.viewport().width() - label
            cw = max(g.column_width, avail / n)
        else:
            cw = self._column_width
        cw = min(max(cw, char * MIN_COLUMN_CHARS), char * MAX_COLUMN_CHARS)
        return ChartGeometry(g.years, label, cw, rh, g.header_height)

    def _export_geometry(self, font: QFont) -> ChartGeometry:
        """Paper/PNG geometry: titles in full where possible (up to EXPORT_LABEL_CHARS)."""
        g = self._natural(font, label=True)
        cw = self._column_width if self._column_width is not None else g.column_width
        fm = QFontMetricsF(font)
        bold = QFont(font)
        bold.setBold(True)
        char = fm.horizontalAdvance("国")
        fixed = char * 0.4 * 3 + fm.horizontalAdvance("0000")
        mark_w = QFontMetricsF(bold).horizontalAdvance(self.tr("【重点】"))
        needed = max((fixed + fm.horizontalAdvance(self._by_id[r.measure_id].title)
                      + (mark_w if self._by_id[r.measure_id].priority else 0.0)
                      for r in self._rows if r.kind == MEASURE), default=0.0)
        label = min(max(g.label_width, math.ceil(needed) + 2), char * EXPORT_LABEL_CHARS)
        return ChartGeometry(g.years, label, max(cw, g.column_width * 0.5), g.row_height, g.header_height)

    def _legend_height(self, font: QFont | None = None) -> float:
        return round(QFontMetricsF(font or self.font()).height() * 1.8)

    def _current_legend_height(self) -> float:
        return self._legend_height() if self._legend_visible else 0.0

    def _rows_area(self) -> QRectF:
        g = self._geometry()
        vp = self.viewport()
        return QRectF(0, g.header_height, vp.width(), max(0.0, vp.height() - g.header_height - self._current_legend_height()))

    def _relayout(self) -> None:
        self._geom = self._compute_geometry()
        g = self._geom
        area = self._rows_area()
        content_h = len(self._rows) * g.row_height
        vbar = self.verticalScrollBar()
        vbar.setRange(0, max(0, int(math.ceil(content_h - area.height()))))
        vbar.setPageStep(max(1, int(area.height())))
        vbar.setSingleStep(max(1, int(g.row_height)))
        hbar = self.horizontalScrollBar()
        visible_chart = max(0.0, self.viewport().width() - g.label_width)
        hbar.setRange(0, max(0, int(math.ceil(g.chart_width - visible_chart))))
        hbar.setPageStep(max(1, int(visible_chart)))
        hbar.setSingleStep(max(1, int(g.column_width / 4)))
        self.viewport().update()

    def _set_column_width(self, w: float) -> None:
        _line, char = self._font_metrics()
        self._column_width = min(max(w, char * MIN_COLUMN_CHARS), char * MAX_COLUMN_CHARS)
        self._relayout()

    def _on_changed(self, cs: ChangeSet) -> None:
        # Rebuilding the id index and rows is O(measures) and cheap; the
        # document replaces measure objects on every edit, so stale
        # references must not survive any change.
        if self._drag is not None and (not cs.measure_ids or self._drag.measure_id in cs.measure_ids):
            self._drag = None  # the bar being dragged changed under the mouse (e.g. undo)
            self.viewport().unsetCursor()
        self._rebuild()

    def _on_vscroll(self, value: int) -> None:
        self.viewport().update()
        self.verticalOffsetChanged.emit(value)

    def _ensure_row_visible(self, row: int | None) -> None:
        if row is None:
            return
        g = self._geometry()
        area = self._rows_area()
        top = row * g.row_height
        bottom = top + g.row_height
        vbar = self.verticalScrollBar()
        if top < vbar.value():
            vbar.setValue(int(top))
        elif bottom > vbar.value() + area.height():
            vbar.setValue(int(math.ceil(bottom - area.height())))

    def _ensure_col_visible(self, col: int) -> None:
        g = self._geometry()
        hbar = self.horizontalScrollBar()
        left = col * g.column_width
        right = left + g.column_width
        visible = self.viewport().width() - g.label_width
        if left < hbar.value():
            hbar.setValue(int(left))
        elif right > hbar.value() + visible:
            hbar.setValue(int(math.ceil(right - visible)))

    # ============================================================ hit testing
    def _cell_rectf(self, row: int, col: int) -> QRectF:
        g = self._geometry()
        x = g.column_left(col) - self.horizontalScrollBar().value()
        y = g.row_top(row) - self.verticalScrollBar().value()
        return QRectF(x, y, g.column_width, g.row_height)

    def _hit(self, pos: QPointF) -> tuple[int | None, int | None]:
        """(row, column) under a viewport position; column None over the titles."""
        g = self._geometry()
        area = self._rows_area()
        if not (area.top() <= pos.y() < area.bottom()):
            return None, None
        row = g.row_at(pos.y() + self.verticalScrollBar().value(), len(self._rows))
        col = None
        if pos.x() >= g.label_width:
            col = g.column_at(pos.x() + self.horizontalScrollBar().value())
        return row, col

    def _column_for_x(self, x: float) -> int:
        """Column under *x*, clamped to the first/last column (for drags past the edges)."""
        g = self._geometry()
        n = len(g.years)
        i = math.floor((x + self.horizontalScrollBar().value() - g.label_width) / g.column_width)
        return min(max(i, 0), n - 1)

    def _bar_hit(self, row: int, pos: QPointF) -> tuple[Bar, str] | None:
        r = self._rows[row]
        if r.kind != MEASURE:
            return None
        g = self._geometry()
        m = self._by_id[r.measure_id]
        sched = schedule_map(m)
        col = g.column_at(pos.x() + self.horizontalScrollBar().value())
        if col is None:
            return None
        bar = bar_at(sched, g.years, g.years[col])
        if bar is None:
            return None
        x, _y, w, _h = g.bar_box(bar.fy_from, bar.fy_to, 0)
        x -= self.horizontalScrollBar().value()
        handle = g.handle_width()
        if pos.x() <= x + handle:
            return bar, "start"
        if pos.x() >= x + w - handle:
            return bar, "end"
        return bar, "move"

    def _editable(self) -> bool:
        return not getattr(self._doc, "readonly", False)

    # ================================================================ events
    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._relayout()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange, QEvent.Type.PaletteChange):
            self._relayout()
        if event.type() == QEvent.Type.FontChange:
            self._fit_minimum_height()  # header and one row stay readable at any font size

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.ToolTip:
            row, col = self._hit(QPointF(event.pos()))
            if row is not None and col is not None and self._rows[row].kind == MEASURE:
                mid = self._rows[row].measure_id
                fy = self._years()[col]
                QToolTip.showText(event.globalPos(), self.cell_tooltip(mid, fy), self.viewport(),
                                  self._cell_rectf(row, col).toRect())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        pos = event.position()
        row, col = self._hit(pos)
        if row is None:
            return
        r = self._rows[row]
        if r.kind != MEASURE:
            return
        if col is not None:
            self._cur_fy = self._years()[col]
        self._user_select(r.measure_id)
        if event.button() == Qt.MouseButton.RightButton and col is not None:
            self._show_menu(r.measure_id, self._cur_fy, event.globalPosition().toPoint())
            return
        if event.button() == Qt.MouseButton.LeftButton and col is not None and self._editable():
            hit = self._bar_hit(row, pos)
            if hit is not None:
                bar, mode = hit
                self._drag = _Drag(r.measure_id, mode, bar, col, QPointF(pos))
        self.viewport().update()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        pos = event.position()
        d = self._drag
        if d is None:
            self._update_hover_cursor(pos)
            return
        if not d.active:
            if (pos - d.press).manhattanLength() < QApplication.startDragDistance():
                return
            d.active = True
        col = self._column_for_x(pos.x())
        years = self._years()
        m = self._by_id[d.measure_id]
        sched = schedule_map(m)
        if d.mode == "move":
            d.changes = move_bar(sched, d.bar, col - d.origin_col, years)
        else:
            d.changes = resize_bar(sched, d.bar, d.mode, years[col], years)
        self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor if d.mode == "move" else Qt.CursorShape.SizeHorCursor)
        # Say what the drop would replace while the user can still move back.
        warning = describe_overwrite(overwritten_phases(sched, d.changes))
        if warning:
            QToolTip.showText(event.globalPosition().toPoint(), warning, self.viewport())
        else:
            QToolTip.hideText()
        self.viewport().update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        d = self._drag
        self._drag = None
        self.viewport().unsetCursor()
        if d is not None and d.active and d.changes:
            QToolTip.hideText()
            text = self.tr("工程の移動") if d.mode == "move" else self.tr("工程の期間変更")
            m = self._by_id.get(d.measure_id)
            overwritten = overwritten_phases(schedule_map(m), d.changes) if m is not None else {}
            if not overwritten or self.confirm_overwrite(m, overwritten):
                self._edit(d.measure_id, d.changes, text)
        self.viewport().update()

    def confirm_overwrite(self, m: Measure, overwritten: dict[int, tuple[str, str]]) -> bool:
        """Ask before a drag replaces other phases (tests replace this hook). Default: no."""
        from PySide6.QtWidgets import QMessageBox

        answer = QMessageBox.question(
            self, self.tr("工程の置き換え"),
            self.tr("№{0} {1}\n\n{2}\n\nよろしいですか？（「元に戻す」で取り消せます）").format(
                m.label, m.title, describe_overwrite(overwritten)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self.mousePressEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            dy = event.angleDelta().y()
            if dy > 0:
                self.zoom_in()
            elif dy < 0:
                self.zoom_out()
            event.accept()
            return
        super().wheelEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802
        # Mouse right-clicks are handled on press (so tests and every platform
        # behave alike); this is the Menu key / Shift+F10.
        if event.reason() != QContextMenuEvent.Reason.Keyboard:
            event.accept()
            return
        mid, fy = self.current_cell()
        if mid is None:
            return
        row = self._row_of[mid]
        rect = self._cell_rectf(row, self._years().index(fy))
        self._show_menu(mid, fy, self.viewport().mapToGlobal(rect.center().toPoint()))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key = event.key()
        years = self._years()
        K = Qt.Key
        if key == K.Key_Escape and self._drag is not None:
            self._drag = None
            self.viewport().unsetCursor()
            self.viewport().update()
            return
        if key in (K.Key_Up, K.Key_Down, K.Key_PageUp, K.Key_PageDown):
            self._move_row(key)
            return
        if key in (K.Key_Left, K.Key_Right, K.Key_Home, K.Key_End) and years:
            i = years.index(self._cur_fy) if self._cur_fy in years else 0
            i = {K.Key_Left: i - 1, K.Key_Right: i + 1, K.Key_Home: 0, K.Key_End: len(years) - 1}[key]
            i = min(max(i, 0), len(years) - 1)
            self._cur_fy = years[i]
            self._ensure_col_visible(i)
            self.viewport().update()
            return
        mid = self.current_cell()[0]
        phases = [ph.name for ph in self._doc.data.phases]
        if K.Key_1 <= key <= K.Key_9 and not (event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)):
            n = key - K.Key_1
            if mid is not None and n < len(phases) and self._editable():
                self._edit(mid, {self._cur_fy: phases[n]}, self.tr("工程の設定"))
            return
        if key in (K.Key_Delete, K.Key_Backspace):
            if mid is not None and self._editable():
                self._edit(mid, {self._cur_fy: None}, self.tr("工程の消去"))
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event) -> None:  # noqa: N802
        super().focusInEvent(event)
        self.viewport().update()

    def focusOutEvent(self, event) -> None:  # noqa: N802
        super().focusOutEvent(event)
        self.viewport().update()

    # ============================================================ interaction
    def _user_select(self, measure_id: str) -> None:
        changed = measure_id != self._cur_id
        self._cur_id = measure_id
        self._ensure_row_visible(self._row_of.get(measure_id))
        self.viewport().update()
        if changed:
            self.measureSelected.emit(measure_id)

    def _move_row(self, key) -> None:
        measure_rows = [i for i, r in enumerate(self._rows) if r.kind == MEASURE]
        if not measure_rows:
            return
        cur = self._row_of.get(self._cur_id) if self._cur_id else None
        K = Qt.Key
        if cur is None:
            target = measure_rows[0]
        else:
            pos = measure_rows.index(cur)
            page = max(1, int(self._rows_area().height() // self._geometry().row_height) - 1)
            step = {K.Key_Up: -1, K.Key_Down: 1, K.Key_PageUp: -page, K.Key_PageDown: page}[key]
            target = measure_rows[min(max(pos + step, 0), len(measure_rows) - 1)]
        self._user_select(self._rows[target].measure_id)

    def _update_hover_cursor(self, pos: QPointF) -> None:
        row, col = self._hit(pos)
        shape = None
        if row is not None and col is not None and self._editable():
            hit = self._bar_hit(row, pos)
            if hit is not None:
                shape = Qt.CursorShape.OpenHandCursor if hit[1] == "move" else Qt.CursorShape.SizeHorCursor
        if shape is None:
            self.viewport().unsetCursor()
        else:
            self.viewport().setCursor(shape)

    def _show_menu(self, measure_id: str, fy: int, global_pos: QPoint) -> None:
        m = self._by_id[measure_id]
        current = m.phase_in(fy)
        menu = PhaseMenu(self)
        head = menu.addAction(f"{fy_label(fy)}（{fy}）")
        head.setEnabled(False)
        menu.addSeparator()
        editable = self._editable()
        for i, ph in enumerate(self._doc.data.phases):
            act = menu.addAction(self.tr("{0}にする").format(ph.name) + (f"\t{i + 1}" if i < 9 else ""))
            act.setData(ph.name)
            act.setCheckable(True)
            act.setChecked(ph.name == current)
            act.setEnabled(editable)
            act.setIcon(swatch_icon(self._colors_by_phase.get(ph.name, QColor("gray"))))
        menu.addSeparator()
        clear = menu.addAction(self.tr("この年度の工程を消す") + "\tDel")
        clear.setData(None)
        clear.setObjectName("clear")
        clear.setEnabled(editable and current is not None)
        chosen = menu.exec(global_pos)
        menu.deleteLater()
        if not isinstance(chosen, QAction) or not chosen.isEnabled():
            return
        if chosen is clear or chosen.objectName() == "clear":
            self._edit(measure_id, {fy: None}, self.tr("工程の消去"))
        elif chosen.data():
            self._edit(measure_id, {fy: chosen.data()}, self.tr("工程の設定"))

    def _edit(self, measure_id: str, changes: dict, text: str) -> None:
        """One user edit = one document call = one undo step."""
        run_edit(self, lambda: self._doc.set_phases(measure_id, changes, text), title=self.tr("工程を変更できません"))

    # ================================================================ painting
    def paintEvent(self, event) -> None:  # noqa: N802
        vp = self.viewport()
        p = QPainter(vp)
        try:
            if self._body_waits and vp.isVisible():  # the window's first frame: the background only
                p.fillRect(vp.rect(), ChartColors.from_palette(self.palette()).base)
                return
            p.setFont(self.font())
            view = ChartView(
                vp.width(), vp.height(), self._geometry(),
                voffset=self.verticalScrollBar().value(), hoffset=self.horizontalScrollBar().value(),
                legend_height=self._current_legend_height(), interactive=True,
                colors=ChartColors.from_palette(self.palette()),
            )
            self._painter.paint(p, view, self._scene(interactive=True))
        finally:
            p.end()

    def _scene(self, interactive: bool) -> ChartScene:
        data = self._doc.data
        drag = None
        if interactive and self._drag is not None and self._drag.active:
            drag = DragPreview(self._drag.measure_id, self._drag.changes)
        return ChartScene(
            rows=self._rows, by_id=self._by_id, row_of=self._row_of, phase_colors=self._colors_by_phase,
            plan=self._doc.plan, viewpoints=data.viewpoints, phases=data.phases, rating_scale=data.rating_scale,
            today_fy=self._today_fy, palette=self.palette(), measure_word=data.terms.measure,
            cur_id=self._cur_id if interactive else None, cur_fy=self._cur_fy, focused=self.hasFocus(), drag=drag,
        )

# ---------------------------------------------------------------- standalone
def main(argv: list[str] | None = None) -> int:
    """Look at the timeline on a plan file without the main window."""
    import argparse
    import sys

    ap = argparse.ArgumentParser(prog="python -m plan_desktop.ui.timeline")
    ap.add_argument("--db", type=Path, required=True, help="plan database (opened read-only)")
    ap.add_argument("--screenshot", type=Path, help="save the window as PNG and exit")
    ap.add_argument("--png", type=Path, help="export the whole chart as PNG and exit")
    ap.add_argument("--pdf", type=Path, help="export the chart as PDF and exit")
    ap.add_argument("--size", default="1400x900", help="window size WxH")
    ap.add_argument("--font-size", type=float, help="font point size (to check larger fonts)")
    ap.add_argument("--fy", type=int, help="fiscal year to highlight as 今年度")
    ap.add_argument("--select", type=int, help="measure № to select")
    args = ap.parse_args(argv)

    app = QApplication.instance() or QApplication(sys.argv[:1])
    if args.font_size:
        f = app.font()
        f.setPointSizeF(args.font_size)
        app.setFont(f)
    doc = PlanDocument.open(args.db, readonly=True)
    w = TimelineWidget(doc)
    w.setWindowTitle(doc.plan.title)
    width, height = (int(v) for v in args.size.lower().split("x"))
    w.resize(width, height)
    if args.fy:
        w.set_current_fiscal_year(args.fy)
    if args.select:
        m = doc.data.measure_by_no(args.select)
        if m is not None:
            w.select_measure(m.id)
    if args.png:
        w.export_png(args.png)
    if args.pdf:
        w.export_pdf(args.pdf)
    if args.screenshot or args.png or args.pdf:
        if args.screenshot:
            w.show()
            app.processEvents()
            w.setFocus()
            app.processEvents()
            w.grab().save(str(args.screenshot))
        return 0
    w.show()
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
