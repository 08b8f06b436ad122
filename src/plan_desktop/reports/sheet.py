"""進捗状況評価シート: one measure and one fiscal year per sheet, singly or in batches.

A sheet is a stack of two-column tables (label | content) in the style of a
city's evaluation form. Rows split inside long cells (``splitInRow``) so
any amount of text flows onto following pages. The blank form (記入用) is
the same sheet with the evaluation boxes left empty and ruled for writing.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer, Table
from reportlab.platypus.flowables import SetTopFlowables

from ..domain.evaluation import achievement_rate, format_number, format_rate, is_confirmed
from ..domain.fiscal import date_label, fy_label, fy_range_label, fy_short
from ..domain.model import Evaluation, Measure, PlanData
from ..domain.terms import STAGE_FIELDS, EvaluationStage
from ..domain.wording import stage_names
from . import styles as S
from .base import (
    Anchor,
    PageRef,
    PartEnd,
    PartLink,
    ProgressTick,
    RectoBreak,
    ReportOptions,
    ReportResult,
    SheetMark,
    build_pdf,
    new_context,
)
from .common import (
    check_fiscal_year,
    describe_measures,
    group_row,
    heading_text,
    phase_colours,
    schedule_years,
    viewpoint_label,
    with_headings,
    xref_heading,
)
from .flow import THICK, THIN, LabeledRow, Paragraph, WritingLines, append_chunked, chunk_row, label_lines
from .fonts import FontSet
from .text import IDEOGRAPHIC_SPACE, TextContext, cell

GAP = IDEOGRAPHIC_SPACE * 2  # between check boxes, in our own markup

LABEL_W = 29 * mm
PAD = 3.0
# Body text of a sheet (size, leading): a filled sheet of the bundled plan fits one A4 page;
# a sheet that would run a little over one page is set compact instead (never under 7 pt).
TEXT_SIZE = (8.5, 12.2)
COMPACT_TEXT_SIZE = (7.8, 10.6)


def _unknown_extras(e: Evaluation | None) -> list[tuple[str, object]]:
    """Fields kept in ``Evaluation.extra`` (forward compatibility): printed under
    その他 so that nothing recorded is silently left off the sheet."""
    if e is None or not e.extra:
        return []
    return [(k, v) for k, v in e.extra.items() if v not in (None, "", [], {})]


def _date_text(v) -> str:
    if not v:
        return ""
    import datetime as _dt

    try:
        return date_label(_dt.date.fromisoformat(str(v)[:10]))
    except ValueError:
        return str(v)


class DraftMark(Flowable):
    """The boxed 「案」 printed beside the title and the rating of an evaluation that the
    meeting has not confirmed yet."""

    def __init__(self, text: str, font: str, size: float = 11):
        super().__init__()
        self.text, self.font, self.size = text, font, size
        self.width = stringWidth(text, font, size) + 6
        self.height = size + 5

    def wrap(self, aw, ah):
        return self.width, self.height

    def draw(self):
        c = self.canv
        c.saveState()
        c.setStrokeColor(S.HIGHLIGHT)
        c.setFillColor(S.HIGHLIGHT)
        c.setLineWidth(1.2)
        c.rect(0.6, 0.6, self.width - 1.2, self.height - 1.2, stroke=1, fill=0)
        c.setFont(self.font, self.size)
        c.drawCentredString(self.width / 2, 2.5 + self.size * 0.12, self.text)
        c.restoreState()


class SheetBuilder:
    """Flowables for evaluation sheets of one plan and fiscal year.

    Pure: plan data and options in, flowables out (no page state), so sheets
    can be built independently of each other."""

    def __init__(self, data: PlanData, fy: int, ctx: TextContext, width: float, *, blank: bool = False,
                 options: ReportOptions | None = None, compact: bool = False):
        self.data = data
        self.fy = fy
        self.ctx = ctx
        self.width = width
        self.blank = blank
        self.options = options or ReportOptions()
        self.words = stage_names(data)
        self.compact = compact
        self.content_w = width - LABEL_W
        self.years = schedule_years(data, fy)
        self.colours = phase_colours(data)

    # --------------------------------------------------------------- pieces
    def text(self, name: str = "body", **kw):
        """The paragraph style of the sheet's body text (compact when the sheet is set tight)."""
        size, leading = COMPACT_TEXT_SIZE if self.compact else TEXT_SIZE
        return S.style(name, size, leading=leading, **kw)

    def p(self, text: str | None, where: str, st=None) -> Paragraph:
        return Paragraph(self.ctx.markup(text, where), st or self.text())

    def raw(self, markup: str, st=None) -> Paragraph:
        """A paragraph from markup we wrote ourselves (user parts already escaped)."""
        return Paragraph(markup.replace("\u3000", IDEOGRAPHIC_SPACE), st or self.text())

    def lab(self, text: str) -> str:
        """A label cell: a plain string (no paragraph layout needed, and much faster)."""
        return text

    def short(self, text: str | None, where: str, width: float, size: float):
        return cell(self.ctx, text, where, width, size)

    def esc(self, text: str | None, where: str) -> str:
        return self.ctx.markup(text, where)

    def checks(self, options: Sequence[str], selected: str | None, where: str) -> Paragraph:
        parts = []
        for opt in options:
            mark = "■" if (not self.blank and selected == opt) else "□"
            parts.append(f"{mark}&nbsp;{self.esc(opt, where)}")
        if not self.blank and selected and selected not in options:
            parts.append(f"■&nbsp;{self.esc(selected, where)}")
        return self.raw(GAP.join(parts))

    # --------------------------------------------------------------- blocks
    def rows(self, rows: list[list], *, keep: bool = False, first: bool = True, last: bool = True) -> list[Flowable]:
        """Form rows (label | content) stacked into one box; each splits on its own."""
        out: list[Flowable] = []
        end = len(rows) - 1
        for i, (label, content) in enumerate(rows):
            content = content if isinstance(content, list) else [content]
            row = LabeledRow(label_lines(label), content, label_w=LABEL_W, font=self.ctx.fonts.name, pad=PAD,
                             top_w=THICK if (i == 0 and first) else THIN,
                             bottom_w=THICK if (i == end and last) else THIN)
            # a blank form's rows are short: never cut a writing box in two
            out.append(KeepTogether([row]) if keep else row)
        return out

    def is_draft(self, e: Evaluation | None) -> bool:
        """Printed with 「案」: an evaluation the meeting has not confirmed (never on a blank form)."""
        return not self.blank and e is not None and not is_confirmed(e)

    def stamp_boxes(self) -> Table | None:
        """確認欄: one box per name of ``options.stamps`` for approval seals."""
        names = [n for n in self.options.stamps if n.strip()][:6]
        if not names:
            return None
        each = 13.5 * mm
        head = [self.short(n, "確認欄", each - 2, 7) for n in names]
        return S.table([["確\n認\n欄", *head], ["", *[""] * len(names)]], [4.2 * mm] + [each] * len(names), [
            ("FONT", (0, 0), (-1, -1), self.ctx.fonts.name, 7, 8.2),
            ("SPAN", (0, 0), (0, 1)),
            ("ALIGN", (0, 0), (-1, -1), "CENTER"),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("GRID", (0, 0), (-1, -1), 0.45, S.RULE),
            ("BACKGROUND", (0, 0), (0, 1), S.LABEL_BG),
            ("BACKGROUND", (1, 0), (-1, 0), S.LABEL_BG),
            ("TOPPADDING", (0, 0), (-1, -1), 0.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
            ("LEFTPADDING", (0, 0), (-1, -1), 0.5),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0.5),
        ], rowHeights=[None, 11 * mm], hAlign="RIGHT")

    def title_block(self, m: Measure, draft: bool) -> Flowable:
        where = f"№{m.label} 名称"
        prio = '<font color="#c0392b">【重点】</font>' if m.priority else ""
        title = self.raw(prio + self.esc(m.title, where), S.style("title", 13.5, leading=19))
        # the № box fits display codes of 8 characters (1000101, 2-3-1-12)
        no_size = 15 if len(m.label) <= 4 else 11 if len(m.label) <= 6 else 9
        stamps = self.stamp_boxes()
        mark = DraftMark(self.words.draft_mark, self.ctx.fonts.name, 13) if draft else None
        side: list = [x for x in (mark, stamps) if x is not None]
        side_w = (stamps.minWidth() if stamps is not None else 0) + (mark.width + 3 if mark else 0)
        if side and title.wrap(self.content_w - 2 * PAD - side_w, 1e6)[1] > 80:
            # a title too long to sit beside the boxes (a table cell cannot split): boxes above it
            content: list = [S.table([side], [x.wrap(0, 0)[0] if isinstance(x, DraftMark) else x.minWidth()
                                              for x in side], [("LEFTPADDING", (0, 0), (-1, -1), 2)],
                                     hAlign="RIGHT"), title, Spacer(1, 2)]
        elif side:
            side_w = (stamps.minWidth() if stamps is not None else 0) + (mark.width + 3 if mark else 0)
            inner = S.table([[[Spacer(1, 1.5), title], *side]],
                            [self.content_w - 2 * PAD - side_w] + ([mark.width + 3] if mark else [])
                            + ([stamps.minWidth()] if stamps is not None else []), [
                                ("VALIGN", (0, 0), (0, 0), "MIDDLE"),
                                ("VALIGN", (1, 0), (-1, 0), "TOP"),
                                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                                ("RIGHTPADDING", (0, 0), (0, 0), 4),
                                ("TOPPADDING", (0, 0), (-1, -1), 0),
                                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                            ], hAlign="LEFT")
            content = [inner]
        else:
            content = [Spacer(1, 1.5), title, Spacer(1, 2)]
        return LabeledRow([(self.data.terms.measure, 8.5), (f"№{m.label}", no_size)], content,
                          label_w=LABEL_W, font=self.ctx.fonts.name, pad=PAD, top_w=THICK, bottom_w=THICK)

    def continuation_header(self, m: Measure) -> Flowable:
        """Top of every following page of a sheet: № and title with （続き）."""
        prio = '<font color="#c0392b">【重点】</font>' if m.priority else ""
        shown = m.title if len(m.title) <= 90 else m.title[:89] + "…"
        title = self.raw(prio + self.esc(shown, f"№{m.label} 名称") + '<font color="#555555">（続き）</font>',
                         S.style("ctitle", 10, leading=13.5))
        no_size = 10.5 if len(m.label) <= 6 else 8.5
        return LabeledRow([(self.data.terms.measure, 7.5), (f"№{m.label}", no_size)], [title], label_w=LABEL_W,
                          font=self.ctx.fonts.name, pad=2.4, top_w=THICK, bottom_w=THICK, min_height=0)

    def relations(self, m: Measure) -> list[Flowable]:
        if not self.data.proposals:
            marks = "　".join(f"{k}: {v}" for k, v in sorted(m.proposals.items()))
            return [self.p(marks or "－", f"№{m.label} {self.data.terms.cross_reference}")]
        n = len(self.data.proposals)
        legend_w = 34 * mm
        each = (self.content_w - 2 * PAD - legend_w) / n
        head, row, long_names = [], [], []
        for pr in self.data.proposals:
            xref = self.data.terms.cross_reference
            name = self.short(pr.short or pr.title, xref, each - 4, 7.5)
            if isinstance(name, str):
                head.append(f"{xref_heading(self.data, pr.no)}\n{name}")
            else:  # too long for the header: the full name is printed under the table
                head.append(xref_heading(self.data, pr.no))
                long_names.append(pr)
            row.append(self.short(m.proposals.get(pr.no, ""), f"№{m.label} {xref}", each - 4, 11))
        legend = "◎ 特に関連が強いもの\n○ 関連があるもの"
        widths = [each] * n + [legend_w]
        rows = [head + [legend], *chunk_row(row + [""], widths, 120)]
        t = S.table(rows, widths, hAlign="LEFT", cmds=[
            ("FONT", (0, 0), (-1, 0), self.ctx.fonts.name, 7.5, 9.5),
            ("FONT", (0, 1), (-1, -1), self.ctx.fonts.name, 11, 13),
            ("FONT", (n, 0), (n, 1), self.ctx.fonts.name, 7, 9),
            ("TEXTCOLOR", (n, 0), (n, 1), S.MUTED),
            ("ALIGN", (0, 0), (n - 1, -1), "CENTER"),
            ("BOX", (0, 0), (n - 1, -1), 0.4, S.HAIRLINE),
            ("LINEAFTER", (0, 0), (n - 2, -1), 0.4, S.HAIRLINE),
            ("LINEBELOW", (0, 0), (n - 1, 0), 0.4, S.HAIRLINE),
            ("BACKGROUND", (0, 0), (n - 1, 0), S.GROUP_BG),
            ("SPAN", (n, 0), (n, 1)),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), 1.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ])
        notes = [self.raw(f"{xref_heading(self.data, pr.no)}：{self.esc(pr.short or pr.title, xref_heading(self.data, pr.no))}",
                          S.body(8)) for pr in long_names]
        return [t, *notes]

    def action_plan(self, m: Measure) -> list[Flowable]:
        """The blocks covering this year; with ``options.all_blocks`` every block, the others in grey."""
        current = m.blocks_for(self.fy)
        blocks = list(m.action_plan) if self.options.all_blocks else current
        where = f"№{m.label} 年度別行動計画"
        if not blocks:
            return [self.raw("（この年度の行動計画は登録されていません）", S.body(color="#666666"))]
        out: list[Flowable] = []
        for b in blocks:
            now = b in current
            colour = None if now else "#6b6b6b"
            span = fy_range_label(b.fy_from, b.fy_to)
            if self.options.all_blocks and now:
                out.append(self.raw(f"▶&nbsp;{span}（{fy_label(self.fy)}を含む）",
                                    S.style("rangeh", 8, color="#c0392b", space_before=2)))
            else:
                out.append(self.raw(span, S.style("range", 7.5, color="#555555", space_before=2 if out else 0)))
            for item in b.items:
                out.append(Paragraph(self.esc(item.text, where), self.text("ap1", indent=9, color=colour),
                                     bulletText="◆"))
                for sub in item.sub:
                    out.append(Paragraph(self.esc(sub, where), self.text("ap2", indent=18.5, color=colour, bullet_indent=9),
                                         bulletText="・"))
        return out

    def schedule_row(self, m: Measure) -> Table:
        years = self.years
        each = (self.content_w - 2 * PAD) / len(years)
        size = 7
        head = [fy_label(y) if each > 17 * mm else fy_short(y) for y in years]
        cells, shades = [], []
        for i, y in enumerate(years):
            phase = m.phase_in(y)
            cells.append(self.short(phase or "", f"№{m.label} 工程", each - 4, 8))
            if phase:
                shades.append((i, S.tint(S.safe_colour(self.colours.get(phase, "#bbbbbb")), 0.55)))
        rows = [head, *chunk_row(cells, [each] * len(years), 120)]
        cmds = [
            ("FONT", (0, 0), (-1, 0), self.ctx.fonts.name, size, size * 1.3),
            ("FONT", (0, 1), (-1, -1), self.ctx.fonts.name, 8, 10),
            ("ALIGN", (0, 0), (-1, -1), "CENTER"),
            ("BOX", (0, 0), (-1, -1), 0.4, S.HAIRLINE),
            ("LINEAFTER", (0, 0), (-2, -1), 0.4, S.HAIRLINE),
            ("LINEBELOW", (0, 0), (-1, 0), 0.4, S.HAIRLINE),
            ("BACKGROUND", (0, 0), (-1, 0), S.GROUP_BG),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), 1.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ]
        cmds += [("BACKGROUND", (i, 1), (i, -1), colour) for i, colour in shades]
        if self.fy in years:
            i = years.index(self.fy)
            cmds.append(("BOX", (i, 0), (i, -1), 1.6, S.HIGHLIGHT))
        return S.table(rows, [each] * len(years), cmds, hAlign="LEFT")

    def plan_part(self, m: Measure) -> list[Flowable]:
        w = f"№{m.label}"
        depts = "、".join(m.departments)
        group_label, group_text = group_row(self.data, m.viewpoint)
        rows = [
            [self.lab(group_label), self.p(group_text, f"{w} {group_label}")],
            [self.lab("担当部課"), self.p(depts or "－", f"{w} 担当部課", self.text(words_only=True))],
            # the plan's cross-reference table (提言 in the bundled plan), only when it has one
            *([[self.lab(self.data.terms.relation_label), self.relations(m)]] if self.data.proposals else []),
            [self.lab("課　題"), self.p(m.issue, f"{w} 課題")],
            [self.lab("推進内容\n（具体の行動）"), self.p(m.content, f"{w} 推進内容")],
            [self.lab(f"年度別行動計画\n（{fy_label(self.fy)}）" if not self.options.all_blocks
                      else "年度別行動計画"), self.action_plan(m)],
            [self.lab("工　程"), self.schedule_row(m)],
        ]
        e = None if self.blank else m.evaluation_for(self.fy)
        return [self.title_block(m, self.is_draft(e)), *self.rows(rows, first=False)]

    def text_box(self, text: str, where: str, lines: int) -> list[Flowable] | Flowable:
        if self.blank:
            return WritingLines(lines)
        if not (text or "").strip():
            return Spacer(1, 9 * mm)
        return self.p(text, where)

    def indicator_table(self, m: Measure, e: Evaluation | None) -> Table:
        indicators = list(e.indicators) if (e is not None and not self.blank) else []
        head = [self.lab("成果指標"), "指標名", "単位", "基準値", "目標値", "実績値", "達成率"]
        widths_rest = [16 * mm, 17 * mm, 17 * mm, 17 * mm, 16 * mm]
        name_w = self.content_w - sum(widths_rest)
        widths = [LABEL_W, name_w] + widths_rest
        rows: list[list] = []
        cmds: list[tuple] = []
        append_chunked(rows, cmds, head, widths, first_col=1)
        where = f"№{m.label} 成果指標"
        num = S.style("indn", 8.5, align="right")
        for ind in indicators:
            rate = achievement_rate(ind)
            append_chunked(rows, cmds, ["", self.p(ind.name, where),
                         self.p(ind.unit, where, S.style("indu", 8.5, align="centre")),
                         self.raw(format_number(ind.baseline), num),
                         self.raw(format_number(ind.target), num),
                         self.raw(format_number(ind.actual), num),
                         self.raw(format_rate(rate) if rate is not None else "", num)], widths, max_h=120,
                           first_col=1)
        if len(rows) == 1:
            empty = 3 if self.blank else 1
            for _ in range(empty):
                append_chunked(rows, cmds, ["", Spacer(1, 5.5 * mm if self.blank else 3 * mm), "", "", "", "", ""],
                               widths, first_col=1)
        cmds += [
            ("FONT", (0, 0), (-1, -1), self.ctx.fonts.name, 8.5, 11),
            ("FONT", (1, 0), (-1, 0), self.ctx.fonts.name, 8, 10),
            ("ALIGN", (0, 0), (-1, 0), "CENTER"),
            ("BOX", (0, 0), (-1, -1), 0.9, S.RULE),
            ("LINEAFTER", (0, 0), (-2, -1), 0.45, S.RULE),
            ("BACKGROUND", (0, 0), (0, -1), S.LABEL_BG),
            ("BACKGROUND", (1, 0), (-1, 0), S.GROUP_BG),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ("LEFTPADDING", (0, 0), (-1, -1), PAD),
            ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
        ]
        return S.table(rows, widths, cmds, repeatRows=1, hAlign="LEFT")

    def rating_scale(self, selected: str | None, where: str, *, draft: bool = False) -> list[Flowable]:
        """The scale with the chosen level marked ■. A filled sheet lists the levels in two
        columns (labels only); the blank form adds each level's definition for the writer."""
        if not self.blank and len(self.data.rating_scale) > 1:
            cells = []
            for level in self.data.rating_scale:
                mark = "■" if selected == level.letter else "□"
                cells.append(self.raw(f"{mark}&nbsp;{self.esc(level.letter, '評価基準')}&nbsp;"
                                      f"{self.esc(level.label, '評価基準')}", self.text(indent=18, first_indent=-18)))
            half = (len(cells) + 1) // 2
            rows = [[cells[i], cells[i + half] if i + half < len(cells) else ""] for i in range(half)]
            mark = DraftMark(self.words.draft_mark, self.ctx.fonts.name, 11) if draft else None
            side = mark.width + 4 if mark else 0
            col = (self.content_w - 2 * PAD - side) / 2
            if mark:  # 「案」 beside the rating
                rows[0].append(mark)
                for r in rows[1:]:
                    r.append("")
            out: list[Flowable] = [S.table(rows, [col, col] + ([side] if mark else []), [
                ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0.5),
                ("VALIGN", (0, 0), (-1, -1), "TOP")], hAlign="LEFT")]
            if selected and selected not in {lv.letter for lv in self.data.rating_scale}:
                out.append(self.raw(f"■&nbsp;{self.esc(selected, where)}（評価基準にない記号）"))
            return out
        out = []
        for level in self.data.rating_scale:
            mark = "■" if (not self.blank and selected == level.letter) else "□"
            definition = self.esc(level.definition, "評価基準")
            definition = f'<font size=7.5 color="#555555">　{definition}</font>' if definition else ""
            out.append(self.raw(f"{mark}&nbsp;{self.esc(level.letter, '評価基準')}&nbsp;"
                                f"{self.esc(level.label, '評価基準')}{definition}",
                                S.body(indent=22, first_indent=-22)))
        if not self.blank and selected and selected not in {lv.letter for lv in self.data.rating_scale}:
            out.append(self.raw(f"■&nbsp;{self.esc(selected, where)}（評価基準にない記号）"))
        return out

    def rating_inline(self, selected: str | None, where: str) -> str:
        parts = []
        for level in self.data.rating_scale:
            mark = "■" if (not self.blank and selected == level.letter) else "□"
            parts.append(f"{mark}{self.esc(level.letter, '評価基準')}")
        if not self.blank and selected and selected not in {lv.letter for lv in self.data.rating_scale}:
            parts.append(f"■{self.esc(selected, where)}")
        return "&nbsp;&nbsp;".join(parts)

    def band(self, left: str, right: str) -> Table:
        return S.table([[self.raw(left, S.style("band", 10)), self.raw(right, S.style("bandr", 8, align="right"))]],
                       [self.width * 0.6, self.width * 0.4], [
                           ("BACKGROUND", (0, 0), (-1, -1), S.BAND_BG),
                           ("BOX", (0, 0), (-1, -1), 0.9, S.RULE),
                           ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                           ("TOPPADDING", (0, 0), (-1, -1), 2),
                           ("BOTTOMPADDING", (0, 0), (-1, -1), 3)], hAlign="LEFT")

    def history(self, m: Measure) -> Table | None:
        """Ratings of earlier years at both stages (「所管課／会議」); None before the first evaluation."""
        years = [y for y in range(self.data.plan.fy_start, self.fy)]
        if not any(m.evaluation_for(y) for y in years):
            return None
        years = years[-8:]
        w = self.words
        head_w = 32 * mm
        each = min(19 * mm, (self.content_w - 2 * PAD - head_w) / len(years))
        rows: list[list] = [["年度", *[fy_label(y) if each > 17 * mm else fy_short(y) for y in years]],
                            [self.short(f"{w.department}／{w.meeting_short}", "過去の評価", head_w - 12, 7.5),
                             *[""] * len(years)]]
        cmds: list[tuple] = [
            ("FONT", (0, 0), (-1, -1), self.ctx.fonts.name, 7.5, 9),
            ("FONT", (1, 1), (-1, 1), self.ctx.fonts.name, 9, 10.5),
            ("ALIGN", (0, 0), (-1, -1), "CENTER"),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("GRID", (0, 0), (-1, -1), 0.4, S.HAIRLINE),
            ("BACKGROUND", (0, 0), (-1, 0), S.GROUP_BG),
            ("BACKGROUND", (0, 0), (0, -1), S.GROUP_BG),
            ("TOPPADDING", (0, 0), (-1, -1), 1),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ]
        for i, y in enumerate(years, start=1):
            e = m.evaluation_for(y)
            if e is None:
                rows[1][i] = "－"
                cmds.append(("TEXTCOLOR", (i, 1), (i, 1), S.MUTED))
                continue
            meeting = e.council_rating or (e.rating if is_confirmed(e) else None)
            text = f"{e.self_rating or '－'}／{meeting or '－'}"
            if not is_confirmed(e):
                text += f"（{w.draft_mark}）"
                cmds.append(("TEXTCOLOR", (i, 1), (i, 1), S.HIGHLIGHT))
            rows[1][i] = self.short(text, f"№{m.label} 過去の評価", each - 4, 9)
        return S.table(rows, [head_w] + [each] * len(years), cmds, hAlign="LEFT")

    def evaluation_part(self, m: Measure) -> list[Flowable]:
        e = None if self.blank else m.evaluation_for(self.fy)
        w = f"№{m.label} {fy_short(self.fy)}評価"
        draft = self.is_draft(e)
        if self.blank:
            status = "記入用"
        elif e is None:
            status = "未評価（この年度の評価は登録されていません）"
        else:
            status = f"状態：{self.esc(self.data.terms.status_label(e.status), w)}"
            if draft:
                status = f'<font color="#c0392b">{self.words.draft_mark}（会議で未確定）</font>　{status}'
        band = self.band(f"{fy_label(self.fy)}　進捗状況の評価", status)

        rating = e.rating if e else None
        rows = []
        history = self.history(m)
        if history is not None:
            rows.append([self.lab("過去の評価"), history])
        # Carried over from last year ("start from last year"): shown when present.
        if e is not None and e.starting_point.strip():
            rows.append([self.lab("今年度の出発点\n（前年度の課題）"), self.p(e.starting_point, f"{w} 出発点")])
        if e is not None and e.planned_actions.strip():
            rows.append([self.lab("今年度の取組予定\n（前年度改善策）"), self.p(e.planned_actions, f"{w} 取組予定")])
        scale = self.rating_scale(rating, w, draft=draft)
        rows += [
            [self.lab("取組状況"), self.checks(self.data.terms.progress_names, e.progress if e else None, w)],
            [self.lab("進捗評価"), scale],
            [self.lab("取組実績"), self.text_box(e.achievements if e else "", f"{w} 取組実績", 7)],
        ]
        middle = [
            [self.lab("課　題"), self.text_box(e.issues if e else "", f"{w} 課題", 5)],
            [self.lab("改善策・\n次年度の取組"), self.text_box(e.improvements if e else "", f"{w} 改善策", 5)],
        ]
        closing = [
            [self.lab("今後の方向性"), self.checks(self.data.terms.direction_names, e.direction if e else None, w)],
            *[[self.lab(_stage_label(st.name)), self._stage(e, key, w)] for key, st in self.stages()],
        ]
        extras = _unknown_extras(e)
        if extras:
            lines = []
            for k, v in extras:
                shown = v if isinstance(v, str) else json.dumps(v, ensure_ascii=False)
                lines.append(self.p(f"{k}: {shown}", f"{w} その他"))
            closing.append([self.lab("その他"), lines])
        # The band keeps its first rows; the direction and both stages stay together so a
        # meeting's opinion never lands alone on a page. Rows of the blank form move whole.
        head = self.rows(rows, last=False)
        keep = (lambda f: KeepTogether([f])) if self.blank else (lambda f: f)
        return [KeepTogether([band, *head[:3]]), *map(keep, head[3:]),
                self.indicator_table(m, e), *map(keep, self.rows(middle, first=False, last=False)),
                KeepTogether(self.rows(closing, first=False))]

    def stages(self) -> list[tuple[str, EvaluationStage]]:
        """("first"/"middle"/"final", stage) for each evaluation stage of the plan: one row each."""
        terms = getattr(self.data, "terms", None)
        if terms is None or not terms.stages:
            return [("first", EvaluationStage(self.words.department)), ("final", EvaluationStage(self.words.meeting))]
        return list(zip(terms.stage_keys(), terms.stages))

    def _stage(self, e: Evaluation | None, stage: str, where: str) -> list[Flowable]:
        rating_f, comment_f, date_f = STAGE_FIELDS[stage]
        rating = getattr(e, rating_f) if e else None
        comment = getattr(e, comment_f) if e else ""
        date = getattr(e, date_f) if e else None
        author = (e.self_author if e else "") if stage == "first" else None
        who = "記入者" if stage == "first" else ""
        meta = [f"評価　{self.rating_inline(rating, where)}"]
        if self.blank:
            blank = IDEOGRAPHIC_SPACE
            meta.append(f"{who}（{blank * 8}）" if who else "")
            meta.append(f"日付（令和{blank * 2}年{blank * 2}月{blank * 2}日）")
        else:
            if author:
                meta.append(f"{who}：{self.esc(str(author), where)}")
            if date:
                meta.append(f"日付：{self.esc(_date_text(date), where)}")
        out: list[Flowable] = [self.raw(GAP.join(x for x in meta if x), S.body(8.5))]
        if self.blank:
            out.append(WritingLines(4))
        elif comment and str(comment).strip():
            out.append(self.p(str(comment), f"{where} {stage}意見"))
        else:
            out.append(Spacer(1, 5 * mm))
        return out

    def sheet(self, m: Measure) -> list[Flowable]:
        """The flowables of one sheet; the caller adds page breaks and the continuation header."""
        return [*self.plan_part(m), Spacer(1, 3 * mm), *self.evaluation_part(m)]


def _height(flowables: list[Flowable], width: float, limit: float) -> float:
    """Total height of *flowables*, or something over *limit* as soon as that is certain."""
    total = 0.0
    for f in flowables:
        if isinstance(f, KeepTogether):
            total += _height(f._content, width, limit - total)
        else:
            total += f.wrap(width, 0x7FFFFFFF)[1] + f.getSpaceBefore() + f.getSpaceAfter()
        if total > limit:
            break
    return total


COMPACT_GAIN = 1.12  # the compact setting saves about a tenth of a sheet's height


def fitted_sheet(b: SheetBuilder, compact: SheetBuilder, m: Measure, frame_h: float) -> list[Flowable]:
    """The sheet of *m*; set compact when that makes a sheet fit one page that otherwise would not."""
    parts = b.sheet(m)
    if b.blank:
        return parts
    height = _height(parts, b.width, frame_h * COMPACT_GAIN)
    if height <= frame_h or height > frame_h * COMPACT_GAIN:
        return parts  # fits, or too long for any setting to fit one page
    tight = compact.sheet(m)
    return tight if _height(tight, b.width, frame_h) <= frame_h - 2 else parts


def _stage_label(name: str) -> str:
    """「所管課の\n評価・意見」; a long stage name is cut into lines that fit the label cell."""
    return "\n".join(_label_lines(f"{name}の", 9)) + "\n評価・意見"


def _label_lines(text: str, per_line: int) -> list[str]:
    """A label cut into lines of at most *per_line* characters, preferably after ・ or の."""
    out, line = [], ""
    for ch in text:
        line += ch
        if len(line) >= per_line or (ch in "・" and len(line) >= per_line // 2):
            out.append(line)
            line = ""
    if line:
        out.append(line)
    return out


# ------------------------------------------------------------------ documents
def _cover(b: SheetBuilder, data: PlanData, measures: list[Measure], title: str, options: ReportOptions) -> list:
    ctx = b.ctx
    centre = S.style("cover", 13, align="centre", leading=20)
    out: list[Flowable] = [Anchor("cover", "表紙", 0), Spacer(1, 38 * mm)]
    out.append(b.raw(ctx.markup(data.plan.title, "表紙"), S.style("ct", 16, align="centre", leading=24)))
    out.append(Spacer(1, 10 * mm))
    out.append(b.raw(fy_label(b.fy), S.style("cfy", 15, align="centre", leading=22)))
    out.append(Spacer(1, 4 * mm))
    out.append(b.raw(title, S.style("ctitle", 22, align="centre", leading=30)))
    out.append(Spacer(1, 24 * mm))
    from ..domain import groups as G

    per_top: dict[int, int] = {}  # per top-level group (the whole subtree)
    for m in measures:
        top = G.top_of(data, m.viewpoint)
        per_top[top] = per_top.get(top, 0) + 1
    widths = [LABEL_W, 110 * mm]
    rows: list[list] = []
    cmds: list[tuple] = []
    word = data.terms.measure
    described = ctx.markup(describe_measures(measures), "表紙")
    append_chunked(rows, cmds, [b.lab("対象"), b.raw(f"{ctx.markup(word, '表紙')} {len(measures)}件（{described}）")],
                   widths)
    level = data.terms.top_level or "グループ"
    for vp, n in per_top.items():
        append_chunked(rows, cmds, [b.lab(level), b.raw(f"{ctx.markup(viewpoint_label(data, vp), '表紙')}　{n}件")],
                       widths)
    if options.meeting.strip():
        append_chunked(rows, cmds, [b.lab("会議"), b.raw(ctx.markup(options.meeting, "会議名"))], widths)
    if options.meeting_date:
        append_chunked(rows, cmds, [b.lab("開催日"), b.raw(date_label(options.meeting_date))], widths)
    if options.document_no.strip():
        append_chunked(rows, cmds, [b.lab("資料番号"), b.raw(ctx.markup(options.document_no, "資料番号"))], widths)
    append_chunked(rows, cmds, [b.lab("作成日"), b.raw(date_label(options.date()))], widths)
    t = S.table(rows, widths, hAlign="CENTER", cmds=cmds + [
        ("FONT", (0, 0), (-1, -1), ctx.fonts.name, 9, 12),
        ("BOX", (0, 0), (-1, -1), 0.9, S.RULE),
        ("LINEAFTER", (0, 0), (0, -1), 0.45, S.RULE),
        ("BACKGROUND", (0, 0), (0, -1), S.LABEL_BG),
        ("ALIGN", (0, 0), (0, -1), "CENTER"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
    ])
    out.append(t)
    out.append(Spacer(1, 18 * mm))
    if data.plan.policy:
        out.append(b.raw(f"基本方針　「{ctx.markup(data.plan.policy, '表紙')}」", centre))
    out.append(PageBreak())
    return out


def _toc(b: SheetBuilder, data: PlanData, measures: list[Measure], keys: dict[str, str]) -> list:
    ctx = b.ctx
    out: list[Flowable] = [Anchor("toc", "目次", 0), b.raw("目　次", S.style("toch", 15, align="centre", leading=22)),
                           Spacer(1, 5 * mm)]
    small = S.style("tocs", 8.5, words_only=True)
    page_w = 14 * mm
    dept_w = 52 * mm
    no_w = 13 * mm if not any(m.code and len(m.code) > 4 for m in measures) else 19 * mm  # 8-character codes fit
    title_w = b.width - page_w - dept_w - no_w
    rows = [[b.raw("№", S.label()), b.raw(ctx.markup(data.terms.measure, "目次"), S.label()), b.raw("担当部課", S.label()),
             b.raw("頁", S.label())]]
    cmds = [
        ("LINEBELOW", (0, 0), (-1, 0), 0.9, S.RULE),
        ("BACKGROUND", (0, 0), (-1, 0), S.LABEL_BG),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
    ]
    widths = [no_w, title_w, dept_w, page_w]
    for kind, item in with_headings(data, measures):
        if kind == "group":  # a heading row per group level
            # never alone at the foot of a page (S.heading_cell)
            par = S.heading_cell(b.raw(ctx.markup(heading_text(data, item), "目次"), S.style("tocv", 9.5)))
            first, last = append_chunked(rows, cmds, [par, "", "", ""], [b.width, 0, 0, 0], rule=S.HAIRLINE,
                                         line=0.3)
            for r in range(first, last + 1):
                cmds += [("SPAN", (0, r), (-1, r)), ("BACKGROUND", (0, r), (-1, r), S.GROUP_BG)]
            continue
        m = item
        key = keys[m.id]
        prio = '<font color="#c0392b">【重点】</font>' if m.priority else ""
        append_chunked(rows, cmds, [
            b.raw(ctx.markup(m.label, "目次"), S.style("tocno", 9 if len(m.label) <= 6 else 7.5, align="right")),
            b.raw(f'<a href="#{key}">{prio}{ctx.markup(m.title, f"№{m.label} 名称")}</a>'),
            b.raw(ctx.markup("、".join(m.departments), f"№{m.label} 担当部課"), small),
            PageRef(key, ctx.fonts.name, 9),
        ], widths, rule=S.HAIRLINE, line=0.3)
    out.append(S.table(rows, widths, cmds, repeatRows=1, hAlign="LEFT"))
    return out


def build_sheets(data: PlanData, fy: int, measures: list[Measure] | None = None, *, blank: bool = False,
                 cover: bool | None = None, options: ReportOptions | None = None,
                 fonts: FontSet | None = None, processes: int = 1) -> ReportResult:
    """Evaluation sheets (or blank forms) for *measures* (default: all) in fiscal year *fy*.

    With more than one measure the document gets a cover page and a table of
    contents (unless ``cover=False``) and always an outline with one entry per
    viewpoint and measure.

    *processes* > 1 lays out a long batch in up to that many processes at once
    (:mod:`.parallel`; the command line passes the cores it may use): the same
    pages, text, links and bookmarks as one piece, with a font subset per
    process, so the bytes depend on the number of parts. A build with a
    progress callback (the window's) is always made in one piece.
    """
    options = options or ReportOptions()
    check_fiscal_year(data, fy)
    # every measure that runs in *fy* (its active years); an explicit selection is printed as given
    measures = list(data.active_measures(fy) if measures is None else measures)
    job = _SheetsJob(data, fy, measures, blank, cover, options, fonts)
    ranges = job.part_ranges(1 if options.progress is not None else processes)
    if len(ranges) < 2:
        return job.build(0, len(job.measures))
    from .parallel import build_in_parts

    return build_in_parts(lambda i, link: job.build(*ranges[i], part=link), len(ranges))


# A part costs a process and a font subset of its own: below this many sheets
# per part, laying them out in parallel gains too little.
MIN_SHEETS_PER_PART = 6
# Joining the parts, done by the process of the first part after all are laid out, costs
# about this share of laying out the whole batch (measured: 40-60 ms of 1.1-1.2 s of CPU
# for 35 sheets), so that part gets that much less to lay out. The cover and contents
# were weighed again the same way (the first part took ~10 % more CPU than the second).
JOIN_SHARE = 0.045


class _SheetsJob:
    """One batch of sheets, built whole or as parts (consecutive measures)."""

    def __init__(self, data: PlanData, fy: int, measures: list[Measure], blank: bool, cover: bool | None,
                 options: ReportOptions, fonts: FontSet | None):
        self.data, self.fy, self.measures, self.blank, self.options, self.fonts = data, fy, measures, blank, options, fonts
        self.multi = len(measures) > 1
        self.with_cover = self.multi if cover is None else cover
        self.kind = "進捗状況評価シート（記入用）" if blank else "進捗状況評価シート"

    def part_ranges(self, processes: int) -> list[tuple[int, int]]:
        """Consecutive measure ranges of about equal work, the first one also
        carrying the cover and contents; one range when parts do not pay."""
        n = len(self.measures)
        count = min(processes, n // MIN_SHEETS_PER_PART)
        if count < 2:
            return [(0, n)]
        weights = [_sheet_weight(m, self.fy) for m in self.measures]
        total = sum(weights)
        front = (0.6 + 0.06 * n) * 1500 if self.with_cover else 0  # cover and contents, in sheet units
        front += JOIN_SHARE * total  # the first part's process also joins the parts at the end
        target = (total + front) / count
        ranges, start, acc = [], 0, front
        for i, w in enumerate(weights):
            if len(ranges) < count - 1 and acc + w / 2 > target and i > start:
                ranges.append((start, i))
                start, acc = i, 0.0
            acc += w
        ranges.append((start, n))
        return ranges

    def build(self, start: int, stop: int, part: PartLink | None = None, *, cover: bool | None = None,
              contents: bool | None = None, first_page: int = 1) -> ReportResult:
        """The document of measures [start, stop) (all of them unless it is a *part*);
        the cover and the contents come with the part that starts at 0 unless
        *cover* / *contents* say otherwise (:mod:`.progressive` shows the cover alone first)."""
        data, fy, measures, options = self.data, self.fy, self.measures, self.options
        ctx = new_context(self.fonts)
        if part is not None:
            part.watch(ctx)
        setup = S.PageSetup("A4", "portrait")
        b = SheetBuilder(data, fy, ctx, setup.frame_width, blank=self.blank, options=options)
        compact = SheetBuilder(data, fy, ctx, setup.frame_width, blank=self.blank, options=options, compact=True)
        frame_h = setup.size[1] - setup.margins[2] - setup.margins[3]
        kind, multi, with_cover = self.kind, self.multi, self.with_cover

        keys = {m.id: f"m{i}" for i, m in enumerate(measures)}
        story: list = []
        cover = with_cover and start == 0 if cover is None else cover
        contents = with_cover and start == 0 if contents is None else contents
        if cover:
            story += _cover(b, data, measures, kind, options)
        if contents:
            story += _toc(b, data, measures, keys)
        from ..domain import groups as G

        # the group path of the measure before the part (its headings were printed there)
        path: list[int] = G.headings_between(data, [], measures[start - 1].viewpoint)[1] if start else []
        total = len(measures)
        for i in range(start, stop):
            m = measures[i]
            if i > start or contents:
                story.append(RectoBreak())  # each sheet starts on a recto when printed double-sided
            if multi or with_cover:
                heads, path = G.headings_between(data, path, m.viewpoint)
                for h in heads:  # an outline level per group level
                    story.append(Anchor(f"v{i}_{h.depth}", heading_text(data, h).strip(), h.depth, closed=False))
                story.append(Anchor(keys[m.id], m.display_title, len(path)))
            story.append(SheetMark(f"№{m.label}"))
            parts = fitted_sheet(b, compact, m, frame_h)
            story.append(parts[0])  # the title block; the pages after it start with the continuation header
            story.append(SetTopFlowables([b.continuation_header(m), Spacer(1, 2 * mm)]))
            story += parts[1:]
            story.append(SetTopFlowables([]))
            story.append(ProgressTick(i + 1, total))
        if not measures:
            story.append(Paragraph(f"対象の{ctx.markup(data.terms.measure, '本文')}がありません。", S.body()))
        if part is not None and start < stop < total:
            story.append(PartEnd())

        if len(measures) == 1:
            m = measures[0]
            title = f"{kind} №{m.label} {m.title}（{fy_label(fy)}）"
            name = f"{'記入用シート' if self.blank else '評価シート'}_{fy_short(fy)}_No{m.label}.pdf"
        else:
            title = f"{kind}（{fy_label(fy)}）"
            name = f"{'記入用シート' if self.blank else '評価シート'}_{fy_short(fy)}_{len(measures)}件.pdf"
        return build_pdf(
            story, setup=setup, ctx=ctx, options=options,
            header_left=data.plan.title, header_right=f"{fy_label(fy)}　{kind}",
            title=title, subject=f"{data.plan.title} {fy_label(fy)} {kind}",
            keywords=["進捗状況評価", fy_label(fy)], show_outline=multi, suggested_name=name, part=part,
            first_page=first_page,
        )


def _sheet_weight(m: Measure, fy: int) -> float:
    """Rough layout work of a measure's sheet: a fixed form plus its text."""
    e = m.evaluation_for(fy)
    text = len(m.issue or "") + len(m.content or "") + sum(
        len(item.text) + sum(len(s) for s in item.sub) for b in m.blocks_for(fy) for item in b.items)
    if e is not None:
        text += sum(len(v) for v in vars(e).values() if isinstance(v, str))
    return 1500 + text
