"""一覧及び工程 (推進事項一覧及び工程 in the bundled plan): every measure with its ◎/○ relations, departments and
schedule bars, landscape A4 or A3, as on the plan's own overview pages.

Phases, their colours, proposals, viewpoints and years all come from the
plan data; nothing here knows how many there are.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table

from ..domain import groups as G
from ..domain.fiscal import fy_label, fy_range_label, fy_short
from ..domain.model import Measure, PlanData
from . import styles as S
from .base import Anchor, ReportOptions, ReportResult, build_pdf, new_context
from .common import SelectionError, phase_colours, schedule_years, viewpoint_label, xref_heading
from .flow import Paragraph, chunk_row
from .fonts import FontSet
from .linebreak import break_glyphs
from .text import TextContext, cell, draw_runs, fit_runs


class PhaseCell(Flowable):
    """One year of a schedule bar. Runs of equal phases join into one bar; the
    run's last cell writes the label centred over the whole run (cells are drawn
    left to right, so an earlier cell would paint over it). A label wider than
    its run wraps onto more lines (the row is made tall enough); it is never cut."""

    def __init__(self, colour: str, start: bool, end: bool, label_lines, run_len: int, size: float, height: float):
        super().__init__()
        self.colour = S.safe_colour(colour)
        self.start = start
        self.end = end
        self.label_lines = label_lines  # list of font runs, one per line
        self.run_len = run_len
        self.size = size
        self.bar_h = height

    def wrap(self, aw, ah):
        self.width = aw
        return aw, self.bar_h

    def draw(self):
        c = self.canv
        x0 = GAP if self.start else 0
        x1 = self.width - (GAP if self.end else 0)
        c.saveState()
        c.setFillColor(self.colour)
        c.setStrokeColor(self.colour)
        c.rect(x0, 0, x1 - x0, self.bar_h, stroke=0, fill=1)
        if self.label_lines:
            c.setFillColor(S.readable_on(self.colour))
            centre = self.width - (self.width * self.run_len) / 2
            line_h = self.size * LABEL_LEADING
            block = line_h * len(self.label_lines)
            y = (self.bar_h + block) / 2 - line_h + (line_h - self.size * 0.72) / 2
            for runs in self.label_lines:
                draw_runs(c, runs, centre, y, self.size, "centre")
                y -= line_h
        c.restoreState()


GAP = 1.6
LABEL_LEADING = 1.15


def wrap_label(ctx: TextContext, text: str, size: float, width: float, where: str) -> list[list[tuple[str, str]]]:
    """A phase name as lines of font runs no wider than *width* (broken where Japanese
    allows, e.g. 「検証・」「策定」); a single glyph wider than *width* stays on its line."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    runs = ctx.runs(text, where)
    glyphs = [(f, ch) for f, t in runs for ch in t]
    widths = [stringWidth(ch, f, size) for f, ch in glyphs]
    lines = []
    for a, b, _ in break_glyphs([ch for _, ch in glyphs], widths, [width], words_only=True):
        line: list[tuple[str, str]] = []
        for f, ch in glyphs[a:b]:
            if line and line[-1][0] == f:
                line[-1] = (f, line[-1][1] + ch)
            else:
                line.append((f, ch))
        lines.append(line)
    return lines


def _runs(m: Measure, years: list[int]) -> list[tuple[int, int, str]]:
    """(first index, last index, phase) for consecutive years with the same phase."""
    out: list[tuple[int, int, str]] = []
    for i, y in enumerate(years):
        phase = m.phase_in(y)
        if phase and out and out[-1][2] == phase and out[-1][1] == i - 1:
            out[-1] = (out[-1][0], i, phase)
        elif phase:
            out.append((i, i, phase))
    return out


MIN_SIZE = 7.0  # no text under 7 pt


class OverviewBuilder:
    """One table per viewpoint (its heading and the column heads repeat on every page
    it runs onto; a viewpoint that fits on a page is not split), the legend drawn on
    every page by :meth:`draw_legend`."""

    def __init__(self, data: PlanData, ctx: TextContext, width: float, years: list[int], paper: str,
                 frame_height: float = 0x7FFFFFFF):
        self.data = data
        self.ctx = ctx
        self.width = width
        self.frame_height = frame_height
        self.years = years
        self.big = paper == "A3"
        self.size = 10 if self.big else 7.5
        self.small = max(MIN_SIZE, self.size * 0.88)
        self.colours = phase_colours(data)
        n_prop = len(data.proposals)
        longest = max((len(m.label) for m in data.measures), default=1)
        self.no_w = self.size * (2.6 if longest <= 4 else 0.6 * longest + 2.8)  # display codes of 8 characters fit
        self.title_w = width * 0.30 - self.no_w
        self.prop_w = min(width * 0.05, width * 0.18 / max(n_prop, 1)) if n_prop else 0
        self.dept_w = width * 0.15
        rest = width - self.no_w - self.title_w - self.prop_w * n_prop - self.dept_w
        self.year_w = rest / max(len(years), 1)
        self.long_proposals = []

    def _head(self) -> tuple[list[list], list[tuple], list[float]]:
        ctx, size, font = self.ctx, self.size, self.ctx.fonts.name
        props = self.data.proposals
        n_prop = len(props)
        first_year = 2 + n_prop + 1
        widths = [self.no_w, self.title_w] + [self.prop_w] * n_prop + [self.dept_w] + [self.year_w] * len(self.years)
        terms = self.data.terms
        head1 = ["№", ctx.markup(terms.measure, "見出し")]
        head1 += ([ctx.markup(terms.relation_label, "見出し")] + [""] * (n_prop - 1) if n_prop else []) + ["担当課"]
        head1 += ["工　程"] + [""] * (len(self.years) - 1)
        head2: list = ["", ""]
        self.long_proposals = []
        for pr in props:
            label = ctx.markup(xref_heading(self.data, pr.no), "見出し")
            name = cell(ctx, pr.short or pr.title, label, self.prop_w - 3, self.small)
            if isinstance(name, str):
                head2.append(f"{label}\n{name}")
            else:  # the full name goes under the table; the header keeps its height
                head2.append(label)
                self.long_proposals.append(pr)
        head2.append("")
        head2 += [fy_label(y) if self.year_w > size * 6.2 else fy_short(y) for y in self.years]
        cmds: list[tuple] = [
            ("FONT", (0, 0), (-1, -1), font, size, size * 1.3),
            ("FONT", (2, 1), (1 + n_prop, 1), font, self.small, self.small * 1.2),
            ("BACKGROUND", (0, 0), (-1, 1), S.LABEL_BG),
            ("ALIGN", (0, 0), (-1, 1), "CENTER"),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("SPAN", (0, 0), (0, 1)),
            ("SPAN", (1, 0), (1, 1)),
            ("SPAN", (first_year - 1, 0), (first_year - 1, 1)),
            ("SPAN", (first_year, 0), (-1, 0)),
            ("BOX", (0, 0), (-1, -1), 0.9, S.RULE),
            ("INNERGRID", (0, 0), (-1, 1), 0.45, S.RULE),
            ("LINEBELOW", (0, 1), (-1, 1), 0.45, S.RULE),
            ("LINEAFTER", (0, 3), (first_year - 1, -1), 0.45, S.RULE),
            ("TOPPADDING", (0, 0), (-1, -1), 1.6),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2.2),
            ("LEFTPADDING", (first_year, 3), (-1, -1), 0),
            ("RIGHTPADDING", (first_year, 3), (-1, -1), 0),
            ("ALIGN", (0, 3), (0, -1), "RIGHT"),
            ("ALIGN", (2, 3), (1 + n_prop, -1), "CENTER"),
        ]
        if n_prop:
            cmds.append(("SPAN", (2, 0), (1 + n_prop, 0)))
        for i in range(0, len(self.years), 2):  # faint stripes instead of vertical rules: bars stay unbroken
            cmds.append(("BACKGROUND", (first_year + i, 3), (first_year + i, -1), S.tint(S.GROUP_BG, 0.4)))
        return [head1, head2], cmds, widths

    def tables(self) -> list[Flowable]:
        """One table per viewpoint; a viewpoint that fits on one page is kept on one page."""
        out: list[Flowable] = []
        groups: dict[int, list[Measure]] = {}
        for m in self.data.measures:
            groups.setdefault(m.viewpoint, []).append(m)
        for vp, measures in groups.items():
            t = self.table(vp, measures)
            _, h = t.wrap(self.width, 0x7FFFFFFF)
            # whole on one page when it fits on one; a longer viewpoint runs on from where it starts
            out.append(KeepTogether([t]) if h <= self.frame_height else t)
            out.append(Spacer(1, 2 * mm))
        return out

    def table(self, vp: int, measures: list[Measure]) -> Table:
        ctx, size, font = self.ctx, self.size, self.ctx.fonts.name
        head, cmds, widths = self._head()
        props = self.data.proposals
        n_prop = len(props)
        ncols = len(widths)
        rows = list(head)
        par = Paragraph(ctx.markup(self._heading(vp), "見出し"), S.style("ovv", size * 1.1))
        rows.append([par] + [""] * (ncols - 1))
        cmds += [("SPAN", (0, 2), (-1, 2)), ("BACKGROUND", (0, 2), (-1, 2), S.GROUP_BG),
                 ("LINEBELOW", (0, 2), (-1, 2), 0.45, S.RULE)]
        for m in measures:
            where = f"№{m.label}"
            prio = '<font color="#c0392b">【重点】</font>' if m.priority else ""
            row: list = [cell(ctx, m.label, where, self.no_w - 12, size, align="right"), Paragraph(f"{prio}{ctx.markup(m.title, where + ' 名称')}",
                                              S.style("ovt", size, leading=size * 1.3))]
            for pr in props:
                row.append(cell(ctx, m.proposals.get(pr.no, ""), where + " 関連", self.prop_w - 3, size * 1.3))
            row.append(Paragraph("<br/>".join(ctx.markup(d, where + " 担当課") for d in m.departments),
                                 S.style("ovd", self.small, leading=self.small * 1.25, words_only=True)))
            cells: list = [""] * len(self.years)
            runs = _runs(m, self.years)
            label_size = max(MIN_SIZE, size * 0.95)
            labels = {}
            for a, b, phase in runs:
                width = self.year_w * (b - a + 1) - 2 * GAP - 2
                labels[(a, b)] = wrap_label(ctx, phase, label_size, width, where + " 工程")
            lines = max([len(v) for v in labels.values()] + [1])
            bar_h = max(size * 1.5, lines * label_size * LABEL_LEADING + 2.5)
            for a, b, phase in runs:
                colour = self.colours.get(phase, "#bbbbbb")
                for i in range(a, b + 1):
                    cells[i] = PhaseCell(colour, i == a, i == b, labels[(a, b)] if i == b else None, b - a + 1,
                                         label_size, bar_h)
            row += cells
            first = len(rows)
            rows += chunk_row(row, widths)
            last = len(rows) - 1
            cmds.append(("FONT", (2, first), (1 + n_prop, last), font, size * 1.3, size * 1.5))
            cmds.append(("LINEBELOW", (0, last), (-1, last), 0.45, S.RULE))
        return S.table(rows, widths, cmds, repeatRows=3, hAlign="LEFT")

    def _heading(self, vp: int) -> str:
        """The table's group heading: number and title; in a nested plan the path from the top level
        (まちづくり方針1 安心して… ＞ 施策の柱1-1 … ＞ 施策1-1-1 …)."""
        if G.max_depth(self.data) <= 1:
            return viewpoint_label(self.data, vp)
        return "　＞　".join(G.group_heading(self.data, v) for v in G.path_of(self.data, vp)) or str(vp)

    def legend_items(self) -> list[tuple[str | None, str]]:
        """(colour or None, text) of the legend: every phase, then the ◎/○ key."""
        names = [p.name for p in self.data.phases]
        extra = [ph for m in self.data.measures for y in self.years if (ph := m.phase_in(y)) and ph not in names]
        items: list[tuple[str | None, str]] = []
        for name in names + list(dict.fromkeys(extra)):
            items.append((self.colours.get(name, "#bbbbbb"), name))
        if self.data.proposals:
            items += [(None, "◎ 特に関連が強いもの"), (None, "○ 関連があるもの")]
        return items

    def legend_height(self) -> float:
        return self.size * 2.2

    def draw_legend(self, canv, doc) -> None:
        """The legend at the foot of the body of every page."""
        size = max(MIN_SIZE, self.size)
        left, _right, _top, bottom = doc.setup.margins
        x = left
        y = bottom + size * 0.5
        canv.saveState()
        canv.setFillColor(S.INK)
        x += draw_runs(canv, self.ctx.runs("凡例"), x, y, size) + size
        for colour, text in self.legend_items():
            runs = fit_runs(self.ctx.runs(text, "工程の凡例"), size, 60 * mm)
            if colour is not None:
                canv.setFillColor(S.safe_colour(colour))
                canv.rect(x, y - size * 0.15, size * 1.6, size * 0.95, stroke=0, fill=1)
                x += size * 2
            canv.setFillColor(S.INK)
            x += draw_runs(canv, runs, x, y, size) + size * 1.5
            if x > doc.setup.size[0] - left:
                break
        canv.restoreState()

    def notes(self) -> list[Flowable]:
        """Proposal names too long for the column heads."""
        return [Paragraph(f"{self.ctx.markup(xref_heading(self.data, pr.no), '注記')}："
                          f"{self.ctx.markup(pr.short or pr.title, '注記')}",
                          S.style("legend", self.size, leading=self.size * 1.5)) for pr in self.long_proposals]


def build_schedule(data: PlanData, *, fy_from: int | None = None, fy_to: int | None = None, paper: str = "A4",
                   options: ReportOptions | None = None, fonts: FontSet | None = None) -> ReportResult:
    """The overview of all measures with schedule bars for fy_from..fy_to.

    Without a range, the years that have schedule entries (see
    :func:`common.schedule_years`) are shown.
    """
    options = options or ReportOptions()
    paper = S.paper_choice(paper)
    years = schedule_years(data)
    lo = years[0] if fy_from is None else fy_from
    hi = years[-1] if fy_to is None else fy_to
    plan = data.plan
    if lo > hi:
        raise SelectionError(f"年度の範囲が逆です: {lo}～{hi}")
    if lo < plan.fy_start or hi > plan.fy_end:
        raise SelectionError(f"年度の範囲 {lo}～{hi} は計画期間（{plan.fy_start}～{plan.fy_end}年度）の外です")
    if hi - lo + 1 > 20:
        raise SelectionError("一度に表示できるのは20年度分までです")
    years = list(range(lo, hi + 1))
    ctx = new_context(fonts)
    setup = S.PageSetup(paper, "landscape")
    b = OverviewBuilder(data, ctx, setup.frame_width, years, paper)
    b.frame_height = setup.size[1] - setup.margins[2] - setup.margins[3] - b.legend_height() - 4 * mm
    period = fy_range_label(lo, hi)
    heading = S.style("ovh", 15 if paper == "A3" else 12.5, leading=22)
    kind = f"{data.terms.measure}一覧及び工程"
    story = [
        Anchor("overview", kind, 0),
        Paragraph(f"{ctx.markup(kind, '見出し')}<font size=9>　（{period}）</font>", heading),
        Spacer(1, 2.5 * mm),
    ]
    if data.measures:
        story += b.tables()
    else:
        story.append(Paragraph(f"{ctx.markup(data.terms.measure, '本文')}が登録されていません。", S.body()))
    story += b.notes()
    return build_pdf(
        story, setup=setup, ctx=ctx, options=options,
        header_left=plan.title, header_right=f"{period}　{kind}",
        title=f"{kind}（{period}）", subject=f"{plan.title} {kind}", keywords=[kind, period],
        suggested_name=f"一覧及び工程_{fy_short(lo)}-{fy_short(hi)}_{paper}.pdf",
        bottom_reserve=b.legend_height(), page_extra=b.draw_legend,
    )
