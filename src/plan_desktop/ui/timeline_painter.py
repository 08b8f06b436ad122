"""Painting the timeline: one view of the chart from a snapshot of what the widget shows.

:class:`TimelinePainter` knows nothing of events, selection handling or
editing: :class:`~.timeline.TimelineWidget` hands it a :class:`ChartView`
(which part of the chart, at what size) and a :class:`ChartScene` (rows, the
measures, colours, the cursor and a drag preview) for the screen, a PNG or a
PDF page alike. Hot path: only the visible rows and columns are painted,
state changes batched, text through cached ``QStaticText`` layouts.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from operator import itemgetter

from PySide6.QtCore import QCoreApplication, QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPalette, QPen, QStaticText, QTransform

from ..domain.fiscal import fy_label
from ..domain.model import Measure, Phase, Plan, RatingLevel, Viewpoint
from ..domain.schedule_layout import (
    BADGE_RATIO,
    BAR_HEIGHT_RATIO,
    BAR_INSET_RATIO,
    GROUP,
    MEASURE,
    ChartGeometry,
    Row,
    apply_changes,
    bars,
    period_boundaries,
    period_spans,
    rating_tone,
    schedule_map,
)

_FALLBACK = QColor("#888888")
_FALLBACK_TEXT = QColor("white")
_LEFT, _CENTER, _RIGHT = "l", "c", "r"
PRIORITY_COLOR = QColor("#c0392b")
# Rating badges run from good to bad along the plan's own rating scale.
RATING_GOOD = QColor("#2e7d32")
RATING_BAD = QColor("#c62828")


class TimelineText:
    """Translation context of this module: lupdate files ``TimelineText.tr("…")`` under
    "TimelineText" (a call of a module-level function would not be collected)."""

    @staticmethod
    def tr(text: str) -> str:
        return QCoreApplication.translate("TimelineText", text)


def today_header_text(fy: int, bold_metrics: QFontMetricsF, column_width: float) -> str:
    """The current year's header cell, 「2026 今年度」 (in English "2026 this year"), measured in the bold
    font it is drawn in; only the year when the column is too narrow (zoomed out) — never cut."""
    text = f"{fy}" + TimelineText.tr(" 今年度")
    return text if bold_metrics.horizontalAdvance(text) <= column_width - TODAY_HEADER_PADDING else str(fy)


#: Room left and right of the current year's header text in its column.
TODAY_HEADER_PADDING = 6


@dataclass
class ChartColors:
    """The colours the timeline chart is painted in: from the palette on screen, fixed ones for print."""

    base: QColor
    text: QColor
    grid: QColor
    strong_grid: QColor
    header_bg: QColor
    group_bg: QColor
    selection: QColor
    cursor: QColor
    today: QColor
    today_header: QColor
    priority_tint: QColor

    @classmethod
    def from_palette(cls, pal: QPalette) -> ChartColors:
        base = pal.color(QPalette.ColorRole.Base)
        text = pal.color(QPalette.ColorRole.Text)
        hl = pal.color(QPalette.ColorRole.Highlight)
        dark = base.lightness() < 128
        # Opaque mixes, not alpha: filling opaque rectangles is much cheaper
        # than blending, and these are painted on every row.
        grid = _mix(base, text, 0.16)
        strong = _mix(base, text, 0.6)
        sel = QColor(hl)
        sel.setAlphaF(0.18)
        today = QColor("#ffd54f")
        today.setAlphaF(0.16 if not dark else 0.12)
        today_h = _mix(pal.color(QPalette.ColorRole.Window), QColor("#ffd54f"), 0.55 if not dark else 0.35)
        tint = _mix(base, PRIORITY_COLOR, 0.05)
        return cls(
            base=base, text=text, grid=grid, strong_grid=strong,
            header_bg=pal.color(QPalette.ColorRole.Window),
            group_bg=pal.color(QPalette.ColorRole.AlternateBase).darker(104 if not dark else 90),
            selection=sel, cursor=hl, today=today, today_header=today_h, priority_tint=tint,
        )

    @classmethod
    def for_print(cls) -> ChartColors:
        pal = QPalette(QColor("#f0f0f0"))
        pal.setColor(QPalette.ColorRole.Base, QColor("white"))
        pal.setColor(QPalette.ColorRole.Text, QColor("black"))
        pal.setColor(QPalette.ColorRole.Window, QColor("#eeeeee"))
        pal.setColor(QPalette.ColorRole.AlternateBase, QColor("#f4f4f4"))
        return cls.from_palette(pal)


@dataclass
class ChartView:
    """One rendering pass: a target rectangle and what part of the chart it shows."""

    width: float
    height: float
    geom: ChartGeometry
    voffset: float = 0.0
    hoffset: float = 0.0
    legend_height: float = 0.0
    interactive: bool = True
    colors: ChartColors | None = None
    first_row: int | None = None  # explicit row range (printing)
    last_row: int | None = None


@dataclass
class DragPreview:
    """Schedule changes of a bar being dragged, shown before they are written."""

    measure_id: str
    changes: dict
    active: bool = True


@dataclass
class ChartScene:
    """What the chart shows, as the widget has it at paint time."""

    rows: list[Row]
    by_id: Mapping[str, Measure]
    row_of: Mapping[str, int]
    phase_colors: Mapping[str, QColor]
    plan: Plan
    viewpoints: list[Viewpoint]
    phases: list[Phase]
    rating_scale: list[RatingLevel]
    today_fy: int
    measure_word: str
    palette: QPalette
    cur_id: str | None = None
    cur_fy: int | None = None
    focused: bool = False
    drag: DragPreview | None = None


# Texts made of at most this many different characters are measured from their characters' widths
# (see widest_text_width): the pairs of them are checked, which costs a measurement each.
FEW_CHARACTERS = 16


def widest_text_width(texts: list[str], fm: QFontMetricsF) -> float:
    """``max(fm.horizontalAdvance(t) for t in texts)`` (0.0 for none), without laying out every text.

    The № column's width is that of the widest number or display code of the whole plan: at 2,000
    measures 2,000 layouts, ~15 ms of the chart's first paint right after the window's first frame.
    Numbers and codes are written with few characters. When the width of every pair of them is the
    sum of their own widths (no kerning and no ligature between any two: checked, a layout per
    pair), a text's width is the sum of its characters' widths: the widest text by that sum is
    laid out, and its width is the result when it is that sum. Else, with many different characters
    or few texts, every text is laid out."""
    if not texts:
        return 0.0
    chars = set("".join(texts))
    if len(chars) > FEW_CHARACTERS or len(texts) <= len(chars) * len(chars):
        return max(fm.horizontalAdvance(t) for t in set(texts))
    own = {c: fm.horizontalAdvance(c) for c in chars}
    if any(fm.horizontalAdvance(a + b) != own[a] + own[b] for a in chars for b in chars):
        return max(fm.horizontalAdvance(t) for t in set(texts))
    width_of = own.__getitem__
    widest, most = max(((t, sum(map(width_of, t))) for t in set(texts)), key=itemgetter(1))
    width = fm.horizontalAdvance(widest)
    if width != most:  # (never seen: something acts on more than two characters) every text then
        return max(fm.horizontalAdvance(t) for t in set(texts))
    return width


class TimelinePainter:
    """Paints :class:`ChartView`s of a :class:`ChartScene`; keeps the text layout caches."""

    def __init__(self) -> None:
        self._text_cache: dict[tuple[str, str], tuple[QStaticText, float, float]] = {}
        self._elide_cache: dict[tuple, str] = {}
        self._number_widths: dict[tuple, float] = {}

    def static_text(self, text: str, font: QFont, font_key: str) -> QStaticText:
        """A laid-out text (glyph positions, not pixels), cached: resolution independent."""
        key = (text, font_key)
        st = self._text_cache.get(key)
        if st is None:
            if len(self._text_cache) > 20000:
                self._text_cache.clear()
            st = QStaticText(text)
            st.setTextFormat(Qt.TextFormat.PlainText)
            st.prepare(QTransform(), font)
            self._text_cache[key] = (st, st.size().width(), st.size().height())
            return self._text_cache[key]
        return st

    def _draw_text(self, p: QPainter, rect: QRectF, text: str, font: QFont, align: str, font_key: str | None = None) -> None:
        """One line of *text* in *rect*, vertically centred; *align* is "l", "c" or "r".

        The painter's font must be *font*; pass ``font.key()`` as *font_key* in loops.
        """
        st, w, h = self.static_text(text, font, font_key or font.key())
        if align == "c":
            x = rect.x() + (rect.width() - w) / 2
        elif align == "r":
            x = rect.right() - w
        else:
            x = rect.x()
        p.drawStaticText(QPointF(x, rect.y() + (rect.height() - h) / 2), st)

    def _number_width(self, scene: ChartScene, fm: QFontMetricsF, font_key: str) -> float:
        """Width of the № column: the widest number or display code of the whole plan (8-character
        codes, also with letters or hyphens, fit), so the column does not change while scrolling."""
        longest = max((len(m.label) for m in scene.by_id.values()), default=0)
        key = (font_key, id(scene.by_id), len(scene.by_id), longest)
        width = self._number_widths.get(key)
        if width is None:
            if len(self._number_widths) > 64:
                self._number_widths.clear()
            widest = widest_text_width([m.label for m in scene.by_id.values()], fm)
            width = self._number_widths[key] = max(fm.horizontalAdvance("0" * 4), widest)
        return width

    def _elided(self, text: str, fm: QFontMetricsF, width: float) -> str:
        """Elided text for *width*, cached; "" when not even one character fits."""
        key = (text, int(width), fm.height(), fm.averageCharWidth())
        out = self._elide_cache.get(key)
        if out is None:
            if len(self._elide_cache) > 20000:
                self._elide_cache.clear()
            out = fm.elidedText(text, Qt.TextElideMode.ElideRight, int(width)) if width > 0 else ""
            if out == "…":
                out = ""
            self._elide_cache[key] = out
        return out

    def visible_row_range(self, view: ChartView, scene: ChartScene) -> tuple[int, int]:
        if view.first_row is not None and view.last_row is not None:
            return view.first_row, view.last_row
        g = view.geom
        area_h = view.height - g.header_height - view.legend_height
        first = max(0, int(view.voffset // g.row_height))
        last = min(len(scene.rows) - 1, int((view.voffset + area_h) // g.row_height))
        return first, last

    def paint(self, p: QPainter, view: ChartView, scene: ChartScene) -> None:
        """Paint one view of the chart. Hot path: only visible rows and columns,
        state changes batched (all bars, then all bar labels, then all badges),
        text through cached ``QStaticText`` layouts."""
        g = view.geom
        c = view.colors or ChartColors.from_palette(scene.palette)
        years = list(g.years)
        n_cols = len(years)
        font = p.font()
        fm = QFontMetricsF(font)
        bold = QFont(font)
        bold.setBold(True)
        fkey, bkey = font.key(), bold.key()
        first, last = self.visible_row_range(view, scene)
        # y of row r: top of rows area + r*rh - scroll
        voff = view.voffset if view.first_row is None else first * g.row_height
        hoff = view.hoffset
        rows_top = g.header_height
        rows_bottom = view.height - view.legend_height
        rows_h = max(0.0, rows_bottom - rows_top)
        rh = g.row_height
        lw = g.label_width
        cw = g.column_width
        width = view.width

        p.fillRect(QRectF(0, 0, width, view.height), c.base)

        # visible columns (the label column is frozen on the left)
        col_first = max(0, int(hoff // cw))
        col_last = min(n_cols - 1, int((hoff + width - lw) // cw))
        col_of = {fy: i for i, fy in enumerate(years)}

        def col_x(i: int) -> float:
            return lw + i * cw - hoff

        def row_y(r: int) -> float:
            return rows_top + r * rh - voff

        today_col = col_of.get(scene.today_fy)
        boundaries = period_boundaries(scene.plan, years)
        drag = scene.drag if view.interactive else None
        rows = scene.rows
        by_id = scene.by_id
        visible = [(r, rows[r]) for r in range(first, last + 1)]
        measures = [(r, by_id[row.measure_id]) for r, row in visible if row.kind == MEASURE]

        # ------------------------------------------------------------ row backgrounds
        p.save()
        p.setClipRect(QRectF(0, rows_top, width, rows_h))
        for r, row in visible:
            y = row_y(r)
            if row.kind == GROUP:
                p.fillRect(QRectF(0, y, width, rh), c.group_bg)
        for r, m in measures:
            if m.priority:
                p.fillRect(QRectF(0, row_y(r), width, rh), c.priority_tint)
            if view.interactive and m.id == scene.cur_id:
                p.fillRect(QRectF(0, row_y(r), width, rh), c.selection)

        # chart part: clip away the frozen label column
        p.setClipRect(QRectF(lw, rows_top, max(0.0, width - lw), rows_h))
        if today_col is not None and col_first <= today_col <= col_last:
            p.fillRect(QRectF(col_x(today_col), rows_top, cw, rows_h), c.today)
        # grid
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        y_end = min(rows_bottom, row_y(last + 1)) if last >= first else rows_top
        lines = [QLineF(round(col_x(i)), rows_top, round(col_x(i)), y_end) for i in range(col_first, col_last + 2)]
        lines += [QLineF(lw, round(row_y(r + 1)) - 1, width, round(row_y(r + 1)) - 1) for r in range(first, last + 1)]
        p.setPen(QPen(c.grid, 1))
        p.drawLines(lines)

        # bars: geometry first, then fills grouped by colour, then labels
        inset = cw * BAR_INSET_RATIO
        bar_h = rh * BAR_HEIGHT_RATIO
        bar_dy = (rh - bar_h) / 2
        radius = min(bar_h / 3, 4.0)
        fills: dict[str, list[QRectF]] = {}
        labels: list[tuple[QRectF, str, str]] = []
        badges: list[tuple[QRectF, str]] = []
        badge_d = rh * BADGE_RATIO
        badge_dx = cw - cw * BAR_INSET_RATIO * 2 - badge_d  # from the cell's left edge
        badge_dy = (rh - badge_d) / 2
        for r, m in measures:
            y = row_y(r)
            sched = schedule_map(m)
            if drag is not None and drag.active and drag.measure_id == m.id:
                sched = apply_changes(sched, drag.changes)
            rated = set()
            for e in m.evaluations:
                i = col_of.get(e.fy)
                if e.rating and i is not None:
                    rated.add(e.fy)
                    if col_first <= i <= col_last:
                        badges.append((QRectF(col_x(i) + badge_dx, y + badge_dy, badge_d, badge_d), e.rating))
            for bar in bars(sched, years):
                i0, i1 = col_of[bar.fy_from], col_of[bar.fy_to]
                if i1 < col_first or i0 > col_last:
                    continue
                rect = QRectF(col_x(i0) + inset, y + bar_dy, (i1 - i0 + 1) * cw - 2 * inset, bar_h)
                fills.setdefault(bar.phase, []).append(rect)
                if rated and not rated.isdisjoint(bar.years):
                    # badges sit at the right end of cells: keep the label in
                    # the first cell, left of its badge
                    w = cw - 2 * inset - (badge_d + inset if bar.fy_from in rated else 0.0)
                    labels.append((QRectF(rect.x() + 3, rect.y(), w - 3, bar_h), bar.phase, _LEFT))
                else:
                    labels.append((rect, bar.phase, _CENTER))
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        p.setPen(Qt.PenStyle.NoPen)
        for phase, rects in fills.items():
            p.setBrush(scene.phase_colors.get(phase, _FALLBACK))
            for rect in rects:
                p.drawRoundedRect(rect, radius, radius)
        text_pens: dict[str, QColor] = {ph: _text_on(col) for ph, col in scene.phase_colors.items()}
        for rect, phase, align in labels:
            text = self._elided(phase, fm, rect.width() - (6 if align == _CENTER else 2))
            if text:
                p.setPen(text_pens.get(phase, _FALLBACK_TEXT))
                self._draw_text(p, rect, text, font, align, fkey)
        if badges:
            scale = scene.rating_scale
            badge_colors = {lvl.letter: rating_color(rating_tone(scale, lvl.letter)) for lvl in scale}
            p.setPen(Qt.PenStyle.NoPen)
            for rect, letter in badges:
                p.setBrush(badge_colors.get(letter, _FALLBACK))
                p.drawEllipse(rect)
            small = QFont(bold)
            if font.pointSizeF() > 0:
                small.setPointSizeF(font.pointSizeF() * 0.85)
            else:
                small.setPixelSize(max(6, round(font.pixelSize() * 0.85)))
            p.setFont(small)
            skey = small.key()
            laid = {letter: self.static_text(letter, small, skey) for letter in badge_colors.keys() | {b[1] for b in badges}}
            pens = {letter: _text_on(col) for letter, col in badge_colors.items()}
            for rect, letter in badges:
                st, w, h = laid[letter]
                p.setPen(pens.get(letter, _FALLBACK_TEXT))
                p.drawStaticText(QPointF(rect.x() + (badge_d - w) / 2, rect.y() + (badge_d - h) / 2), st)
            p.setFont(font)
        # period boundaries over the rows
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        for b in boundaries:
            p.fillRect(QRectF(round(col_x(b)) - 1, rows_top, 2, y_end - rows_top), c.strong_grid)
        # cell cursor
        if view.interactive and scene.cur_id in scene.row_of and scene.cur_fy in col_of:
            r = scene.row_of[scene.cur_id]
            if first <= r <= last:
                cr = QRectF(col_x(col_of[scene.cur_fy]), row_y(r), cw, rh).adjusted(1, 1, -1, -1)
                pen = QPen(c.cursor, 2 if scene.focused else 1)
                if not scene.focused:
                    pen.setStyle(Qt.PenStyle.DashLine)
                p.setPen(pen)
                p.setBrush(Qt.BrushStyle.NoBrush)
                p.drawRect(cr)
        p.restore()

        # ------------------------------------------------------- label column
        p.save()
        p.setClipRect(QRectF(0, rows_top, width, rows_h))
        char = fm.horizontalAdvance("国")
        pad = char * 0.4
        num_w = self._number_width(scene, fm, fkey)
        mark = TimelineText.tr("【重点】")
        fm_bold = QFontMetricsF(bold)
        mark_w = fm_bold.horizontalAdvance(mark)
        p.setPen(c.text)
        p.setFont(bold)
        for r, row in visible:
            if row.kind != GROUP:
                continue
            title = row.title or str(row.viewpoint)
            indent = char * row.depth  # one character per level below the top
            # group titles may run over the chart: group rows have no bars
            rect = QRectF(pad + indent, row_y(r), width - 2 * pad - indent, rh)
            self._draw_text(p, rect, self._elided(title, fm_bold, rect.width()), bold, _LEFT, bkey)
        for r, m in measures:
            if m.priority:
                p.fillRect(QRectF(0, row_y(r), 3, rh), PRIORITY_COLOR)
        if lw > 0:
            p.setPen(PRIORITY_COLOR)
            for r, m in measures:
                if m.priority:
                    self._draw_text(p, QRectF(pad + num_w + pad, row_y(r), mark_w + 2, rh), mark, bold, _LEFT, bkey)
            p.setFont(font)
            p.setPen(c.text)
            for r, m in measures:
                y = row_y(r)
                self._draw_text(p, QRectF(pad, y, num_w, rh), m.label, font, _RIGHT, fkey)
                x = pad + num_w + pad + (mark_w if m.priority else 0.0)
                avail = lw - x - pad
                text = self._elided(m.title, fm, avail) if avail > 0 else ""
                if text:
                    self._draw_text(p, QRectF(x, y, avail, rh), text, font, _LEFT, fkey)
            p.fillRect(QRectF(round(lw) - 1, rows_top, 1, rows_h), c.strong_grid)
        p.setFont(font)
        p.restore()
        # -------------------------------------------------------------- header
        self._paint_header(p, view, scene, c, col_first, col_last, col_x, today_col, boundaries)
        # -------------------------------------------------------------- legend
        if view.legend_height > 0:
            self._paint_legend(p, view, scene, c)

    def _paint_header(self, p: QPainter, view: ChartView, scene: ChartScene, c: ChartColors, col_first: int, col_last: int, col_x,
                      today_col: int | None, boundaries: list[int]) -> None:
        g = view.geom
        years = list(g.years)
        font = p.font()
        bold = QFont(font)
        bold.setBold(True)
        hh = g.header_height
        band = hh / 3
        lw = g.label_width
        p.save()
        p.fillRect(QRectF(0, 0, view.width, hh), c.header_bg)
        p.setClipRect(QRectF(lw, 0, max(0.0, view.width - lw), hh))
        if today_col is not None and col_first <= today_col <= col_last:
            p.fillRect(QRectF(col_x(today_col), band, g.column_width, hh - band), c.today_header)
        # periods
        p.setPen(c.text)
        for span in period_spans(scene.plan, years):
            # centre the name on the part of the period that is in view
            x0, x1 = max(col_x(span.first), lw), min(col_x(span.last + 1), view.width)
            if x1 <= x0:
                continue
            rect = QRectF(x0, 0, x1 - x0, band)
            text = f"{span.period.name}（{fy_label(span.period.fy_start)}～{fy_label(span.period.fy_end)}）"
            fm_b = QFontMetricsF(bold)
            if fm_b.horizontalAdvance(text) > rect.width() - 8:
                text = span.period.name
            p.setFont(bold)
            p.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
        p.setFont(font)
        fm = QFontMetricsF(font)
        for i in range(col_first, col_last + 1):
            fy = years[i]
            x = col_x(i)
            is_today = i == today_col
            p.setFont(bold if is_today else font)
            label = fy_label(fy)
            if fm.horizontalAdvance(label) > g.column_width - 4:
                label = fm.elidedText(label.replace("年度", ""), Qt.TextElideMode.ElideRight, g.column_width - 4)
            p.drawText(QRectF(x, band, g.column_width, band), Qt.AlignmentFlag.AlignCenter, label)
            year_text = today_header_text(fy, QFontMetricsF(bold), g.column_width) if is_today else str(fy)
            p.drawText(QRectF(x, 2 * band, g.column_width, band), Qt.AlignmentFlag.AlignCenter, year_text)
        p.setFont(font)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        p.fillRect(QRectF(lw, round(band), view.width - lw, 1), c.grid)
        for i in range(col_first, col_last + 2):
            p.fillRect(QRectF(round(col_x(i)), band, 1, hh - band), c.grid)
        for b in boundaries:
            p.fillRect(QRectF(round(col_x(b)) - 1, 0, 2, hh), c.strong_grid)
        p.restore()
        # corner over the label column
        if lw > 0:
            p.save()
            p.fillRect(QRectF(0, 0, lw, hh), c.header_bg)
            p.setFont(bold)
            p.setPen(c.text)
            p.drawText(QRectF(6, 2 * band, lw - 12, band), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                       scene.measure_word)
            p.fillRect(QRectF(round(lw) - 1, 0, 1, hh), c.strong_grid)
            p.restore()
        p.save()
        p.fillRect(QRectF(0, round(hh) - 1, view.width, 1), c.strong_grid)
        p.restore()

    def _paint_legend(self, p: QPainter, view: ChartView, scene: ChartScene, c: ChartColors) -> None:
        top = view.height - view.legend_height
        h = view.legend_height
        font = p.font()
        fm = QFontMetricsF(font)
        p.save()
        p.setClipRect(QRectF(0, top, view.width, h))
        p.fillRect(QRectF(0, top, view.width, h), c.header_bg)
        p.fillRect(QRectF(0, top, view.width, 1), c.strong_grid)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        x = fm.horizontalAdvance("国") * 0.5
        sw_w, sw_h = fm.horizontalAdvance("国") * 1.6, fm.height() * 0.8
        cy = top + h / 2

        def text(t: str, color: QColor = c.text) -> None:
            nonlocal x
            p.setPen(color)
            w = fm.horizontalAdvance(t)
            p.drawText(QRectF(x, top, w + 2, h), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, t)
            x += w + fm.horizontalAdvance("国") * 1.0

        text(TimelineText.tr("凡例"))
        for ph in scene.phases:
            color = scene.phase_colors.get(ph.name, QColor("#888888"))
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(color)
            p.drawRoundedRect(QRectF(x, cy - sw_h / 2, sw_w, sw_h), 3, 3)
            x += sw_w + 4
            text(ph.name)
        # today, period boundary, rating and priority markers
        p.fillRect(QRectF(x, cy - sw_h / 2, sw_w, sw_h), c.today_header)
        x += sw_w + 4
        text(TimelineText.tr("今年度"))
        p.fillRect(QRectF(x + 1, cy - sw_h / 2, 2, sw_h), c.strong_grid)
        x += 8
        text(TimelineText.tr("前期・後期の境"))
        d = sw_h
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(RATING_GOOD)
        p.drawEllipse(QRectF(x, cy - d / 2, d, d))
        x += d + 4
        letters = "・".join(r.letter for r in scene.rating_scale)
        text(TimelineText.tr("評価（{0}）").format(letters))
        text(TimelineText.tr("【重点】"), PRIORITY_COLOR)
        p.restore()


# ------------------------------------------------------------------ helpers
def _text_on(color: QColor) -> QColor:
    """Black or white text, whichever reads better on *color*."""
    r, g, b = color.redF(), color.greenF(), color.blueF()
    lum = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return QColor("#111111") if lum > 0.55 else QColor("white")


def rating_color(tone: float | None) -> QColor:
    """Badge colour for a position on the rating scale (0 best … 1 worst).

    Runs through the hues from RATING_GOOD (green) to RATING_BAD (red) so the
    middle grades read as yellow-green and orange rather than muddy browns.
    """
    if tone is None:
        return QColor(_FALLBACK)
    t = min(max(tone, 0.0), 1.0)
    if t == 0.0:
        return QColor(RATING_GOOD)
    if t == 1.0:
        return QColor(RATING_BAD)
    h0, s0, v0 = RATING_GOOD.hsvHueF(), RATING_GOOD.hsvSaturationF(), RATING_GOOD.valueF()
    h1, s1, v1 = RATING_BAD.hsvHueF(), RATING_BAD.hsvSaturationF(), RATING_BAD.valueF()
    return QColor.fromHsvF(h0 + (h1 - h0) * t, s0 + (s1 - s0) * t, max(v0 + (v1 - v0) * t, 0.8))


def _mix(a: QColor, b: QColor, t: float) -> QColor:
    t = min(max(t, 0.0), 1.0)
    return QColor.fromRgbF(a.redF() + (b.redF() - a.redF()) * t, a.greenF() + (b.greenF() - a.greenF()) * t,
                           a.blueF() + (b.blueF() - a.blueF()) * t)


def swatch_icon(color: QColor):
    from PySide6.QtGui import QIcon, QPixmap

    pm = QPixmap(16, 16)
    pm.fill(color)
    return QIcon(pm)
