"""推進事項一覧及び工程: every measure with its ◎/○ relations, departments and
schedule bars, landscape A4 or A3, as on the plan's own overview pages.

Phases, their colours, proposals, viewpoints and years all come from the
plan data; nothing here knows how many there are.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table

from ..domain.fiscal import fy_label, fy_range_label, fy_short
from ..domain.model import Measure, PlanData
from . import styles as S
from .base import Anchor, ReportOptions, ReportResult, build_pdf, new_context
from .common import SelectionError, phase_colours, schedule_years, viewpoint_label
from .fonts import FontSet
from .flow import Paragraph, chunk_row, chunks
from .text import IDEOGRAPHIC_SPACE, TextContext, cell, draw_runs, fit_runs


class PhaseCell(Flowable):
    """One year of a schedule bar. Runs of equal phases join into one bar; the
    run's last cell writes the label centred over the whole run (cells are drawn
    left to right, so an earlier cell would paint over it)."""

    def __init__(self, colour: str, start: bool, end: bool, label_runs, run_len: int, size: float, height: float):
        super().__init__()
        self.colour = S.safe_colour(colour)
        self.start = start
        self.end = end
        self.label_runs = label_runs
        self.run_len = run_len
        self.size = size
        self.bar_h = height

    def wrap(self, aw, ah):
        self.width = aw
        return aw, self.bar_h

    def draw(self):
        c = self.canv
        gap = 1.6
        x0 = gap if self.start else 0
        x1 = self.width - (gap if self.end else 0)
        c.saveState()
        c.setFillColor(self.colour)
        c.setStrokeColor(self.colour)
        c.rect(x0, 0, x1 - x0, self.bar_h, stroke=0, fill=1)
        if self.label_runs:
            run_w = self.width * self.run_len - 2 * gap
            runs = fit_runs(self.label_runs, self.size, run_w - 2)
            c.setFillColor(S.readable_on(self.colour))
            centre = self.width - (self.width * self.run_len) / 2
            draw_runs(c, runs, centre, (self.bar_h - self.size * 0.72) / 2, self.size, "centre")
        c.restoreState()


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


class OverviewBuilder:
    def __init__(self, data: PlanData, ctx: TextContext, width: float, years: list[int], paper: str):
        self.data = data
        self.ctx = ctx
        self.width = width
        self.years = years
        self.big = paper == "A3"
        self.size = 10 if self.big else 7.5
        self.colours = phase_colours(data)
        n_prop = len(data.proposals)
        self.title_w = width * 0.30
        self.prop_w = min(width * 0.05, width * 0.18 / max(n_prop, 1)) if n_prop else 0
        self.dept_w = width * 0.15
        rest = width - self.title_w - self.prop_w * n_prop - self.dept_w
        self.year_w = rest / max(len(years), 1)

    def table(self) -> Table:
        ctx, size, font = self.ctx, self.size, self.ctx.fonts.name
        props = self.data.proposals
        n_prop = len(props)
        first_year = 1 + n_prop + 1
        ncols = first_year + len(self.years)
        widths = [self.title_w] + [self.prop_w] * n_prop + [self.dept_w] + [self.year_w] * len(self.years)
        head1 = ["推進事項"] + (["提言との関連性"] + [""] * (n_prop - 1) if n_prop else []) + ["担当課"]
        head1 += ["工　程"] + [""] * (len(self.years) - 1)
        head2: list = [""]
        self.long_proposals = []
        for pr in props:
            name = cell(ctx, pr.short or pr.title, "提言", self.prop_w - 3, size * 0.85)
            if isinstance(name, str):
                head2.append(f"提言{S.roman(pr.no)}\n{name}")
            else:  # the full name goes under the table; the header keeps its height
                head2.append(f"提言{S.roman(pr.no)}")
                self.long_proposals.append(pr)
        head2.append("")
        head2 += [fy_label(y) if self.year_w > size * 6.2 else fy_short(y) for y in self.years]
        rows = [head1, head2]
        cmds: list[tuple] = [
            ("FONT", (0, 0), (-1, -1), font, size, size * 1.3),
            ("FONT", (1, 1), (n_prop, 1), font, size * 0.85, size * 1.1),
            ("BACKGROUND", (0, 0), (-1, 1), S.LABEL_BG),
            ("ALIGN", (0, 0), (-1, 1), "CENTER"),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("SPAN", (0, 0), (0, 1)),
            ("SPAN", (first_year - 1, 0), (first_year - 1, 1)),
            ("SPAN", (first_year, 0), (-1, 0)),
            ("BOX", (0, 0), (-1, -1), 0.9, S.RULE),
            ("INNERGRID", (0, 0), (-1, 1), 0.45, S.RULE),
            ("LINEBELOW", (0, 1), (-1, 1), 0.45, S.RULE),
            ("LINEAFTER", (0, 2), (first_year - 1, -1), 0.45, S.RULE),
            ("TOPPADDING", (0, 0), (-1, -1), 1.6),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2.2),
            ("LEFTPADDING", (first_year, 2), (-1, -1), 0),
            ("RIGHTPADDING", (first_year, 2), (-1, -1), 0),
            ("ALIGN", (1, 2), (n_prop, -1), "CENTER"),
        ]
        if n_prop:
            cmds.append(("SPAN", (1, 0), (n_prop, 0)))
        # faint stripes instead of vertical rules, so bars stay unbroken
        for i in range(0, len(self.years), 2):
            cmds.append(("BACKGROUND", (first_year + i, 2), (first_year + i, -1), S.tint(S.GROUP_BG, 0.4)))

        bar_h = size * 1.5
        current_vp = None
        for m in self.data.measures:
            if m.viewpoint != current_vp:
                current_vp = m.viewpoint
                par = Paragraph(ctx.markup(viewpoint_label(self.data, m.viewpoint), "取組の視点"),
                                S.style("ovv", size * 1.1))
                for piece in chunks(par, self.width - 12, 150):
                    r = len(rows)
                    rows.append([piece] + [""] * (ncols - 1))
                    cmds += [("SPAN", (0, r), (-1, r)), ("BACKGROUND", (0, r), (-1, r), S.GROUP_BG)]
                cmds.append(("LINEBELOW", (0, len(rows) - 1), (-1, len(rows) - 1), 0.45, S.RULE))
            where = f"№{m.no}"
            prio = '<font color="#c0392b">【重点】</font>' if m.priority else ""
            row: list = [Paragraph(f"{m.no}&nbsp;&nbsp;{prio}{ctx.markup(m.title, where + ' 名称')}",
                                   S.style("ovt", size, leading=size * 1.3, indent=size * 1.6,
                                           first_indent=-size * 1.6))]
            for pr in props:
                row.append(cell(ctx, m.proposals.get(pr.no, ""), where + " 提言", self.prop_w - 3, size * 1.3))
            row.append(Paragraph("<br/>".join(ctx.markup(d, where + " 担当課") for d in m.departments),
                                 S.style("ovd", size * 0.88, leading=size * 1.12)))
            cells: list = [""] * len(self.years)
            for a, b, phase in _runs(m, self.years):
                colour = self.colours.get(phase, "#bbbbbb")
                label = ctx.runs(phase, where + " 工程")
                for i in range(a, b + 1):
                    cells[i] = PhaseCell(colour, i == a, i == b, label if i == b else None, b - a + 1,
                                         size * 0.95, bar_h)
            row += cells
            first = len(rows)
            rows += chunk_row(row, widths)
            last = len(rows) - 1
            cmds.append(("FONT", (1, first), (n_prop, last), font, size * 1.3, size * 1.5))
            cmds.append(("LINEBELOW", (0, last), (-1, last), 0.45, S.RULE))
        return S.table(rows, widths, cmds, repeatRows=2, hAlign="LEFT")

    def legend(self) -> list[Flowable]:
        """Phase colours (every phase of the plan, and any other name a schedule uses),
        the ◎/○ key and proposal names too long for the header."""
        ctx, size = self.ctx, self.size
        names = [p.name for p in self.data.phases]
        extra = [ph for m in self.data.measures for y in self.years if (ph := m.phase_in(y)) and ph not in names]
        parts = []
        for name in names + list(dict.fromkeys(extra)):
            colour = S.safe_colour(self.colours.get(name, "#bbbbbb")).hexval().replace("0x", "#")
            parts.append(f'<font color="{colour}" size="{size * 1.5}">■</font>&nbsp;{ctx.markup(name, "工程の凡例")}')
        if self.data.proposals:
            parts += ["◎&nbsp;特に関連が強いもの", "○&nbsp;関連があるもの"]
        gap = IDEOGRAPHIC_SPACE * 2
        out: list[Flowable] = [Paragraph(gap.join(parts), S.style("legend", size, leading=size * 1.8))]
        for pr in getattr(self, "long_proposals", []):
            out.append(Paragraph(f"提言{S.roman(pr.no)}：{ctx.markup(pr.short or pr.title, '提言')}",
                                 S.style("legend", size, leading=size * 1.5)))
        return out


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
    period = fy_range_label(lo, hi)
    heading = S.style("ovh", 15 if paper == "A3" else 12.5, leading=22)
    story = [
        Anchor("overview", "推進事項一覧及び工程", 0),
        Paragraph(f"推進事項一覧及び工程<font size=9>　（{period}）</font>", heading),
        Spacer(1, 2.5 * mm),
    ]
    if data.measures:
        story.append(b.table())
    else:
        story.append(Paragraph("推進事項が登録されていません。", S.body()))
    story += [Spacer(1, 3 * mm), *b.legend()]
    kind = "推進事項一覧及び工程"
    return build_pdf(
        story, setup=setup, ctx=ctx, options=options,
        header_left=plan.title, header_right=f"{period}　{kind}",
        title=f"{kind}（{period}）", subject=f"{plan.title} {kind}", keywords=[kind, period],
        suggested_name=f"一覧及び工程_{fy_short(lo)}-{fy_short(hi)}_{paper}.pdf",
    )
