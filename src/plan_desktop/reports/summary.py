"""評価結果一覧: one line per measure for a fiscal year, then the counts per
rating and viewpoint with a bar chart. Ratings, viewpoints and measures all
come from the plan data."""

from __future__ import annotations

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Spacer, Table

from ..domain.evaluation import Overview, format_number, is_confirmed, overview, rating_colors
from ..domain.fiscal import fy_label, fy_short
from ..domain.model import PlanData
from ..domain.numbers import format_average, format_share
from ..domain.wording import stage_names
from . import styles as S
from .base import Anchor, ReportOptions, ReportResult, build_pdf, new_context
from .common import check_fiscal_year, code_column_width, heading_text, viewpoint_label, with_headings
from .flow import Paragraph, append_chunked
from .fonts import FontSet
from .linebreak import break_glyphs
from .text import IDEOGRAPHIC_SPACE, TextContext, cell

UNRATED = "未評価"
UNRATED_COLOUR = "#b0b0b0"


class SummaryBuilder:
    def __init__(self, data: PlanData, fy: int, ctx: TextContext, width: float, include_drafts: bool = False):
        self.data = data
        self.include_drafts = include_drafts
        self.words = stage_names(data)
        self.fy = fy
        self.ctx = ctx
        self.width = width
        self.font = ctx.fonts.name

    def results_table(self) -> Table:
        ctx, font = self.ctx, self.font
        w_no = code_column_width(self.data.measures, font, 8.5, 11 * mm)  # display codes of 8 characters fit
        w_prog, w_rate, w_dir, w_state = 17 * mm, 13 * mm, 19 * mm, 20 * mm
        w_dept = 34 * mm
        w_title = self.width - (w_no + w_prog + w_rate + w_dir + w_state + w_dept)
        rows: list[list] = [["№", ctx.markup(self.data.terms.measure, "見出し"), "担当課", "取組状況", "評価", "今後の方向性",
                             "状態"]]
        cmds: list[tuple] = [
            ("FONT", (0, 0), (-1, -1), font, 8.5, 11),
            ("BACKGROUND", (0, 0), (-1, 0), S.LABEL_BG),
            ("ALIGN", (0, 0), (-1, 0), "CENTER"),
            ("ALIGN", (0, 1), (0, -1), "RIGHT"),
            ("ALIGN", (3, 1), (-1, -1), "CENTER"),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("BOX", (0, 0), (-1, -1), 0.9, S.RULE),
            ("LINEBELOW", (0, 0), (-1, 0), 0.45, S.RULE),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ]
        widths = [w_no, w_title, w_dept, w_prog, w_rate, w_dir, w_state]
        # only the measures that run in this year, under a heading per group level
        for kind, item in with_headings(self.data, self.data.active_measures(self.fy)):
            if kind == "group":
                # a heading never stands alone at the foot of a page (S.heading_cell)
                par = S.heading_cell(Paragraph(ctx.markup(heading_text(self.data, item), "見出し"), S.style("sv", 9)))
                a, b = append_chunked(rows, cmds, [par] + [""] * 6, [self.width] + [0] * 6)
                for r in range(a, b + 1):
                    cmds += [("SPAN", (0, r), (-1, r)), ("BACKGROUND", (0, r), (-1, r), S.GROUP_BG)]
                continue
            m = item
            e = m.evaluation_for(self.fy)
            draft = e is not None and not is_confirmed(e)
            where = f"№{m.label}"
            prio = '<font color="#c0392b">【重点】</font>' if m.priority else ""
            a, b = append_chunked(rows, cmds, [
                cell(ctx, m.label, where, w_no - 12, 8.5, align="right"),  # drawn in the table's 8.5 pt
                Paragraph(prio + ctx.markup(m.title, where + " 名称"), S.style("st", 8.5)),
                Paragraph(ctx.markup(m.lead_department, where + " 担当課"), S.style("sd", 7.5, words_only=True)),
                cell(ctx, (e.progress if e else None) or "－", where + " 取組状況", w_prog - 4, 8.5),
                self._rating_cell(e, draft, where, w_rate),
                cell(ctx, (e.direction if e else None) or "－", where + " 方向性", w_dir - 4, 8.5),
                cell(ctx, self.data.terms.status_label(e.status) if e else UNRATED, where + " 状態", w_state - 4, 8),
            ], widths)
            cmds.append(("LINEAFTER", (0, a), (-2, b), 0.45, S.RULE))
            cmds.append(("FONT", (4, a), (4, b), font, 10, 12))
            if e is None:
                cmds.append(("TEXTCOLOR", (3, a), (-1, b), S.MUTED))
        cmds.append(("LINEAFTER", (0, 0), (-2, 0), 0.45, S.RULE))
        return S.table(rows, widths, cmds, repeatRows=1, hAlign="LEFT")

    def _rating_cell(self, e, draft: bool, where: str, width: float):
        """The rating as counted: a draft's rating shows as 「B（案）」 when drafts are included and
        in grey brackets 「（B）」 when they are left out of the counts."""
        rating = e.rating if e else None
        if not rating:
            return "－"
        if not draft:
            return cell(self.ctx, rating, where + " 評価", width - 4, 10)
        mark = self.words.draft_mark
        text = f"{rating}（{mark}）" if self.include_drafts else f"（{rating}）"
        return Paragraph(f'<font color="{"#c0392b" if self.include_drafts else "#777777"}">'
                         f"{self.ctx.markup(text, where + ' 評価')}</font>", S.style("sdr", 8.5, align="centre"))

    def basis_note(self, ov: Overview) -> Paragraph:
        """Says on the page which ratings were counted."""
        n = len(ov.unconfirmed)
        meeting = self.ctx.markup(self.words.meeting, "会議")
        if self.include_drafts:
            text = (f"集計には{meeting}で確定していない評価（{self.words.draft_mark}）{n}件を含みます。"
                    f"表では「B（{self.words.draft_mark}）」のように示します。")
        else:
            final = self.ctx.markup(self.data.terms.status_label("会議確定"), "会議")
            text = (f"集計は{meeting}で確定した評価（{final}）のみです。確定していない評価{n}件は未評価として数え、"
                    "表ではかっこ書き（例「（B）」）で示します。")
        return Paragraph(text, S.style("basis", 8.5, color="#333333"))

    def counts_table(self, ov: Overview) -> Table:
        ctx, font = self.ctx, self.font
        letters = [lv.letter for lv in ov.scale]
        n = len(letters) + 1
        w_name = 62 * mm
        w_tail = 15 * mm
        w_each = (self.width - w_name - 3 * w_tail) / n
        head: list = [ctx.markup(self.data.terms.top_level or "グループ", "見出し")]
        head += [cell(ctx, x, "評価基準", w_each - 4, 9) for x in letters]
        head += [UNRATED, "計", "平均点", "着手率"]
        widths = [w_name] + [w_each] * n + [w_tail] * 3
        rows: list[list] = []
        cmds: list[tuple] = []
        append_chunked(rows, cmds, head, widths)
        a = 0
        for r in [*ov.rows, ov.total]:
            title = (("\u3000" * r.depth + viewpoint_label(self.data, r.viewpoint)) if r.viewpoint is not None
                     else r.title)
            a, _ = append_chunked(rows, cmds, [Paragraph(ctx.markup(title, "集計"), S.style("cn", 8.5))]
                                  + [str(r.counts.get(x, 0)) for x in letters]
                                  + [str(r.unevaluated), str(r.measures),
                                     format_average(r.average), format_share(r.started, r.measures)], widths)
        cmds += [
            ("FONT", (0, 0), (-1, -1), font, 9, 11),
            ("BACKGROUND", (0, 0), (-1, 0), S.LABEL_BG),
            ("BACKGROUND", (0, a), (-1, -1), S.GROUP_BG),
            ("ALIGN", (1, 0), (-1, -1), "CENTER"),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("BOX", (0, 0), (-1, -1), 0.9, S.RULE),
            ("LINEAFTER", (0, 0), (-2, -1), 0.45, S.RULE),
            ("LINEABOVE", (0, a), (-1, a), 0.9, S.RULE),
            ("TOPPADDING", (0, 0), (-1, -1), 2.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
        ]
        return S.table(rows, widths, cmds, repeatRows=1, hAlign="LEFT")

    def scale_note(self, ov: Overview) -> Paragraph:
        ctx = self.ctx
        parts = [f"{ctx.markup(lv.letter, '評価基準')}：{ctx.markup(lv.label, '評価基準')}"
                 f"（{format_number(lv.points)}点）" for lv in ov.scale]
        note = "　".join(parts)
        started = "」又は「".join(ctx.markup(x, "取組状況") for x in self.data.terms.started_progress)
        word = ctx.markup(self.data.terms.measure, "注記")
        limited = any(m.fy_from is not None or m.fy_to is not None for m in self.data.measures)
        active = f"（実施期間中の{word}のみ）" if limited else ""
        return Paragraph(f"{note}<br/>平均点は評価基準の点数の平均（未評価を除く）。着手率はその年度までに取組状況が"
                         f"「{started}」となった{word}の割合{active}。".replace("\u3000", IDEOGRAPHIC_SPACE),
                         S.style("note", 7.5, color="#555555"))

    def chart(self, ov: Overview) -> Drawing:
        """Counts per viewpoint and rating. Readable in black and white: the fills step evenly
        in grey value (best darkest, 未評価 white), every bar is outlined and carries its count,
        and viewpoint names wrap instead of being cut."""
        ctx, font = self.ctx, self.font
        letters = [lv.letter for lv in ov.scale]
        cols = letters + [UNRATED]
        colours = grey_steps(ov.scale)
        rows = ov.rows
        label_size, label_leading = 7.5, 9.0
        plot_w = self.width - 62 * mm
        slot = plot_w / max(len(rows), 1) - 4
        names = [self._wrap(ctx.single_font(viewpoint_label(self.data, r.viewpoint), "グラフ"), label_size, slot)
                 for r in rows]
        lines = max([n.count("\n") + 1 for n in names] + [1])
        base = 6 * mm + lines * label_leading
        height = 56 * mm + base
        d = Drawing(self.width, height)
        d.initialFontName, d.initialFontSize = font, label_size  # no standard font, even unused
        chart = VerticalBarChart()
        chart.x, chart.y = 14 * mm, base
        chart.width = plot_w
        chart.height = height - base - 8 * mm
        chart.data = [[(r.unevaluated if c == UNRATED else r.counts.get(c, 0)) for r in rows] or [0] for c in cols]
        chart.categoryAxis.categoryNames = names or [""]
        chart.categoryAxis.labels.fontName = font
        chart.categoryAxis.labels.fontSize = label_size
        chart.categoryAxis.labels.leading = label_leading
        chart.categoryAxis.labels.boxAnchor = "n"
        chart.categoryAxis.labels.textAnchor = "middle"
        chart.valueAxis.labels.fontName = font
        chart.valueAxis.labels.fontSize = label_size
        chart.valueAxis.valueMin = 0
        top = max([max(series) for series in chart.data] + [1])
        chart.valueAxis.valueMax = top + 1
        chart.valueAxis.valueStep = max(1, -(-(top + 1) // 6))
        chart.barSpacing = 1
        chart.groupSpacing = 8
        chart.barLabelFormat = lambda v: str(int(v)) if v else ""
        chart.barLabels.fontName = font
        chart.barLabels.fontSize = 7
        chart.barLabels.nudge = 5
        for i, c in enumerate(cols):
            chart.bars[i].fillColor = colours.get(c, colors.white)
            chart.bars[i].strokeColor = S.INK
            chart.bars[i].strokeWidth = 0.5
        d.add(chart)
        legend = Legend()
        legend.x, legend.y = self.width - 44 * mm, height - 10 * mm
        legend.fontName = font
        legend.fontSize = 8
        legend.alignment = "right"
        legend.columnMaximum = 12
        legend.strokeColor = S.INK
        legend.strokeWidth = 0.5
        labels = {lv.letter: lv.label for lv in ov.scale}
        legend.colorNamePairs = [
            (chart.bars[i].fillColor, ctx.single_font(f"{c} {labels.get(c, '')}".strip(), "グラフ"))
            for i, c in enumerate(cols)
        ]
        d.add(legend)
        d.add(String(14 * mm, height - 5 * mm, "件数", fontName=font, fontSize=label_size))
        return d

    def _wrap(self, text: str, size: float, width: float) -> str:
        """*text* as lines (joined with newlines) no wider than *width*, broken where Japanese allows."""
        from reportlab.pdfbase.pdfmetrics import stringWidth

        widths = [stringWidth(ch, self.font, size) for ch in text]
        return "\n".join(text[a:b] for a, b, _ in break_glyphs(text, widths, [width]))


def grey_steps(scale) -> dict:
    """A fill per rating letter whose grey values step evenly from dark (best) to light
    (worst), keeping each level's hue; 未評価 is white. Distinct on a black-and-white copy."""
    base = rating_colors(scale)
    ranked = sorted(scale, key=lambda lv: -lv.points)
    n = len(ranked)
    out = {UNRATED: colors.white}
    for i, lv in enumerate(ranked):
        target = 0.28 + (0.82 - 0.28) * (i / (n - 1) if n > 1 else 0)
        c = S.safe_colour(base.get(lv.letter, "#888888"))
        y = 0.2126 * c.red + 0.7152 * c.green + 0.0722 * c.blue
        if y > target:  # darken towards black
            f = target / y if y else 0
            out[lv.letter] = colors.Color(c.red * f, c.green * f, c.blue * f)
        else:  # lighten towards white
            f = (target - y) / (1 - y) if y < 1 else 0
            out[lv.letter] = S.tint(c, f)
    return out


def build_summary(data: PlanData, fy: int, *, options: ReportOptions | None = None,
                  fonts: FontSet | None = None) -> ReportResult:
    """評価結果一覧 for fiscal year *fy*: results per measure, counts and a chart."""
    options = options or ReportOptions()
    check_fiscal_year(data, fy)
    ctx = new_context(fonts)
    setup = S.PageSetup("A4", "portrait")
    b = SummaryBuilder(data, fy, ctx, setup.frame_width, options.include_drafts)
    ov = overview(data, fy, include_drafts=options.include_drafts)
    from ..domain import groups as G

    # a nested plan's counts per group at every level (the chart stays per top level)
    ov_all = overview(data, fy, include_drafts=options.include_drafts, level="all") if G.max_depth(data) > 1 else ov
    heading = S.style("sh", 13.5, leading=20)
    story = [
        Anchor("results", "評価結果一覧", 0),
        Paragraph(f"{fy_label(fy)}　評価結果一覧", heading),
        b.basis_note(ov),
        Spacer(1, 2 * mm),
    ]
    if data.measures:
        story.append(b.results_table())
    else:
        story.append(Paragraph(f"{ctx.markup(data.terms.measure, '本文')}が登録されていません。", S.body()))
    story += [
        Spacer(1, 6 * mm),
        CondPageBreak(120 * mm),
        Anchor("counts", "評価の集計", 0),
        Paragraph("評価の集計", S.style("sh2", 11.5, leading=17)),
        Spacer(1, 2 * mm),
        b.counts_table(ov_all),
        Spacer(1, 2 * mm),
        b.scale_note(ov),
        Spacer(1, 4 * mm),
        b.chart(ov),
    ]
    kind = "評価結果一覧"
    return build_pdf(
        story, setup=setup, ctx=ctx, options=options,
        header_left=data.plan.title, header_right=f"{fy_label(fy)}　{kind}",
        title=f"{kind}（{fy_label(fy)}）", subject=f"{data.plan.title} {fy_label(fy)} {kind}",
        keywords=[kind, fy_label(fy)], suggested_name=f"評価結果一覧_{fy_short(fy)}.pdf",
    )

